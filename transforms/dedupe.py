"""Drop articles already seen, by id and by headline, using Redis.

One pipelined round trip per batch (``BatchElements`` groups within a bundle):
``SET key 1 NX EX ttl`` answers "new?" atomically, even across workers and
restarts. If Redis is unreachable the stage fails open to a small in-process
memory: a repeat can then reach the coder, but alert ids are idempotent at the
sink, so it can never alert twice.
"""
from __future__ import annotations

import hashlib
import logging
import re
import time

import apache_beam as beam
import redis
from apache_beam.metrics import Metrics

from pipeline import metrics
from transforms.article import Article
from transforms.recent_keys import RecentKeys

log = logging.getLogger(__name__)

DEFAULT_TTL = 14 * 86400
MIN_TITLE_CHARS = 25   # shorter headlines ("Update", "Live") are too generic to match on


def dedupe_keys(article: Article, prefix: str) -> list[str]:
    """The Redis keys that mark this article as seen: its id, and its headline."""
    # Ids come from feeds and files: hashed, so no raw input becomes part of a key name.
    keys = [f"{prefix}:seen:id:{hashlib.sha1(article.id.encode('utf-8')).hexdigest()[:16]}"]
    title = re.sub(r"\W+", " ", article.title.lower()).strip()
    if len(title) >= MIN_TITLE_CHARS:
        digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:16]
        keys.append(f"{prefix}:seen:title:{digest}")
    return keys


class SeenArticles:
    """Plain-Python check-and-mark of seen articles (usable without Beam)."""

    def __init__(self, client: redis.Redis, prefix: str, ttl: int = DEFAULT_TTL, memory: int = 50_000):
        self.client = client
        self.prefix = prefix
        self.ttl = ttl
        self._memory = RecentKeys(memory)

    def filter_new(self, articles: list[Article]) -> list[Article]:
        """Articles not seen before (each key is marked as seen in the same call)."""
        keyed = [(a, dedupe_keys(a, self.prefix)) for a in articles]
        try:
            pipe = self.client.pipeline(transaction=False)
            for _, keys in keyed:
                for key in keys:
                    pipe.set(key, 1, nx=True, ex=self.ttl)
            answers = iter(pipe.execute())
            fresh = [[bool(next(answers)) for _ in keys] for _, keys in keyed]
        except redis.RedisError as err:
            log.warning("dedupe: Redis unavailable (%s); using process memory", err)
            fresh = [[self._memory.add(k) for k in keys] for _, keys in keyed]
        # New only if no key was already there: a same-headline repost counts as seen.
        return [a for (a, _), marks in zip(keyed, fresh) if all(marks)]


class _DropSeen(beam.DoFn):
    def __init__(self, redis_url: str, prefix: str, ttl: int):
        self.redis_url, self.prefix, self.ttl = redis_url, prefix, ttl
        self.duplicates = Metrics.counter("dyadwatch", "articles_duplicate")

    def setup(self):
        client = redis.Redis.from_url(self.redis_url, socket_timeout=5, socket_connect_timeout=2)
        self.seen = SeenArticles(client, self.prefix, self.ttl)

    def process(self, batch):
        started = time.perf_counter()
        fresh = self.seen.filter_new(batch)
        dropped = len(batch) - len(fresh)
        if dropped:
            self.duplicates.inc(dropped)
            metrics.ARTICLES_DUPLICATE.inc(dropped)
        metrics.STAGE_SECONDS.labels(stage="dedupe").observe((time.perf_counter() - started) / max(len(batch), 1))
        yield from fresh

    def teardown(self):
        self.seen.client.close()


class DeduplicateArticles(beam.PTransform):
    """Articles → only those not seen before (by id or headline), per Redis."""

    def __init__(self, redis_url: str, prefix: str, ttl: int = DEFAULT_TTL):
        super().__init__()
        self.redis_url, self.prefix, self.ttl = redis_url, prefix, ttl

    def expand(self, articles):
        return (articles
                | "BatchPerBundle" >> beam.BatchElements(min_batch_size=1, max_batch_size=500)
                | "DropSeen" >> beam.ParDo(_DropSeen(self.redis_url, self.prefix, self.ttl)))
