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
