"""Sitemaps (sitemaps.org) and Google News sitemaps to items.

A sitemap index names child sitemaps; a URL set names pages, with ``lastmod`` and, in a news
sitemap, the publication date, title and language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from storywire.sources.feeds import FeedItem, parse_when
from storywire.sources.urls import item_key

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


class SitemapError(ValueError):
    """The bytes are not a sitemap."""


@dataclass
class Sitemap:
    items: list[FeedItem] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # from a sitemap index


def is_sitemap(body: bytes) -> bool:
    return b"<urlset" in body[:2000] or b"<sitemapindex" in body[:2000]


def parse_sitemap(body: bytes, url: str) -> Sitemap:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"{url}: not a sitemap ({exc})") from None
    name = etree.QName(root).localname
    result = Sitemap()
    if name == "sitemapindex":
        result.children = [_text(s, "loc") for s in root if _is(s, "sitemap") and _text(s, "loc")]
        return result
    if name != "urlset":
        raise SitemapError(f"{url}: not a sitemap (root element is <{name}>)")
    for entry in root:
        if not _is(entry, "url") or not _text(entry, "loc"):
            continue
        news = entry.find(f"{{{NEWS_NS}}}news")
        title = published = None
        if news is not None:
            title = news.findtext(f"{{{NEWS_NS}}}title")
            published = parse_when(news.findtext(f"{{{NEWS_NS}}}publication_date"))
        published = published or parse_when(_text(entry, "lastmod"))
        loc = _text(entry, "loc")
        result.items.append(FeedItem(url=item_key(loc), guid=loc, title=title,
                                     published=published))
    return result


def _is(element: etree._Element, name: str) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).localname == name


def _text(element: etree._Element, name: str) -> str | None:
    found = element.find(f"{{{SITEMAP_NS}}}{name}")
    if found is None:
        found = element.find(name)
    return found.text.strip() if found is not None and found.text else None
