"""Shallow clause structure of a sentence: where clauses start and end, attributions, groups.

The patterns' view (no parse): clause boundaries are cue words ("that", "who", "but", "said") and
punctuation. The dependency parse (tree_events.py) reads the sentences these rules cannot code and
checks their events in long stories.
"""
from __future__ import annotations

import re

from .actors import BORDER_BETWEEN, Actor

# Words and marks that open a new clause before a trigger (a headline's "Says" too).
CLAUSE_BOUNDARY = re.compile(
    r"\b(?:that|[Ss]aid|[Ss]ays|[Ss]ay|told|while|but|whereas|after|before|because|when|since|although|"
    r"though|who|which|whom|whose|where|until|if|unless|following)\b|[;:—–]|--|,\s+as\b"
    # a sentence that opens with a subordinate clause: "Before visiting Israel, Mr Blair ..."
    r"|^\W*(?:After|Before|Because|When|While|Since|Although|Though|Until|If|Unless|Following|"
    r"Whereas)\b")
# Where the trigger's own clause stops: "imposed a curfew in Baghdad as US troops ...".
CLAUSE_END = re.compile(
    r"[;:—–]|--|,?\sand\s(?=[a-z]+ed\b)|,\sas\s|(?<!such)\sas\s(?=(?:the\s+)?[A-Z])|"
    r",?\s\b(?:while|but|whereas|because|although|though|after|before|when|since|until)\s|"
    r",\s(?:which|a move|in a move|a step|a decision)\b"
    # "gave a briefing to foreign ambassadors, explaining Syria's alleged role": what was said
    r"|,\s(?:explaining|saying|adding|insisting|arguing|citing|noting|claiming|stressing)\b"
    # an attribution set inside the sentence: "placed him under house arrest, state radio said,
    # unsettling neighbouring Thailand"
    r"|,\s(?:[^,;]{0,60}?\s)?(?:said|says|reported|reports|announced)(?:\s+on\s+[A-Z][a-z]+day)?,"
    # "rejected the proposal and Germany's parties have opposed it": "and" opens a new clause
    # when a capitalised subject and a finite verb follow
    r"|,?\sand\s(?=(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,3}(?:[a-z]+\s+){0,3}(?:has|have|had|is|are|was|were|"
    r"will|would)\b)")  # ", a move that would ..." is comment
RELATIVE = {"who", "which", "whom", "whose", "where"}
# ", which have fought three wars since 1947,": a clause describing the noun before it, closed
DESCRIBING_CLAUSE = re.compile(r",\s+(?:which|who|whose)\b[^,;]*,")
REPORTING = {"said", "says", "say", "told", "that"}
# Actors joined by these form one group: "Mauritania and Senegal", "the US, Britain and France".
# ("Bush and the presidents of Sri Lanka and Indonesia": the office before a country joins too)
CONNECTOR = re.compile(r"^(?:\s*,)?\s*(?:,|and|or|&|/|as well as|together with|along with|plus)?"
                       r"\s*(?:(?:the|his|her|its|their|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
                       r"\d+)\s+)?"  # "two Americans and a Briton"
                       r"(?:(?:leaders|presidents|heads of state|heads of government|prime ministers|"
                       r"foreign ministers|governments|kings|envoys)\s+of\s+(?:the\s+)?)?$")
# A trailing ", officials said Tuesday." or "according to ..." names the source of the news.
ATTRIBUTION = re.compile(
    r",\s*(?:[^,]{0,90}?\b)?(said|says|say|reported|reports|announced|told|added|stated|"
    r"quoted|according to)\b[^,]*(?:,[^,]*)?[.!?\"”']*\s*$")
# A fronted adverbial clause before the main clause's subject: "After meeting Sharon, Bush said ..."
# (group 1: its first words, "meeting", "his visit")
FRONTED_CLAUSE = re.compile(r"\s*(?:After|Before|While|When|Since|Upon|On|Following|During)\s+"
                            r"((?:(?:a|an|the|his|her|their|its)\s+)?[a-z]+\b)?[^,;]{0,150},")
ACCORDING = re.compile(r"\baccording to\b[^,;.]*")
# after an inserted "according to ...": a comma and the main clause going on (not "who ...",
# which makes the reporters the subject of a relative clause)
INSERTED_AFTER = re.compile(r",\s+(?!(?:who|which|whom|whose|where|that)\b)\w")
# The speaker's own agents, named by a possessive: "Israel said its troops shot dead a gunman",
# "Iran's defence minister said his forces would attack"
OWN_AGENT_WORDS = {"troops", "forces", "soldiers", "army", "military", "police", "navy", "warplanes", "jets",
                   "helicopters", "gunships", "tanks", "artillery", "agents", "diplomats", "envoy",
                   "ambassador", "negotiators", "officials"}
OWN_AGENTS = r"(?:its|their|his|her)\s+(?:own\s+)?(?:" + "|".join(sorted(OWN_AGENT_WORDS)) + ")"
# What may stand between a clause boundary and the verb when the subject is elsewhere:
# "that it had expelled", "who has vowed", "but was still refusing", "said its troops".
SUBJECTLESS = re.compile(
    r"^(?:\s*(?:it|they|he|she|we|" + OWN_AGENTS + r"|has|have|had|is|are|was|were|will|would|could|should|can|may|"
    r"might|also|then|later|today|yesterday|not|n't|still|already|now|been|be|to|and|but|"
    r"ready|willing|prepared|keen|happy|glad|eager|determined|"
    r"on|last|this|[A-Z][a-z]+day|week|month|year|morning|night|[a-z]+ly|[,\"“”'])\b)*\s*$", re.I)
# ... or those words and a light verb before an event noun: "Britain said it will start talks with
# Iran", "it would open accession talks with Croatia", "it will not attend talks with the US",
# "Israel said it would carry out air strikes on Syria"
LIGHT_VERB_SUBJECTLESS = re.compile(
    SUBJECTLESS.pattern[:-len(r"\s*$")] + r"\s*(?:start|starts|started|starting|begin|begins|began|begun|open|"
    r"opens|opened|resume|resumes|resumed|launch|launches|launched|enter|enters|entered|attend|attends|"
    r"attended|join|joins|joined|hold|holds|held|carry out|carries out|carried out|conduct|conducts|"
    r"conducted|mount|mounts|mounted)\s+"
    r"(?:(?:the|a|an|new|fresh|formal|direct|peace|accession|membership|trade|bilateral)\s+){0,2}$", re.I)
PRONOUN_SUBJECT = re.compile(r"\b(?:it|they|he|she|we|its|their|his|her)\b", re.I)
# ... or a pronoun subject, its first predicate and "and" before a second verb: "North Korea said
# it had manufactured nuclear weapons and was suspending its participation in talks with ..."
COORDINATED_PREDICATE = re.compile(
    r"^\s*(?:on\s+[A-Z][a-z]+day\s+)?(?:that\s+)?(?:it|they)\s+[^,;]{0,120}?(?:\s*,)?\s+and\s+"
    r"(?:(?:has|have|had|is|are|was|were|will|would)\s+)?(?:also\s+|then\s+|now\s+)?$")
# "a harder line than even the U.S.": a comparison, never the subject.
COMPARED = re.compile(r"\b(?:than|like|unlike)\s+(?:even\s+)?(?:the\s+)?$", re.I)


def groups_of(actors: list[Actor], sentence: str) -> list[list[Actor]]:
    """Actors joined by 'and', commas, 'as well as' form one group."""
    groups: list[list[Actor]] = []
    for actor in actors:
        if groups and CONNECTOR.match(sentence[groups[-1][-1].end:actor.start]) and \
                groups[-1][-1].location == actor.location:
            groups[-1].append(actor)
        else:
            groups.append([actor])
    return groups


def attribution_start(sentence: str) -> int:
    """Where the attribution begins (its actors are reporters, not participants); an inserted
    "according to ..." is no attribution of the rest."""
    cut = len(sentence)
    inserted = inserted_sources(sentence)
    m = ATTRIBUTION.search(sentence)
    while m and m.group(1) == "according to" and any(start >= m.start() for start, _ in inserted):
        m = ATTRIBUTION.search(sentence, m.start() + 1)  # an inserted source: look further on
    fronted = FRONTED_CLAUSE.match(sentence)
    if m and fronted and m.start() == fronted.end() - 1:
        # "After meeting Sharon, Bush said Israel must ...": the comma closes a fronted clause;
        # the main clause that follows is no attribution
        m = None
    if m:
        cut = m.start()
    for m in ACCORDING.finditer(sentence):
        if (m.start(), m.end()) not in inserted:
            cut = min(cut, m.start())
    return cut


def inserted_sources(sentence: str) -> list[tuple[int, int]]:
    """Spans of "according to ..." set inside the sentence ("The Cuban President, according to
    wire reports, stood ..."): who reports it, not who acts; the clause around it goes on."""
    return [(m.start(), m.end()) for m in ACCORDING.finditer(sentence)
            if INSERTED_AFTER.match(sentence, m.end())
            and (not sentence[:m.start()].strip() or sentence[:m.start()].rstrip().endswith(","))]


def clause_start(sentence: str, position: int) -> tuple[int, str]:
    """Where the clause holding position begins, and the word that begins it. A describing clause
    closed before it (", which have fought three wars since 1947,") opens at its "which": what it
    holds ("since") opens no clause of the main verb's."""
    closed = [(m.start(), m.end()) for m in DESCRIBING_CLAUSE.finditer(sentence, 0, position)]
    last, word = 0, ""
    for m in CLAUSE_BOUNDARY.finditer(sentence, 0, position):
        if any(start < m.start() and m.end() < end for start, end in closed) and \
                not m.group(0).lower() in RELATIVE:
            continue
        last, word = m.end(), m.group(0).lower().lstrip("\"“‘' (")
    return last, word


def clause_end(sentence: str, position: int) -> int:
    m = CLAUSE_END.search(sentence, position)
    return m.start() if m else len(sentence)


def opening_limit(sentence: str) -> int:
    """Where a sentence-opening subject must start: within its first few words."""
    m = re.match(r"(?:\S+\s+){0,3}", sentence)
    return m.end() if m else 0


# "near the Afghan border", "a region bordering Cameroon", "the border between Chad and Sudan":
# a border says where, not who
BORDER_AFTER = re.compile(r"['’]?s?\s+(?:border|frontier)", re.I)
BORDERING_BEFORE = re.compile(r"\b(?:bordering|borders?\s+with|frontier\s+with)\s+(?:the\s+)?$", re.I)


def names_a_border(sentence: str, actor) -> bool:
    """True when the actor's name only says where a border runs."""
    return bool(BORDER_AFTER.match(sentence, actor.end) or BORDERING_BEFORE.search(sentence, 0, actor.start) or
                BORDER_BETWEEN.search(sentence, 0, actor.start))
