"""Replay inputs: feeds, JSONL and text files; bad files and lines are named and skipped."""
from pathlib import Path

import pytest

from connectors.article_files import (MAX_LINE_BYTES, FileChunk, Rejected, expand_paths, read_article_file,
                                    read_chunk, split_file)
from transforms.entries import ORIGIN_KEY

REPO = Path(__file__).resolve().parent.parent


def test_text_article_first_line_is_title():
    [entry] = list(read_article_file(str(REPO / "seeds" / "000_edd85cf211fc05cd.txt")))
    assert entry["title"] == "Canada meets Russian foreign minister for first time in years"
    assert entry["text"].startswith("Foreign Affairs Minister")


def test_feed_file_gives_its_entries():
    entries = list(read_article_file(str(REPO / "seeds" / "demo_world.xml")))
    assert len(entries) == 5
    assert entries[0]["guid"] == "demo-canada-russia-laos"


def test_bad_jsonl_lines_are_rejected_with_file_and_line(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text('{"id": "1", "text": "Good one"}\n{not json}\n{"title": "no text"}\n[1, 2]\n\n'
                    '{"text": "Another"}\n', encoding="utf-8")
    items = list(read_article_file(str(path)))
    good = [i for i in items if not isinstance(i, Rejected)]
    bad = [i for i in items if isinstance(i, Rejected)]
    assert [g["text"] for g in good] == ["Good one", "Another"]
    assert [(b.line, b.reason.split(" (")[0]) for b in bad] == [
        (2, "invalid JSON"), (3, "missing or empty 'text'"), (4, "a line must be a JSON object")]
    assert str(bad[0]).startswith(f"{path}:2: ")


def test_unreadable_binary_and_undecodable_files_are_rejected(tmp_path):
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 title\nbody".encode("latin-1"))
    missing = tmp_path / "missing.jsonl"
    reasons = {p.name: next(iter(read_article_file(str(p)))) for p in (binary, latin, missing)}
    assert all(isinstance(r, Rejected) for r in reasons.values())
    assert "binary" in reasons["blob.txt"].reason
    assert "UTF-8" in reasons["latin.txt"].reason
    assert "cannot read" in reasons["missing.jsonl"].reason


def test_directories_expand_to_known_article_files(tmp_path):
    (tmp_path / "a.txt").write_text("T\nB", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    (tmp_path / "ignore.png").write_bytes(b"\x89PNG")
    assert [Path(p).name for p in expand_paths([str(tmp_path)])] == ["a.txt", "b.jsonl"]


@pytest.mark.parametrize("lines_per_chunk", [1, 2, 3, 7, 1000])
def test_jsonl_pieces_read_as_the_whole_file_with_its_line_numbers(tmp_path, lines_per_chunk):
    path = tmp_path / "archive.jsonl"
    lines = ['\ufeff{"id": "b", "text": "After a byte-order mark"}', "{broken", "",
             '{"text": "' + "x" * (MAX_LINE_BYTES + 10) + '"}', "[1]"]
    lines += [f'{{"id": "n{n}", "text": "France and Germany met, take {n}."}}' for n in range(8)]
    path.write_bytes(("\n".join(lines)).encode("utf-8"))   # no newline after the last line
    chunks = split_file(str(path), lines_per_chunk)
    whole = list(read_article_file(str(path)))
    assert [item for chunk in chunks for item in read_chunk(chunk)] == whole
    assert len(chunks) == -(-len(lines) // lines_per_chunk)
    assert chunks[0].start == 0 and chunks[-1].end == path.stat().st_size
    assert all(a.end == b.start and b.first_line == a.first_line + lines_per_chunk
               for a, b in zip(chunks, chunks[1:]))
    assert [(r.line, r.reason.split(" (")[0]) for r in whole if isinstance(r, Rejected)] == [
        (2, "invalid JSON"), (4, f"line is longer than {MAX_LINE_BYTES} bytes"), (5, "a line must be a JSON object")]
    assert [e[ORIGIN_KEY] for e in whole if isinstance(e, dict)][-1] == f"{path}:13"


def test_feeds_text_articles_and_unreadable_files_stay_one_piece(tmp_path):
    binary = tmp_path / "blob.jsonl"
    binary.write_bytes(b'{"text": "a"}\x00\n{"text": "b"}\n')
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    for path in (REPO / "seeds" / "demo_world.xml", REPO / "seeds" / "000_edd85cf211fc05cd.txt",
                 tmp_path / "missing.jsonl", binary, tmp_path):
        assert split_file(str(path), 1) == [FileChunk(str(path))]
    assert split_file(str(empty), 1) == [FileChunk(str(empty), 0, 0, 1)]
    assert list(read_chunk(FileChunk(str(empty), 0, 0, 1))) == []
