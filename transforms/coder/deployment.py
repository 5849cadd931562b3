"""Troops sent to a country: protection of an ally (AID) or a show of force against it (MOBILIZE).

CAMEO 074 "provide military protection or peacekeeping" is PLOVER AID: "Canada sent forces to
Latvia", "deployed 3,000 peacekeepers to Sudan to monitor the truce". Troops sent *into* or
*against* a country, or massed on its border, remain MOBILIZE against it (CAMEO 15).
"""
from __future__ import annotations

import re

from .actors import Actor

# The preposition that introduces where the troops go, right before the destination.
TO_DESTINATION = re.compile(
    r"\b(?:to|in|for)\s+(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern)?\s+)?$", re.I)
INTO_DESTINATION = re.compile(r"\b(?:into|inside|against|across|onto)\s+(?:the\s+)?(?:[a-z]+\s+)?$",
                              re.I)
# A hostile purpose or a border build-up keeps the deployment a threat to the destination.
HOSTILE = re.compile(
    r"\bto\s+(?:fight|attack|invade|hunt|crush|pursue|strike|battle|confront|seize|occupy|capture|"
    r"root out|wipe out|put down|quell|suppress|intimidate|pressure|threaten|punish|topple|"
    r"overthrow)\b|\bagainst\b|\b(?:borders?|frontier)\b|\bmass(?:ed|es|ing)?\b|\bamass\w*\b|"
    r"\boffensive\b|\binvasion\b|\bincursion\b|\bbuild-?up\b|\bin a show of force\b", re.I)
# "to help", "peacekeepers", "at the request of": protective even if "against" follows.
PROTECTIVE = re.compile(
    r"\bto\s+(?:help|protect|defend|support|assist|reassure|bolster|secure|guard|train|"
    r"stabili[sz]e|keep the peace|monitor|restore order|rebuild|shore up)\b|peace-?keep\w*|"
    r"\bbattle group\b|\bat the request of\b|\bat the invitation of\b|\bhumanitarian\b", re.I)
SENDING_VERBS = ("deploy", "send", "sent", "dispatch", "station", "move", "fly")
# Armed forces as a body (not "a military delegation", which visits)
FORCES = re.compile(r"\b(?:troops|soldiers|forces|peacekeepers|marines|paratroopers|battalions?|"
                    r"contingents?|brigades?|squadrons?|units|servicemen|warships|jets|gunships|air\s+force)\b", re.I)
AID_BY_FORCES = ("AID", "military", "07", 8.5, 2)  # CAMEO 074; records carry the root code
MOBILIZED_FORCES = ("MOBILIZE", "troops", "15", -7.2, 4)
PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were|to be)\s+$")


def is_deployment(entry) -> bool:
    return entry.event == "MOBILIZE" and entry.mode == "troops" and \
        entry.pattern.lstrip("{").startswith(SENDING_VERBS)


def deployment_roles(sentence: str, trigger, groups: list[list[Actor]], places: list[Actor],
                     end_of_clause: int):
    """(destination, protective) for a troop deployment, or None when it names no destination.

    The destination is the first actor or place after the trigger introduced by "to"/"in"
    (protective unless the sentence says otherwise) or "into"/"against" (never protective)."""
    candidates = [g[0] for g in groups if g[0].start >= trigger.end] + \
        [p for p in places if p.start >= trigger.end]
    for actor in sorted(candidates, key=lambda a: a.start):
        if actor.start >= end_of_clause:
            break
        # "troops to Latvia" may be one actor phrase: look before its country word too
        inner = re.search(r"\s(to|in|into|inside|against)\s+(?:the\s+)?[A-Z][\w .'’-]*$", actor.text)
        before = sentence[:actor.start + inner.end(1)] + " " if inner else sentence[:actor.start]
        if INTO_DESTINATION.search(before):
            return actor, False
        if TO_DESTINATION.search(before):
            # what the troops are for ("to defend it", "to hunt rebels"), or a border build-up
            rest = sentence[trigger.start:]
            return actor, bool(PROTECTIVE.search(rest)) or not HOSTILE.search(rest)
    return None


def passive_deployment(sentence: str, trigger) -> bool:
    """'a US squadron (is) to be deployed in South Korea': the subject's troops are sent."""
    return bool(PASSIVE_BEFORE.search(sentence[:trigger.start]))


def arriving_forces(source: list[Actor], rest: str):
    """"Rwandan troops arrived in Darfur": armed forces arriving in a country are deployed
    there, not visiting: (event, mode, CAMEO, Goldstein, quad) as for troops sent (protective
    unless the sentence says otherwise), or None when the arrivals are no armed force."""
    if not source or not all(a.sector == "MIL" and FORCES.search(a.text) for a in source):
        return None
    return AID_BY_FORCES if PROTECTIVE.search(rest) or not HOSTILE.search(rest) else MOBILIZED_FORCES
