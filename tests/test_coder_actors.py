"""Actor recognition: names, short names, demonyms, capitals and seats, organisations, people."""
import pytest



def pair(event):
    return ([a["code"] for a in event["source"]], [a["code"] for a in event["target"]])


@pytest.mark.parametrize("sentence, source, target", [
    ("The Netherlands criticised Britain over its fishing quotas.", "NLD", "GBR"),
    ("U.S. officials accused Iran of supplying weapons to militias.", "USA", "IRN"),
    ("Moscow condemned the decision by Washington to expand its missile shield.", "RUS", "USA"),
    ("The Kremlin rejected a proposal from the White House on arms control.", "RUS", "USA"),
    ("Downing Street summoned the Iranian ambassador after the embassy attack.", "GBR", "IRN"),
    ("Poland expelled three Belarusian diplomats on Tuesday.", "POL", "BLR"),
    ("Japan Says It Will Press China On Islands", "JPN", "CHN"),
    # a wire credit before the first word: its capital says nothing ("As" is no first name)
    ("(CBS/AP) As Polish troops shelled Minsk, Belarus protested.", "POL", "BLR"),
])
def test_names_seats_and_demonyms(coder, sentence, source, target):
    events = coder.code(sentence)
    assert events, sentence
    assert pair(events[0]) == ([source], [target])


def test_sectors_from_roles_and_group_nouns(coder):
    event = coder.code("Indian troops attacked Pakistani border posts.")[0]
    assert event["source"][0] == {"actorText": "Indian troops", "code": "IND", "sector": "MIL"}
    event = coder.code("Afghan rebels kidnapped four Russian engineers.")[0]
    assert event["source"][0]["sector"] == "REB"
    event = coder.code("The Zimbabwean opposition accused South Africa of meddling.")[0]
    assert event["source"][0]["sector"] == "OPP"


def test_group_noun_bound_by_in(coder):
    event = coder.code("Security forces in Guinea tortured Liberian refugees.")[0]
    assert pair(event) == (["GIN"], ["LBR"])


def test_organisation_is_an_actor_but_not_a_country(coder):
    event = coder.code("NATO condemned Russia over the missile test.")[0]
    assert event["source"][0]["code"] == "NATO"
    assert event["target"][0]["code"] == "RUS"
    # two organisations and no state make no event
    assert coder.code("The United Nations criticised the European Union.") == []


@pytest.mark.parametrize("sentence", [
    "Michael Jordan said he would visit China next year.",
    "Farmers in Georgia sold turkey and chad to us.",
    "George Washington crossed the river with his army.",
])
def test_person_names_and_common_words_are_not_countries(coder, sentence):
    assert coder.code(sentence) == []


def test_title_bound_by_demonym_and_remembered_through_article(coder):
    text = ("Foreign Minister Anna Lind of Sweden met Estonian counterpart Toomas Kask on Monday. "
            "Later in the week, Kask criticised Russia over the border incident.")
    events = coder.code(text)
    consult = next(e for e in events if e["event"] == "CONSULT")
    assert pair(consult) == (["SWE"], ["EST"])
    assert consult["target"][0]["actorText"] == "Toomas Kask"
    disapprove = next(e for e in events if e["event"] == "DISAPPROVE")
    assert pair(disapprove) == (["EST"], ["RUS"])


def test_apposition_teaches_the_country(coder):
    text = "Lavrov, Russia's foreign minister, arrived on Monday. Later, Lavrov criticised Japan."
    event = coder.code(text)[0]
    assert pair(event) == (["RUS"], ["JPN"])
    assert event["source"][0]["actorText"] == "Lavrov"


def test_possessive_binds_a_person(coder):
    event = coder.code("Canada's Dion praised Mexico for its climate plan.")[0]
    assert event["source"][0] == {"actorText": "Dion", "code": "CAN", "sector": "GOV"}


def test_home_country_from_the_headline(coder):
    events = coder.code("Foreign Minister Karl Berg praised Norway's stance.", title="Sweden hails Norway deal")
    assert any(pair(e) == (["SWE"], ["NOR"]) and e["source"][0]["actorText"] == "Karl Berg"
               for e in events)


def test_home_country_argument(coder):
    events = coder.code("Prime Minister Lena Holm criticised Denmark over the bridge tolls.",
                        home_country="SWE")
    assert pair(events[0]) == (["SWE"], ["DNK"])
    # without a home country, an untitled role has no country and there is no event
    assert coder.code("Prime Minister Lena Holm criticised Denmark over the bridge tolls.") == []


def test_well_known_leader_without_title(coder):
    event = coder.code("Putin offered to negotiate with the president of Armenia.")[0]
    assert pair(event) == (["RUS"], ["ARM"])


def test_a_demonym_that_opens_a_company_name_is_the_company(coder):
    # "British Airways" halting flights is a firm's decision, not a British sanction
    assert not coder.code("British Airways is to halt its flights from London to Riyadh in Saudi Arabia.")
    assert coder.code("British troops attacked Iraqi positions near Basra.")


def test_brussels_acting_is_the_eu_and_in_brussels_is_belgium(coder):
    top = coder.code("Brussels warned Greece over its budget deficit.")[0]
    assert [a["code"] for a in top["source"]] == ["EU"]
    top = coder.code("Belgium summoned the Congolese ambassador in Brussels.")[0]
    assert [a["code"] for a in top["source"]] == ["BEL"]


def test_a_title_country_that_only_names_a_topic_is_not_the_storys_home(coder):
    body = ("The Tories say ministers must respond to claims about the legal advice. "
            "Attorney General Lord Smithson had warned Tony Blair that the use of force could be "
            "illegal. The government refused to publish the advice.")
    for event in coder.code(body, title="Iraq advice claim sparks new row"):
        assert "IRQ" not in [a["code"] for a in event["source"] + event["target"]]
    # a title that opens with a country acting still names the home
    events = coder.code("The minister warned Tony Blair that the plan was illegal. He said so twice. "
                        "Nobody answered.", title="Iraq warns Britain")
    assert any([a["code"] for a in e["source"]] == ["IRQ"] for e in events)


@pytest.mark.parametrize("text, pair", [
    ("A Christian missionary from Calgary was arrested in Lebanon.", (["LBN"], ["CAN"])),
    ("A journalist from Sydney was kidnapped in Iraq.", (["IRQ"], ["AUS"])),
])
def test_a_person_from_a_city_is_of_its_country(coder, text, pair):
    top = coder.code(text)[0]
    assert ([a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == pair


@pytest.mark.parametrize("text, code", [
    ("The Jewish state accused Syria of harbouring militants.", "ISR"),
    ("The Islamic republic warned Britain.", "IRN"),
    ("The Duma criticised Estonia.", "RUS"),
    ("The Blue House criticised Japan.", "KOR"),
])
def test_states_named_by_a_byname_or_an_institution(coder, text, code):
    assert [a["code"] for a in coder.code(text)[0]["source"]] == [code]


@pytest.mark.parametrize("title, body, pair", [
    ("Nepal rebels strike", "Maoist rebels attacked a police post in Nepal. India criticised the "
     "Himalayan kingdom for failing to stop the violence.", (["IND"], ["NPL"])),
    ("Syria moves troops", "Syria has moved troops to the north. The United States warned the country "
     "on Monday.", (["USA"], ["SYR"])),
])
def test_an_epithet_stands_for_the_state_the_story_named_last(coder, title, body, pair):
    top = coder.code(body, title=title)[0]
    assert ([a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == pair


def test_an_epithet_stands_for_a_state_named_by_name_not_for_a_demonym_of_people(coder):
    body = ("BOGOTA, Colombia (Reuters) - Three Irish fugitives convicted of teaching leftist Colombian "
            "guerrillas how to make bombs have escaped the Andean country.")
    events = coder.code(body, title="Colombia Says Irish Fugitives Have Fled Country")
    assert not any("IRL" in [a["code"] for a in e["target"]] for e in events)


def test_the_two_sides_are_the_states_named_before(coder):
    events = coder.code("Indian and Pakistani officials gathered in Delhi. The two sides agreed to open a bus link.",
                        title="Talks in Delhi")
    assert any(sorted([a["code"] for a in e["source"] + e["target"]]) == ["IND", "PAK"] for e in events)


def test_the_two_presidents_are_the_headlines_two_states(coder):
    body = ("Argentina will buy fuel oil from Venezuela. Bolivia and the US were not part of the deal. "
            "The two presidents also agreed to create a television network.")
    events = coder.code(body, title="Argentina, Venezuela in oil deal")
    pairs = [sorted([a["code"] for a in e["source"] + e["target"]]) for e in events]
    assert ["ARG", "VEN"] in pairs and ["BOL", "USA"] not in pairs


def test_the_two_koreas_are_both_koreas(coder):
    top = coder.code("The two Koreas held military talks at the border village of Panmunjom.")[0]
    assert sorted([a["code"] for a in top["source"] + top["target"]]) == ["KOR", "PRK"]


def test_gis_are_american_soldiers(coder):
    top = coder.code("GIs clashed with insurgents in Najaf.")[0]
    assert [a["code"] for a in top["source"]] == ["USA"]


@pytest.mark.parametrize("text, pair", [("Insurgents struck US targets in Iraq on Saturday.", (["IRQ"], ["USA"])),
                                        ("Militants attacked US interests in Saudi Arabia.", (["SAU"], ["USA"]))])
def test_a_states_targets_and_interests_are_the_state(coder, text, pair):
    top = coder.code(text)[0]
    assert top["event"] == "ASSAULT"
    assert ([a["code"] for a in top["source"]], [a["code"] for a in top["target"]]) == pair
    assert coder.code("The Fed raised US interest rates, hurting China.") == []


@pytest.mark.parametrize("text", [
    "The US will offer an olive branch to Peter Mandelson, the European Union's new trade commissioner, next week.",
    "The US criticised Peter Mandelson, the EU trade commissioner.",
])
def test_an_office_in_apposition_says_whom_a_named_person_acts_for(coder, text):
    top = coder.code(text)[0]
    assert [a["code"] for a in top["target"]] == ["EU"]


def test_an_office_named_without_its_country_is_the_person_just_named(coder):
    text = ("The prime minister took personal charge of the UK's response on Tuesday, chairing a meeting of "
            "ministers. He also spoke on the telephone to US President George Bush.")
    events = coder.code(text, title="Blair says UK tsunami aid to soar")
    assert ("CONSULT", ["GBR"], ["USA"]) in [(e["event"], [a["code"] for a in e["source"]],
                                             [a["code"] for a in e["target"]]) for e in events]


@pytest.mark.parametrize("text, expected", [
    # a person's name with a possessive "'s" still names the person
    ("Putin's government criticised Japan.", ("DISAPPROVE", ["RUS"], ["JPN"])),
    # an Arabic surname without its article, as news often writes it, for a known person ...
    ("Zarqawi's group has abducted a Japanese soldier.", ("ASSAULT", ["IRQ"], ["JPN"])),
    # ... and for one the article introduced
    ("Jordan's Foreign Minister Hani al-Mulki arrived in Cairo on Sunday. Mulki criticised Israel on Monday.",
     ("DISAPPROVE", ["JOR"], ["ISR"]))])
def test_possessive_and_bare_arabic_surnames_name_the_person(coder, text, expected):
    found = [(e["event"], [a["code"] for a in e["source"]], [a["code"] for a in e["target"]])
             for e in coder.code(text)]
    assert expected in found


def test_a_name_with_a_lower_case_particle_is_one_name(coder):
    top = coder.code("Osama bin Laden warned the United States of new attacks.")[0]
    assert (top["event"], top["source"][0]["code"], top["target"][0]["code"]) == ("THREATEN", "AFG", "USA")


def test_a_known_surname_with_another_given_name_is_another_person(coder):
    # "Cherie Blair" is not Tony Blair and speaks for no state ...
    assert coder.code("Cherie Blair criticised George W Bush's policies.") == []
    # ... while an honorific, an abbreviated rank or an office before the surname is no given name
    for text in ("Mr Blair criticised France.", "Prime Minister Blair criticised France."):
        top = coder.code(text)[0]
        assert [a["code"] for a in top["source"]] == ["GBR"]
    top = coder.code("Gen Pinochet criticised Argentina.")[0]
    assert [a["code"] for a in top["source"]] == ["CHL"]
    # nor is an English word ("The Bush administration")
    top = coder.code("The Bush administration declared Tuesday that China must drop barriers to U.S. exports.")[0]
    assert top["event"] == "DEMAND" and [a["code"] for a in top["source"]] == ["USA"]


def test_first_word_after_a_dateline_is_no_first_name(coder):
    # "Two" opens the sentence once the dateline is read: "Two Pakistani" is no person's name
    events = coder.code("KABUL, Afghanistan - Two Pakistani engineers were kidnapped in "
                        "Afghanistan by gunmen on Monday.")
    assert [pair(e) for e in events] == [(["AFG"], ["PAK"])]


def test_states_a_border_lies_between_are_where_not_whom(coder):
    # the border between India and Bangladesh says where the fire fell, not on whom
    events = coder.code("Four Indian soldiers were killed overnight by Pakistani tank fire on the "
                        "border between India and Bangladesh, officials said.")
    assert [pair(e) for e in events] == [(["PAK"], ["IND"])]
    assert coder.code("Sudanese troops opened fire on the border between Chad and Sudan.") == []


def test_a_known_name_before_a_headline_verb_is_that_person(coder):
    # "Putin Arrives": a two-word run whose second word is a headline's verb
    top = coder.code("", title="Putin Arrives in China for Talks")[0]
    assert (top["event"], *pair(top)) == ("CONSULT", ["RUS"], ["CHN"])
    # but a run of two names is one person's name
    assert coder.code("", title="Sharon Stone in China for Film Talks") == []


@pytest.mark.parametrize("title, expected", [
    ("US Urges N.Korea to Return to Talks", (["USA"], ["PRK"])),
    ("S. Korea Protests N. Korean Border Shooting", (["KOR"], ["PRK"]))])
def test_the_koreas_abbreviated_in_headlines(coder, title, expected):
    assert pair(coder.code("", title=title)[0]) == expected


def test_an_epithet_opening_a_sentence_is_the_state_named_last(coder):
    events = coder.code("Iran's parliament voted on Sunday. The country's foreign minister rejected "
                        "the Japanese offer.")
    assert [(e["event"], *pair(e)) for e in events] == [("REJECT", ["IRN"], ["JPN"])]


def test_a_community_between_a_demonym_and_its_role_keeps_the_role(coder):
    # "Iraqi Shiite leaders" are Iraq's leaders, as "Iraqi tribal leaders" are
    top = coder.code("The US envoy met Iraqi Shiite leaders.")[0]
    assert (top["event"], *pair(top)) == ("CONSULT", ["USA"], ["IRQ"])


def test_armed_men_named_by_what_they_do_are_rebels_of_their_nationality(coder):
    top = coder.code("Israeli soldiers shot dead a Palestinian gunman in Gaza.")[0]
    assert (top["event"], *pair(top)) == ("ASSAULT", ["ISR"], ["PSE"])
    assert top["target"][0]["sector"] == "REB"
    # "Islamic radicals" holding hostages are armed men of the place
    top = coder.code("Islamic radicals holding two French hostages in Iraq demanded that the law be scrapped.")[0]
    assert (top["event"], *pair(top)) == ("ASSAULT", ["IRQ"], ["FRA"])


@pytest.mark.parametrize("text, expected", [
    ("Assad met Mubarak in Cairo.", (["SYR"], ["EGY"])),
    ("Moqtada al-Sadr's militia attacked US troops in Najaf.", (["IRQ"], ["USA"])),
    ("Khaled Meshaal criticised Egypt on Monday.", (["PSE"], ["EGY"]))])
def test_leaders_of_the_news_named_alone(coder, text, expected):
    assert pair(coder.code(text)[0]) == expected


@pytest.mark.parametrize("text, source", [
    ("The Mahdi Army attacked Japanese troops on Monday.", "IRQ"),
    ("Abu Sayyaf attacked Japanese troops on Monday.", "PHL"),
    ("Jemaah Islamiyah attacked Japanese troops on Monday.", "IDN"),
    ("The al-Aqsa Martyrs Brigades attacked Japanese troops on Monday.", "PSE"),
    ("Chechen rebels attacked Georgian border posts.", "RUS"),
    ("The Bundestag criticised Japan on Monday.", "DEU")])
def test_groups_and_bodies_of_the_news_act_for_their_country(coder, text, source):
    assert pair(coder.code(text)[0])[0] == [source]


def test_a_leader_is_known_under_the_spelling_news_of_the_time_used(coder):
    # "Yanukovich" in 2004 wires, "Yanukovych" later
    top = coder.code("Russia's Putin congratulated Yanukovich on his victory in Ukraine's disputed election.")[0]
    assert (top["event"], top["source"][0]["code"], top["target"][0]["code"]) == ("SUPPORT", "RUS", "UKR")


def test_a_country_after_its_own_to_is_no_place_even_after_in(coder):
    # "in aid to Indonesia": the country is given to, not where anything happens
    top = coder.code("Japan pledged $500 million in aid to Indonesia, Sri Lanka and the Maldives.")[0]
    assert pair(top) == (["JPN"], ["IDN", "LKA", "MDV"])


@pytest.mark.parametrize("text, expected", [
    ("Bush and Hu discussed North Korea.", (["USA"], ["CHN"])),
    ("Roh met Koizumi in Seoul.", (["KOR"], ["JPN"]))])
def test_a_leader_whose_family_name_comes_first_is_known_by_it(coder, text, expected):
    assert pair(coder.code(text)[0]) == expected


def test_an_international_tribunal_acts_for_the_organisation_that_set_it_up(coder):
    top = coder.code("Croatia handed over a suspect to the UN tribunal.")[0]
    assert (top["event"], *pair(top)) == ("COOPERATE", ["HRV"], ["UN"])


def test_greek_cypriots_are_cyprus_and_greeks_greece(coder):
    assert pair(coder.code("Greeks protested against Turkey's policy.")[0]) == (["GRC"], ["TUR"])
    top = coder.code("Greek Cypriots protested against the Turkish occupation of northern Cyprus.")[0]
    assert pair(top) == (["CYP"], ["TUR"])


def test_an_organisations_member_nations_act_as_it(coder):
    top = coder.code("Leaders of the 25 EU nations agreed to open membership talks with Turkey.")[0]
    assert (top["event"], *pair(top)) == ("AGREE", ["EU"], ["TUR"])


@pytest.mark.parametrize("text, expected", [
    ("Pro-Syrian groups in Lebanon attacked the US embassy.", (["LBN"], ["USA"])),
    ("Anti-American protests erupted in Pakistan after the raid.", (["PAK"], ["USA"])),
    ("Thousands joined anti-Japanese demonstrations in Beijing.", (["CHN"], ["JPN"]))])
def test_a_country_favoured_or_opposed_is_not_the_side_that_favours_or_opposes_it(coder, text, expected):
    assert pair(coder.code(text)[0]) == expected


def test_an_anti_x_person_is_not_of_x(coder):
    assert coder.code("An anti-American cleric called for attacks on British troops.") == []
