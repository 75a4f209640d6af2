"""What only the faces read: quotes and people, keyset pages, facets, delivery state."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence

from storywire.model import Article
from storywire.store.records import ArticleFilter, ArticlePage, DeliveryState, StoreError
from storywire.store.sqlite.database import (
    _SELECT_ARTICLE,
    Database,
    _article_from_row,
    _article_where,
    _iso,
    _parse_iso,
)


class ReadTables(Database):
    """Read-only queries over the other tables, for the CLI and the web."""

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

    def story_keys(self, flt: ArticleFilter) -> list[str]:
        where, params = _article_where(flt)
        where.append("a.story_id IS NOT NULL")
        sql = ("SELECT a.story_id FROM article a WHERE " + " AND ".join(where)
               + " GROUP BY a.story_id ORDER BY max(a.published) DESC, a.story_id"
               + " LIMIT ? OFFSET ?")
        return [row[0] for row in self._db.execute(
            sql, [*params, -1 if flt.limit is None else flt.limit, flt.offset])]

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

