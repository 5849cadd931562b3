"""Work-arounds for bugs of the Beam release dyadwatch runs on, each applied once, where it runs.

Beam 2.77's in-process engine (``FnApiRunner``) keeps the metrics of each stage as a generator
that chains the new bundle's metrics onto the last generator (``fn_runner.run_stages``:
``consolidate_monitoring_infos(itertools.chain(new, old))``). A batch run consumes the chain
once at its end; a streaming run never ends, so every bundle's MonitoringInfo protos stay
reachable: ``dyadwatch run`` grew from 300 MB to 2.6 GB in ten minutes at 50 stories a second,
and a bare ``PeriodicImpulse`` pipeline by about 0.5 MB a bundle. Consolidating into a list
keeps one merged MonitoringInfo per metric instead: the same pipeline stays flat.
"""
from __future__ import annotations

_applied = False


def keep_streaming_metrics_bounded() -> None:
    """Make the in-process engine consolidate each stage's metrics eagerly (idempotent)."""
    global _applied
    if _applied:
        return
    from apache_beam.metrics.monitoring_infos import consolidate
    from apache_beam.runners.portability.fn_api_runner import fn_runner

    def consolidate_now(metrics, *args, **kwargs):
        return list(consolidate(metrics, *args, **kwargs))

    fn_runner.consolidate_monitoring_infos = consolidate_now
    _applied = True
