"""The learned line classifier: junk or article for the lines the rules leave undecided.

Rules know the junk phrases they were shown; a menu item, a teaser headline or a footer
link of a site no rule has seen gives itself away by its shape instead: short, no verb-like
stop words, no final period, among other short lines, far from the long paragraphs, and
often carried by the outlet's other articles too. A logistic regression over such features
was fitted with scikit-learn on the development half of the Readability pages
(``python -m storywire.evaluation.clean ../shared/data/readability-pages --train``); its
weights ship as ``line_model.json`` and are applied here in plain Python, so no pickle and
no scikit-learn version is involved at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from storywire.clean.marks import LEAD_IN_END

MODEL_FILE = "line_model.json"

# Function words of the seven languages the rules cover: prose is full of them, menus and
# headlines are not.
STOP_WORDS = frozenset([
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
    "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her",
    "their", "our", "not", "no", "will", "would", "can", "could", "said", "says", "who", "which",
    "what", "when", "where", "there", "than", "then", "also", "if", "so", "do", "does", "did",
    "about", "into", "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "est", "sont",
    "dans", "pour", "par", "sur", "avec", "qui", "que", "ne", "pas", "au", "aux", "il", "elle",
    "ils", "ce", "cette", "son", "sa", "ses", "été", "der", "die", "das", "ein", "eine", "und",
    "oder", "ist", "sind", "nicht", "mit", "von", "zu", "den", "dem", "des", "im", "auf", "für",
    "sich", "es", "sie", "er", "wir", "auch", "el", "los", "las", "una", "y", "o", "en", "es",
    "son", "por", "con", "para", "del", "al", "lo", "se", "su", "sus", "il", "lo", "gli", "di",
    "che", "è", "non", "per", "una", "dei", "delle", "o", "os", "um", "uma", "em", "não", "com",
    "para", "do", "da", "dos", "das", "ao", "na", "no", "het", "een", "en", "van", "is", "niet",
    "met", "voor", "op", "dat", "zijn"
])
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|html?|php)\b|@\w|#\w", re.I)
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PUNCT = re.compile(r"[^\w\s]")
_DIGITS = re.compile(r"\d")
_SEPARATORS = re.compile(r"\s[|•·/»›>]\s|\s[-–—]\s")

FEATURES = (
    "log_words", "ends_sentence", "capitalised_share", "stop_share", "punct_share",
    "digit_share", "link_like", "separators", "all_caps", "commas",
    "position", "log_prev_words", "log_next_words", "log_distance_to_prose",
    "short_neighbours", "block_lines", "recurrence", "recurs",
    "before_prose", "after_prose", "prose_density",
    "outside_region", "region_good", "log_distance_to_region",
)
DENSITY_WINDOW = 10  # lines either side in which prose lines are counted
PROSE_WORDS = 25  # a line this long is prose: the anchor the distance feature measures


@dataclass(frozen=True)
class LineModel:
    """Standardise, then a logistic regression; ``threshold`` on the junk probability."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, features: Sequence[float]) -> float:
        z = self.intercept + sum(
            c * (x - m) / s
            for c, x, m, s in zip(self.coef, features, self.mean, self.scale, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "mean": list(self.mean),
                "scale": list(self.scale), "coef": list(self.coef),
                "intercept": self.intercept, "threshold": self.threshold}


@cache
def shipped_model() -> LineModel | None:
    """The model in the package; None when it is absent or made for other features."""
    try:
        data = json.loads(resources.files("storywire.clean").joinpath(MODEL_FILE)
                          .read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if tuple(data.get("features", ())) != FEATURES:
        return None
    return LineModel(tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]),
                     float(data["intercept"]), float(data["threshold"]))


def _shape(text: str) -> list[float]:
    words = text.split()
    letters = _WORDS.findall(text)
    n = max(1, len(words))
    chars = max(1, len(text))
    lowered = [w.casefold() for w in letters]
    capitalised = sum(w[:1].isupper() for w in letters)
    return [
        math.log1p(len(words)),
        float(text.endswith(LEAD_IN_END)),
        capitalised / max(1, len(letters)),
        sum(w in STOP_WORDS for w in lowered) / n,
        len(_PUNCT.findall(text)) / chars,
        len(_DIGITS.findall(text)) / chars,
        float(bool(_URLISH.search(text))),
        float(len(_SEPARATORS.findall(text))),
        float(text.isupper() and len(letters) > 0),
        float(min(text.count(","), 5)),
    ]


def _distances(words: Sequence[int]) -> list[int]:
    """For each line, how many lines away the nearest prose line is (two passes)."""
    n = len(words)
    far = n
    out = [far] * n
    last = -far
    for i, w in enumerate(words):
        if w >= PROSE_WORDS:
            last = i
        out[i] = i - last if last >= 0 else far
    last = -1
    for i in range(n - 1, -1, -1):
        if words[i] >= PROSE_WORDS:
            last = i
        if last >= 0:
            out[i] = min(out[i], last - i)
    return out


def text_features(texts: Sequence[str], blocks: Sequence[int], keys: Sequence[str | None],
                  line_counts: Mapping[str, int], outlet_articles: int,
                  region: Sequence[tuple[float, float, float]] | None = None
                  ) -> list[list[float] | None]:
    """The features of the non-blank lines of one text, in order; None for the lines
    whose key is None (not to be judged: their shape is not computed). ``region`` gives
    each line's place against the article's run (``clean.region``): outside it, judged
    good by jusText, log distance to it; zeros without it."""
    n = len(texts)
    words = [len(t.split()) for t in texts]
    distances = _distances(words)
    block_sizes: dict[int, int] = {}
    for b in blocks:
        block_sizes[b] = block_sizes.get(b, 0) + 1
    prose = [i for i, w in enumerate(words) if w >= PROSE_WORDS]
    first, last = (prose[0], prose[-1]) if prose else (n, -1)
    seen = [0]
    for w in words:
        seen.append(seen[-1] + (w >= PROSE_WORDS))
    rows = []
    for i, text in enumerate(texts):
        if keys[i] is None:
            rows.append(None)
            continue
        lo, hi = max(0, i - DENSITY_WINDOW), min(n, i + DENSITY_WINDOW + 1)
        window = [words[j] for j in range(max(0, i - 3), min(n, i + 4)) if j != i]
        count = line_counts.get(keys[i], 0)
        recurrence = ((count - 1) / (outlet_articles - 1)
                      if outlet_articles > 1 and count > 1 else 0.0)
        rows.append([
            *_shape(text),
            i / max(1, n - 1),
            math.log1p(words[i - 1] if i else 0),
            math.log1p(words[i + 1] if i + 1 < n else 0),
            math.log1p(distances[i]),
            sum(w <= 6 for w in window) / max(1, len(window)),
            math.log1p(block_sizes[blocks[i]]),
            min(1.0, recurrence),
            float(count > 1 and outlet_articles > 1),
            float(i < first),
            float(i > last),
            (seen[hi] - seen[lo]) / (hi - lo),
            *(region[i] if region is not None else (0.0, 0.0, 0.0)),
        ])
    return rows
