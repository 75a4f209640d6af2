"""The story index, term statistics, stories and the reports in them."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

from storywire.model import Article, Story, StoryReport, utcnow
from storywire.store.records import StoreError
from storywire.store.sqlite.database import (
    _SELECT_ARTICLE,
    Database,
    _article_from_row,
    _iso,
    _parse_iso,
)

_ALWAYS_ACTIVE = "9999"  # index rows of a story with no time: never closed by time


class StoryTables(Database):
    """The ``story*`` tables and the articles' story."""

    def story_setting(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM story_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_story_setting(self, key: str, value: str) -> None:
        self.write("INSERT INTO story_meta (key, value) VALUES (?, ?)"
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

    def story_memberships(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for story_id, article_id in self._db.execute(
                "SELECT story_id, id FROM article WHERE story_id IS NOT NULL"
                " ORDER BY story_id, id"):
            found.setdefault(story_id, []).append(article_id)
        return found

    def rename_story(self, old_id: str, new_id: str) -> None:
        if self._db.execute("SELECT 1 FROM story WHERE id = ?", (new_id,)).fetchone():
            raise StoreError(f"story {new_id} exists already")
        self._db.execute("UPDATE story SET id = ? WHERE id = ?", (new_id, old_id))
        self._db.execute("UPDATE story_key SET story_id = ? WHERE story_id = ?",
                         (new_id, old_id))
        self.move_story_members(old_id, new_id)

    def reset_stories(self) -> None:
        for table in ("story_key", "story", "story_report", "story_term", "story_meta"):
            self._db.execute(f"DELETE FROM {table}")
        self._db.execute("UPDATE article SET story_id = NULL WHERE story_id IS NOT NULL")


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

