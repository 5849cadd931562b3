"""The coder's shortcuts change speed, never output: the early exit for items that name fewer
than two actors, and the cheap word test before a parse trigger's ordered match. Coded with and
without them, the seed, PLOVER dev and AG News dev give the same events."""
import csv
import json

import pytest

from tests.conftest import REPO, shared_data
from transforms.coder import tree_events


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
