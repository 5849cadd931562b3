"""Benchmark: how soon after a story appears does its alert arrive, with many feeds polled?

Not a test (pytest does not collect it): run it and read the figures.

    python tests/bench_streaming.py [--feeds 200] [--stories 40] [--interval 2]

It serves FEEDS feeds on 127.0.0.1 (each with a few quiet items), starts
`dyadwatch run` against an embedded Redis, then every half second adds one
alert-worthy story to a random feed and times, on the Redis channel, how long
each story's alert takes to arrive. Prints latency percentiles and the poll rate.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from connectors.embedded_redis import EmbeddedRedis  # noqa: E402
from tests.feed_server import FeedServer, rss  # noqa: E402
from tests.pipeline_process import PipelineProcess, write_feeds_yaml  # noqa: E402

PAIRS = [("France", "Germany"), ("Japan", "India"), ("Brazil", "Chile"), ("Kenya", "Egypt"),
         ("Norway", "Poland"), ("Spain", "Portugal"), ("Canada", "Mexico"), ("Peru", "Greece")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--interval", type=float, default=2.0, help="poll interval of every feed, seconds")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dyadwatch-bench-"))
    quiet = [{"title": f"Local weather report {i}", "link": f"http://news.test/w/{i}",
              "description": "Mild and dry."} for i in range(5)]
    latencies = []
    with EmbeddedRedis() as redis_server, FeedServer() as server:
        items = {f"/f{n}.xml": list(quiet) for n in range(args.feeds)}
        for path, feed_items in items.items():
            server.set(path, rss(feed_items))
        listed = [{"name": path.strip("/"), "url": server.url(path), "interval": args.interval} for path in items]
        job = PipelineProcess(write_feeds_yaml(work / "feeds.yaml", listed), redis_server.url, "bench",
                              work / "spill.jsonl").start()
        import redis

        pubsub = redis.Redis.from_url(redis_server.url).pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe("bench:alerts")
        try:
            job.wait_for_metric("dyadwatch_feed_polls_total", args.feeds, timeout=120)
            started, polls_before = time.monotonic(), job.metric_sum("dyadwatch_feed_polls_total")
            added: dict[str, float] = {}
            rng = random.Random(7)
            for story in range(args.stories):
                path = rng.choice(list(items))
                a, b = PAIRS[story % len(PAIRS)]
                items[path].insert(0, {"title": f"{a} and {b} sign a trade agreement (story {story})",
                                       "link": f"http://news.test/s/{story}",
                                       "description": f"{a} and {b} signed a trade agreement on Monday."})
                server.set(path, rss(items[path]))
                added[f"http://news.test/s/{story}"] = time.monotonic()
                deadline = time.monotonic() + 0.5
                while time.monotonic() < deadline:
                    _collect(pubsub, added, latencies, timeout=0.05)
            deadline = time.monotonic() + 4 * args.interval + 10
            while len(latencies) < args.stories and time.monotonic() < deadline:
                _collect(pubsub, added, latencies, timeout=0.2)
            elapsed = time.monotonic() - started
            polls = job.metric_sum("dyadwatch_feed_polls_total") - polls_before
        finally:
            job.stop()
    print(f"{args.feeds} feeds polled every {args.interval:g} s: {polls / elapsed:.0f} polls/s "
          f"over {elapsed:.0f} s")
    if latencies:
        q = statistics.quantiles(latencies, n=20)
        print(f"{len(latencies)} of {args.stories} stories alerted; story added → alert received: "
              f"p50 {statistics.median(latencies):.2f} s, p95 {q[18]:.2f} s, max {max(latencies):.2f} s")
    else:
        print("no alerts received")
    return 0


def _collect(pubsub, added, latencies, timeout):
    message = pubsub.get_message(timeout=timeout)
    if message:
        url = json.loads(message["data"]).get("url")
        if url in added:
            latencies.append(time.monotonic() - added.pop(url))


if __name__ == "__main__":
    sys.exit(main())
