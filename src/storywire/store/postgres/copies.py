"""The copy index (fingerprints, LSH band keys) and the articles' copy links."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from storywire.model import Article
from storywire.store.postgres.database import _SELECT_ARTICLE, Database, _article_from_row


class CopyTables(Database):
    """The ``copy_meta``, ``copy_fingerprint`` and ``copy_band`` tables."""

    def copy_scheme(self) -> str | None:
        row = self._one("SELECT value FROM copy_meta WHERE key = 'scheme'")
        return row[0] if row else None

    def set_copy_scheme(self, scheme: str) -> None:
        self._execute("INSERT INTO copy_meta (key, value) VALUES ('scheme', %s)"
                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (scheme,))

    def put_copy_keys(self, article_id: str, exact: str, keys: Sequence[int],
                      signature: bytes = b"") -> None:
        fid = self._one(
            "INSERT INTO copy_fingerprint (article_id, exact_hash, terms) VALUES (%s, %s, %s)"
            " ON CONFLICT (article_id) DO UPDATE SET exact_hash = excluded.exact_hash,"
            " terms = excluded.terms RETURNING fid",
            (article_id, bytes.fromhex(exact), signature))[0]
        if keys:
            self._execute("INSERT INTO copy_band (band_key, fid) SELECT k, %s FROM unnest(%s)"
                          " k ON CONFLICT DO NOTHING", (fid, [int(k) for k in keys]))

    def delete_copy_keys(self, article_id: str, keys: Sequence[int]) -> None:
        self._execute(
            "DELETE FROM copy_band WHERE band_key = ANY(%s) AND fid ="
            " (SELECT fid FROM copy_fingerprint WHERE article_id = %s)",
            ([int(k) for k in keys], article_id))

    def copy_signatures(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        return {article_id: bytes(terms) for article_id, terms in self._all(
            "SELECT article_id, terms FROM copy_fingerprint WHERE article_id = ANY(%s)"
            " AND length(terms) > 0", (list(article_ids),))}

    def exact_matches(self, exact: str, limit: int) -> list[str]:
        return [r[0] for r in self._all(
            "SELECT article_id FROM copy_fingerprint WHERE exact_hash = %s ORDER BY fid LIMIT %s",
            (bytes.fromhex(exact), limit))]

    def band_matches(self, keys: Sequence[int], limit: int,
                     per_key: int | None = None) -> list[tuple[str, int]]:
        if not keys:
            return []
        keys = [int(k) for k in keys]
        if per_key is None:
            hits = self._all(
                "SELECT b.fid, count(*) AS n FROM unnest(%s::bigint[]) k(key)"
                " JOIN copy_band b ON b.band_key = k.key GROUP BY b.fid", (keys,))
        else:  # one bounded index range read per key (a LATERAL join), newest first
            hits = self._all(
                "SELECT b.fid, count(*) AS n FROM unnest(%s::bigint[]) k(key),"
                " LATERAL (SELECT fid FROM copy_band WHERE band_key = k.key"
                " ORDER BY fid DESC LIMIT %s) b GROUP BY b.fid", (keys, per_key))
        best = sorted(hits, key=lambda item: (-item[1], item[0]))[:limit]
        if not best:
            return []
        ids = dict(self._all("SELECT fid, article_id FROM copy_fingerprint WHERE fid = ANY(%s)",
                             ([fid for fid, _ in best],)))
        return [(ids[fid], count) for fid, count in best if fid in ids]

    def set_copy(self, article_id: str, copy_of: str | None, kind: str | None,
                 evidence: dict[str, Any] | None) -> None:
        self._execute(
            "UPDATE article SET copy_of = %s, copy_kind = %s, copy_evidence = %s WHERE id = %s",
            (copy_of, kind, json.dumps(evidence, ensure_ascii=False) if evidence else None,
             article_id))

    def copies_of(self, article_id: str) -> list[Article]:
        return [_article_from_row(r) for r in self._all(
            _SELECT_ARTICLE + " WHERE a.copy_of = %s ORDER BY a.seq", (article_id,))]

    def reset_copies(self) -> None:
        self._execute("DELETE FROM copy_band")
        self._execute("DELETE FROM copy_fingerprint")
        self._execute("DELETE FROM copy_meta WHERE key = 'scheme'")
        self._execute("UPDATE article SET copy_of = NULL, copy_kind = NULL,"
                      " copy_evidence = NULL WHERE copy_of IS NOT NULL"
                      " OR copy_evidence IS NOT NULL")

    def copy_index_size(self) -> dict[str, int]:
        fingerprints, bands, size = self._one(
            "SELECT (SELECT count(*) FROM copy_fingerprint), (SELECT count(*) FROM copy_band),"
            " pg_total_relation_size('copy_fingerprint') + pg_total_relation_size('copy_band')")
        return {"fingerprints": fingerprints, "band_keys": bands, "bytes": int(size)}
