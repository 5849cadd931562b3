"""Poll one feed: back-off check, conditional GET, parse, remember the state.

The first fetch of each feed by a poller (that is, after every start) is
unconditional: the stored ETag/Last-Modified is trusted only within the run that
stored it. Entries a crashed run fetched but never published are so fetched
again, and the de-duplication check drops those whose alerts did reach Redis.

``FeedPoller.poll`` never raises: a broken feed costs that feed a back-off and
an outcome label (for metrics), never the pipeline.
"""
from __future__ import annotations

import logging
import math
import random
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from connectors.feed_config import FeedConfig
from connectors.feed_parse import NOT_A_FEED, parse_feed
from connectors.feed_state import FeedState, FeedStateStore
from connectors.http_fetch import FetchError, FetchLimits, fetch, redact

log = logging.getLogger(__name__)

# Every outcome poll() can report (a closed set: it becomes a Prometheus label).
OUTCOMES = ("ok", "not_modified", "skipped_backoff", "http_error", "timeout", "too_large",
            "connection_error", "dns_error", "redirect_loop", "parse_error", "bad_url", "blocked_address")


@dataclass
class PollResult:
    feed: FeedConfig
    outcome: str
    entries: list[dict] = field(default_factory=list)
    status: int | None = None
    error: str | None = None
    retry_at: float | None = None  # epoch seconds; set when the feed is backing off
    bytes: int = 0
    elapsed: float = 0.0
    warning: str | None = None


class FeedPoller:
    def __init__(self, state_store: FeedStateStore, limits: FetchLimits = FetchLimits(),
                 base_backoff: float = 60.0, max_backoff: float = 6 * 3600.0):
        self.store = state_store
        self.limits = limits
        self.base_backoff = base_backoff
        self.max_backoff = max_backoff
        self._fetched: set[str] = set()   # feeds fetched in full (200, parsed) by this poller

    def poll(self, feed: FeedConfig, now: float | None = None) -> PollResult:
        """``now`` (epoch seconds) is for tests; back-off windows are wall-clock
        times because they are stored and survive restarts."""
        now = time.time() if now is None else now
        start = time.monotonic()
        try:
            return self._poll(feed, now, start)
        except Exception as exc:  # noqa: BLE001 - poll never raises
            log.exception("feed %s (%s): unexpected error", feed.name, redact(feed.url))
            try:
                state = self.store.get(feed.url)
                return self._fail(feed, state, now, start, "connection_error",
                                  f"{type(exc).__name__}: {exc}")
            except Exception:  # noqa: BLE001
                return PollResult(feed, "connection_error", [], error=f"{type(exc).__name__}: {exc}",
                                  elapsed=time.monotonic() - start)

    def _poll(self, feed: FeedConfig, now: float, start: float) -> PollResult:
        state = self.store.get(feed.url)
        if state.backoff_until > now:
            return PollResult(feed, "skipped_backoff", [], retry_at=state.backoff_until)

        # Validators count only once this process has had the feed's entries itself.
        conditional = feed.url in self._fetched
        try:
            res = fetch(feed.url, etag=state.etag if conditional else None,
                        last_modified=state.last_modified if conditional else None, limits=self.limits)
        except FetchError as exc:
            return self._fail(feed, state, now, start, exc.outcome, str(exc),
                              status=exc.status, retry_after=exc.retry_after)

        if res.status == 304:
            # A 304 may carry a fresher validator; keep ours otherwise.
            state.etag = res.headers.get("etag") or state.etag
            state.last_modified = res.headers.get("last-modified") or state.last_modified
            self._succeed(feed, state, now, "not_modified")
            return PollResult(feed, "not_modified", [], status=304, elapsed=time.monotonic() - start)

        # Content-Location = final URL, so relative links resolve after redirects.
        entries, warning = parse_feed(res.body, {**res.headers, "content-location": res.url}, feed)
        if not entries and warning and warning.startswith(NOT_A_FEED):
            # Keep the old validators, so the next poll fetches the feed again.
            return self._fail(feed, state, now, start, "parse_error", warning, status=res.status,
                              nbytes=len(res.body))
        if warning:
            log.info("feed %s: recovered %d entries from a bozo feed: %s", feed.name, len(entries), warning)
        state.etag = res.headers.get("etag")
        state.last_modified = res.headers.get("last-modified")
        self._succeed(feed, state, now, "ok")
        self._fetched.add(feed.url)
        return PollResult(feed, "ok", entries, status=res.status, bytes=len(res.body),
                          elapsed=time.monotonic() - start, warning=warning)

    def _succeed(self, feed: FeedConfig, state: FeedState, now: float, outcome: str) -> None:
        state.failures = 0
        state.backoff_until = 0.0
        state.last_success = now
        state.last_outcome = outcome
        self.store.put(feed.url, state)

    def _fail(self, feed, state, now, start, outcome, error, status=None, retry_after=None,
              nbytes=0) -> PollResult:
        state.failures += 1
        state.last_outcome = outcome
        delay = self.backoff_delay(state.failures, retry_after)
        state.backoff_until = now + delay
        self.store.put(feed.url, state)
        # The feed is next fetched at its first scheduled poll after the back-off ends.
        next_fetch = math.ceil(delay / feed.interval) * feed.interval if feed.interval > 0 else delay
        log.warning("feed %s (%s): %s%s; failure %d, next fetch in %.0fs", feed.name, _host(feed.url), outcome,
                    f" (HTTP {status})" if status else "", state.failures, next_fetch)
        log.debug("feed %s (%s): %s", feed.name, redact(feed.url), error)
        return PollResult(feed, outcome, [], status=status, error=error, retry_at=state.backoff_until,
                          bytes=nbytes, elapsed=time.monotonic() - start)

    def backoff_delay(self, failures: int, retry_after: float | None = None) -> float:
        """max(Retry-After, base * 2**(failures-1)), plus up to 10% jitter (so feeds
        that failed together do not retry together), capped at max_backoff."""
        exp = self.base_backoff * 2 ** min(max(failures - 1, 0), 40)
        delay = max(retry_after or 0.0, exp) * (1.0 + random.uniform(0.0, 0.1))
        return min(delay, self.max_backoff)


def _host(url: str) -> str:
    """host[:port] of a feed URL: enough to tell feeds apart in a log, without paths or credentials."""
    parts = urlsplit(url)
    try:
        return f"{parts.hostname}:{parts.port}" if parts.port else (parts.hostname or "?")
    except ValueError:   # a port out of range
        return parts.hostname or "?"
