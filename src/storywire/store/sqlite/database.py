"""The one SQLite connection every table module shares: WAL mode, pragmas, migrations.

One connection writes; SQLite's WAL lets readers (the web face) read alongside it. The
article row codec lives here too because several table modules read articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Self

from storywire.model import Article
from storywire.store.records import ArticleFilter, StoreError

_ARTICLE_COLUMNS = (
    "id", "capture_sha256", "origin", "source_id", "url", "canonical_url", "outlet", "title",
    "authors", "published", "language", "text", "removed", "removed_reasons", "ingested_at",
    "copy_of", "copy_kind", "copy_evidence", "story_id", "quotes", "entities", "figures",
)
_JSON_COLUMNS = {"authors", "removed", "removed_reasons", "quotes", "entities", "figures"}
_SELECT_ARTICLE = "SELECT " + ", ".join(f"a.{c}" for c in _ARTICLE_COLUMNS) + " FROM article a"
_IN_CHUNK = 500


def _migrations() -> list[tuple[int, str]]:
    """(version, sql) for every file in migrations/, ordered; names start with the version."""
    folder = resources.files("storywire.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text("utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(version for version, _ in _migrations())


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class Database:
    """Opens (creating and migrating if needed) one SQLite file, and groups writes."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a storywire database: {exc}") from exc
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._depth = 0
        self._migrate()

    def _migrate(self) -> None:
        current = self._db.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this storywire "
                f"({SCHEMA_VERSION}); upgrade storywire"
            )
        for version, sql in _migrations():
            if version <= current:
                continue
            # executescript commits on its own, so the version bump rides in the same script.
            self._db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._depth = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _in_chunks(self, sql: str, values: Iterable[Any],
                   leading: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of ``sql`` whose ``{in}`` is filled with ``values`` 500 at a time (SQLite
        caps the number of bound parameters); ``leading`` binds the ``?`` before it."""
        values = list(values)
        for start in range(0, len(values), _IN_CHUNK):
            chunk = values[start:start + _IN_CHUNK]
            yield from self._db.execute(sql.format(**{"in": ", ".join("?" * len(chunk))}),
                                        [*leading, *chunk])


def _article_to_row(article: Article) -> tuple[Any, ...]:
    row = []
    for column in _ARTICLE_COLUMNS:
        if column == "text":
            value: Any = article.text
        elif column == "copy_evidence":
            value = json.dumps(article.copy_evidence) if article.copy_evidence is not None else None
        else:
            value = getattr(article, column)
            if column in _JSON_COLUMNS:
                value = json.dumps(value, ensure_ascii=False)
            elif isinstance(value, datetime):
                value = value.isoformat()
        row.append(value)
    return tuple(row)


def _article_from_row(row: tuple[Any, ...] | sqlite3.Row) -> Article:
    data = dict(zip(_ARTICLE_COLUMNS, row, strict=True))
    for column in _JSON_COLUMNS:
        data[column] = json.loads(data[column]) if data[column] else []
    data["copy_evidence"] = json.loads(data["copy_evidence"]) if data["copy_evidence"] else None
    data["published"] = _parse_iso(data["published"])
    data["ingested_at"] = _parse_iso(data["ingested_at"])
    text = data.pop("text")
    data["paragraphs"] = text.split("\n\n") if text else []
    return Article(**data)


def _article_where(flt: ArticleFilter) -> tuple[list[str], list[Any]]:
    """The WHERE terms of a listing: shared by list_articles and article_page."""
    where: list[str] = []
    params: list[Any] = []
    if flt.outlet:
        where.append("a.outlet = ?")
        params.append(flt.outlet)
    if flt.language:
        where.append("a.language = ?")
        params.append(flt.language)
    if flt.originals:
        # "+" keeps SQLite off the copy_of index: most articles are originals, and walking
        # the (published, id) index newest first beats sorting them all.
        where.append("+a.copy_of IS NULL")
    if flt.story_id:
        where.append("a.story_id = ?")
        params.append(flt.story_id)
    if flt.since:
        where.append("a.published >= ?")
        params.append(flt.since.isoformat())
    if flt.until:
        where.append("a.published < ?")
        params.append((flt.until + timedelta(days=1)).isoformat())
    return where, params

