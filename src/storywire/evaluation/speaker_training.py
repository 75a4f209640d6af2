"""Training the speaker model on PolNeAR train, and cross-validating it there.

Every quote the stage finds that matches a gold attribution gives one example per
candidate speaker (``understand.ranking``), labelled right when the candidate names the
gold source (the harness's rule: overlaps it or shares a name word). A logistic
regression (scikit-learn) learns the weights; they are written as JSON, feature name ->
weight, which ``understand.ranking`` applies without scikit-learn.

Re-make the shipped weights:
``python -m storywire.evaluation.speaker_training ../shared/data/polnear
--output src/storywire/understand/data/speaker_model.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from storywire.evaluation.quotes import (
    date_runs,
    documents,
    match,
    parsed,
    quoted_share,
    read_ann,
    speaker_right,
)
from storywire.understand.entities import find_mentions
from storywire.understand.marks import find_marked
from storywire.understand.quotes import Quote, quoted_spans, speaker_candidates
from storywire.understand.quotes import find_quotes as find_all_quotes
from storywire.understand.ranking import SpeakerModel
from storywire.understand.speakers import SpeakerFinder

C = 1.0  # inverse regularisation strength, chosen by cross-validation on train
FOLDS = 5


@dataclass
class Example:
    """One matched quote: its candidates' features, which are right, the rules' verdict."""

    document: int
    features: list[dict[str, float]]
    right: list[bool]
    rule_right: bool
    direct: bool = False  # at least half of the quote inside quotation marks


def examples(root: Path, split: str, cache: Path | None = None,
             limit: int | None = None) -> list[Example]:
    """The training examples of a PolNeAR split."""
    docs = documents(root, split)[:limit]
    out = []
    for index, ((text_path, ann_path), doc) in enumerate(zip(
            docs, parsed([t for t, _ in docs], split, cache), strict=True)):
        golds = read_ann(ann_path)
        mentions = find_mentions(doc)
        quotes = find_all_quotes(doc, partial(SpeakerFinder, doc, mentions), model=None)
        _, quoted = quoted_spans(text_path.read_text("utf-8"))
        marks = [(m.open_at, (m.close_at + 1) if m.close_at is not None else m.end)
                 for m in find_marked(text_path.read_text("utf-8"))]
        finder = SpeakerFinder(doc, mentions, quoted)
        candidates = speaker_candidates(doc, finder, quotes)
        for qi, gi in match(quotes, golds):
            quote, gold = quotes[qi], golds[gi]
            if not candidates[qi]:
                continue
            right = [speaker_right(_as(quote, c.speaker), gold) for c in candidates[qi]]
            out.append(Example(index, [c.features for c in candidates[qi]], right,
                               speaker_right(quote, gold),
                               quoted_share(marks, quote.start, quote.end) >= 0.5))
    return out


def _as(quote: Quote, speaker: Any) -> Quote:
    return Quote(quote.text, quote.kind, quote.start, quote.end, speaker=speaker)


def fit(train: list[Example], c: float = C) -> SpeakerModel:
    """Logistic regression over every candidate of quotes that have a right candidate."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for example in train:
        if any(example.right):
            rows.extend(example.features)
            labels.extend(example.right)
    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform(rows)
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000)
    model.fit(matrix, labels)
    names = vectoriser.get_feature_names_out()
    return SpeakerModel({str(n): round(float(w), 5) for n, w in zip(names, model.coef_[0],
                                                                    strict=True)
                         if abs(w) > 1e-6})


def chosen_right(model: SpeakerModel, example: Example) -> bool:
    """Whether the best-scored candidate of a quote is right."""
    scores = [model.score(f) for f in example.features]
    return example.right[scores.index(max(scores))]


def accuracy(model: SpeakerModel, held_out: list[Example]) -> float:
    """Share of matched quotes whose best-scored candidate is right (no candidate: wrong)."""
    return sum(chosen_right(model, e) for e in held_out) / max(1, len(held_out))


@dataclass
class CrossValidation:
    """Speaker accuracy of the model (retrained per fold) and of the rules alone, over all
    matched quotes and over the direct ones. The per-fold direct accuracies tell a real
    gain from fold noise; ``covered_direct`` (direct quotes with a right candidate) is
    what no ranking can exceed."""

    quotes: int
    direct_quotes: int
    model: float
    rules: float
    model_direct: float
    rules_direct: float
    model_direct_right: int = 0
    covered_direct: int = 0
    fold_direct: list[float] = field(default_factory=list)


def document_folds(names: list[str], by: str, folds: int = FOLDS) -> list[int]:
    """Each document's fold when folds group PolNeAR's articles (named
    ``<publisher>_<yyyy-mm-dd>_<slug>``) by ``publisher``, by ``quarter`` of publication,
    or by ``date``: ``folds`` runs of consecutive publication dates of near-equal size, as
    PolNeAR's dev split is the month after train's last article. No fold is then scored
    on an outlet or on weeks its model was trained on, a check that cross-validation over
    interleaved articles does not flatter the model."""
    if by == "date":
        return date_runs(names, folds)
    if by == "publisher":
        keys = [name.split("_")[0] for name in names]
    elif by == "quarter":
        keys = [f"{d[:4]}-{(int(d[5:7]) - 1) // 3}" for d in (n.split("_")[1] for n in names)]
    else:
        raise ValueError(f"unknown grouping {by!r}")
    order = {key: i for i, key in enumerate(sorted(set(keys)))}
    return [order[key] for key in keys]


def cross_validate(data: list[Example], c: float = C, folds: int = FOLDS,
                   fold_of: list[int] | None = None) -> CrossValidation:
    """Speaker accuracy over ``folds`` folds of whole documents (document i in fold i mod
    ``folds``, or in ``fold_of[i]`` when given): trained on the other folds, scored on
    each."""
    if fold_of is None:
        fold_of = [i % folds for i in range(max((e.document for e in data), default=0) + 1)]
    else:
        folds = max(fold_of, default=0) + 1
    model_right: dict[bool, int] = {True: 0, False: 0}
    rule_right: dict[bool, int] = {True: 0, False: 0}
    per_fold = []
    for fold in range(folds):
        held = [e for e in data if fold_of[e.document] == fold]
        model = fit([e for e in data if fold_of[e.document] != fold], c)
        fold_right = 0
        for example in held:
            right = chosen_right(model, example)
            model_right[example.direct] += right
            rule_right[example.direct] += example.rule_right
            fold_right += right and example.direct
        per_fold.append(fold_right / max(1, sum(e.direct for e in held)))
    direct = sum(e.direct for e in data)
    return CrossValidation(
        len(data), direct, sum(model_right.values()) / max(1, len(data)),
        sum(rule_right.values()) / max(1, len(data)), model_right[True] / max(1, direct),
        rule_right[True] / max(1, direct), model_right[True],
        sum(e.direct and any(e.right) for e in data), per_fold)


def describe(cv: CrossValidation) -> str:
    """One line: direct and all-quote accuracy, the folds' spread and candidate coverage."""
    folds = " ".join(f"{a:.3f}" for a in cv.fold_direct)
    return (f"speaker accuracy, {len(cv.fold_direct)}-fold cross-validation on train: "
            f"direct quotes ({cv.direct_quotes}) model {cv.model_direct:.4f} "
            f"({cv.model_direct_right}; "
            f"folds {folds}), rules alone {cv.rules_direct:.3f}, a right candidate for "
            f"{cv.covered_direct} ({cv.covered_direct / max(1, cv.direct_quotes):.3f}); all "
            f"matched quotes ({cv.quotes}) model {cv.model:.3f}, rules alone {cv.rules:.3f}")


def main() -> None:  # pragma: no cover - a command, run by hand to re-make the weights
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=Path("../shared/data/polnear"))
    parser.add_argument("--output", type=Path, help="Write the weights here (JSON).")
    parser.add_argument("--cache", type=Path, help="Keep parsed texts in this folder.")
    parser.add_argument("--c", type=float, nargs="*", default=[C],
                        help="Regularisation strengths to cross-validate.")
    parser.add_argument("--fold-by", choices=("article", "publisher", "quarter", "date"),
                        default="article", help="Group the folds' articles (a check).")
    args = parser.parse_args()
    data = examples(args.data, "train", args.cache)
    fold_of = None if args.fold_by == "article" else document_folds(
        [text.stem for text, _ in documents(args.data, "train")], args.fold_by)
    for c in args.c:
        print(f"C={c:g}: {describe(cross_validate(data, c, fold_of=fold_of))}")
    if args.output:
        model = fit(data, args.c[0])
        payload = {"about": "Speaker-candidate weights (logistic regression, scikit-learn) "
                            "trained on PolNeAR train; see docs/understand.md for the "
                            "data's terms and storywire.evaluation.speaker_training to "
                            "re-make this file.",
                   "trained_on": "PolNeAR train", "examples": len(data), "c": args.c[0],
                   "weights": dict(sorted(model.weights.items()))}
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(payload, indent=1) + "\n", "utf-8")
        print(f"wrote {args.output} ({len(model.weights)} weights)")


if __name__ == "__main__":  # pragma: no cover
    main()
