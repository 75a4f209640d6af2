"""Copy detection: verdicts on real article text, the index, streaming ingest, the CLI."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from storywire.cli import main
from storywire.copies import (
    CopyLinker,
    claimed_origin,
    compare,
    copy_trees,
    features,
    fingerprint,
    render,
)
from storywire.copies.fingerprint import FingerprintOptions
from storywire.copies.normalize import exact_hash, sentences, without_lines
from storywire.evaluation.copygen import Source, make_copies, rewrite
from storywire.model import Article

from conftest import jsonl, shared_data, write

T0 = datetime(2016, 3, 1, 9, 0, tzinfo=UTC)


def _polnear(count: int = 12) -> list[tuple[str, str]]:
    """(title, body) of real news texts from PolNeAR (skips where ../shared is absent)."""
    folder = shared_data("polnear") / "dev" / "text"
    found = []
    for path in sorted(folder.glob("*.txt")):
        title, _, body = path.read_text("utf-8").partition("\n")
        if len(body.split()) >= 250:
            found.append((title.strip().rstrip("."), body.strip()))
        if len(found) >= count:
            break
    return found


def _article(ident: str, text: str, outlet: str = "Wire", published: datetime | None = T0,
             **fields) -> Article:
    return Article(id=ident, capture_sha256=ident, origin=ident,
                   paragraphs=[p for p in text.split("\n\n") if p.strip()], outlet=outlet,
                   published=published, **fields)


def _judge(new: Article, stored: Article):
    return compare(new, features(new.text), stored, features(stored.text))


# -- normalisation -------------------------------------------------------------------------
def test_exact_hash_ignores_layout_case_and_stray_labels():
    text = "The council voted 7-2 on Wednesday.\n\nThe barrier will cost $4.2 million."
    wrapped = ("Business\n\nthe COUNCIL voted 7-2\non Wednesday.\n\nFACEBOOK.\n\n"
               "The barrier will cost $4.2 million\n\nShare")
    assert exact_hash(text) == exact_hash(wrapped)
    # A numbered item on a line of its own, and the same item joined to its line.
    listed = "Reasons to vote:\n\n2\n\nThe barrier will cost $4.2 million."
    assert exact_hash(listed) == exact_hash(listed.replace("2\n\n", "2 "))
    assert exact_hash(text) != exact_hash(text.replace("7-2", "8-1"))


def test_sentences_keep_abbreviations_and_quotes_together():
    found = sentences("He said “no.” Then Mr. Smith left the U.S. Army. “Yes,” he said.")
    assert found == ["He said “no.”", "Then Mr. Smith left the U.S. Army.", "“Yes,” he said."]


# -- verdicts on real text -----------------------------------------------------------------
@pytest.fixture(scope="module")
def real():
    return _polnear()


def test_each_kind_of_copy_is_recognised_with_evidence(real):
    title, body = real[0]
    original = _article("orig", body, "Daily Planet")
    rng = random.Random(7)
    source = Source("orig", title, body, "Daily Planet", T0)
    made = {g.recipe.split("-")[0]: g for g in
            make_copies(source, rng, [t for t, _ in real], ("exact", "excerpt", "reworded"))}
    for kind in ("exact", "excerpt", "reworded"):
        copy = _article("copy", made[kind].text, "Copier", T0 + timedelta(hours=3))
        verdict = _judge(copy, original)
        assert verdict is not None, kind
        assert (verdict.kind, verdict.copy.id, verdict.original.id) == (kind, "copy", "orig")
        assert verdict.evidence["similarity"] > 0.5
        assert verdict.evidence["lag_hours"] == 3.0
    reworded = _judge(_article("copy", made["reworded"].text, "Farm"), original)
    assert reworded.evidence["aligned_sentences"] >= 4
    assert reworded.evidence["examples"][0]["copy"]


def test_near_copy_with_a_paragraph_dropped(real):
    _, body = real[1]
    paragraphs = body.split("\n\n")
    near = "\n\n".join(paragraphs[:3] + paragraphs[4:])
    verdict = _judge(_article("b", near, "Other", T0 + timedelta(hours=1)), _article("a", body))
    assert verdict.kind == "near" and verdict.copy.id == "b"
    assert verdict.evidence["containment"] > 0.95 > verdict.evidence["coverage"]


def test_a_reflowed_copy_hiding_a_junk_line_in_a_paragraph_is_exact(real):
    _, body = real[2]
    paragraphs = body.split("\n\n")
    junk = "Sign up to get an email from the reporter when he publishes a new story."
    # The original's cleaner removed the junk line; the copy joined it to the paragraph
    # before it, where a whole-line rule cannot see it.
    original = _article("a", body, removed=[junk])
    reflowed = "\n\n".join([*paragraphs[:-1], paragraphs[-1] + " " + junk])
    verdict = _judge(_article("b", reflowed, "Other", T0 + timedelta(hours=1)), original)
    assert verdict.kind == "exact" and verdict.evidence["exact_but_junk"]
    # Without that line among the removed ones, the extra words make it a near copy.
    plain = _judge(_article("b", reflowed, "Other", T0 + timedelta(hours=1)),
                   _article("a", body))
    assert plain.kind == "near"


def test_without_lines_cuts_every_occurrence_longest_first():
    tokens = ["a", "b", "c", "share", "this", "story", "d", "share", "this", "e"]
    lines = [["share", "this"], ["share", "this", "story"], []]
    assert without_lines(tokens, lines) == ["a", "b", "c", "d", "e"]


def test_different_articles_are_not_copies(real):
    (_, first), (_, second) = real[2], real[3]
    assert _judge(_article("a", first), _article("b", second)) is None


def test_independent_reports_of_one_event_are_not_copies():
    """ECB+ articles of one event are reports by different journalists."""
    path = shared_data("ecbplus") / "articles.jsonl"
    by_event: dict[str, list[dict]] = {}
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        by_event.setdefault(record["event"], []).append(record)
    judged = called = 0
    for event in sorted(by_event)[::9]:
        records = by_event[event][:6]
        for i, a in enumerate(records):
            for b in records[i + 1:]:
                x, y = _article(a["id"], a["text"]), _article(b["id"], b["text"])
                shared = features(x.text).shingles & features(y.text).shingles
                smaller = min(len(features(x.text).shingles), len(features(y.text).shingles))
                if not smaller or len(shared) / smaller >= 0.2:
                    continue  # they share text verbatim: not independent
                judged += 1
                called += _judge(x, y) is not None
    assert judged >= 40
    assert called / judged <= 0.03


# -- the original ---------------------------------------------------------------------------
def test_the_earlier_publication_is_the_original_whatever_the_order(real):
    _, body = real[4]
    early = _article("early", body, "Paper A", T0)
    late = _article("late", body, "Paper B", T0 + timedelta(hours=5))
    for new, stored in ((early, late), (late, early)):
        verdict = _judge(new, stored)
        assert (verdict.original.id, verdict.kind) == ("early", "exact")
        assert verdict.evidence["original_because"] == "published earlier"


def test_a_copy_that_names_its_source_is_the_copy_even_when_dated_earlier(real):
    _, body = real[5]
    original = _article("orig", body, "Meridian Wire", T0 + timedelta(hours=2),
                        url="https://www.meridianwire.example/a")
    copy = _article("copy", body, "NewsHub Daily", T0,
                    removed=["Originally published at Meridian Wire"],
                    removed_reasons=["provenance"])
    verdict = _judge(original, copy)
    assert verdict.original.id == "orig"
    assert verdict.evidence["claimed_origin"] == "Meridian Wire"
    assert "Originally published" in verdict.evidence["original_because"]


def test_claimed_origin_from_a_wire_dateline():
    article = _article("x", "DALLAS (AP) — Democratic candidate Martin O'Malley is shifting "
                            "staff to Iowa as his campaign struggles to raise money.", "Breitbart")
    claim = claimed_origin(article)
    assert claim is not None and (claim.kind, claim.name) == ("dateline", "AP")


# -- the index and the pipeline ------------------------------------------------------------
def test_band_keys_are_stable_and_shared_by_copies(real):
    _, body = real[6]
    options = FingerprintOptions()
    first, again = fingerprint(body, options), fingerprint(body, options)
    assert first.bands == again.bands and first.exact == again.exact
    excerpt = "\n\n".join(body.split("\n\n")[:2])
    assert set(fingerprint(excerpt).bands["L"]) & set(first.bands["L"])


def test_store_finds_candidates_by_band_key(store):
    store.put_capture(_capture("a"))
    store.put_article(_article("a", "some text here"))
    store.put_copy_keys("a", "00" * 16, [11, 12, 13])
    assert store.band_matches([12, 13, 99], 10) == [("a", 2)]
    assert store.exact_matches("00" * 16, 5) == ["a"]
    store.delete_copy_keys("a", [12])
    assert store.band_matches([12, 13], 10) == [("a", 1)]
    assert store.copy_index_size()["band_keys"] == 2


def test_band_lookup_reads_only_the_newest_articles_of_a_crowded_key(store):
    for ident in "abcd":
        store.put_capture(_capture(ident))
        store.put_article(_article(ident, f"text of {ident}"))
        store.put_copy_keys(ident, ident * 32, [7, 8] if ident != "d" else [8])
    # Key 7 is shared by a, b and c, key 8 by all four: only each key's newest count.
    assert store.band_matches([7, 8], 10, per_key=2) == [("c", 2), ("b", 1), ("d", 1)]
    assert store.band_matches([7, 8], 10, per_key=3) == [("b", 2), ("c", 2), ("a", 1),
                                                         ("d", 1)]
    assert store.band_matches([7, 8], 10) == [("a", 2), ("b", 2), ("c", 2), ("d", 1)]


def _capture(ident: str):
    from storywire.model import Capture

    return Capture(raw=ident.encode(), kind="text", origin=ident, sha256=ident)


def _records(real) -> list[dict]:
    """An original, its exact, excerpt and reworded copies, and an unrelated article."""
    (title, body), (other_title, other_body) = real[7], real[8]
    rng = random.Random(3)
    excerpt = "\n\n".join(body.split("\n\n")[:3]) + "\n\nRead the full story at Daily Planet"
    return [
        {"id": "copy-exact", "title": title, "outlet": "Copier", "text": body,
         "published": "2016-03-01T14:00:00Z"},
        {"id": "copy-excerpt", "title": title, "outlet": "Aggregator", "text": excerpt,
         "published": "2016-03-01T12:00:00Z"},
        {"id": "copy-reworded", "title": "Reworded", "outlet": "Content Farm",
         "text": rewrite(body, rng), "published": "2016-03-02T08:00:00Z"},
        {"id": "original", "title": title, "outlet": "Daily Planet", "text": body,
         "published": "2016-03-01T09:00:00Z"},
        {"id": "other", "title": other_title, "outlet": "Daily Planet", "text": other_body,
         "published": "2016-03-01T10:00:00Z"},
    ]


def test_streaming_ingest_folds_copies_under_the_root_even_when_it_arrives_last(
        tmp_path, pipeline, store, real):
    write(tmp_path / "in.jsonl", jsonl(_records(real)))
    report = pipeline.ingest([str(tmp_path / "in.jsonl")])
    assert report.ok and report.added == 5
    by_source = {a.source_id: a for a in store.iter_articles()}
    root = by_source["original"]
    assert root.copy_of is None and by_source["other"].copy_of is None
    kinds = {k: (by_source[k].copy_of, by_source[k].copy_kind)
             for k in ("copy-exact", "copy-excerpt", "copy-reworded")}
    assert kinds == {"copy-exact": (root.id, "exact"), "copy-excerpt": (root.id, "excerpt"),
                     "copy-reworded": (root.id, "reworded")}
    assert by_source["copy-excerpt"].copy_evidence["claimed_origin"] == "Daily Planet"
    [tree] = copy_trees(store.iter_articles())
    assert tree.original.id == root.id and len(tree.copies) == 3
    assert render(tree)[0].startswith(f"original  {root.id}")


def test_reprocess_copies_gives_what_streaming_gave(tmp_path, pipeline, store, real):
    write(tmp_path / "in.jsonl", jsonl(_records(real)))
    pipeline.ingest([str(tmp_path / "in.jsonl")])
    before = {a.id: (a.copy_of, a.copy_kind) for a in store.iter_articles()}
    assert pipeline.reprocess_stage("copies") == 5
    assert {a.id: (a.copy_of, a.copy_kind) for a in store.iter_articles()} == before


def test_linker_cost_does_not_read_the_whole_store(store, real):
    """Candidates come from band-key lookups: unrelated stored articles are never read."""
    linker = CopyLinker(store)
    reads = []
    original_get = store.get_article

    def counting_get(article_id):
        reads.append(article_id)
        return original_get(article_id)

    for index, (_, body) in enumerate(real[:10]):
        article = _article(f"a{index}", body)
        store.put_capture(_capture(article.id))
        store.put_article(article)
        linker.link(article)
    store.get_article = counting_get
    copy = _article("copy", real[3][1])
    store.put_capture(_capture("copy"))
    store.put_article(copy)
    linker.link(copy)
    assert copy.copy_of == "a3" and set(reads) <= {"a3", "copy"}


# -- the faces -----------------------------------------------------------------------------
def test_cli_copies_originals_show_export_and_reprocess(tmp_path, real, db_location):
    write(tmp_path / "in.jsonl", jsonl(_records(real)))
    db = db_location

    def run(*args):
        result = CliRunner().invoke(main, ["--db", str(db), *map(str, args)])
        assert result.exit_code == 0, result.output
        return result.output

    ingested = run("ingest", "--no-progress", tmp_path / "in.jsonl")
    assert "3 copies of stored articles" in " ".join(ingested.split())
    exported = [json.loads(line) for line in run("export").splitlines()]
    by_source = {e["source_id"]: e for e in exported}
    root_id = by_source["original"]["id"]
    assert by_source["copy-exact"]["copy_of"] == root_id
    assert by_source["copy-exact"]["copy_kind"] == "exact"
    assert by_source["copy-excerpt"]["copy_evidence"]["containment"] >= 0.9

    tree = run("copies", by_source["copy-reworded"]["id"])
    assert tree.splitlines()[0].startswith(f"original  {root_id}")
    assert "reworded" in tree and "excerpt" in tree and "+5h 00m" in tree

    originals = [json.loads(line)["source_id"]
                 for line in run("articles", "--originals", "--json").splitlines()]
    assert sorted(originals) == ["original", "other"]

    shown = run("show", by_source["copy-reworded"]["id"])
    assert "reworded" in shown and "aligned_sentences" in shown
    assert "copies found" in run("reprocess", "--stage", "copies", "--no-progress")
    assert json.loads(run("show", "--json", by_source["copy-exact"]["id"]))["copy_of"] == root_id
