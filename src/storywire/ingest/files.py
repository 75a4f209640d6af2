"""Files and folders in, captures (or precise errors) out.

The file's name says its format: .html/.htm, .txt, .jsonl/.ndjson, .json, .warc — each may
also be gzipped (.gz). Folders are walked recursively in sorted order, so a re-run sees the
same inputs in the same order.
"""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from storywire.ingest.decode import DecodeError, decode_html, decode_text, looks_binary
from storywire.ingest.errors import InputError, InputNotice
from storywire.ingest.records import read_json_document, read_jsonl
from storywire.ingest.warc import read_warc
from storywire.model import Capture

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_FORMATS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".warc": "warc",
}


@dataclass(frozen=True)
class InputFile:
    path: Path
    format: str  # html | text | jsonl | json | warc
    gzipped: bool
    size: int


def file_format(path: Path) -> tuple[str, bool] | None:
    """(format, gzipped) from the file name, or None when storywire does not read it."""
    suffixes = [s.lower() for s in path.suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes = suffixes[:-1]
    if not suffixes or suffixes[-1] not in _FORMATS:
        return None
    return _FORMATS[suffixes[-1]], gzipped


def discover(paths: Iterable[str | Path]) -> tuple[list[InputFile], list[InputError]]:
    """Every readable input under ``paths``; named files of unknown type are errors,
    unknown files met while walking a folder are passed over quietly."""
    found: list[InputFile] = []
    errors: list[InputError] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            errors.append(InputError(str(path), "no such file or folder"))
            continue
        candidates = sorted(p for p in path.rglob("*") if not p.is_dir()) \
            if path.is_dir() else [path]
        for candidate in candidates:
            fmt = file_format(candidate)
            if fmt is not None or not path.is_dir():
                special = _not_regular(candidate)
                if special:
                    errors.append(InputError(str(candidate), special))
                    continue
            if fmt is None:
                if not path.is_dir():
                    errors.append(InputError(str(candidate), "unsupported file type (expected "
                                             ".html, .htm, .txt, .jsonl, .json or .warc, "
                                             "optionally .gz)"))
                continue
            resolved = candidate.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            found.append(InputFile(candidate, fmt[0], fmt[1], candidate.stat().st_size))
    return found, errors


def _not_regular(path: Path) -> str | None:
    """Why ``path`` is not a regular file to read (a FIFO would block the ingest forever
    waiting for a writer), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else
            "a socket" if stat.S_ISSOCK(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"{kind}, not a regular file: storywire reads only regular files"


def _open_regular(path: Path) -> IO[bytes]:
    """Open for reading without ever blocking on a FIFO that appeared after discovery."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(0, "no longer a regular file")
    return os.fdopen(fd, "rb")


def read_file(
    item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES,
    tick: Callable[[int], None] | None = None,
) -> Iterator[Capture | InputError | InputNotice]:
    """Captures from one file; any problem becomes an InputError naming the file (and record)."""
    name = str(item.path)
    try:
        with _open_regular(item.path) as handle:
            if item.format == "warc":
                # fastwarc detects and inflates gzip members itself.
                yield from read_warc(handle, name, max_bytes, tick)
                return
            stream: IO[bytes] = gzip.GzipFile(fileobj=handle) if item.gzipped else handle
            if item.format == "jsonl":
                yield from read_jsonl(stream, name, max_bytes,
                                      (lambda: tick(handle.tell())) if tick else None)
                return
            raw = stream.read(max_bytes + 1)
            if len(raw) > max_bytes:
                size = item.size if not item.gzipped else None
                detail = f" ({size:,} bytes)" if size else ""
                yield InputError(name, f"file is larger than the {max_bytes:,}-byte limit{detail}")
                return
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield InputError(name, f"truncated or corrupt gzip data: {exc}")
        return
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
        return
    if item.format == "json":
        yield from read_json_document(raw, name)
        return
    problem = check_text_bytes(raw, item.format)
    if problem:
        yield InputError(name, problem)
        return
    yield Capture(raw=raw, kind=item.format, origin=name)


def check_text_bytes(raw: bytes, kind: str) -> str | None:
    """Why the bytes of an HTML page or text article cannot be an article, or None."""
    if not raw.strip():
        return "empty file"
    if looks_binary(raw):
        return "binary content, not text"
    try:
        text = decode_html(raw) if kind == "html" else decode_text(raw)
    except DecodeError as exc:
        return str(exc)
    if not text.strip():
        return "empty file"
    return None
