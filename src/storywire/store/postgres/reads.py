"""What only the faces read: quotes and people, keyset pages, facets, delivery state."""

from __future__ import annotations

from collections.abc import Sequence

from storywire.model import Article
from storywire.store.postgres.articles import article_where
from storywire.store.postgres.database import (
    _SELECT_ARTICLE,
    Database,
    _article_from_row,
    _iso,
    _parse_iso,
)
from storywire.store.records import ArticleFilter, ArticlePage, DeliveryState
from storywire.store.sqlite.reads import _decode_cursor, _encode_cursor


class ReadTables(Database):
    """Read-only queries over the other tables, for the CLI and the web."""

    def quoted_articles(self, speaker: str | None = None,
                        story_id: str | None = None) -> list[Article]:
        where = ["EXISTS (SELECT 1 FROM jsonb_array_elements(a.quotes::jsonb) q WHERE true"]
        params: list[object] = []
        if speaker:
            where[0] += " AND strpos(lower(q.value->>'speaker'), %s) > 0"
            params.append(speaker.lower())
        where[0] += ")"
        if story_id:
            where.append("a.story_id = %s")
            params.append(story_id)
        sql = (_SELECT_ARTICLE + " WHERE " + " AND ".join(where)
               + " ORDER BY a.published IS NULL, a.published, a.seq")
        return [_article_from_row(r) for r in self._all(sql, params)]

    def story_keys(self, flt: ArticleFilter) -> list[str]:
        where, params = article_where(flt)
        where.append("a.story_id IS NOT NULL")
        sql = ("SELECT a.story_id FROM article a WHERE " + " AND ".join(where)
               + " GROUP BY a.story_id ORDER BY max(a.published) DESC NULLS LAST,"
               " a.story_id COLLATE \"C\" LIMIT %s OFFSET %s")
        return [row[0] for row in self._all(sql, [*params, flt.limit, flt.offset])]

    def article_page(self, flt: ArticleFilter, after: str | None = None) -> ArticlePage:
        where, params = article_where(flt)
        if after:
            published, last_id = _decode_cursor(after)
            if published is None:  # the undated tail (NULLS LAST)
                where.append("(a.published IS NULL AND a.id < %s)")
                params.append(last_id)
            else:
                where.append("(a.published < %s OR (a.published = %s AND a.id < %s)"
                             " OR a.published IS NULL)")
                params += [published, published, last_id]
        limit = flt.limit or 50
        sql = (_SELECT_ARTICLE + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY a.published DESC NULLS LAST, a.id DESC LIMIT %s")
        rows = self._all(sql, [*params, limit + 1])
        found = [_article_from_row(r) for r in rows[:limit]]
        cursor = None
        if len(rows) > limit and found:
            last = found[-1]
            cursor = _encode_cursor(_iso(last.published), last.id)
        return ArticlePage(found, cursor)

    def copy_counts(self, article_ids: Sequence[str]) -> dict[str, int]:
        return dict(self._all(
            "SELECT copy_of, count(*) FROM article WHERE copy_of = ANY(%s) GROUP BY copy_of",
            (list(article_ids),)))

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        def grouped(column: str) -> list[tuple[str, int]]:
            return [tuple(r) for r in self._all(
                f"SELECT {column}, count(*) FROM article WHERE {column} IS NOT NULL"
                f" GROUP BY 1 ORDER BY 2 DESC, {column} COLLATE \"C\"")]

        return {"outlets": grouped("outlet"), "languages": grouped("language")}

    def articles_with_people(self, limit: int, offset: int = 0) -> list[Article]:
        return [_article_from_row(r) for r in self._all(
            _SELECT_ARTICLE + " WHERE a.entities != '[]' OR a.quotes != '[]'"
            " ORDER BY a.published DESC NULLS LAST, a.id DESC LIMIT %s OFFSET %s",
            (limit, offset))]

    def deliveries(self, alert_ids: Sequence[int]) -> dict[int, list[DeliveryState]]:
        found: dict[int, list[DeliveryState]] = {}
        for row in self._all(
                "SELECT alert_id, target, state, attempts, last_error, next_attempt, sent_at"
                " FROM delivery WHERE alert_id = ANY(%s) ORDER BY alert_id, target COLLATE \"C\"",
                ([int(i) for i in alert_ids],)):
            found.setdefault(row[0], []).append(DeliveryState(
                row[1], row[2], row[3], row[4], _parse_iso(row[5]), _parse_iso(row[6])))
        return found
