"""Feed entries and replayed records → Articles, in plain Python.

``record_problem`` says why a record cannot become an Article, ``entry_to_article`` makes one;
the file reader, ``detect`` and the Beam stage (``transforms.normalise``) share them.
"""
from __future__ import annotations

import math
import time

from transforms.article import Article, derive_article_id
from transforms.dead_letters import preview
from transforms.text_cleaning import canonical_url, html_to_text, to_utc_iso

MAX_TEXT_CHARS = 100_000   # longer bodies are cut: coding cost grows with length
ORIGIN_KEY = "_origin"     # set by readers that know more than the feed, e.g. "file.jsonl:12"


# Fields that must be text (or absent); numbers are accepted and read as text.
_TEXT_FIELDS = ("id", "title", "text", "summary", "content", "url", "link", "guid", "published", "feed",
                "home_country")
MAX_ID_CHARS = 512
MAX_FUTURE_SECONDS = 86400.0


def record_problem(entry) -> str | None:
    """Why a raw entry or record cannot become an Article, or None when it can.

    Checks shapes and ranges only (no content rules): one place for the file
    reader (which names the line) and the normaliser (which guards the stream).
    """
    if not isinstance(entry, dict):
        return f"an entry must be a JSON object, not {type(entry).__name__}"
    for name in _TEXT_FIELDS:
        value = entry.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
            return f"'{name}' must be a string, not {type(value).__name__}"
    if len(_as_str(entry.get("id"))) > MAX_ID_CHARS:
        return f"'id' is longer than {MAX_ID_CHARS} characters"
    fetched = entry.get("fetched_at")
    if fetched is not None:
        if isinstance(fetched, bool) or not isinstance(fetched, (int, float)) or not math.isfinite(fetched):
            return f"'fetched_at' must be unix seconds, not {_short(fetched)}"
        if not 0 <= fetched <= time.time() + MAX_FUTURE_SECONDS:
            return f"'fetched_at' {fetched!r} is out of range (unix seconds, not in the future)"
    published = _as_str(entry.get("published")).strip()
    if published and to_utc_iso(published) is None:
        return f"'published' {_short(published)} is not a valid date (ISO 8601 or RFC 822)"
    home = entry.get("home_country")
    if home is not None and _as_str(home).strip().upper() not in country_codes():
        return f"unknown home_country {_short(home)} (use a country code the coder knows, e.g. CAN)"
    return None


def entry_to_article(entry: dict, fetched_at: float | None = None) -> Article | None:
    """One raw feed entry or replay record → Article; None when it has no text at all.

    Accepts feed entries (``title``, ``summary``, ``content`` HTML, ``link``,
    ``guid``) and article records (``text``, optional ``id``, ``title``, ``url``,
    ``published``). Raises ValueError for a record ``record_problem`` refuses.
    """
    problem = record_problem(entry)
    if problem:
        raise ValueError(problem)
    title = html_to_text(_as_str(entry.get("title"))).replace("\n", " ")
    raw_body = entry.get("text")
    if raw_body is None:
        summary, content = _as_str(entry.get("summary")), _as_str(entry.get("content"))
        raw_body = content if len(content) >= len(summary) else summary
    text = html_to_text(_as_str(raw_body))[:MAX_TEXT_CHARS]
    if not title and not text:
        return None
    url = canonical_url(_as_str(entry.get("url") or entry.get("link")))
    guid = _as_str(entry.get("guid")) or None
    article_id = _as_str(entry.get("id")).strip() or derive_article_id(url, guid, title, text)
    home = _as_str(entry.get("home_country")).strip().upper() or None
    return Article(
        id=article_id,
        title=title,
        text=text,
        url=url,
        published=to_utc_iso(_as_str(entry.get("published")) or None),
        feed=_as_str(entry.get("feed")) or None,
        home_country=home,
        fetched_at=float(fetched_at if fetched_at is not None else entry.get("fetched_at") or time.time()),
    )


def _as_str(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _short(value) -> str:
    return preview(value)[:40] if not isinstance(value, str) else repr(value[:40])


def country_codes() -> frozenset:
    """The states the coder knows: the only valid home countries (no NATO, WHO ...)."""
    from transforms.coder.dictionaries import known_state_codes

    return known_state_codes()


def origin_of(entry) -> str:
    """Where an entry came from: file:line for replayed records, else the feed."""
    if not isinstance(entry, dict):
        return "?"
    return str(entry.get(ORIGIN_KEY) or entry.get("feed") or entry.get("feed_url") or "?")
