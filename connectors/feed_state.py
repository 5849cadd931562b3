"""Per-feed conditional-GET and back-off state, kept in Redis.

One hash per feed, ``{prefix}:feed:{sha1(url)[:20]}``, with a TTL so feeds
removed from the config fade away. Redis is a convenience here, not a
dependency: every state is also kept in memory, Redis errors are swallowed
(logged once per outage), and states written while Redis was away are written
through when it answers again. Polling must go on when Redis is down.
"""
from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import asdict, dataclass, fields

from transforms import metrics

log = logging.getLogger(__name__)


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    backoff_until: float = 0.0  # epoch seconds
    last_success: float = 0.0  # epoch seconds
    last_outcome: str | None = None


_TYPES = {f.name: f.type for f in fields(FeedState)}


class FeedStateStore:
    def __init__(self, redis_client, prefix: str = "dyadwatch", ttl_seconds: int = 30 * 86400,
                 redis_retry_seconds: float = 10.0):
        """``redis_client`` may be None (memory only). After a Redis error, Redis is
        left alone for ``redis_retry_seconds`` so a dead server does not add a
        connect attempt to every poll."""
        self.redis = redis_client
        self.prefix = prefix
        self.ttl = int(ttl_seconds)
        self.retry_seconds = redis_retry_seconds
        self._memory: dict[str, FeedState] = {}
        self._dirty: set[str] = set()  # urls whose state Redis has not got yet
        self._down_until = 0.0
        self._lock = threading.Lock()

    def key(self, url: str) -> str:
        return f"{self.prefix}:feed:{hashlib.sha1(url.encode('utf-8')).hexdigest()[:20]}"

    def get(self, url: str) -> FeedState:
        if self._redis_usable():
            try:
                self._flush_dirty()
                if url not in self._dirty:
                    raw = self.redis.hgetall(self.key(url))
                    self._redis_ok()
                    if raw:
                        state = _decode(raw)
                        with self._lock:
                            self._memory[url] = state
                        return _copy(state)
            except Exception as exc:  # noqa: BLE001 - Redis trouble must not stop polling
                self._redis_failed(exc)
        with self._lock:
            return _copy(self._memory.get(url, FeedState()))

    def put(self, url: str, state: FeedState) -> None:
        with self._lock:
            self._memory[url] = _copy(state)
            self._dirty.add(url)
        if self._redis_usable():
            try:
                self._flush_dirty()
            except Exception as exc:  # noqa: BLE001
                self._redis_failed(exc)

    # -- internals --------------------------------------------------------

    def _redis_usable(self) -> bool:
        return self.redis is not None and time.monotonic() >= self._down_until

    def _redis_ok(self) -> None:
        metrics.redis_outcome(True)
        if self._down_until:
            log.info("feed state: Redis is back")
            self._down_until = 0.0

    def _redis_failed(self, exc: Exception) -> None:
        metrics.redis_outcome(False)
        if not self._down_until:
            log.warning("feed state: Redis unavailable (%s); keeping feed state in memory", exc)
        self._down_until = time.monotonic() + self.retry_seconds

    def _flush_dirty(self) -> None:
        with self._lock:
            pending = {url: _copy(self._memory[url]) for url in self._dirty}
        if not pending:
            return
        pipe = self.redis.pipeline(transaction=True)
        for url, state in pending.items():
            key = self.key(url)
            pipe.delete(key)  # so fields that became None disappear
            pipe.hset(key, mapping=_encode(state))
            pipe.expire(key, self.ttl)
        pipe.execute()
        with self._lock:
            for url, state in pending.items():
                if self._memory.get(url) == state:  # not overwritten meanwhile
                    self._dirty.discard(url)
        self._redis_ok()


def _copy(state: FeedState) -> FeedState:
    return FeedState(**asdict(state))


def _encode(state: FeedState) -> dict:
    # last_outcome / failures are always present, so the mapping is never empty.
    return {k: str(v) for k, v in asdict(state).items() if v is not None}


def _decode(raw: dict) -> FeedState:
    """From a hash read by a client with or without decode_responses."""
    values = {}
    for k, v in raw.items():
        k = k.decode("utf-8", "replace") if isinstance(k, bytes) else k
        v = v.decode("utf-8", "replace") if isinstance(v, bytes) else v
        if k not in _TYPES:
            continue
        try:
            if k == "failures":
                values[k] = int(float(v))
            elif k in ("backoff_until", "last_success"):
                values[k] = float(v)
            else:
                values[k] = v
        except ValueError:
            continue  # one bad field costs that field only
    return FeedState(**values)
