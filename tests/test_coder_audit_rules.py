"""General rules added after a precision audit of coded AG News World items (own sentences)."""
import pytest

from tests.coder_helpers import event_triples as _events


@pytest.mark.parametrize("text, expected", [
    # reduced passives: the subject is the victim, the place gives the unnamed agent
    ("A Dutch engineer kidnapped Monday in Nigeria was found alive.", ("ASSAULT", "NGA", "NLD")),
    ("Two Canadian soldiers killed in Afghanistan blast", ("ASSAULT", "AFG", "CAN")),
    ("Indian troops shot dead two Pakistani intruders on Monday.", ("ASSAULT", "IND", "PAK")),
    # a country is aimed "at", one is "in" it
    ("Iran hit out at the United States on Friday.", ("DISAPPROVE", "IRN", "USA")),
    # troops pulled out by a military actor
    ("Ethiopian troops pulled out of the Somali town of Baidoa.", ("RETREAT", "ETH", "SOM")),
    # words that announce force threaten
    ("Rwanda insisted that it would attack the rebels inside Congo.", ("THREATEN", "RWA", "COD")),
    ("China warned that it would impose sanctions on Taiwan.", ("THREATEN", "CHN", "TWN")),
    # a headline passive: "X urged to" is asked by someone else
    # a hyphenated citizen is of the second nationality (and armed men seizing him abduct him)
    ("Gunmen in Iraq seized a Jordanian-American businessman.", ("ASSAULT", "IRQ", "USA")),
])
def test_top_event(coder, text, expected):
    assert _events(coder, text)[:1] == [expected]


@pytest.mark.parametrize("text", [
    "Attack on Red Cross convoy kills two in eastern Congo",           # no subject inside a PP
    "Thousands of Israelis accused Prime Minister Ariel Sharon of betrayal as Palestinians watched.",
    "A gang threatened to kill the hostage unless Italy pulled its troops out of Iraq.",
    "Damascus denied a report that Syrian agents had helped Hezbollah.",
    "Japan prepared for possible missile attacks by North Korea.",
    "Indonesian police released video footage of the bombing outside the Australian embassy.",
    "Troops arrived to restore order in Haiti.",
    "Russian engineers launched a rocket carrying a Canadian satellite.",
    "A British diplomat was killed in a helicopter crash in Sudan.",
    "Kenyan rebels agreed to attend peace talks in Tanzania.",
    "Zambia jailed four men over a plot to kill the US ambassador.",
    "The US stopped short of backing India for a Security Council seat.",
    "Mubarak urged to pull Egyptian envoy out of Israel",
    "The US-backed Iraqi government announced a new budget.",
])
def test_no_false_event(coder, text):
    pairs = _events(coder, text)
    assert not pairs, pairs
