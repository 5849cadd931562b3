"""Replay inputs: feeds, JSONL and text files; bad files and lines are named and skipped."""
from pathlib import Path

from connectors.file_replay import Rejected, expand_paths, read_article_file

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
