"""PollFeeds in a real Beam pipeline against a local feed server: each feed on its own interval."""
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline

from connectors.feed_config import FeedConfig
from connectors.feed_source import PollFeeds, tick_seconds
from connectors.http_fetch import FetchLimits
from tests.feed_server import FeedServer, rss

# allow_private: the server listens on 127.0.0.1.
LIMITS = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=2.0, allow_private=True)


def test_each_feed_is_polled_on_its_own_interval(redis_url, key_prefix):
    with FeedServer() as server:
        server.set("/often.xml", rss([{"title": "often", "link": "http://news.test/often"}]))
        server.set("/rarely.xml", rss([{"title": "rarely", "link": "http://news.test/rarely"}]))
        feeds = [FeedConfig("Often", server.url("/often.xml"), interval=0.5),
                 FeedConfig("Rarely", server.url("/rarely.xml"), interval=3600)]
        assert tick_seconds(feeds) == 0.5
        with TestPipeline(runner="FnApiRunner", options=PipelineOptions([])) as p:
            _ = p | PollFeeds(feeds, redis_url, key_prefix, limits=LIMITS, duration=4.0)
        often, rarely = server.hits("/often.xml"), server.hits("/rarely.xml")
    # Ticks every 0.5 s for 4 s: the half-second feed is polled again and again, the hourly one once.
    assert rarely == 1, f"the hourly feed was polled {rarely} times in 4 s"
    assert often >= 3, f"the half-second feed was polled only {often} times in 4 s"
