"""Running the monitor is clear: ``poll --now``, one log line per event without a terminal,
a status line naming the next due source, robots.txt kept for its HTTP lifetime, and
``sources list`` saying when each source is next due."""

from __future__ import annotations

import asyncio
import re

from click.testing import CliRunner

from storywire.cli import main
from storywire.demo.newsroom import Newsroom, load_pages
from storywire.monitor import Monitor
from storywire.sources import AddressPolicy, Fetcher, FetchOptions
from storywire.sources.lifetime import http_lifetime
from storywire.store import is_postgres_url, open_store
from test_monitor import Clock, monitor_options

from servers import LocalServer, Reply

LOOPBACK = {"STORYWIRE_ALLOW_LOOPBACK": "1", "STORYWIRE_HOST_INTERVAL": "0"}


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env or {})


def quake_pages():
    return [p for p in load_pages() if "quake" in p.title.lower()]


def test_poll_now_polls_sources_that_are_not_due_and_run_logs_one_line_per_event(
        db_location, other_location):
    db = db_location
    with Newsroom(pages=quake_pages()) as room:
        for url in room.feed_urls():
            assert run("--db", db, "sources", "add", url, env=LOOPBACK).exit_code == 0
        assert run("--db", db, "watch", "add", "quakes", "quake OR earthquake").exit_code == 0
        first = run("--db", db, "poll", env=LOOPBACK)
        assert f"{len(room.pages)} articles" in first.output
        listing = run("--db", db, "sources", "list").output
        assert "next due" in listing and listing.count("(in ") == len(room.feed_urls())
        not_due = run("--db", db, "poll", env=LOOPBACK)
        assert not_due.output.startswith("0 polls")
        forced = run("--db", db, "poll", "--now", env=LOOPBACK)
        assert forced.output.startswith(f"{len(room.feed_urls())} polls "
                                        f"({len(room.feed_urls())} unchanged)")

        # Without a terminal (CliRunner is not one) run writes a log: a line per poll and
        # per alert, each with a time stamp.
        fresh = other_location("r.db")
        for url in room.feed_urls():
            run("--db", fresh, "sources", "add", url, env=LOOPBACK)
        run("--db", fresh, "watch", "add", "quakes", "quake OR earthquake")
        logged = run("--db", fresh, "run", "--max-cycles", "1", env=LOOPBACK)
        assert logged.exit_code == 0, logged.output
        lines = logged.output.splitlines()
        polls = [x for x in lines if re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ poll ", x)]
        alerts = [x for x in lines if re.match(r"\S+Z alert \[quakes\] new: ", x)]
        assert len(polls) == len(room.feed_urls())
        assert all("HTTP 200" in x for x in polls)
        with open_store(fresh) as store:
            assert len(alerts) == len(store.recent_alerts(store.get_watch("quakes").id, 50))
        assert alerts and "stopped. In all:" in logged.output


def test_run_names_the_next_due_source_while_it_counts_down(db_location):
    with Newsroom(pages=quake_pages()[:2]) as room, open_store(db_location) as store:
        soon, later = room.feed_urls()[:2]
        store.add_source(soon, "feed", None, None, 60)
        store.add_source(later, "feed", None, None, 60)
        clock = Clock()
        monitor = Monitor(store, options=monitor_options(), clock=clock)
        asyncio.run(monitor.cycle())
        mark = "%s" if is_postgres_url(db_location) else "?"
        with store.transaction():
            store._db.execute(f"UPDATE source SET next_due = {mark} WHERE url = {mark}",
                              ((clock.now.replace(microsecond=0)).isoformat(), later))
        clock.advance(seconds=-30)
        left, source = monitor.next_source()
        assert source.url == later and 29 <= left <= 31
        ticks: list[float] = []

        async def one_cycle_then_wait():
            stop = asyncio.Event()

            def tick(seconds: float) -> None:
                ticks.append(seconds)
                if len(ticks) >= 2:
                    stop.set()

            await monitor.run(stop, max_cycles=None, on_tick=tick)

        asyncio.run(one_cycle_then_wait())
        assert len(ticks) == 2 and ticks[0] > ticks[1]


def test_robots_txt_is_kept_for_its_http_lifetime_across_polls(db_location):
    feed = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
            b"</channel></rss>")
    routes = {"/robots.txt": lambda r: Reply(200, b"User-agent: *\nDisallow: /private/\n",
                                             {"Cache-Control": "public, max-age=7200"}),
              "/feed.xml": lambda r: Reply(200, feed, {"Content-Type": "application/rss+xml"})}
    with LocalServer(routes) as server, open_store(db_location) as store:
        store.add_source(server.url("/feed.xml"), "feed", None, None, 60)
        # No default lifetime: only the server's Cache-Control keeps robots.txt.
        monitor = Monitor(store, options=monitor_options(fetch=FetchOptions(
            addresses=AddressPolicy(allow_loopback=True), per_host_interval=0.0,
            robots_ttl=0.0)))

        async def three_polls():
            async with Fetcher(monitor.options.fetch) as fetcher:
                for _ in range(3):
                    await monitor.cycle(fetcher, every_source=True)
                return await fetcher.allowed(server.url("/private/x.html"))

        assert asyncio.run(three_polls()) is False
        assert server.paths().count("/robots.txt") == 1
        assert server.paths().count("/feed.xml") == 3


def test_http_lifetime_reads_max_age_expires_and_bounds_them():
    assert http_lifetime({"cache-control": "max-age=7200"}, 3600) == 7200
    assert http_lifetime({"cache-control": "s-maxage=600, max-age=7200"}, 3600) == 600
    assert http_lifetime({"cache-control": "max-age=31536000"}, 3600) == 86400  # a day at most
    assert http_lifetime({"cache-control": "no-cache"}, 3600) == 60
    assert http_lifetime({"expires": "Thu, 05 Nov 2026 12:30:00 GMT",
                          "date": "Thu, 05 Nov 2026 12:00:00 GMT"}, 3600) == 1800
    assert http_lifetime({}, 3600) == 3600
