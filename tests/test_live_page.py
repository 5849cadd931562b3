"""The live page's server over a real Redis and real local HTTP: event stream, resume, stats, read-only."""
import http.client
import json
import subprocess
import sys
import time
import urllib.request

import pytest

from connectors.embedded_redis import free_port
from connectors.feed_config import FeedConfig
from connectors.feed_state import FeedState, FeedStateStore
from connectors.redis_sink import RedisAlertWriter, stream_key
from pipeline.live_page import LivePage, PageData
from tests.pipeline_process import REPO


def make_alert(n: int, source: str = "CAN", target: str = "RUS", event: str = "CONSULT", **extra) -> dict:
    return {"id": f"test{n:04d}", "event": event, "mode": "", "quad_class": 1, "confidence": 0.9,
            "source": [{"actorText": source, "code": source, "sector": "GOV"}],
            "target": [{"actorText": target, "code": target, "sector": "GOV"}],
            "title": f"headline {n}", "url": f"https://news.test/{n}", "text": "s", "cameo": "04",
            "fetched_at": "2026-01-01T00:00:00.000Z", **extra}


class EventReader:
    """A raw SSE client: (event, id, data) tuples from /api/events."""

    def __init__(self, port: int, last_event_id: str | None = None):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
        self.conn.request("GET", "/api/events", headers=headers)
        self.resp = self.conn.getresponse()
        assert self.resp.status == 200
        assert self.resp.getheader("Content-Type").startswith("text/event-stream")

    def next(self) -> tuple[str, str | None, str]:
        event, entry_id, data = "message", None, ""
        while True:
            line = self.resp.fp.readline().decode("utf-8").rstrip("\n")
            if not line:
                if data or event != "message":
                    return event, entry_id, data
                continue
            field, _, value = line.partition(": ")
            if field == "event":
                event = value
            elif field == "id":
                entry_id = value
            elif field == "data":
                data = value

    def alerts_until(self, stop_event: str | None = None, count: int | None = None) -> list[tuple[str, str]]:
        """(stream id, alert id) of alert events until ``stop_event`` or ``count`` alerts."""
        got = []
        while True:
            event, entry_id, data = self.next()
            if event == "alert":
                got.append((entry_id, json.loads(data)["id"]))
                if count is not None and len(got) == count:
                    return got
            elif event == stop_event:
                return got

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def page(redis_url, key_prefix):
    feeds = [FeedConfig(name="Test World", url="http://127.0.0.1:1/world.xml")]
    server = LivePage(redis_url, key_prefix, port=0, feeds=feeds).start()
    yield server
    server.stop()


def port_of(page) -> int:
    return page.httpd.server_address[1]


def test_history_then_live_then_resume_after_last_event_id(page, redis_url, key_prefix, redis_client):
    writer = RedisAlertWriter(redis_url, key_prefix)
    writer.write([make_alert(i) for i in range(3)])
    reader = EventReader(port_of(page))
    history = reader.alerts_until("ready")
    assert [alert_id for _, alert_id in history] == ["test0000", "test0001", "test0002"]
    assert [sid for sid, _ in history] == [sid for sid, _ in redis_client.xrange(stream_key(key_prefix))]

    writer.write([make_alert(3), make_alert(4), make_alert(3)])   # the repeat is a no-op in Redis
    live = reader.alerts_until(count=2)
    assert [alert_id for _, alert_id in live] == ["test0003", "test0004"]
    reader.close()

    # A page that lost its connection after the second alert resumes after it: each alert exactly once.
    resumed = EventReader(port_of(page), last_event_id=history[1][0])
    assert [alert_id for _, alert_id in resumed.alerts_until(count=3)] == ["test0002", "test0003", "test0004"]
    writer.write([make_alert(5)])
    assert [alert_id for _, alert_id in resumed.alerts_until(count=1)] == ["test0005"]
    resumed.close()


def test_stats_name_feeds_count_alerts_and_latency(page, redis_url, key_prefix, redis_client):
    store = FeedStateStore(redis_client, key_prefix)
    store.put("http://127.0.0.1:1/world.xml", FeedState(failures=2, backoff_until=time.time() + 60,
                                                        last_success=time.time() - 30, last_outcome="http_error"))
    RedisAlertWriter(redis_url, key_prefix).write([make_alert(1, fetched_at=_iso(time.time() - 2))])
    with urllib.request.urlopen(page.url + "api/stats", timeout=10) as resp:
        stats = json.load(resp)
    assert stats["stream"] == stream_key(key_prefix)
    assert sum(stats["alerts"]) * stats["bucket"] == pytest.approx(1)
    assert stats["latency"]["count"] == 1 and 1.5 < stats["latency"]["p50"] < 30
    [feed] = stats["feeds"]
    assert feed["name"] == "Test World" and feed["failures"] == 2 and feed["last_outcome"] == "http_error"
    assert feed["backoff_until"] > time.time()
    assert stats["in_process"] is False and "rates" not in stats
    # Without the feed list (dashboard with no --feeds), the feed is found in Redis, named by its hash.
    [unnamed] = PageData(redis_url, key_prefix).stats()["feeds"]
    assert unnamed["name"] == "feed " + store.key("http://127.0.0.1:1/world.xml").rsplit(":", 1)[1][:8]


def _iso(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{int(seconds % 1 * 1000):03d}Z"


def test_page_files_country_names_and_bad_requests(page):
    with urllib.request.urlopen(page.url, timeout=10) as resp:
        assert b'src="/static/app.js"' in resp.read()
        assert "default-src 'self'" in resp.headers["Content-Security-Policy"]
    with urllib.request.urlopen(page.url + "api/countries", timeout=10) as resp:
        names = json.load(resp)
    assert names["CAN"] == "Canada" and names["RUS"] == "Russia" and names["NATO"] == "NATO"
    for path in ("static/../setup.py", "static/%2e%2e/setup.py", "static/nothing.js", "api/nothing"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(page.url + path, timeout=10)
        assert err.value.code == 404, path
    request = urllib.request.Request(page.url + "api/events", headers={"Last-Event-ID": "1-0 OR 1=1"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code == 400


def test_the_page_changes_nothing_in_redis(page, redis_url, key_prefix, redis_client):
    RedisAlertWriter(redis_url, key_prefix).write([make_alert(i) for i in range(3)])
    FeedStateStore(redis_client, key_prefix).put("http://127.0.0.1:1/world.xml", FeedState(last_outcome="ok"))

    def snapshot():
        return {key: (_value(redis_client, key), redis_client.ttl(key) > 0)
                for key in redis_client.scan_iter(f"{key_prefix}:*")}

    before = snapshot()
    reader = EventReader(port_of(page))
    reader.alerts_until("stats")
    reader.close()
    for path in ("", "api/stats", "api/countries"):
        urllib.request.urlopen(page.url + path, timeout=10).read()
    assert snapshot() == before


def _value(client, key):
    kind = client.type(key)
    if kind == "stream":
        return client.xrange(key)
    if kind == "hash":
        return client.hgetall(key)
    if kind == "string":
        return client.get(key)
    return kind


def dyadwatch(*args, timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout)


def test_dashboard_refuses_bad_input_in_one_line(redis_url, page):
    taken = str(port_of(page))
    for args, expected in [(["dashboard", "--redis-url", ""], "no Redis"),
                           (["dashboard", "--redis-url", "http://x"], "malformed Redis URL"),
                           (["dashboard", "--redis-url", redis_url, "--page-port", taken], "cannot open the live page"),
                           (["dashboard", "--redis-url", redis_url, "--page-port", "70000"], "--page-port must be"),
                           (["dashboard", "--redis-url", redis_url, "--feeds", "/nonexistent.yaml",
                             "--page-port", str(free_port())], "cannot use feed list")]:
        result = dyadwatch(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert expected in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_redis_restart_is_told_once_each_way_and_the_stream_resumes(tmp_path):
    from connectors.embedded_redis import EmbeddedRedis

    server = EmbeddedRedis(appendonly=True).start()
    page = LivePage(server.url, "restart", port=0).start()
    try:
        writer = RedisAlertWriter(server.url, "restart")
        writer.write([make_alert(0)])
        reader = EventReader(port_of(page))
        assert [alert_id for _, alert_id in reader.alerts_until("ready")] == ["test0000"]
        server.kill()
        events = []
        while not events or events[-1][0] != "redis":
            events.append(reader.next())
        assert json.loads(events[-1][2]) == {"up": False}
        time.sleep(3)   # the server retries meanwhile
        server.start()
        RedisAlertWriter(server.url, "restart").write([make_alert(1)])
        after = []
        while not after or after[-1][0] != "alert":
            event = reader.next()
            if event[0] != "stats":
                after.append(event)
        assert [(event, data) for event, _, data in after[:-1]] == [("redis", '{"up": true}')]
        assert json.loads(after[-1][2])["id"] == "test0001"
        reader.close()
    finally:
        page.stop()
        server.stop()
