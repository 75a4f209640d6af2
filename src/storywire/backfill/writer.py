"""The one writer: the prepared shards replayed, in publication order, through the pipeline.

The cluster ran the pure halves; what is left (learned junk, the store, copies, the parse's
place after them, stories) is the pipeline's own stateful halves, run by
``Pipeline.ingest_prepared`` over the same items, in the same batches as a sequential ingest.
That is why the store ends as a sequential ingest of the same records in the same order.

The order is publication order by default: stories grow as the news did, and a copy meets
its original already stored. The prepared rows are partitioned by day, so the writer reads
one day at a time (undated items last), sorts that day by publication time, and keeps the
input order among items of the same instant. ``order="input"`` replays files as given,
records in file order: a sequential ``storywire ingest`` of the same files.

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
from storywire.extract.dates import parse_date
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
        self._parses: OrderedDict[tuple[bytes, str | None, int | None], bytes] = OrderedDict()
        self.served = 0

    def offer(self, text: str, language: str | None, parse: bytes,
              year: int | None = None) -> None:
        self._parses[(_digest(text), language, year)] = parse
        if len(self._parses) > PARSES_KEPT:
            self._parses.popitem(last=False)

    def understand(self, text: str, language: str | None = "en",
                   year: int | None = None) -> Understanding:
        parse = self._parses.pop((_digest(text), language, year), None)
        if parse is None:
            return super().understand(text, language, year)
        self.served += 1
        return pickle.loads(parse)

    def understand_many(self, items: Sequence[tuple[str, str | None]],
                        batch_size: int = 32,
                        years: Sequence[int | None] | None = None) -> list[Understanding]:
        """Each text's parse from the cluster when it made one; the rest parsed here."""
        years = list(years) if years is not None else [None] * len(items)
        found: list[Understanding | None] = []
        missing: list[int] = []
        for index, (text, language) in enumerate(items):
            parse = self._parses.pop((_digest(text), language, years[index]), None)
            if parse is None:
                missing.append(index)
                found.append(None)
            else:
                self.served += 1
                found.append(pickle.loads(parse))
        if missing:
            parsed = super().understand_many([items[i] for i in missing], batch_size,
                                             [years[i] for i in missing])
            for index, understanding in zip(missing, parsed, strict=True):
                found[index] = understanding
        return [u for u in found if u is not None]


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


ORDERS = ("publication", "input")
_COLUMNS = ["shard", "seq", "published", "text", "language", "understanding", "work"]


def prepared_items(work_dir: Path, results: list[ShardResult],
                   understander: PreparedUnderstander | None, order: str = "publication"
                   ) -> Iterator[Work | InputError]:
    """Every shard's items in ``order``: by publication time (one day partition at a time,
    undated last, input order among equal times), or in input order (shards by index, rows
    by their place). The shards' read errors come first."""
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
    ranked = sorted(results, key=lambda r: r.index)
    for result in ranked:
        for origin, reason in result.errors:
            yield InputError(origin, reason)
    groups = (_by_day(ranked) if order == "publication"
              else [[(r.index, name) for name in r.files] for r in ranked])
    for group in groups:
        rows = []
        for index, name in group:
            rows.extend({**row, "shard": index} for row in _read(work_dir / name))
        if order == "publication":
            rows.sort(key=lambda row: (_instant(row["published"]), row["shard"], row["seq"]))
        else:
            rows.sort(key=lambda row: row["seq"])
        for row in rows:
            if understander is not None and row["understanding"] is not None:
                understander.offer(row["text"], row["language"], row["understanding"],
                                   int(row["published"][:4]) if row["published"] else None)
            yield pickle.loads(row["work"])


def _read(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path, columns=_COLUMNS).to_pylist()


def _by_day(results: list[ShardResult]) -> list[list[tuple[int, str]]]:
    """The prepared files grouped by their day partition, days in order, undated last."""
    days: dict[str, list[tuple[int, str]]] = {}
    for result in results:
        for name in result.files:
            day = Path(name).parent.name.removeprefix("day=")
            days.setdefault(day, []).append((result.index, name))
    return [days[day] for day in sorted(days, key=lambda d: (d == "unknown", d))]


def _instant(published: str | None) -> float:
    """A sortable publication instant (``parse_date``: naive times as UTC); undated last."""
    moment = parse_date(published)
    return moment.timestamp() if moment is not None else float("inf")


def write_store(store: Store, options: PipelineOptions, work_dir: Path,
                results: list[ShardResult],
                on_error: Callable[[InputError], None] | None = None,
                order: str = "publication") -> tuple[IngestReport, int]:
    """Replay the prepared shards into the store; returns the report and how many parses
    the cluster's work saved."""
    writer_options = replace(options, workers=1)  # the parses offered live in this process
    with Pipeline(store, writer_options) as pipeline:
        understander = None
        if options.understand.enabled:
            understander = PreparedUnderstander(options.understand)
            pipeline.stage("understand").use(understander)  # type: ignore[attr-defined]
        report = pipeline.ingest_prepared(
            prepared_items(work_dir, results, understander, order), on_error=on_error)
    return report, understander.served if understander else 0
