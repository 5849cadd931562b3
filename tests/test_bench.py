"""`dyadwatch bench`: its figures' structure and sanity, never their speed (no timed assertions).

Small local data, a real embedded Redis, real Beam runs, real HTTP feeds on 127.0.0.1."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.bench.data import data_set_name, load_articles
from pipeline.bench.report import table
from pipeline.bench.streaming import percentiles

REPO = Path(__file__).resolve().parent.parent
PAIRS = [("Japan", "India"), ("France", "Germany"), ("Brazil", "Chile"), ("Norway", "Poland")]


def dyadwatch(*args, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, capture_output=True,
                          timeout=timeout)


def news(count: int) -> list[dict]:
    """Half the items name two countries that sign an agreement (one alert each), half one country
    (they stop at the coder's early exit)."""
    items = []
    for n in range(count):
        a, b = PAIRS[n % len(PAIRS)]
        if n % 2 == 0:
            items.append({"id": f"b{n}", "title": f"{a} and {b} sign trade pact, item {n}",
                          "text": f"{a} and {b} signed a trade agreement on day {n}."})
        else:
            items.append({"id": f"b{n}", "title": f"New library opens in {a}, item {n}",
                          "text": f"A new public library opened in {a} on day {n}, the council said."})
    return items


@pytest.fixture(scope="module")
def data_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    jsonl = folder / "news.jsonl"
    jsonl.write_text("".join(json.dumps(item) + "\n" for item in news(60)), encoding="utf-8")
    ag = folder / "ag.csv"   # AG News layout
    with open(ag, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["label", "title", "description"])
        for item in news(10):
            writer.writerow([1, item["title"], item["text"]])
    return jsonl, ag


@pytest.fixture(scope="module")
def bench_json(data_files):
    """One real run of every section but streaming (the slow part of these tests, run once)."""
    jsonl, _ = data_files
    result = dyadwatch("bench", "--json", "--items", "50", "--data", str(jsonl),
                       "--only", "coder", "scan", "passthrough", "replay", "--workers", "2")
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    return json.loads(result.stdout)   # stdout is the JSON object alone


def test_bench_json_has_every_figure_of_coder_scan_and_replay(bench_json, data_files):
    jsonl, _ = data_files
    figures = bench_json
    assert figures["sections"] == ["coder", "scan", "passthrough", "replay"]
    assert figures["data"] == {"news": {"path": str(jsonl), "items": 50}}

    coder = figures["coder"]["news"]
    assert coder["items"] == 50 and coder["items_per_s"] > 0 and coder["ms_per_item"] > 0
    assert coder["events"] == 25                             # one agreement per two-country item
    assert coder["early_exit_items"] == 25                   # the one-country items stop early
    assert coder["early_exit_share"] == 0.5 and coder["early_exit_items_per_s"] > 0
    assert 0 <= coder["parse_share"] <= 1 and coder["sentences_parsed"] >= 0
    scan = figures["scan"]["news"]
    assert scan["items"] == 50 and scan["items_per_s"] > 0
    assert scan["mentions"] >= 150   # title and text: two names in half the items, one in the rest
    assert scan["coder_to_scan"] == pytest.approx(coder["ms_per_item"] / scan["ms_per_item"])

    replay, passthrough, multi = figures["replay"], figures["passthrough"], figures["replay_multiprocess"]
    assert replay["data"] == passthrough["data"] == multi["data"] == "news"
    assert replay["items"] == passthrough["items"] == multi["items"] == 50
    assert replay["coded"] == 50 and replay["alerts"] == 25 and replay["alerts_left_in_spill"] == 0
    assert multi["workers"] == 2 and multi["alerts"] == 25 and multi["alerts_left_in_spill"] == 0
    assert passthrough["alerts"] == 0 and "coded" not in passthrough   # the coder was not there
    for section in (replay, passthrough, multi):
        assert section["items_per_s"] > 0
    every = [coder, scan, replay, passthrough, multi]
    assert all(f["peak_rss_mb"] > 10 for f in every)
    assert multi["children_peak_rss_mb"] > 10                # the worker processes
    assert figures["peak_rss_mb"] == max(f["peak_rss_mb"] for f in every)


def test_bench_replay_without_stories_publishes_every_report(bench_json, data_files):
    """--no-stories: the replay publishes each report as an alert (the plain script); by default the
    reports of one pair's pact, told in nearly the same words, join stories."""
    jsonl, _ = data_files
    result = dyadwatch("bench", "--json", "--items", "50", "--data", str(jsonl), "--only", "replay",
                       "--workers", "1", "--no-stories")
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    off, on = json.loads(result.stdout)["replay"], bench_json["replay"]
    assert off["stories"] is False and on["stories"] is True
    assert off["story_updates"] == 0 and on["story_updates"] > 0
    assert off["alerts"] == 25 and off["coded"] == 50
    assert "--no-stories" in table(json.loads(result.stdout)) and "--no-stories" not in table(bench_json)


def test_bench_streaming_times_every_story_to_its_alert():
    result = dyadwatch("bench", "--json", "--only", "streaming", "--rate", "5", "--duration", "4")
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    streaming = json.loads(result.stdout)["streaming"]
    assert streaming["stories"] == 20 and streaming["alerted"] == 20 and streaming["lost"] == 0
    for key in ("latency_s", "fetch_to_alert_s"):
        p = streaming[key]
        assert 0 < p["p50"] <= p["p95"] <= p["p99"] <= p["max"]
    # a story waits for a poll before it is fetched: appearance → alert is never shorter than fetch → alert
    assert streaming["latency_s"]["max"] >= streaming["fetch_to_alert_s"]["p50"]
    assert streaming["children_peak_rss_mb"] > 10   # the `dyadwatch run` job
    # its RSS sampled over the run: from warm-up to the end, never above the largest sample
    memory = streaming["job_rss_mb"]
    assert 10 < memory["after_warm_up"] <= memory["max"] and memory["end"] <= memory["max"]


def test_bench_table_shows_the_figures(bench_json):
    lines = table(bench_json).splitlines()
    assert lines[0].split() == ["section", "figure", "value", "unit", "note"]
    alerts = next(line for line in lines if line.startswith("replay ") and "alerts published" in line)
    assert alerts.split()[3:5] == ["25", "alerts"] and "50 items coded" in alerts
    early = next(line for line in lines if "early exit" in line)
    assert "25 items (50%) name fewer than two countries" in early
    sections = {line.split()[0] for line in lines[1:]}
    assert sections == {"coder", "scan", "passthrough", "replay", "replay_multiprocess", "rss"}
    assert any(line.startswith("rss") and "worker processes" in line for line in lines)


def test_load_articles_reads_both_layouts_up_to_the_limit(data_files):
    jsonl, ag = data_files
    assert [r["id"] for r in load_articles(jsonl, 3)] == ["b0", "b1", "b2"]
    rows = load_articles(ag, 100)
    assert len(rows) == 10 and rows[0]["title"] == "Japan and India sign trade pact, item 0"
    assert rows[0]["text"] == "Japan and India signed a trade agreement on day 0."
    assert data_set_name(Path("x/news.jsonl"), {"news"}) == "news-2"
    assert data_set_name(Path("x/news.jsonl"), {"news", "news-2"}) == "news-3"


def test_bench_missing_file_is_one_line():
    result = dyadwatch("bench", "--data", "no-such-file.jsonl", timeout=60)
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err
    assert err.strip() == "dyadwatch: error: no benchmark data at no-such-file.jsonl: give --data FILE " \
                          "(CSV with title,description or JSONL)"


def test_percentiles_are_nearest_rank():
    assert percentiles(list(range(100, 0, -1))) == {"p50": 50, "p95": 95, "p99": 99, "max": 100}
    assert percentiles([0.3]) == {"p50": 0.3, "p95": 0.3, "p99": 0.3, "max": 0.3}
    assert percentiles([]) == {"p50": None, "p95": None, "p99": None, "max": None}
