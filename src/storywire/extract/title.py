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

from lxml.html import HtmlElement

_META_PRIORITY = ("dc.title", "dc:title", "dcterm:title", "dcterms.title", "og:title",
                  "twitter:title")
_SEPARATOR = re.compile(r"\s+[|\-–—·»/\\]\s+|\s+::\s+")
_ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "blogposting",
                  "analysisnewsarticle", "opinionnewsarticle", "webpage")


def _clean(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text or None


def _json_ld_headline(tree: HtmlElement) -> str | None:
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
            headline = item.get("headline") or item.get("name")
            if any(k in _ARTICLE_TYPES for k in kinds) and isinstance(headline, str):
                return _clean(headline)
    return None


def strip_site_name(title: str, site_names: tuple[str, ...] = ()) -> str:
    """"Headline | Outlet" -> "Headline": drop an end part that names the site, or a short
    last part (<= 3 words) after a longer headline; otherwise keep the title whole."""
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return title
    known = {s.casefold() for s in site_names if s}
    head, tail = title[:separators[-1].start()], title[separators[-1].end():]
    if tail.strip().casefold() in known or (len(tail.split()) <= 3 < len(head.split())):
        return head.strip()
    lead, body = title[:separators[0].start()], title[separators[0].end():]
    if lead.strip().casefold() in known:
        return body.strip()
    return title


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


def choose_title(tree: HtmlElement, site_names: tuple[str, ...] = ()) -> str | None:
    """The page's headline, or None when the page states none."""
    found = _json_ld_headline(tree)
    if found:
        return found
    metas = meta_values(tree)
    for key in _META_PRIORITY:
        if key in metas:
            return strip_site_name(metas[key], site_names)
    doc_title = _clean(tree.findtext(".//title"))
    if doc_title:
        return strip_site_name(doc_title, site_names)
    for h1 in tree.iter("h1"):
        text = _clean(h1.text_content())
        if text:
            return text
    return None
