"""The store: migrations, idempotent captures, search, and consistency after a crash.

The tests that take ``store`` run on both backends; the three that open the file itself
(WAL mode and ``PRAGMA user_version``, a newer schema, a file that is no database) are
SQLite's (test_store_postgres.py has PostgreSQL's)."""

from __future__ import annotations

import sqlite3

import pytest

from storywire.model import Article, Capture
from storywire.store import SCHEMA_VERSION, StoreError, open_store


def article_for(capture: Capture, title: str, text: str, outlet: str = "Gazette") -> Article:
    return Article(id=capture.article_id, capture_sha256=capture.sha256, origin=capture.origin,
                   paragraphs=text.split("\n\n"), title=title, outlet=outlet)


def test_new_store_is_migrated_to_the_latest_schema_in_wal_mode(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_store_from_a_newer_storywire_is_refused(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this storywire"):
        open_store(path)


def test_a_file_that_is_not_a_database_is_refused_with_its_name(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match=r"notes\.db: cannot open"):
        open_store(path)


def test_captures_are_kept_compressed_and_returned_byte_for_byte(store):
    raw = ("<p>" + "Harbour cranes stood idle. " * 400 + "</p>").encode()
    capture = Capture(raw=raw, kind="html", origin="a.html", url="https://g.example/a")
    store.put_capture(capture)
    assert store.capture_state(capture.sha256) == "failed"  # stored, no article yet
    back = store.get_capture(capture.sha256)
    assert back.raw == raw and back.url == "https://g.example/a"
    stored = store._db.execute("SELECT length(raw), raw_size FROM capture").fetchone()
    assert stored[0] < stored[1] / 10


def test_capture_state_tells_new_stored_and_failed_apart(store):
    done = Capture(raw=b"<p>one</p>", kind="html", origin="one.html")
    failed = Capture(raw=b"<p></p>", kind="html", origin="two.html")
    with store.transaction():
        store.put_capture(done)
        store.put_article(article_for(done, "One", "Text one."))
        store.put_capture(failed, error="no article text found")
    assert store.capture_state(done.sha256) == "article"
    assert store.capture_state(failed.sha256) == "failed"
    assert store.capture_state("0" * 64) is None


def test_search_ranks_title_matches_first_and_marks_snippets(store):
    texts = [("Ferry service resumes", "The ferry to Saltmere is running again after repairs."),
             ("Council budget", "Councillors argued about the ferry subsidy for an hour."),
             ("Weather", "Rain is expected all week.")]
    with store.transaction():
        for i, (title, text) in enumerate(texts):
            capture = Capture(raw=f"{i}".encode(), kind="text", origin=f"{i}.txt")
            store.put_capture(capture)
            store.put_article(article_for(capture, title, text))
    hits = store.search("ferry")
    assert [h.article.title for h in hits] == ["Ferry service resumes", "Council budget"]
    assert "<ferry>" in hits[1].marked("<", ">").lower()
    assert store.search('"ferry subsidy"')[0].article.title == "Council budget"
    # Broken FTS syntax is searched literally rather than failing.
    assert [h.article.title for h in store.search('ferry"')] == [h.article.title for h in hits]


def test_search_folds_accents_and_case_in_any_script_as_the_query_language_does(store):
    """"séisme", "SEISME" and "seisme" are one word to the search box and the watch matcher,
    and "МОСКВЕ" is "москве" (PostgreSQL's own lower-casing of such letters depends on the
    database's locale; the test server's is C, which lower-cases ASCII alone)."""
    from storywire.search import search

    capture = Capture(raw=b"quake", kind="text", origin="quake.txt")
    store.put_capture(capture)
    store.put_article(article_for(capture, "ЗЕМЛЕТРЯСЕНИЕ В МОСКВЕ",
                                  "Un SÉISME a secoué la région de Zürich, dit l'Écho."))
    for query in ("землетрясение", "seisme", "Séisme", "title:москве", "seis*", "ZURICH",
                  "l echo", '"secoue la region"'):
        assert [h.article.title for h in search(store, query)] == [
            "ЗЕМЛЕТРЯСЕНИЕ В МОСКВЕ"], query
    assert search(store, "title:seisme") == []
    # The snippet marks the word with the text's own characters.
    assert "<SÉISME>" in search(store, "seisme")[0].marked("<", ">")


def test_updating_an_article_keeps_search_in_step(store):
    capture = Capture(raw=b"x", kind="text", origin="x.txt")
    with store.transaction():
        store.put_capture(capture)
        store.put_article(article_for(capture, "Old headline", "Nothing about boats."))
        store.put_article(article_for(capture, "New headline", "All about lighthouses."))
    assert store.search("boats") == []
    assert store.search("lighthouses")[0].article.title == "New headline"
    assert store.count_articles() == 1


def test_a_failed_transaction_leaves_nothing_behind(store):
    capture = Capture(raw=b"y", kind="text", origin="y.txt")
    with pytest.raises(RuntimeError), store.transaction():
        store.put_capture(capture)
        store.put_article(article_for(capture, "Half-written", "Never committed."))
        raise RuntimeError("crash in the middle of a batch")
    assert store.count_captures() == 0 and store.count_articles() == 0


def test_articles_are_found_by_unique_id_prefix(store):
    capture = Capture(raw=b"z", kind="text", origin="z.txt")
    with store.transaction():
        store.put_capture(capture)
        store.put_article(article_for(capture, "Prefix", "Body."))
    assert store.get_article(capture.article_id[:6]).title == "Prefix"
    assert store.get_article(capture.article_id[:3]) is None


def test_articles_are_read_many_at_once_by_full_id(store):
    """The story stage reads a story's reports' articles (up to 60) in one read."""
    captures = [Capture(raw=f"<p>report {n}</p>".encode(), kind="html", origin=f"r{n}")
                for n in range(3)]
    with store.transaction():
        for n, capture in enumerate(captures):
            store.put_capture(capture)
            store.put_article(article_for(capture, f"Report {n}", f"Text {n}."))
    ids = [c.article_id for c in captures]
    found = store.get_articles([ids[2], ids[0], "0" * 16, ids[0]])
    assert sorted(found) == sorted([ids[0], ids[2]])
    assert found[ids[2]].title == "Report 2"
    assert found[ids[0]] == store.get_article(ids[0])
    assert store.get_articles([]) == {}
