"""The JSON record of one coded event (the shape the pipeline and the alerts rely on)."""
from __future__ import annotations

from .actors import Actor
from .events import CandidateEvent


def _actor_json(actor: Actor) -> dict:
    return {"actorText": actor.actor_text, "code": actor.code, "sector": actor.sector or "GOV"}


def to_record(event: CandidateEvent, offset: int, sentence: str) -> dict:
    spans = []
    for role, side in (("source", event.source), ("target", event.target)):
        for actor in side:
            spans.append({"text": actor.text, "code": actor.code, "role": role,
                          "start": actor.start, "end": actor.end})
    if event.location is not None:
        loc = event.location
        spans.append({"text": loc.text, "code": loc.code, "role": "location",
                      "start": loc.start, "end": loc.end})
    trigger = event.trigger
    return {
        "event": event.event,
        "mode": event.mode,
        "context": "",
        "source": [_actor_json(a) for a in event.source],
        "target": [_actor_json(a) for a in event.target],
        "eventText": sentence[trigger.start:trigger.end],
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "confidence": event.confidence,
        "eventLoc": ({"name": event.location.text, "code": event.location.code}
                     if event.location is not None else None),
        "symmetric": event.symmetric,
        "planned": event.planned,
        "background": event.background,
        "evidence": {
            "sentence": sentence,
            "sentence_start": offset,
            "actor_spans": spans,
            "trigger_span": {"text": sentence[trigger.start:trigger.end],
                             "start": trigger.start, "end": trigger.end},
            "rule": trigger.entry.rule + (f" ({'; '.join(event.notes)})" if event.notes else ""),
        },
    }
