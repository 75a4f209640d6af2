"""Extract stage: a capture becomes a draft — body text plus whatever metadata is known.

Cleaning (junk lines, credits, trailers) and language identification come after, in their
own stages; this stage only interprets the capture's format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from importlib import import_module
from typing import TYPE_CHECKING, Any

from storywire.extract.dates import parse_date
from storywire.extract.names import host_of, split_authors
from storywire.extract.precedence import FeedFacts, page_facts
from storywire.ingest.decode import DecodeError, decode_html, decode_text
from storywire.model import Capture

if TYPE_CHECKING:
    from storywire.extract.html import HtmlOptions, extract_html
    from storywire.extract.language import LanguageIdentifier

# trafilatura and lingua load on first use, so that reading a date or a name (the ingest
# readers, the CLI's start) does not pay for them.
_LAZY = {"HtmlOptions": "storywire.extract.html", "extract_html": "storywire.extract.html",
         "LanguageIdentifier": "storywire.extract.language"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'storywire.extract' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value

__all__ = [
    "Draft",
    "ExtractError",
    "HtmlOptions",
    "LanguageIdentifier",
    "extract_capture",
    "extract_html",
    "parse_date",
]


class ExtractError(ValueError):
    """The capture holds no article (an empty page, a record with an empty body)."""


@dataclass
class Draft:
    """The body text (paragraphs on their own lines) and the metadata stated so far.

    ``plain_text`` says the text came without structure, so the cleaner should look for the
    title, outlet, byline and date inside it.
    """

    text: str
    plain_text: bool
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    url: str | None = None
    canonical_url: str | None = None
    source_id: str | None = None
    language: str | None = None

    @property
    def host(self) -> str | None:
        """The host the article was read from. Not the canonical link's: a copy's canonical
        link points at the original's site."""
        return host_of(self.url)


def extract_capture(capture: Capture, html_options: HtmlOptions | None = None) -> Draft:
    """Interpret one capture according to its kind; raises ExtractError when it is empty."""
    try:
        if capture.kind == "html":
            draft = _from_html(decode_html(capture.raw, capture.meta.get("content_type")),
                               capture.url, html_options, FeedFacts.from_meta(capture.meta))
        elif capture.kind == "text":
            draft = Draft(text=decode_text(capture.raw), plain_text=True)
        else:
            draft = _from_record(json.loads(capture.raw), html_options)
    except DecodeError as exc:
        raise ExtractError(str(exc)) from exc
    if not draft.text.strip():
        raise ExtractError("no article text found")
    if draft.url is None:
        draft.url = capture.url
    return draft


def _from_html(html: str, url: str | None, options: HtmlOptions | None,
               feed: FeedFacts | None = None) -> Draft:
    from storywire.extract.html import extract_html

    found = extract_html(html, url, options)
    if found is None:
        raise ExtractError("no article text found in the page")
    facts = page_facts(found, feed or FeedFacts(), url)
    return Draft(
        text=found.text,
        plain_text=False,
        title=facts.title,
        outlet=facts.outlet,
        authors=facts.authors,
        published=facts.published,
        url=url,
        canonical_url=found.canonical_url,
    )


def _from_record(record: dict, options: HtmlOptions | None) -> Draft:
    """A JSON record: its own fields win over anything worked out from its body."""
    url = record.get("url") or None
    if record.get("html") and not record.get("text"):
        draft = _from_html(record["html"], url, options)
    else:
        draft = Draft(text=str(record.get("text") or ""), plain_text=not record.get("title"))
    given_authors = split_authors(record.get("authors"))
    return replace(
        draft,
        title=(str(record["title"]).strip() or None) if record.get("title") else draft.title,
        outlet=str(record["outlet"]).strip() if record.get("outlet") else draft.outlet,
        authors=given_authors or draft.authors,
        published=parse_date(record.get("published")) or draft.published,
        url=url,
        source_id=str(record["id"]) if record.get("id") is not None else None,
        language=str(record["language"]).lower() if record.get("language") else None,
    )
