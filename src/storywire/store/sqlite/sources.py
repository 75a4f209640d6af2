"""The monitor's sources, their polls and the items they named."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from storywire.model import utcnow
from storywire.store.records import PollRecord, SeenItem, SourceRecord
from storywire.store.sqlite.database import Database, _iso, _parse_iso


class SourceTables(Database):
    """The ``source`` and ``source_item`` tables."""

    _SOURCE_COLUMNS = ("id, url, kind, title, site_url, added_at, etag, last_modified, last_poll,"
                       " last_status, next_due, interval_s, items_seen, errors, last_error")

    @staticmethod
    def _source_from_row(row: tuple[Any, ...]) -> SourceRecord:
        (id_, url, kind, title, site_url, added_at, etag, last_modified, last_poll, status,
         next_due, interval, seen, errors, last_error) = row
        return SourceRecord(id_, url, kind, title, site_url, _parse_iso(added_at), etag,
                            last_modified, _parse_iso(last_poll), status, _parse_iso(next_due),
                            interval, seen, errors, last_error)

    def add_source(self, url: str, kind: str, title: str | None, site_url: str | None,
                   interval: float) -> tuple[SourceRecord, bool]:
        now = _iso(utcnow())
        cursor = self.write(
            "INSERT OR IGNORE INTO source (url, kind, title, site_url, added_at, next_due,"
            " interval_s) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (url, kind, title, site_url, now, now, interval))
        return self.get_source(url), cursor.rowcount > 0

    def list_sources(self) -> list[SourceRecord]:
        return [self._source_from_row(r) for r in self._db.execute(
            f"SELECT {self._SOURCE_COLUMNS} FROM source ORDER BY id")]

    def get_source(self, key: str | int) -> SourceRecord | None:
        column = "id" if isinstance(key, int) or str(key).isdigit() else "url"
        row = self._db.execute(f"SELECT {self._SOURCE_COLUMNS} FROM source WHERE {column} = ?",
                               (key,)).fetchone()
        return self._source_from_row(row) if row else None

    def remove_source(self, source_id: int) -> None:
        with self.transaction():
            self._db.execute("DELETE FROM source_item WHERE source_id = ?", (source_id,))
            self._db.execute("DELETE FROM source WHERE id = ?", (source_id,))

    def due_sources(self, now: datetime) -> list[SourceRecord]:
        return [self._source_from_row(r) for r in self._db.execute(
            f"SELECT {self._SOURCE_COLUMNS} FROM source WHERE next_due <= ?"
            " ORDER BY next_due, id", (_iso(now),))]

    def unseen_urls(self, urls: Sequence[str]) -> set[str]:
        known = {row[0] for row in self._in_chunks(
            "SELECT url FROM source_item WHERE url IN ({in})", urls)}
        return set(urls) - known

    def record_poll(self, source_id: int, poll: PollRecord) -> int:
        with self.transaction():
            new = 0
            for url, guid, title, published, author in poll.items:
                new += self._db.execute(
                    "INSERT OR IGNORE INTO source_item (url, source_id, guid, title, published,"
                    " author, seen_at, state, next_attempt)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
                    (url, source_id, guid, title, _iso(published), author,
                     _iso(poll.polled_at), _iso(poll.polled_at))).rowcount
            self._db.execute(
                "UPDATE source SET last_poll = ?, last_status = ?, next_due = ?, interval_s = ?,"
                " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
                " items_seen = items_seen + ?, errors = errors + ?,"
                " last_error = coalesce(?, last_error), title = coalesce(title, ?) WHERE id = ?",
                (_iso(poll.polled_at), poll.status, _iso(poll.next_due), poll.interval,
                 poll.etag, poll.last_modified, new, 1 if poll.error else 0, poll.error,
                 poll.title, source_id))
        return new

    def pending_items(self, now: datetime, limit: int) -> list[SeenItem]:
        return [SeenItem(url, sid, surl, title, _parse_iso(published), attempts, author,
                         source_title)
                for url, sid, surl, title, published, attempts, author, source_title
                in self._db.execute(
                    "SELECT i.url, i.source_id, s.url, i.title, i.published, i.attempts,"
                    " i.author, s.title"
                    " FROM source_item i JOIN source s ON s.id = i.source_id"
                    " WHERE i.state = 'pending' AND i.next_attempt <= ?"
                    " ORDER BY i.next_attempt, i.rowid LIMIT ?", (_iso(now), limit))]

    def item_fetched(self, url: str, capture_sha256: str | None) -> None:
        self.write("UPDATE source_item SET state = 'fetched', capture_sha256 = ?,"
                         " error = NULL, attempts = attempts + 1 WHERE url = ?",
                         (capture_sha256, url))

    def item_failed(self, url: str, error: str, retry_at: datetime | None) -> None:
        with self.transaction():
            self._db.execute(
                "UPDATE source_item SET attempts = attempts + 1, error = ?, state = ?,"
                " next_attempt = coalesce(?, next_attempt) WHERE url = ?",
                (error, "pending" if retry_at else "failed", _iso(retry_at), url))
            self._db.execute(
                "UPDATE source SET errors = errors + 1, last_error = ? WHERE id ="
                " (SELECT source_id FROM source_item WHERE url = ?)", (error, url))

