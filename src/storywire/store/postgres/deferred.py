"""Deferred work: what a run owes the store, kept in the store until it is done."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from storywire.store.postgres.database import Database


class DeferredTables(Database):
    """The ``deferred`` table: (kind, key) rows with a JSON payload, in the order owed."""

    def owe(self, kind: str, items: Sequence[tuple[str, dict[str, Any]]]) -> None:
        self._executemany(
            "INSERT INTO deferred (kind, key, payload) VALUES (%s, %s, %s)"
            " ON CONFLICT (kind, key) DO UPDATE SET payload = excluded.payload",
            [(kind, key, json.dumps(payload, ensure_ascii=False, sort_keys=True))
             for key, payload in items])

    def owed(self, kind: str, limit: int | None = None) -> list[tuple[str, dict[str, Any]]]:
        return [(key, json.loads(payload)) for key, payload in self._all(
            "SELECT key, payload FROM deferred WHERE kind = %s ORDER BY seq LIMIT %s",
            (kind, limit))]

    def settle(self, kind: str, keys: Sequence[str]) -> set[str]:
        if not keys:
            return set()
        return {row[0] for row in self._all(
            "DELETE FROM deferred WHERE kind = %s AND key = ANY(%s) RETURNING key",
            (kind, list(keys)))}

    def owed_counts(self) -> dict[str, int]:
        return dict(self._all("SELECT kind, count(*) FROM deferred GROUP BY kind"))
