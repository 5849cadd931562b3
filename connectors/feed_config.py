"""The feed list: which feeds to poll, read from YAML or OPML.

YAML::

    defaults: {interval: 300, home_country: null}
    feeds:
      - {name: BBC World, url: "https://feeds.bbci.co.uk/news/world/rss.xml", home_country: GBR}
      - {url: "https://example.org/rss", interval: 60}

A bare list of feeds is accepted too. OPML (what feed readers export): every
``<outline xmlUrl=...>`` at any depth, named by ``title`` or ``text``, with the
optional custom attributes ``homeCountry`` and ``interval``.

Bad input raises ``ValueError`` naming the file and the problem, so a typo in a
config file stops ``dyadwatch run`` at start rather than silently dropping a feed.
"""
from __future__ import annotations

import math
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

_ALPHA3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class FeedConfig:
    name: str
    url: str
    home_country: str | None = None  # ISO 3166 alpha-3, upper case
    interval: float = 300.0  # seconds between polls

    def __post_init__(self):
        # Normalise here so every FeedConfig (from a file or built in code) is valid.
        if not isinstance(self.url, str) or not self.url.strip():
            raise ValueError("feed has no url")
        object.__setattr__(self, "url", self.url.strip())
        if not self.name or not str(self.name).strip():
            object.__setattr__(self, "name", self.url)
        else:
            object.__setattr__(self, "name", str(self.name).strip())
        if self.home_country is not None:
            code = str(self.home_country).strip().upper()
            if not _ALPHA3.match(code):
                raise ValueError(f"home_country {self.home_country!r} is not an ISO alpha-3 code")
            object.__setattr__(self, "home_country", code)
        try:
            interval = float(self.interval)
        except (TypeError, ValueError):
            raise ValueError(f"interval {self.interval!r} is not a number") from None
        if not math.isfinite(interval) or interval <= 0:
            raise ValueError(f"interval {self.interval!r} must be a positive number of seconds")
        object.__setattr__(self, "interval", interval)


def load_feeds(path: str, *, allow_file: bool = False) -> list[FeedConfig]:
    """Read a feed list; ``allow_file`` permits file:// URLs (tests, local replays)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read feed list: {exc}") from None
    kind = _kind(path, data)
    try:
        raw = _from_opml(data) if kind == "opml" else _from_yaml(data)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None

    feeds, seen = [], {}
    for where, entry in raw:
        try:
            feed = FeedConfig(**entry)
            _check_url(feed.url, allow_file)
            _check_home_country(feed.home_country)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{path}: {where}: {exc}") from None
        if feed.url in seen:
            raise ValueError(f"{path}: {where}: duplicate url {feed.url!r} (also {seen[feed.url]})")
        seen[feed.url] = where
        feeds.append(feed)
    return feeds


def _kind(path: str, data: bytes) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in (".yaml", ".yml"):
        return "yaml"
    if ext in (".opml", ".xml"):
        return "opml"
    # Unclear extension: XML starts with '<' (after an optional BOM and blanks).
    return "opml" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else "yaml"


def _check_home_country(code: str | None) -> None:
    # The code ends up in Redis channel names (via the coder's events): only codes the coder knows.
    from transforms.entries import country_codes

    if code is not None and code not in country_codes():
        raise ValueError(f"home_country {code!r} is not a country code the coder knows (e.g. CAN, GBR)")


def _check_url(url: str, allow_file: bool) -> None:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file" and allow_file:
        return
    if scheme not in ("http", "https"):
        raise ValueError(f"url {url!r} is not http(s)")
    if not parts.hostname:
        raise ValueError(f"url {url!r} has no host")


_FIELDS = ("name", "url", "home_country", "interval")


def _from_yaml(data: bytes) -> list[tuple[str, dict]]:
    try:
        doc = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise ValueError(f"invalid YAML: {exc}") from None
    defaults: dict = {}
    if isinstance(doc, dict):
        defaults = doc.get("defaults") or {}
        if not isinstance(defaults, dict):
            raise ValueError("'defaults' must be a mapping")
        unknown = set(defaults) - {"interval", "home_country"}
        if unknown:
            raise ValueError(f"unknown key(s) in defaults: {sorted(unknown)}")
        doc = doc.get("feeds")
    if not isinstance(doc, list):
        raise ValueError("expected a list of feeds (or a mapping with a 'feeds' list)")
    out = []
    for i, item in enumerate(doc, 1):
        where = f"feed #{i}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected a mapping with at least 'url', got {item!r}")
        unknown = set(item) - set(_FIELDS)
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}")
        if not item.get("url"):
            raise ValueError(f"{where}: missing url")
        entry = {k: v for k, v in defaults.items() if v is not None}
        entry.update({k: v for k, v in item.items() if v is not None})
        entry.setdefault("name", "")
        out.append((f"{where} ({item.get('name') or item['url']})", entry))
    return out


def _from_opml(data: bytes) -> list[tuple[str, dict]]:
    try:
        root = ET.fromstring(data)  # expat: no external entities, guarded against entity bombs
    except ET.ParseError as exc:
        raise ValueError(f"invalid OPML/XML: {exc}") from None
    out = []
    for i, outline in enumerate(root.iter("outline"), 1):
        url = outline.get("xmlUrl")
        if url is None:
            continue  # a folder, not a feed
        where = f"outline #{i}"
        if not url.strip():
            raise ValueError(f"{where}: missing url (empty xmlUrl)")
        entry = {"name": outline.get("title") or outline.get("text") or "", "url": url}
        if outline.get("homeCountry"):
            entry["home_country"] = outline.get("homeCountry")
        if outline.get("interval"):
            entry["interval"] = outline.get("interval")
        out.append((f"{where} ({entry['name'] or url})", entry))
    return out
