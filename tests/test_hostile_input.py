"""No single element stops the pipeline: bad text, bad values and bad lines are
rejected with their origin, counted and dead-lettered, and everything else goes on."""
import html
import io
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors import article_files
from transforms.dead_letters import dead_letter_key
from connectors.article_files import Rejected, read_article_file
from connectors.redis_sink import stream_key
from transforms.alerts import build_alert
from transforms.article import Article
from transforms.entries import entry_to_article
from transforms.normalise import NormaliseArticles
from transforms.text_cleaning import html_to_text

REPO = Path(__file__).resolve().parent.parent
TAG = re.compile(r"<[/!?]?[A-Za-z!?]")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like markup and entities, so Hypothesis finds the parser's corners.
markupish = st.lists(st.sampled_from(list("<>/!?[]-&;#x=\"' \nabcsriptmgCDATA01") +
                                     ["&lt;", "&gt;", "&amp;", "<![", "<!--", "<script>", "</script>",
                                      "&#60;", "&#x3c;", "<img onerror=x>", "]]>"]),
                     max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), markupish)

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30),
                         st.floats(allow_nan=True, allow_infinity=True))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                                  st.dictionaries(st.text(max_size=8), inner,
                                                                                  max_size=4)),
                           max_leaves=12)
FIELDS = ["id", "title", "text", "summary", "content", "url", "link", "guid", "published", "feed",
          "home_country", "fetched_at"]
records = st.dictionaries(st.sampled_from(FIELDS), st.one_of(json_values, any_text), max_size=8)


def local_pipeline() -> TestPipeline:
    return TestPipeline(runner="FnApiRunner", options=PipelineOptions([]))


# -- html_to_text -------------------------------------------------------------------------------

@pytest.mark.parametrize("markup", ["<![foo bar]>", "<![if !supportLists]>x", "<!-- never closed", "<![CDATA["])
def test_html_to_text_survives_what_makes_html_parser_raise(markup):
    assert not TAG.search(html_to_text(markup))


@SETTINGS
@given(any_text)
def test_html_to_text_never_raises_and_leaves_no_markup_even_unescaped(markup):
    text = html_to_text(markup)
    assert isinstance(text, str)
    assert not TAG.search(text)
    assert not TAG.search(html.unescape(text))


# -- the normaliser ------------------------------------------------------------------------------

@SETTINGS
@given(st.one_of(records, json_values))
def test_normaliser_gives_an_article_none_or_valueerror_and_alerts_can_be_built(entry):
    try:
        article = entry_to_article(entry)
    except ValueError:
        return
    if article is None:
        return
    assert math.isfinite(article.fetched_at)
    assert not TAG.search(html.unescape(article.title)) and not TAG.search(html.unescape(article.text))
    build_alert(article, {"event": "CONSULT", "source": [{"code": "CAN"}], "target": [{"code": "RUS"}]})


def test_normalise_stage_rejects_bad_entries_dead_letters_them_and_goes_on(redis_url, redis_client, key_prefix):
    entries = [{"title": "<![foo bar]>", "summary": "x", "feed": "Hostile"},   # html.parser's AssertionError
               {"title": "NaN time", "summary": "x", "fetched_at": float("nan"), "feed": "Hostile"},
               {"title": "Bad home", "summary": "x", "home_country": "ZZ:*\r\nPUBLISH X", "feed": "Hostile"},
               ["not", "a", "dict"],
               {"title": "Talks &amp; more", "summary": "<p>Body</p>", "feed": "Healthy"}]
    with local_pipeline() as p:
        titles = (p | beam.Create(entries) | NormaliseArticles("feed", redis_url, key_prefix)
                  | beam.Map(lambda a: a.title))
        assert_that(titles, equal_to(["", "Talks & more"]))   # the odd title is dropped, its entry kept
    letters = [json.loads(item) for item in redis_client.lrange(dead_letter_key(key_prefix), 0, -1)]
    assert sorted(item["origin"] for item in letters) == ["?", "Hostile", "Hostile"]
    assert any("fetched_at" in item["reason"] for item in letters)
    assert 0 < redis_client.ttl(dead_letter_key(key_prefix)) <= 7 * 86400


# -- the file-replay record parser -------------------------------------------------------------

BAD_VALUES = [
    ('{"text": "t", "fetched_at": 1e20}', "fetched_at"),
    ('{"text": "t", "fetched_at": NaN}', "fetched_at"),
    ('{"text": "t", "fetched_at": -1e12}', "fetched_at"),
    ('{"text": "t", "fetched_at": [1, 2]}', "fetched_at"),
    ('{"text": "t", "fetched_at": "abc"}', "fetched_at"),
    ('{"text": "t", "published": "0000-01-01"}', "published"),
    ('{"text": "t", "published": "0001-01-01T00:00:00+01:00"}', "published"),
    ('{"text": "t", "title": ["a", "list"]}', "title"),
    ('{"text": "t", "home_country": "ZZ:*\\r\\nPUBLISH X"}', "home_country"),
    ('{"text": ' + "[" * 5000 + "]" * 5000 + "}", "nested too deep"),
    ("[" * 5000 + "]" * 5000, "nested too deep"),
]


@pytest.mark.parametrize("line, reason", BAD_VALUES)
def test_bad_jsonl_values_are_rejected_with_file_and_line(tmp_path, line, reason):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "ok1", "text": "fine"}\n' + line + '\n{"id": "ok2", "text": "fine"}\n', encoding="utf-8")
    items = list(read_article_file(str(path)))
    assert [i["id"] for i in items if not isinstance(i, Rejected)] == ["ok1", "ok2"]
    [bad] = [i for i in items if isinstance(i, Rejected)]
    assert (bad.line, reason in bad.reason) == (2, True)
    assert str(bad).startswith(f"{path}:2: ")


@SETTINGS
@given(st.lists(st.one_of(json_values.map(lambda v: json.dumps(v)), records.map(json.dumps), st.text(max_size=80)),
                max_size=6))
def test_record_parser_never_raises_and_every_record_normalises(lines):
    data = "\n".join(line.replace("\n", " ") for line in lines).encode("utf-8", "surrogatepass")
    for item in read_article_file("fuzz.jsonl", data):
        if isinstance(item, Rejected):
            assert item.line is None or 1 <= item.line <= len(lines)
        else:
            entry_to_article(item)   # what the reader accepts, the normaliser takes without complaint


# -- the commands ---------------------------------------------------------------------------------

def bad_file(tmp_path) -> Path:
    good = json.dumps({"id": "good", "text": "Japan and India signed a trade agreement on Monday."})
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([line for line, _ in BAD_VALUES] + [good]) + "\n", encoding="utf-8")
    return path


def test_detect_gives_one_line_per_bad_record_and_codes_the_rest(tmp_path):
    path = bad_file(tmp_path)
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "detect", str(path)], cwd=REPO,
                            capture_output=True, timeout=120)
    err = result.stderr.decode()
    assert result.returncode == 1
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if "rejected" in line]
    assert len(lines) == len(BAD_VALUES)
    assert all(f"{path}:{n}:" in lines[n - 1] for n in range(1, len(BAD_VALUES) + 1))
    assert [json.loads(line)["article_id"] for line in result.stdout.decode().splitlines()] == ["good"]


def test_replay_rejects_bad_values_with_their_line_and_publishes_the_rest(redis_url, redis_client, key_prefix,
                                                                          tmp_path):
    path = bad_file(tmp_path)
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "replay", str(path), "--redis-url", redis_url,
                             "--key-prefix", key_prefix, "--spill-file", str(tmp_path / "spill")],
                            cwd=REPO, capture_output=True, timeout=120)
    err = result.stderr.decode()
    assert result.returncode == 1, err[-3000:]
    assert "Traceback" not in err
    assert f"{len(BAD_VALUES)} record(s) rejected" in result.stdout.decode()
    assert f"{path}:1: 'fetched_at'" in err and f"{path}:10: invalid JSON" in err
    alerts = [json.loads(f["alert"]) for _, f in redis_client.xrange(stream_key(key_prefix))]
    assert {a["article_id"] for a in alerts} == {"good"}
    letters = [json.loads(item) for item in redis_client.lrange(dead_letter_key(key_prefix), 0, -1)]
    assert sorted(int(item["origin"].rsplit(":", 1)[1]) for item in letters) == list(range(1, len(BAD_VALUES) + 1))


def test_dead_letter_list_is_bounded(redis_url, redis_client, key_prefix):
    from transforms.dead_letters import DeadLetters

    letters = DeadLetters.from_url(redis_url, key_prefix)
    letters.max_items, letters.ttl = 5, 60
    for n in range(12):
        letters.add(f"f:{n}", "bad", {"n": n, "deep": [[[]]]})
    items = [json.loads(i) for i in redis_client.lrange(dead_letter_key(key_prefix), 0, -1)]
    assert [i["origin"] for i in items] == [f"f:{n}" for n in range(11, 6, -1)]
    assert 0 < redis_client.ttl(dead_letter_key(key_prefix)) <= 60


# -- bounded input --------------------------------------------------------------------------------

def test_fifos_and_devices_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        [item] = list(read_article_file(path))
        assert isinstance(item, Rejected) and "not a regular file" in item.reason


def test_detect_and_replay_refuse_a_fifo_with_one_line(tmp_path):
    fifo = tmp_path / "articles.jsonl"
    os.mkfifo(fifo)
    for args in (["detect", str(fifo)],
                 ["replay", str(fifo), "--redis-url", "redis://127.0.0.1:1/0", "--spill-file", str(tmp_path / "s")]):
        result = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, capture_output=True,
                                timeout=60)
        assert result.returncode == 1
        assert f"{fifo}: not a regular file" in result.stderr.decode()


def test_long_lines_are_cut_with_their_line_and_a_long_jsonl_stream_is_read_whole(monkeypatch):
    # JSONL is streamed a line at a time: memory follows the longest line, so only lines are capped
    monkeypatch.setattr(article_files, "MAX_LINE_BYTES", 100)
    monkeypatch.setattr(article_files, "MAX_FILE_BYTES", 1000)
    line = lambda n: json.dumps({"id": f"r{n}", "text": "short"}).encode() + b"\n"
    stream = io.BufferedReader(io.BytesIO(line(1) + b'{"text": "' + b"x" * 500 + b'"}\n' + line(3) +
                                          b"".join(line(n) for n in range(4, 44))))
    items = list(read_article_file("-", stream))
    assert [i["id"] for i in items if not isinstance(i, Rejected)] == ["r1", "r3"] + [f"r{n}" for n in range(4, 44)]
    bad = [i for i in items if isinstance(i, Rejected)]
    assert len(bad) == 1 and (bad[0].line, "longer than 100 bytes" in bad[0].reason) == (2, True)


def test_a_feed_or_text_file_past_the_cap_is_refused_with_one_line(monkeypatch, tmp_path):
    # feeds and text articles are read whole: they are capped
    monkeypatch.setattr(article_files, "MAX_FILE_BYTES", 1000)
    feed = tmp_path / "big.xml"
    feed.write_text("<rss><channel>" + "<item><title>x</title></item>" * 100 + "</channel></rss>")
    text = tmp_path / "big.txt"
    text.write_text("A title\n\n" + "word " * 400)
    for path in (feed, text):
        items = list(read_article_file(str(path)))
        assert len(items) == 1 and isinstance(items[0], Rejected)
        assert "larger than 1000 bytes" in items[0].reason


# -- the feed parser wrapper ----------------------------------------------------------------------

feedish = st.lists(st.sampled_from(["<rss><channel>", "<item>", "</item>", "<title>", "</title>", "<link>",
                                    "</link>", "<description>", "</description>", "<guid>", "</guid>",
                                    "<pubDate>", "</pubDate>", "<![CDATA[", "]]>", "&lt;", "&amp;", "<!DOCTYPE x [",
                                    "<!ENTITY e 'x'>", "&e;", "]>", "Mon, 01 Jan 0000 00:00:00 +0000", "x",
                                    "\x00", "\udc80", "<?xml version='1.0' encoding='utf-16'?>", "</channel></rss>"]),
                   max_size=30).map("".join)


@SETTINGS
@given(st.one_of(st.binary(max_size=300), feedish.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_feed_parser_never_raises_and_its_entries_normalise(body):
    from connectors.feed_config import FeedConfig
    from connectors.feed_parse import parse_feed

    entries, warning = parse_feed(body, None, FeedConfig(name="fuzz", url="http://x.test/feed"))
    assert warning is None or isinstance(warning, str)
    for entry in entries:
        assert all(v is None or isinstance(v, str) for v in entry.values())
        entry_to_article(entry)   # never more than a ValueError, and not even that for parsed entries


def test_an_event_no_alert_can_be_built_from_costs_only_itself(redis_url, redis_client, key_prefix):
    from transforms.alerts import BuildAlerts

    good = Article(id="g", title="t", text="x", fetched_at=1.0, feed="F")
    coded = [(good, [{"event": "CONSULT", "confidence": 0.9, "source": [{"code": "CAN"}], "target": [{"code": "RUS"}]},
                     {"confidence": 0.9, "source": None}])]   # no event type
    with local_pipeline() as p:
        events = (p | beam.Create(coded) | BuildAlerts(0.5, redis_url, key_prefix)
                  | beam.FlatMap(lambda keyed: [a["event"] for a in keyed[1]]))
        assert_that(events, equal_to(["CONSULT"]))
    [letter] = [json.loads(i) for i in redis_client.lrange(dead_letter_key(key_prefix), 0, -1)]
    assert letter["origin"] == "F" and "KeyError" in letter["reason"]
