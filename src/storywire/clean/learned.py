"""The learned junk layer: a short line that recurs across many articles of one outlet.

Rules catch junk every site shares ("Share this", "Post a Comment"); each outlet also has
its own ("The Valley Post is funded by readers…"). No rule can know those lines, but they
give themselves away by recurring verbatim across an outlet's articles about different
things. The counts live in the store; this module only decides what they mean.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from storywire.clean import normalize_line
from storywire.clean.marks import SENTENCE_END


@dataclass(frozen=True)
class LearnedOptions:
    """When a recurring line counts as junk for its outlet."""

    max_words: int = 25     # longer lines are article prose, never learned junk
    min_articles: int = 3   # seen in at least this many articles of the outlet...
    min_share: float = 0.3  # ...and in at least this share of them
    enabled: bool = True


def line_keys(text: str, options: LearnedOptions) -> dict[str, str]:
    """Normalised key -> the line itself, for every short line of ``text`` (once each)."""
    keys: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or len(line.split()) > options.max_words:
            continue
        key = normalize_line(line)
        if len(key) >= 3:  # a lone number or dash says nothing about the outlet
            keys.setdefault(key, line)
    return keys


def is_learned_junk(count: int, outlet_articles: int, options: LearnedOptions) -> bool:
    return count >= options.min_articles and count >= options.min_share * outlet_articles


def recurring_counts(counts: Mapping[str, int], samples: Mapping[str, str]) -> dict[str, int]:
    """The counts the line classifier weighs (``TextHints.line_counts``): lines that more
    than one of the outlet's articles carry. A menu item or a teaser headline recurs; a
    sentence recurs too when the outlet carries copies of one story, so it is left out."""
    return {key: n for key, n in counts.items()
            if n > 1 and not samples.get(key, "").endswith(SENTENCE_END)}
