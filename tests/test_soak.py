"""The soak's short version: real ECB+ articles, ingest killed (SIGKILL) at random moments,
the store whole after each restart and equal to an uninterrupted run's at the end."""

from __future__ import annotations

from storywire.evaluation.soak import soak

from conftest import shared_data


def test_ingest_killed_at_random_moments_ends_as_an_uninterrupted_run(tmp_path):
    data = shared_data("ecbplus").parent
    report = soak(data, seconds=60, seed=7, articles=15, phases=("ingest",), kills=2,
                  folder=tmp_path)
    assert report.differences == []
    assert report.kills + report.completed >= 2
    assert report.checks >= report.kills + 1
    assert report.items > 0
