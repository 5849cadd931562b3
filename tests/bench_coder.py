"""Benchmark of the event coder (a script that prints figures, not a test).

    /work/venv/bin/python tests/bench_coder.py [--limit N]

Prints, for AG News (../shared/data/agnews/test_dev.csv), the share of items per label that yield
any event (Sports must stay at or below 1%), and the coder's throughput on AG News items and on full
BBC articles (../shared/data/bbc/articles.jsonl). Skips with a message when ../shared/data is absent.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
LABELS = {"1": "World", "2": "Sports", "3": "Business", "4": "Sci/Tech"}

sys.path.insert(0, str(REPO))
from transforms.coder.coder import EventCoder  # noqa: E402


def agnews_items(path: Path, limit: int | None):
    with path.open(encoding="utf-8") as handle:
        for i, row in enumerate(csv.DictReader(handle)):
            if limit and i >= limit:
                break
            # backslashes in AG News stand for line breaks
            yield row["label"], row["title"].replace("\\", "\n"), row["description"].replace("\\", "\n")


def bench_agnews(coder: EventCoder, path: Path, limit: int | None, show: int) -> None:
    items = list(agnews_items(path, limit))
    totals, with_events, by_type = Counter(), Counter(), Counter()
    examples = []
    start = time.perf_counter()
    for label, title, text in items:
        events = coder.code(text, title=title)
        totals[label] += 1
        if events:
            with_events[label] += 1
            by_type[events[0]["event"]] += 1
            if label == "2" and len(examples) < show:
                examples.append((title, events[0]))
    elapsed = time.perf_counter() - start
    print(f"AG News: {len(items)} items from {path}")
    print(f"{'label':<10} {'items':>6} {'with event':>10} {'rate':>7}")
    for label in sorted(totals):
        rate = with_events[label] / totals[label]
        print(f"{LABELS.get(label, label):<10} {totals[label]:>6} {with_events[label]:>10} {rate:>7.2%}")
    sports = with_events["2"] / totals["2"] if totals["2"] else 0.0
    print(f"sports false-alarm rate {sports:.2%} (limit 1%: {'ok' if sports <= 0.01 else 'ABOVE LIMIT'})")
    print(f"top event types: {dict(by_type.most_common(8))}")
    for title, event in examples:
        print(f"  sports item with an event: {title!r} -> {event['event']} "
              f"{event['source'][0]['code']}->{event['target'][0]['code']} [{event['eventText']}]")
    print(f"throughput: {len(items) / elapsed:,.0f} items/s, {1000 * elapsed / len(items):.2f} ms/item")


def bench_bbc(coder: EventCoder, path: Path, limit: int | None) -> None:
    articles = []
    with path.open(encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if limit and i >= limit:
                break
            articles.append(json.loads(line))
    chars = sum(len(a.get("text", "")) for a in articles)
    events = 0
    per_cat, alerted, counts = Counter(), Counter(), Counter()
    start = time.perf_counter()
    for article in articles:
        coded = coder.code(article.get("text", ""), title=article.get("title", ""))
        events += len(coded)
        cat = article.get("category", "?")
        counts[cat] += 1
        per_cat[cat] += len(coded)
        # what would reach subscribers at the default threshold (background is never alerted)
        alerted[cat] += sum(1 for e in coded if e["confidence"] >= 0.5 and not e["background"])
    elapsed = time.perf_counter() - start
    print(f"BBC: {len(articles)} full articles ({chars / max(1, len(articles)):,.0f} chars each), "
          f"{events} events")
    print(f"throughput: {len(articles) / elapsed:,.0f} articles/s, "
          f"{1000 * elapsed / len(articles):.2f} ms/article")
    for cat in sorted(counts):
        print(f"  {cat:<14} {counts[cat]:>5} articles  {per_cat[cat] / counts[cat]:.3f} events/article  "
              f"{alerted[cat] / counts[cat]:.3f} alertable/article")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="items per corpus")
    parser.add_argument("--show", type=int, default=10, help="sports items with events to show")
    args = parser.parse_args()
    agnews = SHARED / "agnews" / "test_dev.csv"
    bbc = SHARED / "bbc" / "articles.jsonl"
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent (../shared/data is not part of a user's clone)")
        return 0
    start = time.perf_counter()
    coder = EventCoder()
    print(f"EventCoder built in {1000 * (time.perf_counter() - start):.0f} ms")
    if agnews.exists():
        bench_agnews(coder, agnews, args.limit, args.show)
    else:
        print(f"skipped AG News: {agnews} is absent")
    if bbc.exists():
        bench_bbc(coder, bbc, args.limit)
    else:
        print(f"skipped BBC: {bbc} is absent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
