"""A fetched page's headline, outlet, authors and date, from the page and its feed item.

A page polled from a feed comes with what the feed said about it: the item's title, author
and date, and the channel's title. Neither side is right alone: a blog's feed item has the
real date where the page has none (or only its URL's), and a news page's JSON-LD names its
publisher where the feed channel says "Latest". The precedence, for every capture (a page
read from a file simply has no feed facts):

- **headline**: the page's metadata (JSON-LD, Dublin Core, Open Graph, Twitter), then the
  feed item's title, then the page's <title> without its site-name part (before or after
  it: "Headline | Site", "Site: Headline"), or its <h1> (unless that is only the site's
  name), then the last words of the URL's path (as the article's first line writes them,
  when that line holds every word of the slug). A candidate that is only a date or time
  ("Sunday, March 17, 2013 | 5:00 PM", which some templates put in the headline's place)
  is skipped: it is the post's time stamp, read for its date;
- **outlet**: the page's site name (``og:site_name``, ``application-name``, JSON-LD
  publisher), then the feed channel's title, then trafilatura's reading of the page's
  name, then the site-name part of <title>; a date or time is never an outlet, nor is a
  name's trailing time stamp part of it ("Site: Sunday, March 17, 2013" is "Site"). The
  clean stage then falls back to a name learned for the host, and only then to the host
  itself;
- **authors**: the page's, then the feed item's;
- **date**: the page's own date: a time stamp in its headline's place (or after its site
  name) when it names a whole date, else its metadata or its text (not a date read from
  its URL); then the feed item's; a page date without a time of day takes the feed's
  time when both name the same day. A date in the URL is used by the clean stage only
  when it is a whole date (year, month, day) and nothing else gave one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from storywire.extract.dates import is_date_only, parse_date, stamp_date
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
    parts = [_site_and_stamp(n) for n in (found.stated_site, feed.channel, found.site_name,
                                          found.title_site)]
    sites = [site for site, _ in parts]
    outlet = next((n for n in sites if n), None)
    names = {n.casefold() for n in sites if n}
    document = _without_site(found.document_title, names)
    if document and document.casefold() in names:
        document = None  # a <title> (or <h1>) that is only the site's name
    candidates = (found.stated_title, feed.title, document)
    title = next((t for t in candidates if t and not is_date_only(t)), None)
    if title is None:  # the last resort: the URL, as the first line may write it
        slug = spelled_out(url_title(url), found.text)
        title = slug if slug and not is_date_only(slug) else None
    stamp = next((d for t in (*candidates, *(stamp for _, stamp in parts))
                  if t and (d := stamp_date(t))), None)
    authors = found.authors or people_only(split_authors(feed.author), (outlet,))
    return PageFacts(title=title, outlet=outlet, authors=authors,
                     published=_date(_stamped(found.published, stamp), feed.published))


_SITE_SEPARATOR = re.compile(r"\s*(?::|\s[|\-–—·»]|,)\s+")


def _site_and_stamp(name: str | None) -> tuple[str | None, str | None]:
    """A site name without a trailing time stamp, and that stamp ("Site: Sunday, March 17,
    2013" -> "Site" and "Sunday, March 17, 2013"); no name when it is only a date or time."""
    if not name:
        return None, None
    head, *rest = _SITE_SEPARATOR.split(name, maxsplit=1)
    stamped = bool(rest) and is_date_only(rest[0])
    stamp = rest[0] if stamped and head else None
    if is_date_only(name):
        return None, stamp
    return (head if stamped else name), stamp


SITE_MARKS = "|-–—·»:"  # what sets a site's name off the headline in a <title>
_SITE_GLUE = " " + SITE_MARKS


def _without_site(title: str | None, names: set[str]) -> str | None:
    """A <title> without a known site name before or after it ("Site: Headline",
    "Headline | Site" -> "Headline"), and without separators left at its ends; None when
    nothing else is left ("| Site", "Site:": a post without a title of its own)."""
    if not title:
        return None
    title = title.strip(_SITE_GLUE)
    for name in sorted(names, key=len, reverse=True):
        folded = title.casefold()
        if folded.startswith(name):
            rest = title[len(name):]
            stripped = rest.lstrip(_SITE_GLUE)
            glue = rest[:len(rest) - len(stripped)]
        elif folded.endswith(name):
            rest = title[:len(title) - len(name)]
            stripped = rest.rstrip(_SITE_GLUE)
            glue = rest[len(stripped):]
        else:
            continue
        # a separator, not a space: "The Guardian view on …" keeps its first words
        if not stripped or (glue.strip() and len(glue) <= 4):
            title = stripped
            break
    return title or None


def _stamped(page: datetime | None, stamp: datetime | None) -> datetime | None:
    """The page's date, given the time stamp a template put in its headline's place: the
    stamp is the post's own date, where htmldate's guess from the page may be any date it
    holds ("2013-3" of "September 26, 2013-3: 47pm" read as 1 March 2013). The guess stays
    when it names the stamp's day with a time of day the stamp lacks."""
    if stamp is None or (page is not None and page.date() == stamp.date()
                         and _date_only(stamp) and not _date_only(page)):
        return page
    return stamp


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


MAX_HEADLINE_WORDS = 25
_SLUG_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def spelled_out(slug: str | None, text: str) -> str | None:
    """The URL's headline as the article's first line writes it, when that line holds
    every word of the slug ("Riots erupt following death brooklyn teen killed police" ->
    "Riots Erupt Following Death of Brooklyn Teen Killed By Police": a slug drops short
    words and capitals); else the slug itself."""
    if not slug:
        return slug
    first = next((line.strip() for line in text.lstrip().split("\n", 1)[:1]), "")
    words = {w.casefold() for w in _SLUG_WORD.findall(first)}
    wanted = {w.casefold() for w in _SLUG_WORD.findall(slug)}
    if (len(first.split()) <= MAX_HEADLINE_WORDS and len(wanted) >= 2 and wanted <= words
            and not first.endswith((".", ":"))):
        return first
    return slug


def _text(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None
