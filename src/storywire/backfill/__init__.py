"""Backfill an archive on Dask with the same result as a sequential ingest.

Four steps (docs/backfill.md has the plan for tens of millions of records):

1. plan: cut each WARC file into shards of responses (``shards``), one Dask task per file;
2. prepare: the pure halves over each shard on the cluster, written as Parquet partitioned
   by day (``prepare``); finished shards are listed in the work directory's manifest, so a
   killed backfill resumes from them (``workdir``);
3. join: copy candidates by an LSH band join on Dask, judged by the copy stage (``join``);
4. write: the one writer replays the prepared items, in publication order (or in input
   order), through the pipeline's stateful halves into the store (``writer``).

The store ends as a sequential ``storywire ingest`` of the same records in that order
leaves it: the same articles, copy links and stories (ids are content-derived), because
the cluster runs only the pure halves, which depend on nothing but the item, and the writer
runs the rest exactly as the sequential ingest does.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from storywire.backfill.prepare import Filters, ShardResult, parse_day, prepare_shard
from storywire.backfill.shards import (
    DEFAULT_SHARD_RECORDS,
    Shard,
    number_shards,
    plan_file,
    warc_inputs,
)
from storywire.backfill.workdir import WorkDir, WorkDirError
from storywire.ingest import InputError
from storywire.pipeline import IngestReport, PipelineOptions
from storywire.store import Store

__all__ = ["BackfillOptions", "BackfillReport", "Filters", "WorkDirError", "parse_day",
           "run_backfill", "settings"]

Progress = Callable[[str, int, int], None]  # (step, done, in all)


@dataclass(frozen=True)
class BackfillOptions:
    work_dir: Path = Path("storywire-backfill")
    scheduler: str | None = None  # a Dask scheduler's address; None starts a local cluster
    workers: int = 2              # the local cluster's worker processes
    filters: Filters = field(default_factory=Filters)
    shard_records: int = DEFAULT_SHARD_RECORDS
    join: bool = True             # find copy candidates by the band join
    join_partitions: int = 0      # 0: two per worker
    order: str = "publication"    # the writer's order: "publication" or "input"


@dataclass
class BackfillReport:
    files: int = 0
    shards: int = 0
    resumed: int = 0        # shards finished by an earlier, interrupted run
    read: int = 0           # captures read by the shards prepared in this run
    rows: int = 0           # prepared items kept (after the filters), every shard
    join: Any = None        # join.JoinReport
    links: int = 0          # copy links in the store after the write
    links_joined: int = 0   # of those, between articles the join also put together
    parses_served: int = 0  # parses the writer took from the cluster
    seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_kb: dict[str, int] = field(default_factory=dict)  # per Dask worker
    ingest: IngestReport = field(default_factory=IngestReport)


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the given scheduler, or of a local cluster of worker processes (one
    thread each: the stages are CPU-bound Python) that is closed on the way out."""
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                           dashboard_address=None)
    try:
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def settings(options: PipelineOptions, backfill: BackfillOptions) -> dict[str, Any]:
    """What the prepared rows depend on: a work directory serves only these."""
    from storywire._version import __version__
    return {"storywire": __version__, "options": repr(replace(options, workers=1)),
            "filters": repr(backfill.filters), "shard_records": backfill.shard_records}


def run_backfill(store: Store, paths: list[str], options: PipelineOptions,
                 backfill: BackfillOptions, on_error: Callable[[InputError], None] | None = None,
                 progress: Progress | None = None) -> BackfillReport:
    """Backfill the WARC files under ``paths`` into ``store``."""
    from distributed import as_completed

    from storywire.backfill.join import band_join
    from storywire.backfill.writer import write_store

    options = replace(options, workers=1)  # workers belong to the cluster here
    report = BackfillReport()
    work = WorkDir(backfill.work_dir)
    work.claim(settings(options, backfill))
    files, errors = warc_inputs(paths)
    for error in errors:
        report.ingest.errors.append(error)
        if on_error:
            on_error(error)
    report.files = len(files)
    tick = progress or (lambda step, done, total: None)
    with dask_client(backfill.scheduler, backfill.workers) as client:
        started = time.perf_counter()
        names = [str(path) for path in files]
        runs = {name: work.planned(name) for name in names}
        todo = [name for name, planned in runs.items() if planned is None]
        planned = client.gather(client.map(plan_file, todo,
                                           records_per_shard=backfill.shard_records,
                                           pure=False))
        runs.update(zip(todo, planned, strict=True))
        work.save_plan({name: runs[name] for name in todo})
        shards = number_shards([(name, runs[name]) for name in names])
        report.shards = len(shards)
        report.seconds["plan"] = time.perf_counter() - started

        started = time.perf_counter()
        finished = work.finished()
        pending: list[Shard] = [shard for shard in shards if shard.id not in finished]
        report.resumed = len(shards) - len(pending)
        tick("prepare", report.resumed, len(shards))
        futures = client.map(prepare_shard, pending, options=options,
                             filters=backfill.filters, work_dir=str(work.path), pure=False)
        for done, future in enumerate(as_completed(futures), start=1):
            result: ShardResult = future.result()
            work.finish(result)
            finished[result.shard] = result
            report.read += result.read
            report.peak_rss_kb[result.worker] = max(report.peak_rss_kb.get(result.worker, 0),
                                                    result.peak_rss_kb)
            tick("prepare", report.resumed + done, len(shards))
        results = [finished[shard.id] for shard in shards]
        report.rows = sum(result.rows for result in results)
        report.seconds["prepare"] = time.perf_counter() - started

        if backfill.join and options.copies.enabled:
            started = time.perf_counter()
            partitions = backfill.join_partitions or 2 * max(1, len(
                client.scheduler_info().get("workers", {})))
            parquet = [work.path / name for result in results for name in result.files]
            report.join = band_join(parquet, options.copies, work.path / "copies", partitions)
            report.seconds["join"] = time.perf_counter() - started

    started = time.perf_counter()
    ingest, report.parses_served = write_store(store, options, work.path, results, on_error,
                                               backfill.order)
    ingest.errors[:0] = report.ingest.errors
    ingest.files = report.files
    report.ingest = ingest
    report.seconds["write"] = time.perf_counter() - started
    if report.join is not None:
        _compare_links(store, report)
    return report


def _compare_links(store: Store, report: BackfillReport) -> None:
    """How many stored copy links join two articles the band join also put together."""
    import pyarrow.parquet as pq

    from storywire.backfill.join import components

    def pairs() -> Iterator[tuple[str, str]]:
        for name in report.join.files:
            for row in pq.read_table(name, columns=["copy", "original"]).to_pylist():
                yield row["copy"], row["original"]

    component = components(pairs())
    for article in store.iter_articles():
        if article.copy_of:
            report.links += 1
            found = component.get(article.id)
            report.links_joined += found is not None and found == component.get(article.copy_of)
