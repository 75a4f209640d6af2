"""OPML subscription lists (what feed readers export) to feed URLs."""

from __future__ import annotations

from dataclasses import dataclass
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
