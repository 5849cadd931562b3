"""The coder eats untrusted text: whatever it is given, it returns well-formed records or nothing.

Hypothesis builds sentences from country names, demonyms, trigger verbs, event nouns and noise,
so the scan, the patterns and the parse (with its headline and dateline handling) are all reached.
"""
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.coder import EventCoder
from transforms.coder.dictionaries import EVENT_TYPES, known_actor_codes

WORDS = ["France", "Germany", "Iraqi", "the United States", "Russian", "Kenya", "China's", "UN",
         "militants", "troops", "minister", "President Putin", "Ayad Allawi", "the two countries",
         "attacked", "met", "met with", "refused to meet", "were killed by", "sanctions on",
         "clashes between", "talks with", "will visit", "did not attack", "said", "that", "and",
         "in Baghdad", "near Mosul", "on Monday", "who", "which", "of", "the", "a", ",", ".", ";",
         "BAGHDAD, Iraq -", "(Reuters)", "  ", "\u00a0", "\n", "&lt;b&gt;", "<script>", "É", "—"]
sentence = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), min_size=1, max_size=40).map(" ".join)


@pytest.fixture(scope="module")
def coder():
    return EventCoder()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(sentence, min_size=1, max_size=6).map(". ".join),
       title=st.one_of(st.just(""), sentence.map(str.title)),
       home=st.one_of(st.none(), st.sampled_from(["CAN", "FRA"])),
       date=st.one_of(st.none(), st.dates().map(str), st.text(max_size=12)))
def test_any_text_gives_well_formed_records(coder, text, title, home, date):
    events = coder.code(text, title=title, home_country=home, date=date)
    codes = known_actor_codes()
    for event in events:
        json.dumps(event)  # serialisable
        assert event["event"] in EVENT_TYPES
        assert 0.0 <= event["confidence"] <= 1.0
        sides = event["source"] + event["target"]
        assert event["source"] and event["target"]
        assert len({a["code"] for a in sides}) >= 2
        assert all(a["code"] in codes for a in sides)
        evidence = event["evidence"]
        sentence_text = evidence["sentence"]
        span = evidence["trigger_span"]
        assert sentence_text[span["start"]:span["end"]] == span["text"]
        for actor in evidence["actor_spans"]:
            assert 0 <= actor["start"] <= actor["end"] <= len(sentence_text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(coder, text):
    assert isinstance(coder.code(text, title=text[:40]), list)
