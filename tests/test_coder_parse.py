"""The coder's own parse: the shipped model, lemmas, and who did what to whom read from the tree.

The sentences are invented to exercise one construction each (passive agent, control, relative
and reported clauses, coordination, event nouns, unnamed actors, headlines); they are coded with
the parse alone (strategy "parse-only"), so the patterns cannot hide a wrong reading.
"""
import json

import pytest

from tests.coder_helpers import event_triples
from transforms.coder import EventCoder
from transforms.coder.parse import MODEL_DIR, headline_for_parsing, lemma_of, parse
from transforms.coder.tree_lexicon import load_tree_triggers


@pytest.fixture(scope="module")
def parsed_coder():
    return EventCoder(strategy="parse-only")


def pairs(triples):
    return {(event, source, target) for event, source, target in triples}


def test_model_ships_in_the_package_with_its_licence_and_scores():
    meta = json.loads((MODEL_DIR / "meta.json").read_text())
    assert meta["license"] == "CC BY-SA 4.0"
    assert meta["ewt_test"]["dep_uas"] > 0.8 and meta["ewt_test"]["dep_las"] > 0.75
    assert (MODEL_DIR / "README.md").exists()


def test_parse_gives_tags_and_dependencies():
    doc = parse(["France recalled its ambassador from Algeria."])[0]
    by_text = {t.text: t for t in doc}
    assert by_text["recalled"].tag_ == "VBD"
    assert by_text["France"].dep_ == "nsubj" and by_text["France"].head.text == "recalled"
    assert by_text["ambassador"].dep_ == "obj"


def test_lemmas_cover_irregular_forms():
    assert lemma_of("retaken", "VBN") == "retake"
    assert lemma_of("talks", "NNS") == "talk"
    assert lemma_of("fought", "VBD") == "fight"
    assert lemma_of("Paris", "NNP") == "paris"


def test_headline_in_sentence_case_keeps_length_and_names():
    headline = "Iraqi Leader Thanks U.S. in Speech to Congress"
    out = headline_for_parsing(headline, [(0, 6)])
    assert len(out) == len(headline)
    assert out == "Iraqi leader thanks U.S. in speech to congress"


def test_lexicon_joins_hand_written_and_converted_patterns():
    table = load_tree_triggers()
    assert any(t.hand for t in table["meet"]) and any(not t.hand for t in table["meet"])
    # hand-written entries sort first among equally specific ones
    bare = [t for t in table["meet"] if not t.words and not t.before]
    assert bare and bare[0].hand
    assert len(table) > 1500  # PETRARCH2's verbs, not just the hand-written few hundred


def test_passive_agent_is_the_source(parsed_coder):
    found = pairs(event_triples(parsed_coder, "Two Syrian soldiers were killed by Israeli troops on Monday."))
    assert ("ASSAULT", "ISR", "SYR") in found


def test_infinitive_takes_the_main_subject(parsed_coder):
    # the refusal is the event ("extradite" is governed by it) and the object is the act's
    found = pairs(event_triples(parsed_coder, "Uganda refused to extradite the Kenyan rebel leader."))
    assert found == {("REJECT", "UGA", "KEN")}


def test_reported_clause_has_its_own_subject(parsed_coder):
    found = event_triples(parsed_coder, "Chile said on Tuesday that Peru had expelled two Bolivian diplomats.")
    assert any(source == "PER" and target == "BOL" for _, source, target in found)
    assert not any(source == "CHL" and target == "BOL" and event == "COERCE" for event, source, target in found)


def test_relative_clause_is_not_part_of_the_object(parsed_coder):
    found = pairs(event_triples(
        parsed_coder, "Japan condemned the rebels who had kidnapped a Philippine engineer in Iraq."))
    assert not any(event == "DISAPPROVE" and target == "PHL" for event, _, target in found)


def test_coordinated_subjects_are_symmetric_for_talks(parsed_coder):
    events = parsed_coder.code("India and Pakistan concluded two days of talks on Kashmir.")
    consult = [e for e in events if e["event"] == "CONSULT"]
    assert consult and {a["code"] for a in consult[0]["source"] + consult[0]["target"]} == {"IND", "PAK"}
    assert consult[0]["symmetric"]


def test_event_noun_needs_both_sides(parsed_coder):
    found = pairs(event_triples(parsed_coder, "Fierce clashes between Armenian and Azerbaijani troops "
                                              "erupted along the front line."))
    assert {("ASSAULT", "ARM", "AZE"), ("ASSAULT", "AZE", "ARM")} & found
    assert not event_triples(parsed_coder, "The war in Sudan dominated the summit agenda.")


def test_unnamed_militants_belong_where_they_act(parsed_coder):
    found = pairs(event_triples(parsed_coder, "Militants ambushed a convoy of Turkish engineers near Mosul."))
    assert ("ASSAULT", "IRQ", "TUR") in found


def test_negation_from_the_verb_drops_the_act(parsed_coder):
    assert not [t for t in event_triples(parsed_coder, "Russia did not attack Georgia.") if t[0] == "ASSAULT"]


def test_location_is_never_a_participant(parsed_coder):
    events = parsed_coder.code("The foreign minister of Japan met his Chinese counterpart in Laos.")
    assert events
    for event in events:
        codes = {a["code"] for a in event["source"] + event["target"]}
        assert "LAO" not in codes
    consult = next(e for e in events if e["event"] == "CONSULT")
    assert consult["eventLoc"]["code"] == "LAO" and consult["mode"] == "third-party"


def test_parse_events_carry_their_rule(parsed_coder):
    events = parsed_coder.code("Ethiopia severed relations with Eritrea.")
    assert events and "(parse" in events[0]["evidence"]["rule"]


def test_a_phrase_after_conjoined_nouns_belongs_to_the_last(parsed_coder):
    # UD hangs a dependent shared by conjuncts on the first one ("a series of raids and clashes")
    found = pairs(event_triples(parsed_coder, "Ten people died in a wave of bombings and battles "
                                              "between Ethiopian troops and Eritrean soldiers on Sunday."))
    assert {("ASSAULT", "ETH", "ERI"), ("ASSAULT", "ERI", "ETH")} & found


def test_an_owners_material_act_hits_the_place_it_happens(parsed_coder):
    found = pairs(event_triples(parsed_coder, "Turkish air strikes continued in Kirkuk on Tuesday."))
    assert ("ASSAULT", "TUR", "IRQ") in found
    # with no owner the place is a topic: "the war in Iraq" codes nothing
    assert not event_triples(parsed_coder, "The fighting continued in Kirkuk as Turkey watched.")


def test_a_place_attacked_is_its_state(parsed_coder):
    found = pairs(event_triples(parsed_coder, "Russian troops shelled the northern town of Mosul."))
    assert ("ASSAULT", "RUS", "IRQ") in found


def test_an_arrest_with_no_agent_is_by_the_state_where_it_happened(parsed_coder):
    found = pairs(event_triples(parsed_coder, "A German engineer was arrested in Egypt on Friday."))
    assert ("COERCE", "EGY", "DEU") in found


def test_a_victim_with_no_attacker_named_was_hit_by_the_place(parsed_coder):
    found = pairs(event_triples(parsed_coder, "Two Italian aid workers were killed in Kandahar."))
    assert ("ASSAULT", "AFG", "ITA") in found
    # a sentence-case headline is still a headline: its bare participle is a passive
    found = pairs(event_triples(parsed_coder, "MOGADISHU (AP) - Three Kenyan drivers were missing "
                                              "on Monday.", title="Three Kenyan drivers abducted"))
    assert ("ASSAULT", "SOM", "KEN") in found


def test_a_party_may_hang_on_the_verbs_object(parsed_coder):
    found = pairs(event_triples(parsed_coder, "Chile signed a long awaited five year fisheries "
                                              "protocol with Peru on Monday."))
    assert any(source == "CHL" and target == "PER" for _, source, target in found)


def test_a_light_verbs_event_noun_takes_the_party_on_the_verb(parsed_coder):
    found = pairs(event_triples(parsed_coder, "MOGADISHU (Reuters) - Gunmen launched attacks on "
                                              "Sunday at Kenyan and Somali army posts."))
    assert ("ASSAULT", "SOM", "KEN") in found


def test_an_indefinite_event_noun_after_a_preposition_is_an_event_told_in_passing(parsed_coder):
    # "during a visit to Chile", "killed in a Turkish air strike": a new event, unlike "suspects
    # in the Lockerbie bombing", which names one the reader knows
    found = pairs(event_triples(parsed_coder, "The Peruvian foreign minister praised the new "
                                              "trade rules during a visit to Chile on Monday."))
    assert ("CONSULT", "PER", "CHL") in found


def test_a_violent_acts_consequence_is_done_by_the_main_clauses_subject(parsed_coder):
    found = pairs(event_triples(parsed_coder, "Sudanese militiamen raided the border camp on "
                                              "Friday, killing four Chadian herders."))
    assert ("ASSAULT", "SDN", "TCD") in found


def test_a_demonym_shares_the_noun_of_a_coordinated_name(parsed_coder):
    # "Thai and U.S. officials met": Thai officials, not the adjective alone
    found = pairs(event_triples(parsed_coder, "Thai and U.S. officials met on Friday in Geneva."))
    assert {("CONSULT", "THA", "USA"), ("CONSULT", "USA", "THA")} & found


def test_a_backslash_left_where_wire_copy_broke_a_line_is_a_space(parsed_coder):
    # "met this\\week": glued to its neighbours, the verb is no verb to the parse
    assert ("ASSAULT", "THA", "KHM") in pairs(event_triples(
        parsed_coder, "Thai troops\\shelled Cambodian\\border posts on Friday."))


@pytest.mark.parametrize("title, text", [
    ("", "The Kenyan ambassador to Norway died on Monday at a Swiss clinic after a long illness."),
    ("Croatia Faces Long Road to EU Membership", "Nothing else happened."),
    ("", "Uruguayan troops were heading north toward the Brazilian border on Monday."),
])
def test_a_verb_whose_subject_undergoes_or_only_moves_is_no_event(parsed_coder, title, text):
    assert event_triples(parsed_coder, text, title=title) == []


def test_an_act_demanded_in_a_that_clause_is_not_reported_as_done(parsed_coder):
    found = pairs(event_triples(parsed_coder, "Hostage-takers demanded that Spain withdraw its "
                                              "troops from Iraq."))
    assert not any(event == "RETREAT" for event, _, _ in found)


def test_a_reciprocal_verb_the_parse_took_for_a_participle_is_the_main_verb(parsed_coder):
    # "troops clashed" parsed as "troops [who were] clashed"; a passive participle stays one
    assert pairs(event_triples(parsed_coder, "Peruvian and Ecuadorian troops clashed along the "
                                             "disputed Amazon border.")) & {
        ("ASSAULT", "PER", "ECU"), ("ASSAULT", "ECU", "PER")}
    assert ("ASSAULT", "IRQ", "NPL") in pairs(event_triples(parsed_coder, "Three Nepali workers "
                                                                          "kidnapped in Iraq."))


def test_mediators_are_people_who_meet(parsed_coder):
    assert ("CONSULT", "QAT", "SDN") in pairs(event_triples(
        parsed_coder, "Qatari mediators met Sudanese officials in Doha on Sunday."))


@pytest.mark.parametrize("headline, expected", [
    ("Kenyan Leader Thanks Uganda in Speech to Parliament", ("SUPPORT", "KEN", "UGA")),
    ("Egyptian Minister Heads to Sudan for Talks", ("CONSULT", "EGY", "SDN")),
])
def test_a_headline_read_as_a_noun_phrase_is_subject_verb_object(parsed_coder, headline, expected):
    # the parse tags "Thanks" and "Heads" as nouns; a headline's grammar says they are verbs
    assert expected in pairs(event_triples(parsed_coder, "Nothing else happened.", title=headline))


# -- article-level context ------------------------------------------------------------------------

def test_unnamed_militants_take_the_dateline_country(parsed_coder):
    found = pairs(event_triples(parsed_coder, "KABUL (Reuters) - Militants ambushed a convoy of "
                                              "Pakistani engineers on Sunday."))
    assert ("ASSAULT", "AFG", "PAK") in found


def test_the_two_countries_are_the_last_two_named():
    coder = EventCoder()
    text = ("India and Pakistan traded accusations over Kashmir. On Tuesday the foreign ministers of "
            "the two countries concluded another round of peace talks in Islamabad.")
    consult = [e for e in coder.code(text) if e["event"] == "CONSULT"]
    assert consult and {a["code"] for a in consult[0]["source"] + consult[0]["target"]} == {"IND", "PAK"}


def test_a_person_belongs_to_a_country_for_the_dates_of_the_role():
    coder = EventCoder(strategy="parse-only")
    text = "Ayad Allawi met Jack Straw in Baghdad."
    assert coder.code(text, date="2004-09-10")  # both in office
    in_office = {a["code"] for e in coder.code(text, date="2004-09-10") for a in e["source"] + e["target"]}
    assert {"IRQ", "GBR"} <= in_office


def test_fewer_than_two_codes_stop_before_any_parse():
    coder = EventCoder()
    coder.code("Parliament debated the budget for hours. France's president spoke of reform.")
    assert coder.stats["sentences_parsed"] == 0


def test_a_long_storys_body_alerts_less_than_its_lede():
    coder = EventCoder()
    filler = " ".join(f"Officials met on day {n} to discuss the budget." for n in range(6))
    lede = "Iran condemned Israel on Monday. "
    body = "Iran condemned Israel on Monday."
    first = next(e for e in coder.code(lede + filler) if e["event"] == "DISAPPROVE")
    later = next(e for e in coder.code(filler + " " + body) if e["event"] == "DISAPPROVE")
    assert later["confidence"] < first["confidence"]


def test_a_line_wrapped_inside_a_sentence_is_one_sentence(coder):
    text = ("Reuters - A car bomb exploded near a U.S.\nmilitary patrol in the town of Baiji, north of "
            "Baghdad, on\nTuesday, killing at least seven Iraqis and wounding 20 people, including two "
            "U.S. soldiers, doctors and the military said.")
    found = [(e["event"], [a["code"] for a in e["source"]], [a["code"] for a in e["target"]])
             for e in coder.code(text)]
    assert ("ASSAULT", ["IRQ"], ["USA"]) in found


def test_list_items_and_paragraphs_stay_apart():
    from transforms.coder.coder import collapse_spaces
    assert collapse_spaces("tax net \n - Raised the threshold") == "tax net \n - Raised the threshold"
    assert collapse_spaces("First paragraph.\n\nSecond one") == "First paragraph.\n\nSecond one"
    assert collapse_spaces("near the\nheadquarters") == "near the headquarters"


@pytest.mark.parametrize("text, pair", [
    ("A car bomb exploded outside the Australian embassy in Jakarta, killing nine people.", (["IDN"], ["AUS"])),
    ("A small parcel bomb has exploded outside the Indonesian embassy in Paris, injuring 10 people.", (["FRA"], ["IDN"])),
])
def test_a_bomb_at_a_states_embassy_is_an_attack_on_it_by_unnamed_attackers_of_the_host(coder, text, pair):
    top = coder.code(text)[0]
    assert top["event"] == "ASSAULT"
    assert ([a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == pair


def test_a_headline_weapon_hitting_a_foreign_target_is_an_attack_by_unnamed_attackers_of_the_place(coder):
    top = coder.code("Bomb Hits US Convoy in Baghdad")[0]
    assert (top["event"], [a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == \
        ("ASSAULT", ["IRQ"], ["USA"])


@pytest.mark.parametrize("text, pair", [
    ("Two Americans died after a bomb attack in Kabul.", (["AFG"], ["USA"])),
    ("Three Iraqis died in a US air strike.", (["USA"], ["IRQ"])),
])
def test_who_died_in_an_attack_are_its_victims(coder, text, pair):
    top = coder.code(text)[0]
    assert top["event"] == "ASSAULT"
    assert ([a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == pair


@pytest.mark.parametrize("text, pair", [
    ("A US diplomat was among seven people injured in an explosion at an Islamabad hotel.", (["PAK"], ["USA"])),
    ("Two Britons were among 20 people killed in a bombing in Istanbul.", (["TUR"], ["GBR"])),
])
def test_who_was_among_the_people_hurt_was_hurt(coder, text, pair):
    top = coder.code(text)[0]
    assert top["event"] == "ASSAULT"
    assert ([a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == pair


def test_unnamed_protesters_belong_to_the_place_they_protest_in(coder):
    top = coder.code("Protesters burned an Israeli flag outside the embassy in Amman.")[0]
    assert (top["event"], [a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == \
        ("PROTEST", ["JOR"], ["ISR"])


def test_armed_forces_crossing_into_a_country_is_an_incursion(coder):
    top = coder.code("Ethiopian troops crossed into Somalia.")[0]
    assert (top["event"], [a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == \
        ("ASSAULT", ["ETH"], ["SOM"])


@pytest.mark.parametrize("text", ["The US is poised to push Japan off the top of the supercomputing chart.",
                                  "France joins Germany, Japan in economic slide"])
def test_bare_verbs_that_are_mostly_metaphors_code_nothing(coder, text):
    assert coder.code(text) == []


def test_a_modifier_the_parse_hangs_outside_a_name_is_not_its_head(coder):
    # the parse hangs "Chinese" on "said"; the name's head is still "Wen", the subject
    text = ("Chinese Premier Wen Jiabao said in his meeting with Pakistani Prime Minister Shaukat Aziz "
            "here on Wednesday that ties were good.")
    top = coder.code(text)[0]
    assert (top["event"], [a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == \
        ("CONSULT", ["CHN"], ["PAK"])


def test_a_material_acts_place_may_hang_on_its_object(coder):
    top = coder.code("China is to invest nearly $20bn in Argentina over the next 10 years, Argentine officials say.")[0]
    assert ([a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == (["CHN"], ["ARG"])
    assert top["planned"] is True


@pytest.mark.parametrize("text", ["A Hamas leader was killed in an Israeli airstrike in Gaza City.",
                                  "Two Palestinians were killed in an Israeli airstrike in Gaza."])
def test_who_is_killed_in_an_owned_strike_is_its_target_not_the_place(coder, text):
    top = coder.code(text)[0]
    assert top["event"] == "ASSAULT" and top["confidence"] >= 0.5
    assert ([a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == (["ISR"], ["PSE"])
    target_span = next(span for span in top["evidence"]["actor_spans"] if span["role"] == "target")
    assert target_span["text"] in ("Hamas leader", "Hamas", "Palestinians")  # the victims, not "Gaza"


def test_unnamed_attackers_of_the_place_may_also_kill_its_own_people(coder):
    top = coder.code("An American woman and an Afghan girl died after a suicide bomb attack in Kabul.")[0]
    assert (top["event"], [a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == \
        ("ASSAULT", ["AFG"], ["USA"])
    # when every victim is of the place, no one from outside was attacked
    assert coder.code("Three Afghan soldiers died after a bomb attack in Kabul.") == []


def test_flying_somewhere_for_treatment_is_a_journey_not_aid(coder):
    text = ("Palestinian leader Yasser Arafat, weakened by what doctors think may be leukemia, flew for "
            "treatment in France on Friday from the besieged West Bank headquarters.")
    assert coder.code(text) == []


def test_driven_out_of_a_states_waters_with_no_agent_named_by_that_state(coder):
    text = ("The fragile relations between Tokyo and Beijing were further weakened yesterday when a suspected "
            "Chinese nuclear submarine was chased out of Japanese territorial waters.")
    top = coder.code(text)[0]
    assert (top["event"], [a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == \
        ("COERCE", ["JPN"], ["CHN"])


def test_an_intention_alone_is_no_event_the_act_intended_is(coder):
    # the return intended names no event: planning it is no agreement with Albania
    assert coder.code("The UK government is planning to return asylum seeker children without "
                      "parents to Albania.") == []
    # an intended act that is an event is coded, as planned
    top = coder.code("Britain is planning to send troops to Iraq.")[0]
    assert [a["code"] for a in top["source"]] == ["GBR"] and [a["code"] for a in top["target"]] == ["IRQ"]
    assert top["eventText"] == "send troops"


def test_who_appears_in_court_is_the_one_charged_not_the_charging_state(coder):
    text = ("A German man and his colleague appeared in court Thursday on charges of violating South "
            "Africa's ban against nuclear proliferation.")
    assert all([a["code"] for a in e["source"]] != ["DEU"] for e in coder.code(text))


def test_the_parser_never_splits_a_sentence_the_coder_gave_it():
    from transforms.coder.parse import parse
    doc = parse(["Jordan's state security court jailed an Islamist militant for six months on Sunday for "
                 "financing al Qaeda ally Abu Musab al-Zarqawi's bombings in Iraq."])[0]
    assert len(list(doc.sents)) == 1
    assert [t.head.text for t in doc if t.text == "bombings"] == ["jailed"]


def test_a_person_named_by_nationality_is_not_also_of_the_company_they_work_for(coder):
    top = coder.code("Gunmen abducted an Australian employee of a Canadian oil company in Yemen.")[0]
    assert [a["code"] for a in top["target"]] == ["AUS"]


def test_a_quotation_mark_that_lost_its_ampersand_is_read_as_one():
    from transforms.coder.coder import clean_text
    assert clean_text('condemned as quot;unfair quot; a new resolution') == 'condemned as "unfair " a new resolution'
    assert clean_text("said &quot;no&quot;") == 'said "no"'
    assert clean_text("the quota;") == "the quota;"   # a word that merely ends so is left alone


def test_a_damaged_quotation_mark_ends_no_clause(coder):
    # AG News: its ";" had cut the sentence short of "to help", and the parse then read British aid
    text = ("Tony Blair last night stood accused of conspiring to use British troops in Iraq as a  quot;political "
            "gesture quot; to help George W Bush in the US presidential election.")
    assert coder.code(text, title="Blair is  #39;Using Our Troops to Boost Bush #39;") == []


def test_a_passive_tagged_as_an_adjective_after_be_is_still_a_passive(coder):
    # the EWT parser tags "was wounded" as an adjective; the soldier still underwent the act, by
    # unnamed attackers of the place the story was filed from
    events = coder.code("BAGHDAD, Iraq - One American soldier was wounded.")
    assert [(e["event"], [a["code"] for a in e["source"]], [a["code"] for a in e["target"]])
            for e in events] == [("ASSAULT", ["IRQ"], ["USA"])]


def test_a_participle_the_parse_hangs_on_a_noun_with_its_own_object_is_the_nouns_act(coder):
    # the parse reads "A suicide car bomber struck a US convoy" as a noun phrase with a participle
    events = coder.code("A suicide car bomber struck a US convoy in Mosul, killing three soldiers.")
    assert [(e["event"], [a["code"] for a in e["source"]], [a["code"] for a in e["target"]])
            for e in events][:1] == [("ASSAULT", ["IRQ"], ["USA"])]
    # "marred" is a metaphor, not force, even with an object
    assert coder.code("Spirit of Australia was on the skids after a row by the home side marred the opening "
                      "day of the second test against New Zealand in Adelaide.") == []


def test_a_reduced_passive_before_a_passive_the_parse_tags_as_an_adjective(coder):
    # "kidnapped" hangs on "women"; "were freed", tagged an adjective, is the main verb
    events = coder.code("BAGHDAD, Iraq - Two Italian women kidnapped three weeks ago were freed on Tuesday.")
    assert ("ASSAULT", ["IRQ"], ["ITA"]) in [
        (e["event"], [a["code"] for a in e["source"]], [a["code"] for a in e["target"]]) for e in events]


@pytest.mark.parametrize("text, title", [
    ("Clashes between Indian and Pakistani troops killed five soldiers.", ""),
    ("NEW DELHI - Five soldiers died on Monday.", "Clashes Erupt Between Indian, Pakistani Troops"),
])
def test_an_event_noun_opening_a_sentence_is_a_noun_not_a_name(coder, text, title):
    # the tagger reads the opening capital of "Clashes" as a name's
    assert ("ASSAULT", "IND", "PAK") in event_triples(coder, text, title=title)


def test_the_preposition_of_a_time_is_no_particle_of_the_verb(parsed_coder):
    # "called Bush on Tuesday" is no "call on"; "called on Thursday on Nigeria" is
    assert "DEMAND" not in {e["event"] for e in parsed_coder.code(
        "Putin called Bush on Tuesday, urging him to support Russia's WTO bid.")}
    assert ("DEMAND", "SDN", "NGA") in event_triples(
        parsed_coder, "Rebel leaders from Sudan's Darfur region called on Thursday on Nigeria to intervene.")


def test_a_reciprocal_verb_the_parse_hangs_on_its_subject_as_an_adjective_is_the_main_verb(parsed_coder):
    # the parse reads "clashed" as a participle modifying "militiamen" (no verb left in the sentence)
    assert ("ASSAULT", "IRQ", "USA") in event_triples(
        parsed_coder, "Shiite militiamen loyal to Sadr clashed with US troops in Najaf.")


def test_a_headline_passive_without_its_be_is_still_a_passive(coder):
    # the parse tags "injured" an adjective and makes it the root: the headline dropped "was"
    events = coder.code("ISLAMABAD: Seven people were injured in a powerful explosion at a hotel on Thursday.",
                        title="US diplomat among 7 injured in Islamabad hotel explosion")
    assert ("ASSAULT", ["PAK"], ["USA"]) in [
        (e["event"], [a["code"] for a in e["source"]], [a["code"] for a in e["target"]]) for e in events]


def test_what_the_object_is_called_belongs_to_the_verb_however_far(coder):
    # "call * unjustified": the complement is six words past the verb, beyond the usual gap
    top = coder.code("French president Jacques Chirac has called the UK's £3bn rebate from the European "
                     "Union \"unjustified\".")[0]
    assert (top["event"], top["source"][0]["code"], top["target"][0]["code"]) == ("DISAPPROVE", "FRA", "GBR")


def test_a_judging_verbs_subject_is_not_the_agent_of_the_act_it_judges(parsed_coder):
    # "condemned the attack on Iraq": France judges the attack, it did not make it; an adverbial
    # event noun still takes the subject ("praised the rules during a visit to Chile", above)
    found = pairs(event_triples(parsed_coder, "France condemned the attack on Iraq."))
    assert not any(event == "ASSAULT" for event, _, _ in found), found
    found = pairs(event_triples(parsed_coder, "Israel launched a raid on Gaza."))
    assert ("ASSAULT", "ISR", "PSE") in found
