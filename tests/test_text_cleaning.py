"""Plain text, canonical URLs and UTC dates from feed input, case by case (found by mutmut;
test_normalise.py and test_hostile_input.py hold the broader and the property tests)."""
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.text_cleaning import canonical_url, html_to_text, to_utc_iso

TAG = re.compile(r"<[/!?]?[A-Za-z!?]")  # what a browser could start a tag with


# --- html_to_text ---------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["script", "style", "noscript", "iframe", "object", "template"])
def test_the_body_of_an_executable_or_hidden_element_is_dropped(tag):
    assert html_to_text(f"before<{tag}>hidden words</{tag}>after") == "beforeafter"


def test_nested_hidden_elements_hide_until_the_outer_one_closes():
    assert html_to_text("a<object>x<object>y</object>z</object>b") == "ab"


def test_a_stray_closing_script_tag_hides_nothing():
    assert html_to_text("</script>Leaders meet<p>in Paris</p>") == "Leaders meet\nin Paris"


@pytest.mark.parametrize("tag", ["p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                                 "table", "blockquote", "section", "article", "figcaption"])
def test_a_block_element_is_a_line_of_its_own(tag):
    assert html_to_text(f"one<{tag}>two</{tag}>three") == "one\ntwo\nthree"
    assert html_to_text(f"<{tag}>one</{tag}><{tag}>two</{tag}>") == "one\n\ntwo"


@pytest.mark.parametrize("tag", ["br", "hr"])
def test_a_line_break_element_breaks_the_line(tag):
    assert html_to_text(f"one<{tag}>two") == "one\ntwo"


def test_inline_elements_do_not_break_the_text():
    assert html_to_text("one <b>two</b> <a href='x'>three</a>") == "one two three"


def test_spaces_tabs_and_blank_lines_are_tidied():
    assert html_to_text("  a \t\r\f\v b  \n\n\n\n\n c\xa0d ") == "a b\n\nc d"


def test_an_unclosed_tag_like_fragment_is_removed():
    assert html_to_text("Talks <b resume") == "Talks"
    assert html_to_text("x <!-- note") == "x"


def test_text_without_markup_is_returned_as_it_is():
    assert html_to_text("Plain words, 5 < 6 and 7 > 3.") == "Plain words, 5 < 6 and 7 > 3."
    assert html_to_text(None) == "" and html_to_text("") == ""


def escaped(text: str, times: int) -> str:
    for _ in range(times):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


@pytest.mark.parametrize("times", [1, 3, 6, 7, 8, 9, 12])
def test_escaped_markup_of_any_depth_leaves_the_words_and_no_tag(times):
    markup = escaped("<p>Tom & Jerry</p><b>meet</b>", times)
    text = html_to_text(markup)
    assert not TAG.search(text) and "&amp;" not in text
    assert set(text) <= set(markup) | set("<>& \n")  # what entities decode to; no other letter added
    assert "Tom" in text and "Jerry" in text and "meet" in text


def test_markup_escaped_up_to_six_more_times_comes_out_as_clean_as_plain_markup():
    plain = html_to_text("<p>Tom &amp; Jerry</p>")
    assert plain == "Tom & Jerry"
    assert html_to_text(escaped("<p>Tom &amp; Jerry</p>", 6)) == plain


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="<>&;/ apbr!-amplgt#x3c", max_size=40))
def test_html_to_text_is_idempotent(markup):
    once = html_to_text(markup)
    assert html_to_text(once) == once


# --- canonical_url --------------------------------------------------------------------

@pytest.mark.parametrize("param", ["utm_source", "utm_medium", "UTM_Campaign", "fbclid", "gclid", "mc_cid",
                                   "mc_eid", "cmpid", "ocid", "ref", "rss", "RSS"])
def test_tracking_parameters_are_dropped(param):
    assert canonical_url(f"http://news.test/a?id=7&{param}=x") == "http://news.test/a?id=7"


@pytest.mark.parametrize("param", ["reference", "xref", "rss2", "utm", "page"])
def test_parameters_that_only_look_like_tracking_are_kept(param):
    assert canonical_url(f"http://news.test/a?{param}=1") == f"http://news.test/a?{param}=1"


def test_query_is_sorted_and_blank_values_kept():
    assert canonical_url("http://news.test/a?b=2&a=&c=3") == "http://news.test/a?a=&b=2&c=3"


@pytest.mark.parametrize("url, expected", [
    ("http://News.Test:80/a", "http://news.test/a"),
    ("https://news.test:443/a", "https://news.test/a"),
    ("http://news.test:8080/a", "http://news.test:8080/a"),
    ("https://news.test:80/a", "https://news.test:80/a"),
    ("http://news.test:443/a", "http://news.test:443/a"),
    ("http://news.test", "http://news.test/"),
    ("  http://news.test/a#frag  ", "http://news.test/a"),
])
def test_default_ports_dropped_others_kept_and_an_empty_path_is_root(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize("url", [None, "", "ftp://news.test/a", "http://", "http://news.test:99999/a",
                                 "mailto:x@news.test", "http://user@/x", "http://:80/x", "https://:pw@/a"])
def test_urls_that_are_not_web_pages_have_no_canonical_form(url):
    assert canonical_url(url) is None


# --- to_utc_iso -----------------------------------------------------------------------

NOW = 1_700_000_000.0  # 2023-11-14T22:13:20Z


def test_a_date_up_to_a_day_ahead_is_kept_and_later_is_clamped_to_now():
    assert to_utc_iso("2023-11-15T22:13:20Z", now=NOW) == "2023-11-15T22:13:20Z"  # exactly a day
    assert to_utc_iso("2023-11-15T22:13:21Z", now=NOW) == "2023-11-14T22:13:20Z"
    assert to_utc_iso("2023-11-14T23:13:20Z", now=NOW, max_future=60) == "2023-11-14T22:13:20Z"


def test_a_date_in_the_past_is_never_clamped():
    assert to_utc_iso("1999-12-31T23:59:59+01:00", now=NOW) == "1999-12-31T22:59:59Z"


@pytest.mark.parametrize("raw", ["0001-01-01T00:30:00+01:00", "Mon, 25 Jul 2016 99:05:00 +0200",
                                 "Mon, 31 Feb 2016 10:00:00 GMT", "  ", "T", "2016-13-01"])
def test_impossible_or_out_of_range_dates_are_none(raw):
    assert to_utc_iso(raw, now=NOW) is None


def test_an_rfc822_date_without_zone_is_read_as_utc():
    assert to_utc_iso(" Mon, 25 Jul 2016 14:05:00 ", now=NOW) == "2016-07-25T14:05:00Z"


def test_dates_are_utc_whatever_the_machines_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Kolkata")  # +05:30: any shift shows
    time.tzset()
    try:
        assert to_utc_iso("2016-07-25T14:05:00", now=NOW) == "2016-07-25T14:05:00Z"  # no zone: UTC
        assert to_utc_iso("Mon, 25 Jul 2016 14:05:00 +0200", now=NOW) == "2016-07-25T12:05:00Z"
        assert to_utc_iso("2099-01-01T00:00:00Z", now=NOW) == "2023-11-14T22:13:20Z"
    finally:
        monkeypatch.undo()
        time.tzset()
