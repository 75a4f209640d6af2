"""Moving a SQLite store into an empty PostgreSQL one, table by table, captures included.

Rows keep their ids, and ``seq`` takes SQLite's rowid, so storage order, the watches'
cursors (article rowids) and every link between tables stay true. Tables a later
migration adds are copied too (they are read by column name).
"""

from __future__ import annotations

from collections.abc import Callable

from storywire.store.postgres import PostgresStore
from storywire.store.records import StoreError
from storywire.store.sqlite import SQLiteStore

# Parents before children (foreign keys); tables not named here follow, by name.
ORDER = (
    "capture", "article", "outlet_line", "outlet_stat", "outlet_host",
    "copy_fingerprint", "copy_band", "copy_meta",
    "story", "story_key", "story_report", "story_term", "story_meta",
    "source", "source_item", "watch", "watch_story", "alert", "delivery",
)
_BATCH = 500


def _target_tables(target: PostgresStore) -> list[str]:
    found = {r[0] for r in target._all(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        " AND table_type = 'BASE TABLE' AND table_name <> 'storywire_schema'")}
    return [t for t in ORDER if t in found] + sorted(found - set(ORDER))


def _columns(target: PostgresStore, table: str) -> list[str]:
    """The columns a row is written with (not the generated search column)."""
    return [r[0] for r in target._all(
        "SELECT column_name FROM information_schema.columns WHERE table_schema ="
        " current_schema() AND table_name = %s AND is_generated = 'NEVER'"
        " ORDER BY ordinal_position", (table,))]


def _reset_identities(target: PostgresStore, table: str) -> None:
    """Let new rows continue after the copied ids and ``seq`` values."""
    for (column,) in target._all(
            "SELECT column_name FROM information_schema.columns WHERE table_schema ="
            " current_schema() AND table_name = %s AND is_identity = 'YES'", (table,)):
        target._execute(
            f"SELECT setval(pg_get_serial_sequence(%s, %s),"
            f" greatest(coalesce(max({column}), 0), 1), max({column}) IS NOT NULL)"
            f" FROM {table}", (table, column))


def copy_store(source: SQLiteStore, target: PostgresStore,
               progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ``target``; rows copied per table."""
    if target.count_captures() or target.count_articles():
        raise StoreError(f"{target.path}: holds {target.count_articles()} articles already;"
                         " copy into an empty database")
    sqlite_tables = {r[0] for r in source._db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    copied: dict[str, int] = {}
    with target.transaction(), target._held() as conn:
        for table in _target_tables(target):
            if table not in sqlite_tables:
                raise StoreError(f"{source.path}: has no table {table!r}; is it from another"
                                 " storywire version?")
            # columns only PostgreSQL has (the monitors' leases) start empty
            present = {r[1] for r in source._db.execute(f"PRAGMA table_info({table})")}
            columns = [c for c in _columns(target, table) if c in present or c == "seq"]
            picked = ["rowid" if c == "seq" else c for c in columns]
            rows = source._db.execute(f"SELECT {', '.join(picked)} FROM {table} ORDER BY rowid"
                                      if "seq" in columns else
                                      f"SELECT {', '.join(picked)} FROM {table}")
            count = 0
            with conn.cursor().copy(
                    f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                while batch := rows.fetchmany(_BATCH):
                    for row in batch:
                        copy.write_row(row)
                    count += len(batch)
                    if progress:
                        progress(table, count)
            _reset_identities(target, table)
            copied[table] = count
    return copied
