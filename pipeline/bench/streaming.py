"""Streaming latency: stories appear on local feeds at a steady rate while `dyadwatch run` polls them.

Feeds are served over real HTTP on 127.0.0.1 (connectors.local_feeds); `dyadwatch run` runs as a
child process against an embedded Redis; a subscriber on the alert channel notes when each story's
alert arrives. Latency is from the moment a story is on its feed to its alert on the channel (so it
includes the wait for the next poll), and from the pipeline's fetch (the alert's `fetched_at`) to the
same arrival. A story with no alert by the end of the grace period is lost.
"""
from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from pipeline.bench.progress import progress

PAIRS = [("France", "Germany"), ("Japan", "India"), ("Brazil", "Chile"), ("Kenya", "Egypt"),
         ("Norway", "Poland"), ("Spain", "Portugal"), ("Canada", "Mexico"), ("Peru", "Greece")]
STORIES_PER_FEED_SECOND = 5   # stories a second on one feed: more feeds at higher rates
KEEP = 100                    # items a feed holds (newest first), as a real feed's window
WARM_UP_TIMEOUT = 300         # seconds for the job to start and alert on a first story
PREFIX = "bench"


def story(number: int) -> dict:
    """An item that alerts: two states signing an agreement, unique by number."""
    a, b = PAIRS[number % len(PAIRS)]
    return {"title": f"{a} and {b} sign a trade agreement (story {number})",
            "link": f"http://news.dyadwatch.invalid/s/{number}", "guid": f"story-{number}",
            "description": f"{a} and {b} signed a trade agreement on Monday."}


def percentiles(values: list[float]) -> dict:
    """p50, p95, p99 and max (nearest rank), None each when there are no values."""
    ordered = sorted(values)

    def rank(share: float):
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else None
    return {"p50": rank(0.50), "p95": rank(0.95), "p99": rank(0.99), "max": ordered[-1] if ordered else None}


class _Arrivals:
    """Alerts received on the channel: story link → (monotonic arrival, fetch → arrival seconds)."""

    def __init__(self):
        self.seen: dict[str, tuple[float, float | None]] = {}
        self.changed = threading.Condition()

    def add(self, alert: dict) -> None:
        now, wall = time.monotonic(), time.time()
        try:
            fetched = datetime.fromisoformat(alert["fetched_at"].replace("Z", "+00:00")).timestamp()
        except (KeyError, AttributeError, ValueError):
            fetched = None
        with self.changed:
            self.seen.setdefault(alert.get("url"), (now, None if fetched is None else wall - fetched))
            self.changed.notify_all()

    def wait_for(self, links, deadline: float) -> None:
        with self.changed:
            while not all(link in self.seen for link in links) and time.monotonic() < deadline:
                self.changed.wait(min(0.2, max(0.0, deadline - time.monotonic())))


def streaming_figures(rate: float, duration: float, interval: float = 1.0) -> dict:
    from connectors.embedded_redis import EmbeddedRedis
    from connectors.local_feeds import LocalFeeds, rss, write_feeds_yaml
    from connectors.subscriber import AlertFilter, subscribe

    work = Path(tempfile.mkdtemp(prefix="dyadwatch-bench-"))
    count = max(1, round(rate * duration))
    paths = [f"/feed{n}.xml" for n in range(max(1, math.ceil(rate / STORIES_PER_FEED_SECOND)))]
    items: dict[str, list[dict]] = {path: [] for path in paths}
    arrivals, stopping, listening = _Arrivals(), threading.Event(), threading.Event()
    with EmbeddedRedis() as redis_server, LocalFeeds() as feeds:
        def publish(number: int) -> str:
            path = paths[number % len(paths)]
            items[path] = [story(number)] + items[path][:KEEP - 1]
            feeds.set(path, rss(items[path]))
            return items[path][0]["link"]

        for path in paths:
            feeds.set(path, rss([]))
        listed = [{"name": path.strip("/"), "url": feeds.url(path), "interval": interval} for path in paths]
        job = _start_job(write_feeds_yaml(work / "feeds.yaml", listed), redis_server.url, work)
        listener = threading.Thread(target=subscribe, daemon=True, args=(redis_server.url, PREFIX, AlertFilter(),
                                                                         arrivals.add),
                                    kwargs={"stop": stopping.is_set, "on_listening": listening.set})
        listener.start()
        try:
            listening.wait(30)
            # a first story, not counted: the job is up, has polled and loaded the coder
            warm_up = publish(count)   # numbered after the timed stories
            arrivals.wait_for([warm_up], time.monotonic() + WARM_UP_TIMEOUT)
            if warm_up not in arrivals.seen:
                raise RuntimeError(f"the streaming job raised no alert in {WARM_UP_TIMEOUT} s:\n{_tail(job)}")
            appeared: dict[str, float] = {}
            memory = _MemorySampler(job.pid)   # the job's RSS from warm-up on: flat, or growing?
            started = time.monotonic()
            with progress(count, "streaming", unit="story") as bar:
                for number in range(count):
                    time.sleep(max(0.0, started + number / rate - time.monotonic()))
                    link = publish(number)
                    appeared[link] = time.monotonic()
                    bar.update()
            arrivals.wait_for(appeared, time.monotonic() + max(15.0, 5 * interval))
            memory.stop()
        finally:
            stopping.set()
            _stop_job(job)
        listener.join(5)
    latencies = [arrivals.seen[link][0] - at for link, at in appeared.items() if link in arrivals.seen]
    fetch_to_alert = [arrivals.seen[link][1] for link in appeared
                      if link in arrivals.seen and arrivals.seen[link][1] is not None]
    return {"rate": rate, "duration": duration, "poll_interval": interval, "feeds": len(paths),
            "stories": count, "alerted": len(latencies), "lost": count - len(latencies),
            "latency_s": percentiles(latencies), "fetch_to_alert_s": percentiles(fetch_to_alert),
            "job_rss_mb": memory.figures()}


class _MemorySampler:
    """The job's resident memory every few seconds (Linux /proc): after warm-up, at the middle
    and at the end of the run, and the largest seen."""

    def __init__(self, pid: int, every: float = 5.0):
        self.pid, self.every, self.samples = pid, every, []
        self._stop = threading.Event()
        self._sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        try:
            with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
                kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
            self.samples.append(round(kib / 1024, 1))
        except (OSError, StopIteration, ValueError):
            pass  # not Linux, or the job is gone

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(self.every + 1)
        self._sample()

    def figures(self) -> dict:
        samples = self.samples
        if not samples:
            return {"after_warm_up": None, "middle": None, "end": None, "max": None}
        return {"after_warm_up": samples[0], "middle": samples[len(samples) // 2], "end": samples[-1],
                "max": max(samples)}


def _start_job(feeds_yaml: Path, redis_url: str, work: Path) -> subprocess.Popen:
    log = open(work / "run.log", "wb")
    args = [sys.executable, "-m", "pipeline.cli", "run", "--feeds", str(feeds_yaml), "--redis-url", redis_url,
            "--key-prefix", PREFIX, "--spill-file", str(work / "spill.jsonl"), "--metrics-port", "0",
            "--allow-private-feeds",
            # every story its own alert: the reports are alike, and stories would fold later ones
            # into updates (another channel), which is not the alert latency measured here
            "--no-stories", "--page-port", "0"]
    job = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    job.log_path = work / "run.log"
    return job


def _stop_job(job: subprocess.Popen) -> None:
    """Ctrl-C, as a user stops `dyadwatch run`; killed if it is not gone in 30 s."""
    job.send_signal(signal.SIGINT)
    try:
        job.wait(30)
    except subprocess.TimeoutExpired:
        job.kill()
        job.wait()


def _tail(job) -> str:
    return Path(job.log_path).read_text(encoding="utf-8", errors="replace")[-3000:]
