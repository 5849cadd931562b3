"""(article, events) → alerts: the JSON documents subscribers receive.

Field names follow PLOVER where it has them; the id is derived from content
(article, event type, actors) so that publishing the same alert twice is a no-op.
The Beam stage keeps each article's alerts together with the keys that mark the
article seen, ``(seen_keys, alerts)``: the sink sets those keys only once every
one of those alerts is in Redis.
"""
from __future__ import annotations

import hashlib
import logging
import time
from datetime import datetime, timezone

import apache_beam as beam

from transforms.dead_letters import DeadLetters
from transforms import metrics
from transforms.article import Article
from transforms.dedupe import dedupe_keys
from transforms import defaults

log = logging.getLogger(__name__)

DEFAULT_MIN_CONFIDENCE = defaults.MIN_CONFIDENCE


def actor_codes(actors: list[dict]) -> list[str]:
    return sorted({a["code"] for a in actors if a.get("code")})


def alert_id(article_id: str, event: dict) -> str:
    basis = "|".join([article_id, event["event"], ",".join(actor_codes(event.get("source") or [])),
                      ",".join(actor_codes(event.get("target") or []))])
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20]


def iso_utc(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def build_alert(article: Article, event: dict, detected_at: float | None = None) -> dict:
    detected_at = time.time() if detected_at is None else detected_at
    evidence = event.get("evidence") or {}
    return {
        "id": alert_id(article.id, event),
        "date": (article.published or iso_utc(detected_at))[:10],
        "source": event.get("source") or [],
        "target": event.get("target") or [],
        "event": event["event"],
        "mode": event.get("mode") or "",
        "context": event.get("context") or "",
        "eventText": event.get("eventText") or "",
        "text": evidence.get("sentence", ""),
        "eventLoc": event.get("eventLoc"),
        "cameo": event.get("cameo"),
        "goldstein": event.get("goldstein"),
        "quad_class": event.get("quad_class"),
        "confidence": event.get("confidence"),
        "symmetric": bool(event.get("symmetric")),
        "planned": bool(event.get("planned")),
        "background": bool(event.get("background")),
        "article_id": article.id,
        "url": article.url,
        "title": article.title,
        "feed": article.feed,
        "published": article.published,
        "fetched_at": iso_utc(article.fetched_at) if article.fetched_at else None,
        "detected_at": iso_utc(detected_at),
        "evidence": evidence,
    }


def is_alertable(event: dict, min_confidence: float) -> bool:
    """News, not background; confident enough to push to subscribers."""
    return not event.get("background") and (event.get("confidence") or 0.0) >= min_confidence


def participant_codes(alert: dict) -> list[str]:
    return sorted(set(actor_codes(alert["source"])) | set(actor_codes(alert["target"])))


class _ToAlerts(beam.DoFn):
    """One article's alertable events → (its seen keys, its alerts); an odd event costs that
    event only (logged, counted, dead-lettered)."""

    def __init__(self, min_confidence: float, redis_url: str | None, prefix: str):
        self.min_confidence, self.redis_url, self.prefix = min_confidence, redis_url, prefix

    def setup(self):
        self.dead_letters = DeadLetters.from_url(self.redis_url, self.prefix)

    def process(self, coded):
        article, events = coded
        alerts = []
        for event in events:
            try:
                if is_alertable(event, self.min_confidence):
                    alerts.append(build_alert(article, event))
            except Exception as err:  # noqa: BLE001 - one event must never stop the stream
                log.exception("cannot build an alert for article %s", article.id)
                metrics.ARTICLES_REJECTED.labels(reason="alert_error").inc()
                if self.dead_letters:
                    self.dead_letters.add(article.feed or "?", f"{type(err).__name__}: {err}", event)
        yield dedupe_keys(article, self.prefix), alerts

    def teardown(self):
        if self.dead_letters:
            self.dead_letters.close()


class BuildAlerts(beam.PTransform):
    """(article, events) → (seen keys, alert dicts) per article; background and low-confidence
    events make no alert (an article may end with none, and still goes on to be marked seen)."""

    def __init__(self, min_confidence: float = DEFAULT_MIN_CONFIDENCE, redis_url: str | None = None,
                 prefix: str = "dyadwatch"):
        super().__init__()
        self.min_confidence, self.redis_url, self.prefix = min_confidence, redis_url, prefix

    def expand(self, coded):
        return coded | "ToAlerts" >> beam.ParDo(_ToAlerts(self.min_confidence, self.redis_url, self.prefix))
