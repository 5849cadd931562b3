"""Does `dyadwatch replay` with 2 worker processes put both to work? Per-process CPU seconds.

Runs `dyadwatch replay` over one JSONL file of articles (synthetic by default: each line
one country-pair event) on the DirectRunner's engine with
`--direct_num_workers 2 --direct_running_mode multi_processing`, and samples the CPU time
(user + system, from /proc) of the command and of every process it starts, every 0.1 s,
until it ends. Prints, per process, its pid, its role and its CPU seconds, and the alerts
published. Figures only, no assertion (tests/test_runners.py checks the alerts).

    .venv/bin/python -m tests.bench_replay_workers [--articles 400] [--data FILE.jsonl]
        [--workers 2] [--redis-url URL]

Linux only (/proc). Without --redis-url it uses $REDIS_URL, else an embedded Redis.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import redis

from connectors.embedded_redis import EmbeddedRedis
from connectors.redis_sink import stream_key

REPO = Path(__file__).resolve().parent.parent
COUNTRIES = ["France", "Germany", "Japan", "China", "India", "Brazil", "Canada", "Russia", "Iran", "Turkey",
             "Egypt", "Mexico", "Spain", "Italy", "Poland", "Kenya"]
TEMPLATES = ["{a} and {b} signed a defence agreement on {day}.",
             "{a} condemned {b} over the detention of an aid worker on {day}.",
             "The foreign minister of {a} met his counterpart from {b} in Geneva on {day}.",
             "{a} expelled two diplomats from {b} on {day}, accusing them of spying."]


def write_articles(path: Path, count: int) -> Path:
    """``count`` JSONL articles, each with a distinct id and headline, most giving one alert."""
    pairs = list(itertools.permutations(COUNTRIES, 2))
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            a, b = pairs[(n * 7) % len(pairs)]
            sentence = TEMPLATES[n % len(TEMPLATES)].format(a=a, b=b, day=f"{1 + n % 28} March")
            out.write(json.dumps({"id": f"bench-{n}", "title": f"Report {n}: {sentence}",
                                  "text": sentence + " Officials said talks would go on.",
                                  "published": "2026-03-01T12:00:00Z"}) + "\n")
    return path


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")   # utime + stime


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _role(pid: int) -> str:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    if cmdline.startswith("/bin/sh"):
        return "sh"   # Beam starts each worker through a shell; the python child below does the work
    if "sdk_worker_main" in cmdline:
        return "Beam SDK worker"
    if "pipeline.cli" in cmdline:
        return "dyadwatch replay (launcher)"
    return cmdline[:60]


def run_replay(data: Path, redis_url: str, prefix: str, beam_args: list[str]) -> tuple[dict, str, int]:
    """Run replay, sampling CPU; returns ({pid: (role, cpu seconds)}, its output, alerts in the stream)."""
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "replay", str(data), "--redis-url", redis_url,
                                 "--key-prefix", prefix, "--spill-file", os.path.join(tmp, "spill.jsonl"),
                                 "--metrics-port", "0", *beam_args],
                                cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        seen: dict[int, tuple[str, float]] = {}
        while proc.poll() is None:
            stack = [proc.pid]
            while stack:
                pid = stack.pop()
                cpu = _cpu_seconds(pid)
                if cpu is not None:
                    role = seen[pid][0] if pid in seen else _role(pid)
                    seen[pid] = (role, cpu)
                stack += _children(pid)
            time.sleep(0.1)
        output = proc.stdout.read().decode(errors="replace")
    client = redis.Redis.from_url(redis_url)
    try:
        alerts = client.xlen(stream_key(prefix))
        for key in client.scan_iter(f"{prefix}:*", count=1000):
            client.delete(key)
    finally:
        client.close()
    return seen, output, alerts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="synthetic articles (without --data)")
    parser.add_argument("--data", type=Path, help="a JSONL file of articles instead")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL"))
    args = parser.parse_args(argv)
    server = None if args.redis_url else EmbeddedRedis().start()
    redis_url = args.redis_url or server.url
    try:
        with tempfile.TemporaryDirectory() as tmp:
            data = args.data or write_articles(Path(tmp) / "articles.jsonl", args.articles)
            lines = sum(1 for _ in data.open("rb"))
            for label, beam_args in (("default (in-process engine, 1 worker)", []),
                                     (f"{args.workers} worker processes",
                                      [f"--direct_num_workers={args.workers}",
                                       "--direct_running_mode=multi_processing"])):
                started = time.monotonic()
                seen, output, alerts = run_replay(data, redis_url, f"dwbench-{uuid.uuid4().hex[:8]}", beam_args)
                summary = next((line for line in output.splitlines() if line.startswith("replay:")), output[-300:])
                print(f"{label}: {lines} lines of {data.name}, {time.monotonic() - started:.1f} s wall, "
                      f"{alerts} alerts in the stream")
                print(f"  {summary}")
                for pid, (role, cpu) in sorted(seen.items()):
                    if role != "sh":
                        print(f"  pid {pid:>7}  {role:<28} {cpu:7.2f} s CPU")
    finally:
        if server:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
