"""Finding a site's feeds from its home page: <link rel="alternate">, then common paths."""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/json", "application/rdf+xml", "application/xml", "text/xml")
COMMON_PATHS = ("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml",
                "/feed/", "/rss/", "/feeds/all.atom.xml", "/feed.json", "/sitemap_news.xml",
                "/news-sitemap.xml")


def feed_links(html: bytes | str, base_url: str) -> list[str]:
    """Feed URLs a page announces with ``<link rel="alternate" type="...">``, in order."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    found: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = link.get("href")
        if "alternate" in rel and kind in FEED_TYPES and href:
            url = urljoin(base_url, href.strip())
            if url not in found:
                found.append(url)
    return found


def common_feed_urls(base_url: str) -> list[str]:
    """Where feeds usually live when a page does not announce them."""
    return [urljoin(base_url, path) for path in COMMON_PATHS]
