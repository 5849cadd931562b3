"""Hostile feeds cost that feed a back-off and a metric, never the pipeline.

One `dyadwatch run` polls a healthy feed alongside a local server playing every
hostile behaviour; an article added to the healthy feed must still alert, and
each bad feed's poll outcome must say what happened.
"""
import html
import json
import re
import time
from pathlib import Path

from connectors.embedded_redis import free_port
from tests.feed_server import UNRESOLVABLE_URL, FeedServer, rss
from tests.pipeline_process import PipelineProcess, write_feeds_yaml

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_edd85cf211fc05cd.txt"
QUIET = {"title": "Markets steady", "link": "http://news.test/markets", "description": "Shares were flat."}
FUTURE = 4_102_444_800   # 2100-01-01


def hostile_routes(server: FeedServer) -> dict[str, str]:
    """feed name → path, each path set to misbehave; returns what the feeds.yaml names."""
    server.set_huge("/huge.xml", 20 * 1024 * 1024)
    server.set_gzip_bomb("/bomb.xml", 200 * 1024 * 1024)
    server.set("/drip.xml", rss([QUIET]), drip=1.0)
    server.set_redirect("/loop-a.xml", "/loop-b.xml")
    server.set_redirect("/loop-b.xml", "/loop-a.xml")
    server.set("/unavailable.xml", b"busy", status=503, headers={"Retry-After": "120"})
    server.set("/gone.xml", b"not here", status=404)
    server.set("/malformed.xml", rss([{"title": "Japan and South Korea agree to resume security talks",
                                       "link": "http://news.test/jk", "description":
                                       "Japan and South Korea agreed on Monday to resume security talks."}])
               .replace(b"</channel></rss>", b"<item><title>cut off & broken"))
    server.set("/charset.xml", rss([QUIET]), content_type="text/xml; charset=utf-16")
    server.set("/many.xml", rss([{"title": f"Filler {i}", "link": f"http://news.test/f/{i}",
                                  "description": "Nothing of note happened."} for i in range(10_000)]))
    server.set("/script.xml", rss([{"title": "An ordinary day", "link": "http://news.test/script",
                                    "description": "<p>Quiet.</p><script>France attacked Germany.</script>"}]))
    server.set("/bare.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                            b"<item><description>Weather was mild.</description></item>"
                            b"<item></item></channel></rss>")
    server.set("/dupes.xml", rss([dict(QUIET, guid="same"), dict(QUIET, guid="same", title="Markets again")]))
    server.set("/future.xml", rss([{"title": "France condemns Iran over detention of aid worker",
                                    "link": "http://news.test/future", "pubDate": FUTURE, "description":
                                    "France condemned Iran on Monday for detaining a French aid worker."}]))
    # A title that makes Python's HTML parser raise, and markup escaped twice (rss() escapes once more).
    server.set("/poison.xml", rss([{"title": "<![foo bar]>", "link": "http://news.test/poison", "description": "x"},
                                   {"title": "&lt;script&gt;alert(1)&lt;/script&gt; Bulletin",
                                    "link": "http://news.test/xss", "description":
                                    "&lt;img src=x onerror=alert(3)&gt; Japan and China agreed on Monday "
                                    "to resume security talks."}]))   # not the malformed feed's event: a story
                                                                      # would take it as an update, not an alert
    paths = ["huge", "bomb", "drip", "loop-a", "unavailable", "gone", "malformed", "charset", "many",
             "script", "bare", "dupes", "future", "poison"]
    feeds = {name: server.url(f"/{name}.xml") for name in paths}
    feeds["refused"] = f"http://127.0.0.1:{free_port()}/feed.xml"
    feeds["no-dns"] = UNRESOLVABLE_URL
    return feeds


EXPECTED_OUTCOMES = {
    "huge": "too_large", "bomb": "too_large", "drip": "timeout", "loop-a": "redirect_loop",
    "unavailable": "http_error", "gone": "http_error", "refused": "connection_error", "no-dns": "dns_error",
    "malformed": "ok", "charset": "ok", "many": "ok", "script": "ok", "bare": "ok", "dupes": "ok", "future": "ok",
    "poison": "ok",
}


def test_hostile_feeds_do_not_stop_a_healthy_one(redis_url, redis_client, key_prefix, tmp_path):
    with FeedServer() as server:
        server.set("/world.xml", rss([QUIET]))
        feeds = hostile_routes(server)
        listed = [{"name": "healthy", "url": server.url("/world.xml"), "interval": 1}]
        listed += [{"name": name, "url": url, "interval": 1} for name, url in feeds.items()]
        pubsub = redis_client.pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe(f"{key_prefix}:alerts")
        job = PipelineProcess(write_feeds_yaml(tmp_path / "feeds.yaml", listed), redis_url, key_prefix,
                              tmp_path / "spill.jsonl", "--fetch-timeout", "3").start()
        try:
            job.wait_for_metric('dyadwatch_feed_polls_total{feed="healthy"', 2, timeout=90)
            title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
            server.set("/world.xml", rss([{"title": title.strip(), "link": "http://news.test/seed",
                                           "content": body.strip()}, QUIET]))
            alerts, deadline = [], time.monotonic() + 30
            while time.monotonic() < deadline and not any(a["feed"] == "healthy" for a in alerts):
                message = pubsub.get_message(timeout=0.2)
                if message:
                    alerts.append(json.loads(message["data"]))
            # Let the slow ones report too (drip: the 3 s timeout; many: parsing 10,000 entries).
            for slow in ("drip", "many"):
                job.wait_for_metric(f'dyadwatch_feed_polls_total{{feed="{slow}"', 1, timeout=60)
            samples = job.metrics()
            while message := pubsub.get_message(timeout=0.5):
                alerts.append(json.loads(message["data"]))
        finally:
            status = job.stop()
        pubsub.close()

    healthy = [a for a in alerts if a["feed"] == "healthy"]
    assert any(a["event"] == "CONSULT" for a in healthy), f"no alert from the healthy feed\n{job.output()}"
    outcomes = {name: {key.split('outcome="')[1].rstrip('"}') for key, value in samples.items()
                       if key.startswith(f'dyadwatch_feed_polls_total{{feed="{name}"') and value > 0}
                for name in EXPECTED_OUTCOMES}
    for name, outcome in EXPECTED_OUTCOMES.items():
        assert outcome in outcomes[name], f"{name}: outcomes {outcomes[name]}, expected {outcome}"
    # The failing feeds are backing off, not hammered: after the first failure, polls are skipped.
    assert "skipped_backoff" in outcomes["unavailable"]
    # Script content was dropped, never coded (it would have been FRA→DEU ASSAULT).
    assert not any({"FRA", "DEU"} <= {x["code"] for x in a["source"] + a["target"]} for a in alerts)
    # Malformed XML: what feedparser recovered is still coded. Future dates are clamped to now.
    assert any(a["feed"] == "malformed" and a["event"] == "AGREE" for a in alerts)
    future = [a for a in alerts if a["feed"] == "future"]
    assert future and all(a["published"][:19] <= a["detected_at"][:19] for a in future)
    # The poison items cost nothing but themselves, and what they alert is plain text.
    poison = [a for a in alerts if a["feed"] == "poison"]
    assert poison and all(not re.search(r"<[/!?]?[A-Za-z!?]", html.unescape(html.unescape(a[field])))
                          for a in poison for field in ("title", "text"))
    # The 10,000-entry feed cost one poll its newest 1,000 entries.
    assert samples['dyadwatch_feed_entries_total{feed="many"}'] == 1000
    assert status == 0, job.output()
