"""Alerts are plain text: titles, texts and evidence hold no markup, even after unescaping,
however many times the feed escaped it."""
import html
import json
import re

import pytest

from connectors.feed_config import FeedConfig
from connectors.feed_parse import parse_feed
from transforms.alerts import build_alert
from transforms.entries import entry_to_article
from transforms.text_cleaning import html_to_text
from tests.feed_server import rss

TAG = re.compile(r"<[/!?]?[A-Za-z!?]")
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(3)>"


def escaped(markup: str, times: int) -> str:
    for _ in range(times):
        markup = html.escape(markup, quote=False)
    return markup


def assert_plain(value: str) -> None:
    for _ in range(8):   # whatever a consumer unescapes, no tag appears
        assert not TAG.search(value), value
        value = html.unescape(value)


@pytest.mark.parametrize("times", [0, 1, 2, 3, 5])
@pytest.mark.parametrize("payload", [SCRIPT, IMG, "<svg/onload=alert(2)>", "<!--x--><iframe src=//e></iframe>"])
def test_escaped_payloads_come_out_as_plain_text(payload, times):
    text = html_to_text(f"{escaped(payload, times)} Bulletin")
    assert_plain(text)
    assert text.endswith("Bulletin")


def test_feed_title_and_body_escaped_twice_and_three_times_become_plain_alert_text(coder):
    body = (f"{escaped(IMG, 3)} France and Germany signed a defence agreement in Paris on Monday, "
            f"{escaped(SCRIPT, 2)} officials said.")
    feed = rss([{"title": f"{escaped(SCRIPT, 2)} Bulletin", "description": body, "link": "http://x.test/1"}])
    [entry], _ = parse_feed(feed, None, FeedConfig(name="Hostile", url="http://x.test/feed"))
    article = entry_to_article(entry, 1.0)
    assert article.title == "Bulletin"
    events = coder.code(article.text, title=article.title)
    assert events, article.text
    for event in events:
        alert = build_alert(article, event)
        for value in (alert["title"], alert["text"], alert["eventText"], json.dumps(alert["evidence"]),
                      *(a.get("actorText", "") for a in alert["source"] + alert["target"])):
            assert_plain(value)
