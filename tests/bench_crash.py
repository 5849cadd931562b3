"""Crash harness: SIGKILL `dyadwatch run` at random moments while a feed rotates its items.

A local feed shows only its newest 20 items. While the job is up (from its first
poll until it is killed) items are added, each written to give exactly one alert
("France condemned Iran over ..."). The job is SIGKILLed at random moments,
some of them a fraction of a second after it fetched new items (between fetch and
publish), and started again each time; no item is added while it is down, and at
most 10 per run, so every item is still in the feed when the next run first polls.
A last run is left to catch up, then stopped with Ctrl-C. On the Redis stream every
item must then be alerted exactly once.

    .venv/bin/python -m tests.bench_crash [--kills 30] [--seed N] [--redis-url URL]

prints the figures (kills, items, alerts, lost, duplicated). The CI test
(tests/test_crash_e2e.py) runs the same harness, shorter.
"""
from __future__ import annotations

import argparse
import json
import random
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import redis

from connectors.feed_config import FeedConfig
from connectors.feed_parse import parse_feed
from connectors.redis_sink import stream_key
from tests.feed_server import FeedServer, rss
from tests.pipeline_process import PipelineProcess, write_feeds_yaml
from transforms.alerts import DEFAULT_MIN_CONFIDENCE, alert_id, is_alertable
from transforms.coder import EventCoder
from transforms.entries import entry_to_article

WINDOW = 20            # the feed shows its newest 20 items
MAX_PER_RUN = 10       # items added per run of the job (< WINDOW: none rotates out unseen)
PATH = "/rotating.xml"
GRIEVANCES = ["the detention of aid worker", "the seizure of tanker", "the arrest of journalist",
              "the missile test numbered", "the jailing of activist", "the expulsion of diplomat"]


def item(n: int) -> dict:
    what = f"{GRIEVANCES[n % len(GRIEVANCES)]} {n}"
    return {"title": f"France condemned Iran over {what}", "link": f"http://news.test/fra-irn/{n}",
            "guid": f"fra-irn-{n}", "pubDate": 1_700_000_000 + n,
            "description": f"France condemned Iran over {what} on Monday, the foreign ministry said."}


def expected_alerts(items: list[dict]) -> dict[str, str]:
    """alert id → guid: what the coder makes of each item (the harness needs exactly one each)."""
    coder = EventCoder()
    entries, _ = parse_feed(rss(items), None, FeedConfig(name="rotating", url="http://news.test/feed"))
    expected = {}
    for entry in entries:
        article = entry_to_article(entry, 0.0)
        ids = {alert_id(article.id, e) for e in coder.code(article.text, title=article.title)
               if is_alertable(e, DEFAULT_MIN_CONFIDENCE)}
        if len(ids) != 1:
            raise AssertionError(f"item {article.title!r} gives {len(ids)} alerts, not 1")
        expected[ids.pop()] = entry["guid"]
    return expected


def reported_ids(client, prefix: str) -> list[str]:
    """The alert id of every report in the stream: an alert, or a story update that a later report of
    the same event made instead (similar items join one story; each must still be there once)."""
    ids = []
    for _, fields in client.xrange(stream_key(prefix)):
        if "alert" in fields:
            ids.append(json.loads(fields["alert"])["id"])
        elif "story" in fields:
            ids.append(json.loads(fields["story"])["update_alert_id"])
    return ids


@dataclass
class Figures:
    kills: int
    items: int
    alerts: int        # entries on the stream
    lost: int          # items with no alert
    duplicated: int    # alerts beyond the first for an item
    unexpected: int    # stream entries that are no item's alert
    seconds: float
    kills_after_fetch: int

    def __str__(self) -> str:
        return (f"kills={self.kills} (of which {self.kills_after_fetch} just after a fetch of new items) "
                f"items={self.items} alerts={self.alerts} lost={self.lost} duplicated={self.duplicated} "
                f"unexpected={self.unexpected} in {self.seconds:.0f} s")


def run_harness(redis_url: str, prefix: str, workdir: Path, kills: int, seed: int | None = None,
                up_seconds: tuple[float, float] = (0.5, 4.0), catch_up: float = 60.0,
                log=print) -> Figures:
    rng = random.Random(seed)
    started = time.monotonic()
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    items: list[dict] = []
    kills_after_fetch = 0
    with FeedServer() as server:
        server.set(PATH, rss([]))
        feeds = write_feeds_yaml(workdir / "feeds.yaml", [{"name": "rotating", "url": server.url(PATH),
                                                           "interval": 1}])
        spill = workdir / "spill.jsonl"

        def publish_feed() -> None:
            server.set(PATH, rss(list(reversed(items[-WINDOW:]))))   # newest first, 20 at most

        def wait_for_poll(job: PipelineProcess, after: int, timeout: float) -> bool:
            deadline = time.monotonic() + timeout
            while server.hits(PATH) <= after:
                if time.monotonic() > deadline or job.proc.poll() is not None:
                    return False
                time.sleep(0.02)
            return True

        for run in range(kills + 1):
            job = PipelineProcess(feeds, redis_url, prefix, spill).start()
            try:
                if not wait_for_poll(job, server.hits(PATH), timeout=60):
                    raise AssertionError(f"run {run}: the job never polled\n{job.output()}")
                if run == kills:
                    break
                # Up: add items now and then, and kill at a random moment.
                deadline = time.monotonic() + rng.uniform(*up_seconds)
                after_fetch = rng.random() < 0.5
                added = 0
                while True:
                    if added < MAX_PER_RUN:
                        count = min(rng.randint(1, 3), MAX_PER_RUN - added)
                        items.extend(item(len(items)) for _ in range(count))
                        added += count
                        publish_feed()
                    if after_fetch:
                        # Kill a moment after the job fetched the new items: before or while they
                        # are coded and published.
                        hits = server.hits(PATH)
                        wait_for_poll(job, hits, timeout=5)
                        time.sleep(rng.uniform(0.0, 0.3))
                        kills_after_fetch += 1
                        break
                    pause = rng.uniform(0.05, 0.8)
                    if time.monotonic() + pause > deadline:
                        time.sleep(max(0.0, deadline - time.monotonic()))
                        break
                    time.sleep(pause)
                job.proc.kill()   # SIGKILL
                job.proc.wait(10)
            finally:
                if run < kills and job.proc.poll() is None:
                    job.proc.kill()
                    job.proc.wait(10)
                if run < kills:
                    job._log.close()

        # The last run: nothing more is added; let it catch up, then stop it properly.
        expected = expected_alerts(items)
        deadline = time.monotonic() + catch_up
        try:
            while time.monotonic() < deadline:
                alerted = set(reported_ids(client, prefix))
                if set(expected) <= alerted:
                    break
                time.sleep(0.25)
        finally:
            status = job.stop()
        if status != 0:
            raise AssertionError(f"the last run exited with {status}\n{job.output()}")

    per_item: dict[str, int] = {guid: 0 for guid in expected.values()}
    stream = reported_ids(client, prefix)
    unexpected = 0
    for aid in stream:
        if aid in expected:
            per_item[expected[aid]] += 1
        else:
            unexpected += 1
    client.close()
    figures = Figures(kills=kills, items=len(items), alerts=len(stream),
                      lost=sum(1 for c in per_item.values() if c == 0),
                      duplicated=sum(c - 1 for c in per_item.values() if c > 1), unexpected=unexpected,
                      seconds=time.monotonic() - started, kills_after_fetch=kills_after_fetch)
    log(f"crash harness: {figures}")
    return figures


def main(argv: list[str] | None = None) -> int:
    import tempfile

    from connectors.embedded_redis import EmbeddedRedis

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--redis-url", default=None, help="a Redis to use (default: an embedded one)")
    args = parser.parse_args(argv)
    prefix = f"dwcrash-{uuid.uuid4().hex[:12]}"
    with tempfile.TemporaryDirectory() as tmp:
        if args.redis_url:
            figures = run_harness(args.redis_url, prefix, Path(tmp), args.kills, args.seed)
            client = redis.Redis.from_url(args.redis_url)
            for key in client.scan_iter(f"{prefix}:*", count=1000):   # only ours, never FLUSHALL
                client.delete(key)
        else:
            with EmbeddedRedis() as server:
                figures = run_harness(server.url, prefix, Path(tmp), args.kills, args.seed)
    return 0 if figures.lost == figures.duplicated == figures.unexpected == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
