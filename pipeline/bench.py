"""`dyadwatch bench`: the whole replay pipeline over a news file, into an embedded Redis.

It runs `build_pipeline` (normalise, de-duplicate, code, build alerts, publish) on the
in-process runner and prints articles/s, alerts published and the coder's share of the time.
Input: AG News-style CSV (`title`, `description`) or JSONL articles (`text`, optional `title`).
"""
from __future__ import annotations

import csv
import json
import tempfile
import time
from pathlib import Path

CODER_BATCH = 64  # articles coded together (EventCoder.code_many), about a bundle's worth
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "agnews" / "test_dev.csv"


def load_articles(path: Path, limit: int) -> list[dict]:
    """Records with `id`, `title`, `text` from a CSV (AG News layout) or a JSONL file."""
    records = []
    with open(path, encoding="utf-8") as handle:
        if path.suffix.lower() == ".csv":
            for number, row in enumerate(csv.DictReader(handle)):
                # AG News writes line breaks as backslashes
                records.append({"id": f"row-{number}", "title": row.get("title", ""),
                                "text": (row.get("description") or row.get("text") or "").replace("\\", "\n")})
        else:
            for number, line in enumerate(handle):
                if line.strip():
                    record = json.loads(line)
                    records.append({"id": str(record.get("id", f"line-{number}")),
                                    "title": record.get("title", ""), "text": record["text"]})
    return records[:limit]


def run(records: list[dict], data: Path) -> None:
    """Time the coder and the replay pipeline over records (from load_articles(data, ...))."""
    import apache_beam as beam
    import redis
    from apache_beam.options.pipeline_options import PipelineOptions

    from connectors.embedded_redis import EmbeddedRedis
    from connectors.redis_sink import close_all, stream_key
    from pipeline.graph import build_pipeline
    from pipeline.options import with_local_runner
    from transforms.coder import EventCoder

    work = Path(tempfile.mkdtemp(prefix="dyadwatch-bench-"))
    articles = work / "articles.jsonl"
    articles.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    coder = EventCoder()
    started = time.perf_counter()
    for first in range(0, len(records), CODER_BATCH):
        # as a pipeline bundle would: the sentences of a batch of articles parsed together
        coder.code_many([(r["text"], r["title"], None, None) for r in records[first:first + CODER_BATCH]])
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

    print(f"items: {len(records)} articles from {data}")
    print(f"pipeline (replay, in-process runner, embedded Redis): {seconds:.2f} s, "
          f"{len(records) / seconds:.0f} articles/s, {alerts} alerts published")
    print(f"coder alone ({CODER_BATCH} articles a batch): {coder_seconds:.2f} s, {len(records) / coder_seconds:.0f} articles/s, "
          f"{1000 * coder_seconds / len(records):.2f} ms/article "
          f"({100 * coder_seconds / seconds:.0f}% of the pipeline's wall time)")
    parse_seconds, parsed = coder.stats["parse_seconds"], coder.stats["sentences_parsed"]
    print(f"  of which the dependency parse: {parse_seconds:.2f} s for {parsed} sentences "
          f"({parsed / len(records):.2f} per article, {100 * parse_seconds / coder_seconds:.0f}% of "
          f"the coder's time); the rest is the scan, the patterns and the tree reading")
