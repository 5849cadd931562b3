"""Triggers by lemma, for coding from a dependency parse.

Two sources, one table: the project's hand-written patterns (triggers.yaml) and PETRARCH2's CAMEO
verb patterns (cameo_verbs.tsv, mapped to PLOVER through cameo_plover.tsv). A trigger is a head
lemma (a verb, or an event noun such as "talks") plus the words its own phrase must hold
("hold" + "talk", "impose" + "sanction", "meet" + "with"). The most specific match wins; on equal
specificity the hand-written entry wins, so an analyst can always override a converted one.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from .dictionaries import (DICTIONARY_DIR, EVENT_TYPES, PARTICLES, TriggerEntry, load_event_defaults,
                           load_triggers, read_tsv)
from .parse import lemma_of

# Frames the tree coder does not handle: the regex rules for these stay in charge.
REGEX_ONLY_FRAMES = {"patient-first", "parties", "main-subject", "giver-after"}
# CAMEO root code -> quad class (CAMEO's own grouping: verbal/material x cooperation/conflict)
QUAD_BY_ROOT = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
                **{f"{r:02d}": 3 for r in range(9, 15)}, **{f"{r:02d}": 4 for r in range(15, 21)}}
# "said", "has", "make": verbs so general that only a pattern with an object may code them
TOO_GENERAL = {"say", "be", "have", "do", "make", "get", "go", "come", "take", "give", "put", "see",
               "tell", "keep", "let", "begin", "start", "continue", "become", "remain", "leave",
               "add", "include", "use", "know", "think", "want", "need", "seem", "show", "try",
               "call", "describe", "name", "term", "label", "consider", "find", "hold", "bring",
               "head",
               # the subject undergoes, it does not act on another: "Arafat died at a French
               # hospital", "Turkey faces a long road to EU membership"
               "die", "face",
               # metaphors far more often than acts between states: "push Japan off the top of the
               # chart", "France joins Germany in economic slide", "a company backed by Beijing",
               # "a row marred the opening day of the test against New Zealand"
               "push", "join", "back", "mar",
               # the leader of a side, not an act on the other: "the German who led Greece to an
               # upset win at Euro 2004" (the verb alone is CAMEO's 060, material cooperation)
               "lead"}



@dataclass(frozen=True)
class TreeTrigger:
    head: str                 # lemma of the verb or event noun
    words: tuple              # tokens its phrase must hold: lemma strings or frozensets (synsets)
    before: tuple             # tokens the subject's phrase must hold (PETRARCH's "&MILITARY *")
    entry: TriggerEntry
    hand: bool                # hand-written (wins over converted patterns)
    verb: bool = True         # the head is a verb (else an event noun: "talks with", "clashes")

    @property
    def specificity(self) -> int:
        return len(self.words) + len(self.before)


def _lemma_token(word: str):
    if word.startswith("{") and word.endswith("}"):
        return word[1:-1].lower()
    if "|" in word:  # "would|could": a set of words, as a synset
        return frozenset(lemma_of(w, "NN") for w in word.split("|"))
    return lemma_of(word, "NN")


def _hand_triggers(directory) -> list[TreeTrigger]:
    found = []
    for entry in load_triggers(directory):
        if entry.frame in REGEX_ONLY_FRAMES or entry.pattern == "should":
            continue
        words = [w for w in entry.pattern.split() if w != "..."]
        head, rest = _lemma_token(words[0]), tuple(_lemma_token(w) for w in words[1:])
        found.append(TreeTrigger(head, rest, (), entry, True, verb=words[0].startswith("{")))
    return found


def _noun_triggers(directory) -> list[TreeTrigger]:
    """event_nouns.tsv: nouns that code an event when their own phrase names both sides."""
    defaults = load_event_defaults(directory)
    found = []
    for row in read_tsv(directory / "event_nouns.tsv"):
        event = row["event"]
        if event not in EVENT_TYPES:
            raise ValueError(f"event_nouns.tsv: unknown event type {event!r}")
        _, goldstein, quad = defaults[event]
        entry = TriggerEntry(event=event, pattern=row["noun"], mode=row["mode"],
                             cameo=row["cameo"] or defaults[event][0], goldstein=goldstein,
                             quad_class=quad, frame="both-sides",
                             origin=f"event_nouns.tsv:{event}/{row['noun']}")
        found.append(TreeTrigger(row["noun"], (), (), entry, True, verb=False))
    return found


def _converted_triggers(directory) -> list[TreeTrigger]:
    from .cameo_lexicon import load_cameo_verbs

    defaults = load_event_defaults(directory)
    found = []
    for verb, patterns in load_cameo_verbs(directory).items():
        for p in patterns:
            if p.event not in EVENT_TYPES:
                continue
            words = tuple(w for w in p.after if w not in ("$", "+", "*"))
            if p.particle:
                words = (p.particle,) + words
            before = tuple(w for w in p.before if w not in ("$", "+", "*"))
            if not words and not before and verb in TOO_GENERAL:
                continue
            root = p.cameo[:2]
            _, goldstein, quad = defaults[p.event]
            # a show of force whose pattern is particles alone ("fly into") names no force of its
            # own: only armed forces make it ("President Kwasniewski flew into Kiev" is a visit)
            pattern = [w for w in p.before + p.after if w not in ("$", "+", "*")]
            armed = p.event == "MOBILIZE" and bool(pattern) and all(w in PARTICLES for w in pattern)
            entry = TriggerEntry(event=p.event, pattern=f"{{{verb}}} {' '.join(_show(w) for w in p.after)}".strip(),
                                 mode=p.mode, cameo=root, goldstein=goldstein,
                                 quad_class=QUAD_BY_ROOT.get(root, quad), origin=p.rule, armed=armed)
            found.append(TreeTrigger(verb, words, before, entry, False))
    return found


def _show(token) -> str:
    return "&" + "|".join(sorted(token))[:20] if isinstance(token, frozenset) else str(token)


@functools.lru_cache(maxsize=4)
def load_tree_triggers(directory=DICTIONARY_DIR) -> dict[str, list[TreeTrigger]]:
    """head lemma -> triggers, most specific first, hand-written first among equals."""
    table: dict[str, list[TreeTrigger]] = {}
    for trigger in _hand_triggers(directory) + _noun_triggers(directory) + _converted_triggers(directory):
        table.setdefault(trigger.head, []).append(trigger)
    for triggers in table.values():
        triggers.sort(key=lambda t: (-t.specificity, not t.hand))
    return table
