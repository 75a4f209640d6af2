"""The eval-clean harness on its second page set, Zyte's article-extraction-benchmark
(fetched into benchmarks/data by its README): the set is recognised, each page's two
inputs are built and labelled from its article body, the split is the documented one,
and the figures it reports are sane. A slice of a few pages keeps it fast; without the
set, a folder of two Readability pages in its shape checks the reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storywire.clean import CleanOptions
from storywire.evaluation.clean import (
    INPUTS,
    SPLITS,
    evaluate,
    has_metadata,
    load_pages,
    norm,
    sentences,
    split_of,
)

ROOT = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "article-extraction-benchmark"
SLICE = 6

needs_set = pytest.mark.skipif(
    not (ROOT / "ground-truth.json").is_file(),
    reason=f"the article-extraction-benchmark set is not fetched into {ROOT} (its README.md)")


@pytest.fixture(scope="module")
def pages():
    return load_pages(ROOT, limit=SLICE)


def _truth() -> dict:
    return json.loads((ROOT / "ground-truth.json").read_text(encoding="utf-8"))


@needs_set
def test_the_fetched_set_is_whole_with_its_licence():
    truth = _truth()
    assert len(truth) == 181
    assert all((ROOT / "html" / f"{name}.html.gz").is_file() for name in truth)
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "4a3bc979f76c0df73cb95fe272e2fc1b96f9f010" in (ROOT / "README.md").read_text(
        encoding="utf-8")


@needs_set
def test_the_split_is_the_documented_hash_rule_and_about_half_and_half():
    halves = [split_of(name) for name in _truth()]
    assert halves.count("dev") == 91
    assert halves.count("test") == 90


@needs_set
def test_the_set_is_recognised_as_one_without_metadata(pages):
    assert not has_metadata(ROOT)
    assert [p.name for p in pages] == sorted(_truth())[:SLICE]
    for page in pages:
        assert page.meta == {}
        assert page.split == split_of(page.name)
        assert page.site == page.host and "." in page.host and not page.host.startswith("www.")


@needs_set
def test_each_input_is_built_and_labelled_from_the_article_body(pages):
    truth = _truth()
    for page in pages:
        body = truth[page.name]["articleBody"]
        for kind in INPUTS:
            lines, labels = page.lines[kind], page.labels[kind]
            assert len(lines) == len(labels) >= 3
            assert all((label is None) == (not line.strip())
                       for line, label in zip(lines, labels, strict=True))
            assert any(label is True for label in labels)
        # the browser copy holds the whole page: article and plenty of junk around it
        assert any(label is False for label in page.labels["page"])
        assert page.labels["page"].count(False) > page.labels["page"].count(True)
        # most of the article body's sentences lie in lines labelled article
        article = " " + " ".join(norm(line) for line, label in zip(
            page.lines["page"], page.labels["page"], strict=True) if label) + " "
        wanted = sentences(body)
        assert sum(f" {s} " in article for s in wanted) >= 0.8 * len(wanted)
        # and a line labelled article is text of the article body
        for line, label in zip(page.lines["page"], page.labels["page"], strict=True):
            if label is True:
                assert norm(line) in norm(body)


@needs_set
def test_the_figures_are_in_range_and_the_metadata_is_not_judged(pages):
    scores = evaluate(pages, CleanOptions())
    assert {p.split for p in pages} <= set(SPLITS)
    for split in SPLITS:
        for kind in INPUTS:
            summary = scores[split][kind].summary()
            assert 0.0 <= summary["article_sentences_kept"] <= 1.0
            assert 0.0 <= summary["junk_lines_removed"] <= 1.0
            assert summary["article_lines_lost"] <= summary["article_lines"]
            for name in ("title", "authors", "date"):
                assert summary[name]["judged"] == 0
    page_input = [scores[s]["page"] for s in SPLITS]
    assert sum(s.sentences for s in page_input) > 50
    assert sum(s.junk for s in page_input) > 100
    # the cleaner keeps nearly all the article and removes more than half the junk
    kept = sum(s.sentences_kept for s in page_input) / sum(s.sentences for s in page_input)
    removed = sum(s.junk_removed for s in page_input) / sum(s.junk for s in page_input)
    assert kept > 0.9 and removed > 0.5


@needs_set
def test_the_development_half_alone_scores_as_in_the_full_run(pages):
    """``--dev-only``: the test half is not scored, and the development half's figures are
    the full run's (the test pages still feed the outlets' line counts)."""
    full = evaluate(pages, CleanOptions(), kinds=("extracted",))
    dev = evaluate(pages, CleanOptions(), kinds=("extracted",), splits=("dev",))
    assert set(dev) == {"dev"}
    assert dev["dev"]["extracted"].summary() == full["dev"]["extracted"].summary()


@pytest.mark.parametrize(("line", "kind"), [
    ("Subscribe to our YouTube channel for the latest videos and reviews!", "calls to action"),
    ("Copyright © 2019 Example Media. All rights reserved.", "publisher boilerplate"),
    ("(Reporting by Jane Roe; editing by John Doe)", "credits and captions"),
    ("Updated at 1:23 p.m.", "date and update stamps"),
    ("- The 11 Biggest Unanswered Questions About Dark Matter", "related-story links"),
    ("SENATOR SAYS SHE WILL NOT RUN AGAIN", "related-story links"),
    ("More in Business", "related-story links"),
    ("Technology", "short labels"),
    ("The retailer earned $2.8 billion in the third quarter.", "other"),
])
def test_kept_junk_is_grouped_roughly_by_kind(line, kind):
    from storywire.evaluation.clean import junk_kind, kinds_report

    assert junk_kind(line).startswith(kind)
    report = kinds_report([f"abc: {line}", f"def: {line}"])
    assert report[0].startswith("-- 2 " + kind) and report[1:] == [f"abc: {line}", f"def: {line}"]


def test_a_folder_in_the_set_s_shape_is_read_as_one(tmp_path):
    """Without the fetched set: two of Readability's real pages laid out as the benchmark
    lays out its own (``html/<id>.html.gz`` and ``ground-truth.json`` holding each
    expected article's paragraphs as ``articleBody``) are read as that set."""
    _benchmark_folder(tmp_path, ("bbc-1", "guardian-1"))
    truth = json.loads((tmp_path / "ground-truth.json").read_text(encoding="utf-8"))
    pages = load_pages(tmp_path)
    assert not has_metadata(tmp_path)
    assert [p.name for p in pages] == ["bbc-1", "guardian-1"]
    for page in pages:
        assert page.meta == {} and page.host == f"{page.name.split('-')[0]}.co.uk"
        labels = page.labels["page"]
        assert labels.count(True) >= 5 and labels.count(False) > labels.count(True)
        body = set(norm(truth[page.name]["articleBody"]).split())
        for line, label in zip(page.lines["page"], labels, strict=True):
            words = norm(line).split()
            if label is True:  # an article line is the body's words
                assert sum(w in body for w in words) >= 0.8 * len(words), line


def _benchmark_folder(root: Path, names: tuple[str, ...], host: str | None = None) -> Path:
    """Readability's real pages laid out in the benchmark's shape (``html/<id>.html.gz``,
    ``ground-truth.json`` with each expected article's paragraphs as ``articleBody``),
    each under ``host``, else under a host named after its site (``bbc-1``: ``bbc.co.uk``)."""
    import gzip

    import lxml.html

    from conftest import shared_data

    readability = shared_data("readability-pages")
    (root / "html").mkdir(parents=True)
    truth = {}
    for name in names:
        folder = readability / name
        if not folder.is_dir():
            pytest.skip(f"{folder} is absent")
        (root / "html" / f"{name}.html.gz").write_bytes(
            (folder / "source.html.gz").read_bytes())
        expected = lxml.html.fromstring(gzip.decompress(
            (folder / "expected.html.gz").read_bytes()))
        paragraphs = [" ".join(p.text_content().split()) for p in expected.iter("p")]
        truth[name] = {"articleBody": "\n".join(p for p in paragraphs if p),
                       "url": f"https://www.{host or name.split('-')[0] + '.co.uk'}/news/{name}"}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def test_two_sets_are_read_one_after_the_other_for_training(tmp_path):
    from storywire.evaluation.clean import load_page_sets

    first = _benchmark_folder(tmp_path / "a", ("bbc-1",), "bbc.co.uk")
    second = _benchmark_folder(tmp_path / "b", ("guardian-1",), "theguardian.com")
    pages = load_page_sets([first, second])
    assert [(p.name, p.site) for p in pages] == [("bbc-1", "bbc.co.uk"),
                                                 ("guardian-1", "theguardian.com")]


def test_two_sets_that_name_one_site_are_refused(tmp_path):
    """The classifier's folds are grouped by site: one name in two sets would group
    pages of unrelated sites."""
    from storywire.evaluation.clean import load_page_sets

    first = _benchmark_folder(tmp_path / "a", ("bbc-1",), "example.com")
    second = _benchmark_folder(tmp_path / "b", ("guardian-1",), "example.com")
    with pytest.raises(ValueError, match=r"example\.com"):
        load_page_sets([first, second])


def test_the_fetched_page_path_is_scored_on_the_browser_copy_beside_it(tmp_path):
    """The pipeline's path for a fetched page (trafilatura reading the HTML, then the
    cleaner) is scored on the same labelled browser-copy lines as the text-only inputs:
    on two real news pages of Readability's development half the markup lets it drop most
    of the copy's menus, share bars and footers while keeping the article, and the
    cleaner after it removes more junk lines than the extractor alone. Per-page averages
    sit beside the summed shares."""
    from storywire.evaluation.clean import FETCHED, Score

    pages = load_pages(_benchmark_folder(tmp_path, ("ars-1", "cnet")))
    assert {page.split for page in pages} == {"dev"}
    scores = evaluate(pages, CleanOptions(), fetched=True)
    total = {name: Score() for name in (*INPUTS, *FETCHED)}
    for half in scores.values():
        assert set(half) == set(total)
        for name, score in half.items():
            total[name].add(score)
    extractor, cleaned = (total[name].summary() for name in FETCHED)
    copy = total["page"].summary()
    assert extractor["junk_lines"] == cleaned["junk_lines"] == copy["junk_lines"] > 300
    assert extractor["sentences"] == copy["sentences"]
    assert extractor["article_sentences_kept"] >= 0.9
    assert extractor["junk_lines_removed"] >= 0.9
    assert cleaned["junk_lines_removed"] > extractor["junk_lines_removed"]
    for name in ("page", *FETCHED):
        assert len(total[name].page_kept) == len(total[name].page_removed) == 2
    for summary in (extractor, cleaned, copy):
        assert 0 < summary["pages_mean_kept"] <= 1 and 0 < summary["pages_mean_removed"] <= 1
    one = evaluate(pages[:1], CleanOptions(), splits=(pages[0].split,))[pages[0].split]
    alone = one["page"].summary()
    assert alone["pages_mean_removed"] == alone["junk_lines_removed"]


def test_published_extractors_are_scored_on_the_browser_copy_beside_the_cleaner(tmp_path):
    """jusText and readability-lxml read each page's HTML and are scored on the same
    labelled browser-copy lines as the cleaner. On two real news pages of Readability's
    development half the markup shows: readability-lxml keeps every article sentence of
    both, jusText removes more of the junk lines than the text-only cleaner does but
    drops short article paragraphs (a caption-heavy CNET story)."""
    from storywire.evaluation.clean_peers import JUSTEXT, PEERS, READABILITY

    pages = load_pages(_benchmark_folder(tmp_path, ("ars-1", "cnet")))
    assert {page.split for page in pages} == {"dev"}
    for page in pages:
        scores = evaluate([page], CleanOptions(), splits=("dev",), peers=True)["dev"]
        assert set(scores) == {*INPUTS, *PEERS}
        copy, jt, rd = (scores[name].summary() for name in ("page", JUSTEXT, READABILITY))
        assert jt["junk_lines"] == rd["junk_lines"] == copy["junk_lines"] > 100
        assert jt["sentences"] == rd["sentences"] == copy["sentences"] > 10
        assert rd["article_sentences_kept"] == 1.0 and rd["junk_lines_removed"] >= 0.75
        assert jt["junk_lines_removed"] > copy["junk_lines_removed"]
        assert jt["junk_lines_removed"] >= 0.95
    cnet = evaluate(pages[1:], CleanOptions(), splits=("dev",), peers=True)["dev"]
    assert cnet[JUSTEXT].summary()["article_sentences_kept"] < 0.9
