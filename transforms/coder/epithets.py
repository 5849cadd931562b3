"""States named by an epithet: "the Himalayan kingdom", "the communist island", "the country".

Wire copy names a country once and then calls it by what it is. Such a phrase stands for the
state the story named last before the sentence (its own sentence's states are left alone:
"Iraq's leader said the country would vote" adds nothing).
"""
from __future__ import annotations

import re

from .actors import Actor, Mention

STATE_KINDS = ("country", "seat", "adjective", "people")
NAME_KINDS = ("country", "seat")
# "the country", "the Himalayan kingdom", "the oil-rich Gulf state" (a bare "the state" is too
# often the state's own media or budget)
EPITHET = re.compile(
    r"\b[Tt]he\s+(?:(?:[A-Z][a-z]+|[a-z]+(?:-[a-z]+)?)\s+){0,2}?(?:country|nation|kingdom|island|"
    r"republic|emirate|monarchy)\b(?!['’]?s?\s+(?:media|television|news|radio|capital)\b)"
    r"|\b[Tt]he\s+(?:(?:[A-Z][a-z]+|[a-z]+(?:-[a-z]+)?)\s+){1,2}?state\b"
    r"(?!['’]?s?\s+(?:media|television|news|radio|department|visit|dinner|funeral|budget|police|"
    r"prosecutor|elections?|assembly|legislature|capital|government|owned|run|controlled|of)\b)")
# words that make "the ... nation" something else: "the whole nation" is a place, "the host
# nation" of a tournament, "the United Nations"
NOT_AN_EPITHET = re.compile(r"\b(?:United|whole|entire|host|member|home|same|other|first|next|"
                            r"two|three|several|many|each|every|rest|developing|developed|"
                            r"industrialised|industrialized|world|federal|head|nation)\b", re.I)
LOCATIVE_BEFORE = re.compile(r"\b(?:in|across|throughout|around|inside|into|within|from|to)\s+$", re.I)


def epithet_actors(sentence: str, actors: list[Actor], mentions: list[Mention], before: int) -> list[Actor]:
    """Actors for the epithets of a sentence; mentions[:before] are the story's mentions before it."""
    if "the " not in sentence and "The " not in sentence:
        return []
    found, last = [], None
    named = {a.code for a in actors}
    for m in EPITHET.finditer(sentence):
        if NOT_AN_EPITHET.search(m.group(0)) or any(a.start < m.end() and m.start() < a.end for a in actors):
            continue
        if last is None:
            last = _last_state(mentions, before) or ""
        if not last or last in named:
            continue
        found.append(Actor(m.start(), m.end(), m.group(0), last, "GOV", "country", weak=True,
                           location=bool(LOCATIVE_BEFORE.search(sentence, 0, m.start()))))
    return found


def _last_state(mentions: list[Mention], before: int) -> str | None:
    """The state last named by name before the sentence ("Irish fugitives" names people, not the
    story's state), else by any word."""
    for kinds in (NAME_KINDS, STATE_KINDS):
        for i in range(before - 1, -1, -1):
            entry = mentions[i].entry
            if entry.kind in kinds and entry.code:
                return entry.code
    return None
