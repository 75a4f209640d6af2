"""Attributions the error groups of PolNeAR train pointed at, each on a sentence of the
kind they were found in: a word in marks inside a reported clause, a fragment's cue
that belongs to the next sentence, a fragment with its own cue after a quote, and short
reported clauses."""

from __future__ import annotations


def _quotes(understander, text):
    return understander.understand(text).quotes


def test_a_reported_clause_holding_one_word_in_marks_is_reported(understander):
    text = ("In a letter filed in federal court Monday, FBI general counsel James Baker "
            "said the probe is “ongoing.”")
    quotes = _quotes(understander, text)
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("the probe is “ongoing.”", "James Baker")]


def test_a_fragment_does_not_take_the_next_sentences_cue(understander):
    text = ("Carson issued a statement saying only that he was “refining some operational "
            "practices and streamlining some staff assignments to more aptly match the "
            "tasks ahead.” He added: “My senior team remains in place with my full "
            "confidence, and they will continue to execute our campaign plan.”")
    quotes = _quotes(understander, text)
    direct = [q for q in quotes if q["text"].startswith("My senior team")]
    assert len(direct) == 1 and direct[0]["start"] > text.index("He added")


def test_a_fragment_with_its_own_cue_is_not_joined_to_the_quote_before(understander):
    text = ('"It frankly breaks my heart," Perez tells the crowd. He says the court\'s '
            'decision strengthened his resolve to fight for more "fairness" and an '
            'overhaul of immigration laws.')
    quotes = _quotes(understander, text)
    assert quotes[0]["text"] == "It frankly breaks my heart"
    assert quotes[1]["text"].startswith("the court's decision strengthened")


def test_short_reported_clauses_count(understander):
    quotes = _quotes(understander, "In Texas, half of GOP primary voters said they were "
                                   "angry.")
    assert [q["text"] for q in quotes] == ["they were angry"]


def test_an_unattributed_quote_in_the_same_paragraph_extends_the_one_before(understander):
    text = ('"Absolutely not. Absolutely not," Clinton responded, remarking that she is '
            '"looking for a team" and that the most important member would be her running '
            'mate. "And I\'m not ruling anybody out."\n\nMaddow asked about the convention.')
    quotes = _quotes(understander, text)
    last = next(q for q in quotes if "ruling anybody out" in q["text"])
    assert last["start"] < text.index("looking for a team")
    assert last["speaker"] == "Clinton"


def test_a_quote_with_its_own_verb_of_saying_is_not_joined_to_the_one_before(understander):
    text = ('"One guy came in and said maybe we should start killing them," said the woman, '
            'who did not want to be quoted by name. "Too much hate," she said, blaming some '
            'of it on a presidential candidate.')
    quotes = [q for q in _quotes(understander, text) if q["kind"] == "direct"]
    assert [q["text"] for q in quotes] == [
        "One guy came in and said maybe we should start killing them", "Too much hate"]


def test_two_fragments_of_one_reported_phrase_are_one_quote(understander):
    text = ('Perez hammered Trump, calling him a "train wreck" and "outsourcer in chief," '
            'and contrasted the Republican candidate with Clinton.')
    partials = [q for q in _quotes(understander, text) if q["kind"] == "partial"]
    assert [q["text"] for q in partials] == ['him a "train wreck" and "outsourcer in chief,"']


def test_a_fragment_in_a_sentence_with_a_parenthetical_attribution(understander):
    text = ("Ms. Lee wants to tell the story with jokes. A comic tone, she said, would make "
            "the subject more accessible and “widen the conversation.”")
    partial = next(q for q in _quotes(understander, text) if q["kind"] == "partial")
    assert partial["text"] == ("A comic tone, she said, would make the subject more "
                               "accessible and “widen the conversation.”")


def test_a_sentence_reported_by_an_attribution_set_off_by_commas(understander):
    text = ("The emails were on a variety of work-related topics, the Times said, including "
            "speeches, meetings and news media appearances.")
    quotes = _quotes(understander, text)
    assert quotes[0]["text"].startswith("The emails were on a variety of work-related")
    assert quotes[0]["speaker"] == "Times"


def test_a_reported_clause_runs_on_after_an_attribution_inside_it(understander):
    text = ("Facebook created the tool to help in times of crisis, a spokeswoman, Anna "
            "Richardson White, said on Saturday, and it has activated it five times in the "
            "last year after natural disasters.")
    quote = _quotes(understander, text)[0]
    assert quote["text"] == text[:-1]  # the attribution inside, as PolNeAR marks it
    assert quote["speaker"] == "Anna Richardson White"


def test_a_clause_before_its_attribution_ends_with_the_sentence(understander):
    text = ("“We are winning,” he said. The race is close, Mr. Weaver said.")
    indirect = [q for q in _quotes(understander, text) if q["kind"] == "indirect"]
    assert [q["text"] for q in indirect] == ["The race is close"]


def test_a_view_of_its_subject_holds_the_subject(understander):
    # "appeared" attributes a view of the field to someone unnamed; PolNeAR's content is
    # the subject with its complement, not the complement alone.
    text = ("After Tuesday's primaries, the field appeared poised to narrow further, with "
            "two candidates expected to drop out.")
    quotes = _quotes(understander, text)
    assert any(q["text"].startswith("the field appeared poised to narrow further")
               and q["cue"] == "appeared" for q in quotes)


def test_a_learned_words_object_counts_in_a_relative_clause(understander):
    text = ("He spoke at Pancakes and Pies, at which virtually all the attendees expressed "
            "their support for Trump.")
    assert any(q["text"] == "their support for Trump" and q["cue"] == "expressed"
               for q in _quotes(understander, text))


def test_a_nouns_that_clause_is_what_it_attributes(understander):
    text = ("The reactions ranged from admiration of his credentials to one assertion that "
            "he really is not crazy and stupid.")
    assert any(q["text"] == "he really is not crazy and stupid" and q["cue"] == "assertion"
               for q in _quotes(understander, text))


def test_a_passive_verbs_subject_is_what_it_attributes(understander):
    text = "The results were reported on Tuesday by the state party."
    assert any(q["text"] == "The results" and q["cue"] == "reported"
               for q in _quotes(understander, text))


def test_a_that_clause_the_parser_hung_on_the_medium_is_reported(understander):
    # PolNeAR train: the parser reads "that the truck was …" as a clause of "messages".
    text = ("The mayor of Nice, Christian Estrosi, said in one of a series of Twitter "
            "messages that the truck was carrying arms and explosives when it struck the "
            "crowd.")
    assert [(q["text"], q["speaker"]) for q in _quotes(understander, text)] == [
        ("the truck was carrying arms and explosives when it struck the crowd",
         "Christian Estrosi")]


def test_a_relative_clause_on_the_medium_is_not_reported(understander):
    text = "Mr. Reyes said in a statement that was released on Monday he would not run."
    assert all("was released" not in q["text"] for q in _quotes(understander, text))


def test_a_quote_spans_its_marks_and_the_punctuation_inside_them(understander):
    """PolNeAR train sentences: the offsets give the quote as printed (“No,” and ''No.''),
    the text its words; a one-word answer then meets the annotated span."""
    text = ("According to Variety, CNN has gotten back to Trump with their response to "
            "Trump’s demand to have a charity benefit from his presence at the next debates. "
            "“No,” replied Jeff Zucker, President of CNN Worldwide, said simply.")
    [quote] = [q for q in _quotes(understander, text) if q["kind"] == "direct"]
    assert quote["text"] == "No" and text[quote["start"]:quote["end"]] == "“No,”"
    text = ("Asked on Monday whether Mr. Clinton would hold a cabinet position, Mrs. Clinton "
            "shook her head and said, ''No.''")
    [quote] = [q for q in _quotes(understander, text) if q["kind"] == "direct"]
    assert quote["text"] == "No." and text[quote["start"]:quote["end"]] == "''No.''"


def test_a_fragment_told_to_someone_starts_at_the_reported_clause(understander):
    """PolNeAR train sentences: whom the words were told to, and where and when, are the
    writer's; what was said is the that-clause holding the fragment."""
    text = ("Djokovic told a TV interviewer that he is feeling “a lot of emotion” before the "
            "“very important match.”")
    [quote] = _quotes(understander, text)
    assert quote["kind"] == "partial" and quote["speaker"] == "Djokovic"
    assert quote["text"] == ("that he is feeling “a lot of emotion” before the “very "
                             "important match.”")
    text = "Melania Trump tells Trump supporters that “he loves you.”"
    [quote] = _quotes(understander, text)
    assert (quote["text"], quote["speaker"]) == ("that “he loves you.”", "Melania Trump")


def test_a_title_named_after_the_word_for_the_work_is_no_quote(understander):
    """Two PolNeAR train sentences and two with "play": marks right after the word for a
    work hold its title; the album's words in marks after a verb are still someone's."""
    for text in ("The Huffington Post spoke with Teachout on the latest episode of its "
                 "politics podcast, “So, That Happened.”",
                 "Fidel Castro's revolution in 1959 dampened plans to return home, Mr. Rubio "
                 "said in his 2012 book, ''An American Son.''",
                 "The story of the strike was told by Ruth Okafor, who wrote about it in her "
                 "2019 play, “The Harbour Lights.”",
                 "Ruth Okafor said the town appears in her 2019 play, “Harbour Lights and the "
                 "Long Night at Sea.”"):
        assert not [q for q in _quotes(understander, text) if q["kind"] != "indirect"]
    text = ("“We had written two dozen songs before we got with [Danger Mouse],” Kiedis said, "
            "mentioning the long-awaited album is “in the home stretch.”")
    assert any("home stretch" in q["text"] and q["kind"] == "partial"
               for q in _quotes(understander, text))


def test_a_headline_quote_after_a_known_last_name_and_a_colon_is_theirs(understander):
    """A PolNeAR train headline and its lead: the recogniser misses "Trump" alone before the
    colon, but the article names Donald Trump."""
    text = ("Trump: 'We are going to win so much.'\n\nDonald Trump was magnanimous in declaring "
            "victory Tuesday night — but all signs of his immediate post-Iowa humility were "
            "gone.")
    quote = next(q for q in _quotes(understander, text) if "win so much" in q["text"])
    assert (quote["kind"], quote["speaker"]) == ("direct", "Donald Trump")


def test_a_cue_after_a_comma_closed_quote_with_no_subject_is_not_its_attribution(understander):
    """“We’ll see,” when asked …: "asked" follows the quote but says nothing about who
    spoke; the verb of saying with a subject before the quote does."""
    text = ("Mayor Ruth Okafor said, “We’ll see,” when asked whether she would seek a third "
            "term.")
    quote = next(q for q in _quotes(understander, text) if q["kind"] == "direct")
    assert (quote["text"], quote["speaker"]) == ("We’ll see", "Ruth Okafor")
    assert text[quote["start"]:quote["end"]] == "“We’ll see,”"


def test_a_headline_quote_after_a_colon_runs_on_to_the_headline_end(understander):
    """A headline's words in marks open the sentence it gives the speaker; one that ends
    at its closing mark stays as it is."""
    lead = "\n\nMayor Ruth Okafor told the council on Monday that the city would not raise taxes."
    text = "Okafor: ‘No Plans’ To Raise Property Taxes Next Year" + lead
    quote = next(q for q in _quotes(understander, text) if q["kind"] == "direct")
    assert text[quote["start"]:quote["end"]] == "‘No Plans’ To Raise Property Taxes Next Year"
    assert quote["speaker"] == "Ruth Okafor"
    text = "Okafor: ‘No Plans To Raise Taxes’" + lead
    quote = next(q for q in _quotes(understander, text) if q["kind"] == "direct")
    assert text[quote["start"]:quote["end"]] == "‘No Plans To Raise Taxes’"


def test_a_fragment_a_relative_pronoun_names_starts_at_the_pronoun(understander):
    """"what Okafor called “…”": the fragment says what the pronoun stands for, and the
    pronoun is part of what is attributed, as annotators mark it."""
    text = ("The council on Tuesday rejected what Mayor Ruth Okafor called “a reckless "
            "giveaway to developers.”")
    quote = next(q for q in _quotes(understander, text) if q["kind"] == "partial")
    assert text[quote["start"]:quote["end"]] == (
        "what Mayor Ruth Okafor called “a reckless giveaway to developers.”")
    assert quote["speaker"] == "Ruth Okafor"


def test_a_transcript_line_is_its_speakers_whatever_it_reports_inside(understander):
    text = ("Anna Reyes hosts the evening show. Partial transcript as follows:\n\n"
            "REYES: The mayor said on Friday that the budget would be balanced by June. "
            "Many listeners do not believe that anymore.\n")
    quotes = _quotes(understander, text)
    line = [q for q in quotes if q["text"].startswith("The mayor said")]
    assert len(line) == 1 and line[0]["speaker"] == "Anna Reyes"
    # what the mayor said is part of the line, not an attribution of its own
    assert not any(q["text"] == "the budget would be balanced by June" for q in quotes)


def test_a_sentence_opening_with_a_poll_is_the_polls_report(understander):
    text = ("In a Quinnipiac University poll released Tuesday, 47 percent of Ohio voters "
            "backed the governor's tax plan.")
    [quote] = _quotes(understander, text)
    assert quote["text"] == "47 percent of Ohio voters backed the governor's tax plan"
    assert quote["speaker"] == "Quinnipiac University"


def test_the_words_between_a_joined_quotes_pieces_are_its_attribution_not_a_report(
        understander):
    """A quote joined over its attribution: "asked not to be named", "in a memo to staff"
    and the speaker after "asked" belong to the attribution, and report nothing."""
    for text, speaker in (
            ("“I've driven a crane here for 22 years,” said a dock worker who asked not to "
             "be named because he feared losing shifts. “They say they'll retrain us.”", None),
            ("“These are painful decisions,” chief executive Corinne Bauer said in a memo to "
             "staff. “We have to be smaller and faster to compete.”", "Corinne Bauer"),
            ("“Who is watering their garden now?” asked retired teacher Graham Pell. “The "
             "farms are the ones using the water.”", "Graham Pell")):
        quotes = _quotes(understander, text)
        assert [q["kind"] for q in quotes] == ["direct"], quotes
        if speaker:
            assert quotes[0]["speaker"] == speaker


def test_an_indirect_quote_never_cuts_a_passage_in_marks(understander):
    """The parse ends the object of "thanked" on the last word inside the marks, the stop
    and the closing mark hung elsewhere; the quote runs on to the closing mark."""
    text = "Governor Ruth Okafor thanked the volunteers for “keeping this town on its feet.”"
    [quote] = _quotes(understander, text)
    assert quote["kind"] == "indirect" and quote["speaker"] == "Ruth Okafor"
    assert text[quote["start"]:quote["end"]] == (
        "the volunteers for “keeping this town on its feet.”")
    assert quote["text"].endswith("feet.”")


def test_a_fragment_widened_to_its_reported_clause_starts_at_that(understander):
    """A fragment in a that-clause after "said" starts at "that", as one told to someone
    does; a reported clause without marks still reads without it."""
    text = ("Mayor Ruth Okafor said last week that the plan was “dead on arrival,” and the "
            "council agreed.")
    quote = next(q for q in _quotes(understander, text) if q["kind"] == "partial")
    assert text[quote["start"]:quote["end"]] == "that the plan was “dead on arrival,”"
    assert quote["speaker"] == "Ruth Okafor"
    text = "Mayor Ruth Okafor said last week that the plan was dead on arrival."
    [quote] = _quotes(understander, text)
    assert quote["kind"] == "indirect" and quote["text"] == "the plan was dead on arrival"


def test_a_quote_completing_a_that_clause_starts_at_that(understander):
    """The words between "that" and the marks open the sentence the quote finishes, and
    the same verb reports them; a quote with a verb of saying of its own stays alone."""
    text = ("Mayor Ruth Okafor said that once the budget passes, “We will start hiring "
            "nurses again.”")
    [quote] = _quotes(understander, text)
    assert (quote["kind"], quote["speaker"]) == ("direct", "Ruth Okafor")
    assert text[quote["start"]:quote["end"]] == (
        "that once the budget passes, “We will start hiring nurses again.”")
    text = ("Councillor Dan Mercer said that the vote had been close, and added: “We will try "
            "again next year.”")
    quote = next(q for q in _quotes(understander, text) if q["kind"] == "direct")
    assert text[quote["start"]:quote["end"]] == "“We will try again next year.”"


def test_according_to_reports_its_own_paragraph_not_the_line_before(understander):
    # The parser runs the caption-like line into the next sentence; "according to"
    # reports the sentence on its own line.
    text = ("Harold Benning, 58\nBenning was driving home from his shift at the plant, "
            "according to the state police.")
    quotes = _quotes(understander, text)
    assert [q["text"] for q in quotes] == [
        "Benning was driving home from his shift at the plant"]


def test_an_attribution_set_off_by_commas_reports_its_whole_sentence(understander):
    # The parser hangs "was" on "told"; the sentence is still what the mayor said.
    text = "The plan, the mayor told reporters, was never meant to cut jobs."
    quotes = _quotes(understander, text)
    assert [(q["text"], q["cue"]) for q in quotes] == [
        ("The plan, the mayor told reporters, was never meant to cut jobs", "told")]


def test_a_set_off_attribution_reports_only_its_own_clause(understander):
    text = "The council approved the budget, and, officials said, the vote was close."
    said = [q["text"] for q in _quotes(understander, text) if q["cue"] == "said"]
    assert said == ["the vote was close"]
    text = ("The mayor is counting on turnout in the east, which, her aides believe, "
            "would decide the race.")
    believe = [q["text"] for q in _quotes(understander, text) if q["cue"] == "believe"]
    assert believe == ["which, her aides believe, would decide the race"]


def test_a_fronted_phrase_and_a_verbs_own_object_are_no_set_off_attribution(understander):
    text = ("In 2019, she complained bitterly about the delays, and railed against the "
            "contractor.")
    quotes = _quotes(understander, text)
    assert not any(q["text"].startswith("In 2019") for q in quotes)


def test_an_adjective_of_a_state_of_mind_attributes_its_clause(understander):
    text = "Party leaders are confident that the turnout in the north will hold."
    quotes = _quotes(understander, text)
    assert [(q["text"], q["cue"]) for q in quotes] == [
        ("the turnout in the north will hold", "confident")]
    quotes = _quotes(understander, "Many farmers remain skeptical about the trade deal.")
    assert [(q["text"], q["cue"]) for q in quotes] == [("the trade deal", "skeptical")]


def test_a_degree_and_its_result_are_no_attribution(understander):
    quotes = _quotes(understander, "The aides were so worried that they cancelled the rally.")
    assert quotes == []


def test_a_lower_case_fragment_after_a_quote_runs_the_quote_on(understander):
    """A fragment in marks in the writer's next sentence, with no attribution of its own,
    goes on the quote before it; one with a verb of saying of its own, or one that opens
    with a capital, does not."""
    text = ("“The river has never been this low,” said Ines Marr, a ferry captain. Now, “we "
            "sail half empty and pray for rain.”")
    quote = next(q for q in _quotes(understander, text) if q["kind"] == "direct")
    assert (quote["speaker"], quote["start"]) == ("Ines Marr", 0)
    assert text[quote["end"] - len("pray for rain.”"):quote["end"]] == "pray for rain.”"
    text = ("“The river has never been this low,” said Ines Marr, a ferry captain. The mayor "
            "said the town would “look at every option.”")
    quote = next(q for q in _quotes(understander, text) if q["kind"] == "direct")
    assert text[quote["start"]:quote["end"]] == "“The river has never been this low,”"


def test_a_verb_of_saying_inside_a_reported_clause_is_part_of_it(understander):
    text = ("About a third of the county's registered voters said they believe the "
            "school levy will pass in November.")
    quotes = _quotes(understander, text)
    assert [q["text"] for q in quotes] == [
        "they believe the school levy will pass in November"]
    assert quotes[0]["cue"] == "said"


def test_a_second_report_joined_to_the_first_stays_its_own(understander):
    text = ("Most of the union's members said they would back the contract, but six in 10 "
            "said they want the talks reopened next year.")
    texts = [q["text"] for q in _quotes(understander, text)]
    assert "they want the talks reopened next year" in texts


def test_a_report_before_a_semicolon_is_not_the_next_clauses(understander):
    text = ("The operator says the new signals are needed to run more trains; the drivers' "
            "union says they would cut dozens of jobs.")
    quotes = _quotes(understander, text)
    texts = [q["text"] for q in quotes]
    assert "the new signals are needed to run more trains" in texts
    assert not any(t.startswith("The operator says") for t in texts)


def test_a_learned_main_verbs_complement_runs_to_its_sentences_end(understander):
    text = "The mayor declined to sign the ordinance because the county had not reviewed it."
    quotes = _quotes(understander, text)
    assert [(q["text"], q["cue"]) for q in quotes] == [
        ("to sign the ordinance because the county had not reviewed it", "declined")]


def test_a_learned_complement_stops_before_another_attribution(understander):
    text = ("The mayor declined to sign the ordinance, saying the county had not reviewed "
            "it.")
    quotes = _quotes(understander, text)
    assert any(q["text"] == "to sign the ordinance" for q in quotes)


def test_a_clause_and_its_widened_fragment_are_one_attribution(understander):
    text = ("Ortiz said he had received offers for the land, but “the offers came with "
            "conditions I could not accept.”")
    quotes = _quotes(understander, text)
    assert [q["text"] for q in quotes] == [
        "he had received offers for the land, but “the offers came with conditions I "
        "could not accept.”"]


def test_a_verb_of_saying_reports_the_clause_on_its_own_line(understander):
    """The parser runs the sentence on from the quote closing the paragraph before and
    hangs that quote's clauses on "said" first: the verb reports the clause beside it."""
    text = ("''Farmers, truckers and the people who ran the old ferry are tired of waiting, "
            "and their anger is clearly growing..''\n\nJane Ruiz, a county commissioner, "
            "said the vote was the clearest sign yet that ''people want the crossing fixed "
            "now, not in ten years.''")
    quotes = _quotes(understander, text)
    reported = [q for q in quotes if q["cue"] == "said"]
    assert [(q["text"], q["speaker"]) for q in reported] == [
        ("the vote was the clearest sign yet that ''people want the crossing fixed now, "
         "not in ten years.''", "Jane Ruiz")]


def test_a_learned_construction_holding_only_a_works_title_reports_nothing(understander):
    """The parser reads a podcast's title as a clause of "is"; the learned construction
    that takes it holds a title the passage rules left out, not anyone's words."""
    for text in ("Tom Reyes is a co-host of the Ledger Politics podcast “Well, That "
                 "Escalated.” Subscribe here or listen to the latest episode below:",
                 "Ana Cruz is a co-host of the Statehouse podcast “Nobody Asked.” Subscribe "
                 "here or listen to the latest episode below:"):
        assert _quotes(understander, text) == []


def test_a_title_and_subtitle_in_marks_are_no_quote(understander):
    """A book's name after "according to", a title and a subtitle after a colon, all
    capitalised, is not words anyone said, however long."""
    text = ("The port's decline came fast. According to Ruth Adler's ''The Harbor Years: "
            "How a Mill Town Lost Its Port,'' the last freighter left the docks in 1988.")
    assert not any(q["text"].startswith("The Harbor Years")
                   for q in _quotes(understander, text))
    text = ("The documentary, “12 Days: The Strike That Shut the Valley,” written by two "
            "former millworkers, opens on Friday.")
    assert _quotes(understander, text) == []


def test_a_quote_with_a_lead_in_sentence_of_its_own_is_not_joined_to_the_one_before(
        understander):
    """The words between two quotes end in a sentence that introduces the second with a
    colon: the second has its own lead-in and speaker, not the first one's."""
    text = ("“We will not close the clinic,” Mayor Dana Ortiz said at a news conference. "
            "Hours later, the county executive, Paul Brandt, struck back: “If the state "
            "cuts the grant, the clinic closes, whatever the mayor promises.”")
    quotes = [(q["text"][:20], q["speaker"]) for q in _quotes(understander, text)
              if q["kind"] == "direct"]
    assert quotes == [("We will not close th", "Dana Ortiz"),
                      ("If the state cuts th", "Paul Brandt")]


def test_a_passage_going_on_the_sentence_across_its_attribution_is_one_quote(understander):
    """A passage in marks that opens in lower case after a quote closed on a comma and
    an attribution set off by commas goes on the speaker's sentence, whatever verbs the
    attribution holds; not after a sentence ends, nor after a clause ("adding that …")
    that the attribution reports itself."""
    text = ("“These rules are written for lawyers,” said Ruth Okafor, speaking of the "
            "council, “and they leave everyone else guessing.”")
    [quote] = _quotes(understander, text)
    assert (quote["kind"], quote["speaker"]) == ("direct", "Ruth Okafor")
    assert text[quote["start"]:quote["end"]] == text
    text = ("The bridge “will not reopen before spring,” Ruth Okafor told reporters, “and "
            "nobody should expect otherwise.”")
    [quote] = _quotes(understander, text)
    assert text[quote["start"]:quote["end"]] == text
    text = ("“Turnout will be low,” Ruth Okafor wrote, adding that if the rain holds, "
            "“nobody will come at all.”")
    assert [q["text"] for q in _quotes(understander, text)] == [
        "Turnout will be low", "that if the rain holds, “nobody will come at all.”"]
    text = "“Turnout will be low,” Ruth Okafor wrote. Later, she said, “nobody will come.”"
    assert len(_quotes(understander, text)) == 2


def test_a_sentence_end_is_a_stop_before_a_capital_and_no_titles_or_initials():
    from storywire.understand.quotes import ends_sentence

    assert not ends_sentence("Mr. Smith said the vote would be close")
    assert not ends_sentence("the bill J. Doe wrote")
    assert not ends_sentence("a base in the U.S. Army's care")
    assert ends_sentence("“We will win,” he said. “Nobody doubts it”")
    assert ends_sentence("“Why now?” she asked. Then she left the room")
    assert not ends_sentence("“Why now?” she asked")
    assert ends_sentence("the plan failed.”")  # the stop at the end of the words looked at
    assert ends_sentence("said the president. He left")  # a title spelt out ends one


def test_a_sentence_end_reads_the_word_before_the_span():
    from storywire.understand.quotes import ends_sentence

    text = "They met Gov. Brown later"
    assert not ends_sentence(text, text.index(". Brown"))
    assert ends_sentence("They met the governor. Brown left", 21)


def test_a_quote_with_its_own_attribution_after_it_is_not_joined(understander):
    text = ('"We need calm leadership," Harris told the union, alluding to her rival '
            'without naming him. "Not someone who changes his mind every week and calls '
            'it strategy!" she said.')
    quotes = _quotes(understander, text)
    direct = [q["text"] for q in quotes if q["text"].startswith(("We need", "Not someone"))]
    assert direct == ["We need calm leadership",
                      "Not someone who changes his mind every week and calls it strategy!"]


def test_one_sentence_in_marks_with_a_title_in_it_is_a_fragment(understander):
    text = ('The senator later denied the report by tweeting that "I never discussed the '
            'budget with Mr. Delgado at any time."')
    quotes = _quotes(understander, text)
    quoted = [q for q in quotes if "Mr. Delgado" in q["text"]]
    assert len(quoted) == 1 and quoted[0]["kind"] == "partial"
