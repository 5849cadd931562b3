"""The dead-letter list: what a rejected record leaves in Redis, bounded, expiring, never raising."""
import json
import logging
import time

import redis

from transforms.dead_letters import MAX_RECORD_CHARS, DeadLetters, dead_letter_key, preview


def test_a_rejected_record_is_kept_newest_first_bounded_and_expiring(redis_client, redis_url, key_prefix):
    letters = DeadLetters(redis.Redis.from_url(redis_url), key_prefix, max_items=3, ttl=600)
    before = time.time()
    for n in range(5):
        letters.add(f"feeds.txt:{n}", "invalid JSON", {"line": n, "text": "Zürich"})
    letters.close()
    key = dead_letter_key(key_prefix)
    assert key == f"{key_prefix}:deadletter"
    items = [json.loads(item) for item in redis_client.lrange(key, 0, -1)]
    assert [item["origin"] for item in items] == ["feeds.txt:4", "feeds.txt:3", "feeds.txt:2"]
    assert items[0]["reason"] == "invalid JSON"
    assert json.loads(items[0]["record"]) == {"line": 4, "text": "Zürich"}
    assert "Zürich" in redis_client.lindex(key, 0)          # stored as text, not \u escapes
    assert before <= items[0]["at"] <= time.time()
    assert 0 < redis_client.ttl(key) <= 600


def test_from_url_needs_a_url_and_writes_under_the_prefix(redis_client, redis_url, key_prefix):
    assert DeadLetters.from_url(None, key_prefix) is None
    letters = DeadLetters.from_url(redis_url, key_prefix)
    letters.add("feed x", "too large", "<rss>")
    letters.close()
    assert json.loads(redis_client.lindex(dead_letter_key(key_prefix), 0))["record"] == "<rss>"


def test_adding_while_redis_is_down_logs_and_never_raises(caplog):
    letters = DeadLetters(redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.5), "x")
    with caplog.at_level(logging.WARNING, logger="transforms.dead_letters"):
        letters.add("feed y", "bad entry", {"a": 1})
    message = caplog.records[-1].getMessage()
    # the message names the list, the cause (the connection error) and where the record came from
    assert message.startswith("dead-letter list unavailable (") and message.endswith("dropped record from feed y")
    assert "None" not in message and ("refused" in message.lower() or "connect" in message.lower())


def test_a_preview_is_short_printable_text_of_any_record():
    long_text = "x" * (MAX_RECORD_CHARS + 50)
    assert preview(long_text) == "x" * MAX_RECORD_CHARS
    assert preview(b"caf\xc3\xa9 \xff" + b"y" * MAX_RECORD_CHARS) == "café \ufffd" + "y" * (MAX_RECORD_CHARS - 7)
    assert preview(bytearray(b"abc")) == "abc"
    assert preview({"k": "é", "n": [1, 2]}) == '{"k": "é", "n": [1, 2]}'
    assert len(preview({"k": long_text})) == MAX_RECORD_CHARS
    assert preview({"when": time.gmtime(0)[:1]}) == '{"when": [1970]}'
    assert preview({"obj": object()}).startswith('{"obj": "<object object at')   # default=str
    nested = []
    for _ in range(100_000):
        nested = [nested]
    assert preview(nested) == "<unprintable list>"
