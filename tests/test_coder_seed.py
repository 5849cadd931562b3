"""The seed article: Canada's foreign minister meets his Russian counterpart in Laos."""
import json
from pathlib import Path

import pytest

from transforms.coder import EventCoder

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_edd85cf211fc05cd.txt"


@pytest.fixture(scope="module")
def seed_events():
    title, text = SEED.read_text(encoding="utf-8").split("\n", 1)
    return EventCoder().code(text, title=title)


def test_top_event_is_consult_between_canada_and_russia(seed_events):
    top = seed_events[0]
    assert top["event"] == "CONSULT"
    assert top["cameo"].startswith("04")
    assert top["mode"] == "third-party"
    assert {a["code"] for a in top["source"]} | {a["code"] for a in top["target"]} == {"CAN", "RUS"}
    assert top["quad_class"] == 1
    assert not top["background"]


def test_top_event_actors_are_the_two_ministers(seed_events):
    top = seed_events[0]
    actors = {a["code"]: a for a in top["source"] + top["target"]}
    assert actors["CAN"]["actorText"] == "Stéphane Dion"
    assert actors["RUS"]["actorText"] == "Sergey Lavrov"
    assert actors["CAN"]["sector"] == actors["RUS"]["sector"] == "GOV"


def test_laos_is_the_location_never_a_participant(seed_events):
    assert seed_events[0]["eventLoc"] == {"name": "Laos", "code": "LAO"}
    for event in seed_events:
        codes = {a["code"] for a in event["source"] + event["target"]}
        assert "LAO" not in codes


def test_crimea_seizure_is_background_with_low_confidence(seed_events):
    crimea = [e for e in seed_events if {a["code"] for a in e["source"] + e["target"]} == {"RUS", "UKR"}]
    for event in crimea:  # coded correctly or not at all
        assert event["background"] is True
        assert event["confidence"] < 0.5
        assert [a["code"] for a in event["source"]] == ["RUS"]
        assert event["event"] in ("ASSAULT", "COERCE")


def test_one_event_per_type_and_pair(seed_events):
    keys = [(e["event"], frozenset(a["code"] for a in e["source"] + e["target"])) for e in seed_events]
    assert len(keys) == len(set(keys))


def test_sorted_by_confidence_and_json_serialisable(seed_events):
    confidences = [e["confidence"] for e in seed_events]
    assert confidences == sorted(confidences, reverse=True)
    json.dumps(seed_events)


def test_evidence_points_into_the_document(seed_events):
    title, text = SEED.read_text(encoding="utf-8").split("\n", 1)
    document = f"{title.strip()}\n\n{text}"
    for event in seed_events:
        evidence = event["evidence"]
        sentence = evidence["sentence"]
        start = evidence["sentence_start"]
        assert document[start:start + len(sentence)] == sentence
        span = evidence["trigger_span"]
        assert sentence[span["start"]:span["end"]] == span["text"] == event["eventText"]
        for actor in evidence["actor_spans"]:
            assert sentence[actor["start"]:actor["end"]] == actor["text"]
        # the rule names the dictionary entry that fired: hand-written, event noun or PETRARCH2's
        assert evidence["rule"].startswith(("triggers.yaml:", "event_nouns.tsv:", "cameo_verbs.tsv:"))
