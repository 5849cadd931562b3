"""Drop articles already seen, by id and by headline: a check only.

One pipelined round trip per batch (``BatchElements`` groups within a bundle):
``EXISTS`` on each article's seen keys. This stage never marks anything: the
sink sets an article's seen keys once every alert it produced is in Redis (see
``connectors.redis_sink``), so a crash between here and there leaves the article
unseen and the restart codes it again. A small in-process memory of the keys that
passed drops a repeat within the run, also while Redis is unreachable (the stage
then fails open to that memory alone: a repeat from before the run can reach the
coder, but alert ids are idempotent at the sink, so it can never alert twice).
"""
from __future__ import annotations

import hashlib
import logging
import re
import time

import apache_beam as beam
import redis
from apache_beam.metrics import Metrics

from transforms import metrics
from transforms.article import Article
from transforms.recent_keys import RecentKeys
from transforms import defaults

log = logging.getLogger(__name__)

DEFAULT_TTL = defaults.SEEN_TTL
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
    """Plain-Python check of seen articles (usable without Beam); marking is the sink's job."""

    def __init__(self, client: redis.Redis, prefix: str, memory: int = 50_000):
        self.client = client
        self.prefix = prefix
        self._memory = RecentKeys(memory)

    def filter_new(self, articles: list[Article]) -> list[Article]:
        """Articles none of whose keys Redis holds, nor this run has let through already."""
        keyed = [(a, dedupe_keys(a, self.prefix)) for a in articles]
        try:
            pipe = self.client.pipeline(transaction=False)
            for _, keys in keyed:
                for key in keys:
                    pipe.exists(key)
            answers = iter(pipe.execute())
            stored = [any([bool(next(answers)) for _ in keys]) for _, keys in keyed]
            metrics.redis_outcome(True)
        except redis.RedisError as err:
            metrics.redis_outcome(False)
            log.warning("dedupe: Redis unavailable (%s); using process memory", err)
            stored = [False] * len(keyed)
        fresh = []
        for (article, keys), seen_before in zip(keyed, stored):
            # Remember every key (a same-headline repost later in the run is then a repeat too).
            new_here = all([self._memory.add(key) for key in keys])
            if new_here and not seen_before:
                fresh.append(article)
        return fresh


class _DropSeen(beam.DoFn):
    def __init__(self, redis_url: str, prefix: str):
        self.redis_url, self.prefix = redis_url, prefix
        self.duplicates = Metrics.counter("dyadwatch", "articles_duplicate")

    def setup(self):
        client = redis.Redis.from_url(self.redis_url, socket_timeout=5, socket_connect_timeout=2)
        self.seen = SeenArticles(client, self.prefix)

    def process(self, batch):
        started = time.perf_counter()
        fresh = self.seen.filter_new(batch)
        dropped = len(batch) - len(fresh)
        if dropped:
            self.duplicates.inc(dropped)
            metrics.ARTICLES_DUPLICATE.inc(dropped)
        metrics.observe_batch("dedupe", time.perf_counter() - started, len(batch))
        yield from fresh

    def teardown(self):
        self.seen.client.close()


class DeduplicateArticles(beam.PTransform):
    """Articles → only those not seen before (by id or headline), per Redis and this run's memory."""

    def __init__(self, redis_url: str, prefix: str):
        super().__init__()
        self.redis_url, self.prefix = redis_url, prefix

    def expand(self, articles):
        return (articles
                | "BatchPerBundle" >> beam.BatchElements(min_batch_size=1, max_batch_size=500)
                | "DropSeen" >> beam.ParDo(_DropSeen(self.redis_url, self.prefix)))
