"""Feed entries and replayed records → Articles.

``entry_to_article`` is plain Python (tests and ``detect`` use it without Beam);
``NormaliseArticles`` is the Beam stage around it.
"""
from __future__ import annotations

import logging
import math
import time

import apache_beam as beam
from apache_beam.metrics import Metrics

from connectors.dead_letters import DeadLetters, preview
from transforms import metrics
from transforms.article import Article, derive_article_id
from transforms.text_cleaning import canonical_url, html_to_text, to_utc_iso

log = logging.getLogger(__name__)

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


class _EntryToArticle(beam.DoFn):
    def __init__(self, source: str, redis_url: str | None, prefix: str):
        self.source, self.redis_url, self.prefix = source, redis_url, prefix
        self.ingested = Metrics.counter("dyadwatch", "articles_ingested")
        self.rejected = Metrics.counter("dyadwatch", "articles_rejected")

    def setup(self):
        self.dead_letters = DeadLetters.from_url(self.redis_url, self.prefix)

    def process(self, entry):
        started = time.perf_counter()
        try:
            article = entry_to_article(entry)
        except Exception as err:  # noqa: BLE001 - one entry must never stop the stream
            reason = "invalid" if isinstance(err, ValueError) else "error"
            self._reject(entry, reason, f"{type(err).__name__}: {err}" if reason == "error" else str(err))
            return
        if article is None:
            self.rejected.inc()
            metrics.ARTICLES_REJECTED.labels(reason="empty").inc()
            return
        self.ingested.inc()
        metrics.ARTICLES_INGESTED.labels(source=self.source).inc()
        metrics.STAGE_SECONDS.labels(stage="normalise").observe(time.perf_counter() - started)
        yield article

    def _reject(self, entry, reason: str, message: str) -> None:
        origin = origin_of(entry)
        log.warning("rejected entry from %s: %s", origin, message)
        self.rejected.inc()
        metrics.ARTICLES_REJECTED.labels(reason=reason).inc()
        if self.dead_letters:
            self.dead_letters.add(origin, message, entry)

    def teardown(self):
        if self.dead_letters:
            self.dead_letters.close()


def origin_of(entry) -> str:
    """Where an entry came from: file:line for replayed records, else the feed."""
    if not isinstance(entry, dict):
        return "?"
    return str(entry.get(ORIGIN_KEY) or entry.get("feed") or entry.get("feed_url") or "?")


class NormaliseArticles(beam.PTransform):
    """Raw entries/records → Articles (HTML stripped, canonical URL, UTC dates)."""

    def __init__(self, source: str = "feed", redis_url: str | None = None, prefix: str = "dyadwatch"):
        super().__init__()
        self.source, self.redis_url, self.prefix = source, redis_url, prefix

    def expand(self, entries):
        return entries | "EntryToArticle" >> beam.ParDo(_EntryToArticle(self.source, self.redis_url, self.prefix))
