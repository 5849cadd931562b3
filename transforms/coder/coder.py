"""EventCoder: code an article into PLOVER events between countries, with evidence.

    coder = EventCoder()
    events = coder.code(text, title="...", home_country=None)

Plain Python, no Beam: the pipeline builds one coder per worker (DoFn.setup) and calls code().
"""
from __future__ import annotations

import datetime
import functools
import re
import time
from dataclasses import dataclass, field

from .actors import CAPITALISED_RUN, Actor, ActorRecognizer, ArticleMemory, Mention, headline_verb_after
from .context import is_sports_story
from .dictionaries import DICTIONARY_DIR, load_lexicon
from .epithets import STATE_KINDS, epithet_actors
from .events import code_events
from .headlines import dateline_visit, headline_talks, headline_visit
from .matching import is_title_case, lower_same_length
from .parse import headline_for_parsing, parse
from .phoenix_lexicon import load_agents, load_dated_people
from .ranking import BODY_START, LONG_STORY, rank_events
from .sentences import dateline_length, split_sentences
from .direction import UNNAMED_ARMED, UNNAMED_PEOPLE, any_word, with_plurals
from .tree_events import UNNAMED_WEAPONS, parse_agrees, tree_events
from .tree_lexicon import load_tree_triggers
from .triggers import TriggerFinder

# "militants", "gunmen", "two women": actors with no country of their own (tree_events.py)
UNNAMED_ACTOR = re.compile(r"\b(?i:" + any_word(with_plurals(UNNAMED_ARMED | UNNAMED_PEOPLE | UNNAMED_WEAPONS)) +
                           r")\b")
# "Two US soldiers killed" in a story filed from Kabul: victims of unnamed attackers of the place
ATTACKED = re.compile(r"\b(?:killed|killing|died|wounded|injured|attacked|ambushed|kidnapped|abducted|shot)\b", re.I)


# a trailing ", witnesses said on Saturday." or ", according to witnesses."
REPORTED_BY = re.compile(r",\s+(?:(?:[\w'-]+\s+){0,5}?(?:said|says|reported|told\s+(?:reporters|Reuters|AFP|AP|the\s+\w+))"
                         r"(?:\s+(?:on\s+)?\w+)?(?:\s+\w+)?|according\s+to(?:\s+[\w'-]+){1,6})[.]?[\"”']?\s*$")


# Who decides a sentence's events: "patterns" first and the parse for sentences they cannot code
# (the default, measured best on the dev sets), "parse" first and the patterns where the parse
# finds nothing, or the "parse" alone (to test and explain the parse's own reading).
STRATEGIES = ("patterns-first", "parse-first", "parse-only")


@dataclass
class _Reading:
    """One article between the patterns and the parse."""
    titled: bool
    sentence_count: int
    story_place: Actor | None
    candidates: list = field(default_factory=list)  # (event, offset, sentence, index)
    to_check: list = field(default_factory=list)    # (offset, sentence, index, actors, events)
    to_parse: list = field(default_factory=list)    # (offset, sentence, index, actors)
    texts: list = field(default_factory=list)       # what goes to the parser, checks first
    skips: list = field(default_factory=list)       # dateline characters not parsed, per text


class EventCoder:
    def __init__(self, dictionary_dir=DICTIONARY_DIR, strategy: str = "patterns-first"):
        if strategy not in STRATEGIES:
            raise ValueError(f"strategy must be one of {', '.join(STRATEGIES)}")
        self.dictionary_dir = dictionary_dir
        self.strategy = strategy
        self._build()

    def _build(self):
        # dictionaries and automata are built once per process and shared by every coder
        self._lexicon, self._actors, self._triggers = _matchers(self.dictionary_dir)
        self._tree_triggers = load_tree_triggers(self.dictionary_dir)
        self._dated_people = load_dated_people(self.dictionary_dir)
        # the names (and surnames) of every person the dictionaries know: most capitalised words
        # of a story are none of them, and the early exit skips them with one set look-up
        self._person_names = frozenset(self._lexicon.people) | frozenset(self._dated_people)
        # nouns a name before them acts through: "a UN resolution", and people named by what they
        # do ("a Pentagon analyst", "a Turkish engineer": roles.tsv and Phoenix's agents)
        self._owner_nouns = self._lexicon.actor_nouns | frozenset(
            phrase for phrase in list(load_agents(self.dictionary_dir)) + list(self._lexicon.actor_forms)
            if " " not in phrase and phrase.islower())
        # what the parse costs (read by `dyadwatch bench`)
        self.stats = {"parse_seconds": 0.0, "sentences_parsed": 0}

    # Beam pickles DoFns; rebuild the automata instead of pickling them.
    def __getstate__(self):
        return {"dictionary_dir": self.dictionary_dir, "strategy": self.strategy}

    def __setstate__(self, state):
        self.dictionary_dir = state["dictionary_dir"]
        self.strategy = state.get("strategy", "patterns-first")
        self._build()

    def code(self, text: str, title: str = "", home_country: str | None = None,
             date=None) -> list[dict]:
        """Events of one article, ranked. date (ISO string or date) decides which office a
        person named in the Phoenix dictionaries held: "Iyad Allawi" is Iraq's prime minister
        in 2004."""
        return self.code_many([(text, title, home_country, date)])[0]

    def code_many(self, articles) -> list[list[dict]]:
        """code() for many articles, (text, title, home_country, date) each, with the sentences
        to parse of all of them parsed in one batch (a third faster than one by one)."""
        readings = [self._read(*article) for article in articles]
        texts = [text for reading in readings if reading for text in reading.texts]
        docs = iter(self._parse(texts, [s for reading in readings if reading for s in reading.skips]))
        return [self._finish(reading, [next(docs) for _ in reading.texts]) if reading else []
                for reading in readings]

    def _read(self, text: str, title: str = "", home_country: str | None = None, date=None):
        """The scan and the patterns over one article, and what is left for the parse; None
        when the article can hold no event."""
        # runs of spaces (and no-break spaces) as one space: the parser reads a stray space as a word
        title = clean_text((title or "").strip())
        text = clean_text(text or "")
        document = f"{title}\n\n{text}" if title else text
        if not document.strip():
            return None
        lowered = lower_same_length(document)
        mentions = self._actors.document_mentions(document, lowered)
        if not self._may_pair(document, mentions, home_country) or is_sports_story(document, lowered):
            return None  # most items end here: fewer than two countries can make no event
        sentences = split_sentences(document)
        story = [x for x in sentences if x[0] >= len(title)]
        filed = _dateline_mention(story, mentions)  # "ISLAMABAD, Oct 5: ..."
        home = home_country or self._home_from_title(title, mentions) or \
            self._home_from_lede(story, mentions, filed)
        memory = ArticleMemory(home=home, home_given=bool(home_country), known=self._lexicon.people,
                               document=document, dated=self._dated_people, day=_day(date))
        reading = _Reading(titled=bool(title), sentence_count=len(sentences),
                           story_place=_story_place(document, mentions, filed))
        long_story = len(sentences) >= LONG_STORY
        last_person: Actor | None = None
        cursor = 0
        for index, (offset, sentence) in enumerate(sentences):
            end = offset + len(sentence)
            local: list[Mention] = []
            while cursor < len(mentions) and mentions[cursor].start < offset:
                cursor += 1
            probe = cursor
            while probe < len(mentions) and mentions[probe].end <= end:
                m = mentions[probe]
                local.append(Mention(m.start - offset, m.end - offset, m.entry))
                probe += 1
            actors = self._actors.sentence_actors(sentence, local, memory)
            epithets = epithet_actors(sentence, actors, mentions, cursor)
            if epithets:  # "the Himalayan kingdom": the state named last
                actors = sorted(actors + epithets, key=lambda a: a.start)
            dateline = dateline_length(sentence, headline=index == 0 and bool(title)) if index < 3 else 0
            if dateline:
                # "TOKYO (Reuters) -" says where the story was filed: neither actor nor place
                actors = [a for a in actors if a.start >= dateline]
            both = _both_countries(sentence, mentions, end, len(title))
            if both and not any(a.start < both[0].end and both[0].start < a.end for a in actors):
                # "the two sides agreed": the last two states the story named
                actors = sorted(actors + both, key=lambda a: a.start)
            if actors:
                triggers = self._triggers.find(sentence, lowered[offset:end])
                # "a UK tour", "Iraq advice calls": a country word before a noun is no actor
                named = actors  # the parse tells a modifier ("a UK tour") from an actor itself
                actors = self._actors.modifiers.drop(sentence, actors, {t.start for t in triggers})
                found = code_events(sentence, actors, triggers, last_person, reading.story_place)
                if not found:
                    # no verb: a headline's "Putin in Brazil for talks", "A and B in talks"; a
                    # sentence's "A Russian delegation is in Tehran for nuclear talks"
                    headline = index == 0 and bool(title)
                    told = headline_visit(sentence, actors, headline) or \
                        (headline_talks(sentence, actors) if headline else None)
                    found = code_events(sentence, actors, [told], last_person) if told else []
                if not found and dateline and filed is not None and offset == story[0][0]:
                    # "ISLAMABAD - British Defence Secretary Geoff Hoon said ...": he is there
                    visit = dateline_visit(sentence, dateline, actors, _place_actor(filed, offset, sentence))
                    found = [visit] if visit else []
                if found and long_story:
                    # in a long story the parse checks what the patterns read: most false
                    # alerts of the BBC audits were there
                    reading.to_check.append((offset, sentence, index, named, found))
                else:
                    reading.candidates += [(event, offset, sentence, index) for event in found]
                codes = {a.code for a in named}
                place = reading.story_place
                body = long_story and index >= BODY_START
                if (not found or self.strategy != "patterns-first") and not body and \
                        (len(codes) >= 2 or place is not None and
                         place.code not in codes and (UNNAMED_ACTOR.search(sentence) or
                                                      ATTACKED.search(sentence))):
                    # the patterns saw no event between two countries (or a country and
                    # unnamed militants or victims where the story happens): ask the parse.
                    # Not in a long story's body: what the parse reads there is rarely news
                    # (4 of 5 such alerts were false in the second BBC audit) and costs most
                    reading.to_parse.append((offset, sentence, index, named))
            # "He" in the next sentence is most likely this sentence's subject, if it is a person
            subjects = [a for a in actors if not a.location]
            if ROLE_OPENING.match(sentence) and not (subjects and subjects[0].start < 4):
                pass  # "Blair ... The prime minister took charge ... He also spoke to Bush": the
                # office named without its country is the person just named
            elif subjects and (subjects[0].person or subjects[0].role):
                last_person = subjects[0]
            elif subjects:
                last_person = None
        for offset, sentence, index, actors, *_ in reading.to_check + reading.to_parse:
            # "NEW DELHI, 7 September 2004 - India and ...": the dateline is not parsed; a
            # headline is parsed in sentence case, so its verbs tag as verbs
            skip = dateline_length(sentence, headline=index == 0 and reading.titled) if index < 3 else 0
            text = sentence[skip:_reported_end(sentence, actors, skip)]
            reading.texts.append(headline_for_parsing(text, [(a.start - skip, a.end - skip) for a in actors])
                                 if is_title_case(text) else text)
            reading.skips.append(skip)
        return reading

    def _parse(self, texts: list[str], skips: list[int]) -> list:
        started = time.perf_counter()
        docs = parse(texts) if texts else []
        for doc, skip in zip(docs, skips):
            doc.user_data["offset"] = skip  # token offsets count from the sentence's start
        self.stats["parse_seconds"] += time.perf_counter() - started
        self.stats["sentences_parsed"] += len(texts)
        return docs

    def _finish(self, reading: "_Reading", docs: list) -> list[dict]:
        """Keep the patterns' events the tree agrees with, read new ones from the tree, rank."""
        checked, parsed = [], []
        for (offset, sentence, index, actors, events), doc in zip(reading.to_check, docs):
            checked += [(event, offset, sentence, index) for event in events
                        if parse_agrees(event, doc, body=index >= BODY_START)]
        for (offset, sentence, index, actors), doc in zip(reading.to_parse, docs[len(reading.to_check):]):
            for event in tree_events(sentence, doc, actors, self._tree_triggers,
                                     headline=is_title_case(sentence) or (reading.titled and index == 0),
                                     story_place=reading.story_place,
                                     owner_nouns=self._owner_nouns):
                parsed.append((event, offset, sentence, index))
        candidates = reading.candidates + checked
        if self.strategy == "parse-first":
            read = {index for _, _, _, index in parsed}
            candidates = [c for c in candidates if c[3] not in read]
        elif self.strategy == "parse-only":
            candidates = []
        candidates += parsed
        # the headline and the lede (or the lede alone) tell what the story is about
        return rank_events(candidates, top_sentences=2 if reading.titled else 1,
                           sentence_count=reading.sentence_count)

    def _may_pair(self, document: str, mentions: list[Mention], home_country: str | None) -> bool:
        """Can the article hold an event between two countries? Two actor codes among the scan's
        mentions, the home country and the people the dictionaries know by name; else no."""
        codes = {m.entry.code for m in mentions if m.entry.code}
        if home_country:
            codes.add(home_country)
        if "Koreas" in document and BOTH.search(document):
            codes |= {"PRK", "KOR"}  # "the two Koreas"
        for run in CAPITALISED_RUN.findall(document) if len(codes) < 2 else ():
            words = run.split()
            # the run and its last word ("Ariel Sharon", "... Sharon"); in a headline's run
            # ("Blair Meets Bush") each word
            for name in [run, words[-1]] + (words[:-1] if len(words) >= 3 or headline_verb_after(run) else []):
                if name not in self._person_names:
                    continue
                known = self._lexicon.people.get(name)
                if known:
                    codes.add(known[0])
                codes.update(role.code for role in self._dated_people.get(name, ()))
            if len(codes) >= 2:
                break
        return len(codes) >= 2

    def _home_from_title(self, title: str, mentions: list[Mention]) -> str | None:
        """A headline that opens with a country ("Canada meets ...") names the home country."""
        if not title:
            return None
        code = _opening_country(title, 0, mentions)
        opening = next((m for m in mentions if m.start < len(title)), None)
        following = re.match(r"\s+([A-Za-z][\w-]*)", title[opening.end:]) if code and opening else None
        if following:
            word = following.group(1).lower()
            if not self._actors.modifiers.verb_like(word) and word not in self._owner_nouns and \
                    word.rstrip("s") not in self._owner_nouns:
                # "Iraq advice claim sparks new row": the country names a topic of the noun after
                # it; the story need not be from there ("US troops ...", "Canada meets ..." are)
                return None
        return code

    def _home_from_lede(self, body: list[tuple[int, str]], mentions: list[Mention],
                        filed: Mention | None) -> str | None:
        """The lede's dateline ("OTTAWA (CP) -", filed), or a lede that opens with a country in a
        story of several sentences, names the home country."""
        if not body:
            return None
        if filed is not None:
            return filed.entry.code
        if len(body) >= 3:
            return _opening_country(body[0][1], body[0][0], mentions)
        return None


@functools.lru_cache(maxsize=4)
def _matchers(dictionary_dir):
    lexicon = load_lexicon(dictionary_dir)
    return lexicon, ActorRecognizer(lexicon), TriggerFinder(lexicon.triggers)


def _reported_end(sentence: str, actors, start: int = 0) -> int:
    """Where the sentence's report ends: before a trailing ", witnesses said." that names no actor.
    The parser, trained on running text, hangs the report on "said" and often misreads its verb
    ("troops clashed near X, witnesses said" as troops that were clashed); the report alone parses
    as the main clause it is."""
    m = REPORTED_BY.search(sentence, start)
    if m is None or any(a.end > m.start() for a in actors):
        return len(sentence)
    return m.start()


def _dateline_mention(body: list[tuple[int, str]], mentions: list[Mention]) -> Mention | None:
    """The place in the lede's dateline ("OTTAWA (CP) -", "BAGHDAD, Iraq -"), if any."""
    if not body:
        return None
    offset, lede = body[0]
    dateline = dateline_length(lede)
    for m in mentions:
        if m.start >= offset + dateline:
            break
        if m.start >= offset and m.entry.kind in ("country", "seat", "place"):
            return m
    return None


def _place_actor(m: Mention, offset: int, sentence: str) -> Actor:
    """A mention of a place (document offsets) as a location actor of the sentence at offset."""
    start, end = m.start - offset, m.end - offset
    return Actor(start, end, sentence[start:end], m.entry.code, "", m.entry.kind, location=True)


def _story_place(document: str, mentions: list[Mention], filed: Mention | None) -> Actor | None:
    """Where the story happens: its dateline ("BAGHDAD, Iraq (Reuters) -", filed), else the first
    city or region it names ("... in Najaf"), else its first capital ("north of Baghdad": a
    foreign patrol's country, named more often, is not where it happens), else the country it
    names most. Unnamed militants
    and victims belong there."""
    def place(m: Mention) -> Actor:
        return Actor(0, 0, document[m.start:m.end], m.entry.code, "", "place", location=True)

    if filed is not None:
        return place(filed)
    city = next((m for m in mentions if m.entry.kind == "place"), None) or \
        next((m for m in mentions if m.entry.kind == "seat"), None)
    if city is not None:
        return place(city)
    states = [m for m in mentions if m.entry.kind in ("country", "seat", "adjective")]
    if not states:
        return None
    counts: dict[str, int] = {}
    for m in states:
        counts[m.entry.code] = counts.get(m.entry.code, 0) + 1
    top = max(counts.values())
    return place(next(m for m in states if counts[m.entry.code] == top))


BOTH = re.compile(r"\b(?:the two|both)\s+(?:\w+\s+)?(?:countries|nations|governments|sides|neighbou?rs|capitals|"
                  r"leaders|presidents|premiers|ministers|delegations|armies|militaries|Koreas)\b",
                  re.I)


def _both_countries(sentence: str, mentions: list[Mention], end: int, title_end: int = 0) -> list[Actor]:
    """"the two countries", "both governments": the two states of a headline that names two,
    else the last two states the story named, as actors spanning the phrase (so the parse finds
    them where the phrase stands)."""
    found = BOTH.search(sentence)
    if not found:
        return []
    if found.group(0).endswith("Koreas"):  # "the two Koreas"
        return [Actor(found.start(), found.end(), found.group(0), code, "GOV", "country", weak=True)
                for code in ("PRK", "KOR")]
    headline = {m.entry.code for m in mentions
                if m.end <= title_end and m.entry.kind in STATE_KINDS and m.entry.code}
    codes: list[str] = []  # states named so far, the most recent last
    for m in mentions:
        if m.start >= end:
            break
        if m.entry.kind in STATE_KINDS and m.entry.code and (len(headline) != 2 or m.entry.code in headline):
            codes = [c for c in codes if c != m.entry.code] + [m.entry.code]
    if len(codes) < 2:
        return []
    return [Actor(found.start(), found.end(), found.group(0), code, "GOV", "country", weak=True)
            for code in codes[-2:]]


# tabs, no-break and thin spaces, and the backslash some wire copy leaves where a line broke
# ("met this\\week in New York"): never a word's part in news text
ODD_SPACE_CHARS = "\t\u00a0\u2009\u202f\\"
ODD_SPACES = str.maketrans(ODD_SPACE_CHARS, " " * len(ODD_SPACE_CHARS))
ODD_SPACE = re.compile("[" + re.escape(ODD_SPACE_CHARS) + "]")
RUNS_OF_SPACES = re.compile(r" {2,}")
# a quotation mark as an HTML entity, or one that lost its "&" on the way (AG News: 'condemned as
# quot;unfair quot;'): its ";" would end the clause
DAMAGED_QUOTE = re.compile(r"&quot;|(?<= )quot;")
# A line break inside a sentence (wire copy wrapped at a fixed width: "exploded near a U.S.\n
# military patrol"): no sentence punctuation before it, no blank line or list bullet after it
WRAPPED_LINE = re.compile(r"(?<=[^\s.!?:;\"”'’)\]])[ \t]*\n(?![ \t]*(?:\n|[-*•–·]|\d+[.)]\s))"
                          r"|(?<=\S)[ \t]*\n(?=[ \t]*[a-z])")  # (a sentence never opens in lower case)


def join_wrapped_lines(text: str) -> str:
    """WRAPPED_LINE.sub(" ", text), tried only where a line breaks: a match can start only
    after the last non-space before a line break, and the regex tried at every position cost
    as much as the scan on long articles."""
    pieces, last, newline = [], 0, text.find("\n")
    while newline != -1:
        start = newline
        while start > last and text[start - 1] == " ":
            start -= 1
        found = WRAPPED_LINE.match(text, start)  # (its look-behind sees the text before start)
        if found:
            pieces += [text[last:start], " "]
            last = found.end()
        newline = text.find("\n", newline + 1)
    pieces.append(text[last:])
    return "".join(pieces)


# A sentence opening with an office and no country ("The prime minister took charge ...")
ROLE_OPENING = re.compile(r"^(?:The|the)\s+(?:[a-z]+\s+){0,2}?(?:prime minister|premier|president|"
                          r"chancellor|minister|secretary|king|queen|leader|envoy|ambassador)\b")


def clean_text(text: str) -> str:
    """A title or text as the coder reads it: quotation marks repaired, runs of spaces as one."""
    return collapse_spaces(DAMAGED_QUOTE.sub('"', text) if "quot;" in text else text)


def collapse_spaces(text: str) -> str:
    # odd spaces as spaces, then runs of spaces as one, each only when present:
    # one regex alternation tried at every position cost about as much as the scan on long articles
    if ODD_SPACE.search(text):
        text = text.translate(ODD_SPACES)
    if "\n" in text:
        text = join_wrapped_lines(text)
    return RUNS_OF_SPACES.sub(" ", text) if "  " in text else text


def _day(value) -> datetime.date | None:
    """The article's date from an ISO string, a datetime or a date; None when unreadable."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _opening_country(text: str, offset: int, mentions: list[Mention]) -> str | None:
    for m in mentions:
        if m.start >= offset + len(text):
            break
        if m.start >= offset and m.entry.kind in ("country", "seat", "people") and \
                re.fullmatch(r"\W*(?:the\s+)?", text[:m.start - offset], re.I):
            return m.entry.code
    return None
