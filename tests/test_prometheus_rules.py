"""The shipped Prometheus config, rules and Grafana dashboard: promtool's checks and unit tests, and
the recording rules the dashboard reads (issue 9)."""
import re
import subprocess

from tests.promql import (PROMETHEUS_DIR, PROMETHEUS_OWN, dashboard_expressions, dashboard_windows,
                          exported_names, metric_names, promtool_and_prometheus, recorded_names,
                          rule_expressions, rule_groups)


def _promtool(*args: str) -> str:
    promtool, _ = promtool_and_prometheus()
    result = subprocess.run([promtool, *args], cwd=PROMETHEUS_DIR, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"promtool {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout + result.stderr


def test_promtool_checks_the_config_and_the_rules():
    assert "SUCCESS: 1 rule files found" in _promtool("check", "config", "prometheus.yml")
    assert f"SUCCESS: {len(rule_expressions())} rules found" in _promtool("check", "rules", "rules.yml")


def test_promtool_unit_tests_of_the_rules_pass():
    assert "SUCCESS" in _promtool("test", "rules", "rules_test.yml")


def test_each_window_of_the_dashboard_has_a_group_recording_the_same_series():
    windows = dashboard_windows()
    groups = {group["name"]: group for group in rule_groups() if group["name"].startswith("dyadwatch-recording-")}
    assert sorted(groups) == sorted(f"dyadwatch-recording-{w}" for w in windows)
    shapes = {}
    for window in windows:
        rules = groups[f"dyadwatch-recording-{window}"]["rules"]
        for rule in rules:
            assert rule["record"].endswith(window), rule["record"]
            assert set(re.findall(r"\[(\w+)\]", rule["expr"])) == {window}, rule   # no other window inside
        shapes[window] = sorted((rule["record"][:-len(window)], rule["expr"].replace(f"[{window}]", "[W]"))
                                for rule in rules)
    assert all(shape == shapes[windows[0]] for shape in shapes.values())


def test_the_dashboard_reads_recorded_series_and_every_recording_rule_is_drawn():
    from prometheus_client import REGISTRY

    import transforms.metrics  # noqa: F401 - registers the job's metrics

    known = exported_names(REGISTRY.collect()) | recorded_names() | PROMETHEUS_OWN
    used = set()
    for window in dashboard_windows():
        for panel, expr in dashboard_expressions(window).items():
            names = metric_names(expr)
            assert names and names <= known, f"{panel}: {expr} names {sorted(names - known)}"
            used |= names
            # The heavy functions now live in the rules: the dashboard computes no rate or quantile itself.
            assert not re.search(r"\b(rate|increase|histogram_quantile)\(", expr), f"{panel}: {expr}"
    assert recorded_names() <= used, f"recorded but never drawn: {sorted(recorded_names() - used)}"
    for name, expr in rule_expressions().items():
        assert metric_names(expr) <= known, f"rule {name}: {sorted(metric_names(expr) - known)}"
