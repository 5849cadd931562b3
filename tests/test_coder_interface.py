"""The interface the pipeline relies on: construction, pickling, record shape, speed-friendly reuse."""
import json
import pickle

from transforms.coder import EventCoder
from transforms.coder.coder import EventCoder as EventCoderFromModule

FIELDS = {"event", "mode", "context", "source", "target", "eventText", "cameo", "goldstein",
          "quad_class", "confidence", "eventLoc", "symmetric", "planned", "background", "evidence"}
TEXT = "The Japanese prime minister met his Chinese counterpart in Hanoi on Friday."


def test_package_exports_the_coder():
    assert EventCoder is EventCoderFromModule


def test_record_shape_and_types():
    events = EventCoder().code(TEXT)
    assert events
    event = events[0]
    assert set(event) == FIELDS
    assert isinstance(event["cameo"], str) and isinstance(event["goldstein"], float)
    assert isinstance(event["quad_class"], int) and 0.0 <= event["confidence"] <= 1.0
    for actor in event["source"] + event["target"]:
        assert set(actor) == {"actorText", "code", "sector"}
    assert set(event["evidence"]) == {"sentence", "sentence_start", "actor_spans", "trigger_span", "rule"}
    roles = {span["role"] for span in event["evidence"]["actor_spans"]}
    assert {"source", "target", "location"} <= roles
    json.loads(json.dumps(events))


def test_title_is_prepended_to_the_document():
    event = EventCoder().code("Officials gave no details.", title="Egypt condemns Israel")[0]
    assert event["evidence"]["sentence"] == "Egypt condemns Israel"
    assert event["evidence"]["sentence_start"] == 0
    body = EventCoder().code("Egypt condemned Israel.", title="Regional news")[0]
    assert body["evidence"]["sentence_start"] == len("Regional news\n\n")


def test_pickles_and_keeps_working():
    coder = pickle.loads(pickle.dumps(EventCoder()))
    assert coder.code(TEXT)[0]["event"] == "CONSULT"


def test_empty_and_eventless_inputs():
    coder = EventCoder()
    assert coder.code("") == []
    assert coder.code("   ", title="") == []
    assert coder.code("The weather was mild across the region on Tuesday.") == []


def test_repeated_calls_are_independent():
    coder = EventCoder()
    coder.code("Foreign Minister Ola Nord criticised Finland.", home_country="SWE")
    # the person learnt in the previous article must not leak into this one
    assert coder.code("Ola Nord criticised Finland.") == []
