"""The plain records a store reads and writes, shared by every backend and its callers.

Only the standard library and ``storywire.model``: importing these costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from storywire.model import Article


class StoreError(Exception):
    """A store could not be opened or does not hold what was asked for."""


class StoreBusy(StoreError):
    """Another writer held the store's lock longer than this one would wait: nothing was
    written, and the same call can succeed later (the web answers 503 with Retry-After)."""


MARK_START, MARK_END = "\x02", "\x03"  # around matched words in SearchHit.snippet


@dataclass
class SearchHit:
    article: Article
    snippet: str  # matched words between MARK_START and MARK_END
    score: float

    def marked(self, start: str, end: str, escape: Callable[[str], str] = str) -> str:
        """The snippet with matches wrapped in ``start``/``end``, the rest passed to ``escape``."""
        out = []
        for index, piece in enumerate(self.snippet.split(MARK_START)):
            inside, _, after = piece.partition(MARK_END) if index else ("", "", piece)
            if index:
                out.append(start + escape(inside) + end)
            out.append(escape(after))
        return "".join(out)


@dataclass
class ArticleFilter:
    """Which articles a listing shows; None means no restriction."""

    outlet: str | None = None
    language: str | None = None
    originals: bool = False  # only articles that copy no other stored article
    limit: int | None = 50
    offset: int = 0
    since: date | None = None  # published on or after this day
    until: date | None = None  # published on or before this day
    story_id: str | None = None  # only the articles of this story


# -- watch records: sources, seen items, watches, alerts and their outbox ------------------
@dataclass
class SourceRecord:
    id: int
    url: str
    kind: str
    title: str | None
    site_url: str | None
    added_at: datetime
    etag: str | None
    last_modified: str | None
    last_poll: datetime | None
    last_status: int | None
    next_due: datetime
    interval: float
    items_seen: int
    errors: int
    last_error: str | None


@dataclass
class PollRecord:
    """What one poll of a source found (items: url, guid, title, published, author), and
    the feed's own title (kept as the source's title when it has none)."""

    polled_at: datetime
    next_due: datetime
    interval: float
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    items: list[tuple[str, str | None, str | None, datetime | None, str | None]] = field(
        default_factory=list)
    title: str | None = None


@dataclass
class SeenItem:
    url: str
    source_id: int
    source_url: str
    title: str | None
    published: datetime | None
    attempts: int
    author: str | None = None
    source_title: str | None = None   # the feed channel's title


@dataclass
class WatchRecord:
    id: int
    name: str
    query: str
    targets: list[str]
    created_at: datetime
    cursor: int
    digest: str | None = None      # hourly | daily: one message per period; None: each alert


@dataclass
class NewAlert:
    story_key: str
    kind: str                      # new | update | digest
    payload: dict[str, Any]
    targets: list[str]


@dataclass
class AlertRecord:
    id: int
    watch_id: int
    story_key: str
    kind: str
    created_at: datetime
    payload: dict[str, Any]


@dataclass
class DeliveryRecord:
    alert: AlertRecord
    watch_name: str
    target: str
    attempts: int


# -- web records: keyset pages, delivery state --------------------------------------------
@dataclass
class ArticlePage:
    """One page of a listing and the opaque cursor of the next (None on the last page)."""

    articles: list[Article]
    next_cursor: str | None


@dataclass
class DeliveryState:
    target: str
    state: str                     # pending | sent | dead
    attempts: int
    last_error: str | None
    next_attempt: datetime | None
    sent_at: datetime | None
