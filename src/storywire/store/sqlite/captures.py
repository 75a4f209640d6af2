"""Raw captures, zlib-compressed so that every later stage can be re-run."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator
from typing import Any

from storywire.model import Capture, utcnow
from storywire.store.sqlite.database import Database, _iso, _parse_iso


class CaptureTables(Database):
    """The ``capture`` table."""

    def capture_state(self, sha256: str) -> str | None:
        row = self._db.execute(
            "SELECT c.error, a.id FROM capture c LEFT JOIN article a ON a.capture_sha256 = c.sha256"
            " WHERE c.sha256 = ?",
            (sha256,),
        ).fetchone()
        if row is None:
            return None
        return "article" if row[1] else "failed"

    def put_capture(self, capture: Capture, error: str | None = None) -> None:
        self._db.execute(
            "INSERT INTO capture (sha256, kind, origin, url, fetched_at, meta, raw_size, raw,"
            " stored_at, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(sha256) DO UPDATE SET error = excluded.error",
            (
                capture.sha256, capture.kind, capture.origin, capture.url,
                _iso(capture.fetched_at), json.dumps(capture.meta, sort_keys=True),
                len(capture.raw), zlib.compress(capture.raw, 6), _iso(utcnow()), error,
            ),
        )

    def _capture_from_row(self, row: sqlite3.Row | tuple[Any, ...]) -> Capture:
        sha, kind, origin, url, fetched_at, meta, raw = row
        return Capture(
            raw=zlib.decompress(raw), kind=kind, origin=origin, url=url,
            fetched_at=_parse_iso(fetched_at), meta=json.loads(meta), sha256=sha,
        )

    _CAPTURE_SELECT = "SELECT sha256, kind, origin, url, fetched_at, meta, raw FROM capture"

    def get_capture(self, sha256: str) -> Capture | None:
        row = self._db.execute(self._CAPTURE_SELECT + " WHERE sha256 = ?", (sha256,)).fetchone()
        return self._capture_from_row(row) if row else None

    def iter_captures(self) -> Iterator[Capture]:
        # A separate cursor over rowid order keeps memory flat on large stores.
        for row in self._db.execute(self._CAPTURE_SELECT + " ORDER BY rowid"):
            yield self._capture_from_row(row)

    def capture_hashes(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT sha256 FROM capture ORDER BY rowid")]

    def count_captures(self) -> int:
        return self._db.execute("SELECT count(*) FROM capture").fetchone()[0]

