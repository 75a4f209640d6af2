"""The watch query language: parsing, errors, and matching real demo articles."""

from __future__ import annotations

import json
import re

import pytest

from storywire.demo import truth_path
from storywire.model import Article
from storywire.watch import QueryError, parse_query, simulate, story_key


def matching(articles: list[Article], query: str) -> list[Article]:
    parsed = parse_query(query)
    return [a for a in articles if parsed.matches(a)]


def titles(articles: list[Article]) -> set[str]:
    return {a.title for a in articles}


@pytest.mark.parametrize(("query", "shown"), [
    ("port strike", "(port AND strike)"),
    ('"port strike" OR quake', '("port strike" OR quake)'),
    ("strike AND (port OR harbour) NOT sport", "(strike AND (port OR harbour) AND NOT sport)"),
    ("-sport outlet:ledger", "(NOT sport AND outlet:ledger)"),
    ('person:"Mara Quillon"', 'person:"mara quillon"'),
    ('title: "Lake Orrin"', 'title:"lake orrin"'),
    ("Séisme", "seisme"),
    ("a OR b c", "(a OR (b AND c))"),
    ("strik*", "strik*"),
])
def test_queries_parse_with_the_usual_precedence(query, shown):
    assert str(parse_query(query)) == shown


@pytest.mark.parametrize(("query", "reason"), [
    ("(quake", "unclosed parenthesis"),
    ("quake)", "unexpected ')'"),
    ("AND quake", "needs a term before it"),
    ('"port strike', "unclosed quote"),
    ("title:", "needs a value"),
    ("NOT", "ends where a term was expected"),
    ("quake OR", "ends where a term was expected"),
    ("!!!", "no word to match"),
])
def test_bad_queries_say_what_is_wrong(query, reason):
    with pytest.raises(QueryError, match=re.escape(reason)):
        parse_query(query)


def test_words_and_phrases_match_whole_words_in_title_and_text(demo_articles):
    truth = json.loads(truth_path().read_text("utf-8"))
    kessel_english = {a["title"] for a in truth["articles"]
                      if a["event"] == "E01" and a["language"] == "en"}
    found = matching(demo_articles, "earthquake OR quake")
    assert kessel_english <= titles(found)
    assert all(re.search(r"\b(earth)?quake\b", f"{a.title} {a.text}", re.IGNORECASE)
               for a in found)
    # "strike" is a word of the port stories; "strik" alone is not a word anywhere.
    assert matching(demo_articles, "strike")
    assert not matching(demo_articles, "strik")
    assert {a.id for a in matching(demo_articles, "strik*")} >= \
        {a.id for a in matching(demo_articles, "strike")}
    phrase = matching(demo_articles, '"Kessel Highlands"')
    assert phrase and all("kessel highlands" in (a.title + " " + a.text).lower()
                          for a in phrase)
    # The words in the other order are not the phrase.
    assert not matching(demo_articles, '"Highlands Kessel"')


def test_boolean_operators_compose(demo_articles):
    quakes = {a.id for a in matching(demo_articles, "quake OR earthquake")}
    kessel = {a.id for a in matching(demo_articles, "Kessel")}
    both = {a.id for a in matching(demo_articles, "(quake OR earthquake) AND Kessel")}
    without = {a.id for a in matching(demo_articles, "(quake OR earthquake) NOT Kessel")}
    dashed = {a.id for a in matching(demo_articles, "(quake OR earthquake) -Kessel")}
    assert both == quakes & kessel
    assert without == dashed == quakes - kessel
    assert both and without


def test_accents_and_case_are_folded(demo_articles):
    french = matching(demo_articles, "seisme")
    assert french and french == matching(demo_articles, "SÉISME")
    assert all(a.language == "fr" for a in french)


def test_fields_read_outlet_language_and_title(demo_articles):
    ledger = matching(demo_articles, "outlet:ledger")
    assert ledger and {a.outlet for a in ledger} == {"The Northern Ledger"}
    french = matching(demo_articles, "lang:fr")
    assert french and {a.language for a in french} == {"fr"}
    in_title = matching(demo_articles, "title:quake")
    assert in_title and all("quake" in a.title.lower() for a in in_title)
    anywhere = matching(demo_articles, "quake")
    assert len(anywhere) > len(in_title)


def test_person_speaker_and_entity_read_the_understanding_fields(demo_articles):
    base = next(a for a in demo_articles if "Quillon" in a.text) if any(
        "Quillon" in a.text for a in demo_articles) else demo_articles[0]
    article = Article(**{**vars(base), "entities": [
        {"text": "Mr. Fenwick", "label": "PERSON", "start": 0, "end": 11,
         "canonical": "Aldo Fenwick"},
        {"text": "Port Aldane", "label": "PLACE", "start": 20, "end": 31,
         "canonical": "Port Aldane"}],
        "quotes": [{"text": "We will rebuild", "speaker": "Ruth Calloway", "kind": "direct",
                    "speaker_description": "mayor", "cue": "said", "start": 0, "end": 10}]})
    assert parse_query('person:"Aldo Fenwick"').matches(article)
    assert parse_query("person:fenwick").matches(article)
    assert not parse_query('person:"Port Aldane"').matches(article)   # a place, not a person
    assert parse_query('entity:"Port Aldane"').matches(article)
    assert parse_query("speaker:calloway").matches(article)
    assert not parse_query("speaker:fenwick").matches(article)
    # On the demo as ingested, the understand stage filled them: only articles naming a
    # person matched by the query match, and a word in the text alone does not.
    named = matching(demo_articles, 'person:"Lena Hart"')
    assert named and all(any(e["canonical"] == "Lena Hart" for e in a.entities
                             if e["label"] == "PERSON") for a in named)
    assert not matching(demo_articles, "person:earthquake")


def test_a_watch_test_groups_copies_under_their_original(demo_articles):
    found = matching(demo_articles, '"Kessel Highlands"')
    stories = simulate(found)
    keys = {story_key(a) for a in found}
    assert len(stories) == len(keys) < len(found)   # copies fold into their original's story
    biggest = max(stories, key=lambda s: len(s.outlets))
    assert len(biggest.outlets) >= 3 and biggest.first_seen is not None
