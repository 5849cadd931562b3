"""Pipeline options: dyadwatch's own, on top of Beam's (which pass through)."""
from __future__ import annotations

from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from connectors.stories import StoryConfig
from pipeline.arguments import add_arguments
from pipeline.beam_fixes import keep_streaming_metrics_bounded

# The in-process engine behind Beam's DirectRunner. Named explicitly because the
# DirectRunner would first try to download the Prism runner binary.
LOCAL_RUNNER = "FnApiRunner"
LOCAL_RUNNERS = {"FnApiRunner", "DirectRunner", "BundleBasedDirectRunner", "SwitchingDirectRunner"}


def story_config(opts) -> StoryConfig | None:
    """The stories' settings from the options, or None when --no-stories."""
    if opts.no_stories:
        return None
    return StoryConfig(window=opts.story_window, similarity=opts.story_similarity,
                       surge_p=opts.surge_probability, surge_min_count=opts.surge_min_count,
                       baseline_days=opts.surge_baseline_days, floor_per_day=opts.surge_floor,
                       surge_calm=opts.surge_calm)


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
    """Pick the in-process engine unless the user chose a runner (and keep its memory flat in a
    long streaming run: ``pipeline.beam_fixes``)."""
    standard = options.view_as(StandardOptions)
    if not standard.runner:
        standard.runner = LOCAL_RUNNER
    if standard.runner in LOCAL_RUNNERS:
        keep_streaming_metrics_bounded()
    return options


def is_local(options: PipelineOptions) -> bool:
    """In-process runners, and portable ones whose SDK harness is this process (LOOPBACK)."""
    from apache_beam.options.pipeline_options import PortableOptions

    runner = options.view_as(StandardOptions).runner or LOCAL_RUNNER
    return runner in LOCAL_RUNNERS or options.view_as(PortableOptions).environment_type == "LOOPBACK"
