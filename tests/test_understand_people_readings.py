"""How the stage reads a name from the words around it: letters after a name, an
abbreviated rank, a place or a firm described after a name, an actor's part, an animal,
where someone "is from", the plural of a firm's product. The sentences are written for
these tests in the style of news reports."""

from __future__ import annotations

from storywire.understand.entities import name_tokens

from conftest import people_named


def test_letters_after_a_name_are_left_out_like_a_title(understander):
    assert name_tokens("Margaret Holloway QC") == ["Margaret", "Holloway"]
    assert name_tokens("Holloway QC") == ["Holloway", "QC"]  # too short to tell
    text = ("Judge Margaret Holloway QC adjourned the hearing until May.\n\n"
            "Holloway said the reports must be ready by then.")
    found = understander.understand(text)
    assert people_named(found) == {"Margaret Holloway"}


def test_a_rank_s_abbreviation_is_no_person(understander):
    text = ('"Justice was done today," said Dist. Atty. Karen Whitlow.\n\n'
            "The officer was shot while on patrol with his partner, Det. Lionel Brandt.\n\n"
            '"He never hesitated," said Brandt.')
    found = understander.understand(text)
    assert people_named(found) == {"Karen Whitlow", "Lionel Brandt"}


def test_a_surname_ending_a_sentence_is_still_a_person(understander):
    text = ("The prosecutor questioned Kowalski. Lionel Brandt, the defence lawyer, "
            "objected twice.")
    found = understander.understand(text)
    assert people_named(found) == {"Kowalski", "Lionel Brandt"}


def test_a_name_a_word_for_a_place_describes_after_a_comma_is_a_place(understander):
    text = ("The tremor shook Varenka, a town of about 9,000 people, before dawn.\n\n"
            "Pavel Dranko, a town councillor, said the school had cracked.")
    found = understander.understand(text)
    assert people_named(found) == {"Pavel Dranko"}


def test_a_name_after_a_part_s_as_is_a_character(understander):
    text = ("Hollis Brandauer is best known for his role as foul-mouthed press officer "
            "Frank Mallory in the ITV series The Long Week.\n\n"
            'Ines Carvalho, who stars as current Night Shift sidekick Rosa, said: "I\'m '
            'thrilled."')
    found = understander.understand(text)
    assert people_named(found) == {"Hollis Brandauer", "Ines Carvalho"}


def test_a_name_before_a_capitalised_shop_or_day_names_that_thing(understander):
    text = '"The shelves just emptied," said Kessler\'s Market clerk Dana Fries.'
    assert people_named(understander.understand(text)) == {"Dana Fries"}
    text = "He was planning to marry his girlfriend on Valentine's Day in 2012."
    assert people_named(understander.understand(text)) == set()


def test_a_name_a_street_word_opens_is_a_place(understander):
    text = ("Armed men raided a boutique on Avenue Hoche near the Arc de Triomphe.\n\n"
            "The shop on Rue Dalbret was closed for a week.")
    assert people_named(understander.understand(text)) == set()


def test_a_name_set_after_a_word_for_a_person_is_a_person_s(understander):
    text = ("Fresh riots broke out in protest at the killing by police of a 17-year-old "
            "student, Alexandros Peloponnisios, a week ago.")
    assert people_named(understander.understand(text)) == {"Alexandros Peloponnisios"}


def test_a_name_a_word_for_a_kind_of_animal_calls_is_no_person(understander):
    text = ("The family's border collie, named Rufus, was found dead in the garden of the "
            "house.")
    assert people_named(understander.understand(text)) == set()
    text = "A terrier named Murphy raised the alarm, neighbours said."
    assert people_named(understander.understand(text)) == set()


def test_a_trade_before_a_name_keeps_it_out_and_makes_it_a_person_s(understander):
    from spacy.tokens import Span

    from storywire.understand.entities import find_mentions

    text = "Screenwriter Dell Hanson said the part was written for her."
    assert people_named(understander.understand(text)) == {"Dell Hanson"}
    doc = understander.nlp(
        "Following the announcement, the show's writer Mateo Ianelli tweeted his delight.")
    start = [t.text for t in doc].index("Mateo")
    doc.ents = [Span(doc, start, start + 2, label="ORG")]  # as the recogniser may read it
    assert [(m.text, m.label) for m in find_mentions(doc)] == [("Mateo Ianelli", "PERSON")]


def _mention_use(understander, text: str, name: str) -> frozenset[str]:
    """How the parse uses ``name`` in ``text`` when the recogniser reads it as a person."""
    from storywire.understand.entities import _use

    doc = understander.nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label="PERSON")
    return _use(span, text[max(0, start - 12):start], text[span.end_char:span.end_char + 8])


def test_what_someone_is_from_is_a_place(understander):
    # "who is from X": where the driver comes from, a place
    assert "place" in _mention_use(
        understander, "The driver, who is from Tonawanda, was caught two blocks away.",
        "Tonawanda")
    # not any "from": a letter from someone, a drive from somewhere to somewhere else
    assert "place" not in _mention_use(
        understander, "The judge read a letter from Okafor before the sentence.", "Okafor")


def test_the_plural_of_a_word_of_a_firm_s_or_product_s_name_is_no_person():
    from storywire.understand.entities import Mention, _one_word_people

    mentions = [Mention("Vireo Air", "ORG", 0, 9), Mention("Vireos", "PERSON", 40, 46),
                Mention("Ruiz", "PERSON", 60, 64)]
    _one_word_people(mentions, [])
    # "thinner than other Vireos": the product's kind; a surname beside it stays a person
    assert [m.label for m in mentions] == ["ORG", "ORG", "PERSON"]


def test_a_surname_that_speaks_is_no_plural_of_a_place_word():
    from storywire.understand.entities import Mention, _one_word_people

    mentions = [Mention("Prince Edward Island", "PLACE", 0, 20),
                Mention("Edwards", "PERSON", 40, 47, use=frozenset({"speaker"}))]
    _one_word_people(mentions, [])
    # "…, Edwards said.": a surname ending in s beside a place named after an Edward
    assert [m.label for m in mentions] == ["PLACE", "PERSON"]


def test_a_one_word_name_a_place_s_possessive_owns_is_a_place(understander):
    # "Scotland's Kinlochan": a part of the place that owns it, which the recogniser
    # reads as a person
    text = ("The storm battered Scotland's Kinlochan and left thousands without power.\n\n"
            "Ruth Tanner, who runs the village shop, said the roof had gone.")
    found = understander.understand(text)
    assert people_named(found) == {"Ruth Tanner"}
    # a person a place's possessive sets before the name who says, or whom the article
    # describes, stays a person ("Ohio's Brannigan said")
    for text in ('"We will rebuild," Ohio\'s Brannigan said on Monday.',
                 "Ohio's Brannigan, who is 54, toured the town on Monday."):
        assert people_named(understander.understand(text)) == {"Brannigan"}


def test_a_name_read_as_a_place_once_and_as_a_person_only_in_a_list_after_a_preposition(
        understander):
    from spacy.tokens import Span

    from storywire.understand.entities import find_mentions

    text = ("The epicenter was two miles west of Anvil Springs, the survey said.\n\n"
            "Altogether, 12 quakes occurred on Sunday in and around The Furnaces, Anvil "
            "Springs and Calloway, records show.")
    doc = understander.nlp(text)

    def span(name: str, nth: int, label: str) -> Span:
        start = -1
        for _ in range(nth):
            start = text.index(name, start + 1)
        return doc.char_span(start, start + len(name), label=label)

    # as the recogniser may read it: a place west of which the epicenter lay, then a
    # person in the list of places the quakes hit
    doc.ents = [span("Anvil Springs", 1, "GPE"), span("The Furnaces", 1, "ORG"),
                span("Anvil Springs", 2, "PERSON"), span("Calloway", 1, "GPE")]
    labels = {(m.text, m.label) for m in find_mentions(doc)}
    assert ("Anvil Springs", "PERSON") not in labels
    assert ("Anvil Springs", "PLACE") in labels
    # a person listed after a preposition whom the article never reads as a place stays
    # a person ("a letter signed by Ruiz and Okafor")
    found = understander.understand("The council read a letter signed by Marta Ruiz and "
                                    "Daniel Okafor on Monday.")
    assert {"Marta Ruiz", "Daniel Okafor"} <= {e["canonical"] for e in found.entities
                                               if e["label"] == "PERSON"}
