"""Sentence alignment: does one text follow another sentence by sentence, in order?

A rewrite keeps the original's sentences in their order and swaps the words inside them;
two reporters covering one event share names, numbers and facts, but not the sequence of
sentences. So each sentence is reduced to its set of content terms, and a dynamic program
finds the largest in-order, one-to-one alignment of sentences whose term sets overlap
(Dice >= ``min_similarity``). A copy sentence may also stand for two adjacent original
sentences (a merge), and two copy sentences for one original (a split).

How much of each text that alignment covers is what ``detect`` judges.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Terms = frozenset[str]


@dataclass
class AlignedPair:
    copy: tuple[int, ...]       # sentence indexes in the copy (one, or two for a split)
    original: tuple[int, ...]   # sentence indexes in the original (one, or two for a merge)
    similarity: float


@dataclass
class Alignment:
    pairs: list[AlignedPair] = field(default_factory=list)
    copy_sentences: int = 0      # sentences long enough to judge (>= min_terms terms)
    original_sentences: int = 0
    mutual: int | None = None    # pairs whose sentences are each other's nearest (vectors)

    @property
    def copy_coverage(self) -> float:
        covered = sum(len(p.copy) for p in self.pairs)
        return covered / self.copy_sentences if self.copy_sentences else 0.0

    @property
    def original_coverage(self) -> float:
        covered = sum(len(p.original) for p in self.pairs)
        return covered / self.original_sentences if self.original_sentences else 0.0

    @property
    def mutual_share(self) -> float:
        """Share of the pairs that are each other's nearest sentences (1.0 when unknown)."""
        if self.mutual is None or not self.pairs:
            return 1.0
        return self.mutual / len(self.pairs)

    @property
    def mean_similarity(self) -> float:
        return sum(p.similarity for p in self.pairs) / len(self.pairs) if self.pairs else 0.0


def _dice(shared: int, a: int, b: int) -> float:
    return 2.0 * shared / (a + b) if a + b else 0.0


def align(copy: list[Terms], original: list[Terms], min_similarity: float = 0.4,
          min_terms: int = 3) -> Alignment:
    """The best in-order alignment of ``copy``'s sentences onto ``original``'s."""
    xs = [i for i, terms in enumerate(copy) if len(terms) >= min_terms]
    os = [j for j, terms in enumerate(original) if len(terms) >= min_terms]
    result = Alignment(copy_sentences=len(xs), original_sentences=len(os))
    if not xs or not os:
        return result
    x_terms = [copy[i] for i in xs]
    o_terms = [original[j] for j in os]

    # Shared-term counts only where there are any (sparse), via postings of the original.
    postings: dict[str, list[int]] = defaultdict(list)
    for j, terms in enumerate(o_terms):
        for term in terms:
            postings[term].append(j)
    shared: list[dict[int, int]] = []
    for terms in x_terms:
        counts: dict[int, int] = defaultdict(int)
        for term in terms:
            for j in postings.get(term, ()):
                counts[j] += 1
        shared.append(counts)

    def one_one(i: int, j: int) -> float:
        return _dice(shared[i].get(j, 0), len(x_terms[i]), len(o_terms[j]))

    def merge(i: int, j: int) -> float:  # copy i <- original j-1 + j
        if not (shared[i].get(j - 1) and shared[i].get(j)):
            return 0.0
        union = o_terms[j - 1] | o_terms[j]
        return _dice(len(x_terms[i] & union), len(x_terms[i]), len(union))

    def split(i: int, j: int) -> float:  # copy i-1 + i <- original j
        if not (shared[i - 1].get(j) and shared[i].get(j)):
            return 0.0
        union = x_terms[i - 1] | x_terms[i]
        return _dice(len(union & o_terms[j]), len(union), len(o_terms[j]))

    result.pairs = _best_path(xs, os, one_one, merge, split, min_similarity,
                              lambda i: {j + 1 for j in shared[i]})
    return result


SimilarityAt = Callable[[int, int], float]


def _best_path(xs: list[int], os: list[int], one_one: SimilarityAt, merge: SimilarityAt,
               split: SimilarityAt, min_similarity: float,
               columns: Callable[[int], set[int]] | None = None) -> list[AlignedPair]:
    """The in-order alignment covering the most sentences (a dynamic program over the
    judged sentences ``xs`` of the copy and ``os`` of the original). ``columns(i)``, when
    given, names the only 1-based original columns worth trying for copy row ``i``."""
    n, m = len(xs), len(os)
    # score[i][j]: most sentences covered using copy[:i] and original[:j].
    score = [[0] * (m + 1) for _ in range(n + 1)]
    move: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, previous = score[i], score[i - 1]
        candidates_j = columns(i - 1) if columns else None
        for j in range(1, m + 1):
            best, how = previous[j], None
            if row[j - 1] > best:
                best = row[j - 1]
            if candidates_j is None or j in candidates_j:
                s = one_one(i - 1, j - 1)
                if s >= min_similarity and previous[j - 1] + 2 > best:
                    best, how = previous[j - 1] + 2, (1, 1, s)
                if j >= 2:
                    s = merge(i - 1, j - 1)
                    if s >= min_similarity and score[i - 1][j - 2] + 3 > best:
                        best, how = score[i - 1][j - 2] + 3, (1, 2, s)
                if i >= 2:
                    s = split(i - 1, j - 1)
                    if s >= min_similarity and score[i - 2][j - 1] + 3 > best:
                        best, how = score[i - 2][j - 1] + 3, (2, 1, s)
            row[j] = best
            move[i][j] = how
    # Walk back from the end.
    i, j = n, m
    pairs: list[AlignedPair] = []
    while i > 0 and j > 0:
        how = move[i][j]
        if how is None:
            if score[i][j] == score[i - 1][j]:
                i -= 1
            else:
                j -= 1
            continue
        di, dj, s = how
        pairs.append(AlignedPair(copy=tuple(xs[i - di + k] for k in range(di)),
                                 original=tuple(os[j - dj + k] for k in range(dj)),
                                 similarity=round(s, 3)))
        i, j = i - di, j - dj
    pairs.reverse()
    return pairs


def align_vectors(copy: Any, original: Any, copy_judged: list[int],
                  original_judged: list[int], min_similarity: float = 0.7) -> Alignment:
    """The same alignment by meaning: sentences as unit vectors (``embed``), similarity by
    cosine, merges and splits by the normalised sum of the two sentences' vectors.

    ``copy``/``original`` hold one row per sentence; only the rows named in ``*_judged``
    (sentences long enough to judge) take part, and the pairs name those sentence indexes.
    """
    import numpy as np

    xs, os = list(copy_judged), list(original_judged)
    result = Alignment(copy_sentences=len(xs), original_sentences=len(os))
    if not xs or not os:
        return result
    x, o = copy[xs], original[os]
    cosine = x @ o.T

    def unit(v: Any) -> Any:
        return v / max(float(np.linalg.norm(v)), 1e-12)

    def one_one(i: int, j: int) -> float:
        return float(cosine[i, j])

    def merge(i: int, j: int) -> float:
        return float(x[i] @ unit(o[j - 1] + o[j]))

    def split(i: int, j: int) -> float:
        return float(unit(x[i - 1] + x[i]) @ o[j])

    result.pairs = _best_path(xs, os, one_one, merge, split, min_similarity)
    # A rewrite's aligned sentences are each other's nearest; two reports retelling the same
    # facts align too, but each of their sentences is about as close to several others.
    nearest_original, nearest_copy = cosine.argmax(axis=1), cosine.argmax(axis=0)
    row, column = {i: k for k, i in enumerate(xs)}, {j: k for k, j in enumerate(os)}
    result.mutual = sum(
        1 for pair in result.pairs
        if any(os[nearest_original[row[i]]] in pair.original for i in pair.copy)
        and any(xs[nearest_copy[column[j]]] in pair.copy for j in pair.original))
    return result
