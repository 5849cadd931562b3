"""The bench's figures as a table for people (section, figure, value, unit, note)."""
from __future__ import annotations

# where the work is done in child processes, whose peak RSS is the one that matters
CHILD_PROCESSES = {"replay_multiprocess": "worker processes", "streaming": "the dyadwatch run job"}


def rows(result: dict) -> list[tuple[str, str, str, str, str]]:
    out: list[tuple[str, str, str, str, str]] = []

    def add(section, figure, value, unit, note=""):
        out.append((section, figure, _number(value), unit, note))

    for name, f in result.get("coder", {}).items():
        if _failed(out, "coder", name, f):
            continue
        add("coder", f"{name}: speed", f["items_per_s"], "items/s", f"{f['items']} items, one process, batches of 64")
        add("coder", f"{name}: time per item", f["ms_per_item"], "ms/item", f"{f['events']} events coded")
        add("coder", f"{name}: parse share", _percent(f["parse_share"]), "%",
            f"{f['sentences_parsed']} sentences parsed in {f['parse_seconds']:.2f} s")
        add("coder", f"{name}: early exit, speed", f["early_exit_items_per_s"], "items/s",
            f"{f['early_exit_items']} items ({_percent(f['early_exit_share']):.0f}%) name fewer than two countries")
    for name, f in result.get("scan", {}).items():
        if _failed(out, "scan", name, f):
            continue
        add("scan", f"{name}: speed", f["items_per_s"], "items/s", f"{f['mentions']} mentions found")
        add("scan", f"{name}: time per item", f["ms_per_item"], "ms/item", "the coder's own automaton")
        if f.get("coder_to_scan") is not None:
            add("scan", f"{name}: coder / scan", f["coder_to_scan"], "x", "time per item, coder over scan")
    for section, what in (("passthrough", "no-op coder"), ("replay", "in-process runner"),
                          ("replay_multiprocess", "worker processes")):
        f = result.get(section)
        if f is None or _failed(out, section, f.get("data", ""), f):
            continue
        note = f"{f['items']} items of {f['data']}, embedded Redis, {what}"
        if section == "replay_multiprocess":
            note = f"{f['items']} items of {f['data']}, {f['workers']} {what}"
        if f.get("stories") is False:
            note += ", --no-stories"
        add(section, "speed", f["items_per_s"], "items/s", note)
        if section != "passthrough":
            add(section, "alerts published", f["alerts"], "alerts",
                f"{f['coded']} items coded" if f.get("coded") is not None else "")
    f = result.get("streaming")
    if f is not None and not _failed(out, "streaming", "", f):
        note = f"{f['stories']} stories at {f['rate']:g}/s on {f['feeds']} feed(s) polled every {f['poll_interval']:g} s"
        for key in ("p50", "p95", "p99", "max"):
            add("streaming", f"story -> alert {key}", f["latency_s"][key], "s", note if key == "p50" else "")
        for key in ("p50", "p99"):
            add("streaming", f"fetch -> alert {key}", f["fetch_to_alert_s"][key], "s",
                "from the alert's fetched_at" if key == "p50" else "")
        add("streaming", "lost", f["lost"], "stories", f"{f['alerted']} alerted")
        memory = f.get("job_rss_mb") or {}
        for key, note in (("after_warm_up", "the job's RSS: flat over the run, or growing?"),
                          ("middle", ""), ("end", ""), ("max", "")):
            if memory.get(key) is not None:
                add("streaming", f"job RSS {key.replace('_', ' ')}", memory[key], "MB", note)
    for section, name, f in _sections(result):
        if "peak_rss_mb" in f:
            add("rss", f"{section}{' ' + name if name else ''}", f["peak_rss_mb"], "MB", "the section's process")
        if section in CHILD_PROCESSES and f.get("children_peak_rss_mb"):
            add("rss", f"{section}: {CHILD_PROCESSES[section]}", f["children_peak_rss_mb"], "MB", "the largest one")
    return out


def table(result: dict) -> str:
    header = ("section", "figure", "value", "unit", "note")
    lines = [header] + rows(result)
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    return "\n".join(f"{line[0]:<{widths[0]}}  {line[1]:<{widths[1]}}  {line[2]:>{widths[2]}}  "
                     f"{line[3]:<{widths[3]}}  {line[4]}".rstrip() for line in lines)


def _sections(result: dict):
    for section in ("coder", "scan"):
        for name, figures in result.get(section, {}).items():
            yield section, name, figures
    for section in ("passthrough", "replay", "replay_multiprocess", "streaming"):
        if section in result:
            yield section, "", result[section]


def _failed(out: list, section: str, name: str, figures: dict) -> bool:
    if "error" in figures:
        out.append((section, f"{name}: failed" if name else "failed", "-", "", figures["error"]))
        return True
    return False


def _percent(share):
    return None if share is None else 100 * share


def _number(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.2f}" if abs(value) >= 1 else f"{value:.3f}"
