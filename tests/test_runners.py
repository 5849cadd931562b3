"""`dyadwatch replay` on other Beam runners gives exactly the alerts of the default run.

The same files are replayed on the default in-process engine, on the DirectRunner's engine with
2 worker processes (`multi_processing`) and through `PortableRunner` on Beam's Python job service
with a LOOPBACK environment (the Fn API path that Flink and Spark use), each into its own key
prefix of a real Redis. Every run must publish the same alert ids, once each, print the same
summary, and dead-letter the same bad line with its FILE:LINE. tests/bench_replay_workers.py shows
the CPU each worker process spends.
"""
import json
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from transforms.dead_letters import dead_letter_key
from connectors.embedded_redis import free_port
from connectors.redis_sink import stream_key
from tests.bench_replay_workers import write_articles
from tests.pipeline_process import terminate

REPO = Path(__file__).resolve().parent.parent
ARTICLES = 120   # with the bad line, 121 lines: three pieces of replay's work (50 lines each)


@pytest.fixture(scope="module")
def replay_input(tmp_path_factory):
    folder = tmp_path_factory.mktemp("replay")
    articles = write_articles(folder / "articles.jsonl", ARTICLES)
    with articles.open("a", encoding="utf-8") as out:
        out.write("{not json\n")   # line 121
    # Not seeds/000_*.txt: it repeats the headline of the feed's first entry, and which of two
    # repeats is coded first depends on the order the workers see them (deploy/RUNNERS.md).
    return [str(articles), str(REPO / "seeds" / "demo_world.xml")]


@pytest.fixture(scope="module")
def job_service():
    """Beam's Python job service (`local_job_service_main`) on a free loopback port."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "apache_beam.runners.portability.local_job_service_main",
                             "--port", str(port)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "the job service did not start"
            time.sleep(0.2)
    yield f"localhost:{port}"
    terminate(proc)


def _replay(paths, redis_url, prefix, tmp_path, *beam_args) -> tuple[int, str, str]:
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "replay", *paths, "--redis-url", redis_url,
                             "--key-prefix", prefix, "--spill-file", str(tmp_path / f"{prefix}.spill"),
                             "--metrics-port", "0", *beam_args],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    summary = [line for line in result.stdout.splitlines() if line.startswith("replay: ")]
    assert summary, f"no summary line:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result.returncode, summary[-1], result.stderr


def _published(redis_client, prefix) -> tuple[list[dict], list[str]]:
    """The alerts in the stream (in order, repeats kept) and the dead-letter origins."""
    alerts = [json.loads(fields["alert"]) for _, fields in redis_client.xrange(stream_key(prefix))]
    origins = [json.loads(item)["origin"] for item in redis_client.lrange(dead_letter_key(prefix), 0, -1)]
    return alerts, origins


@pytest.fixture(scope="module")
def default_run(replay_input, redis_url, tmp_path_factory):
    import redis

    client = redis.Redis.from_url(redis_url, decode_responses=True)
    prefix = f"dwtest-{uuid.uuid4().hex[:12]}"
    try:
        status, summary, _ = _replay(replay_input, redis_url, prefix, tmp_path_factory.mktemp("default"))
        yield status, summary, *_published(client, prefix)
    finally:
        for key in client.scan_iter(f"{prefix}:*", count=1000):
            client.delete(key)
        client.close()


RUNNERS = {
    "direct-2-processes": ["--direct_num_workers=2", "--direct_running_mode=multi_processing"],
    "portable-loopback": ["--runner=PortableRunner", "--environment_type=LOOPBACK"],
}


@pytest.mark.parametrize("runner", sorted(RUNNERS))
def test_replay_on_another_runner_publishes_exactly_the_default_runs_alerts(
        runner, default_run, replay_input, redis_url, redis_client, key_prefix, tmp_path, request):
    status, summary, alerts, origins = default_run
    ids = [alert["id"] for alert in alerts]
    bad_line = f"{replay_input[0]}:{ARTICLES + 1}"
    # The default run itself: every synthetic article alerts once (none lost where the file is
    # cut into pieces), the seeds add theirs, the bad line is named.
    assert status == 1 and origins == [bad_line]
    assert len({alert["article_id"] for alert in alerts if alert["feed"] == replay_input[0]}) == ARTICLES
    assert len(ids) == len(set(ids)) > ARTICLES
    assert summary.endswith(f"{len(ids)} new alert(s) published (0 more report(s) of open stories went "
                            "out as story updates instead; 0 surge(s) raised), 0 already published, "
                            "0 queued while Redis was unreachable; 1 record(s) rejected")

    beam_args = list(RUNNERS[runner])
    if runner == "portable-loopback":
        beam_args.append(f"--job_endpoint={request.getfixturevalue('job_service')}")
    other_status, other_summary, stderr = _replay(replay_input, redis_url, key_prefix, tmp_path, *beam_args)
    other_alerts, other_origins = _published(redis_client, key_prefix)
    assert (other_status, other_summary) == (status, summary), stderr[-3000:]
    assert sorted(alert["id"] for alert in other_alerts) == sorted(ids)   # the same alerts, each once
    assert other_origins == [bad_line]
    assert "Traceback" not in stderr
