"""``storywire export``: the export record (docs/export.md) as JSON lines, CSV or Parquet.

JSON lines keep every field as it is. CSV has one column per field, in the same order:
a list of strings (``authors``, ``removed``) is one cell with an item per line, and a list
of objects or an object (``quotes``, ``entities``, ``figures``, ``copy_evidence``) is its
JSON. Parquet (pyarrow, the ``parquet`` extra) keeps the nesting in typed columns, so
pandas, DuckDB or Polars read quotes and figures as lists of structs.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from storywire.model import EXPORT_FIELDS, Article

FORMATS = ("jsonl", "csv", "parquet")
STRING_LISTS = ("authors", "removed")
JSON_CELLS = ("copy_evidence", "quotes", "entities", "figures")


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    count = 0
    for article in articles:
        out.write(json.dumps(article.to_export(), ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """The export record with its lists flattened into cells."""
    row = dict(record)
    for name in STRING_LISTS:
        row[name] = "\n".join(row[name])
    for name in JSON_CELLS:
        value = row[name]
        row[name] = "" if value in (None, []) else json.dumps(value, ensure_ascii=False)
    return row


def write_csv(articles: Iterable[Article], out: IO[str]) -> int:
    """RFC 4180 CSV with a header row (open ``out`` with ``newline=""``)."""
    writer = csv.DictWriter(out, fieldnames=list(EXPORT_FIELDS))
    writer.writeheader()
    count = 0
    for article in articles:
        writer.writerow(csv_row(article.to_export()))
        count += 1
    return count


def parquet_schema() -> Any:
    """The export record as an Arrow schema; ``copy_evidence`` (its shape depends on the
    kind of copy) is JSON text."""
    import pyarrow as pa

    string, integer, number = pa.string(), pa.int64(), pa.float64()
    entity = pa.struct([("text", string), ("label", string), ("start", integer),
                        ("end", integer), ("canonical", string)])
    quote = pa.struct([("text", string), ("speaker", string),
                       ("speaker_description", string), ("cue", string), ("kind", string),
                       ("start", integer), ("end", integer)])
    figure = pa.struct([("value", number), ("approximate", pa.bool_()), ("low", number),
                        ("high", number), ("qualifier", string), ("subject", string),
                        ("sentence", string), ("start", integer), ("end", integer)])
    types = {"authors": pa.list_(string), "removed": pa.list_(string),
             "published": pa.timestamp("ms", tz="UTC"), "quotes": pa.list_(quote),
             "entities": pa.list_(entity), "figures": pa.list_(figure)}
    return pa.schema([(name, types.get(name, string)) for name in EXPORT_FIELDS])


def _parquet_record(article: Article) -> dict[str, Any]:
    record = article.to_export()
    record["published"] = article.published
    if record["copy_evidence"] is not None:
        record["copy_evidence"] = json.dumps(record["copy_evidence"], ensure_ascii=False)
    return record


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for article in articles:
        batch.append(_parquet_record(article))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(articles: Iterable[Article], path: str, batch: int = 2000) -> int:
    """A Parquet file written a row group at a time (memory stays bounded)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise RuntimeError("Parquet needs pyarrow: pip install 'storywire[parquet]'") from None
    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for rows in _batches(articles, batch):
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count
