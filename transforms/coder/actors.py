"""Recognise actors in a sentence: countries, capitals, demonyms, organisations, roles and people.

Dictionary mentions are found once per document (Aho-Corasick); per sentence they are joined into
actor phrases ("Russian counterpart Sergey Lavrov", "Israeli helicopters", "King Hassan of
Morocco"). People are remembered through the article so a later bare "Lavrov" keeps his country.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .dictionaries import ActorEntry, Lexicon, surnames
from .matching import PhraseMatcher, is_title_case
from .modifiers import PLACE_NOUNS, NounModifiers
from .phoenix_lexicon import person_role
from .sentences import dateline_length

STATE_KINDS = ("country", "seat", "adjective", "people", "group")
EU_SEATS = {"brussels", "bruxelles"}
# words between a demonym and the place it qualifies: "Japanese territorial waters"
PLACE_QUALIFIERS = {"territorial", "coastal", "southern", "northern", "eastern", "western", "central",
                    "border", "capital", "main", "largest", "second", "holy", "port", "northeastern",
                    "northwestern", "southeastern", "southwestern"}
# "Russian-made rockets" is not a Russian actor; "US-led forces" is.
AGENT_SUFFIXES = {"led", "backed", "occupied", "held", "sponsored", "controlled", "brokered",
                  "supported", "run", "ruled", "dominated", "armed", "funded", "allied"}
NOT_NAME_WORDS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "The", "A", "An", "In", "On", "At", "And", "But", "He", "She", "It",
    "They", "This", "That", "Today", "Yesterday", "Tomorrow", "Earlier", "Later", "Last", "Next",
    "Meanwhile", "However", "Also", "Still", "Yet", "So", "Then", "Now", "Here", "There",
    "Instead", "Indeed", "Separately", "Elsewhere", "Despite", "After", "Before", "While",
}
# "a Lebanese-American contractor" is American: the first demonym only tells the origin (but
# "Israeli-Palestinian talks" names two sides).
HYPHENATED_CITIZENS = ("American", "Canadian", "British", "Australian")
HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Prof", "Dame",
              # abbreviated ranks and offices: "Gen Pinochet", "Sen. John Kerry"
              "Gen", "Lt", "Col", "Maj", "Capt", "Adm", "Brig", "Sgt", "Sen", "Rep", "Gov", "Rev"}
# Capitalised words that may precede a country name without making it a person's name.
NAME_PREFIX_OK = {"Communist", "Soviet", "Imperial", "Northern", "Southern", "Eastern", "Western",
                  "Central", "Greater", "Mainland", "Nationalist", "Free", "Independent", "Red",
                  "Democratic", "Islamic", "Socialist", "Federal", "Republican", "Occupied", "Of",
                  "Tuesday", "Says", "Visit", "Visits", "Meets", "Slams", "Warns", "Urges", "To",
                  "And", "In", "With", "For", "Against", "On", "From", "Hits", "Backs", "Rejects"}
PERSON_LIKE_NAMES = {"Jordan", "Chad", "Georgia", "Washington", "Israel", "Kenya", "India"}
# Lower-case words inside names: "Daniel arap Moi", "Hafez al-Assad", "F.W. de Klerk".
NAME_PARTICLES = {"al", "arap", "bin", "ibn", "de", "van", "von", "der", "den", "el", "la", "le",
                  "du", "da", "dos", "di", "abu"}
# "former foreign minister X", "ex-President X", "Former Cabinet minister X": no longer in office
FORMER_BEFORE = re.compile(r"\b(?i:former|ex-|erstwhile)\s*(?:[A-Za-z][\w.'’-]*\s+){0,3}$")
FORMER_INSIDE = re.compile(r"\b(?:former|ex-|erstwhile)", re.I)   # "Russia's former foreign minister"
# a run of capitalised words, which may name a person the article knows
# (without a possessive "'s": "Putin's government" names Putin; with a name's lower-case
# particle: "Osama bin Laden", "Dominique de Villepin")
_CAPITALISED_WORD = r"[A-ZÀ-ÖØ-Þ](?:[\w-]|['’](?!s\b))+"
CAPITALISED_RUN = re.compile(_CAPITALISED_WORD + r"(?:\s+(?:(?:" + "|".join(sorted(NAME_PARTICLES)) + r")\s+)?"
                             + _CAPITALISED_WORD + r")*")
# a capitalised word between a title and a name's last word ("President George W. Bush")
WORD_AFTER_TITLE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*\s+")
WORD_BOUNDARY = re.compile(r"\b")
HYPHEN_PARTICLE = re.compile(r"(?:al|el|bin|ibn|abu|ould)-[A-ZÀ-ÖØ-Þ]")
NAME_TOKEN = re.compile(r"(?:al|el|bin|ibn|abu|ould)-[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
                        r"|[A-ZÀ-ÖØ-Þ][\w'’.\-]*|[a-z]+(?=[\s-])")
# Text allowed between a country word and the role it modifies: "Russian counterpart",
# "Canada's top diplomat", "Russian civilian advisers" -- never a verb ("Britain mobilized army").
# ... and a community's name, capitalised: "Iraqi Shiite leaders", "Palestinian Islamic militants"
COMMUNITY_WORDS = (r"Shiite|Shi'ite|Shia|Sunni|Kurdish|Muslim|Islamic|Islamist|Christian|Catholic|Orthodox|"
                   r"Protestant|Jewish|Arab|Hindu|Sikh|Buddhist|Communist|Maoist|Marxist|Pashtun|Hutu|Tutsi")
_GAP_WORD = (r"\s+(?!(?:has|have|had|is|are|was|were|will|would|to|and|or|but|that|with|in|on|at|"
             r"for|from|by|of|the|a|an)\b)(?:[a-z][\w-]*|[\d,.]+|(?:" + COMMUNITY_WORDS + r")\b)")
ADJECTIVE_GAP = re.compile(r"^(?:" + _GAP_WORD + r"){0,2}\s+$")
ADJACENT = re.compile(r"^\s$")
NOUN_GAP = re.compile(r"^(?:['’]s(?:" + _GAP_WORD + r"){0,2})?\s+$")
# "pro-Syrian", "anti-American": a country word whose side is favoured or opposed
SIDE_TAKEN = re.compile(r"\b(pro|anti)-$", re.I)
# what people opposed to a country do or voice: "anti-American protests", "anti-French sentiment"
PROTEST_NOUN_AFTER = re.compile(r"\s+(?:protests?|demonstrations?|demonstrators|protesters|rall(?:y|ies)|"
                                r"riots?|sentiment|feeling|mood|slogans?|marches|march)\b", re.I)
LOCATIVE = re.compile(
    r"\b(?i:in|at|near|outside|inside|across|throughout|within|around|bordering)"  # "In London, ..."
    # (not past a "to" of its own: "$500 million in aid to Indonesia" is given to it; nor past
    # an event noun's "with": "its participation in disarmament talks with the United States")
    r"\s+(?:the\s+)?(?:(?!(?:to|toward|towards)\s|(?:talks|negotiations|meetings?|dialogue|relations|"
    r"ties|contacts|cooperation|dispute|war|clash(?:es)?|fighting)\s+with\s)[a-z][\w-]*\s+){0,4}$")

# A capital as a home town: "from north London", "Mr X, 23, from London, was ...".
# A person named by what they are, and where they come from: "a missionary from Calgary"
PERSON_FROM = re.compile(
    r"\b(?:missionary|missionaries|man|men|woman|women|boy|girl|tourists?|journalists?|reporters?|"
    r"engineers?|businessman|businessmen|businesswoman|(?:aid )?workers?|students?|teachers?|doctors?|"
    r"nurses?|priests?|nuns?|nationals?|citizens?|residents?|couple|pilots?|contractors?|"
    r"photographers?|volunteers?|hostages?|pilgrims?)\s+from\s+$", re.I)
# "near a US patrol", "outside the Australian embassy": a state's forces or mission named where
# something happens are the state's own, not a place
STATE_POSTS = {"patrol", "convoy", "base", "outpost", "checkpoint", "embassy", "consulate"}
OWNED_POST = re.compile(r"\s+(?:military\s+|army\s+|police\s+)?(?:" + "|".join(
    sorted(STATE_POSTS)) + r"|embassies)s?\b", re.I)
HOME_TOWN = re.compile(r"(?:\b(?:north|south|east|west|central|inner|outer)(?:ern)?(?:-?(?:east|west)(?:ern)?)?"
                       r"|,\s*(?:\d+,\s*)?from)\s+$")


@dataclass
class Mention:
    start: int
    end: int
    entry: ActorEntry


@dataclass
class Actor:
    start: int          # offsets in the sentence
    end: int
    text: str           # the whole phrase
    code: str
    sector: str
    kind: str           # country | seat | adjective | people | igo | role | person | org
    person: str = ""    # the person's name when the phrase names one
    role: str = ""
    location: bool = False  # "in Laos": a place, not a participant
    weak: bool = False      # a bare adjective ("Iraqi towns") or the article's home country guessed
    home: bool = False
    org: str = ""           # a named company or other body: "the UK's Corus", "US giant Monsanto"
    former: bool = False    # "former foreign minister X": acts for no state (still one as a target)

    @property
    def actor_text(self) -> str:
        return self.person or self.org or self.text

    @property
    def is_state(self) -> bool:
        return self.kind != "igo"


@dataclass
class ArticleMemory:
    """What the coder has learnt so far in one article."""
    home: str | None = None
    home_given: bool = False  # from the feed's home_country, not guessed from the headline
    people: dict = field(default_factory=dict)  # name or surname -> (code, sector, full name, role)
    known: dict = field(default_factory=dict)   # people.tsv: leaders known without a title
    document: str = ""  # the whole article: is a name given a title ("Mr", "President") anywhere?
    titled: dict = field(default_factory=dict)  # name -> bool, cache of that search
    title_ends: list | None = None  # where a titled name may end its title words (see _is_person)
    dated: dict = field(default_factory=dict)   # phoenix_people.tsv: full name -> dated roles
    day: object = None                          # the article's date (datetime.date), if known

    def may_know(self, name: str) -> bool:
        """Could lookup(name) find someone? (A set test, before the full look-up.)"""
        return name in self.people or name in self.known or name in self.dated

    def lookup(self, name: str):
        return self.people.get(name) or self.known.get(name) or self._dated_role(name)

    def _dated_role(self, name: str):
        """A full name of the Phoenix dictionaries, for the role held on the article's date;
        remembered, so a later bare surname keeps the country."""
        if " " not in name or name not in self.dated:
            return None
        role = person_role(name, self.day, self.dated)
        if role is None:
            return None
        self.remember(name, role.code, role.sector, role.role)
        return self.people.get(name)

    def remember(self, name: str, code: str, sector: str, role: str = "", surname: bool = True) -> None:
        if not code or not name:
            return
        record = (code, sector, name, role)
        self.people.setdefault(name, record)
        if surname:
            for last in surnames(name):
                if len(last) > 2:
                    self.people.setdefault(last, record)


# closed-class words that open a sentence or a phrase before a name ("The Bush administration")
FUNCTION_WORDS = {"the", "a", "an", "and", "but", "or", "nor", "so", "yet", "if", "as", "of", "in", "on",
                  "at", "by", "for", "from", "to", "with", "into", "onto", "upon", "this", "that", "these",
                  "those", "his", "her", "its", "their", "our", "my", "your", "he", "she", "it", "they",
                  "we", "i", "you", "while", "since", "because", "although", "though", "whether", "than",
                  "both", "either", "neither", "each", "every", "all", "some", "any", "no", "not", "until",
                  "unless", "despite", "during", "without", "within", "against", "between", "among"}


def _another_given_name(words: list[str], full_name: str) -> bool:
    """A given name and a known person's surname ("Cherie Blair", "Jeb Bush"): another person.
    A given name is no English word ("The Bush administration", "Embattled Blair")."""
    known_words = full_name.split()
    if len(words) != 2 or len(known_words) < 2 or words[0] in HONORIFICS or \
            words[0] in known_words[:-1] or words[0][:1] == known_words[0][:1]:
        return False
    return words[0].lower() not in FUNCTION_WORDS and not _english_word(words[0].lower())


@functools.lru_cache(maxsize=20_000)
def _english_word(word: str) -> bool:
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word))


def _name_spans(run) -> list[tuple[int, int]]:
    """Where a run of capitalised words may name a person: the whole run ("Ariel Sharon") and
    its last word ("... Sharon"), and in a headline's run ("Blair Meets Bush") each word too."""
    spans = [(run.start(), run.end())]
    words = [(w.start() + run.start(), w.end() + run.start()) for w in re.finditer(r"\S+", run.group(0))]
    spans.append(words[-1])
    if len(words) >= 3 or headline_verb_after(run.group(0)):
        spans += words[:-1]
    return spans


def side_taken(sentence: str, start: int) -> str | None:
    """"pro" or "anti" when the country word at start is prefixed by it ("anti-American"), else None."""
    m = SIDE_TAKEN.search(sentence, max(0, start - 5), start)
    return m.group(1).lower() if m else None


# What two or more subjects of a headline do together, in the plural's base form ("Koizumi, Hu
# Meet in Chile", "Sharon, Abbas Agree Truce")
JOINT_HEADLINE_VERBS = {"meet", "talk", "agree", "sign", "discuss", "hold", "open", "begin", "resume",
                        "end", "clash", "trade", "vow", "pledge", "seek", "urge", "reach", "seal",
                        "spar", "differ", "renew", "mull", "fail", "hail", "plan", "back", "reject"}


def headline_verb_after(run: str) -> bool:
    """A two-word run whose last word is a headline's present-tense verb ("Putin Arrives",
    "Rice Says", after another subject "Koizumi, Hu Meet"): its first word may be a name (but
    not "Sharon Stone")."""
    words = run.split()
    return len(words) == 2 and (words[1].endswith("s") and not words[1].endswith(("ss", "'s", "’s"))
                                or words[1].lower() in JOINT_HEADLINE_VERBS)


class ActorRecognizer:
    def __init__(self, lexicon: Lexicon):
        self._matcher = PhraseMatcher(lexicon.actor_forms)
        self.modifiers = NounModifiers(lexicon)
        self._business_names = lexicon.business_name_words
        self._business_context = lexicon.business_context_words
        # "Mr", "President", "Foreign Minister" ...: words that title a person's name
        titles = sorted({f for f, entries in lexicon.actor_forms.items()
                         if any(e.kind == "role" and e.title for e in entries)} | HONORIFICS,
                        key=len, reverse=True)
        self._title = re.compile(r"\b(?i:" + "|".join(re.escape(t) for t in titles) + r")\.?\s+")

    def document_mentions(self, document: str, lowered: str) -> list[Mention]:
        found = []
        for start, end, entries in self._matcher.find(document, lowered):
            found.append(Mention(start, end, _prefer(entries, document[start:end])))
        return found

    def sentence_actors(self, sentence: str, mentions: list[Mention], memory: ArticleMemory) -> list[Actor]:
        """Actor phrases of one sentence; mentions are in sentence offsets, in order."""
        mentions = [m for m in mentions if m.entry.kind != "block"]
        headline = is_title_case(sentence)
        actors: list[Actor] = []
        i = 0
        while i < len(mentions):
            m = mentions[i]
            kind = m.entry.kind
            if kind == "role":
                actor, i = self._role_phrase(sentence, mentions, i, memory, headline)
            elif kind == "place":
                # a city or region: where things happen, never who does them
                actor = None if not headline and _part_of_person_name(sentence, m) else \
                    Actor(m.start, m.end, sentence[m.start:m.end], m.entry.code, "", "place")
                i += 1
            else:
                actor, i = self._state_phrase(sentence, mentions, i, memory, headline)
            if actor is not None:
                actors.append(actor)
        # "pro-Syrian groups", "an anti-American cleric": whom a side favours or opposes is not
        # whose it is (but "anti-American protests" keep the country they are against)
        actors = [a for a in actors if (side := side_taken(sentence, a.start)) is None or
                  side == "anti" and PROTEST_NOUN_AFTER.match(sentence, a.end)]
        _share_heads(sentence, actors)
        if not headline:  # in "Jails 5 Over Limburg, US Envoy ..." every word has a capital
            self._appositions(sentence, actors, memory)
        actors.extend(self._remembered_people(sentence, actors, memory, headline))
        actors.sort(key=lambda a: a.start)
        _acting_in_apposed_office(sentence, actors)
        for actor in actors:
            capital = CAPITAL_AFTER.match(sentence, actor.end) if actor.kind == "adjective" else None
            if capital:
                # "visited the Sudanese capital": the capital is the state's seat
                actor.kind, actor.weak = "seat", False
                actor.end = capital.end()
                actor.text = sentence[actor.start:actor.end]
            actor.location = self._is_location(sentence, actor)
            if not actor.location and actor.kind == "seat" and actor.code == "BEL" and \
                    actor.text.lower() in EU_SEATS:
                # "filed a complaint against Brussels", "Brussels warned Athens": the city acting
                # is the European Union (in Brussels, a meeting is in Belgium)
                actor.code, actor.kind, actor.sector = "EU", "igo", "GOV"
            # "Former Cabinet minister Clare Short criticised ...": who once held an office acts
            # for no state now (a country itself, "the former Soviet republic", is not affected)
            actor.former = bool((actor.person or actor.role) and (
                FORMER_BEFORE.search(sentence, 0, actor.start) or FORMER_INSIDE.search(actor.text)))
        return actors

    # -- phrase builders -------------------------------------------------------------------

    def _state_phrase(self, sentence, mentions, i, memory, headline=False):
        m = mentions[i]
        entry = m.entry
        if entry.kind in ("country", "seat", "adjective") and not headline and \
                _part_of_person_name(sentence, m):
            return None, i + 1  # "Michael Jordan", "George Washington"
        if entry.kind in ("country", "adjective") and not headline and \
                self._company_named_after(sentence, m, mentions[i + 1] if i + 1 < len(mentions) else None):
            return None, i + 1  # "China Life", "China Aviation Oil": a company, not the state
        actor = Actor(m.start, m.end, sentence[m.start:m.end], entry.code, entry.sector or "GOV",
                      entry.kind)
        if entry.kind == "adjective":
            actor.sector = ""
        j = i + 1
        # attach the roles it modifies: "Russian counterpart", "Canada's foreign minister"
        gap = ADJECTIVE_GAP if entry.kind == "adjective" else NOUN_GAP
        while j < len(mentions) and mentions[j].entry.kind == "role" and \
                (gap.match(sentence[actor.end:mentions[j].start] or " ") or
                 # "US agrochemical giant", "EU foreign ministers": nouns, never a verb, between
                 (j == i + 1 and gap is NOUN_GAP and
                  self.modifiers.noun_gap(sentence[actor.end:mentions[j].start]))) and \
                mentions[j].start - actor.end < 30:
            role = mentions[j]
            gap = ADJACENT  # "Russian foreign minister"; never "government today welcomed President"
            actor.end = role.end
            actor.sector = role.entry.sector
            actor.role = sentence[role.start:role.end]
            j += 1
        possessive = sentence[m.end:m.end + 3] in ("'s ", "’s ")
        name_from = actor.end + 2 if possessive and j == i + 1 else actor.end
        name, name_end = (None, None) if headline else \
            read_name(sentence, name_from, mentions[j].start if j < len(mentions) else None)
        titled = actor.role and _role_is_title(mentions[j - 1]) if j > i + 1 else False
        owned_name = name and not titled and possessive and j == i + 1 and \
            entry.kind in ("country", "seat")
        if owned_name and j < len(mentions) and mentions[j].entry.kind == "role" and \
                ADJACENT.match(sentence[name_end:mentions[j].start]):
            # "Iraq's Oil Ministry", "Nicaragua's Sandinista government": a state body
            role = mentions[j]
            actor.end, actor.sector, actor.role = role.end, role.entry.sector, sentence[role.start:role.end]
            j += 1
        elif owned_name and not self._is_person(name, memory) and self._is_business(name, sentence):
            # "the UK's Corus agreed to pay 72% more", "Japan's Nippon Steel": a company of that
            # country, not its government (unless the article knows the name as a person's)
            actor.org, actor.end, actor.sector = name, name_end, "BUS"
            memory.remember(name, actor.code, "BUS", surname=False)
        elif name and (titled or owned_name):
            actor.person = name
            actor.end = name_end
            actor.sector = actor.sector or "GOV"
            memory.remember(name, actor.code, actor.sector, actor.role)
        elif name and actor.sector == "BUS" and j > i + 1 and \
                ADJACENT.match(sentence[actor.end:actor.end + 1]):
            # "US agrochemical giant Monsanto", "Dutch retailer Ahold": the company's name
            actor.org, actor.end = name, name_end
            memory.remember(name, actor.code, "BUS", surname=False)
        if entry.kind == "seat" and not headline:
            following = re.match(r"\s+([A-Z][a-z]+)", sentence[m.end:])
            if following and following.group(1) not in NOT_NAME_WORDS and j == i + 1:
                # "London Stock Exchange", "Baghdad University": an institution of the country,
                # not its government
                actor.sector, actor.weak = "CVL", True
        if entry.kind == "adjective" and re.search(r"\bethnic\s+$", sentence[:m.start], re.I):
            return None, j  # "ethnic Albanian protesters" in Kosovo are not Albania
        if entry.kind == "adjective" and re.match(r"-(?:" + "|".join(HYPHENATED_CITIZENS) + r")\b",
                                                  sentence[m.end:]):
            return None, j  # "a Chinese-American": an American of Chinese origin
        if entry.kind == "adjective" and j == i + 1 and not actor.person:
            if sentence[m.end:m.end + 1] == "-":
                suffix = re.match(r"-([a-z]+)", sentence[m.end:])
                if suffix and suffix.group(1) not in AGENT_SUFFIXES:
                    return None, j
            actor.weak = True
            actor.sector = "CVL"
        actor.text = sentence[actor.start:actor.end]
        return actor, j

    def _role_phrase(self, sentence, mentions, i, memory, headline=False):
        m = mentions[i]
        role_entry = m.entry
        actor = Actor(m.start, m.end, sentence[m.start:m.end], "", role_entry.sector, "role",
                      role=sentence[m.start:m.end])
        j = i + 1
        # a following role word belongs to this phrase: "Foreign Affairs Minister", "rebel leaders"
        while j < len(mentions) and mentions[j].entry.kind == "role" and \
                mentions[j].start - actor.end <= 1:
            actor.end = mentions[j].end
            j += 1
        name, name_end = (None, None)
        if role_entry.title and not headline:
            name, name_end = read_name(sentence, actor.end, mentions[j].start if j < len(mentions) else None)
            if name:
                actor.person = name
                actor.end = name_end
        # "the president of Armenia", "King Hassan of Morocco", "security forces in Guinea"
        # (a hostage is held where it is, not of there: "held hostage in Iraq")
        binder = r"\s+of\s+(?:the\s+)?" if role_entry.title else \
            r"\s+(?:of|from)\s+(?:the\s+)?" if actor.text.lower() in HELD_PEOPLE else \
            r"\s+(?:of|in|from)\s+(?:the\s+)?(?:(?:north|south|east|west|central|north-?east|" \
            r"north-?west|south-?east|south-?west)(?:ern)?\s+)?"
        owned = re.search(r"\b(?:its|their|his|her|our)\s+$", sentence[:m.start], re.I)
        if j < len(mentions) and mentions[j].entry.kind in ("country", "seat", "igo", "group") and \
                re.fullmatch(binder, sentence[actor.end:mentions[j].start]) and \
                (role_entry.title or not owned) and \
                not (mentions[j].entry.kind == "country" and self._company_named_after(
                    sentence, mentions[j], mentions[j + 1] if j + 1 < len(mentions) else None)):
            # "withdrew its troops from Gaza" is not Gaza's; "chief of China Life" is a company's
            actor.code = mentions[j].entry.code
            actor.kind = "igo" if mentions[j].entry.kind == "igo" else "role"
            actor.end = mentions[j].end
            j += 1
        if not actor.code and actor.person:
            known = memory.lookup(actor.person) or memory.lookup(actor.person.split()[-1])
            if known:
                actor.code = known[0]
        # a titled person with no country of their own ("Foreign Affairs Minister Stéphane Dion")
        # belongs to the article's home country; a bare "the government" only when the feed says so
        if not actor.code and memory.home and role_entry.sector in ("GOV", "MIL", "LEG", "JUD") and \
                (actor.person or memory.home_given):
            actor.code, actor.home, actor.weak = memory.home, True, True
        if not actor.code:
            return None, j
        if actor.person:
            memory.remember(actor.person, actor.code, actor.sector, actor.role)
            actor.kind = "person"
        actor.text = sentence[actor.start:actor.end]
        return actor, j

    def _is_person(self, name: str, memory: ArticleMemory) -> bool:
        """A name the article knows as a person's: remembered, listed in people.tsv, or given a
        title or "Mr" anywhere in the article ("Mr Dion", "Foreign Minister Stephane Dion")."""
        last = name.split()[-1]
        known = memory.lookup(name) or memory.lookup(last)
        if known:
            return known[1] != "BUS"
        if name not in memory.titled:
            document = memory.document
            memory.titled[name] = any(document.startswith(last, at) and
                                      WORD_BOUNDARY.match(document, at + len(last))
                                      for at in self._title_ends(memory))
        return memory.titled[name]

    def _title_ends(self, memory: ArticleMemory) -> list[int]:
        """Where a titled name's last word may start: after a title ("Mr", "Foreign Minister"),
        directly or after up to three capitalised words ("President George W. Bush"). Found once
        per article (a search per name compiled a regular expression per name)."""
        if memory.title_ends is None:
            ends, document = [], memory.document
            for title in self._title.finditer(document):
                at = title.end()
                ends.append(at)
                for _ in range(3):
                    word = WORD_AFTER_TITLE.match(document, at)
                    if word is None:
                        break
                    at = word.end()
                    ends.append(at)
            memory.title_ends = ends
        return memory.title_ends

    def _company_named_after(self, sentence: str, m: Mention, following: Mention | None) -> bool:
        """A country name that opens a company's name: capitalised words follow it, one of them a
        company word of business_words.tsv ("China Life", "Singapore Airlines"), and no role
        ("Iraq Oil Ministry" is a state body)."""
        if sentence[m.end:m.end + 1] != " ":
            return False
        name, end = read_name(sentence, m.end, following.start if following else None)
        if not name:
            return False
        if following is not None and following.entry.kind == "role" and \
                re.fullmatch(r"\s*", sentence[end:following.start]):
            return False
        return any(w.lower().strip(".") in self._business_names for w in name.split())

    def _is_business(self, name: str, sentence: str) -> bool:
        """A company's name (business_words.tsv, an acronym, CamelCase) or a business sentence."""
        words = name.split()
        if any(w.lower().strip(".") in self._business_names for w in words) or \
                re.search(r"[\d&]|\b[A-Z]{2,}\b|(?<!\bM)(?<!\bMa)[a-z][A-Z]", name):
            return True
        return bool(re.search(r"[%£$€]", sentence)) or any(
            w in self._business_context for w in re.findall(r"[a-z]+", sentence.lower()))

    def _appositions(self, sentence, actors, memory):
        """'Lavrov, Russia's foreign minister' teaches that Lavrov is Russian."""
        for actor in actors:
            if actor.person or not actor.role or actor.kind not in STATE_KINDS:
                continue
            before = re.search(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}),\s+(?:the\s+|his\s+|her\s+)?$",
                               sentence[:actor.start])
            if before and before.group(1) not in NOT_NAME_WORDS:
                memory.remember(before.group(1), actor.code, actor.sector, actor.role)

    def _remembered_people(self, sentence, actors, memory, headline=False):
        if not memory.people and not memory.known:
            return []
        found = []
        taken = [(a.start, a.end) for a in actors]
        for m in CAPITALISED_RUN.finditer(sentence):
            words = m.group(0).split()
            # most runs name no one the article or the dictionaries know: test the names that
            # _name_spans reads (the run, its last word, in a long run each word) with set look-ups
            if not (memory.may_know(m.group(0)) or memory.may_know(words[-1]) or
                    (len(words) >= 3 or headline_verb_after(m.group(0))) and
                    any(memory.may_know(w) for w in words[:-1])):
                continue
            for start, end in _name_spans(m):
                name = sentence[start:end]
                if headline and " " not in name and name.lower() in self.modifiers.verbs:
                    continue  # "India, Pakistan Begin Peace Talks": a headline's verb, not Begin
                known = memory.lookup(name)
                if not known:
                    continue
                if end == m.end() and start > m.start() and _another_given_name(words, known[2]) and \
                        not self._title.match(words[0] + " "):
                    break  # "Cherie Blair" is not Tony Blair
                if any(s < end and start < e for s, e in taken):
                    break
                if known[1] == "BUS":  # a company named earlier: "the UK's Corus" ... "Corus"
                    found.append(Actor(start, end, name, known[0], "BUS", "org", org=known[2]))
                else:
                    found.append(Actor(start, end, name, known[0], known[1] or "GOV", "person",
                                       person=known[2], role=known[3]))
                taken.append((start, end))
                if (start, end) == (m.start(), m.end()) or len(m.group(0).split()) < 3:
                    break
        return found

    def _is_location(self, sentence, actor) -> bool:
        if actor.kind == "place":
            if PERSON_FROM.search(sentence, 0, actor.start):
                # "a missionary from Calgary was arrested in Lebanon": where a person comes
                # from makes them its country's (a civilian), not a place of the act
                actor.sector = "CVL"
                return False
            return True
        if actor.kind == "igo" and FRONTED_VENUE.match(sentence[:actor.start]) and \
                re.match(r"\s*,", sentence[actor.end:]):
            return True  # "At the UN, Bush defended ...": where he spoke, not to whom
        if actor.kind in ("person", "org", "role", "igo", "people", "group") or actor.role:
            return False
        if actor.kind == "adjective":
            # "the Iraqi city of Basra", "Japanese territorial waters"
            following = [w.strip(",.").lower() for w in sentence[actor.end:actor.end + 30].split()[:2]]
            if not following or not (following[0] in PLACE_NOUNS or len(following) > 1 and
                                     following[0] in PLACE_QUALIFIERS and following[1] in PLACE_NOUNS):
                return False
        if BORDER_BETWEEN.search(sentence, 0, actor.start):
            return True  # "fire on the border between Egypt and the Gaza Strip": where, not whom
        if actor.kind == "seat" and HOME_TOWN.search(sentence[:actor.start]):
            return True  # "Mr Mubanga, 29, from north London": where someone lives, not the government
        found = LOCATIVE.search(sentence[:actor.start])
        if found and OWNED_POST.match(sentence, actor.end):
            return False
        if found and actor.kind == "country" and found.group(0).lower().startswith("at "):
            return False  # one is "in" a country; "lashed out at the United States" aims at it
        return bool(found)


CAPITAL_AFTER = re.compile(r"\s+capital\b")


# Cities where the people one meets are seldom the host's: the seats of international bodies
INTERNATIONAL_VENUES = {"Geneva", "New York", "Brussels", "Vienna", "The Hague", "Strasbourg",
                        "Davos", "Luxembourg"}
# People held by others, who are not of the place where they are held
HELD_PEOPLE = {"hostage", "hostages", "captive", "captives"}
# The states a border lies between ("the border between Egypt and the Gaza Strip"), read before
# either of them
BORDER_BETWEEN = re.compile(r"\b(?:border|frontier|boundary)\s+between\s+(?:the\s+)?"
                            r"(?:(?:[A-Z][\w'’-]*\s+){1,3}and\s+(?:the\s+)?)?$")
# A venue opening the sentence before a comma: "At the UN, ...", "At a NATO summit, ..."
FRONTED_VENUE = re.compile(r"^\s*(?:At|Speaking at|Addressing)\s+(?:the\s+|a\s+|an\s+)?$")


def read_name(sentence: str, pos: int, next_mention_start: int | None) -> tuple[str | None, int | None]:
    """A person's name right after pos ("Sergey Lavrov"), or (None, None)."""
    tokens = []
    cursor = pos
    while len(tokens) < 4:
        m = re.match(r"\s+", sentence[cursor:])
        if not m and tokens:
            break
        if not m and not tokens:
            if cursor != pos:
                break
            # names start after a space
            if not sentence[cursor:cursor + 1].isspace():
                break
        space = m.end() if m else 0
        if tokens and space == 0:
            break
        t = NAME_TOKEN.match(sentence, cursor + space)
        if not t:
            break
        word = t.group(0).rstrip(".,") if not re.fullmatch(r"(?:[A-Z]\.)+", t.group(0)) else t.group(0)
        possessive = re.search(r"['’]s?$", word)
        if possessive:  # "President Reagan's policy"
            word = word[:possessive.start()]
        if next_mention_start is not None and cursor + space >= next_mention_start:
            break
        if word in NOT_NAME_WORDS:
            break
        if word[0].islower() and word not in NAME_PARTICLES and not HYPHEN_PARTICLE.match(word):
            break
        tokens.append((word, cursor + space, cursor + space + len(word)))
        cursor = cursor + space + len(word)
        if possessive:
            break
    while tokens and tokens[-1][0][0].islower() and not HYPHEN_PARTICLE.match(tokens[-1][0]):
        tokens.pop()
    if not tokens:
        return None, None
    return sentence[tokens[0][1]:tokens[-1][2]], tokens[-1][2]


def _share_heads(sentence: str, actors: list[Actor]) -> None:
    """'The Thai and Cambodian leaders', 'North Korean and U.S. officials': the first demonym
    shares the second's noun."""
    for first, second in zip(reversed(actors[:-1]), reversed(actors[1:])):
        if first.kind == "adjective" and first.weak and (second.kind == "adjective" or second.role) and \
                not second.weak and re.fullmatch(r"\s*(?:,|and|or)\s*", sentence[first.end:second.start]):
            first.sector, first.weak, first.role = second.sector, False, second.role


def _part_of_person_name(sentence: str, m: Mention) -> bool:
    if re.search(r"\b(?:" + "|".join(HONORIFICS) + r")\.?\s+$", sentence[:m.start]):
        return True  # "Mr German said"
    before = re.search(r"(?:^|[\s(\"“])([A-Z][a-z]+)\s+$", sentence[:m.start])
    if before and before.group(1) not in NAME_PREFIX_OK and before.group(1) not in NOT_NAME_WORDS \
            and (before.start(1) > _text_start(sentence) or sentence[m.start:m.end] in PERSON_LIKE_NAMES):
        return True  # "Michael Jordan"; but "Neighbouring Jordan" at a sentence start is fine
    following = re.match(r"\s+([A-Z][a-z]+)", sentence[m.end:])
    if sentence[m.start:m.end] in PERSON_LIKE_NAMES and following and \
            following.group(1) not in NOT_NAME_WORDS:
        return True  # "Chad Johnson", "Jordan Henderson"
    return False


# A credit or opening punctuation before a sentence's first word: "(CBS/AP) As US forces ..."
LEADING_CREDIT = re.compile(r"(?:\([^)]{0,40}\)|[\s\"“'‘\-–—:])*")


def _text_start(sentence: str) -> int:
    """Where a sentence's first word is, past a dateline ("BAGHDAD, Iraq - Two Lebanese women")
    and a leading credit: its capital says nothing."""
    return LEADING_CREDIT.match(sentence, dateline_length(sentence)).end()


def _role_is_title(mention: Mention) -> bool:
    return mention.entry.title


def _prefer(entries: list[ActorEntry], text: str) -> ActorEntry:
    """One reading of an ambiguous surface form (e.g. 'Dominican', 'US')."""
    order = {"block": 0, "country": 1, "seat": 2, "igo": 3, "group": 4, "people": 5, "adjective": 6,
             "role": 7, "place": 8}
    return sorted(entries, key=lambda e: order.get(e.kind, 9))[0]


# "Peter Mandelson, the European Union's new trade commissioner": the office in apposition says
# whom a named person acts for now, whatever their own country
APPOSED_OFFICE_GAP = re.compile(r",\s+(?:the\s+|his\s+|her\s+)?")
OFFICE_TITLE = re.compile(
    r"(?:['’]s)?(?:\s+[\w-]+){0,3}?\s+(?:commissioner|chief|minister|president|envoy|head|"
    r"spokes(?:man|woman|person)|secretary|ambassador|representative|negotiator|chairman|"
    r"director|governor|secretary-general|coordinator|czar|tsar)\s*(?:,|\.|$)")


def _acting_in_apposed_office(sentence: str, actors: list) -> None:
    for person, office in zip(actors, actors[1:]):
        if not person.person or office.person or not office.code or office.code == person.code:
            continue
        if not APPOSED_OFFICE_GAP.fullmatch(sentence, person.end, office.start):
            continue
        if office.role or OFFICE_TITLE.match(sentence, office.end):
            person.code, person.sector = office.code, office.sector or person.sector
