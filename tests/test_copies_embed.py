"""Sentence embeddings for paraphrased rewrites: the NumPy encoder against the original
PyTorch model, alignment by meaning, and the verdict on the demo's rewrites."""

from __future__ import annotations

import json

import numpy as np
import pytest

from storywire.copies import DetectOptions, compare, embed, features
from storywire.copies.align import align_vectors
from storywire.demo import truth_path

from conftest import demo_key

needs_model = pytest.mark.skipif(not embed.available(), reason=embed.INSTALL_HINT)

SENTENCES = [
    "More than 250 dockworkers walked off the job at Port Aldane on Tuesday.",
    "On Tuesday, in excess of 250 port employees abandoned their posts at the Port Aldane "
    "container facility.",
    "Valley FC beat Port Aldane Rovers 2-1 to win the Regional Cup.",
]


@needs_model
def test_encoder_matches_the_pytorch_model():
    # Reference values from transformers 5.24 + torch 2.13.0 (CPU) running the same
    # files: AutoModel, mean pooling over the attention mask, L2 normalisation.
    vectors = embed.shared_encoder().encode(SENTENCES)
    assert vectors.shape == (3, 384)
    np.testing.assert_allclose(
        vectors[0, :8], [-0.03942, 0.04249, -0.01374, 0.03204, 0.01388, -0.07117, -0.00999,
                         -0.07324], atol=2e-5)
    np.testing.assert_allclose(vectors[2, -4:], [0.03743, 0.11086, 0.06451, -0.05263],
                               atol=2e-5)
    np.testing.assert_allclose(vectors @ vectors.T,
                               [[1.0, 0.64965, 0.096], [0.64965, 1.0, 0.0708],
                                [0.096, 0.0708, 1.0]], atol=1e-4)


@needs_model
def test_encoder_remembers_sentences_and_keeps_their_order():
    encoder = embed.SentenceEncoder(cache_size=2)
    both = encoder.encode(SENTENCES[::-1])
    again = encoder.encode(SENTENCES)
    np.testing.assert_allclose(both[::-1], again, atol=1e-6)
    assert len(encoder._cache) == 2
    assert encoder.encode([]).shape == (0, 384)


def test_alignment_by_meaning_keeps_order_and_merges():
    basis = np.eye(6, dtype=np.float32)
    original = basis[[0, 1, 2, 3, 4]]
    # The copy: sentence 0, then 1 and 2 merged into one, then 4 (3 dropped).
    merged = (basis[1] + basis[2]) / np.sqrt(2)
    copy = np.stack([basis[0], merged, basis[4], basis[5]])
    alignment = align_vectors(copy, original, [0, 1, 2, 3], [0, 1, 2, 3, 4], 0.75)
    assert [(p.copy, p.original) for p in alignment.pairs] == [
        ((0,), (0,)), ((1,), (1, 2)), ((2,), (4,))]
    assert alignment.copy_coverage == 0.75 and alignment.original_coverage == 0.8
    assert alignment.mutual == 3 and alignment.mutual_share == 1.0


def test_alignment_by_meaning_counts_pairs_that_are_not_each_others_nearest():
    # Two texts about one thing: every sentence is close to every other (0.8 apart from
    # its own twin at 0.9 for the first two), so an in-order alignment exists, but only
    # the pairs whose sentences pick each other out are a rewrite's evidence.
    rng = np.random.default_rng(7)
    shared = rng.normal(size=16)
    def unit(v):
        return v / np.linalg.norm(v)
    noise = [rng.normal(size=16) for _ in range(4)]
    original = np.stack([unit(shared + 0.5 * n) for n in noise])
    copy = np.stack([unit(shared + 0.5 * noise[0] + 0.1 * rng.normal(size=16)),
                     unit(shared + 0.5 * noise[1] + 0.1 * rng.normal(size=16)),
                     unit(shared + 0.5 * noise[3]),   # nearest to original 3, aligned to 2
                     unit(shared + 0.5 * noise[3] + 0.05 * rng.normal(size=16))])
    alignment = align_vectors(copy, original, [0, 1, 2, 3], [0, 1, 2, 3], 0.5)
    assert [(p.copy, p.original) for p in alignment.pairs][:2] == [((0,), (0,)), ((1,), (1,))]
    assert alignment.mutual is not None and alignment.mutual < len(alignment.pairs)
    assert alignment.mutual_share < 1.0


@pytest.fixture(scope="module")
def demo(demo_articles):
    truth = json.loads(truth_path().read_text("utf-8"))
    return {demo_key(article): article for article in demo_articles}, truth["articles"]


@needs_model
def test_alignment_by_meaning_finds_paraphrased_rewrites(demo):
    by_key, entries = demo
    on = DetectOptions(semantic=True)
    encoder = embed.shared_encoder()
    found = {}
    for entry in entries:
        if entry.get("copy_kind") != "reworded":
            continue
        copy, original = by_key[entry["key"]], by_key[entry["copy_of"]]
        # Term alignment alone does not link these rewrites.
        assert compare(copy, features(copy.text), original, features(original.text)) is None
        verdict = compare(copy, features(copy.text), original, features(original.text), on,
                          encoder)
        assert verdict is not None, entry["key"]
        found[entry["key"]] = (verdict.kind, verdict.evidence["aligned_by"],
                               verdict.original.id)
        assert verdict.evidence["aligned_sentences"] >= 7
        assert verdict.evidence["mutual_nearest_share"] >= 0.8
    assert found == {entry["key"]: ("reworded", "sentence embeddings",
                                    by_key[entry["copy_of"]].id)
                     for entry in entries if entry.get("copy_kind") == "reworded"}


@needs_model
def test_alignment_by_meaning_leaves_independent_reports_apart(demo):
    by_key, entries = demo
    on = DetectOptions(semantic=True)
    encoder = embed.shared_encoder()
    originals: dict[str, list[str]] = {}
    for entry in entries:
        if not entry.get("copy_of") and entry["key"] in by_key:
            originals.setdefault(entry["event"], []).append(entry["key"])
    judged = 0
    for keys in originals.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                one, two = by_key[a], by_key[b]
                judged += 1
                assert compare(one, features(one.text), two, features(two.text), on,
                               encoder) is None, (a, b)
    assert judged >= 30
