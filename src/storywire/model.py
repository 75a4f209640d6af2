"""Plain data objects that travel between the stages.

Stages take and return these; the store persists them. Nothing here does I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

CAPTURE_KINDS = ("html", "text", "record")


def sha256_hex(data: bytes) -> str:
    """Content hash used to key captures (and so to make ingestion idempotent)."""
    return hashlib.sha256(data).hexdigest()


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Capture:
    """What was read, byte for byte, before any interpretation.

    ``kind`` says how to interpret ``raw``: an HTML page, a plain-text article, or a JSON
    record (one object). ``origin`` names where it came from precisely enough for an error
    message: a file path, ``path:line N`` or ``path @ record N``.
    """

    raw: bytes
    kind: str
    origin: str
    url: str | None = None
    fetched_at: datetime | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    sha256: str = ""

    def __post_init__(self) -> None:
        if self.kind not in CAPTURE_KINDS:
            raise ValueError(f"unknown capture kind {self.kind!r}")
        if not self.sha256:
            self.sha256 = sha256_hex(self.raw)

    @property
    def article_id(self) -> str:
        """An article's id is derived from its capture, so it is stable across re-runs."""
        return self.sha256[:16]


@dataclass
class Article:
    """What storywire understood from one capture."""

    id: str
    capture_sha256: str
    origin: str
    paragraphs: list[str]
    source_id: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    language: str | None = None
    removed: list[str] = field(default_factory=list)
    removed_reasons: list[str] = field(default_factory=list)
    ingested_at: datetime | None = None
    # Filled by later stages (copies, stories, understanding); present from the start so
    # that exports keep one shape.
    copy_of: str | None = None
    copy_kind: str | None = None
    copy_evidence: dict[str, Any] | None = None
    story_id: str | None = None
    quotes: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The article body: paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    def to_export(self) -> dict[str, Any]:
        """The stable JSON shape of ``storywire export`` (field names are a public contract)."""
        return {
            "id": self.id,
            "source_id": self.source_id,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "outlet": self.outlet,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "text": self.text,
            "removed": list(self.removed),
            "copy_of": self.copy_of,
            "copy_kind": self.copy_kind,
            "copy_evidence": self.copy_evidence,
            "story_id": self.story_id,
            "quotes": list(self.quotes),
            "entities": list(self.entities),
            "figures": list(self.figures),
            "origin": self.origin,
            "capture_sha256": self.capture_sha256,
        }


EXPORT_FIELDS = tuple(
    Article(id="", capture_sha256="", origin="", paragraphs=[]).to_export().keys()
)


# -- watches ---------------------------------------------------------------------------------
@dataclass
class WatchStory:
    """What one watch has told about one story: every matching outlet seen, the outlets
    already in an alert, and what an alert shows (headline, first report, link)."""

    watch_id: int
    story_key: str
    outlets: list[str]
    alerted_outlets: list[str]
    articles: list[str]
    headline: str | None
    first_outlet: str | None
    first_seen: datetime | None
    link: str | None
    last_alert_at: datetime
    first_article: str | None = None  # the first report's article id
    first_copy: bool = False          # it is a copy (an original found later replaces it)

    @property
    def held(self) -> bool:
        """No alert has gone out on it yet: its "new" alert waits for the story to settle
        (then ``last_alert_at`` is when the wait began)."""
        return not self.alerted_outlets


@dataclass
class Story:
    """One story: independent reports of one event, grouped as they arrive.

    ``first_seen``/``last_seen`` are the publication times of its earliest and latest
    reports (None when no report is dated); ``active`` is the stream time of its latest
    report (the publication time, or the stream's clock for an undated one), which decides
    when the story closes. ``terms`` and ``names`` are the story stage's centroid vectors,
    opaque to everyone else; ``reports`` counts the originals that shaped them.
    """

    id: str
    headline: str | None = None
    language: str | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    active: datetime | None = None
    reports: int = 0
    terms: bytes = b""
    names: bytes = b""
    updated_at: datetime | None = None


@dataclass
class StoryReport:
    """An original's own vectors in the story it shaped, as the story stage packed them
    (opaque to everyone else), and the index keys it added: what a second look at a story
    regroups, and what is taken out again when the original turns out to be a copy."""

    article_id: str
    story_id: str
    terms: bytes = b""
    names: bytes = b""
    keys: tuple[int, ...] = ()
