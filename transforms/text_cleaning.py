"""Plain-text, URL and time cleaning used when entries become Articles.

Feed content is treated as inert text: HTML is parsed only to drop tags, and
<script>/<style> bodies are discarded, never evaluated.
"""
from __future__ import annotations

import html
import re
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_DROP_CONTENT = {"script", "style", "noscript", "iframe", "object", "template"}
_BLOCK_TAGS = {"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "tr", "table", "blockquote", "section", "article", "hr", "figcaption"}
_TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|cmpid|ocid|ref|rss)$", re.I)


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROP_CONTENT:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _DROP_CONTENT and self._skip_depth:
            self._skip_depth -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(markup: str | None) -> str:
    """Plain text: tags stripped, entities unescaped, whitespace tidied, paragraphs kept.

    Never raises, and the result holds no markup even after unescaping: feeds
    double- and triple-escape, so strip and unescape repeat until nothing changes.
    Each round only shortens the text, so a text it leaves unchanged has no tag
    and no entity left.
    """
    if not markup:
        return ""
    text = markup
    for _ in range(MAX_UNESCAPE_ROUNDS):
        cleaner = _strip_once(text)
        if cleaner == text:
            return text
        text = cleaner
    # Escaped deeper than any real feed: no entity may survive, nor anything tag-like.
    return _LT_BEFORE_TAG.sub("", text.replace("&", " ")).strip()


MAX_UNESCAPE_ROUNDS = 8
# What a browser could read as a tag, comment or declaration (closed or not), and html.parser
# leaves as text when it is malformed.
_TAG_LIKE = re.compile(r"<[/!?]?[A-Za-z!?][^<>]*>?")
_LT_BEFORE_TAG = re.compile(r"<+(?=[A-Za-z/!?])")


def _strip_once(markup: str) -> str:
    text = markup
    if "<" in text:
        try:
            parser = _TextExtractor()
            parser.feed(text)
            parser.close()
            text = "".join(parser.parts)
        except Exception:  # noqa: BLE001 - html.parser raises AssertionError on odd declarations
            pass
        text = _TAG_LIKE.sub(" ", text)
    text = html.unescape(text).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme/host, no fragment, no tracking parameters, sorted query."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port   # raises ValueError when out of range
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None  # "http://user@/x" has a netloc but no host: no page anyone can open
    host = parts.hostname
    if port and not ((parts.scheme == "http" and parts.port == 80)
                           or (parts.scheme == "https" and parts.port == 443)):
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _TRACKING_PARAMS.match(k))
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), host.lower(), path, urlencode(query), ""))


def to_utc_iso(value: str | None, now: float | None = None, max_future: float = 86400.0) -> str | None:
    """Parse ISO-8601 or RFC 822 dates to "YYYY-MM-DDTHH:MM:SSZ".

    Dates more than ``max_future`` seconds ahead (clock skew, typos) are clamped
    to now; unparseable dates give None.
    """
    if not value:
        return None
    value = value.strip()
    parsed = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    now = time.time() if now is None else now
    try:
        stamp = parsed.timestamp()
        if stamp > now + max_future:
            stamp = now
        # Year 1 with a positive offset is year 0 in UTC: out of range, so no date.
        return datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (ValueError, OverflowError, OSError):
        return None
