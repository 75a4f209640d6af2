"""What every store offers the stages and faces; the SQLite store is the first implementation.

Keeping this surface small is what lets a PostgreSQL store be added without touching the
stages: the pipeline and the CLI speak only these methods.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from storywire.model import Article, Capture, Story, StoryReport, WatchStory


class StoreError(Exception):
    """A store could not be opened or does not hold what was asked for."""


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


class Store(ABC):
    """Durable home of captures, articles and the stage state (learned junk statistics)."""

    # -- lifecycle ---------------------------------------------------------------------
    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Group writes: all of them land, or none (nested use joins the outer one)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- captures ----------------------------------------------------------------------
    @abstractmethod
    def capture_state(self, sha256: str) -> str | None:
        """None if unknown, "article" if it produced an article, "failed" if extraction failed."""

    @abstractmethod
    def put_capture(self, capture: Capture, error: str | None = None) -> None:
        """Keep the raw bytes (once); record or clear the extraction error."""

    @abstractmethod
    def get_capture(self, sha256: str) -> Capture | None: ...

    @abstractmethod
    def iter_captures(self) -> Iterator[Capture]: ...

    @abstractmethod
    def capture_hashes(self) -> list[str]:
        """Every capture's SHA-256 in storage order (cheap: no raw bytes are read)."""

    @abstractmethod
    def count_captures(self) -> int: ...

    # -- articles ----------------------------------------------------------------------
    @abstractmethod
    def put_article(self, article: Article) -> None:
        """Insert or replace the article with this id (its capture must be stored);
        an article without ``ingested_at`` is stamped with the current time."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None:
        """By full id, or by a unique prefix of at least 4 characters."""

    @abstractmethod
    def list_articles(self, flt: ArticleFilter | None = None) -> list[Article]:
        """Newest publication first; undated articles last, newest ingested first."""

    @abstractmethod
    def iter_articles(self) -> Iterator[Article]:
        """Every article in ingestion order, streamed."""

    @abstractmethod
    def count_articles(self) -> int: ...

    @abstractmethod
    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Ranked full-text search over title and text, with a highlighted snippet."""

    @abstractmethod
    def summary(self) -> dict[str, object]:
        """Counts for reports: articles by outlet, by language, junk lines by reason."""

    # -- learned junk statistics ------------------------------------------------------
    @abstractmethod
    def observe_lines(self, outlet: str, lines: dict[str, str]) -> None:
        """Count one more article of ``outlet`` carrying each line key (key -> sample line)."""

    @abstractmethod
    def line_counts(self, outlet: str, keys: Iterable[str]) -> dict[str, int]:
        """How many articles of ``outlet`` carry each key (absent keys are left out)."""

    @abstractmethod
    def outlet_article_count(self, outlet: str) -> int: ...

    @abstractmethod
    def frequent_lines(self, outlet: str, min_articles: int) -> list[tuple[str, int, str]]:
        """(key, articles, sample) for every line of ``outlet`` seen in >= min_articles."""

    @abstractmethod
    def reset_line_stats(self) -> None: ...

    # -- outlet names by host ------------------------------------------------------------
    @abstractmethod
    def observe_outlet_host(self, host: str, outlet: str) -> None:
        """Count one more article of ``host`` published under the name ``outlet``."""

    @abstractmethod
    def outlet_for_host(self, host: str) -> str | None:
        """The name most articles of ``host`` carry, or None when none is known."""

    @abstractmethod
    def reset_outlet_hosts(self) -> None: ...

    # -- copies: fingerprints, LSH band keys, copy links --------------------------------
    @abstractmethod
    def copy_scheme(self) -> str | None:
        """The fingerprint scheme the stored band keys were made with (None: none yet)."""

    @abstractmethod
    def set_copy_scheme(self, scheme: str) -> None: ...

    @abstractmethod
    def put_copy_keys(self, article_id: str, exact: str, keys: Sequence[int],
                      signature: bytes = b"") -> None:
        """Index an article: its exact hash (hex), its band keys (added to any it has) and
        a signature kept to estimate its similarity to a new article."""

    @abstractmethod
    def copy_signatures(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        """The stored signatures of these articles (those that have one)."""

    @abstractmethod
    def delete_copy_keys(self, article_id: str, keys: Sequence[int]) -> None:
        """Remove these band keys of the article (its text changed)."""

    @abstractmethod
    def exact_matches(self, exact: str, limit: int) -> list[str]:
        """Ids of the articles whose exact hash is ``exact``, first stored first."""

    @abstractmethod
    def band_matches(self, keys: Sequence[int], limit: int,
                     per_key: int | None = None) -> list[tuple[str, int]]:
        """(article id, number of ``keys`` it shares) for articles sharing any, most first.
        With ``per_key``, each key reads only its ``per_key`` newest articles: one bounded
        index range per key, so the cost does not grow with the number of articles even
        for a key that many share (such a key tells little anyway)."""

    @abstractmethod
    def set_copy(self, article_id: str, copy_of: str | None, kind: str | None,
                 evidence: dict[str, Any] | None) -> None:
        """Record (or clear) what the article is a copy of, of which kind, and why."""

    @abstractmethod
    def copies_of(self, article_id: str) -> list[Article]:
        """The articles whose ``copy_of`` is this id."""

    @abstractmethod
    def article_ids(self) -> list[str]:
        """Every article id in ingestion order (cheap: no text is read)."""

    @abstractmethod
    def reset_copies(self) -> None:
        """Forget every fingerprint, band key and copy link (before recomputing them)."""

    @abstractmethod
    def copy_index_size(self) -> dict[str, int]:
        """Rows and bytes of the copy index (fingerprints and band keys), for reports."""

    # -- watch: sources, seen items, watches, alerts and their outbox (issue 6) ----------
    @abstractmethod
    def add_source(self, url: str, kind: str, title: str | None, site_url: str | None,
                   interval: float) -> tuple[SourceRecord, bool]:
        """Add a source (due at once) or return the one with this URL; True if added."""

    @abstractmethod
    def list_sources(self) -> list[SourceRecord]: ...

    @abstractmethod
    def get_source(self, key: str | int) -> SourceRecord | None:
        """By id or by URL."""

    @abstractmethod
    def remove_source(self, source_id: int) -> None:
        """Forget the source and its items not fetched yet (articles stay)."""

    @abstractmethod
    def due_sources(self, now: datetime) -> list[SourceRecord]: ...

    @abstractmethod
    def unseen_urls(self, urls: Sequence[str]) -> set[str]:
        """Those of ``urls`` that no source has named yet."""

    @abstractmethod
    def record_poll(self, source_id: int, poll: PollRecord) -> int:
        """Record a poll's outcome and its items (unknown URLs become pending) in one
        transaction; returns how many items were new."""

    @abstractmethod
    def pending_items(self, now: datetime, limit: int) -> list[SeenItem]:
        """Items whose page is to be fetched (now or overdue), oldest first."""

    @abstractmethod
    def item_fetched(self, url: str, capture_sha256: str | None) -> None: ...

    @abstractmethod
    def item_failed(self, url: str, error: str, retry_at: datetime | None) -> None:
        """Count a failed fetch against the item and its source; None gives up on it."""

    @abstractmethod
    def add_watch(self, name: str, query: str, targets: Sequence[str]) -> WatchRecord:
        """A new watch starts after the articles stored now (it alerts on what comes)."""

    @abstractmethod
    def list_watches(self) -> list[WatchRecord]: ...

    @abstractmethod
    def get_watch(self, name: str) -> WatchRecord | None: ...

    @abstractmethod
    def remove_watch(self, name: str) -> bool: ...

    @abstractmethod
    def articles_after(self, cursor: int, limit: int) -> list[tuple[int, Article]]:
        """(position, article) of articles stored after ``cursor``, in storage order."""

    @abstractmethod
    def watch_stories(self, watch_id: int, keys: Sequence[str]) -> dict[str, WatchStory]: ...

    @abstractmethod
    def save_watch_progress(self, watch_id: int, cursor: int, stories: Sequence[WatchStory],
                            alerts: Sequence[NewAlert], now: datetime) -> list[int]:
        """In one transaction: the stories' state, the alerts (made ``now``) and their
        deliveries due now (the outbox), and the watch's cursor. Returns the alert ids."""

    @abstractmethod
    def stories_awaiting_update(self, before: datetime) -> list[WatchStory]:
        """Stories with outlets not alerted yet whose last alert is older than ``before``."""

    @abstractmethod
    def due_deliveries(self, now: datetime) -> list[DeliveryRecord]: ...

    @abstractmethod
    def delivery_done(self, alert_id: int, target: str, error: str | None,
                      retry_at: datetime | None) -> None:
        """Sent (no error), to retry at ``retry_at``, or dead (an error and no retry)."""

    @abstractmethod
    def recent_alerts(self, watch_id: int, limit: int) -> list[AlertRecord]:
        """Newest first."""

    @abstractmethod
    def watch_counts(self) -> dict[str, int]:
        """Alerts and deliveries by state, for status lines."""

    # -- stories: story index, term statistics, story membership -------------------------
    @abstractmethod
    def story_setting(self, key: str) -> str | None:
        """A value the story stage keeps between runs (its scheme, the stream clock)."""

    @abstractmethod
    def set_story_setting(self, key: str, value: str) -> None: ...

    @abstractmethod
    def term_documents(self, features: Sequence[int]) -> dict[int, int]:
        """How many indexed reports hold each hashed term (absent ones are left out)."""

    @abstractmethod
    def add_term_documents(self, features: Sequence[int]) -> None:
        """Count one more indexed report holding each of these hashed terms."""

    @abstractmethod
    def put_story(self, story: Story) -> None:
        """Insert or replace a story; its index keys take its new activity time."""

    @abstractmethod
    def get_story(self, story_id: str) -> Story | None:
        """By full id, or by a unique prefix of at least 4 characters."""

    @abstractmethod
    def get_stories(self, story_ids: Sequence[str]) -> dict[str, Story]: ...

    @abstractmethod
    def delete_story(self, story_id: str) -> None:
        """Forget a story and its index keys (its members have moved elsewhere)."""

    @abstractmethod
    def put_story_keys(self, story_id: str, keys: Sequence[int]) -> None:
        """Index a story under these keys (added to any it has)."""

    @abstractmethod
    def story_candidates(self, keys: Sequence[int], active_since: str | None,
                         per_key: int) -> list[tuple[str, int]]:
        """(story id, number of ``keys`` it is indexed under), most first, among stories
        active at or after ``active_since`` (ISO time; None: any). At most ``per_key`` stories
        are read per key, most recently active first: the cost does not grow with the store."""

    @abstractmethod
    def put_story_report(self, report: StoryReport) -> None:
        """Record that an original's vectors are in a story's centroids (insert or replace)."""

    @abstractmethod
    def set_story_report(self, article_id: str, story_id: str | None) -> None:
        """Move an original's recorded vectors to another story, or forget them (None)."""

    @abstractmethod
    def move_story_members(self, from_story: str, to_story: str) -> None:
        """Move every article and recorded report of one story to another (a merge)."""

    @abstractmethod
    def story_report_vectors(self, story_id: str, limit: int) -> list[StoryReport]:
        """The newest ``limit`` reports recorded in a story, in the order they were placed."""

    @abstractmethod
    def get_story_reports(self, article_ids: Sequence[str]) -> list[StoryReport]:
        """The recorded reports among ``article_ids`` (absent ones are left out)."""

    @abstractmethod
    def set_story(self, article_id: str, story_id: str | None) -> None:
        """Record (or clear) the story an article belongs to."""

    @abstractmethod
    def story_members(self, story_id: str) -> list[Article]:
        """Every article of a story (reports and copies), earliest published first."""

    @abstractmethod
    def story_member_count(self, story_id: str) -> int: ...

    @abstractmethod
    def list_stories(self, since: str | None = None, outlet: str | None = None,
                     limit: int | None = 50) -> list[Story]:
        """Stories seen at or after ``since`` (ISO date), with a report by ``outlet`` if
        given; latest first."""

    @abstractmethod
    def reset_stories(self) -> None:
        """Forget every story, index key and term count, and every article's story."""

    # -- understand: entities, quotes, figures (issue 5) --------------------------------
    @abstractmethod
    def set_understanding(self, article_id: str, entities: list[dict[str, Any]],
                          quotes: list[dict[str, Any]], figures: list[dict[str, Any]]) -> None:
        """Record what the understand stage found in an article (replacing what it had)."""

    @abstractmethod
    def quoted_articles(self, speaker: str | None = None,
                        story_id: str | None = None) -> list[Article]:
        """Articles holding a quote (by a speaker whose name contains ``speaker``, case
        folded; in story ``story_id``), oldest published first."""

    @abstractmethod
    def people(self, since: str | None = None,
               outlet: str | None = None) -> list[tuple[str, str, int, int]]:
        """(person, outlet, articles naming them, quotes attributed to them) for articles
        published on or after ``since`` (an ISO date), of ``outlet`` if given."""
    # -- web: keyset pages, facets, people, delivery state (issue 7) --------------------
    @abstractmethod
    def article_page(self, flt: ArticleFilter, after: str | None = None) -> ArticlePage:
        """``list_articles``' filter and order, paginated by key (``after`` is the previous
        page's ``next_cursor``; ``flt.offset`` is ignored) so a deep page costs no more
        than the first one."""

    @abstractmethod
    def copy_counts(self, article_ids: Sequence[str]) -> dict[str, int]:
        """How many stored articles copy each of these (those with none are left out)."""

    @abstractmethod
    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Outlets and languages with their article counts, for filter menus."""

    @abstractmethod
    def articles_with_people(self, limit: int, offset: int = 0) -> list[Article]:
        """Newest first, articles whose entities or quotes are filled."""

    @abstractmethod
    def deliveries(self, alert_ids: Sequence[int]) -> dict[int, list[DeliveryState]]:
        """Each alert's delivery attempts by target."""


# -- watch records (issue 6) ----------------------------------------------------------------
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
    """What one poll of a source found (items: url, guid, title, published)."""

    polled_at: datetime
    next_due: datetime
    interval: float
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    items: list[tuple[str, str | None, str | None, datetime | None]] = field(
        default_factory=list)


@dataclass
class SeenItem:
    url: str
    source_id: int
    source_url: str
    title: str | None
    published: datetime | None
    attempts: int


@dataclass
class WatchRecord:
    id: int
    name: str
    query: str
    targets: list[str]
    created_at: datetime
    cursor: int


@dataclass
class NewAlert:
    story_key: str
    kind: str                      # new | update
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


# -- web records (issue 7) ---------------------------------------------------------------
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
