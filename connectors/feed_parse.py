"""Feed bytes -> raw entry dicts, with feedparser.

Raw entries are plain dicts of str/None (cheap to pickle between Beam workers);
the normaliser (transforms/normalise.py) strips HTML and builds Articles.
"""
from __future__ import annotations

import datetime
import io
import time

import feedparser

# Entries kept per poll: a 10,000-item feed costs one poll the newest 1,000, not
# the pipeline's memory. Older items are usually already seen anyway.
MAX_ENTRIES = 1000

# Prefix of the warning when nothing at all could be read (the poller's parse_error).
NOT_A_FEED = "nothing recoverable"
# Bozo reasons that say nothing about the content (a wrong charset or Content-Type).
_SOFT_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)

KEYS = ("guid", "link", "title", "summary", "content", "published", "feed", "feed_url", "home_country")


def parse_feed(body: bytes, headers: dict | None, feed, *, max_entries: int = MAX_ENTRIES
               ) -> tuple[list[dict], str | None]:
    """Parse ``body``; return (entries, warning). Never raises on bad input.

    ``headers`` are the HTTP response headers: feedparser uses Content-Type's
    charset and Content-Location (the base for relative links). ``warning`` says
    why feedparser flagged the feed as bozo; whatever entries it recovered are
    returned anyway. When nothing could be read (not a feed, or broken before
    its first entry) the warning starts with ``NOT_A_FEED``. Entries come in
    feed order, duplicate guids dropped (first kept); past ``max_entries`` the
    newest are kept (undated ones last).
    """
    headers = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    try:
        # A file object, never bytes or str: feedparser would treat a str as a URL
        # (and fetch it) and bytes as a *filename* (and read it from disk).
        parsed = feedparser.parse(io.BytesIO(body or b""), response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - feedparser is meant not to raise; be sure
        return [], f"{NOT_A_FEED}: feedparser failed: {type(exc).__name__}: {exc}"

    warning = None
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if parsed.get("bozo"):
        warning = f"{type(bozo).__name__}: {bozo}" if bozo is not None else "bozo feed"

    entries, seen = [], set()
    for item in parsed.get("entries") or []:
        try:
            entry = _entry(item, feed)
        except Exception:  # noqa: BLE001 - one odd entry must not cost the others
            continue
        if entry is None:
            continue
        if entry["guid"]:
            if entry["guid"] in seen:
                continue
            seen.add(entry["guid"])
        entries.append(entry)

    if not entries and (not parsed.get("version") or (warning and not isinstance(bozo, _SOFT_BOZO))):
        # Not a feed (an HTML page, an empty body) or broken before any entry.
        warning = f"{NOT_A_FEED}: {warning or 'no RSS, Atom, RDF or CDF document found'}"

    if len(entries) > max_entries:
        # Stable sort: ISO strings sort by time; undated ones keep feed order, last.
        dated = sorted((e for e in entries if e["published"]), key=lambda e: e["published"], reverse=True)
        undated = [e for e in entries if not e["published"]]
        entries = (dated + undated)[:max_entries]
    return entries, warning


def _entry(item, feed) -> dict | None:
    content = None
    for part in item.get("content") or []:
        value = _text(part.get("value"))
        if value and (content is None or len(value) > len(content)):
            content = value
    entry = {
        "guid": _text(item.get("id")),
        "link": _text(item.get("link")),
        "title": _text(item.get("title")),
        "summary": _text(item.get("summary")),
        "content": content,
        # dict.get: FeedParserDict.get would map updated<->published with a warning.
        "published": _iso(dict.get(item, "published_parsed") or dict.get(item, "updated_parsed")),
        "feed": feed.name,
        "feed_url": feed.url,
        "home_country": feed.home_country,
    }
    if not any(entry[k] for k in ("link", "title", "summary", "content")):
        return None  # nothing for the normaliser to work with
    return entry


def _text(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's *_parsed are UTC struct_times."""
    if not parsed:
        return None
    try:
        t = datetime.datetime(*parsed[:6])  # validates the fields
    except (TypeError, ValueError, OverflowError):
        return None
    # Formatted by hand: strftime's %Y does not zero-pad years < 1000 on glibc.
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}Z"
