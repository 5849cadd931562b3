"""Convert the Phoenix actor dictionaries of PETRARCH2 into the project's TSV dictionaries.

Source: openeventdata/petrarch2 (commit 676801cd, MIT), as copied to ../shared/data/petrarch2/:
Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.agents.txt and
Phoenix.MilNonState.actors.txt (format: dictionaries.rst beside them).

Writes into --out (default transforms/dictionaries):
  phoenix_people.tsv         name code sector role start end   (one row per name and dated role)
  phoenix_countries.tsv      code names                        (country-name entries by ISO code)
  phoenix_organisations.tsv  code names                        (International.actors, not people)
  phoenix_agents.tsv         phrase sector                     (role nouns, singular and plural)
  phoenix_groups.tsv         code sector names                 (MilNonState.actors)

Run from the repository root:  .venv/bin/python transforms/dictionaries/build/convert_phoenix_actors.py
Re-running gives identical files (rows sorted, no time stamps). Standard library only.

How the actor files are read (as PETRARCH's read_actor_dictionary does): an entry is a primary
phrase line, its '+' synonym lines and its tab-indented '[CODE restriction]' lines; a primary line
that follows a primary with no codes yet joins that entry (the names share the codes below them).
A restriction is '[CODE]' (default: open start and end), '[CODE >date]' (from the date on),
'[CODE <date]' (until the date) or '[CODE date-date]' (both inclusive); dates are YYYYMMDD or
YYMMDD, where YY 00-30 is 20YY and 31-99 is 19YY (KEDS/TABARI convention). Inline '[..]' after a
primary phrase are read the same way. Unparseable restrictions and entries are skipped and counted.
"""
from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SOURCE_COMMIT = "676801cd"
SCRIPT = "transforms/dictionaries/build/convert_phoenix_actors.py"

# --- Phoenix role codes -> the project's sectors (roles.tsv: GOV MIL REB OPP CVL BUS MED JUD LEG IGO)
# Phoenix/CAMEO code   meaning                                  -> sector
#   GOV                government                               -> GOV
#   MIL, COP, SPY      military, police, intelligence           -> MIL (the project's MIL includes police/security)
#   REB, INS, UAF, IMG insurgents, unaligned armed forces,      -> REB (non-state armed actors take REB,
#   RAD, CRM           militant groups, radicals, criminals         as in the project's gold conventions)
#   UNR                unrecognised (breakaway) authorities     -> REB
#   OPP, PTY           opposition, political parties            -> OPP (a party in office is coded GOVPTY -> GOV)
#   ELI                elites: former/future office holders,    -> CVL (out of office: not the state)
#                      prominent people without an office
#   CVL, PPL, LAB, EDU, HLH, AGR, ENV, HRI, REF, NGO, NGM, DEV,  -> CVL (civilians, professions, religions,
#   REL, MUS, CHR, JEW, BUD, HIN, SIK, CTH, PRO, ...             NGOs, refugees)
#   BUS, MED, JUD, LEG, IGO                                     -> the same
#   OCC                occupation authorities                   -> GOV
ROLE_SECTOR = {
    "GOV": "GOV", "OCC": "GOV",
    "MIL": "MIL", "COP": "MIL", "SPY": "MIL",
    "REB": "REB", "INS": "REB", "UAF": "REB", "IMG": "REB", "RAD": "REB", "CRM": "REB",
    "UNR": "REB",
    "OPP": "OPP", "PTY": "OPP",
    "ELI": "CVL",
    "CVL": "CVL", "PPL": "CVL", "LAB": "CVL", "EDU": "CVL", "HLH": "CVL", "AGR": "CVL",
    "ENV": "CVL", "HRI": "CVL", "REF": "CVL", "NGO": "CVL", "NGM": "CVL", "DEV": "CVL",
    "REL": "CVL", "MUS": "CVL", "CHR": "CVL", "JEW": "CVL", "BUD": "CVL", "HIN": "CVL",
    "SIK": "CVL", "CTH": "CVL", "PRO": "CVL", "ORT": "CVL", "SHI": "CVL", "SUN": "CVL",
    "MAR": "CVL", "CAS": "CVL", "JAN": "CVL", "TAO": "CVL", "ZRO": "CVL", "ATH": "CVL",
    "MOS": "CVL", "ITP": "CVL",
    "BUS": "BUS", "MED": "MED", "JUD": "JUD", "LEG": "LEG", "IGO": "IGO",
}
SECTOR_WORD = {"GOV": "government", "MIL": "military", "REB": "rebel", "OPP": "opposition",
               "CVL": "civilian", "BUS": "business", "MED": "media", "JUD": "judiciary",
               "LEG": "legislature", "IGO": "international organisation"}
# Readable words for Phoenix secondary codes (GOVBUS "government: economy"; ELI "elite").
ROLE_WORD = {
    "ELI": "elite (out of office)", "BUS": "economy", "AGR": "agriculture", "MED": "media",
    "EDU": "education", "MIL": "defence", "HLH": "health", "DEV": "development",
    "JUD": "justice", "LAB": "labour", "ENV": "environment", "HRI": "human rights",
    "LEG": "legislature", "REL": "religion", "COP": "police", "REF": "refugees",
    "SPY": "intelligence", "MUS": "Muslim", "PTY": "party", "UNR": "unrecognised authority",
    "OPP": "opposition", "REB": "rebel", "OCC": "occupation authority", "GOV": "government",
    "CVL": "civilian", "IGO": "international organisation",
}
# Phoenix/CAMEO country codes that are not (current) ISO 3166-1 alpha-3 codes.  Former states go
# to their successor state, as people.tsv does (Gorbachev is RUS).
COUNTRY_FIX = {
    "KSV": "XKX", "TMP": "TLS", "USR": "RUS", "SUN": "RUS", "YUG": "SRB", "FRY": "SRB",
    "SCG": "SRB", "CSK": "CZE", "DDR": "DEU", "ROM": "ROU", "ZAR": "COD", "IMY": "IMN",
    "NWF": "WLF", "BUR": "MMR",
}
# Three-letter Phoenix codes that are regions, blocs or invented states, not countries.
NOT_COUNTRIES = {
    "IGO", "NGO", "IMG", "MNC", "---", "KNT", "KRJ", "KKL", "SRP", "INT", "MEA", "SAS", "SEA",
    "EAF", "WAF", "NAF", "SAF", "LAM", "WEU", "EEU", "EUR", "ASA", "AFR", "CFR", "CAS",
    "NMR", "SAM", "EIN", "WST", "ARB", "MOS", "CRB", "SCN", "BLK", "BAL", "PGS", "CAU",
    "GZA", "WSB",
}
# Country codes that are also Phoenix role codes (Morocco/Marxist, Mauritius/Muslim, Soviet
# Union/Sunni): first in a code they are the country, later the role.
COUNTRY_FIRST = {"MAR", "MUS", "SUN"}
# Territories whose own ISO code the second part of a country entry's code gives (USAASM).
TERRITORIES = {"ASM", "GUM", "VIR", "PRI", "VGB", "SHN", "PCN", "MSR", "GIB", "FLK", "PYF",
               "NCL", "MTQ", "GUF", "GLP", "GRL", "FRO", "TKL", "NIU", "WLF", "NWF", "IMY",
               "ANT", "CYM", "BMU", "AIA", "ABW", "COK", "GGY", "JEY", "MAC", "REU", "MYT"}
# A second part naming a (successor) state that a person acts for (SCGMNE, FRYKSV, SDNSSD).
SUBSTATES = {"MNE", "SRB", "KSV", "SSD", "HRV", "SVN", "MKD", "BIH", "ERI", "TLS", "TMP"}
# Phoenix organisation parts -> the project's organisations.tsv codes (others keep the Phoenix code).
ORG_MAP = {
    "UNO": "UN", "KID": "UNICEF", "HCR": "UNHCR", "WBK": "WB", "IAE": "IAEA", "ICJ": "ICJ",
    "WHO": "WHO", "WFP": "WFP", "IMF": "IMF", "WTO": "WTO", "NAT": "NATO", "EEC": "EU",
    "AFU": "AU", "OAU": "AU", "ARL": "ARABLEAGUE", "ASN": "ASEAN", "OPC": "OPEC", "OAS": "OAS",
    "WAS": "ECOWAS", "GCC": "GCC", "OIC": "OIC", "CIS": "CIS", "SAD": "SADC", "GOE": "G8",
    "GOS": "G7", "IRC": "ICRC", "ICC": "ICC",
}
# Words that make an entry of the actor files an institution or group rather than a person.
INSTITUTION_WORDS = set("""
ARMY FORCES FORCE MINISTRY MINISTRIES PARTY ASSEMBLY PARLIAMENT COUNCIL COMMITTEE COMMISSION
GOVERNMENT POLICE COURT SENATE CONGRESS CABINET OFFICE AGENCY BANK UNION FRONT MOVEMENT SABHA
GUARD GUARDS CORPS NAVY SERVICE SERVICES DEPARTMENT BUREAU AUTHORITY MILITARY TROOPS SOLDIERS
REBELS ORGANIZATION ORGANISATION ORGANIZATIONS ASSOCIATION FEDERATION INSTITUTE FOUNDATION FUND
PROGRAM PROGRAMME TRIBUNAL SECRETARIAT MISSION ALLIANCE COALITION LEAGUE BRIGADE BRIGADES REGIME
ADMINISTRATION DELEGATION EMBASSY CONSULATE CENTRE CENTER SOCIETY NETWORK GROUP CONFERENCE FORUM
INTELLIGENCE MILITIA MILITIAS OPPOSITION KNESSET DUMA MAJLIS JUNTA STATE STATES REPUBLIC KINGDOM
PEACEKEEPER PEACEKEEPERS CONTINGENT CHURCH BOARD PANEL INITIATIVE PROJECT COMMUNITY PARTNERSHIP
COMPANY CORPORATION INTERNATIONAL NATIONAL NATIONS COUNTRIES MINISTERS OFFICIALS DIVISION
UNIVERSITY COLLEGE SCHOOL HOSPITAL WATCH FACTION CELL CELLS LEGISLATURE JUDICIARY PRESIDENCY
DIRECTORATE SECURITY TEAM CLUB
OF FOR AND THE IN ON TO
""".split())
# Words that make an undated International.actors name a title rather than a person's name.
TITLE_WORDS = set("""
SECRETARY GENERAL CHIEF ENVOY PRESIDENT SPOKESMAN SPOKESWOMAN SPOKESPERSON DIRECTOR COMMISSIONER
AMBASSADOR OFFICIAL OFFICIALS HEAD LEADER LEADERS MINISTER DELEGATE OBSERVERS MONITORS EXPERTS
STAFF WORKERS INSPECTORS REPRESENTATIVE HIGH SPECIAL RAPPORTEUR CHAIRMAN CHAIR COORDINATOR
MEMBERS MEMBER DELEGATES TEAM PEACEKEEPING INSPECTOR AID RELIEF
""".split())
SOURCE_NOTE = {"COUNTRYINFO.TXT", "IGORULERS.TXT", "NGO_ACTORS"}

PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "del", "della", "der", "den", "di", "da",
             "dos", "das", "do", "du", "van", "von", "la", "le", "y", "ul", "ud", "ad", "as",
             "ash", "an", "ar", "at", "az", "ben", "ter", "zu", "e"}
FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "to", "at", "by", "with", "a", "an",
                  "de", "la", "des", "du", "del", "di", "et", "y", "against", "from"}
ROMAN = re.compile(r"^(?=[IVXLC]+$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


# ============================================================ parsing the actor files

@dataclass
class Restriction:
    code: str
    start: datetime.date | None
    end: datetime.date | None
    comment: str = ""


@dataclass
class Entry:
    names: list = field(default_factory=list)
    codes: list = field(default_factory=list)      # list[Restriction]
    comments: list = field(default_factory=list)   # comments on the name lines
    dated: bool = False
    country: bool = False    # a country-name entry (taken by phoenix_countries.tsv)


def parse_date(text: str) -> datetime.date:
    """YYYYMMDD or YYMMDD (YY 00-30 is 20YY, else 19YY); ValueError when it is not a date."""
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(text)
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    return datetime.date(year, month, day)


def parse_restriction(body: str, comment: str = "") -> Restriction:
    """The text inside one '[...]': 'CODE', 'CODE >date', 'CODE <date', 'CODE d1-d2'."""
    code, _, rest = body.strip().partition(" ")
    code, rest = code.strip(), rest.strip()
    if not code or not re.fullmatch(r"[A-Z0-9-]+", code):
        raise ValueError(body)
    if not rest:
        return Restriction(code, None, None, comment)
    if rest[0] in "<>":
        day = parse_date(rest[1:])
        return (Restriction(code, None, day, comment) if rest[0] == "<"
                else Restriction(code, day, None, comment))
    first, dash, second = rest.partition("-")
    if not dash:
        raise ValueError(body)
    start, end = parse_date(first), parse_date(second)
    if end < start:
        raise ValueError(body)
    return Restriction(code, start, end, comment)


def _split_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    comment = comment.split("#")[0].strip()
    return body.rstrip("\n"), comment


def read_actor_entries(path: Path, skipped: Counter) -> list[Entry]:
    """The entries of a PETRARCH .actors file, with their restrictions."""
    entries: list[Entry] = []
    current: Entry | None = None

    def add_codes(text: str, comment: str) -> None:
        for body in re.findall(r"\[([^\]]*)\]?", text):
            try:
                restriction = parse_restriction(body, comment)
            except ValueError:
                skipped[f"{path.name}: unparseable restriction"] += 1
                continue
            current.codes.append(restriction)
            if restriction.start or restriction.end:
                current.dated = True

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#") or raw.startswith("<"):
            continue
        body, comment = _split_comment(raw)
        if not body.strip():
            continue
        if body[0] in "\t " and "[" in body:
            if current is None:
                skipped[f"{path.name}: restriction without a name"] += 1
                continue
            add_codes(body, comment)
            continue
        text = body.strip()
        if text.startswith("+"):
            if current is None:
                skipped[f"{path.name}: synonym without a name"] += 1
                continue
            names_part, _, codes_part = text.partition("[")
            current.names.extend(n for n in names_part.split("+") if n.strip())
            if codes_part:
                add_codes("[" + codes_part, comment)
            continue
        if current is None or current.codes:
            current = Entry()
            entries.append(current)
        names_part, _, codes_part = text.partition("[")
        current.names.extend(n for n in names_part.split("+") if n.strip())
        if comment:
            current.comments.append(comment)
        if codes_part:
            add_codes("[" + codes_part, comment)
    return entries


# ============================================================ names

def _cap(word: str) -> str:
    """Capitalise one word: 'obama' -> 'Obama', "o'neill" -> "O'Neill", 'mccain' -> 'McCain'."""
    if not word:
        return word
    if ROMAN.match(word.upper()) and len(word) <= 4 and word.upper() not in {"DI", "LI", "MI", "VI", "CI", "DC"}:
        return word.upper()
    lower = word.lower()
    if lower.startswith("mc") and len(lower) > 3:
        return "Mc" + lower[2].upper() + lower[3:]
    parts = lower.split("'")
    out = [parts[0][:1].upper() + parts[0][1:]]
    for part in parts[1:]:
        out.append(part[:1].upper() + part[1:] if len(part) > 1 else part)
    return "'".join(out)


def person_name(raw: str) -> str:
    """'BARACK_OBAMA_' -> 'Barack Obama'; 'BASHAR_AL-ASSAD' -> 'Bashar al-Assad'."""
    tokens = [t for t in re.split(r"[_\s]+", raw.strip()) if t]
    words = []
    for index, token in enumerate(tokens):
        pieces = token.split("-")
        out = []
        for j, piece in enumerate(pieces):
            low = piece.lower()
            if low in PARTICLES and (index > 0 or (j == 0 and len(pieces) > 1 and len(tokens) > 1)) \
                    and not (j == len(pieces) - 1 and len(pieces) > 1):
                out.append(low)
            elif re.fullmatch(r"([A-Za-z]\.)+", piece):
                out.append(piece.upper())
            else:
                out.append(_cap(piece))
        words.append("-".join(out))
    if words:
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def group_name(raw: str, acronyms: set) -> str:
    """'NORTH_ATLANTIC_TREATY_ORGANIZATION_' -> 'North Atlantic Treaty Organization';
    acronyms (single-word names of the files, '(IAAA)', 'U.N.') stay in capitals."""
    tokens = [t for t in re.split(r"[_\s]+", raw.strip()) if t]
    words = []
    for index, token in enumerate(tokens):
        bare = token.strip("(),.:;\"")
        if (token.startswith("(") and len(bare) <= 6) or bare.upper() in acronyms or re.fullmatch(r"([A-Za-z]\.){2,}", token) \
                or (bare and not re.search(r"[AEIOUY]", bare.upper()) and bare.isalpha()):
            words.append(token.upper())
        elif index > 0 and token.lower() in FUNCTION_WORDS:
            words.append(token.lower())
        else:
            words.append("-".join(person_name(p) if p else p for p in token.split("-")))
    return " ".join(words)


def phrase_text(raw: str) -> str:
    return " ".join(t for t in re.split(r"[_\s]+", raw.strip().lower()) if t)


# ============================================================ codes

def _chunks(code: str) -> list[str] | None:
    code = code.strip()
    if not code or len(code) % 3:
        return None
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def country_code(chunk: str) -> str | None:
    """ISO alpha-3 for a Phoenix country code, or None for regions, blocs and IGO/NGO codes."""
    chunk = COUNTRY_FIX.get(chunk, chunk)
    if chunk in NOT_COUNTRIES or not re.fullmatch(r"[A-Z]{3}", chunk):
        return None
    if chunk in ROLE_SECTOR and chunk not in COUNTRY_FIRST:
        return None
    return chunk


def org_code(chunks: list[str]) -> str | None:
    for chunk in reversed(chunks):
        if chunk in ORG_MAP:
            return ORG_MAP[chunk]
    return None


def interpret_code(code: str) -> tuple[str, str, str] | None:
    """Phoenix actor code -> (owner code, sector, readable role) or None when it has no owner.

    USAGOV -> (USA, GOV, government); USAGOVMIL -> (USA, GOV, government: defence);
    IGOUNOKID -> (UNICEF, IGO, ...); SCGMNEGOV -> (MNE, GOV, ...); a bare role (ELI) -> ('', CVL, ...).
    """
    chunks = _chunks(code)
    if chunks is None:
        return None
    first = chunks[0]
    bare_role = first in ROLE_SECTOR and first not in COUNTRY_FIRST and first not in ("IGO", "NGO", "IMG")
    if not bare_role and country_code(first) is None:
        owner = org_code(chunks) or code
        roles = [c for c in chunks[1:] if c in ROLE_SECTOR and c not in ("IGO", "NGO")]
        sector = "IGO" if first == "IGO" else ("CVL" if first == "NGO" else "REB" if first == "IMG"
                                                else ROLE_SECTOR.get(roles[0], "IGO") if roles else "IGO")
        if first == "IGO" and roles and roles[0] in ("ELI",):
            sector = "CVL"
        role = SECTOR_WORD["IGO"] if first == "IGO" else SECTOR_WORD[sector]
        return owner, sector, role
    if bare_role:
        owner, rest = "", chunks
    else:
        owner, rest = country_code(first), chunks[1:]
        if rest and rest[0] in SUBSTATES:
            owner, rest = COUNTRY_FIX.get(rest[0], rest[0]), rest[1:]
    roles = [c for c in rest if c in ROLE_SECTOR]
    if rest and not roles and org_code(rest):     # KSVUNO: under UN administration
        return org_code(rest), "IGO", SECTOR_WORD["IGO"]
    if not roles:
        return owner, "GOV", SECTOR_WORD["GOV"]
    sector = ROLE_SECTOR[roles[0]]
    words = [ROLE_WORD.get(r, r) for r in roles]
    role = words[0] if len(words) == 1 else f"{words[0]}: {', '.join(words[1:])}"
    return owner, sector, role


def _clean_role_comment(comment: str) -> str:
    """A role given in a restriction's comment ('# Secretary of State'), else ''."""
    comment = comment.strip().strip(".").strip()
    if not comment or comment.upper() in SOURCE_NOTE or "countryinfo" in comment.lower():
        return ""
    if re.match(r"^[A-Za-z]{2,5} \d", comment) or re.search(r"\d{3,}|https?:|\?|\(|=", comment):
        return ""   # editor initials and dates, links, notes
    if len(comment) > 40 or not re.search(r"[A-Za-z]{3}", comment):
        return ""
    if any(w in comment.lower() for w in ("iffy", "hmm", "check", "kinda", "maybe", "fix", "vague")):
        return ""
    return comment


# ============================================================ the five outputs

def _is_person_name(raw: str) -> bool:
    tokens = [t for t in re.split(r"[_\s]+", raw.strip().upper()) if t]
    if not tokens or any(t.strip("(),") in INSTITUTION_WORDS for t in tokens):
        return False
    return all(re.fullmatch(r"[A-Z][A-Z.'\-]*", t) for t in tokens)


def people_rows(entries: list[Entry], source: str, skipped: Counter, require_dates: bool,
                accept_undated: bool = False) -> set:
    rows = set()
    for entry in entries:
        if not entry.codes:
            skipped[f"{source}: entry without codes"] += 1
            continue
        if entry.country:
            continue
        primary = entry.names[0]
        noted = any(c.upper() in SOURCE_NOTE and c.upper() != "NGO_ACTORS" for c in entry.comments) \
            or any(r.comment.upper() == "IGORULERS.TXT" for r in entry.codes)
        has_eli = any("ELI" in (_chunks(r.code) or []) for r in entry.codes)
        if not _is_person_name(primary):
            continue
        if require_dates and not (entry.dated or noted):
            continue
        if not require_dates and not (entry.dated or noted or has_eli or accept_undated):
            continue
        roles = []
        last_owner = ""
        for restriction in entry.codes:
            if restriction.code == "---":
                continue
            meaning = interpret_code(restriction.code)
            if meaning is None:
                skipped[f"{source}: unparseable code"] += 1
                continue
            owner, sector, role = meaning
            owner = owner or last_owner
            if not owner:
                skipped[f"{source}: role without a country or organisation"] += 1
                continue
            last_owner = owner
            role = _clean_role_comment(restriction.comment) or role
            roles.append((owner, sector, role, _iso(restriction.start), _iso(restriction.end)))
        if not roles:
            continue
        for raw in entry.names:
            name = person_name(raw)
            if not name:
                continue
            for role in roles:
                rows.add((name,) + role)
    return rows


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def _add_names(table: dict, key, names: list[str]) -> None:
    bucket = table.setdefault(key, [])
    for name in names:
        if name and name not in bucket:
            bucket.append(name)


def country_rows(entries: list[Entry], skipped: Counter, acronyms: set) -> dict:
    """Entries whose primary phrase carries a country code ('AFGHANISTAN_ [AFG]')."""
    table: dict[str, list[str]] = {}
    for entry in entries:
        codes = [r.code for r in entry.codes]
        if not codes or any(len(c) not in (3, 6) for c in codes[:1]):
            continue
        chunks = _chunks(codes[0])
        if chunks is None or any(c in ROLE_SECTOR for c in chunks[1:]):
            continue
        if _is_person_like_entry(entry):
            continue
        key = country_code(chunks[0])
        if len(chunks) == 2 and chunks[1] in TERRITORIES:
            key = COUNTRY_FIX.get(chunks[1], chunks[1])
        elif len(chunks) == 2 and chunks[1] in SUBSTATES:
            key = COUNTRY_FIX.get(chunks[1], chunks[1])
        if key is None:
            skipped[f"countries: entry with a non-country code {codes[0]}"] += 1
            continue
        entry.country = True
        _add_names(table, key, [group_name(n, acronyms) for n in entry.names])
    return table


def _is_person_like_entry(entry: Entry) -> bool:
    return any("COUNTRYINFO" in c.upper() for c in entry.comments)


def organisation_rows(entries: list[Entry], person_names: set, skipped: Counter,
                      acronyms: set) -> set:
    rows = set()
    for entry in entries:
        if not entry.codes:
            continue
        if person_name(entry.names[0]) in person_names:
            continue
        codes = [r.code for r in entry.codes if r.code != "---"]
        if not codes:
            continue
        meaning = interpret_code(codes[0])
        if meaning is None:
            skipped["organisations: unparseable code"] += 1
            continue
        names = []
        for raw in entry.names:
            name = group_name(raw, acronyms)
            if name and name not in names:
                names.append(name)
        rows.add((meaning[0] or codes[0], "|".join(names)))
    return rows


def international_people(entries: list[Entry], skipped: Counter, acronyms: set,
                         place_words: set) -> set:
    rows = set()
    for entry in entries:
        if not entry.codes or not _is_person_name(entry.names[0]):
            continue
        tokens = [t for t in re.split(r"[_\s]+", entry.names[0].strip()) if t]
        noted = any(r.comment.upper() == "IGORULERS.TXT" for r in entry.codes) or \
            any("IGORULERS" in c.upper() for c in entry.comments)
        if not (entry.dated or noted):
            # an undated name of two to four plain words with no title, acronym or place in it
            if not 2 <= len(tokens) <= 4 or any(
                    t.upper() in TITLE_WORDS or t.upper() in acronyms or t.upper() in place_words
                    for t in tokens):
                continue
        rows |= people_rows([entry], "International.actors", skipped, require_dates=False,
                            accept_undated=True)
    return rows


def group_rows(entries: list[Entry], skipped: Counter, acronyms: set) -> set:
    rows = set()
    for entry in entries:
        codes = [r.code for r in entry.codes if r.code != "---"]
        if not codes:
            skipped["groups: entry without codes"] += 1
            continue
        chunks = _chunks(codes[0])
        if chunks is None:
            skipped["groups: unparseable code"] += 1
            continue
        owner = country_code(chunks[0]) or chunks[0]
        roles = [c for c in chunks[1:] if c in ROLE_SECTOR and c not in ("MUS", "CHR", "BUD", "HIN", "JEW")]
        sector = ROLE_SECTOR[roles[0]] if roles else "REB"
        names = []
        for raw in entry.names:
            name = group_name(raw, acronyms)
            if name and name not in names:
                names.append(name)
        rows.add((owner, sector, "|".join(names)))
    return rows


def agent_rows(path: Path, skipped: Counter) -> dict:
    """phrase -> sector from Phoenix.agents.txt (first entry wins when a phrase repeats)."""
    markers: dict[str, list[str]] = {}
    table: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#") or raw.startswith("<"):
            continue
        line = raw.split("#")[0].strip()
        if not line:
            continue
        if "!" in line and "=" in line:
            marker = line[line.find("!") + 1:line.find("!", line.find("!") + 1)]
            markers[marker] = [w.strip() for w in line.split("=", 1)[1].split(",") if w.strip()]
            continue
        match = re.match(r"^(.*?)\[\s*([^\]}]*)[\]}]", line)
        if not match:
            skipped["agents: line without a code"] += 1
            continue
        words, code = match.group(1).strip(), match.group(2).strip()
        sector_code = code.replace("~", "")[:3]
        sector = ROLE_SECTOR.get(sector_code)
        if sector is None:
            skipped["agents: unknown agent code"] += 1
            continue
        forms = []
        if "!" in words:
            parts = words.split("!")
            if len(parts) < 3 or parts[1] not in markers:
                skipped["agents: unknown substitution marker"] += 1
                continue
            forms = [parts[0] + sub + "!".join(parts[2:]) for sub in markers[parts[1]]]
        elif "{" in words:
            if "}" not in words:
                skipped["agents: missing }"] += 1
                continue
            root = words[:words.find("{")].strip()
            plural = words[words.find("{") + 1:words.find("}")].strip()
            forms = [root] + ([plural] if plural else [])
        else:
            root = words.strip()
            if root.endswith("Y"):
                plural = root[:-1] + "IES"
            elif root.endswith("S"):
                plural = root + "ES"
            else:
                plural = root + "S"
            forms = [root, plural]
        for form in forms:
            phrase = phrase_text(form)
            if not phrase:
                continue
            if phrase in table and table[phrase] != sector:
                skipped["agents: phrase repeated with another sector (first kept)"] += 1
                continue
            table.setdefault(phrase, sector)
    return table


# ============================================================ writing

def licence_line(data: Path) -> str:
    path = data / "petrarch2" / "LICENSE"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().lower().startswith("copyright"):
            return line.strip()
    return "Copyright (c) 2014 Open Event Data"


def write_tsv(path: Path, what: list[str], source: str, copyright_line: str,
              header: list[str], rows) -> int:
    lines = [f"# {line}" for line in what]
    lines += [
        f"# Source: openeventdata/petrarch2 (commit {SOURCE_COMMIT}), {source}.",
        f"# Licence: MIT. {copyright_line}. The MIT permission notice applies (petrarch2/LICENSE).",
        f"# Generated by {SCRIPT}; do not edit by hand — add your own entries to",
        "# people.tsv, countries.tsv, organisations.tsv, groups.tsv or roles.tsv, which win on conflict.",
        "\t".join(header),
    ]
    body = ["\t".join(row) for row in rows]
    path.write_text("\n".join(lines + body) + "\n", encoding="utf-8")
    return len(body)


def convert(data: Path, out: Path) -> dict:
    """Read the four Phoenix files under data/petrarch2 and write the five TSVs into out.
    Returns {'rows': {file: count}, 'skipped': {reason: count}}."""
    src = data / "petrarch2"
    skipped: Counter = Counter()
    countries_entries = read_actor_entries(src / "Phoenix.Countries.actors.txt", skipped)
    intl_entries = read_actor_entries(src / "Phoenix.International.actors.txt", skipped)
    group_entries = read_actor_entries(src / "Phoenix.MilNonState.actors.txt", skipped)

    acronyms = {"UN", "U.N.", "EU", "E.U.", "US", "U.S.", "UK", "USA", "NGO", "AU", "NATO",
                "UNICEF", "IAEA", "OPEC", "ASEAN", "ECOWAS"}
    for entry in intl_entries + group_entries:
        for raw in entry.names:
            tokens = [t for t in re.split(r"[_\s]+", raw.strip()) if t]
            if len(tokens) == 1 and re.fullmatch(r"[A-Z]{2,6}", tokens[0]):
                acronyms.add(tokens[0])
    acronyms -= {"AL", "EL", "THE", "OF"}

    countries = country_rows(countries_entries, skipped, acronyms)
    people = people_rows(countries_entries, "Countries.actors", skipped, require_dates=True)
    place_words = {w for names in countries.values() for n in names for w in n.upper().split()}
    intl_people = international_people(intl_entries, skipped, acronyms, place_words)
    people |= intl_people
    intl_person_names = {row[0] for row in intl_people}
    organisations = organisation_rows(intl_entries, intl_person_names, skipped, acronyms)
    groups = group_rows(group_entries, skipped, acronyms)
    agents = agent_rows(src / "Phoenix.agents.txt", skipped)

    out.mkdir(parents=True, exist_ok=True)
    copyright_line = licence_line(data)
    counts = {}
    counts["phoenix_people.tsv"] = write_tsv(
        out / "phoenix_people.tsv",
        ["Named people of the Phoenix actor dictionaries, one row per name and dated role.",
         "name: the name in normal case; further rows with the same code and dates are other spellings",
         "  or titled forms the source lists for the same person.",
         "code: ISO 3166-1 alpha-3 of the country (successor state for SUN/USR, YUG, CSK, DDR; XKX",
         "  Kosovo), or the organisation as organisations.tsv spells it (UN, EU, NATO ...), else the",
         "  Phoenix code. sector: the project's sector for the Phoenix role code; Phoenix ELI (elites,",
         "  out of office) is CVL, COP/SPY are MIL, PTY is OPP, UAF/UNR/CRM are REB (see the script).",
         "role: the role the source's comment gives, else the Phoenix role code in words.",
         "start/end: YYYY-MM-DD, inclusive; empty = open. A row with neither date is the source's",
         "  default code, used when no dated role holds. A person belongs to a country only for the",
         "  dates of a role, judged by the article's date (transforms/coder/phoenix_lexicon.py)."],
        "Phoenix.Countries.actors.txt and Phoenix.International.actors.txt", copyright_line,
        ["name", "code", "sector", "role", "start", "end"], sorted(people))
    counts["phoenix_countries.tsv"] = write_tsv(
        out / "phoenix_countries.tsv",
        ["Country-name entries of the Phoenix actor dictionary, by ISO 3166-1 alpha-3 code.",
         "names: '|'-separated, the entry's primary name first, then the source's synonyms in its order.",
         "Phoenix lists demonyms, misspellings, capitals, cities and provinces among a country's names",
         "(they code as the country there); the project keeps places in places.tsv and never as actors,",
         "so review a name before copying it into countries.tsv. Territories with an ISO code of their",
         "own (USAASM American Samoa, GBRVGB) are keyed by it; former states by their successor."],
        "Phoenix.Countries.actors.txt", copyright_line,
        ["code", "names"], sorted((code, "|".join(names)) for code, names in countries.items()))
    counts["phoenix_organisations.tsv"] = write_tsv(
        out / "phoenix_organisations.tsv",
        ["International organisations and NGOs of the Phoenix actor dictionary (people excluded),",
         "one source entry a row (several rows may share a code). code: the organisation as",
         "organisations.tsv spells it where the Phoenix code maps to one (IGOUNO -> UN, IGOWSTNAT ->",
         "NATO, IGOEUREEC -> EU, ...), else the Phoenix code (IGOSCN, NGOEDU, ...). names: '|'-separated."],
        "Phoenix.International.actors.txt", copyright_line,
        ["code", "names"], sorted(organisations))
    counts["phoenix_agents.tsv"] = write_tsv(
        out / "phoenix_agents.tsv",
        ["Agent phrases (role nouns) of the Phoenix agents dictionary: 'foreign minister' -> GOV.",
         "phrase: lower case; the plural forms the source gives or implies ({...}, regular -s/-es/-ies)",
         "and the !PERSON!/!MINIST! substitutions are rows of their own. sector: the agent code mapped",
         "to the project's sectors (COP/SPY -> MIL, PTY -> OPP, UAF/CRM/RAD -> REB, professions,",
         "religions, NGOs -> CVL); the first entry wins when the source repeats a phrase."],
        "Phoenix.agents.txt", copyright_line,
        ["phrase", "sector"], sorted(agents.items()))
    counts["phoenix_groups.tsv"] = write_tsv(
        out / "phoenix_groups.tsv",
        ["Non-state armed groups of the Phoenix MilNonState dictionary.",
         "code: the country (ISO alpha-3) the group belongs to; international militant groups and",
         "regional codes keep the Phoenix code (IMG, INT, MEA, SAS, ...), which no country matches.",
         "sector: from the Phoenix role code, REB when it gives none. names: '|'-separated."],
        "Phoenix.MilNonState.actors.txt", copyright_line,
        ["code", "sector", "names"], sorted(groups))
    return {"rows": counts, "skipped": dict(sorted(skipped.items()))}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/data",
                        help="data folder (relative paths are taken from the repository root)")
    parser.add_argument("--out", default="transforms/dictionaries",
                        help="output folder (relative paths are taken from the repository root)")
    args = parser.parse_args(argv)
    data = Path(args.data) if Path(args.data).is_absolute() else REPO / args.data
    out = Path(args.out) if Path(args.out).is_absolute() else REPO / args.out
    if not (data / "petrarch2" / "Phoenix.Countries.actors.txt").exists():
        print(f"error: {data}/petrarch2/Phoenix.Countries.actors.txt not found", file=sys.stderr)
        return 2
    result = convert(data, out)
    for name, count in result["rows"].items():
        size = (out / name).stat().st_size
        print(f"{name}: {count} rows, {size} bytes")
    for reason, count in result["skipped"].items():
        print(f"skipped: {reason}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
