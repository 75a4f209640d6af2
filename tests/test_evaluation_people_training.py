"""The study of a learned check on listed people: what its features read in a sentence,
that held-out probabilities come from models that never saw the held-out topic, and that
taking a doubted name off a list is scored as the people check scores it."""

from __future__ import annotations

import numpy as np

from storywire.evaluation.people_training import (
    Named,
    held_out_probabilities,
    named_in,
    read_split,
    score_without,
)
from storywire.understand.entities import find_mentions

from conftest import shared_data


def test_features_read_what_the_sentence_says_of_a_person_and_of_a_product(understander):
    text = ("Marisol Quintero said her bakery would stay open. Customers can now pay with "
            "Bluetooth at the counter, and Quintero thanked her staff.")
    doc = understander.nlp(text)
    mentions = find_mentions(doc)
    people = [["Marisol Quintero", "Quintero"]]
    named = {n.name: n for n in named_in(doc, mentions, people, 0, "1",
                                         ("PERSON", "ORG", "PRODUCT", "WORK"))}
    person = named["Marisol Quintero"]
    assert person.person and person.label == "PERSON"
    assert {"subject", "subject=person_verb", "later=his_her", "capitalised2",
            "mentions<=3"} <= set(person.features)
    assert person.vector.shape == (doc.vocab.vectors.shape[1],) and person.vector.any()
    others = [n for n in named.values() if n.name != "Marisol Quintero"]
    assert all(not n.person for n in others)  # whatever the recogniser made of Bluetooth


def _named(topic: str, person: bool, lean: float) -> Named:
    return Named(0, topic, f"{topic}-{person}", "PERSON", {"bias": 1.0, "cue": lean},
                 np.zeros(4, dtype=np.float32), person)


def test_held_out_probabilities_never_train_on_the_held_out_topic():
    # In topics 1-3 "cue" marks a non-person; topic 4 alone says the opposite. Were topic 4
    # in its own training data, its non-person would be scored a person.
    named = [_named(t, p, 1.0 if not p else 0.0) for t in "123" for p in (True, False)
             for _ in range(5)]
    named += [_named("4", False, 0.0)] * 5 + [_named("4", True, 1.0)] * 5
    probabilities = held_out_probabilities(named, c=10.0)
    held = np.array([n.topic == "4" for n in named])
    people = np.array([n.person for n in named])
    assert (probabilities[held & people] < 0.5).all()
    assert (probabilities[held & ~people] > 0.5).all()


def test_taking_nobody_off_scores_as_the_people_check(understander):
    split = read_split(shared_data("ecbplus").parent, "dev", understander, limit=4)
    listed = sum(n.label == "PERSON" for n in split.named)
    kept = score_without(split, np.ones(listed), 0.5)
    assert kept.listed == listed
    gone = score_without(split, np.zeros(listed), 0.5)
    assert gone.listed == 0 and gone.annotated == kept.annotated
