"""WARC archives as Common Crawl's news archive (CC-NEWS) writes them: every record its own
gzip member, request and warcinfo records beside the responses, HTTP headers in the
response block, the encodings the crawler undid renamed to ``X-Crawler-*``."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

from storywire.ingest import discover, read_file
from storywire.ingest.warc import read_warc, record_offsets
from storywire.ingest.warc_write import Exchange, record, write_warc
from storywire.model import Capture

from conftest import shared_data

PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Port Aldane dockworkers walk out over pay</title></head><body><article>
<h1>Port Aldane dockworkers walk out over pay</h1>
<p>Dockworkers at Port Aldane walked off the job on Tuesday after talks over a new pay deal
collapsed, leaving container ships queuing outside the harbour for the first time in a
decade.</p>
<p>The union said its members had rejected an offer of a 3 percent rise, well below the
rate of inflation, and would stay out until the port authority returned with a better
one.</p>
<p>The port authority said it regretted the strike and that its offer was fair. Freight
companies warned that shelves could empty within a week if the dispute dragged on.</p>
</article></body></html>"""


def read(path) -> list:
    files, errors = discover([str(path)])
    assert not errors
    return list(read_file(files[0]))


def test_only_responses_become_captures_with_url_and_date(tmp_path):
    path = tmp_path / "CC-NEWS-20261104.warc.gz"
    write_warc(path, [Exchange("https://www.ledger.example/port-strike", PAGE,
                               date="2026-11-04T09:15:02Z")])
    data = path.read_bytes()
    # warcinfo, request, response: three gzip members, read by one pass.
    assert data.count(b"\x1f\x8b\x08\x00\x00\x00\x00\x00") == 3
    (capture,) = read(path)
    assert isinstance(capture, Capture)
    assert capture.url == "https://www.ledger.example/port-strike"
    assert capture.fetched_at == datetime(2026, 11, 4, 9, 15, 2, tzinfo=UTC)
    assert capture.meta["warc_date"] == "2026-11-04T09:15:02+00:00"
    assert capture.raw == PAGE
    assert capture.origin.endswith("@ record 1 (https://www.ledger.example/port-strike)")


def test_metadata_and_revisit_records_are_passed_over(tmp_path):
    path = tmp_path / "mixed.warc.gz"
    write_warc(path, [Exchange("https://www.ledger.example/a", PAGE)])
    extra = record([("WARC-Type", "metadata"), ("WARC-Target-URI", "https://x.example/"),
                    ("WARC-Date", "2026-11-04T10:00:00Z"),
                    ("Content-Type", "application/warc-fields")], b"fetchTimeMs: 120\r\n")
    revisit = record([("WARC-Type", "revisit"), ("WARC-Target-URI", "https://x.example/"),
                      ("WARC-Date", "2026-11-04T10:00:01Z"),
                      ("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/"
                                       "identical-payload-digest")],
                     b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
    path.write_bytes(path.read_bytes() + extra + revisit)
    assert [c.url for c in read(path)] == ["https://www.ledger.example/a"]


def test_encodings_the_crawler_undid_are_not_undone_again(tmp_path):
    path = tmp_path / "encodings.warc.gz"
    write_warc(path, [
        # Common Crawl stores the inflated payload and renames the header.
        Exchange("https://www.ledger.example/renamed", PAGE, http_headers=(
            ("X-Crawler-Content-Encoding", "gzip"),
            ("X-Crawler-Transfer-Encoding", "chunked"))),
        # A payload kept as the server sent it is inflated here.
        Exchange("https://www.ledger.example/kept", gzip.compress(PAGE),
                 http_headers=(("Content-Encoding", "gzip"),)),
    ])
    assert [c.raw for c in read(path)] == [PAGE, PAGE]


def test_identified_payload_type_stands_in_for_a_missing_content_type(tmp_path):
    path = tmp_path / "types.warc.gz"
    write_warc(path, [
        Exchange("https://www.ledger.example/untyped", PAGE, content_type=None,
                 payload_type="text/html"),
        Exchange("https://www.ledger.example/image", b"\x89PNG\r\n", content_type=None,
                 payload_type="image/png"),
        Exchange("https://www.ledger.example/robots.txt", b"User-agent: *\n",
                 content_type="text/plain"),
    ])
    assert [c.url for c in read(path)] == ["https://www.ledger.example/untyped"]


def test_warc_date_is_the_publication_date_of_last_resort(tmp_path, pipeline):
    dated = PAGE.replace(b"</title>", b'</title><meta property="article:published_time" '
                                      b'content="2026-11-03T07:30:00+00:00">')
    path = tmp_path / "dates.warc.gz"
    write_warc(path, [
        Exchange("https://www.ledger.example/undated", PAGE, date="2026-11-04T09:15:02Z"),
        Exchange("https://www.ledger.example/dated", dated, date="2026-11-04T09:15:02Z"),
        Exchange("https://www.ledger.example/2026/10/30/in-the-url",
                 PAGE.replace(b"pay</h1>", b"pay again</h1>"), date="2026-11-04T09:15:02Z"),
    ])
    pipeline.ingest([str(path)])
    published = {a.url: a.published for a in pipeline.store.iter_articles()}
    assert published["https://www.ledger.example/undated"] == datetime(
        2026, 11, 4, 9, 15, 2, tzinfo=UTC)
    assert published["https://www.ledger.example/dated"] == datetime(
        2026, 11, 3, 7, 30, tzinfo=UTC)
    assert published["https://www.ledger.example/2026/10/30/in-the-url"].date().isoformat() \
        == "2026-10-30"


def test_a_range_of_responses_reads_from_its_offset_alone(tmp_path):
    folder = shared_data("readability-pages")
    pages = [Exchange(f"https://www.{p.parent.name}.example/", gzip.decompress(p.read_bytes()))
             for p in sorted(folder.glob("*/source.html.gz"))[:12]]
    path = tmp_path / "pages.warc.gz"
    write_warc(path, pages)
    with open(path, "rb") as handle:
        whole = [(c.origin, c.sha256) for c in read_warc(handle, str(path), 10**7)]
        handle.seek(0)
        offsets = record_offsets(handle)
    assert len(offsets) == 12
    pieces = []
    for first in range(0, 12, 5):
        with open(path, "rb") as handle:
            handle.seek(offsets[first])
            pieces += [(c.origin, c.sha256) for c in
                       read_warc(handle, str(path), 10**7, first=first + 1, count=5)]
    assert pieces == whole
