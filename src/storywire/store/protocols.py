"""What a store offers the stages and faces: one small protocol per concern.

Each stage asks only for the protocol of its own data, so a backend (SQLite today,
PostgreSQL next) implements the same small surfaces and no stage knows the others' tables.
``Store`` is their union: the full surface a backend implements.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol, Self, runtime_checkable

from storywire.model import Article, Capture, Story, StoryReport, WatchStory
from storywire.store.records import (
    AlertRecord,
    ArticleFilter,
    ArticlePage,
    DeliveryRecord,
    DeliveryState,
    NewAlert,
    PollRecord,
    SearchHit,
    SeenItem,
    SourceRecord,
    WatchRecord,
)


@runtime_checkable
class Transactional(Protocol):
    """Owns the connection: closing it, and grouping writes into one transaction."""

    def close(self) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes: all of them land, or none (nested use joins the outer one)."""

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None:
        """Close the store."""


@runtime_checkable
class CaptureStore(Protocol):
    """Raw captures, kept so that every later stage can be re-run."""

    def capture_state(self, sha256: str) -> str | None:
        """None if unknown, "article" if it produced an article, "failed" if extraction failed."""

    def put_capture(self, capture: Capture, error: str | None = None) -> None:
        """Keep the raw bytes (once); record or clear the extraction error."""

    def get_capture(self, sha256: str) -> Capture | None: ...

    def iter_captures(self) -> Iterator[Capture]: ...

    def capture_hashes(self) -> list[str]:
        """Every capture's SHA-256 in storage order (cheap: no raw bytes are read)."""

    def count_captures(self) -> int: ...


@runtime_checkable
class ArticleStore(Protocol):
    """Stored articles: writing, reading, listing, full-text search and counts."""

    def put_article(self, article: Article) -> None:
        """Insert or replace the article with this id (its capture must be stored);
        an article without ``ingested_at`` is stamped with the current time."""

    def get_article(self, article_id: str) -> Article | None:
        """By full id, or by a unique prefix of at least 4 characters."""

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        """By full ids, in one read: id -> article, for those stored."""

    def list_articles(self, flt: ArticleFilter | None = None) -> list[Article]:
        """Newest publication first; undated articles last, newest ingested first."""

    def iter_articles(self) -> Iterator[Article]:
        """Every article in ingestion order, streamed."""

    def count_articles(self) -> int: ...

    def article_ids(self) -> list[str]:
        """Every article id in ingestion order (cheap: no text is read)."""

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Ranked full-text search over title and text, with a highlighted snippet."""

    def summary(self) -> dict[str, object]:
        """Counts for reports: articles by outlet, by language, junk lines by reason."""


@runtime_checkable
class LearnedStore(Protocol):
    """What is learned across articles: recurring lines per outlet, outlet names per host."""

    def observe_lines(self, outlet: str, lines: dict[str, str]) -> None:
        """Count one more article of ``outlet`` carrying each line key (key -> sample line)."""

    def line_counts(self, outlet: str, keys: Iterable[str]) -> dict[str, int]:
        """How many articles of ``outlet`` carry each key (absent keys are left out)."""

    def outlet_article_count(self, outlet: str) -> int: ...

    def frequent_lines(self, outlet: str, min_articles: int) -> list[tuple[str, int, str]]:
        """(key, articles, sample) for every line of ``outlet`` seen in >= min_articles."""

    def reset_line_stats(self) -> None: ...

    def observe_outlet_host(self, host: str, outlet: str) -> None:
        """Count one more article of ``host`` published under the name ``outlet``."""

    def outlet_for_host(self, host: str) -> str | None:
        """The name most articles of ``host`` carry, or None when none is known."""

    def reset_outlet_hosts(self) -> None: ...


@runtime_checkable
class CopyStore(Protocol):
    """The copies stage's index (fingerprints, LSH band keys) and its copy links."""

    def copy_scheme(self) -> str | None:
        """The fingerprint scheme the stored band keys were made with (None: none yet)."""

    def set_copy_scheme(self, scheme: str) -> None: ...

    def put_copy_keys(self, article_id: str, exact: str, keys: Sequence[int],
                      signature: bytes = b"") -> None:
        """Index an article: its exact hash (hex), its band keys (added to any it has) and
        a signature kept to estimate its similarity to a new article."""

    def copy_signatures(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        """The stored signatures of these articles (those that have one)."""

    def delete_copy_keys(self, article_id: str, keys: Sequence[int]) -> None:
        """Remove these band keys of the article (its text changed)."""

    def exact_matches(self, exact: str, limit: int) -> list[str]:
        """Ids of the articles whose exact hash is ``exact``, first stored first."""

    def band_matches(self, keys: Sequence[int], limit: int,
                     per_key: int | None = None) -> list[tuple[str, int]]:
        """(article id, number of ``keys`` it shares) for articles sharing any, most first.
        With ``per_key``, each key reads only its ``per_key`` newest articles: one bounded
        index range per key, so the cost does not grow with the number of articles even
        for a key that many share (such a key tells little anyway)."""

    def set_copy(self, article_id: str, copy_of: str | None, kind: str | None,
                 evidence: dict[str, Any] | None) -> None:
        """Record (or clear) what the article is a copy of, of which kind, and why."""

    def copies_of(self, article_id: str) -> list[Article]:
        """The articles whose ``copy_of`` is this id."""

    def reset_copies(self) -> None:
        """Forget every fingerprint, band key and copy link (before recomputing them)."""

    def copy_index_size(self) -> dict[str, int]:
        """Rows and bytes of the copy index (fingerprints and band keys), for reports."""


@runtime_checkable
class StoryStore(Protocol):
    """The stories stage's index, term statistics, stories and their members."""

    def story_setting(self, key: str) -> str | None:
        """A value the story stage keeps between runs (its scheme, the stream clock)."""

    def set_story_setting(self, key: str, value: str) -> None: ...

    def term_documents(self, features: Sequence[int]) -> dict[int, int]:
        """How many indexed reports hold each hashed term (absent ones are left out)."""

    def add_term_documents(self, features: Sequence[int]) -> None:
        """Count one more indexed report holding each of these hashed terms."""

    def put_story(self, story: Story) -> None:
        """Insert or replace a story; its index keys take its new activity time."""

    def get_story(self, story_id: str) -> Story | None:
        """By full id, or by a unique prefix of at least 4 characters."""

    def get_stories(self, story_ids: Sequence[str]) -> dict[str, Story]: ...

    def delete_story(self, story_id: str) -> None:
        """Forget a story and its index keys (its members have moved elsewhere)."""

    def put_story_keys(self, story_id: str, keys: Sequence[int]) -> None:
        """Index a story under these keys (added to any it has)."""

    def story_candidates(self, keys: Sequence[int], active_since: str | None,
                         per_key: int) -> list[tuple[str, int]]:
        """(story id, number of ``keys`` it is indexed under), most first, among stories
        active at or after ``active_since`` (ISO time; None: any). At most ``per_key`` stories
        are read per key, most recently active first: the cost does not grow with the store."""

    def put_story_report(self, report: StoryReport) -> None:
        """Record that an original's vectors are in a story's centroids (insert or replace)."""

    def set_story_report(self, article_id: str, story_id: str | None) -> None:
        """Move an original's recorded vectors to another story, or forget them (None)."""

    def move_story_members(self, from_story: str, to_story: str) -> None:
        """Move every article and recorded report of one story to another (a merge)."""

    def story_report_vectors(self, story_id: str, limit: int) -> list[StoryReport]:
        """The newest ``limit`` reports recorded in a story, in the order they were placed."""

    def get_story_reports(self, article_ids: Sequence[str]) -> list[StoryReport]:
        """The recorded reports among ``article_ids`` (absent ones are left out)."""

    def set_story(self, article_id: str, story_id: str | None) -> None:
        """Record (or clear) the story an article belongs to."""

    def story_members(self, story_id: str) -> list[Article]:
        """Every article of a story (reports and copies), earliest published first."""

    def story_member_count(self, story_id: str) -> int: ...

    def list_stories(self, since: str | None = None, outlet: str | None = None,
                     limit: int | None = 50) -> list[Story]:
        """Stories seen at or after ``since`` (ISO date), with a report by ``outlet`` if
        given; latest first."""

    def reset_stories(self) -> None:
        """Forget every story, index key and term count, and every article's story."""

    def story_memberships(self) -> dict[str, list[str]]:
        """Every story's member article ids (sorted), by story id."""

    def rename_story(self, old_id: str, new_id: str) -> None:
        """Give a story another id (an unused one), with its keys, reports and members."""


@runtime_checkable
class UnderstandStore(Protocol):
    """What the understand stage found in an article."""

    def set_understanding(self, article_id: str, entities: list[dict[str, Any]],
                          quotes: list[dict[str, Any]], figures: list[dict[str, Any]]) -> None:
        """Record what the understand stage found in an article (replacing what it had)."""


@runtime_checkable
class SourceStore(Protocol):
    """The monitor's sources, their polls and the items they named."""

    def add_source(self, url: str, kind: str, title: str | None, site_url: str | None,
                   interval: float) -> tuple[SourceRecord, bool]:
        """Add a source (due at once) or return the one with this URL; True if added."""

    def list_sources(self) -> list[SourceRecord]: ...

    def get_source(self, key: str | int) -> SourceRecord | None:
        """By id or by URL."""

    def remove_source(self, source_id: int) -> None:
        """Forget the source and its items not fetched yet (articles stay)."""

    def due_sources(self, now: datetime) -> list[SourceRecord]: ...

    def unseen_urls(self, urls: Sequence[str]) -> set[str]:
        """Those of ``urls`` that no source has named yet."""

    def record_poll(self, source_id: int, poll: PollRecord) -> int:
        """Record a poll's outcome and its items (unknown URLs become pending) in one
        transaction; returns how many items were new."""

    def pending_items(self, now: datetime, limit: int) -> list[SeenItem]:
        """Items whose page is to be fetched (now or overdue), oldest first. PostgreSQL
        leases them to this store until they are fetched or failed (or the lease runs out):
        another monitor on the same database is not given them."""

    def item_fetched(self, url: str, capture_sha256: str | None) -> None: ...

    def item_failed(self, url: str, error: str, retry_at: datetime | None) -> None:
        """Count a failed fetch against the item and its source; None gives up on it."""


@runtime_checkable
class WatchStore(Protocol):
    """Watches, their progress through the stored articles, alerts and their outbox."""

    def add_watch(self, name: str, query: str, targets: Sequence[str],
                  digest: str | None = None) -> WatchRecord:
        """A new watch starts after the articles stored now (it alerts on what comes);
        ``digest`` (hourly | daily) gathers its alerts into one message per period."""

    def list_watches(self) -> list[WatchRecord]: ...

    def get_watch(self, name: str) -> WatchRecord | None: ...

    def remove_watch(self, name: str) -> bool: ...

    def evaluating(self, watch_id: int) -> AbstractContextManager[WatchRecord | None]:
        """Hold the watch while this store evaluates it: yields the watch as stored now
        (its cursor fresh), or None when it is gone or another monitor holds it (that one
        evaluates it). PostgreSQL holds it with an advisory lock; SQLite, where one monitor
        runs per file, only reads it afresh."""

    def articles_after(self, cursor: int, limit: int) -> list[tuple[int, Article]]:
        """(position, article) of articles stored after ``cursor``, in storage order."""

    def watch_stories(self, watch_id: int, keys: Sequence[str]) -> dict[str, WatchStory]: ...

    def watch_stories_with_articles(self, watch_id: int,
                                    article_ids: Sequence[str]) -> dict[str, WatchStory]:
        """The watch's stories (by key) that hold any of these articles: a story whose
        grouping changed is still the one already alerted on."""

    def save_watch_progress(self, watch_id: int, cursor: int, stories: Sequence[WatchStory],
                            alerts: Sequence[NewAlert], now: datetime,
                            removed: Sequence[str] = ()) -> list[int]:
        """In one transaction: the stories' state, the alerts (made ``now``) and their
        deliveries due now (the outbox), and the watch's cursor; the stories keyed
        ``removed`` are dropped (a held story folded into another). Returns the alert
        ids."""

    def stories_awaiting_update(self, before: datetime) -> list[WatchStory]:
        """Stories with outlets not alerted yet whose last alert is older than ``before``."""

    def due_deliveries(self, now: datetime) -> list[DeliveryRecord]:
        """Deliveries to attempt now; PostgreSQL leases them to this store, as items."""

    def delivery_done(self, alert_id: int, target: str, error: str | None,
                      retry_at: datetime | None) -> None:
        """Sent (no error), to retry at ``retry_at``, or dead (an error and no retry)."""

    def recent_alerts(self, watch_id: int, limit: int) -> list[AlertRecord]:
        """Newest first."""

    def alerts_after(self, watch_id: int, after: int) -> list[AlertRecord]:
        """The watch's alerts numbered above ``after``, oldest first (what a digest
        gathers)."""

    def last_alert(self, watch_id: int, kind: str) -> AlertRecord | None:
        """The watch's newest alert of this kind (the last digest sent)."""

    def watch_counts(self) -> dict[str, int]:
        """Alerts and deliveries by state, for status lines."""


@runtime_checkable
class ReadStore(Protocol):
    """What only the faces (CLI, web) read: pages, facets, people, delivery state."""

    def article_page(self, flt: ArticleFilter, after: str | None = None) -> ArticlePage:
        """``list_articles``' filter and order, paginated by key (``after`` is the previous
        page's ``next_cursor``; ``flt.offset`` is ignored) so a deep page costs no more
        than the first one."""

    def story_keys(self, flt: ArticleFilter) -> list[str]:
        """The stories with an article matching ``flt`` (its outlet, language and days;
        ``limit`` and ``offset`` page the stories), the latest report first."""

    def copy_counts(self, article_ids: Sequence[str]) -> dict[str, int]:
        """How many stored articles copy each of these (those with none are left out)."""

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Outlets and languages with their article counts, for filter menus."""

    def articles_with_people(self, limit: int, offset: int = 0) -> list[Article]:
        """Newest first, articles whose entities or quotes are filled."""

    def deliveries(self, alert_ids: Sequence[int]) -> dict[int, list[DeliveryState]]:
        """Each alert's delivery attempts by target."""

    def quoted_articles(self, speaker: str | None = None,
                        story_id: str | None = None) -> list[Article]:
        """Articles holding a quote (by a speaker whose name contains ``speaker``, case
        folded; in story ``story_id``), oldest published first."""


@runtime_checkable
class ArticleReads(Protocol):
    """The article lookups a stage makes while it links one article to others."""

    def get_article(self, article_id: str) -> Article | None:
        """By full id, or by a unique prefix of at least 4 characters."""

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        """By full ids, in one read: id -> article, for those stored."""

    def copies_of(self, article_id: str) -> list[Article]:
        """The articles whose ``copy_of`` is this id."""


@runtime_checkable
class DeferredStore(Protocol):
    """Work a run owes (kind, key, payload), written in the transaction that made it owed
    and deleted in the one that does it, so a killed run's successor can finish it."""

    def owe(self, kind: str, items: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Record (or replace the payload of) each (key, payload) of this kind."""

    def owed(self, kind: str, limit: int | None = None) -> list[tuple[str, dict[str, Any]]]:
        """(key, payload) of this kind still owed, oldest first."""

    def settle(self, kind: str, keys: Sequence[str]) -> set[str]:
        """Delete these rows; the keys that were still owed (another process may have
        settled the others meanwhile)."""

    def owed_counts(self) -> dict[str, int]:
        """How many rows of each kind are owed."""


@runtime_checkable
class Store(
    Transactional,
    CaptureStore,
    ArticleStore,
    LearnedStore,
    CopyStore,
    StoryStore,
    UnderstandStore,
    SourceStore,
    WatchStore,
    ReadStore,
    DeferredStore,
    Protocol,
):
    """Durable home of captures, articles and the stage state: every protocol above."""
