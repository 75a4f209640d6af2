"""The one writer: the prepared shards replayed, in input order, through the pipeline.

The cluster ran the pure halves; what is left (learned junk, the store, copies, the parse's
place after them, stories) is the pipeline's own stateful halves, run by
``Pipeline.ingest_prepared`` over the same items, in the same batches and order as a
sequential ingest of the same files. That is why the store ends the same.

The parse the cluster made of each text is offered to the understand stage: it is used
when the stage asks for exactly that text in that language (an outlet's learned junk can
change an article's text, which is then parsed here).
"""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from storywire.backfill.prepare import ShardResult
from storywire.ingest import InputError
from storywire.pipeline import IngestReport, Pipeline, PipelineOptions
from storywire.stage import Work
from storywire.store import Store
from storywire.understand import Understander, Understanding, UnderstandOptions

# Parses kept waiting for their article: a few batches' worth (exact copies never ask).
PARSES_KEPT = 5_000


class PreparedUnderstander(Understander):
    """An understander that first looks for the parse the cluster made of a text."""

    def __init__(self, options: UnderstandOptions | None = None) -> None:
        super().__init__(options)
        self._parses: OrderedDict[tuple[bytes, str | None], bytes] = OrderedDict()
        self.served = 0

    def offer(self, text: str, language: str | None, parse: bytes) -> None:
        self._parses[(_digest(text), language)] = parse
        if len(self._parses) > PARSES_KEPT:
            self._parses.popitem(last=False)

    def understand(self, text: str, language: str | None = "en") -> Understanding:
        parse = self._parses.pop((_digest(text), language), None)
        if parse is None:
            return super().understand(text, language)
        self.served += 1
        return pickle.loads(parse)

    def understand_many(self, items: Sequence[tuple[str, str | None]],
                        batch_size: int = 32) -> list[Understanding]:
        """Each text's parse from the cluster when it made one; the rest parsed here."""
        found: list[Understanding | None] = []
        missing: list[int] = []
        for index, (text, language) in enumerate(items):
            parse = self._parses.pop((_digest(text), language), None)
            if parse is None:
                missing.append(index)
                found.append(None)
            else:
                self.served += 1
                found.append(pickle.loads(parse))
        if missing:
            parsed = super().understand_many([items[i] for i in missing], batch_size)
            for index, understanding in zip(missing, parsed, strict=True):
                found[index] = understanding
        return [u for u in found if u is not None]


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def prepared_items(work_dir: Path, results: list[ShardResult],
                   understander: PreparedUnderstander | None
                   ) -> Iterator[Work | InputError]:
    """Every shard's items in input order: shards by index, rows by their place."""
    import pyarrow.parquet as pq

    columns = ["seq", "text", "language", "understanding", "work"]
    for result in sorted(results, key=lambda r: r.index):
        for origin, reason in result.errors:
            yield InputError(origin, reason)
        rows = []
        for name in result.files:
            rows.extend(pq.read_table(work_dir / name, columns=columns).to_pylist())
        rows.sort(key=lambda row: row["seq"])
        for row in rows:
            if understander is not None and row["understanding"] is not None:
                understander.offer(row["text"], row["language"], row["understanding"])
            yield pickle.loads(row["work"])


def write_store(store: Store, options: PipelineOptions, work_dir: Path,
                results: list[ShardResult],
                on_error: Callable[[InputError], None] | None = None
                ) -> tuple[IngestReport, int]:
    """Replay the prepared shards into the store; returns the report and how many parses
    the cluster's work saved."""
    writer_options = replace(options, workers=1)  # the parses offered live in this process
    with Pipeline(store, writer_options) as pipeline:
        understander = None
        if options.understand.enabled:
            understander = PreparedUnderstander(options.understand)
            pipeline.stage("understand").use(understander)  # type: ignore[attr-defined]
        report = pipeline.ingest_prepared(prepared_items(work_dir, results, understander),
                                          on_error=on_error)
    return report, understander.served if understander else 0
