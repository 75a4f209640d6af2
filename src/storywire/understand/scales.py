"""Scale words written after a number ("2 million", "$4.2m", "3bn"), one list for the
figures that read them and the tokenizer fix that splits their abbreviations' full stops."""

from __future__ import annotations

SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
          "trillion": 10**12, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9, "k": 1000,
          "tn": 10**12}

# "m.", "bn.", …: the abbreviations the English tokenizer keeps whole with their stop.
SCALE_ABBREVIATIONS = frozenset(f"{word}." for word in SCALES if len(word) <= 2)
