"""The Beam stage replay starts from: article files (``connectors.article_files``) in, entries out.

Replay splits its reading so that workers share it: each JSONL file becomes
ranges of whole lines (``split_file``: ``CHUNK_LINES`` lines each, found by one
pass over the file), feeds and text articles stay one piece, and a ``Reshuffle``
spreads the pieces over the workers, which read and code them in parallel. A bad
file or line is logged, counted and dead-lettered; it never stops the others.
"""
from __future__ import annotations

import logging

import apache_beam as beam
from apache_beam.metrics import Metrics

from connectors.article_files import CHUNK_LINES, FileChunk, Rejected, read_chunk, split_file
from transforms.dead_letters import DeadLetters
from transforms import metrics

log = logging.getLogger(__name__)


class _ReadFile(beam.DoFn):
    def __init__(self, redis_url: str | None, prefix: str):
        self.redis_url, self.prefix = redis_url, prefix
        self.rejected = Metrics.counter("dyadwatch", "rejected_records")

    def setup(self):
        self.dead_letters = DeadLetters.from_url(self.redis_url, self.prefix)

    def process(self, chunk: FileChunk):
        try:
            for item in read_chunk(chunk):
                if isinstance(item, Rejected):
                    self._reject(item)
                else:
                    yield item
        except Exception as err:  # noqa: BLE001 - one file must never stop the others
            log.exception("reading %s failed", chunk.path)
            line = chunk.first_line if chunk.end is not None else None
            self._reject(Rejected(chunk.path, line, f"unexpected error: {type(err).__name__}: {err}"))

    def _reject(self, item: Rejected) -> None:
        log.error("rejected %s", item)
        self.rejected.inc()
        metrics.ARTICLES_REJECTED.labels(reason="bad_input").inc()
        if self.dead_letters:
            self.dead_letters.add(item.where, item.reason, item.record)

    def teardown(self):
        if self.dead_letters:
            self.dead_letters.close()


class ReadArticleFiles(beam.PTransform):
    """File paths → raw entries; bad files and lines are logged, counted and dead-lettered.

    The files are split into pieces (``split_file``) and the pieces reshuffled, so that
    every worker reads, and then codes, its share.
    """

    def __init__(self, paths: list[str], redis_url: str | None = None, prefix: str = "dyadwatch",
                 lines_per_chunk: int = CHUNK_LINES):
        super().__init__()
        self.paths, self.redis_url, self.prefix = paths, redis_url, prefix
        self.lines_per_chunk = lines_per_chunk

    def expand(self, pbegin):
        lines = self.lines_per_chunk
        return (pbegin
                | "Paths" >> beam.Create(self.paths)
                | "Split" >> beam.FlatMap(split_file, lines)
                | "SpreadOverWorkers" >> beam.Reshuffle()
                | "ReadFile" >> beam.ParDo(_ReadFile(self.redis_url, self.prefix)))
