"""The monitor's sources, their polls and the items they named."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from storywire.model import utcnow
from storywire.store.postgres.database import LEASE, Database, _iso, _parse_iso
from storywire.store.records import PollRecord, SeenItem, SourceRecord
from storywire.store.sqlite.sources import SourceTables as _SQLiteSources

_SOURCE_COLUMNS = _SQLiteSources._SOURCE_COLUMNS
_source_from_row = _SQLiteSources._source_from_row
_COLUMNS = [c.strip() for c in _SOURCE_COLUMNS.split(",")]


class SourceTables(Database):
    """The ``source`` and ``source_item`` tables."""

    def add_source(self, url: str, kind: str, title: str | None, site_url: str | None,
                   interval: float) -> tuple[SourceRecord, bool]:
        now = _iso(utcnow())
        # A source already there draws no id: an INSERT that meets the conflict would still
        # take the identity's next value, and the next source would skip a number (ids are
        # what `sources remove` takes; SQLite's go on without gaps).
        added = self._execute(
            "INSERT INTO source (url, kind, title, site_url, added_at, next_due, interval_s)"
            " SELECT %s, %s, %s, %s, %s, %s, %s"
            " WHERE NOT EXISTS (SELECT 1 FROM source WHERE url = %s)"
            " ON CONFLICT (url) DO NOTHING",
            (url, kind, title, site_url, now, now, interval, url)).rowcount
        return self.get_source(url), added > 0

    def list_sources(self) -> list[SourceRecord]:
        return [_source_from_row(r) for r in self._all(
            f"SELECT {_SOURCE_COLUMNS} FROM source ORDER BY id")]

    def get_source(self, key: str | int) -> SourceRecord | None:
        if isinstance(key, int) or str(key).isdigit():
            row = self._one(f"SELECT {_SOURCE_COLUMNS} FROM source WHERE id = %s", (int(key),))
        else:
            row = self._one(f"SELECT {_SOURCE_COLUMNS} FROM source WHERE url = %s", (key,))
        return _source_from_row(row) if row else None

    def remove_source(self, source_id: int) -> None:
        with self.transaction():
            self._execute("DELETE FROM source_item WHERE source_id = %s", (source_id,))
            self._execute("DELETE FROM source WHERE id = %s", (source_id,))

    def due_sources(self, now: datetime) -> list[SourceRecord]:
        """The due sources, each pushed a lease ahead (``record_poll`` then sets its next
        time): a second monitor on the database does not poll them at the same time. The
        records keep the time they were due at."""
        returned = ", ".join("due.was" if c == "next_due" else f"s.{c}" for c in _COLUMNS)
        rows = self._all(
            "WITH due AS (SELECT id, next_due AS was FROM source WHERE next_due <= %s"
            " FOR UPDATE SKIP LOCKED)"
            f" UPDATE source s SET next_due = %s FROM due WHERE s.id = due.id RETURNING {returned}",
            (_iso(now), _iso(now + LEASE)))
        return sorted(map(_source_from_row, rows), key=lambda s: (s.next_due, s.id))

    def unseen_urls(self, urls: Sequence[str]) -> set[str]:
        known = {row[0] for row in self._all("SELECT url FROM source_item WHERE url = ANY(%s)",
                                             (list(urls),))}
        return set(urls) - known

    def record_poll(self, source_id: int, poll: PollRecord) -> int:
        with self.transaction():
            new = 0
            for url, guid, title, published, author in poll.items:
                new += self._execute(
                    "INSERT INTO source_item (url, source_id, guid, title, published, author,"
                    " seen_at, state, next_attempt)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, 'pending', %s)"
                    " ON CONFLICT (url) DO NOTHING",
                    (url, source_id, guid, title, _iso(published), author,
                     _iso(poll.polled_at), _iso(poll.polled_at))).rowcount
            self._execute(
                "UPDATE source SET last_poll = %s, last_status = %s, next_due = %s,"
                " interval_s = %s, etag = coalesce(%s, etag),"
                " last_modified = coalesce(%s, last_modified), items_seen = items_seen + %s,"
                " errors = errors + %s, last_error = coalesce(%s, last_error),"
                " title = coalesce(title, %s) WHERE id = %s",
                (_iso(poll.polled_at), poll.status, _iso(poll.next_due), poll.interval,
                 poll.etag, poll.last_modified, new, 1 if poll.error else 0, poll.error,
                 poll.title, source_id))
        return new

    def pending_items(self, now: datetime, limit: int) -> list[SeenItem]:
        """Due items, leased to this store: rows another monitor is claiming are skipped
        (``SKIP LOCKED``) and rows it holds stay its own until fetched, failed or expired."""
        rows = self._all(
            "WITH picked AS (SELECT url FROM source_item WHERE state = 'pending'"
            " AND next_attempt <= %(now)s AND (lease_until IS NULL OR lease_until <= %(now)s"
            " OR lease_owner = %(me)s) ORDER BY next_attempt, seq LIMIT %(limit)s"
            " FOR UPDATE SKIP LOCKED)"
            " UPDATE source_item i SET lease_owner = %(me)s, lease_until = %(until)s"
            " FROM picked WHERE i.url = picked.url"
            " RETURNING i.next_attempt, i.seq, i.url, i.source_id,"
            " (SELECT s.url FROM source s WHERE s.id = i.source_id), i.title, i.published,"
            " i.attempts, i.author, (SELECT s.title FROM source s WHERE s.id = i.source_id)",
            {"now": _iso(now), "me": self._owner, "until": _iso(now + LEASE), "limit": limit})
        return [SeenItem(url, sid, surl, title, _parse_iso(published), attempts, author,
                         source_title)
                for _, _, url, sid, surl, title, published, attempts, author, source_title
                in sorted(rows)]

    def item_fetched(self, url: str, capture_sha256: str | None) -> None:
        self._execute("UPDATE source_item SET state = 'fetched', capture_sha256 = %s,"
                      " error = NULL, attempts = attempts + 1, lease_owner = NULL,"
                      " lease_until = NULL WHERE url = %s", (capture_sha256, url))

    def item_failed(self, url: str, error: str, retry_at: datetime | None) -> None:
        with self.transaction():
            self._execute(
                "UPDATE source_item SET attempts = attempts + 1, error = %s, state = %s,"
                " next_attempt = coalesce(%s, next_attempt), lease_owner = NULL,"
                " lease_until = NULL WHERE url = %s",
                (error, "pending" if retry_at else "failed", _iso(retry_at), url))
            self._execute(
                "UPDATE source SET errors = errors + 1, last_error = %s WHERE id ="
                " (SELECT source_id FROM source_item WHERE url = %s)", (error, url))
