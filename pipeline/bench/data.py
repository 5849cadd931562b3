"""The news the bench measures: AG News-style CSV or JSONL articles, and the default data sets."""
from __future__ import annotations

import csv
import json
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
# (name, path): the short news items of AG News and the full articles of the BBC set
DEFAULT_DATA = (("agnews", SHARED_DATA / "agnews" / "test_dev.csv"),
                ("bbc", SHARED_DATA / "bbc" / "articles.jsonl"))


def default_data_sets() -> list[tuple[str, Path]]:
    """The default data sets that exist on this machine (none in a fresh clone)."""
    return [(name, path) for name, path in DEFAULT_DATA if path.exists()]


def data_set_name(path: Path, taken: set[str]) -> str:
    """A short, unique key for a user's file: its stem, numbered when two files share one."""
    name, number = path.stem, 2
    while name in taken:
        name, number = f"{path.stem}-{number}", number + 1
    return name


def load_articles(path: Path, limit: int) -> list[dict]:
    """Records with `id`, `title`, `text` from a CSV (AG News layout) or a JSONL file.

    Raises ValueError (or KeyError/TypeError for a JSON line without a text) when the file is
    neither."""
    records = []
    with open(path, encoding="utf-8") as handle:
        if path.suffix.lower() == ".csv":
            for number, row in enumerate(csv.DictReader(handle)):
                # AG News writes line breaks as backslashes
                records.append({"id": f"row-{number}", "title": row.get("title", ""),
                                "text": (row.get("description") or row.get("text") or "").replace("\\", "\n")})
                if len(records) >= limit:
                    break
        else:
            for number, line in enumerate(handle):
                if line.strip():
                    record = json.loads(line)
                    records.append({"id": str(record.get("id", f"line-{number}")),
                                    "title": record.get("title", "") or "", "text": record["text"]})
                    if len(records) >= limit:
                        break
    return records


def write_jsonl(records: list[dict], path: Path) -> Path:
    """The records as JSONL articles, the replay's input."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
