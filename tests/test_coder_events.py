"""Event types, CAMEO/Goldstein/quad class, direction, passive voice and symmetric events."""
import pytest

from transforms.coder import EventCoder

QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "CONCEDE": 2,
        "RETREAT": 2, "INVESTIGATE": 3, "DEMAND": 3, "DISAPPROVE": 3, "REJECT": 3, "THREATEN": 3,
        "PROTEST": 4, "MOBILIZE": 4, "SANCTION": 4, "COERCE": 4, "ASSAULT": 4}


@pytest.mark.parametrize("sentence, event, source, target", [
    ("Ethiopia and Eritrea agreed to reopen their border.", "AGREE", "ETH", "ERI"),
    ("The Turkish foreign minister held talks with his Greek counterpart in Athens.", "CONSULT", "TUR", "GRC"),
    ("Japan apologised to South Korea for wartime abuses.", "SUPPORT", "JPN", "KOR"),
    ("Chile extradited a Peruvian banker to Peru on Friday.", "COOPERATE", "CHL", "PER"),
    ("The United States sent humanitarian aid to Haiti.", "AID", "USA", "HTI"),
    ("Ghana granted asylum to 20 Togolese opposition activists.", "AID", "GHA", "TGO"),
    ("Serbia lifted the curfew it had imposed on Kosovo towns.", "CONCEDE", "SRB", "XKX"),
    ("Uganda investigated claims that Rwandan soldiers crossed the border.", "INVESTIGATE", "UGA", "RWA"),
    ("Israel demanded that Lebanon disarm the militias in the south.", "DEMAND", "ISR", "LBN"),
    ("Russia said on Monday that Moldova must withdraw its new customs rules.", "DEMAND", "RUS", "MDA"),
    ("U.S. officials accused Iran of supplying weapons to militias.", "DISAPPROVE", "USA", "IRN"),
    ("Colombia rejected a Venezuelan request to reopen the consulate.", "REJECT", "COL", "VEN"),
    ("North Korea threatened to strike South Korea if the drills continued.", "THREATEN", "PRK", "KOR"),
    ("Thousands of Serbs protested in Belgrade against Kosovo's independence declaration.", "PROTEST", "SRB", "XKX"),
    ("Kenya deployed troops to the border with Somalia.", "MOBILIZE", "KEN", "SOM"),
    ("China imposed sanctions on Lithuania after the office row.", "SANCTION", "CHN", "LTU"),
    ("Poland expelled three Belarusian diplomats on Tuesday.", "SANCTION", "POL", "BLR"),
    ("Turkish police arrested 12 Syrian smugglers near the border.", "COERCE", "TUR", "SYR"),
    ("Indian troops attacked Pakistani positions along the border.", "ASSAULT", "IND", "PAK"),
    ("Armenian artillery shelled Azerbaijani villages overnight.", "ASSAULT", "ARM", "AZE"),
])
def test_event_types_and_direction(coder, sentence, event, source, target):
    events = coder.code(sentence)
    assert events, sentence
    top = events[0]
    assert top["event"] == event
    assert [a["code"] for a in top["source"]] == [source]
    assert [a["code"] for a in top["target"]] == [target]
    assert top["quad_class"] == QUAD[event]
    assert len(top["cameo"]) == 2 and top["cameo"].isdigit()
    assert -10.0 <= top["goldstein"] <= 10.0
    assert (top["goldstein"] > 0) == (top["quad_class"] in (1, 2))


def test_passive_voice_swaps_direction(coder):
    top = coder.code("Pakistani positions were attacked by Indian troops overnight.")[0]
    assert top["event"] == "ASSAULT"
    assert [a["code"] for a in top["source"]] == ["IND"]
    assert [a["code"] for a in top["target"]] == ["PAK"]


def test_symmetric_events(coder):
    top = coder.code("Chad and Sudan signed a border security agreement on Friday.")[0]
    assert top["symmetric"] is True
    assert {top["source"][0]["code"], top["target"][0]["code"]} == {"TCD", "SDN"}
    top = coder.code("Talks between Armenia and Azerbaijan resumed on Monday.")[0]
    assert top["event"] == "CONSULT" and top["symmetric"] is True
    directed = coder.code("Japan apologised to South Korea for wartime abuses.")[0]
    assert directed["symmetric"] is False


def test_consult_modes(coder):
    visit = coder.code("The Spanish prime minister visited Morocco on Thursday.")[0]
    assert (visit["event"], visit["mode"]) == ("CONSULT", "visit")
    assert visit["target"][0]["code"] == "MAR"
    host = coder.code("Russian President Vladimir Putin hosted the Turkish president in Sochi.")[0]
    assert (host["event"], host["mode"]) == ("CONSULT", "host")
    phone = coder.code("The German chancellor phoned the French president on Sunday.")[0]
    assert (phone["event"], phone["mode"]) == ("CONSULT", "phone")


@pytest.mark.parametrize("text", [
    "Tony Blair spoke on the telephone to US President George Bush on Tuesday.",
    "Tony Blair spoke by phone to US President George Bush on Tuesday.",
    "Tony Blair received a telephone call from US President George Bush on Tuesday.",
])
def test_a_phone_call_either_way_is_a_consultation(coder, text):
    top = coder.code(text)[0]
    assert (top["event"], top["mode"], top["source"][0]["code"], top["target"][0]["code"]) == \
        ("CONSULT", "phone", "GBR", "USA")


def test_compound_target(coder):
    top = coder.code("Gambia's president visited Mauritania and Senegal last month.")[0]
    assert [a["code"] for a in top["target"]] == ["MRT", "SEN"]


def test_one_event_per_type_and_pair_keeps_the_best(coder):
    text = ("Mexico criticised the United States over the wall. "
            "Mexico also criticised the United States over tariffs in a later statement.")
    events = coder.code(text)
    assert len([e for e in events if e["event"] == "DISAPPROVE"]) == 1


def test_more_specific_trigger_wins():
    top = EventCoder().code("Britain and France conducted joint naval exercises in the Mediterranean.")[0]
    assert top["event"] == "COOPERATE" and top["symmetric"] is True


def test_own_troops_are_not_the_place_they_leave():
    top = EventCoder().code("Israel withdrew its troops from the Gaza Strip on Monday.")[0]
    assert top["event"] == "RETREAT"
    assert [a["code"] for a in top["source"]] == ["ISR"]
    assert [a["code"] for a in top["target"]] == ["PSE"]


def test_article_level_coding():
    title = "Brazil and Argentina sign trade pact"
    text = ("BUENOS AIRES (Reuters) - Brazilian President Carla Souza signed a trade pact with "
            "Argentine President Hugo Ramos on Monday. Souza later criticised Paraguay over "
            "smuggling. Ramos said he would visit Chile next month.")
    events = EventCoder().code(text, title=title)
    by_type = {e["event"]: e for e in events}
    assert {a["code"] for a in by_type["SUPPORT"]["source"] + by_type["SUPPORT"]["target"]} == {"BRA", "ARG"}
    disapprove = by_type["DISAPPROVE"]
    assert disapprove["source"][0] == {"actorText": "Carla Souza", "code": "BRA", "sector": "GOV"}
    assert disapprove["target"][0]["code"] == "PRY"
    visit = by_type["CONSULT"]  # a visit ahead, marked planned
    assert visit["planned"] is True
    assert [a["code"] for a in visit["source"]] == ["ARG"] and [a["code"] for a in visit["target"]] == ["CHL"]
    # the headline's pair is the top story
    assert events[0]["event"] == "SUPPORT"


@pytest.mark.parametrize("sentence, event, source, target", [
    ("Russia cancelled a planned visit by the Japanese prime minister.", "SANCTION", "RUS", "JPN"),
    ("Ethiopian artillery pounded Eritrean positions along the frontier.", "ASSAULT", "ETH", "ERI"),
    ("China invited the Taiwanese opposition leader to visit Beijing.", "AGREE", "CHN", "TWN"),
    ("Syria dropped its demand for a full Israeli withdrawal.", "CONCEDE", "SYR", "ISR"),
])
def test_more_verb_classes(coder, sentence, event, source, target):
    top = coder.code(sentence)[0]
    assert (top["event"], top["source"][0]["code"], top["target"][0]["code"]) == (event, source, target)


def test_offices_of_countries_join_a_list_of_parties(coder):
    top = coder.code("Blair met Bush and the presidents of Sri Lanka and Indonesia.")[0]
    assert [a["code"] for a in top["target"]] == ["USA", "LKA", "IDN"]
