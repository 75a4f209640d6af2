"""Two monitors on one PostgreSQL database, running at once: every page is fetched once,
every story alerted once and every alert delivered once (leases and watch locks)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter
from urllib.parse import urlsplit

import pytest

from storywire.demo.newsroom import Newsroom, load_pages
from storywire.monitor import CycleReport, Monitor
from storywire.sources import Fetcher
from storywire.store import open_store
from test_monitor import QUAKE, cycle, monitor_options, webhook_receiver

pytest.importorskip("psycopg", reason="psycopg is absent: pip install 'storywire[postgres]'")


@pytest.fixture
def database(postgres_server):
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


def test_two_monitors_share_the_work_and_never_repeat_it(database):
    pages = load_pages()
    with Newsroom(pages=pages) as room, webhook_receiver() as hook:
        with open_store(database) as store:
            for url in room.feed_urls():
                store.add_source(url, "feed", None, None, 60)
            store.add_watch("quakes", QUAKE, [f"webhook:{hook.url('/hook')}"])
            first = Monitor(store, options=monitor_options())

            async def poll() -> None:  # the feeds are read: every page is pending
                async with Fetcher(first.options.fetch) as fetcher:
                    await first.poll_sources(fetcher, CycleReport())

            asyncio.run(poll())
        start = threading.Barrier(2)
        reports, failures = [], []

        def monitor() -> None:
            try:
                with open_store(database) as store:
                    # small batches, so that the two monitors take turns claiming pages
                    running = Monitor(store, options=monitor_options(items_per_cycle=4))
                    start.wait(timeout=60)
                    reports.append(cycle(running))
            except Exception as exc:  # reported below, with the other monitor's outcome
                failures.append(exc)

        threads = [threading.Thread(target=monitor) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        assert not failures, failures

        page_paths = {page.path for page in pages}
        fetched = Counter(path for method, path, status in room.requests
                          if method == "GET" and path in page_paths)
        assert set(fetched) == page_paths and set(fetched.values()) == {1}
        assert sum(r.fetched for r in reports) == len(pages)
        assert all(r.fetched for r in reports)  # both monitors did part of the work
        feed_paths = {urlsplit(url).path for url in room.feed_urls()}
        feeds = Counter(path for method, path, status in room.requests if path in feed_paths)
        assert set(feeds) == feed_paths and set(feeds.values()) == {1}  # none read twice

        bodies = [json.loads(r.body) for r in hook.requests if r.path == "/hook"]
        assert len(bodies) >= 2
        assert len({b["id"] for b in bodies}) == len(bodies)  # each alert sent once
        assert len({b["story"] for b in bodies if b["kind"] == "new"}) == len(
            [b for b in bodies if b["kind"] == "new"])  # each story alerted once
        with open_store(database) as store:
            assert store.count_articles() == len(pages)
            assert sum(r.alerts for r in reports) == store.watch_counts()["alerts"] == len(bodies)
