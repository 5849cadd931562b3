"""Files in: RSS/Atom XML, JSONL articles and plain-text articles.

``read_article_file`` is plain Python (``detect`` uses it); ``ReadArticleFiles``
is the Beam stage that ``replay`` starts from. A bad file or line never stops
the others: it becomes a ``Rejected`` record naming the file and the line.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import apache_beam as beam
from apache_beam.metrics import Metrics

from connectors.feed_config import FeedConfig
from connectors.feed_parse import parse_feed
from pipeline import metrics

log = logging.getLogger(__name__)

FEED_EXTENSIONS = {".xml", ".rss", ".atom", ".rdf"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson", ".json"}
TEXT_EXTENSIONS = {".txt", ".text"}
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Rejected:
    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files as given, and the known article files found under directories."""
    found = []
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in sorted(os.walk(path)):
                for name in sorted(names):
                    if os.path.splitext(name)[1].lower() in FEED_EXTENSIONS | JSONL_EXTENSIONS | TEXT_EXTENSIONS:
                        found.append(os.path.join(root, name))
        else:
            found.append(path)
    return found


def read_article_file(path: str, data: bytes | None = None) -> Iterator[dict | Rejected]:
    """Raw entry dicts (the normaliser's input) or Rejected records, in file order."""
    if data is None:
        try:
            if path != "-" and os.path.getsize(path) > MAX_FILE_BYTES:
                yield Rejected(path, None, f"file is larger than {MAX_FILE_BYTES} bytes")
                return
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as err:
            yield Rejected(path, None, f"cannot read file: {err.strerror or err}")
            return
    kind = _kind(path, data)
    if kind == "feed":
        yield from _feed_entries(path, data)
        return
    if b"\x00" in data[:8192]:
        yield Rejected(path, None, "binary file (NUL bytes), not an article")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        yield Rejected(path, None, f"not UTF-8 text (byte {err.start})")
        return
    yield from (_jsonl_entries(path, text) if kind == "jsonl" else _text_entry(path, text))


def _kind(path: str, data: bytes) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in FEED_EXTENSIONS:
        return "feed"
    if ext in JSONL_EXTENSIONS:
        return "jsonl"
    if ext in TEXT_EXTENSIONS:
        return "text"
    head = data.lstrip()[:1]
    return "feed" if head == b"<" else "jsonl" if head == b"{" else "text"


def _feed_entries(path: str, data: bytes) -> Iterator[dict | Rejected]:
    entries, warning = parse_feed(data, None, FeedConfig(name=path, url="file://" + os.path.abspath(path)))
    if warning:
        log.info("%s: feed is irregular (%s); %d entries recovered", path, warning, len(entries))
    if not entries and warning:
        yield Rejected(path, None, f"no feed entries could be read ({warning})")
    yield from entries


def _jsonl_entries(path: str, text: str) -> Iterator[dict | Rejected]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Rejected(path, number, f"invalid JSON ({err.msg})")
            continue
        if not isinstance(record, dict):
            yield Rejected(path, number, "a line must be a JSON object")
            continue
        if not isinstance(record.get("text"), str) or not record["text"].strip():
            yield Rejected(path, number, "missing or empty 'text'")
            continue
        record.setdefault("feed", path)
        yield record


def _text_entry(path: str, text: str) -> Iterator[dict | Rejected]:
    title, _, body = text.strip().partition("\n")
    if not title.strip() and not body.strip():
        yield Rejected(path, None, "empty article")
        return
    yield {"title": title.strip(), "text": body.strip(), "feed": path}


class _ReadFile(beam.DoFn):
    def __init__(self):
        self.rejected = Metrics.counter("dyadwatch", "rejected_records")

    def process(self, path):
        for item in read_article_file(path):
            if isinstance(item, Rejected):
                log.error("rejected %s", item)
                self.rejected.inc()
                metrics.ARTICLES_REJECTED.labels(reason="bad_input").inc()
            else:
                yield item


class ReadArticleFiles(beam.PTransform):
    """File paths → raw entries; bad files and lines are logged and counted."""

    def __init__(self, paths: list[str]):
        super().__init__()
        self.paths = paths

    def expand(self, pbegin):
        return (pbegin
                | "Paths" >> beam.Create(self.paths)
                | "ReadFile" >> beam.ParDo(_ReadFile()))
