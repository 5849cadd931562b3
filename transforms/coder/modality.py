"""Negation, plans, ultimatums and background: how the words around a trigger change its event.

PLOVER codes intentions as AGREE ("will visit next week") and conditional force as THREATEN
("will withdraw its troops unless ..."); "did not attack" is no event; "will not meet" is REJECT.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import DESCRIBING_CLAUSE
from .dictionaries import EVENT_DEFAULTS

NEGATION_BEFORE = re.compile(
    r"\b(?:not|n't|never|no longer|cannot|neither|nor)\s+(?:[a-z]+\s+){0,2}$|n't\s+(?:[a-z]+\s+)?$"
    r"|\b(?:no|any)\s+(?:plans?|intention|intent|desire)\s+(?:to|of)\s+$"
    r"|\b(?:fail|fails|failed|failing|refrain|refrains|refrained)\s+(?:to|from)\s+$"
    r"|\bwhether\s+(?:or not\s+)?to\s+(?:[a-z]+\s+)?$")  # "has not decided whether to send troops"
# a negation inside a pattern's own words: "sees no threat from China"
NEGATION_INSIDE = re.compile(r"\b(?:no|not|never)\b|n't\b", re.I)
MODAL_BEFORE = re.compile(r"\b(?:will|would|could|can|shall|wo|may|might)\b[^,.;]{0,20}$")
# "will meet", "plans, backed by the UK, to lift", "is due to take part in talks": not yet done
PLANNED_BEFORE = re.compile(
    r"(?:\b(?:will|would|shall|'ll|plans?|planned|planning|intends?|intended|expects?|expected|"
    r"scheduled|due|set|going|is|are|was|were|hopes?|aims?|wants?|ready|prepared|willing|happy|glad|"
    r"keen|eager|"
    r"wishes|seeking|seeks|offered|offers)(?:\s*,[^,]{1,40},)?\s+to\s+(?:[a-z]+\s+){0,3}$)"
    r"|\b(?:will|would|shall|'ll|may|might)\s+(?:[a-z]+ly\s+)?(?:be\s+)?$"
    # "will start accession talks with", "would open talks": a light verb before an event noun
    r"|\b(?:will|would|shall|'ll)\s+(?:start|begin|open|resume|launch|hold|carry out|conduct|mount)"
    r"\s+(?:[a-z]+\s+){0,2}$"
    r"|^(?:[A-Z][\w'’.-]*,?\s+){1,4}to\s+$")  # headline style: "Dion to raise concerns", "Bush, Putin to meet"
PLANNED_AFTER = re.compile(r"\b(?:next (?:week|month|year)|later this (?:week|month|year)|tomorrow)\b")
CONDITION_AFTER = re.compile(r"\b(?:unless|or face|or else|if it does not|if they do not)\b")
BACKGROUND = re.compile(
    r"\b(?i:since|in|from|during|until)\s+(?:(?:early|late|mid)[- ])?(?:(?:January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\s+)?(?:19|20)\d\d\b"
    r"|\b(?i:in|during|since|until|through)\s+the\s+(?:(?:early|late|mid)[- ])?(?:19|20)\d0s\b"  # "in the 1990s"
    r"|\b\d+\s+years\s+ago\b|\b(?i:last year)\b"  # "Last year, Argentina suspended ...": old news
    r"|^\s*(?:1[89]|20)\d\d\s*[:–—]\s")  # a timeline's entry: "1979: The Soviet Union sends troops ..."
# the day of the news: "on Tuesday", "today"
TODAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)\b")
# Before the trigger only: "the former Spanish government supported a coup", "until now the US
# had allowed Britain to take the lead" are old news, but in
# "Chavez's visit to Spain ... backed claims that the former Spanish government ..." the visit is not
PAST_ACTOR_BEFORE = re.compile(
    r"\b(?:previous|former)\s+(?:\w+\s+)?(?:government|administration|regime)\b"
    r"|\b(?:previously|formerly|in the past)\b"
    r"|\b(?i:until|till)\s+(?:now|recently)\b|\b(?i:up to now|hitherto)\b")  # what held until now changed
# "could use them to threaten Taiwan", "fear it might offer China ...", "hope that Abbas will use the
# opportunity for talks": a possibility or a wish, not a reported act. Kept, at low confidence.
SPECULATIVE_BEFORE = re.compile(
    r"\b(?:could|might|may)\s+(?:not\s+)?(?:[\w'’-]+\s+){0,5}?(?:to\s+)?$"
    r"|\b(?:hopes?|hoped|hoping|fears?|feared|fearing|suggestions?|speculation)\s+(?:that\s+)?"
    r"[^.;]{0,80}\b(?:will|would|could|might|may)\b[^.;]*$")
SINCE_CLAUSE = re.compile(r"\bsince\b[^,;]*$")
# "150 years after the British assault": the act inside the phrase is commemorated, not reported;
# the main clause's act ("broke relations with Libya five years after crowds trashed its embassy",
# "Fifty years after the war, Japan and China signed ...") is news.
YEARS_AFTER_CLAUSE = re.compile(
    r"\b(?:\d+|(?i:two|three|four|five|six|seven|eight|nine|ten|a hundred))\s+(?:years|decades|centuries)"
    r"\s+(?:after|since)\b[^,;]*$")
# "the 2002 Bali nightclub bombings, which killed 88 Australians": what a past event named by its
# year did is history, not news
DATED_EVENT_RELATIVE = re.compile(r"\b(?:19|20)\d\d\s+(?:[\w'’-]+\s+){0,3}[a-z]+,?\s+(?:which|that)\s+"
                                  r"(?:had\s+|also\s+)?$")
FORCEFUL = ("ASSAULT", "COERCE")  # a planned deployment is still MOBILIZE, not a threat


@dataclass
class Modality:
    negated: bool
    modal: bool
    planned: bool
    conditional: bool
    background: bool
    speculative: bool = False


def read_modality(sentence: str, start: int, end: int) -> Modality:
    before = sentence[:start]
    planned = bool(PLANNED_BEFORE.search(before[-60:]) or PLANNED_AFTER.search(sentence[end:end + 80]))
    dated = next((m for m in BACKGROUND.finditer(sentence) if not _described_apart(sentence, m.start(), start)),
                 None)
    if dated and planned and dated.start() >= end:
        dated = None  # "will start talks with Croatia in April 2005": a plan's date is ahead
    if dated and dated.start() >= end and TODAY.search(sentence, end, dated.start()):
        dated = None  # "flew to Pyongyang on Tuesday to ask about citizens abducted in the 1970s":
        # the act has its own day; the year dates another
    return Modality(
        negated=bool(NEGATION_BEFORE.search(before[-40:])),
        modal=bool(MODAL_BEFORE.search(before[-45:])),
        planned=planned,
        conditional=bool(CONDITION_AFTER.search(sentence[end:])),
        background=bool(dated or SINCE_CLAUSE.search(before)
                        or YEARS_AFTER_CLAUSE.search(before) or PAST_ACTOR_BEFORE.search(before)
                        or DATED_EVENT_RELATIVE.search(before)),
        speculative=bool(SPECULATIVE_BEFORE.search(before[-120:])),
    )


def _described_apart(sentence: str, at: int, trigger_start: int) -> bool:
    """Is `at` inside a describing clause (", which ... ,") that does not hold the trigger?"""
    return any(m.start() <= at < m.end() and not m.start() <= trigger_start < m.end()
               for m in DESCRIBING_CLAUSE.finditer(sentence))


def negated_event(event: str, quad: int, modality: Modality):
    """The event a negated trigger codes, or None: "will not meet" -> REJECT; "did not attack" -> None."""
    if quad in (1, 2) and modality.modal:
        return ("REJECT",) + EVENT_DEFAULTS["REJECT"]
    return None


def planned_event(event: str, mode: str, cameo: str, goldstein: float, quad: int,
                  modality: Modality, sentence: str, start: int):
    """(event, mode, cameo, goldstein, quad) once plans and ultimatums are taken into account."""
    if modality.negated:
        return event, mode, cameo, goldstein, quad
    if (modality.planned or MODAL_BEFORE.search(sentence[:start][-30:])) and modality.conditional:
        return ("THREATEN", "") + EVENT_DEFAULTS["THREATEN"]  # "will withdraw ... unless ..."
    if modality.planned:
        # intent to cooperate is an agreement; but a visit or talks ahead stay CONSULT, marked
        # planned (as the labelled news codes them: "British Minister to Visit North Korea")
        if quad in (1, 2) and event not in ("AGREE", "CONSULT"):
            return ("AGREE", "") + EVENT_DEFAULTS["AGREE"]  # intent to cooperate
        if event in FORCEFUL:
            return ("THREATEN", "") + EVENT_DEFAULTS["THREATEN"]  # intent to use force
    return event, mode, cameo, goldstein, quad
