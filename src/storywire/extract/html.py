"""Main text and metadata of an HTML page, by trafilatura.

trafilatura is the best-measured open extractor for news pages; storywire only maps its
output onto its own fields and leaves comments out (reader comments are not the article).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from storywire.extract.dates import parse_date
from storywire.extract.names import people_only, split_authors
from storywire.extract.title import choose_title, meta_values

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


def extract_html(html: str, url: str | None = None,
                 options: HtmlOptions | None = None) -> HtmlExtract | None:
    """The article in ``html``, or None when trafilatura finds no main text."""
    options = options or HtmlOptions()
    tree = load_html(html)
    if tree is None:
        return None
    site_name = next((value for key, value in meta_values(tree).items()
                      if key in ("og:site_name", "application-name")), None)
    # Read before trafilatura runs: it prunes the tree it is given.
    title = choose_title(tree, (site_name,) if site_name else ())
    byline_names = _byline_names(tree)
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
    return HtmlExtract(
        text=doc.text,
        title=title or (doc.title or "").strip() or None,
        # trafilatura drops in-article byline elements and may report a blog account or
        # a desk ("Staff") instead; then the page's own byline elements are the better source.
        authors=people_only(split_authors(doc.author), (site_name,)) or byline_names,
        published=parse_date(doc.date),
        site_name=site_name or (doc.sitename or "").strip() or None,
        hostname=doc.hostname or None,
        canonical_url=doc.url or None,
        description=doc.description or None,
    )


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
