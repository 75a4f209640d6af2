"""The bundled demo corpus: it ingests cleanly and what storywire reads matches its ground truth."""

from __future__ import annotations

import json
import re

import pytest

from storywire.demo import corpus_path, truth_path
from storywire.model import Article
from storywire.pipeline import Pipeline
from storywire.store import open_store

from conftest import BACKENDS, demo_key, new_location


def _norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


@pytest.fixture(scope="module")
def truth():
    return json.loads(truth_path().read_text("utf-8"))


@pytest.fixture(scope="module", params=BACKENDS)
def ingested(request, tmp_path_factory):
    """(report, {truth key: article}) for the demo corpus ingested into a fresh store: a
    SQLite file, then a PostgreSQL database."""
    for location in new_location(request, tmp_path_factory.mktemp("demo"), "demo.db"):
        with open_store(location) as store:
            report = Pipeline(store).ingest([str(corpus_path())])
            articles = list(store.iter_articles())
        by_key: dict[str, Article] = {demo_key(article): article for article in articles}
        yield report, by_key


def test_the_whole_corpus_ingests_without_errors(ingested, truth):
    report, by_key = ingested
    assert report.ok, [str(e) for e in report.errors]
    assert len(truth["articles"]) >= 60
    assert len({a["outlet"] for a in truth["articles"]}) >= 8
    assert len({a["event"] for a in truth["articles"]}) >= 10
    assert sorted(by_key) == sorted(a["key"] for a in truth["articles"])


def test_every_format_is_represented(truth):
    files = {a["file"].split("/")[0] for a in truth["articles"]}
    assert {"html", "text", "records.jsonl", "archive.warc.gz"} <= files


@pytest.mark.parametrize("field", ["outlet", "title", "language"])
def test_metadata_matches_the_ground_truth(ingested, truth, field):
    _, by_key = ingested
    wrong = []
    for expected in truth["articles"]:
        got = getattr(by_key[expected["key"]], field)
        if _norm(got) != _norm(expected[field]):
            wrong.append(f"{expected['key']}: {got!r} != {expected[field]!r}")
    assert not wrong, "\n".join(wrong)


def test_publication_dates_match_the_ground_truth(ingested, truth):
    _, by_key = ingested
    wrong = []
    for expected in truth["articles"]:
        got = by_key[expected["key"]].published
        want = expected.get("published")
        if want and (got is None or got.date().isoformat() != want[:10]):
            wrong.append(f"{expected['key']}: {got} != {want}")
    assert not wrong, "\n".join(wrong)


def test_authors_match_the_ground_truth(ingested, truth):
    _, by_key = ingested
    wrong = []
    for expected in truth["articles"]:
        got = [_norm(a) for a in by_key[expected["key"]].authors]
        want = [_norm(a) for a in expected.get("authors") or []]
        if sorted(got) != sorted(want):
            wrong.append(f"{expected['key']}: {got} != {want}")
    assert not wrong, "\n".join(wrong)


def test_junk_is_removed_and_the_article_kept(ingested, truth):
    _, by_key = ingested
    problems = []
    for expected in truth["articles"]:
        article = by_key[expected["key"]]
        text = _norm(article.text)
        for line in expected.get("junk_lines") or []:
            if _norm(line) and any(_norm(line) == _norm(p) for p in article.paragraphs):
                problems.append(f"{expected['key']}: junk kept: {line!r}")
        for sentence in expected.get("must_keep") or []:
            if _norm(sentence) not in text:
                problems.append(f"{expected['key']}: article text lost: {sentence!r}")
    assert not problems, "\n".join(problems)
