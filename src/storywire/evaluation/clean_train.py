"""Fit the line classifier on the development half of the Readability pages (and, when
given, of the second set too).

The rows are the lines the rules leave undecided (``clean.text.undecided_lines``) in both
inputs of every development page, labelled as the harness labels them. A logistic
regression (scikit-learn, standardised features, balanced classes) is fitted. Its
regularisation and its junk threshold are chosen on out-of-fold probabilities, the pages
split by site (``evaluation.clean.site_of``) into ``FOLDS`` groups: a threshold chosen on
the rows the model was fitted on is optimistic for a site it has not seen, which is every
site the cleaner meets. The threshold is the lowest one that costs at most
``MAX_SENTENCE_LOSS`` of the development half's article sentences out of fold; the model
written into the package is then fitted on all rows.
"""

from __future__ import annotations

import json
from importlib import resources

from storywire.clean.classifier import FEATURES, MODEL_FILE, LineModel, shipped_model
from storywire.clean.text import undecided_lines
from storywire.evaluation.clean import (
    INPUTS,
    Page,
    hints_for,
    norm,
    sentences,
    site_line_counts,
)

MAX_SENTENCE_LOSS = 0.0007  # of the development half's article sentences
FOLDS = 5
# inverse regularisation strengths tried (scikit-learn's C)
STRENGTHS = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
THRESHOLDS = [round(0.9995 - 0.0025 * k, 4) for k in range(200)]


def training_rows(pages: list[Page]
                  ) -> tuple[list[list[float]], list[int], list[int], list[str], int]:
    """Features, labels (1 junk), sentences per row, site per row, all article sentences."""
    rows: list[list[float]] = []
    labels: list[int] = []
    weights: list[int] = []
    sites: list[str] = []
    total_sentences = 0
    for kind in INPUTS:
        recurrence = site_line_counts(pages, kind)
        for page in pages:
            if page.split != "dev":
                continue
            label_of: dict[str, bool] = {}
            for line, label in zip(page.lines[kind], page.labels[kind], strict=True):
                if label is None:
                    continue
                key = norm(line)
                label_of[key] = label_of.get(key, False) or label
                if label:
                    total_sentences += len(sentences(line))
            for text, row in undecided_lines(page.text(kind), hints_for(page, kind, recurrence)):
                label = label_of.get(norm(text))
                if label is None:
                    continue
                rows.append(row)
                labels.append(0 if label else 1)
                weights.append(len(sentences(text)) if label else 0)
                sites.append(page.site)
    return rows, labels, weights, sites, total_sentences


def _fit(x, y, strength: float):  # numpy arrays in, a fitted scaler and model out
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    fit = LogisticRegression(class_weight="balanced", C=strength, max_iter=3000).fit(
        scaler.transform(x), y)
    return scaler, fit


def _threshold(probabilities, y, weights, budget: float) -> tuple[float, int]:
    """The lowest threshold within the sentence budget, and the junk rows it removes."""
    best = (1.0, 0)
    for candidate in THRESHOLDS:
        junk = probabilities >= candidate
        if float(weights[junk].sum()) > budget:
            break
        best = (candidate, int(junk[y == 1].sum()))
    return best


def out_of_fold(x, y, groups, strength: float):  # numpy arrays in and out
    """Each row's junk probability from a model fitted without the row's site."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    probabilities = np.zeros(len(y))
    for fitted, held in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        scaler, fit = _fit(x[fitted], y[fitted], strength)
        probabilities[held] = fit.predict_proba(scaler.transform(x[held]))[:, 1]
    return probabilities


def train(pages: list[Page], max_sentence_loss: float = MAX_SENTENCE_LOSS
          ) -> dict[str, object]:
    """Fit on the development pages given (of one set or several) and write the model;
    ``max_sentence_loss`` is the share of their article sentences the threshold may cost
    out of fold."""
    import numpy as np

    rows, labels, weights, sites, total = training_rows(pages)
    x, y, w, groups = np.array(rows), np.array(labels), np.array(weights), np.array(sites)
    budget = max_sentence_loss * total
    chosen = None
    tried = {}
    for strength in STRENGTHS:
        probabilities = out_of_fold(x, y, groups, strength)
        threshold, removed = _threshold(probabilities, y, w, budget)
        # what the same model removes out of fold when it may cost no article sentence
        # at all: the share of its gain that is paid for with article text
        tried[str(strength)] = {"threshold": threshold, "junk_rows_removed": removed,
                                "junk_rows_removed_at_no_loss":
                                    _threshold(probabilities, y, w, 0.0)[1]}
        if chosen is None or removed > chosen[2]:
            chosen = (strength, threshold, removed)
    assert chosen is not None
    strength, threshold, _ = chosen
    scaler, fit = _fit(x, y, strength)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LineModel(tuple(map(float, scaler.mean_)), tuple(map(float, scale)),
                      tuple(map(float, fit.coef_[0])), float(fit.intercept_[0]), threshold)
    path = resources.files("storywire.clean").joinpath(MODEL_FILE)
    with resources.as_file(path) as target:
        target.write_text(json.dumps(model.to_json(), indent=1) + "\n", "utf-8")
    shipped_model.cache_clear()
    junk = fit.predict_proba(scaler.transform(x))[:, 1] >= threshold
    return {
        "rows": len(rows), "junk_rows": int(y.sum()), "sites": len(set(sites)),
        "max_sentence_loss": max_sentence_loss, "C": strength, "threshold": threshold,
        "cross_validated": tried,
        "junk_rows_removed": round(float(junk[y == 1].mean()), 4),
        "article_rows_removed": round(float(junk[y == 0].mean()), 4),
        "weights": dict(zip(FEATURES, (round(float(c), 3) for c in fit.coef_[0]), strict=True)),
    }
