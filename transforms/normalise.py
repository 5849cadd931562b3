"""The Beam stage that turns feed entries and replayed records into Articles
(``transforms.entries`` does the work; bad records are logged, counted and dead-lettered).
"""
from __future__ import annotations

import logging
import time

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms import metrics
from transforms.dead_letters import DeadLetters
from transforms.entries import entry_to_article, origin_of

log = logging.getLogger(__name__)


class _EntryToArticle(beam.DoFn):
    def __init__(self, source: str, redis_url: str | None, prefix: str):
        self.source, self.redis_url, self.prefix = source, redis_url, prefix
        self.ingested = Metrics.counter("dyadwatch", "articles_ingested")
        self.rejected = Metrics.counter("dyadwatch", "articles_rejected")

    def setup(self):
        self.dead_letters = DeadLetters.from_url(self.redis_url, self.prefix)

    def process(self, entry):
        started = time.perf_counter()
        try:
            article = entry_to_article(entry)
        except Exception as err:  # noqa: BLE001 - one entry must never stop the stream
            reason = "invalid" if isinstance(err, ValueError) else "error"
            self._reject(entry, reason, f"{type(err).__name__}: {err}" if reason == "error" else str(err))
            return
        if article is None:
            self.rejected.inc()
            metrics.ARTICLES_REJECTED.labels(reason="empty").inc()
            return
        self.ingested.inc()
        metrics.ARTICLES_INGESTED.labels(source=self.source).inc()
        metrics.STAGE_SECONDS.labels(stage="normalise").observe(time.perf_counter() - started)
        yield article

    def _reject(self, entry, reason: str, message: str) -> None:
        origin = origin_of(entry)
        log.warning("rejected entry from %s: %s", origin, message)
        self.rejected.inc()
        metrics.ARTICLES_REJECTED.labels(reason=reason).inc()
        if self.dead_letters:
            self.dead_letters.add(origin, message, entry)

    def teardown(self):
        if self.dead_letters:
            self.dead_letters.close()


class NormaliseArticles(beam.PTransform):
    """Raw entries/records → Articles (HTML stripped, canonical URL, UTC dates)."""

    def __init__(self, source: str = "feed", redis_url: str | None = None, prefix: str = "dyadwatch"):
        super().__init__()
        self.source, self.redis_url, self.prefix = source, redis_url, prefix

    def expand(self, entries):
        return entries | "EntryToArticle" >> beam.ParDo(_EntryToArticle(self.source, self.redis_url, self.prefix))
