"""No feed reaches inside the network: loopback, private, link-local, multicast, reserved and
unspecified addresses are refused for the feed URL and every redirect, unless allowed; the
connection goes to the address that was checked."""
import socket
import time

import pytest
import requests

from connectors.feed_config import FeedConfig
from connectors.feed_poller import FeedPoller
from connectors.feed_state import FeedStateStore
from connectors.http_fetch import FetchError, FetchLimits, address_blocked, fetch, vetted_address
from tests.feed_server import FeedServer, rss
from tests.pipeline_process import PipelineProcess, write_feeds_yaml

STRICT = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1", "169.254.169.254",
    "0.0.0.0", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.2.10",
    "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "2001:db8::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1"])
def test_inside_addresses_are_blocked(address):
    assert address_blocked(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "151.101.1.69", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address):
    assert not address_blocked(address)


def test_names_are_resolved_before_the_check():
    with pytest.raises(FetchError) as err:
        vetted_address("localhost", 80)
    assert err.value.outcome == "blocked_address"
    assert vetted_address("localhost", 80, allow_private=True) in ("127.0.0.1", "::1")


@pytest.fixture
def server():
    with FeedServer() as srv:
        srv.set("/feed.xml", rss([{"title": "Inside only", "link": "http://x.test/1"}]))
        yield srv


def test_a_feed_on_loopback_is_refused_without_the_option(server):
    for url in (server.url("/feed.xml"), f"http://localhost:{server.port}/feed.xml",
                f"http://[::ffff:127.0.0.1]:{server.port}/feed.xml"):
        with pytest.raises(FetchError) as err:
            fetch(url, limits=STRICT)
        assert err.value.outcome == "blocked_address"
    assert server.hits("/feed.xml") == 0   # refused before connecting


def test_a_redirect_into_the_network_is_refused():
    # The public side is played by 127.0.0.1, allow-listed; the inside by 127.0.0.2, which is not.
    limits = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0, private_allowlist=("127.0.0.1/32",))
    with FeedServer() as public, FeedServer(host="127.0.0.2") as inside:
        inside.set("/internal.xml", rss([{"title": "INTERNAL-SECRET-42"}]))
        public.set("/ok.xml", rss([{"title": "public"}]))
        assert fetch(public.url("/ok.xml"), limits=limits).status == 200
        for target in (inside.url("/internal.xml"), f"http://[::ffff:127.0.0.2]:{inside.port}/internal.xml"):
            public.set_redirect("/feed.xml", target)
            with pytest.raises(FetchError) as err:
                fetch(public.url("/feed.xml"), limits=limits)
            assert err.value.outcome == "blocked_address"
        assert inside.hits("/internal.xml") == 0


@pytest.fixture
def lookups(monkeypatch):
    """The host names resolved through the system resolver during a test."""
    seen = []
    real = socket.getaddrinfo

    def counting(host, *args, **kwargs):
        seen.append(host)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", counting)
    return seen


def test_an_https_connection_goes_to_the_checked_address_without_a_second_lookup(server, lookups):
    # No TLS server is needed to see it: the handshake with the plain HTTP server fails, after the one lookup.
    with pytest.raises(FetchError) as err:
        fetch(f"https://localhost:{server.port}/feed.xml", limits=FetchLimits(total_timeout=3.0, allow_private=True))
    assert err.value.outcome == "connection_error" and "WRONG_VERSION_NUMBER" in str(err.value)   # a TLS failure
    assert lookups.count("localhost") == 1


def test_the_connection_goes_to_the_checked_address_without_a_second_lookup(server, lookups):
    res = fetch(f"http://localhost:{server.port}/feed.xml", limits=FetchLimits(allow_private=True))
    assert res.status == 200
    assert lookups.count("localhost") == 1
    assert server.requests[-1][1]["host"] == f"localhost:{server.port}"   # the Host header keeps the name


def test_the_poller_counts_a_refused_address_and_backs_off(server, redis_client, key_prefix):
    poller = FeedPoller(FeedStateStore(redis_client, prefix=key_prefix), limits=STRICT)
    result = poller.poll(FeedConfig(name="inside", url=server.url("/feed.xml")))
    assert (result.outcome, result.entries) == ("blocked_address", [])
    assert result.retry_at and result.retry_at > time.time()


def test_run_refuses_a_loopback_feed_unless_allowed(redis_url, redis_client, key_prefix, server, tmp_path):
    feeds = write_feeds_yaml(tmp_path / "feeds.yaml", [{"name": "inside", "url": server.url("/feed.xml")}])
    job = PipelineProcess(feeds, redis_url, key_prefix, tmp_path / "spill.jsonl", allow_private=False).start()
    try:
        job.wait_for_metric('dyadwatch_feed_polls_total{feed="inside",outcome="blocked_address"}', 1, timeout=90)
    finally:
        job.stop()
    assert server.hits("/feed.xml") == 0

    allowed = PipelineProcess(feeds, redis_url, key_prefix + "-b", tmp_path / "spill-b.jsonl").start()
    try:
        allowed.wait_for_metric('dyadwatch_feed_polls_total{feed="inside",outcome="ok"}', 1, timeout=90)
    finally:
        allowed.stop()
        for key in redis_client.scan_iter(f"{key_prefix}-b:*"):
            redis_client.delete(key)
    assert server.hits("/feed.xml") >= 1


@pytest.mark.parametrize("how", ["session", "environment"])
def test_a_callers_session_with_a_proxy_still_connects_to_the_checked_address(how, monkeypatch):
    # A proxy would resolve the name again itself (and was sent to the feed's address on the
    # proxy's port): fetch never uses one, whether the session or the environment names it.
    limits = FetchLimits(connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0, allow_private=True)
    with FeedServer() as feed, FeedServer(host="127.0.0.2") as proxy:
        body = rss([{"title": "direct"}])
        feed.set("/feed.xml", body)
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        with requests.Session() as session:
            if how == "session":
                session.proxies = {"http": proxy.url("/"), "all": proxy.url("/")}
            else:
                monkeypatch.setenv("HTTP_PROXY", proxy.url("/"))
                monkeypatch.setenv("http_proxy", proxy.url("/"))
            res = fetch(feed.url("/feed.xml"), limits=limits, session=session)
        assert (res.status, res.body) == (200, body)
        assert feed.requests[-1][0] == "/feed.xml" and proxy.requests == []


def test_a_refusal_names_the_addresses_and_the_option_that_lifts_it():
    with pytest.raises(FetchError) as err:
        vetted_address("127.0.0.1", 80)
    assert (err.value.outcome, str(err.value)) == (
        "blocked_address", "127.0.0.1 resolves to 127.0.0.1: a loopback, private, link-local, multicast or reserved "
                           "address (--allow-private-feeds permits it)")
