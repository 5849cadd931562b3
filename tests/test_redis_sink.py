"""The Redis sink against real Redis servers: contract, idempotency, outages, spill."""
import json
import logging
import threading
import time
from datetime import datetime, timezone

import pytest
import redis
from prometheus_client import REGISTRY

from connectors.embedded_redis import EmbeddedRedis, free_port
from connectors.redis_sink import (AlertDelivery, RedisAlertWriter, alert_channels, close_all, connect,
                                   pending_all, shared_delivery, stream_key)


def make_alert(n: int, source="CAN", target="RUS", event="CONSULT") -> dict:
    return {"id": f"alert-{n}", "event": event, "source": [{"actorText": source, "code": source}],
            "target": [{"actorText": target, "code": target}], "fetched_at": None}


def test_channels_follow_the_contract():
    alert = make_alert(1, source="RUS", target="CAN")
    assert alert_channels(alert, "p") == [
        "p:alerts", "p:alerts:pair:CAN:RUS", "p:alerts:country:CAN", "p:alerts:country:RUS",
        "p:alerts:type:CONSULT"]


def test_publish_goes_to_stream_and_every_channel_once(redis_url, redis_client, key_prefix):
    alert = make_alert(1)
    pubsub = redis_client.pubsub(ignore_subscribe_messages=True)
    channels = alert_channels(alert, key_prefix)
    pubsub.subscribe(*channels)
    time.sleep(0.1)
    writer = RedisAlertWriter(redis_url, key_prefix)
    assert writer.write([alert, alert]) == [True, False]
    assert writer.write([alert]) == [False]
    received = []
    deadline = time.monotonic() + 3
    while len(received) < len(channels) and time.monotonic() < deadline:
        message = pubsub.get_message(timeout=0.2)
        if message:
            received.append(message["channel"])
    time.sleep(0.2)
    assert sorted(received) == sorted(channels)   # each channel once, no repeat
    assert pubsub.get_message(timeout=0.2) is None
    entries = redis_client.xrange(stream_key(key_prefix))
    assert len(entries) == 1
    assert json.loads(entries[0][1]["alert"])["id"] == "alert-1"
    pubsub.close()
    writer.close()


def test_outage_buffers_and_delivers_exactly_once(tmp_path):
    with EmbeddedRedis() as server:
        writer = RedisAlertWriter(server.url, "outage")
        delivery = AlertDelivery(writer, str(tmp_path / "spill.jsonl"), max_memory=50)
        delivery.submit([make_alert(n) for n in range(20)])
        server.kill()
        # Down: 200 more alerts; 50 fit in memory, the rest spill to disk.
        for start in range(20, 220, 20):
            delivery.submit([make_alert(n) for n in range(start, start + 20)])
        assert delivery.pending() == 200 == REGISTRY.get_sample_value("dyadwatch_alerts_pending")
        assert len((tmp_path / "spill.jsonl").read_text().splitlines()) == 150   # memory held its 50
        time.sleep(1.0)
        server.start()
        assert delivery.flush(timeout=60), f"{delivery.pending()} alerts still pending"
        client = redis.Redis.from_url(server.url, decode_responses=True)
        ids = [json.loads(fields["alert"])["id"] for _, fields in client.xrange(stream_key("outage"))]
        # The server kept nothing across the kill: the 20 delivered before it are gone with it;
        # the 200 buffered during the outage arrive, each once.
        assert sorted(ids) == sorted(f"alert-{n}" for n in range(20, 220))
        assert (tmp_path / "spill.jsonl").read_text() == ""
        delivery.close()


def test_leftover_spill_file_is_delivered_at_start(redis_url, redis_client, key_prefix, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="connectors.redis_sink")
    spill = tmp_path / "spill.jsonl"
    lines = [json.dumps(make_alert(n)) for n in range(5)]
    # A blank line (skipped, reading goes on) and a last line cut short by a crash mid-write.
    spill.write_text("\n".join(lines[:2] + [""] + lines[2:]) + '\n{"cut short', encoding="utf-8")
    delivery = AlertDelivery(RedisAlertWriter(redis_url, key_prefix), str(spill))
    assert delivery.flush(timeout=10)
    assert redis_client.xlen(stream_key(key_prefix)) == 5
    assert spill.read_text() == ""
    assert f"spill file {spill} line 7 is not JSON; skipped" in caplog.text   # the operator can find it
    messages = [record.getMessage() for record in caplog.records]
    assert f"found 6 undelivered alerts in {spill}; delivering them first" in messages   # the cut line counts
    assert f"spill file {spill} line 7 is not JSON; skipped" in messages
    assert "Redis reachable again; backlog delivered" in messages
    delivery.close()


def test_non_ascii_alerts_survive_the_spill_file(redis_url, redis_client, key_prefix, tmp_path):
    spill = tmp_path / "spill.jsonl"
    alert = {**make_alert(1), "text": "Stéphane Dion met Сергей Лавров in 老挝"}
    gone = AlertDelivery(RedisAlertWriter(f"redis://127.0.0.1:{free_port()}/0", key_prefix), str(spill))
    gone.submit([alert])
    assert gone.close(timeout=0.1) == 1
    delivery = AlertDelivery(RedisAlertWriter(redis_url, key_prefix), str(spill))
    assert delivery.flush(timeout=10)
    (_, fields), = redis_client.xrange(stream_key(key_prefix))
    assert json.loads(fields["alert"])["text"] == alert["text"]
    delivery.close()


class BatchCountingWriter(RedisAlertWriter):
    """The real writer, noting the size of each batch it is handed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.batches = []

    def write(self, alerts):
        self.batches.append(len(alerts))
        return super().write(alerts)


def test_a_spill_file_of_many_batches_is_delivered_whole(redis_url, redis_client, key_prefix, tmp_path):
    """The drain goes in batches of 500: every batch of a long file arrives, then the file is emptied."""
    spill = tmp_path / "spill.jsonl"
    with spill.open("w", encoding="utf-8") as out:
        for n in range(1234):
            out.write(json.dumps(make_alert(n)) + "\n")
    writer = BatchCountingWriter(redis_url, key_prefix)
    delivery = AlertDelivery(writer, str(spill))
    assert delivery.pending() == 1234
    assert delivery.flush(timeout=30)
    ids = [json.loads(fields["alert"])["id"] for _, fields in redis_client.xrange(stream_key(key_prefix))]
    assert sorted(ids) == sorted(f"alert-{n}" for n in range(1234))
    assert writer.batches == [500, 500, 234]   # read and sent a batch at a time, never the whole file
    assert spill.read_text() == ""
    delivery.close()


def test_an_outage_longer_than_a_batch_loses_nothing(tmp_path):
    """Straight to disk (no memory buffer) while Redis is down, more than two batches' worth."""
    with EmbeddedRedis() as server:
        delivery = AlertDelivery(RedisAlertWriter(server.url, "long"), str(tmp_path / "spill.jsonl"),
                                 max_memory=0, max_backoff=0.5)
        server.kill()
        for start in range(0, 1100, 100):
            delivery.submit([make_alert(n) for n in range(start, start + 100)])
        assert delivery.pending() == 1100
        server.start()
        assert delivery.flush(timeout=60), f"{delivery.pending()} alerts still pending"
        client = redis.Redis.from_url(server.url, decode_responses=True)
        ids = [json.loads(fields["alert"])["id"] for _, fields in client.xrange(stream_key("long"))]
        assert sorted(ids) == sorted(f"alert-{n}" for n in range(1100))
        delivery.close()


def test_a_spill_file_another_process_emptied_is_not_waited_for(tmp_path):
    spill = tmp_path / "spill.jsonl"
    with EmbeddedRedis() as server:
        delivery = AlertDelivery(RedisAlertWriter(server.url, "emptied"), str(spill), max_memory=0,
                                 max_backoff=0.5)
        server.kill()
        delivery.submit([make_alert(n) for n in range(3)])
        spill.unlink()   # as a second process sharing the file does once it has delivered it
        server.start()
        assert delivery.flush(timeout=30) and delivery.pending() == 0
        delivery.submit([make_alert(3)])   # and Redis is used directly again
        assert delivery.pending() == 0 and not spill.exists()
        delivery.close()


def test_close_spills_what_redis_cannot_take(tmp_path, caplog):
    with EmbeddedRedis() as server:
        url = server.url
    # The server is gone: nothing can be delivered.
    delivery = AlertDelivery(RedisAlertWriter(url, "gone"), str(tmp_path / "spill.jsonl"))
    delivery.submit([make_alert(n) for n in range(3)])
    assert REGISTRY.get_sample_value("dyadwatch_redis_up") == 0
    assert delivery.submit([], ["gone:seen:id:x"]) == (0, 0, 0)   # nothing to queue, nothing counted
    left = delivery.close(timeout=0.5)
    assert left == 3
    assert "cannot publish to Redis (Error" in caplog.text   # with Redis's own reason
    warning, = [r.getMessage() for r in caplog.records if "cannot publish" in r.getMessage()]   # logged once
    assert warning.startswith("cannot publish to Redis (Error ") and warning.endswith("); buffering alerts")
    lines = (tmp_path / "spill.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["alert-0", "alert-1", "alert-2"]


def test_concurrent_submitters_lose_nothing(redis_url, redis_client, key_prefix, tmp_path):
    delivery = AlertDelivery(RedisAlertWriter(redis_url, key_prefix), str(tmp_path / "spill.jsonl"))
    threads = [threading.Thread(target=lambda k=k: [delivery.submit([make_alert(k * 100 + n)]) for n in range(50)])
               for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert delivery.flush(timeout=10)
    assert redis_client.xlen(stream_key(key_prefix)) == 200
    delivery.close()


def test_two_deliveries_sharing_a_spill_file_lose_nothing(tmp_path):
    """As two worker processes with the same --spill-file would."""
    spill = str(tmp_path / "spill.jsonl")
    with EmbeddedRedis() as server:
        first = AlertDelivery(RedisAlertWriter(server.url, "shared"), spill, max_memory=0)
        second = AlertDelivery(RedisAlertWriter(server.url, "shared"), spill, max_memory=0)
        server.kill()
        first.submit([make_alert(n) for n in range(10)])      # max_memory=0: straight to the file
        second.submit([make_alert(n) for n in range(10, 25)])
        server.start()
        assert first.flush(timeout=30) and second.flush(timeout=30)
        client = redis.Redis.from_url(server.url, decode_responses=True)
        ids = [json.loads(fields["alert"])["id"] for _, fields in client.xrange(stream_key("shared"))]
        assert sorted(ids) == sorted(f"alert-{n}" for n in range(25))
        first.close()
        second.close()


def test_seen_keys_are_set_only_once_the_alerts_are_in_redis(redis_url, redis_client, key_prefix, tmp_path):
    delivery = AlertDelivery(RedisAlertWriter(redis_url, key_prefix), str(tmp_path / "spill.jsonl"))
    seen = [f"{key_prefix}:seen:id:one", f"{key_prefix}:seen:id:none"]
    assert delivery.submit([make_alert(1)], seen, seen_ttl=120) == (1, 0, 0)
    assert redis_client.xlen(stream_key(key_prefix)) == 1
    assert all(0 < redis_client.ttl(key) <= 120 for key in seen)
    assert REGISTRY.get_sample_value("dyadwatch_redis_up") == 1   # and Redis counts as up
    assert delivery.submit([], [f"{key_prefix}:seen:id:empty"]) == (0, 0, 0)   # no alerts: seen at once
    assert redis_client.exists(f"{key_prefix}:seen:id:empty")
    delivery.close()


def test_seen_keys_stay_unset_when_the_alerts_are_queued(tmp_path):
    with EmbeddedRedis() as server:
        delivery = AlertDelivery(RedisAlertWriter(server.url, "queued"), str(tmp_path / "spill.jsonl"),
                                 max_backoff=0.5)
        client = redis.Redis.from_url(server.url, decode_responses=True)
        # An XADD that fails (the stream key holds a string): the alert waits, the article is not seen.
        client.set(stream_key("queued"), "not a stream")
        assert delivery.submit([make_alert(1)], ["queued:seen:id:a"]) == (0, 0, 1)
        assert not client.exists("queued:seen:id:a") and not client.exists("queued:alert:alert-1")
        client.delete(stream_key("queued"))
        assert delivery.flush(timeout=10)
        assert client.xlen(stream_key("queued")) == 1
        # Delivered later from the buffer: the key is left unset (the article is coded again after a
        # restart, and its alert is then a no-op).
        assert not client.exists("queued:seen:id:a")
        assert delivery.submit([make_alert(1)], ["queued:seen:id:a"]) == (0, 1, 0)
        assert client.exists("queued:seen:id:a")
        delivery.close()


def test_one_shared_delivery_per_target_counted_and_closed_together(redis_url, key_prefix, tmp_path):
    spill = str(tmp_path / "spill.jsonl")
    live = shared_delivery(redis_url, key_prefix, spill, 7)
    assert shared_delivery(redis_url, key_prefix, spill, 7) is live and live.writer.stream_maxlen == 7
    gone = shared_delivery(f"redis://127.0.0.1:{free_port()}/0", key_prefix, str(tmp_path / "gone.jsonl"), 7)
    assert gone is not live
    live.submit([make_alert(1)])
    gone.submit([make_alert(n) for n in range(3)])
    assert pending_all() == 3
    assert close_all(timeout=0.1) == 3   # the unreachable one's alerts left in its spill file
    assert pending_all() == 0 and shared_delivery(redis_url, key_prefix, spill, 7) is not live
    close_all()


def test_delivery_latency_is_measured_from_fetched_at(redis_url, key_prefix, tmp_path):
    def latency():
        return (REGISTRY.get_sample_value("dyadwatch_alert_latency_seconds_sum") or 0.0,
                REGISTRY.get_sample_value("dyadwatch_alert_latency_seconds_count") or 0.0)

    delivery = AlertDelivery(RedisAlertWriter(redis_url, key_prefix), str(tmp_path / "spill.jsonl"))
    fetched = datetime.fromtimestamp(time.time() - 30, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    (total, count) = latency()
    assert delivery.submit([{**make_alert(1), "fetched_at": fetched}, make_alert(2)]) == (2, 0, 0)
    (new_total, new_count) = latency()
    assert new_count == count + 1   # the alert without fetched_at is not measured
    assert 29 <= new_total - total < 300
    delivery.close()



# --- found by mutmut, second round --------------------------------------------------------------

def sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_the_client_never_waits_unbounded(redis_url):
    client = connect(redis_url)
    options = client.connection_pool.connection_kwargs
    assert 0 < options["socket_timeout"] <= 5 and 0 < options["socket_connect_timeout"] <= 2
    assert options["health_check_interval"] > 0
    assert client.ping()
    client.close()
    quick = connect(redis_url, socket_timeout=1)   # a caller's option wins, the others stay
    assert quick.connection_pool.connection_kwargs["socket_timeout"] == 1
    assert quick.connection_pool.connection_kwargs["socket_connect_timeout"] <= 2
    quick.close()


def test_an_alert_goes_out_as_utf8_json_with_sorted_keys(redis_url, redis_client, key_prefix):
    # One alert, one byte string: the stream entry and every channel carry the same canonical text.
    alert = {"text": "Stéphane Dion met Сергей Лавров", **make_alert(1)}
    pubsub = redis_client.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(f"{key_prefix}:alerts")
    pubsub.get_message(timeout=1)
    writer = RedisAlertWriter(redis_url, key_prefix)
    assert writer.write([alert]) == [1]
    writer.close()
    (_, fields), = redis_client.xrange(stream_key(key_prefix))
    assert fields["alert"] == json.dumps(alert, ensure_ascii=False, sort_keys=True)
    assert "Сергей" in fields["alert"] and list(json.loads(fields["alert"])) == sorted(alert)
    message = None
    for _ in range(30):
        message = pubsub.get_message(timeout=0.1)
        if message:
            break
    assert message and message["data"] == fields["alert"]
    pubsub.close()


def test_an_alert_fetched_in_the_future_counts_zero_latency(redis_url, key_prefix, tmp_path):
    # A feed's clock ahead of ours must not make a negative (or made-up) latency.
    delivery = AlertDelivery(RedisAlertWriter(redis_url, key_prefix), str(tmp_path / "spill.jsonl"))
    ahead = datetime.fromtimestamp(time.time() + 3600, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    total, count = sample("dyadwatch_alert_latency_seconds_sum"), sample("dyadwatch_alert_latency_seconds_count")
    assert delivery.submit([{**make_alert(1), "fetched_at": ahead}]) == (1, 0, 0)
    assert sample("dyadwatch_alert_latency_seconds_count") == count + 1
    assert sample("dyadwatch_alert_latency_seconds_sum") == total
    delivery.close()


def test_publishing_times_each_alert_in_the_stage_histogram(redis_url, key_prefix, tmp_path):
    delivery = AlertDelivery(RedisAlertWriter(redis_url, key_prefix), str(tmp_path / "spill.jsonl"))
    count = sample("dyadwatch_stage_seconds_count", stage="publish")
    busy = sample("dyadwatch_stage_seconds_sum", stage="publish")
    started = time.perf_counter()
    assert delivery.submit([make_alert(n) for n in range(3)]) == (3, 0, 0)
    took = time.perf_counter() - started
    assert sample("dyadwatch_stage_seconds_count", stage="publish") == count + 3   # one per alert
    spent = sample("dyadwatch_stage_seconds_sum", stage="publish") - busy
    assert 0 < spent <= took   # a duration within the submit's own, not a clock reading
    delivery.close()


def test_without_a_memory_buffer_every_queued_alert_is_on_disk_at_once(tmp_path):
    with EmbeddedRedis() as server:
        url = server.url
    delivery = AlertDelivery(RedisAlertWriter(url, "nomem"), str(tmp_path / "spill.jsonl"), max_memory=0)
    assert delivery.submit([make_alert(n) for n in range(4)]) == (0, 0, 4)
    lines = (tmp_path / "spill.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [f"alert-{n}" for n in range(4)]
    assert delivery.close(timeout=0.1) == 4


def test_a_memory_buffer_filled_exactly_writes_no_spill_file(tmp_path):
    with EmbeddedRedis() as server:
        url = server.url
    delivery = AlertDelivery(RedisAlertWriter(url, "full"), str(tmp_path / "spill.jsonl"), max_memory=3)
    assert delivery.submit([make_alert(n) for n in range(3)]) == (0, 0, 3)
    assert delivery.pending() == 3 and not (tmp_path / "spill.jsonl").exists()
    assert delivery.close(timeout=0.1) == 3   # close puts them on disk


def test_the_backlog_goes_out_on_its_own_once_redis_is_back(tmp_path):
    """No flush, no new alert: the retry thread keeps trying while Redis is down."""
    with EmbeddedRedis() as server:
        delivery = AlertDelivery(RedisAlertWriter(server.url, "back"), str(tmp_path / "spill.jsonl"),
                                 max_backoff=0.5)
        assert delivery.flush(timeout=1)   # nothing waiting: the retry thread wakes for nothing, and carries on
        for outage in range(2):   # and again after a first recovery
            server.kill()
            delivery.submit([make_alert(n) for n in range(3 * outage, 3 * outage + 3)])
            server.start()
            deadline = time.monotonic() + 30
            while delivery.pending() and time.monotonic() < deadline:
                time.sleep(0.05)
            assert delivery.pending() == 0
            assert sample("dyadwatch_redis_up") == 1   # the retry's delivery marked Redis up again
            client = redis.Redis.from_url(server.url, decode_responses=True)
            assert client.xlen(stream_key("back")) == 3   # the server keeps nothing across a kill
        delivery.close()


def test_a_story_update_through_the_sink_is_counted_as_one_not_as_a_new_alert(redis_url, redis_client, key_prefix,
                                                                             tmp_path):
    from connectors.stories import StoryConfig
    from tests.test_stories import PACT, report, stream_records

    delivery = shared_delivery(redis_url, key_prefix, str(tmp_path / "spill.jsonl"), 100, stories=StoryConfig())
    now = time.time()
    first, second = (report(n, *PACT[n], feed=f"feed-{n}", at=now - 600 + n) for n in (0, 1))
    published, updates = sample("dyadwatch_alerts_published_total"), sample("dyadwatch_story_updates_total")
    redundant = sample("dyadwatch_alerts_redundant_total")
    assert delivery.submit([first]) == (1, 0, 0)
    assert delivery.submit([second, make_alert(3)]) == (2, 0, 0)   # the update, then an alert of another pair
    assert [kind for kind, _ in stream_records(redis_client, key_prefix)] == ["alert", "story", "alert"]
    assert sample("dyadwatch_alerts_published_total") == published + 2   # the first report and the other alert
    assert sample("dyadwatch_story_updates_total") == updates + 1
    assert sample("dyadwatch_alerts_redundant_total") == redundant
    close_all()



def test_seen_keys_redis_refuses_are_logged_and_the_alerts_still_count(tmp_path, caplog):
    # A real refusal: an ACL user that may publish alerts but not touch the seen keys.
    with EmbeddedRedis() as server:
        admin = redis.Redis.from_url(server.url, decode_responses=True)
        admin.execute_command("ACL", "SETUSER", "sink", "on", ">pw", "~acl:alert:*", "~acl:stream:*", "&*", "+@all")
        writer = RedisAlertWriter(f"redis://sink:pw@127.0.0.1:{server.port}/0", "acl")
        delivery = AlertDelivery(writer, str(tmp_path / "spill.jsonl"))
        assert delivery.submit([make_alert(1)], ["acl:seen:id:a", "acl:seen:id:b"]) == (1, 0, 0)
        assert admin.xlen(stream_key("acl")) == 1 and not admin.exists("acl:seen:id:a")
        assert REGISTRY.get_sample_value("dyadwatch_redis_up") == 0
        warning, = [r.getMessage() for r in caplog.records if "article keys" in r.getMessage()]
        assert warning.startswith("cannot mark 2 article keys seen (") and "no permissions" in warning
        assert warning.endswith("); they will be coded again")
        assert delivery.pending() == 0
        delivery.close()


def test_a_worker_puts_undelivered_alerts_on_disk_when_its_publish_stage_ends(tmp_path):
    # Redis unreachable for the whole run: the stage's teardown waits a moment, then spills what it holds.
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from connectors.redis_sink import PublishAlerts

    spill = tmp_path / "spill.jsonl"
    p = beam.Pipeline(runner="FnApiRunner", options=PipelineOptions([]))   # no Prism download
    _ = (p | beam.Create([(["gone:seen:id:a"], [make_alert(1), make_alert(2)])])
         | PublishAlerts(f"redis://127.0.0.1:{free_port()}/0", "gone", str(spill)))
    p.run().wait_until_finish()
    try:
        lines = spill.read_text(encoding="utf-8").splitlines() if spill.exists() else []
        assert sorted(json.loads(line)["id"] for line in lines) == ["alert-1", "alert-2"]
    finally:
        close_all(timeout=0.1)


# --- found by mutmut, third round ---------------------------------------------------------------

def test_a_spill_line_cut_inside_a_character_is_skipped_and_the_rest_delivered(redis_url, redis_client, key_prefix,
                                                                               tmp_path, caplog):
    # A crash mid-write can cut a line anywhere, also inside a multi-byte character of a non-ASCII alert.
    spill = tmp_path / "spill.jsonl"
    whole = [json.dumps({**make_alert(n), "text": "Сергей Лавров"}, ensure_ascii=False) for n in range(3)]
    cut = json.dumps({**make_alert(3), "text": "Сергей"}, ensure_ascii=False).encode("utf-8")
    cut = cut[:cut.index("е".encode("utf-8")) + 1]   # the first byte of a two-byte character
    spill.write_bytes("\n".join(whole).encode("utf-8") + b"\n" + cut)
    delivery = AlertDelivery(RedisAlertWriter(redis_url, key_prefix), str(spill))
    assert delivery.pending() == 4   # the cut line counts until the drain reads it
    assert delivery.flush(timeout=10), f"{delivery.pending()} alerts still pending"
    ids = [json.loads(fields["alert"])["id"] for _, fields in redis_client.xrange(stream_key(key_prefix))]
    assert sorted(ids) == ["alert-0", "alert-1", "alert-2"]
    assert spill.read_bytes() == b""
    assert f"spill file {spill} line 4 is not JSON; skipped" in caplog.text
    delivery.close()


def test_a_stream_may_be_capped_at_one_entry_and_not_below(redis_url, redis_client, key_prefix):
    writer = RedisAlertWriter(redis_url, key_prefix, stream_maxlen=1)   # --stream-maxlen 1 is allowed
    assert writer.write([make_alert(1)]) == [1]
    assert redis_client.xlen(stream_key(key_prefix)) == 1
    writer.close()
    with pytest.raises(ValueError, match="^stream_maxlen must be at least 1, not 0$"):
        RedisAlertWriter(redis_url, key_prefix, stream_maxlen=0)


class GatedWriter(RedisAlertWriter):
    """The real writer; while ``gate`` is clear, a write says so on ``entered`` and waits for it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gate, self.entered = threading.Event(), threading.Event()
        self.gate.set()

    def write(self, alerts):
        if not self.gate.is_set():
            self.entered.set()
            self.gate.wait()
        return super().write(alerts)


def test_the_retry_thread_carries_on_after_a_wake_that_finds_nothing_left(tmp_path):
    """A flush asks for a retry while the retry thread is delivering: the thread then wakes to an
    empty backlog, and must still be there for the next outage."""
    with EmbeddedRedis() as server:
        writer = GatedWriter(server.url, "rewake")
        delivery = AlertDelivery(writer, str(tmp_path / "spill.jsonl"), max_backoff=0.5)
        server.kill()
        assert delivery.submit([make_alert(0)]) == (0, 0, 1)
        writer.gate.clear()
        assert writer.entered.wait(timeout=30)   # the retry thread's next try waits in the write, backlog held
        flusher = threading.Thread(target=delivery.flush, args=(30,))
        flusher.start()   # asks for a retry at once, then waits for the backlog
        deadline = time.monotonic() + 30
        while not delivery._wake.is_set() and time.monotonic() < deadline:
            time.sleep(0.01)
        server.start()
        writer.gate.set()
        flusher.join()
        assert delivery.pending() == 0
        # The thread woke to nothing; a second outage's backlog still goes out.
        server.kill()
        assert delivery.submit([make_alert(1)]) == (0, 0, 1)
        server.start()
        assert delivery.flush(timeout=30), f"{delivery.pending()} alerts still pending"
        client = redis.Redis.from_url(server.url, decode_responses=True)
        assert [json.loads(fields["alert"])["id"] for _, fields in client.xrange(stream_key("rewake"))] == ["alert-1"]
        delivery.close()


def test_the_pending_gauge_stays_right_after_a_failed_retry(tmp_path):
    # Some alerts in memory, some spilled; a retry fails (Redis still down): the gauge still counts them all.
    with EmbeddedRedis() as server:
        writer = GatedWriter(server.url, "gauge")
        delivery = AlertDelivery(writer, str(tmp_path / "spill.jsonl"), max_memory=1, max_backoff=0.5)
        server.kill()
        assert delivery.submit([make_alert(n) for n in range(3)]) == (0, 0, 3)   # 1 in memory, 2 on disk
        writer.gate.clear()
        assert writer.entered.wait(timeout=30)   # a retry is under way, Redis still down
        writer.gate.set()
        assert delivery.pending() == 3   # taken once that retry has failed and let go of the backlog
        assert sample("dyadwatch_alerts_pending") == 3
        delivery.close(timeout=0.1)
