"""A local HTTP server for feed tests: well-behaved feeds and hostile ones.

Binds 127.0.0.1 on a random port and serves from a daemon thread, so no test
needs the internet. Content can be added or replaced while it runs (e.g. an
end-to-end test adds an item to a feed while the pipeline polls it)::

    from tests.feed_server import FeedServer, rss

    with FeedServer() as server:
        server.set("/world.xml", rss([{"title": "Canada meets Russia", "link": "http://x.test/1"}]))
        url = server.url("/world.xml")
        ...                                   # poll url
        server.set("/world.xml", rss(items))  # new content: new ETag/Last-Modified
        assert server.hits("/world.xml") == 2

Every path serves ETag and Last-Modified (unless you pass your own headers) and
answers a matching If-None-Match / If-Modified-Since with 304. Hostile modes,
per path:

* ``set(path, body, status=503, headers={"Retry-After": "120"})`` - error status
* ``set(path, body, content_type="text/xml; charset=utf-8")`` - any (wrong) charset
* ``set(path, body, delay=2.0)`` - slow headers (wait before the status line)
* ``set(path, body, drip=1.0)`` - drip the body at N bytes/s (``drip_headers=True``
  drips the status line and headers too)
* ``set(path, body, gzip=True)`` - gzip Content-Encoding
* ``set(path, body, content_length=False)`` - no Content-Length (close-delimited)
* ``set_huge(path, nbytes, content_length=True)`` - a body of ``nbytes``, streamed
* ``set_gzip_bomb(path, nbytes)`` - a small gzip body expanding to ``nbytes``
* ``set_redirect(path, location, status=302)`` - chain or loop them as you like

Requests are recorded (``requests``: list of (path, headers dict)). All waiting
loops end when the server stops, so a test never hangs on it.
"""
from __future__ import annotations

import email.utils
import gzip as gzip_module
import http.server
import threading
import zlib
from dataclasses import dataclass, field
from typing import Callable, Iterable

from connectors.local_feeds import LocalFeeds, etag, rss  # noqa: F401 (rss: the documents the tests serve)

_MB = 1024 * 1024

# A feed URL whose host cannot resolve, found out without asking any resolver (no test may touch
# the network): the IDNA codec refuses a label over 63 characters before a lookup is made.
UNRESOLVABLE_URL = "http://" + "x" * 64 + ".invalid/feed.xml"


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before anything is sent
    drip: float | None = None  # bytes per second
    drip_headers: bool = False
    content_length: bool = True
    chunks: Callable[[], Iterable[bytes]] | None = None  # streamed body (huge, bomb)
    length: int | None = None  # Content-Length for streamed bodies
    conditional: bool = True  # honour If-None-Match / If-Modified-Since


class FeedServer(LocalFeeds):
    """LocalFeeds (lifecycle, address, validators) with routes that can misbehave."""

    def __init__(self, host: str = "127.0.0.1"):   # any loopback address, e.g. 127.0.0.2
        self._routes: dict[str, Route] = {}
        self._stopping = threading.Event()
        self.requests: list[tuple[str, dict]] = []
        super().__init__(host)

    def _handler(self):
        return _handler_for(self)

    def stop(self) -> None:
        self._stopping.set()  # ends drips and delays in handler threads
        super().stop()

    # -- content ---------------------------------------------------------------

    def set(self, path: str, body: bytes = b"", content_type: str = "application/rss+xml; charset=utf-8",
            headers: dict | None = None, status: int = 200, *, delay: float = 0.0,
            drip: float | None = None, drip_headers: bool = False, gzip: bool = False,
            content_length: bool = True) -> None:
        """Add or replace what ``path`` serves (thread-safe, while running).

        Unless ``headers`` gives its own, a fresh ETag (hash of the body) and a
        Last-Modified later than any before are added, so conditional GETs work.
        """
        headers = dict(headers or {})
        if gzip:
            body = gzip_module.compress(body)
            headers.setdefault("Content-Encoding", "gzip")
        lower = {k.lower() for k in headers}
        with self._lock:
            if "etag" not in lower:
                headers["ETag"] = etag(body)
            if "last-modified" not in lower:
                headers["Last-Modified"] = self._next_last_modified()
            self._routes[path] = Route(status, body, content_type, headers, delay, drip, drip_headers,
                                       content_length)

    def set_huge(self, path: str, nbytes: int, content_length: bool = True) -> None:
        """``nbytes`` of feed-like filler, streamed in 64 KiB pieces (never held in memory)."""
        def chunks():
            head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title><!-- '
            yield head
            left, piece = nbytes - len(head), b"x" * 65536
            while left > 0 and not self._stopping.is_set():
                yield piece[:left]
                left -= len(piece)
        self._set_stream(path, chunks, nbytes if content_length else None, {})

    def set_gzip_bomb(self, path: str, nbytes: int = 200 * _MB) -> None:
        """A gzip body (~1/1000 of the size) that inflates to ``nbytes`` of zeros."""
        bomb = _gzip_zeros(nbytes)
        self._set_stream(path, lambda: [bomb], len(bomb), {"Content-Encoding": "gzip"})

    def set_redirect(self, path: str, location: str, status: int = 302) -> None:
        """``location`` may be a path on this server or any URL."""
        with self._lock:
            self._routes[path] = Route(status, b"", "text/plain", {"Location": location}, conditional=False)

    def remove(self, path: str) -> None:
        with self._lock:
            self._routes.pop(path, None)

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for p, _ in self.requests if p == path)

    def _set_stream(self, path, chunks, length, headers) -> None:
        with self._lock:
            self._routes[path] = Route(200, b"", "application/rss+xml", headers, chunks=chunks,
                                       length=length, content_length=length is not None, conditional=False)

    def _route(self, path: str) -> Route | None:
        with self._lock:
            return self._routes.get(path)

    def _sleep(self, seconds: float) -> bool:
        """Sleep, but wake when the server stops; False means stop now."""
        return not self._stopping.wait(seconds)


_BOMB_CACHE: dict[int, bytes] = {}


def _gzip_zeros(nbytes: int) -> bytes:
    if nbytes not in _BOMB_CACHE:
        comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        zeros, parts, left = bytes(_MB), [], nbytes
        while left > 0:
            parts.append(comp.compress(zeros[:left]))
            left -= _MB
        parts.append(comp.flush())
        _BOMB_CACHE[nbytes] = b"".join(parts)
    return _BOMB_CACHE[nbytes]


def _handler_for(server: FeedServer):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 30  # idle keep-alive connections end on their own

        def log_message(self, *args):  # keep test output clean
            pass

        def handle(self):
            try:
                super().handle()
            except OSError:  # the client hung up: normal with hostile modes
                pass

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            with server._lock:
                server.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
            route = server._route(path)
            if route is None:
                return self._send(404, {"Content-Type": "text/plain", "Content-Length": "9"}, [b"not found"],
                                  Route())
            if route.delay and not server._sleep(route.delay):
                return
            if route.conditional and self._not_modified(route):
                keep = {k: v for k, v in route.headers.items() if k.lower() in ("etag", "last-modified")}
                return self._send(304, keep, [], route)
            headers = {"Content-Type": route.content_type, **route.headers}
            body = route.chunks() if route.chunks else [route.body]
            if route.content_length:
                headers["Content-Length"] = str(route.length if route.chunks else len(route.body))
            else:
                headers["Connection"] = "close"
                self.close_connection = True
            self._send(route.status, headers, body, route)

        def _not_modified(self, route: Route) -> bool:
            etag = next((v for k, v in route.headers.items() if k.lower() == "etag"), None)
            inm = self.headers.get("If-None-Match")
            if inm is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
                return etag is not None and etag in [t.strip() for t in inm.split(",")]
            ims = self.headers.get("If-Modified-Since")
            lm = next((v for k, v in route.headers.items() if k.lower() == "last-modified"), None)
            if ims and lm:
                try:
                    return email.utils.parsedate_to_datetime(lm) <= email.utils.parsedate_to_datetime(ims)
                except (TypeError, ValueError):
                    return False
            return False

        def _send(self, status, headers, body, route: Route):
            head = f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}\r\n"
            head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
            try:
                if not self._write(head.encode("latin-1"), route.drip if route.drip_headers else None):
                    return
                for piece in body:
                    if not self._write(piece, route.drip):
                        return
            except OSError:  # the client gave up (BrokenPipe, ConnectionReset, ...)
                self.close_connection = True

        def _write(self, data: bytes, drip: float | None) -> bool:
            if not drip:
                self.wfile.write(data)
                self.wfile.flush()
                return True
            for i in range(len(data)):  # one byte at a time, `drip` per second
                self.wfile.write(data[i:i + 1])
                self.wfile.flush()
                if not server._sleep(1.0 / drip):
                    return False
            return True

    return Handler
