"""The monitor's sources, their polls and the items they named."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from storywire.model import utcnow
from storywire.store.postgres.database import Database, _iso, _parse_iso
from storywire.store.records import PollRecord, SeenItem, SourceRecord
from storywire.store.sqlite.sources import SourceTables as _SQLiteSources

_SOURCE_COLUMNS = _SQLiteSources._SOURCE_COLUMNS
_source_from_row = _SQLiteSources._source_from_row


class SourceTables(Database):
    """The ``source`` and ``source_item`` tables."""

    def add_source(self, url: str, kind: str, title: str | None, site_url: str | None,
                   interval: float) -> tuple[SourceRecord, bool]:
        now = _iso(utcnow())
        added = self._execute(
            "INSERT INTO source (url, kind, title, site_url, added_at, next_due, interval_s)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (url) DO NOTHING",
            (url, kind, title, site_url, now, now, interval)).rowcount
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
        return [_source_from_row(r) for r in self._all(
            f"SELECT {_SOURCE_COLUMNS} FROM source WHERE next_due <= %s ORDER BY next_due, id",
            (_iso(now),))]

    def unseen_urls(self, urls: Sequence[str]) -> set[str]:
        known = {row[0] for row in self._all("SELECT url FROM source_item WHERE url = ANY(%s)",
                                             (list(urls),))}
        return set(urls) - known

    def record_poll(self, source_id: int, poll: PollRecord) -> int:
        with self.transaction():
            new = 0
            for url, guid, title, published in poll.items:
                new += self._execute(
                    "INSERT INTO source_item (url, source_id, guid, title, published, seen_at,"
                    " state, next_attempt) VALUES (%s, %s, %s, %s, %s, %s, 'pending', %s)"
                    " ON CONFLICT (url) DO NOTHING",
                    (url, source_id, guid, title, _iso(published), _iso(poll.polled_at),
                     _iso(poll.polled_at))).rowcount
            self._execute(
                "UPDATE source SET last_poll = %s, last_status = %s, next_due = %s,"
                " interval_s = %s, etag = coalesce(%s, etag),"
                " last_modified = coalesce(%s, last_modified), items_seen = items_seen + %s,"
                " errors = errors + %s, last_error = coalesce(%s, last_error) WHERE id = %s",
                (_iso(poll.polled_at), poll.status, _iso(poll.next_due), poll.interval,
                 poll.etag, poll.last_modified, new, 1 if poll.error else 0, poll.error,
                 source_id))
        return new

    def pending_items(self, now: datetime, limit: int) -> list[SeenItem]:
        return [SeenItem(url, sid, surl, title, _parse_iso(published), attempts)
                for url, sid, surl, title, published, attempts in self._all(
                    "SELECT i.url, i.source_id, s.url, i.title, i.published, i.attempts"
                    " FROM source_item i JOIN source s ON s.id = i.source_id"
                    " WHERE i.state = 'pending' AND i.next_attempt <= %s"
                    " ORDER BY i.next_attempt, i.seq LIMIT %s", (_iso(now), limit))]

    def item_fetched(self, url: str, capture_sha256: str | None) -> None:
        self._execute("UPDATE source_item SET state = 'fetched', capture_sha256 = %s,"
                      " error = NULL, attempts = attempts + 1 WHERE url = %s",
                      (capture_sha256, url))

    def item_failed(self, url: str, error: str, retry_at: datetime | None) -> None:
        with self.transaction():
            self._execute(
                "UPDATE source_item SET attempts = attempts + 1, error = %s, state = %s,"
                " next_attempt = coalesce(%s, next_attempt) WHERE url = %s",
                (error, "pending" if retry_at else "failed", _iso(retry_at), url))
            self._execute(
                "UPDATE source SET errors = errors + 1, last_error = %s WHERE id ="
                " (SELECT source_id FROM source_item WHERE url = %s)", (error, url))
