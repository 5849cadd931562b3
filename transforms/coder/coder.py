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
from .sentences import dateline_length, split_sentences
from .triggers import TriggerFinder

TITLE_BONUS = 0.08      # the headline and lede say what the story is about
REPEAT_BONUS = 0.04     # each further mention of the same event, up to MAX_REPEAT_BONUS
MAX_REPEAT_BONUS = 0.12


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
        memory = ArticleMemory(home=home_country or self._home_from_title(title, mentions),
                               home_given=bool(home_country), known=self._lexicon.people)

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
                for event in code_events(sentence, actors, triggers, last_person):
                    candidates.append((event, offset, sentence, index))
            # "He" in the next sentence is most likely this sentence's subject, if it is a person
            subjects = [a for a in actors if not a.location]
            if subjects and (subjects[0].person or subjects[0].role):
                last_person = subjects[0]
            elif subjects:
                last_person = None
        return self._rank(candidates, title_sentences=2 if title else 1)

    def _home_from_title(self, title: str, mentions: list[Mention]) -> str | None:
        """A headline that opens with a country ("Canada meets ...") names the home country."""
        if not title:
            return None
        for m in mentions:
            if m.start >= len(title):
                break
            if m.entry.kind in ("country", "seat", "people") and \
                    re.fullmatch(r"\W*(?:the\s+)?", title[:m.start], re.I):
                return m.entry.code
        return None

    def _rank(self, candidates, title_sentences: int) -> list[dict]:
        """One event per (type, country pair): the most confident, boosted by repetition."""
        best: dict[tuple, dict] = {}
        people: dict[tuple, dict] = {}
        named_people = {e.source[0].person for e, *_ in candidates if e.source and e.source[0].person} | \
            {a.person for e, *_ in candidates for a in e.source + e.target if a.person}
        counts: dict[tuple, int] = {}
        locations: dict[tuple, dict] = {}
        for event, offset, sentence, index in candidates:
            record = to_record(event, offset, sentence)
            if index < title_sentences:
                record["confidence"] = round(min(0.99, record["confidence"] + TITLE_BONUS), 3)
            key = (record["event"], frozenset(a["code"] for a in record["source"] + record["target"]))
            counts[key] = counts.get(key, 0) + 1
            if record["eventLoc"] and key not in locations:
                locations[key] = record["eventLoc"]
            if key not in best or record["confidence"] > best[key]["confidence"]:
                best[key] = record
            for actor in record["source"] + record["target"]:
                if actor["actorText"] in named_people:
                    people.setdefault((key, actor["code"]), actor)
        events = []
        for key, record in best.items():
            # "Sweden hails Norway deal" is best told by the body's "Foreign Minister Karl Berg"
            for side in ("source", "target"):
                record[side] = [people.get((key, a["code"]), a) if a["actorText"] not in named_people
                                else a for a in record[side]]
            bonus = min(MAX_REPEAT_BONUS, REPEAT_BONUS * (counts[key] - 1))
            record["confidence"] = round(min(0.99, record["confidence"] + bonus), 3)
            if record["eventLoc"] is None and key in locations:
                # the headline says who met; a later sentence says where
                record["eventLoc"] = locations[key]
                codes = key[1]
                if record["event"] == "CONSULT" and not record["mode"]:
                    loc = locations[key]["code"]
                    record["mode"] = ("third-party" if loc not in codes else
                                      "visit" if loc in {a["code"] for a in record["target"]} else "host")
            events.append(record)
        events.sort(key=lambda r: (-r["confidence"], -abs(r["goldstein"])))
        # one event per type and country pair: "A -> B" adds nothing after "A -> B and C"
        kept, covered = [], set()
        for record in events:
            pairs = {(record["event"], frozenset((s["code"], t["code"])))
                     for s in record["source"] for t in record["target"]}
            if pairs and pairs <= covered:
                continue
            covered |= pairs
            kept.append(record)
        return kept


@functools.lru_cache(maxsize=4)
def _matchers(dictionary_dir):
    lexicon = load_lexicon(dictionary_dir)
    return lexicon, ActorRecognizer(lexicon), TriggerFinder(lexicon.triggers)


def _actor_json(actor: Actor) -> dict:
    return {"actorText": actor.actor_text, "code": actor.code, "sector": actor.sector or "GOV"}


def to_record(event: CandidateEvent, offset: int, sentence: str) -> dict:
    spans = []
    for role, side in (("source", event.source), ("target", event.target)):
        for actor in side:
            spans.append({"text": actor.text, "code": actor.code, "role": role,
                          "start": actor.start, "end": actor.end})
    if event.location is not None:
        loc = event.location
        spans.append({"text": loc.text, "code": loc.code, "role": "location",
                      "start": loc.start, "end": loc.end})
    trigger = event.trigger
    return {
        "event": event.event,
        "mode": event.mode,
        "context": "",
        "source": [_actor_json(a) for a in event.source],
        "target": [_actor_json(a) for a in event.target],
        "eventText": sentence[trigger.start:trigger.end],
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "confidence": event.confidence,
        "eventLoc": ({"name": event.location.text, "code": event.location.code}
                     if event.location is not None else None),
        "symmetric": event.symmetric,
        "planned": event.planned,
        "background": event.background,
        "evidence": {
            "sentence": sentence,
            "sentence_start": offset,
            "actor_spans": spans,
            "trigger_span": {"text": sentence[trigger.start:trigger.end],
                             "start": trigger.start, "end": trigger.end},
            "rule": trigger.entry.rule + (f" ({'; '.join(event.notes)})" if event.notes else ""),
        },
    }
