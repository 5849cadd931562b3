"""FeedPoller end to end against the local server and a real Redis; plus the
parser and the state store on their own."""
import logging
import time
from urllib.parse import urlsplit

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from connectors.embedded_redis import EmbeddedRedis, free_port
from connectors.feed_config import FeedConfig
from connectors.feed_parse import MAX_ENTRIES, NOT_A_FEED, parse_feed
from connectors.feed_poller import OUTCOMES, FeedPoller
from connectors.feed_state import FeedState, FeedStateStore
from connectors.http_fetch import FetchLimits
from tests.feed_server import UNRESOLVABLE_URL, FeedServer, rss

# allow_private: the test server listens on 127.0.0.1 (test_ssrf.py covers the refusal).
FAST = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=1.5, max_bytes=1024 * 1024,
                   allow_private=True)
BASE = 10.0
BOUND = FAST.total_timeout + 1.0  # no poll may take longer


def dead_redis_client(decode=True) -> redis.Redis:
    """A client for a port nobody listens on, failing fast (no retries)."""
    return redis.Redis(host="127.0.0.1", port=free_port(), socket_connect_timeout=0.5,
                       socket_timeout=0.5, retry=Retry(NoBackoff(), 0), decode_responses=decode)


@pytest.fixture(scope="module")
def server():
    with FeedServer() as srv:
        yield srv


@pytest.fixture
def store(redis_client, key_prefix):
    return FeedStateStore(redis_client, prefix=key_prefix)


@pytest.fixture
def poller(store):
    return FeedPoller(store, limits=FAST, base_backoff=BASE, max_backoff=100.0)


def items(n, start=0):
    return [{"title": f"Story {i}", "link": f"http://news.test/{i}", "guid": f"g{i}",
             "description": f"Body {i}", "pubDate": 1_700_000_000 + i * 60} for i in range(start, start + n)]


def timed_poll(poller, feed, now=None):
    start = time.monotonic()
    result = poller.poll(feed, now=now)
    assert time.monotonic() - start < BOUND
    assert result.outcome in OUTCOMES
    return result


# --- conditional GET and state across restarts ---------------------------------

def test_ok_then_304_and_state_survives_restart(server, redis_client, key_prefix, poller, store):
    server.set("/cond.xml", rss(items(3)))
    feed = FeedConfig("Cond", server.url("/cond.xml"), home_country="CAN")

    first = timed_poll(poller, feed)
    assert (first.outcome, first.status, len(first.entries)) == ("ok", 200, 3)
    assert first.entries[0] == {
        "guid": "g0", "link": "http://news.test/0", "title": "Story 0", "summary": "Body 0",
        "content": None, "published": "2023-11-14T22:13:20Z", "feed": "Cond",
        "feed_url": feed.url, "home_country": "CAN"}
    state = store.get(feed.url)
    assert state.etag and state.last_modified and state.last_outcome == "ok"
    assert redis_client.ttl(store.key(feed.url)) > 29 * 86400

    # Within the run, the next poll is conditional.
    same = timed_poll(poller, feed)
    assert (same.outcome, same.status, same.entries) == ("not_modified", 304, [])
    assert server.requests[-1][1]["if-none-match"] == state.etag

    # A restart: a new store and poller over the same Redis keep the state, but the first
    # fetch is unconditional (what a crashed run fetched may never have been published).
    poller2 = FeedPoller(FeedStateStore(redis_client, prefix=key_prefix), limits=FAST)
    assert FeedStateStore(redis_client, prefix=key_prefix).get(feed.url).etag == state.etag
    again = timed_poll(poller2, feed)
    assert (again.outcome, again.status, len(again.entries)) == ("ok", 200, 3)
    assert "if-none-match" not in server.requests[-1][1]
    assert "if-modified-since" not in server.requests[-1][1]
    again = timed_poll(poller2, feed)
    assert (again.outcome, again.status, again.entries) == ("not_modified", 304, [])

    server.set("/cond.xml", rss(items(4)))  # a new item arrives
    changed = timed_poll(poller2, feed)
    assert changed.outcome == "ok" and len(changed.entries) == 4


def test_state_store_with_bytes_client(redis_url, key_prefix):
    client = redis.Redis.from_url(redis_url)  # decode_responses=False
    store = FeedStateStore(client, prefix=key_prefix)
    state = FeedState(etag='"abc"', last_modified="Sat, 01 Jan 2000 00:00:00 GMT", failures=2,
                      backoff_until=123.5, last_success=99.0, last_outcome="timeout")
    store.put("http://a.test/feed", state)
    assert FeedStateStore(client, prefix=key_prefix).get("http://a.test/feed") == state
    store.put("http://a.test/feed", FeedState(failures=0, last_outcome="ok"))  # None fields vanish
    assert FeedStateStore(client, prefix=key_prefix).get("http://a.test/feed") == FeedState(last_outcome="ok")
    client.close()


def test_state_store_key_format(store, key_prefix):
    import hashlib
    url = "http://a.test/feed"
    assert store.key(url) == f"{key_prefix}:feed:{hashlib.sha1(url.encode()).hexdigest()[:20]}"


# --- Redis down ------------------------------------------------------------------

def test_state_store_with_redis_down_does_not_raise():
    store = FeedStateStore(dead_redis_client(), prefix="dwtest-down", redis_retry_seconds=0)
    assert store.get("http://a.test/") == FeedState()
    store.put("http://a.test/", FeedState(etag='"x"', failures=1))
    assert store.get("http://a.test/") == FeedState(etag='"x"', failures=1)


def test_memory_only_store():
    store = FeedStateStore(None)
    store.put("http://a.test/", FeedState(etag='"x"'))
    assert store.get("http://a.test/").etag == '"x"'


def test_poller_keeps_polling_with_redis_down(server):
    server.set("/down.xml", rss(items(2)))
    poller = FeedPoller(FeedStateStore(dead_redis_client(decode=False), redis_retry_seconds=0), limits=FAST)
    feed = FeedConfig("Down", server.url("/down.xml"))
    assert timed_poll(poller, feed).outcome == "ok"
    assert timed_poll(poller, feed).outcome == "not_modified"  # ETag kept in memory


def test_state_written_through_when_redis_returns():
    port = free_port()
    srv = EmbeddedRedis(port=port).start()
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5, socket_timeout=0.5,
                         retry=Retry(NoBackoff(), 0), decode_responses=True)
    store = FeedStateStore(client, prefix="dwtest-back", redis_retry_seconds=0)
    try:
        store.put("http://a.test/", FeedState(etag='"1"'))
        srv.kill()
        store.put("http://a.test/", FeedState(etag='"2"', failures=3))  # Redis is down: memory only
        assert store.get("http://a.test/").etag == '"2"'
        srv.start()  # same port, empty Redis
        assert store.get("http://a.test/") == FeedState(etag='"2"', failures=3)
        assert client.hgetall(store.key("http://a.test/"))["etag"] == '"2"'
    finally:
        client.close()
        srv.stop()


# --- hostile feeds: outcome, time bound, back-off, and no request while backing off

HOSTILE = {
    "too_large": lambda s, p: s.set_huge(p, 20 * 1024 * 1024),
    "gzip_bomb": lambda s, p: s.set_gzip_bomb(p, 100 * 1024 * 1024),
    "drip": lambda s, p: s.set(p, rss(items(5)), drip=20),
    "slow_headers": lambda s, p: s.set(p, rss(items(1)), delay=5),
    "redirect_loop": lambda s, p: s.set_redirect(p, p),
    "http_500": lambda s, p: s.set(p, b"oops", status=500),
    "not_a_feed": lambda s, p: s.set(p, b"<html><body>Moved to a new site</body></html>", "text/html"),
    "garbage": lambda s, p: s.set(p, b"\x00\xff\xfe\x00 not xml"),
}
EXPECTED = {"too_large": "too_large", "gzip_bomb": "too_large", "drip": "timeout",
            "slow_headers": "timeout", "redirect_loop": "redirect_loop", "http_500": "http_error",
            "not_a_feed": "parse_error", "garbage": "parse_error"}


@pytest.mark.parametrize("mode", sorted(HOSTILE))
def test_hostile_feed_costs_a_backoff(server, poller, store, mode):
    path = f"/hostile/{mode}"
    HOSTILE[mode](server, path)
    feed = FeedConfig(mode, server.url(path))
    now = 1_000_000.0

    result = timed_poll(poller, feed, now=now)
    assert result.outcome == EXPECTED[mode], result.error
    assert result.entries == [] and result.error
    state = store.get(feed.url)
    assert state.failures == 1 and state.last_outcome == EXPECTED[mode]
    assert now + BASE <= state.backoff_until <= now + BASE * 1.1 and result.retry_at == state.backoff_until

    hits = server.hits(path)
    skipped = timed_poll(poller, feed, now=now + 1)
    assert skipped.outcome == "skipped_backoff" and skipped.retry_at == state.backoff_until
    assert server.hits(path) == hits  # no request while backing off


@pytest.mark.parametrize("url, outcome", [
    (UNRESOLVABLE_URL, "dns_error"),
    ("http://127.0.0.1:{closed}/feed.xml", "connection_error"),
    ("ftp://example.invalid/feed.xml", "bad_url"),
])
def test_unreachable_feeds(poller, store, url, outcome):
    feed = FeedConfig("x", url.format(closed=free_port()))
    result = timed_poll(poller, feed, now=1000.0)
    assert result.outcome == outcome
    assert store.get(feed.url).failures == 1


def test_backoff_grows_respects_retry_after_and_resets(server, poller, store):
    server.set("/flaky.xml", b"", status=503)
    feed = FeedConfig("Flaky", server.url("/flaky.xml"))
    now = 1_000_000.0
    for failures, base in [(1, 10), (2, 20), (3, 40), (4, 80), (5, 100), (6, 100)]:  # capped at 100
        result = timed_poll(poller, feed, now=now)
        assert result.outcome == "http_error" and result.status == 503
        state = store.get(feed.url)
        assert state.failures == failures
        assert now + base <= state.backoff_until <= now + min(base * 1.1, 100)
        now = state.backoff_until + 1

    server.set("/flaky.xml", b"", status=503, headers={"Retry-After": "70"})
    store.put(feed.url, FeedState())  # forget the failures: Retry-After (70) beats base (10)
    result = timed_poll(poller, feed, now=now)
    assert now + 70 <= result.retry_at <= now + 77

    server.set("/flaky.xml", rss(items(1)))
    now = result.retry_at + 1
    result = timed_poll(poller, feed, now=now)
    state = store.get(feed.url)
    assert result.outcome == "ok" and (state.failures, state.backoff_until) == (0, 0.0)
    assert state.last_success == now   # the poll's own time


def test_credentials_never_logged(poller, caplog):
    feed = FeedConfig("Secret", f"http://alice:s3cret@127.0.0.1:{free_port()}/feed.xml")
    with caplog.at_level(logging.DEBUG):
        result = timed_poll(poller, feed)
    assert result.outcome == "connection_error"
    assert "s3cret" not in caplog.text and "s3cret" not in (result.error or "")
    assert "127.0.0.1" in caplog.text


def test_poll_never_raises(server, poller, monkeypatch):
    server.set("/boom.xml", rss(items(1)))

    def boom(*args, **kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr("connectors.feed_poller.parse_feed", boom)
    result = timed_poll(poller, FeedConfig("Boom", server.url("/boom.xml")))
    assert result.outcome in ("parse_error", "connection_error") and "unexpected" in result.error


# --- odd content that still yields entries ---------------------------------------

def test_wrong_charset_header_still_parses(server, poller):
    body = ('<?xml version="1.0"?><rss version="2.0"><channel><item><title>Москва</title>'
            '<link>http://news.test/ru</link></item></channel></rss>').encode("cp1251")
    server.set("/cp1251.xml", body, content_type="application/rss+xml; charset=utf-8")
    result = timed_poll(poller, FeedConfig("RU", server.url("/cp1251.xml")))
    assert result.outcome == "ok" and len(result.entries) == 1 and result.warning


def test_malformed_xml_recovers_entries(server, poller):
    body = (b'<rss version="2.0"><channel><item><title>a</title><link>http://news.test/a</link></item>'
            b'<item><title>b & c</title><link>http://news.test/b</link></item>')  # bare &, unclosed
    server.set("/broken.xml", body)
    result = timed_poll(poller, FeedConfig("Broken", server.url("/broken.xml")))
    assert result.outcome == "ok" and result.warning
    assert [e["link"] for e in result.entries][:1] == ["http://news.test/a"]


def test_relative_links_resolve_against_final_url(server, poller):
    server.set("/rel/feed.xml", rss([{"title": "rel", "link": "story/1"}]))
    server.set_redirect("/rel-old.xml", "/rel/feed.xml")
    result = timed_poll(poller, FeedConfig("Rel", server.url("/rel-old.xml")))
    assert result.entries[0]["link"] == server.url("/rel/story/1")


FEED = FeedConfig("Parse", "http://feeds.test/rss", "RUS")


def test_parse_duplicate_guids_keep_first():
    body = rss([{"guid": "same", "title": "first"}, {"guid": "same", "title": "second"},
                {"title": "no guid", "link": "http://x.test/"}])
    entries, warning = parse_feed(body, {"content-type": "application/rss+xml"}, FEED)
    assert [e["title"] for e in entries] == ["first", "no guid"] and warning is None
    assert entries[1]["guid"] is None and entries[1]["home_country"] == "RUS"


def test_parse_caps_big_feeds_newest_first_undated_last():
    # Oldest first in the feed, with three undated items among them (the 10,000-entry feed is
    # polled end to end in test_hostile_feeds_e2e.py).
    undated = [{"title": f"Undated {i}", "link": f"http://news.test/u{i}", "guid": f"u{i}"} for i in range(3)]
    dated = items(1100)
    body = rss(dated[:500] + undated[:2] + dated[500:] + undated[2:])
    entries, _ = parse_feed(body, None, FEED)
    assert len(entries) == MAX_ENTRIES == 1000
    assert entries[0]["guid"] == "g1099" and entries[-1]["guid"] == "g100"
    entries, _ = parse_feed(body, None, FEED, max_entries=1102)
    assert [e["guid"] for e in entries[-3:]] == ["g0", "u0", "u1"]
    assert len(parse_feed(body, None, FEED, max_entries=2000)[0]) == 1103


def test_parse_keeps_longest_content_and_sanitises_script():
    body = rss([{"title": "t", "description": "<p>hi</p><script>alert(1)</script>",
                 "content": "<p>" + "long " * 50 + "</p><img src=x onerror=alert(1)>"}])
    (entry,), _ = parse_feed(body, None, FEED)
    assert "script" not in entry["summary"] and "hi" in entry["summary"]
    assert entry["content"].startswith("<p>long") and "onerror" not in entry["content"]


@pytest.mark.parametrize("body", [b"", b"\xff\xfe\x00", b"<rss", b"/etc/passwd", b"http://example.invalid/",
                                  b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a SYSTEM 'file:///etc/passwd'>]>"
                                  b"<rss><channel><item><title>&a;</title></item></channel></rss>"])
def test_parse_never_raises(body):
    entries, warning = parse_feed(body, {"content-type": "text/xml; charset=bogus"}, FEED)
    assert all("root:" not in (e["title"] or "") for e in entries)
    assert entries or warning


def test_parse_never_opens_the_file_or_url_the_body_names(tmp_path, server):
    """A body that names a real feed, on disk or on a server, is read as text, never opened:
    the named feed's entries must not appear, and the server must see no request."""
    feed = rss([{"title": "Read from the named feed", "link": "http://news.test/leak"}])
    path = tmp_path / "local-feed.xml"
    path.write_bytes(feed)
    server.set("/named.xml", feed)
    for body in (str(path).encode(), server.url("/named.xml").encode()):
        entries, warning = parse_feed(body, {"content-type": "application/rss+xml"}, FEED)
        assert entries == [] and warning.startswith(NOT_A_FEED), body
    assert server.hits("/named.xml") == 0
    assert parse_feed(path.read_bytes(), None, FEED)[0][0]["title"] == "Read from the named feed"


def test_parse_entries_without_anything_but_a_date():
    body = b'<rss version="2.0"><channel><item><pubDate>not a date</pubDate><title>t</title></item></channel></rss>'
    (entry,), _ = parse_feed(body, None, FEED)
    assert entry["published"] is None and entry["link"] is None and entry["guid"] is None


def test_empty_feed_with_wrong_content_type_is_ok(server, poller):
    server.set("/empty.xml", b'<rss version="2.0"><channel><title>quiet</title></channel></rss>', "text/html")
    result = timed_poll(poller, FeedConfig("Quiet", server.url("/empty.xml")))
    assert (result.outcome, result.entries) == ("ok", []) and "NonXMLContentType" in result.warning


def test_truncated_before_first_entry_is_parse_error(server, poller):
    server.set("/truncated.xml", b'<rss version="2.0"><channel><title>cut</ti')
    assert timed_poll(poller, FeedConfig("Cut", server.url("/truncated.xml"))).outcome == "parse_error"


# --- what a failure tells the operator and the caller (found by mutmut) ---------------

def test_a_failed_poll_logs_feed_host_outcome_status_and_when_it_is_next_fetched(server, poller, caplog):
    server.set("/gone-log.xml", b"nope", status=404)
    feed = FeedConfig("GoneLog", server.url("/gone-log.xml"), interval=60)
    host = f"127.0.0.1:{server.url('/').split(':')[2].split('/')[0]}"
    with caplog.at_level(logging.DEBUG, logger="connectors.feed_poller"):
        result = timed_poll(poller, feed, now=1000.0)
    # The back-off (10 s, plus jitter) ends before the next scheduled poll a minute on.
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        f"feed GoneLog ({host}): http_error (HTTP 404); failure 1, next fetch in 60s"]
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG] == [
        f"feed GoneLog ({feed.url}): {result.error}"]
    assert result.error == "HTTP 404 Not Found"


def test_a_failure_without_a_status_logs_no_status(poller, caplog):
    feed = FeedConfig("Closed", f"http://127.0.0.1:{free_port()}/feed.xml", interval=60)
    with caplog.at_level(logging.WARNING, logger="connectors.feed_poller"):
        timed_poll(poller, feed, now=1000.0)
    assert [r.getMessage() for r in caplog.records] == [
        f"feed Closed ({urlsplit(feed.url).netloc}): connection_error; failure 1, next fetch in 60s"]


def test_a_failed_poll_result_names_its_feed_and_counts_the_bytes_it_read(server, poller):
    body = b"<html><body>Moved to a new site</body></html>"
    server.set("/moved-bytes.xml", body, "text/html")
    feed = FeedConfig("MovedBytes", server.url("/moved-bytes.xml"))
    result = timed_poll(poller, feed, now=1000.0)
    assert (result.outcome, result.feed, result.entries, result.bytes) == ("parse_error", feed, [], len(body))
    assert 0 < result.elapsed < BOUND
    server.set("/gone-bytes.xml", b"nope", status=404)
    result = timed_poll(poller, FeedConfig("GoneBytes", server.url("/gone-bytes.xml")), now=1000.0)
    assert (result.outcome, result.bytes) == ("http_error", 0) and 0 < result.elapsed < BOUND


def test_a_sub_second_base_back_off_is_kept(store):
    delay = FeedPoller(store, base_backoff=0.25).backoff_delay(1)
    assert 0.25 <= delay <= 0.275


@pytest.mark.parametrize("url, shown", [
    ("http://alice:s3cret@a.test:8080/x?q=1", "a.test:8080"), ("https://a.test/x", "a.test"),
    ("http:///x", "?"), ("http://a.test:99999/x", "a.test"), ("http://:99999/x", "?"),
    ("http://[2001:db8::1]:81/", "2001:db8::1:81")])
def test_the_log_names_a_feed_by_host_and_port_only(url, shown):
    from connectors.feed_poller import _host
    assert _host(url) == shown


def test_an_unexpected_error_costs_the_feed_a_back_off_and_is_logged_without_credentials(
        server, poller, store, monkeypatch, caplog):
    server.set("/boom-backoff.xml", rss(items(1)))
    url = server.url("/boom-backoff.xml").replace("http://", "http://alice:s3cret@")
    feed = FeedConfig("BoomBackoff", url)

    def boom(*args, **kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr("connectors.feed_poller.parse_feed", boom)
    store.put(feed.url, FeedState(failures=1, last_outcome="timeout"))  # it had failed once before
    with caplog.at_level(logging.ERROR, logger="connectors.feed_poller"):
        result = timed_poll(poller, feed, now=1000.0)
    assert (result.feed, result.outcome, result.error) == (feed, "connection_error", "RuntimeError: unexpected")
    state = store.get(feed.url)
    assert (state.failures, state.last_outcome) == (2, "connection_error")
    assert FeedStateStore(store.redis, prefix=store.prefix).get(feed.url) == state  # in Redis too
    assert 1000.0 + 2 * BASE <= state.backoff_until <= 1000.0 + 2 * BASE * 1.1
    assert result.retry_at == state.backoff_until
    assert 0 < result.elapsed < BOUND
    assert [r.getMessage() for r in caplog.records] == [
        f"feed BoomBackoff ({server.url('/boom-backoff.xml')}): unexpected error"]


def test_a_poll_never_raises_even_when_its_state_store_does(server, poller, store, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("store broken")

    monkeypatch.setattr(store, "get", broken)
    feed = FeedConfig("StoreBroken", server.url("/never-set.xml"))
    result = timed_poll(poller, feed)
    assert (result.feed, result.outcome, result.entries, result.error) == (
        feed, "connection_error", [], "RuntimeError: store broken")
    assert 0 < result.elapsed < BOUND


def test_a_failure_after_a_success_counts_from_one_in_memory_too(server):
    server.set("/then-gone.xml", rss(items(1)))
    store = FeedStateStore(None)   # memory only, as when Redis is away
    poller = FeedPoller(store, limits=FAST, base_backoff=BASE)
    feed = FeedConfig("ThenGone", server.url("/then-gone.xml"))
    assert timed_poll(poller, feed, now=1000.0).outcome == "ok"
    assert store.get(feed.url).failures == 0
    server.set("/then-gone.xml", b"nope", status=404)
    assert timed_poll(poller, feed, now=2000.0).outcome == "http_error"
    assert store.get(feed.url).failures == 1


def test_a_304_with_fresher_validators_updates_them_and_one_without_keeps_ours(server, poller, store):
    server.set("/fresh.xml", rss(items(2)))
    feed = FeedConfig("Fresh", server.url("/fresh.xml"))
    ok = timed_poll(poller, feed, now=1000.0)
    assert (ok.feed, ok.outcome, ok.bytes) == (feed, "ok", len(rss(items(2)))) and 0 < ok.elapsed < BOUND
    first = store.get(feed.url)
    fresh = {"ETag": '"fresh"', "Last-Modified": "Sun, 01 Jan 2034 00:00:00 GMT"}
    server.set("/fresh.xml", b"", status=304, headers=fresh)
    result = timed_poll(poller, feed, now=5000.0)
    assert (result.feed, result.outcome, result.entries, result.status) == (feed, "not_modified", [], 304)
    assert 0 < result.elapsed < BOUND
    sent = server.requests[-1][1]
    assert (sent["if-none-match"], sent["if-modified-since"]) == (first.etag, first.last_modified)
    state = store.get(feed.url)
    assert (state.etag, state.last_modified) == (fresh["ETag"], fresh["Last-Modified"])
    assert (state.last_success, state.last_outcome, state.failures) == (5000.0, "not_modified", 0)
    server.set("/fresh.xml", b"", status=304, headers={"ETag": "", "Last-Modified": ""})
    assert timed_poll(poller, feed, now=6000.0).outcome == "not_modified"
    assert (store.get(feed.url).etag, store.get(feed.url).last_modified) == (fresh["ETag"], fresh["Last-Modified"])


def test_a_feed_is_polled_again_the_moment_its_back_off_ends(server, poller, store):
    server.set("/ends.xml", b"", status=503)
    feed = FeedConfig("Ends", server.url("/ends.xml"))
    until = timed_poll(poller, feed, now=1000.0).retry_at
    skipped = timed_poll(poller, feed, now=until - 0.001)
    assert (skipped.feed, skipped.outcome, skipped.entries, skipped.retry_at) == (feed, "skipped_backoff", [], until)
    server.set("/ends.xml", rss(items(1)))
    assert timed_poll(poller, feed, now=until).outcome == "ok"


def test_a_not_a_feed_failure_keeps_its_http_status(server, poller):
    server.set("/html-status.xml", b"<html><body>Moved</body></html>", "text/html")
    result = timed_poll(poller, FeedConfig("HtmlStatus", server.url("/html-status.xml")), now=1000.0)
    assert (result.outcome, result.status) == ("parse_error", 200)


def test_entries_recovered_from_a_bozo_feed_are_logged_with_the_reason(server, poller, caplog):
    body = (b'<rss version="2.0"><channel><item><title>a</title><link>http://news.test/a</link></item>'
            b'<item><title>b & c</title><link>http://news.test/b</link></item>')
    server.set("/bozo-log.xml", body)
    with caplog.at_level(logging.INFO, logger="connectors.feed_poller"):
        result = timed_poll(poller, FeedConfig("BozoLog", server.url("/bozo-log.xml")))
    assert [r.getMessage() for r in caplog.records] == [
        f"feed BozoLog: recovered {len(result.entries)} entries from a bozo feed: {result.warning}"]


def test_the_default_back_off_starts_at_a_minute_and_stops_at_six_hours(store):
    poller = FeedPoller(store)
    assert 60.0 <= poller.backoff_delay(1) <= 66.0
    assert poller.backoff_delay(1000) == 6 * 3600.0
