"""Rules from a precision audit of events coded in full-length BBC articles (own sentences)."""
import pytest

from tests.coder_helpers import event_triples as _events
from transforms.alerts import is_alertable

THRESHOLD = 0.5


@pytest.mark.parametrize("text", [
    # a goal or a legal fight, not a meeting or an assault
    "Spain says it is close to meeting the Maastricht criteria set by the EU for Greece and Portugal.",
    "The Canadian businessman is still fighting against extradition to the United States.",
    # a gerund after a preposition names an act, it does not report one
    "Ministers in Denmark were asked to set out the case for invading Iraq.",
    # a negated verb of saying covers its that-clause
    "The move did not mean that Chile had broken off relations with Peru, the minister said.",
    # undecided: "whether to" with a few words before the trigger
    "The EU will decide in June whether to open membership talks with Croatia.",
])
def test_no_event(coder, text):
    assert _events(coder, text) == []


@pytest.mark.parametrize("text", [
    "Critics argue that the deal could give Iran a chance to attack Israel.",
    "Officials in Cairo fear that Sudan might offer Egypt only a fraction of the water.",
    "Diplomats hope that the Syrian envoy will use the summit for talks with Lebanon.",
])
def test_speculation_is_not_alerted(coder, text):
    events = coder.code(text)
    assert all(not is_alertable(e, THRESHOLD) for e in events)


@pytest.mark.parametrize("text", [
    "Last year, Kenya suspended flights to Somalia after a dispute over landing rights.",
    "In 1998 Ethiopia expelled thousands of Eritreans.",
])
def test_old_news_is_background(coder, text):
    events = coder.code(text)
    assert events and all(e["background"] and not is_alertable(e, THRESHOLD) for e in events)


def test_a_politician_attacks_in_words(coder):
    text = "Brazil's President Lula has attacked American farm subsidies, saying they ruin poor farmers."
    assert _events(coder, text)[:1] == [("DISAPPROVE", "BRA", "USA")]


def test_meeting_demands_is_still_read(coder):
    # "meet ... demands" is not a goal in the unless_after list: a refusal to meet them is coded
    assert _events(coder, "France said it would not meet Iran's demands.")[:1] == [("REJECT", "FRA", "IRN")]
    # With no second country (the kidnappers; Iraq is only where), nothing at all.
    assert coder.code("France said it would not meet the kidnappers' demands in Iraq.") == []


@pytest.mark.parametrize("text", [
    # a noun, a goal, an opinion about a thing: no event
    "Finns were the most likely to leave their mobile phones in a taxi, ahead of Swedes and Danes.",
    "Chile needs new gas fields to meet the demands of its growing economy, like Peru.",
    "The website was supposed to discuss relations between Ghana and Togo.",
    "Japan's finance minister said the new figures should help exports to China.",
    "The Danish minister welcomed news that Sweden and Norway will fund the vaccine programme.",
])
def test_no_event_in_feature_prose(coder, text):
    assert _events(coder, text) == []


def test_should_still_demands_of_the_actor_before_it(coder):
    assert _events(coder, "Egypt said Israel should withdraw from the border zone.")[:1] == \
        [("DEMAND", "EGY", "ISR")]


def test_sentence_opening_in_is_a_place(coder):
    events = coder.code("In Paris on Monday, Japan's prime minister met Brazil's president.")
    assert events and {a["code"] for e in events for a in e["source"] + e["target"]} == {"JPN", "BRA"}


def test_an_accused_act_is_still_reported(coder):
    events = _events(coder, "Two Americans are accused of torturing Iraqi prisoners in a private jail.")
    assert events and events[0][0] == "ASSAULT"
