"""SQLite store: WAL mode, FTS5 search, versioned migrations.

One connection writes; SQLite's WAL lets readers (a future web face) read alongside it.
Raw captures are kept zlib-compressed so that every later stage can be re-run.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import struct
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from storywire.model import Article, Capture, Story, StoryReport, WatchStory, utcnow
from storywire.store.base import (
    AlertRecord,
    ArticleFilter,
    ArticlePage,
    DeliveryRecord,
    DeliveryState,
    NewAlert,
    PollRecord,
    SearchHit,
    SeenItem,
    SourceRecord,
    Store,
    StoreError,
    WatchRecord,
)

_ARTICLE_COLUMNS = (
    "id", "capture_sha256", "origin", "source_id", "url", "canonical_url", "outlet", "title",
    "authors", "published", "language", "text", "removed", "removed_reasons", "ingested_at",
    "copy_of", "copy_kind", "copy_evidence", "story_id", "quotes", "entities", "figures",
)
_JSON_COLUMNS = {"authors", "removed", "removed_reasons", "quotes", "entities", "figures"}
_SELECT_ARTICLE = "SELECT " + ", ".join(f"a.{c}" for c in _ARTICLE_COLUMNS) + " FROM article a"


def _migrations() -> list[tuple[int, str]]:
    """(version, sql) for every file in migrations/, ordered; names start with the version."""
    folder = resources.files("storywire.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text("utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(version for version, _ in _migrations())


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class SQLiteStore(Store):
    """The default store: one file, no server."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a storywire database: {exc}") from exc
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._depth = 0
        self._migrate()

    # -- lifecycle ---------------------------------------------------------------------
    def _migrate(self) -> None:
        current = self._db.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this storywire "
                f"({SCHEMA_VERSION}); upgrade storywire"
            )
        for version, sql in _migrations():
            if version <= current:
                continue
            # executescript commits on its own, so the version bump rides in the same script.
            self._db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._depth = 0

    # -- captures ----------------------------------------------------------------------
    def capture_state(self, sha256: str) -> str | None:
        row = self._db.execute(
            "SELECT c.error, a.id FROM capture c LEFT JOIN article a ON a.capture_sha256 = c.sha256"
            " WHERE c.sha256 = ?",
            (sha256,),
        ).fetchone()
        if row is None:
            return None
        return "article" if row[1] else "failed"

    def put_capture(self, capture: Capture, error: str | None = None) -> None:
        self._db.execute(
            "INSERT INTO capture (sha256, kind, origin, url, fetched_at, meta, raw_size, raw,"
            " stored_at, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(sha256) DO UPDATE SET error = excluded.error",
            (
                capture.sha256, capture.kind, capture.origin, capture.url,
                _iso(capture.fetched_at), json.dumps(capture.meta, sort_keys=True),
                len(capture.raw), zlib.compress(capture.raw, 6), _iso(utcnow()), error,
            ),
        )

    def _capture_from_row(self, row: sqlite3.Row | tuple[Any, ...]) -> Capture:
        sha, kind, origin, url, fetched_at, meta, raw = row
        return Capture(
            raw=zlib.decompress(raw), kind=kind, origin=origin, url=url,
            fetched_at=_parse_iso(fetched_at), meta=json.loads(meta), sha256=sha,
        )

    _CAPTURE_SELECT = "SELECT sha256, kind, origin, url, fetched_at, meta, raw FROM capture"

    def get_capture(self, sha256: str) -> Capture | None:
        row = self._db.execute(self._CAPTURE_SELECT + " WHERE sha256 = ?", (sha256,)).fetchone()
        return self._capture_from_row(row) if row else None

    def iter_captures(self) -> Iterator[Capture]:
        # A separate cursor over rowid order keeps memory flat on large stores.
        for row in self._db.execute(self._CAPTURE_SELECT + " ORDER BY rowid"):
            yield self._capture_from_row(row)

    def capture_hashes(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT sha256 FROM capture ORDER BY rowid")]

    def count_captures(self) -> int:
        return self._db.execute("SELECT count(*) FROM capture").fetchone()[0]

    # -- articles ----------------------------------------------------------------------
    def put_article(self, article: Article) -> None:
        if article.ingested_at is None:
            article.ingested_at = utcnow()
        values = _article_to_row(article)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _ARTICLE_COLUMNS if c != "id")
        self._db.execute(
            f"INSERT INTO article ({', '.join(_ARTICLE_COLUMNS)}) VALUES "
            f"({', '.join('?' for _ in _ARTICLE_COLUMNS)}) ON CONFLICT(id) DO UPDATE SET {updates}",
            values,
        )

    def get_article(self, article_id: str) -> Article | None:
        article_id = article_id.strip().lower()
        row = self._db.execute(_SELECT_ARTICLE + " WHERE a.id = ?", (article_id,)).fetchone()
        if row:
            return _article_from_row(row)
        if len(article_id) < 4:
            return None
        rows = self._db.execute(
            _SELECT_ARTICLE + " WHERE a.id LIKE ? ESCAPE '\\' LIMIT 2",
            (article_id.replace("%", "\\%").replace("_", "\\_") + "%",),
        ).fetchall()
        return _article_from_row(rows[0]) if len(rows) == 1 else None

    def list_articles(self, flt: ArticleFilter | None = None) -> list[Article]:
        flt = flt or ArticleFilter()
        where, params = _article_where(flt)
        sql = _SELECT_ARTICLE + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY a.published IS NULL, a.published DESC, a.ingested_at DESC, a.id"
        if flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [flt.limit, flt.offset]
        return [_article_from_row(r) for r in self._db.execute(sql, params)]

    def iter_articles(self) -> Iterator[Article]:
        for row in self._db.execute(_SELECT_ARTICLE + " ORDER BY a.rowid"):
            yield _article_from_row(row)

    def count_articles(self) -> int:
        return self._db.execute("SELECT count(*) FROM article").fetchone()[0]

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        ranked = (", snippet(article_fts, 1, char(2), char(3), '…', 16),"
                  " bm25(article_fts, 5.0, 1.0) AS score FROM article a")
        sql = (
            _SELECT_ARTICLE.replace(" FROM article a", ranked)
            + " JOIN article_fts ON article_fts.rowid = a.rowid"
            " WHERE article_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?"
        )
        try:
            rows = self._db.execute(sql, (query, limit, offset)).fetchall()
        except sqlite3.OperationalError:
            # Not valid FTS5 syntax (a stray quote or colon): search the words literally.
            rows = self._db.execute(sql, (_literal_fts_query(query), limit, offset)).fetchall()
        n = len(_ARTICLE_COLUMNS)
        return [SearchHit(_article_from_row(r[:n]), r[n], -float(r[n + 1])) for r in rows]

    def summary(self) -> dict[str, object]:
        def grouped(sql: str) -> list[tuple[Any, int]]:
            return [tuple(r) for r in self._db.execute(sql)]

        return {
            "articles": self.count_articles(),
            "captures": self.count_captures(),
            "failed_captures": self._db.execute(
                "SELECT count(*) FROM capture WHERE error IS NOT NULL").fetchone()[0],
            "by_outlet": grouped(
                "SELECT coalesce(outlet, '(unknown)'), count(*) FROM article"
                " GROUP BY 1 ORDER BY 2 DESC, 1"),
            "by_language": grouped(
                "SELECT coalesce(language, '(unknown)'), count(*) FROM article"
                " GROUP BY 1 ORDER BY 2 DESC, 1"),
            "removed_by_reason": grouped(
                "SELECT j.value, count(*) FROM article, json_each(article.removed_reasons) j"
                " GROUP BY 1 ORDER BY 2 DESC, 1"),
        }

    # -- learned junk statistics ------------------------------------------------------
    def observe_lines(self, outlet: str, lines: dict[str, str]) -> None:
        self._db.execute(
            "INSERT INTO outlet_stat (outlet, articles) VALUES (?, 1)"
            " ON CONFLICT(outlet) DO UPDATE SET articles = articles + 1",
            (outlet,),
        )
        self._db.executemany(
            "INSERT INTO outlet_line (outlet, line_key, articles, sample) VALUES (?, ?, 1, ?)"
            " ON CONFLICT(outlet, line_key) DO UPDATE SET articles = articles + 1",
            [(outlet, key, sample) for key, sample in lines.items()],
        )

    def _in_chunks(self, sql: str, values: Iterable[Any],
                   leading: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of ``sql`` whose ``{in}`` is filled with ``values`` 500 at a time (SQLite
        caps the number of bound parameters); ``leading`` binds the ``?`` before it."""
        values = list(values)
        for start in range(0, len(values), _IN_CHUNK):
            chunk = values[start:start + _IN_CHUNK]
            yield from self._db.execute(sql.format(**{"in": ", ".join("?" * len(chunk))}),
                                        [*leading, *chunk])

    def line_counts(self, outlet: str, keys: Iterable[str]) -> dict[str, int]:
        return dict(self._in_chunks(
            "SELECT line_key, articles FROM outlet_line WHERE outlet = ? AND line_key IN ({in})",
            keys, (outlet,)))

    def outlet_article_count(self, outlet: str) -> int:
        row = self._db.execute(
            "SELECT articles FROM outlet_stat WHERE outlet = ?", (outlet,)).fetchone()
        return row[0] if row else 0

    def frequent_lines(self, outlet: str, min_articles: int) -> list[tuple[str, int, str]]:
        return [tuple(r) for r in self._db.execute(
            "SELECT line_key, articles, sample FROM outlet_line WHERE outlet = ? AND articles >= ?"
            " ORDER BY articles DESC, line_key", (outlet, min_articles))]

    def reset_line_stats(self) -> None:
        self._db.execute("DELETE FROM outlet_line")
        self._db.execute("DELETE FROM outlet_stat")

    # -- outlet names by host ------------------------------------------------------------
    def observe_outlet_host(self, host: str, outlet: str) -> None:
        self._db.execute(
            "INSERT INTO outlet_host (host, outlet, articles) VALUES (?, ?, 1)"
            " ON CONFLICT(host, outlet) DO UPDATE SET articles = articles + 1",
            (host, outlet),
        )

    def outlet_for_host(self, host: str) -> str | None:
        row = self._db.execute(
            "SELECT outlet FROM outlet_host WHERE host = ? ORDER BY articles DESC, outlet"
            " LIMIT 1", (host,)).fetchone()
        return row[0] if row else None

    def reset_outlet_hosts(self) -> None:
        self._db.execute("DELETE FROM outlet_host")

    # -- copies ----------------------------------------------------------------------------
    def copy_scheme(self) -> str | None:
        row = self._db.execute("SELECT value FROM copy_meta WHERE key = 'scheme'").fetchone()
        return row[0] if row else None

    def set_copy_scheme(self, scheme: str) -> None:
        self._db.execute("INSERT INTO copy_meta (key, value) VALUES ('scheme', ?)"
                         " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (scheme,))

    def _fid(self, article_id: str) -> int | None:
        row = self._db.execute("SELECT fid FROM copy_fingerprint WHERE article_id = ?",
                               (article_id,)).fetchone()
        return row[0] if row else None

    def put_copy_keys(self, article_id: str, exact: str, keys: Sequence[int],
                      signature: bytes = b"") -> None:
        self._db.execute(
            "INSERT INTO copy_fingerprint (article_id, exact_hash, terms) VALUES (?, ?, ?)"
            " ON CONFLICT(article_id) DO UPDATE SET exact_hash = excluded.exact_hash,"
            " terms = excluded.terms",
            (article_id, bytes.fromhex(exact), signature))
        fid = self._fid(article_id)
        self._db.executemany("INSERT OR IGNORE INTO copy_band (band_key, fid) VALUES (?, ?)",
                             [(key, fid) for key in keys])

    def delete_copy_keys(self, article_id: str, keys: Sequence[int]) -> None:
        fid = self._fid(article_id)
        if fid is not None:
            self._db.executemany("DELETE FROM copy_band WHERE band_key = ? AND fid = ?",
                                 [(key, fid) for key in keys])

    def copy_signatures(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        return dict(self._in_chunks(
            "SELECT article_id, terms FROM copy_fingerprint WHERE article_id IN ({in})"
            " AND length(terms) > 0", article_ids))

    def exact_matches(self, exact: str, limit: int) -> list[str]:
        return [r[0] for r in self._db.execute(
            "SELECT article_id FROM copy_fingerprint WHERE exact_hash = ? ORDER BY fid LIMIT ?",
            (bytes.fromhex(exact), limit))]

    def band_matches(self, keys: Sequence[int], limit: int,
                     per_key: int | None = None) -> list[tuple[str, int]]:
        if not keys:
            return []
        hits: dict[int, int] = {}
        if per_key is None:
            for fid, count in self._in_chunks(
                    "SELECT fid, count(*) FROM copy_band WHERE band_key IN ({in}) GROUP BY fid",
                    keys):
                hits[fid] = hits.get(fid, 0) + count
        else:  # one compound statement of bounded range reads (SQLite allows 500 terms)
            keys = list(keys)
            one = "SELECT * FROM (SELECT fid FROM copy_band WHERE band_key = ? " \
                  "ORDER BY fid DESC LIMIT ?)"
            for start in range(0, len(keys), 200):
                chunk = keys[start:start + 200]
                sql = " UNION ALL ".join([one] * len(chunk))
                for (fid,) in self._db.execute(sql, [v for k in chunk for v in (k, per_key)]):
                    hits[fid] = hits.get(fid, 0) + 1
        best = sorted(hits.items(), key=lambda item: (-item[1], item[0]))[:limit]
        if not best:
            return []
        ids = dict(self._db.execute(
            "SELECT fid, article_id FROM copy_fingerprint WHERE fid IN "
            f"({', '.join('?' for _ in best)})", [fid for fid, _ in best]).fetchall())
        return [(ids[fid], count) for fid, count in best if fid in ids]

    def set_copy(self, article_id: str, copy_of: str | None, kind: str | None,
                 evidence: dict[str, Any] | None) -> None:
        self._db.execute(
            "UPDATE article SET copy_of = ?, copy_kind = ?, copy_evidence = ? WHERE id = ?",
            (copy_of, kind, json.dumps(evidence, ensure_ascii=False) if evidence else None,
             article_id))

    def copies_of(self, article_id: str) -> list[Article]:
        return [_article_from_row(r) for r in self._db.execute(
            _SELECT_ARTICLE + " WHERE a.copy_of = ? ORDER BY a.rowid", (article_id,))]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM article ORDER BY rowid")]

    def reset_copies(self) -> None:
        self._db.execute("DELETE FROM copy_band")
        self._db.execute("DELETE FROM copy_fingerprint")
        self._db.execute("DELETE FROM copy_meta WHERE key = 'scheme'")
        self._db.execute("UPDATE article SET copy_of = NULL, copy_kind = NULL,"
                         " copy_evidence = NULL WHERE copy_of IS NOT NULL"
                         " OR copy_evidence IS NOT NULL")

    def copy_index_size(self) -> dict[str, int]:
        sizes = {
            "fingerprints": self._db.execute(
                "SELECT count(*) FROM copy_fingerprint").fetchone()[0],
            "band_keys": self._db.execute("SELECT count(*) FROM copy_band").fetchone()[0],
        }
        try:
            rows = self._db.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name IN ('copy_fingerprint', 'copy_band',"
                " 'copy_fingerprint_exact', 'sqlite_autoindex_copy_fingerprint_1')").fetchone()
            sizes["bytes"] = int(rows[0] or 0)
        except sqlite3.OperationalError:  # SQLite built without the dbstat table
            pass
        return sizes

    # -- watch: sources, seen items, watches, alerts and their outbox (issue 6) ----------
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
        cursor = self._db.execute(
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
            for url, guid, title, published in poll.items:
                new += self._db.execute(
                    "INSERT OR IGNORE INTO source_item (url, source_id, guid, title, published,"
                    " seen_at, state, next_attempt) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)",
                    (url, source_id, guid, title, _iso(published), _iso(poll.polled_at),
                     _iso(poll.polled_at))).rowcount
            self._db.execute(
                "UPDATE source SET last_poll = ?, last_status = ?, next_due = ?, interval_s = ?,"
                " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
                " items_seen = items_seen + ?, errors = errors + ?,"
                " last_error = coalesce(?, last_error) WHERE id = ?",
                (_iso(poll.polled_at), poll.status, _iso(poll.next_due), poll.interval,
                 poll.etag, poll.last_modified, new, 1 if poll.error else 0, poll.error,
                 source_id))
        return new

    def pending_items(self, now: datetime, limit: int) -> list[SeenItem]:
        return [SeenItem(url, sid, surl, title, _parse_iso(published), attempts)
                for url, sid, surl, title, published, attempts in self._db.execute(
                    "SELECT i.url, i.source_id, s.url, i.title, i.published, i.attempts"
                    " FROM source_item i JOIN source s ON s.id = i.source_id"
                    " WHERE i.state = 'pending' AND i.next_attempt <= ?"
                    " ORDER BY i.next_attempt, i.rowid LIMIT ?", (_iso(now), limit))]

    def item_fetched(self, url: str, capture_sha256: str | None) -> None:
        self._db.execute("UPDATE source_item SET state = 'fetched', capture_sha256 = ?,"
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

    @staticmethod
    def _watch_from_row(row: tuple[Any, ...]) -> WatchRecord:
        id_, name, query, targets, created_at, cursor = row
        return WatchRecord(id_, name, query, json.loads(targets), _parse_iso(created_at), cursor)

    _WATCH_SELECT = "SELECT id, name, query, targets, created_at, cursor FROM watch"

    def add_watch(self, name: str, query: str, targets: Sequence[str]) -> WatchRecord:
        last = self._db.execute("SELECT coalesce(max(rowid), 0) FROM article").fetchone()[0]
        try:
            self._db.execute(
                "INSERT INTO watch (name, query, targets, created_at, cursor)"
                " VALUES (?, ?, ?, ?, ?)",
                (name, query, json.dumps(list(targets)), _iso(utcnow()), last))
        except sqlite3.IntegrityError:
            raise StoreError(f"a watch named {name!r} exists already") from None
        return self.get_watch(name)

    def list_watches(self) -> list[WatchRecord]:
        return [self._watch_from_row(r) for r in self._db.execute(
            self._WATCH_SELECT + " ORDER BY id")]

    def get_watch(self, name: str) -> WatchRecord | None:
        row = self._db.execute(self._WATCH_SELECT + " WHERE name = ?", (name,)).fetchone()
        return self._watch_from_row(row) if row else None

    def remove_watch(self, name: str) -> bool:
        return self._db.execute("DELETE FROM watch WHERE name = ?", (name,)).rowcount > 0

    def articles_after(self, cursor: int, limit: int) -> list[tuple[int, Article]]:
        sql = _SELECT_ARTICLE.replace("SELECT ", "SELECT a.rowid, ", 1)
        return [(row[0], _article_from_row(row[1:])) for row in self._db.execute(
            sql + " WHERE a.rowid > ? ORDER BY a.rowid LIMIT ?", (cursor, limit))]

    _WATCH_STORY_SELECT = ("SELECT watch_id, story_key, outlets, alerted_outlets, articles,"
                           " headline, first_outlet, first_seen, link, last_alert_at"
                           " FROM watch_story")

    @staticmethod
    def _watch_story_from_row(row: tuple[Any, ...]) -> WatchStory:
        (watch_id, key, outlets, alerted, articles, headline, first_outlet, first_seen, link,
         last_alert_at) = row
        return WatchStory(watch_id, key, json.loads(outlets), json.loads(alerted),
                          json.loads(articles), headline, first_outlet, _parse_iso(first_seen),
                          link, _parse_iso(last_alert_at))

    def watch_stories(self, watch_id: int, keys: Sequence[str]) -> dict[str, WatchStory]:
        rows = self._in_chunks(
            self._WATCH_STORY_SELECT + " WHERE watch_id = ? AND story_key IN ({in})",
            keys, (watch_id,))
        return {row[1]: self._watch_story_from_row(row) for row in rows}

    def save_watch_progress(self, watch_id: int, cursor: int, stories: Sequence[WatchStory],
                            alerts: Sequence[NewAlert], now: datetime) -> list[int]:
        ids = []
        when = _iso(now)
        with self.transaction():
            self._db.executemany(
                "INSERT INTO watch_story (watch_id, story_key, outlets, alerted_outlets,"
                " articles, headline, first_outlet, first_seen, link, last_alert_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(watch_id, story_key)"
                " DO UPDATE SET outlets = excluded.outlets,"
                " alerted_outlets = excluded.alerted_outlets, articles = excluded.articles,"
                " headline = excluded.headline, first_outlet = excluded.first_outlet,"
                " first_seen = excluded.first_seen, link = excluded.link,"
                " last_alert_at = excluded.last_alert_at",
                [(s.watch_id, s.story_key, json.dumps(s.outlets, ensure_ascii=False),
                  json.dumps(s.alerted_outlets, ensure_ascii=False), json.dumps(s.articles),
                  s.headline, s.first_outlet, _iso(s.first_seen), s.link,
                  _iso(s.last_alert_at)) for s in stories])
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
        self._db.execute(
            "UPDATE delivery SET state = ?, attempts = attempts + 1, last_error = ?,"
            " next_attempt = coalesce(?, next_attempt), sent_at = ?"
            " WHERE alert_id = ? AND target = ?",
            (state, error, _iso(retry_at), _iso(utcnow()) if error is None else None,
             alert_id, target))

    def recent_alerts(self, watch_id: int, limit: int) -> list[AlertRecord]:
        return [self._alert_from_row(r) for r in self._db.execute(
            self._ALERT_SELECT + " FROM alert al WHERE al.watch_id = ? ORDER BY al.id DESC"
            " LIMIT ?", (watch_id, limit))]

    def watch_counts(self) -> dict[str, int]:
        counts = {"alerts": self._db.execute("SELECT count(*) FROM alert").fetchone()[0]}
        for state, n in self._db.execute("SELECT state, count(*) FROM delivery GROUP BY 1"):
            counts[f"deliveries_{state}"] = n
        for state, n in self._db.execute("SELECT state, count(*) FROM source_item GROUP BY 1"):
            counts[f"items_{state}"] = n
        return counts
    # -- stories ---------------------------------------------------------------------------
    def story_setting(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM story_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_story_setting(self, key: str, value: str) -> None:
        self._db.execute("INSERT INTO story_meta (key, value) VALUES (?, ?)"
                         " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def term_documents(self, features: Sequence[int]) -> dict[int, int]:
        return dict(self._in_chunks(
            "SELECT feature, docs FROM story_term WHERE feature IN ({in})", features))

    def add_term_documents(self, features: Sequence[int]) -> None:
        self._db.executemany(
            "INSERT INTO story_term (feature, docs) VALUES (?, 1)"
            " ON CONFLICT(feature) DO UPDATE SET docs = docs + 1",
            [(int(f),) for f in features])

    def put_story(self, story: Story) -> None:
        story.updated_at = story.updated_at or utcnow()
        active = _iso(story.active) or _ALWAYS_ACTIVE
        self._db.execute(
            "INSERT INTO story (id, headline, language, first_seen, last_seen, active, reports,"
            " terms, names, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET headline = excluded.headline,"
            " language = excluded.language, first_seen = excluded.first_seen,"
            " last_seen = excluded.last_seen, active = excluded.active,"
            " reports = excluded.reports, terms = excluded.terms, names = excluded.names,"
            " updated_at = excluded.updated_at",
            (story.id, story.headline, story.language, _iso(story.first_seen),
             _iso(story.last_seen), _iso(story.active), story.reports, story.terms,
             story.names, _iso(story.updated_at)))
        self._db.execute("UPDATE story_key SET active = ? WHERE story_id = ? AND active <> ?",
                         (active, story.id, active))

    _STORY_SELECT = ("SELECT id, headline, language, first_seen, last_seen, active, reports,"
                     " terms, names, updated_at FROM story")

    def get_story(self, story_id: str) -> Story | None:
        story_id = story_id.strip().lower()
        row = self._db.execute(self._STORY_SELECT + " WHERE id = ?", (story_id,)).fetchone()
        if row:
            return _story_from_row(row)
        if len(story_id) < 4:
            return None
        rows = self._db.execute(
            self._STORY_SELECT + " WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
            (story_id.replace("%", "\\%").replace("_", "\\_") + "%",)).fetchall()
        return _story_from_row(rows[0]) if len(rows) == 1 else None

    def get_stories(self, story_ids: Sequence[str]) -> dict[str, Story]:
        found = (_story_from_row(r) for r in self._in_chunks(
            self._STORY_SELECT + " WHERE id IN ({in})", story_ids))
        return {story.id: story for story in found}

    def delete_story(self, story_id: str) -> None:
        self._db.execute("DELETE FROM story_key WHERE story_id = ?", (story_id,))
        self._db.execute("DELETE FROM story WHERE id = ?", (story_id,))

    def put_story_keys(self, story_id: str, keys: Sequence[int]) -> None:
        row = self._db.execute("SELECT active FROM story WHERE id = ?", (story_id,)).fetchone()
        active = (row[0] if row else None) or _ALWAYS_ACTIVE
        self._db.executemany(
            "INSERT OR IGNORE INTO story_key (story_id, key, active) VALUES (?, ?, ?)",
            [(story_id, int(key), active) for key in keys])

    def story_candidates(self, keys: Sequence[int], active_since: str | None,
                         per_key: int) -> list[tuple[str, int]]:
        hits: dict[str, int] = {}
        sql = ("SELECT story_id FROM story_key WHERE key = ? AND active >= ?"
               " ORDER BY active DESC LIMIT ?")
        for key in dict.fromkeys(int(k) for k in keys):
            for (story_id,) in self._db.execute(sql, (key, active_since or "", per_key)):
                hits[story_id] = hits.get(story_id, 0) + 1
        return sorted(hits.items(), key=lambda item: (-item[1], item[0]))

    def put_story_report(self, report: StoryReport) -> None:
        # ON CONFLICT keeps the row (and its rowid: the order the report was first placed)
        self._db.execute(
            "INSERT INTO story_report (article_id, story_id, terms, names, keys)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET"
            " story_id = excluded.story_id, terms = excluded.terms, names = excluded.names,"
            " keys = excluded.keys",
            (report.article_id, report.story_id, report.terms, report.names,
             _pack_keys(report.keys)))

    def set_story_report(self, article_id: str, story_id: str | None) -> None:
        if story_id is None:
            self._db.execute("DELETE FROM story_report WHERE article_id = ?", (article_id,))
        else:
            self._db.execute("UPDATE story_report SET story_id = ? WHERE article_id = ?",
                             (story_id, article_id))

    def move_story_members(self, from_story: str, to_story: str) -> None:
        self._db.execute("UPDATE article SET story_id = ? WHERE story_id = ?",
                         (to_story, from_story))
        self._db.execute("UPDATE story_report SET story_id = ? WHERE story_id = ?",
                         (to_story, from_story))

    _REPORT_SELECT = "SELECT article_id, story_id, terms, names, keys FROM story_report"

    def story_report_vectors(self, story_id: str, limit: int) -> list[StoryReport]:
        rows = self._db.execute(
            self._REPORT_SELECT + " WHERE story_id = ? ORDER BY rowid DESC LIMIT ?",
            (story_id, limit)).fetchall()
        return [_report_from_row(r) for r in reversed(rows)]

    def get_story_reports(self, article_ids: Sequence[str]) -> list[StoryReport]:
        return [_report_from_row(r) for r in self._in_chunks(
            self._REPORT_SELECT + " WHERE article_id IN ({in})", article_ids)]

    def set_story(self, article_id: str, story_id: str | None) -> None:
        self._db.execute("UPDATE article SET story_id = ? WHERE id = ?", (story_id, article_id))

    def story_members(self, story_id: str) -> list[Article]:
        return [_article_from_row(r) for r in self._db.execute(
            _SELECT_ARTICLE + " WHERE a.story_id = ?"
            " ORDER BY a.published IS NULL, a.published, a.rowid", (story_id,))]

    def story_member_count(self, story_id: str) -> int:
        return self._db.execute("SELECT count(*) FROM article WHERE story_id = ?",
                                (story_id,)).fetchone()[0]

    def list_stories(self, since: str | None = None, outlet: str | None = None,
                     limit: int | None = 50) -> list[Story]:
        where, params = [], []
        if since:
            where.append("coalesce(last_seen, active, updated_at) >= ?")
            params.append(since)
        if outlet:
            where.append("EXISTS (SELECT 1 FROM article a WHERE a.story_id = story.id"
                         " AND a.outlet = ?)")
            params.append(outlet)
        sql = self._STORY_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += (" ORDER BY coalesce(last_seen, active, updated_at) DESC, reports DESC, id")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_story_from_row(r) for r in self._db.execute(sql, params)]

    def reset_stories(self) -> None:
        for table in ("story_key", "story", "story_report", "story_term", "story_meta"):
            self._db.execute(f"DELETE FROM {table}")
        self._db.execute("UPDATE article SET story_id = NULL WHERE story_id IS NOT NULL")


    # -- understand: entities, quotes, figures (issue 5) ----------------------------------
    def set_understanding(self, article_id: str, entities: list[dict[str, Any]],
                          quotes: list[dict[str, Any]], figures: list[dict[str, Any]]) -> None:
        self._db.execute(
            "UPDATE article SET entities = ?, quotes = ?, figures = ? WHERE id = ?",
            (json.dumps(entities, ensure_ascii=False), json.dumps(quotes, ensure_ascii=False),
             json.dumps(figures, ensure_ascii=False), article_id))

    def quoted_articles(self, speaker: str | None = None,
                        story_id: str | None = None) -> list[Article]:
        where, params = ["EXISTS (SELECT 1 FROM json_each(a.quotes) q WHERE 1"], []
        if speaker:
            where[0] += (" AND lower(json_extract(q.value, '$.speaker')) LIKE ? ESCAPE '\\'")
            params.append("%" + speaker.lower().replace("%", "\\%").replace("_", "\\_") + "%")
        where[0] += ")"
        if story_id:
            where.append("a.story_id = ?")
            params.append(story_id)
        sql = (_SELECT_ARTICLE + " WHERE " + " AND ".join(where)
               + " ORDER BY a.published IS NULL, a.published, a.rowid")
        return [_article_from_row(r) for r in self._db.execute(sql, params)]

    def people(self, since: str | None = None,
               outlet: str | None = None) -> list[tuple[str, str, int, int]]:
        where, params = [], []
        if since:
            where.append("a.published >= ?")
            params.append(since)
        if outlet:
            where.append("a.outlet = ?")
            params.append(outlet)
        extra = "".join(" AND " + w for w in where)
        named = self._db.execute(
            "SELECT json_extract(e.value, '$.canonical'), coalesce(a.outlet, '(unknown)'),"
            " count(DISTINCT a.id) FROM article a, json_each(a.entities) e"
            " WHERE json_extract(e.value, '$.label') = 'PERSON'" + extra + " GROUP BY 1, 2",
            params).fetchall()
        quoted = self._db.execute(
            "SELECT json_extract(q.value, '$.speaker'), coalesce(a.outlet, '(unknown)'), count(*)"
            " FROM article a, json_each(a.quotes) q"
            " WHERE json_extract(q.value, '$.speaker') IS NOT NULL" + extra + " GROUP BY 1, 2",
            params).fetchall()
        counts: dict[tuple[str, str], list[int]] = {}
        for name, where_from, n in named:
            counts.setdefault((name, where_from), [0, 0])[0] = n
        for name, where_from, n in quoted:
            counts.setdefault((name, where_from), [0, 0])[1] = n
        return sorted(((name, where_from, a, q) for (name, where_from), (a, q) in counts.items()),
                      key=lambda row: (-row[3], -row[2], row[0], row[1]))


    # -- web: keyset pages, facets, people, delivery state (issue 7) --------------------
    def article_page(self, flt: ArticleFilter, after: str | None = None) -> ArticlePage:
        where, params = _article_where(flt)
        if after:
            published, last_id = _decode_cursor(after)
            if published is None:  # the undated tail (NULL sorts last in DESC)
                where.append("(a.published IS NULL AND a.id < ?)")
                params.append(last_id)
            else:
                where.append("(a.published < ? OR (a.published = ? AND a.id < ?)"
                             " OR a.published IS NULL)")
                params += [published, published, last_id]
        limit = flt.limit or 50
        sql = (_SELECT_ARTICLE + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY a.published DESC, a.id DESC LIMIT ?")
        rows = self._db.execute(sql, [*params, limit + 1]).fetchall()
        found = [_article_from_row(r) for r in rows[:limit]]
        cursor = None
        if len(rows) > limit and found:
            last = found[-1]
            cursor = _encode_cursor(_iso(last.published), last.id)
        return ArticlePage(found, cursor)

    def copy_counts(self, article_ids: Sequence[str]) -> dict[str, int]:
        return dict(self._in_chunks(
            "SELECT copy_of, count(*) FROM article WHERE copy_of IN ({in}) GROUP BY copy_of",
            article_ids))

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        def grouped(column: str) -> list[tuple[str, int]]:
            return [tuple(r) for r in self._db.execute(
                f"SELECT {column}, count(*) FROM article WHERE {column} IS NOT NULL"
                " GROUP BY 1 ORDER BY 2 DESC, 1")]

        return {"outlets": grouped("outlet"), "languages": grouped("language")}

    def articles_with_people(self, limit: int, offset: int = 0) -> list[Article]:
        return [_article_from_row(r) for r in self._db.execute(
            _SELECT_ARTICLE + " WHERE a.entities != '[]' OR a.quotes != '[]'"
            " ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?", (limit, offset))]

    def deliveries(self, alert_ids: Sequence[int]) -> dict[int, list[DeliveryState]]:
        found: dict[int, list[DeliveryState]] = {}
        for row in self._in_chunks(
                "SELECT alert_id, target, state, attempts, last_error, next_attempt, sent_at"
                " FROM delivery WHERE alert_id IN ({in}) ORDER BY alert_id, target",
                alert_ids):
            found.setdefault(row[0], []).append(DeliveryState(
                row[1], row[2], row[3], row[4], _parse_iso(row[5]), _parse_iso(row[6])))
        return found


_IN_CHUNK = 500
_ALWAYS_ACTIVE = "9999"  # index rows of a story with no time: never closed by time


def _story_from_row(row: tuple[Any, ...]) -> Story:
    (story_id, headline, language, first_seen, last_seen, active, reports, terms, names,
     updated_at) = row
    return Story(id=story_id, headline=headline, language=language,
                 first_seen=_parse_iso(first_seen), last_seen=_parse_iso(last_seen),
                 active=_parse_iso(active), reports=reports, terms=terms or b"",
                 names=names or b"", updated_at=_parse_iso(updated_at))


def _report_from_row(row: tuple[Any, ...]) -> StoryReport:
    article_id, story_id, terms, names, keys = row
    return StoryReport(article_id=article_id, story_id=story_id, terms=terms or b"",
                       names=names or b"", keys=_unpack_keys(keys or b""))


def _pack_keys(keys: Sequence[int]) -> bytes:
    return struct.pack(f"<{len(keys)}q", *keys)


def _unpack_keys(blob: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(blob) // 8}q", blob)


def _literal_fts_query(query: str) -> str:
    query = "".join(c if c.isprintable() else " " for c in query)  # a NUL ends SQL strings
    words = [w.replace('"', '""') for w in query.split() if w.strip('"')]
    return " ".join(f'"{w.strip(chr(34))}"' for w in words) or '""'


def _article_to_row(article: Article) -> tuple[Any, ...]:
    row = []
    for column in _ARTICLE_COLUMNS:
        if column == "text":
            value: Any = article.text
        elif column == "copy_evidence":
            value = json.dumps(article.copy_evidence) if article.copy_evidence is not None else None
        else:
            value = getattr(article, column)
            if column in _JSON_COLUMNS:
                value = json.dumps(value, ensure_ascii=False)
            elif isinstance(value, datetime):
                value = value.isoformat()
        row.append(value)
    return tuple(row)


def _article_from_row(row: tuple[Any, ...] | sqlite3.Row) -> Article:
    data = dict(zip(_ARTICLE_COLUMNS, row, strict=True))
    for column in _JSON_COLUMNS:
        data[column] = json.loads(data[column]) if data[column] else []
    data["copy_evidence"] = json.loads(data["copy_evidence"]) if data["copy_evidence"] else None
    data["published"] = _parse_iso(data["published"])
    data["ingested_at"] = _parse_iso(data["ingested_at"])
    text = data.pop("text")
    data["paragraphs"] = text.split("\n\n") if text else []
    return Article(**data)


def _article_where(flt: ArticleFilter) -> tuple[list[str], list[Any]]:
    """The WHERE terms of a listing: shared by list_articles and article_page."""
    where: list[str] = []
    params: list[Any] = []
    if flt.outlet:
        where.append("a.outlet = ?")
        params.append(flt.outlet)
    if flt.language:
        where.append("a.language = ?")
        params.append(flt.language)
    if flt.originals:
        # "+" keeps SQLite off the copy_of index: most articles are originals, and walking
        # the (published, id) index newest first beats sorting them all.
        where.append("+a.copy_of IS NULL")
    if flt.story_id:
        where.append("a.story_id = ?")
        params.append(flt.story_id)
    if flt.since:
        where.append("a.published >= ?")
        params.append(flt.since.isoformat())
    if flt.until:
        where.append("a.published < ?")
        params.append((flt.until + timedelta(days=1)).isoformat())
    return where, params


def _encode_cursor(published: str | None, article_id: str) -> str:
    raw = json.dumps([published, article_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[str | None, str]:
    """The (published, id) of a page's last article; a malformed cursor is a StoreError."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        published, article_id = json.loads(raw)
        if not isinstance(article_id, str) or not (published is None
                                                   or isinstance(published, str)):
            raise ValueError
    except (ValueError, TypeError) as exc:
        raise StoreError(f"not a page cursor: {cursor!r}") from exc
    return published, article_id
