"""The search box speaks the watch query language: one parser, one precedence, one cost
budget, compiled to the store's full-text index; the same articles as the watch matcher."""

from __future__ import annotations

import re

import pytest

from storywire.search import SCAN_LIMIT, plan, search
from storywire.store import open_store
from storywire.watch import QueryError, parse_query
from storywire.watch.query import QueryBudget


@pytest.fixture(scope="module")
def demo_store(demo_db):
    with open_store(demo_db) as store:
        yield store


@pytest.mark.parametrize(("query", "shown"), [
    # A field term or a NOT outside parentheses applies to the whole query.
    ("quake OR earthquake lang:en", "((quake OR earthquake) AND lang:en)"),
    ('"port strike" OR (dock* AND strike) NOT sport',
     '(("port strike" OR (dock* AND strike)) AND NOT sport)'),
    ("lang:en quake OR earthquake", "((quake OR earthquake) AND lang:en)"),
    ("quake OR earthquake -video lang:en",
     "((quake OR earthquake) AND NOT video AND lang:en)"),
    # Inside parentheses AND binds tighter than OR, fields included.
    ("(quake lang:en) OR beben", "((quake AND lang:en) OR beben)"),
    ("(quake OR earthquake) AND (lang:en OR lang:fr)",
     "((quake OR earthquake) AND (lang:en OR lang:fr))"),
    ("a OR b c", "(a OR (b AND c))"),
])
def test_fields_and_negations_outside_parentheses_apply_to_the_whole_query(query, shown):
    assert str(parse_query(query)) == shown


@pytest.mark.parametrize(("query", "shown"), [
    # An alternative made only of field terms or NOTs stays an alternative.
    ('person:"Ines Marwood" OR speaker:marwood', '(person:"ines marwood" OR speaker:marwood)'),
    ("lang:en OR lang:fr", "(lang:en OR lang:fr)"),
    ("quake OR lang:en", "(quake OR lang:en)"),
    ("quake OR NOT video", "(quake OR NOT video)"),
])
def test_an_alternative_of_field_terms_alone_stays_an_alternative(query, shown):
    assert str(parse_query(query)) == shown


SAME = ["earthquake OR quake", "quake OR earthquake lang:en", "strike -port",
        '"Kessel Highlands"', "strik*", "title:quake", "(quake OR séisme) NOT Kessel",
        "port strike outlet:ledger", "quake -lang:en", "strike AND (port OR harbour) NOT sport",
        "(quake lang:de) OR beben", "séisme", "SEISME", "title:seisme*"]


@pytest.mark.parametrize("query", SAME)
def test_search_finds_exactly_what_the_watch_matches(demo_store, query):
    parsed = parse_query(query)
    watched = {a.id for a in demo_store.iter_articles() if parsed.matches(a)}
    searched = [hit.article.id for hit in search(demo_store, query, limit=500)]
    assert len(searched) == len(set(searched))
    assert set(searched) == watched


def test_the_readme_example_filters_the_whole_query(demo_store):
    hits = search(demo_store, "quake OR earthquake lang:en", limit=500)
    assert hits and all(h.article.language == "en" for h in hits)
    assert all(re.search(r"\b(earth)?quake\b", f"{h.article.title} {h.article.text}", re.I)
               for h in hits)
    english_quake = {h.article.id for h in search(demo_store, "quake lang:en", limit=500)}
    assert english_quake <= {h.article.id for h in hits}


def test_field_filters_page_like_plain_searches(demo_store):
    everything = [h.article.id for h in search(demo_store, "strike lang:en", limit=500)]
    pages = [h.article.id for offset in range(0, len(everything), 3)
             for h in search(demo_store, "strike lang:en", limit=3, offset=offset)]
    assert len(everything) > 3 and pages == everything


@pytest.mark.parametrize(("query", "match"), [
    ("quake", '"quake"'), ("strik*", '"strik" *'), ("title:quake", 'title : "quake"'),
    ('"port strike" -sport', '(("port strike") NOT ("sport"))'),
    ("quake OR earthquake lang:en", '(("quake" OR "earthquake"))'),
])
def test_queries_compile_to_fts5(query, match):
    assert plan(parse_query(query)).match == match


def test_a_search_needs_something_for_the_index(demo_store):
    for query in ("lang:en", "NOT quake", "-quake lang:en", "(quake OR lang:en)"):
        with pytest.raises(QueryError, match="nothing to look for"):
            search(demo_store, query)


# -- the cost budget: rejected with a clear message, never by a clock ---------------------
def test_the_budget_refuses_what_used_to_burn_minutes(demo_store):
    with pytest.raises(QueryError, match=r"160 prefix terms.*at most 4"):
        search(demo_store, "a* " * 160)
    with pytest.raises(QueryError, match="10,000 characters; at most 500"):
        search(demo_store, "quake " * 1666 + "xxxx")
    with pytest.raises(QueryError, match="605 characters"):
        parse_query("(" * 300 + "quake" + ")" * 300)
    # Without the length cap, the depth bound alone still stops it (no RecursionError).
    roomy = QueryBudget(max_chars=100_000)
    with pytest.raises(QueryError, match="more than 16 deep"):
        parse_query("(" * 10_000 + "quake" + ")" * 10_000, roomy)
    with pytest.raises(QueryError, match="more than 16 deep"):
        parse_query("NOT (" * 5_000 + "quake" + ")" * 5_000, roomy)
    with pytest.raises(QueryError, match="more than 16 deep"):
        parse_query("NOT " * 120 + "quake")
    with pytest.raises(QueryError, match="more than 16 deep"):
        parse_query("-(" * 150 + "quake" + ")" * 150)
    with pytest.raises(QueryError, match="40 words; at most 32"):
        parse_query(" ".join(["harbour"] * 40))
    assert search(demo_store, "quak* earthq* strik* dock*", limit=5) is not None
    assert parse_query("(" * 16 + "quake" + ")" * 16).matches  # the deepest allowed


def test_work_is_bounded_by_the_budget(demo_store):
    """The largest queries the budget allows produce at most 32 FTS5 phrases and 4 prefix
    phrases, and read at most SCAN_LIMIT ranked matches."""
    widest = " OR ".join(f"w{i}x" for i in range(32))
    assert plan(parse_query(widest)).match.count('"') == 2 * 32
    prefixed = "ab* cd* ef* gh* " + " ".join(f"w{i}" for i in range(28))
    assert plan(parse_query(prefixed)).match.count("*") == 4
    calls = []

    class Counting:
        def search(self, match, limit, offset):
            calls.append(limit)
            return demo_store.search(match, limit=limit, offset=offset)

    search(Counting(), "the lang:xx", limit=20, offset=10_000)  # nothing passes the filter
    assert max(calls) <= SCAN_LIMIT and len(calls) <= 3
