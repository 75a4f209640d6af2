"""Reading inputs: every format, and a precise error for every kind of bad input."""

from __future__ import annotations

import gzip
import json

import pytest

from storywire.ingest import InputError, discover, read_file
from storywire.model import Capture

from conftest import jsonl, make_html, warc_record, write


def read_all(path, max_bytes=10 * 1024 * 1024):
    files, errors = discover([path])
    out: list = list(errors)
    for item in files:
        out.extend(read_file(item, max_bytes))
    return out


def only_errors(items):
    return [i for i in items if isinstance(i, InputError)]


def test_html_text_and_gzipped_files_become_captures(tmp_path):
    write(tmp_path / "a.html", make_html())
    write(tmp_path / "b.htm.gz", make_html(title="Second page"), gz=True)
    write(tmp_path / "c.txt", "Headline\n\nA paragraph of text about the strike.\n")
    write(tmp_path / "notes.md", "ignored while walking a folder")
    items = read_all(tmp_path)
    assert [c.kind for c in items] == ["html", "html", "text"]
    assert all(isinstance(c, Capture) and len(c.sha256) == 64 for c in items)
    assert b"Second page" in items[1].raw  # stored decompressed


def test_jsonl_records_keep_their_line_numbers_and_bad_lines_are_named(tmp_path):
    good = {"id": "r1", "title": "Port strike", "text": "Workers walked out."}
    path = write(tmp_path / "feed.jsonl", jsonl([good]) + "{not json\n\n" +
                 json.dumps({"id": "r3"}) + "\n" + json.dumps([1, 2]) + "\n" +
                 jsonl([{**good, "id": "r5"}]))
    items = read_all(path)
    captures = [i for i in items if isinstance(i, Capture)]
    assert [json.loads(c.raw)["id"] for c in captures] == ["r1", "r5"]
    assert captures[0].origin == f"{path}:line 1"
    assert [str(e) for e in only_errors(items)] == [
        f"{path}:line 2: malformed JSON: Expecting property name enclosed in double quotes "
        "(column 2)",
        f"{path}:line 4: record has no non-empty 'text' or 'html' field",
        f"{path}:line 5: expected a JSON object, got list",
    ]


def test_json_array_document(tmp_path):
    path = write(tmp_path / "batch.json", json.dumps([
        {"id": "a", "text": "First."}, {"id": "b", "html": "<p>Second.</p>"}, {"id": "c"}]))
    items = read_all(path)
    assert [c.origin for c in items if isinstance(c, Capture)] == [
        f"{path} [item 1]", f"{path} [item 2]"]
    assert [str(e) for e in only_errors(items)] == [
        f"{path} [item 3]: record has no non-empty 'text' or 'html' field"]


def test_warc_keeps_html_responses_and_skips_the_rest(tmp_path):
    data = (warc_record("https://a.example/1", make_html().encode(), 1)
            + warc_record("https://a.example/robots.txt", b"User-agent: *", 2,
                          content_type="text/plain")
            + warc_record("https://a.example/gone", b"<html>gone</html>", 3, status="404 Not Found")
            + warc_record("https://a.example/2", make_html(title="Two").encode(), 4))
    items = read_all(write(tmp_path / "crawl.warc.gz", data))
    assert [c.url for c in items] == ["https://a.example/1", "https://a.example/2"]
    assert items[0].fetched_at.isoformat() == "2026-11-04T10:00:00+00:00"
    assert items[0].meta["http_status"] == 200


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_truncated_warc_reports_the_record_and_keeps_what_came_before(tmp_path, name):
    data = b"".join(warc_record(f"https://a.example/{i}", make_html().encode(), i)
                    for i in range(3))
    if name.endswith(".gz"):
        last = len(warc_record("https://a.example/2", make_html().encode(), 2))
        cut = data[: len(data) - last // 2]  # half of the last gzip member is missing
    else:
        plain = gzip.decompress(data)
        cut = plain[: len(plain) - 500]
    path = write(tmp_path / name, cut)
    items = read_all(path)
    assert [c.url for c in items if isinstance(c, Capture)] == [
        "https://a.example/0", "https://a.example/1"]
    (error,) = only_errors(items)
    assert error.origin.startswith(f"{path} @ record 3")
    assert "truncated record" in error.reason


def test_bad_inputs_each_get_one_clear_reason(tmp_path):
    write(tmp_path / "binary.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    write(tmp_path / "latin.txt", "Caf\u00e9 society".encode("latin-1"))
    write(tmp_path / "empty.html", "   \n")
    write(tmp_path / "cut.html.gz", gzip.compress(make_html().encode())[:-30])
    write(tmp_path / "notgzip.txt.gz", b"plain text, not gzip")
    reasons = {e.origin.rsplit("/", 1)[-1]: e.reason for e in only_errors(read_all(tmp_path))}
    assert reasons == {
        "binary.html": "binary content, not text",
        "latin.txt": "not valid UTF-8: byte 0xe9 at offset 3",
        "empty.html": "empty file",
        "cut.html.gz": reasons["cut.html.gz"],
        "notgzip.txt.gz": reasons["notgzip.txt.gz"],
    }
    assert reasons["cut.html.gz"].startswith("truncated or corrupt gzip data")
    assert reasons["notgzip.txt.gz"].startswith("truncated or corrupt gzip data")


def test_oversized_page_is_refused_without_reading_it_all(tmp_path):
    page = make_html(paragraphs=["word " * 200] * 60_000)  # about 60 MB
    path = write(tmp_path / "huge.html", page)
    (error,) = read_all(path)
    assert isinstance(error, InputError)
    assert error.reason.startswith("file is larger than the 10,485,760-byte limit")


def test_declared_charset_is_honoured_and_a_lie_is_reported(tmp_path):
    body = ["Le caf\u00e9 du port a rouvert ses portes mardi apr\u00e8s trois mois de travaux."]
    page = make_html(title="Caf\u00e9 r\u00e9ouvert", paragraphs=body)
    write(tmp_path / "latin.html", page.replace("utf-8", "iso-8859-1").encode("latin-1"))
    write(tmp_path / "liar.html", page.encode("latin-1"))  # says UTF-8, is Latin-1
    items = {i.origin.rsplit("/", 1)[-1]: i for i in read_all(tmp_path)}
    assert isinstance(items["latin.html"], Capture)
    offset = page.index("\u00e9")
    assert items["liar.html"].reason == f"not valid UTF-8: byte 0xe9 at offset {offset}"


def test_named_paths_that_cannot_be_read(tmp_path):
    write(tmp_path / "report.pdf", b"%PDF-1.7")
    items = read_all(tmp_path / "report.pdf") + read_all(tmp_path / "missing.html")
    assert [e.reason.split(" (")[0] for e in items] == [
        "unsupported file type", "no such file or folder"]


def test_wrongly_typed_fields_are_named_with_their_type(tmp_path):
    good = {"id": "r1", "title": "Port strike", "text": "Workers walked out."}
    path = write(tmp_path / "typed.jsonl", jsonl([
        {**good, "text": 42}, {**good, "text": ["Workers", "walked", "out."]},
        {**good, "text": None, "html": {"p": "x"}}, {**good, "title": True},
        {**good, "outlet": ["Ledger"]}]))
    assert [str(e).split(": ", 1)[1] for e in only_errors(read_all(path))] == [
        "field 'text' must be a string, not a number (42)",
        "field 'text' must be a string, not a list",
        "field 'html' must be a string, not an object",
        "field 'title' must be a string, not true/false",
        "field 'outlet' must be a string, not a list",
    ]


def test_a_published_value_that_is_not_a_date_is_said_not_dropped(tmp_path, pipeline):
    from storywire.ingest import InputNotice

    good = {"title": "Port strike", "text": "Dock workers walked out on Tuesday morning."}
    path = write(tmp_path / "dates.jsonl", jsonl([
        {**good, "id": "a", "published": "2026-03-02T10:15:00Z"},
        {**good, "id": "b", "published": "soon, probably", "text": good["text"] + " Again."}]))
    items = read_all(path)
    notices = [i for i in items if isinstance(i, InputNotice)]
    assert [str(n) for n in notices] == [
        f"{path}:line 2: field 'published' is not a date: 'soon, probably'; stored without it "
        "(expected e.g. 2026-03-02T10:15:00Z or 'Mon, 02 Mar 2026 10:15 GMT')"]
    report = pipeline.ingest([str(path)])
    assert report.added == 2 and report.ok and len(report.notices) == 1


def test_a_fifo_is_an_error_naming_it_and_the_files_before_it_are_stored(tmp_path, pipeline):
    import os

    first = write(tmp_path / "in" / "a.html", make_html())
    fifo = tmp_path / "in" / "pipe.html"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    last = write(tmp_path / "z.html", make_html(title="Ferry fares to rise in January"))
    report = pipeline.ingest([str(first), str(fifo), str(last)])
    assert report.added == 2
    assert [str(e) for e in report.errors] == [
        f"{fifo}: a named pipe (FIFO), not a regular file: storywire reads only regular files"]
    walked = read_all(tmp_path / "in")  # met while walking a folder: said too
    assert [str(e) for e in only_errors(walked)] == [str(report.errors[0])]
