"""A real Prometheus scrapes a running `dyadwatch run`: the dashboard and the rules work on its series.

The job polls a local feed server (one good feed, one that answers 404) and publishes to an
embedded Redis that this test starts, so it can kill it. Prometheus (Debian's package; .ci/run
installs it) runs on a free loopback port with temporary storage, scraping the job every second
and loading the shipped rules, with only the `for:` durations and group intervals shortened
(below). Through Prometheus' HTTP API the test reads the job's series back, runs every PromQL
expression of the Grafana dashboard (each window it offers) and of the rules, and watches
DyadwatchRedisDown: silent while Redis is healthy, firing once Redis is killed, gone once it is back.
"""
import json
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import yaml
from prometheus_client.parser import text_string_to_metric_families

from connectors.embedded_redis import EmbeddedRedis, free_port
from tests.bench_replay_workers import write_articles
from tests.feed_server import FeedServer, rss
from tests.pipeline_process import PipelineProcess, terminate, write_feeds_yaml
from tests.promql import (PROMETHEUS_OWN, RULES, dashboard_expressions, dashboard_windows, exported_names,
                          metric_names, promtool_and_prometheus, recorded_names, rule_expressions)

SHORT = "2s"   # the shipped rules wait minutes (for: 1m ...): the test's copy waits 2 s


def feed_items(tmp_path) -> list[dict]:
    """Country-pair stories (each alerts) and one item with no text at all (rejected as empty)."""
    path = write_articles(tmp_path / "stories.jsonl", 6)
    items = [{"title": story["title"], "description": story["text"], "guid": story["id"],
              "link": f"http://news.test/{story['id']}", "pubDate": 1_700_000_000 + n}
             for n, story in enumerate(map(json.loads, path.read_text(encoding="utf-8").splitlines()))]
    return items + [{"guid": "no-text", "link": "http://news.test/no-text"}]


def write_test_rules(path) -> None:
    """The shipped rules.yml, its expressions untouched; `for:` and group intervals shortened so
    that an alert fires in seconds rather than minutes."""
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    for group in rules["groups"]:
        if "interval" in group:
            group["interval"] = "1s"
        for rule in group["rules"]:
            if "for" in rule:
                rule["for"] = SHORT
    path.write_text(yaml.safe_dump(rules, sort_keys=False), encoding="utf-8")


class Prometheus:
    def __init__(self, binary: str, tmp_path, metrics_port: int):
        self.port = free_port()
        write_test_rules(tmp_path / "rules.yml")
        config = {"global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
                  "rule_files": ["rules.yml"],
                  "scrape_configs": [{"job_name": "dyadwatch",
                                      "static_configs": [{"targets": [f"127.0.0.1:{metrics_port}"]}]}]}
        (tmp_path / "prometheus.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        self.log = open(tmp_path / "prometheus.log", "wb")
        self.proc = subprocess.Popen([binary, f"--config.file={tmp_path / 'prometheus.yml'}",
                                      f"--storage.tsdb.path={tmp_path / 'data'}",
                                      f"--web.listen-address=127.0.0.1:{self.port}", "--log.level=warn"],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.log_path = tmp_path / "prometheus.log"
        try:
            self.wait(self.ready, 60, "Prometheus ready")
        except BaseException:
            self.stop()
            raise

    def _get(self, path: str, **params) -> dict:
        url = f"http://127.0.0.1:{self.port}{path}?" + urllib.parse.urlencode(params)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as err:   # a bad query: 400 with a JSON body that says why
            return json.loads(err.read())

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/-/ready", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def query(self, expr: str) -> list:
        answer = self._get("/api/v1/query", query=expr)
        assert answer["status"] == "success" and not answer.get("warnings"), f"{expr}: {answer}"
        return answer["data"]["result"]

    def alert_states(self, name: str) -> list[str]:
        return [a["state"] for a in self._get("/api/v1/alerts")["data"]["alerts"] if a["labels"]["alertname"] == name]

    def wait(self, condition, timeout: float, what: str):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"Prometheus exited:\n{self.log_path.read_text()[-3000:]}"
            value = condition()
            if value:
                return value
            time.sleep(0.25)
        raise AssertionError(f"waited {timeout} s for {what}")

    def stop(self):
        terminate(self.proc)
        self.log.close()


def _value(result: list) -> float:
    return float(result[0]["value"][1]) if result else float("nan")


def test_prometheus_scrapes_the_job_runs_the_dashboard_and_rules_and_alerts_on_redis_down(tmp_path):
    _, prometheus_binary = promtool_and_prometheus()
    redis_server = EmbeddedRedis().start()
    feed_server = FeedServer().start()
    job = prometheus = None
    try:
        feed_server.set("/world.xml", rss([]))   # the stories come once Prometheus scrapes the job
        feeds = write_feeds_yaml(tmp_path / "feeds.yaml", [
            {"name": "world", "url": feed_server.url("/world.xml"), "interval": 1},
            {"name": "gone", "url": feed_server.url("/gone.xml"), "interval": 1}])   # 404: a failing feed
        job = PipelineProcess(feeds, redis_server.url, f"dwtest-{uuid.uuid4().hex[:12]}",
                              tmp_path / "spill.jsonl").start()
        prometheus = Prometheus(prometheus_binary, tmp_path, job.metrics_port)
        # Rates need the counters seen before they grow: the job's first poll publishes within a
        # second or two of its start, which can be before Prometheus's first scrape.
        prometheus.wait(lambda: _value(prometheus.query("count(dyadwatch_articles_ingested_total) "
                                                        "or count(dyadwatch_feed_polls_total)")) >= 1,
                        120, f"the job's first scrape\n{job.output()}")
        feed_server.set("/world.xml", rss(feed_items(tmp_path)))

        # The job's series, read back through Prometheus.
        published = prometheus.wait(lambda: _value(prometheus.query("sum(dyadwatch_alerts_published_total)")) >= 6,
                                    120, f"alerts published, seen by Prometheus\n{job.output()}")
        assert published
        exposition = urllib.request.urlopen(f"http://127.0.0.1:{job.metrics_port}/metrics", timeout=5).read().decode()
        families = list(text_string_to_metric_families(exposition))
        with_samples = {s.name for f in families for s in f.samples if s.name.startswith("dyadwatch_")}
        stored = prometheus._get("/api/v1/label/__name__/values")["data"]
        assert with_samples <= set(stored), sorted(with_samples - set(stored))
        assert prometheus.query('dyadwatch_articles_rejected_total{reason="empty"}')
        assert _value(prometheus.query("max(dyadwatch_redis_up)")) == 1
        time.sleep(2)   # two more evaluations: every recording group has run over the new samples

        # Every expression of the dashboard (each window) and of the rules runs and reads only
        # what the job exports or the rules record; with this traffic every panel has data.
        known = exported_names(families) | recorded_names() | PROMETHEUS_OWN
        for window in dashboard_windows():
            for panel, expr in dashboard_expressions(window).items():
                assert metric_names(expr) <= known, f"{panel}: {sorted(metric_names(expr) - known)}"
                assert prometheus.query(expr), f"{panel} ({window}) shows nothing: {expr}"
        for name, expr in rule_expressions().items():
            assert metric_names(expr) <= known, f"rule {name}: {sorted(metric_names(expr) - known)}"
            prometheus.query(expr)
        for name in recorded_names():
            assert prometheus.query(name), f"recording rule {name} recorded nothing"
        assert _value(prometheus.query("sum(job:dyadwatch_alerts_published:rate5m)")) > 0

        # Redis healthy all along (at least 10 scrapes, 5 times the rule's `for:`): DyadwatchRedisDown
        # was never pending nor firing.
        prometheus.wait(lambda: _value(prometheus.query("count_over_time(dyadwatch_redis_up[10m])")) >= 10, 30,
                        "10 scrapes of dyadwatch_redis_up")
        assert _value(prometheus.query("min_over_time(dyadwatch_redis_up[10m])")) == 1
        assert prometheus.query('ALERTS{alertname="DyadwatchRedisDown"}[10m]') == []
        assert prometheus.alert_states("DyadwatchRedisDown") == []

        redis_server.kill()
        killed = time.monotonic()
        prometheus.wait(lambda: prometheus.alert_states("DyadwatchRedisDown") == ["firing"], 60,
                        "DyadwatchRedisDown to fire")
        fired_after = time.monotonic() - killed
        redis_server.start()
        back = time.monotonic()
        prometheus.wait(lambda: prometheus.alert_states("DyadwatchRedisDown") == [], 60,
                        "DyadwatchRedisDown to clear")
        print(f"DyadwatchRedisDown (for: {SHORT}) fired {fired_after:.1f} s after Redis was killed, "
              f"cleared {time.monotonic() - back:.1f} s after it was back")
        assert _value(prometheus.query("dyadwatch_redis_up")) == 1
    finally:
        if prometheus:
            prometheus.stop()
        if job:
            job.stop()
        feed_server.stop()
        redis_server.stop()
