"""The generalisation set (tests/coder_cases.yaml): hand-written wire-style sentences, every type."""
from pathlib import Path

import yaml

from transforms.coder import EventCoder

CASES = Path(__file__).resolve().parent / "coder_cases.yaml"
MIN_PASS_RATE = 0.985  # measured 212/215 = 0.986; raise it when the coder improves, never lower it silently


def _check(coder, case) -> str | None:
    """None when the coder's top event is the expected one, else a description of the miss."""
    events = coder.code(case["text"], title=case.get("title", ""), home_country=case.get("home"))
    if case["event"] == "none":
        if events:
            e = events[0]
            return f"expected nothing, got {_show(e)}"
        return None
    if not events:
        return f"expected {case['event']} {case['source']}->{case['target']}, got nothing"
    top = events[0]
    source = {a["code"] for a in top["source"]}
    target = {a["code"] for a in top["target"]}
    right_way = case["source"] in source and case["target"] in target
    either_way = case.get("symmetric") and case["source"] in target and case["target"] in source
    if top["event"] == case["event"] and (right_way or either_way):
        return None
    return f"expected {case['event']} {case['source']}->{case['target']}, got {_show(top)}"


def _show(e) -> str:
    return (f"{e['event']} {'+'.join(a['code'] for a in e['source'])}->"
            f"{'+'.join(a['code'] for a in e['target'])} [{e['eventText']}]")


def test_cases_cover_every_plover_type():
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    types = {c["event"] for c in cases}
    from transforms.coder.dictionaries import EVENT_TYPES
    assert set(EVENT_TYPES) <= types and "none" in types


def test_generalisation_pass_rate():
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    coder = EventCoder()
    failures = []
    for case in cases:
        miss = _check(coder, case)
        if miss:
            failures.append(f"{case['text']}\n    {miss}")
    rate = 1 - len(failures) / len(cases)
    print(f"\ngeneralisation set: {len(cases) - len(failures)}/{len(cases)} = {rate:.3f}")
    for failure in failures:
        print("- " + failure)
    assert rate >= MIN_PASS_RATE, f"pass rate {rate:.3f} < {MIN_PASS_RATE}"
