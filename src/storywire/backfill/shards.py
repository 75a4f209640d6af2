"""Shards: an archive cut into runs of WARC responses, each read from its offset alone.

A CC-NEWS file holds tens of thousands of responses, each its own gzip member, so a run of
them can be read by seeking to the first one's offset: a shard names its file, that offset,
the number of its first response and how many it holds. The responses are numbered as a
sequential ingest numbers them (``path @ record N``), so the captures read from the shards
of a file are, one for one, the captures read from the whole file.

A shard's id is derived from its file's path, size and modification time and its place in
the file: a backfill that resumes finds its finished shards by id, and a changed file gets
new ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storywire.ingest import InputError, discover
from storywire.ingest.warc import read_warc, record_offsets
from storywire.model import Capture

DEFAULT_SHARD_RECORDS = 2_000


@dataclass(frozen=True)
class Shard:
    """``count`` responses of one WARC file, from the one numbered ``first`` (1-based)."""

    index: int  # place in the whole backfill: shards are written to the store in this order
    path: str
    offset: int
    first: int
    count: int
    file_size: int
    file_mtime_ns: int

    @property
    def id(self) -> str:
        key = f"{self.path}|{self.file_size}|{self.file_mtime_ns}|{self.offset}|{self.count}"
        return f"{self.index:06d}-{hashlib.sha1(key.encode()).hexdigest()[:12]}"


def warc_inputs(paths: list[str]) -> tuple[list[Path], list[InputError]]:
    """The WARC files under ``paths``, in the order a sequential ingest reads them."""
    files, errors = discover(paths)
    warcs = []
    for item in files:
        if item.format == "warc":
            warcs.append(item.path)
        else:
            errors.append(InputError(str(item.path), "a backfill reads WARC files only"))
    return warcs, errors


def plan_file(path: str, records_per_shard: int = DEFAULT_SHARD_RECORDS
              ) -> list[tuple[int, int, int]]:
    """(offset, first, count) of each shard of one file: one pass over its record headers."""
    with open(path, "rb") as handle:
        offsets = record_offsets(handle)
    return [(offsets[start], start + 1, len(offsets[start:start + records_per_shard]))
            for start in range(0, len(offsets), records_per_shard)]


def number_shards(planned: list[tuple[str, list[tuple[int, int, int]]]]) -> list[Shard]:
    """Shards in input order (files as given, then offsets), numbered from 0."""
    shards: list[Shard] = []
    for path, runs in planned:
        stat = Path(path).stat()
        for offset, first, count in runs:
            shards.append(Shard(len(shards), path, offset, first, count, stat.st_size,
                                stat.st_mtime_ns))
    return shards


def read_shard(shard: Shard, max_bytes: int) -> Iterator[Capture | InputError]:
    """The shard's captures, exactly as a sequential read of its file yields them."""
    try:
        with open(shard.path, "rb") as handle:
            handle.seek(shard.offset)
            yield from read_warc(handle, shard.path, max_bytes, first=shard.first,
                                 count=shard.count)
    except OSError as exc:
        yield InputError(shard.path, f"cannot read: {exc.strerror or exc}")
