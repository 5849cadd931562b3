"""Every country code in the dictionaries is ISO 3166-1 alpha-3 (checked with pycountry).

The one deliberate exception is XKX, Kosovo: a user-assigned code (ISO has none for Kosovo), the one
the EU, IMF and GDELT/ICEWS use. TWN and PSE are ISO codes, and pycountry knows them.
"""
import pycountry
import pytest

from transforms.coder.dictionaries import DICTIONARY_DIR, known_actor_codes, known_state_codes, read_tsv

NOT_ISO = {"XKX"}   # Kosovo (user-assigned), see above
ISO_ALPHA3 = {country.alpha_3 for country in pycountry.countries}


def test_every_state_the_coder_knows_is_iso_3166():
    assert not known_state_codes() - ISO_ALPHA3 - NOT_ISO
    assert {"TWN", "PSE", "CAN", "RUS", "LAO"} <= known_state_codes() & ISO_ALPHA3
    assert NOT_ISO <= known_state_codes() and not NOT_ISO & ISO_ALPHA3   # an exception still needed


def test_states_and_organisations_do_not_share_codes():
    organisations = {row["code"] for row in read_tsv(DICTIONARY_DIR / "organisations.tsv")}
    assert not organisations & known_state_codes()
    assert not organisations & ISO_ALPHA3   # an organisation must never read as a country


@pytest.mark.parametrize("name", ["places.tsv", "groups.tsv", "people.tsv"])
def test_actors_belong_to_codes_the_coder_knows(name):
    unknown = {row["code"] for row in read_tsv(DICTIONARY_DIR / name)} - known_actor_codes()
    assert not unknown, f"{name}: codes neither a known state nor organisation: {sorted(unknown)}"


def test_phoenix_countries_are_iso_current_or_historic():
    def iso(code):
        return code in ISO_ALPHA3 or pycountry.historic_countries.get(alpha_3=code) is not None

    codes = {row["code"] for row in read_tsv(DICTIONARY_DIR / "phoenix_countries.tsv")}
    assert not {code for code in codes if not iso(code)} - NOT_ISO


def test_plural_demonyms_in_men_are_spelled_as_in_english():
    # "two Irishmen", "Dutchmen": not "Irishmans"
    from transforms.coder.coder import EventCoder
    top = EventCoder().code("Gunmen in Iraq kidnapped two Irishmen.")[0]
    assert [a["code"] for a in top["target"]] == ["IRL"]
