"""Who did what to whom, read from a dependency parse.

For each verb (or event noun) whose lemma is a trigger, the parse gives its arguments: subject,
object, passive agent, prepositional objects, coordination ("X and Y agreed"), the controller of a
purpose or infinitive clause ("X refused to meet Y"), the noun a relative clause hangs on, and the
possessor of an event noun ("Bush's visit to China"). Actors (found by the dictionary scan) are
assigned to the argument whose phrase holds them; a clause inside an argument (a relative clause,
a reported clause) is not part of it, so "X said that Y attacked Z" is Y -> Z.
"""
from __future__ import annotations

import dataclasses
import re

from .actors import INTERNATIONAL_VENUES, STATE_POSTS, Actor
from .clauses import OWN_AGENT_WORDS, inserted_sources, names_a_border
from .direction import ARMED_GROUPS, ARMED_WORDS, DURING_PHRASE, UNNAMED_ARMED, UNNAMED_PEOPLE
from .dictionaries import EVENT_DEFAULTS
from .events import (DENIED_OWN_ACT, GIVEN, OWNED_OBJECT, PRIVATE_TRIP, RECEIVING, STREET_PROTEST, CandidateEvent,
                     _confidence, _dedupe, _is_reported_act, demanded_in_the_street, is_verbal_attack,
                     retyped_by_sides)
from .modality import NEGATION_INSIDE, negated_event, planned_event, read_modality
from .parse import lemma_of
from .tree_lexicon import TreeTrigger
from .triggers import TriggerMatch

# Edges that open a clause of its own (what a speaker said, why, when, a relative clause): its
# words are not part of the phrase above it. EMBEDDED are the finite ones among them; a phrase
# also stops at a governed infinitive (xcomp), which tells an act of its own.
OTHER_CLAUSES = {"ccomp", "advcl", "acl:relcl", "acl", "parataxis", "csubj", "list", "advcl:relcl",
                 "appos", "dep"}
EMBEDDED = {"acl:relcl", "advcl", "ccomp", "parataxis", "csubj", "advcl:relcl"}
CLAUSAL = OTHER_CLAUSES | {"xcomp"}
SUBJECTS = {"nsubj", "nsubj:pass", "csubj", "nsubj:outer"}
OBJECTS = {"obj", "iobj"}
# Prepositions that introduce the other party of a verb ("met with", "fired at", "withdrew from")
# and, more loosely, of an event noun ("aid for", "the invasion of", "a dispute over")
PARTY_PREPOSITIONS = {"with", "to", "against", "on", "into", "toward", "towards", "upon", "from",
                      "at", "between", "among", "onto"}
NOUN_PARTY_PREPOSITIONS = PARTY_PREPOSITIONS | {"for", "of", "over"}
# Verbs whose direct object is a topic; the other side comes with "with"
TOPIC_OBJECT_VERBS = {"discuss", "debate"}
# Nouns of a stance towards something: "policy toward Iran", "approach to North Korea"
STANCE_NOUNS = {"approach", "approaches", "policy", "policies", "stance", "attitude", "attitudes",
                "position", "strategy", "line"}
PLACE_PREPOSITIONS = {"in", "at", "near", "inside", "outside", "across", "throughout", "within"}
NEGATIONS = {"not", "n't", "never", "no"}
# "a car bomb exploded, killing ...": a weapon with no owner named was set off by unnamed
# attackers of the place
UNNAMED_WEAPONS = {"bomb", "blast", "explosion", "explosive", "mortar", "rocket", "grenade", "mine",
                   "bombing", "ambush", "shell", "missile"}
# what a weapon named before it sends: "mortar rounds", "rocket fire"
WEAPON_SHOTS = {"round", "fire", "barrage", "salvo"}
# People one meets who speak for the place they are in: "met tribal leaders in Fallujah"
UNNAMED_COUNTERPARTS = {"representative", "envoy", "delegate", "negotiator", "leader", "elder",
                        "official", "chief", "cleric", "mediator"}
# Who protests, unnamed: of the place where they do
UNNAMED_PROTESTERS = {"protester", "protestor", "demonstrator", "crowd", "mob", "student", "activist",
                      "marcher", "rioter"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Verbs of saying whose pronoun subject in the clause said ("X said they had ...") is X
SAYING = {"say", "claim", "announce", "admit", "confirm", "declare", "state", "boast", "insist"}
MAX_GAP = 5  # words a pattern may skip between two of its words
# Agent nouns name people ("a Pentagon analyst", "a US negotiator", "an Iraqi detainee"): a name
# before them says whom they act for.
PERSON_NOUN = re.compile(r"(?:ist|yst|ian|ator|itor|ador|eer|ee|ier)$")
# Acts two sides do with each other: "India and Pakistan concluded talks", "A and B clashed"
# (but "Sweden and Norway will fund the programme" is a joint act, with no other side)
RECIPROCAL = {"meet", "talk", "negotiate", "agree", "sign", "clash", "fight", "battle", "skirmish",
              "discuss", "consult", "confer", "reconcile", "normalize", "normalise", "exchange",
              "meeting", "talks", "negotiation", "summit", "agreement", "accord", "pact", "treaty",
              "deal", "relation", "tie", "dialogue", "cooperation", "war", "truce", "ceasefire"}
# Verbs that two sides do with each other when they have an object: "Russia and China resolved
# their border dispute" (but "resolved to fight terrorism" is a joint resolve)
SETTLING = {"resolve", "settle"}
# "a meeting on Palestinian statehood": what follows these, under a noun, is a topic, not a side
TOPIC_PREPOSITIONS = {"on", "about", "over", "regarding", "concerning"}
# "would damage relations", "could force": a possibility, not a reported act (unless a speaker
# announces it: "X said it would attack", which the patterns code as a threat)
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must"}
# "trying to strike a deal", "hoping to meet": an attempt or wish, not the act
ATTEMPTS = {"try", "attempt", "seek", "hope", "want", "wish", "aim", "struggle", "fail", "strive"}
DENYING = {"deny", "dismiss"}
# Verbs that speak of an act named by their object ("France condemned the attack on Iraq"): their
# subject judges or reports it and is not its agent
JUDGING = {"condemn", "denounce", "deplore", "decry", "criticise", "criticize", "slam", "protest", "praise",
           "welcome", "hail", "applaud", "mourn", "regret", "investigate", "report", "blame", "describe",
           "confirm"} | DENYING | TOPIC_OBJECT_VERBS
# Verbs of owning or running a thing
OWNING = {"control", "own", "run", "operate", "manage"}
# Verbs whose subject undergoes the coercion their phrase names: "appeared in court"
UNDERGOING = {"appear"}
# Verbs that only say an act is intended: "is planning to return children to Albania" tells the
# return, coded (as planned) from its own words if they name an event; the intention alone is none
INTENDING = {"plan", "intend", "aim", "decide", "determine", "expect", "mean", "prepare", "seek",
             "strive", "endeavour", "endeavor", "want"}
# Verbs of owning or of intending: as a participle after its noun they describe it ("a firm
# controlled by Suez", "attacks planned by insurgents")
DESCRIBING = OWNING | INTENDING
# Verbs of asking take an object: "Mubarak urged to pull envoy out" is a headline's passive
ASKING = {"urge", "ask", "press", "tell", "order", "invite", "force", "pressure", "push", "call"}
WARNING = {"warn", "caution"}


def tree_events(sentence: str, doc, actors: list[Actor], table: dict[str, list[TreeTrigger]],
                headline: bool = False, story_place: Actor | None = None,
                owner_nouns: frozenset = frozenset()) -> list[CandidateEvent]:
    """Events of one parsed sentence (doc's text has the sentence's offsets). story_place is
    where the story happens, for unnamed actors when the sentence names no place; owner_nouns
    are the nouns a country name before them still acts through ("a UN resolution")."""
    heads = {id(a): _head_token(doc, a) for a in actors}
    actors = [a for a in actors if not _modifies_noun(a, heads[id(a)], owner_nouns, actors)]
    inserted = inserted_sources(sentence)  # ", according to Syrian officials,": who reports it
    participants = [a for a in actors if not a.location
                    and not any(start <= a.start < end for start, end in inserted)]
    # "near the Afghan border" says where, not whose unnamed actors are or whom an act hit
    places = [a for a in actors if a.location and not names_a_border(sentence, a)]
    # where unnamed actors belong (not the country whose embassy is there: "outside the Australian
    # embassy in Jakarta" happened in Indonesia)
    # ... nor where they came from: "militiamen from Sudan's Darfur region attacked two villages in
    # the east" (of the story's country)
    hosts = [p for p in places if not MISSION_AFTER.match(sentence, p.end) and not _in_reason(heads.get(id(p)))
             and not _named_as_origin(heads.get(id(p)))]
    homes = hosts or ([story_place] if story_place else [])
    if not participants:
        return []
    events, seen = [], set()
    matches = {token.i: _trigger_at(token, table) for token in doc}
    for token in doc:
        match = matches[token.i]
        if match is None:
            continue
        trigger, end = match
        # (the parse may hang "urged the world to help Sudan"'s "help" as an adverbial clause)
        governed = token.dep_ in ("xcomp", "ccomp") or token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "to" for c in token.children)
        governor = matches.get(token.head.i) if governed else None
        if governor is not None and governor[0].entry.governs:
            # "refused to extradite": the refusal is the event, with the act's object; "demanded
            # that the Philippines withdraw": a demanded act is not reported as done
            continue
        if any(a.start <= _at(token) < a.end for a in actors):
            continue  # "the Defence Secretary": a word inside an actor's name
        event = _event(sentence, doc, token, end, trigger, participants, places, homes, heads, headline)
        if event is None:
            continue
        key = (event.event, event.codes)
        if key in seen:
            continue
        seen.add(key)
        event.confidence = round(max(0.05, event.confidence - 0.06 * len(events)), 3)
        events.append(event)
    if headline and not events:
        events = _headline_events(sentence, doc, participants, places, table, homes)
    return events


def _speakers_own(noun) -> bool:
    """The speaker's own agents, named by a possessive: "Iran said its forces would strike Israel"."""
    return noun.lower_ in OWN_AGENT_WORDS and any(
        c.dep_ == "nmod:poss" and c.lower_ in ("its", "their", "his", "her") for c in noun.children)


def _in_reason(token) -> bool:
    """Is the token inside a gerund of reason ("jailed a militant for financing bombings in
    Iraq")? Its place is the deed's, not where the main act's unnamed people belong."""
    for ancestor in (token.ancestors if token is not None else ()):
        for c in ancestor.children:
            # (the parse may tag the gerund a noun: "for financing attacks")
            if c.dep_ in ("mark", "case") and c.lower_ == "for" and c.i + 1 < len(c.doc) and \
                    c.doc[c.i + 1].lower_.endswith("ing"):
                return True
    return False


def _at(token) -> int:
    """A token's offset in the sentence (the parse may have started after a dateline)."""
    return token.idx + token.doc.user_data.get("offset", 0)


def _modifies_noun(actor: Actor, head, owner_nouns, actors) -> bool:
    """"a UK tour", "their US listings": a name that only modifies a common noun is no actor
    (but "a UN resolution", "US troops", "US and Iraqi forces" act through their noun)."""
    if head is None or actor.kind not in ("country", "seat", "igo") or head.dep_ != "compound":
        return False
    noun = head.head
    if any(a.start <= _at(noun) < a.end for a in actors):
        return False  # the noun belongs to an actor: "US and Iraqi forces"
    lemma = _lemma(noun)
    return noun.tag_ in ("NN", "NNS") and lemma not in owner_nouns and noun.lower_ not in owner_nouns and \
        not PERSON_NOUN.search(lemma)  # (a plural listed as such: "US interests", not "US interest rates")


NAME_MODIFIERS = {"amod", "compound", "det", "nmod:poss", "punct"}


def _head_token(doc, actor: Actor):
    offset = doc.user_data.get("offset", 0)
    inside = [t for t in doc if actor.start <= t.idx + offset < actor.end]
    if not inside:
        return None
    outward = [t for t in inside if not (actor.start <= _at(t.head) < actor.end) or t.head.i == t.i]
    # "Chinese Premier Wen Jiabao said": a modifier the parse hung outside the name is not its head
    return next((t for t in outward if t.dep_ not in NAME_MODIFIERS), outward[0] if outward else inside[-1])


def _participle_adjective(token) -> bool:
    """"One American soldier was wounded": EWT tags many passives after "be" as adjectives; so
    is a headline's, which drops the "be" ("US diplomat among 7 injured in hotel blast")."""
    return token.tag_ == "JJ" and token.lower_.endswith("ed") and (
        any(c.dep_ == "cop" for c in token.children) or
        token.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in token.children))


def _verb_tagged_noun(token) -> bool:
    """"Gunmen storm U.S. consulate in Jeddah": a word with its own subject and object is a
    verb, however the tagger (misled by a headline) tagged it."""
    return token.tag_.startswith("NN") and any(c.dep_ == "nsubj" for c in token.children) and \
        any(c.dep_ == "obj" for c in token.children)


def _capital_of_opening(token) -> bool:
    """Is the word a name only by its capital as the sentence's first word? "Clashes between
    Indian and Pakistani troops ...", a headline's "Talks Resume ...": the tagger reads the
    capital as a name's."""
    return token.i == 0 and token.tag_ in ("NNP", "NNPS") and token.text[1:].islower()


def _lemma(token) -> str:
    lemmas = token.doc.user_data.get("lemmas")
    if lemmas is None:  # once per parse: the trigger look-ups ask for every word many times
        lemmas = token.doc.user_data["lemmas"] = [
            lemma_of(t.text, "VBN" if _participle_adjective(t) else "NN" if _capital_of_opening(t) else t.tag_)
            for t in token.doc]
    return lemmas[token.i]


def _phrase(token, topics: bool = True) -> list:
    """The token and what hangs on it, without clauses of their own (and, with topics False,
    without a noun's topic or place: "a meeting [on Palestinian statehood]", "forces [in Poland]")."""
    found, stack = [], [token]
    while stack:
        t = stack.pop()
        found.append(t)
        for child in t.children:
            if child.dep_ in CLAUSAL or (child.dep_ == "conj" and child.tag_.startswith("VB")):
                continue
            if not topics and t.tag_.startswith("NN") and child.dep_ in ("nmod", "acl") and \
                    _case(child) in TOPIC_PREPOSITIONS | PLACE_PREPOSITIONS:
                continue  # "forces in Poland": where they are, not who they are
            if not topics and t.lower_ in STANCE_NOUNS and _case(child) in ("to", "toward", "towards"):
                continue  # "differ on their approach to North Korea": what the stance is about
            if not topics and child.dep_ == "nmod" and _case(child) == "of" and t.tag_ == "NN" and \
                    any(c.dep_ == "amod" and c.tag_ in ("JJ", "NNP", "NNPS") and c.text[:1].isupper()
                        for c in t.children):
                continue  # "an Australian employee of a Canadian company": the person is Australian
            stack.append(child)
    return found


def _own_words(verb) -> list:
    """Words a trigger's pattern may name: the verb's phrase after it, plus the "to" of a
    governed infinitive ("agreed to", "refused to")."""
    words = [t for t in _phrase(verb) if t.i > verb.i]
    for child in verb.children:
        if child.dep_ == "xcomp":
            words += [m for m in child.children if m.dep_ == "mark"]
            if child.tag_.startswith(("NN", "JJ")):
                words += [t for t in _phrase(child)]
    return words


# Words that make a phrase a time, not a party: "called Bush on Tuesday" is no "call on"
TIME_NOUNS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december", "day", "week", "weekend", "month", "year", "morning",
              "afternoon", "evening", "night", "time", "occasion", "eve", "anniversary"}


def _marks_a_time(token) -> bool:
    """Is the word the preposition of a time ("on Tuesday", "on the eve of ...")?"""
    return token.dep_ == "case" and token.head.lower_ in TIME_NOUNS


def _token_matches(pattern_token, token) -> bool:
    if _marks_a_time(token):
        return False
    lemma, text = _lemma(token), token.lower_
    if isinstance(pattern_token, frozenset):
        return lemma in pattern_token or text in pattern_token
    return lemma == pattern_token or text == pattern_token


def _vocabulary(words) -> set:
    """The lemmas and lower-case forms of words, for _may_match."""
    return {_lemma(w) for w in words} | {w.lower_ for w in words}


def _may_match(pattern: tuple, vocabulary: set) -> bool:
    """Does the phrase hold every word the pattern names, in any order? A cheap test before
    the ordered match (a verb such as "break" heads dozens of patterns)."""
    for pattern_token in pattern:
        if isinstance(pattern_token, frozenset):
            if pattern_token.isdisjoint(vocabulary):
                return False
        elif any(part not in vocabulary for part in pattern_token.split("_")):
            return False
    return True


def _match_in_order(pattern: tuple, words: list, start: int) -> int | None:
    """Match pattern tokens to the words of the trigger's phrase in order, each within MAX_GAP
    words of the last one matched (PETRARCH's patterns read left to right from the verb: "impose
    ... sanction" matches "imposed new trade sanctions", not a "sanction" three clauses away).
    A phrase token ("arms_shipment") matches consecutive words. Returns the end offset, or None."""
    words = sorted(words, key=lambda t: t.i)
    position, at, end = start, 0, None
    for pattern_token in pattern:
        parts = pattern_token.split("_") if isinstance(pattern_token, str) else [pattern_token]
        found = None
        for k in range(at, len(words)):
            if words[k].i - position > MAX_GAP and not (
                    words[k].head.i == position and words[k].dep_ in OBJECTS | {"xcomp"}):
                continue  # far, unless the tree makes it the object itself ("signed an 800
                # million ducat trade protocol") or what the object is called ("called the UK's
                # £3bn rebate from the European Union unjustified")
            if all(k + j < len(words) and words[k + j].i == words[k].i + j and
                   _token_matches(part, words[k + j]) for j, part in enumerate(parts)):
                found = k
                break
        if found is None:
            return None
        last = words[found + len(parts) - 1]
        position, at, end = last.i, found + len(parts), _at(last) + len(last.text)
    if last.dep_ == "compound" and last.head.i > last.i and last.head.tag_.startswith("NN"):
        return None  # "slammed into the border town of Sderot": the object is a town, not a border
    return end


def _trigger_at(token, table):
    """(trigger, end offset of its words) for a verb or event noun whose lemma heads one."""
    tag = token.tag_
    is_verb = tag.startswith("VB") and token.dep_ not in ("amod", "compound") or _participle_adjective(token) \
        or _main_verb_taken_for_participle(token) or _verb_tagged_noun(token)
    is_noun = tag.startswith("NN") and (not tag.startswith("NNP") or _capital_of_opening(token))
    if not (is_verb or is_noun):
        return None
    candidates = table.get(_lemma(token))
    if not candidates:
        return None
    words = _own_words(token)
    vocabulary = _vocabulary(words)
    subject_words = None  # read only for a trigger that names its subject's words
    for trigger in candidates:
        if trigger.verb != is_verb or not _may_match(trigger.words, vocabulary):
            continue
        end = _match_in_order(trigger.words, words, token.i) if trigger.words else \
            _at(token) + len(token.text)
        if end is None:
            continue
        if trigger.before and subject_words is None:
            subject = _subject(token)[0]
            subject_words = _phrase(subject) if subject is not None else []
        if trigger.before and (not subject_words or _match_in_order(
                trigger.before, subject_words, min(t.i for t in subject_words) - 1) is None):
            continue
        return trigger, max(end, _at(token) + len(token.text))
    return None


# What someone is held as, parsed as an object of "held": "held hostage", "taken captive"
HELD_AS = {"hostage", "captive", "prisoner"}
FINITE_AUX = {"have", "has", "had", "is", "are", "was", "were", "will", "would", "could", "can"}


def _reduced_passive_root(verb) -> bool:
    """A participle after its noun that the parse made the main verb: "US troops injured in Iraq
    have required ...", "hostages freed in Iraq returned home". The verb has no auxiliary and no
    object, and a later verb with no subject or marker of its own is finite (has an auxiliary, or
    is in the past or present tense): that one is the main verb, and the first one's noun
    underwent the act."""
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBN", "VBD") or \
            any(c.dep_.startswith("aux") or c.dep_ in OBJECTS and c.lower_ not in HELD_AS
                for c in verb.children):
        return False  # (but "drivers held hostage in Iraq arrive home": what they were held as)
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in ("advcl", "xcomp", "parataxis", "ccomp", "conj"):
            continue
        finite_aux = any(c.dep_ in ("aux", "aux:pass", "cop") and c.lower_ in FINITE_AUX for c in child.children)
        if not (child.tag_.startswith("VB") or finite_aux):
            continue  # (a passive the parse tags as an adjective: "... were freed on Tuesday")
        own = {c.dep_ for c in child.children}
        if own & {"nsubj", "nsubj:pass", "mark", "cc"} or \
                any(t.dep_ == "punct" and verb.i < t.i < child.i for t in verb.children):
            continue
        if child.tag_ in ("VBD", "VBZ", "VBP") or finite_aux:
            return True
    return False


def _subject(verb):
    """(subject token, passive?) of a verb, following control, coordination and relative clauses."""
    passive = any(c.dep_ == "aux:pass" for c in verb.children) or _participle_adjective(verb)
    for child in verb.children:
        if child.dep_ in SUBJECTS and child.lower_ not in RELATIVE_PRONOUNS:
            return child, passive or child.dep_ == "nsubj:pass"
    if verb.dep_ == "ROOT" and verb.tag_.startswith("NN"):
        return None, passive
    head = verb.head
    if head.i == verb.i:
        return None, passive
    if verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and any(c.lower_ == "to" for c in verb.children)):
        return _subject(head)[0], passive  # "X refused to meet Y", "X came to sign Y"
    if verb.dep_ == "conj":
        return _subject(head)[0], passive  # "X met Y and signed ..."
    main_verb = _main_verb_taken_for_participle(verb)
    if verb.dep_ in ("acl:relcl", "acl") or main_verb:
        # "the troops who attacked", "a journalist kidnapped in Iraq" (a participle is passive),
        # but a reciprocal verb has no passive (see _main_verb_taken_for_participle)
        # (a past form hanging on a noun is a participle, whatever its tag: "engineers held
        # hostage in Iraq arrive home"; but one with a direct object is the noun's own act that
        # the parse hung on it: "A suicide car bomber struck a US convoy")
        acted = any(c.dep_ in OBJECTS and c.lower_ not in HELD_AS for c in verb.children)
        return head, passive or (verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and not main_verb
                                 and not acted)
    return None, passive


def _main_verb_taken_for_participle(verb) -> bool:
    """A reciprocal verb has no passive: in a sentence with no other verb, one the parse hung on
    the subject as a participle is the main verb ("Indian and Chinese troops clashed along the
    border", "Shiite militiamen loyal to Sadr clashed with US troops")."""
    return verb.dep_ in ("acl", "amod") and verb.tag_ in ("VBD", "VBN") and verb.head.dep_ == "ROOT" and \
        verb.head.tag_.startswith("NN") and _lemma(verb) in RECIPROCAL and \
        not any(t.tag_.startswith("VB") and t.i != verb.i for t in verb.doc)


def _other_subjects(verb, subject) -> list:
    """Further subjects of the same verb after "and": a coordination the parse split ("the
    ministers of India and Pakistan have concluded" read with "Pakistan" as a subject)."""
    if subject is None or subject.head.i != verb.i:
        return []
    doc = verb.doc
    return [c for c in verb.children if c.dep_ == "nsubj" and c.i > subject.i
            and any(t.lower_ == "and" for t in doc[subject.i:c.i])]


def _side(token, participants, heads) -> list[Actor]:
    if token is None:
        return []
    phrase = {t.i for t in _phrase(token, topics=False)}
    return [a for a in participants if heads.get(id(a)) is not None and heads[id(a)].i in phrase]


def _named_as_origin(token) -> bool:
    """A place after "from", or owning or naming the noun after "from" ("from Sudan's Darfur
    region"): where someone came from."""
    if token is None:
        return False
    return _case(token) == "from" or \
        token.dep_ in ("nmod:poss", "compound", "amod") and _case(token.head) == "from"


def _case(token) -> str:
    return next((c.lower_ for c in token.children if c.dep_ == "case"), "")


def _objects(verb) -> list:
    """Object-like arguments of a verb (or event noun), nearest first."""
    found = [c for c in verb.children if c.dep_ in OBJECTS]
    found += [c for c in verb.children
              if c.dep_ in ("obl", "nmod", "obl:unmarked", "nmod:unmarked") and _case(c) in PARTY_PREPOSITIONS]
    # "signed a trade protocol with Portugal", "sent troops to Iraq": a party may hang on the
    # object the verb forms its event with (not "on", which there names a topic)
    found += [g for c in verb.children if c.dep_ in OBJECTS for g in c.children
              if g.dep_ in ("nmod", "nmod:unmarked") and _case(g) in PARTY_PREPOSITIONS - {"on"}]
    # "agreed to meet Y", "agreed on talks with Y": the governed act's object
    for child in verb.children:
        if child.dep_ == "xcomp":
            found += _objects(child)
    return found


def _condition_subjects(verb, participants, heads) -> list[Actor]:
    """The named subject of an "unless"/"if" clause inside a verb's phrase (wherever the parse
    hangs it: "within 48 hours unless Japan pulled out" may hang on "hours")."""
    for c in verb.subtree:
        if c is not verb and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
            found = _side(_subject(c)[0], participants, heads)
            if found:
                return found
    return []


def _holds_victims(token) -> bool:
    """"The kidnappers of two French journalists": an unnamed armed noun whose "of" phrase names
    whom they hold or hit, not whom they are."""
    return token is not None and lemma_of(token.text, "NN") in UNNAMED_ARMED and \
        any(c.dep_ == "nmod" and _case(c) == "of" for c in token.children)


def _agent(verb):
    for c in verb.children:
        if c.dep_ == "obl:agent" or (c.dep_ == "obl" and _case(c) == "by"):
            return c
    return None


# Acts only a state's authorities perform (trigger modes): the state where they happen did them
STATE_POWERS = {"arrest", "detain", "deport"}


def _unnamed(token, homes, victims: bool = False, met: bool = False, protest: bool = False) -> list[Actor]:
    """'militants' (or, as victims, 'two women', or, as people met, 'tribal leaders') with no
    country: the country of the place they are in."""
    if token is None or not homes:
        return []
    # a capitalised common noun ("Gunmen launched ...") may be tagged as a name: read it as a noun
    word = lemma_of(token.text, "NN" if token.tag_.startswith("NNP") else token.tag_)
    modifiers = {lemma_of(c.text, c.tag_) for c in token.children if c.dep_ in ("amod", "compound")}
    armed = word in UNNAMED_ARMED or word in UNNAMED_WEAPONS or \
        word in ARMED_GROUPS and not modifiers.isdisjoint(UNNAMED_ARMED | ARMED_WORDS) or \
        word in WEAPON_SHOTS and not modifiers.isdisjoint(UNNAMED_WEAPONS)
    if armed:
        sector = "REB"
    elif victims and word in UNNAMED_PEOPLE:
        sector = "CVL"
    elif protest and word in UNNAMED_PROTESTERS:
        sector = "CVL"  # "protesters burned an Israeli flag in Amman"
    elif met and word in UNNAMED_COUNTERPARTS and homes[0].text not in INTERNATIONAL_VENUES:
        sector = "UNK"  # "met with representatives of the cleric in Baghdad"
    else:
        return []
    return [dataclasses.replace(homes[0], location=False, sector=sector, kind="role",
                                text=token.text, start=_at(token), end=_at(token) + len(token.text))]


def _event(sentence, doc, token, end, trigger: TreeTrigger, participants, places, homes, heads,
           headline) -> CandidateEvent | None:
    entry = trigger.entry
    event, mode = entry.event, entry.mode
    quad = entry.quad_class
    is_noun = not token.tag_.startswith("VB") and not _participle_adjective(token) and not _verb_tagged_noun(token)
    subject, passive = _subject(token) if not is_noun else (None, False)
    if subject is not None and _case(subject) == "among" and token.tag_ in ("VBN", "VBD"):
        passive = True  # "a US diplomat was among seven people injured" (parsed as "people injured")
    if subject is None and quad == 4 and token.dep_ == "advcl" and token.tag_ == "VBG" and \
            not any(c.dep_ == "mark" for c in token.children):
        # "a bomb exploded near a patrol, killing seven": a violent act's consequence, done by
        # the main clause's subject
        subject = _subject(token.head)[0]
    if subject is not None and (subject.lower_ in ("it", "they") or _speakers_own(subject)) and \
            token.dep_ == "ccomp" and _lemma(token.head) in SAYING:
        # "Militants said they had killed two Turkish drivers": the pronoun is the speaker; so are
        # the speaker's own forces ("Sharon said his army would strike Syria")
        subject = _subject(token.head)[0] or subject
    if headline and token.dep_ == "ROOT" and token.tag_ in ("VBN", "VBD") and \
            not any(c.dep_.startswith("aux") or c.dep_ in OBJECTS for c in token.children):
        passive = True  # "Three People Killed at Afghan Checkpoint": a headline's passive
    if not headline and _reduced_passive_root(token):
        passive = True  # "US troops injured in Iraq have required amputations"
    objects = _objects(token)
    if mode == "visit":
        # "arrived in Cairo from Paris": where the traveller came from is not the host
        objects = [o for o in objects if _case(o) != "from"]
        if not is_noun and trigger.hand and any(c.dep_ == "obj" and _lemma(c) not in trigger.words and
                               not any(heads.get(id(a)) is c for a in participants) for c in token.children):
            return None  # "the CIA flew the suspect to Egypt": a journey with a load is no visit
    if not is_noun and not any(c.dep_ in OBJECTS for c in token.children) and \
            PRIVATE_TRIP.match(sentence, _at(token) + len(token.text)):
        return None  # "Arafat flew for treatment in France": a journey, not aid or a visit
    if subject is not None and not passive and _lemma(subject) in REMAINS:
        return None  # "the body of Yasser Arafat has arrived in Cairo": the dead do not act
    if not is_noun and not trigger.words and trigger.head in INTENDING and \
            any(c.dep_ == "xcomp" for c in token.children):
        return None  # "planning to return children to Albania": the act intended is the news
    if not is_noun and trigger.head in ASKING and not passive and \
            not any(c.dep_ in OBJECTS for c in token.children) and \
            any(c.dep_ == "xcomp" for c in token.children):
        passive = True  # "Blair urged to launch Iraq probe"
        objects = []
    if not is_noun and trigger.head in DENYING and DENIED_OWN_ACT.match(sentence, _at(token) + len(token.text)):
        return None  # "Russia denied supplying weapons to Iran": its own act denied, no accuser
    if not is_noun and trigger.head in DESCRIBING and token.dep_ == "acl" and token.tag_ == "VBN":
        return None  # "water firm Aguas Argentinas, controlled by France's Suez", "attacks planned by
        # terrorists linked to bin Laden": the participle describes its noun, no act
    if not is_noun and trigger.head in UNDERGOING and event == "COERCE":
        passive = True  # "a German man appeared in court on charges of ...": he is the one charged
    source, target, used_place, symmetric = [], [], False, False
    if is_noun and token.dep_ in ("nsubj", "nsubj:pass", "obj") and any(
            v.tag_.startswith("VB") and _lemma(v) in ENDING_VERBS
            for v in [token.head] + [c for c in token.head.children if c.dep_ == "xcomp"]):
        return None  # "the EU embargo on China is likely to be lifted": the embargo stands; the
        # news is its ending, coded from the verb's own patterns
    if is_noun:
        source, target, symmetric = _noun_sides(token, trigger, participants, homes, heads)
        if source and not target and quad in (2, 4):
            # "US strikes continue in Fallujah": an owner's material act and the place it hit
            # ("the war in Iraq", with no owner, stays a topic)
            holders = [token, token.head] + [c for c in token.children if c.dep_ == "acl"]
            target = _place_of(holders, places, heads, {a.code for a in source}, "UNK")
            used_place = bool(target)
        if trigger.entry.frame == "both-sides" and not (source and target):
            return None  # "the war in Iraq": one side and a topic
    elif passive:
        if subject is not None and _case(subject) == "among":
            # "a US diplomat was among seven people injured": the diplomat is one of them
            subject = next((c for c in subject.children if c.dep_.startswith("nsubj")), None) or \
                _subject(subject.head)[0] or subject
        target = _side(subject, participants, heads) or _unnamed(subject, homes, quad == 4)
        agent = _agent(token)
        source = _side(agent, participants, heads) or _unnamed(agent, homes)
    else:
        source = ([] if _holds_victims(subject) else _side(subject, participants, heads)) or \
            _unnamed(subject, homes, protest=event == "PROTEST")
        if subject is None and headline and token.dep_ == "ROOT":
            # "Israeli Held Meetings With U.S. Analyst": a headline's subject may parse as a
            # modifier; it is the actor before the verb
            source = [a for a in participants if a.end <= _at(token)][:1]
        for extra in _other_subjects(token, subject):
            source += [a for a in _side(extra, participants, heads) if a not in source]
    if not target and not is_noun:
        for obj in objects:
            if _case(obj) in ("by",):
                continue
            if trigger.head in TOPIC_OBJECT_VERBS and obj.dep_ in OBJECTS:
                continue  # "discussed Iraq with the German chancellor": Iraq is the topic
            found = _side(obj, participants, heads) or _unnamed(obj, homes, quad == 4, event == "CONSULT")
            if found and obj.dep_ in OBJECTS and all(a.person for a in found) and \
                    {a.code for a in found} <= {s.code for s in source}:
                break  # "Kerry attacked Bush on Iraq": the person hit is of the doer's own country
            found = [a for a in found if a.code not in {s.code for s in source}]
            if not found and event == "ASSAULT" and source and _case(obj) not in PLACE_PREPOSITIONS:
                # "continued to bombard the city of Fallujah": a place attacked is its state
                found = _place_named(obj, places, heads, {a.code for a in source}, "UNK")
                used_place = bool(found)
            if found:
                target = found
                break
    if not is_noun and not passive and event in GIVEN and trigger.head in RECEIVING:
        source, target = target, source
    if not is_noun and (event == "DEMAND" and trigger.head in ASKING or trigger.head in WARNING) and \
            not passive and any(c.dep_ in ("obj", "iobj") and c.tag_.startswith("NN") and
                                not _side(c, participants, heads) for c in token.children) and \
            any(c.dep_ in ("xcomp", "advcl") for c in token.children):
        return None  # "urged the international community to help ...", "pressed Europe to keep its
        # embargo on China", "warned the West not to interfere": no country is asked or warned
    if not target and not is_noun and event == "DEMAND":
        # "demanded that France repeal its law": the one asked to act is the clause's subject
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            target = [a for a in _side(_subject(clause)[0], participants, heads)
                      if a.code not in {s.code for s in source}]
            if target:
                break
    if not target and not is_noun and event == "THREATEN":
        # "threatened to behead a hostage unless Japan pulled its troops out": a threat is aimed
        # at whoever its condition asks to act
        target = [a for a in _condition_subjects(token, participants, heads)
                  if a.code not in {s.code for s in source}]
    reciprocal = trigger.head in RECIPROCAL or any(isinstance(w, str) and w in RECIPROCAL
                                                   for w in trigger.words)
    things = [c for c in token.children if c.dep_ == "obj" and not _side(c, participants, heads)
              and _lemma(c) not in RECIPROCAL]  # ("fought a war": with each other)
    if not is_noun and trigger.head in SETTLING:
        reciprocal = bool(things)
    elif not is_noun and quad == 4 and things:
        reciprocal = False  # "Britain and France resolved to fight terrorism": not each other
    if not target and reciprocal and len({a.code for a in source}) >= 2:
        # "India and Pakistan concluded talks": with each other
        source, target, symmetric = _each_other(source)
    if not is_noun and not target and source and event == "ASSAULT":
        # "a bomb exploded outside the Australian embassy": force used at a state's mission hits it
        target = [a for a in _mission_at(token, participants, heads) if a.code not in {s.code for s in source}]
    if not is_noun and not target and source and quad in (2, 4):
        # "troops battled in Najaf", "opened an embassy in Tehran": the place of a material act
        # (an event noun's place was looked for above); the place may hang on the object: "to
        # invest $20bn in Argentina"
        target = _place_of([token], places, heads, {a.code for a in source}, "UNK") or \
            _place_of([c for c in token.children if c.dep_ in OBJECTS], places, heads,
                      {a.code for a in source}, "UNK", frozenset({"in", "into"}))
        used_place = bool(target)
    if not source and target and passive and event == "ASSAULT" and \
            all(a.sector != "REB" for a in target):
        # "a British soldier was killed in Basra" (or, with no place named, in a story filed
        # from Kabul): by unnamed attackers of the place
        held_as = [c for c in token.children if c.dep_ in OBJECTS and c.lower_ in HELD_AS]
        source = _place_of([token] + held_as, places, heads, {a.code for a in target}, "REB")
        if not source and not places and homes and homes[0].code not in {a.code for a in target}:
            source = [dataclasses.replace(homes[0], location=False, sector="REB")]
        used_place = bool(source)
    if not source and target and passive and event == "COERCE":
        # "a Chinese submarine was chased out of Japanese waters": with no agent named, whoever
        # owns the waters, airspace or territory it was driven out of
        for c in token.children:
            if c.dep_ in ("obl", "nmod") and any(x.dep_ == "case" and x.lower_ == "out" for x in c.children) \
                    and _lemma(c) in OWNED_SPACES:
                source = [a for a in _side(c, participants, heads) if a.code not in {t.code for t in target}]
                break
    if not source and target and passive and mode in STATE_POWERS:
        # "a missionary from Calgary was arrested in Lebanon": only a state arrests, deports
        # or jails; with no agent named, the state where it happened
        source = _place_of([token], places, heads, {a.code for a in target}, "GOV")
        used_place = bool(source)
    return _checked_event(sentence, token, end, trigger, source, target, places, headline,
                          symmetric, used_place)


def _checked_event(sentence, token, end, trigger: TreeTrigger, source, target, places, headline,
                   symmetric=False, used_place=False) -> CandidateEvent | None:
    """The event of a trigger with its two sides read, unless a side is missing, the act is only
    possible, denied or reported as doubtful, or the pair is no country pair (tourists, firms)."""
    entry = trigger.entry
    event, mode = entry.event, entry.mode
    cameo, goldstein, quad = entry.cameo, entry.goldstein, entry.quad_class
    if event == "DEMAND" and demanded_in_the_street(sentence, _at(token)):
        event, mode, cameo, goldstein, quad = STREET_PROTEST
    source, target = _dedupe(source), _dedupe(target)
    if is_verbal_attack(event, source, target, token.text):
        event, mode, (cameo, goldstein, quad) = "DISAPPROVE", "", EVENT_DEFAULTS["DISAPPROVE"]
    event, mode, cameo, goldstein, quad = retyped_by_sides(
        (event, mode, cameo, goldstein, quad), source, target, sentence[_at(token):])
    # "vowed to put Africa first during his time at the helm of the G8": when, not whom
    target = [a for a in target if not DURING_PHRASE.search(sentence, end, a.start)]
    if event in ("DISAPPROVE", "SUPPORT") and OWNED_OBJECT.match(sentence, end):
        # "criticism of his congratulatory call to US President Bush": what is judged is his own
        target = [a for a in target if a.start < end]
    if {a.code for a in target} <= {a.code for a in source}:
        # "shot dead by Afghan and US-led troops" (the victims Afghans): the other side acted
        source = [a for a in source if a.code not in {t.code for t in target}]
    target = [a for a in target if a.code not in {s.code for s in source}]
    if not source or not target or all(a.former for a in source):
        return None  # (a former minister acts for no state)
    if not entry.fits_source(source):
        return None  # only armed forces make an incursion
    codes = {a.code for a in source + target}
    if len(codes) < 2 or not any(a.is_state for a in source + target):
        return None
    if event == "CONSULT" and not headline and any(all(a.kind == "adjective" and a.weak for a in side)
                                                   for side in (source, target)):
        return None  # "a meeting on Palestinian reform": only people meet (a headline's
        # "Israeli Held Meetings With U.S. Analyst" names a person by nationality)
    if quad == 1 and not trigger.hand and all(a.sector in ("CVL", "BUS") for a in source):
        return None  # "Japanese tourists flocked to South Korea": travel, not diplomacy
    if any(all(a.sector == "BUS" for a in side) for side in (source, target)):
        return None  # "support Mr Dupont and Germany's Siemens": business, not a country pair

    if _hypothetical(token):
        return None
    modality = read_modality(sentence, _at(token), end)
    modality.planned = modality.planned or entry.ahead
    negated = modality.negated or any(c.lower_ in NEGATIONS for c in token.children) or \
        bool(NEGATION_INSIDE.search(sentence, _at(token), end))
    if negated:
        recoded = negated_event(event, quad, dataclasses.replace(modality, negated=True))
        if recoded is None:
            return None
        event, cameo, goldstein, quad = recoded
        modality = dataclasses.replace(modality, negated=True)
    event, mode, cameo, goldstein, quad = planned_event(
        event, mode, cameo, goldstein, quad, modality, sentence, _at(token))
    location = next((p for p in places if p.code not in codes or event == "CONSULT"), None)
    if event == "CONSULT" and not mode and location is not None:
        mode = ("visit" if location.code in {a.code for a in target} else
                "host" if location.code in {a.code for a in source} else "third-party")
    match = TriggerMatch(_at(token), end, entry, _at(token) + len(token.text))
    if not _is_reported_act(sentence, match, parsed=True):
        return None  # "denied a report that ...", "possible attacks", "the occupied territories"
    candidate = CandidateEvent(event, mode, entry, match, source, target, cameo, goldstein, quad,
                               symmetric=symmetric, planned=modality.planned,
                               background=modality.background, location=location)
    candidate.speculative = modality.speculative
    candidate.confidence = _confidence(candidate, used_place)
    candidate.notes.append("parse")
    if event != entry.event:
        candidate.notes.append(f"{entry.event} recoded as {event}")
    return candidate


MISSION_AFTER = re.compile(r"['’]?s?\s+(?:embassy|embassies|consulate|consulates|mission|legation)\b", re.I)
HARMED = {"die", "injure", "wound", "hurt", "kill", "maim"}
OWNED_SPACES = {"water", "waters", "airspace", "territory", "zone"}
REMAINS = {"body", "remains", "coffin", "corpse", "casket", "ashes"}
# What ends a standing state of affairs named by an event noun ("lift the embargo")
ENDING_VERBS = {"lift", "end", "ease", "scrap", "remove", "relax", "drop", "cancel", "abolish",
                "repeal", "revoke", "rescind", "terminate"}
MISSION_IN = re.compile(r"\b(?:embassy|embassies|consulate|consulates|legation)\b", re.I)
GOES_ON_WITH = re.compile(r"\s+(?:on|ahead|forward)\s+with\b", re.I)
OTHER_PREPOSITION = re.compile(r"\b(?:with|for|about|over|from|in|of)\b", re.I)


def _headline_events(sentence, doc, participants, places, table, homes=()) -> list[CandidateEvent]:
    """A headline the parse read as one long noun phrase ("Iraqi Leader Thanks U.S. in Speech",
    "Blast Hits Australian Embassy in Jakarta"): headlines say "Subject Verbs Object", so a
    word that is a trigger verb's present form, between two actors, is read that way."""
    if any(t.tag_.startswith(("VB", "MD")) for t in doc):
        return []  # the parse found a verb: its reading stands
    events = []
    for token in doc:
        at = _at(token)
        if not token.lower_.endswith("s") or any(a.start <= at < a.end for a in participants):
            continue
        before = [a for a in participants if a.end <= at]
        after = [a for a in participants if a.start > at]
        if not before and token.i > 0 and after:
            # "Blast Hits Australian Embassy in Jakarta": unnamed attackers of the place
            before = _unnamed(doc[token.i - 1], [h for h in homes if h.code not in {a.code for a in after}])
        candidates = [t for t in table.get(lemma_of(token.text, "VBZ"), ()) if t.verb and not t.before]
        if not (before and after and candidates):
            continue
        if GOES_ON_WITH.match(sentence, at + len(token.text)):
            continue  # "Sharon Pushes On With Gaza (plan)": goes on with it, does nothing to it
        words = [t for t in doc if t.i > token.i]
        vocabulary = _vocabulary(words)
        for trigger in candidates:
            if not _may_match(trigger.words, vocabulary):
                continue
            end = _match_in_order(trigger.words, words, token.i) if trigger.words else at + len(token.text)
            if end is None:
                continue
            if trigger.words and OTHER_PREPOSITION.search(sentence, end, after[0].start):
                continue  # "Sharon Pushes On With Gaza": "on" takes no object, "with" does
            event = _checked_event(sentence, token, max(end, at + len(token.text)), trigger,
                                   before[-1:], after[:1], places, headline=True)
            if event is not None:
                event.notes.append("headline read as subject-verb-object")
                events.append(event)
                break
        if events:
            break
    return events


def _mission_at(verb, participants, heads) -> list[Actor]:
    """A state's embassy or consulate, or its forces' patrol, convoy or post, named where a verb
    happened ("outside the Australian embassy", "near a US convoy"), as the state."""
    for c in verb.children:
        if c.dep_ in ("obl", "nmod") and _case(c) in PLACE_PREPOSITIONS | {"near", "into", "on"}:
            unit = lemma_of(c.text, c.tag_) in STATE_POSTS
            found = [a for a in _side(c, participants, heads) if unit or MISSION_IN.search(a.text)]
            if found:
                return found
    return []


def _place_of(holders, places, heads, others: set, sector: str,
              prepositions=frozenset(PLACE_PREPOSITIONS | {"into"})) -> list[Actor]:
    """The state of a place named in a prepositional phrase of one of the holders ("in
    Najaf"), as a participant, unless it is one of the others."""
    for holder in holders:
        for c in holder.children:
            if c.dep_ in ("obl", "nmod") and _case(c) in prepositions:
                found = _place_named(c, places, heads, others, sector)
                if found:
                    return found
    return []


def _place_named(token, places, heads, others: set, sector: str) -> list[Actor]:
    """The state of the first place named in token's phrase, as a participant, unless it is
    one of the others."""
    phrase = {t.i for t in _phrase(token)}
    spots = [p for p in places if heads.get(id(p)) is not None and heads[id(p)].i in phrase
             and p.code not in others]
    return [dataclasses.replace(spots[0], location=False, sector=sector)] if spots else []


def parse_agrees(event: CandidateEvent, doc, body: bool) -> bool:
    """Does the tree agree with a pattern's event? In a story's body its target must sit in the
    trigger's own clause; in the lede at least not in a clause below the trigger; and the act
    must be asserted. Frames that read across clauses ("X said Y must") are not judged."""
    if event.entry.frame != "svo" or event.entry.pattern == "should" or not event.target:
        return True
    trigger = next((t for t in doc if _at(t) == event.trigger.start), None)
    if trigger is None:
        return True
    heads = [_head_token(doc, a) for a in event.target]
    placed = _in_own_clause(trigger, heads) if body else not _below_in_other_clause(trigger, heads)
    return placed and _asserted(event, trigger)


def _in_own_clause(trigger, heads) -> bool:
    """Is a target in the trigger's own clause (its objects, a governed infinitive's objects, a
    noun's own phrase) or in the subject (passives, "A and B agreed")?"""
    allowed = set()
    stack = [trigger]
    while stack:
        t = stack.pop()
        allowed.add(t.i)
        stack.extend(c for c in t.children if c.dep_ not in OTHER_CLAUSES)
    verb = trigger
    for _ in range(3):  # the subject of the trigger, or of the verb governing it
        subject = _subject(verb)[0]
        if subject is not None:
            allowed |= {t.i for t in subject.subtree}
        if verb.dep_ not in ("xcomp", "conj", "obj", "obl", "nmod", "compound") or verb.head.i == verb.i:
            break
        verb = verb.head
        allowed |= {t.i for t in verb.subtree if t.dep_ not in OTHER_CLAUSES}
    return any(h is None or h.i in allowed for h in heads)


def _below_in_other_clause(trigger, heads) -> bool:
    """Is every target inside a clause embedded under the trigger ("warned Blair that the war in
    Iraq could be illegal")? Then the pattern read across a clause."""
    for head in heads:
        if head is None:
            return False
        token, crossed = head, False
        while token.i != trigger.i and token.head.i != token.i:
            crossed |= token.dep_ in EMBEDDED
            token = token.head
        if token.i != trigger.i or not crossed:
            return False  # not under the trigger, or in its own clause: no evidence against
    return True


# Words under which an act is only planned, promised or wished: "plans to lift the embargo",
# "must issue a statement promising to sign an accord recognising ..."
UNASSERTING = ATTEMPTS | {"plan", "promise", "intend", "expect", "propose", "consider", "prepare",
                          "pledge", "vow", "threaten"}


def _asserted(event: CandidateEvent, trigger) -> bool:
    """Is the act asserted? Not when the trigger, or a verb or noun it hangs on within three
    links, is under a modal ("must issue a statement promising to sign") or is a plan, promise,
    attempt or wish ("plans, backed by the UK, to lift the embargo"). Plans the patterns
    already coded (AGREE, THREATEN) are left to them."""
    if event.event in ("AGREE", "THREATEN", "DEMAND", "REJECT") or event.planned:
        return True
    token = trigger
    for _ in range(4):
        if _hypothetical(token) or (token.i != trigger.i and _lemma(token) in UNASSERTING):
            return False
        if token.dep_ not in ("xcomp", "acl", "ccomp", "advcl", "conj") or token.head.i == token.i:
            return True
        token = token.head
    return True


def _hypothetical(token) -> bool:
    """A verb that only may happen: a modal of possibility outside reported speech, or the
    object of an attempt or wish ("were trying to strike a deal")."""
    if not token.tag_.startswith("VB"):
        return False
    auxiliaries = {c.lower_ for c in token.children if c.dep_ == "aux"}
    reported = token.dep_ == "ccomp" and _lemma(token.head) in ("say", "warn", "vow", "threaten",
                                                                 "insist", "promise", "announce")
    if auxiliaries & HYPOTHETICAL_AUX and not reported:
        return True
    head = token.head
    return token.dep_ == "xcomp" and head.tag_.startswith("VB") and _lemma(head) in ATTEMPTS


def _noun_sides(noun, trigger, participants, homes, heads):
    """(source, target, symmetric) named inside an event noun's phrase: "clashes between A and
    B", "Israel's raid on Gaza", "attacks on A by B", "US strikes in Fallujah", "talks with B"."""
    source, target = [], []
    children = list(noun.children)
    if noun.dep_ == "conj":
        # UD hangs dependents shared by conjuncts on the first one: "a wave of bombings and
        # battles between US troops and militants" (the phrase after the last conjunct)
        children += [c for c in noun.head.children if c.i > noun.i and
                     _case(c) in ("between", "among") and c.dep_ in ("nmod", "nmod:unmarked")]
    for child in children:
        case = _case(child)
        if child.dep_ in ("nmod", "nmod:unmarked") and case in ("between", "among"):
            parties = _side(child, participants, heads) or _unnamed(child, homes)
            if len({a.code for a in parties}) >= 2:
                return _each_other(parties)
            # "between US forces and Shiite militants" (the second party may hang on the noun)
            for c in list(child.subtree) + [c for c in noun.children if c.dep_ == "conj" and c.i > child.i]:
                if c.dep_ == "conj" and not _side(c, participants, heads):
                    parties += _unnamed(c, homes)
            if len({a.code for a in parties}) >= 2:
                return _each_other(parties)
        elif child.dep_ in ("nmod:poss", "compound", "amod") or case in ("by", "from"):
            source += _side(child, participants, heads)
        elif child.dep_ in ("nmod", "nmod:unmarked") and case in NOUN_PARTY_PREPOSITIONS:
            target += _side(child, participants, heads) or \
                _unnamed(child, homes, trigger.entry.quad_class == 4)
    head = noun.head
    if not target and trigger.entry.quad_class == 4 and noun.dep_ in ("obl", "nmod") and \
            _case(noun) in ("after", "in", "during", "from", "by") and head.tag_.startswith("VB") and \
            _lemma(head) in HARMED:
        # "two Palestinians were killed in an Israeli airstrike", "an American woman died after a
        # suicide bomb attack in Kabul": who died or was hurt was hit, by the strike's owner or
        # else by unnamed attackers of the place
        harmed = _subject(head)[0]
        if source:
            victims = [a for a in _side(harmed, participants, heads) or _unnamed(harmed, homes, victims=True)
                       if a.code not in {s.code for s in source}]
            if victims:
                return source, victims, False
        else:
            victims = _side(harmed, participants, heads)
            # (attackers of the place may also kill its own people: "an American woman and an
            # Afghan girl died" is an attack on the American; not when every victim is of the place)
            others = [h for h in homes if any(a.code != h.code for a in victims)]
            attackers = _unnamed(noun, others) or \
                [dataclasses.replace(h, location=False, sector="REB") for h in others[:1]]
            victims = [a for a in victims if a.code not in {x.code for x in attackers}]
            if victims and attackers:
                return attackers, victims, False
    verb = _governing_verb(noun)
    if verb is not None and not target and not source:
        # "launched strikes at US outposts", "held talks on Monday with Iran": a light verb's
        # event noun, whose other party hangs on the verb
        for c in verb.children:
            if c.dep_ in ("obl", "nmod") and c.i > noun.i and _case(c) in PARTY_PREPOSITIONS - {"on"}:
                target = _side(c, participants, heads) or \
                    _unnamed(c, homes, trigger.entry.quad_class == 4)
                if target:
                    break
    if not source and verb is not None and not (_lemma(verb) in JUDGING and _object_of(noun, verb)):
        subject = _subject(verb)[0]
        holders = _side(subject, participants, heads) or (_unnamed(subject, homes) if target else [])
        for extra in _other_subjects(verb, subject):
            holders += _side(extra, participants, heads)
        if trigger.entry.frame != "both-sides":
            source = holders  # "X began talks with Y"
        elif not target and trigger.head in RECIPROCAL and len({a.code for a in holders}) >= 2:
            # "India and Pakistan concluded another round of talks": with each other
            return _each_other(holders)
        elif target:
            source = holders  # "Israel launched a raid on Gaza"
    return source, target, False


def _each_other(group: list[Actor]) -> tuple[list, list, bool]:
    """A group that acts with itself ("India and Pakistan held talks"): its first actor as the
    source, the others as targets, symmetric."""
    first = group[0]
    return [first], [a for a in group[1:] if a.code != first.code], True


def _object_of(noun, verb) -> bool:
    """The noun is what the verb acts on ("condemned the attack"), not an adverbial phrase of it
    ("praised the rules during a visit to Chile")."""
    token = noun
    for _ in range(6):
        if token.i == verb.i or token.head.i == token.i:
            break
        if token.dep_ == "obl":
            return False
        token = token.head
    return True


def _governing_verb(noun):
    """The verb a noun is the object of, through "a round of", "a wave of": "concluded
    another round of talks" -> concluded."""
    token = noun
    for _ in range(3):
        if token.dep_ not in ("obj", "obl", "nmod", "nsubj", "compound"):
            return None
        token = token.head
        if token.tag_.startswith("VB"):
            return token
    return None
