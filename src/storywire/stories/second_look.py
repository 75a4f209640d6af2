"""A second look at a story: do its reports fall into two groups?

A one-pass assigner never revisits a decision. When the first report of a second,
look-alike event (the same boxer's next title defence, the same team's next injury)
clears the join threshold, it lands in the first event's story, and the mixed centroid
then draws in the rest of both. Those two events still show as two groups among the
story's reports: each event's reports share the names and figures the other's lack
(the opponent, the score), so they are much closer within a group than across.

``two_groups`` splits a story's reports in two with Ward's linkage (SciPy's hierarchical
clustering, on the distances of the same weighted word and name vectors the join score
reads) and says how far apart the two groups are: the mean score between them over the
lower of the two mean scores within. Ward's criterion prefers two sizeable groups over
cutting off one stray report; the assigner splits only when both groups are large
enough and the ratio is low (docs/stories.md gives the figures). Reports are compared
with each other, not against a fixed threshold, so the words every report of a topic
shares weigh nothing: what counts is what one group says and the other does not.
``compare`` measures two stories' reports the same way, for a merge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform


@dataclass(frozen=True)
class Groups:
    """Two groups of reports: ``labels[i]`` is 0 or 1 for report ``i``."""

    labels: tuple[int, ...]
    between: float      # mean score of a report with one of the other group
    within: float       # the lower of the two groups' mean score among their reports

    @property
    def ratio(self) -> float:
        """Between over within: low when the groups are two different events."""
        return self.between / self.within if self.within > 0 else 1.0


def scores(terms: Sequence[sparse.csr_matrix], names: Sequence[sparse.csr_matrix],
           name_weight: float) -> np.ndarray:
    """Report-by-report join scores without time: the assigner's weighted sum of the
    word cosine and the name cosine (rows are unit vectors, or empty)."""
    words = sparse.vstack(terms, format="csr")
    named = sparse.vstack(names, format="csr")
    return ((1 - name_weight) * (words @ words.T).toarray()
            + name_weight * (named @ named.T).toarray())


def two_groups(terms: Sequence[sparse.csr_matrix], names: Sequence[sparse.csr_matrix],
               name_weight: float, min_size: int) -> Groups | None:
    """The best split of the reports in two by Ward's linkage, or None when there are
    too few reports or one group would hold fewer than ``min_size``."""
    count = len(terms)
    if count < 2 * min_size or min_size < 1:
        return None
    similar = scores(terms, names, name_weight)
    # the weighted vectors' squared distances: |x|^2 + |y|^2 - 2 x.y
    norms = np.diag(similar)
    distances = np.sqrt(np.maximum(norms[:, None] + norms[None, :] - 2 * similar, 0.0))
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="ward")
    labels = fcluster(tree, 2, criterion="maxclust") - 1
    if len(set(labels.tolist())) != 2:
        return None
    ones = labels != labels[0]  # the group of the earliest report is group 0
    if (~ones).sum() < min_size or ones.sum() < min_size:
        return None
    return _measure(similar, ones)


def compare(first: tuple[Sequence[sparse.csr_matrix], Sequence[sparse.csr_matrix]],
            second: tuple[Sequence[sparse.csr_matrix], Sequence[sparse.csr_matrix]],
            name_weight: float) -> Groups | None:
    """How far apart two stories' reports are, given as (terms, names) each; None when
    neither has two reports (there is no within to compare with)."""
    if len(first[0]) < 2 and len(second[0]) < 2:
        return None
    similar = scores(list(first[0]) + list(second[0]), list(first[1]) + list(second[1]),
                     name_weight)
    ones = np.arange(similar.shape[0]) >= len(first[0])
    return _measure(similar, ones)


def _measure(similar: np.ndarray, ones: np.ndarray) -> Groups:
    withins = [_mean_within(similar, group) for group in (~ones, ones) if group.sum() > 1]
    between = float(similar[np.ix_(~ones, ones)].mean())
    return Groups(labels=tuple(int(x) for x in ones), between=between, within=min(withins))


def _mean_within(similar: np.ndarray, members: np.ndarray) -> float:
    block = similar[np.ix_(members, members)]
    size = block.shape[0]
    return float((block.sum() - np.trace(block)) / (size * (size - 1)))
