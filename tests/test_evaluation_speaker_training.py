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


def test_grouped_folds_keep_each_outlet_or_quarter_in_one_fold():
    from storywire.evaluation.speaker_training import document_folds

    names = ["herald_2016-01-04_council-votes", "herald_2016-05-20_bridge-opens",
             "gazette_2016-02-11_mayor-resigns", "gazette_2016-03-30_budget-passes",
             "courier_2016-11-02_polls-close"]
    assert document_folds(names, "publisher") == [2, 2, 1, 1, 0]
    assert document_folds(names, "quarter") == [0, 1, 0, 0, 2]


def test_date_folds_are_runs_of_consecutive_publication_dates():
    from storywire.evaluation.speaker_training import document_folds

    names = ["herald_2016-05-20_bridge-opens", "gazette_2016-02-11_mayor-resigns",
             "courier_2016-11-02_polls-close", "herald_2016-01-04_council-votes",
             "gazette_2016-03-30_budget-passes", "courier_2016-09-14_debate-night"]
    # Sorted by date: council, mayor | budget, bridge | debate, polls.
    assert document_folds(names, "date", folds=3) == [1, 0, 2, 0, 1, 2]
    # Every fold holds dates later than every date of the fold before it.
    fold_of = document_folds(names, "date", folds=2)
    dates = [name.split("_")[1] for name in names]
    assert max(d for d, f in zip(dates, fold_of, strict=True) if f == 0) < min(
        d for d, f in zip(dates, fold_of, strict=True) if f == 1)


def test_cross_validation_over_grouped_folds_scores_every_group_once():
    data = examples(shared_data("polnear"), "train", limit=12)
    fold_of = [i // 4 for i in range(12)]  # three groups of four neighbouring articles
    cv = cross_validate(data, fold_of=fold_of)
    assert len(cv.fold_direct) == 3
    assert cv.direct_quotes == sum(e.direct for e in data)
