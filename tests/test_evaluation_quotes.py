"""The quote harness: its definition diagnostic (which direct gold spans count as short
and verbless: a title, chant or slogan in marks) and how it judges a speaker, on
sentences of the kind PolNeAR train holds."""

from __future__ import annotations

from storywire.evaluation.quotes import Gold, short_verbless, speaker_right
from storywire.understand.quotes import Quote
from storywire.understand.speakers import Speaker


def _gold(text: str, piece: str) -> Gold:
    start = text.index(piece)
    return Gold(start, start + len(piece), [])


def test_titles_and_chants_are_short_and_verbless_and_speech_is_not(understander):
    text = ("Sanders said his favourite show is “Modern Family.” The crowd broke into "
            "chants of “Ted! Ted! Ted! Ted” as he walked in. “We will not give up on this "
            "state,” Cruz said. Trump called the deal “a disaster.”")
    doc = understander.nlp(text)
    assert short_verbless(doc, _gold(text, "“Modern Family.”"))
    assert short_verbless(doc, _gold(text, "“Ted! Ted! Ted! Ted”"))
    assert short_verbless(doc, _gold(text, "“a disaster.”"))  # short speech counts too
    assert not short_verbless(doc, _gold(text, "“We will not give up on this state,”"))


def _quoted_by(name: str, at: int) -> Quote:
    return Quote("“We are ready,”", "direct", 0, 15,
                 speaker=Speaker(name, None, at, at + len(name)))


def test_a_speaker_is_right_by_a_shared_name_and_never_by_a_shared_the():
    # The gold source is an outlet elsewhere in the text; the prediction is another one.
    gold = Gold(0, 15, [(200, 233, "the front page of The Boston Herald")])
    assert not speaker_right(_quoted_by("The New Hampshire Union Leader", 40), gold)
    assert speaker_right(_quoted_by("Boston Herald", 40), gold)
    # A surname shared with a fuller name is the same person; "His" names nobody.
    gold = Gold(0, 15, [(120, 131, "Mr. Sanders")])
    assert speaker_right(_quoted_by("Bernie Sanders", 40), gold)
    assert not speaker_right(_quoted_by("His campaign manager", 40), gold)
    # A name that is also a function word still counts.
    assert speaker_right(_quoted_by("Theresa May", 40), Gold(0, 15, [(90, 97, "Ms. May")]))


def test_date_runs_put_later_articles_in_later_runs():
    from storywire.evaluation.quotes import date_runs

    names = ["herald_2016-05-20_bridge-opens", "gazette_2016-02-11_mayor-resigns",
             "courier_2016-11-02_polls-close", "herald_2016-01-04_council-votes",
             "gazette_2016-03-30_budget-passes", "courier_2016-09-14_debate-night",
             "herald_2016-09-14_ferry-strike", "gazette_2016-01-20_school-board",
             "courier_2016-07-01_fair-opens", "herald_2016-04-18_rail-plan"]
    run_of = date_runs(names)
    assert sorted(run_of) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]  # five runs, two articles each
    # The latest run holds the latest articles; two of the same day go by name.
    assert {n for n, r in zip(names, run_of, strict=True) if r == 4} == {
        "herald_2016-09-14_ferry-strike", "courier_2016-11-02_polls-close"}
    dates = [name.split("_")[1] for name in names]
    for run in range(4):
        assert max(d for d, r in zip(dates, run_of, strict=True) if r == run) <= min(
            d for d, r in zip(dates, run_of, strict=True) if r == run + 1)
