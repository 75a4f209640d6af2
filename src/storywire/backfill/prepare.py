"""The pure halves over one shard, as a Dask task: read, extract, clean by the rules,
identify the language, fingerprint, parse; write the result as Parquet, one file per day.

Everything here is a function of the shard alone, so any worker can run it, twice if need
be, and get the same rows. Each row carries its ``Work`` (pickled: what the writer replays
through the pipeline's stateful halves) beside plain columns for the band join and for
reading the archive with any Parquet tool. The fingerprint and the parse are of the text
the rules left; the writer uses them where the text it stores is that text, and computes
them again where an outlet's learned junk changed it.

A day's file is written under a temporary name and renamed once complete, so a killed task
leaves no half file under a final name.
"""

from __future__ import annotations

import os
import pickle
import resource
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from storywire.backfill.shards import Shard, read_shard
from storywire.clean.stage import publication_date
from storywire.copies.fingerprint import fingerprint
from storywire.extract.language import SAMPLE_CHARS
from storywire.ingest import InputError
from storywire.pipeline import PipelineOptions, build_stages
from storywire.stage import Stage, Work

# In a worker process: the pure stages and the understander, built once per options.
_BUILT: dict[str, tuple[list[Stage], Any]] = {}


@dataclass(frozen=True)
class Filters:
    """Which prepared articles a backfill keeps (all, by default)."""

    since: date | None = None
    until: date | None = None
    language: str | None = None
    host: str | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.since, self.until, self.language, self.host))

    def keep(self, day: date | None, language: str | None, host: str | None) -> bool:
        if not self.active:
            return True
        if (self.since or self.until) and day is None:
            return False
        if (self.since and day < self.since) or (self.until and day > self.until):
            return False
        if self.language and language != self.language:
            return False
        return not self.host or (host is not None and (
            host == self.host or host.endswith("." + self.host)))


@dataclass
class ShardResult:
    """What a finished shard left in the work directory (one manifest line)."""

    shard: str
    index: int
    files: list[str]  # relative to the work directory
    rows: int
    read: int
    errors: list[tuple[str, str]] = field(default_factory=list)  # (origin, message)
    seconds: float = 0.0
    peak_rss_kb: int = 0
    worker: str = ""


def _built(options: PipelineOptions) -> tuple[list[Stage], Any]:
    key = repr(options)
    if key not in _BUILT:
        stages = build_stages(None, options)
        pure = [stage for stage in stages
                if stage.prepares() and stage.prepares_early and not stage.speculative]
        understand = next((s for s in stages if s.name == "understand"), None)
        _BUILT[key] = (pure, understand)
    return _BUILT[key]


def prepare_shard(shard: Shard, options: PipelineOptions, filters: Filters,
                  work_dir: str) -> ShardResult:
    """Run the pure halves over a shard and write its rows; the Dask task."""
    started = time.perf_counter()
    pure, understand = _built(options)
    works: list[Work] = []
    errors: list[tuple[str, str]] = []
    for item in read_shard(shard, options.max_bytes):
        if isinstance(item, InputError):
            errors.append((item.origin, item.reason))
        else:
            works.append(Work(capture=item))
    for stage in pure:
        stage.prepare_all(works)
    rows = []
    for seq, work in enumerate(works):
        row = _row(work, seq, options, understand)
        day = date.fromisoformat(row["day"]) if row["day"] != "unknown" else None
        if filters.keep(day, row["language"], row["host"]) and (
                not filters.active or work.error is None):
            rows.append(row)
    files = write_days(Path(work_dir), shard, rows)
    return ShardResult(shard.id, shard.index, files, len(rows), len(works), errors,
                       time.perf_counter() - started,
                       resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, _worker_name())


def _row(work: Work, seq: int, options: PipelineOptions, understand: Any) -> dict[str, Any]:
    capture, draft, cleaned = work.capture, work.draft, work.cleaned
    row: dict[str, Any] = {
        "seq": seq, "sha256": capture.sha256, "article_id": capture.article_id,
        "origin": capture.origin, "url": capture.url, "error": work.error,
        "day": "unknown", "published": None, "host": None, "outlet": None,
        "canonical_url": None, "language": None, "title": None,
        "text": None, "removed": [], "exact": None, "bands_s": [], "bands_l": [],
        "bands_t": [], "term_signature": None, "understanding": None,
        "work": pickle.dumps(work, protocol=pickle.HIGHEST_PROTOCOL),
    }
    if draft is None or cleaned is None:
        return row
    text = "\n\n".join(cleaned.paragraphs)
    language = draft.language or _guessed_language(work, cleaned)
    published = publication_date(capture, draft, cleaned)
    fp = fingerprint(text, options.copies.fingerprint)
    row.update(
        day=published.date().isoformat() if published else "unknown",
        published=published.isoformat() if published else None,
        host=draft.host, outlet=cleaned.outlet or draft.host,
        canonical_url=draft.canonical_url, language=language, title=cleaned.title, text=text,
        removed=list(cleaned.removed), exact=fp.exact,
        bands_s=fp.bands.get("S", []), bands_l=fp.bands.get("L", []),
        bands_t=fp.bands.get("T", []), term_signature=fp.term_signature or None,
    )
    if understand is not None:
        row["understanding"] = _parse(understand, text, language,
                                      published.year if published else None)
    return row


def _guessed_language(work: Work, cleaned: Any) -> str | None:
    guessed = work.scratch.get("language")
    if guessed is None:
        return None
    sample = f"{cleaned.title or ''}\n" + "\n\n".join(cleaned.paragraphs)
    return guessed[1] if guessed[0] == sample[:SAMPLE_CHARS] else None


def _parse(understand: Any, text: str, language: str | None,
           year: int | None = None) -> bytes | None:
    """The parse of the rules' text, or None (no model, or a slip the writer will meet and
    report in its own run)."""
    from storywire.understand import ModelMissing
    try:
        found = understand.understander.understand(text, language, year)
    except ModelMissing:
        return None
    except Exception:  # the writer parses this text again and records its failure
        return None
    return pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)


def write_days(work_dir: Path, shard: Shard, rows: list[dict[str, Any]]) -> list[str]:
    """One Parquet file per day under ``articles/day=YYYY-MM-DD/``, each renamed into place
    once written; returns their paths relative to ``work_dir``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from storywire.backfill.schema import ARTICLE_SCHEMA

    by_day: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_day.setdefault(row["day"], []).append(row)
    files = []
    for day, day_rows in sorted(by_day.items()):
        relative = Path("articles") / f"day={day}" / f"shard-{shard.id}.parquet"
        final = work_dir / relative
        final.parent.mkdir(parents=True, exist_ok=True)
        temporary = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        table = pa.Table.from_pylist([{**r, "shard": shard.index} for r in day_rows],
                                     schema=ARTICLE_SCHEMA)
        pq.write_table(table, temporary, compression="zstd")
        os.replace(temporary, final)
        files.append(str(relative))
    return files


def _worker_name() -> str:
    try:
        from distributed import get_worker
        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def parse_day(value: str | None) -> date | None:
    """A --since/--until value: a date (2026-11-04) or the date of a timestamp."""
    if not value:
        return None
    return datetime.fromisoformat(value).date()
