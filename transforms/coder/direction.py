"""Who acted on whom: choose the source and target actors of a trigger.

Active voice: the source is the first actor of the trigger's clause, the target the first other
actor after it (in the same clause). Passive voice ("was attacked by X") swaps them; "X said Y
must ..." makes Y the target; "A and B agreed" and "talks between A and B" are symmetric. A place
("in Iraq") stands in for a missing participant only for acts (not for words or meetings).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from .actors import Actor
from .clauses import (COMPARED, PRONOUN_SUBJECT, RELATIVE, REPORTING, SUBJECTLESS, clause_end,
                      clause_start, opening_limit)
from .triggers import IRREGULAR, TriggerMatch

PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got|gets)\s+(?:[a-z]+ly\s+)?$")
DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.I)
# "complained to the United Nations over Israeli air raids": the organisation is the addressee.
ADDRESSEE_TOPIC = re.compile(
    r"^[^.;]{0,40}?\b(?:over|about|against|regarding|concerning|on)\b[^.;,]{0,40}$")
AGENT_BEFORE = re.compile(r"\b[a-z]+ed\s+by\s+(?:the\s+)?$")  # "a deal brokered by Russia"
# "killed by an improvised explosive device": an instrument, not an agent.
INSTRUMENT = re.compile(
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:device|bomb|mine|explosion|blast|fire|shell|rocket|"
    r"missile|grenade|gunfire|shelling|attack|bombing|car bomb)s?\b")
# Acts that two parties do with each other: "A and B agreed", "talks between A and B".
RECIPROCAL = re.compile(
    r"clash|fight|war|talk|meet|meeting|negotiat|between|agree|sign|exchange|discuss|consult|"
    r"cooperat|co-operat|coordinat|joint|ties|relations|reach|dialogue|summit|pact|treaty|accord|deal")
TOPIC_IN = re.compile(
    r"\b(?:involvement|role|war|conflict|crisis|situation|interests?|presence|interference|"
    r"intervention|annexation|policy|policies|operations?|elections?|fighting|violence|"
    r"peace|stability)\s+(?:in|on|of)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$")
PARTICIPLES = {p for _, p in IRREGULAR.values()}
NEAR_OBJECT = 50  # characters within which a material act's object must follow it


@dataclass
class Participants:
    source: list
    target: list
    symmetric: bool = False
    used_place: bool = False


def find_participants(sentence: str, trigger: TriggerMatch, event: str, quad: int,
                      groups: list[list[Actor]], places: list[Actor],
                      last_person: Actor | None) -> Participants | None:
    entry = trigger.entry
    before_text = sentence[:trigger.start]
    after_text = sentence[trigger.end:]
    trigger_words = sentence[trigger.start:trigger.end]
    first_word = trigger_words.split()[0].lower()

    start_of_clause, boundary = clause_start(sentence, trigger.start)
    # an actor phrase that runs into the trigger ("Palestinian suicide bombers") is its subject
    before = [g for g in groups if g[0].start < trigger.start and g[0].end <= trigger.end]
    before = [g for g in before if not COMPARED.search(sentence[:g[0].start])]
    # the object stays in the trigger's clause: "imposed a curfew in Baghdad as US troops ..."
    end_of_clause = clause_end(sentence, trigger.end)
    after = [g for g in groups if g[0].start >= trigger.head_end and g[-1].end > trigger.start
             and g[0].start < end_of_clause]
    if boundary in RELATIVE and "," in sentence[start_of_clause:trigger.start]:
        # "Deutsche Bank, which advises Gazprom, has called on ...": the relative clause is
        # closed; the subject is what came before "which"
        relative_at = start_of_clause - len(boundary)
        start_of_clause, boundary = clause_start(sentence, max(0, relative_at - 1))
        before = [g for g in before if g[0].end <= relative_at]
        if not [g for g in before if g[0].start >= start_of_clause]:
            return None
    inside_clause = [g for g in before if g[0].start >= start_of_clause]
    may_use_places = event != "CONSULT"  # meetings happen in places; places do not meet
    acts = quad in (2, 4) or event == "INVESTIGATE"
    found = Participants([], [])

    if entry.frame == "patient-first":
        # "Russia said on Tuesday that Sudan must return ..."
        if not inside_clause:
            return None
        found.target = inside_clause[-1]
        sayers = [g for g in before if g[0].end <= start_of_clause]
        if sayers:
            found.source = sayers[0]
        elif len(inside_clause) >= 2:
            found.source = inside_clause[0]
        else:
            return None
        return found

    nominal = "{" not in entry.pattern or DETERMINER_BEFORE.search(before_text) or \
        first_word == entry.pattern[1:].split("}")[0]  # "won support from Peru"
    if nominal and _agent_after(sentence, trigger.end, after):
        # a noun with its agent: "... after a request from Spain", "an offer by Egypt"
        found.source = _agent_after(sentence, trigger.end, after)
        codes = {a.code for a in found.source}
        subject = inside_clause[0] if inside_clause else (before[0] if before else [])
        found.target = [a for a in subject if a.code not in codes]
        return found

    if _is_passive(entry.pattern, trigger_words, before_text, sentence[trigger.head_end:]):
        # "was attacked by X": the subject is the target
        subject = inside_clause[0] if inside_clause else (before[-1] if before else None)
        if subject is None:
            return None
        found.target = subject
        agent = re.match(r"[^,;]{0,25}?\bby\s", after_text)
        if agent:
            by_at = trigger.end + agent.end()
            following = [g for g in after if g[0].start >= by_at]
            if following and following[0][0].start - by_at < 40:
                found.source = following[0]
        instrument = agent and INSTRUMENT.match(after_text[agent.end():])
        # an unnamed agent ("snatched by gunmen in central Baghdad") acts where it is, but only
        # violence is coded that way
        if not found.source and (not agent or instrument or quad == 4) and may_use_places and acts:
            # "three US soldiers were killed ... outside the Iraqi city of Basra"
            spots = [p for p in places if p.code not in _codes(found.target)
                     and p.start >= start_of_clause and abs(p.start - trigger.end) <= 80]
            if spots:
                found.source, found.used_place = [_unnamed(spots[0])], True
        return found

    # active voice: the subject
    if re.search(r",\s*$", before_text) and first_word.endswith("ing"):
        # ", killing ...": the subject is the sentence's own, if it opens the sentence
        opening = [g for g in before if g[0].start <= opening_limit(sentence)]
        found.source = opening[0] if opening else []
    elif inside_clause:
        found.source = inside_clause[0]
    elif before and SUBJECTLESS.match(before_text[start_of_clause:]) and (
            boundary not in REPORTING or PRONOUN_SUBJECT.search(before_text[start_of_clause:])):
        # "Sharon, who has vowed ..." takes the nearest actor; "Japan said it had halted ..." and
        # "..., but was still refusing ..." take the main clause's subject; but in "Riyadh says
        # killing of ..." the speaker is not the agent
        found.source = before[-1] if boundary in RELATIVE else before[0]
    elif re.search(r"\b(?:he|she)\b", before_text[start_of_clause:], re.I) and last_person \
            and quad in (1, 3):
        found.source = [last_person]

    # ... and the object
    source_codes = _codes(found.source)
    target = _first_other(after, source_codes, sentence)
    if target and quad == 4 and target[0].start - trigger.head_end > NEAR_OBJECT and \
            target[0].start > trigger.end + NEAR_OBJECT:
        target = []  # "attacked the way the Iraq war was sold" has no state as its object
    if target and all(not a.is_state for a in target) and \
            re.search(r"\bto\s+(?:the\s+)?$", sentence[trigger.start:target[0].start]):
        # "complained to the United Nations over Israeli air raids": the state is the target
        later = [g for g in after if g[0].start > target[-1].end and
                 ADDRESSEE_TOPIC.match(sentence[target[-1].end:g[0].start])]
        state = _first_other(later, source_codes)
        if state and any(a.is_state for a in state):
            target = state
    found.target = target

    reciprocal = bool(RECIPROCAL.search(entry.pattern))
    if len(source_codes) >= 2 and reciprocal and not re.match(r"\s*(?:with|to)\b", after_text):
        found.target = []  # "Iranian and Iraqi negotiators met in Geneva": with each other
    if not found.source and len(_codes(found.target)) >= 2 and reciprocal:
        # "talks between A and B"
        found.source, found.target, found.symmetric = [found.target[0]], found.target[1:], True
    elif not found.target and len(source_codes) >= 2 and reciprocal:
        # "A and B agreed ..."
        first = found.source[0]
        found.source, found.target, found.symmetric = \
            [first], [a for a in found.source[1:] if a.code != first.code], True

    if not found.target and found.source and may_use_places:
        # "refused to deploy peacekeepers in Iraq", "opened an embassy in Tehran": the place of
        # the act, named after it, is its target
        spots = [p for p in places if p.code not in _codes(found.source)
                 and not topic_place(sentence, p) and p.start > trigger.start
                 and p.start < end_of_clause and not _border_place(sentence, p)]
        if quad in (1, 3) and not (entry.governs or entry.place_target):
            spots = []  # "signed a peace accord in Algiers": where words were said, not to whom
        if spots:
            found.target, found.used_place = [_unnamed(spots[0])], True
    if not found.source and found.target and may_use_places and acts:
        # "Demonstrators in Baghdad blocked a road ...", "prisoners rioted at a jail in Dili"
        spots = [p for p in places if p.code not in _codes(found.target)
                 and not topic_place(sentence, p)
                 and (p.end <= trigger.start or (event == "PROTEST" and p.start < end_of_clause))
                 and p.start >= start_of_clause and abs(trigger.start - p.end) <= 60]
        if spots:
            found.source, found.used_place = [_unnamed(spots[0])], True
    return found


def _unnamed(place: Actor) -> Actor:
    """Someone unnamed acting in a place: its country, sector unknown."""
    return dataclasses.replace(place, sector="UNK")


def topic_place(sentence: str, place: Actor) -> bool:
    """'Russia's involvement in Ukraine' names a topic, not where the event happened."""
    return bool(TOPIC_IN.search(sentence[:place.start]))


def _is_passive(pattern: str, trigger_words: str, before_text: str, after_head: str) -> bool:
    """'was attacked by', 'a boy kidnapped by' -- but not 'cancelled a visit by' (after_head is
    the text right after the trigger's first words, before any object inside a gap)."""
    if pattern.startswith("under investigation"):
        return True
    first = trigger_words.split()[0].lower()
    participle = first.endswith(("ed", "en")) or first in PARTICIPLES
    if not participle or re.search(r"\s(?:to|with|on|upon)$", trigger_words):
        return False
    return bool(PASSIVE_BEFORE.search(before_text)
                # reduced passives: "a boy kidnapped by traffickers", "a soldier accused of abuse"
                or re.match(r"\s+by\b", after_head)
                or (trigger_words.lower() in ("accused", "charged", "suspected")
                    and re.match(r"\s+(?:of|in)\b", after_head)))


def _codes(group) -> set:
    return {a.code for a in group}


def _first_other(groups, codes, sentence: str = "") -> list:
    for group in groups:
        if sentence and AGENT_BEFORE.search(sentence[:group[0].start]):
            continue  # "an agreement brokered by Russia": the broker is not the target
        rest = [a for a in group if a.code not in codes]
        if rest:
            return rest
    return []


def _agent_after(sentence: str, position: int, after: list) -> list:
    """The group right after 'from'/'by' following a noun trigger, if any."""
    m = re.match(r"\s+(?:from|by)\s+(?:the\s+)?", sentence[position:])
    if not m:
        return []
    at = position + m.end()
    return next((g for g in after if g[0].start == at), [])


def _border_place(sentence: str, place: Actor) -> bool:
    """'near the Cameroon border' locates an act; the country is not its target."""
    return bool(re.match(r"['’]?s?\s+(?:border|frontier)", sentence[place.end:]))
