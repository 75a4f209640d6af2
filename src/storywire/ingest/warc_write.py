"""Write pages as a WARC file in the layout of Common Crawl's news archive (CC-NEWS).

Each record is its own gzip member; the file opens with a ``warcinfo`` record, and each
page is a ``request`` record followed by its ``response``, whose block is the HTTP status
line, headers and body. Used to make archives of known pages, so that an ingest of the
archive can be compared with an ingest of the pages, and to benchmark archive reading.
Pure standard library, byte for byte the same on every run (gzip mtime 0, record ids
derived from the content).
"""

from __future__ import annotations

import hashlib
import struct
import uuid
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_NAMESPACE = uuid.UUID("0e7e1c1a-6f37-4a51-9a1b-8d3c1d2f6b55")


@dataclass(frozen=True)
class Exchange:
    """One fetched page: what the request asked for and what the server answered."""

    url: str
    body: bytes
    date: str = "2026-11-04T12:00:00Z"  # WARC-Date
    status: str = "200 OK"
    content_type: str | None = "text/html; charset=utf-8"  # None: the server sent none
    http_headers: tuple[tuple[str, str], ...] = ()  # further response headers
    payload_type: str | None = None  # WARC-Identified-Payload-Type


def gzip_member(data: bytes) -> bytes:
    """One gzip member with a fixed header (mtime 0), so the output is deterministic."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    body = deflate.compress(data) + deflate.flush()
    trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF)
    return b"\x1f\x8b\x08\x00" + struct.pack("<I", 0) + b"\x02\xff" + body + trailer


def record(headers: list[tuple[str, str]], block: bytes) -> bytes:
    """One WARC record, gzipped on its own."""
    lines = ["WARC/1.0", *(f"{k}: {v}" for k, v in headers), f"Content-Length: {len(block)}"]
    return gzip_member(("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n")


def _id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(_NAMESPACE, '|'.join(parts))}>"


def exchange_records(page: Exchange, info_id: str) -> bytes:
    """The request and response records of one page."""
    host = page.url.split("/")[2]
    path = "/" + page.url.split("/", 3)[3] if page.url.count("/") >= 3 else "/"
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: CCBot/2.0\r\n"
               "Accept: text/html\r\n\r\n").encode()
    head = [f"HTTP/1.1 {page.status}"]
    if page.content_type is not None:
        head.append(f"Content-Type: {page.content_type}")
    head += [f"{k}: {v}" for k, v in page.http_headers]
    response = ("\r\n".join(head) + "\r\n\r\n").encode() + page.body
    digest = hashlib.sha1(page.body).hexdigest()
    response_id = _id("response", page.url, page.date, digest)
    common = [("WARC-Target-URI", page.url), ("WARC-Date", page.date),
              ("WARC-Warcinfo-ID", info_id)]
    response_headers = [("WARC-Type", "response"), ("WARC-Record-ID", response_id), *common,
                        ("Content-Type", "application/http; msgtype=response")]
    if page.payload_type:
        response_headers.append(("WARC-Identified-Payload-Type", page.payload_type))
    return (record([("WARC-Type", "request"), ("WARC-Record-ID", _id("request", response_id)),
                    *common, ("WARC-Concurrent-To", response_id),
                    ("Content-Type", "application/http; msgtype=request")], request)
            + record(response_headers, response))


def write_warc(path: str | Path, pages: Iterable[Exchange]) -> int:
    """Write the pages, in order, as a per-record gzipped WARC file; returns its size."""
    name = Path(path).name
    info_id = _id("warcinfo", name)
    chunks = [record([("WARC-Type", "warcinfo"), ("WARC-Date", "2026-11-04T00:00:00Z"),
                      ("WARC-Record-ID", info_id), ("WARC-Filename", name),
                      ("Content-Type", "application/warc-fields")],
                     b"software: storywire\r\nformat: WARC File Format 1.0\r\n")]
    chunks += [exchange_records(page, info_id) for page in pages]
    data = b"".join(chunks)
    Path(path).write_bytes(data)
    return len(data)
