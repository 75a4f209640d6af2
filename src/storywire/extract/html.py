"""Main text and metadata of an HTML page, by trafilatura.

trafilatura is the best-measured open extractor for news pages; storywire only maps its
output onto its own fields and leaves comments out (reader comments are not the article).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from storywire.extract.dates import is_bare_date, parse_date
from storywire.extract.names import people_only, split_authors
from storywire.extract.title import (
    document_title,
    home_name,
    json_ld_publisher,
    meta_values,
    stated_title,
)

# htmldate and trafilatura log chatty warnings for ordinary pages.
for _name in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
    logging.getLogger(_name).setLevel(logging.ERROR)

_DATE_PARAMS = {
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "extensive_search": False,  # dateparser over the page text: 40% of HTML time, no gain here
    "original_date": True,  # the publication date, not the last modification
}


@dataclass(frozen=True)
class HtmlOptions:
    """What trafilatura is asked to do; defaults favour keeping all of the article."""

    include_tables: bool = True
    favor_precision: bool = False
    fast: bool = False  # skip trafilatura's fallback extractors (about 2x faster, less robust)


@dataclass
class HtmlExtract:
    text: str  # paragraphs separated by newlines
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    site_name: str | None = None
    hostname: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    # Where each fact came from, for the precedence over a feed item's facts
    # (``extract.precedence``): ``title`` above is the page's best headline on its own.
    stated_title: str | None = None     # JSON-LD, Dublin Core, Open Graph, Twitter
    document_title: str | None = None   # <title> without its site-name part, else <h1>
    title_site: str | None = None       # the site-name part of <title>
    stated_site: str | None = None      # og:site_name, application-name, JSON-LD publisher


def extract_html(html: str, url: str | None = None,
                 options: HtmlOptions | None = None) -> HtmlExtract | None:
    """The article in ``html``, or None when trafilatura finds no main text."""
    options = options or HtmlOptions()
    tree = load_html(html)
    if tree is None:
        return None
    metas = meta_values(tree)
    site_name = next((value for key, value in metas.items()
                      if key in ("og:site_name", "application-name")), None)
    site_name = site_name or json_ld_publisher(tree)
    # Read before trafilatura runs: it prunes the tree it is given.
    # A link home names the site too, so "Blog: Headline" loses its "Blog:" (the feed's
    # channel title does this for a polled page; a file has no feed).
    names = tuple(n for n in (site_name, home_name(tree, url)) if n)
    stated = stated_title(tree, names)
    document, title_site = document_title(tree, names)
    byline_names = _byline_names(tree)
    times = _stated_times(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=options.include_tables,
        favor_precision=options.favor_precision,
        fast=options.fast,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    published = parse_date(doc.date)
    if published is not None and _url_spells(published, url or doc.url):
        # htmldate returns a URL's date before looking at the page: the page's own date
        # (its metadata, its <time>) is the publisher's word, the URL's only a path.
        published = _page_date(html) or published
    if published is not None and _only_in_url(published, url or doc.url, html):
        published = None  # the clean stage reads a whole URL date when nothing else has one
    published = _with_time(published, times)
    if document is None and title_site is None:
        # trafilatura's own guess only for a page with no <title> at all: "| Site" states
        # an empty headline, where trafilatura would take any heading ("Share this:").
        document = (doc.title or "").strip() or None
    return HtmlExtract(
        text=doc.text,
        title=stated or document,
        # trafilatura drops in-article byline elements and may report a blog account or
        # a desk ("Staff") instead; then the page's own byline elements are the better source.
        authors=people_only(split_authors(doc.author), (site_name,)) or byline_names,
        published=published,
        site_name=site_name or _named(doc.sitename, doc.url or url),
        hostname=doc.hostname or None,
        canonical_url=doc.url or None,
        description=doc.description or None,
        stated_title=stated,
        document_title=document,
        title_site=title_site,
        stated_site=site_name,
    )


def _named(sitename: str | None, url: str | None) -> str | None:
    """trafilatura's site name unless it is only the URL's host (it falls back to that)."""
    name = (sitename or "").strip()
    if not name:
        return None
    host = (urlsplit(url).netloc if url else "").lower()
    folded = name.lower()
    if folded in (host, host.removeprefix("www.")) or _HOSTLIKE.fullmatch(folded):
        return None
    return name


_HOSTLIKE = re.compile(r"(?:[a-z0-9-]+\.)+[a-z0-9-]+(?::\d+)?|[a-z0-9.-]+:\d+")


def _url_spells(when: datetime, url: str | None, day_optional: bool = False) -> bool:
    """Whether ``when`` is a date without a time of day that the URL's path spells whole
    (/2011/11/11/ for 11 November 2011); with ``day_optional``, year and month alone do
    (/2013/09/)."""
    if not url or not is_bare_date(when):
        return False
    day = rf"(?:[/-]?0?{when.day})" + ("?" if day_optional else "")
    return bool(re.search(rf"/{when.year}[/-]?0?{when.month}{day}(?=[/_.-]|$)",
                          urlsplit(url).path))


def _page_date(html: str) -> datetime | None:
    """The date the page itself states, read by htmldate without the URL (None when the
    page states none)."""
    try:
        found = find_date(html, **_DATE_PARAMS)
    except (ValueError, TypeError):
        return None
    return parse_date(found)


def _stated_times(tree: HtmlElement) -> list[datetime]:
    """The moments the page's <time datetime="…"> elements state with a time of day, in
    document order (read before trafilatura prunes the tree)."""
    found = []
    for element in tree.iter("time"):
        value = (element.get("datetime") or "").strip()
        if "T" not in value and ":" not in value:
            continue  # a date alone adds nothing to what htmldate read
        when = parse_date(value)
        if when is not None and not is_bare_date(when):
            found.append(when)
    return found


def _with_time(when: datetime | None, times: list[datetime]) -> datetime | None:
    """A date without a time of day takes the time of the page's first <time> element of
    that day: htmldate reads ``<time datetime="2013-08-04T19:30:00+00:00">`` as the day
    alone, where the page, like its feed, states the minute."""
    if when is None or not is_bare_date(when):
        return when
    return next((t for t in times if t.date() == when.date()), when)


def _only_in_url(when: datetime, url: str | None, html: str) -> bool:
    """Whether htmldate's date is only the URL's date segments (/2022/04/1/ read as 1 April
    at midnight): no time of day, the URL spells that year and month (and that day, unless
    it is the 1st: a URL of year and month alone is read as the month's first day), and the
    page itself never writes the date. A blog post under /2013/09/ whose date header says
    "Thursday, September 26, 2013" keeps its date: no URL gave it the 26th."""
    return _url_spells(when, url, day_optional=when.day == 1) \
        and when.strftime("%Y-%m-%d") not in html


def _byline_names(tree: HtmlElement) -> list[str]:
    """People named in short byline elements (class "byline", rel/itemprop "author")."""
    names: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        marks = " ".join(element.get(a) or "" for a in ("class", "rel", "itemprop")).lower()
        if "byline" not in marks and "author" not in (element.get("rel") or "") + (
                element.get("itemprop") or ""):
            continue
        text = " ".join(element.text_content().split())
        if text and len(text.split()) <= 10:
            names += split_authors(text)
    return people_only(dict.fromkeys(names))
