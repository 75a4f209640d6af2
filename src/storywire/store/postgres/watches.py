"""Watches, their progress through the stored articles, alerts and their outbox."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

import psycopg

from storywire.model import Article, WatchStory, utcnow
from storywire.store.postgres.database import (
    _SELECT_ARTICLE,
    LEASE,
    Database,
    _article_from_row,
    _iso,
)
from storywire.store.records import AlertRecord, DeliveryRecord, NewAlert, StoreError, WatchRecord
from storywire.store.sqlite.watches import WatchTables as _SQLiteWatches

_watch_from_row = _SQLiteWatches._watch_from_row
_watch_story_from_row = _SQLiteWatches._watch_story_from_row
_alert_from_row = _SQLiteWatches._alert_from_row
_WATCH_SELECT = _SQLiteWatches._WATCH_SELECT
_WATCH_STORY_SELECT = _SQLiteWatches._WATCH_STORY_SELECT
_ALERT_SELECT = _SQLiteWatches._ALERT_SELECT
_WATCH_LOCKS = 0x7377  # first key of the advisory locks that hold a watch ("sw")


class WatchTables(Database):
    """The ``watch``, ``watch_story``, ``alert`` and ``delivery`` tables."""

    def add_watch(self, name: str, query: str, targets: Sequence[str],
                  digest: str | None = None) -> WatchRecord:
        last = self._one("SELECT coalesce(max(seq), 0) FROM article")[0]
        try:
            self._execute(
                "INSERT INTO watch (name, query, targets, created_at, cursor, digest)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                (name, query, json.dumps(list(targets)), _iso(utcnow()), last, digest))
        except psycopg.errors.UniqueViolation:
            raise StoreError(f"a watch named {name!r} exists already") from None
        return self.get_watch(name)

    def list_watches(self) -> list[WatchRecord]:
        return [_watch_from_row(r) for r in self._all(_WATCH_SELECT + " ORDER BY id")]

    def get_watch(self, name: str) -> WatchRecord | None:
        row = self._one(_WATCH_SELECT + " WHERE name = %s", (name,))
        return _watch_from_row(row) if row else None

    @contextmanager
    def evaluating(self, watch_id: int) -> Iterator[WatchRecord | None]:
        with self._held() as conn:  # a session lock: taken and freed on one connection
            held = conn.execute("SELECT pg_try_advisory_lock(%s, %s::integer)",
                                (_WATCH_LOCKS, watch_id)).fetchone()[0]
            if not held:
                yield None
                return
            try:
                row = self._one(_WATCH_SELECT + " WHERE id = %s", (watch_id,))
                yield _watch_from_row(row) if row else None
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s, %s::integer)",
                             (_WATCH_LOCKS, watch_id))

    def remove_watch(self, name: str) -> bool:
        return self._execute("DELETE FROM watch WHERE name = %s", (name,)).rowcount > 0

    def articles_after(self, cursor: int, limit: int) -> list[tuple[int, Article]]:
        sql = _SELECT_ARTICLE.replace("SELECT ", "SELECT a.seq, ", 1)
        return [(row[0], _article_from_row(row[1:])) for row in self._all(
            sql + " WHERE a.seq > %s ORDER BY a.seq LIMIT %s", (cursor, limit))]

    def watch_stories(self, watch_id: int, keys: Sequence[str]) -> dict[str, WatchStory]:
        rows = self._all(_WATCH_STORY_SELECT + " WHERE watch_id = %s AND story_key = ANY(%s)",
                         (watch_id, list(keys)))
        return {row[1]: _watch_story_from_row(row) for row in rows}

    def watch_stories_with_articles(self, watch_id: int,
                                    article_ids: Sequence[str]) -> dict[str, WatchStory]:
        if not article_ids:
            return {}
        columns = _WATCH_STORY_SELECT.removeprefix("SELECT ").split(" FROM ")[0]
        rows = self._all(
            "SELECT " + ", ".join(f"w.{c.strip()}" for c in columns.split(","))
            + " FROM watch_story w WHERE w.watch_id = %s AND EXISTS (SELECT 1 FROM"
            " json_array_elements_text(w.articles::json) j WHERE j = ANY(%s))",
            (watch_id, list(article_ids)))
        return {row[1]: _watch_story_from_row(row) for row in rows}

    def alerts_after(self, watch_id: int, after: int) -> list[AlertRecord]:
        return [_alert_from_row(r) for r in self._all(
            _ALERT_SELECT + " FROM alert al WHERE al.watch_id = %s AND al.id > %s"
            " ORDER BY al.id", (watch_id, after))]

    def last_alert(self, watch_id: int, kind: str) -> AlertRecord | None:
        row = self._one(
            _ALERT_SELECT + " FROM alert al WHERE al.watch_id = %s AND al.kind = %s"
            " ORDER BY al.id DESC LIMIT 1", (watch_id, kind))
        return _alert_from_row(row) if row else None

    def save_watch_progress(self, watch_id: int, cursor: int, stories: Sequence[WatchStory],
                            alerts: Sequence[NewAlert], now: datetime,
                            removed: Sequence[str] = ()) -> list[int]:
        ids = []
        when = _iso(now)
        with self.transaction():
            self._executemany(
                "INSERT INTO watch_story (watch_id, story_key, outlets, alerted_outlets,"
                " articles, headline, first_outlet, first_seen, link, last_alert_at,"
                " first_article, first_copy)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (watch_id, story_key) DO UPDATE SET outlets = excluded.outlets,"
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
                self._executemany(
                    "DELETE FROM watch_story WHERE watch_id = %s AND story_key = %s",
                    [(watch_id, key) for key in removed])
            for alert in alerts:
                alert_id = self._one(
                    "INSERT INTO alert (watch_id, story_key, kind, created_at, payload)"
                    " VALUES (%s, %s, %s, %s, %s) RETURNING id",
                    (watch_id, alert.story_key, alert.kind, when,
                     json.dumps(alert.payload, ensure_ascii=False)))[0]
                ids.append(alert_id)
                self._executemany(
                    "INSERT INTO delivery (alert_id, target, state, next_attempt)"
                    " VALUES (%s, %s, 'pending', %s)",
                    [(alert_id, t, when) for t in alert.targets])
            self._execute("UPDATE watch SET cursor = greatest(cursor, %s) WHERE id = %s",
                          (cursor, watch_id))
        return ids

    def stories_awaiting_update(self, before: datetime) -> list[WatchStory]:
        return [s for s in map(_watch_story_from_row, self._all(
            _WATCH_STORY_SELECT + " WHERE outlets != alerted_outlets AND last_alert_at <= %s"
            " ORDER BY watch_id, story_key COLLATE \"C\"", (_iso(before),)))
            if set(s.outlets) - set(s.alerted_outlets)]

    def due_deliveries(self, now: datetime) -> list[DeliveryRecord]:
        """Due deliveries, leased to this store as ``pending_items`` leases items."""
        claimed = self._all(
            "WITH picked AS (SELECT alert_id, target FROM delivery WHERE state = 'pending'"
            " AND next_attempt <= %(now)s AND (lease_until IS NULL OR lease_until <= %(now)s"
            " OR lease_owner = %(me)s) FOR UPDATE SKIP LOCKED)"
            " UPDATE delivery d SET lease_owner = %(me)s, lease_until = %(until)s FROM picked"
            " WHERE (d.alert_id, d.target) = (picked.alert_id, picked.target)"
            " RETURNING d.alert_id, d.target",
            {"now": _iso(now), "me": self._owner, "until": _iso(now + LEASE)})
        if not claimed:
            return []
        return [DeliveryRecord(_alert_from_row(row[:6]), row[6], row[7], row[8])
                for row in self._all(
                    _ALERT_SELECT + ", w.name, d.target, d.attempts FROM delivery d"
                    " JOIN alert al ON al.id = d.alert_id JOIN watch w ON w.id = al.watch_id"
                    " WHERE (d.alert_id, d.target) IN (SELECT * FROM unnest(%s::bigint[],"
                    " %s::text[])) ORDER BY d.next_attempt, al.id",
                    ([a for a, _ in claimed], [t for _, t in claimed]))]

    def delivery_done(self, alert_id: int, target: str, error: str | None,
                      retry_at: datetime | None) -> None:
        state = "sent" if error is None else ("pending" if retry_at else "dead")
        self._execute(
            "UPDATE delivery SET state = %s, attempts = attempts + 1, last_error = %s,"
            " next_attempt = coalesce(%s, next_attempt), sent_at = %s, lease_owner = NULL,"
            " lease_until = NULL WHERE alert_id = %s AND target = %s",
            (state, error, _iso(retry_at), _iso(utcnow()) if error is None else None,
             alert_id, target))

    def recent_alerts(self, watch_id: int, limit: int) -> list[AlertRecord]:
        return [_alert_from_row(r) for r in self._all(
            _ALERT_SELECT + " FROM alert al WHERE al.watch_id = %s ORDER BY al.id DESC"
            " LIMIT %s", (watch_id, limit))]

    def watch_counts(self) -> dict[str, int]:
        counts = {"alerts": self._one("SELECT count(*) FROM alert")[0]}
        for state, n in self._all("SELECT state, count(*) FROM delivery GROUP BY 1"):
            counts[f"deliveries_{state}"] = n
        for state, n in self._all("SELECT state, count(*) FROM source_item GROUP BY 1"):
            counts[f"items_{state}"] = n
        return counts
