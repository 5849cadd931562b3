"""Publishing is atomic: a failed XADD leaves no marker, the alert stays pending, and it is
delivered exactly once after the cause is fixed."""
import json

import pytest
import redis

from connectors.redis_sink import AlertDelivery, RedisAlertWriter, stream_key


def alert(n: int) -> dict:
    return {"id": f"atomic-{n}", "event": "CONSULT", "source": [{"code": "CAN"}], "target": [{"code": "RUS"}],
            "fetched_at": None}


def test_failed_xadd_leaves_no_marker(redis_url, redis_client, key_prefix):
    redis_client.set(stream_key(key_prefix), "not a stream")   # XADD now fails: WRONGTYPE
    writer = RedisAlertWriter(redis_url, key_prefix)
    with pytest.raises(redis.ResponseError):
        writer.write([alert(1)])
    writer.close()
    assert not redis_client.exists(f"{key_prefix}:alert:atomic-1")


def test_alert_stays_pending_while_the_stream_is_broken_then_arrives_once(redis_url, redis_client, key_prefix,
                                                                         tmp_path):
    redis_client.set(stream_key(key_prefix), "not a stream")
    delivery = AlertDelivery(RedisAlertWriter(redis_url, key_prefix), str(tmp_path / "spill.jsonl"), max_backoff=0.5)
    try:
        assert delivery.submit([alert(1), alert(2)]) == (0, 0, 2)
        assert not delivery.flush(timeout=1.5)       # retried, still failing: nothing marked, nothing lost
        assert delivery.pending() == 2
        assert not redis_client.exists(f"{key_prefix}:alert:atomic-1")

        redis_client.delete(stream_key(key_prefix))   # the key is fixed
        assert delivery.flush(timeout=10)
        assert delivery.submit([alert(1)]) == (0, 1, 0)   # already published: a no-op
    finally:
        assert delivery.close(timeout=5) == 0
    ids = [json.loads(fields["alert"])["id"] for _, fields in redis_client.xrange(stream_key(key_prefix))]
    assert sorted(ids) == ["atomic-1", "atomic-2"]


def test_stream_maxlen_below_one_is_refused():
    with pytest.raises(ValueError):
        RedisAlertWriter("redis://127.0.0.1:1/0", "x", stream_maxlen=0)


def test_an_alert_submitted_while_others_wait_goes_after_them(redis_url, redis_client, key_prefix, tmp_path):
    # Redis answers again, but the retry thread has not drained the backlog yet: a new alert must not jump it.
    import time

    from prometheus_client import REGISTRY

    def errors():
        return REGISTRY.get_sample_value("dyadwatch_publish_errors_total") or 0.0

    redis_client.set(stream_key(key_prefix), "not a stream")
    delivery = AlertDelivery(RedisAlertWriter(redis_url, key_prefix), str(tmp_path / "spill.jsonl"))
    try:
        before = errors()
        assert delivery.submit([alert(1)]) == (0, 0, 1)
        deadline = time.monotonic() + 10
        while errors() < before + 2 and time.monotonic() < deadline:   # the retry thread failed too:
            time.sleep(0.01)                                              # it now waits 0.5 s
        redis_client.delete(stream_key(key_prefix))
        assert delivery.submit([alert(2)]) == (0, 0, 1)   # queued behind alert 1, not published first
        assert delivery.flush(timeout=10)
    finally:
        delivery.close(timeout=5)
    ids = [json.loads(fields["alert"])["id"] for _, fields in redis_client.xrange(stream_key(key_prefix))]
    assert ids == ["atomic-1", "atomic-2"]
