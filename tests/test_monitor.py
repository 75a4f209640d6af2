"""The monitor end to end against real servers on 127.0.0.1: the demo newsroom, a webhook
receiver and an SMTP server. Tests check what arrives, not what was called."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import hmac
import json
import zlib
from datetime import timedelta

import feedparser
import pytest

from storywire.demo.newsroom import Newsroom, load_pages
from storywire.model import utcnow
from storywire.monitor import DeliveryOptions, Monitor, MonitorOptions
from storywire.pipeline import Pipeline
from storywire.sources import AddressPolicy, FetchOptions, PollOptions
from storywire.store import open_store
from storywire.watch import (
    SIGNATURE_HEADER,
    AlertOptions,
    SmtpOptions,
    WebhookOptions,
    parse_query,
    story_key,
)

from servers import LocalServer, Reply, SmtpSink

LOOPBACK = AddressPolicy(allow_loopback=True)
SECRET = "s3cret"
QUAKE = 'quake OR earthquake OR séisme OR "la terre a tremblé"'


class Clock:
    """A clock the test moves forward (poll intervals, retries and update periods)."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def monitor_options(smtp_port: int | None = None, **changes) -> MonitorOptions:
    delivery = changes.pop("delivery", None) or DeliveryOptions(
        attempts=3, backoff=60, factor=4,
        webhook=WebhookOptions(secret=SECRET, addresses=LOOPBACK),
        smtp=SmtpOptions(host="127.0.0.1", port=smtp_port or 1, sender="sw@test.example"))
    base = {"fetch": FetchOptions(addresses=LOOPBACK, per_host_interval=0.0,
                                  per_host_concurrency=8),
            "poll": PollOptions(first_interval=60, min_interval=60, max_interval=600),
            "alerts": AlertOptions(update_period=3600), "delivery": delivery}
    return MonitorOptions(**{**base, **changes})


def cycle(monitor: Monitor):
    return asyncio.run(monitor.cycle())


def webhook_receiver(status: int = 200) -> LocalServer:
    return LocalServer({"/hook": lambda r: Reply(status, b"ok")})


@pytest.fixture(scope="module")
def pages():
    return load_pages()


def quake_pages(pages):
    return [s for s in pages if any(w in s.title.lower() for w in ("quake", "séisme",
                                                                     "terre"))]


def test_a_cycle_alerts_once_per_story_on_every_target(db_location, tmp_path, pages):
    atom = tmp_path / "alerts.atom"
    with Newsroom(pages=pages) as room, webhook_receiver() as hook, SmtpSink() as smtp, \
            open_store(db_location) as store:
        for url in room.feed_urls():
            store.add_source(url, "feed", None, None, 60)
        store.add_watch("quakes", QUAKE, [f"atom:{atom}", f"webhook:{hook.url('/hook')}",
                                          "email:desk@test.example"])
        clock = Clock()
        monitor = Monitor(store, options=monitor_options(smtp.port), clock=clock)
        report = cycle(monitor)

        # Every page of the newsroom became an article, with its HTTP facts kept.
        assert report.errors == []
        assert (report.polled, report.fetched, report.added) == (10, 66, 66)
        assert store.count_articles() == 66
        article = store.list_articles()[0]
        capture = store.get_capture(article.capture_sha256)
        assert capture.meta["http_status"] == 200 and capture.url.startswith(room.base_url)
        assert capture.meta["source"] in room.feed_urls()

        # One alert per story, the same on each target.
        posts = [r for r in hook.requests if r.path == "/hook"]
        query = parse_query(QUAKE)
        matched = [a for a in store.iter_articles() if query.matches(a)]
        stories = {story_key(a) for a in matched}
        # The two earthquakes, and the dock strike whose report mentions the first quake.
        assert len(posts) == report.alerts == len(smtp.messages) == len(stories) >= 2
        assert len(matched) > len(stories)  # reports and copies folded into stories
        bodies = []
        for post in posts:
            expected = "sha256=" + hmac.new(SECRET.encode(), post.body,
                                            hashlib.sha256).hexdigest()
            assert post.headers[SIGNATURE_HEADER.lower()] == expected
            bodies.append(json.loads(post.body))
        assert len({b["story"] for b in bodies}) == len(bodies)
        assert {b["kind"] for b in bodies} == {"new"}
        for body in bodies:
            assert body["headline"] and body["outlets"] and body["link"].startswith("http")
            assert body["first_report"]["outlet"] in body["outlets"]
        kessel = max(bodies, key=lambda b: len(b["outlets"]))
        assert len(kessel["outlets"]) >= 3  # copies folded into one story, not 3 alerts

        message = smtp.messages[0]
        assert message["Message-ID"].startswith(f"<storywire-alert-{bodies[0]['id']}-")
        assert message["To"] == "desk@test.example" and message["Subject"].startswith(
            "[quakes] New story: ")
        kinds = [part.get_content_type() for part in message.walk()]
        assert "text/plain" in kinds and "text/html" in kinds
        text = message.get_body(("plain",)).get_content()
        assert "Outlets" in text and "First report" in text

        feed = feedparser.parse(atom.read_bytes())
        assert feed.version == "atom10" and not feed.bozo
        assert len(feed.entries) == len(posts)
        assert {e.link for e in feed.entries} == {b["link"] for b in bodies}

        # Next cycle, once the feeds are due again: 304s, nothing new, nothing resent.
        clock.advance(minutes=2)
        again = cycle(monitor)
        assert again.polled == 10 and again.not_modified == 10
        assert (again.fetched, again.alerts, again.delivered) == (0, 0, 0)
        assert len([r for r in hook.requests if r.path == "/hook"]) == len(posts)


def test_a_restart_neither_loses_nor_repeats_alerts(db_location, pages):
    """Killed after the alerts were recorded but before they were sent: the next process
    sends each exactly once, and the one after sends nothing."""
    db = db_location
    with Newsroom(pages=quake_pages(pages)) as room, webhook_receiver() as hook:
        with open_store(db) as store:
            for url in room.feed_urls():
                store.add_source(url, "feed", None, None, 60)
            store.add_watch("quakes", QUAKE, [f"webhook:{hook.url('/hook')}"])
            monitor = Monitor(store, options=monitor_options())
            from storywire.monitor import CycleReport

            report = CycleReport()

            async def until_alerts():
                from storywire.sources import Fetcher
                async with Fetcher(monitor.options.fetch) as fetcher:
                    await monitor.poll_sources(fetcher, report)
                    monitor.ingest((await monitor.fetch_pages(fetcher, report))[1], report)
                monitor.evaluate_watches(report)

            asyncio.run(until_alerts())  # ... and the process dies here
            assert report.alerts > 0 and hook.requests == []
            alerts = report.alerts
        with open_store(db) as store:
            cycle(Monitor(store, options=monitor_options()))
            assert len(hook.requests) == alerts
        with open_store(db) as store:
            cycle(Monitor(store, options=monitor_options()))
        assert len(hook.requests) == alerts
        assert len({json.loads(r.body)["id"] for r in hook.requests}) == alerts


def test_pages_found_but_not_fetched_are_fetched_after_a_restart(db_location, pages):
    db = db_location
    subset = quake_pages(pages)
    with Newsroom(pages=subset) as room:
        with open_store(db) as store:
            for url in room.feed_urls():
                store.add_source(url, "feed", None, None, 60)
            monitor = Monitor(store, options=monitor_options())
            from storywire.monitor import CycleReport
            from storywire.sources import Fetcher

            async def poll_only():
                async with Fetcher(monitor.options.fetch) as fetcher:
                    await monitor.poll_sources(fetcher, CycleReport())

            asyncio.run(poll_only())  # killed before fetching the pages
            assert store.count_articles() == 0
        with open_store(db) as store:
            report = cycle(Monitor(store, options=monitor_options()))
            assert report.polled == 0  # not due yet: the pages come from the stored items
            assert report.fetched == len(subset) == store.count_articles()


def test_webhook_failures_back_off_then_dead_letter(db_location, pages):
    with Newsroom(pages=quake_pages(pages)[:1]) as room, \
            webhook_receiver(status=500) as hook, open_store(db_location) as store:
        store.add_source(room.feed_urls()[0], "feed", None, None, 60)
        for url in room.feed_urls()[1:]:
            store.add_source(url, "feed", None, None, 60)
        store.add_watch("quakes", QUAKE, [f"webhook:{hook.url('/hook')}"])
        clock = Clock()
        monitor = Monitor(store, options=monitor_options(), clock=clock)
        first = cycle(monitor)
        assert first.alerts == 1 and first.failed_deliveries == 1
        assert "HTTP 500" in first.errors[-1]
        clock.advance(seconds=30)       # before the back-off: no attempt
        assert cycle(monitor).failed_deliveries == 0
        clock.advance(seconds=31)       # 60 s after the first attempt
        assert cycle(monitor).failed_deliveries == 1
        clock.advance(seconds=241)      # 4 x 60 s later: the third and last attempt
        last = cycle(monitor)
        assert last.failed_deliveries == 1 and "dead letter" in last.errors[-1]
        clock.advance(days=1)
        cycle(monitor)
        assert len([r for r in hook.requests if r.path == "/hook"]) == 3
        assert store.watch_counts()["deliveries_dead"] == 1


def test_a_webhook_on_a_refused_address_is_not_called(db_location, pages):
    with Newsroom(pages=quake_pages(pages)[:1]) as room, webhook_receiver() as hook, \
            open_store(db_location) as store:
        for url in room.feed_urls():
            store.add_source(url, "feed", None, None, 60)
        store.add_watch("quakes", QUAKE, [f"webhook:{hook.url('/hook')}"])
        delivery = DeliveryOptions(attempts=1, webhook=WebhookOptions(secret=SECRET))
        report = cycle(Monitor(store, options=monitor_options(delivery=delivery)))
        assert report.alerts == 1 and hook.requests == []
        assert "loopback address" in report.errors[-1]


def test_the_first_retry_comes_at_the_documented_30_seconds(db_location, pages):
    """The back-off says 30 s; the loop must wake for it, not at the next minute's poll."""
    with Newsroom(pages=quake_pages(pages)[:1]) as room, \
            webhook_receiver(status=500) as hook, open_store(db_location) as store:
        for url in room.feed_urls():
            store.add_source(url, "feed", None, None, 600)
        store.add_watch("quakes", QUAKE, [f"webhook:{hook.url('/hook')}"])
        clock = Clock()
        delivery = DeliveryOptions(webhook=WebhookOptions(addresses=LOOPBACK))
        assert delivery.backoff == 30
        monitor = Monitor(store, options=monitor_options(
            delivery=delivery, poll=PollOptions(first_interval=600, min_interval=600)),
            clock=clock)
        assert cycle(monitor).failed_deliveries == 1
        assert monitor.next_wake() == pytest.approx(30, abs=1)
        clock.advance(seconds=30)
        assert cycle(monitor).failed_deliveries == 1  # the second attempt, on time
        assert monitor.next_wake() == pytest.approx(60, abs=1)  # the clamp; 2 min is due


def test_updates_come_when_a_story_gains_outlets_at_most_once_per_period(db_location, pages):
    kessel = [s for s in pages if "Kessel" in s.title or "Kessel" in s.body.decode(
        "utf-8", "replace")[:5000]]
    kessel = [s for s in kessel if s.published]
    with Newsroom(pages=kessel) as room, webhook_receiver() as hook, \
            open_store(db_location) as store:
        for url in room.feed_urls():
            store.add_source(url, "feed", None, None, 60)
        store.add_watch("kessel", '"Kessel Highlands"', [f"webhook:{hook.url('/hook')}"])
        clock = Clock()
        monitor = Monitor(store, options=monitor_options(), clock=clock)

        def sent():
            return [json.loads(r.body) for r in hook.requests if r.path == "/hook"]

        room.limit = 2
        cycle(monitor)
        first = sent()
        assert [b["kind"] for b in first] == ["new"] * len(first) and first
        room.limit = len(kessel)
        clock.advance(minutes=10)
        cycle(monitor)                       # more outlets, but within the period
        assert all(b["kind"] == "new" for b in sent()[len(first):])
        before = len(sent())
        clock.advance(hours=1)
        cycle(monitor)                       # the period has passed: one update
        updates = [b for b in sent()[before:] if b["kind"] == "update"]
        assert updates
        for update in updates:
            assert update["new_outlets"] and set(update["new_outlets"]) <= set(
                update["outlets"])
            story_first = next(b for b in first + sent() if b["story"] == update["story"]
                               and b["kind"] == "new")
            assert not set(update["new_outlets"]) & set(story_first["outlets"])
        clock.advance(hours=2)
        cycle(monitor)                       # nothing new since: no second update
        assert len([b for b in sent() if b["kind"] == "update"]) == len(updates)


def test_hostile_pages_cost_little_and_are_errors_of_their_source(db_location):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join([*(compressor.compress(bytes(1 << 20)) for _ in range(50)),
                     compressor.flush()])
    page = (b"<html><head><title>Calm day at the harbour</title></head><body><article>"
            + b"<p>The harbour was calm on Tuesday as crews repaired the old pier.</p>" * 5
            + b"</article></body></html>")
    names = ["ok", "bomb", "big", "loop", "drip", "pdf", "gone"]
    items = "".join(f"<item><title>{n}</title><link>/{n}</link></item>" for n in names)
    routes = {
        "/feed": lambda r: Reply(200, f'<rss version="2.0"><channel><title>h</title>'
                                      f'{items}</channel></rss>'.encode()),
        "/ok": lambda r: Reply(200, gzip.compress(page), {"Content-Type": "text/html",
                                                          "Content-Encoding": "gzip"}),
        "/bomb": lambda r: Reply(200, bomb, {"Content-Type": "text/html",
                                             "Content-Encoding": "gzip"}),
        "/big": lambda r: Reply(200, b"<html>" + b"x" * 3_000_000),
        "/loop": lambda r: Reply(302, headers={"Location": "/loop"}),
        "/drip": lambda r: Reply(200, b"<html>" + b"." * 500, chunk=1, pause=0.05),
        "/pdf": lambda r: Reply(200, b"%PDF-1.4", {"Content-Type": "application/pdf"}),
    }
    with LocalServer(routes) as server, open_store(db_location) as store:
        source, _ = store.add_source(server.url("/feed"), "feed", None, None, 60)
        fetch = FetchOptions(addresses=LOOPBACK, per_host_interval=0.0, max_bytes=1_000_000,
                             deadline=1.0, per_host_concurrency=8)
        report = cycle(Monitor(store, options=monitor_options(fetch=fetch, item_attempts=1)))
        assert report.fetched == 1 and store.count_articles() == 1
        reasons = " | ".join(report.errors)
        for expected in ("inflated body is above the size limit", "3,000,006 bytes is above",
                         "more than 5 redirects", "overall deadline",
                         "not an HTML page (application/pdf)", "HTTP 404"):
            assert expected in reasons
        recorded = store.get_source(source.id)
        assert recorded.errors == 6 and recorded.items_seen == 7 and recorded.last_error
        assert store.watch_counts()["items_failed"] == 6


def test_a_news_sitemap_is_a_source_too(db_location, pages):
    subset = quake_pages(pages)
    with Newsroom(pages=subset) as room, open_store(db_location) as store:
        store.add_source(room.base_url + "/sitemap_news.xml", "sitemap", None, None, 60)
        options = monitor_options(sitemap_max_age=3650 * 86400.0)
        report = cycle(Monitor(store, Pipeline(store), options))
        assert report.new_items == report.fetched == len(subset) == store.count_articles()


def test_story_ids_and_understanding_fields_drive_the_alerts(db_location, tmp_path):
    """Issues 4 and 5 fill story_id, entities and quotes; stored so, the watch reads them:
    one alert per story_id whatever the outlets, and person:/speaker: match."""
    from storywire.demo import corpus_path

    with open_store(db_location) as store:
        store.add_watch("marwood", 'person:"Ines Marwood" OR speaker:marwood',
                        [f"atom:{tmp_path / 'c.atom'}"])
        Pipeline(store).ingest([str(corpus_path() / "html")])
        by_outlet = {}
        for article in store.iter_articles():
            by_outlet.setdefault(article.outlet, article)
        articles = list(by_outlet.values())[:3]
        assert len({a.outlet for a in articles}) == 3
        for index, article in enumerate(articles):
            article.story_id = "story-draymoor"
            if index == 0:
                article.entities = [{"text": "Ms. Marwood", "label": "PERSON", "start": 0,
                                     "end": 12, "canonical": "Ines Marwood"}]
            else:
                article.quotes = [{"text": "We are ready", "speaker": "Ines Marwood",
                                   "speaker_description": "mayor", "cue": "said",
                                   "kind": "direct", "start": 0, "end": 12}]
            store.put_article(article)
        report = cycle(Monitor(store, options=monitor_options()))
        assert report.alerts == 1 and report.delivered == 1
        (alert,) = store.recent_alerts(store.get_watch("marwood").id, 10)
        assert alert.story_key == "story-draymoor"
        assert sorted(alert.payload["outlets"]) == sorted({a.outlet for a in articles})
        entries = feedparser.parse((tmp_path / "c.atom").read_bytes()).entries
        assert [e.id for e in entries] == [f"urn:storywire:alert:{alert.id}"]


def test_a_page_named_by_a_feed_and_a_sitemap_is_fetched_once(db_location, pages):
    subset = quake_pages(pages)
    with Newsroom(pages=subset) as room, open_store(db_location) as store:
        for url in room.feed_urls():
            store.add_source(url, "feed", None, None, 60)
        store.add_source(room.base_url + "/sitemap_news.xml", "sitemap", None, None, 60)
        options = monitor_options(sitemap_max_age=3650 * 86400.0)
        report = cycle(Monitor(store, options=options))
        assert report.fetched == len(subset)
        fetched = [path for _, path, status in room.requests if "/a/" in path]
        assert len(fetched) == len(set(fetched)) == len(subset)


def test_a_broken_feed_is_an_error_and_is_read_again_next_time(db_location):
    state = {"body": b"<html><body>maintenance</body></html>"}

    def feed(request):
        if request.headers.get("if-none-match") == '"same"':
            return Reply(304)
        return Reply(200, state["body"], {"ETag": '"same"'})

    with LocalServer({"/feed": feed}) as server, open_store(db_location) as store:
        source, _ = store.add_source(server.url("/feed"), "feed", None, None, 60)
        clock = Clock()
        monitor = Monitor(store, options=monitor_options(), clock=clock)
        first = cycle(monitor)
        assert "not a feed" in first.errors[0]
        recorded = store.get_source(source.id)
        assert recorded.errors == 1 and recorded.etag is None
        assert recorded.interval == 90  # backed off by half
        state["body"] = b'<rss version="2.0"><channel><title>t</title></channel></rss>'
        clock.advance(seconds=91)
        second = cycle(monitor)
        assert second.errors == [] and second.not_modified == 0  # read, not a 304
        assert store.get_source(source.id).etag == '"same"'


def test_a_page_without_a_date_takes_the_feed_s_date(db_location):
    page = (b"<html><head><title>Ferry fares to rise</title></head><body><article>"
            + b"<p>Ferry fares on the Saltmere crossing will rise by 8% in January, the "
              b"operator said, blaming fuel costs and a new harbour levy.</p>" * 3
            + b"</article></body></html>")
    feed = (b'<rss version="2.0"><channel><title>Harbour</title><item><title>Ferry fares'
            b'</title><link>/ferry</link><pubDate>Thu, 05 Nov 2026 08:00:00 GMT</pubDate>'
            b"</item></channel></rss>")
    routes = {"/feed": lambda r: Reply(200, feed),
              "/ferry": lambda r: Reply(200, page, {"Content-Type": "text/html"})}
    with LocalServer(routes) as server, open_store(db_location) as store:
        store.add_source(server.url("/feed"), "feed", None, None, 60)
        cycle(Monitor(store, options=monitor_options()))
        (article,) = store.list_articles()
        assert article.published.isoformat() == "2026-11-05T08:00:00+00:00"
        assert article.url == server.url("/ferry")
