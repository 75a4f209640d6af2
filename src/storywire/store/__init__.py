"""Persistence. The stages never import this package; the pipeline and the faces do."""

from __future__ import annotations

import os
from pathlib import Path

from storywire.store.base import ArticleFilter, SearchHit, Store, StoreError
from storywire.store.sqlite import SCHEMA_VERSION, SQLiteStore

__all__ = [
    "SCHEMA_VERSION",
    "ArticleFilter",
    "SQLiteStore",
    "SearchHit",
    "Store",
    "StoreError",
    "default_db_path",
    "open_store",
]

DEFAULT_DB = "storywire.db"


def default_db_path(explicit: str | None = None) -> str:
    """--db wins, then STORYWIRE_DB, then ./storywire.db."""
    return explicit or os.environ.get("STORYWIRE_DB") or DEFAULT_DB


def open_store(location: str | Path | None = None) -> Store:
    """Open (creating and migrating if needed) the store at ``location``."""
    path = default_db_path(str(location) if location else None)
    if path.startswith(("postgres://", "postgresql://")):
        raise StoreError(f"{path}: PostgreSQL is not supported yet; use a SQLite file path")
    parent = Path(path).parent
    if not parent.exists():
        raise StoreError(f"{path}: folder {parent} does not exist")
    return SQLiteStore(path)
