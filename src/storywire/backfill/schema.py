"""The Parquet schema of a backfill's prepared articles (``articles/day=*/shard-*.parquet``).

Plain columns say what the pure halves found (for the band join and for anyone reading the
archive with pyarrow, DuckDB or Spark); ``work`` is the pickled item the writer replays and
``understanding`` the pickled parse of the rules' text.
"""

from __future__ import annotations

import pyarrow as pa

ARTICLE_SCHEMA = pa.schema([
    ("shard", pa.int32()),          # the shard's place in the backfill
    ("seq", pa.int32()),            # the capture's place in its shard
    ("sha256", pa.string()),
    ("article_id", pa.string()),
    ("origin", pa.string()),
    ("url", pa.string()),
    ("error", pa.string()),         # why the capture holds no article
    ("day", pa.string()),           # the partition: YYYY-MM-DD or "unknown"
    ("published", pa.string()),     # ISO 8601
    ("host", pa.string()),
    ("outlet", pa.string()),        # as the page names it (the writer may learn a better one)
    ("canonical_url", pa.string()),
    ("language", pa.string()),
    ("title", pa.string()),
    ("text", pa.large_string()),    # as the general cleaning rules left it
    ("removed", pa.list_(pa.string())),
    ("exact", pa.string()),         # the copy stage's exact-text hash
    ("bands_s", pa.list_(pa.int64())),  # LSH band keys per route (copies/fingerprint.py)
    ("bands_l", pa.list_(pa.int64())),
    ("bands_t", pa.list_(pa.int64())),
    ("term_signature", pa.binary()),
    ("understanding", pa.large_binary()),
    ("work", pa.large_binary()),
])
