"""``dyadwatch history``: a pair's events per day, by quad class, with the Goldstein sum.

Events here are stories (one per real event, however many outlets reported it), counted on the
UTC day of their event time when they opened; the counts are kept by the publish script
(connectors/stories.py), so a run with ``--no-stories`` adds nothing to them.
"""
from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

from connectors.redis_sink import connect
from connectors.stories import QUAD_NAMES, read_history

SPARKS = "▁▂▃▄▅▆▇█"


def last_days(days: int, today: datetime | None = None) -> list[str]:
    """The ``days`` UTC days ending today, oldest first."""
    today = today or datetime.now(timezone.utc)
    return [(today - timedelta(days=n)).strftime("%Y-%m-%d") for n in range(days - 1, -1, -1)]


def sparkline(values: list[float]) -> str:
    """One block per value, scaled to the largest; zero is a space."""
    top = max(values, default=0)
    if top <= 0:
        return " " * len(values)
    return "".join(" " if v <= 0 else SPARKS[min(len(SPARKS) - 1, int((len(SPARKS) - 1) * v / top + 0.5))]
                   for v in values)


def render(pair: tuple[str, str], rows: list[dict]) -> str:
    header = f"{'day':<10}  {'verb-coop':>9} {'mat-coop':>8} {'verb-conf':>9} {'mat-conf':>8} {'total':>6} {'goldstein':>10}"
    lines = [f"{pair[0]}-{pair[1]}: events (stories) per UTC day, by quad class, and the Goldstein sum", header]
    for row in rows:
        counts = " ".join(f"{row[name]:>{width}}" for name, width in zip(QUAD_NAMES.values(), (9, 8, 9, 8)))
        lines.append(f"{row['day']:<10}  {counts} {row['total']:>6} {row['goldstein']:>10.1f}")
    totals = [row["total"] for row in rows]
    lines.append(f"events  |{sparkline(totals)}| max {max(totals, default=0)}/day, {sum(totals)} in {len(rows)} days")
    return "\n".join(lines)


def main(redis_url: str, prefix: str, pair: tuple[str, str], days: int, as_json: bool) -> int:
    first, second = sorted(pair)
    client = connect(redis_url)
    try:
        rows = read_history(client, prefix, first, second, last_days(days))
    finally:
        client.close()
    if as_json:
        print(json.dumps({"pair": [first, second], "days": rows, "generated_at": int(time.time())}))
    else:
        print(render((first, second), rows))
    return 0
