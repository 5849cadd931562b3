"""Stories through the real pipeline: one event reported by five outlets, replayed one outlet per
run (a fresh process each time), is one alert and four story updates; a subscriber with
--stories sees them; `history` counts the stories of the day."""
import json
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from connectors.redis_sink import stream_key

REPO = Path(__file__).resolve().parent.parent

PACT = [("Reuters", "France and Germany sign defence pact in Berlin",
         "France and Germany signed a defence pact in Berlin on Monday, pledging joint border patrols and shared air defence."),
        ("AP", "Germany and France sign defence pact",
         "Germany and France signed a defence pact in Berlin on Monday that sets up joint border patrols."),
        ("AFP", "France, Germany sign Berlin defence pact",
         "France signed a defence pact with Germany in Berlin, agreeing joint border patrols and air defence."),
        ("BBC", "Defence pact signed by France and Germany",
         "France and Germany signed a new defence pact in Berlin covering joint border patrols."),
        ("DW", "France and Germany sign pact on defence",
         "Germany signed a defence pact with France in Berlin on Monday, with joint border patrols.")]
FISHING = ("DW", "France and Germany sign fishing accord",
           "France and Germany signed an accord on North Sea fishing quotas in Brussels on Monday.")


def dyadwatch(*args, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, capture_output=True,
                          timeout=timeout)


def write_article(path: Path, n: int, feed: str, title: str, text: str) -> Path:
    record = {"id": f"{feed}-{n}", "feed": feed, "url": f"https://{feed.lower()}.example/{n}", "title": title,
              "text": text}
    path.write_text(json.dumps(record) + "\n")
    return path


def test_five_outlets_one_alert_four_updates_then_history(redis_url, redis_client, key_prefix, tmp_path):
    files = [write_article(tmp_path / f"{n}.jsonl", n, *item) for n, item in enumerate(PACT + [FISHING])]
    common = ["--redis-url", redis_url, "--key-prefix", key_prefix, "--spill-file", str(tmp_path / "spill"),
              "--metrics-port", "0"]
    subscriber = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "subscribe", "--redis-url", redis_url, "--key-prefix", key_prefix,
         "--pair", "DEU", "FRA", "--stories", "--json"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(3)   # let it subscribe
        outputs = []
        for path in files:   # one run per outlet: every run is a fresh process, the state is in Redis
            result = dyadwatch("replay", str(path), *common)
            assert result.returncode == 0, result.stderr.decode()
            outputs.append(result.stdout.decode())
        again = dyadwatch("replay", *map(str, files), *common)   # everything once more: nothing new
        assert again.returncode == 0, again.stderr.decode()
        time.sleep(1)
    finally:
        subscriber.terminate()
        out, _ = subscriber.communicate(timeout=10)
    assert "1 new alert(s) published (0 more report(s)" in outputs[0]
    assert all("0 new alert(s) published (1 more report(s)" in text for text in outputs[1:5])
    assert "1 new alert(s) published (0 more" in outputs[5]   # another event: its own story
    assert "0 new alert(s) published (0 more" in again.stdout.decode()

    records = [(kind, json.loads(body)) for _, fields in redis_client.xrange(stream_key(key_prefix))
               for kind, body in fields.items()]
    assert [kind for kind, _ in records] == ["alert", "story", "story", "story", "story", "alert"]
    first_alert = records[0][1]
    updates = [body for kind, body in records if kind == "story"]
    assert [u["num_sources"] for u in updates] == [2, 3, 4, 5]
    assert {u["story_id"] for u in updates} == {first_alert["id"]}
    assert [s["feed"] for s in updates[-1]["sources"]] == [feed for feed, _, _ in PACT]

    received = [json.loads(line) for line in out.decode().splitlines()]
    assert [r.get("kind", "alert") for r in received] == ["alert", "story", "story", "story", "story", "alert"]

    history = dyadwatch("history", "--pair", "FRA", "DEU", "--days", "2", "--json", "--redis-url", redis_url,
                        "--key-prefix", key_prefix)
    assert history.returncode == 0, history.stderr.decode()
    today = json.loads(history.stdout)["days"][-1]
    alerts = [body for kind, body in records if kind == "alert"]
    assert today["day"] == datetime.now(timezone.utc).strftime("%Y-%m-%d")
    assert today["total"] == len(alerts) == 2
    assert today["goldstein"] == sum(a["goldstein"] for a in alerts)
    by_quad = {q: sum(1 for a in alerts if a["quad_class"] == q) for q in (1, 2, 3, 4)}
    assert [today[name] for name in ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                                     "material_conflict")] == [by_quad[q] for q in (1, 2, 3, 4)]
    text = dyadwatch("history", "--pair", "FRA", "DEU", "--days", "2", "--redis-url", redis_url,
                     "--key-prefix", key_prefix).stdout.decode()
    assert "DEU-FRA" in text and "max 2/day, 2 in 2 days" in text


def test_no_stories_publishes_every_report(redis_url, redis_client, key_prefix, tmp_path):
    path = tmp_path / "all.jsonl"
    path.write_text("".join(write_article(tmp_path / f"{n}.x", n, *item).read_text() for n, item in enumerate(PACT)))
    result = dyadwatch("replay", str(path), "--redis-url", redis_url, "--key-prefix", key_prefix,
                       "--spill-file", str(tmp_path / "spill"), "--metrics-port", "0", "--no-stories")
    assert result.returncode == 0, result.stderr.decode()
    assert "5 new alert(s) published," in result.stdout.decode()
    assert redis_client.xlen(stream_key(key_prefix)) == 5


# -- surge settings as options -------------------------------------------------------------------

BURST = [("Russian troops shell Ukrainian village",
          "Russian troops shelled the Ukrainian village of Hrakove on Tuesday, destroying a school."),
         ("Russia bombs port of Odesa",
          "Russian aircraft bombed Ukraine's port of Odesa overnight, setting grain silos on fire."),
         ("Kyiv says Moscow fired missiles at power plant",
          "Russia fired cruise missiles at a Ukrainian power plant near Lviv, cutting electricity to thousands.")]


def surge_records(client, prefix):
    return [json.loads(fields["surge"]) for _, fields in client.xrange(stream_key(prefix)) if "surge" in fields]


def test_surge_options_change_what_replay_raises(redis_url, redis_client, key_prefix, tmp_path):
    """Three RUS-UKR attacks told in different words, undated (one hour): three stories, a surge by
    default (3 events where a pair never seen expects 1 a day); --surge-min-count 4 raises none, and
    --surge-floor 48 (two events an hour expected) makes 3 events probable enough."""
    path = tmp_path / "burst.jsonl"
    path.write_text("".join(json.dumps({"id": f"burst-{n}", "title": title, "text": text}) + "\n"
                            for n, (title, text) in enumerate(BURST)))
    raised = {}
    for name, extra in (("default", []), ("min4", ["--surge-min-count", "4"]), ("floor48", ["--surge-floor", "48"])):
        prefix = f"{key_prefix}-{name}"
        try:
            result = dyadwatch("replay", str(path), "--redis-url", redis_url, "--key-prefix", prefix,
                               "--spill-file", str(tmp_path / f"spill-{name}"), "--metrics-port", "0", *extra)
            assert result.returncode == 0, result.stderr.decode()
            assert "3 new alert(s) published (0 more report(s)" in result.stdout.decode()
            raised[name] = surge_records(redis_client, prefix)
        finally:
            for key in redis_client.scan_iter(f"{prefix}:*"):
                redis_client.delete(key)
    assert len(raised["default"]) == 1
    surge = raised["default"][0]
    assert surge["pair"] == ["RUS", "UKR"] and surge["quad_class"] == 4 and surge["count"] == 3
    assert surge["expected"] == pytest.approx(1 / 24) and surge["threshold"] == 0.001
    assert raised["min4"] == [] and raised["floor48"] == []


@pytest.mark.parametrize("flag, value, message", [
    ("--surge-probability", "0", "--surge-probability must be above 0 and below 1, not 0.0"),
    ("--surge-probability", "1", "--surge-probability must be above 0 and below 1, not 1.0"),
    ("--surge-probability", "nan", "--surge-probability must be above 0 and below 1, not nan"),
    ("--surge-min-count", "0", "--surge-min-count must be at least 1, not 0"),
    ("--surge-baseline-days", "0", "--surge-baseline-days must be between 1 and 30, not 0"),
    ("--surge-baseline-days", "31", "--surge-baseline-days must be between 1 and 30, not 31"),
    ("--surge-floor", "0", "--surge-floor must be a positive number of events a day, not 0.0"),
    ("--surge-floor", "inf", "--surge-floor must be a positive number of events a day, not inf"),
    ("--surge-calm", "0", "--surge-calm must be between 1 and 604800 seconds, not 0"),
])
def test_bad_surge_options_are_refused(flag, value, message):
    import argparse

    from pipeline.arguments import add_arguments, check_options

    parser = argparse.ArgumentParser()
    add_arguments(parser, streaming=False)
    with pytest.raises(ValueError) as refused:
        check_options(parser.parse_args([flag, value]))
    assert str(refused.value) == message


def test_a_bad_surge_option_is_one_line_and_status_2():
    result = dyadwatch("replay", "seeds", "--redis-url", "redis://127.0.0.1:1/0", "--surge-min-count", "-2",
                       timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode().strip().splitlines()[-1].endswith("--surge-min-count must be at least 1, not -2")
    assert "Traceback" not in result.stderr.decode()
