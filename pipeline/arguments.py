"""The command line's own options (run, replay, demo), without Beam: `dyadwatch --help` and the
checks of values load nothing heavy. pipeline.options hands the same options to Beam."""
from __future__ import annotations

import os

from transforms import defaults


def default_spill_path(prefix: str) -> str:
    state_home = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return os.path.join(state_home, "dyadwatch", f"spill-{prefix}.jsonl")


def add_arguments(parser, streaming: bool = True) -> None:
    """dyadwatch's own options, on an argparse parser (the CLI's and Beam's alike).

    Each has an underscore spelling too: Beam hands options to remote workers as --dest=value.
    ``streaming=False`` (replay's help) leaves out the options that only feed polling uses.
    """
    parser.add_argument("--redis-url", "--redis_url", dest="redis_url", default=os.environ.get("REDIS_URL"),
                        help="Redis for alerts and state (default $REDIS_URL, else an embedded server)")
    parser.add_argument("--key-prefix", "--key_prefix", dest="key_prefix", default=defaults.KEY_PREFIX,
                        help="prefix of every Redis key and channel (default %(default)s)")
    parser.add_argument("--min-confidence", "--min_confidence", dest="min_confidence", type=float,
                        default=defaults.MIN_CONFIDENCE, help="events below this do not alert (default %(default)s)")
    parser.add_argument("--stream-maxlen", "--stream_maxlen", dest="stream_maxlen", type=int,
                        default=defaults.STREAM_MAXLEN, help="approximate MAXLEN of the alert stream (default %(default)s)")
    parser.add_argument("--seen-ttl", "--seen_ttl", dest="seen_ttl", type=int, default=defaults.SEEN_TTL,
                        help="seconds an article stays known as seen (default %(default)s)")
    parser.add_argument("--spill-file", "--spill_file", dest="spill_file", default=None,
                        help="where alerts wait on disk while Redis is down "
                             "(default $XDG_STATE_HOME/dyadwatch/spill-PREFIX.jsonl)")
    parser.add_argument("--no-stories", "--no_stories", dest="no_stories", action="store_true", default=False,
                        help="publish every report as an alert: no stories, no surges, no history")
    parser.add_argument("--story-window", "--story_window", dest="story_window", type=int,
                        default=defaults.STORY_WINDOW,
                        help="seconds apart (event time) that two reports of one story may be (default %(default)s)")
    parser.add_argument("--story-similarity", "--story_similarity", dest="story_similarity", type=float,
                        default=defaults.STORY_SIMILARITY,
                        help="least estimated Jaccard similarity of two reports' content words (default %(default)s)")
    parser.add_argument("--surge-probability", "--surge_probability", dest="surge_probability", type=float,
                        default=defaults.SURGE_PROBABILITY,
                        help="a pair's events of the last hour are a surge when their Poisson tail probability is "
                             "below this (default %(default)s)")
    parser.add_argument("--surge-min-count", "--surge_min_count", dest="surge_min_count", type=int,
                        default=defaults.SURGE_MIN_COUNT,
                        help="... and they are at least this many (default %(default)s)")
    parser.add_argument("--surge-baseline-days", "--surge_baseline_days", dest="surge_baseline_days", type=int,
                        default=defaults.SURGE_BASELINE_DAYS,
                        help="days before the hour whose hourly mean is the expected count (default %(default)s)")
    parser.add_argument("--surge-floor", "--surge_floor", dest="surge_floor", type=float,
                        default=defaults.SURGE_FLOOR,
                        help="least expected events a day, for pairs seldom or never seen (default %(default)s)")
    parser.add_argument("--surge-calm", "--surge_calm", dest="surge_calm", type=int, default=defaults.SURGE_CALM,
                        help="seconds (event time) after the last improbable count before the pair and class "
                             "may surge again (default %(default)s)")
    parser.add_argument("--metrics-port", "--metrics_port", dest="metrics_port", type=int,
                        default=defaults.METRICS_PORT, help="Prometheus endpoint port (0: off; default %(default)s)")
    parser.add_argument("--metrics-host", "--metrics_host", dest="metrics_host", default=defaults.METRICS_HOST,
                        help="address the metrics endpoint binds to (default %(default)s)")
    if not streaming:
        return
    parser.add_argument("--fetch-timeout", "--fetch_timeout", dest="fetch_timeout", type=float, default=30.0,
                        help="total seconds one feed fetch may take (default %(default)s)")
    parser.add_argument("--max-feed-bytes", "--max_feed_bytes", dest="max_feed_bytes", type=int,
                        default=5 * 1024 * 1024, help="largest feed body read, after decompression (default %(default)s)")
    parser.add_argument("--allow-private-feeds", "--allow_private_feeds", dest="allow_private_feeds",
                        action="store_true", default=False,
                        help="let feeds (and their redirects) reach loopback, private and link-local addresses")
    parser.add_argument("--duration", type=float, default=None,
                        help="stop a streaming run after this many seconds (default: run until Ctrl-C)")
    parser.add_argument("--reshuffle", choices=("auto", "on", "off"), default="auto",
                        help="spread feed polls over workers (auto, the default: on for non-local runners)")


# The surge script reads 24 hourly buckets per baseline day for every new story, and keeps them
# baseline days + 2: a month is already 720 reads per story.
MAX_BASELINE_DAYS = 30
MAX_SURGE_CALM = 7 * 86400   # a raised surge's state is kept (in Redis) this long at most


def check_options(args) -> None:
    """Raise ValueError naming the first option out of range (argparse checks only types)."""
    rules = [("stream_maxlen", "--stream-maxlen", lambda v: v >= 1, "at least 1"),
             ("seen_ttl", "--seen-ttl", lambda v: v >= 1, "at least 1 second"),
             ("min_confidence", "--min-confidence", lambda v: 0.0 <= v <= 1.0, "between 0 and 1"),
             ("story_window", "--story-window", lambda v: v >= 1, "at least 1 second"),
             ("story_similarity", "--story-similarity", lambda v: 0.0 < v <= 1.0, "above 0 and at most 1"),
             ("surge_probability", "--surge-probability", lambda v: 0.0 < v < 1.0, "above 0 and below 1"),
             ("surge_min_count", "--surge-min-count", lambda v: v >= 1, "at least 1"),
             ("surge_baseline_days", "--surge-baseline-days", lambda v: 1 <= v <= MAX_BASELINE_DAYS,
              f"between 1 and {MAX_BASELINE_DAYS}"),
             ("surge_floor", "--surge-floor", lambda v: 0 < v < float("inf"), "a positive number of events a day"),
             ("surge_calm", "--surge-calm", lambda v: 1 <= v <= MAX_SURGE_CALM,
              f"between 1 and {MAX_SURGE_CALM} seconds"),
             ("fetch_timeout", "--fetch-timeout", lambda v: 0 < v < float("inf"), "a positive number of seconds"),
             ("max_feed_bytes", "--max-feed-bytes", lambda v: v >= 1, "at least 1"),
             ("metrics_port", "--metrics-port", lambda v: 0 <= v <= 65535, "a port number (0: off)"),
             ("duration", "--duration", lambda v: 0 < v < float("inf"), "a positive number of seconds")]
    for dest, flag, ok, expected in rules:
        value = getattr(args, dest, None)
        if value is not None and not ok(value):
            raise ValueError(f"{flag} must be {expected}, not {value}")


def add_page_arguments(parser) -> None:
    """Where demo, run and dashboard serve the live page."""
    parser.add_argument("--page-port", "--page_port", dest="page_port", type=int, default=defaults.PAGE_PORT,
                        help="port of the live page (0: off; default %(default)s)")
    parser.add_argument("--page-host", "--page_host", dest="page_host", default=defaults.PAGE_HOST,
                        help="address the live page binds to (default %(default)s)")


def add_reader_arguments(parser) -> None:
    """Where the commands that read a job's Redis (subscribe, history, dashboard) find it."""
    parser.add_argument("--redis-url", "--redis_url", dest="redis_url", default=os.environ.get("REDIS_URL"),
                        help="the Redis that demo/run/replay publish to (default $REDIS_URL)")
    parser.add_argument("--key-prefix", "--key_prefix", dest="key_prefix", default=defaults.KEY_PREFIX,
                        help="the --key-prefix of the job publishing the alerts (default %(default)s)")
