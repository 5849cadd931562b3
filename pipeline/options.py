"""Pipeline options: dyadwatch's own, on top of Beam's (which pass through)."""
from __future__ import annotations

import os

from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from connectors.redis_sink import DEFAULT_PREFIX, DEFAULT_STREAM_MAXLEN
from connectors.stories import DEFAULT_SIMILARITY, DEFAULT_WINDOW, StoryConfig
from pipeline import metrics
from transforms.alerts import DEFAULT_MIN_CONFIDENCE
from transforms.dedupe import DEFAULT_TTL

# The in-process engine behind Beam's DirectRunner. Named explicitly because the
# DirectRunner would first try to download the Prism runner binary.
LOCAL_RUNNER = "FnApiRunner"
LOCAL_RUNNERS = {"FnApiRunner", "DirectRunner", "BundleBasedDirectRunner", "SwitchingDirectRunner"}


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
    parser.add_argument("--key-prefix", "--key_prefix", dest="key_prefix", default=DEFAULT_PREFIX,
                        help="prefix of every Redis key and channel (default %(default)s)")
    parser.add_argument("--min-confidence", "--min_confidence", dest="min_confidence", type=float,
                        default=DEFAULT_MIN_CONFIDENCE, help="events below this do not alert (default %(default)s)")
    parser.add_argument("--stream-maxlen", "--stream_maxlen", dest="stream_maxlen", type=int,
                        default=DEFAULT_STREAM_MAXLEN, help="approximate MAXLEN of the alert stream (default %(default)s)")
    parser.add_argument("--seen-ttl", "--seen_ttl", dest="seen_ttl", type=int, default=DEFAULT_TTL,
                        help="seconds an article stays known as seen (default %(default)s)")
    parser.add_argument("--spill-file", "--spill_file", dest="spill_file", default=None,
                        help="where alerts wait on disk while Redis is down "
                             "(default $XDG_STATE_HOME/dyadwatch/spill-PREFIX.jsonl)")
    parser.add_argument("--no-stories", "--no_stories", dest="no_stories", action="store_true", default=False,
                        help="publish every report as an alert: no stories, no surges, no history")
    parser.add_argument("--story-window", "--story_window", dest="story_window", type=int, default=DEFAULT_WINDOW,
                        help="seconds apart (event time) that two reports of one story may be (default %(default)s)")
    parser.add_argument("--story-similarity", "--story_similarity", dest="story_similarity", type=float,
                        default=DEFAULT_SIMILARITY,
                        help="least estimated Jaccard similarity of two reports' content words (default %(default)s)")
    parser.add_argument("--metrics-port", "--metrics_port", dest="metrics_port", type=int,
                        default=metrics.DEFAULT_PORT, help="Prometheus endpoint port (0: off; default %(default)s)")
    parser.add_argument("--metrics-host", "--metrics_host", dest="metrics_host", default=metrics.DEFAULT_HOST,
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


def check_options(args) -> None:
    """Raise ValueError naming the first option out of range (argparse checks only types)."""
    rules = [("stream_maxlen", "--stream-maxlen", lambda v: v >= 1, "at least 1"),
             ("seen_ttl", "--seen-ttl", lambda v: v >= 1, "at least 1 second"),
             ("min_confidence", "--min-confidence", lambda v: 0.0 <= v <= 1.0, "between 0 and 1"),
             ("story_window", "--story-window", lambda v: v >= 1, "at least 1 second"),
             ("story_similarity", "--story-similarity", lambda v: 0.0 < v <= 1.0, "above 0 and at most 1"),
             ("fetch_timeout", "--fetch-timeout", lambda v: 0 < v < float("inf"), "a positive number of seconds"),
             ("max_feed_bytes", "--max-feed-bytes", lambda v: v >= 1, "at least 1"),
             ("metrics_port", "--metrics-port", lambda v: 0 <= v <= 65535, "a port number (0: off)"),
             ("duration", "--duration", lambda v: 0 < v < float("inf"), "a positive number of seconds")]
    for dest, flag, ok, expected in rules:
        value = getattr(args, dest, None)
        if value is not None and not ok(value):
            raise ValueError(f"{flag} must be {expected}, not {value}")


def story_config(opts) -> StoryConfig | None:
    """The stories' settings from the options, or None when --no-stories."""
    if opts.no_stories:
        return None
    return StoryConfig(window=opts.story_window, similarity=opts.story_similarity)


class DyadwatchOptions(PipelineOptions):
    """The options as Beam sees them, so they travel with the pipeline to every worker."""

    @classmethod
    def _add_argparse_args(cls, parser):
        add_arguments(parser)


def beam_flags() -> set[str]:
    """Every option string Beam's own option classes define (as Beam itself collects them)."""
    from apache_beam.options.pipeline_options import _BeamArgumentParser

    parser = _BeamArgumentParser(allow_abbrev=False)
    classes = {}
    for cls in PipelineOptions.__subclasses__():
        if cls is not DyadwatchOptions:   # dyadwatch's own: each command's parser decides which it takes
            classes.setdefault(str(cls), cls)
    for cls in classes.values():
        cls._add_argparse_args(parser)  # noqa: SLF001 - Beam's own way to list its options
    return {flag for flag in parser._option_string_actions if flag.startswith("--")}  # noqa: SLF001


def unknown_flags(extra: list[str]) -> list[str]:
    """The --flags among arguments left over by dyadwatch's parser that Beam does not know either."""
    known = beam_flags()
    flags = [arg.split("=", 1)[0] for arg in extra if arg.startswith("--") and arg != "--"]
    return [flag for flag in flags if flag not in known]


def with_local_runner(options: PipelineOptions) -> PipelineOptions:
    """Pick the in-process engine unless the user chose a runner."""
    standard = options.view_as(StandardOptions)
    if not standard.runner:
        standard.runner = LOCAL_RUNNER
    return options


def is_local(options: PipelineOptions) -> bool:
    """In-process runners, and portable ones whose SDK harness is this process (LOOPBACK)."""
    from apache_beam.options.pipeline_options import PortableOptions

    runner = options.view_as(StandardOptions).runner or LOCAL_RUNNER
    return runner in LOCAL_RUNNERS or options.view_as(PortableOptions).environment_type == "LOOPBACK"
