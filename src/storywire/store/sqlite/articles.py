"""Articles: the ``article`` table, its FTS5 index and the summary counts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from storywire.model import Article, utcnow
from storywire.store.records import ArticleFilter, SearchHit
from storywire.store.sqlite.database import (
    _ARTICLE_COLUMNS,
    _SELECT_ARTICLE,
    Database,
    _article_from_row,
    _article_to_row,
    _article_where,
)


class ArticleTables(Database):
    """Writing, reading, listing and searching articles."""

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

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        return {row[0]: _article_from_row(row) for row in self._in_chunks(
            _SELECT_ARTICLE + " WHERE a.id IN ({in})", sorted(set(article_ids)))}

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

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM article ORDER BY rowid")]

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


def _literal_fts_query(query: str) -> str:
    query = "".join(c if c.isprintable() else " " for c in query)  # a NUL ends SQL strings
    words = [w.replace('"', '""') for w in query.split() if w.strip('"')]
    return " ".join(f'"{w.strip(chr(34))}"' for w in words) or '""'

