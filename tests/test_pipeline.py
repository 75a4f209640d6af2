"""The pipeline end to end on realistic inputs: idempotent, crash-safe, learning outlet junk."""

from __future__ import annotations

import json

import pytest

from storywire.pipeline import Pipeline, PipelineOptions
from storywire.store import open_store

from conftest import BODY, jsonl, make_html, write

FOOTER = "The Valley Post is funded by readers. Become a member at valleypost.example/join."

VALLEY_STORIES = [
    ("Library extends opening hours",
     ["The Millbrook public library will stay open until nine on weeknights from December, "
      "the town council decided on Monday.",
      "Librarian Oskar Fenn said demand from students had doubled since the new college opened."]),
    ("Bridge repairs delayed again",
     ["Repairs to the Old Mill bridge will not finish before spring, the county engineer said.",
      "The bridge has been closed to lorries since a crack was found in August."]),
    ("Bakery wins regional prize",
     ["A family bakery on Church Street won the regional bread award on Saturday.",
      "Owner Rita Salas said the secret was patience and a very old sourdough starter."]),
    ("School roof to be replaced",
     ["Millbrook primary school will get a new roof next summer after years of leaks.",
      "Parents had collected more than 400 signatures asking for the work."]),
]


def valley_text(title: str, paragraphs: list[str]) -> str:
    return f"{title}\n\n" + "\n\n".join(paragraphs) + f"\n\n{FOOTER}\n\n{title} - The Valley Post\n"


def test_folder_with_good_and_bad_inputs(tmp_path, pipeline, store):
    write(tmp_path / "in" / "page.html", make_html())
    write(tmp_path / "in" / "feed.jsonl", jsonl([
        {"id": "w-1", "title": "Ferry fares rise", "outlet": "Meridian Wire",
         "published": "2026-11-05T08:00:00Z", "authors": ["Ana Li"],
         "text": "Ferry fares on the Saltmere crossing will rise by 8% in January.\n\n"
                 "The operator blamed fuel costs."}]) + "{broken\n")
    write(tmp_path / "in" / "blank.html", "<html><body></body></html>")
    report = pipeline.ingest([str(tmp_path / "in")])
    assert (report.files, report.read, report.added) == (3, 3, 2)
    assert sorted(e.origin.rsplit("/", 1)[-1] for e in report.errors) == [
        "blank.html", "feed.jsonl:line 2"]
    assert not report.ok
    record = next(a for a in store.iter_articles() if a.source_id == "w-1")
    assert (record.outlet, record.authors, record.published.isoformat()) == (
        "Meridian Wire", ["Ana Li"], "2026-11-05T08:00:00+00:00")
    assert record.language == "en"
    page = next(a for a in store.iter_articles() if a.source_id is None)
    assert page.title == "Saltmere dock workers walk out over shift pay"
    assert page.outlet == "The Harbor Gazette"
    assert page.authors == ["Ines Calder"]
    assert page.published.isoformat() == "2026-11-04T09:30:00+00:00"
    assert all(p in page.paragraphs for p in BODY)


def test_ingesting_the_same_content_twice_changes_nothing(tmp_path, pipeline, store):
    write(tmp_path / "a.html", make_html())
    write(tmp_path / "copy-of-a.html", make_html())  # same bytes under another name
    first = pipeline.ingest([str(tmp_path)])
    before = [a.to_export() for a in store.iter_articles()]
    second = pipeline.ingest([str(tmp_path)])
    assert (first.added, first.unchanged) == (1, 1)
    assert (second.added, second.unchanged) == (0, 2)
    assert [a.to_export() for a in store.iter_articles()] == before


def test_a_crash_mid_batch_loses_nothing_and_a_rerun_completes(tmp_path, monkeypatch,
                                                             db_location):
    for i in range(7):
        write(tmp_path / "in" / f"{i}.html", make_html(title=f"Story number {i} of the week"))
    db = db_location
    options = PipelineOptions(batch_size=3)
    with open_store(db) as store:
        pipeline = Pipeline(store, options)
        real = store.put_article
        calls = {"n": 0}

        def failing_put(article):
            calls["n"] += 1
            if calls["n"] == 5:
                raise OSError("disk full")
            real(article)

        monkeypatch.setattr(store, "put_article", failing_put)
        with pytest.raises(OSError):
            pipeline.ingest([str(tmp_path / "in")])
        # The first batch (3) landed whole; the batch that failed left nothing behind.
        assert store.count_articles() == 3 and store.count_captures() == 3
    monkeypatch.undo()
    with open_store(db) as store:
        report = Pipeline(store, options).ingest([str(tmp_path / "in")])
        assert (report.added, report.unchanged) == (4, 3)
        assert store.count_articles() == 7 == store.count_captures()


def test_a_line_recurring_across_an_outlet_is_learned_as_junk(tmp_path, pipeline, store):
    for i, (title, paragraphs) in enumerate(VALLEY_STORIES):
        write(tmp_path / f"valley-{i}.txt", valley_text(title, paragraphs))
    report = pipeline.ingest([str(tmp_path)])
    assert report.ok and report.added == 4
    assert report.relearned >= 2  # the first articles were cleaned before the line was known
    for article in store.iter_articles():
        assert article.outlet == "The Valley Post"
        assert FOOTER not in article.text
        assert FOOTER in article.removed
        assert article.removed_reasons[article.removed.index(FOOTER)] == "learned"
        title, paragraphs = next(s for s in VALLEY_STORIES if s[0] == article.title)
        assert article.paragraphs == paragraphs


def test_a_line_in_only_a_few_articles_of_a_big_outlet_is_kept(tmp_path, pipeline, store):
    shared = "The bridge has been closed to lorries since a crack was found in August."
    stories = [(f"Council notice {i}", [f"Item {i} was discussed at length by the council "
                                        f"on day {i} of the session.", shared if i < 3 else
                                        "Nothing else was decided."]) for i in range(12)]
    for i, (title, paragraphs) in enumerate(stories):
        write(tmp_path / f"n{i}.txt", valley_text(title, paragraphs))
    pipeline.ingest([str(tmp_path)])
    kept = [a for a in store.iter_articles() if shared in a.paragraphs]
    assert len(kept) == 3  # in 3 of 12 articles: below the 30% share, so article text


def test_reprocess_rebuilds_in_place_keeping_ids_and_later_fields(tmp_path, pipeline, store):
    for i, (title, paragraphs) in enumerate(VALLEY_STORIES):
        write(tmp_path / f"valley-{i}.txt", valley_text(title, paragraphs))
    pipeline.ingest([str(tmp_path)])
    before = {a.id: a for a in store.iter_articles()}
    some = next(iter(before.values()))
    some.story_id = "story-1"
    with store.transaction():
        store.put_article(some)
    report = pipeline.reprocess()
    assert report.ok and report.added == 4
    after = {a.id: a for a in store.iter_articles()}
    assert after.keys() == before.keys()
    assert after[some.id].story_id == "story-1"
    for article_id, article in after.items():
        assert article.ingested_at == before[article_id].ingested_at
        assert article.paragraphs == before[article_id].paragraphs


def test_language_is_identified_for_every_article(tmp_path, pipeline, store):
    write(tmp_path / "fr.jsonl", jsonl([
        {"id": "fr-1", "title": "Grève au port de Saltmere",
         "text": "Les dockers du port de Saltmere ont cessé le travail mardi matin, "
                 "bloquant le chargement des porte-conteneurs pour la première fois depuis "
                 "onze ans.\n\nLe syndicat affirme que plus de mille membres ont rejoint le "
                 "mouvement après l'échec des négociations sur les primes de nuit."},
        {"id": "de-1", "title": "Streik im Hafen",
         "text": "Die Hafenarbeiter in Saltmere haben am Dienstagmorgen die Arbeit "
                 "niedergelegt. Die Gewerkschaft spricht von mehr als tausend Teilnehmern."},
    ]))
    pipeline.ingest([str(tmp_path)])
    assert {a.source_id: a.language for a in store.iter_articles()} == {"fr-1": "fr", "de-1": "de"}


def test_export_shape_is_the_documented_contract(tmp_path, pipeline, store):
    write(tmp_path / "a.html", make_html())
    pipeline.ingest([str(tmp_path)])
    (article,) = list(store.iter_articles())
    exported = json.loads(json.dumps(article.to_export()))
    for name in ("id", "source_id", "url", "outlet", "title", "authors", "published",
                 "language", "text", "removed", "copy_of", "copy_kind", "story_id",
                 "quotes", "entities", "figures"):
        assert name in exported
    assert exported["text"] == "\n\n".join(article.paragraphs)
    assert exported["copy_of"] is None
    if exported["quotes"]:  # filled by the understand stage when the spaCy model is installed
        assert {"text", "speaker", "speaker_description", "cue", "kind", "start",
                "end"} <= set(exported["quotes"][0])
        assert "Mara Quillon" in {q["speaker"] for q in exported["quotes"]}


def test_the_writer_gives_the_line_classifier_the_outlets_line_counts(tmp_path, monkeypatch,
                                                                      pipeline, store):
    import storywire.clean.stage as stage
    from storywire.clean import normalize_line

    seen = []
    real = stage.clean_text

    def spy(text, hints=None, options=None):
        seen.append(hints)
        return real(text, hints, options)

    monkeypatch.setattr(stage, "clean_text", spy)
    menu = "Most read in Millbrook this week"
    for i, (title, paragraphs) in enumerate(VALLEY_STORIES):
        write(tmp_path / f"valley-{i}.txt", f"{menu}\n\n" + valley_text(title, paragraphs))
    pipeline.ingest([str(tmp_path)])
    counted = [h for h in seen if h is not None and h.line_counts]
    assert counted  # the pure half in the workers has no counts; the writer passes them
    last = counted[-1]
    assert last.line_counts[normalize_line(menu)] == last.outlet_articles == 4
    # a sentence the outlet's articles share may be a copy of one story: not counted
    assert all(normalize_line(FOOTER) not in h.line_counts for h in counted)
    for article in store.iter_articles():  # recurrence alone never costs an article line
        assert article.paragraphs == next(s for s in VALLEY_STORIES if s[0] == article.title)[1]
