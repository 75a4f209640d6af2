"""Deferred work: what a run owes the store, kept in the store until it is done."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from storywire.store.sqlite.database import Database


class DeferredTables(Database):
    """The ``deferred`` table: (kind, key) rows with a JSON payload, in the order owed."""

    def owe(self, kind: str, items: Sequence[tuple[str, dict[str, Any]]]) -> None:
        self._db.executemany(
            "INSERT INTO deferred (kind, key, payload) VALUES (?, ?, ?)"
            " ON CONFLICT(kind, key) DO UPDATE SET payload = excluded.payload",
            [(kind, key, json.dumps(payload, ensure_ascii=False, sort_keys=True))
             for key, payload in items])

    def owed(self, kind: str, limit: int | None = None) -> list[tuple[str, dict[str, Any]]]:
        return [(key, json.loads(payload)) for key, payload in self._db.execute(
            "SELECT key, payload FROM deferred WHERE kind = ? ORDER BY seq LIMIT ?",
            (kind, -1 if limit is None else limit))]

    def settle(self, kind: str, keys: Sequence[str]) -> set[str]:
        settled = set()
        for key in keys:
            if self._db.execute("DELETE FROM deferred WHERE kind = ? AND key = ?",
                                (kind, key)).rowcount:
                settled.add(key)
        return settled

    def owed_counts(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT kind, count(*) FROM deferred GROUP BY kind"))
