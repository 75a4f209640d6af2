"""How far a share measured on a sample may lie from the share it estimates: the figures
of a development or test split of a few hundred items are samples, and a target a few
points away may or may not be told apart from them."""

from __future__ import annotations

import math


def wilson_interval(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of the share ``hits``/``total`` (95% by default)."""
    if not total:
        return 0.0, 1.0
    share = hits / total
    centre = share + z * z / (2 * total)
    spread = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    scale = 1 + z * z / total
    return (centre - spread) / scale, (centre + spread) / scale
