"""The work-around for Beam's in-process engine keeping every bundle's metrics in a streaming run."""
import itertools

from apache_beam.metrics.monitoring_infos import int64_counter
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.runners.portability.fn_api_runner import fn_runner

from pipeline.options import with_local_runner


def test_the_local_engine_merges_each_bundles_metrics_into_one_list():
    with_local_runner(PipelineOptions([]))
    merged = []
    for bundle in range(50):   # as run_stages does after each bundle of a stage
        new = [int64_counter("beam:metric:element_count:v1", 1, pcollection="p")]
        merged = fn_runner.consolidate_monitoring_infos(itertools.chain(new, merged))
    # one MonitoringInfo holding the sum, not a chain of 50 generators holding 50 protos
    assert isinstance(merged, list) and len(merged) == 1
    assert merged[0].payload == int64_counter("beam:metric:element_count:v1", 50, pcollection="p").payload
