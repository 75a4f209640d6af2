"""Shared settings for the fuzz tests: each reader of outside bytes is driven by Hypothesis
with a bounded number of inputs, so the whole fuzz suite stays within seconds in
``make test``. ``STORYWIRE_FUZZ_SCALE=20`` multiplies every bound and draws fresh random
inputs (``make fuzz``); the default run is derandomized, so it cannot be flaky."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("STORYWIRE_FUZZ_SCALE", "1")))


def bounded(examples: int, deadline_ms: int = 2000) -> settings:
    """At most ``examples`` inputs (times the scale), each within ``deadline_ms``."""
    return settings(max_examples=examples * SCALE, deadline=deadline_ms * max(1, SCALE // 4),
                    derandomize=SCALE == 1, database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
