"""What a URL given to ``storywire sources add`` is: a feed, a sitemap, or a site whose
feeds are to be discovered (announced ones first, then the usual paths)."""

from __future__ import annotations

from dataclasses import dataclass

from storywire.sources.discover import common_feed_urls, feed_links
from storywire.sources.feeds import FeedError, parse_feed
from storywire.sources.fetch import Fetcher, FetchError
from storywire.sources.sitemaps import SitemapError, is_sitemap, parse_sitemap


@dataclass(frozen=True)
class FoundSource:
    url: str
    kind: str               # feed | sitemap
    title: str | None = None
    site_url: str | None = None


async def find_sources(fetcher: Fetcher, url: str, limit: int = 5) -> list[FoundSource]:
    """The feeds or sitemap at ``url``; FetchError when it cannot be read, an empty list
    when it is a page that names no feed and has none at the usual paths."""
    result = await fetcher.fetch(url)
    if result.status != 200:
        raise FetchError(url, f"HTTP {result.status}")
    found = _as_source(result.final_url, result.body, result.content_type)
    if found:
        return [found]
    candidates = feed_links(result.body, result.final_url)
    announced = bool(candidates)
    if not announced:
        candidates = common_feed_urls(result.final_url)
    sources: list[FoundSource] = []
    for candidate in candidates:
        if len(sources) >= limit:
            break
        try:
            answer = await fetcher.fetch(candidate)
        except FetchError:
            continue
        if answer.status == 200:
            found = _as_source(answer.final_url, answer.body, answer.content_type)
            if found and found.url not in {s.url for s in sources}:
                sources.append(found)
                if not announced:
                    break  # one feed found by guessing is enough
    return sources


def _as_source(url: str, body: bytes, content_type: str | None) -> FoundSource | None:
    if is_sitemap(body):
        try:
            parse_sitemap(body, url)
        except SitemapError:
            return None
        return FoundSource(url, "sitemap")
    start = body.lstrip()[:200].lower()
    if (content_type or "").startswith("text/html") and not start.startswith(
            (b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return None  # a page; a feed served as text/html is still read
    try:
        feed = parse_feed(body, url, content_type)
    except FeedError:
        return None
    return FoundSource(url, "feed", feed.title, feed.site_url)
