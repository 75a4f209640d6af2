"""Which of two related articles is the original, and whom a copy says it copies.

A copy often says where it comes from: "Originally published at X", "This article first
appeared on X", "Read the full story at X", a wire dateline "DALLAS (AP) —", a credit line
"— Meridian Wire", a canonical link to another site. The cleaner moves most such lines out
of the text into ``article.removed``, so both are read.

The original of a pair is decided by the first of these that tells them apart:

1. a canonical link of one pointing at the other's address;
2. one naming the other's outlet (or host) as its source, and not the reverse;
3. the earlier publication time (a time of exactly midnight UTC is taken as a bare date,
   compared by day only);
4. a known publication time over an unknown one (pastes and scrapes lose it);
5. fewer signs of being a re-post (alert headers, trailers, blog chrome in ``removed``);
6. the one stored first.

Excerpts are settled before all this: the text contained in the other is the copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from storywire.extract.dates import is_bare_date
from storywire.model import Article

_NAME = r"([^\n;!?]{2,120}?)"
_ATTRIBUTION = re.compile(
    r"^\W*(?:"
    r"(?:this\s+(?:article|story|post|piece|report|content)\s+(?:was\s+|is\s+)?)?"
    r"(?:originally|first)\s+(?:published|appeared|posted|ran)\s+(?:on|at|in|by)\s+" + _NAME +
    r"|the\s+post\s+.{1,200}?\s+appeared\s+first\s+on\s+" + _NAME +
    r"|read\s+(?:the\s+)?(?:full|complete|whole|entire|original|rest\s+of\s+the)\s+"
    r"(?:story|article|report|post)\s+(?:at|on|in)\s+" + _NAME +
    r"|(?:source|via|republished\s+(?:from|with\s+permission\s+(?:from|of)))\s*:?\s+" + _NAME +
    r"|cet\s+article\s+(?:a\s+été\s+|est\s+)?(?:initialement\s+|d'abord\s+)?"
    r"(?:publié|paru)\s+(?:sur|dans|par)\s+" + _NAME +
    r"|(?:dieser\s+(?:artikel|beitrag)\s+)?erschien\s+(?:zuerst|ursprünglich)\s+"
    r"(?:auf|in|bei)\s+" + _NAME +
    r")\W*$",
    re.IGNORECASE,
)
# "DALLAS (AP) —", "PORT ALDANE, Nov 3 (Meridian Wire) —", "(Reuters) -"
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Þ][A-ZÀ-Þ .,'’-]{1,60}(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*)?"
    r"\((?P<name>[A-Z][\w&.' -]{1,40})\)\s*[—–-]")
_CREDIT_OUTLET = re.compile(r"^\W*(?:[—–-]+\s*(?P<name>[A-Z][\w&.' -]{1,40}?)|"
                            r"by\s+[^,]{2,60},\s*(?P<name2>[A-Z][\w&.' -]{1,40}?))\s*\.?$",
                            re.IGNORECASE)
_CREDIT_PERSON = re.compile(r"\b(?:contributed|reporting|editing|writing)\b", re.IGNORECASE)
_REPOST_REASONS = frozenset({"alert", "alert-source", "trailer", "prev-next", "like-widget",
                             "share-prompt", "comments", "related", "provenance"})


@dataclass(frozen=True)
class Claim:
    """A copy's own statement of where its text comes from."""

    kind: str    # attribution | dateline | credit | canonical
    name: str    # the outlet, host or address named
    line: str    # the line that says so


def claims(article: Article) -> list[Claim]:
    """Every statement of origin found in the article's text, removed lines and links."""
    found: list[Claim] = []
    lines = [*article.removed, *article.paragraphs[:2], *article.paragraphs[-3:]]
    seen: set[tuple[str, str]] = set()

    def add(kind: str, name: str, line: str) -> None:
        name = name.strip(" \"'“”‘’.,:;()[]")
        if len(name) >= 2 and (kind, _key(name)) not in seen:
            seen.add((kind, _key(name)))
            found.append(Claim(kind, name, line.strip()[:200]))

    for line in lines:
        short = line.strip()
        if len(short.split()) <= 40:
            match = _ATTRIBUTION.match(short)
            if match:
                add("attribution", next(g for g in match.groups() if g), short)
                continue
        if len(short.split()) <= 10 and not _CREDIT_PERSON.search(short):
            match = _CREDIT_OUTLET.match(short)
            if match:
                add("credit", match["name"] or match["name2"], short)
    for paragraph in article.paragraphs[:1]:
        match = _DATELINE.match(paragraph.strip())
        if match:
            add("dateline", match["name"], paragraph.strip()[:120])
    own, canonical = host_of(article.url), host_of(article.canonical_url)
    if canonical and own and canonical != own:
        add("canonical", article.canonical_url or canonical, article.canonical_url or "")
    return found


def claimed_origin(article: Article) -> Claim | None:
    """The first claim naming someone other than the article's own outlet or host."""
    for claim in claims(article):
        if not _names(claim.name, article):
            return claim
    return None


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.") or None


def _key(name: str) -> str:
    name = name.casefold().strip()
    name = re.sub(r"^(?:the|la|le|les|l'|der|die|das|el|il)\s*", "", name)
    return re.sub(r"\W+", "", name)


def _names(claimed: str, article: Article) -> bool:
    """Does the claimed name (outlet name, host or address) designate this article?"""
    wanted = _key(claimed)
    if not wanted:
        return False
    hosts = {h for h in (host_of(article.url), host_of(article.canonical_url)) if h}
    claimed_host = host_of(claimed) if ("." in claimed and " " not in claimed.strip()) else None
    if claimed_host and any(claimed_host == h or h.endswith("." + claimed_host)
                            or claimed_host.endswith("." + h) for h in hosts):
        return True
    if article.url and claimed.strip().rstrip("/") == article.url.rstrip("/"):
        return True
    outlet = _key(article.outlet or "")
    if outlet and (wanted == outlet or (len(outlet) >= 4 and wanted.startswith(outlet))):
        return True
    labels = {_key(h.split(".")[0]) for h in hosts}
    return wanted in labels or (claimed_host is not None
                                and _key(claimed_host.split(".")[0]) == outlet)


def names_other(copy: Article, original: Article) -> Claim | None:
    """A claim of ``copy`` that designates ``original`` (its outlet, host or address) and
    not ``copy`` itself: a wire's own dateline, or an alert paste of an outlet's article
    under that outlet's name, names no one else."""
    for claim in claims(copy):
        if _names(claim.name, original) and not _names(claim.name, copy):
            return claim
    return None


def _canonical_points(a: Article, b: Article) -> bool:
    if not a.canonical_url or not b.url:
        return False
    return (a.canonical_url.rstrip("/") == b.url.rstrip("/")
            and (a.url or "").rstrip("/") != b.url.rstrip("/"))


def earlier(a: Article, b: Article) -> int:
    """-1 if a was published first, 1 if b was, 0 when the times cannot tell."""
    if a.published is None or b.published is None:
        return 0
    if is_bare_date(a.published) or is_bare_date(b.published):
        da, db = a.published.date(), b.published.date()
        return (da > db) - (da < db)
    pa, pb = a.published, b.published
    if pa.tzinfo is None or pb.tzinfo is None:
        pa, pb = pa.replace(tzinfo=None), pb.replace(tzinfo=None)
    return (pa > pb) - (pa < pb)


def repost_signs(article: Article) -> int:
    return sum(1 for reason in set(article.removed_reasons) if reason in _REPOST_REASONS)


def original_of(a: Article, b: Article) -> tuple[Article, Article, str]:
    """(original, copy, why) for two articles known to carry the same text.

    ``b`` is taken to be the one stored first (the last resort).
    """
    if _canonical_points(a, b) != _canonical_points(b, a):
        return (b, a, "canonical link") if _canonical_points(a, b) else (a, b, "canonical link")
    a_names_b, b_names_a = names_other(a, b), names_other(b, a)
    if bool(a_names_b) != bool(b_names_a):
        claim = a_names_b or b_names_a
        assert claim is not None
        why = f"{claim.kind}: {claim.line}"
        return (b, a, why) if a_names_b else (a, b, why)
    order = earlier(a, b)
    if order:
        return (a, b, "published earlier") if order < 0 else (b, a, "published earlier")
    if (a.published is None) != (b.published is None):
        return ((a, b, "has a publication time") if b.published is None
                else (b, a, "has a publication time"))
    signs_a, signs_b = repost_signs(a), repost_signs(b)
    if signs_a != signs_b:
        return ((a, b, "fewer re-post signs") if signs_a < signs_b
                else (b, a, "fewer re-post signs"))
    return b, a, "stored first"
