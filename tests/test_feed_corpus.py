"""feedparser's own corpus of odd and ill-formed feeds (~1,850 files in
../shared/data/feed-corpus) through parse_feed and the normaliser: nothing may
escape. A ValueError from the normaliser means "unusable entry" and is fine."""
import re
import time
from pathlib import Path

from connectors.feed_config import FeedConfig
from connectors.feed_parse import KEYS, parse_feed
from tests.conftest import shared_data
from transforms.entries import entry_to_article

# The corpus files state their HTTP headers in their header comment ("Header: Name: value").
_HEADER = re.compile(rb"^Header:\s*([A-Za-z0-9-]+):\s*(.*?)\s*$", re.MULTILINE)


def corpus_files() -> list[Path]:
    root = shared_data("feed-corpus")
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != "LICENSE")
    assert len(files) > 1000, f"only {len(files)} files under {root}"
    return files


def parsed_corpus():
    for path in corpus_files():
        body = path.read_bytes()
        headers = {k.decode().lower(): v.decode("latin-1") for k, v in _HEADER.findall(body[:2000])}
        feed = FeedConfig(path.stem, f"http://corpus.test/{path.parent.name}/{path.name}")
        yield path, parse_feed(body, headers, feed)


def test_corpus_parses_without_exceptions():
    files = entries = bozo = 0
    for path, (items, warning) in parsed_corpus():
        files += 1
        entries += len(items)
        bozo += warning is not None
        for item in items:
            assert set(item) == set(KEYS), path
            assert all(v is None or isinstance(v, str) for v in item.values()), path
    print(f"\nfeed corpus: {files} files, {entries} entries, {bozo} bozo warnings")


def test_corpus_through_normaliser():
    files = entries = articles = rejected = 0
    failures = []
    for path, (items, _warning) in parsed_corpus():
        files += 1
        for item in items:
            entries += 1
            try:
                article = entry_to_article(item, fetched_at=time.time())
            except ValueError:
                rejected += 1  # an unusable entry, handled
                continue
            except Exception as exc:  # noqa: BLE001 - collect them all, then fail once
                failures.append(f"{path}: {type(exc).__name__}: {exc}")
                continue
            articles += article is not None
    print(f"\nfeed corpus -> normaliser: {files} files, {entries} entries, {articles} articles, "
          f"{rejected} rejected with ValueError, {len(failures)} other exceptions")
    assert not failures, "\n".join(failures[:20])
