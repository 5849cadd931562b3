"""parse_feed case by case (found by mutmut; test_feed_poller.py and test_hostile_input.py hold
the end-to-end and the property tests)."""
from connectors.feed_config import FeedConfig
from connectors.feed_parse import parse_feed

FEED = FeedConfig("F", "http://f.test/feed")


def rss(items: str) -> bytes:
    return (b'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            b"<channel><title>t</title>" + items.encode() + b"</channel></rss>")


def atom(entries: str) -> bytes:
    return (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            + entries.encode() + b"</feed>")


def test_an_empty_body_is_not_a_feed_and_says_so():
    for body in (b"", None):
        assert parse_feed(body, None, FEED) == ([], "nothing recoverable: no RSS, Atom, RDF or CDF document found")


def test_an_entry_with_nothing_to_read_is_skipped_and_the_next_kept():
    body = rss('<item><guid isPermaLink="false">empty</guid><pubDate>Mon, 25 Jul 2016 14:05:00 GMT</pubDate></item>'
               '<item><guid isPermaLink="false">s1</guid><description>Summary only</description></item>')
    entries, warning = parse_feed(body, None, FEED)
    assert warning is None
    assert [(e["guid"], e["title"], e["link"], e["summary"]) for e in entries] == [("s1", None, None, "Summary only")]


def test_an_atom_entry_with_only_an_updated_date_gets_it_as_published():
    body = atom("<entry><id>urn:a1</id><title>T</title><updated>2020-01-02T03:04:05Z</updated></entry>")
    [entry], _ = parse_feed(body, None, FEED)
    assert entry["published"] == "2020-01-02T03:04:05Z"


def test_of_several_contents_the_longest_non_empty_one_is_kept_the_first_on_a_tie():
    body = atom('<entry><id>urn:a1</id><title>T</title><content type="text">Body one</content>'
                '<content type="text"></content></entry>'
                '<entry><id>urn:a2</id><title>T</title><content type="text">AAAA</content>'
                '<content type="text">BBBB</content></entry>')
    entries, _ = parse_feed(body, None, FEED)
    assert [e["content"] for e in entries] == ["Body one", "AAAA"]


def test_a_feed_of_exactly_max_entries_keeps_its_own_order():
    items = "".join(f'<item><guid isPermaLink="false">g{i}</guid><title>t{i}</title>'
                    f"<pubDate>Mon, 25 Jul 2016 14:0{i}:00 GMT</pubDate></item>" for i in range(5))
    entries, _ = parse_feed(rss(items), None, FEED, max_entries=5)
    assert [e["guid"] for e in entries] == ["g0", "g1", "g2", "g3", "g4"]
    entries, _ = parse_feed(rss(items), None, FEED, max_entries=4)  # cut: the newest four
    assert [e["guid"] for e in entries] == ["g4", "g3", "g2", "g1"]
