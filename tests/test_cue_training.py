"""The learned attributing words: how a word form is kept from its counts on train."""

from __future__ import annotations

from storywire.evaluation.cue_training import DocumentCounts, lexicon, stem


def test_forms_of_one_word_share_a_stem():
    assert {stem(w) for w in ("supports", "supported", "supporting", "support")} == {
        "support"}
    assert stem("planned") == stem("plans") == "plan"
    assert stem("worries") == stem("worried") == "worry"


def test_a_rare_form_is_kept_when_its_other_forms_confirm_it():
    counts = DocumentCounts(0, 0, 0, {
        ("dobj", "endorsed"): [3, 4],
        ("dobj", "endorses"): [1, 1],   # one match alone: kept through "endorsed"
        ("dobj", "endorsing"): [1, 5],  # its own share too low
        ("dobj", "endorse"): [1, 2],    # rare, and missed once
        ("dobj", "vetoed"): [1, 1],     # no other form to confirm it
    })
    assert lexicon([counts], min_hits=2, min_precision=0.45) == {
        "dobj": ["endorsed", "endorses"]}
