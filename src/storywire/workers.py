"""The worker pool: the stages' pure halves, run in this process or in worker processes.

Only pure work crosses a process boundary: items go out with what earlier stages made of
them and come back with what the named stages added, in the order they were sent. The
stateful halves never run here, so the writer sees the same items whatever the pool's size.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from storywire.stage import Stage, Work

StageFactory = Callable[[], Sequence[Stage]]

# In a worker process: the stages built once by ``_start`` (without a store).
_STAGES: dict[str, Stage] = {}


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Workers:
    """Runs the named stages' ``prepare_all`` over items, ``count`` processes at a time.

    With one worker the stages run here, in the caller's own stage objects; with more, each
    worker process builds its own stages once from ``factory`` (which must be picklable).
    """

    def __init__(self, local: Sequence[Stage], factory: StageFactory, count: int = 1) -> None:
        self.count = max(1, count)
        self._local = {stage.name: stage for stage in local}
        self._factory = factory
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, names: Sequence[str], works: list[Work]) -> Callable[[], list[Work]]:
        """Start preparing ``works`` by the stages named; call the result to get them back."""
        names = [name for name in names if name in self._local]
        if not names or not works:
            return lambda: works
        if self.count == 1:
            for name in names:
                self._local[name].prepare_all(works)
            return lambda: works
        pool = self._start_pool()
        size = -(-len(works) // self.count)
        futures: list[tuple[list[Work], Future[list[Work]]]] = []
        for start in range(0, len(works), size):
            chunk = works[start:start + size]
            futures.append((chunk, pool.submit(_prepare, tuple(names), _outbound(chunk))))

        def collect() -> list[Work]:
            done: list[Work] = []
            for chunk, future in futures:
                for sent, back in zip(chunk, future.result(), strict=True):
                    back.capture = sent.capture  # the raw bytes did not need to come back
                    done.append(back)
            return done

        return collect

    def run(self, names: Sequence[str], works: list[Work]) -> list[Work]:
        return self.submit(names, works)()

    def _start_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers start from a clean process, not a copy of this one with
            # its open database and threads.
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(self.count, mp_context=context,
                                             initializer=_start, initargs=(self._factory,))
        return self._pool

    def peak_rss_kb(self) -> dict[int, int]:
        """Each worker process's peak resident memory in kB, by process id (for the
        benchmarks); empty while no worker process has started."""
        if self._pool is None:
            return {}
        futures = [self._pool.submit(_peak_rss) for _ in range(4 * self.count)]
        return dict(future.result() for future in futures)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _outbound(chunk: list[Work]) -> list[Work]:
    """The items as sent: a capture's bytes go out only while no draft was made of them."""
    out = []
    for work in chunk:
        if work.draft is not None and work.capture is not None:
            work = _shallow(work, capture=None)
        out.append(work)
    return out


def _shallow(work: Work, **changes: Any) -> Work:
    copy = Work(**{**work.__dict__, **changes})
    return copy


def _start(factory: StageFactory) -> None:
    _STAGES.clear()
    _STAGES.update({stage.name: stage for stage in factory()})


def _prepare(names: tuple[str, ...], works: list[Work]) -> list[Work]:
    for name in names:
        _STAGES[name].prepare_all(works)
    return works


def _peak_rss() -> tuple[int, int]:
    import resource
    import time

    time.sleep(0.05)  # long enough that every worker takes one of the calls
    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
