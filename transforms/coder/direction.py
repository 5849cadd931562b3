"""Who acted on whom: choose the source and target actors of a trigger.

Active voice: the source is the first actor of the trigger's clause, the target the first other
actor after it (in the same clause). Passive voice ("was attacked by X") swaps them; "X said Y
must ..." makes Y the target; "A and B agreed" and "talks between A and B" are symmetric. A place
("in Iraq") stands in for a missing participant only for acts (not for words or meetings).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from .actors import Actor
from .clauses import (COMPARED, CONNECTOR, COORDINATED_PREDICATE, FRONTED_CLAUSE, LIGHT_VERB_SUBJECTLESS, PRONOUN_SUBJECT, RELATIVE, REPORTING, SUBJECTLESS, clause_end,
                      clause_start, names_a_border, opening_limit)
from .triggers import IRREGULAR, TriggerMatch

PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got|gets)\s+(?:[a-z]+ly\s+)?$"
                            # "Two Britons were among 20 people killed": one of those it was done to
                            r"|\b(?:was|were|is|are)\s+among\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$")
DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.I)
# "complained to the United Nations over Israeli air raids": the organisation is the addressee.
ADDRESSEE_TOPIC = re.compile(
    r"^[^.;]{0,40}?\b(?:over|about|against|regarding|concerning|on)\b[^.;,]{0,40}$")
AGENT_BEFORE = re.compile(r"\b[a-z]+ed\s+by\s+(?:the\s+)?$")  # "a deal brokered by Russia"
# "killed by an improvised explosive device": an instrument, not an agent.
INSTRUMENT = re.compile(
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:device|bomb|mine|explosion|blast|fire|shell|rocket|"
    r"missile|grenade|gunfire|shelling|attack|bombing|car bomb)s?\b")
# Acts that two parties do with each other: "A and B agreed", "talks between A and B".
# (whole words: "{warn}" is not "war", "{breach}" not "reach")
# ("{trade} ... barbs", not "trade sanctions"; "committed themselves to a ceasefire": the
# co-subjects' commitment is to each other)
RECIPROCAL = re.compile(
    r"(?<![a-z])(?:clash|fight|war\b|talk|meet|meeting|negotiat|between|agree|sign|exchange|"
    r"discuss|consult|cooperat|co-operat|coordinat|joint|ties|relations|reach|dialogue|summit|pact|"
    r"treaty|accord|deal|themselves|trade\})")
# A common noun right after a verb of fighting is what is fought ("fight terrorism", "battle the
# insurgency"), not a preposition ("fought with", "clashed near") or an adverb
THING_FOUGHT = re.compile(r"\s+(?:(?:the|a|an|their|its)\s+)?(?!(?:with|against|each|one|in|on|at|near|for|over|"
                          r"along|across|around|outside|inside|during|again|back|hard|[a-z]+ly|wars?|battles?)\b)"
                          r"(?![a-z-]+\s+(?:wars?|battles?)\b)[a-z][a-z-]*\b")
TOPIC_IN = re.compile(
    r"\b(?:involvement|role|war|conflict|crisis|situation|interests?|presence|interference|"
    r"intervention|annexation|policy|policies|operations?|elections?|fighting|violence|"
    r"peace|stability)\s+(?:in|on|of)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$")
PARTICIPLES = {p for _, p in IRREGULAR.values()}
VISIT_NOUN_BEFORE = re.compile(r"\b(?:a|an|the|his|her|their|its|this|that)\s+(?:[\w-]+\s+){0,2}$", re.I)
# "attending the annual meeting", "will attend the G8 summit": a gathering the actors go to
ATTENDING = re.compile(r"\b(?:attend|attends|attended|attending|at)\s+(?:the|a|an|this|next|their|"
                       r"its)?\s*(?:[\w-]+\s+){0,3}$", re.I)
EXAMPLES = re.compile(r"\b(?i:such as|including|like|notably|especially|among them)\s+(?:(?i:the)\s+)?$"
                      # "talks between Middle East producers and Asia's biggest energy consumers -
                      # China, India, Japan and South Korea": the list spells out one of the sides
                      r"|\bbetween\s[^,;]*\band\s[^,;]*\b[a-z]+s\s*[-–—:]\s*$")
# "a US military intelligence soldier in Iraq": the rest of the subject up to a place in it
# (but "a journalist abducted in Iraq was freed": the place belongs to the participle)
SUBJECT_PLACE = re.compile(r"(?:\s+(?![a-z]+ed\b)[a-z][\w-]*){0,3}\s+(?:in|from|of|at)\s+(?:the\s+)?")
# "agreed to take part in peace talks in Abuja": a venue, never a target
VENUE = re.compile(r"\b(?:talks|meeting|summit|conference|negotiations|ceremony|session|forum|"
                   r"gathering)\s+(?:in|at)\s+(?:the\s+)?$", re.I)
PAST_FORMS = {past for past, _ in IRREGULAR.values()} - {"said", "told", "had"}
VERB_BEFORE = re.compile(r"\b([a-z]+ed|" + "|".join(sorted(PAST_FORMS)) + r")\s+"
                         r"(?:(?:the|a|an|two|three|four|five|six|seven|eight|nine|ten|\d+|"
                         r"several|dozens of|hundreds of)\s+)?(?:[a-z]+\s+)?$")
# what may stand before a participle that opens a noun phrase: nothing, a determiner or "said"
# (an adverb on it too: "the newly appointed", "Newly elected")
NO_SUBJECT_BEFORE = re.compile(r"(?:^\W*|\b(?:the|a|an|its|his|her|their|said|says|that)\s+)(?:[A-Za-z]+ly\s+)?$",
                               re.I)
# participles that are adjectives before a noun: "armed Palestinians", "suspected Taliban fighters"
ADJECTIVE_PARTICIPLES = {"armed", "suspected", "alleged", "masked", "hooded", "unidentified",
                         "unnamed", "united", "purported", "so-called", "detained", "wanted",
                         "disputed", "occupied", "elected", "embattled", "isolated", "based",
                         "led", "backed", "talked", "limited", "coordinated"}
SUBORDINATORS = {"after", "before", "when", "while", "since", "although", "though", "because", "if",
                 "unless", "until", "following"}
# "The body of late President Arafat arrived in Cairo": the remains are not an agent.
REMAINS_OF = re.compile(r"\b(?:body|bodies|remains|coffin|funeral|grave|tomb)\s+of\s+(?:the\s+)?"
                        r"(?:late\s+)?$", re.I)
REMAINS_AFTER = re.compile(r"['’]s?\s+(?:body|bodies|remains|coffin|funeral|grave|tomb)\b", re.I)  # "Arafat's body"
# "Attack on UN vehicle kills one", "strikes at United States outposts": an actor inside a
# prepositional phrase is never the subject of the verb that follows.
PREPOSITION_BEFORE = re.compile(
    r"\b(?:on|at|against|to|into|toward|towards|upon|onto|with|for|from)\s+(?:the\s+|a\s+|an\s+)?$",
    re.I)
# Verbs that are (almost) never intransitive: "a Turkish engineer kidnapped Tuesday in
# Afghanistan", "US official killed in Iraq attack" are passives without "was".
TRANSITIVE = {"kill", "kidnap", "abduct", "arrest", "detain", "wound", "injure", "capture", "seize",
              "hold", "jail", "deport", "expel", "execute", "shoot", "murder", "imprison",
              "behead", "free", "release", "sentence", "torture", "assassinate", "snatch", "extradite",
              "hang", "take", "pardon", "expel", "convict", "gun", "stab", "lynch", "beat", "hijack"}
ASKED_TO = {"urge", "ask", "press", "tell", "order", "invite", "force", "pressure", "push"}
TRANSITIVE |= ASKED_TO
# What follows a reduced passive: a preposition, a time word or the end, never an object.
AFTER_REDUCED_PASSIVE = re.compile(
    r"\s*(?:(?:dead|to death)\s*)?"  # "shot dead in Jeddah" (but "shot dead three infiltrators")
    r"(?:$|[,.;:(\-–—]|(?:in|at|near|on|outside|inside|during|while|after|when|by|since|"
    r"over|for|from|with|of|last|early|late|yesterday|today|overnight|earlier|this|as|and|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)", re.I)
DENIED_REPORT = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,2}?(?:reports?|claims?|allegations?|suggestions?|rumou?rs?|accusations?)"
    r"(?:\s+\w+){0,4}?\s+that\b")
REASON = re.compile(r"\b(?:over|for)\s", re.I)  # "jailed over", "arrested for spying for Taiwan"
# Right after words of feeling, "over" names what they are about: "expressed anger over the
# British decision" (but "jailed five over a plot against the US" gives a reason)
CONCERN_OVER = re.compile(r"\s+over\s+(?:the\s+|its\s+|their\s+|a\s+|an\s+)?", re.I)
# What follows an act and says what it is about: "traded barbs over Iraq"
ABOUT_TOPIC = re.compile(r"\s(?:over|about)\s+(?:the\s+|its\s+|their\s+)?$", re.I)
# "jailed a militant for financing bombings in Iraq": the place is the deed's, not the jailing's
REASON_GERUND = re.compile(r"\bfor\s+[a-z]+ing\b")
# "convicted of torture in Iraq", "arrested over a killing in Gaza": the place of the offence
CHARGE_OF = re.compile(r"^\s+of\s|^\s+(?:\S+\s+){0,2}?(?:over|for)\s", re.I)
NEAR_OBJECT = 50
FAR_OBJECT = 90  # characters beyond which no actor is the object of any trigger
PLACE_TARGET_REACH = 60  # "opened an embassy in Tehran"; a place further on tells another story  # characters within which a material act's object must follow it


@dataclass
class Participants:
    source: list
    target: list
    symmetric: bool = False
    used_place: bool = False
    modifier: bool = False  # a reduced passive ("a journalist abducted last week"): not the main verb


# a verb of motion with "to" ("heads to", "flies to"): a verb even where it looks like a plural noun
TRAVEL_PATTERN = re.compile(r"\{\w+\} to\b")


# the party a penalty falls on, right after the penalty's words: "sanctions on Sudan"
PENALISED_BEFORE = re.compile(r"(?:sanctions|embargo|embargoes|penalties|ban)\s+(?:on|against)\s+(?:the\s+)?$", re.I)


def find_participants(sentence: str, trigger: TriggerMatch, event: str, quad: int,
                      groups: list[list[Actor]], places: list[Actor],
                      last_person: Actor | None, spoken_of: bool = False,
                      story_place: Actor | None = None) -> Participants | None:
    """spoken_of: the trigger is a noun that another trigger's verb takes as its object
    ("condemned the attack on ..."): the act is someone else's, so the clause's subject is not
    its agent (its owner, "the Israeli raid", or its "by" phrase still is)."""
    entry = trigger.entry
    # "compensate Lockerbie victims": a place naming a thing gives no unnamed participant
    places = [p for p in places if not _place_modifies_noun(sentence, p)]
    before_text = sentence[:trigger.start]
    after_text = sentence[trigger.end:]
    trigger_words = sentence[trigger.start:trigger.end]
    first_word = trigger_words.split()[0].lower()

    start_of_clause, boundary = clause_start(sentence, trigger.start)
    # an actor phrase that runs into the trigger ("Palestinian suicide bombers") is its subject
    before = [g for g in groups if g[0].start < trigger.start and g[0].end <= trigger.end]
    before = [g for g in before if not COMPARED.search(sentence[:g[0].start])
              and not REMAINS_OF.search(sentence[:g[0].start]) and not REMAINS_AFTER.match(sentence, g[-1].end)]
    destination = []
    base = entry.pattern[1:].split("}")[0] if entry.pattern.startswith("{") else entry.pattern.split()[0]
    if entry.mode == "visit" and first_word in (base, base + "s") and not TRAVEL_PATTERN.match(entry.pattern):
        # "a four-nation EU visit", "his three-day China visit": the country before the noun is
        # where the visitor goes, never the visitor
        destination = next((g for g in before if sentence[g[-1].end:trigger.start] == " " and
                            VISIT_NOUN_BEFORE.search(sentence[:g[0].start])), [])
        before = [g for g in before if g is not destination]
    if boundary in SUBORDINATORS and "," in sentence[start_of_clause:trigger.start]:
        # "A day after a mortar killed an Israeli-American woman, the Israeli army charged ...",
        # "Before visiting Israel, Mr Blair, who ..., made a visit to Iraq": the main clause starts
        # after the last comma of the fronted clause that an actor follows
        commas = [c.end() for c in re.finditer(",", sentence[:trigger.start])
                  if c.start() >= start_of_clause]
        main = next((c for c in reversed(commas) if any(g[-1].start >= c for g in before)), None)
        if main is not None:
            start_of_clause, boundary = main, ","
            # "Before visiting Egypt, President Bush ...": the comma ends the fronted clause, it
            # does not join a list
            before = [[a for a in g if a.start >= main] if g[0].start < main <= g[-1].start else g
                      for g in before]
    fronted = FRONTED_CLAUSE.match(sentence)
    if fronted and trigger.start >= fronted.end():
        # "During a visit to Moscow, Chancellor Schroeder praised ...": the fronted clause holds
        # no subject of the main clause, and its comma joins no list
        start_of_clause = max(start_of_clause, fronted.end())
        before = [kept for kept in ([a for a in g if a.start >= fronted.end()] for g in before) if kept]
    # the object stays in the trigger's clause: "imposed a curfew in Baghdad as US troops ..."
    end_of_clause = clause_end(sentence, trigger.end)
    after = [g for g in groups if g[0].start >= trigger.head_end and g[-1].end > trigger.start
             and g[0].start < end_of_clause]
    if any(g[0].start >= trigger.end and PENALISED_BEFORE.search(sentence, 0, g[0].start) for g in after):
        # "imposed new UN sanctions on Sudan": a name inside the trigger's words says whose
        # penalty it is; the party after "on"/"against" is the one penalised
        after = [g for g in after if g[-1].end > trigger.end]
    denied = DENIED_REPORT.match(after_text) if event == "REJECT" else None
    if denied:
        # "denied a report that Pakistani troops had crossed": the report's content is no target
        after = [g for g in after if g[0].start < trigger.end + denied.end()]
    if entry.mode == "visit":
        # "arrived in Cairo from Paris": where the traveller came from is not the host
        after = [g for g in after if not re.search(r"\bfrom\s+(?:the\s+)?$", sentence[:g[0].start])]
    if boundary in RELATIVE and "," in sentence[start_of_clause:trigger.start]:
        # "Deutsche Bank, which advises Gazprom, has called on ...": the relative clause is
        # closed; the subject is what came before "which"
        relative_at = start_of_clause - len(boundary)
        start_of_clause, boundary = clause_start(sentence, max(0, relative_at - 1))
        before = [g for g in before if g[0].end <= relative_at]
        if not [g for g in before if g[0].start >= start_of_clause]:
            return None
    inside_clause = [g for g in before if g[0].start >= start_of_clause]
    may_use_places = event != "CONSULT"  # meetings happen in places; places do not meet
    acts = quad in (2, 4) or event == "INVESTIGATE"
    found = Participants([], [])

    if entry.frame == "patient-first":
        # "Russia said on Tuesday that Sudan must return ..."
        if not inside_clause:
            return None
        found.target = inside_clause[-1]
        # the speaker's words end where the target's clause begins: "..., saying the UN should"
        said_at = _said_before(sentence, found.target[0].start, start_of_clause)
        # "After meeting Sharon, Bush said Israel must ...": the fronted clause holds no speaker
        sayers = _speakers(sentence, [g for g in before if g[0].end <= said_at and
                                      not (fronted and g[0].start < fronted.end())], said_at)
        if sayers is None:
            return None
        if sayers:
            found.source = sayers[0]
        elif len(inside_clause) >= 2:
            found.source = inside_clause[0]
        else:
            return None
        return found

    if entry.frame == "giver-after":
        # "Turkey's loan agreement with the IMF": the party after "with" lends, the one before
        # the noun borrows
        holders = inside_clause or before
        if not holders or not after:
            return None
        found.source, found.target = after[0], holders[-1]
        return found

    if entry.frame == "parties":
        # "Egypt mediated between Israel and Syria": as in PLOVER's gold records, the mediator is
        # the source and both mediated parties are targets; with no mediator named ("mediation
        # between A and B") the parties are the pair
        parties = _between_parties(sentence, after)
        mediator = next((g for g in reversed(inside_clause or before)
                         if not {a.code for a in g} & {a.code for a in parties}), [])
        if mediator and parties:
            # (also between a government and its own rebels: Norway -> Sri Lanka)
            found.source, found.target = mediator, parties
        elif len({a.code for a in parties}) < 2:
            return None
        else:
            found.source, found.target, found.symmetric = [parties[0]], parties[1:], True
        return found

    if entry.frame == "victims-after":
        # "the deaths of 12 Nepalese hostages in Iraq": the victims follow the noun; with no
        # agent named, unnamed attackers of the place where they died (as "were killed in Iraq")
        victims = next((g for g in after if g[0].start >= trigger.end), None)
        if victims is None or victims[0].start - trigger.end > 40 or \
                re.search(r"[,;]|\bby\b", sentence[trigger.end:victims[0].start]):
            return None
        named = VICTIMS_NAMED.match(sentence, victims[0].start)
        if named is None:
            return None  # "the death of a British tourist in Spain" may be an accident's
        codes = _codes(victims)
        spot = next((p for p in places if named.end() <= p.start < end_of_clause and p.code not in codes
                     and VICTIMS_PLACE_GAP.fullmatch(sentence, named.end(), p.start)), None)
        if spot is None and story_place is not None and codes - {story_place.code}:
            # where the story happens, as for victims of an attack in the parse ("the deaths of one
            # US soldier and four government employees" in a story from Baghdad)
            spot = story_place
        if spot is None:
            return None
        found.source, found.used_place = [_unnamed(spot)], True
        found.target = [a for a in victims if a.code != spot.code]
        return found

    if entry.frame == "main-subject":
        # "X will withdraw its troops unless Y ...": the ultimatum is the main clause subject's
        opening = [g for g in before if g[0].start <= opening_limit(sentence)]
        if not opening:
            return None
        found.source = opening[0]
        found.target = _first_other(after, _codes(found.source), sentence)
        return found

    nominal = "{" not in entry.pattern or DETERMINER_BEFORE.search(before_text) or \
        first_word == entry.pattern[1:].split("}")[0] and \
        not VERB_FORM_BEFORE.search(before_text)  # "won support from Peru" (not "will recall ... from")
    if nominal and _agent_after(sentence, trigger.end, after):
        # a noun with its agent: "... after a request from Spain", "an offer by Egypt"
        found.source = _agent_after(sentence, trigger.end, after)
        codes = {a.code for a in found.source}
        if quad == 4:
            # "chided an attack by Spanish soldiers in south Thailand": force is used on what
            # follows ("on Y", "in Y"), not on whoever speaks of it
            agent_end = found.source[-1].end
            hit = next((g for g in after if g[0].start >= agent_end and g[0].start < end_of_clause
                        and HIT_BEFORE.search(sentence[agent_end:g[0].start])), [])
            spots = [p for p in places if agent_end <= p.start < end_of_clause and p.code not in codes
                     and not topic_place(sentence, p)]
            found.target = [a for a in hit if a.code not in codes] or \
                ([_unnamed(spots[0])] if spots else [])
            found.used_place = not hit and bool(spots)
            return found
        subject = inside_clause[0] if inside_clause else (before[0] if before else [])
        found.target = [a for a in subject if a.code not in codes]
        return found

    owner = next((g for g in before if len(g) == 1 and g[0].end <= trigger.start and
                  OWNER_GAP.fullmatch(sentence[g[0].end:trigger.start]) and
                  (g[0].kind == "adjective" or sentence[g[0].end:trigger.start].strip())),
                 None) if nominal and event != "CONSULT" else None
    if owner:
        # "condemned the Israeli raid on Gaza", "Israel's raid on Gaza": the noun's owner acted
        found.source = owner
        found.target = _first_other(after, _codes(owner), sentence)
        if found.target:
            return found
        found.source = []
    if event == "CONSULT" and before and trigger_words.lower().startswith("meeting") and \
            SUBJECT_HEAD.fullmatch(sentence[before[-1][-1].end:trigger.start]) and \
            re.match(r"\s+(?:in|at)\s", sentence[trigger.head_end:]):
        return None  # "EU ministers meeting in Brussels agreed ...": they met each other there
    reduced = _reduced_passive(sentence, trigger, before)
    if reduced or _is_passive(entry.pattern, trigger_words, before_text, sentence[trigger.head_end:]):
        # "was attacked by X": the subject is the target; "Beijing accused a Chinese-American
        # arrested for spying": a reduced passive's subject is the phrase right before it
        subject = before[-1] if reduced else \
            inside_clause[0] if inside_clause else (before[-1] if before else None)
        if not reduced and not inside_clause and boundary in ("said", "says", "say", "told"):
            subject = None  # "a US attorney said several people had been arrested": not the sayer
        being = BEING_BEFORE.search(before_text)
        if being and subject and not SUBJECT_HEAD.fullmatch(sentence[subject[-1].end:being.start()]):
            subject = None  # "met with a Pentagon analyst being investigated by the FBI": the
            # one investigated is the noun before "being", not an actor further back
        if subject is None:
            return None
        found.target = subject
        found.modifier = reduced
        agent = re.match(r"[^,;]{0,25}?\bby\s", after_text) or \
            (SUMMONED_TO.match(after_text) if entry.pattern.startswith("{summon}") else None)
        if agent:
            by_at = trigger.end + agent.end()
            following = [g for g in after if g[0].start >= by_at]
            if following and following[0][0].start - by_at < 40 and \
                    not AGENT_GAP_PREPOSITION.search(sentence, by_at, following[0][0].start):
                # (not "accused by comrades of riddling the body of a Palestinian": the agent
                # is the phrase "by" opens)
                found.source = following[0]
        instrument = agent and INSTRUMENT.match(after_text[agent.end():])
        # an unnamed agent ("snatched by gunmen in central Baghdad") acts where it is, but only
        # violence is coded that way
        if not found.source and (not agent or instrument or quad == 4) and may_use_places and acts:
            # "three US soldiers were killed ... outside the Iraqi city of Basra"
            # "a US soldier in Iraq has been sentenced": a place inside the subject is not the agent,
            # nor one in the deed named as the reason ("for torturing detainees in Mosul")
            spots = [p for p in places if p.code not in _codes(found.target)
                     and p.start >= start_of_clause and abs(p.start - trigger.end) <= 80
                     and not (p.start < trigger.start and
                              SUBJECT_PLACE.fullmatch(sentence[subject[-1].end:p.start]))
                     and not (p.start > trigger.end and
                              (CHARGE_OF.search(sentence[trigger.end:p.start]) or
                               REASON_GERUND.search(sentence, trigger.end, p.start)))]
            if spots:
                found.source, found.used_place = [_unnamed(spots[0])], True
        return found

    # active voice: the subject, which is never inside a prepositional phrase (but a passive's
    # subject may be: "a camp for Congolese refugees was attacked")
    # nor the object of an earlier verb ("militants who killed two American hostages and are
    # threatening to execute a Briton": the Americans threaten no one)
    before = [g for g in before if not PREPOSITION_BEFORE.search(sentence[:g[0].start])
              and not _object_of_verb(sentence, g[0].start)]
    inside_clause = [g for g in before if g[0].start >= start_of_clause]
    if spoken_of:
        pass  # "France condemned the attack on the US embassy": France attacked no one
    elif re.search(r",\s*$", before_text) and first_word.endswith("ing"):
        # ", killing ...": the subject is the sentence's own, if it opens the sentence
        opening = [g for g in before if g[0].start <= opening_limit(sentence)]
        found.source = opening[0] if opening else []
    elif inside_clause:
        found.source = inside_clause[0]
    elif boundary in ("who", "whom", "which") and OBJECT_RELATIVE.match(before_text[start_of_clause:]):
        pass  # "a Turkish hostage, who they threatened to behead": "who" is the object
    elif before and (SUBJECTLESS.match(before_text[start_of_clause:]) or
                     LIGHT_VERB_SUBJECTLESS.match(before_text[start_of_clause:])) and (
            boundary not in REPORTING or PRONOUN_SUBJECT.search(before_text[start_of_clause:])):
        # "Sharon, who has vowed ..." takes the nearest actor; "Japan said it had halted ..." and
        # "..., but was still refusing ..." take the main clause's subject; but in "Riyadh says
        # killing of ..." the speaker is not the agent
        found.source = before[-1] if boundary in RELATIVE else before[0]
    elif before and boundary in REPORTING and COORDINATED_PREDICATE.match(before_text[start_of_clause:]):
        found.source = before[0]  # "Japan said it had V'd ... and would V": its second act
    elif re.search(r"\b(?:he|she)\b", before_text[start_of_clause:], re.I) and last_person \
            and quad in (1, 3):
        found.source = [last_person]
    if not found.source and (quad == 4 or event == "THREATEN") and may_use_places and \
            UNNAMED_ARMED_BEFORE.search(sentence, 0, trigger.start):
        # "radicals holding two French hostages in Iraq": unnamed armed men act where they are
        # (else where the story happens), as they do when the act is told in the passive
        # ("snatched by gunmen in Baghdad") and in the parse
        spots = sorted((p for p in places if p.start >= start_of_clause and abs(p.start - trigger.end) <= 80
                        and not topic_place(sentence, p)), key=lambda p: p.start < trigger.end) or \
            ([story_place] if story_place is not None else [])
        if spots:
            # (named armed men, so no guess from a place alone: as the parse reads them)
            found.source = [dataclasses.replace(spots[0], location=False, sector="REB")]
    if not found.source and fronted and fronted.start(1) <= trigger.start < fronted.end(1):
        # "After meeting Sharon, Bush said ...", "During his visit to Moscow, Schroeder ...": the
        # subject of the fronted act is the main clause's
        found.source = next(([a for a in g if a.start >= fronted.end()] for g in groups
                             if g[-1].start >= fronted.end()), [])

    # ... and the object
    source_codes = _codes(found.source)
    target = _first_other(after, source_codes, sentence,
                          since=trigger.end if event in ("COERCE", "DISAPPROVE") else None,
                          trigger_end=trigger.end)
    if target and quad == 4 and target[0].start - trigger.head_end > NEAR_OBJECT and \
            target[0].start > trigger.end + NEAR_OBJECT:
        target = []  # "attacked the way the Iraq war was sold" has no state as its object
    if target and trigger_words.lower().endswith(" for") and \
            re.fullmatch(r"\s*(?:the\s+)?(?:[a-z-]+\s+)?", sentence[trigger.end:target[0].start]) and \
            not re.match(r"\s+(?!(?:in|on|at|of|after|from|with|over|and|or|to|by|as)\b)[a-z]+\b",
                         sentence[target[-1].end:]):
        # "appeal for flood-hit Bangladesh": for whom, not to whom (but in "pushing for the US
        # [to] support its plan" the US is asked)
        target = []
    if target and entry.pattern == "{discuss}" and \
            re.fullmatch(r"\s*(?:(?:the|a|an)\s+)?", sentence[trigger.end:target[0].start]):
        target = []  # "Powell and the Chinese minister discussed North Korea": a topic
    person_object = HONORIFIC_OBJECT.match(sentence, trigger.end)
    if target and person_object and target[0].start >= person_object.end():
        target = []  # "who support Mr Forgeard, and Germany's ...": the object is a person of no known country
    if target and target[0].start - trigger.end > FAR_OBJECT:
        target = []  # "decided to confront his supporters in a meeting about ... Gaza": too far
    if target and all(not a.is_state for a in target) and \
            re.search(r"\bto\s+(?:the\s+)?$", sentence[trigger.start:target[0].start]):
        # "complained to the United Nations over Israeli air raids": the state is the target
        later = [g for g in after if g[0].start > target[-1].end and
                 ADDRESSEE_TOPIC.match(sentence[target[-1].end:g[0].start])]
        state = _first_other(later, source_codes)
        if state and any(a.is_state for a in state):
            target = state
    found.target = target or destination

    reciprocal = bool(RECIPROCAL.search(entry.pattern))
    if reciprocal and found.target and len(source_codes) == 1 and len(found.source) >= 2 and \
            ABOUT_TOPIC.search(sentence, trigger.end, found.target[0].start):
        # "Kerry and Bush traded barbs over Iraq": what two of one side argue about is no party
        found.target = []
    if quad == 4 and THING_FOUGHT.match(after_text):
        # "Britain and France resolved to fight terrorism": a fight with an object is against it,
        # not against each other
        reciprocal = False
    if event == "CONSULT" and ATTENDING.search(before_text):
        # "A and B are among the leaders attending the summit": each attends a gathering, they
        # are not said to meet each other
        reciprocal = False
    for side in (found.source, found.target):
        if len(_codes(side)) >= 2 and EXAMPLES.search(sentence[:side[0].start]):
            # "nations such as India and Pakistan signed the treaty": examples of a set, each
            # acting on its own, never a pair acting on each other
            reciprocal = False
    # "A and B flew in for talks with C": a trigger ending in "with" names the partner after
    # it, so A and B are one side, not a pair (but "held talks with each other" is)
    names_partner = trigger_words.lower().split()[-1] == "with" and not EACH_OTHER.match(after_text)
    direct_object = bool(target) and re.fullmatch(r"\s*(?:(?:the|a|an|his|her|their|its)\s+)?",
                                                   sentence[trigger.end:target[0].start])
    if len(source_codes) >= 2 and reciprocal and not direct_object and \
            not re.match(r"\s*(?:with|to)\b", after_text):
        # "Iranian and Iraqi negotiators met in Geneva": with each other (but "the ministers of
        # France, Italy and Spain met the Turkish prime minister" met him)
        found.target = []
    if not found.source and len(_codes(found.target)) >= 2 and reciprocal:
        # "talks between A and B"
        found.source, found.target, found.symmetric = [found.target[0]], found.target[1:], True
    elif not found.target and len(source_codes) >= 2 and reciprocal and not names_partner:
        # "A and B agreed ..."
        first = found.source[0]
        found.source, found.target, found.symmetric = \
            [first], [a for a in found.source[1:] if a.code != first.code], True

    if not found.target and len(_codes(found.source)) == 1 and reciprocal and quad == 4 and \
            (UNNAMED_SIDE_BEFORE.search(sentence[:found.source[0].start]) or
             UNNAMED_SIDE_AFTER.match(sentence[found.source[-1].end:trigger.start])):
        # "Insurgents and American forces clashed near the Iraqi city": the unnamed side belongs
        # to the place where they fought (named, so surer than an agent read from a place alone)
        spots = [p for p in places if p.code not in _codes(found.source)]
        if spots:
            found.target = [dataclasses.replace(spots[0], location=False, sector="REB")]
            found.symmetric = True
    if not found.target and found.source and quad == 4 and \
            UNNAMED_SIDE_HIT.search(sentence, trigger.start, trigger.end):
        # "US and Iraqi forces battle insurgents in Fallujah": the unnamed armed men fought are
        # the place's, even when its own forces fight beside the foreign ones
        spots = [p for p in places if not topic_place(sentence, p) and p.start >= start_of_clause
                 and _codes(found.source) - {p.code}]
        if spots:
            found.target = [dataclasses.replace(spots[0], location=False, sector="REB")]
            found.source = [a for a in found.source if a.code != spots[0].code]
    if not found.target and found.source and event == "CONSULT" and not entry.mode and \
            (len(source_codes) == 1 or names_partner) and not any(
                p.start >= found.source[-1].end and CONNECTOR.match(sentence[found.source[-1].end:p.start])
                for p in places):
        # (but "Jakarta, Aceh rebels open talks in Finland": the talks are between the two)
        # "Mbeki held talks in Ivory Coast": talks held in a foreign country, with no one else
        # named, are with its hosts (a city is often only a venue: "talks in Geneva")
        spots = [p for p in places if p.code not in _codes(found.source) and p.kind == "country"
                 and IN_COUNTRY.fullmatch(sentence[trigger.end:p.start])]
        if spots:
            found.target, found.used_place = [_unnamed(spots[0])], True
    if not found.target and found.source and entry.mode == "visit":
        # "arrived in Islamabad for a visit": where the visitor went is the host
        spots = [p for p in places if p.code not in _codes(found.source)
                 and trigger.start < p.start <= trigger.end + 25]
        if spots:
            found.target, found.used_place = [_unnamed(spots[0])], True
    if not found.target and found.source and may_use_places:
        # "refused to deploy peacekeepers in Iraq", "opened an embassy in Tehran": the place of
        # the act, named after it, is its target
        spots = [p for p in places if p.code not in _codes(found.source)
                 and not topic_place(sentence, p) and p.start > trigger.start
                 and p.start < end_of_clause and p.start - trigger.end <= PLACE_TARGET_REACH
                 and (event == "MOBILIZE" or not names_a_border(sentence, p))
                 and not REASON_GERUND.search(sentence, trigger.end, p.start)]
        spots = [p for p in spots if not VENUE.search(sentence[:p.start])]
        if quad in (1, 3) and not (entry.governs or entry.place_target):
            spots = []  # "signed a peace accord in Algiers": where words were said, not to whom
        if spots:
            # (troops massed near "the Eritrean border" face Eritrea: the border names whom, no
            # guess from a place)
            found.target = [_unnamed(spots[0])]
            found.used_place = not (event == "MOBILIZE" and names_a_border(sentence, spots[0]))
    if not found.source and found.target and may_use_places and acts:
        # "Demonstrators in Baghdad blocked a road ...", "prisoners rioted at a jail in Dili"
        spots = [p for p in places if p.code not in _codes(found.target)
                 and not topic_place(sentence, p)
                 and (p.end <= trigger.start or (event == "PROTEST" and p.start < end_of_clause))
                 and p.start >= start_of_clause and abs(trigger.start - p.end) <= 60]
        if spots:
            found.source, found.used_place = [_unnamed(spots[0])], True
    return found


# An unnamed armed side joined to a named one: "Insurgents and US troops clashed", "US troops
# and rebels fought"
UNNAMED_SIDE = r"(?:insurgents|militants|rebels|gunmen|guerrillas|guerillas|fighters|militiamen|militias)"
UNNAMED_SIDE_BEFORE = re.compile(r"\b" + UNNAMED_SIDE + r"\s+and\s+(?:the\s+)?$", re.I)
UNNAMED_SIDE_HIT = re.compile(r"\b" + UNNAMED_SIDE + r"$")
UNNAMED_SIDE_AFTER = re.compile(r"\s+(?:[a-z]+\s+){0,2}and\s+(?:the\s+)?" + UNNAMED_SIDE + r"\s+(?:[a-z]+ly\s+)?$")
# What force is used on, after its agent: "an attack by X on Y", "a raid by X against Y"
HIT_BEFORE = re.compile(r"\b(?:on|against|upon|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# "the Chinese ambassador was summoned to the Japanese foreign ministry": who summons is where
SUMMONED_TO = re.compile(r"\s+(?:[a-z]+\s+)?to\s")
AGENT_GAP_PREPOSITION = re.compile(
    r"\b(?:in|with|for|from|at|on|to|about|over)\b"
    r"|(?<!group )(?<!number )(?<!band )(?<!crowd )(?<!column )(?<!unit )(?<!team )(?<!dozens )"
    r"(?<!hundreds )(?<!thousands )(?<!squad )(?<!convoy )(?<!gang )(?<!mob )(?<!forces )\bof\b", re.I)
# A relative clause with its own subject pronoun: the antecedent is its object ("a hostage, who
# they threatened to behead")
OBJECT_RELATIVE = re.compile(r"\s*(?:they|he|she|we|i|you)\b", re.I)
EACH_OTHER = re.compile(r"\s*(?:each other|one another)\b", re.I)
# "held talks in Ivory Coast", "met in the Philippines on Sunday"
IN_COUNTRY = re.compile(r"\s+(?:[a-z]+\s+){0,2}?in\s+(?:the\s+)?")


def _unnamed(place: Actor) -> Actor:
    """Someone unnamed acting in a place: its country, sector unknown."""
    return dataclasses.replace(place, sector="UNK")


def topic_place(sentence: str, place: Actor) -> bool:
    """'Russia's involvement in Ukraine' names a topic, not where the event happened."""
    return bool(TOPIC_IN.search(sentence[:place.start]))


def _is_passive(pattern: str, trigger_words: str, before_text: str, after_head: str) -> bool:
    """'was attacked by', 'a boy kidnapped by' -- but not 'cancelled a visit by' (after_head is
    the text right after the trigger's first words, before any object inside a gap)."""
    if pattern.startswith("under investigation"):
        return True
    first = trigger_words.split()[0].lower()
    participle = first.endswith(("ed", "en")) or first in PARTICIPLES
    if not participle or re.search(r"\s(?:to|with|on|upon)$", trigger_words):
        return False
    return bool(PASSIVE_BEFORE.search(before_text)
                # reduced passives: "a boy kidnapped by traffickers", "a soldier accused of abuse"
                or re.match(r"\s+by\b", after_head)
                or (trigger_words.lower() in ("accused", "charged", "suspected")
                    and re.match(r"\s+(?:of|in)\b", after_head)))


# The rest of the subject's noun phrase: "US security official", "a Turkish engineer" -- never an
# auxiliary ("Israel has killed") or a relative pronoun.
BEING_BEFORE = re.compile(r"\s+being\s+$")
SUBJECT_HEAD = re.compile(
    r"\s*(?:(?!(?:has|have|had|who|which|that|and|or|is|are|was|were|be|been|will|would|to|the|"
    r"a|an|it|they|he|she|also|then|not)\b)[a-z][\w-]*\s+){0,2}")


def _reduced_passive(sentence: str, trigger: TriggerMatch, before: list) -> bool:
    """'A Turkish engineer kidnapped Tuesday in Afghanistan': a participle of a transitive verb
    right after its subject and followed by no object is a passive without 'was'."""
    if not before or not SUBJECT_HEAD.fullmatch(sentence[before[-1][-1].end:trigger.start]):
        return False
    pattern = trigger.entry.pattern
    if pattern.startswith("{"):
        if len(pattern.split("...")[0].split()) > 1:
            return False  # "held talks": the pattern holds its own object
        verb = pattern[1:].split("}")[0]
    elif pattern.endswith("ed") and " " not in pattern:
        # a participle written out ("freed", not the adjective of "free trade"): its verb
        verb = pattern[:-1] if pattern[:-1] in TRANSITIVE else pattern[:-2]
    else:
        return False
    first = sentence[trigger.start:trigger.end].split()[0].lower()
    participle = IRREGULAR.get(verb, (None, verb + "ed"))[1]
    if verb not in TRANSITIVE or first not in (participle, verb + "ed", verb + verb[-1] + "ed",
                                               verb + "d", verb[:-1] + "ied"):
        return False
    if "..." not in pattern:
        if verb in ASKED_TO and re.match(r"\s+to\s", sentence[trigger.head_end:]):
            return True  # "Blair urged to launch Iraq probe" (a headline's passive)
        return bool(AFTER_REDUCED_PASSIVE.match(sentence[trigger.head_end:]))
    # "reporters held hostage in Iraq" (but "Turkey held talks in Zurich" is active)
    return sentence[trigger.head_end:trigger.end].split() in (["hostage"], ["captive"]) and \
        bool(AFTER_REDUCED_PASSIVE.match(sentence[trigger.end:]))


def _object_of_verb(sentence: str, start: int) -> bool:
    """True when the actor at start follows a past-tense verb ("killed two American hostages")."""
    m = VERB_BEFORE.search(sentence[:start])
    if m and NO_SUBJECT_BEFORE.search(sentence, 0, m.start(1)):
        return False  # "Newly appointed Ukrainian Prime Minister ...": with no subject before it, a
        # participle describes the name after it; it has no object
    return bool(m) and m.group(1).lower() not in ADJECTIVE_PARTICIPLES


def _codes(group) -> set:
    return {a.code for a in group}


# People named by what they do, with no country of their own: they belong to where they act
# (PLOVER codes a non-state actor with its country).
UNNAMED_ARMED = {"militant", "insurgent", "rebel", "gunman", "guerrilla", "guerilla", "fighter",
                 "kidnapper", "captor", "bomber", "attacker", "terrorist", "militiaman", "militia",
                 "extremist", "separatist", "hostage-taker", "abductor"}
# "an Islamic militant group", "an armed gang": a group named by what it does
ARMED_GROUPS = {"group", "gang", "cell", "faction", "band", "organization", "organisation", "unit", "radical"}
ARMED_WORDS = {"islamic", "islamist", "armed", "militant", "terrorist", "insurgent", "rebel",
               "jihadist", "extremist", "guerrilla"}
# Victims named by what they are ("a man and two women were shot dead"): of the place too.
UNNAMED_PEOPLE = {"people", "person", "civilian", "man", "woman", "child", "villager", "resident",
                  "worker", "journalist", "hostage", "prisoner", "passenger", "pilgrim", "student"}


def with_plurals(nouns) -> set:
    """The nouns and their plurals: "militant(s)", "gunman"/"gunmen", "child"/"children"."""
    return set(nouns) | {n[:-3] + "men" if n.endswith("man") else "children" if n == "child" else
                         n + "es" if n.endswith(("s", "sh", "ch", "x")) else n + "s" for n in nouns}


def any_word(words) -> str:
    """A regex alternation of whole words, longest first."""
    return "|".join(sorted(map(re.escape, words), key=lambda w: (-len(w), w)))


# An unnamed armed party right before its act: "Islamic radicals holding two French hostages",
# "an unknown militant group holding ...", "gunmen who seized ...", "militants who killed two
# hostages and are threatening to ..."
UNNAMED_ARMED_BEFORE = re.compile(
    r"\b(?i:(?:" + any_word(ARMED_WORDS) + r")\s+(?:" + any_word(with_plurals(ARMED_GROUPS)) + r")|" +
    any_word(with_plurals(UNNAMED_ARMED)) + r")"
    r"(?:,?\s+who(?:\s[^,;]*?\sand(?:\s+(?:are|were|is|was|have|has|had))?)?)?\s+$")
# Who dies by violence, named after "the deaths of": a nationality and the kind of people that
# news names when they are killed ("12 Nepalese hostages", "one US soldier", "two Italian journalists")
VICTIMS_NAMED = re.compile(r"[\w.'’-]+(?:\s+[\w.'’-]+){0,2}?\s+(?:hostages?|soldiers?|troops|servicem[ae]n|"
                           r"marines?|peacekeepers?|policem[ae]n|police\s+officers?|diplomats?|journalists?|"
                           r"contractors?)\b", re.I)
# ... then where: "in Iraq", or "and four government employees in Baghdad"
VICTIMS_PLACE_GAP = re.compile(r"(?:\s+(?:and|or)(?:\s+[\w'’-]+){1,3})?\s+in\s+(?:the\s+)?")
# a time phrase opened by "during" up to the actor: "vowed to put Africa first during his time at
# the helm of the G8"
DURING_PHRASE = re.compile(r"\b(?i:during|throughout)\s+(?:his|her|its|their|the)\s+(?:[\w'’-]+\s+){0,6}$")


def _first_other(groups, codes, sentence: str = "", since: int | None = None,
                 trigger_end: int | None = None) -> list:
    """The first group after the trigger with a country other than the source's. An object of
    the source's own country ("Israelis accused Prime Minister Sharon") makes the act domestic:
    a later actor is not its target. With since (acts only), an actor after "over"/"for" gives
    the reason ("jailed five over a plot against the US"), not the victim."""
    for group in groups:
        if sentence and AGENT_BEFORE.search(sentence[:group[0].start]):
            continue  # "an agreement brokered by Russia": the broker is not the target
        if trigger_end is not None and DURING_PHRASE.search(sentence, trigger_end, group[0].start):
            continue  # "during his time at the helm of the G8": when, not whom
        if since is not None and REASON.search(sentence[since:group[0].start]) and \
                not CONCERN_OVER.fullmatch(sentence[since:group[0].start]):
            return []
        rest = [a for a in group if a.code not in codes]
        if rest:
            return rest
        if codes and not any(a.location for a in group):
            return []
    return []


# "a ruling which said Greece should ...", "..., saying the UN should ...": who is speaking
RELATIVE_SAYING = re.compile(r"\b(?:which|that|who)\s+(?:[a-z]+\s+)?(?:said|says|say|ruled|rules|"
                             r"stated|states)\s*(?:that\s*)?$")
PARTICIPLE_SAYING = re.compile(r",\s*(?:saying|arguing|insisting|adding)\s*(?:that\s*)?$")
SAID_BEFORE_TARGET = re.compile(r",\s*(?:saying|arguing|insisting|adding)(?:\s+that)?(?=\s+(?:the\s+)?$)")


def _said_before(sentence: str, target_start: int, start_of_clause: int) -> int:
    """Where the speaker's part ends: after ", saying" right before the target, else the clause."""
    m = SAID_BEFORE_TARGET.search(sentence[:target_start])
    return m.end() if m and m.start() >= start_of_clause else start_of_clause


def _speakers(sentence: str, sayers: list, start_of_clause: int) -> list | None:
    """The actors that may have said the clause, or None when the speaker is no actor: in a
    relative clause it is the noun before "which" ("a ruling which said"), after ", saying" it
    is the subject that opens the sentence ("Ms Short criticised the US-led effort, saying")."""
    speech = sentence[:start_of_clause]
    relative = RELATIVE_SAYING.search(speech)
    if relative:
        sayers = [g for g in sayers if re.fullmatch(r",?\s*", sentence[g[-1].end:relative.start()])]
        return sayers or None
    if PARTICIPLE_SAYING.search(speech):
        sayers = [g for g in sayers if g[0].start <= opening_limit(sentence)]
        return sayers or None
    return sayers


# a direct object named with an honorific: "support Mr Forgeard"
HONORIFIC_OBJECT = re.compile(r"\s+(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady)\.?\s+[A-Z][\w'’-]+")
# "the Israeli raid", "Israel's raid": a demonym or possessive right before an event noun
OWNER_GAP = re.compile(r"(?:['’]s?)?\s+")
# "will recall", "is to recall": a base form after a modal or infinitival "to" is a verb
VERB_FORM_BEFORE = re.compile(r"\b(?:will|would|shall|should|can|could|may|might|must|to|not|"
                              r"did|does|do)\s+$", re.I)
PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|near|from|to|into|of|outside|inside|across|around|"
                                      r"throughout|through|towards?|on|off|by|via)\s+(?:the\s+)?$", re.I)
NOT_A_NOUN_AFTER = re.compile(r"\s+(?:on|in|at|and|or|to|from|with|by|for|of|as|yesterday|today|"
                              r"tonight|last|this|early|late|overnight|where|which|who|after|before|"
                              r"when|while|is|are|was|were|has|have|had|will|would|[a-z]+ed)\b")


def _place_modifies_noun(sentence: str, place: Actor) -> bool:
    """'Lockerbie victims', 'the Lockerbie air crash': a town named before a noun, after no
    preposition, names a thing, not where an unnamed actor is."""
    return place.kind == "place" and bool(re.match(r"\s+[a-z]", sentence[place.end:])) and \
        not NOT_A_NOUN_AFTER.match(sentence, place.end) and \
        not PLACE_PREPOSITION_BEFORE.search(sentence[:place.start])


def _between_parties(sentence: str, after: list) -> list:
    """'between the Emirates and Saudi Arabia': the two (or more) actors the "between" names."""
    if not after:
        return []
    parties = [a for a in after[0] if not a.location]
    for group in after[1:]:
        if len({a.code for a in parties}) >= 2 or \
                not re.fullmatch(r",?\s+(?:and\s+)?(?:the\s+)?", sentence[parties[-1].end:group[0].start]
                                 if parties else ""):
            break
        parties += [a for a in group if not a.location]
    return [a for i, a in enumerate(parties) if a.code not in {b.code for b in parties[:i]}]


def _agent_after(sentence: str, position: int, after: list) -> list:
    """The group right after 'from'/'by' following a noun trigger, if any."""
    m = re.match(r"\s+(?:from|by)\s+(?:the\s+)?", sentence[position:])
    if not m:
        return []
    at = position + m.end()
    return next((g for g in after if g[0].start == at), [])

