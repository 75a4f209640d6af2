"""The study of a second recogniser's word on listed people: each listed person is judged
as the people check judges it and carries the other recogniser's labels over its
mentions, and a cut's row counts what it keeps and drops."""

from __future__ import annotations

from storywire.evaluation.people_second_opinion import cut_table, listed_people


def test_listed_people_carry_the_second_recognisers_labels(understander):
    text = ("Marisol Quintero said Seacom would restore the cable by Friday. Quintero, "
            "who runs the company's operations in Mombasa, thanked her staff.")
    entities = understander.understand(text).entities
    people = [["Marisol Quintero", "Quintero"]]
    # What a second recogniser might say: the woman a person, the firm an organisation.
    second = [(0, 16, "PER"), (22, 28, "ORG"), (text.index("Quintero,"),
                                                 text.index("Quintero,") + 8, "PER")]
    listed = {p.name: p for p in listed_people(entities, people, second)}
    assert listed["Marisol Quintero"].right and listed["Marisol Quintero"].mentions == 2
    assert listed["Marisol Quintero"].second == {"PER"}
    # The recogniser reads the firm as a person; the second one does not.
    assert not listed["Seacom"].right and listed["Seacom"].second == {"ORG"}


def test_a_cut_drops_the_unconfirmed_and_counts_what_it_costs():
    from storywire.evaluation.people_second_opinion import Listed

    listed = [Listed("Marisol Quintero", True, 2, 2, frozenset({"PER"})),
              Listed("Okafor", True, 1, 1, frozenset({"MISC"})),
              Listed("Seacom", False, 1, 1, frozenset({"ORG"})),
              Listed("Fahrenheit", False, 1, 1, frozenset({"PER"}))]
    rows = {row.split(" | ")[0].strip("| "): row for row in cut_table(listed)[2:]}
    assert rows["none"] == "| none | 0.5000 | 2/2 | 0 |"
    assert rows["not PER"] == "| not PER | 0.5000 | 1/2 | 1 |"
    assert rows["another label only"] == "| another label only | 0.5000 | 1/2 | 1 |"
