"""The PostgreSQL connection every table module shares: the pool, migrations, errors.

A statement borrows a pooled connection for its own length, a transaction keeps one for
its length; the pool is shared by every store of a process on the same URL, so the web
face's per-request stores share a few warm connections. Statements outside ``transaction()``
commit on their own, as SQLite's autocommit does. ``transaction()`` takes a database-wide
advisory lock: writers queue one after another, as SQLite's ``BEGIN IMMEDIATE`` makes
them, so storage order (``seq``) is also commit order; readers never wait.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from importlib import resources
from typing import Any, Self

import psycopg
from psycopg import conninfo
from psycopg_pool import ConnectionPool

from storywire.store.records import StoreError
from storywire.store.sqlite.database import (  # noqa: F401 (re-exported codec)
    _ARTICLE_COLUMNS,
    _JSON_COLUMNS,
    _article_from_row,
    _article_to_row,
    _iso,
    _parse_iso,
)

_SELECT_ARTICLE = "SELECT " + ", ".join(f"a.{c}" for c in _ARTICLE_COLUMNS) + " FROM article a"
_WRITER_LOCK = 0x73747779  # advisory lock key ("styw") that serialises writing transactions
_MIGRATION_LOCK = 0x7374796D  # taken while a store is migrated, so two openers do not race
_POOL_SIZE = 16
LEASE = timedelta(minutes=5)  # how long a claimed item or delivery stays with its monitor


def migrations() -> list[tuple[int, str]]:
    """(version, sql) for every file in migrations/postgres/, ordered by version."""
    folder = resources.files("storywire.store") / "migrations" / "postgres"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text("utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(version for version, _ in migrations())


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        params = conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        return url.split("@")[-1] if "@" in url else url
    user = params.get("user")
    host = params.get("host") or "localhost"
    port = f":{params['port']}" if params.get("port") else ""
    who = f"{user}@" if user else ""
    return f"postgresql://{who}{host}{port}/{params.get('dbname', '')}"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # libpq prefixes "connection failed: connection to server at ... failed: " chains.
    return lines[0] if lines else text


def explain(url: str, exc: BaseException) -> StoreError:
    """One clear line for a failure to open the store at ``url``."""
    where = redact(url)
    message = _one_line(exc)
    lowered = str(exc).lower()
    if "does not exist" in lowered and "database" in lowered:
        dbname = conninfo.conninfo_to_dict(url).get("dbname", "")
        return StoreError(f"{where}: database {dbname!r} does not exist; create it first"
                          f" (createdb {dbname})")
    if "connection refused" in lowered or "no such file or directory" in lowered:
        return StoreError(f"{where}: no PostgreSQL server answers there (connection refused);"
                          " is it running, and are the host and port right?")
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return StoreError(f"{where}: the server refused the credentials: {message}")
    if "failed to resolve host" in lowered or "could not translate host name" in lowered:
        return StoreError(f"{where}: host {conninfo.conninfo_to_dict(url).get('host')!r}"
                          " is not known (check the URL)")
    if "timeout" in lowered:
        return StoreError(f"{where}: the server did not answer in time: {message}")
    return StoreError(f"{where}: cannot open as a storywire store: {message}")


def check_url(url: str) -> dict[str, Any]:
    """The URL's connection parameters, or a StoreError saying what is wrong with it."""
    try:
        params = conninfo.conninfo_to_dict(url)
    except psycopg.Error as exc:
        raise StoreError(f"{url.split('@')[-1]}: not a valid PostgreSQL URL ({_one_line(exc)});"
                         " expected postgresql://USER@HOST[:PORT]/DBNAME") from None
    port = str(params.get("port") or "")
    if port and not all(part.isdigit() for part in port.split(",")):
        raise StoreError(f"{url.split('@')[-1]}: not a valid PostgreSQL URL (port {port!r} is"
                         " not a number); expected postgresql://USER@HOST[:PORT]/DBNAME")
    if not params.get("dbname"):
        raise StoreError(f"{redact(url)}: the URL names no database;"
                         " expected postgresql://USER@HOST[:PORT]/DBNAME")
    return params


def _configure(conn: psycopg.Connection) -> None:
    conn.autocommit = True


class _Pools:
    """One connection pool per URL, shared by the stores of a process, closed when the last
    store on it closes (so a database can be dropped once its stores are closed)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pools: dict[str, tuple[ConnectionPool, int]] = {}

    def acquire(self, url: str) -> ConnectionPool:
        with self._lock:
            pool, users = self._pools.get(url, (None, 0))
            if pool is None:
                migrate(url)
                pool = ConnectionPool(url, min_size=1, max_size=_POOL_SIZE, open=True,
                                      configure=_configure, timeout=60,
                                      kwargs={"connect_timeout": 10}, name="storywire")
            self._pools[url] = (pool, users + 1)
            return pool

    def release(self, url: str) -> None:
        with self._lock:
            pool, users = self._pools[url]
            if users > 1:
                self._pools[url] = (pool, users - 1)
                return
            del self._pools[url]
        pool.close()


POOLS = _Pools()


def migrate(url: str) -> None:
    """Bring the schema at ``url`` to SCHEMA_VERSION, or say why it cannot be."""
    check_url(url)
    try:
        conn = psycopg.connect(url, connect_timeout=10, autocommit=True)
    except psycopg.Error as exc:
        raise explain(url, exc) from None
    with conn, conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        current = _schema_version(conn, url)
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{redact(url)}: schema version {current} is newer than this storywire "
                f"({SCHEMA_VERSION}); upgrade storywire")
        for version, sql in migrations():
            if version > current:
                conn.execute(sql)
                conn.execute("UPDATE storywire_schema SET version = %s", (version,))


def _schema_version(conn: psycopg.Connection, url: str) -> int:
    """The stored schema version; 0 for an empty database, which gets the version table."""
    row = conn.execute("SELECT to_regclass('storywire_schema') IS NOT NULL").fetchone()
    if row[0]:
        return conn.execute("SELECT version FROM storywire_schema").fetchone()[0]
    tables = conn.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()[0]
    if tables:
        raise StoreError(f"{redact(url)}: the database holds {tables} tables but no storywire"
                         " schema; give storywire a database of its own")
    conn.execute("CREATE TABLE storywire_schema (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO storywire_schema VALUES (0)")
    return 0


class Database:
    """A migrated PostgreSQL store over the process's pool for its URL. A statement
    borrows a connection for its own length; ``transaction()`` (and a watch being
    evaluated) keeps one for theirs. So many stores (one per web request) share a few
    connections, and none waits for another's idle one."""

    def __init__(self, url: str) -> None:
        self.path = url
        self._url = url
        self._pool: ConnectionPool | None = POOLS.acquire(url)
        self._pinned: psycopg.Connection | None = None
        self._depth = 0
        self._owner = uuid.uuid4().hex  # names this store on the leases it takes

    def close(self) -> None:
        if self._pool is None:
            return
        if self._pinned is not None:
            self._pool.putconn(self._pinned)
            self._pinned = None
        self._pool = None
        POOLS.release(self._url)

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        """The connection this store holds, else one borrowed from the pool for the block."""
        if self._pinned is not None:
            yield self._pinned
            return
        if self._pool is None:
            raise StoreError(f"{redact(self._url)}: the store is closed")
        try:
            conn = self._pool.getconn()
        except Exception as exc:
            raise explain(self._url, exc) from None
        try:
            yield conn
        finally:
            self._pool.putconn(conn)

    @contextmanager
    def _held(self) -> Iterator[psycopg.Connection]:
        """Keep one connection for the whole block (a transaction, a session lock)."""
        if self._pinned is not None:
            yield self._pinned
            return
        with self._connection() as conn:
            self._pinned = conn
            try:
                yield conn
            finally:
                self._pinned = None

    @property
    def _db(self) -> psycopg.Connection:
        """A connection held until the store closes, for code that talks to it directly."""
        if self._pinned is None:
            if self._pool is None:
                raise StoreError(f"{redact(self._url)}: the store is closed")
            self._pinned = self._pool.getconn()
        return self._pinned

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self._held() as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))
                yield
        finally:
            self._depth = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _execute(self, sql: str, params: Any = None) -> psycopg.Cursor:
        with self._connection() as conn:
            return conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._connection() as conn, conn.cursor() as cursor:
                cursor.executemany(sql, rows)

    def _one(self, sql: str, params: Any = None) -> tuple[Any, ...] | None:
        with self._connection() as conn:
            return conn.execute(sql, params).fetchone()

    def _all(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        with self._connection() as conn:
            return conn.execute(sql, params).fetchall()

    def _stream(self, sql: str, params: Sequence[Any] = (), batch: int = 200
                ) -> Iterator[tuple[Any, ...]]:
        """Rows of ``sql`` (whose first column is ``seq``, ordered by it, with a ``{after}``
        placeholder for ``seq > %s``) read ``batch`` at a time: memory stays flat and no
        connection is held between batches."""
        last = 0
        while True:
            rows = self._all(sql.format(after="seq > %s") + f" ORDER BY seq LIMIT {batch}",
                             [*params, last])
            yield from rows
            if len(rows) < batch:
                return
            last = rows[-1][0]
