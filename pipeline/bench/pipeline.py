"""The replay pipeline timed end to end into an embedded Redis, and the same graph with a no-op coder.

`replay`: build_pipeline over a JSONL file of the items (read, normalise, de-duplicate, code, build
alerts, publish) on the in-process runner, or on Beam's multi-processing DirectRunner mode with N
worker processes; alerts counted in the Redis stream.
`passthrough`: the same graph with the coder replaced by a stage that finds no event, so its time
is what the pipeline costs around the coder.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import apache_beam as beam

from pipeline.bench.data import write_jsonl


class NoEvents(beam.PTransform):
    """The coder's contract, articles → (article, events), with no coding: every article, no event."""

    def expand(self, articles):
        return articles | "NoEvents" >> beam.Map(lambda article: (article, []))


def replay_figures(records: list[dict], workers: int = 1, code: bool = True, stories: bool = True) -> dict:
    """Items/s of the replay graph over records into a fresh embedded Redis; workers > 1 runs Beam's
    DirectRunner in multi_processing mode with that many worker processes; stories=False publishes
    every report as an alert (replay's --no-stories: the plain publish instead of the story script)."""
    import redis
    from apache_beam.options.pipeline_options import PipelineOptions

    from connectors.embedded_redis import EmbeddedRedis
    from connectors.redis_sink import close_all, stream_key
    from pipeline.graph import build_pipeline
    from pipeline.options import with_local_runner
    from transforms.metrics import beam_counter

    work = Path(tempfile.mkdtemp(prefix="dyadwatch-bench-"))
    articles = write_jsonl(records, work / "articles.jsonl")
    beam_args = [f"--direct_num_workers={workers}", "--direct_running_mode=multi_processing"] if workers > 1 else []
    with EmbeddedRedis() as server:
        options = with_local_runner(PipelineOptions(beam_args, key_prefix="bench", no_stories=not stories,
                                                    spill_file=str(work / "spill.jsonl")))
        pipeline = beam.Pipeline(options=options)
        build_pipeline(pipeline, server.url, paths=[str(articles)], code_stage=None if code else NoEvents())
        if code and workers == 1:
            # the dictionaries and the parser loaded before the clock starts, as for the coder
            # alone: the in-process runner's coder finds them in this process's caches (worker
            # processes load their own, inside the timing)
            from transforms.coder import EventCoder
            from transforms.coder.parse import load_parser

            EventCoder(), load_parser()
        started = time.perf_counter()
        result = pipeline.run()
        result.wait_until_finish()
        left = close_all(timeout=30)
        seconds = time.perf_counter() - started
        alerts = redis.Redis.from_url(server.url).xlen(stream_key("bench"))
    figures = {"items": len(records), "seconds": seconds, "items_per_s": len(records) / seconds,
               "ms_per_item": 1000 * seconds / len(records), "workers": workers,
               "alerts": alerts, "alerts_left_in_spill": left, "stories": stories}
    if code:
        figures["coded"] = beam_counter(result, "articles_coded")
        figures["story_updates"] = beam_counter(result, "story_updates")   # reports that joined a story
    return figures

