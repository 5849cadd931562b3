"""Feeds in: a periodic tick polls every feed that is due, entries out.

A tick fires every ``tick`` seconds; each feed is polled when its own interval
has passed (and not while it backs off). The tick is Beam's PeriodicImpulse
generator with one addition: ``request_stop()`` ends it, so the local runner
drains the pipeline and returns cleanly on Ctrl-C. On a distributed runner a
Reshuffle spreads the polls over workers; locally it is left out, because the
in-process runner holds a stage's output until the stage finishes.
"""
from __future__ import annotations

import threading
import time

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.transforms.periodicsequence import ImpulseSeqGenDoFn, ImpulseSeqGenRestrictionProvider
from apache_beam.io.watermark_estimators import ManualWatermarkEstimator
from apache_beam.utils.timestamp import MAX_TIMESTAMP, Timestamp

from connectors.feed_config import FeedConfig
from connectors.feed_poller import FeedPoller
from connectors.feed_state import FeedStateStore
from connectors.http_fetch import FetchLimits
from connectors.redis_sink import connect
from pipeline import metrics


_stop_requested = threading.Event()


def request_stop() -> None:
    """End the ticks of every PollFeeds running in this process (from a signal handler too)."""
    _stop_requested.set()


def reset_stop() -> None:
    _stop_requested.clear()


def stop_requested() -> bool:
    return _stop_requested.is_set()


class _StoppableTicks(ImpulseSeqGenDoFn):
    """PeriodicImpulse's generator, ending early once a stop is requested."""

    @beam.DoFn.unbounded_per_element()
    def process(self, element,
                restriction_tracker=beam.DoFn.RestrictionParam(ImpulseSeqGenRestrictionProvider()),
                watermark_estimator=beam.DoFn.WatermarkEstimatorParam(ManualWatermarkEstimator.default_provider())):
        if stop_requested():
            # Claim the last position: the restriction is done, nothing more is deferred.
            restriction_tracker.try_claim(restriction_tracker.current_restriction().stop - 1)
            return
        yield from super().process(element, restriction_tracker, watermark_estimator)


def tick_seconds(feeds: list[FeedConfig]) -> float:
    """How often to check which feeds are due: often enough for the most eager feed."""
    return max(0.2, min(5.0, min(feed.interval for feed in feeds)))


class _PollDueFeeds(beam.DoFn):
    def __init__(self, redis_url: str, prefix: str, limits: FetchLimits):
        self.redis_url, self.prefix, self.limits = redis_url, prefix, limits
        self.polls = Metrics.counter("dyadwatch", "feed_polls")
        self.entries = Metrics.counter("dyadwatch", "feed_entries")

    def setup(self):
        self.poller = FeedPoller(FeedStateStore(connect(self.redis_url), self.prefix), self.limits)
        self.last_attempt: dict[str, float] = {}

    def process(self, feed: FeedConfig):
        now = time.time()
        if now - self.last_attempt.get(feed.url, 0.0) < feed.interval:
            return
        self.last_attempt[feed.url] = now
        result = self.poller.poll(feed, now)
        self.polls.inc()
        metrics.FEED_POLLS.labels(feed=feed.name, outcome=result.outcome).inc()
        metrics.STAGE_SECONDS.labels(stage="poll").observe(result.elapsed)
        if result.outcome in ("ok", "not_modified"):
            metrics.FEED_LAST_SUCCESS.labels(feed=feed.name).set(time.time())
        fetched_at = time.time()
        for entry in result.entries:
            entry["fetched_at"] = fetched_at
            yield entry
        if result.entries:
            self.entries.inc(len(result.entries))
            metrics.FEED_ENTRIES.labels(feed=feed.name).inc(len(result.entries))


class PollFeeds(beam.PTransform):
    """A tick every few seconds → the feeds that are due → their raw entries."""

    def __init__(self, feeds: list[FeedConfig], redis_url: str, prefix: str,
                 limits: FetchLimits = FetchLimits(), duration: float | None = None, reshuffle: bool = False):
        super().__init__()
        if not feeds:
            raise ValueError("no feeds to poll")
        self.feeds, self.redis_url, self.prefix, self.limits = feeds, redis_url, prefix, limits
        self.duration, self.reshuffle = duration, reshuffle

    def expand(self, pbegin):
        start = Timestamp.of(time.time())
        stop = start + self.duration if self.duration else MAX_TIMESTAMP
        feeds, tick = self.feeds, tick_seconds(self.feeds)
        due = (pbegin
               | "Start" >> beam.Impulse()
               | "TickRange" >> beam.Map(lambda _: [start, stop, tick])
               | "Tick" >> beam.ParDo(_StoppableTicks())
               | "FeedList" >> beam.FlatMap(lambda _: feeds))
        if self.reshuffle:
            due = due | "SpreadOverWorkers" >> beam.Reshuffle()
        return due | "Poll" >> beam.ParDo(_PollDueFeeds(self.redis_url, self.prefix, self.limits))
