"""Negation, plans, background, places versus participants, and sports results."""
import pytest



def codes(event):
    return [a["code"] for a in event["source"]], [a["code"] for a in event["target"]]


def test_refused_to_meet_is_reject_not_consult(coder):
    events = coder.code("Germany refused to meet Turkish officials.")
    assert [e["event"] for e in events] == ["REJECT"]
    assert codes(events[0]) == (["DEU"], ["TUR"])
    assert events[0]["cameo"] == "12" and events[0]["quad_class"] == 3


def test_did_not_attack_is_nothing(coder):
    assert coder.code("France did not attack Mali.") == []
    assert coder.code("Egypt has never criticised Saudi Arabia in public.") == []


def test_will_not_is_a_refusal(coder):
    top = coder.code("Brazil will not recognise Venezuela's new government.")[0]
    assert top["event"] == "REJECT"
    assert codes(top) == (["BRA"], ["VEN"])


def test_a_meeting_ahead_is_consult_planned(coder):
    # as the labelled news codes a visit or talks to come: the event, marked planned
    top = coder.code("The Turkish prime minister will meet his Greek counterpart next week.")[0]
    assert top["event"] == "CONSULT" and top["planned"] is True and top["cameo"] == "04"
    assert codes(top) == (["TUR"], ["GRC"])
    top = coder.code("Egypt's foreign minister is expected to visit Jordan.")[0]
    assert top["event"] == "CONSULT" and top["planned"] is True


def test_other_cooperation_ahead_is_agree_planned(coder):
    top = coder.code("Japan will send emergency aid to Indonesia.")[0]
    assert top["event"] == "AGREE" and top["planned"] is True and codes(top) == (["JPN"], ["IDN"])


@pytest.mark.parametrize("text, pair", [
    ("Polish President Aleksander Kwasniewski is due in Kiev on Friday.", (["POL"], ["UKR"])),
    ("Russian President Vladimir Putin is expected in Beijing on Monday.", (["RUS"], ["CHN"]))])
def test_a_leader_due_or_expected_in_a_capital_is_a_visit_ahead(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], top["mode"], *codes(top), top["planned"]) == ("CONSULT", "visit", *pair, True)


def test_past_meeting_is_not_planned(coder):
    top = coder.code("The Turkish prime minister met his Greek counterpart on Monday.")[0]
    assert top["event"] == "CONSULT" and top["planned"] is False


def test_conditional_action_is_a_threat(coder):
    top = coder.code("Nigeria will withdraw its troops from Chad unless the rebels agree to a ceasefire.")[0]
    assert top["event"] == "THREATEN"
    assert codes(top) == (["NGA"], ["TCD"])


def test_planned_attack_is_a_threat(coder):
    top = coder.code("Iran said it would attack Iraqi oil fields.")[0]
    assert top["event"] == "THREATEN" and top["planned"] is True


def test_background_sentence(coder):
    text = ("Armenia and Turkey held talks in Zurich on Saturday. "
            "Relations have been frozen since Turkey closed its border with Armenia in 1993.")
    events = coder.code(text)
    talks = events[0]
    assert talks["event"] == "CONSULT" and talks["background"] is False
    old = [e for e in events if e["background"]]
    assert old, "the 1993 border closure should be coded as background"
    assert all(e["confidence"] < talks["confidence"] for e in old)


def test_location_is_not_a_participant(coder):
    top = coder.code("The Japanese prime minister met his Chinese counterpart in Hanoi.")[0]
    assert codes(top) == (["JPN"], ["CHN"])
    assert top["eventLoc"] == {"name": "Hanoi", "code": "VNM"}
    assert top["mode"] == "third-party"
    top = coder.code("Iran and Iraq signed a trade deal at a summit in the tiny country of Qatar.")[0]
    assert "QAT" not in codes(top)[0] + codes(top)[1]
    assert top["eventLoc"]["code"] == "QAT"


def test_visited_country_is_the_target(coder):
    top = coder.code("The Spanish prime minister visited Morocco on Thursday.")[0]
    assert codes(top) == (["ESP"], ["MAR"])
    assert top["eventLoc"] is None


def test_topic_place_is_not_the_event_location(coder):
    top = coder.code("Britain criticised Russia's involvement in Syria.")[0]
    assert codes(top) == (["GBR"], ["RUS"])
    assert top["eventLoc"] is None


def test_attribution_is_not_a_participant(coder):
    top = coder.code("Kenya deployed troops to the Somali border, a Ugandan official said.")[0]
    assert codes(top) == (["KEN"], ["SOM"])


@pytest.mark.parametrize("title, text", [
    ("Russia beat Canada 4-2", "Russia beat Canada 4-2 in the hockey final on Sunday."),
    ("England crush India", "England's bowlers attacked India's batting line-up on the second day of the Test."),
    ("Brazil defeat Argentina", "Brazil defeated Argentina 3-1 in the World Cup qualifier in Rio."),
    ("Spain v Italy", "Spain's striker shot Italy out of the tournament with two goals."),
])
def test_sports_results_are_not_events(coder, title, text):
    assert coder.code(text, title=title) == []


@pytest.mark.parametrize("title, text", [
    # an election is won and lost too: words sport shares with politics do not make a sports story
    ("Labour claims victory", "Labour won the vote and claimed victory as the Tories conceded defeat. "
     "British Foreign Secretary Jack Straw met his French counterpart in Paris on Monday."),
    # a Boxing Day tsunami, a manifesto's goals, coaches that carry marchers
    ("Tsunami aid", "Britain promised aid after the Boxing Day tsunami and set goals to match the "
     "public's giving. British Foreign Secretary Jack Straw met his French counterpart in Paris."),
])
def test_words_sport_shares_with_politics_do_not_make_a_sports_story(coder, title, text):
    assert ("CONSULT", ["GBR"], ["FRA"]) in [(e["event"], *codes(e)) for e in coder.code(text, title=title)]


@pytest.mark.parametrize("text", [
    "His words about President Bush met a cool reception from Jacques Chirac.",
    "The German plan met fierce resistance from France.",
    "The plan met with criticism from Germany and France.",
])
def test_a_response_met_is_no_meeting(coder, text):
    assert [e for e in coder.code(text) if e["event"] == "CONSULT"] == []


def test_dateline_place_is_neither_actor_nor_place(coder):
    events = coder.code("TOKYO (Reuters) - South Korea protested to China on Tuesday over the fishing dispute.")
    assert codes(events[0]) == (["KOR"], ["CHN"])
    assert all("JPN" not in codes(e)[0] + codes(e)[1] for e in events)


def test_honorific_makes_a_surname(coder):
    assert coder.code("Mr German criticised the council over the tax rise.") == []


def test_broker_is_not_the_target(coder):
    top = coder.code("Armenia and Azerbaijan exchanged prisoners on Saturday under a deal brokered by Russia.")[0]
    assert top["symmetric"] is True
    assert set(codes(top)[0] + codes(top)[1]) == {"ARM", "AZE"}


def test_purpose_clause_belongs_to_the_main_event(coder):
    events = coder.code("Egypt's president will visit Washington next month for talks with the US president.")
    assert [e["event"] for e in events] == ["CONSULT"]
    assert events[0]["planned"] is True


def test_instrument_is_not_an_agent(coder):
    top = coder.code("Two Dutch soldiers were killed by a roadside bomb outside the Afghan town of Deh Rawud.")[0]
    assert top["event"] == "ASSAULT"
    assert codes(top) == (["AFG"], ["NLD"])


def test_named_past_event_is_not_reported_again(coder):
    events = coder.code("Libya handed over two suspects in the Lockerbie bombing to Scottish police.")
    assert [e["event"] for e in events] == ["COOPERATE"]


@pytest.mark.parametrize("sentence", [
    "India and Pakistan failed to agree on a bus service across the ceasefire line.",
    "Israel has no plans to attack Iran, the defence minister said.",
    "The United States refrained from criticising China over the crackdown.",
])
def test_failed_and_renounced_acts_are_not_events(coder, sentence):
    assert coder.code(sentence) == []


def test_city_gives_location_and_unnamed_attackers_country(coder):
    top = coder.code("A roadside bomb near the town of Samarra killed two U.S. soldiers on Sunday.")[0]
    assert top["event"] == "ASSAULT"
    assert codes(top) == (["IRQ"], ["USA"])
    assert top["source"][0]["sector"] == "UNK"
    talks = coder.code("The Japanese and Chinese foreign ministers met in Geneva on Friday.")[0]
    assert talks["eventLoc"] == {"name": "Geneva", "code": "CHE"} and talks["mode"] == "third-party"


def test_place_of_words_is_not_a_target(coder):
    assert coder.code("The Malian government and Tuareg rebels signed a peace accord in Algiers.") == []
    top = coder.code("Sri Lanka opened an embassy in Tehran on Wednesday.")[0]
    assert codes(top) == (["LKA"], ["IRN"])


def test_phone_call_and_possessive_coordination(coder):
    top = coder.code("Russian President Vladimir Putin and his Ukrainian counterpart Viktor Yushchenko "
                     "discussed gas prices by telephone.")[0]
    assert (top["event"], top["mode"], top["symmetric"]) == ("CONSULT", "phone", True)
    assert {top["source"][0]["code"], top["target"][0]["code"]} == {"RUS", "UKR"}


def test_base_form_used_as_noun_is_not_an_act(coder):
    events = coder.code("Iraq attacked Iran in order to seize the oil fields.")
    assert [e["event"] for e in events] == ["ASSAULT"]
    top = coder.code("The Japanese finance minister met his German counterpart.")[0]
    assert top["event"] == "CONSULT"


def test_noun_trigger_with_its_agent(coder):
    top = coder.code("Bolivia won support from Peru for its claim to the coast.")[0]
    assert top["event"] == "SUPPORT"
    assert codes(top) == (["PER"], ["BOL"])
    top = coder.code("Cuba released four dissidents after a request from Spain.")[0]
    assert (top["event"], codes(top)) == ("DEMAND", (["ESP"], ["CUB"]))


@pytest.mark.parametrize("text", [
    "Chile will recall its ambassador from Bolivia.",
    "Chile is to recall its ambassador from Bolivia.",
])
def test_a_base_form_after_a_modal_is_a_verb_whose_subject_acts(coder, text):
    # "won support from Peru" is a noun with its agent; "will recall ... from" is not
    top = coder.code(text)[0]
    assert codes(top) == (["CHL"], ["BOL"])


def test_ministers_meeting_somewhere_met_each_other_not_the_next_country_named(coder):
    events = coder.code("EU ministers meeting in Brussels agreed to extend sanctions on Burma.")
    assert "CONSULT" not in [e["event"] for e in events]
    # a meeting with a named other side is still one
    events = coder.code("Chinese officials meeting with North Korean envoys in Beijing urged restraint.")
    assert any(e["event"] == "CONSULT" and codes(e) == (["CHN"], ["PRK"]) for e in events)


def test_what_happened_to_peacekeepers_outranks_their_being_peacekeepers(coder):
    events = coder.code("Six Nigerian peacekeepers were killed in an ambush by Liberian rebels on Monday.")
    pair = [e["event"] for e in events if {a["code"] for a in e["source"] + e["target"]} == {"NGA", "LBR"}]
    assert pair and pair[0] == "ASSAULT"


def test_several_ministers_who_meet_a_named_other_met_him_not_each_other(coder):
    top = coder.code("The foreign ministers of Chile, Peru and Bolivia met the Brazilian president on Friday.")[0]
    assert top["event"] == "CONSULT" and codes(top) == (["CHL", "PER", "BOL"], ["BRA"])
    # with no one named after the verb they met each other
    top = coder.code("The foreign ministers of Chile and Peru met on Friday.")[0]
    assert {a["code"] for a in top["source"] + top["target"]} == {"CHL", "PER"}


@pytest.mark.parametrize("text", ["Qatar condemned the Syrian raid on Lebanon.",
                                  "Qatar condemned Syria's raid on Lebanon."])
def test_an_event_nouns_owner_did_it_not_the_sentences_subject(coder, text):
    found = {(e["event"], *map(tuple, codes(e))) for e in coder.code(text)}
    assert ("ASSAULT", ("SYR",), ("LBN",)) in found and ("DISAPPROVE", ("QAT",), ("SYR",)) in found
    assert not any(event == "ASSAULT" and source == ("QAT",) for event, source, _ in found)


@pytest.mark.parametrize("text", [
    "Thai soldiers killed six gunmen near the Malaysian border on Sunday.",
    "The Thai army killed six gunmen who had taken refuge in the jungle region bordering Malaysia.",
])
def test_a_border_locates_an_act_it_names_no_side(coder, text):
    assert not any("MYS" in codes(e)[0] + codes(e)[1] for e in coder.code(text))


@pytest.mark.parametrize("text", [
    "Former Cabinet minister Jane Doe has criticised the Norwegian government's whaling policy.",
    "Sweden's former foreign minister criticised the Norwegian government's whaling policy.",
])
def test_who_once_held_an_office_speaks_for_no_state(coder, text):
    assert coder.code(text, home_country="SWE") == []


@pytest.mark.parametrize("text", [
    "Officials worried about plans, backed by Italy, to lift the arms embargo on Libya.",
    "The Italian foreign minister is due to take part in talks with Libyan officials on Friday.",
])
def test_a_plan_or_an_appointment_is_not_yet_the_act(coder, text):
    top = coder.code(text)[0]
    assert top["planned"] is True and top["event"] == ("CONSULT" if "talks" in text else "AGREE")


def test_years_after_dates_the_main_act_and_backgrounds_the_act_inside_it(coder):
    top = coder.code("Chile broke off relations with Peru five years after crowds attacked its embassy.")[0]
    assert (top["event"], *codes(top)) == ("SANCTION", ["CHL"], ["PER"]) and top["background"] is False
    inside = [e for e in coder.code("Crowds gathered to mark 150 years after the British assault on China.")
              if e["event"] == "ASSAULT"]
    assert inside and all(e["background"] for e in inside)


@pytest.mark.parametrize("adverb", ["almost", "perhaps"])
def test_an_adverb_after_a_country_is_not_a_noun_it_modifies(coder, adverb):
    top = coder.code(f"Chile has broken relations with Peru {adverb} five years after the war.")[0]
    assert codes(top) == (["CHL"], ["PER"])


@pytest.mark.parametrize("text", ["Indonesia Furious Over Australia's New Maritime Zone",
                                  "China is angry at Japan over a school textbook.",
                                  "Iran expressed anger over the British decision to expel its diplomats."])
def test_anger_at_a_country_is_disapproval_of_it(coder, text):
    top = coder.code(text)[0]
    assert top["event"] == "DISAPPROVE" and len(top["source"]) == 1 and len(top["target"]) == 1
    assert text.index(top["source"][0]["actorText"]) < text.index(top["target"][0]["actorText"])


def test_talks_held_in_a_foreign_country_are_with_its_hosts_but_a_city_is_a_venue(coder):
    top = coder.code("South African President Thabo Mbeki held talks in Ivory Coast on Sunday.")[0]
    assert (top["event"], *codes(top), top["mode"]) == ("CONSULT", ["ZAF"], ["CIV"], "visit")
    assert coder.code("South African President Thabo Mbeki held talks in Geneva on Sunday.") == []
    top = coder.code("Iran and Britain held talks in France on Sunday.")[0]
    assert sorted(codes(top)[0] + codes(top)[1]) == ["GBR", "IRN"]


def test_unnamed_bombers_belong_to_the_named_capital_not_to_the_patrol_they_hit(coder):
    text = ("A car bomb exploded near a U.S. military patrol in the town of Baiji, north of Baghdad, "
            "on Tuesday, killing at least seven Iraqis and wounding 20 people, including two U.S. "
            "soldiers, doctors and the military said.")
    found = [(e["event"], *codes(e)) for e in coder.code(text)]
    assert found and all(source == ["IRQ"] for _, source, _ in found)
    assert ("ASSAULT", ["IRQ"], ["USA"]) in found


@pytest.mark.parametrize("text, pair", [
    ("Chinese President Hu Jintao greeted his Brazilian counterpart in Beijing.", (["CHN"], ["BRA"])),
    ("Russian President Putin was greeted by Indian Prime Minister Singh in New Delhi.", (["IND"], ["RUS"])),
])
def test_greeting_a_leader_is_a_meeting(coder, text, pair):
    top = coder.code(text)[0]
    assert top["event"] == "CONSULT" and codes(top) == pair
    assert coder.code("Japan greeted the decision by China with caution.") == []


def test_an_inserted_according_to_neither_ends_the_clause_nor_acts(coder):
    text = ("The Cuban President, according to wire reports, stood for several minutes while greeting "
            "Venezuelan President Hugo Chavez.")
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("CONSULT", ["CUB"], ["VEN"])
    top = coder.code("Iran, according to Syrian officials, attacked Iraq on Monday.")[0]
    assert codes(top) == (["IRN"], ["IRQ"])


@pytest.mark.parametrize("text", ["Insurgents and American forces clashed briefly Thursday near the Iraqi city.",
                                  "US troops and insurgents clashed in the Iraqi city of Fallujah."])
def test_an_unnamed_armed_side_of_a_clash_belongs_to_the_place_of_the_fighting(coder, text):
    top = coder.code(text)[0]
    assert top["event"] == "ASSAULT" and top["symmetric"] is True and top["confidence"] >= 0.5
    assert sorted(codes(top)[0] + codes(top)[1]) == ["IRQ", "USA"]
    assert coder.code("Britain and France clashed over the EU budget.") == []


@pytest.mark.parametrize("text, pair", [
    ("Israeli Tanks Surge Into Gaza Refugee Camp", (["ISR"], ["PSE"])),
    ("Russian troops entered Georgia on Friday.", (["RUS"], ["GEO"])),
])
def test_armed_forces_moving_into_a_country_is_an_incursion(coder, text, pair):
    top = coder.code(text)[0]
    assert top["event"] == "ASSAULT" and codes(top) == pair


@pytest.mark.parametrize("text", ["Chinese investors poured into Australia.",
                                  "Japanese tourists surged into South Korea last year."])
def test_only_armed_forces_make_an_incursion(coder, text):
    assert coder.code(text) == []


def test_what_a_comma_and_saying_participle_tells_is_not_the_acts_object(coder):
    text = ("Israeli officials gave an intelligence briefing to foreign ambassadors on Monday, "
            "explaining Syria's alleged involvement.")
    assert coder.code(text) == []
    top = coder.code("Israeli officials gave a briefing to Syrian diplomats on Monday.")[0]
    assert codes(top) == (["ISR"], ["SYR"])


def test_a_country_a_stance_is_about_is_no_side(coder):
    assert coder.code("Bush, Kerry Differ on Approach to North Korea") == []


def test_a_relative_clause_with_its_own_subject_has_its_antecedent_as_object(coder):
    text = ("Three hooded gunmen pose with an unidentified Turkish hostage, who they threatened to "
            "behead unless all American release all Iraq prisoners.")
    assert not any(codes(e)[0] == ["TUR"] for e in coder.code(text))


def test_a_finite_verb_after_a_relative_clause_is_the_main_verb_not_a_governed_act(coder):
    found = [(e["event"], *codes(e)) for e in coder.code("Sharon, who has vowed to crush Hamas, attacked Syria.")]
    assert ("ASSAULT", ["ISR"], ["SYR"]) in found
    top = coder.code("Iran refused to meet, talk or negotiate with Britain.")[0]
    assert (top["event"], *codes(top)) == ("REJECT", ["IRN"], ["GBR"])


def test_force_named_with_its_agent_hits_what_follows_not_the_speaker(coder):
    found = [(e["event"], *codes(e)) for e in
             coder.code("The Chilean government chided an attack by Spanish soldiers in southern Thailand.")]
    assert ("ASSAULT", ["ESP"], ["THA"]) in found and ("DISAPPROVE", ["CHL"], ["ESP"]) in found
    assert not any(target == ["CHL"] for _, _, target in found)
    found = [(e["event"], *codes(e)) for e in coder.code("Qatar condemned an attack by Israeli troops on Lebanon.")]
    assert ("ASSAULT", ["ISR"], ["LBN"]) in found


@pytest.mark.parametrize("text, pair", [
    ("Israeli troops sealed off the West Bank town of Nablus.", (["ISR"], ["PSE"])),
    ("German soldiers have cordoned off the roads leading into Poland.", (["DEU"], ["POL"])),
])
def test_armed_forces_sealing_off_a_place_coerce_its_country(coder, text, pair):
    top = coder.code(text)[0]
    assert top["event"] == "COERCE" and codes(top) == pair
    assert coder.code("Police sealed off the area around the French embassy.") == []


def test_an_ambassador_presenting_credentials_meets_the_host(coder):
    top = coder.code("The new Japanese ambassador presented his credentials to President Putin.")[0]
    assert (top["event"], *codes(top)) == ("CONSULT", ["JPN"], ["RUS"])


def test_anger_someone_else_owns_is_not_the_subjects(coder):
    text = ("Reuters - A Palestinian mortar bomb slammed into a house in a Jewish settlement in the "
            "Gaza Strip Friday, killing a woman and fueling settler anger over Prime Minister Ariel "
            "Sharon's plan to pull Israelis out of the area.")
    events = coder.code(text, title="Palestinian Attack Kills Woman in Gaza Settlement (Reuters)")
    assert events and not any(e["event"] == "DISAPPROVE" for e in events)
    assert coder.code("China jailed five over a plot against the US.") == []


def test_people_named_in_a_title_case_headline_are_found_word_by_word(coder):
    top = coder.code("Blair Meets Bush on Iraq")[0]
    assert (top["event"], *codes(top)) == ("CONSULT", ["GBR"], ["USA"])


@pytest.mark.parametrize("text", [
    "Israel Accelerates Settlement Drive As Sharon Pushes On With Gaza",  # goes on with a plan
    "Ailing Arafat Arrives in Paris for Medical Treatment",                # a journey, no visit
])
def test_headline_words_that_name_no_act_between_two_countries(coder, text):
    assert coder.code(text) == []



@pytest.mark.parametrize("title, pair", [("Putin in Brazil for space talks", (["RUS"], ["BRA"])),
                                         ("Chirac in Beijing to boost trade", (["FRA"], ["CHN"]))])
def test_a_headline_person_in_a_place_for_a_purpose_is_visiting_it(coder, title, pair):
    top = coder.code("He arrived on Monday. Talks began.", title=title)[0]
    assert (top["event"], top["mode"], *codes(top)) == ("CONSULT", "visit", *pair)
    assert coder.code("He arrived on Monday. Talks began.", title="Troops in Iraq for another year") == []


def test_a_headline_pair_in_talks_is_talking_to_each_other(coder):
    top = coder.code("Officials met on Monday. Nothing was agreed.", title="India and Russia in energy talks")[0]
    assert top["event"] == "CONSULT" and top["symmetric"] is True
    assert sorted(codes(top)[0] + codes(top)[1]) == ["IND", "RUS"]


@pytest.mark.parametrize("text, pair", [
    ("Powell and the Chinese FM discussed North Korea.", ["CHN", "USA"]),
    ("The French president discussed Iraq with the German chancellor.", ["DEU", "FRA"]),
])
def test_what_is_discussed_is_a_topic_not_a_side(coder, text, pair):
    top = coder.code(text)[0]
    assert top["event"] == "CONSULT" and sorted(codes(top)[0] + codes(top)[1]) == pair


def test_unnamed_people_met_in_a_place_speak_for_it_unless_it_is_an_international_venue(coder):
    top = coder.code("US diplomats met tribal leaders in Fallujah on Monday.")[0]
    assert (top["event"], *codes(top)) == ("CONSULT", ["USA"], ["IRQ"])
    assert coder.code("The French minister met officials in Geneva.") == []


def test_a_peace_mission_to_a_country_is_military_aid_to_it(coder):
    top = coder.code("Nigerian troops set off on an AU peace mission to Darfur")[0]
    assert (top["event"], *codes(top)) == ("AID", ["NGA"], ["SDN"])


def test_a_former_government_makes_background_only_of_what_it_did(coder):
    text = ("Venezuelan President Hugo Chavez's visit to Spain sparked uproar when Madrid backed his "
            "allegations that the former Spanish government supported a coup against him.")
    visit = next(e for e in coder.code(text) if e["event"] == "CONSULT")
    assert codes(visit) == (["VEN"], ["ESP"]) and visit["background"] is False
    old = coder.code("The previous Iraqi regime attacked Kuwait.")
    assert old and all(e["background"] for e in old)


def test_overtures_to_a_country_are_an_intent_to_cooperate(coder):
    top = coder.code("Russia has begun making overtures to Japan to end a territorial dispute.")[0]
    assert (top["event"], *codes(top)) == ("AGREE", ["RUS"], ["JPN"])


def test_chasing_a_foreign_vessel_out_of_ones_waters_coerces_its_state(coder):
    top = coder.code("Japanese destroyers chased a Chinese submarine out of Japan's waters.")[0]
    assert (top["event"], *codes(top)) == ("COERCE", ["JPN"], ["CHN"])


def test_a_demonym_before_a_qualified_place_is_where_it_happened(coder):
    top = coder.code("A Chinese submarine intruded into Japanese territorial waters on Monday.")[0]
    assert codes(top) == (["CHN"], ["JPN"]) and top["confidence"] >= 0.5


def test_a_country_whose_goods_are_taxed_is_the_target(coder):
    top = coder.code("China imposed tariffs on US goods.")[0]
    assert (top["event"], *codes(top)) == ("SANCTION", ["CHN"], ["USA"])


def test_a_passives_agent_is_the_phrase_by_opens_not_a_country_further_on(coder):
    text = ("Israeli military police on Tuesday arrested a commander accused by comrades of riddling "
            "the body of a Palestinian schoolgirl with bullets.")
    assert not any(codes(e)[0] == ["PSE"] for e in coder.code(text))
    top = coder.code("The US embassy was attacked by a group of Syrian protesters.")[0]
    assert codes(top) == (["SYR"], ["USA"])


@pytest.mark.parametrize("text, pair", [("Pakistan said India was behind the bombing.", (["PAK"], ["IND"])),
                                        ("Russia says Georgia was behind the attacks in Abkhazia.", (["RUS"], ["GEO"]))])
def test_saying_a_country_was_behind_violence_blames_it(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("DISAPPROVE", *pair)


def test_judging_a_country_a_threat_is_disapproval_unless_negated_inside_the_pattern(coder):
    top = coder.code("Tokyo sees Beijing as a threat to regional security.")[0]
    assert (top["event"], *codes(top)) == ("DISAPPROVE", ["JPN"], ["CHN"])
    assert coder.code("India sees no threat from China.") == []


@pytest.mark.parametrize("text", ["Russia cut gas supplies to Ukraine.", "Russia halted gas deliveries to Ukraine."])
def test_cutting_supplies_to_a_country_sanctions_it(coder, text):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("SANCTION", ["RUS"], ["UKR"])


def test_an_official_in_a_foreign_place_for_talks_is_visiting_it(coder):
    top = coder.code("A Russian delegation is in Tehran for nuclear talks.")[0]
    assert (top["event"], *codes(top)) == ("CONSULT", ["RUS"], ["IRN"])
    assert coder.code("US troops are in Iraq to stay.") == []
    assert coder.code("The Indian foreign secretary is in Islamabad.") == []


def test_a_headline_pair_to_meet_is_a_plan(coder):
    top = coder.code("Bush, Putin to meet in Chile")[0]
    assert top["planned"] is True and top["event"] == "CONSULT"


@pytest.mark.parametrize("text, pair", [
    ("Putin said during his meeting with Iraqi Prime Minister Eyad Allawi that the vote was premature.",
     (["RUS"], ["IRQ"])),
    ("Bush flew home after his talks with Chinese President Hu Jintao.", (["USA"], ["CHN"]))])
def test_the_subjects_own_talks_framing_the_sentence_took_place(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("CONSULT", *pair)
    # a deed of others named in passing stays a reference
    assert coder.code("Two suspects in the Lockerbie bombing were tried in the Netherlands.") == []


def test_a_threat_is_aimed_at_whoever_its_condition_asks_to_act(coder):
    text = ("An armed group in Iraq had on Tuesday threatened to behead Shosei Koda, 24, within "
            "48 hours unless Japan pulled its troops out of Iraq.")
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("THREATEN", ["IRQ"], ["JPN"])


@pytest.mark.parametrize("text", [
    "At least three bombs exploded near a US convoy in western Baghdad on Thursday, killing 37 people.",
    "A car bomb exploded near a US patrol in Baghdad, killing seven people."])
def test_force_used_at_a_states_patrol_or_convoy_hits_the_state(coder, text):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("ASSAULT", ["IRQ"], ["USA"])
    # the state whose forces are hit is no place of the act: a plain place stays one
    assert coder.code("A car bomb exploded near a market in Baghdad, killing seven people.") == []


@pytest.mark.parametrize("text, pair", [
    ("Hezbollah sent an unmanned reconnaissance plane over Israeli airspace Sunday.", (["LBN"], ["ISR"])),
    ("Two Russian jets flew into Georgian airspace.", (["RUS"], ["GEO"]))])
def test_flying_into_or_over_a_states_airspace_is_an_incursion(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("COERCE", *pair)


@pytest.mark.parametrize("text, event, pair", [
    ("Sudan received weapons from China.", "AID", (["CHN"], ["SDN"])),
    ("Britain won the backing of Washington to host a conference.", "SUPPORT", (["USA"], ["GBR"])),
    ("Britain received a green light from Washington to host a conference on Middle East peace.",
     "SUPPORT", (["USA"], ["GBR"])),
    ("Washington gave Britain the green light to host a conference.", "SUPPORT", (["USA"], ["GBR"]))])
def test_what_is_received_is_given_by_the_other_side(coder, text, event, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == (event, *pair)


def test_threatening_to_turn_someone_over_is_a_threat_turning_into_something_is_not(coder):
    text = ("BAGHDAD, Iraq -- The kidnappers of aid worker Margaret Hassan threatened to turn her over to an "
            "al-Qaida affiliated group within 48 hours if the British government refuses to pull its "
            "troops from Iraq, Al-Jazeera television reported Tuesday.")
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("THREATEN", ["IRQ"], ["GBR"])
    assert coder.code("The dispute between Iran and the US threatens to turn into a crisis.") == []


@pytest.mark.parametrize("text, event", [
    ("The British foreign secretary heads to Baghdad for talks.", "CONSULT"),
    ("A delegation from Britain heads to Baghdad for talks.", "CONSULT"),
    ("The Indian foreign minister will go to Islamabad for talks next week.", "CONSULT")])
def test_a_trip_for_talks_is_a_visit_and_heads_there_is_a_verb(coder, text, event):
    top = coder.code(text)[0]
    assert top["event"] == event and top["target"][0]["code"] in ("IRQ", "PAK") and \
        top["source"][0]["code"] in ("GBR", "IND")


@pytest.mark.parametrize("text", [
    "The EU embargo on arms exports to China is likely to be lifted in the next six months, Jack Straw has said.",
    "The US embargo on Cuba was eased."])
def test_a_standing_measure_that_is_being_ended_is_no_new_measure(coder, text):
    assert not any(e["event"] == "SANCTION" for e in coder.code(text))


@pytest.mark.parametrize("text", [
    "But the prime minister pointed out that until now the US had allowed Britain, France and Germany to take the lead.",
    "Until recently, Russia had refused to talk to Georgia."])
def test_what_held_until_now_is_background(coder, text):
    events = coder.code(text)
    assert events and all(e["background"] for e in events)


def test_a_list_spelling_out_one_side_of_talks_is_no_pair(coder):
    text = ("The agreements with Iran were sealed after talks in New Delhi between Middle East producers "
            "and Asia's biggest energy consumers - China, India, Japan and South Korea.")
    assert not any(e["event"] == "CONSULT" for e in coder.code(text))
    top = coder.code("The two rivals - India and Pakistan - held talks.")[0]
    assert top["event"] == "CONSULT" and sorted(codes(top)[0] + codes(top)[1]) == ["IND", "PAK"]


def test_what_a_complaint_is_about_further_on_is_its_topic(coder):
    text = ("The US filed a complaint against Brussels with the WTO over state aid to Airbus, prompting a "
            "retaliatory EU complaint over US support for Boeing.")
    found = [(e["event"], *codes(e)) for e in coder.code(text)]
    assert ("DISAPPROVE", ["USA"], ["EU"]) in found
    assert not any(event == "AID" for event, _, _ in found)


@pytest.mark.parametrize("text", ["Blair vowed to put Africa first during his time at the helm of the G8.",
                                  "Mr Blair has vowed to put Africa at the top of his agenda during his time at the helm of the G8."])
def test_an_actor_in_a_during_phrase_after_the_act_is_when_not_whom(coder, text):
    assert coder.code(text) == []


def test_the_dead_do_not_visit_and_where_a_traveller_came_from_is_no_host(coder):
    text = ("The body of late Palestinian President Yasser Arafat has arrived in Cairo from Paris for a "
            "military funeral which presidents and other dignitaries from around the world are due to attend.")
    assert coder.code(text) == []
    top = coder.code("Putin arrived in Cairo from Paris on Monday.")[0]
    assert top["event"] == "CONSULT" and codes(top) == (["RUS"], ["EGY"])


def test_a_timelines_dated_entry_is_background(coder):
    events = coder.code("1979: The Soviet Union sends troops into Afghanistan to support a pro-Moscow regime.",
                        title="Timeline of past 25 years in Afghanistan")
    assert events and all(e["background"] for e in events)


@pytest.mark.parametrize("text, planned", [
    ("Poland's defense minister has announced plans to cut his country's forces in Iraq by almost one third next year.", True),
    ("The US cut its troops in South Korea.", False)])
def test_a_troop_cut_is_a_withdrawal_from_where_they_serve(coder, text, planned):
    top = coder.code(text)[0]
    assert top["planned"] is planned and top["event"] == ("AGREE" if planned else "RETREAT")
    assert [a["code"] for a in top["target"]] in (["IRQ"], ["KOR"])
    assert coder.code("Britain plans to cut its armed forces.") == []


@pytest.mark.parametrize("text, pair", [
    ("Thousands of demonstrators in Dili demanded independence from Indonesia.", (["TLS"], ["IDN"])),
    ("Protesters in Seoul demanded the withdrawal of US troops.", (["KOR"], ["USA"]))])
def test_a_demand_made_in_the_street_is_a_protest(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("PROTEST", *pair)
    assert coder.code("Iran demanded that Britain release the sailors.")[0]["event"] == "DEMAND"


@pytest.mark.parametrize("text, pair", [
    ("France defended itself Friday against accusations by Ivory Coast authorities that it used excessive force.",
     (["FRA"], ["CIV"])),
    ("Blair defended himself against criticism from Washington.", (["GBR"], ["USA"]))])
def test_defending_oneself_against_a_charge_rejects_the_accuser(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("REJECT", *pair)


@pytest.mark.parametrize("text", [
    "China and Singapore on Monday urged the international community to help calm Beijing's dispute with Taiwan.",
    "China urged the world to help Sudan.",
    # however the unnamed party is described
    "Prime Minister Tony Blair tried to bridge the trans-Atlantic rift over Iraq, urging a "
    '"fractured, divided and uncertain" world to unite in the wake of President Bush\'s election victory.'])
def test_urging_a_party_no_country_names_is_no_demand_of_a_country_in_the_act(coder, text):
    assert coder.code(text) == []
    top = coder.code("China urged Sudan to accept peacekeepers.")[0]
    assert (top["event"], *codes(top)) == ("DEMAND", ["CHN"], ["SDN"])


def test_a_dateline_with_the_month_spelled_out_is_no_actor(coder):
    from transforms.coder.sentences import dateline_length
    text = ("LONDON, August 23 (New Ratings) - ARM Holdings (ARM.ETR) has agreed to buy Artisan Components Inc "
            "(ARTI), a US-based provider of integrated circuit designing solutions, for about $913 million.")
    assert dateline_length(text) == len("LONDON, August 23 (New Ratings) - ")
    assert coder.code(text) == []


def test_from_before_a_gerund_opens_a_clause_not_a_party(coder):
    text = ("Argentina recognized China as a market economy on Thursday, granting the Asian country a status it "
            "has been seeking worldwide to keep countries from imposing penalties on the dumping of Chinese exports.")
    assert [e["event"] for e in coder.code(text)] == ["SUPPORT"]
    top = coder.code("Iran sought assurances from France.")[0]
    assert (top["event"], *codes(top)) == ("DEMAND", ["IRN"], ["FRA"])


@pytest.mark.parametrize("text", [
    "The World Trade Organization held off Wednesday on approving stiff sanctions on US exports.",
    "The EU held off on imposing sanctions on Iran.",
    "The EU put off imposing sanctions on Iran.",
])
def test_an_act_held_off_or_put_off_is_not_done(coder, text):
    assert [e for e in coder.code(text) if e["event"] == "SANCTION"] == []


@pytest.mark.parametrize("text", [
    "At the UN, Bush defended his decision to invade Iraq.",
    "Bush defended his decision to invade Iraq at the UN.",
    "China justified its policy on Taiwan at the summit.",
])
def test_defending_ones_own_decision_backs_no_other_party(coder, text):
    assert [e for e in coder.code(text) if e["event"] == "SUPPORT"] == []


def test_a_venue_opening_the_sentence_is_where_not_whom(coder):
    top = coder.code("At the UN, Britain criticised Iran over its nuclear programme.")[0]
    assert (top["event"], *codes(top)) == ("DISAPPROVE", ["GBR"], ["IRN"])
    assert all("UN" not in codes(e)[0] + codes(e)[1] for e in coder.code("At the UN, Bush defended his policy."))


@pytest.mark.parametrize("text", [
    "Russia denied supplying weapons to Iran.",
    "Syria denied helping insurgents in Iraq.",
    "An artist critical of Welsh arts funding has denied comparing the idea with dictatorships in Russia "
    "and Germany.",
])
def test_denying_ones_own_act_rejects_no_one(coder, text):
    assert coder.code(text) == []
    # a denial of what another party said rejects that party
    top = coder.code("Iran denied US claims that it is building a bomb.")[0]
    assert (top["event"], *codes(top)) == ("REJECT", ["IRN"], ["USA"])


def test_a_participle_of_owning_after_its_noun_describes_it(coder):
    text = ("A conflict between the Argentine State and water firm Aguas Argentinas, controlled by France's "
            "Suez, is casting doubt on the firm's future.")
    assert [e for e in coder.code(text) if {"FRA", "ARG"} <= set(codes(e)[0] + codes(e)[1])] == []


@pytest.mark.parametrize("text, pair", [
    ("President Jacques Chirac ordered the destruction of the Ivory Coast's air force.", (["FRA"], ["CIV"])),
    ("Bush ordered the bombing of Iraqi air defences.", (["USA"], ["IRQ"]))])
def test_force_ordered_on_a_party_is_force_not_a_demand_of_it(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("ASSAULT", *pair)
    # ordering a party to act is a demand of it
    top = coder.code("Chirac ordered Ivory Coast to withdraw its troops.")[0]
    assert (top["event"], *codes(top)) == ("DEMAND", ["FRA"], ["CIV"])


@pytest.mark.parametrize("text, pair", [
    ("Britain said it will start talks with Iran next month.", (["GBR"], ["IRN"])),
    # a plan dated ahead is no background
    ("The EU has also announced that it will start accession talks with Croatia in April 2005.", (["EU"], ["HRV"])),
])
def test_talks_a_speaker_says_it_will_start_are_its_plan(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top), top["background"], top["planned"]) == ("CONSULT", *pair, False, True)


def test_a_country_inside_the_act_asked_for_is_not_the_party_asked(coder):
    events = coder.code('Tony Blair is urging European leaders to wake up from their "state of denial" over '
                        "President Bush's re-election.", title="End Bush 'denial' Blair tells EU")
    assert [e for e in events if e["event"] == "DEMAND" and codes(e)[1] == ["USA"]] == []


@pytest.mark.parametrize("text, pair", [
    ("Russian President Vladimir Putin said he was keen to visit Japan.", (["RUS"], ["JPN"])),
    ("Russian President Vladimir Putin said he would be happy to meet Koizumi.", (["RUS"], ["JPN"]))])
def test_a_speaker_keen_or_happy_to_meet_intends_to(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top), top["planned"]) == ("CONSULT", *pair, True)


@pytest.mark.parametrize("text, pair", [
    ("US authorities said yesterday that removing the sanctions on Burma is currently out of the question.",
     (["USA"], ["MMR"])),
    ("Iran said talks with the United States were out of the question.", (["IRN"], ["USA"]))])
def test_what_a_speaker_calls_out_of_the_question_it_rejects(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("REJECT", *pair)


def test_a_participle_after_its_noun_taken_for_the_main_verb_is_passive(coder):
    # the parse makes "injured" the root and "have required" its dependent: the troops were hurt
    events = coder.code("US troops injured in Iraq have required limb amputations at twice the rate of past wars.")
    assert [(e["event"], *codes(e)) for e in events] == [("ASSAULT", ["IRQ"], ["USA"])]
    # a verb joined by "and" is no main verb: the troops attacked
    top = coder.code("US troops attacked in Fallujah on Monday and killed 20 insurgents.")[0]
    assert codes(top) == (["USA"], ["IRQ"])


@pytest.mark.parametrize("text, expected", [
    ("The US imposed new UN sanctions on Sudan.", ("SANCTION", ["USA"], ["SDN"])),
    ("Britain called for tougher sanctions on Sudan.", ("DISAPPROVE", ["GBR"], ["SDN"])),
    ("The US is seeking a UN arms embargo on Sudan.", ("DISAPPROVE", ["USA"], ["SDN"]))])
def test_a_penalty_falls_on_the_party_after_on_not_the_name_inside_it(coder, text, expected):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == expected


def test_an_attack_thwarted_or_foiled_did_not_happen(coder):
    events = coder.code("Pakistani police thwarted an Al-Qaeda attack on the US consulate in Karachi.")
    assert [e for e in events if e["event"] == "ASSAULT"] == []


def test_a_participle_of_intent_after_its_noun_describes_it(coder):
    # "attacks planned by Iraqi insurgents" is no plan of Iraq's to cooperate with anyone
    events = coder.code("Jordanian security forces thwarted attacks planned by Iraqi insurgents.")
    assert [e for e in events if e["event"] == "AGREE"] == []


@pytest.mark.parametrize("text, expected", [
    ("Blair's remarks drew criticism from France.", (["FRA"], ["GBR"])),
    ("The British plan has drawn sharp criticism from France and Germany.", (["FRA", "DEU"], ["GBR"]))])
def test_criticism_an_act_drew_from_a_party_is_that_partys(coder, text, expected):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("DISAPPROVE", *expected)


@pytest.mark.parametrize("text", [
    "The European Union and Turkey inched toward a historic agreement on starting membership talks on Friday.",
    "Israel and Syria are close to a deal on the Golan."])
def test_an_agreement_approached_is_not_yet_reached(coder, text):
    assert [e for e in coder.code(text) if e["event"] == "AGREE"] == []
    reached = coder.code("Israel and Syria reached a deal on the Golan.")[0]
    assert reached["event"] == "AGREE"


def test_a_judgement_of_a_thing_owned_by_a_pronoun_does_not_judge_a_country_inside_it(coder):
    text = ("Prime Minister Manmohan Singh has responded to the Left's criticism of his congratulatory call "
            "to US President George W. Bush by saying India must recognise international realities.")
    assert [e for e in coder.code(text) if e["event"] == "DISAPPROVE"] == []
    top = coder.code("Iran voiced sharp criticism of Israel's policy in Gaza.")[0]
    assert (top["event"], *codes(top)) == ("DISAPPROVE", ["IRN"], ["ISR"])


def test_criticism_an_act_prompted_from_no_one_named_is_no_ones(coder):
    text = ("British Home Secretary David Blunkett spoke on Monday. Mr Blunkett's own comments on immigration "
            "had prompted censure - he told refugees from Afghanistan and Kosovo to get back home.")
    assert [e for e in coder.code(text) if e["event"] == "DISAPPROVE"] == []


@pytest.mark.parametrize("text, expected", [
    ("US forces battle insurgents near Ramadi.", (["USA"], ["IRQ"])),
    # the place's own forces fight beside the foreign ones: the unnamed men fought are still its
    ("Afghan and US troops battle militants near Kandahar.", (["USA"], ["AFG"]))])
def test_unnamed_armed_men_battled_are_of_the_place(coder, text, expected):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("ASSAULT", *expected)
    assert top["target"][0]["sector"] == "REB"


def test_a_person_named_by_what_they_are_is_an_actor_of_their_nationality(coder):
    # "a Turkish hostage" is a Turk (not a weak demonym before any noun): the event alerts
    top = coder.code("A Turkish hostage was beheaded in Iraq, a website said.")[0]
    assert (top["event"], *codes(top)) == ("ASSAULT", ["IRQ"], ["TUR"])
    assert top["confidence"] >= 0.5


def test_a_past_form_hanging_on_its_noun_is_a_passive_participle(coder):
    events = coder.code("A militant group is threatening to kill two UN hostages kidnapped in Afghanistan.")
    assert [codes(e) for e in events if e["event"] == "ASSAULT"] == [(["AFG"], ["UN"])]


def test_people_held_hostage_in_a_place_are_held_by_its_captors_not_of_it(coder):
    top = coder.code("Three Indian truck drivers held hostage in Iraq arrive back in Delhi.")[0]
    assert (top["event"], *codes(top)) == ("ASSAULT", ["IRQ"], ["IND"])
    assert top["confidence"] >= 0.5


@pytest.mark.parametrize("text, expected", [
    # the one asked to act is the subject of the clause demanded
    ("Kidnappers in Iraq demanded that France repeal its headscarf law.", (["IRQ"], ["FRA"])),
    # the kidnappers "of" hostages are not of the hostages' country
    ("BAGHDAD, Iraq - The captors of a Japanese hostage demanded that Japan withdraw its troops.",
     (["IRQ"], ["JPN"]))])
def test_a_demand_that_a_party_act_asks_the_clauses_subject(coder, text, expected):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("DEMAND", *expected)


def test_an_official_quoted_in_the_lede_from_a_foreign_dateline_is_visiting(coder):
    text = ("KABUL, Afghanistan (Reuters) - Indian Foreign Minister Natwar Singh said on Monday that "
            "trade would double within two years.")
    top = coder.code(text, title="India sees trade growth")[0]
    assert (top["event"], top["mode"], *codes(top)) == ("CONSULT", "visit", ["IND"], ["AFG"])
    # where reporters are based, a dateline tells no visit; nor does a later sentence's speaker
    assert coder.code("WASHINGTON (Reuters) - Indian Foreign Minister Natwar Singh said on Monday that "
                      "trade would double within two years.") == []
    assert coder.code("KABUL, Afghanistan (Reuters) - Trade is growing. Indian Foreign Minister Natwar "
                      "Singh said on Monday that it would double within two years.") == []


def test_one_named_persons_attack_on_another_is_words(coder):
    top = coder.code("Chirac attacked Blair over Iraq.")[0]
    assert (top["event"], *codes(top)) == ("DISAPPROVE", ["FRA"], ["GBR"])
    # the person attacked is of the speaker's own country: the topic after "on" is no target
    assert coder.code("Kerry attacked Bush on Iraq.") == []
    top = coder.code("Insurgents attacked US troops in Baqouba.")[0]
    assert (top["event"], *codes(top)) == ("ASSAULT", ["IRQ"], ["USA"])


@pytest.mark.parametrize("text, expected", [
    ("Iraqis pleaded with the United States to let them return.", (["IRQ"], ["USA"])),
    ("Israel begged Egypt to stop the smuggling.", (["ISR"], ["EGY"]))])
def test_an_appeal_that_begs_asks_its_party_to_act(coder, text, expected):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("DEMAND", *expected)


def test_a_speakers_own_agents_act_for_the_speaker(coder):
    top = coder.code("The Israeli army said its soldiers killed a Palestinian gunman in Gaza.")[0]
    assert (top["event"], *codes(top)) == ("ASSAULT", ["ISR"], ["PSE"])
    # troops the speaker does not own are not the speaker's
    assert coder.code("Palestinian witnesses said troops opened fire on a crowd in Rafah.") == []


def test_a_fronted_participle_takes_the_main_clauses_subject(coder):
    # "After meeting Sharon, Bush said ...": Bush met Sharon; the clause after the comma is the
    # main clause, not an attribution
    top = coder.code("After meeting Sharon, Bush said Israel must freeze settlements.")[0]
    assert (top["event"], *codes(top)) == ("CONSULT", ["USA"], ["ISR"])
    events = coder.code("Before visiting Egypt, President Bush met Jordan's King Abdullah.")
    assert {(e["event"], *map(tuple, codes(e))) for e in events} == {
        ("CONSULT", ("USA",), ("EGY",)), ("CONSULT", ("USA",), ("JOR",))}


def test_settling_a_dispute_is_with_each_other_and_fighting_a_thing_is_not(coder):
    top = coder.code("Russia and China resolved their border dispute.")[0]
    assert (top["event"], *codes(top)) == ("AGREE", ["RUS"], ["CHN"])
    assert coder.code("Britain and France resolved to fight terrorism.") == []
    for text in ("Armenia and Azerbaijan fought a war over Nagorno-Karabakh.",
                 "Insurgents and American forces clashed briefly near the Iraqi city of Ramadi."):
        assert coder.code(text)[0]["event"] == "ASSAULT"


def test_a_speaker_attending_or_holding_talks_is_their_subject(coder):
    top = coder.code("North Korea said it would not attend talks with the United States.")[0]
    assert (top["event"], *codes(top)) == ("REJECT", ["PRK"], ["USA"])
    top = coder.code("Japan said it would hold talks with China next week.")[0]
    assert (top["event"], *codes(top)) == ("CONSULT", ["JPN"], ["CHN"])


def test_a_fronted_during_phrase_holds_no_subject_of_the_main_clause(coder):
    events = coder.code("During his visit to Moscow, Schroeder praised Putin.")
    assert {(e["event"], *map(tuple, codes(e))) for e in events} == {
        ("CONSULT", ("DEU",), ("RUS",)), ("SUPPORT", ("DEU",), ("RUS",))}
    top = coder.code("During a visit to Moscow, German Chancellor Gerhard Schroeder praised "
                     "Russian President Vladimir Putin.")[0]
    assert (top["event"], *codes(top)) == ("SUPPORT", ["DEU"], ["RUS"])


def test_an_official_whose_headline_ends_in_a_foreign_place_is_visiting_it(coder):
    top = coder.code("", title="Indian Minister Tours Flood Camps in Bangladesh (Reuters)")[0]
    assert (top["event"], top["mode"], *codes(top)) == ("CONSULT", "visit", ["IND"], ["BGD"])
    # not a journalist, nor troops
    assert coder.code("", title="Australian Journalist Tells of Capture in Iraq") == []


@pytest.mark.parametrize("text", ["Arafat's body arrived in Cairo from Paris on Thursday.",
                                  "Arafat's coffin was flown to Cairo."])
def test_the_dead_do_not_act_whichever_way_their_remains_are_named(coder, text):
    assert coder.code(text) == []


@pytest.mark.parametrize("text", [
    "Jordan jailed an Islamist militant for financing attacks in Iraq.",
    "Bobby Fischer is wanted in the United States for defying sanctions on Yugoslavia."])
def test_a_deed_named_as_a_reason_is_not_reported_and_its_place_is_its_own(coder, text):
    assert coder.code(text) == []


def test_an_envoy_summoned_to_a_ministry_is_summoned_by_its_state(coder):
    top = coder.code("The Chinese ambassador was summoned to the Japanese foreign ministry.")[0]
    assert (top["event"], *codes(top)) == ("DISAPPROVE", ["JPN"], ["CHN"])


@pytest.mark.parametrize("text", [
    "Putin warned the West not to interfere in Ukraine.",
    "Putin warned the West against interfering in Ukraine.",
    "The US pressed Europe to keep its arms embargo on China."])
def test_a_party_warned_or_pressed_that_no_country_names_leaves_the_act_untargeted(coder, text):
    assert coder.code(text) == []


def test_a_country_warned_or_pressed_is_the_target(coder):
    top = coder.code("Putin warned the United States not to interfere in Ukraine.")[0]
    assert (top["event"], *codes(top)) == ("DISAPPROVE", ["RUS"], ["USA"])


@pytest.mark.parametrize("text", [
    "BAGHDAD, Iraq - A car bomb exploded near a US patrol, killing two soldiers.",
    "BAGHDAD, Iraq - Two US soldiers died in a roadside bombing.",
    "Mortar shells hit a US base in Baghdad."])
def test_weapons_with_no_owner_named_are_unnamed_attackers_of_the_place(coder, text):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("ASSAULT", ["IRQ"], ["USA"])


def test_a_trip_to_a_country_is_a_visit(coder):
    top = coder.code("Indonesia's new president made his first foreign trip to Malaysia.")[0]
    assert (top["event"], top["mode"], *codes(top)) == ("CONSULT", "visit", ["IDN"], ["MYS"])


@pytest.mark.parametrize("text, pair", [
    ("Gunmen killed two Polish soldiers near Hilla on Sunday.", ["IRQ", "POL"]),
    ("Insurgents ambushed a US patrol in Haditha.", ["IRQ", "USA"]),
    ("Militants fired rockets at Japanese troops near Samawah.", ["IRQ", "JPN"])])
def test_the_towns_of_the_iraq_war_say_whose_unnamed_attackers_act_there(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("ASSAULT", pair[:1], pair[1:])


def test_a_place_in_the_deed_a_sentence_is_for_is_not_the_sentencing_state(coder):
    # "for torturing detainees in Mosul" says where the deed was, not who sentenced him
    assert coder.code("A US soldier has been sentenced to eight months in prison for torturing "
                      "detainees in Mosul.") == []


@pytest.mark.parametrize("text, pair", [
    ("A US base in Baghdad was hit by rocket fire.", ["IRQ", "USA"]),
    ("Mortar rounds struck the British embassy in Baghdad.", ["IRQ", "GBR"])])
def test_what_a_weapon_sends_is_a_weapon_of_unnamed_attackers_of_the_place(coder, text, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("ASSAULT", pair[:1], pair[1:])


@pytest.mark.parametrize("text, expected", [
    ("Peru and Chile traded barbs over the maritime border.", ("DISAPPROVE", ["PER"], ["CHL"])),
    ("Ethiopia and Eritrea traded accusations over the border.", ("DISAPPROVE", ["ETH"], ["ERI"])),
    ("Rice and Powell clashed with Syria over Iraq.", ("DISAPPROVE", ["USA"], ["SYR"]))])
def test_words_thrown_both_ways_and_clashes_of_named_people_are_disapproval(coder, text, expected):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == expected


def test_what_two_of_one_side_argue_over_is_no_party(coder):
    assert coder.code("Kerry and Bush traded barbs over Iraq.") == []


@pytest.mark.parametrize("text", ["Libya renewed diplomatic ties with Britain.",
                                  "Libya re-established diplomatic relations with Britain."])
def test_ties_renewed_are_ties_restored(coder, text):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("SUPPORT", ["LBY"], ["GBR"])


@pytest.mark.parametrize("text, expected", [
    ("Russia berated Georgia on Monday.", ("DISAPPROVE", ["RUS"], ["GEO"])),
    ("Israeli troops besieged Jenin.", ("COERCE", ["ISR"], ["PSE"])),
    ("The EU penalised Poland.", ("SANCTION", ["EU"], ["POL"]))])
def test_rare_verbs_the_parse_misreads_are_patterns(coder, text, expected):
    # the parse takes "berated" between two names for an adjective
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Thailand ordered the arrest of two Malaysian clerics.", ("COERCE", ["THA"], ["MYS"])),
    ("Spain's new government ordered its troops home from Iraq.", ("RETREAT", ["ESP"], ["IRQ"])),
    ("Bush ordered the withdrawal of 12,000 troops from South Korea.", ("RETREAT", ["USA"], ["KOR"])),
    ("Bush ordered the closure of the Syrian embassy.", ("SANCTION", ["USA"], ["SYR"]))])
def test_an_act_a_state_orders_is_its_own_act_not_a_demand(coder, text, expected):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Indian and Pakistani troops exchanged fire across the border.", ("ASSAULT", ["IND"], ["PAK"])),
    ("Israeli troops exchanged fire with Palestinian gunmen in Rafah.", ("ASSAULT", ["ISR"], ["PSE"]))])
def test_fire_exchanged_is_force_both_ways(coder, text, expected):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == expected


@pytest.mark.parametrize("text, title", [
    ("India and Pakistan began peace talks on Monday.", ""),
    ("NEW DELHI - The two countries resumed contacts on Monday.", "India, Pakistan Begin Peace Talks")])
def test_talks_begun_are_talks_held_and_a_headlines_verb_is_no_surname(coder, text, title):
    # "Begin" in a title-case headline is the verb, not Israel's Benny Begin
    top = coder.code(text, title=title)[0]
    assert (top["event"], *codes(top)) == ("CONSULT", ["IND"], ["PAK"])


def test_every_trigger_verb_has_the_forms_lemminflect_gives_it():
    # the coder's own table of irregular verbs, checked against the library (whose tables are not
    # loaded at run time: they cost some 18 MB in every coder process)
    import re

    from lemminflect import getAllInflections

    from transforms.coder.dictionaries import load_triggers
    from transforms.coder.triggers import verb_forms
    verbs = {v.lower() for e in load_triggers() for v in re.findall(r"\{([a-zA-Z-]+)\}", e.pattern)}
    missing = {v: sorted({forms[0].lower() for forms in getAllInflections(v, upos="VERB").values()}
                         - verb_forms(v)) for v in verbs}
    assert {v: m for v, m in missing.items() if m} == {}


def test_heading_to_a_country_is_a_visit(coder):
    top = coder.code("Jack Straw headed to Tehran on Tuesday.")[0]
    assert (top["event"], top["mode"], *codes(top)) == ("CONSULT", "visit", ["GBR"], ["IRN"])


@pytest.mark.parametrize("text", [
    "France condemned the attack on the US embassy in Kabul.",
    "France, Germany and Italy condemned the attack on Iraq.",
    "The UN condemned the invasion of Kuwait.",
    "Britain denounced Monday's bombing of the Iraqi embassy."])
def test_an_act_that_a_speaker_condemns_is_not_the_speakers_own(coder, text):
    # the noun after a verb of words is someone else's act: the speaker attacked no one
    events = coder.code(text)
    assert events and all(e["event"] != "ASSAULT" for e in events), events


@pytest.mark.parametrize("text", ["Egypt condemned the Israeli raid on Gaza.", "Egypt condemned Israel's raid on Gaza."])
def test_an_act_condemned_keeps_its_named_owner(coder, text):
    assert ("ASSAULT", ["ISR"], ["PSE"]) in [(e["event"], *codes(e)) for e in coder.code(text)]


def test_a_partys_act_welcomed_is_approval_not_a_guest_received(coder):
    events = coder.code("The United States welcomed on Friday a Sudanese official's announcement to accept "
                        "a larger African Union mission in Darfur.")
    assert [(e["event"], *codes(e)) for e in events] == [("SUPPORT", ["USA"], ["SDN"])]
    top = coder.code("Putin welcomed Chirac to Moscow.")[0]  # a guest still is one
    assert (top["event"], top["mode"], *codes(top)) == ("CONSULT", "host", ["RUS"], ["FRA"])


def test_a_vessel_impounded_is_seized(coder):
    top = coder.code("A Taiwanese squid trawler was impounded by a British fisheries patrol vessel.")[0]
    assert (top["event"], top["mode"], *codes(top)) == ("COERCE", "seize", ["GBR"], ["TWN"])


@pytest.mark.parametrize("text", [
    "The law took effect amid demands by Islamic radicals holding two French hostages in Iraq that it be scrapped.",
    "An unknown militant group holding Iraqi-British hostage Margaret Hassan in Iraq has threatened to kill her."])
def test_unnamed_armed_men_holding_hostages_act_where_they_hold_them(coder, text):
    # (a participle inside a demand's "by" phrase is the agent's own act, not what is demanded)
    held = [(e["event"], e["mode"], *codes(e)) for e in coder.code(text) if e["event"] == "ASSAULT"]
    assert held and held[0][2] == ["IRQ"] and held[0][3] in (["FRA"], ["GBR"]), held


def test_deaths_of_named_victims_in_a_place_are_an_attack_by_unnamed_men_there(coder):
    top = coder.code("Protesters in Kathmandu were angry after learning of the deaths of 12 Nepalese hostages in Iraq.")[0]
    assert (top["event"], *codes(top)) == ("ASSAULT", ["IRQ"], ["NPL"])
    # a death with no violent victim named may be an accident's
    assert coder.code("The death of a British tourist in a car crash in Spain shocked his family.") == []


@pytest.mark.parametrize("text", ["U.S. Marines brought relief supplies to Sri Lanka.",
                                  "Indian sailors carried food and medicine to the Maldives."])
def test_relief_brought_or_carried_is_aid(coder, text):
    top = coder.code(text)[0]
    assert top["event"] == "AID" and codes(top)[1] in (["LKA"], ["MDV"]), top


@pytest.mark.parametrize("text", ["Powell said Khartoum bore responsibility for the killings.",
                                  "Israel said Syria was responsible for the attack."])
def test_a_speaker_laying_blame_disapproves(coder, text):
    top = coder.code(text)[0]
    assert top["event"] == "DISAPPROVE" and codes(top) in ((["USA"], ["SDN"]), (["ISR"], ["SYR"])), top


def test_a_duty_is_no_blame(coder):
    assert coder.code("Israel said the Iraqi police were responsible for security in Basra.") == []


@pytest.mark.parametrize("text", ["Thai authorities began trucking hundreds of illegal Burmese workers back into Myanmar.",
                                  "Britain flew 40 Afghan refugees back to Kabul."])
def test_migrants_sent_back_are_deported(coder, text):
    top = coder.code(text)[0]
    assert (top["event"], top["mode"]) == ("COERCE", "deport") and codes(top)[1] in (["MMR"], ["AFG"]), top


def test_a_congratulatory_or_telephone_call_to_a_leader_is_a_phone_contact(coder):
    top = coder.code("Indian Prime Minister Manmohan Singh made a congratulatory call to US President George W. Bush.")[0]
    assert (top["event"], top["mode"], *codes(top)) == ("CONSULT", "phone", ["IND"], ["USA"])


def test_a_dateline_with_a_hyphenated_country_is_no_actor(coder):
    top = coder.code("SARAJEVO, Bosnia-Herzegovina (AP) - Serbian President Boris Tadic arrived in Sarajevo on "
                     "Monday for talks with the presidency.")[0]
    assert (top["event"], top["mode"], *codes(top)) == ("CONSULT", "visit", ["SRB"], ["BIH"])


@pytest.mark.parametrize("text", ["MANILA, Philippines Japanese diplomats met Chinese officials on Monday.",
                                  "NEW YORK Japanese diplomats met Chinese officials on Monday."])
def test_a_dateline_without_a_dash_is_no_actor(coder, text):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == ("CONSULT", ["JPN"], ["CHN"])


def test_a_capitalised_first_word_is_no_dateline(coder):
    from transforms.coder.sentences import dateline_length
    assert [dateline_length(s) for s in ("BRITAIN has warned Sudan.", "THE Thatcher saga took a twist.",
                                         "US Secretary of State Colin Powell said.")] == [0, 0, 0]


def test_unnamed_gunmen_with_no_place_in_the_sentence_belong_to_the_storys_dateline(coder):
    top = coder.code("BAGHDAD (Reuters) - Gunmen kidnapped Margaret Hassan, the British head of the CARE aid "
                     "agency, as she drove to work on Tuesday.")[0]
    assert (top["event"], top["mode"], *codes(top)) == ("ASSAULT", "abduct", ["IRQ"], ["GBR"])


def test_victims_joined_by_and_a_are_one_side_as_sure_as_its_surest_actor(coder):
    events = coder.code("Two Americans and a Briton were abducted from their home in a plush Baghdad district.",
                        title="Briton, two Americans kidnapped in Baghdad (AFP)")
    top = events[0]
    assert (top["event"], codes(top)[0], sorted(codes(top)[1])) == ("ASSAULT", ["IRQ"], ["GBR", "USA"])
    assert top["confidence"] >= 0.5  # alerts: "Americans" is no weak word, though "Briton" alone is


def test_troops_massed_near_a_countrys_border_face_it_and_alert(coder):
    top = coder.code("Ethiopia is massing troops near the Eritrean border.")[0]
    assert (top["event"], *codes(top)) == ("MOBILIZE", ["ETH"], ["ERI"]) and top["confidence"] >= 0.5, top


def test_police_sent_abroad_are_aid_and_promised_an_agreement(coder):
    top = coder.code("Canada sent 100 police officers to Haiti.")[0]
    assert (top["event"], *codes(top)) == ("AID", ["CAN"], ["HTI"])
    top = coder.code("Canada will send up to 100 more police officers to Haiti to help train its police.")[0]
    assert (top["event"], top["planned"], *codes(top)) == ("AGREE", True, ["CAN"], ["HTI"])


def test_unnamed_militants_who_killed_and_are_threatening_threaten_from_the_storys_place(coder):
    # (the patterns code this sentence, so the parse never reads it)
    events = coder.code("BAGHDAD Iraq promised Wednesday to release one of two women prisoners, but officials "
                        "denied the decision was linked to demands by militants who killed two American hostages "
                        "and are threatening to execute a Briton unless all female prisoners are freed.")
    assert ("THREATEN", ["IRQ"], ["GBR"]) in [(e["event"], *codes(e)) for e in events]


def test_an_air_force_squadron_flying_in_is_deployed_not_visiting(coder):
    events = coder.code("A squadron of US Air Force F-15E fighters flew to South Korea on Monday.")
    assert events and all(e["event"] != "CONSULT" for e in events), events


@pytest.mark.parametrize("text, event", [
    ("Philippine police are questioning two Indonesians arrested in Zamboanga.", "INVESTIGATE"),
    ("Pakistani police interrogated two Britons.", "INVESTIGATE"),
    ("Pakistan questions Indian arms shopping spree", "DISAPPROVE"),
    ("Britain questioned Iran's commitment to the deal.", "DISAPPROVE")])
def test_people_questioned_are_interrogated_a_stance_questioned_is_doubted(coder, text, event):
    assert coder.code(text)[0]["event"] == event


def test_two_states_committing_themselves_to_a_ceasefire_agree_with_each_other(coder):
    top = coder.code("In Algiers on Sunday, Ethiopia and Eritrea committed themselves to a cessation of hostilities.")[0]
    assert (top["event"], top["symmetric"], *codes(top)) == ("AGREE", True, ["ETH"], ["ERI"])


def test_a_headline_opening_with_an_acronym_and_a_comma_is_no_dateline(coder):
    from transforms.coder.sentences import dateline_length
    assert dateline_length("IMF, World Bank look to keep global recovery strong", headline=True) == 0
    assert dateline_length("US MNT Streaking Into Final Round", headline=True) == 0
    events = coder.code("The alliance and Moscow signed the accord in Brussels on Monday.",
                        title="NATO, Russia Sign Cooperation Pact")
    assert any({"NATO", "RUS"} <= {a["code"] for a in e["source"] + e["target"]} for e in events), events


def test_deaths_with_no_place_in_their_sentence_happen_where_the_story_does(coder):
    events = coder.code("BAGHDAD, IRAQ - Insurgents continued to strike against coalition targets in Iraq Saturday, "
                        "resulting in the deaths of one US soldier and four government employees in Baghdad.")
    assert ("ASSAULT", ["IRQ"], ["USA"]) in [(e["event"], *codes(e)) for e in events]
    # (victims of the story's own country alone make no pair)
    assert coder.code("WASHINGTON (Reuters) - The deaths of two US soldiers were confirmed on Monday.") == []


def test_unnamed_actors_are_found_in_their_plurals():
    from transforms.coder.coder import UNNAMED_ACTOR
    assert [bool(UNNAMED_ACTOR.search(w)) for w in ("Gunmen", "militiamen", "children", "militants", "mint")] == \
        [True, True, True, True, False]


def test_a_leader_flying_into_a_capital_visits_it(coder):
    # CAMEO's "fly into" [154] is a show of force: only armed forces make one by flying in
    top = coder.code("KIEV (AFP) - Polish President Aleksander Kwasniewski flew into Kiev on Friday "
                     "for talks with the outgoing president.")[0]
    assert (top["event"], top["mode"], *codes(top)) == ("CONSULT", "visit", ["POL"], ["UKR"])
    assert "MOBILIZE" not in {e["event"] for e in coder.code("The Brazilian president flew into Germany.")}
    # a phrasal verb's own particle is no such pattern: reservists called up are a mobilisation
    events = coder.code("Ethiopia has begun calling up army reservists amid rising tension with "
                        "neighbouring Eritrea, diplomats in Addis Ababa said.")
    assert ("MOBILIZE", ["ETH"], ["ERI"]) in [(e["event"], *codes(e)) for e in events]


def test_a_particle_idiom_of_one_verb_is_not_lent_to_its_synonyms(coder):
    # PETRARCH's DEMAND block lends PRESS's "press on" (an offensive) to "need"
    assert coder.code("Analysts say Washington and Berlin, which need Moscow's help on Iran and "
                      "energy, have little leverage.") == []


def test_a_trigger_its_next_words_rule_out_leaves_the_span_to_the_others():
    from transforms.coder.dictionaries import TriggerEntry
    from transforms.coder.triggers import TriggerFinder
    visit = TriggerEntry("CONSULT", "{fly} into", "visit", "04", 1.0, 1, unless_after=("airspace",))
    incursion = TriggerEntry("COERCE", "into ... airspace", "", "17", -5.0, 4)
    finder = TriggerFinder([visit, incursion])
    assert [m.entry.event for m in finder.find("Two Russian jets flew into Georgian airspace.")] == ["COERCE"]
    assert [m.entry.event for m in finder.find("The president flew into Kiev.")] == ["CONSULT"]


def test_an_official_telling_a_third_states_leader_something_at_a_foreign_dateline_met_him_there(coder):
    # the place where the two met is the location, never a participant (the labelling guide)
    events = coder.code("SANTIAGO, Chile (Reuters) - Chinese President Hu Jintao told Japanese Prime Minister "
                        "Junichiro Koizumi on Sunday to stop visiting a Tokyo shrine that honours war criminals.")
    assert not any("CHL" in codes(e)[0] + codes(e)[1] for e in events), events
    # an official who speaks from a foreign capital still visits it
    top = coder.code("ISLAMABAD, Oct 5: British Defence Secretary Geoff Hoon said on Tuesday that history "
                     "would judge the pace of the peace process.")[0]
    assert (top["event"], top["mode"], *codes(top)) == ("CONSULT", "visit", ["GBR"], ["PAK"])


@pytest.mark.parametrize("text, event, pair", [
    # a light verb before the act named ("carry out", "conduct") as before talks ("hold", "open")
    ("Israel said it would carry out air strikes on Syria.", "THREATEN", (["ISR"], ["SYR"])),
    ("Iran said it had conducted air strikes against Iraq on Monday.", "ASSAULT", (["IRN"], ["IRQ"])),
    # the speaker's own forces, named by a possessive, act for the speaker's state
    ("Iran's defence minister said his troops would attack Israel.", "THREATEN", (["IRN"], ["ISR"])),
    ("Sharon said his army would strike Syria if attacked.", "THREATEN", (["ISR"], ["SYR"])),
    ("Iran said its forces would strike Israel.", "THREATEN", (["IRN"], ["ISR"]))])
def test_a_speaker_acts_through_a_light_verb_or_own_forces(coder, text, event, pair):
    top = coder.code(text)[0]
    assert (top["event"], *codes(top)) == (event, *pair)


def test_an_addressee_told_something_during_a_visit_is_not_asked_to_act(coder):
    # "{tell} ... to" asks for an act ("told Koizumi to stop"); "to" before a place does not
    events = coder.code("Palestinian leader Mahmoud Abbas told reporters during a visit to Egypt yesterday "
                        "that talks would resume.")
    assert [(e["event"], e["mode"], *codes(e)) for e in events] == [("CONSULT", "visit", ["PSE"], ["EGY"])]
    top = coder.code("Hu Jintao told Junichiro Koizumi to stop visiting the shrine.", title="Hu Tells Koizumi to Stop Visiting War Shrine")[0]
    assert (top["event"], *codes(top)) == ("DEMAND", ["CHN"], ["JPN"])


@pytest.mark.parametrize("text, pair", [
    # those an act hit are not judged: its doers are, named ...
    ("Italy condemned the killing of Italian journalist Enzo Baldoni by Iraqi militants.", (["ITA"], ["IRQ"])),
    ("Pakistan condemned the Israeli raid on Gaza.", (["PAK"], ["ISR"])),
    # ... or the unnamed armed men of the place where it happened, or of the story's place
    ("France condemned the attack on the US embassy in Jakarta.", (["FRA"], ["IDN"])),
    ("BAGHDAD (Reuters) - Gunmen kidnapped Margaret Hassan as she drove to work in western Baghdad on "
     "Tuesday, and Britain condemned the abduction.", (["GBR"], ["IRQ"]))])
def test_a_violent_act_condemned_is_held_against_its_doers(coder, text, pair):
    judged = [e for e in coder.code(text) if e["event"] == "DISAPPROVE"]
    assert [codes(e) for e in judged] == [pair]


def test_an_accused_party_named_before_the_act_is_the_one_judged(coder):
    events = coder.code("ABUJA (Reuters) - Rebels from Sudan's Darfur region pulled out of peace talks in the "
                        "Nigerian capital on Wednesday, accusing Khartoum of bombing villages.")
    assert not any("NGA" in codes(e)[1] for e in events), events


def test_those_named_as_included_among_the_ones_acted_on_are_its_targets(coder):
    top = coder.code("KABUL (Reuters) - Gunmen snatched three foreign U.N. election workers, including a woman "
                     "from Northern Ireland and a man from the Philippines, from their vehicle.")[0]
    assert (top["event"], codes(top)[0]) == ("ASSAULT", ["AFG"])
    assert {"GBR", "PHL"} <= set(codes(top)[1])
    # (what follows the list's comma is not in it)
    top = coder.code("Gunmen kidnapped three U.N. workers, including a Briton, near the Pakistani border.")[0]
    assert "PAK" not in codes(top)[1]


@pytest.mark.parametrize("text", [
    "John Kerry accused President Bush of a colossal error of judgment in invading Iraq.",
    "Blair said he was right in invading Iraq."])
def test_an_act_judged_after_in_is_no_act_reported(coder, text):
    assert not any(e["event"] == "ASSAULT" for e in coder.code(text))


def test_where_armed_men_came_from_is_not_where_they_struck(coder):
    events = coder.code("N'DJAMENA, Chad (Reuters) - Chad said on Monday that Janjaweed militiamen from Sudan's "
                        "Darfur region had crossed the border and attacked two villages in the east, killing at "
                        "least a dozen civilians.")
    assert ("ASSAULT", ["SDN"], ["TCD"]) in [(e["event"], *codes(e)) for e in events]


@pytest.mark.parametrize("text, event, pair", [
    ("Germany sends three planes to Sudan's troubled Darfur region to help deploy more African Union troops.",
     "AID", (["DEU"], ["SDN"])),
    ("Russia sent warplanes to Syria to strike rebels.", "MOBILIZE", (["RUS"], ["SYR"]))])
def test_military_aircraft_sent_to_a_country_are_a_deployment(coder, text, event, pair):
    assert (event, *pair) in [(e["event"], *codes(e)) for e in coder.code(text)]
    # (an airline's planes are business)
    assert coder.code("Lufthansa sent two planes to Spain.") == []


@pytest.mark.parametrize("text", [
    "Armenian and Azerbaijani soldiers clashed along the border on Tuesday, residents said.",
    "Armenian and Azerbaijani soldiers clashed along the border on Tuesday, local officials told reporters.",
    "Armenian and Azerbaijani soldiers clashed along the border on Tuesday, according to local residents."])
def test_a_trailing_attribution_leaves_the_report_its_own_main_clause(coder, text):
    # (the parser would hang "clashed" on "said" as a reduced relative: soldiers that were clashed)
    assert [(e["event"], sorted(codes(e)[0] + codes(e)[1])) for e in coder.code(text)] == \
        [("ASSAULT", ["ARM", "AZE"])]


@pytest.mark.parametrize("text, event", [
    ("Armenia and Azerbaijan, which fought a war over Nagorno-Karabakh in the 1990s, met in Prague on Friday.",
     "CONSULT"),
    ("Armenia and Azerbaijan, which have been at odds since 1991, signed an accord on Friday.", "SUPPORT")])
def test_a_describing_clause_between_subject_and_verb_neither_dates_nor_ends_the_main_clause(coder, text, event):
    events = [e for e in coder.code(text) if not e["background"]]
    assert [(e["event"], sorted(codes(e)[0] + codes(e)[1])) for e in events] == [(event, ["ARM", "AZE"])]


@pytest.mark.parametrize("text, background", [
    ("A Georgian delegation flew to Moscow on Tuesday to ask about soldiers missing since 1993.", False),
    ("A Georgian delegation flew to Moscow to ask about soldiers missing in the 1990s.", True),
    ("A Georgian delegation flew to Moscow in 1993.", True)])
def test_a_year_after_the_act_dates_it_unless_the_act_has_its_own_day(coder, text, background):
    top = coder.code(text)[0]
    assert (top["event"], codes(top), top["background"]) == ("CONSULT", (["GEO"], ["RUS"]), background)


@pytest.mark.parametrize("text", [
    "Newly appointed Georgian Prime Minister Zurab Noghaideli met Russian officials on Monday.",
    "Newly appointed Ukrainian Prime Minister Yulia Tymoshenko met Russian officials on Monday.",
    "Officials said newly appointed Georgian envoys met Russian officials on Monday."])
def test_a_participle_with_no_subject_before_it_describes_the_name_after_it(coder, text):
    # (after a subject it is a verb whose object that name is: "militants who killed two American hostages")
    assert [(e["event"], codes(e)[1]) for e in coder.code(text)] == [("CONSULT", ["RUS"])]
    assert codes(coder.code(text)[0])[0] in (["GEO"], ["UKR"])
