"""Each Beam stage on its own, with TestPipeline and assert_that (in-process runner)."""
import apache_beam as beam
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from connectors.redis_sink import PublishAlerts, stream_key
from transforms.alerts import BuildAlerts
from transforms.article import Article
from transforms.code_events import CodeEvents
from transforms.dedupe import DeduplicateArticles, dedupe_keys
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


def test_deduplicate_drops_repeats_within_a_run_and_only_checks(redis_url, redis_client, key_prefix):
    first = [article(1, "x"), article(1, "x"), article(2, "y"),
             article(3, "z", title="Headline number 2 about nothing much")]   # same headline as a2
    p = local_pipeline()
    ids = p | beam.Create(first) | DeduplicateArticles(redis_url, key_prefix) | beam.Map(lambda a: a.id)
    assert_that(ids, equal_to(["a1", "a2"]))
    result = p.run()
    result.wait_until_finish()
    (dropped,) = result.metrics().query(MetricsFilter().with_name("articles_duplicate"))["counters"]
    assert (dropped.key.metric.namespace, dropped.committed) == ("dyadwatch", 2)
    assert redis_client.keys(f"{key_prefix}:seen:*") == []   # checking marks nothing
    # Marked seen (as the sink does once an article's alerts are in Redis): dropped by the next run.
    redis_client.set(dedupe_keys(article(1, "x"), key_prefix)[0], 1)
    with local_pipeline() as p:
        ids = (p | beam.Create([article(1, "x"), article(4, "w")])
               | DeduplicateArticles(redis_url, key_prefix) | beam.Map(lambda a: a.id))
        assert_that(ids, equal_to(["a4"]))


def test_articles_are_marked_seen_by_the_sink_and_not_before(redis_url, redis_client, key_prefix, tmp_path):
    news = article(1, "Japan and South Korea agreed on Monday to resume regular security talks.")
    sport = article(2, "Brazil beat Argentina 3-1 in a World Cup qualifier on Monday night.")
    with local_pipeline() as p:
        (p | beam.Create([news, sport]) | DeduplicateArticles(redis_url, key_prefix) | CodeEvents()
         | BuildAlerts(prefix=key_prefix) | PublishAlerts(redis_url, key_prefix, str(tmp_path / "spill.jsonl")))
    assert redis_client.xlen(stream_key(key_prefix)) == 1
    # Both are seen now, the one with no alert too: a second run drops them before the coder.
    for item in (news, sport):
        assert all(redis_client.exists(k) for k in dedupe_keys(item, key_prefix))
        assert 0 < redis_client.ttl(dedupe_keys(item, key_prefix)[0]) <= 14 * 86400
    with local_pipeline() as p:
        ids = p | beam.Create([news, sport]) | DeduplicateArticles(redis_url, key_prefix) | beam.Map(lambda a: a.id)
        assert_that(ids, equal_to([]))


def test_code_and_build_alerts_keep_news_and_drop_sport():
    news = article(1, "Japan and South Korea agreed on Monday to resume regular security talks.")
    sport = article(2, "Brazil beat Argentina 3-1 in a World Cup qualifier on Monday night.")
    with local_pipeline() as p:
        per_article = p | beam.Create([news, sport]) | CodeEvents() | BuildAlerts()
        summary = per_article | beam.Map(lambda keyed: (
            keyed[0][0].rsplit(":", 1)[1],
            [(a["article_id"], a["event"], tuple(sorted(x["code"] for x in a["source"] + a["target"])))
             for a in keyed[1]]))
        # One element per article, its alerts possibly none, keyed by its seen keys (hashed ids).
        assert_that(summary, equal_to([(dedupe_keys(news, "dyadwatch")[0].rsplit(":", 1)[1],
                                        [("a1", "AGREE", ("JPN", "KOR"))]),
                                       (dedupe_keys(sport, "dyadwatch")[0].rsplit(":", 1)[1], [])]))


def test_publish_alerts_writes_each_alert_once_then_marks_seen(redis_url, redis_client, key_prefix, tmp_path):
    def alert(n):
        return {"id": f"t{n}", "event": "SANCTION", "source": [{"code": "USA"}], "target": [{"code": "IRN"}],
                "fetched_at": None}
    per_article = [([f"{key_prefix}:seen:id:a"], [alert(1), alert(2)]), ([f"{key_prefix}:seen:id:b"], [alert(2)]),
                   ([f"{key_prefix}:seen:id:c"], [])]
    p = local_pipeline()
    out = (p | beam.Create(per_article)
           | PublishAlerts(redis_url, key_prefix, str(tmp_path / "spill.jsonl"), seen_ttl=60)
           | beam.Map(lambda a: a["id"]))
    assert_that(out, equal_to(["t1", "t2", "t2"]))
    result = p.run()
    result.wait_until_finish()
    assert redis_client.xlen(stream_key(key_prefix)) == 2
    # Beam's own counters too (what a distributed runner reports): one alert came twice.
    counters = {c.key.metric.name: c.committed
                for c in result.metrics().query(MetricsFilter().with_namespace("dyadwatch"))["counters"]}
    assert (counters["alerts_new"], counters["alerts_redundant"], counters["alerts_queued"]) == (2, 1, 0)
    assert all(0 < redis_client.ttl(f"{key_prefix}:seen:id:{x}") <= 60 for x in "abc")


def test_code_stage_codes_a_batch_together_and_survives_an_odd_article(monkeypatch):
    # A bundle's articles are coded in one batch; when the coder fails on one of them, the
    # others keep their events and the odd one goes on with none (counted), never stopping the stream.
    from transforms.article import Article
    from transforms.code_events import _CodeArticle

    stage = _CodeArticle()
    stage.setup()
    good = [Article(id=f"g{n}", title="", text="France and Germany signed a trade agreement on Monday.")
            for n in range(2)]
    odd = Article(id="odd", title="", text="Japan and India signed a trade agreement on Monday.")
    real_code_many = stage.coder.code_many

    def code_many(items):
        if any(text.startswith("Japan") for text, *_ in items):
            raise RuntimeError("a coder bug")
        return real_code_many(items)

    batch = [good[0], odd, good[1]]
    assert all(events for _, events in stage.process([good[0], good[1]]))
    monkeypatch.setattr(stage.coder, "code_many", code_many)   # EventCoder.code goes through it too
    out = list(stage.process(batch))
    assert [article.id for article, _ in out] == ["g0", "odd", "g1"]
    assert out[1][1] == [] and out[0][1] and out[2][1]
