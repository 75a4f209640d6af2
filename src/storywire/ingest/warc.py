"""WARC archives: every ``response`` record that carries an HTML page becomes a capture.

fastwarc does the reading (it handles .warc and .warc.gz, gzipped whole or per record as
Common Crawl and CC-NEWS write them). It does not complain when an archive is cut short, so
each block is checked against its declared Content-Length. The conventions of crawl
archives: ``request``, ``warcinfo``, ``metadata`` and ``revisit`` records are passed over;
a response's block starts with its HTTP headers; ``WARC-Target-URI`` is the page's URL and
``WARC-Date`` the capture's time (kept as ``meta["warc_date"]``, the publication date of
last resort); Common Crawl renames the encodings it undid (``X-Crawler-Content-Encoding``),
so only a ``Content-Encoding`` still present is undone, and it states the payload type it
identified (``WARC-Identified-Payload-Type``) when the server sent none.

Responses are numbered from 1 in file order; ``record_offsets`` lists where each one
starts, so that a range of them (a shard) can be read from its offset alone.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from storywire.ingest.errors import InputError
from storywire.model import Capture

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    stream: IO[bytes], name: str, max_bytes: int, tick: Callable[[int], None] | None = None,
    first: int = 1, count: int | None = None,
) -> Iterator[Capture | InputError]:
    """Captures from the responses of a WARC stream. ``first`` numbers the first response
    read (a stream placed at a later response's offset) and ``count`` stops after so many."""
    number = first - 1
    try:
        for record in ArchiveIterator(stream, record_types=WarcRecordType.response,
                                      parse_http=False):
            if count is not None and number - first + 1 >= count:
                return
            number += 1
            uri = record.headers.get("WARC-Target-URI") or ""
            origin = f"{name} @ record {number}" + (f" ({uri})" if uri else "")
            if tick:
                tick(record.stream_pos)
            declared = record.content_length
            if declared > max_bytes + 65536:
                yield InputError(origin, f"record is {declared:,} bytes, above the "
                                         f"{max_bytes:,}-byte limit")
                continue
            block = record.reader.read()
            if len(block) < declared:
                yield InputError(origin, f"truncated record: {len(block):,} of {declared:,} "
                                         "bytes present")
                return
            item = _http_capture(block, uri, record.headers.get("WARC-Date"), origin, max_bytes,
                                 record.headers.get("WARC-Identified-Payload-Type") or "")
            if item is not None:
                yield item
    except Exception as exc:  # fastwarc raises plain exceptions on corrupt streams
        yield InputError(f"{name} @ record {number + 1}", f"unreadable WARC data: {exc}")


def record_offsets(stream: IO[bytes]) -> list[int]:
    """Where each response record of a WARC stream starts (byte offsets, in file order)."""
    return [record.stream_pos for record in
            ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=False)]


def _http_capture(
    block: bytes, uri: str, warc_date: str | None, origin: str, max_bytes: int,
    identified_type: str = "",
) -> Capture | InputError | None:
    """A capture for a 200 HTML response; None for records that are not articles."""
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        return InputError(origin, "response record has no HTTP header block")
    lines = head.decode("iso-8859-1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return InputError(origin, f"bad HTTP status line {lines[0][:60]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    content_type = headers.get("content-type", "") or identified_type
    if status != 200 or not content_type.lower().startswith(HTML_TYPES):
        return None  # redirects, errors, images, robots.txt: not articles
    try:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = _dechunk(body)
        body = _decompress(body, headers.get("content-encoding", ""), max_bytes)
    except ValueError as exc:
        return InputError(origin, str(exc))
    fetched = None
    if warc_date:
        try:
            fetched = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
        except ValueError:
            fetched = None
    meta = {"http_status": status, "content_type": content_type}
    if fetched is not None:
        meta["warc_date"] = fetched.isoformat()
    return Capture(raw=body, kind="html", origin=origin, url=uri or None, fetched_at=fetched,
                   meta=meta)


_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")


def _dechunk(body: bytes) -> bytes:
    """Undo chunked transfer encoding; every step moves forward, so it always ends."""
    out, pos = bytearray(), 0
    while True:
        end = body.find(b"\r\n", pos)
        if end < 0:
            raise ValueError("truncated chunked transfer encoding")
        field = body[pos:end].split(b";")[0].strip() or b"0"
        if not _CHUNK_SIZE.fullmatch(field):
            raise ValueError(f"bad chunk size {field[:20]!r} in chunked transfer encoding")
        size = int(field, 16)
        if size == 0:
            return bytes(out)
        out += body[end + 2:end + 2 + size]
        pos = end + 2 + size + 2


def _decompress(body: bytes, encoding: str, max_bytes: int) -> bytes:
    encoding = encoding.lower().strip()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ValueError(f"unsupported Content-Encoding {encoding!r}")
    wbits = 31 if "gzip" in encoding else 15
    try:
        inflater = zlib.decompressobj(wbits)
        data = inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise ValueError(f"bad {encoding} body: {exc}") from exc
    if len(data) > max_bytes:
        raise ValueError(f"decompressed body is above the {max_bytes:,}-byte limit")
    return data

