"""The PostgreSQL store's own behaviour: its migrations keep step with SQLite's, old
schemas are upgraded and foreign or newer ones refused, and every way of failing to open
it is one clear line (also through the CLI)."""

from __future__ import annotations

import socket
import zlib
from importlib import resources

import pytest
from click.testing import CliRunner

from storywire.cli import main
from storywire.model import Article, Capture
from storywire.store import StoreError, open_store

psycopg = pytest.importorskip("psycopg",
                              reason="psycopg is absent: pip install 'storywire[postgres]'")
from storywire.store.postgres import SCHEMA_VERSION  # noqa: E402
from storywire.store.postgres.database import migrations  # noqa: E402


@pytest.fixture
def database(postgres_server):
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


def sqlite_versions() -> list[int]:
    folder = resources.files("storywire.store") / "migrations"
    return sorted(int(e.name.split("_", 1)[0]) for e in folder.iterdir() if e.name.endswith(".sql"))


def test_every_migration_has_a_postgresql_dialect_with_the_same_number() -> None:
    assert [version for version, _ in migrations()] == sqlite_versions()
    from storywire.store.sqlite import SCHEMA_VERSION as SQLITE_VERSION

    assert SCHEMA_VERSION == SQLITE_VERSION


def test_a_new_database_is_migrated_to_the_latest_schema(database):
    open_store(database).close()
    with psycopg.connect(database) as conn:
        assert conn.execute("SELECT version FROM storywire_schema").fetchone()[0] == SCHEMA_VERSION
        kinds = dict(conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_name = 'capture'").fetchall())
    assert kinds["raw"] == "bytea"


def test_a_store_from_an_older_storywire_is_upgraded_in_place(database):
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute("CREATE TABLE storywire_schema (version INTEGER NOT NULL)")
        for version, sql in migrations():
            if version <= 4:
                conn.execute(sql)
        conn.execute("INSERT INTO storywire_schema VALUES (4)")
        conn.execute("INSERT INTO story_report (article_id, story_id) VALUES ('a1', 's1')")
    with open_store(database) as store:
        report = store.get_story_reports(["a1"])[0]
        assert (report.story_id, report.terms, report.keys) == ("s1", b"", ())
        assert store.list_watches() == []  # migration 6's tables are there


def test_a_store_from_a_newer_storywire_is_refused_in_one_line(database):
    open_store(database).close()
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute("UPDATE storywire_schema SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer than this storywire") as caught:
        open_store(database)
    assert "\n" not in str(caught.value)


def test_a_database_holding_other_tables_is_refused(database):
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="holds 1 tables but no storywire schema"):
        open_store(database)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def one_line_error(location: str) -> str:
    """What the CLI prints when it cannot open ``location``: exactly one line."""
    done = CliRunner().invoke(main, ["--db", location, "articles"])
    assert done.exit_code == 1, done.output
    lines = [line for line in done.output.splitlines() if line.strip()]
    assert len(lines) == 1, done.output
    return lines[0]


def test_a_malformed_url_is_one_clear_line() -> None:
    line = one_line_error("postgresql://editor@db.example:port/news")
    assert "not a valid PostgreSQL URL" in line and "postgresql://USER@HOST" in line
    assert "names no database" in one_line_error("postgresql://editor@db.example")


def test_a_refused_connection_is_one_clear_line() -> None:
    line = one_line_error(f"postgresql://editor:secret@127.0.0.1:{free_port()}/news")
    assert "connection refused" in line and "is it running" in line
    assert "secret" not in line  # the password is never shown


def test_a_missing_database_is_one_clear_line(postgres_server) -> None:
    line = one_line_error(postgres_server.url("no_such_news"))
    assert "database 'no_such_news' does not exist" in line and "createdb" in line


def test_storywire_db_selects_the_postgresql_store(database, monkeypatch, tmp_path):
    monkeypatch.setenv("STORYWIRE_DB", database)
    page = tmp_path / "page.txt"
    page.write_text("Saltmere dock workers walk out\n\nThe union said about 1,200 members "
                    "joined the stoppage after talks over shift pay broke down.\n")
    done = CliRunner().invoke(main, ["ingest", str(page)])
    assert done.exit_code == 0, done.output
    with open_store(database) as store:
        assert [a.title for a in store.iter_articles()] == ["Saltmere dock workers walk out"]


def test_captures_are_bytea_compressed_and_search_takes_web_syntax(database):
    with open_store(database) as store:
        texts = {
            "Harbour cranes idle as dock strike spreads": "Cranes stood idle at the port.",
            "Council passes budget": "The harbour strike was mentioned in passing.",
            "Dock strike ends": "Workers return to the cranes after talks.",
        }
        for title, text in texts.items():
            capture = Capture(raw=(title + "\n\n" + text * 50).encode(), kind="text",
                              origin=f"{title}.txt")
            store.put_capture(capture)
            store.put_article(Article(id=capture.article_id, capture_sha256=capture.sha256,
                                      origin=capture.origin, title=title, paragraphs=[text]))
        raw, size = store._db.execute("SELECT raw, raw_size FROM capture LIMIT 1").fetchone()
        assert len(raw) < size and len(zlib.decompress(raw)) == size
        assert [h.article.title for h in store.search('"dock strike" -ends')] == [
            "Harbour cranes idle as dock strike spreads"]
        assert [h.article.title for h in store.search("strike")][-1] == "Council passes budget"
        assert [h.article.title for h in store.search("cranes OR budget")] != []


def test_an_unknown_host_is_one_clear_line() -> None:
    assert "is not known" in one_line_error("postgresql://editor@no-such-host.invalid/news")


def test_the_search_text_folds_as_the_queries_do(database):
    """The search column's text (migration 0012) and the queries' folding are one table."""
    from storywire.store.postgres.articles import _ACCENTED, _PUNCTUATION, _TO_SPACES

    with open_store(database) as store:
        sample = "Séisme à L'Écho: ŽIŽEK, Ångström—Ελλάδα, МОСКВА й." + _PUNCTUATION + _ACCENTED
        folded = store._db.execute("SELECT storywire_search_text(%s)", (sample,)).fetchone()[0]
        assert folded == sample.translate(_TO_SPACES)
        assert "seisme a l echo" in folded.lower() and "ελλαδα  москва" in folded
