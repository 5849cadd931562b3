"""Troops sent to a country: protection (AID, CAMEO 074) or a show of force (MOBILIZE)."""
from pathlib import Path

import pytest

from transforms.coder import EventCoder

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_edd85cf211fc05cd.txt"


def _top(coder, text):
    events = coder.code(text)
    assert events, text
    e = events[0]
    return e["event"], [a["code"] for a in e["source"]], [a["code"] for a in e["target"]], e


@pytest.mark.parametrize("text, source, target", [
    ("Britain deployed 500 peacekeepers to Sierra Leone to help the elected government.", "GBR", "SLE"),
    ("Nigeria sent 50 soldiers to Sudan on Thursday to monitor the truce.", "NGA", "SDN"),
    ("France sent troops to Ivory Coast.", "FRA", "CIV"),
    ("The United States sent 3,000 troops to Kuwait to defend it against Iraq.", "USA", "KWT"),
])
def test_troops_sent_to_a_country_protect_it(coder, text, source, target):
    event, src, tgt, record = _top(coder, text)
    assert (event, src, tgt) == ("AID", [source], [target])
    assert record["cameo"] == "07" and record["quad_class"] == 2  # CAMEO 074, root code 07


@pytest.mark.parametrize("text, source, target", [
    ("Turkey sent troops into northern Iraq to hunt Kurdish rebels.", "TUR", "IRQ"),
    ("India deployed troops along the border with Pakistan.", "IND", "PAK"),
    ("Russia massed troops on the border with Georgia.", "RUS", "GEO"),
    ("Israel sent tanks and troops into the Gaza Strip.", "ISR", "PSE"),
])
def test_troops_sent_into_or_against_a_country_mobilize(coder, text, source, target):
    assert _top(coder, text)[:3] == ("MOBILIZE", [source], [target])


def test_passive_deployment_keeps_the_sender_as_source(coder):
    event, src, tgt, _ = _top(coder, "A US fighter squadron was deployed in South Korea on Monday.")
    assert (event, src, tgt) == ("AID", ["USA"], ["KOR"])


def test_seed_battle_group_in_latvia_is_not_a_threat_to_latvia():
    title, text = SEED.read_text(encoding="utf-8").split("\n", 1)
    events = EventCoder().code(text, title=title)
    latvia = [e for e in events if "LVA" in {a["code"] for a in e["source"] + e["target"]}]
    assert all(e["event"] not in ("MOBILIZE", "ASSAULT", "THREATEN", "COERCE") for e in latvia)
    assert any(e["event"] == "AID" and [a["code"] for a in e["source"]] == ["CAN"] for e in latvia)
    top = events[0]  # the seed's main event is untouched
    assert top["event"] == "CONSULT" and top["mode"] == "third-party"
