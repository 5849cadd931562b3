"""The de-duplication check on its own: against a real Redis, and with Redis gone."""
import hashlib
import logging

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline
from prometheus_client import REGISTRY

from tests.test_feed_poller import dead_redis_client
from transforms.article import Article
from transforms.dedupe import MIN_TITLE_CHARS, DeduplicateArticles, SeenArticles, dedupe_keys
from transforms.metrics import REDIS_UP, beam_counter
from transforms.recent_keys import RecentKeys


def article(n: int, title: str | None = None) -> Article:
    return Article(id=f"a{n}", title=title or f"Headline number {n} about nothing much", text="t")


def test_recent_keys_forget_the_oldest_past_their_size():
    keys = RecentKeys(3)
    assert [keys.add(k) for k in "abca"] == [True, True, True, False]
    assert keys.add("d") and len(keys) == 3          # "a" (the oldest) is forgotten
    assert keys.add("a") is True and len(keys) == 3  # ... so it is new again, and "b" goes
    assert keys.add("c") is False and keys.add("b") is True
    for n in range(1000):
        keys.add(f"k{n}")
    assert len(keys) == 3


def test_seen_articles_checks_redis_and_remembers_the_run(redis_client, key_prefix):
    seen = SeenArticles(redis_client, key_prefix)
    redis_client.set(dedupe_keys(article(1), key_prefix)[0], 1)   # seen by an earlier run
    assert seen.filter_new([article(1), article(2)]) == [article(2)]
    assert seen.filter_new([article(2), article(3)]) == [article(3)]  # a repeat within the run
    # Same headline, other id: the headline key catches it; a short headline is not matched on.
    assert seen.filter_new([article(4, title="Headline number 3 about nothing much")]) == []
    assert seen.filter_new([article(5, title="Short"), article(6, title="Short")]) == [
        article(5, title="Short"), article(6, title="Short")]
    assert redis_client.keys(f"{key_prefix}:seen:*") == [dedupe_keys(article(1), key_prefix)[0]]


def test_while_redis_is_down_a_repeat_within_the_run_is_dropped():
    seen = SeenArticles(dead_redis_client(decode=False), "down")
    assert seen.filter_new([article(1), article(2)]) == [article(1), article(2)]   # fails open
    assert seen.filter_new([article(1), article(3)]) == [article(3)]
    assert seen.filter_new([article(9, title="Headline number 2 about nothing much")]) == []


def test_the_memory_is_bounded_while_redis_is_down():
    seen = SeenArticles(dead_redis_client(decode=False), "down", memory=4)   # two keys per article
    assert seen.filter_new([article(1), article(2), article(3)]) == [article(1), article(2), article(3)]
    assert len(seen._memory) == 4
    assert seen.filter_new([article(1)]) == [article(1)]    # forgotten: the oldest keys went first
    assert seen.filter_new([article(1)]) == []


# -- found by mutmut (transforms/dedupe.py) -------------------------------------------------------

def test_headlines_differing_only_in_case_and_punctuation_are_one_headline(redis_client, key_prefix):
    seen = SeenArticles(redis_client, key_prefix)
    first = Article(id="x1", title="Canada and Russia sign an Arctic accord!", text="t")
    repost = Article(id="x2", title="CANADA and Russia sign an Arctic accord", text="t")
    assert dedupe_keys(first, key_prefix)[1] == dedupe_keys(repost, key_prefix)[1]
    assert seen.filter_new([first, repost]) == [first]


def test_a_headline_of_exactly_the_minimum_length_is_matched_on():
    title = "x" * MIN_TITLE_CHARS
    assert len(dedupe_keys(Article(id="a", title=title, text="t"), "p")) == 2
    assert len(dedupe_keys(Article(id="a", title=title[:-1], text="t"), "p")) == 1


def test_redis_up_follows_each_check_and_an_outage_is_logged_with_its_cause(redis_client, key_prefix, caplog):
    up = lambda: REGISTRY.get_sample_value("dyadwatch_redis_up")  # noqa: E731
    REDIS_UP.set(0)
    SeenArticles(redis_client, key_prefix).filter_new([article(1)])
    assert up() == 1
    with caplog.at_level(logging.WARNING, logger="transforms.dedupe"):
        SeenArticles(dead_redis_client(decode=False), "down").filter_new([article(2)])
    assert up() == 0
    message = caplog.records[-1].getMessage()
    assert message.startswith("dedupe: Redis unavailable (") and "using process memory" in message
    assert "Connection" in message   # the client's own error, e.g. "Error 111 connecting ... Connection refused"


def test_seen_keys_are_the_documented_sha1_prefixes():
    # the README's Redis contract: the first 16 hex digits of SHA-1 of the id and of the headline
    # (lower case, runs of non-word characters as one space): other lengths would forget every
    # article a running deployment has already seen
    keys = dedupe_keys(Article(id="feed-42", title="Canada, Russia: talks in Laos", text="t"), "dw")
    assert keys == ["dw:seen:id:" + hashlib.sha1(b"feed-42").hexdigest()[:16],
                    "dw:seen:title:" + hashlib.sha1(b"canada russia talks in laos").hexdigest()[:16]]


def test_the_stage_counts_duplicates_and_times_each_article(redis_url, redis_client, key_prefix):
    for seen in (1, 2):   # seen by an earlier run
        redis_client.set(dedupe_keys(article(seen), key_prefix)[0], 1)
    before_count = REGISTRY.get_sample_value("dyadwatch_stage_seconds_count", {"stage": "dedupe"}) or 0.0
    before_sum = REGISTRY.get_sample_value("dyadwatch_stage_seconds_sum", {"stage": "dedupe"}) or 0.0
    pipeline = TestPipeline(runner="FnApiRunner", options=PipelineOptions([]))
    _ = (pipeline | beam.Create([article(1), article(2), article(3)])
         | DeduplicateArticles(redis_url, key_prefix))
    result = pipeline.run()
    result.wait_until_finish()
    assert beam_counter(result, "articles_duplicate") == 2
    counted = REGISTRY.get_sample_value("dyadwatch_stage_seconds_count", {"stage": "dedupe"}) - before_count
    spent = REGISTRY.get_sample_value("dyadwatch_stage_seconds_sum", {"stage": "dedupe"}) - before_sum
    assert counted == 3 and 0 < spent < 30   # one observation per article, each its share of the batch
