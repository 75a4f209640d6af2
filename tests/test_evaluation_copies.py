"""The copy-detection harness runs end to end on a small slice of the shared data."""

from __future__ import annotations

from storywire.evaluation.copies import evaluate, markdown

from conftest import shared_data


def test_harness_scores_a_small_slice_of_the_dev_split():
    data = shared_data("polnear").parent
    shared_data("ecbplus")
    result = evaluate(data, "dev", limit=8)
    assert result.counts["originals"] == 8
    assert result.counts["labelled copies"] == 40
    assert result.counts["independent pairs"] > 500
    for kind in ("excerpt", "reworded"):
        assert result.kinds[kind]["recall"] >= 0.85, (kind, result.kinds[kind])
    assert result.kinds["exact"]["precision"] >= 0.95
    assert result.independent["rate pair by pair"] <= 0.02
    assert "| reworded |" in markdown(result)
