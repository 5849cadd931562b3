"""Alerts out to Redis, exactly once, surviving Redis outages; articles marked seen.

Per alert, one Lua script does everything atomically: skip an id already
published, XADD to the stream, PUBLISH to the all/pair/country/type channels,
and only then mark the id as published (SET with a TTL). A repeated id is a
no-op, so any retry or replay is safe; a failed XADD leaves no marker. Scripts are
pipelined per batch: one round trip per bundle. With stories on, the script of
connectors/stories.py takes the plain one's place for every alert with a pair: it
publishes an event's first report the same way and turns later ones into story updates.

The sink receives one ``(seen_keys, alerts)`` element per article that passed
de-duplication. Once Redis has acknowledged every alert of the batch, a second
pipelined round trip sets the articles' seen keys (SET EX): an article counts as
seen only when all its alerts are in Redis. Alerts that cannot be delivered now
are buffered and their articles' seen keys are left unset (not set later): after
a restart such an article is fetched and coded again, and its alerts, already
delivered or still in the spill file, are no-ops then thanks to their ids. That
is also what saves alerts that were only in the memory buffer at a SIGKILL.

When Redis is unreachable, alerts wait in a bounded memory buffer that spills to
a local append-only JSONL file when full; a background thread retries with
back-off and drains both when Redis returns (and drains a spill file left by an
earlier run at start-up).
"""
from __future__ import annotations

import fcntl
import functools
import itertools
import json
import logging
import os
import threading
import time
from collections import deque
from datetime import datetime

import apache_beam as beam
import redis
from apache_beam.metrics import Metrics

from connectors.stories import StoryConfig, StoryPublisher
from transforms import metrics
from transforms.alerts import participant_codes
from transforms.dedupe import DEFAULT_TTL as DEFAULT_SEEN_TTL
from transforms import defaults

log = logging.getLogger(__name__)

DEFAULT_PREFIX = defaults.KEY_PREFIX
DEFAULT_STREAM_MAXLEN = defaults.STREAM_MAXLEN
DEFAULT_MARKER_TTL = 30 * 86400
DEFAULT_MEMORY_BUFFER = 10_000

# The marker is set last: if XADD fails (a key of the wrong type...), the script stops
# with an error before marking, so the alert stays pending and a retry delivers it.
PUBLISH_ONCE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'alert', ARGV[3])
for i = 4, #ARGV do redis.call('PUBLISH', ARGV[i], ARGV[3]) end
redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
return 1
"""


def stream_key(prefix: str) -> str:
    return f"{prefix}:stream:alerts"


def pair_channel(prefix: str, a: str, b: str) -> str:
    first, second = sorted((a, b))
    return f"{prefix}:alerts:pair:{first}:{second}"


def alert_channels(alert: dict, prefix: str) -> list[str]:
    """Every channel an alert goes to, per the Redis contract.

    Only codes and event types the coder knows become channel names: anything
    else (which the pipeline should never produce) goes to the all-alerts channel only.
    """
    known = _known_names()
    codes = [code for code in participant_codes(alert) if code in known]
    channels = [f"{prefix}:alerts"]
    channels += [pair_channel(prefix, a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]
    channels += [f"{prefix}:alerts:country:{code}" for code in codes]
    if alert["event"] in known:
        channels.append(f"{prefix}:alerts:type:{alert['event']}")
    return channels


@functools.lru_cache(maxsize=1)
def _known_names() -> frozenset:
    from transforms.coder.dictionaries import EVENT_TYPES, known_actor_codes

    return known_actor_codes() | frozenset(EVENT_TYPES)


def connect(redis_url: str, **kwargs) -> redis.Redis:
    """A client with bounded timeouts (so an outage never hangs a stage)."""
    options = {"socket_timeout": 5, "socket_connect_timeout": 2, "health_check_interval": 15}
    options.update(kwargs)
    return redis.Redis.from_url(redis_url, **options)


class RedisAlertWriter:
    """Publishes batches of alerts; raises redis.RedisError when Redis is unreachable."""

    def __init__(self, redis_url: str, prefix: str = DEFAULT_PREFIX,
                 stream_maxlen: int = DEFAULT_STREAM_MAXLEN, marker_ttl: int = DEFAULT_MARKER_TTL,
                 stories: StoryConfig | None = None):
        if stream_maxlen < 1:
            raise ValueError(f"stream_maxlen must be at least 1, not {stream_maxlen}")
        self.client = connect(redis_url)
        self.prefix = prefix
        self.stream_maxlen = stream_maxlen
        self.marker_ttl = marker_ttl
        self.script = self.client.register_script(PUBLISH_ONCE)
        self.stories = StoryPublisher(self.client, prefix, stories) if stories else None

    def write(self, alerts: list[dict]) -> list[int]:
        """1 for each alert published now, 0 for an id published before; with stories on, 2 for
        an alert that updated an open story instead (connectors/stories.py)."""
        pipe = self.client.pipeline(transaction=False)
        for alert in alerts:
            body = json.dumps(alert, ensure_ascii=False, sort_keys=True)
            keys = [f"{self.prefix}:alert:{alert['id']}", stream_key(self.prefix)]
            channels = alert_channels(alert, self.prefix)
            if not (self.stories and self.stories.queue(pipe, alert, body, channels, *keys,
                                                        self.marker_ttl, self.stream_maxlen)):
                self.script(keys=keys, args=[self.marker_ttl, self.stream_maxlen, body, *channels], client=pipe)
        answers = pipe.execute()
        return [self.stories.outcome(answer) if isinstance(answer, list) else int(answer) for answer in answers]

    def mark_seen(self, keys: list[str], ttl: int = DEFAULT_SEEN_TTL) -> None:
        """Mark articles seen (one pipelined round trip); call only once their alerts are in Redis."""
        if not keys:
            return
        pipe = self.client.pipeline(transaction=False)
        for key in keys:
            pipe.set(key, 1, ex=ttl)
        pipe.execute()

    def close(self) -> None:
        self.client.close()


class AlertDelivery:
    """Hands alerts to a writer; buffers, spills and retries while it fails."""

    def __init__(self, writer: RedisAlertWriter, spill_path: str,
                 max_memory: int = DEFAULT_MEMORY_BUFFER, max_backoff: float = 30.0):
        self.writer = writer
        self.spill_path = spill_path
        self.max_memory = max_memory
        self.max_backoff = max_backoff
        self._memory: deque[dict] = deque()
        self._spilled = _count_lines(spill_path)
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._closed = False
        self._redis_up = self._spilled == 0   # a leftover spill file goes through the retry thread
        metrics.ALERTS_PENDING.set(self._spilled)
        self._thread = threading.Thread(target=self._retry_loop, name="dyadwatch-alert-retry", daemon=True)
        self._thread.start()
        if self._spilled:
            log.info("found %d undelivered alerts in %s; delivering them first", self._spilled, spill_path)
            self._wake.set()

    def submit(self, alerts: list[dict], seen_keys: list[str] = (),
               seen_ttl: int = DEFAULT_SEEN_TTL) -> tuple[int, int, int]:
        """Deliver now if Redis is up and nothing waits, else queue; returns (new, redundant, queued).

        ``seen_keys`` (of the articles these alerts came from) are set only after Redis
        has acknowledged every alert; when the alerts are queued they are left unset.
        """
        with self._lock:
            if self._redis_up and not self._memory and not self._spilled:
                try:
                    new = self._deliver(alerts) if alerts else 0
                except redis.RedisError as err:
                    self._mark_down(err)
                else:
                    self._mark_seen(seen_keys, seen_ttl)
                    return new, len(alerts) - new, 0
            if not alerts:
                return 0, 0, 0
            self._enqueue(alerts)
        self._wake.set()
        return 0, 0, len(alerts)

    def pending(self) -> int:
        with self._lock:
            return len(self._memory) + self._spilled

    def flush(self, timeout: float) -> bool:
        """Wait until nothing is pending (True) or the timeout passes (False)."""
        deadline = time.monotonic() + timeout
        self._wake.set()
        while self.pending():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def close(self, timeout: float = 10.0) -> int:
        """Flush what can be flushed, spill the rest to disk; returns alerts left on disk."""
        self.flush(timeout)
        self.persist()
        with self._lock:
            self._closed = True
            left = self._spilled
        self._wake.set()
        self._thread.join(timeout=5)
        self.writer.close()
        return left

    def persist(self) -> None:
        """Move alerts waiting in memory to the spill file, so a process exit cannot lose them."""
        with self._lock:
            if self._memory:
                self._spill(list(self._memory))
                self._memory.clear()

    # -- internals (call with the lock held) --

    def _deliver(self, alerts: list[dict]) -> int:
        started = time.perf_counter()
        results = self.writer.write(alerts)
        now = time.time()
        for alert, fresh in zip(alerts, results):
            if fresh == 2:   # a story update: counted by connectors/stories.py
                continue
            if fresh:
                metrics.ALERTS_PUBLISHED.inc()
                fetched = _parse_iso(alert.get("fetched_at"))
                if fetched:
                    metrics.ALERT_LATENCY.observe(max(0.0, now - fetched))
            else:
                metrics.ALERTS_REDUNDANT.inc()
        metrics.redis_outcome(True)
        metrics.observe_batch("publish", time.perf_counter() - started, len(alerts))
        return sum(1 for fresh in results if fresh)

    def _mark_seen(self, keys: list[str], ttl: int) -> None:
        try:
            self.writer.mark_seen(list(keys), ttl)
            metrics.redis_outcome(True)
        except redis.RedisError as err:
            metrics.redis_outcome(False)
            # The alerts are in Redis: unset keys only mean the articles are coded again after
            # a restart, and their alerts are then no-ops.
            log.warning("cannot mark %d article keys seen (%s); they will be coded again", len(keys), err)

    def _mark_down(self, err: Exception) -> None:
        if self._redis_up:
            log.warning("cannot publish to Redis (%s); buffering alerts", err)
        self._redis_up = False
        metrics.redis_outcome(False)
        metrics.PUBLISH_ERRORS.inc()

    def _enqueue(self, alerts: list[dict]) -> None:
        room = max(0, self.max_memory - len(self._memory))
        self._memory.extend(alerts[:room])
        if len(alerts) > room:
            self._spill(alerts[room:])
        metrics.ALERTS_PENDING.set(len(self._memory) + self._spilled)

    def _spill(self, alerts: list[dict]) -> None:
        os.makedirs(os.path.dirname(os.path.abspath(self.spill_path)), exist_ok=True)
        with open(self.spill_path, "a", encoding="utf-8") as spill:
            # Worker processes may share one spill file: appends and drains take turns.
            fcntl.flock(spill, fcntl.LOCK_EX)
            for alert in alerts:
                spill.write(json.dumps(alert, ensure_ascii=False) + "\n")
            spill.flush()
            os.fsync(spill.fileno())
        self._spilled += len(alerts)
        metrics.ALERTS_SPILLED.inc(len(alerts))

    def _retry_loop(self) -> None:   # runs in its own thread
        backoff = 0.25
        while True:
            self._wake.wait(timeout=backoff if not self._redis_up else None)
            self._wake.clear()
            with self._lock:
                if self._closed:
                    return
                if not self._memory and not self._spilled:
                    continue
                try:
                    self._drain()
                    self._redis_up = True
                    backoff = 0.25
                    log.info("Redis reachable again; backlog delivered")
                except redis.RedisError as err:
                    self._mark_down(err)
                    backoff = min(self.max_backoff, backoff * 2)
                metrics.ALERTS_PENDING.set(len(self._memory) + self._spilled)

    def _drain(self, batch_size: int = 500) -> None:
        while self._memory:
            batch = [self._memory[i] for i in range(min(batch_size, len(self._memory)))]
            self._deliver(batch)
            for _ in batch:
                self._memory.popleft()
        if self._spilled:
            try:
                # errors="replace": a line cut inside a character by a crash is then not JSON, and
                # skipped like any cut line (a UnicodeDecodeError would end this thread).
                spill = open(self.spill_path, "r+", encoding="utf-8", errors="replace")
            except FileNotFoundError:   # another process delivered and emptied it
                self._spilled = 0
                return
            with spill:
                fcntl.flock(spill, fcntl.LOCK_EX)
                # Read a batch at a time: memory holds one batch, however long the outage was.
                alerts = _parse_spill(spill, self.spill_path)
                while batch := list(itertools.islice(alerts, batch_size)):
                    self._deliver(batch)
                # All delivered (a crash before this line only means a no-op re-delivery).
                # Truncate rather than remove: an appender waiting on the lock keeps a valid file.
                spill.truncate(0)
            self._spilled = 0


def _count_lines(path: str) -> int:
    try:
        with open(path, "rb") as spill:
            return sum(1 for line in spill if line.strip())
    except FileNotFoundError:
        return 0


def _parse_spill(spill, path: str):
    for number, line in enumerate(spill, 1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError:   # a line cut short by a crash mid-write
            log.error("spill file %s line %d is not JSON; skipped", path, number)


def _parse_iso(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


# One delivery per (Redis, prefix, spill file) per process: DoFn instances come and
# go, but the buffer and its retry thread must outlive them.
_deliveries: dict[tuple, AlertDelivery] = {}
_deliveries_lock = threading.Lock()


def shared_delivery(redis_url: str, prefix: str, spill_path: str, stream_maxlen: int,
                    stories: StoryConfig | None = None) -> AlertDelivery:
    key = (redis_url, prefix, os.path.abspath(spill_path))
    with _deliveries_lock:
        if key not in _deliveries:
            writer = RedisAlertWriter(redis_url, prefix, stream_maxlen, stories=stories)
            _deliveries[key] = AlertDelivery(writer, spill_path)
        return _deliveries[key]


def pending_all() -> int:
    """Alerts that every delivery of this process still holds for Redis."""
    with _deliveries_lock:
        deliveries = list(_deliveries.values())
    return sum(delivery.pending() for delivery in deliveries)


def close_all(timeout: float = 10.0) -> int:
    """Flush and close every delivery of this process; returns alerts left in spill files."""
    with _deliveries_lock:
        deliveries = list(_deliveries.values())
        _deliveries.clear()
    return sum(delivery.close(timeout) for delivery in deliveries)


class _Publish(beam.DoFn):
    def __init__(self, redis_url, prefix, spill_path, stream_maxlen, seen_ttl, stories):
        self.args = (redis_url, prefix, spill_path, stream_maxlen, stories)
        self.seen_ttl = seen_ttl
        # Beam counters too: on multi-process and distributed runners they are the totals.
        self.new = Metrics.counter("dyadwatch", "alerts_new")
        self.redundant = Metrics.counter("dyadwatch", "alerts_redundant")
        self.queued = Metrics.counter("dyadwatch", "alerts_queued")

    def setup(self):
        self.delivery = shared_delivery(*self.args)

    def process(self, batch):
        alerts = [alert for _, article_alerts in batch for alert in article_alerts]
        seen_keys = [key for keys, _ in batch for key in keys]
        new, redundant, queued = self.delivery.submit(alerts, seen_keys, self.seen_ttl)
        self.new.inc(new)
        self.redundant.inc(redundant)
        self.queued.inc(queued)
        yield from alerts

    def teardown(self):
        # The worker may exit after this: give waiting alerts a moment, then put them on disk.
        self.delivery.flush(timeout=5)
        self.delivery.persist()


class PublishAlerts(beam.PTransform):
    """(seen keys, alerts) per article → alerts on the Redis stream and channels (idempotent,
    buffered through outages), then the article marked seen once all its alerts are in Redis.

    Outputs the alerts handed to the sink, for tests and for chaining.
    """

    def __init__(self, redis_url: str, prefix: str = DEFAULT_PREFIX, spill_path: str = "dyadwatch-spill.jsonl",
                 stream_maxlen: int = DEFAULT_STREAM_MAXLEN, seen_ttl: int = DEFAULT_SEEN_TTL,
                 stories: StoryConfig | None = None):
        super().__init__()
        self.args = (redis_url, prefix, spill_path, stream_maxlen, seen_ttl, stories)

    def expand(self, alerts):
        return (alerts
                | "BatchPerBundle" >> beam.BatchElements(min_batch_size=1, max_batch_size=500)
                | "Publish" >> beam.ParDo(_Publish(*self.args)))
