"""The study of fine-tuning the recogniser: how the reference documents are made from the
people annotations, and that training changes the ``ner`` weights alone."""

from __future__ import annotations

import pytest

from storywire.evaluation.ner_training import (
    FOLDS,
    examples,
    form_occurrences,
    gold_spans,
    reference_doc,
    topic_of,
    train_ner,
)

spacy = pytest.importorskip("spacy")

TEXT = ("Deputy Jerry Ortiz told Mweb that Ortiz saw the Dean Smith Center and "
        "Ortizson in Chapel Hill.")


def _parsed(ents: list[tuple[str, str]]):
    """TEXT tokenized, with the entities a base model might have read (text, label)."""
    doc = spacy.blank("en")(TEXT)
    spans = []
    for words, label in ents:
        start = TEXT.index(words)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = spans
    return doc


def _texts(doc, spans) -> list[tuple[str, str]]:
    return [(doc.text[s:e], label) for s, e, label in spans]


def test_occurrences_are_word_bounded_longest_first_and_never_nested():
    found = form_occurrences(TEXT, ["Ortiz", "Jerry Ortiz"])
    assert [TEXT[s:e] for s, e in found] == ["Jerry Ortiz", "Ortiz"]  # not "Ortizson"
    assert found[1][0] == TEXT.index("Ortiz saw")


def test_annotated_forms_are_people_other_readings_kept_and_unbacked_people_dropped():
    doc = _parsed([("Deputy Jerry", "PERSON"), ("Mweb", "PERSON"), ("Ortiz saw", "ORG"),
                   ("the Dean Smith Center", "ORG"), ("Ortizson", "PERSON"),
                   ("Chapel Hill", "GPE")])
    gold = gold_spans(doc, [["Jerry Ortiz", "Ortiz"]])
    # The annotated forms win over the base reading they overlap ("Deputy Jerry", an ORG
    # "Ortiz saw"); readings of other types overlapping no person stay as silver labels.
    assert _texts(doc, gold.entities) == [
        ("Jerry Ortiz", "PERSON"), ("Ortiz", "PERSON"), ("the Dean Smith Center", "ORG"),
        ("Chapel Hill", "GPE")]
    assert [doc.text[s:e] for s, e in gold.dropped] == ["Mweb", "Ortizson"]
    assert gold.unaligned == 0


def test_a_form_that_cuts_a_token_is_skipped():
    doc = spacy.blank("en")("The O'Neill family met Neill. The Neills left.")
    gold = gold_spans(doc, [["Neill"]])
    # After "O'" the form is word-bounded but inside the token "O'Neill": skipped and
    # counted; in "Neills" it is not word-bounded at all.
    assert _texts(doc, gold.entities) == [("Neill", "PERSON")]
    assert gold.entities[0][0] == doc.text.index("Neill.")
    assert gold.unaligned == 1


def test_unbacked_people_are_outside_or_missing():
    doc = _parsed([("Mweb", "PERSON"), ("Chapel Hill", "GPE")])
    gold = gold_spans(doc, [["Jerry Ortiz", "Ortiz"]])
    outside = reference_doc(doc, gold)
    missing = reference_doc(doc, gold, missing=True)
    mweb = next(t.i for t in doc if t.text == "Mweb")
    assert outside[mweb].ent_iob_ == "O"
    assert missing[mweb].ent_iob_ == ""  # no label: the loss ignores it
    for ref in (outside, missing):
        assert [(e.text, e.label_) for e in ref.ents] == [
            ("Jerry Ortiz", "PERSON"), ("Ortiz", "PERSON"), ("Chapel Hill", "GPE")]
        assert ref[0].ent_iob_ == "O"  # "Deputy": a rank is no part of the name
        assert ref.text == doc.text


def test_folds_are_topic_halves():
    assert topic_of("27_3ecbplus") in FOLDS["A"] and topic_of("28_12ecb") in FOLDS["B"]
    assert not set(FOLDS["A"]) & set(FOLDS["B"])


def test_training_changes_the_recogniser_alone(understander):
    from storywire.evaluation.ner_training import Article
    from storywire.understand.nlp import new_pipeline

    nlp = new_pipeline()
    def weights() -> dict[str, bytes]:  # the components' own bytes carry the vocab too
        return {name: pipe.model.to_bytes() for name, pipe in nlp.pipeline
                if hasattr(pipe, "model")}

    before = weights()
    doc = nlp(TEXT)
    article = Article("9_1ecb", TEXT, [["Jerry Ortiz", "Ortiz"]],
                      gold_spans(doc, [["Jerry Ortiz", "Ortiz"]]))
    seconds = list(train_ner(nlp, examples(nlp, [article]), epochs=1))
    assert len(seconds) == 1
    after = weights()
    assert {"tok2vec", "tagger", "parser", "ner"} <= set(after)
    assert after["ner"] != before["ner"]
    assert all(after[name] == before[name] for name in after if name != "ner")
