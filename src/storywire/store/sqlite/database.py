"""The one SQLite connection every table module shares: WAL mode, pragmas, migrations.

One connection writes; SQLite's WAL lets readers (the web face) read alongside it. The
article row codec lives here too because several table modules read articles.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Self

from storywire.model import Article
from storywire.store.records import ArticleFilter, StoreBusy, StoreError

_ARTICLE_COLUMNS = (
    "id", "capture_sha256", "origin", "source_id", "url", "canonical_url", "outlet", "title",
    "authors", "published", "language", "text", "removed", "removed_reasons", "ingested_at",
    "copy_of", "copy_kind", "copy_evidence", "story_id", "quotes", "entities", "figures",
)
_JSON_COLUMNS = {"authors", "removed", "removed_reasons", "quotes", "entities", "figures"}
_SELECT_ARTICLE = "SELECT " + ", ".join(f"a.{c}" for c in _ARTICLE_COLUMNS) + " FROM article a"
_IN_CHUNK = 500
# How long a writer waits, in all, for another process to let go of the write lock before
# it gives up with a message (STORYWIRE_LOCK_WAIT seconds); each try waits _BUSY_MS.
_LOCK_WAIT = 300.0
_BUSY_MS = 2000


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
        self._depth = 0
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
            self._retrying(lambda: self._db.execute("PRAGMA journal_mode=WAL"))
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a storywire database: "
                             f"{describe_failure(exc, self.path)}") from exc

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
            # One transaction per migration, its version bump included; the version is read
            # again once the lock is held, so two processes opening a new store at once
            # migrate it once.
            self._retrying(lambda: self._db.execute("BEGIN IMMEDIATE"))
            try:
                if self._db.execute("PRAGMA user_version").fetchone()[0] < version:
                    for statement in _statements(sql):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {version}")
                self._db.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    def _retrying(self, start: Any) -> Any:
        """Call ``start`` (a statement that takes a lock) until the lock is free, for at
        most STORYWIRE_LOCK_WAIT seconds in all; then give up with a message, not a hang."""
        limit = float(os.environ.get("STORYWIRE_LOCK_WAIT", _LOCK_WAIT))
        deadline = time.monotonic() + limit
        pause = 0.05
        while True:
            try:
                return start()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreBusy(
                        f"{self.path}: another storywire process kept the store locked for "
                        f"{limit:.0f} s; try again when it has finished (STORYWIRE_LOCK_WAIT "
                        f"sets how long to wait)") from exc
                time.sleep(pause)
                pause = min(pause * 2, 1.0)

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
        try:
            self._retrying(lambda: self._db.execute("BEGIN IMMEDIATE"))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {describe_failure(exc, self.path)}") from exc
        self._depth = 1
        try:
            yield
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise StoreError(f"{self.path}: {describe_failure(exc, self.path)}; nothing of "
                             "this write was kept") from exc
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        if self._db.in_transaction:
            # SQLite may have rolled back on its own (a full disk, an I/O error).
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.execute("ROLLBACK")

    def write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """One statement in its own short transaction: it waits for the lock like any."""
        with self.transaction():
            return self._db.execute(sql, params)

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


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one at a time (``executescript`` would commit
    the transaction it runs in)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip() and not all(part.strip().startswith("--") or not part.strip()
                                  for part in buffer.splitlines()):
        yield buffer


_READ_ONLY = ("the store is read-only (file or folder permissions, or a read-only file "
              "system); make it writable or use another --db")


def _read_only(path: str) -> bool:
    """The store file, or the folder its journal goes in, cannot be written."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return (os.path.exists(path) and not os.access(path, os.W_OK)) or \
        not os.access(folder, os.W_OK)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def describe_failure(exc: sqlite3.DatabaseError, path: str | None = None) -> str:
    """One line an operator can act on, for the ways a store file fails."""
    text = str(exc)
    if path is not None and _read_only(path):
        return _READ_ONLY
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return "the disk is full; free some space and run the command again"
    if code == sqlite3.SQLITE_READONLY or "readonly" in text:
        return _READ_ONLY
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "not a database" in text \
            or "malformed" in text:
        return ("the file is damaged or not a storywire database; restore it from a backup "
                "or start a new one with another --db")
    if code == sqlite3.SQLITE_CANTOPEN or "unable to open" in text:
        return "cannot open the file (does its folder exist, and may storywire write there?)"
    return text


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


def _article_where(flt: ArticleFilter, mark: str = "?",
                   originals: str = "+a.copy_of IS NULL") -> tuple[list[str], list[Any]]:
    """The WHERE terms of a listing: shared by list_articles and article_page, and by the
    PostgreSQL store with its own placeholder ``mark`` and originals term. In SQLite, "+"
    keeps the planner off the copy_of index: most articles are originals, and walking the
    (published, id) index newest first beats sorting them all."""
    where: list[str] = []
    params: list[Any] = []
    if flt.outlet:
        where.append(f"a.outlet = {mark}")
        params.append(flt.outlet)
    if flt.language:
        where.append(f"a.language = {mark}")
        params.append(flt.language)
    if flt.originals:
        where.append(originals)
    if flt.story_id:
        where.append(f"a.story_id = {mark}")
        params.append(flt.story_id)
    if flt.since:
        where.append(f"a.published >= {mark}")
        params.append(flt.since.isoformat())
    if flt.until:
        where.append(f"a.published < {mark}")
        params.append((flt.until + timedelta(days=1)).isoformat())
    return where, params

