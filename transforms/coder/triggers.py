"""Find event triggers in a sentence: patterns from triggers.yaml with verb inflection and gaps."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .dictionaries import TriggerEntry
from .matching import PhraseMatcher, is_title_case, leftmost_longest, lower_same_length

# Irregular verbs that occur in news triggers: base -> (past, past participle).
IRREGULAR = {
    "meet": ("met", "met"), "sit": ("sat", "sat"), "hold": ("held", "held"), "give": ("gave", "given"),
    "send": ("sent", "sent"), "take": ("took", "taken"), "withdraw": ("withdrew", "withdrawn"),
    "lead": ("led", "led"), "shoot": ("shot", "shot"), "fight": ("fought", "fought"),
    "strike": ("struck", "struck"), "break": ("broke", "broken"), "sell": ("sold", "sold"),
    "speak": ("spoke", "spoken"), "tell": ("told", "told"), "bring": ("brought", "brought"),
    "freeze": ("froze", "frozen"), "forgive": ("forgave", "forgiven"), "keep": ("kept", "kept"),
    "make": ("made", "made"), "seek": ("sought", "sought"), "swear": ("swore", "sworn"),
    "blow": ("blew", "blown"), "set": ("set", "set"), "put": ("put", "put"), "cut": ("cut", "cut"),
    "shut": ("shut", "shut"), "hit": ("hit", "hit"), "beat": ("beat", "beaten"),
    "undertake": ("undertook", "undertaken"), "forbid": ("forbade", "forbidden"),
    "draw": ("drew", "drawn"), "drive": ("drove", "driven"), "flee": ("fled", "fled"),
    "begin": ("began", "begun"), "come": ("came", "come"), "go": ("went", "gone"),
    "lose": ("lost", "lost"), "stand": ("stood", "stood"), "pay": ("paid", "paid"),
    "deal": ("dealt", "dealt"), "overthrow": ("overthrew", "overthrown"), "lend": ("lent", "lent"),
    "fly": ("flew", "flown"), "win": ("won", "won"), "shake": ("shook", "shaken"),
    "steal": ("stole", "stolen"), "bind": ("bound", "bound"), "tear": ("tore", "torn"),
    "say": ("said", "said"), "rebuild": ("rebuilt", "rebuilt"), "feed": ("fed", "fed"),
    "lay": ("laid", "laid"), "arise": ("arose", "arisen"), "rise": ("rose", "risen"),
    "see": ("saw", "seen"), "do": ("did", "done"), "have": ("had", "had"), "spend": ("spent", "spent"),
    "throw": ("threw", "thrown"), "mislead": ("misled", "misled"), "uphold": ("upheld", "upheld"), "withhold": ("withheld", "withheld"),
    "leave": ("left", "left"), "build": ("built", "built"), "burn": ("burnt", "burnt"), "get": ("got", "gotten"),
    "overrun": ("overran", "overrun"), "plead": ("pled", "pled"), "sweep": ("swept", "swept"),
}
# (checked against lemminflect's inflections of every triggers.yaml verb; its tables are not loaded
# at run time, as they cost some 18 MB in every coder process)
VOWELS = set("aeiou")


def verb_forms(verb: str) -> set[str]:
    """All forms of a regular or irregular verb; over-generation is harmless for matching."""
    forms = {verb}
    if verb in IRREGULAR:
        forms.update(IRREGULAR[verb])
    # third person
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(verb + "es")
    elif verb.endswith("y") and verb[-2:-1] not in VOWELS:
        forms.add(verb[:-1] + "ies")
    else:
        forms.add(verb + "s")
    # past and -ing
    if verb.endswith("ee"):
        forms.update({verb + "d", verb + "ing"})  # "agreeing", "freeing"
    elif verb.endswith("e"):
        forms.update({verb + "d", verb[:-1] + "ing"})
    elif verb.endswith("y") and verb[-2:-1] not in VOWELS:
        forms.update({verb[:-1] + "ied", verb + "ing"})
    else:
        forms.update({verb + "ed", verb + "ing"})
        # consonant-vowel-consonant endings may double ("ban" -> "banned", "expel" -> "expelled")
        if (len(verb) >= 3 and verb[-1] not in VOWELS | set("wxy") and verb[-2] in VOWELS
                and verb[-3] not in VOWELS):
            forms.update({verb + verb[-1] + "ed", verb + verb[-1] + "ing"})
    if verb == "ceasefire":
        forms = {"ceasefire", "cease-fire"}
    return forms


def expand_segment(words: list[str]) -> list[str]:
    """Literal variants of a gap-free run of pattern words."""
    options = []
    for word in words:
        if word.startswith("{") and word.endswith("}"):
            options.append(sorted(verb_forms(word[1:-1].lower())))
        else:  # "would|could": any one of the words
            options.append(word.lower().split("|"))
    return [" ".join(combo) for combo in itertools.product(*options)]


def split_pattern(pattern: str) -> list[list[str]]:
    segments, current = [], []
    for word in pattern.split():
        if word == "...":
            segments.append(current)
            current = []
        else:
            current.append(word)
    segments.append(current)
    return [s for s in segments if s]


@dataclass(frozen=True)
class TriggerMatch:
    start: int
    end: int
    entry: TriggerEntry
    head_end: int  # end of the pattern's first words (its object may sit inside a "..." gap)

    @property
    def length(self) -> int:
        return self.end - self.start


class TriggerFinder:
    """Anchor on a pattern's first segment with Aho-Corasick, then check the rest by regex."""

    GAP = r"(?:\W+[\w'’-]+){0,4}?\W+"
    INSIDE = r"[\s\"“”‘]+"

    def __init__(self, entries: list[TriggerEntry]):
        anchors: dict[str, list] = {}
        for entry in entries:
            segments = split_pattern(entry.pattern)
            rest = None
            if len(segments) > 1:
                # later words may be plural: "{impose} ... blockade" matches "imposed blockades"
                # a quotation mark inside a phrase does not break it: 'would "pay a price"'
                alternatives = [
                    "(?:" + "|".join(re.escape(v).replace(r"\ ", self.INSIDE) for v in expand_segment(seg))
                    + ")(?:s|es)?"
                    for seg in segments[1:]
                ]
                rest = re.compile(self.GAP + self.GAP.join(alternatives) + r"\b")
            for variant in expand_segment(segments[0]):
                anchors.setdefault(variant, []).append((entry, rest))
        # keys are lower-case so the case rule is "any"
        self._matcher = PhraseMatcher(anchors)

    def find(self, sentence: str, lowered: str | None = None) -> list[TriggerMatch]:
        lowered = lowered if lowered is not None else lower_same_length(sentence)
        candidates = []
        for start, end, options in self._matcher.find_all(sentence, lowered):
            if start > 0 and sentence[start].isupper() and not self._is_headline(sentence):
                continue  # "in March", "Sue Smith": a capitalised word mid-sentence is a name
            for entry, rest in options:
                if rest is None:
                    candidates.append((start, end, entry, end))
                    continue
                m = rest.match(lowered, end)
                if m:
                    candidates.append((start, m.end(), entry, end))
        # a pattern its own next words rule out ("flew into Georgian airspace" is no visit)
        # leaves the span to the others
        candidates = [c for c in candidates if not c[2].ruled_out(sentence, c[0], c[3])]
        # on equal spans the more specific pattern wins: "{conduct} joint ... exercises" is
        # cooperation, "{conduct} ... exercises" a show of force
        candidates.sort(key=lambda c: -len(c[2].pattern.replace("...", "").split()))
        chosen = leftmost_longest(candidates)
        return [TriggerMatch(s, e, entry, head) for s, e, entry, head in chosen]

    def _is_headline(self, sentence: str) -> bool:
        return is_title_case(sentence)
