"""The soak's short version: real ECB+ articles, ingest killed (SIGKILL) at random moments,
the store whole after each restart and equal to an uninterrupted run's at the end.

SQLite only: the soak checks each restarted store by reading its SQLite file directly."""

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


def test_backfill_killed_at_random_moments_resumes_to_an_uninterrupted_run(tmp_path):
    """The backfill's work directory and the store together survive a SIGKILL anywhere:
    on the cluster, between shards, or while the writer loads them."""
    data = shared_data("readability-pages").parent
    report = soak(data, seconds=60, seed=11, phases=("backfill",), kills=1, folder=tmp_path)
    assert report.differences == []
    assert report.kills + report.completed >= 1
    assert report.items > 0
