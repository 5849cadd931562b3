"""`dyadwatch bench`: how fast the coder, the scan, the pipeline and the streaming job are on a corpus.

Sections (each run in a fresh child process, so its peak RSS is its own):

    coder        EventCoder alone on one process, per data set: items/s, ms/item, the parse's share,
                 and the items that stop at the early exit (fewer than two countries) timed alone
    scan         the coder's Aho-Corasick scan alone over the same documents; coder/scan ratio
    passthrough  the replay graph with a no-op in place of the coder, into an embedded Redis
    replay       the full replay graph into an embedded Redis, in-process and with N worker processes
    streaming    `dyadwatch run` polling local feeds that gain stories at a steady rate:
                 story → alert latency p50/p95/p99/max, and stories lost

`run()` returns one dict (printed as JSON with --json); report.table() renders it for people.
"""
from __future__ import annotations

import logging
import multiprocessing
import resource
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.bench.data import data_set_name, default_data_sets  # noqa: F401 (for the CLI)
from pipeline.logs import setup_logging

SECTIONS = ("coder", "scan", "passthrough", "replay", "streaming")
DATA_SECTIONS = ("coder", "scan", "passthrough", "replay")   # the ones that read --data


@dataclass
class Plan:
    """What to measure: data sets (name, path, records) and the sections' settings."""
    data: list[tuple[str, Path, list[dict]]] = field(default_factory=list)
    sections: tuple[str, ...] = SECTIONS
    rate: float = 50.0
    duration: float = 30.0
    workers: int = 2
    stories: bool = True    # False: the pipeline sections publish every report as an alert (--no-stories)


def run(plan: Plan, say=lambda line: print(line, file=sys.stderr, flush=True)) -> dict:
    """Every figure of the planned sections, as one dict with stable keys (see README, `bench`)."""
    from pipeline.bench.coder import coder_figures, scan_figures
    from pipeline.bench.pipeline import replay_figures
    from pipeline.bench.streaming import streaming_figures

    result: dict = {"sections": list(plan.sections),
                    "data": {name: {"path": str(path), "items": len(records)} for name, path, records in plan.data}}
    for section in plan.sections:
        if section in ("coder", "scan"):
            measure = coder_figures if section == "coder" else scan_figures
            result[section] = {name: _isolated(say, f"{section} {name}", measure, records, name)
                               for name, _, records in plan.data}
        elif section in ("passthrough", "replay"):
            name, _, records = plan.data[0]   # the pipeline sections run over the first data set
            result[section] = dict(_isolated(say, f"{section} {name}", replay_figures, records, 1,
                                             code=section == "replay", stories=plan.stories), data=name)
            if section == "replay" and plan.workers > 1:
                result["replay_multiprocess"] = dict(_isolated(
                    say, f"replay {name}, {plan.workers} worker processes", replay_figures, records, plan.workers,
                    stories=plan.stories),
                    data=name)
        else:
            result[section] = _isolated(say, f"streaming {plan.rate:g} stories/s for {plan.duration:g} s",
                                        streaming_figures, plan.rate, plan.duration)
    for name, figures in result.get("scan", {}).items():
        coder = result.get("coder", {}).get(name)
        ok = coder and "error" not in coder and "error" not in figures
        figures["coder_to_scan"] = coder["ms_per_item"] / figures["ms_per_item"] if ok and figures["ms_per_item"] else None
    result["peak_rss_mb"] = max((f["peak_rss_mb"] for f in _all_figures(result) if "peak_rss_mb" in f), default=None)
    return result


def failed(result: dict) -> bool:
    return any("error" in figures for figures in _all_figures(result))


def _all_figures(result: dict):
    """Every section's figures dict (one per data set for coder and scan)."""
    for section in ("coder", "scan"):
        yield from result.get(section, {}).values()
    for section in ("passthrough", "replay", "replay_multiprocess", "streaming"):
        if section in result:
            yield result[section]


def _isolated(say, label: str, measure, *args, **kwargs) -> dict:
    """measure(*args, **kwargs) in a fresh process, with that process's peak RSS; a failure is
    reported in the figures ({"error": ...}) and the other sections still run."""
    say(f"bench: {label} ...")
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=setup_logging,
                             initargs=(logging.WARNING,)) as pool:
        try:
            return pool.submit(_measured, measure, args, kwargs).result()
        except Exception as err:   # noqa: BLE001 - one section's failure must not hide the others
            say(f"bench: {label} failed: {type(err).__name__}: {err}".splitlines()[0])
            return {"error": f"{type(err).__name__}: {err}".splitlines()[0]}


def _measured(measure, args, kwargs) -> dict:
    figures = measure(*args, **kwargs)
    # ru_maxrss is in KiB on Linux; children: the largest one this process waited for (Beam's
    # worker processes, the `dyadwatch run` job, an embedded redis-server), 0 when none
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["children_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return figures
