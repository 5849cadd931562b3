"""Score the event coder on PLOVER gold-standard records (`dyadwatch eval --gold FILE`).

Scoring (DESIGN.md, "Quality"):
- only records whose source+target hold two or more distinct country codes are scored;
- gold dyads are the unordered source x target country pairs (the pairs among the sources when the
  target is empty); a record whose countries are all on one side of an organisation (IGO -> USA+GBR)
  is scored but has no gold dyad, so it always counts as a miss, as the design's rule says;
- dyad recall: share of records where the coder emits an event on a gold dyad (order ignored);
- type accuracy: of those, share where that event's type is the gold type (FIGHT counts as ASSAULT);
- direction accuracy: of directed gold records (non-empty target) with a matched dyad, share
  where the event's source holds the gold source country and its target the gold target country;
- precision proxy: share of the emitted country pairs (distinct per record) that are gold dyads.
When several events hit gold dyads, the coder's highest-ranked one is judged.
Known slips in the gold file are mapped: JAP->JPN, ITL->ITA, VTN->VNM; IGO, NGO, IMG, ISM are
not countries.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
NOT_COUNTRIES = {"IGO", "NGO", "IMG", "ISM"}
TYPE_FIXES = {"FIGHT": "ASSAULT"}
TARGETS = {"dyad_recall": 0.90, "type_accuracy": 0.80, "direction_accuracy": 0.95,
           "precision_proxy": 0.85}


def half_of(record_id: str) -> str:
    """'tune' or 'check': a stable split of any gold set by a hash of the record's id."""
    return "tune" if hashlib.sha1(record_id.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def _codes(actors) -> list[str]:
    if not actors or isinstance(actors, str):
        return []
    codes = []
    for actor in actors:
        code = CODE_FIXES.get(actor.get("code", ""), actor.get("code", ""))
        codes.append(code)
    return codes


def _is_country(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper() and code not in NOT_COUNTRIES


def gold_dyads(record: dict) -> tuple[set, list, list]:
    """(unordered country pairs, source countries, target countries) of one gold record."""
    sources = [c for c in _codes(record.get("source")) if _is_country(c)]
    targets = [c for c in _codes(record.get("target")) if _is_country(c)]
    all_sources = _codes(record.get("source"))
    all_targets = _codes(record.get("target"))
    if all_targets:
        dyads = {frozenset((s, t)) for s in sources for t in targets if s != t}
    else:
        dyads = {frozenset(p) for p in itertools.combinations(set(sources), 2)}
    return dyads, (sources if all_sources else []), (targets if all_targets else [])


def scorable(record: dict) -> bool:
    codes = {c for c in _codes(record.get("source")) + _codes(record.get("target")) if _is_country(c)}
    return len(codes) >= 2


def event_dyads(event: dict) -> set:
    """Country pairs an emitted event stands for (organisations are not countries)."""
    sources = [a["code"] for a in event.get("source", []) if _is_country(a["code"])]
    targets = [a["code"] for a in event.get("target", []) if _is_country(a["code"])]
    return {frozenset((s, t)) for s in sources for t in targets if s != t}


def load_gold(path) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records.append(json.loads(line))
    return records


def evaluate(gold_path, coder=None, half: str = "all", records=None) -> dict:
    """Score the coder on a gold JSONL file; returns figures, a per-type table and the misses."""
    if coder is None:
        from transforms.coder.coder import EventCoder
        coder = EventCoder()
    per_type = defaultdict(lambda: {"records": 0, "dyad_hits": 0, "type_hits": 0})
    scored = matched = type_right = directed = direction_right = 0
    emitted_total = emitted_gold = 0
    misses = []
    for record in records if records is not None else load_gold(gold_path):
        if not scorable(record) or half != "all" and half_of(str(record.get("id", ""))) != half:
            continue
        scored += 1
        gold_type = TYPE_FIXES.get(record.get("event", ""), record.get("event", ""))
        dyads, gold_sources, gold_targets = gold_dyads(record)
        events = coder.code(record.get("text", ""))
        emitted = set()
        for event in events:
            emitted |= event_dyads(event)
        emitted_total += len(emitted)
        emitted_gold += len(emitted & dyads)
        row = per_type[gold_type]
        row["records"] += 1
        hit = next((e for e in events if event_dyads(e) & dyads), None)
        problem = None
        if hit is None:
            problem = "dyad missed"
        else:
            matched += 1
            row["dyad_hits"] += 1
            if hit["event"] == gold_type:
                type_right += 1
                row["type_hits"] += 1
            else:
                problem = f"type {hit['event']} (gold {gold_type})"
            if gold_sources and gold_targets:
                directed += 1
                src = {a["code"] for a in hit["source"]}
                tgt = {a["code"] for a in hit["target"]}
                if any(s in src and t in tgt for s in gold_sources for t in gold_targets if s != t):
                    direction_right += 1
                else:
                    problem = (problem + "; " if problem else "") + "direction reversed"
        if problem:
            misses.append({
                "id": record.get("id"), "gold_event": gold_type,
                "gold_dyads": sorted("-".join(sorted(d)) for d in dyads),
                "problem": problem, "text": record.get("text", "").strip(),
                "coded": [f"{e['event']} {'+'.join(a['code'] for a in e['source'])}->"
                          f"{'+'.join(a['code'] for a in e['target'])} [{e['eventText']}]"
                          for e in events],
            })
    figures = {
        "kind": "plover", "half": half,
        "records_scored": scored,
        "dyad_recall": _ratio(matched, scored),
        "type_accuracy": _ratio(type_right, matched),
        "direction_accuracy": _ratio(direction_right, directed),
        "precision_proxy": _ratio(emitted_gold, emitted_total),
        "counts": {"matched": matched, "type_right": type_right, "directed": directed,
                   "direction_right": direction_right, "emitted_dyads": emitted_total,
                   "emitted_gold_dyads": emitted_gold},
        "per_type": {k: dict(v, type_accuracy=_ratio(v["type_hits"], v["dyad_hits"]),
                             dyad_recall=_ratio(v["dyad_hits"], v["records"]))
                     for k, v in sorted(per_type.items())},
        "targets": TARGETS,
        "misses": misses,
    }
    return figures


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def format_report(figures: dict, misses: int = 20) -> str:
    lines = [f"records scored: {figures['records_scored']} (half: {figures.get('half', 'all')})"]
    for name, target in TARGETS.items():
        value = figures[name]
        mark = "ok" if value >= target else "below target"
        lines.append(f"{name:<20} {value:6.3f}   (target {target:.2f}: {mark})")
    lines.append("")
    lines.append(f"{'gold type':<12} {'records':>7} {'dyad hit':>8} {'type ok':>8} {'recall':>7} {'type acc':>8}")
    for event, row in figures["per_type"].items():
        lines.append(f"{event:<12} {row['records']:>7} {row['dyad_hits']:>8} {row['type_hits']:>8} "
                     f"{row['dyad_recall']:>7.2f} {row['type_accuracy']:>8.2f}")
    shown = figures["misses"][:misses]
    if shown:
        lines.append("")
        lines.append(f"misses ({len(shown)} of {len(figures['misses'])}):")
        for miss in shown:
            lines.append(f"- {miss['id']}: {miss['problem']}; gold {miss['gold_event']} "
                         f"{', '.join(miss['gold_dyads'])}; coded: {'; '.join(miss['coded']) or 'nothing'}")
            lines.append(f"    {miss['text'][:200]}")
    return "\n".join(lines)


HALVES = ("tune", "check")


def main(gold: str, as_json: bool = False, misses: int = 20, half: str = "all",
         texts: str | None = None) -> int:
    """Print the scores of a PLOVER gold file or a labelled news file (told apart by their
    records: news items carry an ``events`` list); exit 0 when scored, 2 when the file is missing,
    malformed or holds nothing to score. With half "all" the tuning and check halves (split by a
    hash of each id) are scored too, so the gap between them is in plain view. texts: an AG
    News CSV whose rows give the title and text of labelled items that carry only a row."""
    from pipeline import evaluate_news as news

    path = Path(gold)
    if not path.exists():
        print(f"gold file not found: {path}", file=sys.stderr)
        return 2
    try:
        records = load_gold(path)
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"{path}: not a JSONL gold file ({exc})", file=sys.stderr)
        return 2
    if texts is not None:
        try:
            records = news.join_texts(records, texts)
        except (OSError, ValueError, KeyError) as exc:
            print(f"--texts {texts}: {exc}", file=sys.stderr)
            return 2
    elif any(isinstance(r, dict) and "row" in r and "text" not in r for r in records):
        print(f"{path}: its items carry rows, not texts: give the AG News CSV they label with --texts",
              file=sys.stderr)
        return 2
    if not records or not all(isinstance(r, dict) for r in records):
        print(f"{path}: no JSON records to score", file=sys.stderr)
        return 2
    is_news = all(news.is_news_record(r) for r in records)
    from transforms.coder.coder import EventCoder
    coder = EventCoder()

    def score(which):
        return news.evaluate_news(records, coder, which) if is_news else \
            evaluate(path, coder, which, records=records)

    figures = score(half)
    if figures.get("records_scored", figures.get("items_scored")) == 0:
        print("nothing to score (PLOVER records need two distinct country codes; news items an "
              "events list)", file=sys.stderr)
        return 2
    halves = {h: score(h) for h in HALVES} if half == "all" else {}
    if as_json:
        out = dict(figures, misses=figures["misses"][:misses] if misses >= 0 else figures["misses"])
        out["halves"] = {h: {k: v for k, v in f.items() if k not in ("misses", "per_type")}
                         for h, f in halves.items()}
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(news.format_news_report(figures, misses) if is_news else format_report(figures, misses))
    if halves:
        keys = ("precision", "recall", "f1", "type_accuracy", "event_free_alerting") if is_news else \
            tuple(TARGETS)
        print("")
        print("halves (split by a hash of each id; tune on one, check on the other):")
        print(f"{'half':<6} {'scored':>6} " + " ".join(f"{k:>19}" for k in keys))
        for name, f in halves.items():
            count = f.get("records_scored", f.get("items_scored"))
            print(f"{name:<6} {count:>6} " + " ".join(f"{f[k]:>19.3f}" for k in keys))
    return 0


if __name__ == "__main__":  # python -m pipeline.evaluate GOLD [--json] [--half tune|check|all]
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", type=int, default=20)
    parser.add_argument("--half", choices=("all",) + HALVES, default="all")
    parser.add_argument("--texts")
    args = parser.parse_args()
    sys.exit(main(args.gold, args.json, args.misses, args.half, args.texts))
