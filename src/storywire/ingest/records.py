"""JSON Lines and JSON arrays of article records.

A record is one JSON object carrying ``text`` or ``html`` and optionally ``id``, ``url``,
``title``, ``outlet``, ``published``, ``authors``, ``language``. Each valid record becomes a
capture whose raw bytes are the record itself, so re-extraction needs nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from storywire.extract.dates import parse_date
from storywire.ingest.errors import InputError, InputNotice
from storywire.model import Capture

RECORD_FIELDS = ("id", "url", "title", "text", "html", "outlet", "published", "authors",
                 "language")


def validate_record(obj: Any) -> str | None:
    """Why a parsed JSON value is not a usable article record, or None if it is."""
    if not isinstance(obj, dict):
        return f"expected a JSON object, got {type(obj).__name__}"
    for name in ("text", "html"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            return f"field {name!r} must be a string, not {_json_kind(value)}"
    body = obj.get("text") or obj.get("html")
    if not body or not body.strip():
        return "record has no non-empty 'text' or 'html' field"
    for name in ("id", "url", "title", "outlet", "published", "language"):
        if obj.get(name) is not None and (isinstance(obj[name], bool)
                                          or not isinstance(obj[name], (str, int))):
            return f"field {name!r} must be a string, not {_json_kind(obj[name])}"
    return None


def record_notice(obj: dict[str, Any], origin: str) -> InputNotice | None:
    """What a usable record loses on the way in, said aloud: a ``published`` value that is
    not a date is stored without it (the date may still come from the text)."""
    published = obj.get("published")
    if published in (None, "") or parse_date(published) is not None:
        return None
    shown = str(published) if len(str(published)) <= 40 else str(published)[:40] + "…"
    return InputNotice(origin, f"field 'published' is not a date: {shown!r}; stored without "
                       "it (expected e.g. 2026-03-02T10:15:00Z or 'Mon, 02 Mar 2026 10:15 GMT')")
    authors = obj.get("authors")
    if authors is not None and not isinstance(authors, (str, list)):
        return "field 'authors' must be a list of names or a string"
    return None


def _json_kind(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return {list: "a list", dict: "an object", str: "a string"}.get(type(value), "null")


def _record_capture(obj: dict[str, Any], raw: bytes, origin: str) -> Capture:
    url = obj.get("url")
    return Capture(raw=raw, kind="record", origin=origin, url=url if isinstance(url, str) else None)


def read_jsonl(
    stream: IO[bytes], name: str, max_bytes: int, tick: Callable[[], None] | None = None
) -> Iterator[Capture | InputError | InputNotice]:
    """One record per line; blank lines are ignored; a bad line is reported and skipped."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        origin = f"{name}:line {number}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # Skip the rest of the oversized line without holding it in memory.
            while (chunk := stream.readline(1 << 20)) and not chunk.endswith(b"\n"):
                pass
            yield InputError(origin, f"record is larger than the {max_bytes:,}-byte limit")
            continue
        if tick:
            tick()
        line = line.strip()
        if not line:
            continue
        obj, problem = _parse(line, with_line=False)
        problem = problem or validate_record(obj)
        if problem:
            yield InputError(origin, problem)
            continue
        yield _record_capture(obj, line, origin)
        if notice := record_notice(obj, origin):
            yield notice


def _parse(raw: bytes, with_line: bool) -> tuple[Any, str | None]:
    """(value, None), or (None, why the bytes are not JSON)."""
    try:
        return json.loads(raw), None
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8: {exc.reason} at offset {exc.start}"
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if with_line else f"column {exc.colno}"
        return None, f"malformed JSON: {exc.msg} ({where})"


def read_json_document(raw: bytes, name: str) -> Iterator[Capture | InputError | InputNotice]:
    """A JSON file holding one record or an array of records."""
    doc, problem = _parse(raw, with_line=True)
    if problem:
        yield InputError(name, problem)
        return
    items = doc if isinstance(doc, list) else [doc]
    for index, obj in enumerate(items, 1):
        origin = f"{name} [item {index}]" if isinstance(doc, list) else name
        problem = validate_record(obj)
        if problem:
            yield InputError(origin, problem)
            continue
        encoded = json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8")
        yield _record_capture(obj, encoded, origin)
        if notice := record_notice(obj, origin):
            yield notice
