"""The streaming job end to end: local feed server → `dyadwatch run` → Redis pub/sub.

An item is added to the feed while the pipeline runs; its alert must arrive on
the pair channel within seconds. Then the job is stopped with Ctrl-C, started
again over the same feeds, and must alert nothing new.
"""
import json
import time
from pathlib import Path

from connectors.redis_sink import stream_key
from tests.feed_server import FeedServer, rss
from tests.pipeline_process import PipelineProcess, write_feeds_yaml

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_edd85cf211fc05cd.txt"
FILLER = {"title": "Chipmaker shares rise after results", "link": "http://news.test/chip",
          "description": "Shares in the chipmaker rose after it beat forecasts.", "pubDate": 1_700_000_000}


def seed_item() -> dict:
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    return {"title": title.strip(), "link": "http://news.test/canada-russia", "guid": "seed-1",
            "description": "Dion meets Lavrov", "content": body.strip(), "pubDate": 1_700_000_100}


def wait_message(pubsub, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = pubsub.get_message(timeout=0.2)
        if message:
            return message
    return None


def test_item_added_while_running_alerts_within_seconds_and_restart_adds_nothing(
        redis_url, redis_client, key_prefix, tmp_path):
    with FeedServer() as server:
        server.set("/world.xml", rss([FILLER]))
        feeds = write_feeds_yaml(tmp_path / "feeds.yaml",
                                 [{"name": "world", "url": server.url("/world.xml"), "interval": 1}])
        pubsub = redis_client.pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe(f"{key_prefix}:alerts:pair:CAN:RUS")

        job = PipelineProcess(feeds, redis_url, key_prefix, tmp_path / "spill.jsonl").start()
        try:
            job.wait_for_metric('dyadwatch_feed_polls_total{feed="world"', 2, timeout=90)
            assert job.metric_sum("dyadwatch_articles_ingested_total") == 1

            server.set("/world.xml", rss([seed_item(), FILLER]))
            added = time.monotonic()
            message = wait_message(pubsub, timeout=15)
            assert message is not None, f"no alert within 15 s\n{job.output()}"
            latency = time.monotonic() - added
            alert = json.loads(message["data"])
            assert alert["event"] == "CONSULT"
            assert {a["code"] for a in alert["source"] + alert["target"]} == {"CAN", "RUS"}
            print(f"alert {latency:.2f} s after the item was added")

            # The live endpoint shows the counters moving.
            polls = job.metric_sum("dyadwatch_feed_polls_total")
            job.wait_for_metric("dyadwatch_feed_polls_total", polls + 2, timeout=15)
            # The second fetch carries the filler again: ingested, then dropped as a duplicate.
            assert job.metric_sum("dyadwatch_articles_ingested_total") == 3
            assert job.metric_sum("dyadwatch_articles_duplicate_total") == 1
            assert job.metric_sum("dyadwatch_articles_coded_total") == 2
            assert job.metric_sum("dyadwatch_alerts_published_total") >= 1
            assert job.metric_sum("dyadwatch_alert_latency_seconds_count") >= 1
            assert job.metric_sum('dyadwatch_events_total{event="CONSULT"}') == 1
        finally:
            status = job.stop()
        assert status == 0, job.output()
        assert "stopping" in job.output()
        published = redis_client.xlen(stream_key(key_prefix))
        assert published >= 1
        while wait_message(pubsub, timeout=0.3):   # other CAN-RUS alerts of the same article
            pass

        # Restart over the same feeds: the articles are known, nothing is re-alerted.
        again = PipelineProcess(feeds, redis_url, key_prefix, tmp_path / "spill.jsonl").start()
        try:
            again.wait_for_metric("dyadwatch_feed_polls_total", 3, timeout=90)
            assert again.metric_sum("dyadwatch_alerts_published_total") == 0
        finally:
            assert again.stop() == 0, again.output()
        assert redis_client.xlen(stream_key(key_prefix)) == published
        assert wait_message(pubsub, timeout=0.5) is None
        pubsub.close()
