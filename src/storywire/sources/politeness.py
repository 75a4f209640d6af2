"""Being a good guest: a per-host concurrency cap and a minimum gap between requests.

robots.txt may ask for a longer gap (Crawl-delay); the gate takes the larger of the two.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostGate:
    """At most ``concurrency`` requests in flight per host, starts ``interval`` s apart."""

    def __init__(self, concurrency: int, interval: float) -> None:
        self.concurrency = max(1, concurrency)
        self.interval = max(0.0, interval)
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._next_start: dict[str, float] = {}
        self._intervals: dict[str, float] = {}

    def set_interval(self, host: str, seconds: float) -> None:
        """A host-specific gap (from robots.txt Crawl-delay), never below the default."""
        self._intervals[host] = max(self.interval, seconds)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        semaphore = self._slots.setdefault(host, asyncio.Semaphore(self.concurrency))
        async with semaphore:
            async with self._locks[host]:
                wait = self._next_start.get(host, 0.0) - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                gap = self._intervals.get(host, self.interval)
                self._next_start[host] = time.monotonic() + gap
            yield
