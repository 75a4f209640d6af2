"""The worker pool changes where the pure work runs, never the result."""

from __future__ import annotations

import json

import pytest

from storywire.demo import corpus_path
from storywire.pipeline import Pipeline, PipelineOptions, _segments, build_stages
from storywire.store import open_store

from conftest import shared_data


def _export(db, inputs, workers: int) -> str:
    with open_store(db) as store, Pipeline(store, PipelineOptions(workers=workers)) as pipeline:
        report = pipeline.ingest([str(path) for path in inputs])
        assert report.added > 0
        return "".join(json.dumps(a.to_export(), ensure_ascii=False, sort_keys=True) + "\n"
                       for a in store.iter_articles())


def test_the_demo_export_is_the_same_byte_for_byte_with_one_and_two_workers(tmp_path):
    """On SQLite alone: the pool runs the stages' pure halves, which read no store, and
    the ECB+ batches below run the pool beside a PostgreSQL writer too."""
    alone = _export(str(tmp_path / "one.db"), [corpus_path()], workers=1)
    pooled = _export(str(tmp_path / "two.db"), [corpus_path()], workers=2)
    assert pooled == alone


@pytest.mark.parametrize("batch_size", [7])
def test_real_articles_across_batches_give_the_same_export(tmp_path, batch_size, db_location,
                                                           other_location):
    """ECB+ articles, in small batches so that the writer settles one batch while the
    workers prepare the next, and learned junk, copies and stories cross batch borders."""
    source = shared_data("ecbplus") / "articles.jsonl"
    lines = source.read_text(encoding="utf-8").splitlines()[:60]
    sample = tmp_path / "ecb.jsonl"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def export(location: str, workers: int) -> str:
        options = PipelineOptions(workers=workers, batch_size=batch_size)
        with open_store(location) as store, Pipeline(store, options) as pipeline:
            pipeline.ingest([str(sample)])
            return "".join(json.dumps(a.to_export(), sort_keys=True) + "\n"
                           for a in store.iter_articles())

    assert export(other_location("two.db"), 2) == export(db_location, 1)


def test_pure_halves_travel_together_until_a_stateful_half_is_needed():
    stages = build_stages(None, PipelineOptions())
    runs = [([s.name for s in pure], [s.name for s in stateful])
            for pure, stateful in _segments(stages)]
    # extract, clean and language go out together; the parse waits for the copy links.
    assert runs[0][0] == ["extract", "clean", "language"]  # one worker: no parse ahead
    assert runs[1][0] == ["understand"]
    assert "clean" in runs[0][1] and "stories" in runs[1][1]
