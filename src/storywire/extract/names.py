"""Tidying author names and outlet names that arrive in inconsistent spellings.

The one place names are tidied: page metadata and feeds (``split_authors``) and the
cleaner's credit lines (``parse_names``) both use ``tidy_case``, ``strip_by`` and
``merge_names``; what is a person's name (``is_person_name``) and what is a role or a desk
(``ROLE_WORDS``) is decided here for both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from storywire.extract.dates import english_months

_SPLIT = re.compile(r"\s*(?:;|\||,\s*and\s+|\s+and\s+|\s+&\s+)\s*")
_BY = re.compile(r"^(?:by|par|von|por|di|door)\s+", re.IGNORECASE)


# A journalist's job: one after a metadata name is a role, not a surname ("Ben Silverman
# Games Editor"). The wider ``ROLE_WORDS`` below (desks, agencies, outlets) holds them too.
_ROLES = frozenset({
    "editor", "reporter", "correspondent", "writer", "columnist", "contributor", "staff",
    "photographer", "producer", "analyst", "journalist", "redakteur", "redakteurin",
    "rédacteur", "journaliste",
})
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
    while len(words) > 2 and (words[-1].casefold().strip(".,") in english_months()
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


# -- names in a credit line: the cleaner's bylines -----------------------------------

# Names: words that are never part of a person's name in a byline, and affiliation words.
_PARTICLES = frozenset({
    "de", "da", "das", "do", "dos", "du", "del", "della", "der", "den", "di", "la", "le",
    "van", "von", "ter", "ten", "bin", "binti", "ibn", "al", "el", "y", "zu", "st.", "af",
})
_NOT_NAME = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "our", "your", "his", "her", "their",
    "its", "my", "early", "late", "contrast", "comparison", "far", "now", "then", "law",
    "default", "design", "all", "most", "some", "many", "today", "tomorrow", "yesterday",
    "morning", "afternoon", "evening", "night", "noon", "midnight", "next", "last", "week",
    "month", "year", "way", "means", "hand", "car", "train", "plane", "bus", "boat", "air",
    "sea", "land", "phone", "mail", "email", "e-mail", "chance", "accident", "nature",
    "choice", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "one", "two", "three", "several", "order", "rail", "road", "mid", "not",
    "who", "what", "when", "how", "why", "which", "after", "before", "since", "until",
})
ROLE_WORDS = _ROLES | frozenset({
    "writers", "reporters", "correspondents", "editors", "contributors", "contributing",
    "chief", "senior", "bureau", "desk", "news", "newsroom", "wire", "wires",
    "press", "agency", "agencies", "service", "team", "times", "post", "journal", "herald",
    "tribune", "gazette", "daily", "weekly", "media", "group", "network", "online",
    "digital", "magazine", "radio", "tv", "television", "redaktion", "rédaction",
    "redacción", "redazione", "redação", "redactie", "associated", "international",
    "special", "political", "business", "economics", "science", "health", "sports",
    "author", "guest", "admin", "administrator", "webmaster", "anonymous", "unknown",
    "intern", "freelance", "freelancer", "correspondant", "journalistin", "periodista",
    "giornalista", "jornalista",
    "verslaggever", "afp", "ap", "dpa", "reuters", "efe", "ansa", "anp", "belga", "lusa",
    "apa", "sda", "kna", "epd", "xinhua", "bloomberg", "upi", "inc", "ltd", "llc", "plc",
    "company", "corporation", "university", "institute", "foundation", "council",
})
# -- name parsing -----------------------------------------------------------------------

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLE = re.compile(r"@\w+")  # "@jdoe", also glued to a name: "Jane Doe@jdoe" (e-mails go first)
_URLISH = re.compile(r"(?:https?://|www\.)\S+", re.I)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_CONJ = re.compile(r"\s+(?:and|And|AND|&|und|et|y|e|en|og|och)\s+|\s*&\s*")
_PLACE_TAIL = re.compile(r"\s+(?:in|from|at|en|à|aus|a|em|te|uit|im|nel|na|no)\b.*$")
_AFFILIATION = re.compile(r"\s+(?:\||-|–|—|/)\s+.*$")
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w'’.-]*|[^\W\d_]\.)$")


def is_person_name(text: str) -> bool:
    """Two to five capitalised words (particles allowed inside), no digits, no role word."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    if tokens[0].lower() in _PARTICLES or tokens[-1].lower() in _PARTICLES:
        return False
    for tok in tokens:
        low = tok.lower().strip(".,")
        if low in _NOT_NAME or low in ROLE_WORDS:
            return False
        if low in _PARTICLES and not tok[0].isupper():
            continue
        if not _NAME_TOKEN.match(tok) or not tok[0].isupper():
            return False
    return True


def is_role(text: str) -> bool:
    words = [w.lower().strip(".,") for w in text.split()]
    return bool(words) and len(words) <= 6 and any(w in ROLE_WORDS for w in words)


def parse_names(text: str, strict: bool = True) -> list[str] | None:
    """Author names out of the name part of a credit line.

    "Ana Li, Meridian Wire" -> [Ana Li] (without "and", only the part before the first
    comma is a name: the rest is an affiliation or a role); "A, B and C, Wire" -> A, B, C;
    "Ana Li in Lagos" -> Ana Li; e-mails, handles and parentheses are dropped.
    strict: any part that is neither a name nor a role/affiliation rejects the whole text
    (None), which is what keeps "By the end of the day" from being a byline.
    """
    text = _PARENS.sub(" ", _URLISH.sub(" ", HANDLE.sub(" ", EMAIL.sub(" ", text))))
    text = _AFFILIATION.sub("", " ".join(text.split())).strip(" ,.;:—–-")
    if not text:
        return None if strict else []
    if _CONJ.search(text):
        parts = _CONJ.split(text)
        candidates = [c for part in parts[:-1] for c in part.split(",")]
        candidates.append(parts[-1].split(",")[0])
    else:
        head, _, rest = text.partition(",")
        candidates = [head]
        # "By Ana Li, a reporter who covered the port for years" is prose, not a byline
        if (rest and strict and len(rest.split()) > 6 and not is_role(rest)
                and not is_person_name(rest.strip())):
            return None
    names: list[str] = []
    for raw in candidates:
        cand = _PLACE_TAIL.sub("", raw.strip(" .;:—–-")).strip(" .;:")
        if not cand:
            continue
        if is_person_name(cand):
            names.append(tidy_case(cand))
        elif is_role(cand):
            continue
        elif strict:
            return None
    if strict and not names:
        return None
    return names
