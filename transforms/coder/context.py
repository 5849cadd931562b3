"""Document-level context: is this a sports story, and which country is the article about?"""
from __future__ import annotations

import re

from .matching import lower_same_length

# A score ("4-2", "3 - 1") or a sports word marks a sports story: "Russia beat Canada 4-2" is a
# match result, not an assault. Three cues are needed so a stray word does not hide real news, and
# one of them must be a score, a named tournament or a word only sport uses: an election is also won,
# lost and a victory, a manifesto has goals, a party has a team and coaches carry marchers. A vote
# tally ("272-219", both sides in the hundreds) is no score.
SCORE = re.compile(r"\b(?!\d{3}\s?-\s?\d{3}\b)\d{1,3}\s?-\s?\d{1,3}\b"
                   r"(?!\s*(?:million|billion|year|percent|%))")
SPORTS_WORDS = re.compile(
    r"\b(?:coach|tournament|olympics?|olympic|championships?|league|striker|midfielder|defender|"
    r"goalkeeper|quarterback|innings|wickets?|test series|grand prix|semi-?finals?|quarter-?finals?|"
    r"tennis|golf|soccer|football|basketball|baseball|cricket|rugby|hockey|stadium|fifa|uefa|nba|"
    r"nfl|nhl|mlb|world cup|davis cup|ryder cup|fed cup|athletes?|sprint(?:er)?|marathon|"
    r"boxing(?! day)|boxer|rally driver|formula one|f1|swimmer|gymnast|relay|pitcher|homer|"
    r"touchdown|playoffs?|inning|wicket|batsman|bowlers?|ioc|paralympics?|skier|ski(?:ing)?|"
    r"cyclist|tour de france|world record|birdies?|bogeys?|under-par|leaderboard|batting|bowling|"
    r"spinner|paceman|pace attack|test matches|grand slam|clay court|grass court|halftime|"
    r"half-time|overtime)\b")
# Words sport shares with politics and business: each counts once however often it comes.
SHARED_WORDS = re.compile(
    r"\b(?:match(?:es)?|game|games|season|teams?|cup|goals?|medals?|final|scored|squad|players?|"
    r"seeded|seed|champion|title|victory over|win over|defeat(?:ed)?|beat|beats|victory|win|wins|"
    r"won|draw|drew|opener|par|(?:first|second|third|final|opening) round|captain|skipper|racing|"
    r"driver|fixtures?|friendly|qualifiers?|qualifying|knockout|runner-up|rookie|veteran|coaches|"
    r"manager)\b")
# A named tournament ("Madrid Open", "US Masters") or a fixture ("England v Zimbabwe").
SPORTS_NAMES = re.compile(r"\b(?:Open|Masters|Classic|Invitational|Test|Ashes|Grand Prix)\b"
                          r"|\b[A-Z][a-z]+ v\.? [A-Z][a-z]+")


def is_sports_story(document: str, lowered: str | None = None) -> bool:
    """lowered: the document lower-cased, same length (the word lists match it without re.I,
    which cost four times as much)."""
    head = document[:2000]
    low = lowered[:2000] if lowered is not None else lower_same_length(head)
    sure = len(SPORTS_WORDS.findall(low))
    if SCORE.search(head):
        sure += 2
    if SPORTS_NAMES.search(head):
        sure += 2
    if not sure:
        return False  # no sure cue: the shared words cannot make it sport
    return sure + len(set(SHARED_WORDS.findall(low))) >= 3
