"""Shared by the fault tests: real ECB+ subsets as JSON Lines, and the CLI in a child."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from conftest import shared_data

# Small batches: more moments to kill at, and writers interleave more often.
ENV = {**os.environ, "STORYWIRE_WORKERS": "1", "STORYWIRE_BATCH_SIZE": "5"}
CLI = [sys.executable, "-c", "from storywire.cli import main; main()"]
KILL = [sys.executable, "-m", "storywire.evaluation.killpoints"]
INGEST = ("ingest", "--no-progress", "--no-semantic-rewrites")


def ecbplus_rows() -> list[dict]:
    """The ECB+ articles that name their outlet (url, outlet, title, most a date)."""
    path = shared_data("ecbplus") / "articles.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return [row for row in rows if row.get("outlet")]


def top_outlets(count: int) -> list[dict]:
    """The articles of the ``count`` outlets with the most articles: enough of one outlet
    for its recurring lines (time stamps) to become learned junk during the run."""
    rows = ecbplus_rows()
    ranked = Counter(row["outlet"] for row in rows).most_common()
    chosen = {outlet for outlet, _ in sorted(ranked, key=lambda x: (-x[1], x[0]))[:count]}
    return [row for row in rows if row["outlet"] in chosen]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    return path


def cli(db: Path, *args: str, check: bool = True, env: dict | None = None,
        timeout: float = 900) -> subprocess.CompletedProcess:
    done = subprocess.run([*CLI, "--db", str(db), *args], env=env or ENV,
                          capture_output=True, text=True, timeout=timeout)
    if check:
        assert done.returncode == 0, done.stderr[-2000:]
    return done


def start(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "--db", str(db), *args], env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def killed(db: Path, point: str, nth: int, *args: str) -> subprocess.CompletedProcess:
    """The CLI run that kills itself (SIGKILL) at ``point`` on its ``nth`` time there."""
    return subprocess.run([*KILL, point, str(nth), "--", "--db", str(db), *args], env=ENV,
                          capture_output=True, text=True, timeout=900)
