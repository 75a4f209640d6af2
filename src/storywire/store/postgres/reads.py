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

    def people(self, since: str | None = None,
               outlet: str | None = None) -> list[tuple[str, str, int, int]]:
        where: list[str] = []
        params: list[object] = []
        if since:
            where.append("a.published >= %s")
            params.append(since)
        if outlet:
            where.append("a.outlet = %s")
            params.append(outlet)
        extra = "".join(" AND " + w for w in where)
        named = self._all(
            "SELECT e.value->>'canonical', coalesce(a.outlet, '(unknown)'),"
            " count(DISTINCT a.id) FROM article a, jsonb_array_elements(a.entities::jsonb) e"
            " WHERE e.value->>'label' = 'PERSON'" + extra + " GROUP BY 1, 2", params)
        quoted = self._all(
            "SELECT q.value->>'speaker', coalesce(a.outlet, '(unknown)'), count(*)"
            " FROM article a, jsonb_array_elements(a.quotes::jsonb) q"
            " WHERE q.value->>'speaker' IS NOT NULL" + extra + " GROUP BY 1, 2", params)
        counts: dict[tuple[str, str], list[int]] = {}
        for name, where_from, n in named:
            counts.setdefault((name, where_from), [0, 0])[0] = n
        for name, where_from, n in quoted:
            counts.setdefault((name, where_from), [0, 0])[1] = n
        return sorted(((name, where_from, a, q) for (name, where_from), (a, q) in counts.items()),
                      key=lambda row: (-row[3], -row[2], row[0], row[1]))

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
