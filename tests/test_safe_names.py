"""Only validated codes and hashed ids become Redis key and channel names."""
import re

import pytest

from connectors.feed_config import load_feeds
from connectors.redis_sink import alert_channels
from transforms.article import Article
from transforms.dedupe import SeenArticles, dedupe_keys
from transforms.entries import entry_to_article

HOSTILE = "ZZ:*\r\nPUBLISH X"
SAFE_KEY = re.compile(r"^[\w-]+(:[A-Za-z0-9_-]+)+$")


def test_article_ids_are_hashed_into_seen_keys(redis_client, key_prefix):
    article = Article(id="id:*\r\nFLUSHALL " + "x" * 600, title="A headline long enough to be matched on", text="t")
    keys = dedupe_keys(article, key_prefix)
    assert re.fullmatch(rf"{key_prefix}:seen:id:[0-9a-f]{{16}}", keys[0])
    assert all(SAFE_KEY.match(k) for k in keys)
    seen = SeenArticles(redis_client, key_prefix)
    assert seen.filter_new([article]) == [article] and seen.filter_new([article]) == []


def test_unknown_codes_and_types_never_become_channel_names():
    alert = {"event": "CONSULT\r\nPUBLISH", "source": [{"code": HOSTILE}, {"code": "CAN"}],
             "target": [{"code": "RUS"}]}
    channels = alert_channels(alert, "p")
    assert channels == ["p:alerts", "p:alerts:pair:CAN:RUS", "p:alerts:country:CAN", "p:alerts:country:RUS"]


def test_home_country_of_a_record_must_be_a_known_code():
    with pytest.raises(ValueError, match="unknown home_country"):
        entry_to_article({"text": "t", "home_country": HOSTILE})
    with pytest.raises(ValueError, match="unknown home_country"):
        entry_to_article({"text": "t", "home_country": "ZZZ"})
    assert entry_to_article({"text": "t", "home_country": "gbr"}).home_country == "GBR"


def test_home_country_of_a_feed_must_be_a_known_code(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds:\n  - {name: A, url: 'https://a.example/rss', home_country: ZZZ}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ZZZ"):
        load_feeds(str(path))
    path.write_text("feeds:\n  - {name: A, url: 'https://a.example/rss', home_country: can}\n", encoding="utf-8")
    assert load_feeds(str(path))[0].home_country == "CAN"
