"""Each Beam stage on its own, with TestPipeline and assert_that (in-process runner)."""
import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from connectors.redis_sink import PublishAlerts, stream_key
from transforms.alerts import BuildAlerts
from transforms.article import Article
from transforms.code_events import CodeEvents
from transforms.dedupe import DeduplicateArticles
from transforms.normalise import NormaliseArticles


def local_pipeline() -> TestPipeline:
    # Named runner: Beam's DirectRunner would first try to download Prism from the internet.
    return TestPipeline(runner="FnApiRunner", options=PipelineOptions([]))


def article(n: int, text: str, title: str | None = None) -> Article:
    return Article(id=f"a{n}", title=title or f"Headline number {n} about nothing much", text=text)


def test_normalise_drops_empty_and_invalid_entries():
    entries = [{"title": "Talks &amp; more", "summary": "<p>Body</p>", "link": "http://x.test/1"},
               {"title": "", "summary": ""}, "not a dict"]
    with local_pipeline() as p:
        titles = p | beam.Create(entries) | NormaliseArticles() | beam.Map(lambda a: (a.title, a.text))
        assert_that(titles, equal_to([("Talks & more", "Body")]))


def test_deduplicate_drops_repeats_within_a_run_and_across_runs(redis_url, key_prefix):
    first = [article(1, "x"), article(1, "x"), article(2, "y"),
             article(3, "z", title="Headline number 2 about nothing much")]   # same headline as a2
    with local_pipeline() as p:
        ids = p | beam.Create(first) | DeduplicateArticles(redis_url, key_prefix) | beam.Map(lambda a: a.id)
        assert_that(ids, equal_to(["a1", "a2"]))
    with local_pipeline() as p:
        ids = (p | beam.Create([article(1, "x"), article(4, "w")])
               | DeduplicateArticles(redis_url, key_prefix) | beam.Map(lambda a: a.id))
        assert_that(ids, equal_to(["a4"]))


def test_code_and_build_alerts_keep_news_and_drop_sport():
    news = article(1, "Japan and South Korea agreed on Monday to resume regular security talks.")
    sport = article(2, "Brazil beat Argentina 3-1 in a World Cup qualifier on Monday night.")
    with local_pipeline() as p:
        alerts = p | beam.Create([news, sport]) | CodeEvents() | BuildAlerts()
        summary = alerts | beam.Map(lambda a: (a["article_id"], a["event"],
                                               tuple(sorted(x["code"] for x in a["source"] + a["target"]))))
        assert_that(summary, equal_to([("a1", "AGREE", ("JPN", "KOR"))]))


def test_publish_alerts_writes_each_alert_once(redis_url, redis_client, key_prefix, tmp_path):
    alerts = [{"id": f"t{n}", "event": "SANCTION", "source": [{"code": "USA"}], "target": [{"code": "IRN"}],
               "fetched_at": None} for n in (1, 2, 2)]
    with local_pipeline() as p:
        out = (p | beam.Create(alerts)
               | PublishAlerts(redis_url, key_prefix, str(tmp_path / "spill.jsonl"))
               | beam.Map(lambda a: a["id"]))
        assert_that(out, equal_to(["t1", "t2", "t2"]))
    assert redis_client.xlen(stream_key(key_prefix)) == 2
