"""Articles: the ``article`` table, its weighted ``tsvector`` search and the summary counts."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from storywire.model import Article, utcnow
from storywire.store.postgres.database import (
    _ARTICLE_COLUMNS,
    _SELECT_ARTICLE,
    Database,
    _article_from_row,
    _article_to_row,
)
from storywire.store.records import MARK_END, MARK_START, ArticleFilter, SearchHit
from storywire.store.sqlite.database import _article_where

# ts_rank's weights are {D, C, B, A}: the title (A) counts five times the body (B), as the
# SQLite store's bm25(article_fts, 5.0, 1.0) weighs them.
_RANK_WEIGHTS = "{0, 0, 0.2, 1.0}"
_HEADLINE = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=16, MinWords=6,"
             " MaxFragments=1")
# The search column is made of storywire_search_text(title/text) (migration 0012): ASCII
# punctuation turned to space, so that words split as FTS5 splits them, and letters folded
# (accents dropped, case folded) as FTS5's unicode61 and the watch matcher fold them, one
# character for one. Queries and snippets are made over the same text.
_PUNCTUATION = string.punctuation
_SPACES = " " * len(_PUNCTUATION)


def _letter_folds() -> tuple[str, str]:
    """The letters (Latin, Greek, Cyrillic) that fold to one other letter as the watch
    matcher folds them (``words()``: case folded, accents dropped), and those letters. The
    column lower-cases these itself: PostgreSQL's own lower-casing of non-ASCII letters
    depends on the database's locale (none under ``C``)."""
    folded, to = [], []
    for low, high in ((0xC0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x1E00, 0x1EFF),
                      (0x1F00, 0x1FFF)):
        for char in map(chr, range(low, high + 1)):
            decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD",
                                                                              char).casefold())
            kept = "".join(c for c in decomposed if not unicodedata.combining(c))
            if len(kept) == 1 and kept != char:
                folded.append(char)
                to.append(kept)
    return "".join(folded), "".join(to)


_ACCENTED, _BASE = _letter_folds()
_TO_SPACES = str.maketrans(_PUNCTUATION + _ACCENTED, _SPACES + _BASE)
_QUERY_PUNCTUATION = str.maketrans(
    _PUNCTUATION.replace('"', "").replace("-", "") + _ACCENTED, _SPACES[:-2] + _BASE)
_MARKS = re.compile(f"([{MARK_START}{MARK_END}])")


def article_where(flt: ArticleFilter) -> tuple[list[str], list[Any]]:
    """The WHERE terms of a listing, as SQLite's with PostgreSQL's placeholder."""
    return _article_where(flt, mark="%s", originals="a.copy_of IS NULL")


def like_prefix(value: str) -> str:
    """A LIKE pattern matching ``value`` as a literal prefix."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class ArticleTables(Database):
    """Writing, reading, listing and searching articles."""

    def put_article(self, article: Article) -> None:
        if article.ingested_at is None:
            article.ingested_at = utcnow()
        updates = ", ".join(f"{c} = excluded.{c}" for c in _ARTICLE_COLUMNS if c != "id")
        self._execute(
            f"INSERT INTO article ({', '.join(_ARTICLE_COLUMNS)}) VALUES "
            f"({', '.join('%s' for _ in _ARTICLE_COLUMNS)}) ON CONFLICT (id) DO UPDATE SET "
            f"{updates}", _article_to_row(article))

    def get_article(self, article_id: str) -> Article | None:
        article_id = article_id.strip().lower()
        row = self._one(_SELECT_ARTICLE + " WHERE a.id = %s", (article_id,))
        if row:
            return _article_from_row(row)
        if len(article_id) < 4:
            return None
        rows = self._all(_SELECT_ARTICLE + " WHERE a.id LIKE %s LIMIT 2",
                         (like_prefix(article_id),))
        return _article_from_row(rows[0]) if len(rows) == 1 else None

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        return {row[0]: _article_from_row(row) for row in self._all(
            _SELECT_ARTICLE + " WHERE a.id = ANY(%s)", (sorted(set(article_ids)),))}

    def list_articles(self, flt: ArticleFilter | None = None) -> list[Article]:
        flt = flt or ArticleFilter()
        where, params = article_where(flt)
        sql = _SELECT_ARTICLE + (" WHERE " + " AND ".join(where) if where else "")
        sql += (" ORDER BY a.published IS NULL, a.published DESC, a.ingested_at DESC,"
                " a.id COLLATE \"C\"")
        if flt.limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [flt.limit, flt.offset]
        return [_article_from_row(r) for r in self._all(sql, params)]

    def iter_articles(self) -> Iterator[Article]:
        sql = _SELECT_ARTICLE.replace("SELECT ", "SELECT a.seq, ", 1) + " WHERE a.{after}"
        for row in self._stream(sql):
            yield _article_from_row(row[1:])

    def count_articles(self) -> int:
        return self._one("SELECT count(*) FROM article")[0]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._all("SELECT id FROM article ORDER BY seq")]

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """The FTS5 expression ``storywire.search`` compiles a query to (quoted phrases,
        ``"word" *``, ``title : …``, AND/OR/NOT, parentheses) means what it means to the
        SQLite store; any other text is read as web-search syntax (``"a phrase"``,
        ``-word``, ``or``) by websearch_to_tsquery, which never fails on what a user types."""
        compiled = fts5_to_tsquery(query)
        if compiled is None:
            parse, text = "websearch_to_tsquery('simple', %s)", search_words(query)
        else:
            parse, text = "to_tsquery('simple', %s)", compiled
        rows = self._all(
            _SELECT_ARTICLE.replace(" FROM article a", "")
            + ", ts_headline('simple', storywire_search_text(a.text), q, %s),"
            " ts_rank(%s, a.search, q) AS score"
            f" FROM article a, {parse} q"
            " WHERE a.search @@ q ORDER BY score DESC, a.seq LIMIT %s OFFSET %s",
            (_HEADLINE, _RANK_WEIGHTS, text, limit, offset))
        n = len(_ARTICLE_COLUMNS)
        hits = []
        for row in rows:
            article = _article_from_row(row[:n])
            hits.append(SearchHit(article, restore_snippet(row[n], article.text),
                                  float(row[n + 1])))
        return hits

    def summary(self) -> dict[str, object]:
        def grouped(sql: str) -> list[tuple[Any, int]]:
            return [tuple(r) for r in self._all(sql)]

        return {
            "articles": self.count_articles(),
            "captures": self.count_captures(),
            "failed_captures": self._one(
                "SELECT count(*) FROM capture WHERE error IS NOT NULL")[0],
            "by_outlet": grouped(
                "SELECT coalesce(outlet, '(unknown)'), count(*) FROM article GROUP BY 1"
                " ORDER BY 2 DESC, coalesce(outlet, '(unknown)') COLLATE \"C\""),
            "by_language": grouped(
                "SELECT coalesce(language, '(unknown)'), count(*) FROM article GROUP BY 1"
                " ORDER BY 2 DESC, coalesce(language, '(unknown)') COLLATE \"C\""),
            "removed_by_reason": grouped(
                "SELECT j.reason, count(*) FROM article,"
                " jsonb_array_elements_text(article.removed_reasons::jsonb) j(reason)"
                " GROUP BY 1 ORDER BY 2 DESC, j.reason COLLATE \"C\""),
        }


_FTS5_TOKEN = re.compile(
    r'\s*(?:(\()|(\))|\b(AND|OR|NOT)\b|(title\s*:\s*)?"((?:[^"]|"")*)"(\s*\*)?)')


def fts5_to_tsquery(expr: str) -> str | None:
    """``to_tsquery`` text for an FTS5 expression as ``storywire.search`` writes it, or
    None when ``expr`` is not one. Phrases become ``<->`` chains over the words as the
    search column splits them, a prefix ``:*``, a title phrase weight ``A`` (the title's
    weight in the search column); FTS5's NOT is binary (``a NOT b``: ``a & !b``), and binds
    tighter than AND, which binds tighter than OR (an unmarked sequence is an AND)."""
    tokens: list[tuple[str, str]] = []
    at = 0
    expr = expr.rstrip()
    while at < len(expr):
        match = _FTS5_TOKEN.match(expr, at)
        if match is None or match.end() == at:
            return None
        at = match.end()
        opening, closing, operator, title, phrase, star = match.groups()
        if opening or closing or operator:
            tokens.append(("op", opening or closing or operator))
            continue
        lexemes = phrase.replace('""', '"').translate(_TO_SPACES).lower().split()
        if not lexemes:
            return None  # an empty phrase: let the literal reading decide
        weight = "A" if title else ""
        marks = [weight] * (len(lexemes) - 1) + [("*" if star else "") + weight]
        quoted = ["'" + word.replace("'", "''") + "'" + (":" + mark if mark else "")
                  for word, mark in zip(lexemes, marks, strict=True)]
        tokens.append(("phrase", "(" + " <-> ".join(quoted) + ")"))
    if not tokens:
        return None
    position = 0

    def peek() -> tuple[str, str] | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> tuple[str, str]:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def primary() -> str:
        token = take()
        if token == ("op", "("):
            inner = alternatives()
            if take() != ("op", ")"):
                raise ValueError("unclosed")
            return inner
        if token[0] != "phrase":
            raise ValueError(token)
        return token[1]

    def negations() -> str:
        result = primary()
        while peek() == ("op", "NOT"):
            take()
            result = f"({result} & !{primary()})"
        return result

    def conjunction() -> str:
        parts = [negations()]
        while (token := peek()) is not None and token not in (("op", "OR"), ("op", ")")):
            if token == ("op", "AND"):
                take()
            parts.append(negations())
        return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"

    def alternatives() -> str:
        parts = [conjunction()]
        while peek() == ("op", "OR"):
            take()
            parts.append(conjunction())
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"

    try:
        result = alternatives()
    except (ValueError, IndexError):
        return None
    return result if position == len(tokens) else None


def search_words(query: str) -> str:
    """The query as the search column splits words: punctuation is space, but for the
    quotes of a phrase and a leading ``-`` (not); a NUL (which ends SQL strings) too."""
    query = "".join(c if c.isprintable() else " " for c in query)
    query = query.translate(_QUERY_PUNCTUATION)
    return re.sub(r"(?<=\S)-", " ", query)


def restore_snippet(snippet: str, text: str) -> str:
    """ts_headline's snippet of the spaced text, with the text's own characters put back
    (the spacing kept every length) and "…" where it cuts the text, as FTS5 marks it."""
    plain = _MARKS.sub("", snippet)
    start = text.translate(_TO_SPACES).find(plain) if plain else -1
    if start < 0:
        return snippet
    pieces, at = [], start
    for piece in _MARKS.split(snippet):
        if piece in (MARK_START, MARK_END):
            pieces.append(piece)
        else:
            pieces.append(text[at:at + len(piece)])
            at += len(piece)
    return ("…" if start > 0 else "") + "".join(pieces) + ("…" if at < len(text) else "")
