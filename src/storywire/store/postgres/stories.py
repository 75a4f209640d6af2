"""The story index, term statistics, stories and the reports in them."""

from __future__ import annotations

from collections.abc import Sequence

from storywire.model import Article, Story, StoryReport, utcnow
from storywire.store.postgres.articles import like_prefix
from storywire.store.postgres.database import (
    _SELECT_ARTICLE,
    Database,
    _article_from_row,
    _iso,
)
from storywire.store.records import StoreError
from storywire.store.sqlite.stories import _pack_keys, _report_from_row, _story_from_row

_ALWAYS_ACTIVE = "9999"  # index rows of a story with no time: never closed by time
_STORY_SELECT = ("SELECT id, headline, language, first_seen, last_seen, active, reports,"
                 " terms, names, updated_at FROM story")
_REPORT_SELECT = "SELECT article_id, story_id, terms, names, keys FROM story_report"


def _story(row: tuple) -> Story:
    story = _story_from_row(row)
    story.terms, story.names = bytes(story.terms), bytes(story.names)
    return story


def _report(row: tuple) -> StoryReport:
    article_id, story_id, terms, names, keys = row
    return _report_from_row((article_id, story_id, bytes(terms), bytes(names), bytes(keys)))


class StoryTables(Database):
    """The ``story*`` tables and the articles' story."""

    def story_setting(self, key: str) -> str | None:
        row = self._one("SELECT value FROM story_meta WHERE key = %s", (key,))
        return row[0] if row else None

    def set_story_setting(self, key: str, value: str) -> None:
        self._execute("INSERT INTO story_meta (key, value) VALUES (%s, %s)"
                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def term_documents(self, features: Sequence[int]) -> dict[int, int]:
        return dict(self._all("SELECT feature, docs FROM story_term WHERE feature = ANY(%s)",
                              ([int(f) for f in features],)))

    def add_term_documents(self, features: Sequence[int]) -> None:
        if features:
            # unnest keeps duplicates apart: each counts once more, as one row per feature does
            counts: dict[int, int] = {}
            for feature in features:
                counts[int(feature)] = counts.get(int(feature), 0) + 1
            self._execute(
                "INSERT INTO story_term (feature, docs) SELECT * FROM unnest(%s::bigint[],"
                " %s::bigint[]) ON CONFLICT (feature) DO UPDATE SET"
                " docs = story_term.docs + excluded.docs", (list(counts), list(counts.values())))

    def put_story(self, story: Story) -> None:
        story.updated_at = story.updated_at or utcnow()
        active = _iso(story.active) or _ALWAYS_ACTIVE
        self._execute(
            "INSERT INTO story (id, headline, language, first_seen, last_seen, active, reports,"
            " terms, names, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (id) DO UPDATE SET headline = excluded.headline,"
            " language = excluded.language, first_seen = excluded.first_seen,"
            " last_seen = excluded.last_seen, active = excluded.active,"
            " reports = excluded.reports, terms = excluded.terms, names = excluded.names,"
            " updated_at = excluded.updated_at",
            (story.id, story.headline, story.language, _iso(story.first_seen),
             _iso(story.last_seen), _iso(story.active), story.reports, story.terms,
             story.names, _iso(story.updated_at)))
        self._execute("UPDATE story_key SET active = %s WHERE story_id = %s AND active <> %s",
                      (active, story.id, active))

    def get_story(self, story_id: str) -> Story | None:
        story_id = story_id.strip().lower()
        row = self._one(_STORY_SELECT + " WHERE id = %s", (story_id,))
        if row:
            return _story(row)
        if len(story_id) < 4:
            return None
        rows = self._all(_STORY_SELECT + " WHERE id LIKE %s LIMIT 2", (like_prefix(story_id),))
        return _story(rows[0]) if len(rows) == 1 else None

    def get_stories(self, story_ids: Sequence[str]) -> dict[str, Story]:
        found = (_story(r) for r in self._all(_STORY_SELECT + " WHERE id = ANY(%s)",
                                              (list(story_ids),)))
        return {story.id: story for story in found}

    def delete_story(self, story_id: str) -> None:
        self._execute("DELETE FROM story_key WHERE story_id = %s", (story_id,))
        self._execute("DELETE FROM story WHERE id = %s", (story_id,))

    def put_story_keys(self, story_id: str, keys: Sequence[int]) -> None:
        if keys:
            self._execute(
                "INSERT INTO story_key (story_id, key, active) SELECT %s, k,"
                " coalesce((SELECT active FROM story WHERE id = %s), %s) FROM unnest(%s::bigint[])"
                " k ON CONFLICT DO NOTHING",
                (story_id, story_id, _ALWAYS_ACTIVE, [int(k) for k in keys]))

    def story_candidates(self, keys: Sequence[int], active_since: str | None,
                         per_key: int) -> list[tuple[str, int]]:
        unique = list(dict.fromkeys(int(k) for k in keys))
        if not unique:
            return []
        rows = self._all(
            "SELECT s.story_id, count(*) FROM unnest(%s::bigint[]) k(key),"
            " LATERAL (SELECT story_id FROM story_key WHERE key = k.key AND active >= %s"
            " ORDER BY active DESC LIMIT %s) s GROUP BY s.story_id",
            (unique, active_since or "", per_key))
        return sorted(((s, n) for s, n in rows), key=lambda item: (-item[1], item[0]))

    def put_story_report(self, report: StoryReport) -> None:
        self._execute(
            "INSERT INTO story_report (article_id, story_id, terms, names, keys)"
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET"
            " story_id = excluded.story_id, terms = excluded.terms, names = excluded.names,"
            " keys = excluded.keys",
            (report.article_id, report.story_id, report.terms, report.names,
             _pack_keys(report.keys)))

    def set_story_report(self, article_id: str, story_id: str | None) -> None:
        if story_id is None:
            self._execute("DELETE FROM story_report WHERE article_id = %s", (article_id,))
        else:
            self._execute("UPDATE story_report SET story_id = %s WHERE article_id = %s",
                          (story_id, article_id))

    def move_story_members(self, from_story: str, to_story: str) -> None:
        self._execute("UPDATE article SET story_id = %s WHERE story_id = %s",
                      (to_story, from_story))
        self._execute("UPDATE story_report SET story_id = %s WHERE story_id = %s",
                      (to_story, from_story))

    def story_memberships(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for story_id, article_id in self._all(
                "SELECT story_id, id FROM article WHERE story_id IS NOT NULL"
                " ORDER BY story_id COLLATE \"C\", id COLLATE \"C\""):
            found.setdefault(story_id, []).append(article_id)
        return found

    def rename_story(self, old_id: str, new_id: str) -> None:
        if self._one("SELECT 1 FROM story WHERE id = %s", (new_id,)):
            raise StoreError(f"story {new_id} exists already")
        self._execute("UPDATE story SET id = %s WHERE id = %s", (new_id, old_id))
        self._execute("UPDATE story_key SET story_id = %s WHERE story_id = %s",
                      (new_id, old_id))
        self.move_story_members(old_id, new_id)

    def story_report_vectors(self, story_id: str, limit: int) -> list[StoryReport]:
        rows = self._all(_REPORT_SELECT + " WHERE story_id = %s ORDER BY seq DESC LIMIT %s",
                         (story_id, limit))
        return [_report(r) for r in reversed(rows)]

    def get_story_reports(self, article_ids: Sequence[str]) -> list[StoryReport]:
        return [_report(r) for r in self._all(_REPORT_SELECT + " WHERE article_id = ANY(%s)",
                                              (list(article_ids),))]

    def set_story(self, article_id: str, story_id: str | None) -> None:
        self._execute("UPDATE article SET story_id = %s WHERE id = %s", (story_id, article_id))

    def story_members(self, story_id: str) -> list[Article]:
        return [_article_from_row(r) for r in self._all(
            _SELECT_ARTICLE + " WHERE a.story_id = %s"
            " ORDER BY a.published IS NULL, a.published, a.seq", (story_id,))]

    def story_member_count(self, story_id: str) -> int:
        return self._one("SELECT count(*) FROM article WHERE story_id = %s", (story_id,))[0]

    def list_stories(self, since: str | None = None, outlet: str | None = None,
                     limit: int | None = 50) -> list[Story]:
        where: list[str] = []
        params: list[object] = []
        if since:
            where.append("coalesce(last_seen, active, updated_at) >= %s")
            params.append(since)
        if outlet:
            where.append("EXISTS (SELECT 1 FROM article a WHERE a.story_id = story.id"
                         " AND a.outlet = %s)")
            params.append(outlet)
        sql = _STORY_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY coalesce(last_seen, active, updated_at) DESC, reports DESC, id"
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        return [_story(r) for r in self._all(sql, params)]

    def reset_stories(self) -> None:
        for table in ("story_key", "story", "story_report", "story_term", "story_meta"):
            self._execute(f"DELETE FROM {table}")
        self._execute("UPDATE article SET story_id = NULL WHERE story_id IS NOT NULL")
