"""The copy index (fingerprints, LSH band keys) and the articles' copy links."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from storywire.model import Article
from storywire.store.sqlite.database import _SELECT_ARTICLE, Database, _article_from_row


class CopyTables(Database):
    """The ``copy_meta``, ``copy_fingerprint`` and ``copy_band`` tables."""

    def copy_scheme(self) -> str | None:
        row = self._db.execute("SELECT value FROM copy_meta WHERE key = 'scheme'").fetchone()
        return row[0] if row else None

    def set_copy_scheme(self, scheme: str) -> None:
        self.write("INSERT INTO copy_meta (key, value) VALUES ('scheme', ?)"
                   " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (scheme,))

    def _fid(self, article_id: str) -> int | None:
        row = self._db.execute("SELECT fid FROM copy_fingerprint WHERE article_id = ?",
                               (article_id,)).fetchone()
        return row[0] if row else None

    def put_copy_keys(self, article_id: str, exact: str, keys: Sequence[int],
                      signature: bytes = b"") -> None:
        self._db.execute(
            "INSERT INTO copy_fingerprint (article_id, exact_hash, terms) VALUES (?, ?, ?)"
            " ON CONFLICT(article_id) DO UPDATE SET exact_hash = excluded.exact_hash,"
            " terms = excluded.terms",
            (article_id, bytes.fromhex(exact), signature))
        fid = self._fid(article_id)
        self._db.executemany("INSERT OR IGNORE INTO copy_band (band_key, fid) VALUES (?, ?)",
                             [(key, fid) for key in keys])

    def delete_copy_keys(self, article_id: str, keys: Sequence[int]) -> None:
        fid = self._fid(article_id)
        if fid is not None:
            self._db.executemany("DELETE FROM copy_band WHERE band_key = ? AND fid = ?",
                                 [(key, fid) for key in keys])

    def copy_signatures(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        return dict(self._in_chunks(
            "SELECT article_id, terms FROM copy_fingerprint WHERE article_id IN ({in})"
            " AND length(terms) > 0", article_ids))

    def exact_matches(self, exact: str, limit: int) -> list[str]:
        return [r[0] for r in self._db.execute(
            "SELECT article_id FROM copy_fingerprint WHERE exact_hash = ? ORDER BY fid LIMIT ?",
            (bytes.fromhex(exact), limit))]

    def band_matches(self, keys: Sequence[int], limit: int,
                     per_key: int | None = None) -> list[tuple[str, int]]:
        if not keys:
            return []
        hits: dict[int, int] = {}
        if per_key is None:
            for fid, count in self._in_chunks(
                    "SELECT fid, count(*) FROM copy_band WHERE band_key IN ({in}) GROUP BY fid",
                    keys):
                hits[fid] = hits.get(fid, 0) + count
        else:  # one compound statement of bounded range reads (SQLite allows 500 terms)
            keys = list(keys)
            one = "SELECT * FROM (SELECT fid FROM copy_band WHERE band_key = ? " \
                  "ORDER BY fid DESC LIMIT ?)"
            for start in range(0, len(keys), 200):
                chunk = keys[start:start + 200]
                sql = " UNION ALL ".join([one] * len(chunk))
                for (fid,) in self._db.execute(sql, [v for k in chunk for v in (k, per_key)]):
                    hits[fid] = hits.get(fid, 0) + 1
        best = sorted(hits.items(), key=lambda item: (-item[1], item[0]))[:limit]
        if not best:
            return []
        ids = dict(self._db.execute(
            "SELECT fid, article_id FROM copy_fingerprint WHERE fid IN "
            f"({', '.join('?' for _ in best)})", [fid for fid, _ in best]).fetchall())
        return [(ids[fid], count) for fid, count in best if fid in ids]

    def set_copy(self, article_id: str, copy_of: str | None, kind: str | None,
                 evidence: dict[str, Any] | None) -> None:
        self._db.execute(
            "UPDATE article SET copy_of = ?, copy_kind = ?, copy_evidence = ? WHERE id = ?",
            (copy_of, kind, json.dumps(evidence, ensure_ascii=False) if evidence else None,
             article_id))

    def copies_of(self, article_id: str) -> list[Article]:
        return [_article_from_row(r) for r in self._db.execute(
            _SELECT_ARTICLE + " WHERE a.copy_of = ? ORDER BY a.rowid", (article_id,))]

    def reset_copies(self) -> None:
        self._db.execute("DELETE FROM copy_band")
        self._db.execute("DELETE FROM copy_fingerprint")
        self._db.execute("DELETE FROM copy_meta WHERE key = 'scheme'")
        self._db.execute("UPDATE article SET copy_of = NULL, copy_kind = NULL,"
                         " copy_evidence = NULL WHERE copy_of IS NOT NULL"
                         " OR copy_evidence IS NOT NULL")

    def copy_index_size(self) -> dict[str, int]:
        sizes = {
            "fingerprints": self._db.execute(
                "SELECT count(*) FROM copy_fingerprint").fetchone()[0],
            "band_keys": self._db.execute("SELECT count(*) FROM copy_band").fetchone()[0],
        }
        try:
            rows = self._db.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name IN ('copy_fingerprint', 'copy_band',"
                " 'copy_fingerprint_exact', 'sqlite_autoindex_copy_fingerprint_1')").fetchone()
            sizes["bytes"] = int(rows[0] or 0)
        except sqlite3.OperationalError:  # SQLite built without the dbstat table
            pass
        return sizes

