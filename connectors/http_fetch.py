"""A safe HTTP GET for feeds: bounded in time and size, whatever the server does.

Every failure becomes a ``FetchError`` whose ``outcome`` is one of the poller's
outcome strings. The guarantees, and how they are kept:

* total time <= ``total_timeout``: per-operation socket timeouts cannot stop a
  server that drips one byte a second (headers or body), so a watchdog timer
  shuts the socket down at the deadline, which wakes the blocked read;
* at most ``max_bytes`` read: Content-Length is checked first, then bytes are
  counted while streaming, *after* decompression, which urllib3 (>= 2.6) does a
  bounded chunk at a time, so that a gzip bomb never expands past the cap in memory;
* redirects are followed by hand (at most ``max_redirects``, loops detected,
  every hop must be http/https);
* no request reaches inside the network (server-side request forgery): each
  hop's host is resolved once, refused when every address is loopback,
  private, link-local, multicast, reserved or unspecified (IPv4, IPv6 and
  IPv4-mapped IPv6), and the connection goes to the address that was checked,
  never to a second lookup (the Host header and TLS SNI keep the name).
  ``FetchLimits.allow_private`` lifts the refusal, not the pinning. No proxy is
  ever used (a caller's session's or the environment's): it would resolve the name itself.
"""
from __future__ import annotations

import datetime
import email.utils
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

CHUNK = 16 * 1024


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 5.0
    read_timeout: float = 10.0  # per socket read
    total_timeout: float = 30.0  # whole fetch, redirects included
    max_bytes: int = 5 * 1024 * 1024  # cap on the decompressed body
    max_redirects: int = 5
    user_agent: str = "dyadwatch/0.1 (+https://github.com/dyadwatch)"
    allow_private: bool = False  # let feeds reach loopback/private addresses (the demo, tests)
    private_allowlist: tuple = ()  # networks ("10.1.0.0/16") exempt from the refusal when it is on


class FetchError(Exception):
    def __init__(self, outcome: str, message: str, status: int | None = None,
                 retry_after: float | None = None):
        super().__init__(message)
        self.outcome = outcome
        self.status = status
        self.retry_after = retry_after


@dataclass
class FetchResult:
    status: int
    body: bytes
    headers: dict = field(default_factory=dict)  # lower-case keys
    url: str = ""  # final URL, after redirects
    elapsed: float = 0.0


def redact(url: str) -> str:
    """The URL without user:password@, for logs and error messages."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable url>"
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # HTTP-dates are GMT
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def fetch(url: str, etag: str | None = None, last_modified: str | None = None,
          limits: FetchLimits = FetchLimits(), session: requests.Session | None = None) -> FetchResult:
    """GET ``url``; a 304 comes back as status 304 with an empty body.

    ``session`` is optional; without one a fresh session is used (polls are
    minutes apart, so keep-alive gains nothing and sessions are not thread-safe).
    A caller's session gets our adapter mounted so the deadline still holds.
    """
    start = time.monotonic()
    headers = {"User-Agent": limits.user_agent, "Accept-Encoding": "gzip, deflate",
               "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                         "text/xml;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified

    own = session is None
    if own:
        session = requests.Session()
        session.trust_env = False  # no proxies from the environment: we connect to the vetted address
    if not isinstance(session.get_adapter("http://x/"), _WatchedAdapter):
        session.mount("http://", _WatchedAdapter())
        session.mount("https://", _WatchedAdapter())
    dog = _Watchdog(limits.total_timeout)
    try:
        with dog:
            result = _fetch(session, url, headers, limits, start, dog)
        if dog.fired:
            # A socket shut down mid-headers can look like a short, complete response.
            raise FetchError("timeout", f"total timeout {limits.total_timeout}s exceeded")
        return result
    finally:
        if own:
            session.close()


def _fetch(session, url, headers, limits, start, dog) -> FetchResult:
    seen = set()
    for _hop in range(limits.max_redirects + 1):
        host, port = _check_url(url)
        seen.add(url)
        remaining = limits.total_timeout - (time.monotonic() - start)
        if remaining <= 0:
            raise FetchError("timeout", f"total timeout {limits.total_timeout}s exceeded")
        _current.pin = vetted_address(host, port, limits.allow_private, limits.private_allowlist)
        try:
            resp = session.get(url, headers=headers, stream=True, allow_redirects=False,
                               timeout=(min(limits.connect_timeout, remaining),
                                        min(limits.read_timeout, remaining)))
        except Exception as exc:  # noqa: BLE001 - every network failure gets an outcome
            raise _classify(exc, dog, limits) from None
        try:
            if resp.is_redirect:
                target = urljoin(url, resp.headers.get("location", ""))
                if target in seen:
                    raise FetchError("redirect_loop", f"redirect loop back to {redact(target)}",
                                     status=resp.status_code)
                url = target
                continue
            return _read(resp, url, limits, start, dog)
        finally:
            resp.close()
    raise FetchError("redirect_loop", f"more than {limits.max_redirects} redirects")


def _check_url(url: str) -> tuple[str, int]:
    """(host, port) of an http(s) URL, else FetchError bad_url."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https") and parts.hostname:
            return parts.hostname, parts.port or (443 if scheme == "https" else 80)
    except ValueError:   # unparseable, or a port out of range
        pass
    raise FetchError("bad_url", f"not a fetchable http(s) url: {redact(url)!r}")


def address_blocked(address: str) -> bool:
    """True for an address a feed must not reach unless the user allows it."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:   # ::ffff:127.0.0.1 is 127.0.0.1
        ip = ip.ipv4_mapped
    return (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast or ip.is_reserved
            or ip.is_unspecified or not ip.is_global)


def vetted_address(host: str, port: int, allow_private: bool = False, allowlist: tuple = ()) -> str:
    """Resolve ``host`` once; the first address allowed, else FetchError (dns_error, blocked_address)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError("dns_error", f"cannot resolve {host}: {exc}") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchError("dns_error", f"cannot resolve {host}: no addresses")
    networks = [ipaddress.ip_network(net) for net in allowlist]
    allowed = addresses if allow_private else [
        a for a in addresses if not address_blocked(a) or any(ipaddress.ip_address(a) in n for n in networks)]
    if not allowed:
        raise FetchError("blocked_address", f"{host} resolves to {', '.join(addresses)}: a loopback, private, "
                         "link-local, multicast or reserved address (--allow-private-feeds permits it)")
    return allowed[0]


def _read(resp, url, limits, start, dog) -> FetchResult:
    status = resp.status_code
    hdrs = {k.lower(): v for k, v in resp.headers.items()}
    if status == 304:
        return FetchResult(304, b"", hdrs, url, time.monotonic() - start)
    if not 200 <= status < 300:  # 1xx, 3xx without Location, 4xx, 5xx
        raise FetchError("http_error", f"HTTP {status} {resp.reason or ''}".strip(), status=status,
                         retry_after=parse_retry_after(hdrs.get("retry-after")))
    length = hdrs.get("content-length", "")
    if length.strip().isdigit() and int(length) > limits.max_bytes:
        raise FetchError("too_large", f"Content-Length {length} > cap {limits.max_bytes}", status=status)

    body = bytearray()
    try:
        # urllib3 (>= 2.6) decodes gzip/deflate itself and, streaming, returns at most CHUNK decoded
        # bytes per read: a gzip bomb is inflated a chunk at a time, never past the cap in memory.
        for chunk in resp.raw.stream(CHUNK, decode_content=True):
            body += chunk
            if len(body) > limits.max_bytes:
                raise FetchError("too_large", f"body exceeds cap {limits.max_bytes} bytes", status=status)
            if time.monotonic() - start > limits.total_timeout:
                raise FetchError("timeout", f"total timeout {limits.total_timeout}s exceeded while reading")
    except FetchError:
        raise
    except urllib3.exceptions.DecodeError as exc:
        raise FetchError("parse_error", f"corrupt {hdrs.get('content-encoding')} body: {exc}",
                         status=status) from None
    except Exception as exc:  # noqa: BLE001
        raise _classify(exc, dog, limits) from None
    return FetchResult(status, bytes(body), hdrs, url, time.monotonic() - start)


def _classify(exc: Exception, dog: "_Watchdog", limits: FetchLimits) -> FetchError:
    if isinstance(exc, FetchError):
        return exc
    msg = f"{type(exc).__name__}: {exc}"
    if dog.fired:
        return FetchError("timeout", f"total timeout {limits.total_timeout}s exceeded")
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema, requests.exceptions.URLRequired)):
        return FetchError("bad_url", msg)
    if isinstance(exc, (requests.exceptions.Timeout, socket.timeout, urllib3.exceptions.TimeoutError)):
        return FetchError("timeout", msg)
    if _caused_by(exc, (socket.gaierror, urllib3.exceptions.NameResolutionError)):
        return FetchError("dns_error", msg)
    # Checked before timeouts: urllib3's NewConnectionError (refused, unreachable)
    # subclasses ConnectTimeoutError for backwards compatibility.
    if _caused_by(exc, (urllib3.exceptions.NewConnectionError, ConnectionRefusedError)):
        return FetchError("connection_error", msg)
    if _caused_by(exc, (urllib3.exceptions.ReadTimeoutError, urllib3.exceptions.ConnectTimeoutError)):
        return FetchError("timeout", msg)
    return FetchError("connection_error", msg)


def _caused_by(exc: BaseException, types: tuple) -> bool:
    """Search the exception, its cause/context chain and urllib3's ``reason``."""
    seen = set()
    stack = [exc]
    while stack:
        e = stack.pop()
        if not isinstance(e, BaseException) or id(e) in seen:   # a reason may be a string (ssl.SSLError's)
            continue
        seen.add(id(e))
        if isinstance(e, types):
            return True
        stack += [e.__cause__, e.__context__, getattr(e, "reason", None)]
        stack += [a for a in getattr(e, "args", ()) if isinstance(a, BaseException)]
    return False


# --- the deadline watchdog -------------------------------------------------

_current = threading.local()  # the watchdog of the fetch running in this thread


class _Watchdog:
    """Shuts the fetch's sockets down when the total deadline passes."""

    def __init__(self, seconds: float):
        self.fired = False
        self._socks: list = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def watch(self, sock) -> None:
        with self._lock:
            self._socks.append(sock)
            late = self.fired
        if late:
            _shutdown(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            socks = list(self._socks)
        for sock in socks:
            _shutdown(sock)

    def __enter__(self):
        _current.dog = self
        self._timer.start()
        return self

    def __exit__(self, *exc):
        self._timer.cancel()
        _current.dog = None
        _current.pin = None


def _shutdown(sock) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _WatchedMixin:
    # getresponse() runs once per request, connection reused or not, just before
    # the (possibly slow) header read: the right moment to hand the socket over.
    def getresponse(self, *args, **kwargs):
        dog = getattr(_current, "dog", None)
        if dog is not None and self.sock is not None:
            dog.watch(self.sock)
        return super().getresponse(*args, **kwargs)

    # Connect to the address fetch() vetted for this hop, not to a fresh DNS answer
    # (which could differ: DNS rebinding). host stays the name, for Host and SNI.
    def _new_conn(self):
        address = getattr(_current, "pin", None)
        if address is None:
            raise FetchError("blocked_address", f"no vetted address for {self.host}")
        try:
            return urllib3.util.connection.create_connection(
                (address, self.port), self.timeout, source_address=self.source_address,
                socket_options=self.socket_options)
        except socket.timeout as exc:
            raise urllib3.exceptions.ConnectTimeoutError(
                self, f"Connection to {self.host} ({address}) timed out") from exc
        except OSError as exc:
            raise urllib3.exceptions.NewConnectionError(
                self, f"Failed to establish a new connection to {address}: {exc}") from exc


class _HTTPConn(_WatchedMixin, HTTPConnectionPool.ConnectionCls):
    pass


class _HTTPSConn(_WatchedMixin, HTTPSConnectionPool.ConnectionCls):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConn


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConn


class _WatchedAdapter(HTTPAdapter):
    """A requests adapter whose connections report their sockets to the watchdog."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    # Never through a proxy, whatever the caller's session or the environment says: a proxy would
    # resolve the name again itself, and our connections go to the vetted address (a proxied request
    # went there on the proxy's port).
    def send(self, request, **kwargs):
        kwargs["proxies"] = None
        return super().send(request, **kwargs)
