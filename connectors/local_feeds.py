"""Feeds served over real HTTP on 127.0.0.1, whose content can change while they are polled.

Used by `dyadwatch bench` (stories added at a steady rate while `dyadwatch run` polls them) and by
the tests' richer feed server::

    with LocalFeeds() as feeds:
        feeds.set("/world.xml", rss([{"title": "Canada meets Russia", "link": "http://x.test/1"}]))
        url = feeds.url("/world.xml")

Each path answers with an ETag and a Last-Modified, and a matching If-None-Match or
If-Modified-Since with 304, as real feeds do.
"""
from __future__ import annotations

import email.utils
import hashlib
import http.server
import threading
import time
from datetime import datetime, timezone
from xml.sax.saxutils import escape


class LocalFeeds:
    """A threaded HTTP server on 127.0.0.1 (a free port) serving RSS documents by path."""

    def __init__(self, host: str = "127.0.0.1"):
        self.host = host
        self._documents: dict[str, tuple[bytes, str, str]] = {}   # path → (body, ETag, Last-Modified)
        self._lock = threading.Lock()
        self._last_modified = 0
        self._httpd = http.server.ThreadingHTTPServer((host, 0), self._handler())
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path if path.startswith('/') else '/' + path}"

    def set(self, path: str, body: bytes) -> None:
        """Serve ``body`` at ``path`` from now on, with a new ETag and a later Last-Modified."""
        with self._lock:
            self._documents[path] = (body, etag(body), self._next_last_modified())

    def _next_last_modified(self) -> str:
        """A Last-Modified later than any before (call with the lock held): strictly increasing,
        so two changes within one second still differ."""
        self._last_modified = max(int(time.time()), self._last_modified + 1)
        return email.utils.formatdate(self._last_modified, usegmt=True)

    def _handler(self):
        """The request handler class (a subclass may serve other behaviours)."""
        return _handler_for(self)

    def start(self) -> "LocalFeeds":
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True, name=f"LocalFeeds:{self.port}")
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread:
            self._thread.join(5)

    def __enter__(self) -> "LocalFeeds":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _document(self, path: str):
        with self._lock:
            return self._documents.get(path)


def etag(body: bytes) -> str:
    """A strong ETag for a body: its hash."""
    return '"%s"' % hashlib.sha1(body).hexdigest()[:16]


def _handler_for(server: LocalFeeds):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 30

        def log_message(self, *args):
            pass

        def do_GET(self):
            found = server._document(self.path.split("?", 1)[0])   # noqa: SLF001
            if found is None:
                return self._reply(404, {"Content-Type": "text/plain"}, b"not found")
            body, etag, modified = found
            validators = {"ETag": etag, "Last-Modified": modified}
            if self._not_modified(etag, modified):
                return self._reply(304, validators, b"")
            self._reply(200, {"Content-Type": "application/rss+xml; charset=utf-8", **validators}, body)

        def _not_modified(self, etag: str, modified: str) -> bool:
            asked = self.headers.get("If-None-Match")
            if asked is not None:   # RFC 9110: If-None-Match wins over If-Modified-Since
                return etag in [tag.strip() for tag in asked.split(",")]
            since = self.headers.get("If-Modified-Since")
            try:
                return bool(since) and email.utils.parsedate_to_datetime(modified) <= \
                    email.utils.parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False

        def _reply(self, status: int, headers: dict, body: bytes) -> None:
            try:
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:   # the client went away
                self.close_connection = True

    return Handler


def rss(items: list[dict], title: str = "Test feed", link: str = "http://feeds.test/",
        description: str = "A test feed") -> bytes:
    """An RSS 2.0 document (UTF-8 bytes) from dicts with any of: title, link, guid,
    description, pubDate (an RFC 822 string, epoch seconds or a datetime),
    content (goes to content:encoded). Values are XML-escaped; a guid that is not
    an http(s) URL gets isPermaLink="false"."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           f"<channel><title>{escape(title)}</title><link>{escape(link)}</link>"
           f"<description>{escape(description)}</description>"]
    for item in items:
        out.append("<item>")
        for key in ("title", "link", "description"):
            if item.get(key) is not None:
                out.append(f"<{key}>{escape(str(item[key]))}</{key}>")
        if item.get("guid") is not None:
            # Not a URL: say so, or feedparser resolves it against the feed's URL.
            guid = str(item["guid"])
            permalink = "" if guid.startswith(("http://", "https://")) else ' isPermaLink="false"'
            out.append(f"<guid{permalink}>{escape(guid)}</guid>")
        if item.get("pubDate") is not None:
            out.append(f"<pubDate>{escape(_rfc822(item['pubDate']))}</pubDate>")
        if item.get("content") is not None:
            out.append(f"<content:encoded>{escape(str(item['content']))}</content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out).encode("utf-8")


def _rfc822(value) -> str:
    if isinstance(value, datetime):
        value = (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).timestamp()
    if isinstance(value, (int, float)):
        return email.utils.formatdate(value, usegmt=True)
    return str(value)


def write_feeds_yaml(path, feeds: list[dict]):
    """A feed list for `dyadwatch run --feeds`: dicts with name, url and optional interval (1 s)."""
    lines = ["feeds:"]
    for feed in feeds:
        lines.append(f"  - name: {feed['name']}")
        lines.append(f"    url: {feed['url']}")
        lines.append(f"    interval: {feed.get('interval', 1)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
