"""Choosing a page's headline from the places publishers put it.

trafilatura prefers a lone <h1>, which on many pages is a blog name or a section label
("Allergies Health Center"). Publishers state the headline more reliably in structured
metadata, so storywire asks in the order Mozilla Readability does: JSON-LD ``headline``,
Dublin Core, Open Graph, Twitter, then the document <title> without its site-name part, and
only then the <h1>.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from storywire.extract.precedence import SITE_MARKS

_META_PRIORITY = ("dc.title", "dc:title", "dcterm:title", "dcterms.title", "og:title",
                  "twitter:title")
_SEPARATOR = re.compile(r"\s+[|\-–—·»/\\]\s+|\s+::\s+")
_MARK = f"[{re.escape(SITE_MARKS)}]"
_BARE_SITE = re.compile(rf"{_MARK}\s*(?P<tail>[^{re.escape(SITE_MARKS)}]+)"
                        rf"|(?P<lead>[^{re.escape(SITE_MARKS)}]+?)\s*{_MARK}")
_ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "blogposting",
                  "analysisnewsarticle", "opinionnewsarticle", "webpage")


def _clean(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text or None


def _json_ld_articles(tree: HtmlElement) -> Iterator[dict]:
    """The page's JSON-LD objects of an article type, in document order."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            kind = item.get("@type")
            kinds = [k.lower() for k in (kind if isinstance(kind, list) else [kind])
                     if isinstance(k, str)]
            if any(k in _ARTICLE_TYPES for k in kinds):
                yield item


def _json_ld_headline(tree: HtmlElement) -> str | None:
    for item in _json_ld_articles(tree):
        headline = item.get("headline") or item.get("name")
        if isinstance(headline, str) and _clean(headline):
            return _clean(headline)
    return None


def json_ld_publisher(tree: HtmlElement) -> str | None:
    """The publisher's name an article's JSON-LD states (``publisher.name`` or a string)."""
    for item in _json_ld_articles(tree):
        publisher = item.get("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict):
            publisher = publisher.get("name")
        if isinstance(publisher, str) and _clean(publisher):
            return _clean(publisher)
    return None


def strip_site_name(title: str, site_names: tuple[str, ...] = ()) -> str:
    """"Headline | Outlet" -> "Headline": drop an end part that names the site, or a short
    last part (<= 3 words) after a longer headline; otherwise keep the title whole."""
    return split_site_name(title, site_names)[0]


def split_site_name(title: str, site_names: tuple[str, ...] = ()) -> tuple[str, str | None]:
    """(headline, the site-name part dropped from it, or None): "Headline | Outlet" and
    "Outlet | Headline" as ``strip_site_name`` decides."""
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return title, None
    known = {s.casefold() for s in site_names if s}
    head, tail = title[:separators[-1].start()], title[separators[-1].end():]
    if tail.strip().casefold() in known or (len(tail.split()) <= 3 < len(head.split())):
        return head.strip(), tail.strip()
    lead, body = title[:separators[0].start()], title[separators[0].end():]
    if lead.strip().casefold() in known:
        return body.strip(), lead.strip()
    return title, None


def split_known_lead(title: str, site_names: tuple[str, ...]) -> tuple[str, str | None]:
    """(headline, site name) of a <title> that opens with a known site name and a colon
    ("Harbour Notes: Dock workers walk out", Blogger's layout); else (title, None). Only a
    known name: a colon in a headline ("Lawyer: Lohan checks in") is not a site mark."""
    lead, colon, body = title.partition(":")
    known = {s.casefold() for s in site_names if s}
    if colon and body.strip() and lead.strip().casefold() in known:
        return body.strip(), lead.strip()
    return title, None


def home_name(tree: HtmlElement, url: str | None) -> str | None:
    """The text of the page's first link to its site's home ("/"), as a blog's header
    names the blog: a name to recognise in the <title>, not an outlet on its own."""
    host = urlsplit(url).netloc.lower() if url else ""
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        parts = urlsplit(href)
        if parts.query or parts.fragment or parts.path not in ("", "/") or not href:
            continue
        if parts.netloc and parts.netloc.lower() != host:
            continue
        text = _clean(link.text_content())
        if text and len(text.split()) <= 6:
            return text
    return None


def meta_values(tree: HtmlElement) -> dict[str, str]:
    """Each <meta> key (property or name, lowercased) with its first non-empty content,
    whitespace collapsed, in document order."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = _clean(meta.get("content"))
        if key and content and key not in values:
            values[key] = content
    return values


def stated_title(tree: HtmlElement, site_names: tuple[str, ...] = ()) -> str | None:
    """The headline the page's metadata states (JSON-LD, Dublin Core, Open Graph,
    Twitter), or None."""
    found = _json_ld_headline(tree)
    if found:
        return found
    metas = meta_values(tree)
    for key in _META_PRIORITY:
        if key in metas:
            return strip_site_name(metas[key], site_names)
    return None


def document_title(tree: HtmlElement,
                   site_names: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    """(headline, site name) from the document itself: its <title> split at the site-name
    part, else the first non-empty <h1> (and no site name)."""
    doc_title = _clean(tree.findtext(".//title"))
    if doc_title:
        bare = _BARE_SITE.fullmatch(doc_title)
        if bare:  # "| Site", "Site:": the template's headline part is empty
            return None, bare.group("lead") or bare.group("tail")
        headline, site = split_site_name(doc_title, site_names)
        return (headline, site) if site else split_known_lead(doc_title, site_names)
    for h1 in tree.iter("h1"):
        text = _clean(h1.text_content())
        if text:
            return text, None
    return None, None


def choose_title(tree: HtmlElement, site_names: tuple[str, ...] = ()) -> str | None:
    """The page's headline, or None when the page states none."""
    return stated_title(tree, site_names) or document_title(tree, site_names)[0]
