"""Fast whole-word multi-pattern matching (Aho-Corasick) with the case rules names need."""
from __future__ import annotations

import ahocorasick


def lower_same_length(text: str) -> str:
    """Lower-case text without changing offsets (a few characters grow when lower-cased)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def is_word_char(ch: str) -> bool:
    return ch.isalnum()


def case_rule(surface: str) -> str:
    """How strictly a dictionary form must match the text's case.

    "exact" for acronyms ("US" is not "us"), "capital" for names ("Turkey" is not "turkey",
    "Chad" is not "chad"), "any" for common nouns and titles.
    """
    letters = [c for c in surface if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "exact"
    if surface[:1].isupper():
        return "capital"
    return "any"


def case_ok(rule: str, surface: str, found: str) -> bool:
    if rule == "exact":
        return found == surface
    if rule == "capital":
        # every capitalised word of the name must be capitalised in the text ("the Netherlands")
        for want, got in zip(surface.split(), found.split()):
            if want[:1].isupper() and not got[:1].isupper():
                return False
        return True
    return True


class PhraseMatcher:
    """Find dictionary phrases in text: whole words, leftmost-longest, case rules applied."""

    def __init__(self, phrases: dict):
        """phrases: surface form -> payload."""
        self._automaton = ahocorasick.Automaton()
        by_key: dict[str, list] = {}
        for surface, payload in phrases.items():
            key = lower_same_length(surface)
            by_key.setdefault(key, []).append((surface, case_rule(surface), payload))
        for key, variants in by_key.items():
            self._automaton.add_word(key, (len(key), variants))
        self._automaton.make_automaton()

    def find_all(self, text: str, lowered: str | None = None) -> list[tuple[int, int, object]]:
        """Every whole-word match (start, end, payload); overlapping matches included."""
        lowered = lowered if lowered is not None else lower_same_length(text)
        found = []
        n = len(text)
        for end_index, (length, variants) in self._automaton.iter(lowered):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
                continue
            if end < n and is_word_char(text[end]) and is_word_char(text[end - 1]):
                continue
            piece = text[start:end]
            for surface, rule, payload in variants:
                if case_ok(rule, surface, piece):
                    found.append((start, end, payload))
                    break
        return found

    def find(self, text: str, lowered: str | None = None) -> list[tuple[int, int, object]]:
        """Non-overlapping matches, leftmost-longest first."""
        return leftmost_longest(self.find_all(text, lowered))


def leftmost_longest(matches: list[tuple]) -> list[tuple]:
    matches = sorted(matches, key=lambda m: (m[0], -(m[1] - m[0])))
    chosen, last_end = [], -1
    for match in matches:
        if match[0] >= last_end:
            chosen.append(match)
            last_end = match[1]
    return chosen


HEADLINE_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but",
                        "with", "by", "from", "as", "vs", "v", "over", "into", "after", "amid"}


def is_title_case(sentence: str) -> bool:
    """Headline style ("Japan Says It Will Press China"): capitals carry no information."""
    words = [w for w in sentence.split() if w[:1].isalpha()]
    if len(words) < 3:
        return False
    return all(w[:1].isupper() or w.lower() in HEADLINE_SMALL_WORDS for w in words)
