"""Files in: RSS/Atom XML, JSONL articles and plain-text articles, read as plain Python.

``read_article_file`` yields a file's entries (``detect`` reads with it, and starts without
Beam); ``split_file`` and ``read_chunk`` cut a JSONL file into ranges of whole lines that
replay's workers read in parallel (``connectors.file_replay``). A bad file or line never stops
the others: it becomes a ``Rejected`` record naming the file and the line.
"""
from __future__ import annotations

import io
import json
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from transforms.dead_letters import preview
from connectors.feed_config import FeedConfig
from connectors.feed_parse import parse_feed
from transforms.entries import ORIGIN_KEY, record_problem

log = logging.getLogger(__name__)

FEED_EXTENSIONS = {".xml", ".rss", ".atom", ".rdf"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson", ".json"}
TEXT_EXTENSIONS = {".txt", ".text"}
MAX_FILE_BYTES = 50 * 1024 * 1024   # per feed or text file (read whole); JSONL is streamed, uncapped
MAX_LINE_BYTES = 4 * 1024 * 1024    # per JSONL record: memory stays proportional to one line
HEAD_BYTES = 8192                   # looked at to tell feeds, JSONL and text apart
CHUNK_LINES = 50                    # JSONL lines per piece of replay's work (a piece is read and coded whole)


@dataclass(frozen=True)
class Rejected:
    path: str
    line: int | None
    reason: str
    record: str | None = None   # the offending line (a preview), for the dead-letter list

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class FileChunk:
    """A piece of a file to read: the whole file, or JSONL lines from byte ``start`` to ``end``."""
    path: str
    start: int = 0
    end: int | None = None   # None: the whole file
    first_line: int = 1      # the number of the line at ``start``


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


def read_article_file(path: str, source: bytes | BinaryIO | None = None) -> Iterator[dict | Rejected]:
    """Raw entry dicts (the normaliser's input) or Rejected records, in file order.

    ``source`` is the content (bytes, or a binary stream such as stdin); without
    it ``path`` is opened, and only if it is a regular file (a FIFO or a device
    would block or never end). JSONL is read a line at a time, however long the file
    (memory follows the longest line, at most ``MAX_LINE_BYTES``); feeds and text articles
    are read whole, and one past ``MAX_FILE_BYTES`` is a Rejected.
    """
    try:
        stream = _open_regular(path) if source is None else (
            io.BufferedReader(io.BytesIO(source)) if isinstance(source, (bytes, bytearray)) else source)
    except _Refused as refused:
        yield Rejected(path, None, str(refused))
        return
    except OSError as err:
        yield Rejected(path, None, f"cannot read file: {err.strerror or err}")
        return
    try:
        head = stream.peek(HEAD_BYTES)[:HEAD_BYTES] if hasattr(stream, "peek") else b""
        kind = _kind(path, head)
        if kind != "feed" and b"\x00" in head:
            yield Rejected(path, None, "binary file (NUL bytes), not an article")
            return
        if kind == "jsonl":
            yield from _jsonl_entries(path, stream)
            return
        data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            yield Rejected(path, None, f"file is larger than {MAX_FILE_BYTES} bytes")
            return
        if kind == "feed":
            yield from _feed_entries(path, data)
            return
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            yield Rejected(path, None, f"not UTF-8 text (byte {err.start})")
            return
        yield from _text_entry(path, text)
    except OSError as err:
        yield Rejected(path, None, f"cannot read file: {err.strerror or err}")
    finally:
        if source is None:
            stream.close()


def split_file(path: str, lines_per_chunk: int = CHUNK_LINES) -> list[FileChunk]:
    """JSONL files as ranges of ``lines_per_chunk`` whole lines; any other file (and any file that
    cannot be opened, read or is not JSONL text: its reader rejects it) as one piece."""
    try:
        with _open_regular(path) as stream:
            head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
            if _kind(path, head) != "jsonl" or b"\x00" in head:
                return [FileChunk(path)]
            chunks, start, offset, first_line = [], 0, 0, 1
            for number, (size, _) in enumerate(_capped_lines(stream), 1):
                offset += size
                if number - first_line + 1 == lines_per_chunk:
                    chunks.append(FileChunk(path, start, offset, first_line))
                    start, first_line = offset, number + 1
            if offset > start or not chunks:
                chunks.append(FileChunk(path, start, offset, first_line))
            return chunks
    except Exception:  # noqa: BLE001 - reading the whole file again names the problem, as one rejection
        return [FileChunk(path)]


def read_chunk(chunk: FileChunk) -> Iterator[dict | Rejected]:
    """The entries (or Rejected records) of one piece of a file, with the file's own line numbers."""
    if chunk.end is None:
        yield from read_article_file(chunk.path)
        return
    try:
        stream = _open_regular(chunk.path)
    except _Refused as refused:
        yield Rejected(chunk.path, None, str(refused))
        return
    except OSError as err:
        yield Rejected(chunk.path, None, f"cannot read file: {err.strerror or err}")
        return
    with stream:
        stream.seek(chunk.start)
        yield from _jsonl_entries(chunk.path, stream, chunk.first_line, chunk.end - chunk.start)


class _Refused(Exception):
    pass


def _open_regular(path: str) -> BinaryIO:
    # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then tells what it is.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("not a regular file (a FIFO, device or socket is never read)")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(path: str, head: bytes) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in FEED_EXTENSIONS:
        return "feed"
    if ext in JSONL_EXTENSIONS:
        return "jsonl"
    if ext in TEXT_EXTENSIONS:
        return "text"
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "feed" if first == b"<" else "jsonl" if first == b"{" else "text"


def _feed_entries(path: str, data: bytes) -> Iterator[dict | Rejected]:
    entries, warning = parse_feed(data, None, FeedConfig(name=path, url="file://" + os.path.abspath(path)))
    if warning:
        log.info("%s: feed is irregular (%s); %d entries recovered", path, warning, len(entries))
    if not entries and warning:
        yield Rejected(path, None, f"no feed entries could be read ({warning})")
    yield from entries


def _jsonl_entries(path: str, stream: BinaryIO, first_line: int = 1,
                   length: int | None = None) -> Iterator[dict | Rejected]:
    """Records of the JSONL lines in ``stream`` (the next ``length`` bytes of it when given)."""
    lines = _capped_lines(stream) if length is None else _first_bytes(_capped_lines(stream), length)
    for number, (_size, raw) in enumerate(lines, first_line):
        if raw is None:
            yield Rejected(path, number, f"line is longer than {MAX_LINE_BYTES} bytes")
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as err:
            yield Rejected(path, number, f"not UTF-8 text (byte {err.start})", preview(raw))
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Rejected(path, number, f"invalid JSON ({err.msg})", preview(line))
            continue
        except RecursionError:
            yield Rejected(path, number, "invalid JSON (nested too deep)", preview(line))
            continue
        if not isinstance(record, dict):
            yield Rejected(path, number, "a line must be a JSON object", preview(line))
            continue
        if not isinstance(record.get("text"), str) or not record["text"].strip():
            yield Rejected(path, number, "missing or empty 'text'", preview(line))
            continue
        problem = record_problem(record)
        if problem:
            yield Rejected(path, number, problem, preview(line))
            continue
        record.setdefault("feed", path)
        record[ORIGIN_KEY] = f"{path}:{number}"
        yield record


def _capped_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(bytes read, line) per line; a line over MAX_LINE_BYTES is skipped to its end and given as None."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) <= MAX_LINE_BYTES or line.endswith(b"\n"):
            yield len(line), line
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):
            line = stream.readline(MAX_LINE_BYTES)
            size += len(line)
        yield size, None


def _first_bytes(lines: Iterator[tuple[int, bytes | None]], length: int) -> Iterator[tuple[int, bytes | None]]:
    """The lines of ``_capped_lines`` up to ``length`` bytes (a chunk ends at a line's end)."""
    read = 0
    for size, line in lines:
        if read >= length:
            return
        read += size
        yield size, line


def _text_entry(path: str, text: str) -> Iterator[dict | Rejected]:
    title, _, body = text.strip().partition("\n")
    if not title.strip() and not body.strip():
        yield Rejected(path, None, "empty article")
        return
    yield {"title": title.strip(), "text": body.strip(), "feed": path}
