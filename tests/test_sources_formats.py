"""Feeds (RSS 0.91/1.0/2.0, Atom, JSON Feed), discovery, OPML, sitemaps, poll intervals."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from storywire.sources import (
    FeedError,
    OpmlError,
    PollOptions,
    SitemapError,
    common_feed_urls,
    feed_links,
    is_sitemap,
    next_interval,
    parse_feed,
    parse_sitemap,
    read_opml,
)

BASE = "https://www.ledger.example/feeds/news"

RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Ledger</title>
<link>https://www.ledger.example/</link><description>x</description><language>en</language>
<item><title>Carrow nurses vote to strike</title>
<link>https://www.ledger.example/national/nurses</link></item></channel></rss>"""

RSS10 = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://www.ledger.example/"><title>Ledger</title>
<link>https://www.ledger.example/</link><description>x</description></channel>
<item rdf:about="https://www.ledger.example/a/1"><title>Port strike ends</title>
<link>https://www.ledger.example/a/1</link><dc:date>2026-11-06T08:00:00Z</dc:date></item>
</rdf:RDF>"""

RSS20 = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>The Northern Ledger</title><link>https://www.ledger.example/</link><description>x
</description>
<item><title>Kessel quake: 12 dead</title><link>/world/kessel-quake</link>
<guid isPermaLink="false">ledger-20311</guid>
<pubDate>Mon, 02 Nov 2026 09:30:00 +0100</pubDate></item>
<item><title>No link here</title><description>skipped</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<id>urn:x</id><title>Meridian Wire</title><updated>2026-11-02T09:00:00Z</updated>
<link rel="alternate" href="https://www.meridianwire.example/"/>
<entry><id>urn:mw:1</id><title>Strong earthquake kills at least 12</title>
<link rel="alternate" href="https://www.meridianwire.example/world/kessel"/>
<published>2026-11-02T08:05:00+00:00</published><updated>2026-11-02T09:05:00Z</updated>
</entry></feed>"""

JSON_FEED = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "Valley Post",
    "home_page_url": "https://valleypost.example/",
    "items": [{"id": "vp-1", "url": "https://valleypost.example/cup-final",
               "title": "Cup final", "date_published": "2026-11-07T18:00:00+00:00"},
              {"id": "vp-2", "content_text": "no URL: skipped"}]}).encode()


def test_rss_091_10_and_20_items_with_links_guids_and_dates():
    old = parse_feed(RSS091, BASE)
    assert old.kind == "rss091u" or old.kind.startswith("rss09")
    assert [i.url for i in old.items] == ["https://www.ledger.example/national/nurses"]
    rdf = parse_feed(RSS10, BASE)
    assert rdf.kind == "rss10"
    assert rdf.items[0].published == datetime(2026, 11, 6, 8, 0, tzinfo=UTC)
    rss = parse_feed(RSS20, BASE)
    assert rss.kind == "rss20" and rss.title == "The Northern Ledger"
    (item,) = rss.items  # the item without a link is left out
    assert item.url == "https://www.ledger.example/world/kessel-quake"  # made absolute
    assert item.guid == "ledger-20311"
    assert item.published == datetime(2026, 11, 2, 8, 30, tzinfo=UTC)  # +0100 to UTC


def test_atom_prefers_the_publication_date():
    feed = parse_feed(ATOM, "https://www.meridianwire.example/atom.xml")
    assert feed.kind == "atom10" and feed.site_url == "https://www.meridianwire.example/"
    (item,) = feed.items
    assert item.url == "https://www.meridianwire.example/world/kessel"
    assert item.published == datetime(2026, 11, 2, 8, 5, tzinfo=UTC)


def test_json_feed_is_read_too():
    feed = parse_feed(JSON_FEED, "https://valleypost.example/feed.json")
    assert feed.kind == "json1" and feed.title == "Valley Post"
    assert [(i.url, i.guid) for i in feed.items] == [
        ("https://valleypost.example/cup-final", "vp-1")]


@pytest.mark.parametrize("body", [b"<html><body>a page</body></html>", b"", b"{\"a\": 1}",
                                  b"{not json"])
def test_what_is_not_a_feed_is_an_error_naming_the_url(body):
    with pytest.raises(FeedError, match="example/x: not a feed"):
        parse_feed(body, "https://e.example/x")


def test_discovery_reads_link_alternate_then_offers_common_paths():
    page = b"""<html><head>
    <link rel="alternate" type="application/rss+xml" href="/rss.xml">
    <link rel="alternate" type="application/atom+xml" href="https://cdn.example/atom">
    <link rel="alternate" hreflang="fr" href="/fr/">
    <link rel="stylesheet" type="text/css" href="/s.css"></head><body></body></html>"""
    assert feed_links(page, "https://www.ledger.example/news/") == [
        "https://www.ledger.example/rss.xml", "https://cdn.example/atom"]
    assert feed_links(b"<html><head></head></html>", "https://x.example/") == []
    assert "https://x.example/feed" in common_feed_urls("https://x.example/some/page")


def test_opml_nested_folders_without_duplicates(tmp_path):
    path = tmp_path / "subs.opml"
    path.write_text("""<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head>
    <body><outline text="News">
      <outline text="Ledger" type="rss" xmlUrl="https://www.ledger.example/rss.xml"
               htmlUrl="https://www.ledger.example/"/>
      <outline text="Wire" xmlUrl="https://www.meridianwire.example/atom.xml"/>
    </outline>
    <outline text="Ledger again" xmlUrl="https://www.ledger.example/rss.xml"/>
    <outline text="A folder without feeds"/></body></opml>""")
    feeds = read_opml(path)
    assert [(f.url, f.title) for f in feeds] == [
        ("https://www.ledger.example/rss.xml", "Ledger"),
        ("https://www.meridianwire.example/atom.xml", "Wire")]
    assert feeds[0].site_url == "https://www.ledger.example/"


def test_opml_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline")
    with pytest.raises(OpmlError, match=r"bad\.opml: not readable OPML"):
        read_opml(bad)
    html = tmp_path / "page.opml"
    html.write_text("<html></html>")
    with pytest.raises(OpmlError, match="root element is <html>"):
        read_opml(html)


def test_news_sitemap_and_sitemap_index():
    news = b"""<?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>https://www.ledger.example/a/1</loc><news:news><news:publication>
      <news:name>Ledger</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-11-04T10:00:00+00:00</news:publication_date>
      <news:title>Nurses vote to strike</news:title></news:news></url>
    <url><loc>https://www.ledger.example/about</loc><lastmod>2025-01-01</lastmod></url>
    </urlset>"""
    assert is_sitemap(news)
    sitemap = parse_sitemap(news, "https://www.ledger.example/sitemap_news.xml")
    first, second = sitemap.items
    assert (first.title, first.published) == ("Nurses vote to strike",
                                              datetime(2026, 11, 4, 10, tzinfo=UTC))
    assert second.published == datetime(2025, 1, 1, tzinfo=UTC)
    index = parse_sitemap(b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://x.example/s1.xml</loc></sitemap></sitemapindex>""", "s")
    assert index.children == ["https://x.example/s1.xml"] and not index.items
    with pytest.raises(SitemapError, match="not a sitemap"):
        parse_sitemap(b"<rss/>", "https://x.example/s")


def test_poll_interval_adapts_within_bounds():
    options = PollOptions(first_interval=900, min_interval=120, max_interval=3600)
    busy = quiet = options.first_interval
    for _ in range(10):
        busy = next_interval(busy, new_items=3, options=options)
        quiet = next_interval(quiet, new_items=0, options=options)
    assert busy == 120 and quiet == 3600
    assert next_interval(600, 5, options, error=True) == 900  # errors back off
