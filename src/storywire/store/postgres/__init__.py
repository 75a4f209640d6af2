"""PostgreSQL store: one shared database for a team; one table module per store protocol
over one pooled connection (``database.py``: the pool, migrations, the writer lock)."""

from __future__ import annotations

from storywire.store.postgres.articles import ArticleTables
from storywire.store.postgres.captures import CaptureTables
from storywire.store.postgres.copies import CopyTables
from storywire.store.postgres.database import SCHEMA_VERSION, Database
from storywire.store.postgres.deferred import DeferredTables
from storywire.store.postgres.learned import LearnedTables
from storywire.store.postgres.reads import ReadTables
from storywire.store.postgres.sources import SourceTables
from storywire.store.postgres.stories import StoryTables
from storywire.store.postgres.understand import UnderstandTables
from storywire.store.postgres.watches import WatchTables

__all__ = ["SCHEMA_VERSION", "PostgresStore"]


class PostgresStore(
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
    """The team store: every table module over the one pooled connection ``Database`` holds."""
