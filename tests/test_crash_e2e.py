"""Nothing lost at a SIGKILL: the streaming job killed at random moments while a feed rotates.

The harness (tests/bench_crash.py, which also runs longer as a script) adds items
to a feed that shows its newest 20 while `dyadwatch run` is up, SIGKILLs the job
at random moments (half of them just after it fetched new items) and restarts it.
Every item that appeared while the job was up must be alerted on the stream, none
twice. This holds because an article is marked seen only once its alerts are in
Redis, and the first poll after a start ignores the stored ETag/Last-Modified.
"""
from tests.bench_crash import run_harness

KILLS = 6


def test_sigkill_at_random_moments_loses_and_duplicates_nothing(redis_url, key_prefix, tmp_path, capsys):
    figures = run_harness(redis_url, key_prefix, tmp_path, kills=KILLS, seed=None,
                          up_seconds=(0.5, 2.5), catch_up=40)
    with capsys.disabled():
        print(f"\n{figures}")
    assert figures.items >= KILLS
    assert (figures.lost, figures.duplicated, figures.unexpected) == (0, 0, 0), str(figures)
    assert figures.alerts == figures.items
