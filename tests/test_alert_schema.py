"""Alerts match the JSON Schema that ships with the project, and ids are content-derived."""
import json
from pathlib import Path

import jsonschema
import pytest
from prometheus_client import REGISTRY

from connectors.article_files import read_article_file
from transforms.alerts import alert_id, build_alert, is_alertable
from transforms.coder import EventCoder
from transforms.entries import entry_to_article

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "transforms" / "schema" / "alert.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_alerts():
    coder = EventCoder()
    alerts = []
    for entry in read_article_file(str(REPO / "seeds" / "demo_world.xml")):
        article = entry_to_article(entry, fetched_at=1_700_000_000.0)
        for event in coder.code(article.text, title=article.title):
            alerts.append((build_alert(article, event), is_alertable(event, 0.5)))
    return alerts


def test_every_alert_matches_the_schema(demo_alerts):
    assert len(demo_alerts) >= 3
    for alert, _ in demo_alerts:
        jsonschema.validate(alert, SCHEMA)


def test_schema_rejects_a_broken_alert(demo_alerts):
    broken = dict(demo_alerts[0][0], event="PARTY")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_alert_id_depends_on_article_type_and_actors_only():
    event = {"event": "CONSULT", "source": [{"code": "CAN"}], "target": [{"code": "RUS"}], "confidence": 0.9}
    assert alert_id("a1", event) == alert_id("a1", dict(event, confidence=0.5, eventText="met"))
    assert alert_id("a1", event) != alert_id("a2", event)
    assert alert_id("a1", event) != alert_id("a1", dict(event, event="AGREE"))
    assert alert_id("a1", event) != alert_id("a1", dict(event, source=event["target"], target=event["source"]))


def test_background_and_low_confidence_events_do_not_alert():
    assert is_alertable({"confidence": 0.8, "background": False}, 0.5)
    assert not is_alertable({"confidence": 0.8, "background": True}, 0.5)
    assert not is_alertable({"confidence": 0.3, "background": False}, 0.5)


# --- one alert, field by field (found by mutmut) ------------------------------------------

def full_event(**overrides) -> dict:
    event = {"event": "CONSULT", "source": [{"code": "USA", "name": "Biden"}, {"code": "USA"}],
             "target": [{"code": "RUS"}, {"name": "no code"}], "mode": "visit", "context": "nuclear",
             "eventText": "met", "evidence": {"sentence": "Biden met Putin.", "offsets": [0, 16]},
             "eventLoc": "FIN", "cameo": "040", "goldstein": 1.0, "quad_class": 1, "confidence": 0.875,
             "symmetric": 1, "planned": 0, "background": None}
    event.update(overrides)
    return event


def test_an_alert_carries_the_event_and_the_article_field_by_field():
    from transforms.article import Article

    article = Article(id="art-1", title="Leaders meet", text="Biden met Putin.", url="http://news.test/a",
                      published="2023-11-14T22:13:20Z", feed="News", fetched_at=1_700_000_000.25)
    alert = build_alert(article, full_event(), detected_at=1_700_000_060.5)
    assert alert == {
        "id": alert_id("art-1", full_event()), "date": "2023-11-14",
        "source": full_event()["source"], "target": full_event()["target"], "event": "CONSULT",
        "mode": "visit", "context": "nuclear", "eventText": "met", "text": "Biden met Putin.",
        "eventLoc": "FIN", "cameo": "040", "goldstein": 1.0, "quad_class": 1, "confidence": 0.875,
        "symmetric": True, "planned": False, "background": False,
        "article_id": "art-1", "url": "http://news.test/a", "title": "Leaders meet", "feed": "News",
        "published": "2023-11-14T22:13:20Z", "fetched_at": "2023-11-14T22:13:20.250Z",
        "detected_at": "2023-11-14T22:14:20.500Z",
        "evidence": {"sentence": "Biden met Putin.", "offsets": [0, 16]}}


def test_an_alert_of_a_bare_event_has_empty_defaults_and_the_detection_date():
    import time

    from transforms.article import Article

    article = Article(id="art-2", title="t", text="x")  # no date, never fetched
    alert = build_alert(article, {"event": "AGREE"}, detected_at=86400 * 3 + 0.001)
    assert alert["date"] == "1970-01-04" and alert["detected_at"] == "1970-01-04T00:00:00.001Z"
    assert (alert["source"], alert["target"], alert["mode"], alert["context"], alert["eventText"],
            alert["text"], alert["evidence"]) == ([], [], "", "", "", "", {})
    assert (alert["eventLoc"], alert["cameo"], alert["confidence"], alert["fetched_at"]) == (None,) * 4
    assert alert["symmetric"] is alert["planned"] is alert["background"] is False
    flags = build_alert(article, {"event": "AGREE", "symmetric": 0, "planned": "yes", "background": 1})
    assert (flags["symmetric"], flags["planned"], flags["background"]) == (False, True, True)
    before = time.time()
    now_alert = build_alert(article, {"event": "AGREE", "source": None, "evidence": None})
    stamp = now_alert["detected_at"]
    assert stamp.endswith("Z") and stamp[:19] >= time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(before))
    assert now_alert["date"] == stamp[:10] and now_alert["source"] == [] and now_alert["evidence"] == {}


def test_alert_id_is_a_stable_hash_of_article_type_and_sorted_distinct_actor_codes():
    import hashlib

    expected = hashlib.sha1("art-1|CONSULT|USA|RUS".encode()).hexdigest()[:20]
    assert alert_id("art-1", full_event()) == expected  # ids published by earlier runs stay valid
    two = {"event": "CONSULT", "source": [{"code": "RUS"}, {"code": "CAN"}, {"code": "RUS"}], "target": None}
    assert alert_id("a", two) == hashlib.sha1("a|CONSULT|CAN,RUS|".encode()).hexdigest()[:20]
    both = dict(two, target=[{"code": "USA"}, {"code": "GBR"}])
    assert alert_id("a", both) == hashlib.sha1("a|CONSULT|CAN,RUS|GBR,USA".encode()).hexdigest()[:20]


def test_participant_codes_are_the_sorted_codes_of_both_sides():
    from transforms.alerts import participant_codes

    alert = {"source": [{"code": "USA"}, {"code": "RUS"}], "target": [{"code": "USA"}, {"name": "x"}, {"code": ""}]}
    assert participant_codes(alert) == ["RUS", "USA"]


def test_an_event_exactly_at_the_threshold_alerts_and_no_confidence_counts_as_zero():
    assert is_alertable({"confidence": 0.5}, 0.5)
    assert not is_alertable({"confidence": 0.4999}, 0.5)
    assert not is_alertable({"confidence": None}, 0.1) and is_alertable({}, 0.0)
    assert not is_alertable({"confidence": 1.0, "background": 1}, 0.5)


def test_the_alert_stage_keeps_an_articles_seen_keys_with_its_alerts(redis_url, redis_client, key_prefix, caplog):
    from transforms.alerts import _ToAlerts
    from transforms.article import Article
    from transforms.dead_letters import dead_letter_key
    from transforms.dedupe import dedupe_keys

    article = Article(id="art-3", title="Leaders meet in Helsinki", text="x", feed="News")
    stage = _ToAlerts(0.5, redis_url, key_prefix)
    stage.setup()
    try:
        events = [full_event(), full_event(confidence=0.2), full_event(background=True),
                  {"confidence": 0.9}, full_event(event="AGREE")]
        rejected = REGISTRY.get_sample_value("dyadwatch_articles_rejected_total", {"reason": "alert_error"}) or 0
        [(keys, alerts)] = list(stage.process((article, events)))
        assert keys == dedupe_keys(article, key_prefix)
        assert [a["event"] for a in alerts] == ["CONSULT", "AGREE"]
        [letter] = [json.loads(x) for x in redis_client.lrange(dead_letter_key(key_prefix), 0, -1)]
        assert letter["origin"] == "News" and letter["reason"].startswith("KeyError: ")
        assert "0.9" in letter["record"]  # the odd event itself, to look at later
        assert REGISTRY.get_sample_value("dyadwatch_articles_rejected_total", {"reason": "alert_error"}) == rejected + 1
        assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
            "cannot build an alert for article art-3"]
        # An article of no known feed is dead-lettered under "?".
        list(stage.process((Article(id="art-4", title="t", text="x"), [{"confidence": 0.9}])))
        assert json.loads(redis_client.lindex(dead_letter_key(key_prefix), 0))["origin"] == "?"
        [(keys, alerts)] = list(stage.process((article, [])))  # no events: still marked seen
        assert keys and alerts == []
    finally:
        stage.teardown()
