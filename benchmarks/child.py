"""What the benchmarks share: each case runs in a child process pinned to one core, the
cases take turns so that load from elsewhere falls on all alike, and each child reports
its own peak RSS as the last line of its output (JSON)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable, Iterable
from typing import Any


def pin_one_core() -> None:
    """Run this process on one core, where the OS allows it."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(script: str, *args: str) -> dict[str, Any]:
    """Run ``script`` with ``args`` in a fresh interpreter; its last line of output."""
    out = subprocess.run([sys.executable, script, *args], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def round_robin(cases: Iterable[str], repeats: int,
                run: Callable[[str], dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """``repeats`` runs of every case, the cases taking turns."""
    cases = list(cases)
    runs: dict[str, list[dict[str, Any]]] = {case: [] for case in cases}
    for _ in range(repeats):
        for case in cases:
            runs[case].append(run(case))
    return runs
