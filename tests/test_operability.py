"""Issue 9: what an operator sees — Redis health, the metrics endpoint, a strict command line."""
import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from connectors.embedded_redis import EmbeddedRedis, free_port
from tests.pipeline_process import PipelineProcess, write_feeds_yaml

REPO = Path(__file__).resolve().parent.parent


def dyadwatch(*args, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, input=stdin,
                          capture_output=True, timeout=timeout)


def _wait_for_value(job: PipelineProcess, name: str, wanted: float, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if job.metrics().get(name) == wanted:
            return
        assert job.proc.poll() is None, f"pipeline exited early:\n{job.output()}"
        time.sleep(0.2)
    raise AssertionError(f"{name} never became {wanted}: {job.metrics().get(name)}\n{job.output()}")


def test_redis_up_comes_from_a_probe_not_from_alerts(tmp_path):
    """No alert is ever published (the only feed is unreachable): redis_up still follows Redis."""
    server = EmbeddedRedis().start()
    feeds = write_feeds_yaml(tmp_path / "feeds.yaml",
                             [{"name": "dead", "url": f"http://127.0.0.1:{free_port()}/feed.xml", "interval": 1}])
    job = PipelineProcess(feeds, server.url, "dwtest-probe", tmp_path / "spill.jsonl").start()
    try:
        _wait_for_value(job, "dyadwatch_redis_up", 1.0)   # healthy Redis, no alert yet
        server.kill()
        _wait_for_value(job, "dyadwatch_redis_up", 0.0)   # Redis gone, still no alert
        assert job.metric_sum("dyadwatch_alerts_published_total") == 0
    finally:
        job.stop()
        server.stop()


def test_replay_opens_its_metrics_endpoint(redis_url, key_prefix, tmp_path):
    with socket.socket() as taken:   # a taken port proves replay really tries to bind it
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = dyadwatch("replay", "seeds", "--redis-url", redis_url, "--key-prefix", key_prefix,
                           "--spill-file", str(tmp_path / "spill.jsonl"),
                           "--metrics-port", str(taken.getsockname()[1]), timeout=120)
    assert result.returncode == 2
    assert "cannot open the metrics endpoint" in result.stderr.decode().strip().splitlines()[-1]
    port = free_port()
    result = dyadwatch("replay", "seeds", "--redis-url", redis_url, "--key-prefix", key_prefix,
                       "--spill-file", str(tmp_path / "spill.jsonl"), "--metrics-port", str(port), timeout=180)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert f"metrics at http://127.0.0.1:{port}/metrics" in result.stdout.decode()


@pytest.mark.parametrize("typo, suggestion", [
    (["--min-confidance", "0.9"], "did you mean --min-confidence?"),
    (["--metrics-prot", "9499"], "did you mean --metrics-port?"),
    (["--runnner=DirectRunner"], "did you mean --runner?"),
    (["--no-such-thing", "1"], "neither a run option nor a Beam pipeline option"),
])
def test_mistyped_options_exit_2_with_a_suggestion(typo, suggestion):
    result = dyadwatch("run", "--feeds", "does-not-exist.yaml", *typo, timeout=60)
    err = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2
    assert err[-1] == f"dyadwatch: error: unknown option {typo[0].split('=')[0]}" + \
        (f"; {suggestion}" if suggestion.startswith("did") else f" ({suggestion}; see dyadwatch run --help)")
    assert "Traceback" not in result.stderr.decode()


def test_real_beam_options_pass_through():
    result = dyadwatch("run", "--feeds", "does-not-exist.yaml", "--job_name=x", "--direct_num_workers", "2",
                       timeout=60)
    assert result.returncode == 2
    assert "cannot use feed list" in result.stderr.decode().strip().splitlines()[-1]   # got past the check


@pytest.mark.parametrize("args, message", [
    (["--items", "0"], "--items must be at least 1, not 0"),
    (["--items", "-5"], "--items must be at least 1, not -5"),
    (["--data", "seeds/000_edd85cf211fc05cd.txt"], "is not CSV (title,description) or JSONL articles"),
])
def test_bench_bad_input_is_one_line_not_a_traceback(args, message):
    result = dyadwatch("bench", *args, timeout=60)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and message in err


def test_detect_into_a_closed_pipe_stops_quietly(tmp_path):
    articles = "".join(json.dumps({"id": f"a{n}", "text": f"France and Germany signed a defence agreement {n}."})
                       + "\n" for n in range(300)).encode()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "detect", "-"], cwd=REPO,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def feed():
        try:
            proc.stdin.write(articles)
            proc.stdin.close()
        except BrokenPipeError:   # detect stopped reading: expected once its output is closed
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    assert json.loads(proc.stdout.readline())["article_id"] == "a0"
    proc.stdout.close()   # as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err, err


SEED = REPO / "seeds" / "000_edd85cf211fc05cd.txt"


@pytest.mark.parametrize("code", ["WHO", "nato", "EU"])
def test_a_home_country_must_be_a_state_not_an_organisation(code, tmp_path):
    result = dyadwatch("detect", "--home-country", code, str(SEED), timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode().strip().splitlines()[-1] == \
        f"dyadwatch: error: unknown country code '{code.upper()}': use ISO 3166 alpha-3, e.g. CAN, RUS"
    assert result.stdout == b""

    record = json.dumps({"id": "h1", "text": "France and Germany signed a defence agreement.", "home_country": code})
    result = dyadwatch("detect", "-", stdin=(record + "\n").encode(), timeout=60)
    assert result.returncode == 1 and result.stdout == b""
    assert "-:1: unknown home_country" in result.stderr.decode()

    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(f"feeds:\n  - {{name: a, url: 'http://example.org/a.xml', home_country: {code}}}\n")
    result = dyadwatch("run", "--feeds", str(feeds), "--redis-url", "redis://127.0.0.1:1/0", timeout=60)
    assert result.returncode == 2
    assert "feed #1 (a): home_country" in result.stderr.decode().strip().splitlines()[-1]


def test_a_lower_case_home_country_is_normalised():
    result = dyadwatch("detect", "--home-country", " can ", str(SEED), timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.strip()


def test_subscribe_to_a_redis_never_reached_fails_with_one_line():
    port = free_port()   # nothing listens there
    result = dyadwatch("subscribe", "--redis_url", f"redis://127.0.0.1:{port}/0", timeout=60)
    err = result.stderr.decode().strip().splitlines()
    assert result.returncode == 1
    assert len(err) == 1 and err[0].startswith(f"dyadwatch: Redis at redis://127.0.0.1:{port}/0: ")


def test_subscribe_since_banana_lists_the_accepted_forms(redis_url):
    result = dyadwatch("subscribe", "--redis-url", redis_url, "--since", "banana", timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "dyadwatch: error: --since 'banana' is not a stream position: give 0 (the whole stream), "
        "a stream id such as 1700000000000-0, or a Unix time in milliseconds")


def test_subscribe_help_explains_redis_url_and_key_prefix():
    out = dyadwatch("subscribe", "--help", timeout=60).stdout.decode()
    assert "the Redis that demo/run/replay publish to" in out
    assert "the --key-prefix of the job publishing the alerts" in out


def test_subscribe_says_it_is_waiting_on_an_empty_stream(redis_url, key_prefix):
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "subscribe", "--redis_url", redis_url,
                             "--key-prefix", key_prefix, "--since", "0"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watchdog = threading.Timer(60, proc.kill)   # a missing line ends the read instead of hanging
    watchdog.start()
    try:
        line = proc.stderr.readline().decode()
    finally:
        watchdog.cancel()
        proc.terminate()
        proc.communicate(timeout=30)
    assert line.strip() == (f"dyadwatch: subscribed to {key_prefix}:alerts at {redis_url}; "
                            "waiting for alerts (Ctrl-C stops)")


def test_help_shows_what_each_command_takes():
    replay = dyadwatch("replay", "--help", timeout=60).stdout.decode()
    for streaming_only in ("--duration", "--reshuffle", "--fetch-timeout", "--max-feed-bytes", "--allow-private-feeds"):
        assert streaming_only not in replay
    assert "--duration" in dyadwatch("run", "--help", timeout=60).stdout.decode()
    assert "RSS/Atom XML" in dyadwatch("detect", "--help", timeout=60).stdout.decode()
    demo = " ".join(dyadwatch("demo", "--help", timeout=60).stdout.decode().split())
    for default in ("(default 30.0)", "(default 0.5)", "(default 100000)", "default 9478)"):
        assert default in demo


def test_run_logs_its_feeds_and_a_failed_fetch_briefly_and_truly(tmp_path, redis_url):
    port = free_port()   # nothing listens there: every fetch fails
    feeds = write_feeds_yaml(tmp_path / "feeds.yaml",
                             [{"name": "dead", "url": f"http://127.0.0.1:{port}/feed.xml", "interval": 300}])
    job = PipelineProcess(feeds, redis_url, "dwtest-logs", tmp_path / "spill.jsonl").start()
    try:
        job.wait_for_metric('dyadwatch_feed_polls_total{feed="dead",outcome="connection_error"}', 1, 60)
    finally:
        job.stop()
    log = job.output()
    assert f"dyadwatch: polling 1 feed(s) from {feeds}" in log
    failure = next(line for line in log.splitlines() if "connection_error" in line)
    # The outcome and host, not urllib3's text; the next fetch is the next 300 s poll, not the 60 s back-off.
    assert failure.endswith(f"feed dead (127.0.0.1:{port}): connection_error; failure 1, next fetch in 300s")


def test_replay_into_a_dead_redis_says_it_is_waiting(tmp_path):
    result = dyadwatch("replay", "seeds", "--redis-url", f"redis://127.0.0.1:{free_port()}/0",
                       "--spill-file", str(tmp_path / "spill.jsonl"), "--metrics-port", "0", timeout=180)
    assert result.returncode == 1
    waiting = [line for line in result.stderr.decode().splitlines() if line.startswith("replay: Redis unreachable")]
    assert len(waiting) == 1 and "waiting up to 30 s to deliver" in waiting[0]
    assert "alert(s) could not reach Redis and wait in the spill file" in result.stderr.decode()


def _stage_count(stage: str) -> float:
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value("dyadwatch_stage_seconds_count", {"stage": stage}) or 0.0


def test_batched_stages_record_one_timing_per_element(redis_url, key_prefix, tmp_path):
    from connectors.redis_sink import AlertDelivery, RedisAlertWriter
    from transforms.article import Article
    from transforms.dedupe import _DropSeen

    articles = [Article(id=f"{key_prefix}-{n}", title=f"Story number {n} of the stage timing test",
                        text="France and Germany met.") for n in range(5)]
    drop_seen = _DropSeen(redis_url, key_prefix)
    drop_seen.setup()
    before = _stage_count("dedupe")
    try:
        assert len(list(drop_seen.process(articles))) == 5
    finally:
        drop_seen.teardown()
    assert _stage_count("dedupe") - before == 5   # one batch of 5 articles: 5 observations

    alerts = [{"id": f"{key_prefix}-a{n}", "event": "CONSULT", "source": [{"actorText": "France", "code": "FRA"}],
               "target": [{"actorText": "Germany", "code": "DEU"}], "fetched_at": None} for n in range(3)]
    delivery = AlertDelivery(RedisAlertWriter(redis_url, key_prefix), str(tmp_path / "spill.jsonl"))
    before = _stage_count("publish")
    try:
        assert delivery.submit(alerts) == (3, 0, 0)
    finally:
        delivery.close()
    assert _stage_count("publish") - before == 3
