"""The dyadwatch command as a user runs it: replay, subscribe, detect, and bad input."""
import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis

from connectors.redis_sink import stream_key

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_edd85cf211fc05cd.txt"


def dyadwatch(*args, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, input=stdin,
                          capture_output=True, timeout=timeout)


def wait_for_subscriber(redis_url: str, channel: str, timeout: float = 60) -> None:
    """Until Redis counts a subscriber on ``channel`` (what "subscribed" means; a sleep only guesses)."""
    client = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                if client.pubsub_numsub(channel)[0][1] > 0:
                    return
            except redis.ConnectionError:   # a server still starting
                pass
            assert time.monotonic() < deadline, f"nobody subscribed to {channel} within {timeout} s"
            time.sleep(0.05)
    finally:
        client.close()


class Lines:
    """The lines a subprocess prints, read as they come (so a test waits for them, not for a guess)."""

    def __init__(self, stream):
        self.lines: list[bytes] = []
        self._thread = threading.Thread(target=lambda: self.lines.extend(iter(stream.readline, b"")), daemon=True)
        self._thread.start()

    def wait_for(self, count: int, timeout: float = 30) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.lines) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.lines)

    def wait_until(self, found, timeout: float = 30) -> bool:
        """True once a line satisfies ``found``, False if none has by the timeout."""
        deadline = time.monotonic() + timeout
        while not any(found(line) for line in list(self.lines)):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def all(self, timeout: float = 10) -> list[bytes]:
        """Every line, once the process has ended (its output is then read to the end)."""
        self._thread.join(timeout)
        return list(self.lines)


def test_detect_seed_article_gives_consult_can_rus_and_never_laos():
    result = dyadwatch("detect", str(SEED))
    assert result.returncode == 0, result.stderr.decode()
    events = [json.loads(line) for line in result.stdout.decode().splitlines()]
    top = events[0]
    assert top["event"] == "CONSULT"
    assert {a["code"] for a in top["source"]} | {a["code"] for a in top["target"]} == {"CAN", "RUS"}
    assert top["eventLoc"]["code"] == "LAO"
    assert all(a["code"] != "LAO" for e in events for a in e["source"] + e["target"])
    assert len({e["article_id"] for e in events}) == 1


def test_detect_reads_jsonl_from_stdin_and_reports_bad_lines():
    lines = b'{"id": "a1", "text": "France and Germany signed a defence agreement on Monday."}\n{oops\n'
    result = dyadwatch("detect", "-", stdin=lines)
    assert result.returncode == 1   # something was rejected
    assert "-:2: invalid JSON" in result.stderr.decode()
    events = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert events and all(e["article_id"] == "a1" for e in events)


def test_replay_publishes_once_and_a_pair_subscriber_receives_it(redis_url, redis_client, key_prefix, tmp_path):
    subscriber = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "subscribe", "--redis-url", redis_url, "--key-prefix", key_prefix,
         "--pair", "RUS", "CAN", "--json"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    printed = Lines(subscriber.stdout)
    try:
        wait_for_subscriber(redis_url, f"{key_prefix}:alerts:pair:CAN:RUS")
        common = ["--redis-url", redis_url, "--key-prefix", key_prefix, "--spill-file", str(tmp_path / "spill")]
        first = dyadwatch("replay", str(SEED), *common)
        assert first.returncode == 0, first.stderr.decode()
        published = redis_client.xlen(stream_key(key_prefix))
        assert published >= 1
        alerts = [json.loads(fields["alert"]) for _, fields in redis_client.xrange(stream_key(key_prefix))]
        assert any(a["event"] == "CONSULT" and {x["code"] for x in a["source"] + a["target"]} == {"CAN", "RUS"}
                   for a in alerts)
        on_pair = sum({"CAN", "RUS"} <= {x["code"] for x in a["source"] + a["target"]} for a in alerts)
        printed.wait_for(on_pair)

        second = dyadwatch("replay", str(SEED), *common)
        assert second.returncode == 0
        assert redis_client.xlen(stream_key(key_prefix)) == published
        assert b"0 new alert(s)" in second.stdout
    finally:
        subscriber.terminate()
        subscriber.wait(timeout=10)
    received = [json.loads(line) for line in printed.all()]
    assert len(received) == on_pair
    assert any(a["event"] == "CONSULT" for a in received)
    assert all({"CAN", "RUS"} <= {x["code"] for x in a["source"] + a["target"]} for a in received)
    assert len({a["id"] for a in received}) == len(received)


def test_subscribe_since_catches_up_from_the_stream(redis_url, key_prefix, tmp_path):
    common = ["--redis-url", redis_url, "--key-prefix", key_prefix, "--spill-file", str(tmp_path / "spill")]
    assert dyadwatch("replay", str(SEED), *common).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "subscribe", "--redis-url", redis_url,
                             "--key-prefix", key_prefix, "--since", "0", "--type", "CONSULT", "--json"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    printed, said = Lines(proc.stdout), Lines(proc.stderr)
    try:
        # It says it is listening once the catch-up is done: then every alert caught up is printed.
        assert said.wait_until(lambda line: b"dyadwatch: subscribed to" in line, timeout=120), said.lines
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    received = [json.loads(line) for line in printed.all()]
    assert [a["event"] for a in received] == ["CONSULT"]


def test_replay_counts_bad_files_and_lines_and_goes_on(redis_url, redis_client, key_prefix, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g1", "text": SEED.read_text(encoding="utf-8")}) + "\n{broken\n"
                    + json.dumps({"title": "no text"}) + "\n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\xff" * 100)
    result = dyadwatch("replay", str(good), str(binary), str(tmp_path / "missing.txt"), "--redis-url", redis_url,
                       "--key-prefix", key_prefix, "--spill-file", str(tmp_path / "spill"))
    err = result.stderr.decode()
    assert result.returncode == 1
    assert f"{good}:2: invalid JSON" in err
    assert f"{good}:3: missing or empty 'text'" in err
    assert f"{binary}: binary file" in err
    assert "missing.txt: cannot read file" in err
    assert b"4 record(s) rejected" in result.stdout
    assert redis_client.xlen(stream_key(key_prefix)) >= 1   # the good article still alerted


@pytest.mark.parametrize("args, message", [
    (["subscribe", "--redis-url", "redis://127.0.0.1:6379/0", "--country", "XYZ"], "unknown country code 'XYZ'"),
    (["subscribe", "--redis-url", "redis://127.0.0.1:6379/0", "--type", "PARTY"], "unknown event type 'PARTY'"),
    (["subscribe", "--redis-url", "redis://127.0.0.1:6379/0", "--pair", "CAN", "CAN"], "two different countries"),
    (["subscribe", "--redis-url", "http://user:secret@host/0"], "malformed Redis URL"),
    (["replay", "seeds", "--redis-url", "notaurl"], "malformed Redis URL"),
    (["run", "--feeds", "does-not-exist.yaml"], "cannot use feed list"),
    (["eval", "--gold", "does-not-exist.jsonl"], "no such gold file"),
    (["replay", "seeds", "--redis-url", "redis://127.0.0.1:1/0", "--stream-maxlen", "-1"],
     "--stream-maxlen must be at least 1"),
    (["run", "--feeds", "does-not-exist.yaml", "--stream-maxlen", "0"], "--stream-maxlen must be at least 1"),
])
def test_bad_cli_input_is_one_line_and_status_2(args, message):
    result = dyadwatch(*args, timeout=60)
    err = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2
    assert message in err[-1]
    assert "Traceback" not in result.stderr.decode()
    assert "secret" not in result.stderr.decode()


def test_metrics_port_in_use_is_a_usage_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text("feeds:\n  - {name: x, url: 'http://127.0.0.1:9/x.xml'}\n", encoding="utf-8")
        result = dyadwatch("run", "--feeds", str(feeds), "--redis-url", "redis://127.0.0.1:1/0",
                           "--metrics-port", str(port), timeout=60)
    assert result.returncode == 2
    assert "cannot open the metrics endpoint" in result.stderr.decode().strip().splitlines()[-1]


def test_run_refuses_file_urls_in_the_feed_list(tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - {name: local, url: 'file:///etc/passwd'}\n", encoding="utf-8")
    result = dyadwatch("run", "--feeds", str(feeds), "--redis-url", "redis://127.0.0.1:1/0", timeout=60)
    assert result.returncode == 2
    assert "cannot use feed list" in result.stderr.decode()


def test_subscriber_survives_a_redis_restart_and_misses_nothing(tmp_path):
    from connectors.embedded_redis import EmbeddedRedis
    from connectors.redis_sink import RedisAlertWriter

    def alert(n):
        return {"id": f"r-{n}", "event": "CONSULT", "source": [{"actorText": "Canada", "code": "CAN"}],
                "target": [{"actorText": "Russia", "code": "RUS"}], "fetched_at": None}

    server = EmbeddedRedis(appendonly=True).start()
    subscriber = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "subscribe", "--redis-url", server.url, "--json"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    printed = Lines(subscriber.stdout)
    try:
        wait_for_subscriber(server.url, "dyadwatch:alerts")
        RedisAlertWriter(server.url).write([alert(1)])
        assert len(printed.wait_for(1)) == 1
        server.kill()
        time.sleep(1)   # the subscriber notices the loss while the server is down
        server.start()
        # Published while the subscriber is still reconnecting: it must come from the catch-up.
        RedisAlertWriter(server.url).write([alert(2)])
        wait_for_subscriber(server.url, "dyadwatch:alerts")
        RedisAlertWriter(server.url).write([alert(3)])
        printed.wait_for(3)
    finally:
        subscriber.terminate()
        subscriber.wait(timeout=10)
        server.stop()
    ids = [json.loads(line)["id"] for line in printed.all()]
    err = subscriber.stderr.read()
    assert ids == ["r-1", "r-2", "r-3"], err.decode()[-2000:]


def test_help_loads_neither_beam_nor_redis_nor_prometheus():
    # instant start: only the commands that need them import the heavy libraries
    probe = ("import sys, contextlib, io\n"
             "from pipeline.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    for argv in (['--help'], ['run', '--help'], ['replay', '--help'], ['subscribe', '--help']):\n"
             "        try:\n"
             "            main(argv)\n"
             "        except SystemExit:\n"
             "            pass\n"
             "print(sorted(m for m in ('apache_beam', 'redis', 'prometheus_client', 'spacy') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert result.stdout.decode().strip().splitlines()[-1] == "[]"
