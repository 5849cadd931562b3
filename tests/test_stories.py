"""Stories and surges against a real Redis: one alert per event however many outlets report it,
and one surge alert when a pair's activity departs from its own baseline."""
import json
import math
import time
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectors.redis_sink import RedisAlertWriter, stream_key
from connectors.stories import StoryConfig, stories_channel
from transforms.story_keys import (dyad, event_time, outlet, poisson_tail, shared_words, shingles, signature,
                                  similarity)

DAY = 86400


def iso(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def report(n, title, sentence, *, feed="feed-0", url=None, at=None, event="AGREE", quad=1, source="FRA",
           target="DEU", symmetric=True, confidence=0.7, goldstein=4.0):
    at = time.time() if at is None else at
    return {"id": f"a{n}-{feed}", "event": event, "title": title, "text": sentence,
            "source": [{"actorText": "France", "code": source}], "target": [{"actorText": "Germany", "code": target}],
            "eventText": "signed a defence pact", "symmetric": symmetric, "quad_class": quad, "goldstein": goldstein,
            "confidence": confidence, "feed": feed, "url": url, "published": iso(at), "detected_at": iso(at + 5),
            "fetched_at": None, "evidence": {"sentence": sentence}}


def stream_records(client, prefix):
    return [(kind, json.loads(body)) for _, fields in client.xrange(stream_key(prefix))
            for kind, body in fields.items()]


PACT = [("France and Germany sign defence pact in Berlin",
         "France and Germany signed a defence pact in Berlin on Monday, pledging joint patrols."),
        ("Paris, Berlin seal defence pact", "Germany and France signed a defence pact in Berlin, with joint patrols."),
        ("Defence pact signed by France and Germany", "The defence pact signed in Berlin sets up joint patrols."),
        ("France, Germany agree defence pact", "In Berlin, France and Germany signed the defence pact on joint patrols."),
        ("Germany and France in Berlin defence pact", "France signed a defence pact with Germany in Berlin: joint patrols.")]


# -- the pure parts -------------------------------------------------------------------------------

def test_shingles_leave_out_actors_and_stop_words():
    alert = report(1, "France and Germany sign defence pact", "France signed a defence pact with Germany in Lyon.")
    alert["evidence"]["actor_spans"] = [{"text": "the French government", "role": "source"},
                                        {"text": "Lyon", "role": "location"}]
    assert shingles(alert) == {"defenc", "pact", "lyon"}   # "sign"/"signed": the trigger's head


def test_reports_of_one_event_are_similar_and_other_events_are_not():
    sigs = [signature(shingles(report(i, t, s))) for i, (t, s) in enumerate(PACT)]
    assert all(similarity(sigs[0], other) >= StoryConfig().similarity for other in sigs[1:])
    fishing = signature(shingles(report(9, "France and Germany agree fishing quotas",
                                        "France and Germany agreed on fishing quotas for the North Sea.")))
    assert similarity(sigs[0], fishing) < StoryConfig().similarity


def test_dyad_direction_and_outlet():
    assert dyad(report(1, "t", "s", symmetric=False, source="RUS", target="CAN")) == ("CAN", "RUS", "RUS>CAN")
    assert dyad(report(1, "t", "s", symmetric=True)) == ("DEU", "FRA", "sym")
    assert dyad({"source": [{"code": "FRA"}], "target": [{"code": "FRA"}]}) is None
    assert outlet({"url": "https://www.bbc.co.uk/news/1", "feed": "x"}) == "bbc.co.uk"
    assert outlet({"url": None, "feed": "Reuters"}) == "Reuters"


def test_event_time_is_published_unless_it_is_later_than_detection():
    assert event_time({"published": "2005-01-02T00:00:00Z", "detected_at": "2026-01-01T00:00:00Z"}, 0) == \
        datetime(2005, 1, 2, tzinfo=timezone.utc).timestamp()
    future = {"published": "2030-01-01T00:00:00Z", "detected_at": "2026-01-01T00:00:00Z"}
    assert event_time(future, 0) == datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp()
    assert event_time({}, 123.0) == 123.0


@given(st.text(max_size=300), st.text(max_size=300), st.lists(st.text(max_size=20), max_size=3))
@settings(max_examples=200, deadline=None)
def test_signature_of_any_text_is_well_formed(title, sentence, names):
    alert = {"title": title, "text": sentence, "source": [{"actorText": n} for n in names], "target": [None, 3],
             "evidence": {"sentence": sentence, "actor_spans": [{"text": n} for n in names]}}
    tokens = shingles(alert)
    sig = signature(tokens)
    assert len(sig) == 8 * min(64, len(tokens))
    assert similarity(sig, sig) == (1.0 if sig else 0.0)


@given(st.sets(st.text(min_size=1, max_size=8), max_size=60), st.sets(st.text(min_size=1, max_size=8), max_size=60))
@settings(max_examples=300, deadline=None)
def test_similarity_of_small_sets_is_their_exact_jaccard(first, second):
    expected = len(first & second) / len(first | second) if first and second else 0.0
    assert similarity(signature(first), signature(second)) == pytest.approx(expected)
    assert shared_words(signature(first), signature(second)) == (len(first & second) if first and second else 0)


@given(st.integers(min_value=0, max_value=40), st.floats(min_value=0.001, max_value=30))
@settings(max_examples=300, deadline=None)
def test_poisson_tail_is_one_minus_the_cdf(count, expected):
    cdf = sum(math.exp(-expected) * expected ** i / math.factorial(i) for i in range(count))
    assert poisson_tail(count, expected) == pytest.approx(1 - cdf, rel=1e-6, abs=1e-12)


# -- stories in Redis ------------------------------------------------------------------------------

def test_one_event_from_five_feeds_is_one_alert_and_four_updates_across_restarts(redis_url, redis_client,
                                                                                   key_prefix):
    start = time.time() - 3600
    reports = [report(0, title, sentence, feed=f"feed-{i}", url=f"https://outlet{i}.example/pact",
                      at=start + 600 * i, confidence=0.6)
               for i, (title, sentence) in enumerate(PACT)]
    pubsub = redis_client.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(stories_channel(key_prefix))
    time.sleep(0.1)
    outcomes = []
    for item in reports:   # a new writer (a restarted process) for each feed: the state is in Redis
        writer = RedisAlertWriter(redis_url, key_prefix, stories=StoryConfig())
        outcomes += writer.write([item])
        writer.close()
    assert outcomes == [1, 2, 2, 2, 2]
    again = RedisAlertWriter(redis_url, key_prefix, stories=StoryConfig())
    assert again.write(reports + reports) == [0] * 10   # replayed ids add no source
    records = stream_records(redis_client, key_prefix)
    assert [kind for kind, _ in records] == ["alert", "story", "story", "story", "story"]
    stories = [body for kind, body in records if kind == "story"]
    assert [s["num_sources"] for s in stories] == [2, 3, 4, 5]
    assert all(s["story_id"] == reports[0]["id"] for s in stories)
    last = stories[-1]
    assert [s["alert_id"] for s in last["sources"]] == [r["id"] for r in reports]
    assert last["num_outlets"] == 5 and last["pair"] == ["DEU", "FRA"] and last["direction"] == "sym"
    confidences = [0.6] + [s["confidence"] for s in stories]
    assert confidences == sorted(confidences) and confidences[-1] == pytest.approx(1 - 0.4 ** 5, abs=1e-3)
    received = []
    deadline = time.monotonic() + 3
    while len(received) < 4 and time.monotonic() < deadline:
        message = pubsub.get_message(timeout=0.2)
        if message:
            received.append(json.loads(message["data"])["num_sources"])
    assert received == [2, 3, 4, 5]


def test_two_events_of_one_pair_and_type_on_one_day_stay_two_stories(redis_url, redis_client, key_prefix):
    writer = RedisAlertWriter(redis_url, key_prefix, stories=StoryConfig())
    now = time.time()
    pact = report(1, *PACT[0], at=now - 7200)
    fishing = report(2, "France and Germany agree fishing quotas",
                     "France and Germany agreed on fishing quotas for the North Sea.", at=now - 3600)
    assert writer.write([pact, fishing]) == [1, 1]
    assert [kind for kind, _ in stream_records(redis_client, key_prefix)] == ["alert", "alert"]


def test_one_word_in_common_is_not_a_story_however_short_the_headlines(redis_url, redis_client, key_prefix):
    """Headline-only reports with two content words each, one of them shared: a Jaccard of 1/3, above
    the threshold, but one word ("Gaza", "two") says nothing; two words in common do make a story."""
    writer = RedisAlertWriter(redis_url, key_prefix, stories=StoryConfig())
    now = time.time()
    accord, treaty, again = (report(n, title, title, feed=f"feed-{n}", at=now - 600 + n) for n, title in
                             enumerate(["France and Germany sign accord in Gaza", "France and Germany sign treaty in Gaza",
                                        "Gaza accord signed by France and Germany"]))
    sigs = [signature(shingles(a)) for a in (accord, treaty, again)]
    assert similarity(sigs[0], sigs[1]) == pytest.approx(1 / 3) and shared_words(sigs[0], sigs[1]) == 1
    assert shared_words(sigs[0], sigs[2]) == 2
    assert writer.write([accord, treaty]) == [1, 1]
    assert writer.write([again]) == [2]
    story = [body for kind, body in stream_records(redis_client, key_prefix) if kind == "story"][-1]
    assert story["story_id"] == accord["id"]


def test_same_words_a_window_apart_or_the_other_way_round_are_new_stories(redis_url, redis_client, key_prefix):
    writer = RedisAlertWriter(redis_url, key_prefix, stories=StoryConfig(window=3600))
    now = time.time()
    first = report(1, *PACT[0], at=now - 3 * 3600, symmetric=False)
    later = report(2, *PACT[1], at=now, symmetric=False)                            # outside the window
    reverse = report(3, *PACT[1], at=now - 3 * 3600, symmetric=False, source="DEU", target="FRA")
    assert writer.write([first, later, reverse]) == [1, 1, 1]


def test_stories_off_publishes_every_report(redis_url, redis_client, key_prefix):
    writer = RedisAlertWriter(redis_url, key_prefix)
    assert writer.write([report(0, t, s, feed=f"f{i}") for i, (t, s) in enumerate(PACT)]) == [1] * 5


# -- surges --------------------------------------------------------------------------------------

def conflict(n, at):
    """A material-conflict event of RUS and UKR told in words of its own (so each is its own story)."""
    title, sentence = f"z{n:04x} y{n:04x} x{n:04x}", f"w{n:04x} v{n:04x} u{n:04x}."
    return report(n, title, sentence, event="ASSAULT", quad=4, source="RUS", target="UKR", symmetric=False,
                  goldstein=-10.0, at=at)


def surges(client, prefix):
    return [body for kind, body in stream_records(client, prefix) if kind == "surge"]


def test_a_burst_raises_exactly_one_surge_with_its_figures(redis_url, redis_client, key_prefix):
    writer = RedisAlertWriter(redis_url, key_prefix, stories=StoryConfig(floor_per_day=0.1))
    now = time.time()
    history = [conflict(n, now - (10 - n) * DAY) for n in range(10)]       # one a day
    burst = [conflict(100 + n, now - 3000 + 300 * n) for n in range(10)]    # ten in 50 minutes
    assert writer.write(history) == [1] * 10
    assert surges(redis_client, key_prefix) == []
    assert writer.write(burst) == [1] * 10
    raised = surges(redis_client, key_prefix)
    assert len(raised) == 1
    surge = raised[0]
    assert surge["pair"] == ["RUS", "UKR"] and surge["quad_class"] == 4
    assert surge["count"] >= 3 and surge["probability"] < 0.001
    assert surge["expected"] == pytest.approx(7 / (7 * 24))   # the last 7 days held 7 events
    assert surge["probability"] == pytest.approx(poisson_tail(surge["count"], surge["expected"]), rel=1e-9)
    assert set(surge["story_ids"]) == {a["id"] for a in burst[:surge["count"]]}


def test_a_steady_rate_raises_no_surge(redis_url, redis_client, key_prefix):
    writer = RedisAlertWriter(redis_url, key_prefix, stories=StoryConfig())
    now = time.time()
    daily = [conflict(n, now - (20 - n) * DAY) for n in range(20)]
    hourly = [conflict(1000 + n, now - 3 * DAY + 2000 * n) for n in range(130)]   # 1.8 an hour for 3 days
    assert writer.write(daily) == [1] * 20
    assert surges(redis_client, key_prefix) == []
    key_prefix2 = key_prefix + "-b"
    writer2 = RedisAlertWriter(redis_url, key_prefix2, stories=StoryConfig())
    try:
        assert writer2.write(hourly) == [1] * len(hourly)
        assert surges(redis_client, key_prefix2) == []
    finally:
        for key in redis_client.scan_iter(f"{key_prefix2}:*"):
            redis_client.delete(key)


def test_a_surge_can_rise_again_once_it_has_calmed_down(redis_url, redis_client, key_prefix):
    writer = RedisAlertWriter(redis_url, key_prefix, stories=StoryConfig())
    now = time.time()
    first = [conflict(n, now - 5 * DAY + 60 * n) for n in range(5)]
    calm = [conflict(50, now - 4 * DAY)]
    second = [conflict(200 + n, now - 60 * (5 - n)) for n in range(8)]
    writer.write(first + calm + second)
    assert len(surges(redis_client, key_prefix)) == 2


def test_a_longer_calm_down_keeps_a_second_burst_quiet(redis_url, redis_client, key_prefix):
    """Two bursts 10 hours apart with a quiet event between: the default calm-down (an hour) lets the
    second burst raise its own surge; --surge-calm of 12 hours keeps the first one raised through it."""
    now = time.time()
    first = [conflict(n, now - 10 * 3600 + 60 * n) for n in range(5)]
    calm = [conflict(50, now - 8 * 3600)]
    second = [conflict(200 + n, now - 60 * (5 - n)) for n in range(8)]
    raised = {}
    for name, config in (("default", StoryConfig()), ("12h", StoryConfig(surge_calm=12 * 3600))):
        prefix = f"{key_prefix}-{name}"
        try:
            RedisAlertWriter(redis_url, prefix, stories=config).write(first + calm + second)
            raised[name] = [set(s["story_ids"]) for s in surges(redis_client, prefix)]
        finally:
            for key in redis_client.scan_iter(f"{prefix}:*"):
                redis_client.delete(key)
    assert raised["default"] == [{a["id"] for a in first[:3]}, {a["id"] for a in second[:3]}]
    assert raised["12h"] == [{a["id"] for a in first[:3]}]


def test_the_baseline_covers_the_days_asked_for(redis_url, redis_client, key_prefix):
    """Events 3 days back (a surge of their own then) count for a 7-day baseline, not for a 2-day one
    (whose mean is then the floor)."""
    now = time.time()
    old = [conflict(n, now - 3 * DAY + 60 * n) for n in range(24)]
    burst = [conflict(500 + n, now - 60 * (5 - n)) for n in range(5)]
    expected = {}
    for days in (7, 2):
        prefix = f"{key_prefix}-{days}"
        writer = RedisAlertWriter(redis_url, prefix, stories=StoryConfig(baseline_days=days, floor_per_day=0.1))
        try:
            writer.write(old + burst)
            expected[days] = [s["expected"] for s in surges(redis_client, prefix)]
        finally:
            for key in redis_client.scan_iter(f"{prefix}:*"):
                redis_client.delete(key)
    assert expected[7] == [pytest.approx(0.1 / 24), pytest.approx(24 / (7 * 24))]
    assert expected[2] == [pytest.approx(0.1 / 24), pytest.approx(0.1 / 24)]


# -- what subscribers and metrics see ----------------------------------------------------------------

def test_catch_up_reads_only_the_kinds_asked_for(redis_url, redis_client, key_prefix):
    from connectors.subscriber import AlertFilter, format_record, read_since

    writer = RedisAlertWriter(redis_url, key_prefix, stories=StoryConfig())
    now = time.time()
    writer.write([report(0, title, sentence, feed=f"feed-{i}", at=now - 600 + i) for i, (title, sentence) in
                  enumerate(PACT[:2])])
    alerts_only = [record for _, record in read_since(redis_client, key_prefix, "0")]
    assert [r.get("kind", "alert") for r in alerts_only] == ["alert"]   # an old reader's view: alerts only
    both = [record for _, record in read_since(redis_client, key_prefix, "0", kinds=("alert", "story"))]
    assert [r.get("kind", "alert") for r in both] == ["alert", "story"]
    assert AlertFilter(pair=("FRA", "DEU")).matches(both[1])
    assert not AlertFilter(pair=("FRA", "RUS")).matches(both[1])
    assert not AlertFilter(event="ASSAULT").matches(both[1])
    surge = {"kind": "surge", "pair": ["DEU", "FRA"], "quad_class": 1}
    assert AlertFilter(country="FRA", event="AGREE").matches(surge) and not AlertFilter(country="RUS").matches(surge)
    assert format_record(both[1]).startswith(f"STORY {both[0]['id']} AGREE DEU-FRA (sym) now 2 sources")


def test_metrics_count_stories_updates_and_surges(redis_url, key_prefix):
    from prometheus_client import REGISTRY

    def value(name, labels=None):
        return REGISTRY.get_sample_value(name, labels or {}) or 0.0

    before = (value("dyadwatch_stories_opened_total"), value("dyadwatch_story_updates_total"),
              value("dyadwatch_surges_raised_total", {"quad_class": "4"}), value("dyadwatch_story_sources_count"))
    writer = RedisAlertWriter(redis_url, key_prefix, stories=StoryConfig())
    now = time.time()
    writer.write([report(0, title, sentence, feed=f"feed-{i}", at=now - 600 + i) for i, (title, sentence) in
                  enumerate(PACT[:3])])
    writer.write([conflict(10 + n, now - 60 * (5 - n)) for n in range(4)])
    after = (value("dyadwatch_stories_opened_total"), value("dyadwatch_story_updates_total"),
             value("dyadwatch_surges_raised_total", {"quad_class": "4"}), value("dyadwatch_story_sources_count"))
    assert [b - a for a, b in zip(before, after)] == [5, 2, 1, 2]
    assert value("dyadwatch_stories_open") >= 5
