"""Persistence. The stages import only ``protocols`` and ``records``; the pipeline and the
faces open a store here: a SQLite file path, or a ``postgresql://`` URL for a store a team
shares. Each implementation is imported only when it is used."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storywire.store.protocols import Store
from storywire.store.records import ArticleFilter, SearchHit, StoreBusy, StoreError

if TYPE_CHECKING:
    from storywire.store.sqlite import SCHEMA_VERSION, SQLiteStore

__all__ = [
    "SCHEMA_VERSION",
    "ArticleFilter",
    "SQLiteStore",
    "SearchHit",
    "Store",
    "StoreBusy",
    "StoreError",
    "default_db_path",
    "is_postgres_url",
    "open_store",
]

DEFAULT_DB = "storywire.db"
_IMPLEMENTATION = {"SQLiteStore", "SCHEMA_VERSION"}


def __getattr__(name: str) -> Any:
    """``SQLiteStore`` and ``SCHEMA_VERSION``, imported on first use."""
    if name in _IMPLEMENTATION:
        from storywire.store import sqlite

        return getattr(sqlite, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_db_path(explicit: str | None = None) -> str:
    """--db wins, then STORYWIRE_DB, then ./storywire.db."""
    return explicit or os.environ.get("STORYWIRE_DB") or DEFAULT_DB


def is_postgres_url(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL database rather than a SQLite file."""
    return location.startswith(("postgres://", "postgresql://"))


def open_store(location: str | Path | None = None) -> Store:
    """Open (creating and migrating if needed) the store at ``location``: a SQLite file
    path or a ``postgresql://USER@HOST[:PORT]/DBNAME`` URL."""
    path = default_db_path(str(location) if location else None)
    if is_postgres_url(path):
        return _open_postgres(path)
    from storywire.store.sqlite import SQLiteStore

    parent = Path(path).parent
    if not parent.exists():
        raise StoreError(f"{path}: folder {parent} does not exist")
    return SQLiteStore(path)


def _open_postgres(url: str) -> Store:
    try:
        from storywire.store.postgres import PostgresStore
    except ImportError as exc:
        raise StoreError(f"PostgreSQL needs psycopg and psycopg-pool ({exc.name} is missing):"
                         " pip install 'storywire[postgres]'") from None
    return PostgresStore(url)
