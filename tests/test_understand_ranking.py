"""The speaker model's candidates and its choice: a candidate is described by where it
stands and what role it plays, not by which verb of saying it is the subject of, and the
shipped weights still give a quote nobody introduces to the person the sentence before it
is about."""

from __future__ import annotations

from functools import partial


def _candidates(understander, text):
    from storywire.understand.entities import find_mentions
    from storywire.understand.quotes import find_quotes, quoted_spans, speaker_candidates
    from storywire.understand.speakers import SpeakerFinder

    doc = understander.nlp(text)
    mentions = find_mentions(doc)
    quotes = find_quotes(doc, partial(SpeakerFinder, doc, mentions), model=None)
    finder = SpeakerFinder(doc, mentions, quoted_spans(text)[1])
    return quotes, speaker_candidates(doc, finder, quotes)


def test_candidates_carry_structural_features_only(understander):
    text = ("“We will open the bridge in May,” said Marta Oyelaran, the city's transport "
            "chief. Her deputy, Colm Reyes, disagreed.")
    quotes, candidates = _candidates(understander, text)
    [quote] = [q for q in quotes if q.kind == "direct"]
    features = {c.speaker.name: c.features for c in candidates[quotes.index(quote)]}
    assert features["Marta Oyelaran"].get("subject_of_own_cue") == 1.0
    assert not features["Colm Reyes"].get("subject_of_own_cue")
    for each in features.values():
        assert not any(k.startswith("cue=") for k in each)


def test_a_quote_nobody_introduces_goes_to_the_subject_just_before_it(understander):
    text = ("Mayor Lena Hart put the bridge to the council in the spring. Councillor Amir "
            "Dunne has opposed it since.\n\n“It is a fantasy, and every line of it is "
            "borrowed money that the town will be paying back for thirty years.”")
    [quote] = [q for q in understander.understand(text).quotes if q["kind"] == "direct"]
    assert quote["speaker"] == "Amir Dunne"
