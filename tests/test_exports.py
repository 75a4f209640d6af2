"""Exports other tools read: CSV (lists flattened), Parquet (typed, nested) and OPML."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from storywire.cli import main
from storywire.exports import write_csv, write_jsonl, write_parquet
from storywire.model import EXPORT_FIELDS

from conftest import make_html, write


def test_csv_has_every_export_field_and_flattens_lists(demo_articles):
    out = io.StringIO(newline="")
    assert write_csv(demo_articles, out) == len(demo_articles)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert len(rows) == len(demo_articles)
    assert tuple(rows[0]) == EXPORT_FIELDS
    by_id = {row["id"]: row for row in rows}
    for article in demo_articles:
        row = by_id[article.id]
        assert row["text"] == article.text  # paragraphs and quotes survive CSV quoting
        assert row["authors"].splitlines() == article.authors
        assert row["removed"].splitlines() == [line for r in article.removed
                                               for line in r.splitlines()]
        assert (json.loads(row["quotes"]) if row["quotes"] else []) == article.quotes
        assert (json.loads(row["copy_evidence"]) if row["copy_evidence"] else None) == \
            article.copy_evidence
    assert any(row["copy_of"] for row in rows) and any(row["story_id"] for row in rows)


def test_parquet_keeps_the_nesting_in_typed_columns(demo_articles, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "articles.parquet"
    assert write_parquet(demo_articles, str(path), batch=7) == len(demo_articles)
    table = pq.read_table(path)
    assert table.column_names == list(EXPORT_FIELDS)
    assert table.num_rows == len(demo_articles)
    assert str(table.schema.field("published").type) == "timestamp[ms, tz=UTC]"
    rows = {row["id"]: row for row in table.to_pylist()}
    for article in demo_articles:
        row = rows[article.id]
        assert row["title"] == article.title and row["authors"] == article.authors
        published = article.published
        assert row["published"] == (published.replace(
            microsecond=published.microsecond // 1000 * 1000) if published else None)
        assert [e["canonical"] for e in row["entities"]] == [
            e.get("canonical") for e in article.entities]
        assert [q["speaker"] for q in row["quotes"]] == [
            q.get("speaker") for q in article.quotes]
        assert [f["value"] for f in row["figures"]] == [f["value"] for f in article.figures]


def test_export_command_writes_each_format(tmp_path, db_location):
    write(tmp_path / "in" / "strike.html", make_html())
    write(tmp_path / "in" / "strike-2.html", make_html(title="Port strike enters second day"))
    db = db_location
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", "--no-progress",
                                str(tmp_path / "in")]).exit_code == 0
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"a.{fmt}"
        result = runner.invoke(main, ["--db", str(db), "export", "--format", fmt, "-o",
                                      str(out)])
        assert result.exit_code == 0, result.output
        assert "2 articles written" in result.output and out.stat().st_size > 0
    ids = [json.loads(x)["id"] for x in (tmp_path / "a.jsonl").read_text().splitlines()]
    with open(tmp_path / "a.csv", newline="", encoding="utf-8") as f:
        assert [row["id"] for row in csv.DictReader(f)] == ids
    result = runner.invoke(main, ["--db", str(db), "export", "--format", "parquet"])
    assert result.exit_code != 0 and "--output" in result.output
    assert write_jsonl([], io.StringIO()) == 0


def test_sources_export_writes_opml_that_readers_and_import_read_back(tmp_path, db_location,
                                                                    other_location):
    from storywire.sources import read_opml

    # A Miniflux-style export with a folder, as a new user brings it.
    opml = tmp_path / "miniflux.opml"
    opml.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>Miniflux'
        '</title></head><body><outline text="World">'
        '<outline title="The Ledger &amp; Post" text="The Ledger &amp; Post" '
        'xmlUrl="https://www.ledger.example/rss.xml" htmlUrl="https://www.ledger.example/"'
        ' type="rss"/><outline text="Meridian Wire" type="rss" '
        'xmlUrl="https://www.meridianwire.example/atom"/></outline></body></opml>')
    db = db_location
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "sources", "import", str(opml)]).exit_code == 0
    printed = runner.invoke(main, ["--db", str(db), "sources", "export"])
    assert printed.exit_code == 0 and printed.output.startswith("<?xml")
    out = tmp_path / "storywire.opml"
    result = runner.invoke(main, ["--db", str(db), "sources", "export", "-o", str(out)])
    assert result.exit_code == 0 and "2 sources written" in result.output
    feeds = read_opml(out)
    assert [(f.url, f.title, f.site_url) for f in feeds] == [
        ("https://www.ledger.example/rss.xml", "The Ledger & Post",
         "https://www.ledger.example/"),
        ("https://www.meridianwire.example/atom", "Meridian Wire", None)]
    # Importing the export into another database gives the same sources.
    other = other_location("p.db")
    assert "2 feeds added" in runner.invoke(main, ["--db", str(other), "sources", "import",
                                                   str(out)]).output
