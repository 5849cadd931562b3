"""Print a random sample of the alerts the coder would raise on full BBC articles, for a hand audit.

    python tests/audit_coder.py [--n 60] [--seed 8] [--categories politics,business] [--json]

Each line: the event, its dyad, confidence, the trigger and the evidence sentence (and the
headline), so a reader can judge event by event whether the text reports that event between those
two countries in that direction. Reads ../shared/data/bbc/articles.jsonl; not a test.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from transforms.coder import EventCoder  # noqa: E402

BBC = REPO.parent / "shared" / "data" / "bbc" / "articles.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--categories", default="politics,business")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not BBC.exists():
        print(f"skipped: {BBC} is absent")
        return 0
    wanted = set(args.categories.split(","))
    coder = EventCoder()
    alerts = []
    with BBC.open(encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            if article.get("category") not in wanted:
                continue
            for event in coder.code(article["text"], title=article.get("title", "")):
                if event["confidence"] >= 0.5 and not event["background"]:
                    alerts.append((article, event))
    sample = random.Random(args.seed).sample(alerts, min(args.n, len(alerts)))
    print(f"{len(alerts)} alertable events in {', '.join(sorted(wanted))}; {len(sample)} drawn "
          f"(seed {args.seed})")
    for number, (article, event) in enumerate(sample, start=1):
        row = {"n": number, "article": article["id"], "title": article.get("title", ""),
               "event": event["event"], "mode": event["mode"],
               "source": [a["code"] for a in event["source"]], "target": [a["code"] for a in event["target"]],
               "trigger": event["eventText"], "confidence": event["confidence"],
               "rule": event["evidence"]["rule"], "sentence": event["evidence"]["sentence"]}
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(f"{number:>3}. {row['event']} {'+'.join(row['source'])} -> {'+'.join(row['target'])} "
                  f"[{row['trigger']}] conf={row['confidence']} ({row['rule']})\n"
                  f"     {row['title']} | {row['sentence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
