"""Run the storywire CLI in a child process that kills itself (SIGKILL) at a named point.

Fault tests and the soak need kills at exact moments (a batch stored but its later stages
not done, the learned-junk rebuild owed but not started) as well as at random ones. The
product has no hooks for it: this entry point wraps the pipeline's methods before the CLI
starts, so the child is the real CLI with one method that dies on its Nth call.

    python -m storywire.evaluation.killpoints POINT N -- storywire arguments...

POINT is one of ``KILL_POINTS``; N counts the calls (1 = the first).
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

# Where a kill can be placed, and what the store holds at that moment.
KILL_POINTS = {
    "settle": "a batch's captures and articles committed, its later stages (understand, "
              "stories) not yet",
    "owe-rebuilds": "every batch committed, the learned junk's articles not yet named",
    "rebuild": "the articles to rebuild named in the store, none rebuilt yet",
    "batch": "before a batch's first transaction",
}
_METHODS = {"settle": "_settle", "owe-rebuilds": "_owe_rebuilds", "rebuild": "_rebuild_owed",
            "batch": "_write"}


def arm(point: str, nth: int) -> None:
    """Make the pipeline's method for ``point`` kill this process on its ``nth`` call."""
    from storywire.pipeline import Pipeline

    name = _METHODS[point]
    original: Callable[..., Any] = getattr(Pipeline, name)
    calls = 0

    @functools.wraps(original)
    def dying(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls >= nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)

    setattr(Pipeline, name, dying)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 3 or args[2] != "--" or args[0] not in KILL_POINTS:
        raise SystemExit(f"usage: killpoints POINT N -- ARGS (POINT: {', '.join(KILL_POINTS)})")
    arm(args[0], int(args[1]))
    from storywire.cli import main as cli

    cli(args[3:])


if __name__ == "__main__":
    main()
