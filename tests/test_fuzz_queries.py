"""Fuzzing the query language, the search box and the API's parameters.

Any text is either a query within the budget or a QueryError that says why; an accepted
query prints as text that parses back to the same query, matches an article without error,
and compiles to an FTS5 expression whose size the budget bounds. The faces answer any
parameters with a page or a 4xx, never a 500. Cost is asserted as work (terms, phrases,
prefixes), never as seconds.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import example, given
from hypothesis import strategies as st

from storywire.search import plan, search
from storywire.store import open_store
from storywire.watch import QueryError, parse_query
from storywire.watch.query import DEFAULT_BUDGET, And, Not, Or, Term
from storywire.web import create_app

from fuzzing import bounded

PIECES = st.sampled_from([
    "quake", "earthquake", "Séisme", "port", "strike", "strik*", "a*", "*", "**", "-", "--x",
    "-sport", "NOT", "AND", "OR", "not", "(", ")", "((", "))", '"', '"port strike"', '""',
    "lang:en", "lang:", "outlet:ledger", "title:quake", 'person:"Mara Quillon"', "speaker:",
    "entity:x", "url:x", ":", "title:*", "-(", '-"video game"', "\x00", "\u202e", "_", "ß",
    "𝕢𝕦𝕒𝕜𝕖", "٣", "NEAR(a b)", "col:x", "^", "{title}:x", "'", "a'b", "e-mail",
])
QUERIES = st.one_of(
    st.lists(PIECES, max_size=30).map(" ".join),
    st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=20).map("".join),
    st.text(max_size=120),
)


def depth(node) -> int:
    if isinstance(node, Term):
        return 1
    if isinstance(node, Not):
        return 1 + depth(node.inner)
    return 1 + max(depth(p) for p in node.parts)


@pytest.fixture(scope="module")
def demo_store(demo_db):
    with open_store(demo_db) as store:
        yield store


@pytest.fixture(scope="module")
def sample(demo_store):
    return next(a for a in demo_store.iter_articles() if a.quotes or a.entities) \
        if any(a.quotes or a.entities for a in demo_store.iter_articles()) \
        else next(demo_store.iter_articles())


@given(QUERIES)
@example("(" * 300 + "quake" + ")" * 300)  # once a RecursionError: a traceback and a 500
@example("NOT " * 120 + "quake")
@example("a* " * 160)  # once 199 s of CPU for one GET
@example("quake OR earthquake lang:en")
@example("quake OR -sport")
@example("- -")
@example("0*0*0*0*0*")  # stars inside one term: 5 in the FTS5 text for 1 prefix term
@example("𝐀")  # printed as "A", then parsed as "a": compatibility forms were folded last
@bounded(600, deadline_ms=1000)
def test_any_text_is_a_query_within_budget_or_a_clear_error(sample, text):
    try:
        query = parse_query(text)
    except QueryError as exc:
        assert str(exc) and len(str(exc)) < 400  # one readable line, never the whole input
        return
    terms = query.terms()
    assert sum(len(t.words) for t in terms) <= DEFAULT_BUDGET.max_words
    assert sum(t.words[-1].endswith("*") for t in terms) <= DEFAULT_BUDGET.max_prefixes
    assert depth(query.root) <= 2 * DEFAULT_BUDGET.max_depth + 3
    assert all(isinstance(n, Term | Not | And | Or) for n in [query.root])
    assert str(parse_query(str(query))) == str(query)  # prints as it was understood
    assert query.matches(sample) in (True, False)
    try:
        found = plan(query)
    except QueryError:
        return
    phrases = found.match.count('"') // 2
    assert phrases <= DEFAULT_BUDGET.max_words
    assert found.match.count("*") <= DEFAULT_BUDGET.max_prefixes


@given(QUERIES, st.integers(1, 50), st.integers(0, 200))
@example('strike "\x00', 20, 0)
@example("quake -lang:en", 5, 3)
@bounded(150, deadline_ms=3000)
def test_the_search_box_answers_or_says_why(demo_store, text, limit, offset):
    try:
        hits = search(demo_store, text, limit=limit, offset=offset)
    except QueryError:
        return
    assert len(hits) <= limit
    assert len({h.article.id for h in hits}) == len(hits)
    query = parse_query(text)
    assert all(query.matches(h.article) for h in hits if not plan(query).exact)


@pytest.fixture(scope="module")
def client(demo_db):
    with TestClient(create_app(str(demo_db)), base_url="http://127.0.0.1") as opened:
        yield opened


VALUES = st.one_of(QUERIES, st.integers(-5, 10**7).map(str), st.sampled_from(
    ["", "0", "-1", "1e9", "NaN", "2026-02-30", "9999-12-31", "x" * 600, "%00", "\x00"]))


@given(st.sampled_from(["/api/search", "/", "/api/articles", "/api/people",
                        "/api/watches", "/people"]),
       st.dictionaries(st.sampled_from(["q", "limit", "offset", "after", "outlet",
                                        "language", "since", "until", "originals"]),
                       VALUES, max_size=4))
@example("/api/search", {"q": "a* " * 160})
@example("/", {"q": "(" * 240 + "x" + ")" * 240})
@example("/api/articles", {"after": "\x00"})
@example("/", {"until": "9999-12-31"})  # once an OverflowError (the day after): a 500
@example("/api/articles", {"until": "9999-12-31"})
@bounded(200, deadline_ms=5000)
def test_the_api_and_pages_answer_any_parameters_without_a_server_error(client, path,
                                                                         params):
    answer = client.get(path, params=params)
    assert answer.status_code < 500, (path, params, answer.text[:300])
    if path.startswith("/api/") and answer.status_code >= 400:
        assert answer.json()["error"]["message"]


@given(QUERIES)
@example("(" * 200 + "quake" + ")" * 200)
@bounded(60, deadline_ms=5000)
def test_a_watch_of_any_text_is_saved_or_refused_with_a_reason(client, text):
    answer = client.post("/api/watches", json={"name": "fuzz", "query": text or "x"})
    assert answer.status_code in (201, 422), answer.text[:300]
    if answer.status_code == 201:
        assert client.delete("/api/watches/fuzz").status_code == 204
