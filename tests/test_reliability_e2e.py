"""Nothing lost, nothing duplicated: the streaming job through a Redis outage.

The test starts its own Redis (with an append-only file, as a production Redis
would keep its data), feeds the job a few hundred alert-worthy articles over
about ten seconds, kills Redis with SIGKILL in the middle and restarts it some
seconds later. The stream must end with exactly the alerts the coder gives for
those articles, each once.
"""
import itertools
import json
import threading
import time

from connectors.embedded_redis import EmbeddedRedis
from connectors.feed_config import FeedConfig
from connectors.feed_parse import parse_feed
from connectors.redis_sink import stream_key
from tests.feed_server import FeedServer, rss
from tests.pipeline_process import PipelineProcess, write_feeds_yaml
from transforms.alerts import DEFAULT_MIN_CONFIDENCE, alert_id, is_alertable
from transforms.coder import EventCoder
from transforms.entries import entry_to_article

COUNTRIES = ["France", "Germany", "Japan", "Brazil", "India", "Canada", "Mexico", "Egypt", "Kenya", "Chile",
             "Peru", "Norway", "Sweden", "Poland", "Spain", "Italy", "Turkey", "Vietnam", "Indonesia",
             "Argentina", "Nigeria", "Ghana", "Austria", "Portugal", "Greece"]
ARTICLES = 240
BATCH_PER_SECOND = 24
OUTAGE_AT, OUTAGE_SECONDS = 3.5, 5.0


def articles() -> list[dict]:
    pairs = list(itertools.combinations(COUNTRIES, 2))[:ARTICLES]
    return [{"title": f"{a} and {b} sign a trade agreement (report {i})", "link": f"http://news.test/pact/{i}",
             "guid": f"pact-{i}", "pubDate": 1_700_000_000 + i,
             "description": f"{a} and {b} signed a trade agreement on Monday, officials said."}
            for i, (a, b) in enumerate(pairs)]


def expected_alert_ids(items: list[dict]) -> set[str]:
    """What the pipeline must publish: the coder's alertable events for each article."""
    coder = EventCoder()
    entries, _ = parse_feed(rss(items), None, FeedConfig(name="pacts", url="http://news.test/feed"))
    ids = set()
    for entry in entries:
        article = entry_to_article(entry, 0.0)
        for event in coder.code(article.text, title=article.title):
            if is_alertable(event, DEFAULT_MIN_CONFIDENCE):
                ids.add(alert_id(article.id, event))
    return ids


def test_redis_killed_and_restarted_mid_stream_loses_and_duplicates_nothing(tmp_path):
    items = articles()
    expected = expected_alert_ids(items)
    assert len(expected) >= 200, "the test needs at least 200 alerts"

    redis_server = EmbeddedRedis(appendonly=True).start()
    with FeedServer() as feeds_server:
        feeds_server.set("/pacts.xml", rss(items[:BATCH_PER_SECOND]))
        feeds = write_feeds_yaml(tmp_path / "feeds.yaml",
                                 [{"name": "pacts", "url": feeds_server.url("/pacts.xml"), "interval": 0.5}])
        job = PipelineProcess(feeds, redis_server.url, "chaos", tmp_path / "spill.jsonl").start()
        outage = {}
        try:
            job.wait_for_metric("dyadwatch_alerts_published_total", 1, timeout=90)
            started = time.monotonic()

            def chaos():
                time.sleep(OUTAGE_AT)
                redis_server.kill()
                outage["down"] = time.monotonic()
                time.sleep(OUTAGE_SECONDS)
                redis_server.start()
                outage["up"] = time.monotonic()

            killer = threading.Thread(target=chaos)
            killer.start()
            for shown in range(2 * BATCH_PER_SECOND, ARTICLES + 1, BATCH_PER_SECOND):
                time.sleep(1.0)
                feeds_server.set("/pacts.xml", rss(items[:shown]))
            killer.join()

            client = redis_server_client(redis_server)
            deadline = time.monotonic() + 120
            while client.xlen(stream_key("chaos")) < len(expected) and time.monotonic() < deadline:
                time.sleep(0.5)
            time.sleep(3)   # anything still to come would be a duplicate
            ids = [json.loads(fields["alert"])["id"] for _, fields in client.xrange(stream_key("chaos"))]
            errors = job.metric_sum("dyadwatch_publish_errors_total")
        finally:
            status = job.stop()
            redis_server.stop()
    lost = expected - set(ids)
    duplicated = len(ids) - len(set(ids))
    print(f"N={len(expected)} alerts; Redis down {outage['up'] - outage['down']:.1f} s "
          f"from t={outage['down'] - started:.1f} s; stream holds {len(ids)}; lost {len(lost)}; "
          f"duplicated {duplicated}; publish errors seen {errors:.0f}")
    assert errors > 0, "the outage never hit delivery: the test proved nothing"
    assert not lost, f"{len(lost)} alerts lost"
    assert duplicated == 0
    assert set(ids) == expected
    assert status == 0, job.output()


def redis_server_client(server):
    import redis

    return redis.Redis.from_url(server.url, decode_responses=True)


def test_redis_down_at_start_alerts_wait_then_arrive(tmp_path):
    items = articles()[:30]
    expected = expected_alert_ids(items)
    redis_server = EmbeddedRedis(appendonly=True)   # its port is chosen, the server not started yet
    with FeedServer() as feeds_server:
        feeds_server.set("/pacts.xml", rss(items))
        feeds = write_feeds_yaml(tmp_path / "feeds.yaml",
                                 [{"name": "pacts", "url": feeds_server.url("/pacts.xml"), "interval": 0.5}])
        job = PipelineProcess(feeds, redis_server.url, "late", tmp_path / "spill.jsonl").start()
        try:
            job.wait_for_metric("dyadwatch_alerts_pending", len(expected), timeout=90)
            samples = job.metrics()
            assert samples["dyadwatch_redis_up"] == 0
            assert samples["dyadwatch_alerts_published_total"] == 0
            redis_server.start()
            job.wait_for_metric("dyadwatch_alerts_published_total", len(expected), timeout=90)
            assert job.metrics()["dyadwatch_alerts_pending"] == 0
            client = redis_server_client(redis_server)
            ids = [json.loads(fields["alert"])["id"] for _, fields in client.xrange(stream_key("late"))]
        finally:
            status = job.stop()
            redis_server.stop()
    assert sorted(ids) == sorted(expected)
    assert status == 0, job.output()
