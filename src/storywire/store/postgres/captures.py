"""Raw captures, zlib-compressed into ``bytea`` so that every later stage can be re-run."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from typing import Any

from storywire.model import Capture, utcnow
from storywire.store.postgres.database import Database, _iso, _parse_iso

_CAPTURE_SELECT = "SELECT sha256, kind, origin, url, fetched_at, meta, raw FROM capture"


def _capture_from_row(row: tuple[Any, ...]) -> Capture:
    sha, kind, origin, url, fetched_at, meta, raw = row
    return Capture(raw=zlib.decompress(raw), kind=kind, origin=origin, url=url,
                   fetched_at=_parse_iso(fetched_at), meta=json.loads(meta), sha256=sha)


class CaptureTables(Database):
    """The ``capture`` table."""

    def capture_state(self, sha256: str) -> str | None:
        row = self._one(
            "SELECT c.error, a.id FROM capture c LEFT JOIN article a ON a.capture_sha256 = c.sha256"
            " WHERE c.sha256 = %s", (sha256,))
        if row is None:
            return None
        return "article" if row[1] else "failed"

    def put_capture(self, capture: Capture, error: str | None = None) -> None:
        self._execute(
            "INSERT INTO capture (sha256, kind, origin, url, fetched_at, meta, raw_size, raw,"
            " stored_at, error) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (sha256) DO UPDATE SET error = excluded.error",
            (capture.sha256, capture.kind, capture.origin, capture.url,
             _iso(capture.fetched_at), json.dumps(capture.meta, sort_keys=True),
             len(capture.raw), zlib.compress(capture.raw, 6), _iso(utcnow()), error))

    def get_capture(self, sha256: str) -> Capture | None:
        row = self._one(_CAPTURE_SELECT + " WHERE sha256 = %s", (sha256,))
        return _capture_from_row(row) if row else None

    def iter_captures(self) -> Iterator[Capture]:
        sql = _CAPTURE_SELECT.replace("SELECT ", "SELECT seq, ", 1) + " WHERE {after}"
        for row in self._stream(sql):
            yield _capture_from_row(row[1:])

    def capture_hashes(self) -> list[str]:
        return [r[0] for r in self._all("SELECT sha256 FROM capture ORDER BY seq")]

    def count_captures(self) -> int:
        return self._one("SELECT count(*) FROM capture")[0]
