"""`storywire copy-store`: a SQLite store moved into PostgreSQL exports the same, article
for article, and keeps its captures, stories, copies and watches working."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storywire.cli import main
from storywire.demo import corpus_path
from storywire.pipeline import Pipeline
from storywire.store import open_store

pytest.importorskip("psycopg", reason="psycopg is absent: pip install 'storywire[postgres]'")


@pytest.fixture
def database(postgres_server):
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


def export(location: str) -> list[dict]:
    done = CliRunner().invoke(main, ["--db", location, "export"])
    assert done.exit_code == 0, done.output
    return [json.loads(line) for line in done.output.splitlines()]


def test_a_copied_store_exports_the_same_article_for_article(tmp_path, database):
    sqlite = str(tmp_path / "desk.db")
    with open_store(sqlite) as store:
        store.add_watch("quakes", "quake OR earthquake", ["atom:" + str(tmp_path / "q.atom")])
        Pipeline(store).ingest([str(corpus_path())])
    done = CliRunner().invoke(main, ["copy-store", "--from", sqlite, "--to", database])
    assert done.exit_code == 0, done.output
    assert "Copied" in done.output and "captures" in done.output

    before, after = export(sqlite), export(database)
    assert len(after) == len(before) > 20
    assert after == before
    with open_store(sqlite) as old, open_store(database) as new:
        assert new.capture_hashes() == old.capture_hashes()
        sha = old.capture_hashes()[0]
        assert new.get_capture(sha).raw == old.get_capture(sha).raw
        assert new.summary() == old.summary()
        assert [s.id for s in new.list_stories()] == [s.id for s in old.list_stories()]
        assert new.list_watches() == old.list_watches()
        assert new.articles_after(0, 5) == old.articles_after(0, 5)
        hit = old.search("earthquake", limit=1)[0].article.id
        assert hit in {h.article.id for h in new.search("earthquake", limit=10)}
        # new rows continue after the copied ones
        new.add_watch("strikes", "strike", [])
        assert new.get_watch("strikes").id > new.get_watch("quakes").id


def test_copying_into_a_store_that_holds_articles_is_refused(tmp_path, database):
    sqlite = str(tmp_path / "desk.db")
    with open_store(sqlite) as store:
        Pipeline(store).ingest([str(corpus_path() / "html")])
    runner = CliRunner()
    assert runner.invoke(main, ["copy-store", "--from", sqlite, "--to", database]).exit_code == 0
    again = runner.invoke(main, ["copy-store", "--from", sqlite, "--to", database])
    assert again.exit_code == 1 and "copy into an empty database" in again.output
    to_file = runner.invoke(main, ["copy-store", "--from", sqlite, "--to", str(tmp_path / "x")])
    assert to_file.exit_code == 1 and "takes a postgresql:// URL" in to_file.output
