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


# -- labelled news items -----------------------------------------------------------------------

def news_item(i, text, events, title=""):
    return {"id": f"n{i}", "title": title, "text": text, "events": events}


def gold_event(event, sources, targets, ambiguous=False):
    return {"event": event, "source": sources, "target": targets, "ambiguous": ambiguous}


def alert(event, sources, targets, confidence=0.9, background=False):
    return dict(ev(event, sources, targets), confidence=confidence, background=background)


@pytest.fixture
def news_file(tmp_path):
    items = [
        news_item(1, "a", [gold_event("CONSULT", ["CAN"], ["RUS"])]),          # hit, right type
        news_item(2, "b", [gold_event("FIGHT", ["USA"], ["IRQ"])]),            # hit, wrong type
        news_item(3, "c", [gold_event("DEMAND", ["UN"], ["SDN"])]),            # no country pair
        news_item(4, "d", []),                                                   # event-free, alerts
        news_item(5, "e", []),                                                   # event-free, quiet
        news_item(6, "f", [gold_event("ASSAULT", ["ISR"], ["PSE"], ambiguous=True)]),  # optional
        news_item(7, "g", [gold_event("AGREE", ["IND", "PAK"], [])]),          # missed
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")
    return path


def test_news_scoring_arithmetic(news_file):
    from pipeline.evaluate_news import evaluate_news, load_items
    coder = FixedCoder({
        "a": [alert("CONSULT", ["RUS"], ["CAN"])],                     # order ignored
        "b": [alert("DISAPPROVE", ["USA"], ["IRQ"])],                  # type wrong (gold ASSAULT)
        "c": [alert("DEMAND", ["UN"], ["SDN"])],                       # organisations are no pair
        "d": [alert("SANCTION", ["USA"], ["CUB"]),                      # false, item alerts
              alert("CONSULT", ["FRA"], ["DEU"], confidence=0.2)],     # below threshold: ignored
        "e": [alert("ASSAULT", ["USA"], ["IRQ"], background=True)],    # background: ignored
        "f": [alert("ASSAULT", ["ISR"], ["PSE"])],                     # optional: neither way
    })
    figures = evaluate_news(load_items(news_file), coder)
    counts = figures["counts"]
    assert (counts["true_pairs"], counts["false_pairs"], counts["missed_pairs"]) == (2, 1, 1)
    assert figures["precision"] == round(2 / 3, 4) and figures["recall"] == round(2 / 3, 4)
    assert figures["f1"] == round(2 * (2 / 3) * (2 / 3) / (4 / 3), 4)
    assert figures["type_accuracy"] == 0.5
    assert counts["event_free_items"] == 2 and figures["event_free_alerting"] == 0.5
    assert {e["id"] for e in figures["misses"]} == {"n2", "n4", "n7"}


def test_news_title_given_to_coder_as_headline():
    from pipeline.evaluate_news import split_title
    assert split_title({"title": "Iran warns Israel", "text": "Iran warns Israel. TEHRAN - more"}) == \
        ("Iran warns Israel", "TEHRAN - more")
    assert split_title({"text": "no title here"}) == ("", "no title here")


def test_halves_split_by_id_hash_is_stable_and_balanced():
    from pipeline.evaluate import half_of
    halves = [half_of(f"item-{i}") for i in range(1000)]
    assert halves == [half_of(f"item-{i}") for i in range(1000)]
    assert 400 < halves.count("tune") < 600


def test_main_news_report_with_halves(news_file, capsys):
    assert main(str(news_file), misses=2) == 0
    out = capsys.readouterr().out
    assert "news items scored: 7" in out and "event-free alerting" in out
    assert "tune" in out and "check" in out
    assert main(str(news_file), as_json=True, half="check") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "news" and data["half"] == "check" and data["halves"] == {}


def test_main_rejects_malformed_gold(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text("Canada meets Russian foreign minister\n\nNot JSON at all.\n", encoding="utf-8")
    assert main(str(path)) == 2
    assert "not a JSONL gold file" in capsys.readouterr().err


def test_news_dev_gold_check_half():
    """The labelled news items' check half (never tuned on): the issue's targets."""
    from pipeline.evaluate_news import evaluate_news, load_items
    figures = evaluate_news(load_items(shared_data("agnews/world_dev_gold.jsonl")), half="check")
    assert figures["event_free_alerting"] <= 0.03
    assert figures["precision"] >= 0.80


def test_petrarch_structure_sentences_do_not_regress():
    """PETRARCH2's unit-test sentences judge structure (dyads, direction). The issue's targets
    (0.80 / 0.95) are not met yet; this floor keeps what the parse reached from slipping."""
    figures = evaluate(shared_data("petrarch2/unit_tests_plover.jsonl"))
    assert figures["dyad_recall"] >= 0.65
    assert figures["direction_accuracy"] >= 0.90


def test_labels_kept_apart_from_texts_take_them_from_the_csv(tmp_path, capsys):
    from pipeline.evaluate_news import join_texts
    csv_path = tmp_path / "ag.csv"
    csv_path.write_text('label,title,description\n1,Other,"Not this one."\n'
                        '1,Canada meets Russia,"Dion met Lavrov in Vientiane.\\Talks went on."\n',
                        encoding="utf-8")
    labels = [{"id": "x1", "row": 1, "events": [gold_event("CONSULT", ["CAN", "RUS"], [])]}]
    joined = join_texts(labels, csv_path)
    assert joined[0]["title"] == "Canada meets Russia"
    assert joined[0]["text"] == "Canada meets Russia. Dion met Lavrov in Vientiane. Talks went on."
    assert labels[0].keys() == {"id", "row", "events"}  # the labels themselves are not changed
    with pytest.raises(ValueError, match="row 5"):
        join_texts([{"id": "x2", "row": 5, "events": []}], csv_path)
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps(labels[0]) + "\n", encoding="utf-8")
    assert main(str(path)) == 2
    assert "--texts" in capsys.readouterr().err
    assert main(str(path), texts=str(tmp_path / "missing.csv")) == 2


def test_independent_agnews_labels_join_the_shared_texts():
    """The AG News World items of the dev CSV that the dev gold leaves out, labelled outside the
    project: every row is a World item, none is in the dev gold."""
    import csv
    from pipeline.evaluate_news import join_texts, load_items
    from pathlib import Path
    labels = load_items(Path(__file__).parent / "data" / "independent" / "agnews_world_rest.jsonl")
    csv_path = shared_data("agnews/test_dev.csv")
    with open(csv_path, encoding="utf-8", newline="") as handle:
        kinds = [row["label"] for row in csv.DictReader(handle)]
    dev_rows = {item["row"] for item in load_items(shared_data("agnews/world_dev_gold.jsonl"))}
    assert len(labels) == 649 and all(kinds[item["row"]] == "1" for item in labels)
    assert not dev_rows & {item["row"] for item in labels}
    assert all(item["text"].startswith(item["title"] + ". ") for item in join_texts(labels, csv_path))


def test_sources_pair_among_themselves_only_without_any_target():
    from pipeline.evaluate_news import coded_pairs, gold_pairs
    countries = {"DEU", "FRA", "TUR", "IND", "PAK"}
    # aimed at an organisation: the two backers are one side, not a pair
    assert coded_pairs([alert("SUPPORT", ["DEU", "FRA"], ["EU"])], countries) == {}
    assert gold_pairs({"events": [gold_event("SUPPORT", ["DEU", "FRA"], ["EU"])]}, countries) == ({}, set())
    # no target at all: a symmetric event between its parties
    assert gold_pairs({"events": [gold_event("CONSULT", ["IND", "PAK"], [])]}, countries)[0] == \
        {frozenset(("IND", "PAK")): {"CONSULT"}}
