"""The pipeline graph, built by one function for every mode.

    feeds:  Tick → due feeds → poll → entries ┐
    replay: file paths → entries ─────────────┴→ Articles → new only → events → alerts → Redis → seen

An article is marked seen by the sink, once all its alerts are in Redis, never before.
"""
from __future__ import annotations

import apache_beam as beam

from connectors.feed_config import FeedConfig
from connectors.feed_source import PollFeeds
from connectors.file_replay import ReadArticleFiles
from connectors.http_fetch import FetchLimits
from connectors.redis_sink import PublishAlerts
from pipeline.arguments import default_spill_path
from pipeline.options import DyadwatchOptions, is_local, story_config
from transforms.alerts import BuildAlerts
from transforms.code_events import CodeEvents
from transforms.dedupe import DeduplicateArticles
from transforms.normalise import NormaliseArticles


def build_pipeline(pipeline: beam.Pipeline, redis_url: str, feeds: list[FeedConfig] | None = None,
                   paths: list[str] | None = None, code_stage: beam.PTransform | None = None):
    """Add the whole graph to ``pipeline``; returns the PCollection of alerts handed to Redis.

    Exactly one of ``feeds`` (streaming) or ``paths`` (bounded replay) is given. ``code_stage``
    replaces the coder (default ``CodeEvents()``) with any transform of the same contract,
    articles → (article, events); `dyadwatch bench` times the graph with a no-op there.
    """
    if (feeds is None) == (paths is None):
        raise ValueError("give either feeds or paths")
    opts = pipeline.options.view_as(DyadwatchOptions)
    prefix = opts.key_prefix
    if feeds is not None:
        reshuffle = opts.reshuffle == "on" or (opts.reshuffle == "auto" and not is_local(pipeline.options))
        limits = FetchLimits(total_timeout=opts.fetch_timeout, max_bytes=opts.max_feed_bytes,
                             read_timeout=min(10.0, opts.fetch_timeout), allow_private=opts.allow_private_feeds)
        entries = pipeline | "PollFeeds" >> PollFeeds(feeds, redis_url, prefix, limits, duration=opts.duration,
                                                      reshuffle=reshuffle)
        source = "feed"
    else:
        entries = pipeline | "ReadFiles" >> ReadArticleFiles(paths, redis_url, prefix)
        source = "replay"
    return (entries
            | "Normalise" >> NormaliseArticles(source, redis_url, prefix)
            | "Deduplicate" >> DeduplicateArticles(redis_url, prefix)   # checks only
            | "CodeEvents" >> (code_stage if code_stage is not None else CodeEvents())   # (article, events)
            | "BuildAlerts" >> BuildAlerts(opts.min_confidence, redis_url, prefix)   # (seen keys, alerts)
            | "PublishAlerts" >> PublishAlerts(redis_url, prefix, opts.spill_file or default_spill_path(prefix),
                                               opts.stream_maxlen, opts.seen_ttl,
                                               story_config(opts)))   # alerts (or story updates), then seen
