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
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from storywire.evaluation.quotes import documents, match, parsed, read_ann, speaker_right
from storywire.understand.entities import find_mentions
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
        finder = SpeakerFinder(doc, mentions, quoted)
        candidates = speaker_candidates(doc, finder, quotes)
        for qi, gi in match(quotes, golds):
            quote, gold = quotes[qi], golds[gi]
            if not candidates[qi]:
                continue
            right = [speaker_right(_as(quote, c.speaker), gold) for c in candidates[qi]]
            out.append(Example(index, [c.features for c in candidates[qi]], right,
                               speaker_right(quote, gold)))
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


def accuracy(model: SpeakerModel, held_out: list[Example]) -> float:
    """Share of matched quotes whose best-scored candidate is right (no candidate: wrong)."""
    right = 0
    for example in held_out:
        scores = [model.score(f) for f in example.features]
        right += example.right[scores.index(max(scores))]
    return right / max(1, len(held_out))


def cross_validate(data: list[Example], c: float = C, folds: int = FOLDS
                   ) -> tuple[float, float]:
    """(model, rules) speaker accuracy over ``folds`` folds of whole documents."""
    model_right = rule_right = 0.0
    for fold in range(folds):
        held = [e for e in data if e.document % folds == fold]
        rest = [e for e in data if e.document % folds != fold]
        model_right += accuracy(fit(rest, c), held) * len(held)
        rule_right += sum(e.rule_right for e in held)
    return model_right / max(1, len(data)), rule_right / max(1, len(data))


def main() -> None:  # pragma: no cover - a command, run by hand to re-make the weights
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=Path("../shared/data/polnear"))
    parser.add_argument("--output", type=Path, help="Write the weights here (JSON).")
    parser.add_argument("--cache", type=Path, help="Keep parsed texts in this folder.")
    parser.add_argument("--c", type=float, nargs="*", default=[C],
                        help="Regularisation strengths to cross-validate.")
    args = parser.parse_args()
    data = examples(args.data, "train", args.cache)
    for c in args.c:
        model_cv, rules = cross_validate(data, c)
        print(f"C={c:g}: {FOLDS}-fold cross-validation on train, speaker accuracy over "
              f"{len(data)} matched quotes: model {model_cv:.3f}, rules {rules:.3f}")
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
