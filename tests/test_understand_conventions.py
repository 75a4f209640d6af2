"""Who said what on real news text: quote conventions and speakers on PolNeAR train
articles (US election news, 2015-16), and what figures count. The spaCy model is loaded
once; without it, or without ../shared/data, the tests skip with the reason."""

from __future__ import annotations

from conftest import shared_data


def _quotes(understander, stem: str, needle: str) -> list[dict]:
    """The quotes holding ``needle`` in the PolNeAR train article whose name starts so."""
    texts = shared_data("polnear/train/text")
    [path] = list(texts.glob(stem + "*.txt"))
    found = [q for q in understander.understand(path.read_text("utf-8")).quotes
             if needle in q["text"]]
    assert found, f"no quote holding {needle!r} in {path.name}"
    return found


def test_doubled_apostrophes_are_quotation_marks(understander):
    """The New York Times archive types ''…'' for “…”: a quote split by its attribution is
    one quote, and 'single' marks inside are not quotes of their own."""
    [quote] = _quotes(understander, "nyt_2015-11-25_golf-courses-forced", "Revenues are up")
    assert quote["speaker"] == "Steven M. Ekovich" and quote["kind"] == "direct"
    assert "Things are moving in the right direction" in quote["text"]  # after "said …"
    putin = _quotes(understander, "nyt_2015-12-19_putin-chides-turkey", "Kosovo is a special")
    assert len(putin) == 1 and putin[0]["text"].startswith("We are told all the time")
    assert putin[0]["speaker"] == "Vladimir V. Putin"


def test_a_quote_introduced_by_a_colon_takes_the_subject_or_name_before_it(understander):
    [kaine] = _quotes(understander, "breitbart_2016-07-22_tim-kaine", "pro-life in my personal")
    assert kaine["speaker"] == "Tim Kaine"  # "Kaine has adopted the stance …: “…”"
    # "RED STATES OUTNUMBER BLUE STATES FOR THE FIRST TIME - Jeffrey M. Jones: “…”"
    [jones] = _quotes(understander, "huff-post_2016-02-03_huffpollster",
                      "analysis of political party affiliation")
    assert jones["speaker"] and jones["speaker"].endswith("Jones")


def test_inverted_cues_and_subjects_inside_the_quote(understander):
    # "“…,” said Virginia delegate Beau Correll, angered that …"
    [correll] = _quotes(understander, "breitbart_2016-07-19_republicans-begin-roll-call",
                        "scripted television show")
    assert correll["speaker"] == "Beau Correll"
    # "“We think that the message that Donald Trump is talking about …,” he said": the
    # quote's own "we" is no subject; "he" is Paul Manafort, named the sentence before.
    [manafort] = _quotes(understander, "huff-post_2016-07-18_so-long-grand-old-party",
                         "We think that the message")
    assert manafort["speaker"] == "Paul Manafort"


def test_an_attribution_does_not_cross_a_paragraph_break(understander):
    """“…,” she said in an interview. “They want …” ¶ She predicts …: the second quote is
    Jan Brewer's, carried on from the attribution before it, not from the next paragraph."""
    [brewer] = _quotes(understander, "usa-today_2016-07-18_convention-is-trump",
                       "They want the peace of mind")
    assert brewer["speaker"] == "Jan Brewer" and brewer["cue"] != "predicts"


def test_a_fragment_comes_with_what_frames_it(understander):
    """Sen. Marco Rubio called the statement “offensive and outlandish.”: the quote is
    what Rubio called the statement, within its sentence."""
    [rubio] = _quotes(understander, "breitbart_2015-12-07_clinton-camp",
                      "offensive and outlandish")
    assert rubio["text"] == "the statement “offensive and outlandish.”"
    assert (rubio["speaker"], rubio["kind"], rubio["cue"]) == ("Marco Rubio", "partial",
                                                                "called")


def test_reported_speech_beyond_verbs_of_saying(understander):
    text = ("Clinton has repeatedly accused Trump of using divisive rhetoric. A Morning "
            "Consult poll found that he would draw from Clinton's support in a "
            "three-candidate race.")
    quotes = understander.understand(text).quotes
    accused = next(q for q in quotes if q["cue"] == "accused")
    assert accused["text"] == "Trump of using divisive rhetoric"
    assert accused["speaker"] == "Clinton" and accused["kind"] == "indirect"
    found = next(q for q in quotes if q["cue"] == "found")
    assert found["text"].startswith("he would draw from Clinton's support")


def test_figure_subjects_say_what_happened_to_what_is_counted(understander):
    text = ("A magnitude 5.8 earthquake struck the Kessel Highlands before dawn on Monday, "
            "killing at least 12 people and injuring more than 80. Two people were treated "
            "in hospital. About 200 Belarusian volunteers have joined the unit. Nine of the "
            "dead were from Hollin Cross. The hospital has hired 130 nurses in 2026. The "
            "company put the cost of the repair at $3.1 million. The Civic Party won the "
            "seat by more than 3,000 votes. The line carries about 2,000 passengers a day.")
    figures = understander.understand(text).figures
    subjects = {f["value"]: f["subject"] for f in figures}
    assert subjects[12] == "people killed" and subjects[80] == "injured"
    assert subjects[2] == "people treated"
    assert subjects[200] == "Belarusian volunteers"
    assert subjects[9] is None  # nine *of the dead*: a part, not the toll
    assert 2026 not in subjects  # a year, not a figure
    assert subjects[3_100_000] == "repair"  # the cost of the repair, not the company
    assert subjects[3000] == "vote margin"  # won by: a margin, not the votes won
    assert subjects[2000] == "passengers a day"  # a rate, not a count
