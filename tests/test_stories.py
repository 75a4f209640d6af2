"""Story grouping on real text: merge decisions on ECB+, copies, names, the index."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import UTC, datetime

import pytest

from storywire.evaluation.stories import bcubed, load, stream
from storywire.model import Article, Capture, Story
from storywire.pipeline import Pipeline
from storywire.store import open_store
from storywire.stories import capitalised_names, numbers, story_view, top_entities
from storywire.stories.names import article_names, entity_names

from conftest import BACKENDS, new_location, shared_data


def _ecb_topics(*topics: int) -> list[dict]:
    rows = load(shared_data("ecbplus") / "articles.jsonl")
    return [r for r in rows if r["topic"] in topics]


def _stories(store) -> dict[str, str]:
    return {a.source_id: a.story_id for a in store.iter_articles()}


@pytest.fixture(scope="module", params=BACKENDS)
def piracy_and_raids(request, tmp_path_factory) -> tuple[list[dict], dict[str, str]]:
    """ECB+ topics 12 and 41 streamed into one store, once per backend: the rows, and
    each article's story."""
    rows = _ecb_topics(12, 41)
    for location in new_location(request, tmp_path_factory.mktemp("ecb")):
        with open_store(location) as store:
            Pipeline(store).ingest_stream(stream(rows))
            yield rows, _stories(store)


@pytest.mark.parametrize("topic", [12, 41])
def test_same_event_reports_join_and_same_kind_events_stay_apart(piracy_and_raids, topic):
    """ECB+ topic 12: two navy anti-piracy captures; topic 41: two air raids in Sudan.

    Both topics are streamed into one store, as any store holds more than one topic: with
    only one topic's reports the IDF cannot tell the topic's words from the event's, and
    the second look may split one event's coverage into its two families (a wire's
    rewrites and the local press; docs/stories.md)."""
    rows, found = piracy_and_raids
    events: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        if row["id"] in found and row["topic"] == topic:
            events[row["event"]][found[row["id"]]] += 1
    assert len(events) == 2
    first, second = events.values()
    assert not set(first) & set(second), "a story mixes the topic's two events"
    for counts in events.values():
        assert counts.most_common(1)[0][1] >= 0.75 * sum(counts.values())


def test_bcubed_of_a_perfect_and_of_a_lumped_grouping():
    gold = ["a", "a", "b", "b"]
    assert bcubed(gold, ["x", "x", "y", "y"]) == (1.0, 1.0, 1.0)
    precision, recall, _ = bcubed(gold, ["x", "x", "x", "x"])
    assert (precision, recall) == (0.5, 1.0)


def _record(ident: str, text: str, outlet: str, published: str, title: str) -> Capture:
    data = {"id": ident, "text": text, "outlet": outlet, "published": published,
            "title": title, "language": "en"}
    return Capture(raw=json.dumps(data).encode(), kind="record", origin=f"test:{ident}")


def test_a_copy_follows_its_original_when_an_earlier_original_arrives(pipeline, store):
    row = _ecb_topics(41)[0]
    later = _record("later", row["text"], "Second Outlet", "2026-11-05T10:00:00Z", "Raid")
    earlier = _record("earlier", row["text"], "First Outlet", "2026-11-05T06:00:00Z", "Raid")
    pipeline.ingest_stream([later])
    pipeline.ingest_stream([earlier])
    by_id = {a.source_id: a for a in store.iter_articles()}
    assert by_id["later"].copy_of == by_id["earlier"].id
    assert by_id["later"].story_id == by_id["earlier"].story_id
    story = store.get_story(by_id["earlier"].story_id)
    assert story.reports == 1, "the copy's vector must leave the story"
    view = story_view(story, store.story_members(story.id))
    assert [r.article.source_id for r in view.reports] == ["earlier"]
    assert [c.source_id for c in view.reports[0].copies] == ["later"]


@pytest.mark.parametrize(("second_published", "together"), [
    ("2026-11-01T12:00:00Z", True), ("2026-12-05T08:00:00Z", False)])
def test_a_story_closes_after_its_quiet_period(pipeline, store, second_published, together):
    """Two reports of one ECB+ air raid: joined when hours apart, not a month apart."""
    rows = {r["id"]: r for r in _ecb_topics(41)}
    first, second = rows["41_10ecbplus"], rows["41_11ecbplus"]
    pipeline.ingest_stream([
        _record("first", first["text"], "One", "2026-11-01T08:00:00Z", first["title"]),
        _record("second", second["text"], "Two", second_published, second["title"])])
    found = _stories(store)
    assert (found["first"] == found["second"]) is together


def test_names_are_capitalised_phrases_without_sentence_openers():
    text = ("The Indian navy captured 23 pirates in the Gulf of Aden. Officials said the "
            "INS Mysore intercepted the boats. Navy spokesman Captain Manohar Nambiar said so.")
    names = capitalised_names([text])
    assert "gulf of aden" in names and "manohar nambiar" in names  # title left out
    assert "indian" in names  # mid-sentence
    assert "the" not in names and "officials" not in names


def test_scores_read_capitalised_phrases_and_views_read_entities():
    article = Article(id="a", capture_sha256="a", origin="t",
                      paragraphs=["Pavel Kulazhanka spoke in Minsk on Tuesday."],
                      entities=[{"text": "Pavel Kulazhanka", "label": "PERSON", "start": 0,
                                 "end": 16, "canonical": "Pavel Kulazhanka"},
                                {"text": "Minsk", "label": "PLACE", "start": 26, "end": 31,
                                 "canonical": "Minsk"}])
    # Scores: capitalised phrases, as tuned (the entities joined look-alike demo events).
    assert article_names(article) == ["pavel kulazhanka", "minsk"]
    # Views: the entities' canonical names and labels.
    assert entity_names(article) == [("pavel kulazhanka", "PERSON"), ("minsk", "PLACE")]


def test_numbers_are_read_alike_across_languages():
    assert numbers("magnitude 4,9 ; 1 200 emplois") == numbers("magnitude 4.9; 1,200 jobs")


def test_candidates_come_only_from_stories_active_in_the_window(store):
    with store.transaction():
        for ident, active in (("old", "2026-10-01"), ("new", "2026-11-04")):
            store.put_story(Story(id=ident, active=datetime.fromisoformat(active)
                                  .replace(tzinfo=UTC)))
            store.put_story_keys(ident, [7, 8])
    assert store.story_candidates([7, 8], "2026-11-01", per_key=10) == [("new", 2)]
    assert [s for s, _ in store.story_candidates([7], None, per_key=10)] == ["new", "old"]
    assert store.story_candidates([7], None, per_key=1) == [("new", 1)]


def test_reprocess_stories_forgets_and_rebuilds(pipeline, store):
    rows = _ecb_topics(41)
    pipeline.ingest_stream(stream(rows))
    before = _stories(store)
    assert Pipeline(store).reprocess_stage("stories") == store.count_articles()
    assert _groups(_stories(store)) == _groups(before)


def _groups(found: dict[str, str]) -> set[frozenset[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for ident, story in found.items():
        members[story].add(ident)
    return {frozenset(m) for m in members.values()}


def _report(ident: str, outlet: str, text: str, entities: list[dict],
            figures: list[dict]) -> Article:
    return Article(id=ident, capture_sha256=ident, origin=ident, paragraphs=[text],
                   outlet=outlet, language="en", story_id="s", entities=entities,
                   figures=figures)


def test_story_view_uses_entities_and_figures_once_understanding_fills_them():
    """The understand stage's contract: entities by canonical name and label, figures by value."""
    wire = _report("w", "Meridian Wire", "Mayor Ruth Calloway said at least 12 died.",
                   [{"text": "Ruth Calloway", "label": "PERSON", "start": 6, "end": 19,
                     "canonical": "Ruth Calloway"},
                    {"text": "Draymoor", "label": "PLACE", "start": 0, "end": 0,
                     "canonical": "Draymoor"}],
                   [{"value": 12, "approximate": False, "low": None, "high": None,
                     "qualifier": "at least", "subject": "dead", "sentence": "", "start": 0,
                     "end": 0}])
    ledger = _report("l", "The Northern Ledger", "Ms. Calloway counted 14 dead.",
                     [{"text": "Ms. Calloway", "label": "PERSON", "start": 0, "end": 12,
                       "canonical": "Ruth Calloway"},
                      {"text": "Aldo Fenwick", "label": "PERSON", "start": 0, "end": 0,
                       "canonical": "Aldo Fenwick"}],
                     [{"value": 14, "approximate": False, "low": None, "high": None,
                       "qualifier": None, "subject": "dead", "sentence": "", "start": 0,
                       "end": 0}])
    view = story_view(Story(id="s"), [wire, ledger])
    assert view.top["people"][0] == ("Ruth Calloway", 2)
    assert view.top["places"] == [("Draymoor", 1)]
    adds = {r.article.outlet: (r.new_names, r.new_figures) for r in view.reports}
    assert adds["The Northern Ledger"] == (["Aldo Fenwick"], ["14 dead"])
    assert adds["Meridian Wire"] == (["Draymoor"], ["at least 12 dead"])


def test_the_press_and_a_vote_count_are_not_names_in_the_news():
    def entity(name: str, label: str) -> dict:
        return {"text": name, "label": label, "start": 0, "end": 0, "canonical": name}

    star = _report("s1", "Carrow Evening Star",
                   "Grace Obi told the Star the council voted 7–2.",
                   [entity("Grace Obi", "PERSON"), entity("Star", "ORG"),
                    entity("7–2", "PLACE"), entity("Carrow", "PLACE")], [])
    ledger = _report("l1", "The Northern Ledger", "A report seen by the Ledger.",
                     [entity("Ledger", "ORG"), entity("the Northern Ledger", "ORG"),
                      entity("Valley FC", "ORG")], [])
    view = story_view(Story(id="s"), [star, ledger])
    named = {name for names in view.top.values() for name, _ in names}
    assert named == {"Grace Obi", "Carrow", "Valley FC"}
    adds = {r.article.outlet: r.new_names for r in view.reports}
    assert adds == {"Carrow Evening Star": ["Grace Obi", "Carrow"],
                    "The Northern Ledger": ["Valley FC"]}


def test_a_figure_whose_words_hold_its_subject_names_it_once():
    wire = _report("w", "Meridian Wire", "It was felt 60 kilometres away.", [],
                   [{"value": 60, "approximate": False, "low": None, "high": None,
                     "qualifier": None, "subject": "kilometres", "shown": "60 kilometres",
                     "sentence": "", "start": 0, "end": 0}])
    view = story_view(Story(id="s"), [wire])
    assert view.reports[0].new_figures == ["60 kilometres"]


def test_a_figure_is_shown_in_its_sentences_order_and_words():
    sentence = "At least three aftershocks above magnitude 4 followed within two hours."
    wire = _report("w", "Meridian Wire", sentence, [],
                   [{"value": 4, "approximate": False, "low": None, "high": None,
                     "qualifier": None, "subject": "magnitude", "shown": "4",
                     "sentence": sentence, "start": 0, "end": 0},
                    {"value": 3, "approximate": True, "low": None, "high": None,
                     "qualifier": "at least", "subject": "aftershocks",
                     "shown": "at least three (3)", "sentence": sentence, "start": 0,
                     "end": 0}])
    result = ("The Reform League keeps a working majority of 11 in the 250-seat assembly; "
              "the hospital treated dozens of people.")

    def figure(value: float, subject: str, shown: str) -> dict:
        return {"value": value, "approximate": False, "low": None, "high": None,
                "qualifier": None, "subject": subject, "shown": shown, "sentence": result,
                "start": 0, "end": 0}

    ledger = _report("l", "The Northern Ledger", result, [],
                     [figure(11, "working majority", "11"), figure(250, "seat", "250"),
                      figure(24, "people treated", "dozens")])
    view = story_view(Story(id="s"), [wire, ledger])
    adds = {r.article.outlet: r.new_figures for r in view.reports}
    assert adds["Meridian Wire"] == ["magnitude 4", "at least three (3) aftershocks"]
    assert adds["The Northern Ledger"] == ["working majority of 11", "250-seat",
                                           "dozens of people treated"]


def test_top_names_fold_case_and_take_the_kind_most_reports_give():
    def article(ident: str, entities: list[tuple[str, str]]) -> Article:
        return Article(id=ident, capture_sha256=ident, origin="t", paragraphs=["x"],
                       entities=[{"text": n, "label": label, "start": 0, "end": len(n),
                                  "canonical": n} for n, label in entities])

    reports = [article("a", [("DRAYMOOR", "ORG"), ("Draymoor", "PLACE"), ("Lena Hart", "PERSON")]),
               article("b", [("Draymoor", "PLACE")]),
               article("c", [("Lena Hart", "PERSON")])]
    top = top_entities(reports)
    assert top["places"] == [("Draymoor", 2)]
    assert top["people"] == [("Lena Hart", 2)]
    assert "organisations" not in top


def test_centroids_unpacked_at_once_are_the_rows_unpacked_one_by_one():
    """The story scores read many packed centroids in one product: the matrix built at
    once must be the stacked single rows, array for array (the same sums, the same
    cosines), on ECB+ texts' word and name vectors."""
    import numpy as np
    from scipy import sparse

    from storywire.stories import Vectorizer
    from storywire.stories.vectors import pack, unpack, unpack_rows

    lines = (shared_data("ecbplus") / "articles.jsonl").read_text("utf-8").splitlines()[:40]
    vectorizer, n = Vectorizer(), Vectorizer().options.n_features
    blobs = []
    for line in lines:
        row = json.loads(line)
        vectors = vectorizer.vectors(Article(
            id=row["id"], capture_sha256=row["id"], origin=row["id"], title=row.get("title"),
            paragraphs=[p for p in row["text"].split("\n\n") if p.strip()]))
        blobs += [pack(vectors.terms, 150, n), pack(vectors.names, 150, n)]
    blobs.append(b"")  # a story with no names yet
    stacked = sparse.vstack([unpack(blob, n) for blob in blobs], format="csr")
    at_once = unpack_rows(blobs, n)
    for name in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(stacked, name), getattr(at_once, name))
    assert at_once.shape == stacked.shape and at_once.nnz > 2000


def test_the_undated_run_keeps_its_own_store_beside_the_dated_one(tmp_path):
    from storywire.evaluation.stories import _store_path

    dated = _store_path(tmp_path / "odd.db", dates=True)
    undated = _store_path(tmp_path / "odd.db", dates=False)
    # regrouping the dated store under the undated run would report the dated grouping
    assert dated == tmp_path / "odd.db"
    assert undated == tmp_path / "odd-undated.db"
