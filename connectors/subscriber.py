"""The alert subscriber: optional catch-up from the stream, then live pub/sub.

It subscribes to the most specific channel the filters allow (pair, else
country, else type, else all) and applies any remaining filters itself. With
``since``, it subscribes first, then reads the stream after that id, then
prints live messages not already printed: nothing falls in the gap. It
survives a Redis restart the same way.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import redis

from connectors.redis_sink import connect, pair_channel, stream_key
from transforms.alerts import participant_codes
from transforms.recent_keys import RecentKeys

log = logging.getLogger(__name__)


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
              since: str | None = None, stop: Callable[[], bool] = lambda: False,
              reconnect: bool = True, max_backoff: float = 30.0,
              on_listening: Callable[[], None] = lambda: None) -> None:
    """Call ``on_alert`` for each matching alert, once each, until ``stop()`` is true.

    ``on_listening`` is called once, when the first session has subscribed and caught up.
    If the connection drops, it reconnects with back-off and catches up from the
    stream, starting a little before the moment it was lost, so an alert
    published while it was away is still shown (and one shown before is not).
    A Redis never reached is an error at once: retrying is only for a lost connection.
    """
    shown = RecentKeys(100_000)   # ids already shown, so a catch-up never repeats one
    backoff = 0.5
    reached = []

    def listening() -> None:
        if not reached:
            reached.append(True)
            on_listening()

    while not stop():
        try:
            _session(redis_url, prefix, alert_filter, on_alert, since, stop, shown, listening)
            return
        except (redis.exceptions.AuthenticationError, redis.exceptions.AuthorizationError):
            raise   # retrying cannot fix a wrong password
        except redis.ConnectionError as err:
            if not reconnect or not reached:
                raise
            lost_at = time.time()
            log.warning("lost Redis (%s); reconnecting in %.1f s", err, backoff)
            time.sleep(backoff)
            backoff = min(max_backoff, backoff * 2)
            # Stream ids are millisecond timestamps: catch up from just before the loss.
            since = since if since is not None and not shown else f"{int((lost_at - 5) * 1000)}-0"


def _session(redis_url, prefix, alert_filter, on_alert, since, stop, shown, listening) -> None:
    client = connect(redis_url, socket_timeout=None)
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    try:
        pubsub.subscribe(alert_filter.channel(prefix))   # first, so nothing falls between catch-up and live
        if since is not None:
            for _, alert in read_since(client, prefix, since):
                if alert_filter.matches(alert) and shown.add(alert["id"]):
                    on_alert(alert)
        listening()
        while not stop():
            message = pubsub.get_message(timeout=0.5)
            if message is None:
                continue
            alert = json.loads(message["data"])
            if alert_filter.matches(alert) and shown.add(alert["id"]):
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
