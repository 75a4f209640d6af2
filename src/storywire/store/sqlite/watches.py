"""Watches, their progress through the stored articles, alerts and their outbox."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from storywire.model import Article, WatchStory, utcnow
from storywire.store.records import AlertRecord, DeliveryRecord, NewAlert, StoreError, WatchRecord
from storywire.store.sqlite.database import (
    _SELECT_ARTICLE,
    Database,
    _article_from_row,
    _iso,
    _parse_iso,
)


class WatchTables(Database):
    """The ``watch``, ``watch_story``, ``alert`` and ``delivery`` tables."""

    @staticmethod
    def _watch_from_row(row: tuple[Any, ...]) -> WatchRecord:
        id_, name, query, targets, created_at, cursor, digest = row
        return WatchRecord(id_, name, query, json.loads(targets), _parse_iso(created_at), cursor,
                           digest)

    _WATCH_SELECT = "SELECT id, name, query, targets, created_at, cursor, digest FROM watch"

    def add_watch(self, name: str, query: str, targets: Sequence[str],
                  digest: str | None = None) -> WatchRecord:
        with self.transaction():
            last = self._db.execute("SELECT coalesce(max(rowid), 0) FROM article").fetchone()[0]
            try:
                self._db.execute(
                    "INSERT INTO watch (name, query, targets, created_at, cursor, digest)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (name, query, json.dumps(list(targets)), _iso(utcnow()), last, digest))
            except sqlite3.IntegrityError:
                raise StoreError(f"a watch named {name!r} exists already") from None
        return self.get_watch(name)

    def list_watches(self) -> list[WatchRecord]:
        return [self._watch_from_row(r) for r in self._db.execute(
            self._WATCH_SELECT + " ORDER BY id")]

    def get_watch(self, name: str) -> WatchRecord | None:
        row = self._db.execute(self._WATCH_SELECT + " WHERE name = ?", (name,)).fetchone()
        return self._watch_from_row(row) if row else None

    @contextmanager
    def evaluating(self, watch_id: int) -> Iterator[WatchRecord | None]:
        row = self._db.execute(self._WATCH_SELECT + " WHERE id = ?", (watch_id,)).fetchone()
        yield self._watch_from_row(row) if row else None

    def remove_watch(self, name: str) -> bool:
        return self.write("DELETE FROM watch WHERE name = ?", (name,)).rowcount > 0

    def articles_after(self, cursor: int, limit: int) -> list[tuple[int, Article]]:
        sql = _SELECT_ARTICLE.replace("SELECT ", "SELECT a.rowid, ", 1)
        return [(row[0], _article_from_row(row[1:])) for row in self._db.execute(
            sql + " WHERE a.rowid > ? ORDER BY a.rowid LIMIT ?", (cursor, limit))]

    _WATCH_STORY_SELECT = ("SELECT watch_id, story_key, outlets, alerted_outlets, articles,"
                           " headline, first_outlet, first_seen, link, last_alert_at,"
                           " first_article, first_copy FROM watch_story")

    @staticmethod
    def _watch_story_from_row(row: tuple[Any, ...]) -> WatchStory:
        (watch_id, key, outlets, alerted, articles, headline, first_outlet, first_seen, link,
         last_alert_at, first_article, first_copy) = row
        return WatchStory(watch_id, key, json.loads(outlets), json.loads(alerted),
                          json.loads(articles), headline, first_outlet, _parse_iso(first_seen),
                          link, _parse_iso(last_alert_at), first_article, bool(first_copy))

    def watch_stories_with_articles(self, watch_id: int,
                                    article_ids: Sequence[str]) -> dict[str, WatchStory]:
        rows = self._in_chunks(
            "SELECT DISTINCT w.watch_id, w.story_key, w.outlets, w.alerted_outlets,"
            " w.articles, w.headline, w.first_outlet, w.first_seen, w.link, w.last_alert_at,"
            " w.first_article, w.first_copy FROM watch_story w, json_each(w.articles) j"
            " WHERE w.watch_id = ? AND j.value IN ({in})", article_ids, (watch_id,))
        return {row[1]: self._watch_story_from_row(row) for row in rows}

    def watch_stories(self, watch_id: int, keys: Sequence[str]) -> dict[str, WatchStory]:
        rows = self._in_chunks(
            self._WATCH_STORY_SELECT + " WHERE watch_id = ? AND story_key IN ({in})",
            keys, (watch_id,))
        return {row[1]: self._watch_story_from_row(row) for row in rows}

    def save_watch_progress(self, watch_id: int, cursor: int, stories: Sequence[WatchStory],
                            alerts: Sequence[NewAlert], now: datetime,
                            removed: Sequence[str] = ()) -> list[int]:
        ids = []
        when = _iso(now)
        with self.transaction():
            self._db.executemany(
                "INSERT INTO watch_story (watch_id, story_key, outlets, alerted_outlets,"
                " articles, headline, first_outlet, first_seen, link, last_alert_at,"
                " first_article, first_copy)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(watch_id, story_key)"
                " DO UPDATE SET outlets = excluded.outlets,"
                " alerted_outlets = excluded.alerted_outlets, articles = excluded.articles,"
                " headline = excluded.headline, first_outlet = excluded.first_outlet,"
                " first_seen = excluded.first_seen, link = excluded.link,"
                " last_alert_at = excluded.last_alert_at,"
                " first_article = excluded.first_article, first_copy = excluded.first_copy",
                [(s.watch_id, s.story_key, json.dumps(s.outlets, ensure_ascii=False),
                  json.dumps(s.alerted_outlets, ensure_ascii=False), json.dumps(s.articles),
                  s.headline, s.first_outlet, _iso(s.first_seen), s.link,
                  _iso(s.last_alert_at), s.first_article, int(s.first_copy))
                 for s in stories])
            if removed:
                self._db.executemany(
                    "DELETE FROM watch_story WHERE watch_id = ? AND story_key = ?",
                    [(watch_id, key) for key in removed])
            for alert in alerts:
                alert_id = self._db.execute(
                    "INSERT INTO alert (watch_id, story_key, kind, created_at, payload)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (watch_id, alert.story_key, alert.kind, when,
                     json.dumps(alert.payload, ensure_ascii=False))).lastrowid
                ids.append(alert_id)
                self._db.executemany(
                    "INSERT INTO delivery (alert_id, target, state, next_attempt)"
                    " VALUES (?, ?, 'pending', ?)", [(alert_id, t, when) for t in alert.targets])
            self._db.execute("UPDATE watch SET cursor = max(cursor, ?) WHERE id = ?",
                             (cursor, watch_id))
        return ids

    def stories_awaiting_update(self, before: datetime) -> list[WatchStory]:
        return [s for s in map(self._watch_story_from_row, self._db.execute(
            self._WATCH_STORY_SELECT + " WHERE outlets != alerted_outlets AND last_alert_at <= ?"
            " ORDER BY watch_id, story_key", (_iso(before),)))
            if set(s.outlets) - set(s.alerted_outlets)]

    _ALERT_SELECT = "SELECT al.id, al.watch_id, al.story_key, al.kind, al.created_at, al.payload"

    @staticmethod
    def _alert_from_row(row: tuple[Any, ...]) -> AlertRecord:
        id_, watch_id, key, kind, created_at, payload = row
        return AlertRecord(id_, watch_id, key, kind, _parse_iso(created_at), json.loads(payload))

    def due_deliveries(self, now: datetime) -> list[DeliveryRecord]:
        return [DeliveryRecord(self._alert_from_row(row[:6]), row[6], row[7], row[8])
                for row in self._db.execute(
                    self._ALERT_SELECT + ", w.name, d.target, d.attempts FROM delivery d"
                    " JOIN alert al ON al.id = d.alert_id JOIN watch w ON w.id = al.watch_id"
                    " WHERE d.state = 'pending' AND d.next_attempt <= ?"
                    " ORDER BY d.next_attempt, al.id", (_iso(now),))]

    def delivery_done(self, alert_id: int, target: str, error: str | None,
                      retry_at: datetime | None) -> None:
        state = "sent" if error is None else ("pending" if retry_at else "dead")
        self.write(
            "UPDATE delivery SET state = ?, attempts = attempts + 1, last_error = ?,"
            " next_attempt = coalesce(?, next_attempt), sent_at = ?"
            " WHERE alert_id = ? AND target = ?",
            (state, error, _iso(retry_at), _iso(utcnow()) if error is None else None,
             alert_id, target))

    def recent_alerts(self, watch_id: int, limit: int) -> list[AlertRecord]:
        return [self._alert_from_row(r) for r in self._db.execute(
            self._ALERT_SELECT + " FROM alert al WHERE al.watch_id = ? ORDER BY al.id DESC"
            " LIMIT ?", (watch_id, limit))]

    def alerts_after(self, watch_id: int, after: int) -> list[AlertRecord]:
        return [self._alert_from_row(r) for r in self._db.execute(
            self._ALERT_SELECT + " FROM alert al WHERE al.watch_id = ? AND al.id > ?"
            " ORDER BY al.id", (watch_id, after))]

    def last_alert(self, watch_id: int, kind: str) -> AlertRecord | None:
        row = self._db.execute(
            self._ALERT_SELECT + " FROM alert al WHERE al.watch_id = ? AND al.kind = ?"
            " ORDER BY al.id DESC LIMIT 1", (watch_id, kind)).fetchone()
        return self._alert_from_row(row) if row else None

    def watch_counts(self) -> dict[str, int]:
        counts = {"alerts": self._db.execute("SELECT count(*) FROM alert").fetchone()[0]}
        for state, n in self._db.execute("SELECT state, count(*) FROM delivery GROUP BY 1"):
            counts[f"deliveries_{state}"] = n
        for state, n in self._db.execute("SELECT state, count(*) FROM source_item GROUP BY 1"):
            counts[f"items_{state}"] = n
        return counts

