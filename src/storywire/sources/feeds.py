"""Feeds to items: RSS 0.9x/1.0/2.0 and Atom by feedparser, JSON Feed by its own small spec.

An item is what the monitor needs to decide whether to fetch a page: its link, and what the
feed says about it (guid, title, date). Dates are kept as timezone-aware datetimes.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from storywire.extract.dates import parse_date
from storywire.sources.urls import item_key


class FeedError(ValueError):
    """The bytes are not a feed storywire can read."""


@dataclass(frozen=True)
class FeedItem:
    url: str
    guid: str | None = None
    title: str | None = None
    published: datetime | None = None
    author: str | None = None


@dataclass
class Feed:
    kind: str                    # rss20, atom10, rss10, json1, ... (feedparser's version)
    title: str | None = None
    site_url: str | None = None
    items: list[FeedItem] = field(default_factory=list)


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> Feed:
    """Parse a feed document fetched from ``url``; FeedError when it is not one."""
    head = body.lstrip()[:1]
    if head == b"{" or (content_type and "json" in content_type):
        return _json_feed(body, url)
    try:
        parsed = feedparser.parse(body, response_headers={"content-location": url,
                                                          "content-type": content_type or ""})
    except (ValueError, TypeError, LookupError, AttributeError) as exc:
        # feedparser raises on some hostile bytes (e.g. a character reference past U+10FFFF)
        raise FeedError(f"{url}: not a readable feed ({type(exc).__name__}: {exc})") from None
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise FeedError(f"{url}: not a feed ({reason})")
    feed = Feed(kind=parsed.version, title=parsed.feed.get("title"),
                site_url=parsed.feed.get("link"))
    for entry in parsed.entries:
        link = entry.get("link") or _alternate(entry)
        if not link:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(when), UTC) if when else None
        feed.items.append(FeedItem(url=item_key(urljoin(url, link)), guid=entry.get("id"),
                                   title=entry.get("title"), published=published,
                                   author=_entry_author(entry)))
    return feed


def is_feed(body: bytes, content_type: str | None = None) -> bool:
    """Whether the bytes look like a feed (for discovery); cheap and forgiving."""
    try:
        parse_feed(body, "about:feed", content_type)
    except FeedError:
        return False
    return True


def _alternate(entry: dict) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _json_feed(body: bytes, url: str) -> Feed:
    """JSON Feed 1.0/1.1 (jsonfeed.org): feedparser does not read it."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"{url}: not a feed (bad JSON: {exc})") from None
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise FeedError(f"{url}: not a feed (JSON without a jsonfeed.org version)")
    feed = Feed(kind="json1", title=_string(data.get("title")),
                site_url=_string(data.get("home_page_url")))
    items = data.get("items")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        link = _string(item.get("url")) or _string(item.get("external_url"))
        if not link:
            continue
        guid = item.get("id")
        feed.items.append(FeedItem(url=item_key(urljoin(url, link)),
                                   guid=str(guid) if isinstance(guid, str | int) and guid != ""
                                   else link,
                                   title=_string(item.get("title")),
                                   published=parse_when(_string(item.get("date_published"))),
                                   author=_json_author(item)))
    return feed


def _string(value: object) -> str | None:
    """A JSON Feed field that must be a string: anything else is treated as absent."""
    return value if isinstance(value, str) and value else None


def _entry_author(entry: dict) -> str | None:
    """The item's author's name: RSS writes "jo@example.org (Jo Doe)" (feedparser's own
    split of it cuts the name), Atom a name element."""
    author = " ".join(str(entry.get("author") or "").split())
    spelled = _RSS_AUTHOR.fullmatch(author)
    return (spelled["name"].strip() if spelled else author) or None


_RSS_AUTHOR = re.compile(r"\S+@\S+\s*\((?P<name>[^()]+)\)")


def _json_author(item: dict) -> str | None:
    """JSON Feed 1.1 ``authors`` (or 1.0 ``author``): the first one's name."""
    authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
    first = authors[0] if isinstance(authors, list) and authors else None
    name = first.get("name") if isinstance(first, dict) else None
    return name if isinstance(name, str) else None


def parse_when(value: str | None) -> datetime | None:
    """A feed or sitemap date as an aware UTC datetime (UTC when no zone is given)."""
    return parse_date(value) if value and isinstance(value, str) else None
