"""The kill-anywhere soak: SIGKILL ingest and `run` at random moments, many times, and
check after every restart that the store is whole and that nothing was lost or doubled.

Two phases, each against a reference store made by one uninterrupted run:

- ``ingest``: real ECB+ articles (the ones naming their outlet, in file order) ingested by
  the CLI in a child process, killed after a random delay drawn up to the reference run's
  duration, restarted, killed again; a run that ends on its own must leave the reference
  store, and the soak then starts over on a fresh store.
- ``run``: the loopback demo newsroom (``storywire.demo.newsroom``) on 127.0.0.1, its feeds
  as sources and a watch; ``storywire run`` is killed at random moments the same way, then
  ``storywire poll`` finishes the work.

After each kill: ``PRAGMA integrity_check`` is "ok", no capture is stored as two articles,
no alert was made twice, and every capture, article and alert the store held before the
kill is still there. At the end of each phase the store must equal the reference, field by
field (``storywire.evaluation.state``). Story membership is compared too: a re-run keeps
the killed run's batch boundaries (batches count every input item, stored or not), so the
stages see the articles in the same order.

    python -m storywire.evaluation.soak ../shared/data --seconds 600   (make soak)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storywire.evaluation.state import StoreState, differences, read_state

_CLI = [sys.executable, "-c", "from storywire.cli import main; main()"]
_INGEST = ("ingest", "--no-progress", "--no-semantic-rewrites")
_NETWORK = ("--allow-loopback", "--host-interval", "0", "--update-period", "1000000000")
_WATCH = ("quakes", "quake OR earthquake OR séisme")


@dataclass
class SoakReport:
    kills: int = 0            # SIGKILLs survived (the store was whole after each)
    completed: int = 0        # runs that ended on their own between kills
    checks: int = 0           # store checks made (one after each kill or run)
    items: int = 0            # captures, articles and alerts checked, summed over checks
    differences: list[str] = field(default_factory=list)
    phases: dict[str, int] = field(default_factory=dict)  # kills per phase
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"kills survived: {self.kills} "
            f"({', '.join(f'{k} {v}' for k, v in self.phases.items())})",
            f"runs completed between kills: {self.completed}",
            f"store checks: {self.checks}, items checked: {self.items}",
            f"differences found: {len(self.differences)}",
            *(f"  {line}" for line in self.differences[:20]),
            f"time: {self.seconds:.0f} s",
        ]


class _Soak:
    def __init__(self, folder: Path, seed: int, batch_size: int, kills: int) -> None:
        self.folder = folder
        self.kills = kills  # at most this many kills per phase
        self.random = random.Random(seed)
        self.env = {**os.environ, "STORYWIRE_WORKERS": "1",
                    "STORYWIRE_BATCH_SIZE": str(batch_size)}
        self.report = SoakReport()
        self._stores = 0

    def new_store(self, name: str) -> Path:
        self._stores += 1
        return self.folder / f"{name}-{self._stores}.db"

    def cli(self, db: Path, *args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([*_CLI, "--db", str(db), *args], env=self.env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"storywire {' '.join(args)} failed: {done.stderr[-1500:]}")
        return done

    def kill_at_random(self, db: Path, args: tuple[str, ...], longest: float) -> bool:
        """Start the CLI, SIGKILL it after a random delay; True if it was killed (False
        if it ended first, which must be a success)."""
        child = subprocess.Popen([*_CLI, "--db", str(db), *args], env=self.env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            child.wait(timeout=self.random.uniform(0.5, longest))
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
            return True
        stderr = child.stderr.read() if child.stderr else ""
        if child.returncode != 0:
            raise RuntimeError(f"storywire {' '.join(args)} failed: {stderr[-1500:]}")
        return False

    def check(self, db: Path, before: StoreState | None, where: str) -> StoreState:
        """The store after a kill: whole, nothing doubled, nothing it held before lost."""
        state = read_state(db)
        self.report.checks += 1
        self.report.items += state.items
        found = []
        if state.integrity != "ok":
            found.append(f"{where}: integrity check: {state.integrity}")
        found += [f"{where}: {line}" for line in state.duplicates]
        if before is not None:
            for what, old, new in (("capture", before.captures, state.captures),
                                   ("article", before.articles, state.articles)):
                found += [f"{where}: {what} {key[:16]} lost after a kill"
                          for key in sorted(old.keys() - new.keys())[:5]]
            lost = before.alerts - state.alerts
            found += [f"{where}: alert {key} lost after a kill" for key in lost]
        self.report.differences += found
        return state

    def compare(self, db: Path, reference: StoreState, where: str) -> None:
        self.report.differences += [f"{where}: {line}"
                                    for line in differences(read_state(db), reference)]

    def killing(self, phase: str, db: Path, args: tuple[str, ...], longest: float,
                budget: float, finish: tuple[str, ...], reference: StoreState,
                fresh: Callable[[], Path]) -> None:
        """Kill ``args`` at random for ``budget`` seconds; a run that ends on its own must
        leave the reference store (then start over on a fresh one)."""
        until = time.monotonic() + budget
        before: StoreState | None = None
        rounds = 0
        while time.monotonic() < until and self.report.phases.get(phase, 0) < self.kills:
            killed = self.kill_at_random(db, args, longest)
            rounds += 1
            if killed:
                self.report.kills += 1
                self.report.phases[phase] = self.report.phases.get(phase, 0) + 1
                before = self.check(db, before, f"{phase} kill {rounds}")
                continue
            self.report.completed += 1
            self.check(db, before, f"{phase} run {rounds}")
            self.compare(db, reference, f"{phase} run {rounds}")
            db, before = fresh(), None
        self.cli(db, *finish)
        self.check(db, before, f"{phase} end")
        self.compare(db, reference, f"{phase} end")


def soak(data: Path, seconds: float = 600, seed: int = 20, articles: int = 60,
         batch_size: int = 5, phases: tuple[str, ...] = ("ingest", "run"),
         kills: int = 1000, folder: Path | None = None) -> SoakReport:
    """Kill for about ``seconds`` in all (split between the phases), at most ``kills``
    kills per phase. Each phase also makes its reference store first and ends with one
    finishing run and a comparison, outside that time."""
    with tempfile.TemporaryDirectory(prefix="storywire-soak-") as scratch:
        folder = folder or Path(scratch)
        run = _Soak(folder, seed, batch_size, kills)
        began = time.monotonic()
        share = seconds / len(phases)
        if "ingest" in phases:
            _ingest_phase(run, data, articles, share)
        if "run" in phases:
            _run_phase(run, share)
        run.report.seconds = time.monotonic() - began
        return run.report


def _ingest_phase(run: _Soak, data: Path, articles: int, budget: float) -> None:
    rows = [json.loads(line) for line in
            (data / "ecbplus" / "articles.jsonl").read_text("utf-8").splitlines()]
    rows = [row for row in rows if row.get("outlet")][:articles]
    source = run.folder / "articles.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    args = (*_INGEST, str(source))
    reference = run.new_store("ingest-reference")
    started = time.monotonic()
    run.cli(reference, *args)
    longest = time.monotonic() - started
    run.killing("ingest", run.new_store("ingest"), args, longest, budget, args,
                read_state(reference), lambda: run.new_store("ingest"))


def _run_phase(run: _Soak, budget: float) -> None:
    from storywire.demo.newsroom import Newsroom

    with Newsroom(duration=0) as room:
        def fresh() -> Path:
            from storywire.store import open_store

            db = run.new_store("run")
            with open_store(db) as store:
                store.add_watch(*_WATCH, [])
                for url in room.feed_urls():
                    store.add_source(url, "feed", None, None, 900)
            return db

        reference = fresh()
        started = time.monotonic()
        run.cli(reference, "poll", *_NETWORK)
        longest = time.monotonic() - started
        # `run` polls and fetches in its first cycle, then sleeps: kill it within that.
        run.killing("run", fresh(), ("run", *_NETWORK), longest, budget,
                    ("poll", *_NETWORK), read_state(reference), fresh)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--articles", type=int, default=60,
                        help="ECB+ articles (those naming their outlet, in file order)")
    parser.add_argument("--phases", default="ingest,run")
    parser.add_argument("--kills", type=int, default=1000, help="at most this many per phase")
    args = parser.parse_args(argv)
    if not (args.data / "ecbplus" / "articles.jsonl").exists():
        print(f"{args.data}/ecbplus/articles.jsonl is absent", file=sys.stderr)
        return 2
    report = soak(args.data, args.seconds, args.seed, args.articles,
                  phases=tuple(args.phases.split(",")), kills=args.kills)
    print("\n".join(report.lines()))
    return 1 if report.differences else 0


if __name__ == "__main__":
    sys.exit(main())
