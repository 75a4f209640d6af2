"""The speaker model's cross-validation on PolNeAR train articles: folds are whole
articles, and the figures it reports (per-fold spread, candidate coverage) agree with
each other."""

from __future__ import annotations

from storywire.evaluation.speaker_training import cross_validate, describe, examples

from conftest import shared_data


def test_cross_validation_reports_folds_and_the_coverage_no_ranking_can_beat():
    data = examples(shared_data("polnear"), "train", limit=12)
    direct = [e for e in data if e.direct]
    assert len({e.document for e in data}) > 2 and direct
    cv = cross_validate(data, folds=3)
    assert len(cv.fold_direct) == 3
    assert cv.direct_quotes == len(direct)
    assert cv.covered_direct == sum(any(e.right) for e in direct)
    # A quote none of whose candidates names its source is wrong whatever the model does.
    assert cv.model_direct_right <= cv.covered_direct <= cv.direct_quotes
    assert abs(cv.model_direct - cv.model_direct_right / cv.direct_quotes) < 1e-9
    line = describe(cv)
    assert f"a right candidate for {cv.covered_direct}" in line and "folds " in line
