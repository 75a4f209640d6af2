"""SQLite store: one file, no server; one table module per store protocol over one connection."""

from __future__ import annotations

from storywire.store.sqlite.articles import ArticleTables
from storywire.store.sqlite.captures import CaptureTables
from storywire.store.sqlite.copies import CopyTables
from storywire.store.sqlite.database import SCHEMA_VERSION, Database
from storywire.store.sqlite.deferred import DeferredTables
from storywire.store.sqlite.learned import LearnedTables
from storywire.store.sqlite.reads import ReadTables
from storywire.store.sqlite.sources import SourceTables
from storywire.store.sqlite.stories import StoryTables
from storywire.store.sqlite.understand import UnderstandTables
from storywire.store.sqlite.watches import WatchTables

__all__ = ["SCHEMA_VERSION", "SQLiteStore"]


class SQLiteStore(
    CaptureTables,
    ArticleTables,
    LearnedTables,
    CopyTables,
    StoryTables,
    UnderstandTables,
    SourceTables,
    WatchTables,
    ReadTables,
    DeferredTables,
    Database,
):
    """The default store: every table module over the one connection ``Database`` opens."""
