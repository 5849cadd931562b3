"""The live page: alerts, active country pairs, throughput and feed health in a browser.

A small read-only web server (standard library ``ThreadingHTTPServer``) that ``demo`` and ``run``
start beside the pipeline and ``dyadwatch dashboard`` starts on its own. Alerts reach the page by
Server-Sent Events: ``/api/events`` sends the stream's recent history, then tails the stream with a
blocking XREAD. Each event carries its stream id as the SSE ``id``, so a browser that reconnects
(after a restart of dyadwatch or of Redis) sends ``Last-Event-ID`` and receives exactly the entries
after it: nothing missed, nothing twice. Every few seconds the same connection carries a ``stats``
event: articles/s and events/s (from this process's Prometheus registry, when the pipeline runs
here), alerts/s and fetch→alert latency (from the stream), and feed health (from the feed-state
hashes in Redis). The server only reads Redis: XREAD, XRANGE, XREVRANGE, SCAN, HGETALL, PING.
"""
from __future__ import annotations

import collections
import functools
import json
import logging
import re
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import redis

from connectors.feed_state import FeedStateStore
from connectors.feed_state import _decode as decode_feed_state   # the store's own reading of a hash
from connectors.redis_sink import connect, stream_key
from transforms import defaults

log = logging.getLogger(__name__)

DEFAULT_PORT = defaults.PAGE_PORT
DEFAULT_HOST = defaults.PAGE_HOST
STATIC_DIR = Path(__file__).resolve().parent / "live_page_static"
STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
HISTORY_HOURS = 6          # how far back a fresh page reaches
HISTORY_LIMIT = 2000       # and at most this many alerts
STATS_EVERY = 5.0          # seconds between stats events (also the XREAD block time)
RATE_WINDOW = 600          # seconds of throughput shown
RATE_BUCKET = 10           # seconds per throughput point
_STREAM_ID = re.compile(r"\d{1,20}(-\d{1,20})?")


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Code → name for every state and organisation the coder knows."""
    from transforms.coder.dictionaries import DICTIONARY_DIR, read_tsv

    names = {}
    for table in ("countries.tsv", "organisations.tsv"):
        for row in read_tsv(DICTIONARY_DIR / table):
            names[row["code"]] = row["names"].split("|")[0].strip()
    return names


class Throughput:
    """Samples this process's Prometheus counters every few seconds (articles ingested, events coded)
    so the page can show rates; only meaningful where the pipeline runs in this process."""

    def __init__(self, interval: float = RATE_BUCKET, window: float = RATE_WINDOW):
        self.interval = interval
        self.samples: collections.deque = collections.deque(maxlen=int(window / interval) + 2)
        self._stop = threading.Event()

    def start(self) -> "Throughput":
        self.sample()
        threading.Thread(target=self._loop, name="dyadwatch-page-rates", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        from transforms import metrics

        self.samples.append((time.time(), _counter_total(metrics.ARTICLES_INGESTED), _counter_total(metrics.EVENTS)))

    def series(self) -> dict:
        """Per-second rates between consecutive samples: {t: [...], articles: [...], events: [...]}."""
        points = list(self.samples)
        out = {"t": [], "articles": [], "events": []}
        for (t0, a0, e0), (t1, a1, e1) in zip(points, points[1:]):
            span = max(t1 - t0, 1e-6)
            out["t"].append(round(t1, 3))
            out["articles"].append(round((a1 - a0) / span, 3))
            out["events"].append(round((e1 - e0) / span, 3))
        return out


def _counter_total(counter) -> float:
    return sum(sample.value for metric in counter.collect() for sample in metric.samples
               if sample.name.endswith("_total"))


class PageData:
    """What the page shows, read from Redis (and from the in-process registry when there is one)."""

    def __init__(self, redis_url: str, prefix: str, feeds=(), throughput: Throughput | None = None):
        self.redis_url = redis_url
        self.prefix = prefix
        self.stream = stream_key(prefix)
        store = FeedStateStore(None, prefix)
        self.feed_names = {store.key(feed.url): feed.name for feed in feeds}
        self.throughput = throughput
        self._client = connect(redis_url)
        self._lock = threading.Lock()
        self._cached: tuple[float, dict] | None = None
        self._scanned: tuple[float, list] = (0.0, [])

    def stats(self) -> dict:
        """Rates, latency and feed health; computed at most once a second whatever the number of pages."""
        with self._lock:
            now = time.time()
            if self._cached and now - self._cached[0] < 1.0:
                return self._cached[1]
            stats = {"now": round(now, 3), "stream": self.stream, "bucket": RATE_BUCKET, "window": RATE_WINDOW,
                     "in_process": self.throughput is not None, "redis": True}
            if self.throughput is not None:
                stats["rates"] = self.throughput.series()
            try:
                stats.update(self._alert_rates(now))
                stats["feeds"] = self._feeds(now)
            except redis.RedisError as err:
                stats.update(redis=False, redis_error=str(err).splitlines()[0][:200])
            self._cached = (now, stats)
            return stats

    def _alert_rates(self, now: float) -> dict:
        """Alerts per bucket over the window and fetch→alert latency, from the stream's ids (the time
        each alert reached Redis) and the alerts' ``fetched_at``."""
        start_ms = int((now - RATE_WINDOW) * 1000)
        buckets = [0] * (RATE_WINDOW // RATE_BUCKET)
        latencies = []
        for entry_id, fields in self._client.xrange(self.stream, min=f"{start_ms}-0", max="+", count=20000):
            added = _id_ms(entry_id) / 1000
            index = int((added - (now - RATE_WINDOW)) // RATE_BUCKET)
            if 0 <= index < len(buckets):
                buckets[index] += 1
            fetched = _iso_seconds(_alert_json(fields).get("fetched_at"))
            if fetched is not None and added >= fetched:
                latencies.append(added - fetched)
        latencies.sort()
        return {"alerts": [round(n / RATE_BUCKET, 3) for n in buckets],
                "alerts_start": round(now - RATE_WINDOW, 3),
                "latency": {"count": len(latencies), "p50": _quantile(latencies, 0.5),
                            "p95": _quantile(latencies, 0.95), "max": _quantile(latencies, 1.0)}}

    def _feed_keys(self, now: float) -> list[str]:
        """The job's feeds when it is known, else every feed hash under the prefix (a SCAN of the
        whole key space, so repeated at most once a minute)."""
        if self.feed_names:
            return sorted(self.feed_names)
        if now - self._scanned[0] > 60:
            keys = self._client.scan_iter(f"{self.prefix}:feed:*", count=1000)
            self._scanned = (now, sorted(k.decode() if isinstance(k, bytes) else k for k in keys))
        return self._scanned[1]

    def _feeds(self, now: float) -> list[dict]:
        feeds = []
        for key in self._feed_keys(now):
            raw = self._client.hgetall(key)
            if not raw:
                continue   # not polled yet, or expired
            state = decode_feed_state(raw)
            feeds.append({"name": self.feed_names.get(key) or "feed " + key.rsplit(":", 1)[-1][:8],
                          "last_success": state.last_success or None, "failures": state.failures,
                          "last_outcome": state.last_outcome,
                          "backoff_until": state.backoff_until if state.backoff_until > now else None})
        return feeds


def _id_ms(entry_id) -> int:
    entry_id = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
    return int(entry_id.split("-")[0])


def _alert_json(fields: dict) -> dict:
    body = fields.get(b"alert") or fields.get("alert") or b"{}"
    try:
        alert = json.loads(body)
    except ValueError:
        return {}
    return alert if isinstance(alert, dict) else {}


def _iso_seconds(value) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return round(values[min(len(values) - 1, int(q * len(values)))], 3)


class _Handler(BaseHTTPRequestHandler):
    server_version = "dyadwatch-page"
    data: PageData
    stopping: threading.Event

    def log_message(self, *_):
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if url.path == "/api/events":
            return self._events(self.headers.get("Last-Event-ID") or (query.get("since") or [None])[0])
        if url.path == "/api/countries":
            return self._json(country_names())
        if url.path == "/api/stats":
            return self._json(self.data.stats())
        name = "index.html" if url.path in ("/", "/index.html") else url.path.removeprefix("/static/")
        path = STATIC_DIR / name
        if "/" in name or path.suffix not in STATIC_TYPES or not path.is_file():
            return self._send(404, b"not found\n", "text/plain; charset=utf-8")
        return self._send(200, path.read_bytes(), STATIC_TYPES[path.suffix])

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        # Nothing but the page's own files: no inline script, no other origin.
        self.send_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                                                    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, value) -> None:
        self._send(200, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _events(self, since: str | None) -> None:
        if since is not None and not _STREAM_ID.fullmatch(since):
            return self._send(400, b"bad Last-Event-ID\n", "text/plain; charset=utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Accel-Buffering", "no")
        self.end_headers()
        try:
            self.wfile.write(b"retry: 2000\n\n")
            AlertTail(self.data, self.wfile, self.stopping).run(since)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass   # the page went away
        self.close_connection = True


class AlertTail:
    """One page's event stream: history or catch-up, then live entries, stats, and Redis status."""

    def __init__(self, data: PageData, out, stopping: threading.Event):
        self.data, self.out, self.stopping = data, out, stopping
        self.client = connect(data.redis_url, socket_timeout=STATS_EVERY + 10)
        self.redis_up = True

    def run(self, since: str | None) -> None:
        last = since
        backoff = 0.25
        next_stats = 0.0
        try:
            while not self.stopping.is_set():
                try:
                    if last is None:
                        last = self._history()
                    entries = self.client.xread({self.data.stream: last}, count=500,
                                                block=int(STATS_EVERY * 1000))
                    self._status(True)
                    for _, items in entries or ():
                        for entry_id, fields in items:
                            last = self._send_alert(entry_id, fields)
                    backoff = 0.25
                except redis.RedisError as err:
                    self._status(False, err)
                    self.stopping.wait(backoff)
                    backoff = min(backoff * 2, 5.0)
                if time.monotonic() >= next_stats:   # also tells a closed page from an open one
                    self._write("stats", json.dumps(self.data.stats()))
                    next_stats = time.monotonic() + STATS_EVERY
        finally:
            self.client.close()

    def _history(self) -> str:
        """Send the last hours of alerts (oldest first); return the id to read on from."""
        start = f"{int((time.time() - HISTORY_HOURS * 3600) * 1000)}-0"
        recent = self.client.xrevrange(self.data.stream, max="+", min=start, count=HISTORY_LIMIT)
        for entry_id, fields in reversed(recent):
            start = self._send_alert(entry_id, fields)
        self._write("ready", "{}")
        return start

    def _send_alert(self, entry_id, fields) -> str:
        entry_id = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
        alert = _alert_json(fields)
        if alert:
            self._write("alert", json.dumps(alert, ensure_ascii=False), entry_id)
        return entry_id

    def _status(self, up: bool, err: Exception | None = None) -> None:
        if up != self.redis_up:
            self.redis_up = up
            if not up:
                log.warning("live page: lost Redis (%s); retrying", str(err).splitlines()[0][:200])
            self._write("redis", json.dumps({"up": up}))

    def _write(self, event: str, data: str, entry_id: str | None = None) -> None:
        head = f"id: {entry_id}\n" if entry_id else ""
        # JSON never holds a raw newline, so one data line per event.
        self.out.write(f"{head}event: {event}\ndata: {data}\n\n".encode("utf-8"))
        self.out.flush()


class LivePage:
    """The server; ``start()`` serves from a daemon thread until ``stop()``."""

    def __init__(self, redis_url: str, prefix: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 feeds=(), in_process: bool = False):
        self.throughput = Throughput() if in_process else None
        self.stopping = threading.Event()
        handler = type("Handler", (_Handler,), {
            "data": PageData(redis_url, prefix, feeds, self.throughput), "stopping": self.stopping})
        self.httpd = ThreadingHTTPServer((host, port), handler)   # OSError when the port is taken
        self.httpd.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> "LivePage":
        if self.throughput:
            self.throughput.start()
        threading.Thread(target=self.httpd.serve_forever, name="dyadwatch-page", daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self.throughput:
            self.throughput.stop()
        self.httpd.shutdown()
        self.httpd.server_close()
