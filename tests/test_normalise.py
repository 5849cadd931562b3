"""Entries → Articles: HTML, entities, canonical URLs, UTC times, stable ids."""
import pytest

from transforms.entries import entry_to_article
from transforms.text_cleaning import canonical_url, html_to_text, to_utc_iso


def test_html_is_stripped_and_scripts_dropped_not_run():
    text = html_to_text('<p>Talks &amp; more</p><script>alert("x")</script><style>p{}</style><p>Caf&eacute;&nbsp;ok</p>')
    assert text == "Talks & more\n\nCafé ok"
    assert "alert" not in text


def test_canonical_url_drops_tracking_and_fragment():
    assert canonical_url("HTTPS://News.Example.com:443/a/b?utm_source=rss&id=7&fbclid=z#top") == \
        "https://news.example.com/a/b?id=7"
    assert canonical_url("javascript:alert(1)") is None
    assert canonical_url("not a url") is None


@pytest.mark.parametrize("raw, expected", [
    ("Mon, 25 Jul 2016 14:05:00 +0200", "2016-07-25T12:05:00Z"),
    ("2016-07-25T14:05:00Z", "2016-07-25T14:05:00Z"),
    ("2016-07-25T14:05:00", "2016-07-25T14:05:00Z"),
    ("yesterday-ish", None),
    ("", None),
])
def test_dates_become_utc(raw, expected):
    assert to_utc_iso(raw) == expected


def test_future_dates_are_clamped_to_now():
    now = 1_700_000_000.0
    assert to_utc_iso("2099-01-01T00:00:00Z", now=now) == "2023-11-14T22:13:20Z"


def test_entry_to_article_prefers_the_longer_content_and_derives_a_stable_id():
    entry = {"title": "Leaders <b>meet</b>", "summary": "short", "content": "<p>A much longer body text.</p>",
             "link": "http://example.com/story?utm_medium=x", "guid": "g1", "feed": "Example", "home_country": "can"}
    first, second = entry_to_article(entry, 1.0), entry_to_article(dict(entry), 2.0)
    assert first.title == "Leaders meet"
    assert first.text == "A much longer body text."
    assert first.url == "http://example.com/story"
    assert first.home_country == "CAN"
    assert first.id == second.id and len(first.id) == 16


def test_record_id_is_kept_and_empty_entries_are_none():
    assert entry_to_article({"id": "a-1", "text": "Body"}, 0).id == "a-1"
    assert entry_to_article({"title": "", "summary": "<p> </p>"}, 0) is None
    with pytest.raises(ValueError):
        entry_to_article(["not", "a", "dict"], 0)


@pytest.mark.parametrize("text, expected", [
    ("&amp;lt;b&amp;gt;", ""), ("&lt;b&gt;", ""), ("AT&amp;T", "AT&T"), ("x &lt; y", "x < y"),
    ("Tom &amp;amp; Jerry", "Tom & Jerry"), ("5 &gt; 3", "5 > 3")])
def test_entities_clean_the_same_with_or_without_tags(text, expected):
    # Was: decoded twice inside tags ("<p>&amp;lt;b&amp;gt;" gave "<b>") and once outside.
    assert html_to_text(text) == html_to_text(f"<p>{text}</p>") == html_to_text(f"<div>{text}<br></div>") == expected
