"""The coder's shortcuts change speed, never output: the early exit for items that name fewer
than two actors, and the cheap word test before a parse trigger's ordered match. Coded with and
without them, the seed, PLOVER dev and AG News dev give the same events. The fast forms of two
checks every article meets (joining wrapped lines, the sports check) give what the plain regular
expressions give."""
import csv
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, shared_data
from transforms.coder import context, tree_events
from transforms.coder.coder import ODD_SPACES, WRAPPED_LINE, join_wrapped_lines


def corpora():
    seed = REPO / "seeds" / "000_edd85cf211fc05cd.txt"
    title, _, text = seed.read_text(encoding="utf-8").partition("\n")
    yield "seed", [(text, title, None, None)]
    with shared_data("plover/gsr_dev.jsonl").open(encoding="utf-8") as handle:
        yield "plover", [(json.loads(line)["text"], "", None, None) for line in handle if line.strip()]
    with shared_data("agnews/test_dev.csv").open(encoding="utf-8") as handle:
        yield "agnews", [(row["description"].replace("\\", "\n"), row["title"], None, None)
                         for row in csv.DictReader(handle)]


def coded(coder, items):
    return [json.dumps(events, sort_keys=True) for events in coder.code_many(items)]


@pytest.mark.parametrize("name", ["seed", "plover", "agnews"])
def test_shortcuts_change_no_output(coder, monkeypatch, name):
    items = next(i for n, i in corpora() if n == name)
    fast = coded(coder, items)
    monkeypatch.setattr(coder, "_may_pair", lambda *args: True)          # no early exit
    monkeypatch.setattr(tree_events, "_may_match", lambda *args: True)   # every ordered match tried
    slow = coded(coder, items)
    assert sum(1 for events in fast if events != "[]") > 0
    assert fast == slow


# Fast forms of two checks every article passes through, against the plain regular expressions
# they replace: the same answer on any text.

@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \n\t.,!aZ1)*-•\"”", max_size=60))
def test_joining_wrapped_lines_is_the_regex_substitution(text):
    text = text.translate(ODD_SPACES)   # as collapse_spaces does first
    assert join_wrapped_lines(text) == WRAPPED_LINE.sub(" ", text)


def _sports_story_with_ignorecase(document):
    """The sports check as first written: the word lists matched case-insensitively."""
    head = document[:2000]
    sure = len(re.findall(context.SPORTS_WORDS.pattern, head, re.I))
    sure += 2 * bool(context.SCORE.search(head)) + 2 * bool(context.SPORTS_NAMES.search(head))
    shared = len({w.lower() for w in re.findall(context.SHARED_WORDS.pattern, head, re.I)})
    return sure >= 1 and sure + shared >= 3


SPORTY = ["Coach", "LEAGUE", "won", "Victory", "goals", "3-1", "Boxing Day", "boxing", "Madrid Open",
          "England v Zimbabwe", "World Cup", "the", "Minister", "talks", "272-219", "Season", "teams"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SPORTY), max_size=12), st.sampled_from([" ", ", ", ". ", "\n"]))
def test_sports_check_matches_its_case_insensitive_form(words, joiner):
    document = joiner.join(words)
    assert context.is_sports_story(document) == _sports_story_with_ignorecase(document)
