"""Feed lists from YAML and OPML, and their errors."""
import pytest

from connectors.feed_config import FeedConfig, load_feeds

YAML = """
defaults: {interval: 120, home_country: null}
feeds:
  - name: BBC World
    url: https://feeds.bbci.co.uk/news/world/rss.xml
    home_country: gbr
  - url: http://example.org/rss
    interval: 60
"""

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>subscriptions</title></head>
  <body>
    <outline text="News">
      <outline text="Le Monde" title="Le Monde International" type="rss"
               xmlUrl="https://www.lemonde.fr/international/rss_full.xml" homeCountry="FRA"/>
      <outline text="Folder"><outline text="Deep" xmlUrl="http://deep.example/feed" interval="900"/></outline>
    </outline>
    <outline text="Top" xmlUrl="http://top.example/rss"/>
  </body>
</opml>
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_yaml_with_defaults(tmp_path):
    feeds = load_feeds(write(tmp_path, "feeds.yaml", YAML))
    assert feeds == [
        FeedConfig("BBC World", "https://feeds.bbci.co.uk/news/world/rss.xml", "GBR", 120.0),
        FeedConfig("http://example.org/rss", "http://example.org/rss", None, 60.0),
    ]


def test_yaml_bare_list_and_default_interval(tmp_path):
    feeds = load_feeds(write(tmp_path, "feeds.yml", "- {name: A, url: 'http://a.example/rss'}\n"))
    assert feeds == [FeedConfig("A", "http://a.example/rss", None, 300.0)]


def test_opml_nested_outlines(tmp_path):
    feeds = load_feeds(write(tmp_path, "subs.opml", OPML))
    assert [(f.name, f.url, f.home_country, f.interval) for f in feeds] == [
        ("Le Monde International", "https://www.lemonde.fr/international/rss_full.xml", "FRA", 300.0),
        ("Deep", "http://deep.example/feed", None, 900.0),
        ("Top", "http://top.example/rss", None, 300.0),
    ]


def test_sniffs_content_when_extension_unclear(tmp_path):
    assert len(load_feeds(write(tmp_path, "feeds.conf", OPML))) == 3
    assert len(load_feeds(write(tmp_path, "feeds.txt", YAML))) == 2


@pytest.mark.parametrize("text, problem", [
    ("feeds:\n  - {name: A}\n", "missing url"),
    ("feeds:\n  - {url: 'http://a.example/'}\n  - {url: 'http://a.example/'}\n", "duplicate url"),
    ("feeds:\n  - {url: 'http://a.example/', interval: -5}\n", "interval"),
    ("feeds:\n  - {url: 'http://a.example/', interval: often}\n", "interval"),
    ("feeds:\n  - {url: 'ftp://a.example/feed'}\n", "not http(s)"),
    ("feeds:\n  - {url: 'file:///tmp/feed.xml'}\n", "not http(s)"),
    ("feeds:\n  - {url: 'http://a.example/', home_country: Canada}\n", "home_country"),
    ("feeds:\n  - {url: 'http://a.example/', colour: red}\n", "unknown key"),
    ("feeds: {url: 'http://a.example/'}\n", "expected a list"),
    ("feeds: [\n", "invalid YAML"),
])
def test_yaml_errors_name_file_and_problem(tmp_path, text, problem):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(ValueError) as err:
        load_feeds(path)
    assert path in str(err.value) and problem in str(err.value)


def test_opml_errors(tmp_path):
    path = write(tmp_path, "bad.opml", "<opml><body><outline xmlUrl='http://a/'>")
    with pytest.raises(ValueError, match="invalid OPML"):
        load_feeds(path)
    path = write(tmp_path, "dup.opml", "<opml><body><outline xmlUrl='http://a.example/'/>"
                                        "<outline xmlUrl='http://a.example/'/></body></opml>")
    with pytest.raises(ValueError, match="duplicate url"):
        load_feeds(path)


def test_file_urls_only_when_allowed(tmp_path):
    path = write(tmp_path, "local.yaml", "- {name: local, url: 'file:///tmp/feed.xml'}\n")
    assert load_feeds(path, allow_file=True)[0].url == "file:///tmp/feed.xml"


def test_missing_file(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        load_feeds(str(tmp_path / "nope.yaml"))
