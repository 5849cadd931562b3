"""EventCoder: code an article into PLOVER events between countries, with evidence.

    coder = EventCoder()
    events = coder.code(text, title="...", home_country=None)

Plain Python, no Beam: the pipeline builds one coder per worker (DoFn.setup) and calls code().
"""
from __future__ import annotations

import functools
import re

from .actors import Actor, ActorRecognizer, ArticleMemory, Mention
from .context import is_sports_story
from .dictionaries import DICTIONARY_DIR, load_lexicon
from .events import CandidateEvent, code_events
from .matching import lower_same_length
from .ranking import rank_events
from .sentences import dateline_length, split_sentences
from .triggers import TriggerFinder

class EventCoder:
    def __init__(self, dictionary_dir=DICTIONARY_DIR):
        self.dictionary_dir = dictionary_dir
        self._build()

    def _build(self):
        # dictionaries and automata are built once per process and shared by every coder
        self._lexicon, self._actors, self._triggers = _matchers(self.dictionary_dir)

    # Beam pickles DoFns; rebuild the automata instead of pickling them.
    def __getstate__(self):
        return {"dictionary_dir": self.dictionary_dir}

    def __setstate__(self, state):
        self.dictionary_dir = state["dictionary_dir"]
        self._build()

    def code(self, text: str, title: str = "", home_country: str | None = None) -> list[dict]:
        title = (title or "").strip()
        document = f"{title}\n\n{text}" if title else (text or "")
        if not document.strip() or is_sports_story(document):
            return []
        lowered = lower_same_length(document)
        mentions = self._actors.document_mentions(document, lowered)
        sentences = split_sentences(document)
        home = home_country or self._home_from_title(title, mentions) or \
            self._home_from_lede([x for x in sentences if x[0] >= len(title)], mentions)
        memory = ArticleMemory(home=home, home_given=bool(home_country), known=self._lexicon.people,
                               document=document)

        candidates: list[tuple[CandidateEvent, int, str, int]] = []  # event, offset, sentence, index
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
            dateline = dateline_length(sentence) if index < 3 else 0
            if dateline:
                # "TOKYO (Reuters) -" says where the story was filed: neither actor nor place
                actors = [a for a in actors if a.start >= dateline]
            if actors:
                triggers = self._triggers.find(sentence, lowered[offset:end])
                # "a UK tour", "Iraq advice calls": a country word before a noun is no actor
                actors = self._actors.modifiers.drop(sentence, actors, {t.start for t in triggers})
                for event in code_events(sentence, actors, triggers, last_person):
                    candidates.append((event, offset, sentence, index))
            # "He" in the next sentence is most likely this sentence's subject, if it is a person
            subjects = [a for a in actors if not a.location]
            if subjects and (subjects[0].person or subjects[0].role):
                last_person = subjects[0]
            elif subjects:
                last_person = None
        # the headline and the lede (or the lede alone) tell what the story is about
        return rank_events(candidates, top_sentences=2 if title else 1)

    def _home_from_title(self, title: str, mentions: list[Mention]) -> str | None:
        """A headline that opens with a country ("Canada meets ...") names the home country."""
        if not title:
            return None
        return _opening_country(title, 0, mentions)

    def _home_from_lede(self, body: list[tuple[int, str]], mentions: list[Mention]) -> str | None:
        """The lede's dateline ("OTTAWA (CP) -"), or a lede that opens with a country in a
        story of several sentences, names the home country."""
        if not body:
            return None
        offset, lede = body[0]
        dateline = dateline_length(lede)
        for m in mentions:
            if m.start >= offset + dateline:
                break
            if m.start >= offset and m.entry.kind in ("country", "seat", "place"):
                return m.entry.code
        if len(body) >= 3:
            return _opening_country(lede, offset, mentions)
        return None


@functools.lru_cache(maxsize=4)
def _matchers(dictionary_dir):
    lexicon = load_lexicon(dictionary_dir)
    return lexicon, ActorRecognizer(lexicon), TriggerFinder(lexicon.triggers)


def _opening_country(text: str, offset: int, mentions: list[Mention]) -> str | None:
    for m in mentions:
        if m.start >= offset + len(text):
            break
        if m.start >= offset and m.entry.kind in ("country", "seat", "people") and \
                re.fullmatch(r"\W*(?:the\s+)?", text[:m.start - offset], re.I):
            return m.entry.code
    return None
