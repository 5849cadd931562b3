"""The Phoenix actor dictionaries: converter, dated roles, shipped files."""
import datetime
import importlib.util
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, shared_data
from transforms.coder import phoenix_lexicon as px
from transforms.coder.dictionaries import DICTIONARY_DIR, read_tsv

SCRIPT = REPO / "transforms" / "dictionaries" / "build" / "convert_phoenix_actors.py"
OUTPUTS = ("phoenix_people.tsv", "phoenix_countries.tsv", "phoenix_organisations.tsv",
           "phoenix_agents.tsv", "phoenix_groups.tsv")
D = datetime.date


@pytest.fixture(scope="module")
def converter():
    spec = importlib.util.spec_from_file_location("convert_phoenix_actors", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


COUNTRIES = """\
# header comment
FREEDONIA_  [FRE]
+FREEDONIAN_
+REPUBLIC_OF_FREEDONIA_

# National Institutions
FREEDONIAN_ARMY
\t[FREMIL]

RUFUS_T._FIREFLY_  # CountryInfo.txt
+RUFUS_FIREFLY_
\t[FREELI 310101-330101]
\t[FREGOV 330101-331231] # Prime Minister
\t[FREGOVMIL 19400601-19450501]
\t[FREELI]
ABU_BAKR_AL-BAGHDADI_
\t[IRQREB >20100516]
BROKEN_DATE_  # CountryInfo.txt
\t[FREGOV 20001340-20011231]
"""
INTERNATIONAL = """\
UNITED_NATIONS_ [IGOUNO]
+U.N._

KOFI_ANNAN_
+KOFI_ATTA_ANNAN_
\t[IGOUNO 970101-061231]
\t[ELI]# IGOrulers.txt
"""
AGENTS = """\
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
FOREIGN_MINISTER [~GOVFRM] # jap 4/14/01
POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
!MINIST!_OF_DEFENCE [~GOVMIL]
"""
GROUPS = """\
SYLVANIAN_LIBERATION_FRONT_(SLF)_ [IRQREB] #  kkl 21 Mar 13
+SLF_
"""


def _snippet(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    src = data / "petrarch2"
    src.mkdir(parents=True)
    (src / "Phoenix.Countries.actors.txt").write_text(COUNTRIES, encoding="utf-8")
    (src / "Phoenix.International.actors.txt").write_text(INTERNATIONAL, encoding="utf-8")
    (src / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    (src / "Phoenix.MilNonState.actors.txt").write_text(GROUPS, encoding="utf-8")
    (src / "LICENSE").write_text("The MIT License (MIT)\n\nCopyright (c) 2014 Test\n", encoding="utf-8")
    return data


def test_converter_on_a_snippet(converter, tmp_path):
    data, out = _snippet(tmp_path), tmp_path / "out"
    result = converter.convert(data, out)
    assert result["skipped"] == {"Phoenix.Countries.actors.txt: unparseable restriction": 1,
                                 "Countries.actors: entry without codes": 1}   # BROKEN_DATE_

    people = read_tsv(out / "phoenix_people.tsv")
    rows = {(r["name"], r["code"], r["sector"], r["role"], r["start"], r["end"]) for r in people}
    assert ("Rufus T. Firefly", "FRE", "GOV", "Prime Minister", "1933-01-01", "1933-12-31") in rows
    assert ("Rufus T. Firefly", "FRE", "GOV", "government: defence", "1940-06-01", "1945-05-01") in rows
    assert ("Rufus T. Firefly", "FRE", "CVL", "elite (out of office)", "1931-01-01", "1933-01-01") in rows
    assert ("Rufus T. Firefly", "FRE", "CVL", "elite (out of office)", "", "") in rows
    assert ("Rufus Firefly", "FRE", "GOV", "Prime Minister", "1933-01-01", "1933-12-31") in rows
    assert ("Abu Bakr al-Baghdadi", "IRQ", "REB", "rebel", "2010-05-16", "") in rows
    assert ("Kofi Annan", "UN", "IGO", "international organisation", "1997-01-01", "2006-12-31") in rows
    assert ("Kofi Atta Annan", "UN", "CVL", "elite (out of office)", "", "") in rows
    assert not any(r["name"].startswith(("Freedonia", "Broken", "United")) for r in people)

    assert read_tsv(out / "phoenix_countries.tsv") == [
        {"code": "FRE", "names": "Freedonia|Freedonian|Republic of Freedonia"}]
    assert read_tsv(out / "phoenix_organisations.tsv") == [{"code": "UN", "names": "United Nations|U.N."}]
    agents = {r["phrase"]: r["sector"] for r in read_tsv(out / "phoenix_agents.tsv")}
    assert agents == {"foreign minister": "GOV", "foreign ministers": "GOV", "police": "MIL",
                      "attorney general": "GOV", "attorneys general": "GOV",
                      "minister of defence": "GOV", "ministers of defence": "GOV",
                      "ministry of defence": "GOV", "ministries of defence": "GOV"}
    assert read_tsv(out / "phoenix_groups.tsv") == [
        {"code": "IRQ", "sector": "REB", "names": "Sylvanian Liberation Front (SLF)|SLF"}]

    text = (out / "phoenix_people.tsv").read_text(encoding="utf-8")
    assert "Copyright (c) 2014 Test" in text and "do not edit by hand" in text
    # deterministic: a second run writes the same bytes
    first = {name: (out / name).read_bytes() for name in OUTPUTS}
    converter.convert(data, out)
    assert first == {name: (out / name).read_bytes() for name in OUTPUTS}


def test_date_formats_and_names(converter):
    assert converter.parse_date("450703") == D(1945, 7, 3)
    assert converter.parse_date("070723") == D(2007, 7, 23)
    assert converter.parse_date("20090120") == D(2009, 1, 20)
    with pytest.raises(ValueError):
        converter.parse_date("2004017")
    r = converter.parse_restriction("USAGOV >20090120")
    assert (r.code, r.start, r.end) == ("USAGOV", D(2009, 1, 20), None)
    r = converter.parse_restriction("USAELI <20090120")
    assert (r.start, r.end) == (None, D(2009, 1, 20))
    assert converter.person_name("BARACK_OBAMA_") == "Barack Obama"
    assert converter.person_name("BASHAR_AL-ASSAD") == "Bashar al-Assad"
    assert converter.person_name("ABDULLAH_II_") == "Abdullah II"
    assert converter.person_name("OSAMA_BIN_LADEN") == "Osama bin Laden"
    assert converter.interpret_code("SCGMNEGOV")[:2] == ("MNE", "GOV")
    assert converter.interpret_code("MARGOVBUS") == ("MAR", "GOV", "government: economy")
    assert converter.interpret_code("USRGOV")[0] == "RUS"
    assert converter.interpret_code("IGOWSTNAT")[:2] == ("NATO", "IGO")


ROLES = {
    "Rufus T. Firefly": (
        px.DatedRole("FRE", "CVL", "elite", D(1930, 1, 1), D(1933, 1, 1)),
        px.DatedRole("FRE", "GOV", "prime minister", D(1933, 1, 1), D(1933, 12, 31)),
        px.DatedRole("FRE", "GOV", "defence", D(1940, 6, 1), D(1945, 5, 1)),
        px.DatedRole("FRE", "CVL", "elite", None, None),
    ),
    "Chicolini": (px.DatedRole("SYL", "MIL", "spy", D(1933, 6, 1), None),
                  px.DatedRole("UN", "IGO", "envoy", D(1935, 1, 1), None)),
    "Trentino": (px.DatedRole("SYL", "GOV", "ambassador", D(1920, 1, 1), D(1933, 12, 31)),),
}


def test_person_role_by_date():
    role = lambda name, day=None: px.person_role(name, day, people=ROLES)  # noqa: E731
    assert role("Rufus T. Firefly", D(1933, 6, 1)).role == "prime minister"
    assert role("Rufus T. Firefly", D(1933, 1, 1)).role == "prime minister"  # both hold: GOV wins
    assert role("Rufus T. Firefly", D(1931, 1, 1)).role == "elite"
    assert role("Rufus T. Firefly", D(1931, 1, 1)).start == D(1930, 1, 1)   # dated before default
    assert role("Rufus T. Firefly", D(1942, 1, 1)).role == "defence"
    assert role("Rufus T. Firefly", D(1936, 1, 1)) == px.DatedRole("FRE", "CVL", "elite", None, None)
    assert role("Rufus T. Firefly").role == "elite"          # no day: the current (default) role
    assert role("Chicolini", D(1933, 1, 1)) is None          # before any role
    assert role("Chicolini", D(1934, 1, 1)).code == "SYL"
    assert role("Chicolini", D(1936, 1, 1)).code == "SYL"    # national MIL over the later IGO role
    assert role("Chicolini").code == "SYL"
    assert role("Trentino", D(1950, 1, 1)) is None           # out of office on that day
    assert role("Trentino").role == "ambassador"             # no day: the most recent role
    assert role("Groucho") is None
    r = ROLES["Chicolini"][0]
    assert r.holds_on(None) and r.holds_on(D(2100, 1, 1)) and not r.holds_on(D(1900, 1, 1))
    assert not ROLES["Trentino"][0].holds_on(None)


def test_shipped_files_load():
    for name in OUTPUTS:
        text = (DICTIONARY_DIR / name).read_text(encoding="utf-8")
        assert text.startswith("# ") and "MIT" in text and "convert_phoenix_actors.py" in text
    people = px.load_dated_people()
    assert 15000 < len(people) < 40000
    assert 180 < len(px.load_phoenix_countries()) < 260
    assert 3000 < len(px.load_phoenix_organisations()) < 8000
    assert 3000 < len(px.load_agents()) < 8000
    assert 800 < len(px.load_phoenix_groups()) < 1500
    agents = px.load_agents()
    assert agents["foreign minister"] == "GOV" and agents["troops"] == "MIL" and agents["police"] == "MIL"
    assert ("AFG", "REB") in {(code, sector) for code, sector, names in px.load_phoenix_groups()
                              if "Taliban" in names}
    assert "Afghanistan" in px.load_phoenix_countries()["AFG"]
    assert any(code == "UN" and "United Nations" in names for code, names in px.load_phoenix_organisations())
    sectors = {role.sector for roles in people.values() for role in roles}
    assert sectors <= {"GOV", "MIL", "REB", "OPP", "CVL", "BUS", "MED", "JUD", "LEG", "IGO"}


@pytest.mark.parametrize("name, day, code, sector", [
    ("Barack Obama", D(2010, 6, 1), "USA", "GOV"),
    ("Barack Obama", D(1990, 6, 1), "USA", "CVL"),
    ("Barack Obama", None, "USA", "GOV"),
    ("Vladimir Putin", D(2005, 1, 1), "RUS", "GOV"),
    ("Vladimir Putin", D(1995, 1, 1), "RUS", "CVL"),
    ("Hamid Karzai", D(2005, 1, 1), "AFG", "GOV"),
    ("Angela Merkel", D(2010, 1, 1), "DEU", "GOV"),
    ("Nicolas Sarkozy", D(2010, 1, 1), "FRA", "GOV"),
    ("Nicolas Sarkozy", D(2013, 1, 1), "FRA", "CVL"),
    ("Recep Tayyip Erdogan", D(2010, 1, 1), "TUR", "GOV"),
    ("Kofi Annan", D(2000, 1, 1), "UN", "IGO"),
    ("Kofi Annan", D(2010, 1, 1), "UN", "CVL"),
])
def test_real_people_resolve(name, day, code, sector):
    role = px.person_role(name, day)
    assert role is not None and (role.code, role.sector) == (code, sector)


def test_rerun_reproduces_shipped_files(converter, tmp_path):
    data = shared_data("petrarch2/Phoenix.Countries.actors.txt").parent.parent
    converter.convert(data, tmp_path)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (DICTIONARY_DIR / name).read_bytes(), name


def test_a_name_listed_with_its_title_is_known_without_it():
    # the text reads "Prime Minister" as a role and looks up the name after it
    from transforms.coder.phoenix_lexicon import load_dated_people
    people = load_dated_people()
    assert "Prime Minister Viktor Yanukovich" in people
    assert people["Viktor Yanukovich"] == people["Prime Minister Viktor Yanukovich"]


def test_a_person_known_only_by_a_titled_listing_acts_for_their_country(coder):
    events = coder.code("Putin congratulated Viktor Yanukovich on his victory.")
    assert [(e["event"], [a["code"] for a in e["source"]], [a["code"] for a in e["target"]])
            for e in events] == [("SUPPORT", ["RUS"], ["UKR"])]
