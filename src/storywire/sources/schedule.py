"""How often to poll a source: sooner when it publishes, later when it is quiet.

The interval halves after a poll that found new items and grows by half after one that did
not, within [min, max]; errors back off the same way as quiet polls. A busy wire feed settles
near the minimum, a weekly blog near the maximum, and neither needs configuring.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PollOptions:
    first_interval: float = 900.0    # seconds, for a new source
    min_interval: float = 120.0
    max_interval: float = 6 * 3600.0


def next_interval(current: float, new_items: int, options: PollOptions,
                  error: bool = False) -> float:
    """The wait before the next poll of a source that just found ``new_items``."""
    wanted = current / 2 if new_items and not error else current * 1.5
    return min(options.max_interval, max(options.min_interval, wanted))
