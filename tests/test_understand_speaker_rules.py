"""Speaker rules the error groups of PolNeAR train pointed at, each on a sentence of the
kind they were found in: a participle or a joined verb of saying that the parser tied to
the clause it reports, a speaker named by a relative pronoun, an "as X observed" before a
colon, an opening mark typed for the closing one, and a text that "reads"."""

from __future__ import annotations

from functools import partial


def _speakers(understander, text):
    return [(q["text"][:30], q["speaker"], q["speaker_description"])
            for q in understander.understand(text).quotes if q["kind"] == "direct"]


def test_a_participle_after_a_comma_speaks_for_the_outer_verb(understander):
    text = ("Mayor Lena Hart also wrote that the crews knew to brace for the floods, saying, "
            "“They did not come every year, but when they came we learned about them fast.”")
    assert _speakers(understander, text)[0][1] == "Lena Hart"


def test_a_verb_joined_to_the_reported_clause_speaks_for_the_outer_verb(understander):
    text = ("The governor noted that he taught constitutional law for a decade, and added: "
            "“I know a little about this.”")
    [(_, name, description)] = _speakers(understander, text)
    assert name is None and description == "The governor"


def test_a_speaker_named_by_who_is_placed_at_who(understander):
    from storywire.understand.entities import find_mentions
    from storywire.understand.quotes import find_quotes
    from storywire.understand.speakers import SpeakerFinder

    text = ("The plan drew fire from Tomas Reyes, who has given money to both parties and "
            "who said, “It is flat-out reckless. I think he means well, but it is reckless.”")
    doc = understander.nlp(text)
    [quote] = find_quotes(doc, partial(SpeakerFinder, doc, find_mentions(doc)))
    assert quote.speaker.name == "Tomas Reyes"
    assert quote.speaker.start == text.index("who said")


def test_as_x_observed_names_the_speaker_of_a_colons_quote(understander):
    text = ("As Dana Whitfield of the Harbour Gazette observed, the biggest winner was not on "
            "the stage, it was the stage itself:\n\n“The clear winner of the night was the "
            "network, which ran two lively sessions that were, for the most part, fair.”")
    assert _speakers(understander, text)[0][1] == "Dana Whitfield"


def test_an_opening_mark_typed_for_the_closing_one_closes_the_quote(understander):
    text = "“If the dock closes, the town closes,“ said Ines Marr. “We all know it.”"
    [(quoted, name, _)] = _speakers(understander, text)
    assert quoted.startswith("If the dock closes") and name == "Ines Marr"


def test_a_text_that_reads_is_attributed_to_that_text(understander):
    text = ("“The council acted in bad faith and without notice to the families who live "
            "along the river,” the lawsuit reads.")
    [(_, name, description)] = _speakers(understander, text)
    assert name is None and description == "the lawsuit"


def test_a_verb_that_says_with_its_particle_attributes_the_quote(understander):
    text = ("“The budget is a fantasy,” Councillor Amir Dunne said at the meeting.\n\n“It is a "
            "plan, and every line of it is paid for,” Mayor Lena Hart shot back.")
    speakers = _speakers(understander, text)
    assert [name for _, name, _ in speakers] == ["Amir Dunne", "Lena Hart"]


def test_a_written_thing_named_before_a_verb_of_saying_does_not_hide_the_quote(understander):
    text = ("Ines Marr explained the headline by saying: “We asked the town to vote, and the "
            "town voted. That is not controversial.”")
    [(quoted, name, _)] = _speakers(understander, text)
    assert quoted.startswith("We asked the town") and name == "Ines Marr"
