"""Turn the triggers and actors of one sentence into coded events.

These rules are the coder's first, shallow reading (tree_events.py reads the parse): who did it
is the first actor of the trigger's clause, to whom is the first other actor after it; passive
voice, "X said Y must", symmetric pairs, places ("in Laos"), negation, plans and background are
recognised from the words around.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from .actors import Actor, side_taken
from .clauses import attribution_start, clause_end, clause_start, groups_of, inserted_sources, names_a_border
from .deployment import AID_BY_FORCES, arriving_forces, deployment_roles, is_deployment, passive_deployment
from .dictionaries import EVENT_DEFAULTS, TriggerEntry
from .direction import TRAVEL_PATTERN, UNNAMED_PEOPLE, any_word, find_participants, topic_place, with_plurals
from .matching import is_title_case
from .modality import NEGATION_INSIDE, negated_event, planned_event, read_modality
from .triggers import TriggerMatch

# "the occupied territories", "from occupied land": a participle used as an adjective.
DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that|from|in|into|on|of|"
                               r"under|with|across)\s+$", re.I)
# "a private jail", "the new ban": a base form after a determiner and an adjective is a noun.
DETERMINER_ADJECTIVE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|any)\s+[a-z-]+\s+$")
FORCE_EVENTS = ("ASSAULT", "COERCE", "MOBILIZE", "SANCTION")
MILITARY_PULLOUT = re.compile(r"\{(?:withdraw|pull|retreat|evacuate)\}")
# "possible attacks", "a potential strike": no act is reported.
HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:possible|potential|hypothetical|would-be|future|feared)\s+(?:[a-z-]+\s+){0,2}$"
    r"|\b(?:hopes? of|hope to|bid to|efforts? to|aimed at|aims? to|attempts? to|ways? to|"
    r"(?:un)?likely to(?: be)?|"
    r"stops? short of|stopped short of|short of|chances? to|opportunit(?:y|ies) to|supposed to|meant to|designed to|intended to)\s+(?:[a-z-]+\s+)?$"
    # "was supposed to be a forum to discuss": what something is for, not what happened
    r"|\b(?:supposed|meant|designed|intended)\s+to\s+be\s+(?:[a-z-]+\s+){1,4}(?:to|for)\s+$"
    r"|\bwhether\s+(?:or not\s+)?to\s+(?:[a-z-]+\s+){1,3}$"  # "will decide whether to begin entry talks"
    # an act held off, put off or delayed is not done: "held off Wednesday on approving stiff
    # sanctions on US exports", "delayed imposing sanctions"
    r"|\b(?:hold|holds|held|holding)\s+off\s+(?:[a-z]+\s+)?(?:on|from)\s+(?:[a-z-]+ing\s+)?(?:[a-z-]+\s+)?$"
    r"|\b(?:put|puts|putting)\s+off\s+(?:[a-z-]+ing\s+)?$"
    r"|\b(?:delay|delays|delayed|delaying|postpone|postpones|postponed|postponing|defer|defers|"
    r"deferred|deferring)\s+(?:[a-z-]+\s+)?(?:[a-z-]+\s+)?$"
    # an act approached is not yet done: "inched toward a historic agreement", "close to a deal"
    r"|\b(?:toward|towards|closer to|nearer to|close to|near to)\s+(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,2}$"
    # an act thwarted, foiled or averted did not happen: "have thwarted several major attacks"
    r"|\b(?:thwart|thwarts|thwarted|thwarting|foil|foils|foiled|foiling|avert|averts|averted|"
    r"averting|prevent|prevents|prevented|preventing)\s+(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,2}$", re.I)
# "UK helps raped Rwandan women", "treated wounded soldiers": after a verb of care a participle
# describes the people cared for
CARE_VERB_BEFORE = re.compile(r"\b(?:help|aid|assist|treat|support|care for|compensate|counsel|"
                              r"evacuate|shelter|rehabilitate)(?:s|es|ed|ing)?\s+$", re.I)
# "Greece should", "the Syrian government should": the actor right before "should" is its subject.
SUBJECT_GAP = re.compile(r"^(?:['’]s)?(?:\s+(?:[a-z][\w-]*|[A-Z][a-z]+))?\s+$")
# "did not mean that Libya had cut its ties": a negated verb of saying covers its that-clause.
NEGATED_COMPLEMENT = re.compile(
    r"\b(?:not|n't|never)\s+(?:necessarily\s+)?(?:mean|means|suggest|imply|indicate|show|prove)s?\s+"
    r"(?:that\s+)?[^.;]*$", re.I)
# "the legal case for invading Iraq", "towards meeting the Lisbon targets": a gerund after a
# preposition names an act (as a topic or goal); the sentence does not report it.
# ("accused of torturing", "guilty of murdering" do report an alleged or proven act)
GERUND_AFTER_PREPOSITION = re.compile(
    r"(?<!accused )(?<!guilty )(?<!convicted )(?<!suspected )(?<!charged )(?<!acquitted )"
    r"\b(?:for|of|about|towards?|against|without|at|(?<!returned )(?<!back )from)\s+$", re.I)
# ("bad at coordinating with", "stop Iran from attacking": no act either); and an act judged
# after "in": "a colossal error of judgment in invading Iraq", "was right in attacking"
JUDGED_GERUND_BEFORE = re.compile(r"\b(?:errors?|mistakes?|blunders?|wrong|right|justified)\b[^.;,]{0,40}\bin\s+$",
                                  re.I)
# ... and what such a gerund governs: "jailed for financing attacks in Iraq"
GERUND_OBJECT_BEFORE = re.compile(r"\bfor\s+[a-z]+ing\s+(?:(?:the|a|an|his|her|its|their)\s+)?"
                                  r"(?:[\w'’-]+\s+){0,2}$", re.I)
# "Mbeki has attacked British imperialists, saying ...": a politician's attack is in words.
VERBAL_ATTACK_AFTER = re.compile(r"[^.;]*?(?:,\s*(?:saying|calling|describing|accusing)\b|"
                                 r"\b(?:for|over)\s+(?:their|its|his|her|the)\b)")
# "shrugs off US demands", "a wave of Israeli attacks": a plural noun with a national modifier.
MODIFIED_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|of|off|over|about|against|on|to|with|by|from|at|in|for|its|their|new|fresh|"
    r"recent|repeated)\s+[A-Z][\w.’'-]*\s+$")
# "refuted a report that X had collaborated with Iran": a denied claim reports no act.
DENIED_CLAIM = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|refut\w*|reject\w*|dismiss\w*|rebut\w*|investigat\w*|check\w*|"
    r"verif\w*|look\w* into|unconfirmed)\s+(?:[\w'’-]+\s+){0,3}"
    r"(?:reports?|claims?|allegations?|accusations?|charges?|suggestions?|rumou?rs?)\b[^.;]*$",
    re.I)
# "the ban", "in order to", "with support from": the base form used as a noun.
NOUN_DETERMINER = re.compile(
    r"\b(?:the|a|an|any|every|no|its|their|his|her|our|whose|in|on|for|of|with|without|under|by|from|"
    r"into)\s+$", re.I)
# "renewed its demand that", "repeated their call for": one's own demand made again is made
RENEWED_OWN = re.compile(r"\b(?:renew|repeat|reiterat|restat|issu|voic)(?:e|es|ed|ing|s)?\s+(?:its|their|his|her)\s+"
                         r"(?:[a-z]+\s+)?$", re.I)
# "suspects in the Lockerbie bombing": an event named in passing, not reported.
REFERENCE_BEFORE = re.compile(
    r"\b(?:in|of|for|after|following|since|over|about|during|before|despite|with|by)\s+"
    r"(?:the|a|an|this|that|last|its|their|his|her)\s+(?:[\w'’-]+\s+){0,2}$", re.I)
INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+(?:[\w'’-]+\s+){0,2}$", re.I)
# "said during his meeting with Allawi": talks framing the sentence's own act took place.
# ... and "arrived for his first official visit to Canada": the visit the arrival begins
OWN_TALKS_BEFORE = re.compile(
    r"\b(?:(?:during|at|after|in)\s+(?:his|her|their)|(?:arrive[sd]?|arriving|came|comes|coming|flew|flies|"
    r"flying|travel(?:l)?(?:ed|ing|s)?|went|goes|going|left|leaves|leaving|landed|lands)\s+"
    r"(?:[\w'’-]+\s+){0,2}?for\s+(?:his|her|their|its))\s+(?:[\w'’-]+\s+){0,2}$", re.I)
# "Sudan received weapons from China", "won the backing of Washington": what is received is
# given by the other side (CAMEO codes its receiving patterns receiver first)
RECEIVING = {"receive", "get", "gain", "win", "obtain", "acquire", "earn", "secure", "accept"}
GIVEN = {"SUPPORT", "AID"}
# "thousands of demonstrators demanded independence": a demand made in the street is a protest
# (CAMEO 14, PLOVER PROTEST)
PROTESTERS_BEFORE = re.compile(
    r"\b(?:demonstrators|protesters|protestors|marchers|rioters|crowds|demonstrations|rallies|"
    r"demonstrated|protested|rioted|marched|rallied)\b[^.;]*$", re.I)
STREET_PROTEST = ("PROTEST", "demo-org", "14", -6.5, 4)  # event, mode, CAMEO, Goldstein, quad class


def demanded_in_the_street(sentence: str, at: int) -> bool:
    return bool(PROTESTERS_BEFORE.search(sentence, max(0, at - 90), at))


# Asking someone to act ("urged the world to help ..."): the one asked is the target
ASKING_PATTERNS = {"{urge}", "{ask}", "{press}", "{call}", "{tell}", "{order}"}
# ... and of warning against one ("warned the West not to interfere in Ukraine")
WARNING_PATTERNS = {"{warn}", "{caution}"}
# The infinitive of an act asked for ("urging European leaders to wake up"), or the act warned
# against ("against interfering")
ASKED_ACT = re.compile(r"\bto\s+(?!the\b|a\b|an\b)[a-z]+\b|\bagainst\s+[a-z]+ing\b")
# A reaction an act caused: "had prompted censure", "drew sharp criticism"
REACTION_CAUSED = re.compile(r"\b(?:dr[ae]w|drawn|draws|drawing|prompt\w*|spark\w*|provok\w*|trigger\w*|"
                             r"attract\w*|caus\w*)\s+(?:[a-z-]+\s+){0,2}$", re.I)
# What a judgement is of, owned by a pronoun: "criticism of his call to Bush", "praised their role in"
OWNED_OBJECT = re.compile(r"\s+(?:his|her|its|their)\s+(?!own\b)")
# A denial of one's own act, a gerund: "denied supplying weapons to Iran", "denied ever having met"
DENIED_OWN_ACT = re.compile(r"\s+(?:ever\s+|any\s+)?(?:having\s+|being\s+)?[a-z]+ing\b(?<!\bthing)(?<!\bking)")
# What a speaker defends or justifies of their own: "defended his decision to invade Iraq",
# "justified its policy on Taiwan" name no party backed
OWN_STANCE = re.compile(r"\s+(?:his|her|its|their|our)\s+(?:own\s+)?(?:[a-z-]+\s+){0,2}?"
                        r"(?:decisions?|policy|policies|record|actions?|stance|position|plans?|approach|"
                        r"conduct|handling|choices?|moves?|strategy|role|response|remarks?|comments?)\b")
# A violent act judged by a verb of words: "condemned the attack on the US embassy in Jakarta",
# "Britain condemned the abduction" (its group 1 is the act's noun; "accusing Khartoum of bombing
# villages" judges Khartoum, named before the act)
JUDGED_ACT = re.compile(r"\s+(?:(?:the|an?|this|that|[\w.-]+['’]s?)\s+)?"
                        r"(?:(?!(?:of|on|for|over|in|about|with|to|by|and|as)\s)[\w'’\"“”-]+\s+){0,2}?"
                        r"(abductions?|kidnappings?|killings?|murders?|beheadings?|assassinations?|"
                        r"executions?|attacks?|bombings?|raids?|shootings?|massacres?|burning|torching|"
                        r"storming|ransacking)\b", re.I)
# Those named among the ones acted on: "snatched three U.N. workers, including a woman from
# Northern Ireland and a man from the Philippines"
INCLUDING = re.compile(r"(?:\s+[\w.'’-]+){0,4}?\s*,?\s+including\s+", re.I)
LIST_END = re.compile(r"[,;]")
# A noun phrase, not an infinitive, after the "to" of "{tell} ... to" (in a headline every word is
# capitalised, so only an article tells)
NOUN_AFTER_TO = re.compile(r"\s+(?:the\s|an?\s|[A-Z])")
NOUN_AFTER_TO_HEADLINE = re.compile(r"\s+(?:the|an?)\s", re.I)
ROLE_TRIGGER_PENALTY = 0.1  # a trigger that is an actor's own role noun ("French peacekeepers")
# "spoke by telephone": a CONSULT by phone
PHONE = re.compile(r"\bby (?:tele)?phone\b|\b(?:tele)?phone (?:call|conversation)\b", re.I)
# "negotiations on a troop pullback": the pullback is the topic of the talks.
TOPIC_BEFORE = re.compile(
    r"\b(?:talks|negotiations|discussions|agreement|deal|debate|report|reports|dispute|vote)\s+"
    r"(?:\w+\s+)?(?:on|about|over|regarding|concerning)\s+(?:(?:a|an|the|its|their)\s+)?"
    r"(?:[\w-]+\s+){0,3}$"
    # "filed a complaint against Brussels with the WTO over state aid to Airbus": what a
    # complaint or quarrel is about, further on in its clause
    r"|\b(?:complaints?|disputes?|rows?|quarrels?|spats?|protests?)\b[^.;,]{0,60}\b(?:over|about|regarding|"
    r"concerning)\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,3}$")


@dataclass
class CandidateEvent:
    event: str
    mode: str
    entry: TriggerEntry
    trigger: TriggerMatch
    source: list
    target: list
    cameo: str
    goldstein: float
    quad_class: int
    symmetric: bool = False
    planned: bool = False
    background: bool = False
    location: Actor | None = None
    confidence: float = 0.5
    modifier: bool = False  # told by a reduced passive ("a journalist abducted last week")
    speculative: bool = False  # "could use them to threaten", "hope that X will ...": not reported
    notes: list = field(default_factory=list)

    @property
    def codes(self) -> tuple:
        return tuple(sorted({a.code for a in self.source} | {a.code for a in self.target}))


def code_events(sentence: str, actors: list[Actor], triggers: list[TriggerMatch],
                last_person: Actor | None = None, story_place: Actor | None = None) -> list[CandidateEvent]:
    """Events of one sentence (before article-level ranking and de-duplication). story_place:
    where the story happens, for unnamed armed men the sentence names no place for."""
    if not triggers or not actors:
        return []
    cut = attribution_start(sentence)
    inserted = inserted_sources(sentence)
    participants = [a for a in actors if not a.location and not (a.start >= cut)
                    and not any(start <= a.start < end for start, end in inserted)]
    places = [a for a in actors if a.location and a.start < cut]
    groups = groups_of(participants, sentence)
    events: list[CandidateEvent] = []
    seen = set()
    threats: set = set()
    for trigger in _ungoverned(sentence, triggers, threats):
        if trigger.start >= cut and cut < len(sentence):
            continue  # "…, the White House announced" is attribution, not an event
        if trigger.entry.pattern.startswith("{") and \
                any(a.start < trigger.start and trigger.end <= a.end for a in actors):
            continue  # "the Japanese finance minister": a verb pattern inside an actor's name
        if trigger.entry.pattern == "should" and not any(
                a.end <= trigger.start and SUBJECT_GAP.match(sentence[a.end:trigger.start])
                for a in participants):
            continue  # "this upgrade should lead to ...": "should" only demands of an actor before it
        event = _event_for(sentence, trigger, groups, places, last_person,
                           spoken_of=_object_of_words(sentence, trigger, triggers), story_place=story_place)
        if event is None:
            continue
        if id(trigger) in threats and event.event == trigger.entry.event:
            # "insisted it would attack", "vowed to strike": words announcing force threaten
            event.event, event.mode = "THREATEN", ""
            event.cameo, event.goldstein, event.quad_class = EVENT_DEFAULTS["THREATEN"]
            event.notes.append(f"{trigger.entry.event} recoded as THREATEN (announces force)")
        if is_verbal_attack(event.event, event.source, event.target, sentence[trigger.start:trigger.end]):
            event.event, event.mode = "DISAPPROVE", ""
            event.cameo, event.goldstein, event.quad_class = EVENT_DEFAULTS["DISAPPROVE"]
            event.notes.append("ASSAULT recoded as DISAPPROVE (named people's attack or clash: words)")
        key = (event.event, event.codes)
        if key in seen:
            continue  # "killed by an explosive device": one event, told twice
        seen.add(key)
        if any(a.start <= trigger.start and trigger.end <= a.end for a in actors):
            # "Nine French peacekeepers were killed": the role names who they are; what
            # happened to them is the news
            event.confidence = round(max(0.05, event.confidence - ROLE_TRIGGER_PENALTY), 3)
            event.notes.append("trigger is an actor's role noun")
        # the first trigger of a sentence is usually its main verb
        event.confidence = round(max(0.05, event.confidence - 0.06 * len(events)), 3)
        events.append(event)
        guests = _guests_meeting(event)
        if guests is not None:
            # the host of others' meeting is its place, as Laos is in the seed
            events[-1] = guests
            seen.add((guests.event, guests.codes))
    if len(events) > 1:
        for event in events:
            if event.modifier:
                # "a journalist abducted last week was freed": the news is the main verb's
                event.confidence = round(max(0.05, event.confidence - 0.1), 3)
    return events


def _guests_meeting(event: CandidateEvent) -> CandidateEvent | None:
    """The guests a host brings together meet each other there, the host's country the place:
    "Egypt hosted Israeli and Palestinian negotiators"."""
    if event.event != "CONSULT" or event.entry.pattern != "{host}" or not event.source:
        return None
    first = event.target[0] if event.target else None
    others = [a for a in event.target if first is not None and a.code != first.code]
    if not others:
        return None
    host = dataclasses.replace(event.source[0], location=True)
    return dataclasses.replace(event, source=[first], target=others, symmetric=True, mode="third-party",
                               location=host, notes=event.notes + ["guests of a host: they meet each other"])


# Verbs of force that, between two named people, are words: "Chirac attacked Blair over Iraq";
# a clash is words whoever named people have it with: "Rice and Powell clashed with Syria"
VERBAL_ATTACK = re.compile(r"(?:attack|assail)", re.I)
VERBAL_CLASH = re.compile(r"clash", re.I)


def is_verbal_attack(event: str, source, target, trigger_words: str) -> bool:
    """One named person's attack on another is criticism, not force; so is a clash that named
    officials have (not a militia leader's: "militiamen loyal to Sadr clashed with US troops")."""
    if event != "ASSAULT" or not source or not target:
        return False
    if VERBAL_ATTACK.match(trigger_words):
        return all(a.person for a in source + target)
    return bool(VERBAL_CLASH.match(trigger_words)) and \
        all(a.person and a.sector not in ("MIL", "REB") for a in source)


def retyped_by_sides(kind: tuple, source, target, rest: str) -> tuple:
    """(event, mode, CAMEO, Goldstein, quad) as the two sides make it, for the patterns and the
    parse alike: armed forces arriving are deployed, not visiting; armed men seizing people
    abduct them; force used by a crowd is a riot. rest: the sentence from the trigger on."""
    event, mode = kind[:2]
    if event == "CONSULT" and mode == "visit":
        kind = arriving_forces(source, rest) or kind  # "Rwandan troops arrived in Darfur": no visit
    if is_abduction(kind[0], kind[1], source, target):
        kind = ("ASSAULT", "abduct", *EVENT_DEFAULTS["ASSAULT"])
    if is_riot(kind[0], source):
        kind = VIOLENT_PROTEST
    return kind


def is_abduction(event: str, mode: str, source, target) -> bool:
    """Armed men seizing people abduct them (CAMEO 181: "MILITANTS * CAPTURE", "SEIZE * MINISTER"),
    as a state seizing them arrests them (173): "Gunmen seized two Americans and a Briton"."""
    return event == "COERCE" and mode == "seize" and bool(source) and bool(target) and \
        all(a.sector == "REB" for a in source) and all(a.kind not in ("country", "seat") for a in target)


# Who riots: "hardline Iranian students pelted the British embassy", "protesters stormed ..."
RIOTERS = re.compile(r"\b(?:students|protesters|protestors|demonstrators|crowds?|mobs?|rioters|marchers)\b", re.I)
VIOLENT_PROTEST = ("PROTEST", "riot", "14", -6.5, 4)  # CAMEO 145; records carry the root code


def is_riot(event: str, source) -> bool:
    """Force used by protesters or a crowd is a violent protest (CAMEO 145), not an attack."""
    return event == "ASSAULT" and bool(source) and all(RIOTERS.search(a.text) for a in source)


# What insisting claims, not demands: a that-clause with a finite verb ("insisted that only an elected
# government could request his return"; but "insisted that Syria withdraw" demands)
# ("insisted that it would soon attack rebels" threatens: "would" and "will" may announce an act)
ASSERTED_CLAUSE = re.compile(r"\s+(?:that\s+)?(?:(?!\b(?:unless|if|until|or)\b)[^,;.]){0,80}?"
                             r"\b(?:could|was|were|is|are|had|has|have|can|did|does)\b", re.I)
# A gathering right before "hosted by": "a summit hosted by", "a ceremony in a packed stadium hosted by"
HOSTED_GATHERING = re.compile(r"\b(?:summit|meeting|talks|conference|ceremony|forum|gathering|session|round|"
                              r"stadium|hall|palace)s?\s+$", re.I)
# Told to go: "ordered two Georgian diplomats to leave the country", "... out of the country",
# a headline's "Orders Two British Aid Officials Out"
ORDERED_OUT = re.compile(r"[^.;:]{0,40}?\bto\s+(?:leave|quit|get\s+out)\b|[^.;:]{0,25}?\s+out(?:\s+of\b|\s*$)", re.I)
DIPLOMATS = re.compile(r"\b(?:diplomats?|ambassadors?|envoys?|attach[eé]s?|consuls?|embassy)\b", re.I)


# Journeys that are no diplomatic visit
PRIVATE_TRIP = re.compile(r"\s*\bfor\s+(?:urgent\s+|emergency\s+)?(?:medical\s+)?(?:treatment|surgery|check-?ups?|"
                          r"medical\s+tests|a\s+medical|holiday|a\s+holiday|vacation)\b", re.I)
FINITE_PAST = re.compile(r"[a-z]+ed\b", re.I)


# A participle inside a governing noun's agent: "demands by Islamic radicals holding two French
# hostages" (the radicals hold them; the demand is not for holding them)
AGENT_PARTICIPLE = re.compile(r"\s+by\s(?:(?!\bto\b)[^,;])*?\s[a-z]+ing\b.*", re.I)


def _ungoverned(sentence: str, triggers: list[TriggerMatch], threats: set | None = None) -> list[TriggerMatch]:
    """Drop triggers that are the object of a governing one ("refused to meet" -> REJECT only).

    A governor that announces force ("insisted it would attack", "vowed to strike") is added to
    threats (ids) so it can be coded THREATEN."""
    kept, governor_end = [], -1
    for trigger in triggers:
        between = sentence[governor_end:trigger.start] if governor_end >= 0 else ""
        if governor_end >= 0 and trigger.start - governor_end <= 45 and \
                not re.search(r";|(?<![A-Z])\.\s|,\s+(?:and|but|while)\b", between) and \
                not ("," in between and FINITE_PAST.match(sentence, trigger.start)) and \
                not AGENT_PARTICIPLE.fullmatch(sentence, governor_end, trigger.end):
            # (a governed act is a base form: "vowed to crush Hamas, attacked Syria" ends the
            # relative clause and "attacked" is the main verb)
            governor = kept[-1]
            if threats is not None and trigger.entry.event in FORCE_EVENTS and \
                    (governor.entry.event in ("DEMAND", "DISAPPROVE") and
                     re.search(r"\b(?:will|would|'ll|shall|could)\b", sentence[governor.end:trigger.start])
                     or re.match(r"\{(?:vow|pledge|promise)\}", governor.entry.pattern)):
                threats.add(id(governor))
            continue
        if kept and re.search(r"\b(?:to|for|toward|towards)\s+$",
                              sentence[max(0, trigger.start - 9):trigger.start]) and \
                trigger.start - kept[-1].end <= 60 and \
                not re.search(r"[.;,]", sentence[kept[-1].end:trigger.start]):
            continue  # purpose: "arrived in Colombo to revive talks", "will visit Cairo for talks"
        kept.append(trigger)
        governor_end = trigger.end if trigger.entry.governs else -1
    return kept


# Between a verb and the noun it takes as object: "condemned [the] attack", "[Monday's] bombing",
# "[the latest Israeli] raid"
OBJECT_NOUN_GAP = re.compile(r"\s+(?:(?:the|an?|this|that|these|those|its|their|his|her|[\w-]+['’]s)\s+)"
                             r"(?:[\w-]+\s+){0,2}", re.I)


# People named by what they are, after their nationality: "Indonesian militant suspects", "a British man"
QUESTIONED_PEOPLE = re.compile(r"(?:\s+[\w-]+)?\s+(?i:" + any_word(with_plurals(
    UNNAMED_PEOPLE | {"suspect", "national", "citizen", "detainee", "militant", "diplomat"})) + r")\b")
# A possessive right after an actor: "Sudan's acceptance", "officials' announcement", AG's "Sudan #39;s"
POSSESSIVE_AFTER = re.compile(r"(?:['’]s?|\s*#39;s)\b")


def _object_of_words(sentence: str, trigger: TriggerMatch, triggers: list[TriggerMatch]) -> bool:
    """Is the trigger a noun that a verb of words just before it takes as its object ("condemned
    the attack on", "denied the killing of", "welcomed the release of")?"""
    return any(other.end <= trigger.start and other.entry.pattern.startswith("{") and
               other.entry.quad_class in (1, 3) and
               OBJECT_NOUN_GAP.fullmatch(sentence, other.end, trigger.start)
               for other in triggers)


def _event_for(sentence, trigger, groups, places, last_person, spoken_of: bool = False,
               story_place: Actor | None = None) -> CandidateEvent | None:
    entry = trigger.entry
    event, mode = entry.event, entry.mode
    cameo, goldstein, quad = entry.cameo, entry.goldstein, entry.quad_class
    if not _is_reported_act(sentence, trigger):
        return None

    modality = read_modality(sentence, trigger.start, trigger.end)
    modality.planned = modality.planned or entry.ahead
    if NEGATION_INSIDE.search(sentence, trigger.start, trigger.end):
        modality.negated = True  # "sees no threat from China": the gap of the pattern negates it
    if modality.negated:  # "did not attack" is nothing; "will not meet" is a refusal
        recoded = negated_event(event, quad, modality)
        if recoded is None:
            return None
        event, cameo, goldstein, quad = recoded

    if entry.mode == "visit" and PRIVATE_TRIP.search(sentence, trigger.end, clause_end(sentence, trigger.end)):
        return None  # "Arafat arrives in Paris for medical treatment": a journey, not a visit
    if entry.pattern == "{insist}" and ASSERTED_CLAUSE.match(sentence, trigger.end):
        return None  # "insisting that only a government in Monrovia could request his return": a claim
    if entry.pattern == "{host}" and HOSTED_GATHERING.search(sentence, 0, trigger.start):
        return None  # "at a summit hosted by Egypt's Mubarak": the host is where the summit is,
        # as Laos is in the seed (who met there is read from the summit itself)
    if entry.pattern in ("{deny}", "{dismiss}") and DENIED_OWN_ACT.match(sentence, trigger.end):
        return None  # "Russia denied supplying weapons to Iran": its own act denied, no accuser named
    if event == "SUPPORT" and OWN_STANCE.match(sentence, trigger.end):
        return None  # "Bush defended his decision to invade Iraq": his own, no other party's
    found = find_participants(sentence, trigger, event, quad, groups, places, last_person, spoken_of,
                              story_place)
    if found is None:
        return None
    if found.target and found.target[-1].start > trigger.start:
        found.target = found.target + _included(sentence, found.target, groups)
    judged = JUDGED_ACT.match(sentence, trigger.end) if event == "DISAPPROVE" else None
    if judged:
        doers, from_place = _doers_of(judged, sentence, found.target, groups, places, story_place)
        doers = [a for a in doers if a.code not in {s.code for s in found.source}]
        if doers:  # (with no doer known, those it hit stay the ones named: "condemned the attack on Iraq")
            found.target, found.used_place = doers, found.used_place or from_place
    if (entry.event == "DEMAND" and entry.pattern.split()[0] in ASKING_PATTERNS or
            entry.pattern.split()[0] in WARNING_PATTERNS) and found.target and \
            ASKED_ACT.search(sentence, trigger.head_end, found.target[0].start):
        return None  # "urged the international community to help calm Beijing's dispute with
        # Taiwan", "urging European leaders to wake up ... over President Bush's re-election",
        # "warned the West not to interfere in Ukraine": the party asked or warned is named by no
        # country; the first one named is inside the act asked for or warned against
    if event == "DISAPPROVE" and entry.frame != "giver-after" and \
            REACTION_CAUSED.search(sentence, 0, trigger.start):
        return None  # "Mr Blunkett's comments had prompted censure": others' censure of him, by no
        # one named (with "from France", the giver-after triggers code France's)
    if event in ("REJECT", "DISAPPROVE") and found.target and found.target[0].start > trigger.end and \
            re.fullmatch(r"\s+as\s[^,;]*?\b(?:and|but)\b.*", sentence[trigger.end:found.target[0].start]):
        return None  # "a vote Tbilisi has dismissed as illegitimate and one Moscow has followed":
        # what is dismissed stands before; the next clause's subject is not (but "condemned as
        # 'unfair' a new UN resolution" condemns what follows)
    if event in ("DISAPPROVE", "SUPPORT") and found.target and \
            OWNED_OBJECT.match(sentence, trigger.end) and found.target[0].start > trigger.end:
        return None  # "the Left's criticism of his congratulatory call to US President Bush": what
        # is judged is his own; a country inside it is not the one judged
    if entry.pattern == "{question}" and found.target and \
            all((a.person or a.kind == "people" or QUESTIONED_PEOPLE.match(sentence, a.end)) and
                a.sector not in ("GOV", "MIL") for a in found.target) and \
            not POSSESSIVE_AFTER.match(sentence, found.target[-1].end):
        # "police are questioning two Indonesians": people questioned are interrogated (CAMEO 09),
        # a state's or a person's stance questioned ("questioned Iran's commitment") is doubted
        event, mode = "INVESTIGATE", ""
        cameo, goldstein, quad = EVENT_DEFAULTS["INVESTIGATE"]
    if entry.mode == "host" and found.target and POSSESSIVE_AFTER.match(sentence, found.target[-1].end):
        # "welcomed Sudanese officials' announcement": a party's act is welcomed, no guest
        event, mode = "SUPPORT", ""
        cameo, goldstein, quad = EVENT_DEFAULTS["SUPPORT"]
    if entry.pattern == "{extradite}":
        # "extradited Russian arms dealer Viktor Bout to the United States": the state that
        # receives him is the partner, not his own
        end = clause_end(sentence, trigger.end)
        receiver = next((g for g in groups if trigger.end < g[0].start < end and
                         re.search(r"\bto\s+(?:the\s+)?$", sentence[:g[0].start])), None)
        if receiver and found.source and {a.code for a in receiver} - {a.code for a in found.source}:
            found.target = receiver
    if event in GIVEN and entry.pattern.startswith("{") and entry.pattern[1:].split("}")[0] in RECEIVING:
        found.source, found.target = found.target, found.source
    if is_deployment(entry):
        # troops sent "to" a country protect it (AID); "into"/"against" it, they threaten it
        destination = deployment_roles(sentence, trigger, groups, places,
                                       clause_end(sentence, trigger.end))
        if destination is not None:
            where, protective = destination
            # "a US squadron (is) to be deployed in South Korea": the subject sent its troops
            sender = found.target if passive_deployment(sentence, trigger) else found.source
            found.source, found.target = sender, [dataclasses.replace(where, location=False)]
            found.used_place = where.kind == "place"
            if protective:
                event, mode, cameo, goldstein, quad = AID_BY_FORCES
    if event == "DEMAND" and demanded_in_the_street(sentence, trigger.start):
        event, mode, cameo, goldstein, quad = STREET_PROTEST
    if entry.pattern == "{order}" and found.target and \
            all(a.kind not in ("country", "seat") for a in found.target) and \
            ORDERED_OUT.match(sentence, found.target[-1].end):
        # "ordered a second British aid official to leave within 48 hours": an expulsion, of
        # diplomats a sanction (CAMEO 166), of anyone else a deportation (174)
        diplomats = any(DIPLOMATS.search(a.text) for a in found.target)
        event, mode = ("SANCTION", "expel") if diplomats else ("COERCE", "deport")
        cameo, goldstein, quad = ("16", -4.0, 4) if diplomats else ("17", -7.0, 4)
    if event == "CONCEDE" and MILITARY_PULLOUT.match(entry.pattern) and \
            any(a.sector == "MIL" for a in found.source):
        # "Nigerian troops pulled out of Bakassi": a military withdrawal is RETREAT (CAMEO 087)
        event, cameo = "RETREAT", "08"  # CAMEO 087; records carry the root code
    if event == "ASSAULT" and entry.pattern.startswith("{attack}") and \
            any(a.person for a in found.source) and not any(a.sector == "MIL" for a in found.source) and \
            VERBAL_ATTACK_AFTER.match(sentence, trigger.end):
        # "Mbeki has attacked British imperialists, saying ...": criticism, CAMEO 11
        event, mode = "DISAPPROVE", ""
        cameo, goldstein, quad = EVENT_DEFAULTS["DISAPPROVE"]
    source = _dedupe(found.source)
    target = [a for a in _dedupe(found.target) if a.code not in {s.code for s in source}]
    event, mode, cameo, goldstein, quad = retyped_by_sides(
        (event, mode, cameo, goldstein, quad), source, target, sentence[trigger.start:])
    if source and target and all(side_taken(sentence, a.start) == "anti" for a in source):
        # "anti-American protests erupted in Pakistan": the country opposed is the target
        source, target = target, source
    if not entry.fits_source(source):
        return None  # only armed forces make an incursion
    if not source or not target or all(a.former for a in source):
        return None  # (a former minister acts for no state)
    if event == "CONSULT" and any(all(a.kind == "adjective" and a.weak for a in side)
                                  for side in (source, target)):
        return None  # "a meeting on Palestinian reform", "Chinese policy": only people meet
    codes = {a.code for a in source} | {a.code for a in target}
    if len(codes) < 2 or not any(a.is_state for a in source + target):
        return None  # the product is about country pairs
    if quad in (1, 2) and all(a.sector == "BUS" for a in source):
        return None  # "US firm pulls out of Iraq", "a German exchange tabled an offer": business

    event, mode, cameo, goldstein, quad = planned_event(
        event, mode, cameo, goldstein, quad, modality, sentence, trigger.start)
    location = next((p for p in places if not topic_place(sentence, p) and not names_a_border(sentence, p)),
                    None)
    if event == "CONSULT" and not mode and PHONE.search(sentence):
        mode = "phone"
    if event == "CONSULT" and not mode and location is not None:
        # where they met says who travelled
        if location.code in {a.code for a in target}:
            mode = "visit"
        elif location.code in {a.code for a in source}:
            mode = "host"
        else:
            mode = "third-party"
    candidate = CandidateEvent(event, mode, entry, trigger, source, target, cameo, goldstein, quad,
                               symmetric=found.symmetric, planned=modality.planned,
                               background=modality.background, location=location)
    candidate.speculative = modality.speculative
    candidate.confidence = _confidence(candidate, found.used_place)
    if candidate.speculative:
        candidate.notes.append("speculative (could/might/hope that)")
    candidate.modifier = found.modifier
    if found.used_place:
        candidate.notes.append("participant taken from a place name")
    if event != entry.event:
        why = " (negated)" if modality.negated else " (planned)" if modality.planned else ""
        candidate.notes.append(f"{entry.event} recoded as {event}{why}")
    return candidate


def _included(sentence: str, target: list[Actor], groups) -> list[Actor]:
    """Actors of an "including ..." list right after the target's phrase (to the next comma)."""
    found = INCLUDING.match(sentence, target[-1].end)
    if not found:
        return []
    comma = LIST_END.search(sentence, found.end())
    stop = comma.start() if comma else len(sentence)
    known = {a.code for a in target}
    return [a for group in groups for a in group
            if found.end() <= a.start < stop and not a.location and a.code and a.code not in known]


def _doers_of(act, sentence: str, named: list, groups, places, story_place) -> tuple[list[Actor], bool]:
    """Who a judged act (a JUDGED_ACT match) is held against: its owner ("the Israeli raid on
    Gaza"), its agent ("the killing of a journalist by Iraqi militants"), else the unnamed armed
    men of the place where it happened ("the attack on the US embassy in Jakarta", or the story's
    place; the second value says so). Those it hit are not judged."""
    owners = [a for a in named if a.start < act.end(1)]
    if owners:
        return owners, False
    end = clause_end(sentence, act.end())
    agent = next((g for g in groups if act.end() < g[0].start < end and
                  re.search(r"\bby\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", sentence[act.end():g[0].start])), None)
    if agent:
        return agent, False
    place = next((p for p in places if act.end() <= p.start < end), None) or story_place
    return ([dataclasses.replace(place, location=False, sector="REB")], True) if place is not None else ([], False)


def _is_reported_act(sentence: str, trigger: TriggerMatch, parsed: bool = False) -> bool:
    """False when the trigger words are not an act reported here (adjectives, names, topics).
    parsed: the parse read the trigger's sides, so an indefinite event noun after a preposition
    ("during a visit to Iraq", "killed in an Israeli airstrike") is a new event told in passing,
    not one the reader is assumed to know ("suspects in the Lockerbie bombing")."""
    entry = trigger.entry
    before_text = sentence[:trigger.start]
    trigger_words = sentence[trigger.start:trigger.end]
    first_word = trigger_words.split()[0].lower()
    if DETERMINER_BEFORE.search(before_text) and first_word.endswith("ed"):
        return False  # "the occupied territories", "the proposed deal"
    if entry.pattern.startswith("{") and first_word == entry.pattern[1:].split("}")[0] and \
            NOUN_DETERMINER.search(before_text) and \
            not re.match(r"\s+(?:from|by)\s", sentence[trigger.end:]) and \
            not (entry.governs and RENEWED_OWN.search(before_text)):
        return False  # "in order to", "the ban": a noun (unless "a request from Spain", or
        # "renewed its demand that Britain hand over ...": the demand made again)
    if REFERENCE_BEFORE.search(before_text) and not (parsed and INDEFINITE_BEFORE.search(before_text)) \
            and entry.frame != "victims-after" \
            and not (entry.event == "CONSULT" and OWN_TALKS_BEFORE.search(before_text)) \
            and ("{" not in entry.pattern or trigger_words.lower().endswith(("ing", "ings"))):
        return False  # "suspects in the Lockerbie bombing"
    if TOPIC_BEFORE.search(before_text) and not entry.governs:
        return False  # "negotiations on a troop pullback"
    base = entry.pattern[1:].split("}")[0] if entry.pattern.startswith("{") else ""
    if base and first_word in (base + "s", base + "es") and NOUN_DETERMINER.search(before_text) \
            and not re.match(r"\s+(?:from|by)\s", sentence[trigger.end:]):
        return False  # "on charges of", "the attacks": a plural noun
    if base and first_word in (base + "s", base + "es") and \
            MODIFIED_NOUN_BEFORE.search(before_text) and not is_title_case(sentence) and \
            not TRAVEL_PATTERN.match(entry.pattern):
        return False  # "shrugs off US demands", "a wave of Israeli attacks" (but "a delegation
        # from Britain heads to Baghdad": a verb of motion with "to" is a verb)
    if base and first_word == base and DETERMINER_ADJECTIVE_BEFORE.search(before_text):
        return False  # "a private jail"
    if first_word.endswith("ing") and re.search(r"\b(?:the|a|an|this|that)\s+$", before_text, re.I) \
            and re.match(r"\s+of\b", sentence[trigger.end:]):
        return False  # "condemned the killing of a diplomat": a deed named, not reported here
    if re.search(r"\b(?:which|who)\s+(?:still\s+|now\s+|also\s+)?$", before_text) and \
            first_word.endswith("s") and not first_word.endswith("ss"):
        return False  # "Turkey, which occupies northern Cyprus": a standing state of affairs
    if first_word.endswith("ed") and CARE_VERB_BEFORE.search(before_text):
        return False  # "UK helps raped Rwandan women"
    if before_text.endswith("-"):
        return False  # "US-backed interim leader", "UN-brokered truce": an adjective
    if GERUND_OBJECT_BEFORE.search(before_text):
        return False  # "jailed for financing attacks in Iraq": a deed named as a reason
    if HYPOTHETICAL_BEFORE.search(before_text):
        return False  # "possible terror attacks by North Korea"
    if NEGATED_COMPLEMENT.search(before_text):
        return False  # "did not mean that Libya had cut its ties"
    if first_word.endswith("ing") and entry.pattern.startswith("{") and \
            (GERUND_AFTER_PREPOSITION.search(before_text) or JUDGED_GERUND_BEFORE.search(before_text)):
        return False  # "the case for invading Iraq", "an error of judgment in invading Iraq"
    if DENIED_CLAIM.search(before_text):
        return False  # "refuted a report that ElBaradei had collaborated with Iran"
    if entry.ruled_out(sentence, trigger.start, trigger.head_end):
        return False  # triggers.yaml unless_before/after: "restore order", "released video footage"
    if entry.governs and entry.pattern.endswith("... to") and \
            (NOUN_AFTER_TO_HEADLINE if is_title_case(sentence) else NOUN_AFTER_TO).match(sentence, trigger.end):
        return False  # "told reporters during a visit to Egypt": a place, no act asked for
    if entry.pattern.endswith(" from") and re.match(r"\s+[a-z]+ing\b", sentence[trigger.end:]):
        return False  # "seeking to keep countries from imposing penalties": a clause, no party
    start, word = clause_start(sentence, trigger.start)
    if (word == "if" or word in ("unless", "whether") and not entry.governs) and \
            "," not in sentence[start:trigger.start]:
        return False  # "unless Japan pulled its troops out", "if Taliban militants accept"
    return True


def _dedupe(group) -> list:
    seen, kept = set(), []
    for actor in group:
        if actor.code not in seen:
            seen.add(actor.code)
            kept.append(actor)
    return kept


def _confidence(event: CandidateEvent, used_place: bool) -> float:
    score = 0.6
    sides = event.source + event.target
    # a side is as sure as its surest actor: "a Briton and two Americans" is no weak side
    if all(any(not a.weak for a in side) for side in (event.source, event.target) if side):
        score += 0.1
    else:
        score -= 0.1
    if any(a.person for a in sides):
        score += 0.05
    if len(event.entry.pattern.split()) > 1:
        score += 0.05
    if used_place:
        score -= 0.15
    if event.planned:
        score -= 0.1
    if event.background:
        score *= 0.4
    if event.speculative:
        score *= 0.5  # below the alert threshold: shown by `detect`, never alerted
    return round(max(0.05, min(0.95, score)), 3)
