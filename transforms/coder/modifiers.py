"""Country words that only modify a noun: "a UK tour", "their US listings", "the Iraq war".

A country word is an actor when it heads its phrase ("the US said"), takes a role ("US troops",
"US security officials"), or modifies a noun that is its act or its thing: a trigger ("a US
offer", "US air strikes"), a noun of `actor_nouns.tsv` ("a UN resolution", "US custody") or a
place ("a Gaza refugee camp"). Before any other common noun it only says where or what kind ("US
acts" are musicians, "Iraq advice calls" are calls for advice about Iraq): no actor. There is no
parser, so whether the next word is a noun or a verb is read from its shape and known verbs.
"""
from __future__ import annotations

import re

from .triggers import IRREGULAR, verb_forms

# Words that can follow a subject without being a noun it modifies.
FUNCTION_WORDS = set("""
and or nor but has have had is are was were be been being will would shall should can could may
might must did does do to in on at of for from by with as than that which who whom whose where when
while since after before because if unless into onto over under without within during until against
about across through toward towards alone also still now then today yesterday tonight tomorrow last
this next again already yet never not too so even only just once here there instead first later
earlier soon often both all each together plus via per itself themselves a an the its their his her
our my your some any no every more most much many another other such these those what how why up down
out off back away it they he she we you them him me i one two three four five six seven eight nine
ten dozens hundreds thousands millions few several near outside inside around along among amid
between beyond behind despite like unlike except said says say told tells
almost ever quite rather perhaps maybe indeed however therefore thus meanwhile overnight abroad ago
though although whereas either whether twice amongst upon
""".split())
# Verbs (not triggers) that often follow a country subject, in headlines too.
COMMON_VERBS = """
say tell want hope plan need seek expect believe fear think intend remain continue face appear seem
try begin get take make have do see know feel look come go keep give claim argue insist consider
prepare move stand lose win become show allow let help use put set hold lead bring mark eye mull
weigh slam blast back hit urge warn vow near ponder step push press open close rule fall rise join
quit leave launch start end stop cut raise boost ease tighten extend renew resume delay postpone
welcome hail agree oppose pledge reject deny accuse vote call ask order send sign seal announce
confirm admit report unveil outline propose offer buy sell pay owe lend borrow spend invest export
import produce trade grow shrink top lag trail beat edge slip dip drop soar surge plunge slide
tumble jump climb gain post record return turn play run work talk meet visit host match cancel
""".split()
# The place an act happens: "raided a Gaza refugee camp", "the Iraqi city of Basra".
PLACE_NOUNS = {"city", "town", "capital", "village", "province", "region", "border", "port", "camp",
               "territory", "soil", "coast", "waters", "airspace", "embassy", "consulate"}
# Before the country: a noun phrase ("their US listings", "a UK tour", "of US drama") ...
NOUN_PHRASE_BEFORE = re.compile(
    r"\b(?:a|an|its|their|his|her|our|your|whose|of|in|on|for|to|into|from|by|with|at|about|"
    r"over|against|under|than)\s+$", re.I)
# ... or a clause's subject ("demanded that the US cancel plans", "Israel and Syria want ...",
# "help Somalia rebuild").
SUBJECT_BEFORE = re.compile(r"\b(?:that|whether|and|or|help|helps|helped|helping|let|lets|make|"
                            r"makes|made)\s+(?:the\s+)?$", re.I)
# After the noun: a verb, so the noun was the subject's head ("US acts are", "US stocks rose").
VERB_AFTER = re.compile(r"\s+(?:is|are|was|were|has|have|had|will|would|could|can|may|might|must|"
                        r"should|did|do|does|[a-z]+ed)\b")
NOUN_RUN = re.compile(r" ([a-z][a-z'’-]*)(?: ([a-z][a-z'’-]*))?(?: ([a-z][a-z'’-]*))?")
MODIFIER_KINDS = ("country", "seat", "igo")
# A determiner opens the noun phrase the country word stands in: "the US missile defence plan"
DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our)\s+$", re.I)
TRIGGER_VERB = re.compile(r"\{([a-z-]+)\}")


class NounModifiers:
    def __init__(self, lexicon):
        self.verbs = {form for verb in COMMON_VERBS for form in verb_forms(verb)}
        self.verbs |= {form for verb in IRREGULAR for form in verb_forms(verb)}
        self.verbs |= {form for entry in lexicon.triggers
                       for verb in TRIGGER_VERB.findall(entry.pattern) for form in verb_forms(verb)}
        self.actor_nouns = lexicon.actor_nouns

    def verb_like(self, word: str) -> bool:
        """True for a word that may be a verb, an auxiliary or a function word after a subject."""
        w = word.lower()
        return w in FUNCTION_WORDS or w in self.verbs or w.endswith(("ed", "ly", "ing")) or \
            w[:1].isdigit()

    def noun_gap(self, text: str) -> bool:
        """' agrochemical ', ' security ': nouns or adjectives between a country and its role
        ("US agrochemical giant", "US security official"), never a verb ("Britain mobilized army")."""
        words = text.split()
        return 1 <= len(words) <= 2 and text == " " + " ".join(words) + " " and \
            all(re.fullmatch(r"[a-z][a-z-]*", w) and not self.verb_like(w) for w in words)

    def drop(self, sentence: str, actors: list, trigger_starts: set) -> list:
        """The actors of a sentence without the country words that only modify a noun."""
        kept, skip = [], None
        for index, actor in enumerate(actors):
            if actor is skip:
                continue
            following = actors[index + 1] if index + 1 < len(actors) else None
            if actor.kind == "adjective" and following is not None and not actor.role and \
                    following.code != actor.code and sentence[actor.end:following.start] == " ":
                if following.kind == "people":
                    skip = following  # "Ecuadorean Indians", "Iraqi Kurds": the demonym's people
                else:
                    continue  # "Turkish EU bid": the demonym modifies the phrase "EU bid"
            if self._paired_modifiers(sentence, actor, following, trigger_starts):
                skip = following  # "the Romanian and Bulgarian visas scandal": both describe a noun
                continue
            if not self._modifies_noun(sentence, actor, trigger_starts):
                kept.append(actor)
        return kept

    def _paired_modifiers(self, sentence: str, actor, following, trigger_starts: set) -> bool:
        """Two bare demonyms joined by "and"/"or" before a common noun that is neither a role,
        a trigger, a place noun nor an actor noun ("Romanian and Bulgarian visas") are no actors."""
        if following is None or not (actor.kind == following.kind == "adjective") or \
                not (actor.weak and following.weak) or actor.person or following.person or \
                not re.fullmatch(r",?\s+(?:and|or)\s+|,\s+", sentence[actor.end:following.start]):
            return False
        m = NOUN_RUN.match(sentence, following.end)
        if not m or m.start(1) in trigger_starts:
            return False
        word = m.group(1)
        single = word[:-1] if word.endswith("s") else word
        return not self.verb_like(word) and not ({word, single} & (PLACE_NOUNS | self.actor_nouns))

    def _modifies_noun(self, sentence: str, actor, trigger_starts: set) -> bool:
        if actor.kind not in MODIFIER_KINDS or actor.role or actor.person or actor.org:
            return False
        m = NOUN_RUN.match(sentence, actor.end)
        if not m or SUBJECT_BEFORE.search(sentence[:actor.start]):
            return False  # punctuation, a name or the end follows; or a clause's subject
        run = []
        for k, word in enumerate(m.groups()):
            if word is None:
                break
            if self.verb_like(word):
                single = word[:-1] if word.endswith("s") else word
                if run and {word, single} & self.actor_nouns and DETERMINER_BEFORE.search(sentence[:actor.start]):
                    return False  # "the US missile defence plan": after nouns, "plan" is the head noun
                break
            run.append((m.start(k + 1), word))
        if not run:
            return False  # "Iran has", "Russia warned", "Japan says"
        for start, word in run:
            single = word[:-1] if word.endswith("s") else word
            if start in trigger_starts or {word, single} & (PLACE_NOUNS | self.actor_nouns):
                return False  # "a US offer", "a UN resolution", "a Gaza refugee camp"
        first_start, first = run[0]
        if first.endswith("s") and not first.endswith("ss"):
            # "Iran rebuffs ..." or "US listings"? a noun only after "their", "of" ... or before a verb
            return bool(NOUN_PHRASE_BEFORE.search(sentence[:actor.start]) or
                        VERB_AFTER.match(sentence, first_start + len(first)))
        return True
