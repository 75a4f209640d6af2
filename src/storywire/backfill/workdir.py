"""The work directory: the plan, the settings it was made with, and the finished shards.

``settings.json`` names what the prepared rows depend on (the pipeline's options and the
filters); a backfill resumed with other settings would mix rows of two kinds, so it is
refused. ``plan.json`` keeps each file's shard offsets (one pass over a large file is
worth keeping). ``manifest.jsonl`` gets one line per shard once all its files are renamed
into place: a killed backfill resumes from the shards it lists, and a line cut short by
the kill is simply not a finished shard.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from storywire.backfill.prepare import ShardResult


class WorkDirError(Exception):
    """The work directory belongs to a backfill with other settings."""


class WorkDir:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)

    @property
    def manifest(self) -> Path:
        return self.path / "manifest.jsonl"

    def claim(self, settings: dict[str, Any]) -> None:
        """Record the settings, or check them against the ones recorded."""
        target = self.path / "settings.json"
        key = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()
                             ).hexdigest()
        if target.exists():
            recorded = json.loads(target.read_text(encoding="utf-8"))
            if recorded.get("key") != key:
                raise WorkDirError(
                    f"{self.path} holds a backfill made with other settings (options or "
                    "filters); resume it with the same ones, or use another --work-dir")
            return
        _write_json(target, {"key": key, "settings": settings})

    def planned(self, path: str) -> list[tuple[int, int, int]] | None:
        """The shard runs planned for a file, if it has not changed since."""
        plan = self._plan()
        entry = plan.get(path)
        stat = Path(path).stat()
        if entry and entry["size"] == stat.st_size and entry["mtime_ns"] == stat.st_mtime_ns:
            return [tuple(run) for run in entry["runs"]]  # type: ignore[misc]
        return None

    def save_plan(self, runs: dict[str, list[tuple[int, int, int]]]) -> None:
        plan = self._plan()
        for path, file_runs in runs.items():
            stat = Path(path).stat()
            plan[path] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                          "runs": [list(run) for run in file_runs]}
        _write_json(self.path / "plan.json", plan)

    def _plan(self) -> dict[str, Any]:
        target = self.path / "plan.json"
        return json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}

    def finished(self) -> dict[str, ShardResult]:
        """The shards listed in the manifest whose files are all present."""
        done: dict[str, ShardResult] = {}
        if not self.manifest.exists():
            return done
        for line in self.manifest.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                result = ShardResult(**{**entry, "errors": [tuple(e) for e in entry["errors"]]})
            except (ValueError, TypeError, KeyError):
                continue  # the line a kill cut short
            if all((self.path / name).exists() for name in result.files):
                done[result.shard] = result
        return done

    def finish(self, result: ShardResult) -> None:
        """List a shard whose files are in place."""
        with open(self.manifest, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(result)) + "\n")
            handle.flush()
            os.fsync(handle.fileno())


def _write_json(target: Path, value: Any) -> None:
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(json.dumps(value, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(temporary, target)
