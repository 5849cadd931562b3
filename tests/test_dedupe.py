"""The de-duplication check on its own: against a real Redis, and with Redis gone."""
from tests.test_feed_poller import dead_redis_client
from transforms.article import Article
from transforms.dedupe import SeenArticles, dedupe_keys
from transforms.recent_keys import RecentKeys


def article(n: int, title: str | None = None) -> Article:
    return Article(id=f"a{n}", title=title or f"Headline number {n} about nothing much", text="t")


def test_recent_keys_forget_the_oldest_past_their_size():
    keys = RecentKeys(3)
    assert [keys.add(k) for k in "abca"] == [True, True, True, False]
    assert keys.add("d") and len(keys) == 3          # "a" (the oldest) is forgotten
    assert keys.add("a") is True and len(keys) == 3  # ... so it is new again, and "b" goes
    assert keys.add("c") is False and keys.add("b") is True
    for n in range(1000):
        keys.add(f"k{n}")
    assert len(keys) == 3


def test_seen_articles_checks_redis_and_remembers_the_run(redis_client, key_prefix):
    seen = SeenArticles(redis_client, key_prefix)
    redis_client.set(dedupe_keys(article(1), key_prefix)[0], 1)   # seen by an earlier run
    assert seen.filter_new([article(1), article(2)]) == [article(2)]
    assert seen.filter_new([article(2), article(3)]) == [article(3)]  # a repeat within the run
    # Same headline, other id: the headline key catches it; a short headline is not matched on.
    assert seen.filter_new([article(4, title="Headline number 3 about nothing much")]) == []
    assert seen.filter_new([article(5, title="Short"), article(6, title="Short")]) == [
        article(5, title="Short"), article(6, title="Short")]
    assert redis_client.keys(f"{key_prefix}:seen:*") == [dedupe_keys(article(1), key_prefix)[0]]


def test_while_redis_is_down_a_repeat_within_the_run_is_dropped():
    seen = SeenArticles(dead_redis_client(decode=False), "down")
    assert seen.filter_new([article(1), article(2)]) == [article(1), article(2)]   # fails open
    assert seen.filter_new([article(1), article(3)]) == [article(3)]
    assert seen.filter_new([article(9, title="Headline number 2 about nothing much")]) == []


def test_the_memory_is_bounded_while_redis_is_down():
    seen = SeenArticles(dead_redis_client(decode=False), "down", memory=4)   # two keys per article
    assert seen.filter_new([article(1), article(2), article(3)]) == [article(1), article(2), article(3)]
    assert len(seen._memory) == 4
    assert seen.filter_new([article(1)]) == [article(1)]    # forgotten: the oldest keys went first
    assert seen.filter_new([article(1)]) == []
