"""Rank an article's candidate events: one per event type and country pair, best first.

Repetition and the headline raise confidence; the kept event borrows what other mentions of the
same event know (the people's names, where it happened).
"""
from __future__ import annotations

from .records import to_record

TITLE_BONUS = 0.08      # the headline and lede say what the story is about
REPEAT_BONUS = 0.04     # each further mention of the same event, up to MAX_REPEAT_BONUS
MAX_REPEAT_BONUS = 0.12
# A long story tells its news in the headline and the first sentences; what its body adds is
# mostly background, reaction and speculation (the BBC audits found most false alerts there).
# A body event's confidence is scaled down, more for the parse's reading than the patterns' (the
# parse's reading of a long story is discounted outside the headline and first sentence too: 4 of
# 5 such alerts were false in the second audit); told again in the story it wins some back.
LONG_STORY = 6           # sentences
BODY_START = 3           # sentence index where the body begins
BODY_FACTOR = {"patterns": 0.8, "parse": 0.6}


def rank_events(candidates, top_sentences: int, sentence_count: int = 0) -> list[dict]:
    """One event per (type, country pair): the most confident, boosted by repetition."""
    best: dict[tuple, dict] = {}
    people: dict[tuple, dict] = {}
    named_people = {a.person for e, *_ in candidates for a in e.source + e.target if a.person}
    counts: dict[tuple, int] = {}
    locations: dict[tuple, dict] = {}
    for event, offset, sentence, index in candidates:
        record = to_record(event, offset, sentence)
        if index < top_sentences:
            record["confidence"] = round(min(0.99, record["confidence"] + TITLE_BONUS), 3)
        elif sentence_count >= LONG_STORY:
            reader = "parse" if "parse" in event.notes else "patterns"
            if index >= BODY_START or reader == "parse":
                record["confidence"] = round(record["confidence"] * BODY_FACTOR[reader], 3)
        key = (record["event"], frozenset(a["code"] for a in record["source"] + record["target"]))
        counts[key] = counts.get(key, 0) + 1
        if record["eventLoc"] and key not in locations:
            locations[key] = record["eventLoc"]
        if key not in best or record["confidence"] > best[key]["confidence"]:
            best[key] = record
        for actor in record["source"] + record["target"]:
            if actor["actorText"] in named_people:
                people.setdefault((key, actor["code"]), actor)
    events = []
    for key, record in best.items():
        # "Sweden hails Norway deal" is best told by the body's "Foreign Minister Karl Berg"
        for side in ("source", "target"):
            record[side] = [people.get((key, a["code"]), a) if a["actorText"] not in named_people
                            else a for a in record[side]]
        bonus = min(MAX_REPEAT_BONUS, REPEAT_BONUS * (counts[key] - 1))
        record["confidence"] = round(min(0.99, record["confidence"] + bonus), 3)
        if record["eventLoc"] is None and key in locations:
            # the headline says who met; a later sentence says where
            record["eventLoc"] = locations[key]
            codes = key[1]
            if record["event"] == "CONSULT" and not record["mode"]:
                loc = locations[key]["code"]
                record["mode"] = ("third-party" if loc not in codes else
                                  "visit" if loc in {a["code"] for a in record["target"]} else "host")
        events.append(record)
    events.sort(key=lambda r: (-r["confidence"], -abs(r["goldstein"])))
    # one event per type and country pair: "A -> B" adds nothing after "A -> B and C"
    kept, covered = [], set()
    for record in events:
        pairs = {(record["event"], frozenset((s["code"], t["code"])))
                 for s in record["source"] for t in record["target"]}
        if pairs and pairs <= covered:
            continue
        covered |= pairs
        kept.append(record)
    return kept
