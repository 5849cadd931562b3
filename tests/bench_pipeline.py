"""Benchmark: the whole replay pipeline over AG News items, into an embedded Redis.

Not a test (pytest does not collect it): run it and read the figures.

    python tests/bench_pipeline.py [--items 3800] [--repeat 1]

It writes the AG News items as JSONL articles, runs `build_pipeline` (normalise,
de-duplicate, code, build alerts, publish) on the in-process runner against an
embedded Redis, and prints articles/s, alerts and the share of time the coder takes.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
AGNEWS = REPO.parent / "shared" / "data" / "agnews" / "test_dev.csv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=3800)
    args = parser.parse_args()
    if not AGNEWS.exists():
        print(f"skipped: {AGNEWS} is absent (../shared/data is not part of a user's clone)")
        return 0

    import apache_beam as beam
    import redis
    from apache_beam.options.pipeline_options import PipelineOptions

    from connectors.embedded_redis import EmbeddedRedis
    from connectors.redis_sink import close_all, stream_key
    from pipeline.graph import build_pipeline
    from pipeline.options import with_local_runner
    from transforms.coder import EventCoder

    with open(AGNEWS, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[: args.items]
    work = Path(tempfile.mkdtemp(prefix="dyadwatch-bench-"))
    articles = work / "agnews.jsonl"
    with open(articles, "w", encoding="utf-8") as out:
        for number, row in enumerate(rows):
            text = row["description"].replace("\\", "\n")
            out.write(json.dumps({"id": f"ag-{number}", "title": row["title"], "text": text}) + "\n")

    coder = EventCoder()
    started = time.perf_counter()
    for row in rows:
        coder.code(row["description"].replace("\\", "\n"), title=row["title"])
    coder_seconds = time.perf_counter() - started

    with EmbeddedRedis() as server:
        options = with_local_runner(PipelineOptions([], key_prefix="bench", spill_file=str(work / "spill.jsonl")))
        pipeline = beam.Pipeline(options=options)
        build_pipeline(pipeline, server.url, paths=[str(articles)])
        started = time.perf_counter()
        pipeline.run().wait_until_finish()
        close_all(timeout=30)
        seconds = time.perf_counter() - started
        alerts = redis.Redis.from_url(server.url).xlen(stream_key("bench"))

    print(f"items: {len(rows)} AG News articles (title + description)")
    print(f"pipeline (replay, in-process runner, embedded Redis): {seconds:.2f} s, "
          f"{len(rows) / seconds:.0f} articles/s, {alerts} alerts published")
    print(f"coder alone: {coder_seconds:.2f} s, {len(rows) / coder_seconds:.0f} articles/s, "
          f"{1000 * coder_seconds / len(rows):.2f} ms/article "
          f"({100 * coder_seconds / seconds:.0f}% of the pipeline's wall time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
