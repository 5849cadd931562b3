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


class _CodeArticle(beam.DoFn):
    def __init__(self):
        self.coded = Metrics.counter("dyadwatch", "articles_coded")
        self.events = Metrics.counter("dyadwatch", "events")
        self.failed = Metrics.counter("dyadwatch", "coder_failures")

    def setup(self):
        from transforms.coder import EventCoder   # loads the dictionaries once per worker

        self.coder = EventCoder()

    def process(self, article):
        started = time.perf_counter()
        try:
            events = self.coder.code(article.text, title=article.title, home_country=article.home_country,
                                     date=article.published)
        except Exception:   # one odd article must not stop the stream
            log.exception("coder failed on article %s", article.id)
            self.failed.inc()
            metrics.ARTICLES_REJECTED.labels(reason="coder_error").inc()
            yield article, []
            return
        self.coded.inc()
        metrics.ARTICLES_CODED.inc()
        metrics.STAGE_SECONDS.labels(stage="code").observe(time.perf_counter() - started)
        for event in events:
            self.events.inc()
            metrics.EVENTS.labels(event=event["event"]).inc()
        yield article, list(events)


class CodeEvents(beam.PTransform):
    """Articles → (article, events): one element per article, with all its coded dyadic events."""

    def expand(self, articles):
        return articles | "CodeArticle" >> beam.ParDo(_CodeArticle())
