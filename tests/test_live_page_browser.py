"""The live page in real headless Chromium, over real dyadwatch processes and a real Redis.

Screenshots go to the test's tmp dir (printed with -s). The page is driven over the DevTools
protocol (tests/chromium.py); the tests skip only when Debian's chromium is absent.
"""
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from connectors.embedded_redis import EmbeddedRedis, free_port
from connectors.redis_sink import RedisAlertWriter, stream_key
from tests.chromium import Chromium, require_chromium
from tests.feed_server import FeedServer, rss
from tests.pipeline_process import REPO, PipelineProcess, write_feeds_yaml

pytestmark = pytest.mark.timeout(600)

CARDS = ("[...document.querySelectorAll('#alerts .alert')].map(li => ({id: li.dataset.id, sid: li.dataset.streamId, "
         "event: li.dataset.event, pairs: li.dataset.pair.split(' '), text: li.textContent}))")


@pytest.fixture(scope="module")
def chromium_ok():
    require_chromium()


@pytest.fixture
def browser(chromium_ok, tmp_path):
    with Chromium(tmp_path) as chromium:
        yield chromium


def cards(browser) -> list[dict]:
    return browser.evaluate(CARDS)


def wait_for_page(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError(f"no live page at {url} after {timeout} s") from None
            time.sleep(0.3)


# -- dyadwatch demo on the seed feed -------------------------------------------

class Demo:
    """``dyadwatch demo`` over a copy of seeds/ (so a test can append to its feed), on the tests' Redis."""

    def __init__(self, tmp, redis_url: str, prefix: str):
        self.seeds = tmp / "seeds"
        shutil.copytree(REPO / "seeds", self.seeds)
        self.page_port = free_port()
        self.log = open(tmp / "demo.log", "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", "demo", "--seeds", str(self.seeds), "--redis-url", redis_url,
             "--key-prefix", prefix, "--metrics-port", "0", "--page-port", str(self.page_port), "--interval", "1",
             "--spill-file", str(tmp / "spill.jsonl")],
            cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.url = f"http://127.0.0.1:{self.page_port}/"

    def append_item(self, title: str, guid: str, description: str) -> None:
        feed = self.seeds / "demo_world.xml"
        item = (f"<item><title>{title}</title><link>https://demo.dyadwatch.invalid/{guid}</link>"
                f"<guid isPermaLink=\"false\">{guid}</guid><description>{description}</description></item>\n")
        feed.write_text(feed.read_text(encoding="utf-8").replace("</channel>", item + "</channel>"), encoding="utf-8")

    def stop(self) -> None:
        self.proc.send_signal(2)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


@pytest.fixture(scope="module")
def demo(chromium_ok, tmp_path_factory, redis_url):
    import uuid

    import redis

    prefix = f"dwtest-page-{uuid.uuid4().hex[:10]}"
    running = Demo(tmp_path_factory.mktemp("demo"), redis_url, prefix)
    try:
        wait_for_page(running.url)
        yield running
    finally:
        running.stop()
        client = redis.Redis.from_url(redis_url)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def test_seed_alert_appears_live_then_country_filter_and_pair_click(demo, browser, tmp_path):
    browser.open(demo.url)
    browser.evaluate("window.__sameDocument = true")
    seed = browser.wait_for(f"{CARDS}.find(c => c.event === 'CONSULT' && c.pairs.includes('CAN-RUS'))",
                            timeout=180, what="the CAN-RUS CONSULT alert")
    assert browser.evaluate("window.__sameDocument") is True, "the page reloaded"
    for text in ("CONSULT", "third-party", "Canada", "CAN", "Russia", "RUS", "in Laos", "0.99",
                 "Canada meets Russian foreign minister for first time in years"):
        assert text in seed["text"]
    card = f"document.querySelector('#alerts .alert[data-id=\"{seed['id']}\"]')"
    assert browser.evaluate(f"{card}.querySelector('.headline a').href") == \
        "https://demo.dyadwatch.invalid/world/canada-russia-dion-lavrov-laos"
    marks = browser.evaluate(f"[...{card}.querySelectorAll('mark')].map(m => [m.className, m.textContent])")
    assert ["hl-trigger", "sitting down with"] in marks
    assert ["hl-source", "Foreign Affairs Minister Stéphane Dion"] in marks
    assert ["hl-target", "Russian counterpart Sergey Lavrov"] in marks
    browser.wait_for("document.querySelector('#feeds tbody tr') && "
                     "document.querySelector('#t-latency .value').textContent !== '—'", timeout=30,
                     what="feed health and latency")
    print("screenshot:", browser.screenshot(tmp_path / "live-page-seed.png"))

    # A country filter: only Japan's alerts, kept in the URL.
    browser.evaluate("(s => { s.value = 'JPN'; s.dispatchEvent(new Event('change')); })(document.getElementById('f-country'))")
    browser.wait_for("location.search === '?country=JPN'", timeout=10)
    shown = browser.wait_for(f"(cs => cs.length && cs)({CARDS})", timeout=10)
    assert all("JPN-KOR" in c["pairs"] for c in shown), shown
    print("screenshot:", browser.screenshot(tmp_path / "live-page-country.png"))

    # Clear it, then a click on the CAN-RUS cell of the matrix filters to that pair.
    browser.evaluate("document.getElementById('f-clear').click()")
    browser.wait_for("location.search === ''", timeout=10)
    browser.evaluate("document.querySelector('#matrix td[data-pair=\"CAN-RUS\"]').click()")
    browser.wait_for("location.search === '?pair=CAN-RUS'", timeout=10)
    shown = cards(browser)
    assert len(shown) >= 2 and all("CAN-RUS" in c["pairs"] for c in shown), shown
    assert {"CONSULT", "DISAPPROVE"} <= {c["event"] for c in shown}
    assert browser.evaluate("document.querySelector('#matrix td.selected').dataset.pair") == "CAN-RUS"
    assert browser.evaluate("document.getElementById('f-pair').hidden") is False
    print("screenshot:", browser.screenshot(tmp_path / "live-page-pair.png"))

    # The URL is the view: opened afresh, it shows the same filter.
    browser.open(demo.url + "?country=fra")
    shown = browser.wait_for(f"(cs => cs.length && cs)({CARDS})", timeout=30)
    assert all(any("FRA" in pair.split("-") for pair in c["pairs"]) for c in shown), shown
    assert browser.evaluate("document.getElementById('f-country').value") == "FRA"


def test_item_appended_to_the_feed_appears_without_reload(demo, browser):
    browser.open(demo.url)
    browser.wait_for(f"{CARDS}.some(c => c.pairs.includes('CAN-RUS'))", timeout=180)
    browser.evaluate("window.__sameDocument = true")
    before = len(cards(browser))
    demo.append_item("France and Germany sign a defence pact", "live-france-germany",
                     "France and Germany signed a defence pact on Monday, officials said.")
    fresh = browser.wait_for(f"{CARDS}.find(c => c.pairs.includes('DEU-FRA'))", timeout=60,
                             what="the appended France-Germany item")
    assert "France and Germany sign a defence pact" in fresh["text"]
    assert browser.evaluate("window.__sameDocument") is True, "the page reloaded"
    assert len(cards(browser)) > before
    assert browser.evaluate("window.dyadwatchPage.repeated") == 0


# -- restarts under the open page ---------------------------------------------------

def pact(i: int, a: str, b: str) -> dict:
    return {"title": f"{a} and {b} sign a trade agreement", "link": f"http://news.test/pact/{i}", "guid": f"pact-{i}",
            "pubDate": 1_700_000_000 + i, "description": f"{a} and {b} signed a trade agreement on Monday, officials said."}


def test_page_catches_up_after_redis_and_dyadwatch_restart_without_duplicates(browser, tmp_path):
    items = [pact(0, "Canada", "Mexico"), pact(1, "Japan", "India"), pact(2, "Brazil", "Chile")]
    redis_server = EmbeddedRedis(appendonly=True).start()
    client = redis_server_client(redis_server)
    page_port = free_port()
    page_url = f"http://127.0.0.1:{page_port}/"

    def page_matches_stream(count: int) -> str:
        return (f"(p => p.alerts.length === {count} && p.received === {count} && p.repeated === 0 && "
                f"document.querySelectorAll('#alerts .alert').length === {count})(window.dyadwatchPage)")

    with FeedServer() as feeds_server:
        feeds_server.set("/world.xml", rss(items[:1]))
        feeds = write_feeds_yaml(tmp_path / "feeds.yaml", [{"name": "World", "url": feeds_server.url("/world.xml"),
                                                            "interval": 0.5}])

        def start_job():
            return PipelineProcess(feeds, redis_server.url, "pagetest", tmp_path / "spill.jsonl",
                                   "--page-port", str(page_port)).start()

        job = start_job()
        try:
            wait_for_page(page_url)
            browser.open(page_url)
            browser.evaluate("window.__sameDocument = true")
            browser.wait_for(page_matches_stream(1), timeout=180, what="the first alert")
            first = client.xlen(stream_key("pagetest"))
            assert first == 1

            # Redis dies under the page; an alert waits in the job; Redis comes back with its data.
            redis_server.kill()
            browser.wait_for("document.body.dataset.connection === 'redis-down'", timeout=30,
                             what="the page saying Redis is down")
            feeds_server.set("/world.xml", rss(items[:2]))
            job.wait_for_metric("dyadwatch_alerts_pending", 1, timeout=60)
            redis_server.start()
            browser.wait_for(page_matches_stream(2), timeout=90, what="the alert published after Redis came back")
            browser.wait_for("document.body.dataset.connection === 'live'", timeout=30)
            assert client.xlen(stream_key("pagetest")) == 2
            print("screenshot:", browser.screenshot(tmp_path / "after-redis-restart.png"))

            # dyadwatch itself restarts (page server included); the page reconnects and resumes.
            assert job.stop() == 0
            browser.wait_for("document.body.dataset.connection === 'reconnecting'", timeout=30)
            feeds_server.set("/world.xml", rss(items))
            job = start_job()
            browser.wait_for(page_matches_stream(3), timeout=180, what="the alert after dyadwatch restarted")
            assert client.xlen(stream_key("pagetest")) == 3
            assert browser.evaluate("window.__sameDocument") is True, "the page reloaded"
            shown = cards(browser)
            assert len({c["id"] for c in shown}) == 3
            assert sorted(c["sid"] for c in shown) == sorted(sid for sid, _ in client.xrange(stream_key("pagetest")))
        finally:
            job.stop()
            redis_server.stop()


def redis_server_client(server):
    import redis

    return redis.Redis.from_url(server.url, decode_responses=True)


# -- hostile text -------------------------------------------------------------------

def test_markup_in_alerts_is_shown_as_text_and_runs_nothing(browser, redis_url, key_prefix, tmp_path):
    title = "<script>window.__pwned = 'title'</script>Talks <img src=x onerror=\"window.__pwned = 'img'\">"
    sentence = "<b>France</b> met <img src=x onerror=\"window.__pwned='evidence'\"> Iran <script>window.__pwned=1</script>"
    trigger_at = sentence.index("met")
    hostile = {
        "id": "hostile0001", "event": "CONSULT", "mode": "<i onmouseover=\"window.__pwned='mode'\">x</i>",
        "quad_class": 1, "confidence": 0.9, "cameo": "04", "goldstein": 1.0,
        "source": [{"actorText": "<script>window.__pwned='actor'</script>", "code": "FRA", "sector": "GOV"}],
        "target": [{"actorText": "Iran", "code": "IRN", "sector": "GOV"}],
        "title": title, "url": "javascript:window.__pwned='url'", "feed": "<svg onload=\"window.__pwned='feed'\">",
        "eventLoc": {"name": "<img src=y onerror=\"window.__pwned='loc'\">", "code": "CHE"},
        "text": sentence, "fetched_at": "2026-01-01T00:00:00.000Z",
        "evidence": {"sentence": sentence, "trigger_span": {"text": "met", "start": trigger_at, "end": trigger_at + 3},
                     "actor_spans": [{"text": "<b>France</b>", "code": "FRA", "role": "source", "start": 0, "end": 13}]},
    }
    linked = dict(hostile, id="hostile0002", url="https://news.test/a?b=<script>",
                  title="<img src=z onerror=\"window.__pwned='linked'\">Linked headline")
    RedisAlertWriter(redis_url, key_prefix).write([hostile])
    page_port = free_port()
    log = open(tmp_path / "dashboard.log", "wb")
    dashboard = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "dashboard", "--redis-url", redis_url,
                                  "--key-prefix", key_prefix, "--page-port", str(page_port)],
                                 cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{page_port}/"
        wait_for_page(url)
        browser.open(url)
        browser.wait_for(f"{CARDS}.length === 1", timeout=60, what="the hostile alert from history")
        RedisAlertWriter(redis_url, key_prefix).write([linked])   # and one live
        browser.wait_for(f"{CARDS}.length === 2", timeout=60, what="the hostile alert published live")
        time.sleep(1)   # let any onerror that could fire, fire
        shown = {c["id"]: c["text"] for c in cards(browser)}
        assert browser.evaluate("document.querySelector('[data-id=\"hostile0001\"] .country').title") == \
            "<script>window.__pwned='actor'</script>"   # the actor's own words, as a tooltip
        for fragment in (title, sentence, "<svg onload=",
                         "<i onmouseover=", "in <img src=y onerror="):
            assert fragment in shown["hostile0001"], fragment
        assert "<img src=z onerror=\"window.__pwned='linked'\">Linked headline" in shown["hostile0002"]
        assert browser.evaluate("typeof window.__pwned") == "undefined"
        assert browser.evaluate("document.querySelectorAll('#alerts script, #alerts img, #alerts svg, #alerts i, "
                                "#alerts b, #alerts [onerror], #alerts [onload], #alerts [onmouseover]').length") == 0
        # javascript: is never a link; the https URL is, with its text intact.
        assert browser.evaluate("document.querySelector('[data-id=\"hostile0001\"] .headline a')") is None
        assert browser.evaluate("document.querySelector('[data-id=\"hostile0002\"] .headline a').href") == \
            "https://news.test/a?b=%3Cscript%3E"
        marks = browser.evaluate("[...document.querySelectorAll('[data-id=\"hostile0001\"] mark')].map(m => m.textContent)")
        assert marks == ["<b>France</b>", "met"]
        print("screenshot:", browser.screenshot(tmp_path / "hostile.png"))
    finally:
        dashboard.terminate()
        dashboard.wait(30)
        log.close()
    assert dashboard.returncode == 0, (tmp_path / "dashboard.log").read_text()
    assert not re.search("Traceback", (tmp_path / "dashboard.log").read_text())
