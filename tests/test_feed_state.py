"""The per-feed state store on its own: what it keeps in Redis, what it does when Redis
goes away and comes back, and how it reads a hash it did not write (found by mutmut;
the poller's tests in test_feed_poller.py cover the store end to end)."""
import logging

import pytest
import redis
from prometheus_client import REGISTRY
from redis.backoff import NoBackoff
from redis.retry import Retry

from connectors.embedded_redis import EmbeddedRedis, free_port
from connectors.feed_state import FeedState, FeedStateStore

URL = "http://a.test/feed"


def redis_up() -> float:
    return REGISTRY.get_sample_value("dyadwatch_redis_up")


@pytest.fixture
def own_redis():
    """A Redis of this test's own, which it may stop and start again (same port, empty)."""
    srv = EmbeddedRedis(port=free_port()).start()
    client = redis.Redis(host="127.0.0.1", port=srv.port, socket_connect_timeout=0.5, socket_timeout=0.5,
                         retry=Retry(NoBackoff(), 0), decode_responses=True)
    try:
        yield srv, client
    finally:
        client.close()
        srv.stop()


def test_default_prefix_is_the_jobs_default_key_prefix():
    key = FeedStateStore(None).key(URL)
    assert key.startswith("dyadwatch:feed:") and len(key) == len("dyadwatch:feed:") + 20


def test_state_is_kept_for_thirty_days(store_pair):
    store, client = store_pair
    store.put(URL, FeedState(etag='"e"'))
    assert 30 * 86400 - 60 < client.ttl(store.key(URL)) <= 30 * 86400


@pytest.fixture
def store_pair(redis_client, key_prefix):
    return FeedStateStore(redis_client, prefix=key_prefix), redis_client


def test_a_state_another_worker_wrote_later_wins(redis_client, key_prefix):
    # Two workers (two stores) share one Redis: once a store's own write has reached Redis,
    # it reads what the other worker wrote since, and never writes its old state back over it.
    first = FeedStateStore(redis_client, prefix=key_prefix)
    second = FeedStateStore(redis_client, prefix=key_prefix)
    first.put(URL, FeedState(etag='"old"', last_outcome="ok"))
    second.put(URL, FeedState(etag='"new"', failures=1, last_outcome="timeout"))
    assert first.get(URL) == FeedState(etag='"new"', failures=1, last_outcome="timeout")
    assert redis_client.hget(first.key(URL), "etag") == '"new"'


def test_a_state_read_from_redis_is_still_known_when_redis_goes_away(own_redis, caplog):
    srv, client = own_redis
    FeedStateStore(client, prefix="dwtest-read").put(URL, FeedState(etag='"r"', failures=2))
    store = FeedStateStore(client, prefix="dwtest-read", redis_retry_seconds=0)
    assert store.get(URL) == FeedState(etag='"r"', failures=2)
    assert redis_up() == 1
    srv.kill()
    assert store.get(URL) == FeedState(etag='"r"', failures=2)
    assert redis_up() == 0
    warning = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING][0]
    assert "Connection" in warning or "refused" in warning  # the cause, not "None"


def test_after_a_redis_error_redis_is_left_alone_for_the_retry_time(own_redis):
    srv, client = own_redis
    store = FeedStateStore(client, prefix="dwtest-wait", redis_retry_seconds=3600)
    srv.kill()
    store.put(URL, FeedState(etag='"m"'))  # fails: Redis is not asked again for an hour
    srv.start()
    assert store.get(URL) == FeedState(etag='"m"')  # from memory
    store.put(URL, FeedState(etag='"n"'))
    assert client.keys("dwtest-wait:*") == []


def test_an_outage_is_logged_once_with_its_cause_and_the_recovery_once(own_redis, caplog):
    srv, client = own_redis
    store = FeedStateStore(client, prefix="dwtest-log", redis_retry_seconds=0)
    caplog.set_level(logging.INFO, logger="connectors.feed_state")
    store.put(URL, FeedState(etag='"1"'))
    assert caplog.records == []  # a healthy Redis says nothing

    srv.kill()
    store.put(URL, FeedState(etag='"2"'))
    store.get(URL)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "Redis unavailable" in warnings[0]
    assert "Connection" in warnings[0] or "refused" in warnings[0]  # the cause, not "None"
    assert redis_up() == 0

    srv.start()
    assert store.get(URL) == FeedState(etag='"2"')  # written through on the way
    assert redis_up() == 1
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert infos == ["feed state: Redis is back"]
    # The store goes on working after the recovery, and a second outage is logged again.
    store.put(URL, FeedState(etag='"3"'))
    assert client.hget(store.key(URL), "etag") == '"3"'
    srv.kill()
    store.put(URL, FeedState(etag='"4"'))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2


def test_a_memory_only_store_never_reports_redis_trouble(caplog):
    caplog.set_level(logging.INFO, logger="connectors.feed_state")
    store = FeedStateStore(None)
    store.put(URL, FeedState(etag='"x"'))
    assert store.get(URL) == FeedState(etag='"x"')
    assert caplog.records == []


def test_a_hash_with_bad_bytes_unknown_or_broken_fields_costs_those_fields_only(redis_url, key_prefix):
    # Written by hand, another version or a damaged dump: fields are read in the hash's
    # order, and an unknown, undecodable or unparseable field comes first here.
    client = redis.Redis.from_url(redis_url)  # bytes, like a worker without decode_responses
    store = FeedStateStore(client, prefix=key_prefix)
    key = store.key(URL)
    try:
        client.hset(key, b"\xffodd", b"1")
        client.hset(key, "color", "blue")
        client.hset(key, "backoff_until", "soon")
        client.hset(key, "etag", b'"\xff1"')
        client.hset(key, "failures", "3.0")
        client.hset(key, "last_success", "12.5")
        client.hset(key, "last_outcome", "ok")
        assert store.get(URL) == FeedState(etag='"\ufffd1"', failures=3, last_success=12.5, last_outcome="ok")
    finally:
        client.close()
