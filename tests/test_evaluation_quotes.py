"""The quote harness's definition diagnostic: which direct gold spans count as short and
verbless (a title, chant or slogan in marks), on sentences of the kind PolNeAR train
holds."""

from __future__ import annotations

from storywire.evaluation.quotes import Gold, short_verbless


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
