"""The parts of the understand stage that need no model: quotation marks in every
convention, reading figures, folding names. Real sentences from the demo corpus, PolNeAR
and the issue's example article."""

from __future__ import annotations

import pytest

from storywire.understand.entities import Mention, canonicalise
from storywire.understand.figures import read_number
from storywire.understand.marks import find_marked


def quoted(text: str) -> list[str]:
    return [m.content(text) for m in find_marked(text)]


@pytest.mark.parametrize("text, expected", [
    # curly double marks, speaker after (the example)
    ("“Without an independent Ukraine, there won't be an independent Belarus,” said "
     "Mr. Kulazhanka.", ["Without an independent Ukraine, there won't be an independent Belarus"]),
    # straight double marks (PolNeAR train, Breitbart)
    ('"That adds up to 185,000 over two years. But this would be the total number of '
     'refugees, not the number of refugees from Syria."',
     ["That adds up to 185,000 over two years. But this would be the total number of "
      "refugees, not the number of refugees from Syria."]),
    # single curly marks, with apostrophes around (PolNeAR train headline)
    ("Trump: Cruz Has ‘To Come a Long Way’ On Ethanol, He’s For Oil Because ‘Oil Pays Him "
     "a Lot of Money’", ["To Come a Long Way", "Oil Pays Him a Lot of Money"]),
    # French guillemets with their spaces (demo corpus, L'Écho du Lac)
    ("« J'ai cru qu'un camion était entré dans la boulangerie », raconte Sylvie Aubertin, "
     "boulangère rue du Port.", ["J'ai cru qu'un camion était entré dans la boulangerie"]),
    # German low-high marks
    ("„Wir haben keine Wahl“, sagte die Bürgermeisterin am Mittwoch.", ["Wir haben keine Wahl"]),
    # an apostrophe is not a quote
    ("O’Malley’s campaign says it will shift staff to the early states.", []),
    # two apostrophes for a double mark, single marks inside (PolNeAR train, NYT archive)
    ("''We are told all the time, 'Kosovo is a special case,''' Mr. Putin said. ''It is "
     "all lies.''", ["We are told all the time, 'Kosovo is a special case", "It is all lies."]),
    ("That ''is the thing that saved us,'' said Carole Taylor.",
     ["is the thing that saved us"]),
])
def test_every_mark_convention(text, expected):
    assert quoted(text) == expected


def test_a_quote_running_over_two_paragraphs_is_one_quote():
    # demo corpus, Harbour Gazette: the first paragraph ends without a closing mark
    text = ("“They tell us the cranes will make the port safer and that nobody will be "
            "thrown on the scrapheap, that they'll retrain us. Retrain us for what? To sit "
            "in a room watching the screens?\n\n“My lad started on the lashing gangs in the "
            "spring. If this goes through he'll be the last one,” said a dock worker who "
            "asked not to be named.")
    [passage] = find_marked(text)
    assert passage.paragraphs == 2
    content = passage.content(text)
    assert "Retrain us for what?" in content and "My lad started" in content
    assert content.endswith("he'll be the last one")
    assert text[passage.end] == "”"


@pytest.mark.parametrize("phrase, value, approximate, qualifier, low, high", [
    ("about 200", 200, True, "about", None, None),
    ("more than 1,000", 1000, True, "more than", None, None),
    ("nearly 300", 300, True, "nearly", None, None),
    ("$4.2m", 4_200_000, False, None, None, None),
    ("1,150", 1150, False, None, None, None),
    ("5,0", 5.0, False, None, None, None),  # a decimal comma, as a French outlet writes it
    ("just over 40%", 40, True, "just over", None, None),
    ("thousands", 2000, True, "thousands", None, None),
    ("between 3% and 4%", 3.5, True, "between", 3, 4),
    ("$85 million to $95 million", 90_000_000, True, "between", 85_000_000, 95_000_000),
    ("a dozen", 12, True, "a dozen", None, None),
    ("eleven", 11, False, None, None, None),
])
def test_reading_figures(phrase, value, approximate, qualifier, low, high):
    reading = read_number(phrase)
    assert reading is not None
    assert reading.value == pytest.approx(value)
    assert reading.approximate is approximate
    assert reading.qualifier == qualifier
    assert (reading.low, reading.high) == (low, high)


def test_short_names_fold_under_the_fullest_one():
    mentions = [Mention("Kulazhanka", "PERSON", 0, 10),
                Mention("Pavel Kulazhanka", "PERSON", 20, 36),
                Mention("Mr. Kulazhanka", "PERSON", 40, 54), Mention("Ana", "PERSON", 60, 63),
                Mention("Ana Ruiz", "PERSON", 70, 78),
                Mention("Pavel Latushko", "PERSON", 80, 94),
                Mention("Kulazhanka", "ORG", 100, 110)]
    canonicalise(mentions)
    assert [m.canonical for m in mentions] == [
        "Pavel Kulazhanka", "Pavel Kulazhanka", "Pavel Kulazhanka", "Ana Ruiz", "Ana Ruiz",
        "Pavel Latushko", "Kulazhanka"]


def test_a_failing_understand_stage_loses_no_article(db_location):
    """A slip in the stage is reported against the article's file; the batch is kept."""
    from storywire.demo import corpus_path
    from storywire.pipeline import Pipeline
    from storywire.store import open_store

    class Broken:
        def understand(self, text, language, year=None):
            raise ValueError("cannot read this")

    with open_store(db_location) as store:
        pipeline = Pipeline(store)
        pipeline.stage("understand")._understander = Broken()
        report = pipeline.ingest([str(corpus_path() / "text")])
        assert report.added == store.count_articles() > 0
        assert report.errors and all("understand stage failed: cannot read this" in str(e)
                                     for e in report.errors)


def test_who_said_what_joins_one_speaker_spelled_with_and_without_the():
    from storywire.model import Article
    from storywire.understand.views import who_said_what

    def said(ident: str, speaker: str | None, text: str) -> Article:
        return Article(id=ident, capture_sha256=ident, origin=ident, paragraphs=[text],
                       outlet=f"Outlet {ident}",
                       quotes=[{"text": text, "speaker": speaker, "kind": "indirect"}])

    groups = who_said_what([
        said("1", "the Technology Workers Union", "that management is hiding behind automation"),
        said("2", "The Technology Workers Union", "it would seek urgent talks"),
        said("3", None, "the cuts had been expected")])
    assert [(g.speaker, len(g.quotes)) for g in groups] == [
        ("The Technology Workers Union", 2), (None, 1)]
