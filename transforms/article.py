"""The Article: one news item, as every stage after ingestion sees it."""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    id: str                    # stable: derived from the canonical URL, else guid, else title+text
    title: str
    text: str                  # plain text body (HTML stripped, entities unescaped)
    url: str | None = None     # canonical URL
    published: str | None = None   # ISO-8601 UTC, "YYYY-MM-DDTHH:MM:SSZ"
    feed: str | None = None    # feed name, or the replayed file's path
    home_country: str | None = None
    fetched_at: float = 0.0    # unix time the item entered the pipeline (for latency)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Article":
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in fields})


def derive_article_id(url: str | None, guid: str | None, title: str, text: str) -> str:
    """A short, stable id: the same story from the same place gets the same id."""
    if url:
        basis = "url:" + url
    elif guid:
        basis = "guid:" + guid
    else:
        basis = "text:" + title.strip() + "\n" + text.strip()
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
