"""Prometheus metrics, updated from inside the DoFns.

The streaming DirectRunner only reports Beam metrics after the run ends, so the
live endpoint is fed directly here; the DoFns also keep Beam ``Metrics`` (namespace
``dyadwatch``) so distributed runners show them in their own systems. There the
endpoint shows only what runs in the launching process; the runner's metrics
are the totals.
"""
from __future__ import annotations

import threading

from prometheus_client import Counter, Gauge, Histogram, start_http_server
from transforms import defaults

DEFAULT_PORT = defaults.METRICS_PORT
DEFAULT_HOST = defaults.METRICS_HOST

FEED_POLLS = Counter("dyadwatch_feed_polls", "Feed polls by outcome", ["feed", "outcome"])
FEED_LAST_SUCCESS = Gauge("dyadwatch_feed_last_success_timestamp_seconds",
                          "Unix time of the feed's last successful poll", ["feed"])
FEED_ENTRIES = Counter("dyadwatch_feed_entries", "Entries read from the feed", ["feed"])
ARTICLES_INGESTED = Counter("dyadwatch_articles_ingested", "Articles normalised", ["source"])
ARTICLES_DUPLICATE = Counter("dyadwatch_articles_duplicate", "Articles already seen, dropped")
ARTICLES_CODED = Counter("dyadwatch_articles_coded", "Articles run through the event coder")
ARTICLES_REJECTED = Counter("dyadwatch_articles_rejected", "Entries or lines rejected", ["reason"])
EVENTS = Counter("dyadwatch_events", "Events coded, by PLOVER type", ["event"])
ALERTS_PUBLISHED = Counter("dyadwatch_alerts_published", "Alerts delivered to Redis (first time)")
ALERTS_REDUNDANT = Counter("dyadwatch_alerts_redundant", "Alerts whose id was already published")
PUBLISH_ERRORS = Counter("dyadwatch_publish_errors", "Failed attempts to deliver alerts to Redis")
ALERT_LATENCY = Histogram("dyadwatch_alert_latency_seconds", "Fetched → published",
                          buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900))
# Batched stages (dedupe per article, publish per alert) observe each element's share of its
# batch's round trip, once per element: _count counts elements and _sum is the stage's busy time.
STAGE_SECONDS = Histogram("dyadwatch_stage_seconds", "Time per element in each stage", ["stage"],
                          buckets=(0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30))
REDIS_UP = Gauge("dyadwatch_redis_up", "1 when this process last reached Redis (a PING every few seconds, "
                 "and each command of the sink, dedupe and feed state), else 0")
REDIS_PROBE_INTERVAL = 5.0
ALERTS_PENDING = Gauge("dyadwatch_alerts_pending", "Alerts waiting for Redis (memory + spill file)")
ALERTS_SPILLED = Counter("dyadwatch_alerts_spilled", "Alerts written to the local spill file")
STORIES_OPENED = Counter("dyadwatch_stories_opened", "Stories opened (their first report published as an alert)")
STORY_UPDATES = Counter("dyadwatch_story_updates", "Reports merged into an open story instead of alerting")
STORIES_OPEN = Gauge("dyadwatch_stories_open", "Stories open in Redis (not expired), as of the last publish")
STORY_SOURCES = Histogram("dyadwatch_story_sources", "A story's num_sources after each update",
                          buckets=(2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100))
SURGES_RAISED = Counter("dyadwatch_surges_raised", "Surge alerts raised, by quad class", ["quad_class"])


def serve(port: int = DEFAULT_PORT, host: str = DEFAULT_HOST) -> None:
    """Start the /metrics endpoint; raises OSError when the port is taken."""
    start_http_server(port, addr=host)


def redis_outcome(ok: bool) -> None:
    """Record whether a Redis command (or the probe's PING) just succeeded."""
    REDIS_UP.set(1 if ok else 0)


def start_redis_probe(redis_url: str, interval: float = REDIS_PROBE_INTERVAL) -> threading.Event:
    """PING Redis now and every ``interval`` seconds in a daemon thread; set the returned event to stop."""
    import redis

    stop = threading.Event()

    def probe() -> None:
        client = redis.Redis.from_url(redis_url, socket_timeout=2, socket_connect_timeout=2)
        while True:
            try:
                client.ping()
                redis_outcome(True)
            except (redis.RedisError, OSError):
                redis_outcome(False)
            if stop.wait(interval):
                client.close()
                return

    threading.Thread(target=probe, name="dyadwatch-redis-probe", daemon=True).start()
    return stop


def observe_batch(stage: str, seconds: float, elements: int) -> None:
    """A batched stage's time, as ``elements`` observations of each one's equal share."""
    histogram = STAGE_SECONDS.labels(stage=stage)
    for _ in range(elements):
        histogram.observe(seconds / elements)


def beam_counter(result, name: str) -> int:
    """A ``dyadwatch`` Beam counter of a finished run, summed over steps (0 when never incremented)."""
    from apache_beam.metrics.metric import MetricsFilter

    found = result.metrics().query(MetricsFilter().with_namespace("dyadwatch").with_name(name))["counters"]
    return sum(r.committed or 0 for r in found)
