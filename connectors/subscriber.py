"""The alert subscriber: optional catch-up from the stream, then live pub/sub.

It subscribes to the most specific channel the filters allow (pair, else
country, else type, else all) and applies any remaining filters itself. With
``since``, it subscribes first, then reads the stream after that id, then
prints live messages not already printed: nothing falls in the gap.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import redis

from connectors.redis_sink import connect, pair_channel, stream_key
from transforms.alerts import participant_codes


@dataclass(frozen=True)
class AlertFilter:
    pair: tuple[str, str] | None = None
    country: str | None = None
    event: str | None = None

    def channel(self, prefix: str) -> str:
        if self.pair:
            return pair_channel(prefix, *self.pair)
        if self.country:
            return f"{prefix}:alerts:country:{self.country}"
        if self.event:
            return f"{prefix}:alerts:type:{self.event}"
        return f"{prefix}:alerts"

    def matches(self, alert: dict) -> bool:
        codes = set(participant_codes(alert))
        if self.pair and not set(self.pair) <= codes:
            return False
        if self.country and self.country not in codes:
            return False
        return not (self.event and alert.get("event") != self.event)


def read_since(client: redis.Redis, prefix: str, since: str, count: int = 500) -> Iterator[tuple[str, dict]]:
    """(stream id, alert) for every stream entry after ``since`` ("0" for all)."""
    start = "-" if since in ("0", "-", "") else f"({since}"
    while True:
        entries = client.xrange(stream_key(prefix), min=start, max="+", count=count)
        for entry_id, fields in entries:
            entry_id = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
            body = fields.get(b"alert") or fields.get("alert")
            yield entry_id, json.loads(body)
        if len(entries) < count:
            return
        start = f"({entry_id}"


def subscribe(redis_url: str, prefix: str, alert_filter: AlertFilter, on_alert: Callable[[dict], None],
              since: str | None = None, stop: Callable[[], bool] = lambda: False) -> None:
    """Call ``on_alert`` for each matching alert until ``stop()`` is true."""
    client = connect(redis_url, socket_timeout=None)
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(alert_filter.channel(prefix))
    printed: set[str] = set()
    if since is not None:
        for _, alert in read_since(client, prefix, since):
            if alert_filter.matches(alert):
                printed.add(alert["id"])
                on_alert(alert)
    try:
        while not stop():
            message = pubsub.get_message(timeout=0.5)
            if message is None:
                continue
            alert = json.loads(message["data"])
            if alert["id"] in printed or not alert_filter.matches(alert):
                continue
            printed.add(alert["id"])   # a live repeat after catch-up is shown once
            on_alert(alert)
    finally:
        pubsub.close()
        client.close()


def format_alert(alert: dict) -> str:
    """One human line: time, type, who → whom, where, confidence, headline."""
    def names(actors):
        return ", ".join(f"{a.get('actorText') or a['code']} ({a['code']})" for a in actors) or "-"
    arrow = "<->" if alert.get("symmetric") else "->"
    loc = alert.get("eventLoc") or {}
    where = f" in {loc.get('name')} ({loc.get('code')})" if loc else ""
    mode = f"/{alert['mode']}" if alert.get("mode") else ""
    flags = " [planned]" if alert.get("planned") else ""
    return (f"{alert.get('detected_at', '')} {alert['event']}{mode} (CAMEO {alert.get('cameo')}) "
            f"{names(alert['source'])} {arrow} {names(alert['target'])}{where}{flags} "
            f"conf={alert.get('confidence')} | {alert.get('title') or ''} | {alert.get('url') or ''}")


def wait_for_redis(redis_url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connect(redis_url).ping()
            return True
        except redis.RedisError:
            time.sleep(0.2)
    return False
