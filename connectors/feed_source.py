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
import zlib
from concurrent.futures import Future, ThreadPoolExecutor, wait

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.transforms.periodicsequence import ImpulseSeqGenDoFn, ImpulseSeqGenRestrictionProvider
from apache_beam.io.watermark_estimators import ManualWatermarkEstimator
from apache_beam.transforms.window import GlobalWindow
from apache_beam.utils.timestamp import MAX_TIMESTAMP, Timestamp
from apache_beam.utils.windowed_value import WindowedValue

from connectors.feed_config import FeedConfig
from connectors.feed_poller import FeedPoller, PollResult
from connectors.feed_state import FeedStateStore
from connectors.http_fetch import FetchLimits
from connectors.redis_sink import connect
from transforms import metrics


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
    """How often to check which feeds are due, and to hand on finished polls: a fifth of the
    shortest interval (so feeds spread over it poll in small groups), within 0.2 s to 1 s."""
    return max(0.2, min(1.0, min(feed.interval for feed in feeds) / 5))


def poll_phase(url: str) -> float:
    """Where in its interval a feed polls, 0..1, the same on every run (a hash of its URL)."""
    return zlib.crc32(url.encode("utf-8")) / 2**32


class _PollDueFeeds(beam.DoFn):
    """Starts due polls on a thread pool; emits the entries of finished polls.

    Polls run in the background so one slow or hostile feed (a server that
    drips a byte a second until the total timeout) never holds up the others:
    each tick's bundle hands on whatever polls have finished by its end.
    """

    def __init__(self, redis_url: str, prefix: str, limits: FetchLimits, max_parallel: int = 16,
                 tick: float = 0.0):
        self.redis_url, self.prefix, self.limits = redis_url, prefix, limits
        self.max_parallel = max_parallel
        # A tick may come a little early: a feed is due within half a tick of its interval, else
        # a feed polled every tick (interval == tick) would wait two ticks whenever one is early
        self.slack = tick / 2
        self.polls = Metrics.counter("dyadwatch", "feed_polls")
        self.entries = Metrics.counter("dyadwatch", "feed_entries")

    def setup(self):
        self.poller = FeedPoller(FeedStateStore(connect(self.redis_url), self.prefix), self.limits)
        self.pool = ThreadPoolExecutor(self.max_parallel, thread_name_prefix="dyadwatch-poll")
        self.last_started: dict[str, float] = {}
        self.in_flight: dict[str, Future] = {}

    def process(self, feed: FeedConfig):
        now = time.time()
        if feed.url not in self.in_flight and \
                now - self.last_started.get(feed.url, 0.0) >= feed.interval - self.slack:
            # Every feed is polled at the start; from then on each at its own phase of its
            # interval, so feeds started together do not all deliver in one burst (a burst's
            # last story waits for the coder to finish all the others)
            first = feed.url not in self.last_started
            self.last_started[feed.url] = now - (poll_phase(feed.url) * feed.interval if first else 0.0)
            self.in_flight[feed.url] = self.pool.submit(self._poll, feed)

    def finish_bundle(self):
        # On stop, wait for polls in flight: a finished poll has already stored the
        # feed's new ETag, so entries dropped here would never be fetched again.
        if stop_requested() and self.in_flight:
            wait(list(self.in_flight.values()), timeout=self.limits.total_timeout + 5)
        for url, future in list(self.in_flight.items()):
            if future.done():
                del self.in_flight[url]
                for entry in self._entries(future.result()):
                    yield WindowedValue(entry, Timestamp.of(time.time()), [GlobalWindow()])

    def _poll(self, feed: FeedConfig) -> PollResult:   # runs on the pool
        result = self.poller.poll(feed)
        metrics.FEED_POLLS.labels(feed=feed.name, outcome=result.outcome).inc()
        metrics.STAGE_SECONDS.labels(stage="poll").observe(result.elapsed)
        if result.outcome in ("ok", "not_modified"):
            metrics.FEED_LAST_SUCCESS.labels(feed=feed.name).set(time.time())
        if result.entries:
            metrics.FEED_ENTRIES.labels(feed=feed.name).inc(len(result.entries))
        fetched_at = time.time()
        for entry in result.entries:
            entry["fetched_at"] = fetched_at
        return result

    def _entries(self, result: PollResult):
        self.polls.inc()
        self.entries.inc(len(result.entries))
        yield from result.entries

    def teardown(self):
        self.pool.shutdown(wait=False, cancel_futures=True)


class PollFeeds(beam.PTransform):
    """A tick every second or so → the feeds → polls of those due → raw entries."""

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
        return due | "Poll" >> beam.ParDo(_PollDueFeeds(self.redis_url, self.prefix, self.limits, tick=tick))
