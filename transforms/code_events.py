"""The Beam stage around the plain-Python event coder.

One element out per article in: ``(article, events)``, the list possibly empty,
so that every article that passed de-duplication reaches the sink, which marks
it seen once its alerts are delivered. An article the coder fails on goes on with
no events (counted and logged): it is marked seen too, rather than failing again
after every restart."""
from __future__ import annotations

import logging
import time

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms import metrics

log = logging.getLogger(__name__)
CODER_BATCH = 64   # articles of a bundle coded together


class _CodeArticle(beam.DoFn):
    def __init__(self):
        self.coded = Metrics.counter("dyadwatch", "articles_coded")
        self.events = Metrics.counter("dyadwatch", "events")
        self.failed = Metrics.counter("dyadwatch", "coder_failures")

    def setup(self):
        from transforms.coder import EventCoder   # loads the dictionaries once per worker

        self.coder = EventCoder()

    def process(self, batch):
        """A bundle's articles coded together: their sentences go through the parse in one
        batch (EventCoder.code_many), several times cheaper than one parse call per article."""
        started = time.perf_counter()
        try:
            coded = self.coder.code_many([(a.text, a.title, a.home_country, a.published) for a in batch])
        except Exception:   # noqa: BLE001 - find the odd article out, one at a time
            coded = [self._code_one(article) for article in batch]
        share = (time.perf_counter() - started) / max(1, len(batch))
        for article, events in zip(batch, coded):
            if events is None:
                yield article, []
                continue
            self.coded.inc()
            metrics.ARTICLES_CODED.inc()
            metrics.STAGE_SECONDS.labels(stage="code").observe(share)
            for event in events:
                self.events.inc()
                metrics.EVENTS.labels(event=event["event"]).inc()
            yield article, list(events)

    def _code_one(self, article):
        """Events of one article, or None when the coder fails on it (one odd article must not
        stop the stream: it goes on with no events, counted and logged)."""
        try:
            return self.coder.code(article.text, title=article.title, home_country=article.home_country,
                                   date=article.published)
        except Exception:   # noqa: BLE001
            log.exception("coder failed on article %s", article.id)
            self.failed.inc()
            metrics.ARTICLES_REJECTED.labels(reason="coder_error").inc()
            return None


class CodeEvents(beam.PTransform):
    """Articles → (article, events): one element per article, with all its coded dyadic events."""

    def expand(self, articles):
        # batches never wait across bundles: a streaming article is coded in its own bundle
        return (articles
                | "BatchArticles" >> beam.BatchElements(min_batch_size=1, max_batch_size=CODER_BATCH)
                | "CodeArticle" >> beam.ParDo(_CodeArticle()))
