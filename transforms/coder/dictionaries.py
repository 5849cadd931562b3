"""Load the analyst-editable dictionaries in transforms/dictionaries/ into lookup tables.

Everything here is read once per process (cached) so building an EventCoder is cheap.
"""
from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DICTIONARY_DIR = Path(__file__).resolve().parent.parent / "dictionaries"

# Event types the coder emits, in PLOVER order.
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True)
class ActorEntry:
    """What one surface form in the actor dictionaries stands for."""
    kind: str        # country | seat | adjective | people | igo | group | place | role | block
    code: str = ""   # country or organisation code ("" for roles and blocked phrases)
    sector: str = ""
    title: bool = False   # a role that titles a person ("President Obama")


# Prepositions and adverb particles. A CAMEO pattern made of these alone names no object of its
# own: its meaning is its verb's idiom ("press on", "fly into"; see the converter and tree_lexicon).
PARTICLES = frozenset(
    "about across after against along around at away back by down for from in inside into near "
    "of off on onto out over through to toward towards under up upon with".split())


@functools.lru_cache(maxsize=None)
def _words_before(words: tuple) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\s+$", re.I)


@functools.lru_cache(maxsize=None)
def _words_after(words: tuple) -> re.Pattern:
    return re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


@dataclass(frozen=True)
class TriggerEntry:
    """One trigger pattern of triggers.yaml with the event it codes."""
    event: str
    pattern: str
    mode: str
    cameo: str
    goldstein: float
    quad_class: int
    frame: str = "svo"
    governs: bool = False
    place_target: bool = False
    unless_before: tuple = ()  # words right before the trigger that make it a noun ("restore order")
    unless_after: tuple = ()   # words right after it that say it is not this event ("released footage")
    origin: str = ""           # where a converted entry came from ("cameo_verbs.tsv:2434:...")
    armed: bool = False        # only armed forces do it: "tanks surged into" (investors "pour into")
    ahead: bool = False        # its words tell an act still to come: "is due in Kiev"

    @property
    def rule(self) -> str:
        return self.origin or f"triggers.yaml:{self.event}/{self.pattern}"

    def ruled_out(self, sentence: str, start: int, head_end: int) -> bool:
        """True when the words right before or after it say it is not this event ("restore
        order", "released video footage"): unless_before / unless_after."""
        if self.unless_before and _words_before(self.unless_before).search(sentence, 0, start):
            return True
        return bool(self.unless_after and _words_after(self.unless_after).match(sentence, head_end))

    def fits_source(self, source) -> bool:
        """False when only armed forces do this and the source has none ("investors poured into
        Australia" is no incursion)."""
        return not self.armed or any(a.sector in ("MIL", "REB") for a in source)


@dataclass
class Lexicon:
    actor_forms: dict = field(default_factory=dict)   # surface form -> list[ActorEntry]
    country_names: dict = field(default_factory=dict)  # code -> preferred name
    triggers: list = field(default_factory=list)       # list[TriggerEntry]
    people: dict = field(default_factory=dict)         # name or surname -> (code, sector, name, role)
    actor_nouns: frozenset = frozenset()               # "a UN resolution": nouns a country word owns
    business_name_words: frozenset = frozenset()       # "Nippon Steel": a company's name
    business_context_words: frozenset = frozenset()    # "shares", "stake": a business sentence


def read_tsv(path: Path) -> list[dict]:
    """Rows of a tab-separated file whose first non-comment line is the header."""
    rows, header = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        cells += [""] * (len(header) - len(cells))
        # interned: the same code or type in thousands of rows is one string in memory
        rows.append({h: sys.intern(c.strip()) for h, c in zip(header, cells)})
    return rows


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _add(forms: dict, surface: str, entry: ActorEntry) -> None:
    bucket = forms.setdefault(surface, [])
    if entry not in bucket:
        bucket.append(entry)


def load_actor_forms(directory: Path = DICTIONARY_DIR) -> tuple[dict, dict]:
    forms: dict[str, list[ActorEntry]] = {}
    names: dict[str, str] = {}
    for row in read_tsv(directory / "countries.tsv"):
        code = row["code"]
        country_names = _split(row["names"])
        names[code] = country_names[0]
        for name in country_names:
            _add(forms, name, ActorEntry("country", code, "GOV"))
        for adjective in _split(row["adjectives"]):
            _add(forms, adjective, ActorEntry("adjective", code))
        for people in _split(row["people"]):
            _add(forms, people, ActorEntry("people", code, "CVL"))
        for seat in _split(row["seats"]):
            _add(forms, seat, ActorEntry("seat", code, "GOV"))
    for row in read_tsv(directory / "organisations.tsv"):
        for name in _split(row["names"]):
            _add(forms, name, ActorEntry("igo", row["code"], "IGO"))
    for row in read_tsv(directory / "groups.tsv"):
        for name in _split(row["names"]):
            _add(forms, name, ActorEntry("group", row["code"], row["sector"]))
    for row in read_tsv(directory / "places.tsv"):
        for name in _split(row["names"]):
            _add(forms, name, ActorEntry("place", row["code"]))
    for row in read_tsv(directory / "roles.tsv"):
        _add(forms, row["phrase"], ActorEntry("role", "", row["sector"], row["title"] == "yes"))
    for row in read_tsv(directory / "not_actors.tsv"):
        _add(forms, row["phrase"], ActorEntry("block"))
    return forms, names


@functools.lru_cache(maxsize=4)
def known_actor_codes(directory: Path = DICTIONARY_DIR) -> frozenset:
    """Every state and organisation code the coder can emit (for checking user input)."""
    return frozenset(row["code"] for name in ("countries.tsv", "organisations.tsv")
                     for row in read_tsv(directory / name))


@functools.lru_cache(maxsize=4)
def known_state_codes(directory: Path = DICTIONARY_DIR) -> frozenset:
    """The states the coder knows (ISO 3166 alpha-3 and TWN, XKX, PSE): valid home countries and
    the only codes that make a country pair (no NATO, WHO …)."""
    return frozenset(row["code"] for row in read_tsv(directory / "countries.tsv"))


# "al-Zarqawi", "el-Baradei": an Arabic surname's article, which news often drops ("Zarqawi")
SURNAME_ARTICLE = re.compile(r"^(?:al|el|Al|El)-(?=[A-ZÀ-ÖØ-Þ])")


def surnames(name: str) -> list[str]:
    """The forms of a person's surname that stand for them: the last word, and without its
    Arabic article ("Abu Musab al-Zarqawi": "al-Zarqawi", "Zarqawi")."""
    last = name.split()[-1]
    bare = SURNAME_ARTICLE.sub("", last)
    return [last] if bare == last else [last, bare]


def load_people(directory: Path = DICTIONARY_DIR) -> dict:
    people = {}
    for row in read_tsv(directory / "people.tsv"):
        record = (row["code"], row["sector"], row["name"], row["role"])
        people.setdefault(row["name"], record)
        if row["surname"] == "yes":
            for surname in surnames(row["name"]):
                people.setdefault(surname, record)
        elif row["surname"] == "first":  # the family name first: "Hu Jintao" is "Hu"
            people.setdefault(row["name"].split()[0], record)
    return people


def load_triggers(directory: Path = DICTIONARY_DIR) -> list[TriggerEntry]:
    data = yaml.safe_load((directory / "triggers.yaml").read_text(encoding="utf-8"))
    entries = []
    for event, block in data.items():
        if event not in EVENT_TYPES:
            raise ValueError(f"triggers.yaml: unknown event type {event!r}")
        for item in block["triggers"]:
            if isinstance(item, str):
                item = {"pattern": item}
            entries.append(TriggerEntry(
                event=event,
                pattern=item["pattern"],
                mode=item.get("mode", "") or "",
                cameo=str(item.get("cameo", block["cameo"])),
                goldstein=float(item.get("goldstein", block["goldstein"])),
                quad_class=int(item.get("quad_class", block["quad_class"])),
                frame=item.get("frame", "svo"),
                governs=bool(item.get("governs", False)),
                place_target=bool(item.get("place_target", False)),
                unless_before=tuple(_words(item.get("unless_before"))),
                unless_after=tuple(_words(item.get("unless_after"))),
                armed=bool(item.get("armed", False)),
                ahead=bool(item.get("ahead", False)),
            ))
    return entries


@functools.lru_cache(maxsize=4)
def load_event_defaults(directory: Path = DICTIONARY_DIR) -> dict:
    """event type -> (CAMEO root, Goldstein score, quad class), from triggers.yaml's blocks."""
    data = yaml.safe_load((directory / "triggers.yaml").read_text(encoding="utf-8"))
    return {event: (str(block["cameo"]), float(block["goldstein"]), int(block["quad_class"]))
            for event, block in data.items()}


def _words(value) -> list[str]:
    """A '|'-separated string (or a YAML list) of lower-case words and phrases."""
    if not value:
        return []
    parts = value if isinstance(value, list) else str(value).split("|")
    return [p.strip().lower() for p in parts if p.strip()]


@functools.lru_cache(maxsize=4)
def load_lexicon(directory: Path = DICTIONARY_DIR) -> Lexicon:
    forms, names = load_actor_forms(directory)
    return Lexicon(actor_forms=forms, country_names=names, triggers=load_triggers(directory),
                   people=load_people(directory), actor_nouns=load_actor_nouns(directory),
                   business_name_words=_business_words(directory, "name"),
                   business_context_words=_business_words(directory, "sentence"))


def _business_words(directory: Path, where: str) -> frozenset:
    return frozenset(row["word"].lower() for row in read_tsv(directory / "business_words.tsv")
                     if row["where"] == where)


def load_actor_nouns(directory: Path = DICTIONARY_DIR) -> frozenset:
    return frozenset(row["noun"].lower() for row in read_tsv(directory / "actor_nouns.tsv"))


# Codes of the event types that rules (plans, negation) may recode an event into.
EVENT_DEFAULTS = {  # used when a rule changes an event's type (plans, negation)
    "AGREE": ("03", 4.0, 1),
    "REJECT": ("12", -4.0, 3),
    "THREATEN": ("13", -6.0, 3),
    "DISAPPROVE": ("11", -2.0, 3),
    "SUPPORT": ("05", 3.5, 1),
    "INVESTIGATE": ("09", -2.0, 3),
    "ASSAULT": ("18", -9.0, 4),
}
