"""A fetched page's headline, outlet, authors and date, from the page and its feed item.

A page polled from a feed comes with what the feed said about it: the item's title, author
and date, and the channel's title. Neither side is right alone: a blog's feed item has the
real date where the page has none (or only its URL's), and a news page's JSON-LD names its
publisher where the feed channel says "Latest". The precedence, for every capture (a page
read from a file simply has no feed facts):

- **headline**: the page's metadata (JSON-LD, Dublin Core, Open Graph, Twitter), then the
  feed item's title, then the page's <title> without its site-name part, or its <h1>
  (unless that is only the site's name), then the last words of the URL's path;
- **outlet**: the page's site name (``og:site_name``, ``application-name``, JSON-LD
  publisher), then the feed channel's title, then the site-name part of <title>; the clean
  stage then falls back to a name learned for the host, and only then to the host itself;
- **authors**: the page's, then the feed item's;
- **date**: the page's own date (its metadata or its text; not a date read from its URL),
  then the feed item's; a page date without a time of day takes the feed's time when both
  name the same day. A date in the URL is used by the clean stage only when it is a whole
  date (year, month, day) and nothing else gave one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from storywire.extract.dates import parse_date
from storywire.extract.names import people_only, split_authors

if TYPE_CHECKING:
    from storywire.extract.html import HtmlExtract


@dataclass(frozen=True)
class FeedFacts:
    """What a feed said about one item (all None for a page read from a file)."""

    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    channel: str | None = None

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> FeedFacts:
        """The facts the monitor carries in a capture's ``meta``."""
        return cls(title=_text(meta.get("feed_title")), author=_text(meta.get("feed_author")),
                   published=parse_date(meta.get("feed_published")),
                   channel=_text(meta.get("feed_channel")))


@dataclass(frozen=True)
class PageFacts:
    title: str | None
    outlet: str | None
    authors: list[str]
    published: datetime | None


def page_facts(found: HtmlExtract, feed: FeedFacts, url: str | None) -> PageFacts:
    """The page's facts by the precedence above."""
    outlet = found.site_name or feed.channel or found.title_site
    names = {n.casefold() for n in (found.site_name, feed.channel, found.title_site) if n}
    document = found.document_title
    if document and document.casefold() in names:
        document = None  # a <title> (or <h1>) that is only the site's name
    title = found.stated_title or feed.title or document or url_title(url)
    authors = found.authors or people_only(split_authors(feed.author), (outlet,))
    return PageFacts(title=title, outlet=outlet, authors=authors,
                     published=_date(found.published, feed.published))


def _date(page: datetime | None, feed: datetime | None) -> datetime | None:
    if page is None:
        return feed
    if feed is not None and _date_only(page) and page.date() == feed.date():
        return feed
    return page


def _date_only(when: datetime) -> bool:
    return (when.hour, when.minute, when.second, when.microsecond) == (0, 0, 0, 0)


_SLUG_END = re.compile(r"(?:\.[a-z0-9]{2,5}|[-_]\d{3,})$", re.I)


def url_title(url: str | None) -> str | None:
    """"/2026/11/05/dock-strike-ends.html" -> "Dock strike ends": the path's last named
    segment, when it has at least two words."""
    if not url:
        return None
    segments = [s for s in unquote(urlsplit(url).path).split("/") if s]
    for segment in reversed(segments):
        words = _SLUG_END.sub("", segment).replace("_", "-").split("-")
        words = [w for w in words if w]
        if len(words) >= 2 and sum(w.isalpha() for w in words) >= 2:
            text = " ".join(words)
            return text[0].upper() + text[1:]
    return None


def _text(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None
