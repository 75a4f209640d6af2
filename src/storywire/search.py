"""The search box, ``storywire search`` and ``/api/search``: the watch query language run
against the store's full-text index.

One parser (``storywire.watch.query``) reads every query, with the same cost budget, so a
search means what the same text means as a watch. Its tree compiles to an FTS5 ``MATCH``
expression: words and phrases become quoted phrases, ``word*`` a prefix phrase, ``title:``
a column filter, AND/OR/NOT the FTS5 operators. What the index cannot answer (``lang:``,
``outlet:``, ``person:``, ``speaker:``, ``entity:``, a NOT that is not beside a word) is
checked on the best-ranked matches with the watch matcher itself, over at most
``SCAN_LIMIT`` of them, so no query reads more than that many articles.
"""

from __future__ import annotations

from dataclasses import dataclass

from storywire.store import SearchHit, Store
from storywire.watch.query import (
    DEFAULT_BUDGET,
    Node,
    Not,
    Or,
    Query,
    QueryBudget,
    QueryError,
    Term,
    parse_query,
)

SCAN_LIMIT = 2000  # ranked matches read at most when a field must be checked


@dataclass(frozen=True)
class Plan:
    """The FTS5 expression for a query; ``exact`` when it alone decides the matches."""

    match: str
    exact: bool


def _phrase(term: Term) -> str:
    # words() yields only word characters and a final '*': nothing FTS5 could read as syntax.
    last = term.words[-1]
    prefix = last.endswith("*")
    words = (*term.words[:-1], last.rstrip("*"))
    text = '"' + " ".join(words).replace('"', '""') + '"' + (" *" if prefix else "")
    return f"title : {text}" if term.field == "title" else text


def _compile(node: Node) -> tuple[str | None, bool]:
    """(FTS5 expression implied by ``node``, or None when the index cannot narrow it;
    whether the expression is exactly ``node``)."""
    if isinstance(node, Term):
        if node.field in (None, "title"):
            return _phrase(node), True
        return None, False
    if isinstance(node, Not):
        return None, False  # FTS5 has no unary NOT; an AND can use it (below)
    if isinstance(node, Or):
        compiled = [_compile(part) for part in node.parts]
        if any(expr is None for expr, _ in compiled):
            return None, False
        return "(" + " OR ".join(e for e, _ in compiled if e) + ")", all(x for _, x in compiled)
    positive: list[str] = []
    negative: list[str] = []
    exact = True
    for part in node.parts:
        if isinstance(part, Not):
            inner, inner_exact = _compile(part.inner)
            if inner is not None and inner_exact:
                negative.append(inner)
            else:
                exact = False
            continue
        expr, part_exact = _compile(part)
        exact = exact and part_exact
        if expr is not None:
            positive.append(expr)
    if not positive:
        return None, False
    expr = "(" + " AND ".join(positive) + ")"
    if negative:
        expr = f"({expr} NOT ({' OR '.join(negative)}))"
    return expr, exact


def plan(query: Query) -> Plan:
    """How the index runs ``query``; QueryError when it gives the index nothing to find."""
    expr, exact = _compile(query.root)
    if expr is None:
        raise QueryError(f"{query.source!r} gives the search nothing to look for: it needs a "
                         "word or phrase that is not negated (field terms such as lang:en "
                         "narrow a search, e.g. 'quake lang:en')")
    return Plan(expr, exact)


def search(store: Store, text: str, limit: int = 20, offset: int = 0,
           budget: QueryBudget = DEFAULT_BUDGET) -> list[SearchHit]:
    """Ranked matches of ``text`` (best first); QueryError when it cannot be parsed or is
    over the budget."""
    query = parse_query(text, budget)
    found = plan(query)
    if found.exact:
        return store.search(found.match, limit=limit, offset=offset)
    wanted = offset + limit
    window = min(SCAN_LIMIT, max(200, 4 * wanted))
    while True:
        candidates = store.search(found.match, limit=window, offset=0)
        kept = [hit for hit in candidates if query.matches(hit.article)]
        if len(kept) >= wanted or len(candidates) < window or window >= SCAN_LIMIT:
            return kept[offset:wanted]
        window = min(SCAN_LIMIT, window * 4)
