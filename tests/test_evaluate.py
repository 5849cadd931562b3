"""Scoring of `dyadwatch eval` on PLOVER gold records."""
import json

import pytest

from pipeline.evaluate import evaluate, gold_dyads, main, scorable
from tests.conftest import shared_data


class FixedCoder:
    """Returns canned events per text, to test the arithmetic."""

    def __init__(self, answers):
        self.answers = answers

    def code(self, text, title="", home_country=None):
        return self.answers.get(text, [])


def ev(event, sources, targets):
    return {"event": event, "eventText": "x",
            "source": [{"code": c} for c in sources], "target": [{"code": c} for c in targets]}


def rec(i, text, event, sources, targets):
    return {"id": f"r{i}", "text": text, "event": event,
            "source": [{"actorText": c, "code": c} for c in sources],
            "target": [{"actorText": c, "code": c} for c in targets] if targets else ""}


@pytest.fixture
def gold_file(tmp_path):
    records = [
        rec(1, "a", "CONSULT", ["USA"], ["RUS"]),      # hit, right type, right direction
        rec(2, "b", "FIGHT", ["ISR"], ["PSE"]),        # FIGHT counts as ASSAULT; reversed
        rec(3, "c", "AGREE", ["USA", "JOR"], []),      # symmetric gold: pairs among sources
        rec(4, "d", "DEMAND", ["JAP"], ["ITL"]),       # code slips mapped; missed
        rec(5, "e", "AID", ["IGO"], ["FRA"]),          # one country only: not scored
        rec(6, "f", "REJECT", ["TUR"], ["TUR"]),       # one country only: not scored
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_scoring_arithmetic(gold_file):
    coder = FixedCoder({
        "a": [ev("CONSULT", ["USA"], ["RUS"]), ev("DISAPPROVE", ["USA"], ["CHN"])],
        "b": [ev("ASSAULT", ["PSE"], ["ISR"])],
        "c": [ev("SUPPORT", ["JOR"], ["USA"])],
        "d": [ev("DEMAND", ["JPN"], ["DEU"])],
        "e": [ev("AID", ["EU"], ["FRA"])],
    })
    figures = evaluate(gold_file, coder=coder)
    assert figures["records_scored"] == 4
    assert figures["dyad_recall"] == 0.75            # a, b, c of four
    assert figures["type_accuracy"] == round(2 / 3, 4)  # a and b right, c wrong
    assert figures["direction_accuracy"] == 0.5      # a right, b reversed (c is undirected)
    # emitted country pairs: USA-RUS, USA-CHN, ISR-PSE, JOR-USA, JPN-DEU -> 3 of 5 are gold
    assert figures["precision_proxy"] == 0.6
    assert figures["per_type"]["ASSAULT"]["type_hits"] == 1
    assert {m["id"] for m in figures["misses"]} == {"r2", "r3", "r4"}


def test_gold_dyads_and_scorable():
    dyads, sources, targets = gold_dyads(rec(1, "t", "DEMAND", ["JAP"], ["ITL", "IGO"]))
    assert dyads == {frozenset(("JPN", "ITA"))} and sources == ["JPN"] and targets == ["ITA"]
    assert not scorable(rec(2, "t", "AID", ["IGO"], ["FRA"]))
    assert scorable(rec(3, "t", "AGREE", ["SDN", "ETH"], []))


def test_main_prints_report_and_json(gold_file, capsys):
    assert main(str(gold_file)) == 0
    out = capsys.readouterr().out
    assert "dyad_recall" in out and "precision_proxy" in out and "gold type" in out
    assert main(str(gold_file), as_json=True, misses=1) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["records_scored"] == 4 and len(data["misses"]) <= 1


def test_main_missing_file(tmp_path):
    assert main(str(tmp_path / "absent.jsonl")) == 2


def test_dev_gold_meets_targets():
    figures = evaluate(shared_data("plover/gsr_dev.jsonl"))
    assert figures["dyad_recall"] >= 0.90
    assert figures["type_accuracy"] >= 0.80
    assert figures["direction_accuracy"] >= 0.95
    assert figures["precision_proxy"] >= 0.85


def test_sports_items_rarely_yield_events():
    import csv
    from transforms.coder import EventCoder
    coder = EventCoder()
    total = with_events = 0
    with shared_data("agnews/test_dev.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["label"] != "2":
                continue
            total += 1
            text = row["description"].replace("\\", "\n")
            with_events += bool(coder.code(text, title=row["title"].replace("\\", "\n")))
    assert with_events / total <= 0.01
