"""Rejected records, kept for a while in Redis so someone can see what was dropped.

One list per prefix, ``{prefix}:deadletter``, newest first: LPUSH, LTRIM to
``max_items`` and EXPIRE in one MULTI, so it stays bounded and goes away when
nothing is rejected for ``ttl`` seconds. Each item is JSON: ``origin`` (feed name,
or file:line), ``reason``, ``record`` (a preview, at most ``MAX_RECORD_CHARS``)
and ``at`` (unix time). Adding never raises: Redis being down must not turn a
rejected record into a failed stage.
"""
from __future__ import annotations

import json
import logging
import time

import redis

log = logging.getLogger(__name__)

DEFAULT_MAX_ITEMS = 1000
DEFAULT_TTL = 7 * 86400
MAX_RECORD_CHARS = 4000


def dead_letter_key(prefix: str) -> str:
    return f"{prefix}:deadletter"


def preview(record) -> str:
    """A short printable form of any record, even one nested thousands deep."""
    if isinstance(record, (bytes, bytearray)):
        record = bytes(record[:MAX_RECORD_CHARS]).decode("utf-8", "replace")
    if isinstance(record, str):
        return record[:MAX_RECORD_CHARS]
    try:
        return json.dumps(record, ensure_ascii=False, default=str)[:MAX_RECORD_CHARS]
    except (ValueError, TypeError, RecursionError):
        return f"<unprintable {type(record).__name__}>"


class DeadLetters:
    def __init__(self, client: redis.Redis, prefix: str, max_items: int = DEFAULT_MAX_ITEMS,
                 ttl: int = DEFAULT_TTL):
        self.client, self.key = client, dead_letter_key(prefix)
        self.max_items, self.ttl = max_items, ttl

    @classmethod
    def from_url(cls, redis_url: str | None, prefix: str) -> "DeadLetters | None":
        if not redis_url:
            return None
        return cls(redis.Redis.from_url(redis_url, socket_timeout=5, socket_connect_timeout=2), prefix)

    def add(self, origin: str, reason: str, record) -> None:
        item = json.dumps({"origin": origin, "reason": reason, "record": preview(record), "at": time.time()},
                          ensure_ascii=False)
        try:
            pipe = self.client.pipeline(transaction=True)
            pipe.lpush(self.key, item)
            pipe.ltrim(self.key, 0, self.max_items - 1)
            pipe.expire(self.key, self.ttl)
            pipe.execute()
        except redis.RedisError as err:
            log.warning("dead-letter list unavailable (%s); dropped record from %s", err, origin)

    def close(self) -> None:
        self.client.close()
