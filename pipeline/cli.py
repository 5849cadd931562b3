"""The ``dyadwatch`` command: demo, run, replay, detect, subscribe, history, dashboard, bench, eval."""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import signal
import sys
import threading
from pathlib import Path

from pipeline.logs import setup_logging

log = logging.getLogger("dyadwatch")

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


class UsageError(Exception):
    """Bad input from the user: one line on stderr, exit status 2."""


def main(argv: list[str] | None = None) -> int:
    setup_logging()   # before Beam is imported: it logs at import time
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    logging.getLogger().setLevel(args.log_level)
    if extra and args.command not in ("run", "replay", "demo"):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if extra:
            _check_pass_through(parser, args.command, extra)
        return args.handler(args, extra)
    except UsageError as err:
        print(f"dyadwatch: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`dyadwatch detect FILE | head -3`): stop quietly. Point stdout at
        # /dev/null so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def build_parser() -> argparse.ArgumentParser:
    from pipeline.arguments import add_arguments, add_page_arguments, add_reader_arguments
    from pipeline.bench import SECTIONS

    parser = argparse.ArgumentParser(
        prog="dyadwatch", description="Real-time monitor of country-pair political events in news feeds.",
        epilog="run/replay/demo also take any Beam pipeline option, e.g. --runner=PortableRunner.")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    parser.add_argument("--version", action="version", version=f"dyadwatch {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="zero set-up: embedded Redis, the seed feeds, alerts printed live")
    demo.add_argument("--seeds", default=str(SEEDS_DIR), help="folder of demo feeds (*.xml; default %(default)s)")
    demo.add_argument("--interval", type=float, default=30.0,
                      help="seconds between polls of each demo feed (default %(default)s)")
    add_arguments(demo)
    add_page_arguments(demo)
    demo.set_defaults(handler=cmd_demo)

    run = commands.add_parser("run", help="the long-running streaming job over feeds")
    run.add_argument("--feeds", required=True, help="feed list: YAML or OPML")
    add_arguments(run)
    add_page_arguments(run)
    run.set_defaults(handler=cmd_run)

    replay = commands.add_parser("replay", help="the same pipeline, bounded, over files")
    replay.add_argument("paths", nargs="+", help="RSS/Atom XML, JSONL articles, .txt articles, or folders")
    add_arguments(replay, streaming=False)
    replay.set_defaults(handler=cmd_replay)

    detect = commands.add_parser("detect", help="offline coder: articles in, events out as JSONL (no Redis)")
    detect.add_argument("paths", nargs="*", default=["-"],
                        help="RSS/Atom XML, JSONL or .txt articles, or - for stdin (default)")
    detect.add_argument("--home-country", default=None, help="home country for roles without one")
    detect.set_defaults(handler=cmd_detect)

    subscribe = commands.add_parser("subscribe", help="print alerts live from Redis")
    add_reader_arguments(subscribe)
    subscribe.add_argument("--pair", nargs=2, metavar=("A", "B"), help="alerts between two countries")
    subscribe.add_argument("--country", help="alerts involving one country (alpha-3)")
    subscribe.add_argument("--type", dest="event_type", help="one PLOVER event type, e.g. CONSULT")
    subscribe.add_argument("--since", help="first catch up from the stream after this stream id "
                                           "(1700000000000-0) or Unix time in ms (0: from the start)")
    subscribe.add_argument("--stories", action="store_true",
                           help="also show story updates: later reports of an event already alerted")
    subscribe.add_argument("--surges", action="store_true",
                           help="also show surges: a pair's events far above its own baseline")
    subscribe.add_argument("--json", action="store_true", help="one alert JSON per line")
    subscribe.set_defaults(handler=cmd_subscribe)

    history = commands.add_parser("history", help="a pair's events per day by quad class, with the Goldstein sum")
    history.add_argument("--pair", nargs=2, metavar=("A", "B"), required=True, help="the two countries")
    history.add_argument("--days", type=int, default=30, help="how many days back, today included (default %(default)s)")
    history.add_argument("--json", action="store_true", help="the same figures as JSON")
    add_reader_arguments(history)
    history.set_defaults(handler=cmd_history)

    dashboard = commands.add_parser("dashboard", help="the live page on its own, over a Redis that a job publishes to")
    add_reader_arguments(dashboard)
    dashboard.add_argument("--feeds", help="the job's feed list (YAML or OPML), to name its feeds on the page")
    add_page_arguments(dashboard)
    dashboard.set_defaults(handler=cmd_dashboard)

    bench = commands.add_parser("bench", help="measure the coder, the scan, the pipeline and streaming latency")
    bench.add_argument("--data", nargs="+", default=None, metavar="FILE",
                       help="AG News-style CSV (title,description) or JSONL articles (text, optional title); "
                            "default: AG News and BBC under ../shared/data when present")
    bench.add_argument("--items", type=int, default=3800, help="at most this many items of each file (default %(default)s)")
    bench.add_argument("--only", nargs="+", metavar="SECTION", choices=SECTIONS,
                       help=f"run only these sections: {', '.join(SECTIONS)} (default: all)")
    bench.add_argument("--rate", type=float, default=50.0, help="streaming: stories a second (default %(default)s)")
    bench.add_argument("--duration", type=float, default=30.0,
                       help="streaming: seconds of stories at --rate (default %(default)s)")
    bench.add_argument("--workers", type=int, default=2,
                       help="replay: also time Beam's multi_processing mode with this many worker processes "
                            "(1: only in-process; default %(default)s)")
    bench.add_argument("--no-stories", action="store_true",
                       help="passthrough and replay: publish every report as an alert, without the story "
                            "script (what replay --no-stories does), to see what stories cost")
    bench.add_argument("--json", action="store_true", help="print one JSON object with every figure")
    bench.set_defaults(handler=cmd_bench)

    evaluate = commands.add_parser("eval", help="score the coder on PLOVER gold records or labelled news items")
    evaluate.add_argument("--gold", required=True,
                          help="JSONL: PLOVER gold records, or labelled news items (with an events list)")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--misses", type=int, default=20, help="how many misses to list")
    evaluate.add_argument("--half", choices=("all", "tune", "check"), default="all",
                          help="score one half of the gold set (split by a hash of each id); "
                               "'all' (default) also prints both halves")
    evaluate.add_argument("--texts", metavar="CSV",
                          help="AG News CSV giving the title and text of labelled items that carry "
                               "only a row (labels kept apart from the texts they label)")
    evaluate.set_defaults(handler=cmd_eval)
    return parser


# -- commands ---------------------------------------------------------------

def cmd_run(args, beam_args) -> int:
    from connectors.feed_config import load_feeds

    _check_options(args)
    try:
        feeds = load_feeds(args.feeds)
    except (OSError, ValueError) as err:
        raise UsageError(f"cannot use feed list {args.feeds}: {err}") from None
    if not feeds:
        raise UsageError(f"feed list {args.feeds} has no feeds")
    with _redis(args) as redis_url:
        _serve_metrics(args, redis_url)
        with _live_page(args, redis_url, feeds, in_process=True):
            print(f"dyadwatch: polling {len(feeds)} feed(s) from {args.feeds}", flush=True)
            return _run_streaming(args, beam_args, redis_url, feeds)


def cmd_demo(args, beam_args) -> int:
    import redis

    from connectors.feed_config import FeedConfig
    from connectors.subscriber import AlertFilter, format_alert, subscribe

    _check_options(args)
    args.allow_private_feeds = True   # the demo serves its own feeds on 127.0.0.1
    seed_feeds = sorted(Path(args.seeds).glob("*.xml"))
    if not seed_feeds:
        raise UsageError(f"no demo feeds (*.xml) in {args.seeds}")
    with contextlib.ExitStack() as stack:
        redis_url = stack.enter_context(_redis(args))
        base_url = stack.enter_context(_static_server(args.seeds))
        _serve_metrics(args, redis_url, any_port_if_taken=True)
        feeds = [FeedConfig(name=f"demo:{path.stem}", url=f"{base_url}/{path.name}", interval=args.interval)
                 for path in seed_feeds]
        stack.enter_context(_live_page(args, redis_url, feeds, in_process=True, any_port_if_taken=True))
        stopping = threading.Event()

        def print_alerts():
            try:
                subscribe(redis_url, args.key_prefix, AlertFilter(), lambda a: print(format_alert(a), flush=True),
                          stop=stopping.is_set)
            except redis.RedisError as err:
                if not stopping.is_set():
                    log.error("demo: lost the alert subscription: %s", err)

        printer = threading.Thread(target=print_alerts, daemon=True)
        printer.start()
        print(f"demo: polling {len(feeds)} feed(s) from {base_url} every {args.interval:g}s; "
              f"alerts appear below. Ctrl-C stops.", flush=True)
        try:
            return _run_streaming(args, beam_args, redis_url, feeds)
        finally:
            stopping.set()
            printer.join(timeout=2)


def cmd_replay(args, beam_args) -> int:
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from connectors.article_files import expand_paths
    from connectors.redis_sink import close_all, pending_all
    from pipeline.graph import build_pipeline
    from transforms.metrics import beam_counter
    from pipeline.options import with_local_runner

    _check_options(args)
    paths = expand_paths(args.paths)
    if not paths:
        raise UsageError("no article files found in " + " ".join(args.paths))
    with _redis(args) as redis_url:
        _serve_metrics(args, redis_url, any_port_if_taken=True)   # as the demo: a busy default port moves
        options = with_local_runner(PipelineOptions(beam_args, **_own_options(args)))
        pipeline = beam.Pipeline(options=options)
        build_pipeline(pipeline, redis_url, paths=paths)
        result = pipeline.run()
        result.wait_until_finish()
        waiting = pending_all()
        if waiting:
            print(f"replay: Redis unreachable; waiting up to 30 s to deliver {waiting} alert(s) before "
                  f"leaving them in the spill file", file=sys.stderr, flush=True)
        left = close_all(timeout=30)
        counts = {name: beam_counter(result, name)
                  for name in ("rejected_records", "alerts_new", "alerts_redundant", "alerts_queued",
                               "story_updates", "surges_raised")}
        rejected = counts["rejected_records"]
        stories = "" if args.no_stories else \
            f" ({counts['story_updates']} more report(s) of open stories went out as story updates instead; " \
            f"{counts['surges_raised']} surge(s) raised)"
        print(f"replay: {len(paths)} file(s); {counts['alerts_new'] - counts['story_updates']} new alert(s) "
              f"published{stories}, {counts['alerts_redundant']} already published, {counts['alerts_queued']} "
              f"queued while Redis was unreachable; {rejected} record(s) rejected", flush=True)
        if left:
            print(f"replay: {left} alert(s) could not reach Redis and wait in the spill file", file=sys.stderr)
    return 1 if rejected or left else 0


DETECT_BATCH = 64  # articles of a file coded together


def cmd_detect(args, _extra) -> int:
    from connectors.article_files import Rejected, read_article_file
    from transforms.coder import EventCoder
    from transforms.entries import entry_to_article, origin_of

    coder = EventCoder()
    home_country = _check_country(args.home_country, states_only=True) if args.home_country else None
    rejected = 0

    def reject(where, reason) -> None:
        nonlocal rejected
        print(f"dyadwatch: rejected {where}: {reason}", file=sys.stderr, flush=True)
        rejected += 1

    def code_and_print(batch) -> None:
        try:  # articles coded together: their sentences go through the parse in one batch
            coded = coder.code_many([(a.text, a.title, home_country or a.home_country, a.published)
                                     for _, a in batch])
        except Exception:  # noqa: BLE001 - find the odd one out, one at a time
            coded = []
            for item, article in batch:
                try:
                    coded.append(coder.code(article.text, title=article.title, date=article.published,
                                            home_country=home_country or article.home_country))
                except Exception as err:  # noqa: BLE001
                    reject(origin_of(item), f"{type(err).__name__}: {err}")
                    coded.append([])
        for (_, article), events in zip(batch, coded):
            for event in events:
                print(json.dumps({"article_id": article.id, "title": article.title, **event},
                                 ensure_ascii=False))
        sys.stdout.flush()

    for path in args.paths:
        # stdin is read as a stream, a line at a time for JSONL, with the same caps as files;
        # its articles are coded as they come, a file's in batches (memory stays flat either way)
        size = 1 if path == "-" else DETECT_BATCH
        batch = []
        for item in read_article_file(path, sys.stdin.buffer if path == "-" else None):
            if isinstance(item, Rejected):
                reject(item.where, item.reason)
                continue
            try:   # one odd record costs one line on stderr, never the run
                article = entry_to_article(item)
            except Exception as err:  # noqa: BLE001
                reject(origin_of(item), f"{type(err).__name__}: {err}")
                continue
            if article is not None:
                batch.append((item, article))
            if len(batch) >= size:
                code_and_print(batch)
                batch = []
        if batch:
            code_and_print(batch)
    return 1 if rejected else 0


def cmd_subscribe(args, _extra) -> int:
    from connectors.subscriber import AlertFilter, format_record, subscribe
    from transforms.coder.dictionaries import EVENT_TYPES

    redis_url, pair = _redis_and_pair(args)
    country = _check_country(args.country) if args.country else None
    event = args.event_type.upper() if args.event_type else None
    if event and event not in EVENT_TYPES:
        raise UsageError(f"unknown event type {args.event_type!r}; one of {', '.join(EVENT_TYPES)}")
    if args.since is not None and not re.fullmatch(r"\d+(-\d+)?", args.since):
        raise UsageError(f"--since {args.since!r} is not a stream position: give 0 (the whole stream), "
                         "a stream id such as 1700000000000-0, or a Unix time in milliseconds")

    def show(alert):
        print(json.dumps(alert, ensure_ascii=False) if args.json else format_record(alert), flush=True)

    import redis

    try:
        alert_filter = AlertFilter(pair, country, event)
        kinds = ("alert",) + (("story",) if args.stories else ()) + (("surge",) if args.surges else ())
        subscribe(redis_url, args.key_prefix, alert_filter, show, since=args.since, kinds=kinds,
                  on_listening=lambda: print(f"dyadwatch: subscribed to {alert_filter.channel(args.key_prefix)} "
                                             f"at {_redact(redis_url)}; waiting for alerts (Ctrl-C stops)",
                                             file=sys.stderr, flush=True))
    except KeyboardInterrupt:
        return 0
    except redis.RedisError as err:
        print(f"dyadwatch: Redis at {_redact(redis_url)}: {err}", file=sys.stderr)
        return 1
    return 0


def cmd_dashboard(args, _extra) -> int:
    import redis

    from connectors.feed_config import load_feeds
    from connectors.subscriber import wait_for_redis

    redis_url = _check_redis_url(args.redis_url)
    if not redis_url:
        raise UsageError("no Redis: give --redis-url or set REDIS_URL (demo and run print theirs)")
    if not args.page_port:
        raise UsageError("--page-port must be a port number for dashboard, not 0")
    try:
        feeds = load_feeds(args.feeds) if args.feeds else []
    except (OSError, ValueError) as err:
        raise UsageError(f"cannot use feed list {args.feeds}: {err}") from None
    if not wait_for_redis(redis_url, timeout=3):
        print(f"dyadwatch: Redis at {_redact(redis_url)} does not answer yet; the page retries", file=sys.stderr)
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        with _live_page(args, redis_url, feeds, in_process=False):
            stop.wait()
    except KeyboardInterrupt:
        pass
    except redis.RedisError as err:
        print(f"dyadwatch: Redis at {_redact(redis_url)}: {err}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


def cmd_history(args, _extra) -> int:
    import redis

    from pipeline import history

    redis_url, pair = _redis_and_pair(args)
    if not 1 <= args.days <= 400:
        raise UsageError(f"--days must be between 1 and 400 (history is kept 400 days), not {args.days}")
    try:
        return history.main(redis_url, args.key_prefix, pair, args.days, args.json)
    except redis.RedisError as err:
        print(f"dyadwatch: Redis at {_redact(redis_url)}: {err}", file=sys.stderr)
        return 1


def cmd_bench(args, _extra) -> int:
    from pipeline import bench
    from pipeline.bench.report import table

    if args.items < 1:
        raise UsageError(f"--items must be at least 1, not {args.items}")
    if not args.rate > 0 or not args.duration > 0:
        raise UsageError("--rate and --duration must be positive")
    if args.workers < 1:
        raise UsageError(f"--workers must be at least 1, not {args.workers}")
    sections = tuple(s for s in bench.SECTIONS if s in (args.only or bench.SECTIONS))
    data = []
    if any(section in bench.DATA_SECTIONS for section in sections):
        files = [(None, Path(p)) for p in args.data] if args.data else bench.default_data_sets()
        if not files:
            raise UsageError("no benchmark data under ../shared/data: give --data FILE "
                             "(CSV with title,description or JSONL)")
        for name, path in files:
            data.append((name or bench.data_set_name(path, {n for n, _, _ in data}), path, _bench_articles(path, args.items)))
    result = bench.run(bench.Plan(data=data, sections=sections, rate=args.rate, duration=args.duration,
                                  workers=args.workers, stories=not args.no_stories))
    print(json.dumps(result, indent=2) if args.json else table(result), flush=True)
    return 1 if bench.failed(result) else 0


def _bench_articles(path: Path, items: int) -> list[dict]:
    from pipeline.bench.data import load_articles

    if not path.is_file():
        raise UsageError(f"no benchmark data at {path}: give --data FILE (CSV with title,description or JSONL)")
    try:
        usable = load_articles(path, items)
    except (ValueError, KeyError, TypeError, AttributeError) as err:   # JSON, UTF-8 or a missing "text"
        raise UsageError(f"--data {path} is not CSV (title,description) or JSONL articles with a text field: "
                         f"{type(err).__name__}: {err}".splitlines()[0]) from None
    if not usable:
        raise UsageError(f"--data {path} holds no articles")
    return usable


def cmd_eval(args, _extra) -> int:
    from pipeline.evaluate import main as evaluate_main

    if not os.path.exists(args.gold):
        raise UsageError(f"no such gold file: {args.gold}")
    if args.texts is not None and not os.path.exists(args.texts):
        raise UsageError(f"no such texts file: {args.texts}")
    return evaluate_main(args.gold, as_json=args.json, misses=args.misses, half=args.half,
                         texts=args.texts)


# -- helpers ----------------------------------------------------------------

def _redis_and_pair(args) -> tuple[str, tuple[str, str] | None]:
    """The Redis URL (required) and the --pair, checked, of the commands that read what a job published."""
    redis_url = _check_redis_url(args.redis_url)
    if not redis_url:
        raise UsageError("no Redis: give --redis-url or set REDIS_URL (demo and run print theirs)")
    pair = tuple(_check_country(code) for code in args.pair) if args.pair else None
    if pair and pair[0] == pair[1]:
        raise UsageError("--pair needs two different countries")
    return redis_url, pair


def _check_pass_through(parser, command: str, extra: list[str]) -> None:
    """Only real Beam options pass through to Beam; a typo is an error that names the likely option."""
    import difflib

    from pipeline.options import beam_flags, unknown_flags

    unknown = unknown_flags(extra)
    if not unknown:
        return
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    own = [flag for flag in subparsers.choices[command]._option_string_actions if flag.startswith("--")]  # noqa: SLF001
    close = difflib.get_close_matches(unknown[0], own, n=1, cutoff=0.75) or \
        difflib.get_close_matches(unknown[0], sorted(beam_flags()), n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]}?" if close else \
        f" (neither a {command} option nor a Beam pipeline option; see dyadwatch {command} --help)"
    raise UsageError(f"unknown option {unknown[0]}{hint}")


def _run_streaming(args, beam_args, redis_url, feeds) -> int:
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from connectors.feed_source import request_stop, reset_stop, stop_requested
    from connectors.redis_sink import close_all
    from pipeline.graph import build_pipeline
    from pipeline.options import with_local_runner

    options = with_local_runner(PipelineOptions(beam_args, streaming=True, **_own_options(args)))
    pipeline = beam.Pipeline(options=options)
    build_pipeline(pipeline, redis_url, feeds=feeds)

    def stop(signum, frame):
        if signum == signal.SIGINT and stop_requested():
            raise KeyboardInterrupt   # a second Ctrl-C: stop now
        print("dyadwatch: stopping (polling ends, in-flight articles finish)", file=sys.stderr, flush=True)
        request_stop()

    reset_stop()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        result = pipeline.run()   # the local runner runs the stream here, until stopped
        result.wait_until_finish()
    except KeyboardInterrupt:
        print("dyadwatch: interrupted", file=sys.stderr, flush=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        left = close_all(timeout=10)
        if left:
            print(f"dyadwatch: {left} alert(s) wait in the spill file for the next start", file=sys.stderr)
    return 0


def _check_options(args) -> None:
    from pipeline.arguments import check_options

    try:
        check_options(args)
    except ValueError as err:
        raise UsageError(str(err)) from None


def _own_options(args) -> dict:
    names = ("redis_url", "key_prefix", "min_confidence", "stream_maxlen", "seen_ttl", "spill_file",
             "metrics_port", "metrics_host", "duration", "reshuffle", "fetch_timeout", "max_feed_bytes",
             "allow_private_feeds", "no_stories", "story_window", "story_similarity", "surge_probability",
             "surge_min_count", "surge_baseline_days", "surge_floor", "surge_calm")
    return {name: getattr(args, name) for name in names if hasattr(args, name)}


@contextlib.contextmanager
def _redis(args):
    """The user's Redis URL, else an embedded server for the life of the command."""
    url = _check_redis_url(args.redis_url)
    if url:
        yield url
        return
    from connectors.embedded_redis import EmbeddedRedis

    with EmbeddedRedis() as server:
        args.redis_url = server.url
        if hasattr(args, "spill_file") and not args.spill_file:
            # Alerts cannot outlive an embedded Redis: keep its spill file beside it, not in the
            # user's state directory where a later run against a real Redis would deliver them.
            args.spill_file = os.path.join(server.data_dir, "spill.jsonl")
        print(f"dyadwatch: embedded Redis at {server.url} "
              f"(attach with: dyadwatch subscribe --redis-url {server.url})", flush=True)
        yield server.url


def _check_redis_url(url: str | None) -> str | None:
    if not url:
        return None
    from redis.connection import parse_url

    try:
        parse_url(url)
    except ValueError as err:
        raise UsageError(f"malformed Redis URL {_redact(url)}: {err}") from None
    return url


def _redact(url: str) -> str:
    from connectors.http_fetch import redact

    return redact(url)


def _check_country(code: str, states_only: bool = False) -> str:
    """Normalised (upper case) code; a home country must be a state, a channel may be an organisation."""
    from transforms.coder.dictionaries import known_actor_codes
    from transforms.entries import country_codes

    code = code.strip().upper()
    if code not in (country_codes() if states_only else known_actor_codes()):
        raise UsageError(f"unknown country code {code!r}: use ISO 3166 alpha-3, e.g. CAN, RUS")
    return code


def _serve_metrics(args, redis_url: str, any_port_if_taken: bool = False) -> None:
    """Open /metrics and start the Redis probe behind dyadwatch_redis_up; the demo (zero set-up)
    and replay move to a free port if the default is taken."""
    from transforms import metrics

    if not args.metrics_port:
        return
    try:
        metrics.serve(args.metrics_port, args.metrics_host)
    except OSError as err:
        if any_port_if_taken and args.metrics_port == metrics.DEFAULT_PORT:
            from connectors.embedded_redis import free_port

            print(f"dyadwatch: port {args.metrics_port} is taken; using another", file=sys.stderr)
            args.metrics_port = free_port()
            return _serve_metrics(args, redis_url)
        raise UsageError(f"cannot open the metrics endpoint on {args.metrics_host}:{args.metrics_port}: "
                         f"{err.strerror or err}") from None
    metrics.start_redis_probe(redis_url)
    print(f"dyadwatch: metrics at http://{args.metrics_host}:{args.metrics_port}/metrics", flush=True)


@contextlib.contextmanager
def _live_page(args, redis_url: str, feeds, in_process: bool, any_port_if_taken: bool = False):
    """Serve the live page for the life of the command (port 0: none)."""
    from pipeline.live_page import DEFAULT_PORT, LivePage

    if not args.page_port:
        yield None
        return
    if not 0 < args.page_port <= 65535:
        raise UsageError(f"--page-port must be a port number (0: off), not {args.page_port}")
    try:
        page = LivePage(redis_url, args.key_prefix, args.page_host, args.page_port, feeds, in_process)
    except OSError as err:
        if any_port_if_taken and args.page_port == DEFAULT_PORT:
            print(f"dyadwatch: port {args.page_port} is taken; using another for the live page", file=sys.stderr)
            page = LivePage(redis_url, args.key_prefix, args.page_host, 0, feeds, in_process)
        else:
            raise UsageError(f"cannot open the live page on {args.page_host}:{args.page_port}: "
                             f"{err.strerror or err}") from None
    page.start()
    print(f"dyadwatch: live page at {page.url}", flush=True)
    try:
        yield page
    finally:
        page.stop()


@contextlib.contextmanager
def _static_server(folder: str):
    """Serve the demo feeds over real HTTP on 127.0.0.1, as any feed would be."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dyadwatch")
    except PackageNotFoundError:   # run from a checkout without installing
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
