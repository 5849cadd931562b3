"""Headline forms with no verb that still tell an event.

"Putin in Brazil for space talks", "Rice in Israel to push peace plan": a person, "in" and a
place, then what the trip is for. Headlines drop the verb; the person is visiting the place.
"India and Russia in energy talks": two sides "in talks" are talking to each other.
"ISLAMABAD - British Defence Secretary Geoff Hoon said ...": an official quoted from a foreign
capital in the lede is visiting it.
"""
from __future__ import annotations

import dataclasses
import re

from .actors import INTERNATIONAL_VENUES, Actor
from .clauses import groups_of
from .dictionaries import TriggerEntry
from .events import CandidateEvent, _confidence
from .triggers import TriggerMatch

VISIT = TriggerEntry(event="CONSULT", pattern="in", mode="visit", cameo="04", goldstein=1.0,
                     quad_class=1, origin="a person in a place for a purpose (headline form)")
TALKS = TriggerEntry(event="CONSULT", pattern="in ... talks", mode="", cameo="04", goldstein=1.0,
                     quad_class=1, origin="headline: two sides in talks")
IN_TALKS = re.compile(r"\s+(in\s+(?:[\w-]+\s+){0,3}?(?:talks|negotiations))\b", re.I)
# between the person and the place: " in ", or in a sentence " is in "
IN_GAP = re.compile(r"\s+((?:is|are|was|were|has been|have been)\s+)?(in)\s+(?:the\s+)?")
# the last words before a place that ends a headline: "... Sees 'Show Camp' in Sudan" (its empty
# first group stands for IN_GAP's "is")
IN_AT_END = re.compile(r"\s+()(in)\s+(?:the\s+)?$")
ENDS_HEADLINE = re.compile(r"\s*(?:\([A-Za-z][\w .]{0,24}\))?\s*$")  # (a wire credit may follow)
# what follows the place: the trip's purpose or occasion
PURPOSE_AFTER = re.compile(r"\s+(?:for|to|on|amid|as|after|ahead of)\b|\s*$", re.I)


def headline_visit(title: str, actors: list[Actor], headline: bool = True) -> TriggerMatch | None:
    """The "in" of "PERSON in PLACE for ..." (in a sentence: "PERSON is in PLACE for ...") as a
    visit trigger, else None."""
    for person, place in zip(actors, actors[1:]):
        # a person or an official ("the Indian foreign secretary"), not troops
        if not (person.person or person.role and person.sector == "GOV") or person.location or \
                not place.location:
            continue
        if headline and person.start > 0 and title[:person.start].strip():
            continue  # the person opens the headline
        gap = IN_GAP.fullmatch(title, person.end, place.start)
        purpose = PURPOSE_AFTER.match(title, place.end)
        ending = ENDS_HEADLINE.match(title, place.end) if gap is None and headline and place is actors[-1] else None
        if ending and place.text in INTERNATIONAL_VENUES:
            continue  # "Musharraf, Singh Hold First Meeting in New York": at the UN, not visiting
        if ending:
            # "British Minister Sees 'Show Camp' in Sudan": an official whose headline ends in a
            # foreign place is there
            gap, purpose = IN_AT_END.search(title, person.end, place.start), ending
        if not gap or not purpose or not headline and (not gap.group(1) or not purpose.group(0).strip()):
            continue  # in a sentence: "is in Tehran for talks"
        return TriggerMatch(gap.start(2), gap.end(2), VISIT, gap.end(2))
    return None


def headline_talks(title: str, actors: list[Actor]) -> TriggerMatch | None:
    """The "in ... talks" of "A and B in energy talks" as a talks trigger, else None."""
    for group in groups_of([a for a in actors if not a.location], title):
        found = IN_TALKS.match(title, group[-1].end)
        if len({a.code for a in group}) >= 2 and found:
            return TriggerMatch(found.start(1), found.end(1), TALKS, found.start(1) + 2)
    return None


DATELINE_VISIT = TriggerEntry(event="CONSULT", pattern="(dateline)", mode="visit", cameo="04", goldstein=1.0,
                              quad_class=1, origin="an official quoted in the lede from a foreign dateline")
# Where reporters are based more than where those they quote are: a dateline there tells no visit
NEWS_HUBS = {"washington", "new york", "united nations", "london", "jerusalem", "geneva", "brussels",
             "vienna", "the hague", "strasbourg"}
# The official's own words follow at once: "Hoon said on Tuesday", "Chirac, on a state visit, declared"
SPOKE_AFTER = re.compile(r"(?:\s*,[^,]{1,60},)?\s+(?:[a-z]+\s+){0,3}?(?:said|says|told|declared|"
                         r"announced|urged|called|insisted|stressed|warned|pledged|vowed)\b")


def dateline_visit(sentence: str, dateline: int, actors: list[Actor], place: Actor) -> CandidateEvent | None:
    """A visit told by the lede's dateline: its first words are a named official of another
    state who speaks ("ISLAMABAD, Oct 5: British Defence Secretary Geoff Hoon said ..."), else None."""
    if place.text.lower() in NEWS_HUBS:
        return None
    speaker = next((a for a in actors if not a.location and a.start >= dateline), None)
    spoken = SPOKE_AFTER.match(sentence, speaker.end) if speaker is not None else None
    if spoken is None or speaker.former or speaker.code in ("", place.code) or \
            not (speaker.person and (speaker.role or speaker.sector == "GOV")) or \
            sentence[dateline:speaker.start].strip():
        return None
    addressed = next((a for a in actors if a.start >= spoken.end()), None)
    if spoken.group(0).endswith(("told", "urged", "called")) and addressed is not None and \
            not addressed.location and addressed.code not in (speaker.code, place.code) and \
            not sentence[spoken.end():addressed.start].strip(" ,"):
        return None  # "SANTIAGO - Hu Jintao told Koizumi to ...": the two met there; the place
        # where they met is no participant
    host = dataclasses.replace(place, location=False, sector="GOV")
    trigger = TriggerMatch(place.start, place.end, DATELINE_VISIT, place.end)
    event = CandidateEvent("CONSULT", "visit", DATELINE_VISIT, trigger, [speaker], [host], "04", 1.0, 1,
                           location=place)
    event.confidence = _confidence(event, used_place=True)
    event.notes.append("participant taken from the dateline")
    return event
