"""Start-up time of the CLI, against a bare interpreter start as the named peer.

Every command a user types pays this before it does anything, so `storywire --version`
and `--help` must cost little more than starting Python itself.

    python benchmarks/bench_startup.py --output benchmarks/startup-report.md
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 300  # what a start may add to the bare interpreter's


def commands() -> dict[str, list[str]]:
    storywire = shutil.which("storywire", path=str(Path(sys.executable).parent)) or "storywire"
    return {
        "python -c pass (peer)": [sys.executable, "-c", "pass"],
        "storywire --version": [storywire, "--version"],
        "storywire --help": [storywire, "--help"],
        "storywire ingest --help": [storywire, "ingest", "--help"],
    }


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(repeats: int) -> dict[str, list[float]]:
    """The commands take turns, so load from elsewhere falls on all of them alike."""
    cases = commands()
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, argv in cases.items():
            runs[name].append(timed(argv))
    return runs


def report(runs: dict[str, list[float]]) -> str:
    peer = statistics.median(next(iter(runs.values())))
    lines = ["# Start-up benchmark", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
             f"{platform.python_version()}; {len(next(iter(runs.values())))} runs each, "
             "taking turns; medians.", "",
             "| command | median ms | min–max ms | added to the peer | within "
             f"{TARGET_MS} ms |",
             "| --- | ---: | ---: | ---: | --- |"]
    for name, times in runs.items():
        median = statistics.median(times)
        added = (median - peer) * 1000
        lines.append(f"| `{name}` | {median * 1000:.0f} | {min(times) * 1000:.0f}–"
                     f"{max(times) * 1000:.0f} | {added:+.0f} ms | "
                     f"{'yes' if added <= TARGET_MS else 'no'} |")
    lines += ["", "Reproduce: `make bench` (writes this file).", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "startup-report.md")
    args = parser.parse_args()
    text = report(measure(args.repeats))
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
