"""Feed entries and replayed records → Articles.

``entry_to_article`` is plain Python (tests and ``detect`` use it without Beam);
``NormaliseArticles`` is the Beam stage around it.
"""
from __future__ import annotations

import logging
import time

import apache_beam as beam
from apache_beam.metrics import Metrics

from pipeline import metrics
from transforms.article import Article, derive_article_id
from transforms.text_cleaning import canonical_url, html_to_text, to_utc_iso

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 100_000   # longer bodies are cut: coding cost grows with length


def entry_to_article(entry: dict, fetched_at: float | None = None) -> Article | None:
    """One raw feed entry or replay record → Article; None when it has no text at all.

    Accepts feed entries (``title``, ``summary``, ``content`` HTML, ``link``,
    ``guid``) and article records (``text``, optional ``id``, ``title``, ``url``,
    ``published``). Raises ValueError for a record that is not a mapping.
    """
    if not isinstance(entry, dict):
        raise ValueError(f"an entry must be a JSON object, not {type(entry).__name__}")
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
    home = _as_str(entry.get("home_country")).upper() or None
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


class _EntryToArticle(beam.DoFn):
    def __init__(self, source: str):
        self.source = source
        self.ingested = Metrics.counter("dyadwatch", "articles_ingested")
        self.rejected = Metrics.counter("dyadwatch", "articles_rejected")

    def process(self, entry):
        started = time.perf_counter()
        try:
            article = entry_to_article(entry)
        except ValueError as err:
            log.warning("rejected entry from %s: %s", _origin(entry), err)
            self.rejected.inc()
            metrics.ARTICLES_REJECTED.labels(reason="invalid").inc()
            return
        if article is None:
            self.rejected.inc()
            metrics.ARTICLES_REJECTED.labels(reason="empty").inc()
            return
        self.ingested.inc()
        metrics.ARTICLES_INGESTED.labels(source=self.source).inc()
        metrics.STAGE_SECONDS.labels(stage="normalise").observe(time.perf_counter() - started)
        yield article


def _origin(entry) -> str:
    return str(entry.get("feed") or entry.get("feed_url") or "?") if isinstance(entry, dict) else "?"


class NormaliseArticles(beam.PTransform):
    """Raw entries/records → Articles (HTML stripped, canonical URL, UTC dates)."""

    def __init__(self, source: str = "feed"):
        super().__init__()
        self.source = source

    def expand(self, entries):
        return entries | "EntryToArticle" >> beam.ParDo(_EntryToArticle(self.source))
