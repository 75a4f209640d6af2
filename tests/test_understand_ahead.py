"""The parse made ahead (with the first trip to the workers) is taken only where the
stored article's text, language and publication year are the ones it read, and then
equals the parse the understand stage would have made; on PolNeAR articles."""

from __future__ import annotations

from datetime import UTC, datetime

from storywire.clean.stage import CleanStage
from storywire.extract.stage import ExtractStage, LanguageStage
from storywire.model import Article, Capture
from storywire.pipeline import PipelineOptions, _segments, build_stages
from storywire.stage import Work
from storywire.understand.stage import AHEAD, UnderstandAheadStage, UnderstandStage

from conftest import shared_data


def _prepared(count: int) -> list[Work]:
    """PolNeAR texts through the first trip's pure halves, then the parse ahead."""
    root = shared_data("polnear") / "dev" / "text"
    works = [Work(capture=Capture(raw=path.read_bytes(), kind="text", origin=path.name))
             for path in sorted(root.glob("*.txt"))[:count]]
    for stage in (ExtractStage(), CleanStage(None), LanguageStage(),
                  UnderstandAheadStage()):
        stage.prepare_all(works)
    for work in works:
        work.article = Article(id=work.capture.article_id, capture_sha256=work.capture.sha256,
                               origin=work.capture.origin,
                               paragraphs=list(work.cleaned.paragraphs),
                               language=work.scratch["language"][1])
    return works


def test_the_parse_ahead_is_taken_only_for_the_text_it_read(understander):
    works = _prepared(4)
    assert all(AHEAD in work.scratch for work in works)
    changed = works[1].article
    changed.paragraphs = changed.paragraphs[1:]  # as when learned junk takes a line out
    assert works[2].cleaned.published is None  # read ahead with no year
    works[2].article.published = datetime(2016, 10, 1, tzinfo=UTC)  # a feed's date, say
    stage = UnderstandStage(None)
    stage.before_prepare(works)
    assert [stage.name in work.done for work in works] == [True, False, False, True]
    assert all(AHEAD not in work.scratch for work in works)  # not sent out again
    assert stage.has_work(works)
    stage.prepare_all(works)
    for work in works:
        article = work.article
        year = article.published.year if article.published else None
        expected = understander.understand(article.text, article.language, year)
        assert (article.entities, article.quotes, article.figures) == (
            expected.entities, expected.quotes, expected.figures)
    assert sum(len(work.article.quotes) for work in works) > 5
    assert not stage.has_work(works)


def test_the_parse_goes_out_with_the_first_trip_only_with_worker_processes():
    for workers, first in ((1, ["extract", "clean", "language"]),
                           (2, ["extract", "clean", "language", AHEAD])):
        segments = _segments(build_stages(None, PipelineOptions(workers=workers)))
        assert [stage.name for stage in segments[0][0]] == first
        assert [stage.name for stage in segments[1][0]] == ["understand"]
