"""Copy candidates for a whole archive: an LSH band join on Dask, judged by the copy stage.

The band keys are the copy stage's own (``copies.fingerprint``), computed on the cluster
from the text the rules left. The join groups the postings (band key, article) by key — a
shuffle whose size is the number of postings, about 84 keys per article — and pairs each
article with the articles before it under the same key, at most ``postings_per_key`` of
them (the newest), as the copy stage reads its band index. A pair found only by the
content-term route is kept when the term signatures agree on ``min_estimate``, as the copy
stage keeps it. Each pair is then judged by ``copies.detect.compare``, the copy stage's
judgement, the later article as the new one.

The verified pairs (``copies/pairs-*.parquet``) are what the archive holds, pair by pair;
the copy links stored by the writer are the copy stage's own, made in input order (copies
point at the root of their tree), so the report says how many of the stored links the join
found as well.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from storywire.copies.detect import compare, features
from storywire.copies.fingerprint import signature_similarity
from storywire.copies.link import CopyOptions
from storywire.model import Article

Posting = tuple[int, tuple[int, int], str, str]  # (band key, (shard, seq), article id, route)
Pair = tuple[str, str]  # (earlier article id, later article id)

_ARTICLE_COLUMNS = ["shard", "seq", "article_id", "sha256", "origin", "url", "canonical_url",
                    "outlet", "published", "language", "title", "text", "removed",
                    "term_signature"]


@dataclass
class JoinReport:
    postings: int = 0
    candidates: int = 0
    verified: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def band_join(files: list[Path], options: CopyOptions, out_dir: Path,
              partitions: int) -> JoinReport:
    """Find and judge the copy candidates among the prepared articles in ``files``; runs on
    the Dask client in use (a distributed one when a backfill started it)."""
    import dask
    import dask.bag as db

    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("pairs-*.parquet"):
        old.unlink()
    names = [str(f) for f in files]
    if not names:
        return JoinReport()
    postings = db.from_sequence(names, npartitions=len(names)).map(_postings).flatten()
    groups = postings.groupby(_band_key, shuffle="tasks", npartitions=partitions)
    pairs = groups.map(partial(_pairs, cap=options.postings_per_key)).flatten()
    routed = pairs.foldby(_pair_of, _add_route, frozenset(), _union, frozenset())
    judged = routed.repartition(partitions).map_partitions(
        _judge, files=names, options=options, out_dir=str(out_dir))
    count = postings.count()
    results, total = dask.compute(judged, count)
    report = JoinReport(postings=total)
    for part in results:
        report.candidates += part["candidates"]
        report.verified += part["verified"]
        for kind, n in part["kinds"].items():
            report.kinds[kind] = report.kinds.get(kind, 0) + n
        if part["file"]:
            report.files.append(part["file"])
    return report


def _postings(name: str) -> list[Posting]:
    import pyarrow.parquet as pq

    table = pq.read_table(name, columns=["shard", "seq", "article_id", "bands_s", "bands_l",
                                         "bands_t"])
    out: list[Posting] = []
    for row in table.to_pylist():
        order = (row["shard"], row["seq"])
        for route in ("S", "L", "T"):
            out.extend((key, order, row["article_id"], route)
                       for key in row[f"bands_{route.lower()}"] or ())
    return out


def _band_key(posting: Posting) -> int:
    return posting[0]


def _pairs(group: tuple[int, list[Posting]], cap: int) -> list[tuple[Pair, str]]:
    """Each article with the (at most ``cap`` newest) articles before it under one key."""
    _, members = group
    members = sorted(members, key=lambda p: p[1])
    found = []
    for position, (_, _, later, route) in enumerate(members):
        for _, _, earlier, _ in members[max(0, position - cap):position]:
            if earlier != later:
                found.append(((earlier, later), route))
    return found


def _pair_of(item: tuple[Pair, str]) -> Pair:
    return item[0]


def _add_route(routes: frozenset[str], item: tuple[Pair, str]) -> frozenset[str]:
    return routes | {item[1]}


def _union(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    return a | b


def _judge(items: Iterable[tuple[Pair, frozenset[str]]], files: list[str],
           options: CopyOptions, out_dir: str) -> list[dict[str, Any]]:
    """Judge one partition's pairs; write the verified ones as one Parquet file."""
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    items = list(items)
    ids = sorted({article_id for pair, _ in items for article_id in pair})
    articles: dict[str, dict[str, Any]] = {}
    if ids:
        table = ds.dataset(files, format="parquet").to_table(
            columns=_ARTICLE_COLUMNS, filter=ds.field("article_id").isin(ids))
        for row in table.to_pylist():
            articles.setdefault(row["article_id"], row)
    encoder = _encoder(options)
    rows = []
    candidates = 0
    for (earlier, later), routes in sorted(items):
        first, second = articles.get(earlier), articles.get(later)
        if first is None or second is None:
            continue
        if routes == {"T"} and signature_similarity(
                first["term_signature"] or b"", second["term_signature"] or b""
        ) < options.min_estimate:
            continue
        candidates += 1
        new, stored = _article(second), _article(first)
        verdict = compare(new, features(new.text, options.detect), stored,
                          features(stored.text, options.detect), options.detect, encoder)
        if verdict is not None:
            rows.append({"copy": verdict.copy.id, "original": verdict.original.id,
                         "kind": verdict.kind, "similarity": float(verdict.similarity),
                         "routes": "".join(sorted(routes))})
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    name = None
    if rows:
        digest = hashlib.sha1("|".join(f"{r['copy']}{r['original']}" for r in rows).encode())
        final = Path(out_dir) / f"pairs-{digest.hexdigest()[:16]}.parquet"
        temporary = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        pq.write_table(pa.Table.from_pylist(rows), temporary)
        os.replace(temporary, final)
        name = str(final)
    return [{"candidates": candidates, "verified": len(rows), "kinds": kinds, "file": name}]


def _article(row: dict[str, Any]) -> Article:
    published = datetime.fromisoformat(row["published"]) if row["published"] else None
    return Article(id=row["article_id"], capture_sha256=row["sha256"], origin=row["origin"],
                   paragraphs=(row["text"] or "").split("\n\n"), url=row["url"],
                   canonical_url=row["canonical_url"], outlet=row["outlet"],
                   title=row["title"], published=published, language=row["language"],
                   removed=list(row["removed"] or ()))


def _encoder(options: CopyOptions) -> Any:
    from storywire.copies import embed
    if options.detect.semantic and embed.available():
        return embed.shared_encoder()
    return None


def components(pairs: Iterator[Pair]) -> dict[str, str]:
    """Each article's component (a representative id) under the verified pairs."""
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in pairs:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    return {item: find(item) for item in parent}
