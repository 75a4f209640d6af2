"""OPML subscription lists: read from what feed readers export, written for them to import."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from lxml import etree


class OpmlError(ValueError):
    """The file is not readable OPML."""


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str | None = None
    site_url: str | None = None


def read_opml(path: str | Path) -> list[OpmlFeed]:
    """Every outline with an ``xmlUrl``, nested folders included, without duplicates."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise OpmlError(f"{path}: not readable OPML ({exc})") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"{path}: not OPML (root element is <{root.tag}>)")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in seen:
            seen.add(url)
            feeds.append(OpmlFeed(url=url, title=outline.get("title") or outline.get("text"),
                                  site_url=outline.get("htmlUrl")))
    return feeds


def write_opml(feeds: Iterable[OpmlFeed], title: str = "storywire sources") -> bytes:
    """OPML 2.0 with one ``<outline type="rss">`` per feed, which Miniflux, FreshRSS,
    NetNewsWire and ``read_opml`` import (sitemaps too: readers skip what they cannot
    poll)."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC),
                                                                 usegmt=True)
    body = etree.SubElement(root, "body")
    for feed in feeds:
        name = feed.title or feed.url
        outline = etree.SubElement(body, "outline", type="rss", text=name, title=name,
                                   xmlUrl=feed.url)
        if feed.site_url:
            outline.set("htmlUrl", feed.site_url)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
