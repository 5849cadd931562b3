"""fetch() against a local server behaving well and badly: each bad behaviour
must end as a FetchError with the right outcome, within the time bound."""
import errno
import socket
import threading
import time
import tracemalloc

import pytest
import requests

from connectors.http_fetch import FetchError, FetchLimits, fetch, parse_retry_after, redact
from tests.feed_server import UNRESOLVABLE_URL, FeedServer, rss

# Small limits keep the suite fast; the guarantees scale with them.
# allow_private: the test server listens on 127.0.0.1 (test_ssrf.py covers the refusal).
FAST = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=1.5, max_bytes=1024 * 1024,
                   allow_private=True)
SLACK = 1.0  # scheduling slack on top of total_timeout


@pytest.fixture(scope="module")
def server():
    with FeedServer() as srv:
        yield srv


def fail(url, limits=FAST, **kwargs) -> tuple[FetchError, float]:
    start = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch(url, limits=limits, **kwargs)
    elapsed = time.monotonic() - start
    assert elapsed < limits.total_timeout + SLACK
    return err.value, elapsed


def test_ok_and_conditional_get(server):
    body = rss([{"title": "one", "link": "http://x.test/1"}])
    server.set("/ok.xml", body)
    res = fetch(server.url("/ok.xml"), limits=FAST)
    assert (res.status, res.body, res.url) == (200, body, server.url("/ok.xml"))
    assert res.headers["etag"] and res.headers["last-modified"]
    assert res.headers["content-type"].startswith("application/rss+xml")

    by_etag = fetch(server.url("/ok.xml"), etag=res.headers["etag"], limits=FAST)
    by_date = fetch(server.url("/ok.xml"), last_modified=res.headers["last-modified"], limits=FAST)
    assert (by_etag.status, by_etag.body) == (304, b"")
    assert (by_date.status, by_date.body) == (304, b"")
    assert server.requests[-1][1]["if-modified-since"] == res.headers["last-modified"]

    server.set("/ok.xml", rss([{"title": "two"}]))  # changed: the old ETag no longer matches
    assert fetch(server.url("/ok.xml"), etag=res.headers["etag"], limits=FAST).status == 200


def test_gzip_body_is_decoded(server):
    body = rss([{"title": "zipped"}])
    server.set("/gz.xml", body, gzip=True)
    assert fetch(server.url("/gz.xml"), limits=FAST).body == body


def test_follows_a_few_redirects(server):
    server.set("/final.xml", b"<rss/>")
    server.set_redirect("/hop1", "/hop2")
    server.set_redirect("/hop2", server.url("/final.xml"), status=301)
    res = fetch(server.url("/hop1"), limits=FAST)
    assert (res.status, res.url) == (200, server.url("/final.xml"))


@pytest.mark.parametrize("content_length", [True, False])
def test_huge_body(server, content_length):
    server.set_huge("/huge", 50 * 1024 * 1024, content_length=content_length)
    err, _ = fail(server.url("/huge"))
    assert (err.outcome, err.status) == ("too_large", 200)
    if not content_length:   # counted while reading
        assert str(err) == f"body exceeds cap {FAST.max_bytes} bytes"


def test_gzip_bomb_counts_decompressed_bytes(server):
    server.set_gzip_bomb("/bomb.xml", 100 * 1024 * 1024)  # ~100 KB on the wire
    err, _ = fail(server.url("/bomb.xml"))
    assert err.outcome == "too_large"


def test_gzip_bomb_is_never_inflated_past_the_cap_in_memory(server):
    server.set_gzip_bomb("/bomb-mem.xml", 200 * 1024 * 1024)
    tracemalloc.start()
    try:
        err, _ = fail(server.url("/bomb-mem.xml"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert err.outcome == "too_large"
    assert peak < 4 * FAST.max_bytes, f"peak {peak} bytes while reading a 200 MiB gzip bomb"


def test_gzip_just_under_the_cap_is_fine(server):
    body = b"<rss>" + b" " * (FAST.max_bytes - 20) + b"</rss>"
    server.set("/big-ok.xml", body, gzip=True)
    assert fetch(server.url("/big-ok.xml"), limits=FAST).body == body


def test_corrupt_gzip(server):
    server.set("/corrupt.xml", b"this is not gzip", headers={"Content-Encoding": "gzip"})
    err, _ = fail(server.url("/corrupt.xml"))
    assert (err.outcome, err.status) == ("parse_error", 200)
    assert str(err).startswith("corrupt gzip body: ")   # names the encoding, then urllib3's reason


def test_drip_body_hits_total_deadline(server):
    server.set("/drip.xml", b"x" * 1000, drip=10)  # each byte well within read_timeout
    err, elapsed = fail(server.url("/drip.xml"))
    assert err.outcome == "timeout" and elapsed >= FAST.total_timeout - 0.1


def test_drip_headers_hit_total_deadline(server):
    server.set("/drip-head.xml", b"x" * 10, drip=10, drip_headers=True)
    err, _ = fail(server.url("/drip-head.xml"))
    assert err.outcome == "timeout"


def test_slow_headers(server):
    server.set("/slow.xml", b"<rss/>", delay=5)
    err, elapsed = fail(server.url("/slow.xml"))
    assert err.outcome == "timeout" and elapsed < FAST.read_timeout + SLACK


def test_connection_refused():
    with FeedServer() as gone:  # a port that was just ours and is now closed
        url = gone.url("/feed.xml")
    err, _ = fail(url)
    assert err.outcome == "connection_error"
    assert (f"_HTTPConn(host='127.0.0.1', port={gone.port}): Failed to establish a new connection to 127.0.0.1: "
            f"[Errno {errno.ECONNREFUSED}]") in str(err)   # which connection, to which address, and why


def test_a_connect_that_gets_no_answer_ends_at_the_connect_timeout():
    # A listener whose accept queue is full drops new SYNs: the connect waits, as for a dead host.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = [socket.socket() for _ in range(3)]
        try:
            for filler in fillers:
                filler.setblocking(False)
                filler.connect_ex(listener.getsockname())
            err, _ = fail(f"http://127.0.0.1:{port}/feed.xml")
        finally:
            for filler in fillers:
                filler.close()
    assert err.outcome == "timeout"
    assert f"<_HTTPConn(host='127.0.0.1', port={port}) at " in str(err)
    assert "'Connection to 127.0.0.1 (127.0.0.1) timed out'" in str(err)


def test_dns_failure():
    err, _ = fail(UNRESOLVABLE_URL)
    assert err.outcome == "dns_error"
    assert str(err).startswith(f"cannot resolve {'x' * 64}.invalid: ")   # the name, then the resolver's reason


def test_redirect_loop(server):
    server.set_redirect("/loop-a", "/loop-b")
    server.set_redirect("/loop-b", "/loop-a")
    err, _ = fail(server.url("/loop-a"))
    assert (err.outcome, err.status, str(err)) == ("redirect_loop", 302,
                                                   f"redirect loop back to {server.url('/loop-a')}")
    assert server.hits("/loop-a") == 1 and server.hits("/loop-b") == 1   # found at once, not after max_redirects


def test_too_many_redirects(server):
    for i in range(10):
        server.set_redirect(f"/chain{i}", f"/chain{i + 1}")
    server.set("/chain10", b"<rss/>")
    assert fail(server.url("/chain0"))[0].outcome == "redirect_loop"
    assert server.hits("/chain10") == 0


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_http_errors(server, status):
    server.set(f"/status{status}", b"nope", status=status)
    err, _ = fail(server.url(f"/status{status}"))
    assert (err.outcome, err.status, err.retry_after) == ("http_error", status, None)


def test_retry_after_seconds_and_date(server):
    server.set("/busy", b"", status=503, headers={"Retry-After": "120"})
    assert fail(server.url("/busy"))[0].retry_after == 120.0
    when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 600))
    server.set("/limited", b"", status=429, headers={"Retry-After": when})
    assert 590 < fail(server.url("/limited"))[0].retry_after <= 600


def test_parse_retry_after():
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60.0
    assert parse_retry_after("in a while") is None and parse_retry_after(None) is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past


@pytest.mark.parametrize("url", ["ftp://example.invalid/feed", "file:///etc/passwd", "feed.xml",
                                 "http://", "javascript:alert(1)"])
def test_bad_urls(url):
    assert fail(url)[0].outcome == "bad_url"


def test_redirect_to_other_scheme(server):
    server.set_redirect("/to-file", "file:///etc/passwd")
    assert fail(server.url("/to-file"))[0].outcome == "bad_url"


def test_redact():
    assert redact("https://bob:s3cret@feeds.example:8443/x?y=1") == "https://feeds.example:8443/x?y=1"
    assert redact("http://feeds.example/x") == "http://feeds.example/x"


def test_sends_user_agent(server):
    server.set("/ua.xml", b"<rss/>")
    fetch(server.url("/ua.xml"), limits=FAST)
    assert server.requests[-1][1]["user-agent"] == FAST.user_agent
    assert server.requests[-1][1]["accept-encoding"] == "gzip, deflate"


def test_callers_session_still_has_the_deadline(server):
    server.set("/drip-session.xml", b"x" * 1000, drip=10)
    with requests.Session() as session:
        err, _ = fail(server.url("/drip-session.xml"), session=session)
    assert err.outcome == "timeout"


# --- found by mutmut: credentials out of logs, Retry-After, how failures are classified ---

@pytest.mark.parametrize("url, shown", [
    ("http://bob@feeds.example/x", "http://feeds.example/x"),                  # user only
    ("http://:s3cret@feeds.example/x", "http://feeds.example/x"),              # password only
    ("http://bob:s3cret@[2001:db8::1]:8080/x", "http://[2001:db8::1]:8080/x"),  # IPv6 keeps its brackets
    ("https://bob:s3cret@Feeds.Example/x#f", "https://feeds.example/x#f"),
    ("http://bob:s3cret@/x", "http:///x"),                                     # no host at all
])
def test_redact_drops_any_credentials(url, shown):
    assert redact(url) == shown


def test_redact_leaves_a_url_without_credentials_exactly_as_it_is():
    for url in ("http://News.Example:8080/A?q=1#f", "HTTP://feeds.example", "feed.xml", ""):
        assert redact(url) == url


def test_redact_of_an_unparseable_url_says_so_without_echoing_it():
    assert redact("http://bob:s3cret@[::1/x") == "<unparseable url>"


def test_retry_after_of_zero_or_less_means_now():
    assert parse_retry_after("0") == 0.0 and parse_retry_after("-30") == 0.0
    assert parse_retry_after(" 0.5 ") == 0.5


def test_retry_after_date_without_a_zone_is_gmt_whatever_the_machines_zone(monkeypatch):
    # RFC 5322's "-0000" gives a naive datetime; the machine's zone must not shift it.
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 -0000", now=1445412480 - 60) == 60.0
        assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60.0
    finally:
        monkeypatch.undo()
        time.tzset()


def _pool():
    import urllib3
    return urllib3.HTTPConnectionPool("feeds.example", 80)


def _requests_error(reason: Exception) -> requests.exceptions.ConnectionError:
    """What requests raises when urllib3 gives up on a connection: the cause sits in
    MaxRetryError.reason, inside the ConnectionError's args."""
    import urllib3
    return requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(_pool(), "/x", reason))


def _classified(exc: Exception) -> FetchError:
    from connectors.http_fetch import _classify, _Watchdog
    return _classify(exc, _Watchdog(60), FAST)


def test_a_refused_connection_is_a_connection_error_not_a_timeout():
    import urllib3
    # NewConnectionError subclasses ConnectTimeoutError: it must still count as refused.
    refused = urllib3.exceptions.NewConnectionError(None, "Failed to establish a new connection: refused")
    err = _classified(_requests_error(refused))
    assert err.outcome == "connection_error"
    assert str(err).startswith("ConnectionError: ") and "refused" in str(err)


@pytest.mark.parametrize("reason", ["connect", "read"])
def test_a_timeout_wrapped_by_requests_is_a_timeout(reason):
    import urllib3
    inner = (urllib3.exceptions.ConnectTimeoutError(None, "connect timed out") if reason == "connect"
             else urllib3.exceptions.ReadTimeoutError(_pool(), "/x", "read timed out"))
    err = _classified(_requests_error(inner))
    assert err.outcome == "timeout" and "timed out" in str(err)


def test_a_name_that_does_not_resolve_is_a_dns_error_however_deep_the_cause():
    import socket

    import urllib3
    gai = socket.gaierror(-2, "Name or service not known")
    err = _classified(_requests_error(urllib3.exceptions.NameResolutionError("feeds.example", None, gai)))
    assert err.outcome == "dns_error" and str(err).startswith("ConnectionError: ") and "feeds.example" in str(err)
    try:  # a cause found through __cause__ / __context__, not args or reason
        try:
            raise gai
        except socket.gaierror as first:
            raise OSError("lookup failed") from first
    except OSError as wrapped:
        try:
            raise RuntimeError("fetch failed")
        except RuntimeError as outer:
            assert outer.__context__ is wrapped
            assert _classified(outer).outcome == "dns_error"


def test_a_cause_chain_with_a_cycle_is_classified_and_ends():
    import socket
    a, b = RuntimeError("a"), RuntimeError("b")
    a.__context__, b.__context__ = b, a
    err = _classified(a)
    assert (err.outcome, str(err)) == ("connection_error", "RuntimeError: a")
    b.__cause__ = ConnectionRefusedError("refused")
    assert _classified(a).outcome == "connection_error"
    b.__cause__ = socket.gaierror(-2, "Name or service not known")  # found behind the cycle
    assert _classified(a).outcome == "dns_error"


@pytest.mark.parametrize("name", ["InvalidURL", "MissingSchema", "InvalidSchema", "URLRequired"])
def test_a_url_requests_refuses_is_a_bad_url(name):
    err = _classified(getattr(requests.exceptions, name)("no good"))
    assert (err.outcome, str(err)) == ("bad_url", f"{name}: no good")


def test_a_plain_socket_timeout_is_a_timeout():
    import socket
    err = _classified(socket.timeout("timed out"))
    assert (err.outcome, str(err)) == ("timeout", "TimeoutError: timed out")


def test_any_failure_once_the_deadline_has_passed_is_a_timeout():
    from connectors.http_fetch import _classify, _Watchdog
    dog = _Watchdog(60)
    dog._fire()  # what the timer does at the deadline: shut the sockets, mark the fetch late
    err = _classify(requests.exceptions.ConnectionError("Connection aborted."), dog, FAST)
    assert (err.outcome, str(err)) == ("timeout", f"total timeout {FAST.total_timeout}s exceeded")


def test_every_branch_of_a_cause_tree_is_searched():
    import socket
    # The wrapper holds an unrelated exception in its args *and* the real cause in __cause__.
    try:
        raise requests.exceptions.ConnectionError(RuntimeError("pool closed"))
    except requests.exceptions.ConnectionError as exc:
        exc.__cause__ = socket.gaierror(-2, "Name or service not known")
        assert _classified(exc).outcome == "dns_error"


# --- found by mutmut, second round: what a result and an error carry ---

def test_a_304_carries_the_final_url_its_headers_and_its_elapsed_time(server):
    server.set("/cond.xml", rss([{"title": "same"}]))
    first = fetch(server.url("/cond.xml"), limits=FAST)
    server.set_redirect("/cond-old", "/cond.xml")
    res = fetch(server.url("/cond-old"), etag=first.headers["etag"], limits=FAST)
    assert (res.status, res.body, res.url) == (304, b"", server.url("/cond.xml"))
    assert res.headers["etag"] == first.headers["etag"]
    assert isinstance(res.elapsed, float) and 0.0 < res.elapsed < 3600   # a duration, not a clock reading


def test_a_content_length_over_the_cap_is_refused_before_reading(server):
    server.set_huge("/huge-declared", 50 * 1024 * 1024, content_length=True)
    err, _ = fail(server.url("/huge-declared"))
    assert (err.outcome, err.status) == ("too_large", 200)
    assert str(err) == f"Content-Length {50 * 1024 * 1024} > cap {FAST.max_bytes}"


def test_asks_for_feeds_first(server):
    server.set("/accept.xml", b"<rss/>")
    fetch(server.url("/accept.xml"), limits=FAST)
    assert server.requests[-1][1]["accept"] == ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                                                "text/xml;q=0.9, */*;q=0.5")


def test_credentials_in_a_netrc_file_are_never_sent_to_a_feed(server, tmp_path, monkeypatch):
    # Our own session ignores the environment (trust_env off): no proxy, and no .netrc password.
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login bob password s3cret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    server.set("/netrc.xml", b"<rss/>")
    assert fetch(server.url("/netrc.xml"), limits=FAST).status == 200
    assert "authorization" not in server.requests[-1][1]


def test_a_read_past_the_deadline_ends_as_a_timeout_even_before_the_watchdog_fires(server):
    # The watchdog's shutdown is one guard; the read loop checks the clock itself too.
    from connectors.http_fetch import _read, _Watchdog
    server.set("/late.xml", b"<rss/>")
    with requests.Session() as session:
        session.trust_env = False
        resp = session.get(server.url("/late.xml"), stream=True)
        long_ago = time.monotonic() - 10 * FAST.total_timeout
        with pytest.raises(FetchError) as err:
            _read(resp, server.url("/late.xml"), FAST, long_ago, _Watchdog(60))
        resp.close()
    assert (err.value.outcome, str(err.value)) == (
        "timeout", f"total timeout {FAST.total_timeout}s exceeded while reading")


def test_a_socket_handed_to_the_watchdog_after_the_deadline_is_shut_at_once():
    import socket

    from connectors.http_fetch import _Watchdog
    dog = _Watchdog(60)
    dog._fire()   # the deadline passed while the connection was still being made
    ours, theirs = socket.socketpair()
    with ours, theirs:
        ours.settimeout(5)   # only so that a failure cannot hang the suite
        dog.watch(ours)
        assert ours.recv(1) == b""   # shut down: a blocked header read would wake with nothing
        with pytest.raises(OSError):
            ours.sendall(b"GET / HTTP/1.1\r\n")


def test_a_callers_session_after_fetch_opens_no_connection_to_an_unvetted_address(server):
    # fetch() leaves its adapter mounted: outside a fetch there is no vetted address, so no new
    # connection is made, in this thread or another; a connection fetch() left open still serves.
    server.set("/vetted.xml", b"<rss/>")
    with FeedServer() as other, requests.Session() as session:
        other.set("/other.xml", b"<rss/>")
        assert fetch(server.url("/vetted.xml"), limits=FAST, session=session).status == 200
        outcomes = []

        def use_session():
            try:
                session.get(other.url("/other.xml"), timeout=5)
            except FetchError as exc:
                outcomes.append((exc.outcome, str(exc)))
            outcomes.append(session.get(server.url("/vetted.xml"), timeout=5).status_code)

        use_session()
        thread = threading.Thread(target=use_session)
        thread.start()
        thread.join()
        assert outcomes == [("blocked_address", "no vetted address for 127.0.0.1"), 200] * 2
        assert other.hits("/other.xml") == 0


def test_exactly_max_redirects_are_followed_and_one_more_is_refused(server):
    limits = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0, max_redirects=2,
                         allow_private=True)
    server.set("/end.xml", b"<rss/>")
    server.set_redirect("/two-a", "/two-b")
    server.set_redirect("/two-b", "/end.xml")
    assert fetch(server.url("/two-a"), limits=limits).url == server.url("/end.xml")
    server.set_redirect("/three-a", "/three-b")
    server.set_redirect("/three-b", "/three-c")
    server.set_redirect("/three-c", "/end.xml")
    hits = server.hits("/end.xml")
    err, _ = fail(server.url("/three-a"), limits=limits)
    assert (err.outcome, str(err)) == ("redirect_loop", "more than 2 redirects")
    assert server.hits("/three-c") == 1 and server.hits("/end.xml") == hits


def test_no_request_is_made_once_no_time_is_left(server):
    server.set("/no-time.xml", b"<rss/>")
    err, _ = fail(server.url("/no-time.xml"), limits=FetchLimits(total_timeout=0.0, allow_private=True))
    assert (err.outcome, str(err)) == ("timeout", "total timeout 0.0s exceeded")
    assert server.hits("/no-time.xml") == 0


def test_headers_cut_short_at_the_deadline_are_a_timeout_not_a_short_response(server):
    # Shut down after the status line, the socket ends the headers early: http.client sees a complete,
    # empty, close-delimited response. The deadline having passed makes it a timeout all the same.
    limits = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0, allow_private=True)
    server.set("/cut-head.xml", b"<rss/>", drip=20, drip_headers=True)
    err, _ = fail(server.url("/cut-head.xml"), limits=limits)
    assert (err.outcome, str(err)) == ("timeout", "total timeout 3.0s exceeded")


def test_a_bad_url_is_named_without_its_credentials():
    err, _ = fail("ftp://bob:s3cret@feeds.example/feed.xml")
    assert (err.outcome, str(err)) == ("bad_url", "not a fetchable http(s) url: 'ftp://feeds.example/feed.xml'")



def test_a_200_carries_its_elapsed_time(server):
    server.set("/timed.xml", b"<rss/>")
    res = fetch(server.url("/timed.xml"), limits=FAST)
    assert isinstance(res.elapsed, float) and 0.0 < res.elapsed < 3600   # a duration, not a clock reading


def test_a_300_without_location_is_an_http_error_not_a_feed(server):
    server.set("/choices", b"<rss/>", status=300)
    err, _ = fail(server.url("/choices"))
    assert (err.outcome, err.status, str(err)) == ("http_error", 300, "HTTP 300 Multiple Choices")


def test_an_http_error_without_a_reason_phrase_says_only_its_status(server):
    server.set("/odd-status", b"", status=599)
    err, _ = fail(server.url("/odd-status"))
    assert (err.outcome, err.status, str(err)) == ("http_error", 599, "HTTP 599")


@pytest.mark.parametrize("content_length", [True, False])
def test_a_body_of_exactly_the_cap_is_fetched(server, content_length):
    body = b"<rss>" + b"x" * (FAST.max_bytes - 11) + b"</rss>"
    assert len(body) == FAST.max_bytes
    server.set("/exact.xml", body, content_length=content_length)
    assert fetch(server.url("/exact.xml"), limits=FAST).body == body


def test_a_body_that_stalls_longer_than_a_read_is_a_read_timeout(server):
    limits = FetchLimits(connect_timeout=1.0, read_timeout=0.5, total_timeout=5.0, allow_private=True)
    server.set("/stall.xml", b"<rss>" + b" " * 100 + b"</rss>", drip=1)   # headers at once, then a byte a second
    err, _ = fail(server.url("/stall.xml"), limits=limits)
    assert err.outcome == "timeout" and str(err).startswith("ReadTimeoutError: ")



def test_a_status_line_cut_at_the_deadline_is_a_timeout(server):
    # Shut down mid-status-line, http.client raises (not a short response): classified as the deadline.
    server.set("/drip-status.xml", b"<rss/>", drip=4, drip_headers=True)
    err, _ = fail(server.url("/drip-status.xml"))
    assert (err.outcome, str(err)) == ("timeout", f"total timeout {FAST.total_timeout}s exceeded")


def test_a_budget_under_a_second_still_fetches(server):
    server.set("/quick.xml", b"<rss/>")
    limits = FetchLimits(connect_timeout=0.5, read_timeout=0.5, total_timeout=0.9, allow_private=True)
    assert fetch(server.url("/quick.xml"), limits=limits).body == b"<rss/>"
