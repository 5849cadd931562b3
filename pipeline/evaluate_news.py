"""Score the event coder on hand-labelled news items (`dyadwatch eval --gold FILE`).

One item a line: ``id``, ``text`` (optional ``title``, ``home_country``) and ``events``, every
country-pair event the item reports (an empty list for none), each with ``event``, ``source`` and
``target`` code lists (target empty for a symmetric event listed in source) and an optional
``ambiguous`` flag. Scoring (DESIGN.md, "Quality"), per item, on unordered country pairs:

- gold pairs come from the non-ambiguous events; pairs of ambiguous events are optional: finding
  one is no false positive, missing one no false negative;
- the coder's pairs are those of the events it would alert on (not background, confidence at
  least the alert threshold); organisations (UN, EU, CIS …) are not countries;
- precision, recall and F1 over all items; type accuracy on hits: the share of hit pairs whose
  best-ranked coded event has one of the gold types of that pair (FIGHT counts as ASSAULT);
- event-free items (no events at all) that would alert.
"""
from __future__ import annotations

import itertools
import json

from pipeline.evaluate import TYPE_FIXES, _ratio, half_of

ALERT_THRESHOLD = 0.5  # transforms.alerts.DEFAULT_MIN_CONFIDENCE (not imported: that module loads Beam)
NEWS_TARGETS = {"f1": 0.80, "type_accuracy": 0.80}
MAX_EVENT_FREE_ALERTING = 0.03


def join_texts(items: list[dict], csv_path) -> list[dict]:
    """Labels kept apart from the texts they label (AG News may not be copied into the
    repository): an item with a ``row`` and no ``text`` takes its title and text from that data
    row of an AG News CSV, as `agnews/world_dev_gold.jsonl` does (title + ". " + description,
    backslashes read as the line breaks they stand for). Raises ValueError for a row the CSV lacks."""
    import csv

    with open(csv_path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    joined = []
    for item in items:
        if "text" in item or "row" not in item:
            joined.append(item)
            continue
        row = item["row"]
        if not isinstance(row, int) or not 0 <= row < len(rows):
            raise ValueError(f"item {item.get('id')!r}: row {row!r} is not a data row of {csv_path}")
        title, description = rows[row]["title"], rows[row]["description"].replace("\\", " ")
        joined.append(dict(item, title=title, text=f"{title}. {description}"))
    return joined


def is_news_record(record: dict) -> bool:
    return isinstance(record.get("events"), list)


def _pairs(sources, targets, countries) -> set:
    """Source x target country pairs; the pairs among the sources only when there is no target
    at all (DESIGN.md): "Germany and France back Turkey's EU bid" aimed at the EU pairs no one."""
    symmetric = not targets
    sources = [c for c in sources if c in countries]
    targets = [c for c in targets if c in countries]
    if not symmetric:
        return {frozenset((s, t)) for s in sources for t in targets if s != t}
    return {frozenset(p) for p in itertools.combinations(sorted(set(sources)), 2)}


def gold_pairs(item: dict, countries) -> tuple[dict, set]:
    """(pair -> gold types, optional pairs) of one labelled item."""
    required, optional = {}, set()
    for event in item.get("events") or []:
        pairs = _pairs(event.get("source") or [], event.get("target") or [], countries)
        if event.get("ambiguous"):
            optional |= pairs
            continue
        kind = TYPE_FIXES.get(event.get("event", ""), event.get("event", ""))
        for pair in pairs:
            required.setdefault(pair, set()).add(kind)
    return required, optional - set(required)


def coded_pairs(events: list[dict], countries) -> dict:
    """pair -> type of the coder's best-ranked alertable event on it (events come ranked)."""
    found = {}
    for event in events:
        if event.get("background") or (event.get("confidence") or 0.0) < ALERT_THRESHOLD:
            continue
        pairs = _pairs([a["code"] for a in event.get("source", [])],
                       [a["code"] for a in event.get("target", [])], countries)
        for pair in pairs:
            found.setdefault(pair, event["event"])
    return found


def evaluate_news(items: list[dict], coder=None, half: str = "all") -> dict:
    if coder is None:
        from transforms.coder.coder import EventCoder
        coder = EventCoder()
    from transforms.coder.dictionaries import known_state_codes
    countries = known_state_codes()
    tp = fp = fn = type_right = 0
    event_free = event_free_alerting = scored = 0
    errors = []
    for item in items:
        if half != "all" and half_of(str(item.get("id", ""))) != half:
            continue
        scored += 1
        required, optional = gold_pairs(item, countries)
        title, body = split_title(item)
        events = coder.code(body, title=title, home_country=item.get("home_country"))
        found = coded_pairs(events, countries)
        hits = set(found) & set(required)
        false = set(found) - set(required) - optional
        missed = set(required) - set(found)
        tp, fp, fn = tp + len(hits), fp + len(false), fn + len(missed)
        wrong_type = {p for p in hits if found[p] not in required[p]}
        type_right += len(hits) - len(wrong_type)
        if not item.get("events"):
            event_free += 1
            event_free_alerting += bool(found)
        if false or missed or wrong_type:
            errors.append({
                "id": item.get("id"), "text": item.get("text", "").strip(),
                "missed": [f"{'-'.join(sorted(p))} {'/'.join(sorted(required[p]))}" for p in missed],
                "false": [f"{'-'.join(sorted(p))} {found[p]}" for p in false],
                "wrong_type": [f"{'-'.join(sorted(p))} {found[p]} (gold {'/'.join(sorted(required[p]))})"
                               for p in wrong_type],
                "coded": [f"{e['event']} {'+'.join(a['code'] for a in e['source'])}->"
                          f"{'+'.join(a['code'] for a in e['target'])} [{e['eventText']}] "
                          f"conf={e.get('confidence')}{' background' if e.get('background') else ''}"
                          for e in events],
            })
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return {
        "kind": "news", "half": half, "items_scored": scored,
        "precision": precision, "recall": recall, "f1": f1,
        "type_accuracy": _ratio(type_right, tp),
        "event_free_alerting": _ratio(event_free_alerting, event_free),
        "counts": {"true_pairs": tp, "false_pairs": fp, "missed_pairs": fn,
                   "type_right": type_right, "event_free_items": event_free,
                   "event_free_alerting": event_free_alerting},
        "targets": dict(NEWS_TARGETS, event_free_alerting=MAX_EVENT_FREE_ALERTING),
        "misses": errors,
    }


def format_news_report(figures: dict, misses: int = 20) -> str:
    counts = figures["counts"]
    lines = [f"news items scored: {figures['items_scored']} (half: {figures['half']})",
             f"{'precision':<20} {figures['precision']:6.3f}",
             f"{'recall':<20} {figures['recall']:6.3f}"]
    for name, target in NEWS_TARGETS.items():
        mark = "ok" if figures[name] >= target else "below target"
        lines.append(f"{name:<20} {figures[name]:6.3f}   (target {target:.2f}: {mark})")
    mark = "ok" if figures["event_free_alerting"] <= MAX_EVENT_FREE_ALERTING else "above target"
    lines.append(f"{'event-free alerting':<20} {figures['event_free_alerting']:6.3f}   "
                 f"(target at most {MAX_EVENT_FREE_ALERTING:.2f}: {mark}; "
                 f"{counts['event_free_alerting']} of {counts['event_free_items']} items)")
    lines.append(f"pairs: {counts['true_pairs']} found, {counts['false_pairs']} false, "
                 f"{counts['missed_pairs']} missed; {counts['type_right']} of the found with the right type")
    shown = figures["misses"][:misses] if misses >= 0 else figures["misses"]
    if shown:
        lines.append("")
        lines.append(f"errors ({len(shown)} of {len(figures['misses'])} items):")
        for error in shown:
            parts = [f"{k}: {', '.join(error[k])}" for k in ("missed", "false", "wrong_type") if error[k]]
            lines.append(f"- {error['id']}: {'; '.join(parts)}; coded: {'; '.join(error['coded']) or 'nothing'}")
            lines.append(f"    {error['text'][:220]}")
    return "\n".join(lines)


def split_title(item: dict) -> tuple[str, str]:
    """The labelled text is "title. description": give the coder the headline as a headline."""
    text, title = item.get("text", ""), (item.get("title") or "").strip()
    if title and text.startswith(title):
        return title, text[len(title):].lstrip(". ")
    return "", text


def load_items(path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
