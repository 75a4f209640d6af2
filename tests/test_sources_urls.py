"""Feed items keyed by a normalised URL: one page, however its links are spelled, is
fetched and stored once."""

from __future__ import annotations

import asyncio

from storywire.demo.newsroom import load_pages
from storywire.monitor import Monitor
from storywire.sources import parse_feed
from storywire.sources.urls import item_key
from storywire.store import open_store
from test_monitor import Clock, monitor_options

from servers import LocalServer, Reply


def test_tracking_parameters_fragments_and_default_ports_are_stripped():
    assert item_key("https://WWW.Example-Paper.com:443/world/quake.html?utm_source=rss"
                    "&utm_medium=feed&utm_campaign=world#comments") == \
        "https://www.example-paper.com/world/quake.html"
    assert item_key("http://wire.example:80/story?id=42&fbclid=IwAR0x&gclid=abc") == \
        "http://wire.example/story?id=42"
    # Parameters that pick the page stay, in one order.
    assert item_key("https://wire.example/a?page=2&id=42") == \
        item_key("https://wire.example/a?id=42&page=2")
    assert item_key("https://wire.example:8443/a") == "https://wire.example:8443/a"


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>
<link>{base}/</link>
<item><title>{title}</title><link>{base}/world/quake.html?utm_source=rss&amp;utm_medium=feed</link>
<guid>ledger-1</guid></item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Ledger world</title><id>urn:ledger:world</id><updated>2026-11-04T10:00:00Z</updated>
<entry><title>{title}</title><id>urn:ledger:1</id><updated>2026-11-04T10:00:00Z</updated>
<link rel="alternate" href="{base}/world/quake.html#comments"/></entry></feed>"""


def test_a_page_linked_with_utm_parameters_and_a_fragment_is_fetched_once(db_location):
    page = load_pages()[0]
    routes = {"/world/quake.html": lambda r: Reply(200, page.body,
                                                   {"Content-Type": "text/html"})}
    with LocalServer(routes) as server, open_store(db_location) as store:
        base = server.url("").rstrip("/")
        feeds = {"/rss.xml": RSS.format(base=base, title=page.title),
                 "/atom.xml": ATOM.format(base=base, title=page.title)}
        for path, body in feeds.items():
            server.routes[path] = lambda r, b=body: Reply(
                200, b.encode(), {"Content-Type": "application/xml"})
            store.add_source(server.url(path), "feed", None, None, 60)
        items = [parse_feed(b.encode(), server.url(p)).items[0].url for p, b in feeds.items()]
        assert items == [f"{base}/world/quake.html"] * 2

        report = asyncio.run(Monitor(store, options=monitor_options(),
                                     clock=Clock()).cycle())
        assert report.errors == [] and report.fetched == 1 == store.count_articles()
        pages = [p for p in server.paths() if p.startswith("/world/")]
        assert pages == ["/world/quake.html"]   # asked once, without the tracking query
