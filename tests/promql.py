"""The shipped Prometheus files as data: PromQL expressions of the rules and the dashboard, and the
metric names an expression reads. Shared by the promtool checks and the live Prometheus test."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
PROMETHEUS_DIR = REPO / "deploy" / "prometheus"
RULES = PROMETHEUS_DIR / "rules.yml"
DASHBOARD = REPO / "deploy" / "grafana" / "dashboards" / "dyadwatch.json"
# Series Prometheus makes itself: the scrape's health and the alerts' state.
PROMETHEUS_OWN = {"up", "ALERTS", "ALERTS_FOR_STATE"}

_KEYWORDS = {"sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile",
             "count_values", "group", "by", "without", "on", "ignoring", "group_left", "group_right",
             "and", "or", "unless", "offset", "bool", "atan2", "inf", "nan"}
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_LABEL_LISTS = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
_IDENTIFIER = re.compile(r"(?<![\w.:])([A-Za-z_:][\w:]*)(\s*\()?")


def promtool_and_prometheus() -> tuple[str, str]:
    """Paths of promtool and prometheus, or skip (CI installs Debian's package: .ci/run)."""
    promtool, prometheus = shutil.which("promtool"), shutil.which("prometheus")
    if not (promtool and prometheus):
        pytest.skip("promtool/prometheus not installed (apt-get install prometheus; .ci/run does)")
    return promtool, prometheus


def metric_names(expr: str) -> set[str]:
    """Metric (and recording rule) names a PromQL expression selects: not functions, keywords,
    label names, label values, durations or numbers."""
    text = _STRINGS.sub('""', expr)
    text = re.sub(r"\{[^}]*\}", "", text)    # label matchers
    text = re.sub(r"\[[^\]]*\]", "", text)   # ranges and subqueries
    text = _LABEL_LISTS.sub("", text)
    return {name for name, call in _IDENTIFIER.findall(text) if not call and name not in _KEYWORDS}


def rule_groups() -> list[dict]:
    return yaml.safe_load(RULES.read_text(encoding="utf-8"))["groups"]


def rule_expressions() -> dict[str, str]:
    """Rule name (recorded series or alert) → expression."""
    return {rule.get("record") or rule["alert"]: rule["expr"] for group in rule_groups() for rule in group["rules"]}


def recorded_names() -> set[str]:
    return {rule["record"] for group in rule_groups() for rule in group["rules"] if "record" in rule}


def dashboard() -> dict:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))


def dashboard_windows() -> list[str]:
    window = next(var for var in dashboard()["templating"]["list"] if var["name"] == "window")
    return [option["value"] for option in window["options"]]


def dashboard_expressions(window: str) -> dict[str, str]:
    """'panel title / refId' → the panel's PromQL as Grafana sends it: $window chosen, every feed."""
    found = {}

    def walk(panels):
        for panel in panels:
            for target in panel.get("targets", []):
                expr = target["expr"]
                for name, value in (("window", window), ("feed", ".*")):
                    expr = expr.replace("${" + name + "}", value).replace("$" + name, value)
                found[f"{panel['title']} / {target['refId']}"] = expr
            walk(panel.get("panels", []))

    walk(dashboard()["panels"])
    return found


def exported_names(families) -> set[str]:
    """Sample names a /metrics page can hold, from its metric families (prometheus_client's
    parser or registry), including families that have no sample yet (a labelled counter)."""
    suffixes = {"counter": ("_total", "_created"), "histogram": ("_bucket", "_sum", "_count", "_created"),
                "gauge": ("",), "summary": ("_sum", "_count", "_created", ""), "info": ("_info",)}
    return {family.name + suffix for family in families for suffix in suffixes.get(family.type, ("",))}
