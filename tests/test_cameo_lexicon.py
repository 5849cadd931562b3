"""PETRARCH2's CAMEO verb dictionary: the converter, the shipped TSV files and their loader."""
import importlib.util
import sys

import pytest

from tests.conftest import REPO, shared_data
from transforms.coder.cameo_lexicon import (
    VerbPattern, load_cameo_plover, load_cameo_verbs, load_synsets, load_verb_forms,
    plover_for_cameo,
)
from transforms.coder.dictionaries import DICTIONARY_DIR, EVENT_TYPES, read_tsv

FILES = ("cameo_plover.tsv", "cameo_synsets.tsv", "cameo_verbs.tsv", "cameo_verb_forms.tsv")


def _converter():
    path = REPO / "transforms" / "dictionaries" / "build" / "convert_petrarch_verbs.py"
    spec = importlib.util.spec_from_file_location("convert_petrarch_verbs", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


convert = _converter()

CAMEO_SNIPPET = """\
# test dictionary
####### SYNONYM SETS #######

&FOOD
+FOOD
+FOODSTUFFS
+RELIEF_SUPPLIES_

&AUXVERB_
+WAS

####### VERB PATTERNS #######

---  RUSH   [---]  ---
RUSH
SPEED {SPEEDING SPEEDS SPED }
- * (TO)                                              [042:043]     # RUSH
- * &FOOD                                             [073]         # RUSH
- * {ARMS SHIPMENTS}                                  [072]         # EXPEDITE
- &MILITARY *                                         [154]         # undefined synset
- * (TO {BANNED PARTIES}) $                           [1722]        # ADD
- * (BEFORE COURT)                                    [:173]        # passive only
- * HOLIDAYS                                          [---]         # no event

---  MEET   [040]  ---
MEET {MEETS MET MEETING}
+MEET_WITH {+MET_WITH +MEETS_WITH +MEETING_WITH }
CONFER [046]
- + * (IN TALKS)                                      [0461]        # by prefix to 046
"""

PLOVER_SNIPPET = """\
# CAMEO to PLOVER conversion table
04: CONSULT
040: CONSULT, ,  # Consult
042: CONSULT, visit,   # Make a visit
046: CONSULT,   , diplomatic    # Engage in negotiation
07: AID
072: AID,   ,   military # Provide military aid
073: AID,   ,   humanitarian # Provide humanitarian aid
09: ACCUSE
090: ACCUSE, investigate,  # Investigate
10: REQUEST
100: REQUEST,  ,  # REQUEST
11: ACCUSE
1121: ACCUSE, allege, crime; corruption # Accuse of crime, corruption
17: COERCE
1722: COERCE, ban, pro_autocracy      # Ban political parties or politicians
19: FIGHT
190: FIGHT, , military # Use conventional military force
~~~~~
"""


@pytest.fixture
def converted(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    (data / "petrarch2").mkdir(parents=True)
    (data / "plover").mkdir()
    (data / "petrarch2" / "CAMEO.2.0.txt").write_text(CAMEO_SNIPPET, encoding="utf-8")
    (data / "petrarch2" / "LICENSE").write_text("The MIT License (MIT)\n\nCopyright (c) 2014 Test\n",
                                                encoding="utf-8")
    (data / "plover" / "CAMEO2PLOVER-2021.txt").write_text(PLOVER_SNIPPET, encoding="utf-8")
    summary = convert.convert(data, out)
    return summary, out


def _rows(out, name):
    return read_tsv(out / name)


# ---------------------------------------------------------------- (a) the converter

def test_plover_types_are_normalised(converted):
    _, out = converted
    table = {r["cameo"]: r for r in _rows(out, "cameo_plover.tsv")}
    assert table["090"]["event"] == "INVESTIGATE" and table["090"]["mode"] == ""
    assert table["100"]["event"] == "DEMAND"
    assert table["1121"]["event"] == "DISAPPROVE" and table["1121"]["mode"] == "allege"
    assert table["1121"]["context"] == "crime, corruption"
    assert table["190"]["event"] == "ASSAULT"
    assert table["042"]["description"] == "Make a visit"
    assert {r["event"] for r in table.values()} <= set(EVENT_TYPES)


def test_synsets_are_lower_case_and_singular(converted):
    _, out = converted
    synsets = {r["synset"]: r["words"].split("|") for r in _rows(out, "cameo_synsets.tsv")}
    assert synsets["&food"] == ["food", "foodstuff", "relief supplies"]  # "_" at the end: no plural
    assert synsets["&auxverb"] == ["was"]


def test_every_verb_of_a_block_gets_every_pattern_with_words_of_its_own(converted):
    summary, out = converted
    rows = {(r["verb"], r["before"], r["after"]): r for r in _rows(out, "cameo_verbs.tsv")}
    assert rows[("rush", "", "to")]["cameo"] == "042"              # [042:043]: the active part
    assert rows[("rush", "", "to")]["mode"] == "visit"
    # a pattern of particles alone is the idiom of the verb its comment names ("# RUSH")
    assert ("speed", "", "to") not in rows
    assert summary["skipped"]["particle idioms not lent to the block's other verbs"] == 1
    for verb in ("rush", "speed"):
        assert rows[(verb, "", "&food")]["event"] == "AID"
        assert rows[(verb, "", "arms_shipment")]["cameo"] == "072"  # braces: contiguous, singular
        assert rows[(verb, "", "to banned_party $")]["event"] == "COERCE"
        assert (verb, "", "") not in rows                           # [---] block: no verb-only row
    assert not any(r["after"] in ("before court", "holiday") for r in rows.values())
    assert not any("&military" in r["before"] for r in rows.values())  # undefined synset
    assert summary["skipped"]["patterns coded --- or with no active code ([:173])"] == 2


def test_particle_idioms_stay_with_their_own_verbs():
    block = convert.Block("PRESS", "100", 1, verbs=[convert.Verb(["press"], [], None, 2),
                                                     convert.Verb(["need"], [], None, 3)])
    assert convert.idiom_of(["on"], " PRESS", block) == {"press"}
    assert convert.idiom_of(["back", "at"], " HIT", block) == set()     # names no verb of the block
    assert convert.idiom_of(["attack"], " PRESS", block) == set()       # a word of its own: lent
    assert convert.idiom_of(["$", "into", "+"], " PRESS, NEED", block) == {"press", "need"}
    rows = read_tsv(DICTIONARY_DIR / "cameo_verbs.tsv")
    # "Washington and Berlin, which need Moscow's help on Iran" had been an attack (PRESS * ON [190])
    assert not any(r["verb"] == "need" and r["after"] == "on" for r in rows)
    assert any(r["verb"] == "press" and r["after"] == "on" and r["cameo"] == "190" for r in rows)


def test_block_code_verb_code_and_prefix_mapping(converted):
    _, out = converted
    rows = {(r["verb"], r["before"], r["after"]): r for r in _rows(out, "cameo_verbs.tsv")}
    assert rows[("meet", "", "")]["cameo"] == "040"
    assert rows[("meet with", "", "")]["event"] == "CONSULT"
    assert rows[("confer", "", "")]["cameo"] == "046"              # the verb's own code wins
    talks = rows[("meet", "+", "in talk")]
    assert (talks["cameo"], talks["event"], talks["context"]) == ("0461", "CONSULT", "diplomatic")
    source_line = next(n for n, line in enumerate(CAMEO_SNIPPET.splitlines(), 1) if "TALKS" in line)
    assert int(talks["line"]) == source_line


def test_irregular_forms(converted):
    _, out = converted
    forms = {(r["form"], r["verb"]) for r in _rows(out, "cameo_verb_forms.tsv")}
    assert {("sped", "speed"), ("met", "meet"), ("met with", "meet with")} <= forms
    assert ("meet with", "meet with") not in forms


def test_files_carry_source_licence_and_header(converted):
    _, out = converted
    for name in FILES:
        text = (out / name).read_text(encoding="utf-8")
        comments = [l for l in text.splitlines() if l.startswith("#")]
        assert "do not edit by hand" in " ".join(comments)
        licence = "CC BY-SA 4.0" if name == "cameo_plover.tsv" else "Copyright (c) 2014 Test"
        assert licence in " ".join(comments), name


def test_converter_is_deterministic(converted, tmp_path):
    _, out = converted
    again = tmp_path / "again"
    convert.convert(tmp_path / "data", again)
    for name in FILES:
        assert (again / name).read_bytes() == (out / name).read_bytes()


# ---------------------------------------------------------------- (b) the shipped files

def test_shipped_files_load():
    verbs = load_cameo_verbs()
    patterns = [p for ps in verbs.values() for p in ps]
    assert len(patterns) > 5000
    assert len(verbs) > 1000
    assert {p.event for p in patterns} - {""} == set(EVENT_TYPES)  # "": CAMEO 01/02, no PLOVER type
    assert all(p.event for p in patterns if not p.cameo.startswith(("01", "02")))
    assert {e for e, _, _ in load_cameo_plover().values()} == set(EVENT_TYPES)
    assert len(load_synsets()) > 30
    assert load_verb_forms()["sped"] == "speed"


def test_meet_consults():
    meet = load_cameo_verbs()["meet"]
    assert any(p.event == "CONSULT" and p.cameo.startswith("04") for p in meet)


def _find(verb, particle="", before=(), after=()):
    return [p for p in load_cameo_verbs()[verb]
            if p.particle == particle and p.raw == tuple(before) + ("*",) + tuple(after)]


def test_known_patterns_from_the_source():
    # CAMEO.2.0.txt line 720, EXPEDITE block:  - * {ARMS SHIPMENT}  [072]
    (arms,) = [p for p in _find("expedite", after=["arms_shipment"]) if p.cameo == "072"]
    assert (arms.event, arms.line) == ("AID", 720)
    # line 738, ADD block:  - * (TO {BANNED PARTIES}) $  [1722]
    (banned,) = _find("add", after=["to", "banned_party", "$"])
    assert (banned.cameo, banned.event) == ("1722", "COERCE")
    assert banned.rule == "cameo_verbs.tsv:738:add * to banned_party $ [1722]"
    # line 718, RUSH block:  - * (TO)  [042:043]
    (to,) = _find("rush", after=["to"])
    assert (to.cameo, to.event, to.mode) == ("042", "CONSULT", "visit")


def test_synset_tokens_are_expanded_and_phrasal_verbs_keyed_by_verb():
    (food,) = [p for p in _find("rush", after=["&food"]) if p.cameo == "073"]
    assert isinstance(food.after[0], frozenset) and "food" in food.after[0]
    carried = [p for p in load_cameo_verbs()["carry"] if p.particle == "out"]
    assert carried and all(isinstance(p, VerbPattern) for p in carried)
    assert max(carried, key=lambda p: p.specificity).specificity >= 2


def test_plover_prefix_fallback():
    assert plover_for_cameo("0311") == ("AGREE", "", "economic")
    assert plover_for_cameo("1835")[0] == "ASSAULT"   # not listed: falls back to 183
    assert plover_for_cameo("010") is None            # statements have no PLOVER type


def test_read_tsv_reads_every_shipped_file():
    for name in FILES:
        rows = read_tsv(DICTIONARY_DIR / name)
        assert rows and all(None not in r.values() for r in rows)


# ---------------------------------------------------------------- (c) reproducible

def test_converter_reproduces_the_shipped_files(tmp_path):
    shared_data("petrarch2/CAMEO.2.0.txt")
    data = shared_data("plover/CAMEO2PLOVER-2021.txt").parent.parent
    convert.convert(data, tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DICTIONARY_DIR / name).read_bytes(), name
