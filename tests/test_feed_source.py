"""PollFeeds in a real Beam pipeline against a local feed server: each feed on its own interval."""
import sys

from apache_beam.metrics.metric import MetricsFilter
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline

from connectors.feed_config import FeedConfig
from connectors.feed_source import PollFeeds, poll_phase, tick_seconds
from connectors.feed_state import FeedStateStore
from connectors.http_fetch import FetchLimits
from tests.feed_server import FeedServer, rss

# allow_private: the server listens on 127.0.0.1.
LIMITS = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=2.0, allow_private=True)


def test_each_feed_is_polled_on_its_own_interval(redis_url, redis_client, key_prefix):
    with FeedServer() as server:
        server.set("/often.xml", rss([{"title": "often", "link": "http://news.test/often"}]))
        server.set("/rarely.xml", rss([{"title": "rarely", "link": "http://news.test/rarely"}]))
        feeds = [FeedConfig("Often", server.url("/often.xml"), interval=0.5),
                 FeedConfig("Rarely", server.url("/rarely.xml"), interval=3600)]
        assert tick_seconds(feeds) == 0.2
        p = TestPipeline(runner="FnApiRunner", options=PipelineOptions([]))
        _ = p | PollFeeds(feeds, redis_url, key_prefix, limits=LIMITS, duration=4.0)
        result = p.run()
        result.wait_until_finish()
        often, rarely = server.hits("/often.xml"), server.hits("/rarely.xml")
    # The pipeline's own counters, and each feed's state in Redis under the job's prefix.
    # Beam's FnApiRunner nests one generator per bundle when it merges metrics (monitoring_infos.consolidate
    # over itertools.chain): the ~1000 bundles of these 4 s can pass Python's default recursion limit.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 5000))
    try:
        counters = {c.key.metric.name: c.committed
                    for c in result.metrics().query(MetricsFilter().with_namespace("dyadwatch"))["counters"]}
    finally:
        sys.setrecursionlimit(limit)
    assert counters["feed_polls"] >= 2 and counters["feed_entries"] >= 2
    assert all(redis_client.exists(FeedStateStore(None, key_prefix).key(f.url)) for f in feeds)
    # Ticks every 0.2 s for 4 s: the half-second feed is polled again and again, the hourly one once.
    assert rarely == 1, f"the hourly feed was polled {rarely} times in 4 s"
    assert often >= 3, f"the half-second feed was polled only {often} times in 4 s"


# --- the polling stage on its own (found by mutmut) ------------------------------------

import time  # noqa: E402

import pytest  # noqa: E402
from apache_beam.transforms.window import GlobalWindow  # noqa: E402
from prometheus_client import REGISTRY  # noqa: E402

from connectors.feed_source import _PollDueFeeds, request_stop, reset_stop, stop_requested  # noqa: E402


def sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
def stage(redis_url, key_prefix):
    poll = _PollDueFeeds(redis_url, key_prefix, LIMITS, max_parallel=2)
    poll.setup()
    yield poll
    poll.teardown()
    reset_stop()


def drain(stage) -> list:
    """finish_bundle once a stop is requested: it waits for the polls in flight."""
    request_stop()
    try:
        return list(stage.finish_bundle())
    finally:
        reset_stop()


def test_a_due_feed_is_polled_once_per_interval_and_its_entries_handed_on(stage, redis_client, key_prefix):
    with FeedServer() as server:
        server.set("/a.xml", rss([{"title": f"t{i}", "link": f"http://news.test/{i}"} for i in range(3)]))
        feed = FeedConfig("StageA", server.url("/a.xml"), interval=3600)
        polls = sample("dyadwatch_feed_polls_total", feed="StageA", outcome="ok")
        entries = sample("dyadwatch_feed_entries_total", feed="StageA")
        timed = sample("dyadwatch_stage_seconds_count", stage="poll")
        before = time.time()
        stage.process(feed)
        stage.process(feed)  # in flight: not started twice
        out = drain(stage)
        assert server.hits("/a.xml") == 1
        assert [v.value["title"] for v in out] == ["t0", "t1", "t2"]
        assert all(v.windows == [GlobalWindow()] and before <= v.value["fetched_at"] <= time.time() for v in out)
        assert sample("dyadwatch_feed_polls_total", feed="StageA", outcome="ok") == polls + 1
        assert sample("dyadwatch_feed_entries_total", feed="StageA") == entries + 3
        # The poll's state went to Redis under the job's prefix (a restart finds its back-off).
        assert stage.poller.store.get(feed.url).last_outcome == "ok"
        assert redis_client.hget(FeedStateStore(None, key_prefix).key(feed.url), "last_outcome") == "ok"
        assert sample("dyadwatch_stage_seconds_count", stage="poll") == timed + 1
        assert sample("dyadwatch_feed_last_success_timestamp_seconds", feed="StageA") >= before
        # Finished, but its hour has not passed: not polled again, nothing handed on twice.
        stage.process(feed)
        assert drain(stage) == [] and server.hits("/a.xml") == 1


def test_a_not_modified_poll_is_a_success_and_a_failed_one_is_not(stage):
    with FeedServer() as server:
        server.set("/b.xml", rss([{"title": "t", "link": "http://news.test/b"}]))
        server.set("/gone.xml", b"nope", status=404)
        feed = FeedConfig("StageB", server.url("/b.xml"), interval=0.01)
        gone = FeedConfig("StageGone", server.url("/gone.xml"), interval=3600)
        not_modified = sample("dyadwatch_feed_polls_total", feed="StageB", outcome="not_modified")
        errors = sample("dyadwatch_feed_polls_total", feed="StageGone", outcome="http_error")
        stage.process(feed)
        stage.process(gone)
        assert len(drain(stage)) == 1
        first = sample("dyadwatch_feed_last_success_timestamp_seconds", feed="StageB")
        time.sleep(0.02)  # past the feed's interval (not a timing assertion)
        stage.process(feed)
        assert drain(stage) == []
        assert sample("dyadwatch_feed_polls_total", feed="StageB", outcome="not_modified") == not_modified + 1
        assert sample("dyadwatch_feed_last_success_timestamp_seconds", feed="StageB") > first
        assert sample("dyadwatch_feed_polls_total", feed="StageGone", outcome="http_error") == errors + 1
        assert REGISTRY.get_sample_value("dyadwatch_feed_last_success_timestamp_seconds",
                                         {"feed": "StageGone"}) is None


def test_a_tick_that_comes_a_little_early_still_polls_a_feed_due_every_tick(redis_url, key_prefix):
    with FeedServer() as server:
        server.set("/t.xml", rss([{"title": "t", "link": "http://news.test/t"}]))
        feed = FeedConfig("StageTick", server.url("/t.xml"), interval=1.0)
        for tick, polls in ((1.0, 1), (0.0, 0)):
            stage = _PollDueFeeds(redis_url, key_prefix, LIMITS, max_parallel=2, tick=tick)
            stage.setup()
            try:
                stage.last_started[feed.url] = time.time() - 0.9  # the last poll, 0.9 s ago
                before = server.hits("/t.xml")
                stage.process(feed)
                drain(stage)
                assert server.hits("/t.xml") - before == polls
            finally:
                stage.teardown()


def test_the_tick_is_a_fifth_of_the_shortest_interval_between_a_fifth_of_a_second_and_a_second():
    def feeds(*intervals):
        return [FeedConfig(f"F{i}", f"http://f.test/{i}", interval=s) for i, s in enumerate(intervals)]
    assert tick_seconds(feeds(0.05, 3600)) == 0.2
    assert tick_seconds(feeds(0.3, 0.7)) == 0.2
    assert tick_seconds(feeds(2, 3600)) == 0.4
    assert tick_seconds(feeds(60, 3600)) == 1.0


def test_feeds_polled_together_at_the_start_are_spread_over_their_interval_after(redis_url, key_prefix):
    with FeedServer() as server:
        feeds = []
        for i in range(4):
            server.set(f"/s{i}.xml", rss([{"title": "t", "link": f"http://news.test/s{i}"}]))
            feeds.append(FeedConfig(f"StageSpread{i}", server.url(f"/s{i}.xml"), interval=60.0))
        stage = _PollDueFeeds(redis_url, key_prefix, LIMITS, max_parallel=2, tick=1.0)
        stage.setup()
        try:
            started = time.time()
            for feed in feeds:
                stage.process(feed)
            drain(stage)
            assert all(server.hits(f"/s{i}.xml") == 1 for i in range(4))  # all at the start
            next_polls = [stage.last_started[f.url] + f.interval - started for f in feeds]
            assert all(0 < due <= 60.5 for due in next_polls)
            assert max(next_polls) - min(next_polls) > 5  # not one burst a minute
            assert [poll_phase(f.url) for f in feeds] == [poll_phase(f.url) for f in feeds]
        finally:
            stage.teardown()


def test_polling_no_feeds_is_refused():
    with pytest.raises(ValueError, match="^no feeds to poll$"):
        PollFeeds([], "redis://127.0.0.1:6379/0", "dwtest-none")


def test_a_stop_request_is_seen_and_cleared():
    reset_stop()
    assert not stop_requested()
    request_stop()
    assert stop_requested()
    reset_stop()
    assert not stop_requested()


@pytest.mark.parametrize("reshuffle", [False, True])
def test_a_pipeline_without_an_end_returns_once_a_stop_is_requested(redis_url, key_prefix, reshuffle):
    with FeedServer() as server:
        server.set("/s.xml", rss([{"title": "s", "link": "http://news.test/s"}]))
        feeds = [FeedConfig("Stop", server.url("/s.xml"), interval=0.5)]
        request_stop()  # as Ctrl-C does; the ticks end at once, the pipeline drains and returns
        try:
            with TestPipeline(runner="FnApiRunner", options=PipelineOptions([])) as p:
                _ = p | PollFeeds(feeds, redis_url, key_prefix, limits=LIMITS, duration=None, reshuffle=reshuffle)
        finally:
            reset_stop()


def test_a_slow_poll_holds_up_no_bundle_and_is_handed_on_when_done(stage):
    with FeedServer() as server:
        server.set("/slow.xml", rss([{"title": "slow", "link": "http://news.test/slow"}]), delay=0.5)
        stage.process(FeedConfig("StageSlow", server.url("/slow.xml"), interval=3600))
        assert list(stage.finish_bundle()) == []  # the server has not answered yet: nothing to wait for
        assert [v.value["title"] for v in drain(stage)] == ["slow"]
