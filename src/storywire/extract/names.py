"""Tidying author names and outlet names that arrive in inconsistent spellings.

The one place names are tidied: page metadata and feeds (``split_authors``) and the
cleaner's credit lines (``storywire.clean.rules.parse_names``) both use ``tidy_case``,
``strip_by`` and ``merge_names``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_SPLIT = re.compile(r"\s*(?:;|\||,\s*and\s+|\s+and\s+|\s+&\s+)\s*")
_BY = re.compile(r"^(?:by|par|von|por|di|door)\s+", re.IGNORECASE)


_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}
_ROLES = {
    "editor", "reporter", "correspondent", "writer", "columnist", "contributor", "staff",
    "photographer", "producer", "analyst", "journalist", "redakteur", "redakteurin",
    "rédacteur", "journaliste",
}
# Placeholders that templates and trafilatura sometimes return as a name.
_NOT_NAMES = {n.casefold() for n in (
    "Username", "Admin", "Administrator", "Author", "Staff", "Editor", "Anonymous", "Guest",
    "Authority control", "作者", "編輯")}


_NAME_PARTS = re.compile(r"([-'’])")


def tidy_case(name: str) -> str:
    """ "JEFFREY GETTLEMAN" -> "Jeffrey Gettleman", "ANNE-MARIE D'ARCY" -> "Anne-Marie
    D'Arcy"; a name in normal case is left alone."""
    if not name.isupper():
        return name
    return " ".join("".join(part[:1] + part[1:].lower() for part in _NAME_PARTS.split(token))
                    for token in name.split())


def strip_by(text: str) -> str:
    """ "By Jane Doe", "Par Jeanne Dupont" -> the name part."""
    return _BY.sub("", text)


def _tidy(name: str) -> str:
    """One clean name: no "By", no trailing date word, role or lowercase tail."""
    name = strip_by(" ".join(name.split())).strip(" ,.;")
    if name.isupper() and len(name) > 3:
        name = tidy_case(name)
    words = name.split()
    # "Joshua Sokol May", "Aleš Vávra před", "Ben Silverman Games Editor"
    while len(words) > 2 and (words[-1].casefold().strip(".,") in _MONTHS
                              or words[-1][:1].islower() or words[-1].isdigit()):
        words.pop()
    if len(words) > 2 and words[-1].casefold() in _ROLES:
        words = words[:-2] if len(words) > 3 else words[:-1]
    name = " ".join(words)
    return "" if name.casefold() in _NOT_NAMES else name


def split_authors(value: str | Iterable[str] | None) -> list[str]:
    """A list of distinct names from "A; B", "A and B", ["A", "B"] (case-insensitive dedupe)."""
    if not value:
        return []
    parts = _SPLIT.split(value) if isinstance(value, str) else list(value)
    return merge_names(_tidy(str(p)) for p in parts)


# A byline ending in one of these names a desk or an agency, not a person.
_DESK_WORDS = {"staff", "desk", "team", "wire", "newsroom", "editor", "editors", "reporters",
               "agency", "service", "news", "redaktion", "rédaction"}


def people_only(names: Iterable[str], outlets: Iterable[str | None] = ()) -> list[str]:
    """Drop bylines that are not people: "TrendPulse Staff", "Meridian Wire", the outlet."""
    not_people = {o.casefold() for o in outlets if o}
    return [n for n in names
            if n.casefold() not in not_people and n.split()[-1].casefold() not in _DESK_WORDS]


def merge_names(*groups: Iterable[str]) -> list[str]:
    """Concatenate name lists, dropping empty names and case-insensitive repeats."""
    seen: set[str] = set()
    merged: list[str] = []
    for group in groups:
        for name in group:
            key = " ".join(name.split()).casefold()
            if name and key not in seen:
                seen.add(key)
                merged.append(name)
    return merged


def host_of(url: str | None) -> str | None:
    """The host of a URL without a leading "www."; None when there is none."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None
