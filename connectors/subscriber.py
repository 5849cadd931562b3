"""The alert subscriber: optional catch-up from the stream, then live pub/sub.

It subscribes to the most specific channel the filters allow (pair, else
country, else type, else all) and applies any remaining filters itself; story
updates and surges, when asked for, come from their own channels (they carry
``kind``: ``story`` or ``surge``; alerts have no ``kind``). With
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
from connectors.stories import stories_channel, surges_channel
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

    def matches(self, record: dict) -> bool:
        """An alert (by its participants), a story update (by its pair and type) or a surge (by its
        pair: a surge has no type, so a type filter lets it through)."""
        codes = set(record.get("pair") or ()) if "kind" in record else set(participant_codes(record))
        if self.pair and not set(self.pair) <= codes:
            return False
        if self.country and self.country not in codes:
            return False
        return not (self.event and record.get("kind") != "surge" and record.get("event") != self.event)


# Stream field → record kind; alerts are the stream's original records.
KINDS = ("alert", "story", "surge")


def read_since(client: redis.Redis, prefix: str, since: str, count: int = 500,
               kinds: tuple[str, ...] = ("alert",)) -> Iterator[tuple[str, dict]]:
    """(stream id, record) for every stream entry of the given kinds after ``since`` ("0" for all)."""
    start = "-" if since in ("0", "-", "") else f"({since}"
    while True:
        entries = client.xrange(stream_key(prefix), min=start, max="+", count=count)
        for entry_id, fields in entries:
            entry_id = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
            for kind in kinds:
                body = fields.get(kind.encode()) or fields.get(kind)
                if body is not None:
                    yield entry_id, json.loads(body)
        if len(entries) < count:
            return
        start = f"({entry_id}"


def record_key(record: dict) -> str:
    """What makes a record shown once: an alert's id, a story update's story and report, a surge's window."""
    if record.get("kind") == "story":
        return f"story:{record.get('story_id')}:{record.get('update_alert_id')}"
    if record.get("kind") == "surge":
        return f"surge:{record.get('pair')}:{record.get('quad_class')}:{record.get('window_end')}"
    return record["id"]


def subscribe(redis_url: str, prefix: str, alert_filter: AlertFilter, on_alert: Callable[[dict], None],
              since: str | None = None, stop: Callable[[], bool] = lambda: False,
              reconnect: bool = True, max_backoff: float = 30.0,
              on_listening: Callable[[], None] = lambda: None, kinds: tuple[str, ...] = ("alert",)) -> None:
    """Call ``on_alert`` for each matching alert, once each, until ``stop()`` is true.

    ``kinds`` adds story updates (``story``) and surges (``surge``) to the alerts.
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
            _session(redis_url, prefix, alert_filter, on_alert, since, stop, shown, listening, kinds)
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


def _session(redis_url, prefix, alert_filter, on_alert, since, stop, shown, listening, kinds) -> None:
    client = connect(redis_url, socket_timeout=None)
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    channels = {"alert": alert_filter.channel(prefix), "story": stories_channel(prefix),
                "surge": surges_channel(prefix)}
    try:
        # First, so nothing falls between catch-up and live.
        pubsub.subscribe(*[channels[kind] for kind in KINDS if kind in kinds])
        if since is not None:
            for _, record in read_since(client, prefix, since, kinds=kinds):
                if alert_filter.matches(record) and shown.add(record_key(record)):
                    on_alert(record)
        listening()
        while not stop():
            message = pubsub.get_message(timeout=0.5)
            if message is None:
                continue
            record = json.loads(message["data"])
            if alert_filter.matches(record) and shown.add(record_key(record)):
                on_alert(record)
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


def format_record(record: dict) -> str:
    """One human line for an alert, a story update or a surge."""
    kind = record.get("kind")
    pair = "-".join(record.get("pair") or ())
    if kind == "story":
        best = record.get("best") or {}
        return (f"STORY {record.get('story_id')} {record.get('event')} {pair} ({record.get('direction')}) "
                f"now {record.get('num_sources')} sources from {record.get('num_outlets')} outlet(s), "
                f"conf={record.get('confidence')} | {best.get('title') or ''} | {best.get('url') or ''}")
    if kind == "surge":
        return (f"SURGE {pair} quad class {record.get('quad_class')}: {record.get('count')} events in the last "
                f"hour, {record.get('expected', 0):.3g} expected, p={record.get('probability', 0):.2g} | "
                f"stories {', '.join(record.get('story_ids') or [])}")
    return format_alert(record)


def wait_for_redis(redis_url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connect(redis_url).ping()
            return True
        except redis.RedisError:
            time.sleep(0.2)
    return False
