"""Alerts match the JSON Schema that ships with the project, and ids are content-derived."""
import json
from pathlib import Path

import jsonschema
import pytest

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
