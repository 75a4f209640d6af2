"""What every store offers the stages and faces; the SQLite store is the first implementation.

Keeping this surface small is what lets a PostgreSQL store be added without touching the
stages: the pipeline and the CLI speak only these methods.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from storywire.model import Article, Capture


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
    def band_matches(self, keys: Sequence[int], limit: int) -> list[tuple[str, int]]:
        """(article id, number of ``keys`` it shares) for articles sharing any, most first.
        One indexed lookup per key: the cost does not grow with the number of articles."""

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
