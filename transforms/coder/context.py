"""Document-level context: is this a sports story, and which country is the article about?"""
from __future__ import annotations

import re

# A score ("4-2", "3 - 1") or a sports word marks a sports story: "Russia beat Canada 4-2" is a
# match result, not an assault. Two cues are needed so one stray word does not hide real news.
SCORE = re.compile(r"\b\d{1,3}\s?-\s?\d{1,3}\b(?!\s*(?:million|billion|year|percent|%))")
SPORTS_WORDS = re.compile(
    r"\b(?:match(?:es)?|game|games|season|coach|teams?|cup|olympics?|olympic|tournament|"
    r"championships?|league|goals?|striker|midfielder|defender|goalkeeper|quarterback|innings|"
    r"wickets?|test series|grand prix|medals?|semi-?finals?|quarter-?finals?|final|scored|"
    r"tennis|golf|soccer|football|basketball|baseball|cricket|rugby|hockey|squad|players?|"
    r"stadium|fifa|uefa|nba|nfl|nhl|mlb|world cup|davis cup|ryder cup|fed cup|athletes?|"
    r"sprint(?:er)?|marathon|boxing|boxer|rally driver|formula one|f1|seeded|seed|champion|"
    r"title|victory over|win over|defeat(?:ed)?|beat|beats|swimmer|gymnast|relay|pitcher|"
    r"homer|touchdown|playoffs?|inning|wicket|batsman|bowler|ioc|paralympics?|skier|"
    r"ski(?:ing)?|cyclist|tour de france|world record|victory|win|wins|won|draw|drew|opener|"
    r"birdies?|bogeys?|par|under-par|leaderboard|(?:first|second|third|final|opening) round|"
    r"captain|skipper|batting|bowling|spinner|paceman|pace attack|test matches|grand slam|"
    r"racing|driver|clay court|grass court|fixtures?|friendly|qualifiers?|qualifying|"
    r"halftime|half-time|overtime|knockout|runner-up|rookie|veteran|coaches|manager)\b",
    re.I)
# A named tournament ("Madrid Open", "US Masters") or a fixture ("England v Zimbabwe").
SPORTS_NAMES = re.compile(r"\b(?:Open|Masters|Classic|Invitational|Test|Ashes|Grand Prix)\b"
                          r"|\b[A-Z][a-z]+ v\.? [A-Z][a-z]+")


def is_sports_story(document: str) -> bool:
    cues = len(SPORTS_WORDS.findall(document[:2000]))
    if SCORE.search(document[:2000]):
        cues += 2
    if SPORTS_NAMES.search(document[:2000]):
        cues += 2
    return cues >= 3
