"""Run ``dyadwatch run`` as a real process for end-to-end tests, and read its metrics."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from connectors.embedded_redis import free_port
from connectors.local_feeds import write_feeds_yaml  # noqa: F401 (the tests' feed lists)

REPO = Path(__file__).resolve().parent.parent


def terminate(proc: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM a helper process (a job service, a Prometheus), SIGKILL it if it lingers."""
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class PipelineProcess:
    """``dyadwatch run`` in a child process; ``stop()`` sends Ctrl-C (SIGINT)."""

    def __init__(self, feeds_yaml: Path, redis_url: str, prefix: str, spill: Path, *extra: str,
                 allow_private: bool = True):   # the test feeds are served on 127.0.0.1
        self.metrics_port = free_port()
        self.log_path = spill.with_suffix(f".{self.metrics_port}.log")
        self.args = [sys.executable, "-m", "pipeline.cli", "run", "--feeds", str(feeds_yaml),
                     "--redis-url", redis_url, "--key-prefix", prefix, "--spill-file", str(spill),
                     "--metrics-port", str(self.metrics_port), *extra]
        if allow_private:
            self.args.append("--allow-private-feeds")
        if "--page-port" not in extra:
            self.args += ["--page-port", "0"]   # no live page unless the test asks for one
        self.proc: subprocess.Popen | None = None

    def start(self) -> "PipelineProcess":
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(self.args, cwd=REPO, stdout=self._log, stderr=subprocess.STDOUT,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
        return self

    def metrics(self) -> dict[str, float]:
        """name{labels} → value, from the live /metrics endpoint ({} if not up yet)."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}/metrics", timeout=2) as resp:
                text = resp.read().decode()
        except OSError:
            return {}
        samples = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                samples[name] = float(value)
        return samples

    def metric_sum(self, prefix: str) -> float:
        return sum(v for k, v in self.metrics().items() if k.startswith(prefix))

    def wait_for_metric(self, prefix: str, minimum: float, timeout: float) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.metric_sum(prefix)
            if value >= minimum:
                return value
            if self.proc.poll() is not None:
                raise AssertionError(f"pipeline exited early:\n{self.output()}")
            time.sleep(0.2)
        raise AssertionError(f"{prefix} did not reach {minimum} in {timeout}s:\n{self.output()}")

    def stop(self, timeout: float = 30) -> int:
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self._log.close()

    def output(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-5000:]
