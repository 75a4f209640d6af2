"""Speaker rules the error groups of PolNeAR train pointed at, each on a sentence of the
kind they were found in: a participle or a joined verb of saying that the parser tied to
the clause it reports, a speaker named by a relative pronoun, an "as X observed" before a
colon, an opening mark typed for the closing one, a text that "reads", a name inside a
clause that describes an unnamed subject, a cue the parser hung inside the clause another
verb of saying reports, a participle, which is never inverted, and a participle the
parser hung on an adverbial clause of a verb of saying, and a name the recogniser missed
where another name stands beside it or after an inverted cue."""

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


def test_a_name_in_a_clause_about_the_subject_is_not_the_speaker(understander):
    # PolNeAR train: the source is "one source", who only mentions Sullivan.
    text = ("“I can only tell you that his email account initiated a number of emails,” "
            "said one source who identified Sullivan but spoke on the condition of "
            "anonymity.")
    [(_, name, description)] = _speakers(understander, text)
    assert name is None and description.startswith("one source")


def test_a_name_in_a_participle_clause_about_the_subject_is_not_the_speaker(understander):
    text = ("Protesters marched down Michigan Avenue on Friday. Others, reacting to the gap "
            "between the Van Dyke shooting and the video's release, shouted, \"Stop the "
            "coverup!\"")
    [(_, name, description)] = _speakers(understander, text)
    assert name is None and description.startswith("Others")


def test_of_two_subjects_the_parser_gives_a_verb_the_nearer_is_its_own(understander):
    from storywire.understand.entities import find_mentions
    from storywire.understand.quotes import quoted_spans
    from storywire.understand.speakers import SpeakerFinder

    # The parser reads "signs" as a second subject of "chanted".
    text = ("Holding signs calling Christie “New Jersey’s Biggest Loser,” the protesters "
            "chanted “Chris Christie: Bad for New Jersey, bad for you.”")
    doc = understander.nlp(text)
    finder = SpeakerFinder(doc, find_mentions(doc), quoted_spans(text)[1])
    chanted = next(t for t in doc if t.text == "chanted")
    assert finder.subject_of(chanted).text == "protesters"


def test_a_document_that_says_is_its_owners_speech(understander):
    # PolNeAR train marks the paper that ran the piece as the source.
    text = ("Which brings me to Bernie Sanders. The Washington Post recently ran a piece "
            "that noted his \"health care plan would benefit affluent households more than "
            "it would poorer ones.\"")
    [quote] = understander.understand(text).quotes
    assert quote["speaker"] == "The Washington Post"


def test_a_resolution_that_says_is_the_councils_speech(understander):
    text = ("The St. Paul City Council passed a resolution which said, \"The city condemns "
            "anti-Muslim, anti-refugee, and anti-immigrant rhetoric in all its forms.\"")
    assert _speakers(understander, text)[0][1] == "The St. Paul City Council"



def test_a_colons_quote_the_parser_made_the_root_takes_the_subject_before_the_colon(
        understander):
    # PolNeAR train (wash-post 2016-09-01): the parse hangs "returned" on "called" inside
    # the quote, so the sentence's root says nothing about who speaks.
    text = ("Donald Trump flew to Mexico City on Wednesday. Trump almost seemed to agree. "
            "\"Illegal immigration is a problem for Mexico as well as for us,\" he said.\n\n"
            "But back on American soil, he returned to his familiar lines: \"It's called "
            "America First! ... There will be no amnesty! ... You cannot obtain legal status "
            "or become a citizen of the United States by illegally entering our country.\"")
    assert [name for _, name, _ in _speakers(understander, text)] == [
        "Donald Trump", "Donald Trump"]


def test_he_stands_for_a_name_read_as_no_person_that_speaks(understander):
    # PolNeAR train (breitbart 2015-11-19): over the whole article the people rules read
    # "Brafman" as a group word, yet he is the subject of "said" there.
    from dataclasses import replace

    from storywire.understand.entities import find_mentions
    from storywire.understand.speakers import SpeakerFinder

    text = ("Brafman said, “The zeal with which this case was brought from inception to the "
            "Southern District is uncharacteristic of any case that we have found.”\n\n"
            "Later, when I emailed Brafman to thank him for his stellar work on my behalf, "
            "he replied, “This was one of my finest moments in thirty-eight years of work "
            "and I am absolutely delighted that I was able to save you from prison.”")
    doc = understander.nlp(text)
    mentions = [replace(m, label="GROUP") if m.canonical == "Brafman" else m
                for m in find_mentions(doc)]
    finder = SpeakerFinder(doc, mentions, [])
    he = next(t for t in doc if t.text == "he")
    resolved = finder.resolve_pronoun(he)
    assert resolved is not None and resolved.canonical == "Brafman"
    # A name nobody has speak stays out of reach of a pronoun.
    quiet = SpeakerFinder(doc, [replace(m, label="GROUP") for m in mentions
                                if m.start > 100], [])
    assert quiet.resolve_pronoun(he) is None


def test_a_second_source_named_by_according_to_is_the_quotes_source(understander):
    # PolNeAR train (politico 2016-07-29, huff-post 2015-11-09): the writer has the quote
    # from Frankel's and the paper's account, and PolNeAR marks that account's source.
    text = ("“She’s going to have my name, and I’m going to spend a lot of money on "
            "television,” Grayson said, according to Frankel.\n\n"
            "“I think one has to ask, is this a priority for the two of them because it’s an "
            "election year or if it’s because something they truly believe in?” O’Malley "
            "said at a press conference, according to the Las Vegas Sun.\n\n"
            "“Delegates are and should be able to vote the way they see fit,” Walker said.")
    speakers = [name for _, name, _ in _speakers(understander, text)]
    assert speakers[0] == "Frankel" and "Las Vegas Sun" in speakers[1]
    assert speakers[2] == "Walker"


def test_a_cue_in_the_quotes_own_sentence_beats_one_in_the_sentence_after(understander):
    # PolNeAR train (breitbart 2016-03-15): "Asked" opens the next sentence, which is
    # Trump's reply; the quote is the "he said" before it.
    from storywire.understand.entities import find_mentions
    from storywire.understand.quotes import find_quotes
    from storywire.understand.speakers import SpeakerFinder

    text = ("Trump at the time said he’d asked his “people” to “look into” paying the fees.\n\n"
            "On ABC’s “Good Morning America” Tuesday, he said, “I never said I was going to "
            "pay for fees.” Asked if it had appeared he was encouraging violence with his "
            "initial statement, Trump replied, “Well, maybe so. Maybe that’s why I wouldn’t "
            "do it.”")
    doc = understander.nlp(text)
    quotes = find_quotes(doc, partial(SpeakerFinder, doc, find_mentions(doc)))
    first = next(q for q in quotes if q.text.startswith("I never said"))
    assert first.cue == "said" and first.speaker.start == text.index("he said")


def test_an_attribution_the_parser_split_off_after_a_question_mark(understander):
    # PolNeAR train (huff-post 2015-12-19): the lower-case words after “…?” go on with the
    # sentence the quote opens, however long they run.
    text = ("Serafinowicz, who’s starred in “Parks and Recreation” and “Guardians of the "
            "Galaxy,” posted the clip to YouTube on Thursday.\n\n"
            "“What if Donald Trump had elocution lessons?” the 43-year-old asked in the "
            "video’s description.")
    [(quoted, name, description)] = _speakers(understander, text)
    assert quoted.startswith("What if") and name is None
    assert description == "the 43-year-old"


def test_a_quote_signed_on_the_line_after_it_is_the_signers(understander):
    # PolNeAR train (wash-post 2016-02-05, a fact check that signs each quote).
    text = ("Sanders's push for community health centers helped convince some Democratic "
            "lawmakers. In the end, Sanders voted in support of the ACA.\n\n"
            "\"I will look into it [releasing transcripts of her speeches]. I don't know "
            "the status, but I will certainly look into it.\"\n\n"
            "- Hillary Clinton.\n\n"
            "Clinton has certainly been looking into it a long time.")
    [(quoted, name, _)] = _speakers(understander, text)
    assert quoted.startswith("I will look") and name == "Hillary Clinton"


def test_verbs_of_saying_learned_from_the_annotated_cues(understander):
    # PolNeAR train (huff-post 2016-03-23, usa-today 2016-07-29): "mocks" and "opined"
    # introduce the quote before them as "said" would. The rules' choice is checked (the
    # model weighs it against the other candidates). The parse gives "opined" no subject
    # and the recogniser misses "Plain Dealer", so the second quote has its cue and still
    # no speaker.
    from storywire.understand.entities import find_mentions
    from storywire.understand.quotes import find_quotes
    from storywire.understand.speakers import SpeakerFinder

    text = ("For Jonathan Chait, Williamson is exposing the perverse moral logic of hardline "
            "libertarianism. “The marketplace hasn’t failed the white working class,” he "
            "mocks. “The white working class has failed capitalism.”\n\n"
            "Editorial pages across the country, including USA TODAY, warned that the sky "
            "was falling because of legal gun carriers, illogically tying law-abiding "
            "citizens to future mass murder. \"Gun owners should leave their weapons at "
            "home,\" opined Cleveland's Plain Dealer.")
    doc = understander.nlp(text)
    quotes = [q for q in find_quotes(doc, partial(SpeakerFinder, doc, find_mentions(doc)),
                                     model=None) if q.kind == "direct"]
    assert [q.cue for q in quotes] == ["mocks", "opined"]
    assert quotes[0].speaker.start == text.index("he mocks")
    assert quotes[0].speaker.name == "Williamson"


def test_a_trailing_attribution_whose_verb_the_parser_read_as_a_noun(understander):
    # PolNeAR train (politico 2016-01-19, breitbart 2016-01-19, politico 2016-07-11): the
    # parser reads "states" and "notes" as nouns and "the two write" as an apposition, so
    # no verb of saying follows the quote; the short clause after its comma still names
    # who says it.
    from storywire.understand.entities import find_mentions
    from storywire.understand.quotes import find_quotes
    from storywire.understand.speakers import SpeakerFinder

    text = ("In the new spot set to post early Tuesday, the PAC tries to shift the "
            "conversation to more fertile ground: guns and reproductive rights.\n\n"
            "“They know Hillary’s the only one strong enough to stop Wall Street abuses and "
            "make the wealthy pay their fair share,” a voice-over in the ad states.\n\n"
            "Richard Viguerie has raised money for conservatives for fifty years.\n\n"
            "“Cruz is there in terms of having the same positions on issues of importance "
            "to the Reagan Democrats,” Viguerie notes.")
    doc = understander.nlp(text)
    quotes = [q for q in find_quotes(doc, partial(SpeakerFinder, doc, find_mentions(doc)),
                                     model=None) if q.kind == "direct"]
    assert [q.cue for q in quotes] == ["states", "notes"]
    assert quotes[0].speaker.name is None
    assert quotes[0].speaker.description == "a voice-over in the ad"
    assert quotes[1].speaker.name == "Richard Viguerie"


def test_a_trailing_attribution_keeps_a_verb_the_parser_read_right(understander):
    # A quote whose attribution after it is parsed as a verb of saying keeps that verb's
    # subject; the new rule only stands in when the parse has no verb there.
    text = ("“We do not understand the need to have cited any lack of intent on the part "
            "of Secretary Clinton,” the senators wrote in their letter.")
    [(_, name, description)] = _speakers(understander, text)
    assert name is None and description == "the senators"


def test_whom_something_led_to_say_it_is_the_speaker(understander):
    # PolNeAR train (wash-post 2016-03-04, politico 2016-03-10): the verb of saying
    # completes "prompted"/"leading", whose object says it; the subject of "prompted" is
    # the occasion, not the speaker.
    from storywire.understand.entities import find_mentions
    from storywire.understand.quotes import find_quotes
    from storywire.understand.speakers import SpeakerFinder

    text = ("At one point, Cruz coached Trump to \"breathe, breathe, breathe.\" That "
            "prompted Rubio to make a joke about yoga and call Trump \"very flexible,\" a "
            "nod to the front-runner acknowledging that he has changed his position.\n\n"
            "His auto bailout fact-check Wednesday was retweeted 3,200 times, leading "
            "Clinton economic advisers like Gene Sperling to counter that “every cent that "
            "went to the auto bail out, Sanders voted against.”")
    doc = understander.nlp(text)
    quotes = find_quotes(doc, partial(SpeakerFinder, doc, find_mentions(doc)), model=None)
    by_cue = {q.cue: q.speaker for q in quotes}
    assert by_cue["call"].name == "Rubio"
    # The advisers' phrase, whose first name the mention rules read ("Clinton"), rather
    # than the fact-check.
    phrase = text.index("Clinton economic advisers like Gene Sperling")
    assert phrase <= by_cue["counter"].start < phrase + 44


def test_whom_a_verb_of_using_or_pushing_names_does_not_speak(understander):
    # "used the comments to urge", "pushing Democrats to reject": the subject speaks.
    text = ("Bernie Sanders is pushing fellow Senate Democrats to reject the debt deal, "
            "saying it \"gives the hedge funds everything they want and more.\"")
    quotes = understander.understand(text).quotes
    assert quotes and all(q["speaker"] == "Bernie Sanders" for q in quotes)


def test_went_on_after_a_quote_is_a_verb_of_saying(understander):
    # PolNeAR train (politico 2016-01-14): "“…,” she went on." attributes the quote;
    # "who went on to work alongside Trump" says nothing.
    from storywire.understand.entities import find_mentions
    from storywire.understand.quotes import find_quotes
    from storywire.understand.speakers import SpeakerFinder

    text = ("Clinton pointed to the nine different times Sanders has laid out a health care "
            "plan before Congress.\n\n\"And it’s a bit concerning to me because it would "
            "basically end all the kinds of health care we know, Medicare, Medicaid, the "
            "CHIP program,\" she went on.\n\nSam Solovey, a contestant on the reality show "
            "\"The Apprentice,\" who went on to work alongside Trump, said his boss was "
            "\"always kind and generous.\"")
    doc = understander.nlp(text)
    quotes = find_quotes(doc, partial(SpeakerFinder, doc, find_mentions(doc)), model=None)
    first = next(q for q in quotes if q.text.startswith("And it’s"))
    assert first.cue == "went" and first.speaker.start == text.index("she went")
    assert not any(q.text == "The Apprentice" for q in quotes)


def test_a_colons_quote_taken_from_a_text_is_the_texts(understander):
    # PolNeAR train (huff-post 2016-05-02, wash-post 2016-03-24): "From the report:" and
    # "From Bush's Facebook post:" name where the passage comes from; the name nearest
    # the colon ("Facebook") is not its source.
    from storywire.understand.entities import find_mentions
    from storywire.understand.quotes import find_quotes
    from storywire.understand.speakers import SpeakerFinder

    text = ("Not all web panels are created equal. From the report: “In general, samples "
            "drawn from opt-in panels differ from those of probability samples.”\n\n"
            "Aides say the former Florida governor plans to \"actively support\" Cruz. From "
            "Bush's Facebook post: \"For the sake of our party and country, we must move to "
            "overcome the divisiveness Donald Trump brings to the political arena.\"")
    doc = understander.nlp(text)
    quotes = [q for q in find_quotes(doc, partial(SpeakerFinder, doc, find_mentions(doc)),
                                     model=None) if q.kind == "direct"]
    assert quotes[0].speaker.description == "the report"
    assert quotes[1].speaker.name == "Bush"


def test_a_passage_with_no_verb_of_saying_and_no_speaker_is_no_quote(understander):
    # PolNeAR train (a poster caption under a paragraph on Swiss referendums): nine words
    # in marks that no verb of saying introduces and nobody is said to say are a slogan,
    # as often as not in PolNeAR's annotation; a passage as short with a verb of saying
    # stays a quote even when its speaker cannot be read (see the "opined" test above).
    text = ("Given the expected international fallout and questions of legality, the "
            "government had been stalling on implementation.\n\n"
            "“Finally establish safety! Yes to deportation of foreign criminals” (2015). "
            "(SVP/Global Risk Insights.)\n\n"
            "The initiative highly galvanized Swiss politics.")
    quotes = understander.understand(text).quotes
    assert not any(q["text"].startswith("Finally establish") for q in quotes)


def test_a_cue_the_parser_gave_no_subject_takes_the_name_nearest_to_it(understander):
    # PolNeAR train: the parser reads the colonel's name as the object of "on Dec. 2",
    # so "said" has no subject; the name right before it is the speaker.
    from storywire.understand.entities import find_mentions
    from storywire.understand.quotes import find_quotes
    from storywire.understand.speakers import SpeakerFinder

    text = ("But in a conference call with reporters on Dec. 2, Col. Steven H. Warren, a "
            "military spokesman in Baghdad, said, ''I mean, a raid is a combat operation. "
            "There is no way around that.''")
    doc = understander.nlp(text)
    [quote] = find_quotes(doc, partial(SpeakerFinder, doc, find_mentions(doc)), model=None)
    assert quote.speaker.name == "Steven H. Warren"
    assert _speakers(understander, text)[0][1] == "Steven H. Warren"


def test_a_past_tense_verb_and_a_name_after_a_quote_nobody_says_name_its_speaker(
        understander):
    # PolNeAR train: "beamed" and "exhorted" are on no list of verbs of saying, so the
    # quotes had nobody to say them; the verb right after the mark and a person's name
    # within four words of it (a possessive passed over) say who spoke.
    text = ("One thousand supporters snapped his picture in unison, while a delegate in a "
            "pink elephant-print shirt climbed atop her chair for a better view.\n\n"
            "“This is fantastic!” beamed Donald Hartley of Madison, Alabama, who snuck "
            "onto the floor from the guest seats to be closer to the action.")
    assert _speakers(understander, text) == [("This is fantastic!", "Donald Hartley", None)]
    text = ("Then there was the most obvious change of all: \"It's about time that we had "
            "a woman running this country,\" exhorted Clinton's introducer, actress Jamie "
            "Lee Curtis.")
    [(quoted, name, _)] = _speakers(understander, text)
    assert quoted.startswith("It's about time") and name == "Jamie Lee Curtis"


def test_a_persons_verb_and_a_comma_before_a_quote_nobody_says_name_its_speaker(
        understander):
    # The mirror of the verb after the mark: "grinned" and "bellowed" are on no list of
    # verbs of saying; the verb right before the comma and its subject, a person (or a
    # he or she, or the subject of the verb it is joined to), say who spoke.
    text = ("Standing on a hay bale at the county fair, Governor Ellen Marsh grinned, “We "
            "did it the hard way, and we did it together.”\n\nThe crowd cheered as she "
            "waved and then bellowed, “See you in November!”")
    assert [(quoted, name) for quoted, name, _ in _speakers(understander, text)] == [
        ("We did it the hard way, and we", "Ellen Marsh"),
        ("See you in November!", "Ellen Marsh")]


def test_a_chant_after_a_crowds_verb_stays_nobodys(understander):
    text = "When the results came in, the crowd roared, “Four more years! Four more years!”"
    assert _speakers(understander, text) == []


def test_a_text_saying_something_speaks_for_whoever_put_it_out(understander):
    # "a statement saying …": the participle modifies the text, which the parse gives no
    # subject; whoever put the text out (or whose it is) says it.
    text = ("Late on Friday, Senator Ruth Calder put out a statement saying the budget "
            "“leaves rural hospitals to fend for themselves, and the governor knows it.”")
    quotes = understander.understand(text).quotes
    assert [(q["text"][:10], q["speaker"]) for q in quotes] == [("the budget", "Ruth Calder")]


def test_a_title_in_marks_before_a_past_tense_verb_is_no_quote(understander):
    # PolNeAR train: a news site's name in marks, followed by a verb and a possessive name.
    text = ("Merkel’s selection as Time’s person of the year has already gotten criticism "
            "from German conservatives. A German news organization called “The Local” "
            "cited that Merkel’s fall in approval ratings in 2015 is attributed to her "
            "leadership.")
    assert not any(q["text"].startswith("The Local")
                   for q in understander.understand(text).quotes)


def test_a_name_in_a_clause_the_parser_hung_inside_the_subject_is_not_the_speaker(
        understander):
    text = ("“We are nowhere near done,” said a senior aide to both senators, who, like "
            "several other staff members interviewed by Reuters, asked not to be named.")
    [(_, name, description)] = _speakers(understander, text)
    assert name is None and description.startswith("a senior aide to both senators")


def _all_speakers(understander, text):
    from storywire.understand.entities import find_mentions
    from storywire.understand.quotes import find_quotes
    from storywire.understand.speakers import SpeakerFinder

    doc = understander.nlp(text)
    quotes = find_quotes(doc, partial(SpeakerFinder, doc, find_mentions(doc)), model=None)
    return [(q.text, q.speaker.name if q.speaker else None) for q in quotes]


def test_a_cue_hung_inside_a_reported_clause_speaks_for_the_verb_that_reports_it(
        understander):
    text = ("Mayor Ruth Calloway said the Senate’s delay has “cost us a summer” on the "
            "radio before claiming that the contractors are “running the town into debt.”")
    speakers = _all_speakers(understander, text)
    assert [name for quoted, name in speakers if quoted.startswith("that")] == [
        "Ruth Calloway"]


def test_the_name_after_a_participle_is_whom_it_tells_not_its_speaker(understander):
    from storywire.understand.entities import find_mentions
    from storywire.understand.speakers import SpeakerFinder

    text = ("Yahoo anchor Dana Pruitt has praised humility in recent speeches, advising "
            "graduates to \"work hard\" and telling Harwell College's class of 2019, \"If "
            "you're too big for a small job, you're too small for a big one.\"")
    doc = understander.nlp(text)
    finder = SpeakerFinder(doc, find_mentions(doc), [])
    telling = next(t for t in doc if t.lower_ == "telling")
    subject = finder.subject_of(telling)
    assert subject is None or subject.text not in ("Harwell", "College")
    said = understander.nlp("“We are done,” said Harwell College's dean, Ana Whitlow.")
    cue = next(t for t in said if t.lower_ == "said")
    assert SpeakerFinder(said, find_mentions(said), []).subject_of(cue) is not None


def test_a_participle_hung_on_a_reported_clause_speaks_for_the_verb_that_reports_it(
        understander):
    text = ("Tania Brook was pushed out of the hall by the crowd. Brook said she was "
            "thinking, ''Oh no, this cannot be happening,'' adding, ''I had no words for "
            "what I felt that night.''")
    assert [name for _, name in _all_speakers(understander, text)] == ["Tania Brook"]


def test_a_participle_hung_on_an_adverbial_clause_speaks_for_the_verb_of_saying(
        understander):
    text = ("\"Lena Ortiz won tonight and I am very happy about it. I think the council needs "
            "her back,\" Kemper said during a segment on his show after the two-term "
            "councilwoman comfortably won her primary, remarking that while there are \"still "
            "plenty of voters upset over the stadium deal,\" Ortiz has already \"paid a very "
            "steep price for that vote and she admitted it was a mistake.\"")
    speakers = _all_speakers(understander, text)
    assert [name for quoted, name in speakers if quoted.startswith("that")] == ["Kemper"]


def test_a_name_the_recogniser_missed_is_its_person_not_a_name_beside_it(understander):
    from storywire.understand.entities import find_mentions
    from storywire.understand.speakers import SpeakerFinder

    text = ("Senator Maria Okafor praised the Ledger's statehouse reporter at a town hall in "
            "Dayton on Friday.\n\n“Very sharp reporter, very sharp reporter this man,” Okafor, "
            "the NAACP favorite statewide and current fundraising leader in Ohio, said.")
    doc = understander.nlp(text)
    at = text.index("Okafor, the")
    mentions = [m for m in find_mentions(doc) if not m.start <= at < m.end]
    finder = SpeakerFinder(doc, mentions, [])
    [subject] = [t for t in doc if t.idx == at]
    speaker = finder.speaker_for(subject)
    assert (speaker.name, speaker.start) == ("Maria Okafor", at)


def test_an_inverted_cue_takes_a_name_the_recogniser_missed_after_it(understander):
    from storywire.understand.entities import find_mentions
    from storywire.understand.speakers import SpeakerFinder

    text = ("Mayor Lena Okafor watched the speech from her office.\n\n“The governor said the "
            "port is our biggest problem. Which port does he mean?” reacted Okafor.")
    doc = understander.nlp(text)
    at = text.index("Okafor.")
    mentions = [m for m in find_mentions(doc) if not m.start <= at < m.end]
    finder = SpeakerFinder(doc, mentions, [(text.index("“"), text.index("”") + 1)])
    [cue] = [t for t in doc if t.text == "reacted"]
    subject = finder.subject_of(cue)
    assert subject is not None and finder.speaker_for(subject).name == "Lena Okafor"


def test_an_attribution_after_a_fragment_speaks_for_the_clause_around_it(understander):
    """A fragment whose own "X added" follows its closing mark is X's, though the
    sentence's clause, which a verb of saying inside it reports, holds the fragment; a
    verb after the mark with a clause or an object of its own is no such attribution."""
    def fragment(text):
        return next(q for q in understander.understand(text).quotes if q["kind"] == "partial")

    quote = fragment("Police Chief Dan Morrow cannot say that “from his perspective,” Mayor "
                     "Ruth Okafor added.")
    assert (quote["speaker"], quote["cue"]) == ("Ruth Okafor", "added")
    assert quote["text"].startswith("that “from his perspective,”")
    quote = fragment("Mayor Ruth Okafor told reporters that the two men had “spoken a few "
                     "times,” and Dan Morrow vowed to call her.")
    assert (quote["speaker"], quote["cue"]) == ("Ruth Okafor", "told")
