"""Fit the line classifier on the development half of the Readability pages.

The rows are the lines the rules leave undecided (``clean.text.undecided_lines``) in both
inputs of every development page, labelled as the harness labels them. A logistic
regression (scikit-learn, standardised features, balanced classes) is fitted; the junk
threshold is the lowest one that costs at most ``MAX_SENTENCE_LOSS`` of the development
half's article sentences. The weights are written as JSON into the package.
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


def training_rows(pages: list[Page]) -> tuple[list[list[float]], list[int], list[int], int]:
    """Features, labels (1 junk), sentences per row, and all article sentences."""
    rows: list[list[float]] = []
    labels: list[int] = []
    weights: list[int] = []
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
    return rows, labels, weights, total_sentences


def train(pages: list[Page]) -> dict[str, object]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    rows, labels, weights, total = training_rows(pages)
    x, y = np.array(rows), np.array(labels)
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    fit = LogisticRegression(class_weight="balanced", C=1.0, max_iter=2000).fit(
        (x - scaler.mean_) / scale, y)
    probabilities = fit.predict_proba((x - scaler.mean_) / scale)[:, 1]
    budget = MAX_SENTENCE_LOSS * total
    threshold = 0.99
    for candidate in np.arange(0.995, 0.49, -0.0025):
        lost = sum(w for p, w in zip(probabilities, weights, strict=True) if p >= candidate)
        if lost > budget:
            break
        threshold = float(round(candidate, 4))
    model = LineModel(tuple(map(float, scaler.mean_)), tuple(map(float, scale)),
                      tuple(map(float, fit.coef_[0])), float(fit.intercept_[0]), threshold)
    path = resources.files("storywire.clean").joinpath(MODEL_FILE)
    with resources.as_file(path) as target:
        target.write_text(json.dumps(model.to_json(), indent=1) + "\n", "utf-8")
    shipped_model.cache_clear()
    junk = probabilities >= threshold
    return {
        "rows": len(rows), "junk_rows": int(y.sum()), "threshold": threshold,
        "junk_rows_removed": round(float(junk[y == 1].mean()), 4),
        "article_rows_removed": round(float(junk[y == 0].mean()), 4),
        "weights": dict(zip(FEATURES, (round(float(c), 3) for c in fit.coef_[0]), strict=True)),
    }
