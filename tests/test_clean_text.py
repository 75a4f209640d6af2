"""The line walk: fixtures of real-looking pastes, then each behaviour on its own."""

from __future__ import annotations

import json
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storywire.clean import (
    CleanOptions,
    TextHints,
    clean_text,
    headlines_agree,
    normalize_line,
    split_trailer,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "text"
NOW = datetime(2026, 11, 4, 12, 0, tzinfo=UTC)
FIXTURE_NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def _load(name: str) -> tuple[str, TextHints, CleanOptions, dict]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    spec = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    h = spec.get("hints", {})
    hints = TextHints(
        title=h.get("title"), outlet=h.get("outlet"), authors=tuple(h.get("authors", ())),
        published=datetime.fromisoformat(h["published"]) if h.get("published") else None,
        now=datetime.fromisoformat(h["now"]) if h.get("now") else None)
    return text, hints, CleanOptions(**spec.get("options", {})), spec["expect"]


# -- fixtures ----------------------------------------------------------------------------


def test_there_are_enough_fixtures():
    assert 6 <= len(FIXTURE_NAMES) <= 12
    for name in FIXTURE_NAMES:
        assert (FIXTURES / f"{name}.json").exists(), name


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture(name):
    text, hints, options, expect = _load(name)
    result = clean_text(text, hints, options)
    assert result.title == expect["title"]
    assert result.outlet == expect["outlet"]
    assert result.authors == expect["authors"]
    published = result.published.isoformat() if result.published else None
    assert published == expect["published"]
    assert result.paragraphs == expect["paragraphs"]  # every body sentence, nothing else
    assert [[line, why] for line, why in zip(result.removed, result.removed_reasons,
                                             strict=True)] == expect["removed"]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_accounts_for_every_line(name):
    """Nothing vanishes: each input line is either removed (with a reason) or kept."""
    text, hints, options, _ = _load(name)
    result = clean_text(text, hints, options)
    assert len(result.removed) == len(result.removed_reasons)
    assert all(result.removed_reasons)
    body = " ".join(result.paragraphs)
    removed = set(result.removed)
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            assert line in removed or line in body, line


def test_body_words_that_look_like_junk_are_kept():
    text, hints, options, _ = _load("body_keeps_words")
    result = clean_text(text, hints, options)
    assert result.removed == ["Why shareholders are watching the Harbor City dispute"]
    for needle in ("Share prices", "We will comment", "The next round", "Previous attempts",
                   "https://union.example/statement", "Related disputes", "Copyright of",
                   "Comments from", "12 comments were filed", "join the conversation",
                   "By the end of the day", "Follow the money", "Like this year",
                   "Advertisement revenue", "Posted in 2019", "3 hours ago",
                   "Read more about", "Leave a reply", "Photos by drone", "Next week",
                   "Home owners", "Print media", "Top officials", "Source code",
                   "All rights reserved under", "What happens next"):
        assert any(needle in p for p in result.paragraphs), needle
    assert result.published is None  # dates inside sentences are not time stamps


def test_wire_editors_are_not_authors_and_contributors_are_optional():
    text, hints, options, _ = _load("wire_reporting_by")
    result = clean_text(text, hints, options)
    assert result.authors == ["Ana Li", "Bo Sun", "Cy Wu"]
    result = clean_text(text, hints, CleanOptions(contributors_as_authors=False))
    assert result.authors == ["Ana Li", "Bo Sun"]


# -- rules applied in context ------------------------------------------------------------

BODY = ("The strike at the container terminal entered its second day on Tuesday, and "
        "importers warned that holiday stock could arrive late because ships were waiting.")


def test_comment_marker_cuts_the_rest():
    text = f"{BODY}\n\nLeave a Reply\nGreat piece, thanks.\nI disagree with every word of it."
    result = clean_text(text, TextHints(), CleanOptions(detect_title=False))
    assert result.paragraphs == [BODY]
    assert result.removed_reasons == ["comments"] * 3


def test_comment_counter_before_the_body_does_not_cut():
    text = f"Port strike enters day two\n12 Comments\n\n{BODY}\n\nA second paragraph here."
    result = clean_text(text)
    assert result.title == "Port strike enters day two"
    assert result.paragraphs == [BODY, "A second paragraph here."]
    assert result.removed == ["Port strike enters day two", "12 Comments"]


def test_comment_counter_above_the_article_after_teasers_does_not_cut_it():
    # a news page: other stories' teasers, then the story's date, share bar and counter,
    # then its paragraphs; the counter is removed alone, the story is kept
    teasers = "\n\n".join(
        f"Harbor board {topic}\nHARBOR CITY: The harbor board on Monday {what}, officials "
        "said at a briefing that ran well past its scheduled hour in the city hall."
        for topic, what in (("delays dredging", "delayed the dredging contract"),
                            ("approves budget", "approved next year's budget"),
                            ("hires pilots", "hired six new harbor pilots")))
    story = [
        "HARBOR CITY: Dock workers walked out on Tuesday after talks on pay broke down, "
        "leaving a dozen ships waiting at anchor outside the breakwater.",
        "\u201cWe have been patient for two years,\u201d said Ana Li, a crane operator.",
        "The port authority said it would seek a mediator before the end of the week.",
    ]
    text = (f"{teasers}\n\nNovember 20\n\nPrint This Article\nShare it With Friends\n\n"
            "0 Comments\n\n" + "\n\n".join(story) + "\n\nLeave a Reply\nGreat piece.")
    result = clean_text(text, options=CleanOptions(detect_title=False))
    assert all(paragraph in result.paragraphs for paragraph in story)
    assert "0 Comments" in result.removed
    assert "Great piece." in result.removed


def test_comment_section_under_its_marker_is_still_cut():
    comments = ("Ana Li says:\nNovember 21, 2026 at 9:14 am\nThe mediator should have "
                "been called months ago, and everyone on the docks knows it.\nReply")
    text = f"{BODY}\n\nA second paragraph here.\n\n3 Comments\n\n{comments}"
    result = clean_text(text, options=CleanOptions(detect_title=False))
    assert result.paragraphs == [BODY, "A second paragraph here."]


def test_a_bare_comments_button_over_a_story_of_short_paragraphs_does_not_cut_it():
    # a share bar's one-word "Comments" button above a wire story whose paragraphs are
    # one sentence each: the prose before the button (none: menus and teasers) is less
    # than the story's, though the teasers' words outnumber the story's long lines
    menu = "\n".join(["Home", "Markets", "Economy", "Technology", "Video", "Sign in",
                      "Retail chain shares slide after holiday sales miss forecasts",
                      "Central bank holds rates steady as inflation cools slowly",
                      "Carmaker recalls thousands of pickups over faulty brake lines",
                      "Airline adds winter flights to three southern holiday islands",
                      "Housing starts fall for a third month in the northern region"])
    story = [
        "A climber from Britain has died after falling about 600 metres on a mountain in "
        "New Zealand.",
        "The 32-year-old was climbing to a hut in the national park on Saturday, police "
        "said.",
        "He was wearing crampons but had little experience of steep snow and ice, an "
        "inspector said.",
        "His body was recovered by a team of rescuers on Sunday afternoon after two earlier "
        "attempts.",
        "Three climbers who were with him were rescued after spending the night on the "
        "mountain.",
        "The Foreign Office said it was providing consular help to the man's family."]
    text = (f"{menu}\n\nPublished 1 day ago\nFacebook\nTwitter\nComments\nPrint\nEmail\n\n"
            "Climber dies in fall on New Zealand peak\n\n" + "\n\n".join(story)
            + "\n\nAbout us\nContact\nTerms of use")
    for options in (CleanOptions(), CleanOptions(prose_guard=False)):
        result = clean_text(text, options=options)
        assert all(paragraph in result.paragraphs for paragraph in story)
        assert "Comments" in result.removed
    # the same story hard-wrapped, as a page that breaks its lines: judged a paragraph
    # at a time, its lines are prose too
    wrapped = "\n\n".join(textwrap.fill(p, 64) for p in story)
    result = clean_text(text.replace("\n\n".join(story), wrapped),
                        options=CleanOptions(prose_guard=False))
    assert " ".join(result.paragraphs).count("climb") == 3
    assert "Comments" in result.removed


def _paragraphs_cleaned(*blocks: str):
    """The blocks cleaned as one text, a blank line between them and none taken for
    the headline: a story with a box or a thread set among its paragraphs."""
    return clean_text("\n\n".join(blocks), options=CleanOptions(detect_title=False))


def test_a_byline_box_with_its_reply_count_inside_the_story_does_not_cut_the_rest():
    # a page that sets the author's box, with its date and reply count, between two
    # paragraphs, a photo and its credit under it: the story goes on below, longer
    # than what came before
    story = [
        "The city council voted on Monday to close two branch libraries at the end of "
        "the year, despite a petition signed by more than four thousand residents.",
        "Council members said the buildings needed repairs the city could not afford.",
        "Residents who use the libraries said the closures would hurt older people and "
        "children most, since the nearest other branch is a long bus ride away.",
        "The head of the library board said the staff of both branches would be moved "
        "to the central library and that no jobs would be lost.",
        "A group of parents said it would ask the court to stop the closures, arguing "
        "that the council had not held the public hearing the city charter requires.",
        "The council is expected to vote on next year's budget in two weeks, when the "
        "cost of the repairs will be debated again.",
    ]
    box = ("Maria Lopez\n\nMarch 3, 2026\n\n14 responses\n\n"
           "The Eastside branch, one of the two to close. Photo: Riverside Public Library")
    result = _paragraphs_cleaned(*story[:2], box, *story[2:])
    assert all(paragraph in result.paragraphs for paragraph in story)
    assert "14 responses" in result.removed
    # under the story, the same count over replies still cuts them
    replies = ("Tom Hart\nMarch 4, 2026 at 8:10 am\nThey always find money for the "
               "stadium, never for the libraries.\nReply")
    result = _paragraphs_cleaned(*story, "14 responses", replies)
    assert result.paragraphs == story


def test_a_paragraph_naming_a_time_under_a_reply_count_is_no_comment_header():
    # a byline box with its reply count under the second paragraph; the next paragraph
    # names the time of the first call, and the article's own list of closed roads
    # comes before three paragraphs in a row: the story goes on, it is no thread
    story = [
        "A fire broke out in a warehouse near the river port on Thursday, sending thick "
        "smoke over the eastern districts of the city, the fire service said.",
        "More than sixty firefighters fought the blaze through the morning.",
        "The first call came in at 6:42 a.m. from a night guard, who said the flames had "
        "already reached the roof of the warehouse.",
        "Police closed several roads around the port while the firefighters worked:",
        "Harbour Road",
        "Mill Street between the bridge and the station",
        "The ramp from the ring road",
        "The fire was under control by noon, and no one was hurt, the fire service said.",
        "The owner of the warehouse said it held paper and furniture, and that the cause "
        "of the fire was not yet known.",
        "Investigators are expected to visit the site on Friday once the ruins have "
        "cooled, a spokesman for the fire service said.",
    ]
    box = "Daniel Brooks\n\nMay 14, 2026\n\n2 responses"
    result = _paragraphs_cleaned(*story[:2], box, *story[2:])
    assert all(paragraph in result.paragraphs for paragraph in story)
    assert "2 responses" in result.removed
    # under the story, a reply's stamp with its time still heads a comment
    replies = ("Ann Cole\nMay 15, 2026 at 7:05 am\nThe roads were closed for hours and "
               "nobody told the people who live there.\nReply")
    result = _paragraphs_cleaned(*story, "2 responses", replies)
    assert "Ann Cole" in result.removed
    assert all(paragraph in result.paragraphs for paragraph in story)


def test_a_reply_count_in_a_box_past_the_middle_keeps_the_paragraphs_on_the_topic():
    # the byline box with its reply count sits under the fourth paragraph, so less
    # prose follows it than came before it; the paragraphs under it go on speaking of
    # the trains and the operator, with the article's own list between them
    story = [
        "The regional rail operator will cut the number of trains between Alton and "
        "Brierley by a third from March, the company said on Wednesday.",
        "The operator blamed a shortage of drivers and the cost of repairs to the old "
        "trains, which have broken down more often since the summer.",
        "Commuters who use the line said the trains were already full at rush hour and "
        "that fewer of them would force many people back into their cars.",
        "The mayor of Alton said she would ask the transport ministry to step in and "
        "keep the timetable as it is until new trains arrive.",
        "The operator said the drivers it is training now would allow it to bring the "
        "trains back to the timetable by the end of next year.",
        "The trains that go from March:",
        "the last train of the evening on weekdays",
        "the early trains on Sunday mornings",
        "the extra trains of the summer timetable",
        "Passengers on those trains will be offered buses to Alton instead, the "
        "operator said.",
    ]
    box = "Daniel Brooks\n\nMay 14, 2026\n\n2 responses"
    result = _paragraphs_cleaned(*story[:4], box, *story[4:])
    assert all(paragraph in result.paragraphs for paragraph in story)
    # one paragraph on the topic under the box is not enough: a reply names it too
    result = _paragraphs_cleaned(*story[:4], box, story[4])
    assert story[4] not in result.paragraphs
    # under the whole story the count heads the replies, which name its topic too
    replies = ("Ann Cole\nMay 15, 2026 at 7:05 am\nThe trains between Alton and Brierley "
               "are already late every morning.\nReply")
    result = _paragraphs_cleaned(*story, "2 responses", replies)
    assert result.paragraphs == story


def test_a_short_story_with_a_box_between_each_two_paragraphs_is_not_cut_as_comments():
    # a share bar with its "reader comments" count under the first paragraph, a photo
    # box and an ad under the next ones: the paragraphs never come three in a row under
    # the count, but each goes on speaking of the ferry and the harbour above it
    story = [
        "A passenger ferry ran aground outside Kestrel Harbour on Tuesday morning with "
        "212 people and 40 cars aboard, the coast guard said in a statement.",
        "The ferry was towed back into Kestrel Harbour by two tugs after the tide rose "
        "in the afternoon, and no passenger was hurt.",
        "Divers who inspected the ferry found a crack in its hull, and the operator "
        "said the crossing would not run until repairs were made.",
        "The harbour master said the channel outside Kestrel Harbour would be dredged "
        "before the summer timetable starts.",
    ]
    share = ("Share this story\n\nFacebook\n\nTwitter\n\nreader comments\n\n"
             "38 with 21 posters participating")
    photo = "Image caption\n\nThe ferry at its berth on Tuesday evening.\n\nPhoto: Ana Ruiz"
    feed = ("Trending\n\nCouncil approves budget after long night session\n\n"
            "Local team wins the regional cup on penalties\n\nAbout us\n\nContact")
    text = "\n\n".join([story[0], share, story[1], photo, story[2], "Advertisement",
                         story[3], feed])
    for options in (CleanOptions(detect_title=False),
                    CleanOptions(detect_title=False, prose_guard=False)):
        result = clean_text(text, options=options)
        assert all(paragraph in result.paragraphs for paragraph in story)
        assert "reader comments" in result.removed


def test_a_thread_under_a_comment_count_at_the_storys_end_still_goes():
    # the same kind of count under the story, over readers' replies that speak of
    # other things than the story does: no paragraph under it goes on with the story
    story = [
        "A passenger ferry ran aground outside Kestrel Harbour on Tuesday morning with "
        "212 people aboard, the coast guard said.",
        "The ferry was towed back into Kestrel Harbour by two tugs after the tide rose "
        "in the afternoon, and no passenger was hurt.",
    ]
    replies = ["Sort by: Newest",
               "This is what happens when nobody listens to the people who live here.",
               "My cousin was on board and says the crew were calm and very helpful.",
               "Typical. They will raise the ticket prices again to pay for all of it."]
    text = "\n\n".join([*story, "reader comments", *replies])
    result = clean_text(text, options=CleanOptions(detect_title=False,
                                                   prose_guard=False))
    assert result.paragraphs == story


def test_japanese_sentences_are_sentences_not_section_labels():
    # no spaces between words: a whole sentence is one "word", so only its full stop
    # tells a sentence that opens on a Latin name from a section label
    body = ["Kindle for PCをインストールすると、起動のホットキーが自動で設定される。",
            "Windows10での操作方法です。",
            "これでようやく元の操作性を取り戻せました。"]
    result = clean_text("\n\n".join(["Kindle for PCのショートカットキーを無効にする方法",
                                      *body]))
    assert result.paragraphs[-3:] == body
    assert "section-label" not in result.removed_reasons


def test_a_tweetable_quote_goes_and_the_line_above_it_stays():
    text = (f"{BODY}\nHere is the thing:\nA port that stops for a day loses a week of "
            "trade.Click To Tweet\nThe union will meet the mediator on Friday.")
    result = clean_text(text, options=CleanOptions(detect_title=False))
    assert "Here is the thing:" in result.paragraphs
    assert result.removed_reasons == ["share-prompt"]


def test_related_list_ends_at_a_normal_paragraph():
    text = (f"{BODY}\n\nYou may also like\nUnion sets vote date\nRail freight rises\n\n"
            "The port authority said it would respond on Friday.")
    result = clean_text(text, options=CleanOptions(detect_title=False))
    assert result.paragraphs == [BODY, "The port authority said it would respond on Friday."]
    assert result.removed == ["You may also like", "Union sets vote date", "Rail freight rises"]
    assert result.removed_reasons == ["related"] * 3


def test_related_list_before_the_body_stays_in_its_block():
    text = "Read more\nOther headline one\n\nPort strike enters day two\n\n" + BODY
    result = clean_text(text)
    assert result.title == "Port strike enters day two"
    assert result.paragraphs == [BODY]


def test_related_list_does_not_swallow_a_wrapped_paragraph():
    text = (f"{BODY}\n\nRead more\n"
            "Dockworkers said on Wednesday that they would keep the picket lines in\n"
            "place through the weekend, whatever the port authority decides to do\n"
            "about the mediator.")
    result = clean_text(text, options=CleanOptions(detect_title=False))
    assert result.removed == ["Read more"]
    assert result.paragraphs[-1].startswith("Dockworkers said on Wednesday")
    assert result.paragraphs[-1].endswith("about the mediator.")


def test_prev_next_label_takes_the_headline_but_not_a_sentence():
    text = (f"{BODY}\n\nPrevious post\nHarbor City budget vote delayed\nNext post\n"
            "The council met again on Thursday and approved the budget.")
    result = clean_text(text, options=CleanOptions(detect_title=False))
    assert result.removed == ["Previous post", "Harbor City budget vote delayed", "Next post"]
    assert result.paragraphs[-1] == "The council met again on Thursday and approved the budget."


def test_long_line_is_never_removed_by_a_short_line_rule():
    long_share = ("Share this article with your colleagues at the port and in the union and "
                  "the city council")
    result = clean_text(f"{BODY}\n\n{long_share}", options=CleanOptions(detect_title=False))
    assert long_share in result.paragraphs
    short = clean_text(f"{BODY}\n\nShare this article", options=CleanOptions(detect_title=False))
    assert short.removed == ["Share this article"]


def test_quotes_are_kept():
    lines = ["“Share this,” she said, handing over the leaflet.", '"Leave a reply," he said.',
             "« Lire aussi le rapport », a conseillé le syndicat."]
    result = clean_text(BODY + "\n\n" + "\n".join(lines), options=CleanOptions(detect_title=False))
    assert result.paragraphs == [BODY, *lines]


# -- title, outlet, trailer ----------------------------------------------------------------


def test_first_line_title_and_trailer_repeat_give_outlet():
    text = f"Port strike enters day two\n\n{BODY}\n\nPort strike enters day two - Harbor Times"
    result = clean_text(text)
    assert (result.title, result.outlet) == ("Port strike enters day two", "Harbor Times")
    assert result.removed_reasons == ["title", "title-repeat"]
    assert result.paragraphs == [BODY]


def test_truncated_trailer_agrees_with_the_title():
    text = (f"Port strike halts shipments at Harbor City terminal\n\n{BODY}\n\n"
            "Port strike halts shipments at Harbor … | Harbor Times")
    result = clean_text(text)
    assert result.outlet == "Harbor Times"
    assert result.removed_reasons == ["title", "title-repeat"]


def test_trailer_gives_the_title_when_the_first_line_is_a_sentence():
    text = f"{BODY}\n\nPort strike enters day two — The Harbor Times"
    result = clean_text(text)
    assert (result.title, result.outlet) == ("Port strike enters day two", "The Harbor Times")
    assert result.removed_reasons == ["trailer"]


def test_leading_headline_outlet_line():
    text = f"Port strike enters day two - Harbor Times\n\n{BODY}"
    result = clean_text(text)
    assert (result.title, result.outlet) == ("Port strike enters day two", "Harbor Times")


def test_hint_title_repeat_and_byline_repeat_are_removed():
    text = f"PORT STRIKE ENTERS DAY TWO.\nJane Doe and John Roe\n{BODY}"
    hints = TextHints(title="Port strike enters day two", authors=("Jane Doe", "John Roe"))
    result = clean_text(text, hints, CleanOptions(detect_title=False))
    assert result.removed_reasons == ["title-repeat", "byline-repeat"]
    assert result.paragraphs == [BODY]
    assert result.authors == ["Jane Doe", "John Roe"]


def test_a_different_first_line_is_kept_when_the_title_is_known():
    text = f"Shipping lines divert vessels as talks stall\n{BODY}"
    result = clean_text(text, TextHints(title="Port strike enters day two"))
    assert result.title == "Port strike enters day two"
    assert result.paragraphs[0] == "Shipping lines divert vessels as talks stall"


def test_detect_title_off_guesses_nothing():
    text = f"Port strike enters day two\n\n{BODY}\n\nSomething else entirely - Harbor Times"
    result = clean_text(text, options=CleanOptions(detect_title=False))
    assert result.title is None and result.outlet is None
    assert result.removed == []


def test_trailer_matching_the_hint_outlet_is_removed_without_detect_title():
    text = f"{BODY}\n\nUnion vows to fight on | The Harbor Gazette"
    hints = TextHints(title="Port strike enters day two", outlet="Harbor Gazette")
    result = clean_text(text, hints, CleanOptions(detect_title=False))
    assert result.removed_reasons == ["trailer"]
    assert result.outlet == "Harbor Gazette"


def test_masthead_above_the_headline_is_the_outlet():
    result = clean_text(f"LAKESIDE TRIBUNE\n\nStolen book found in attic, police say\n\n{BODY}")
    assert (result.title, result.outlet) == ("Stolen book found in attic, police say",
                                             "Lakeside Tribune")
    assert result.removed_reasons == ["masthead", "title"]
    result = clean_text(f"NewsHub Daily\nDockworkers walk out over automation plan\n{BODY}")
    assert (result.title, result.outlet) == ("Dockworkers walk out over automation plan",
                                             "NewsHub Daily")
    # a headline over its dek is not a masthead
    result = clean_text(f"Port Strike Enters Second Week\nShipping lines divert vessels as "
                        f"talks stall and shelves empty\n{BODY}")
    assert result.title == "Port Strike Enters Second Week" and result.outlet is None


def test_sign_off_credit_at_the_end():
    result = clean_text(f"{BODY}\n\n— Meridian Wire", options=CleanOptions(detect_title=False))
    assert result.removed_reasons == ["credit"] and result.paragraphs == [BODY]
    result = clean_text(f"{BODY}\n\n— Jane Doe", options=CleanOptions(detect_title=False))
    assert result.authors == ["Jane Doe"]
    result = clean_text(f"{BODY}\n\n- and then the ships left.",
                        options=CleanOptions(detect_title=False))
    assert result.removed == []


def test_weak_outlet_evidence_is_used_only_when_nothing_better():
    base = f"Port strike enters day two\n\n{BODY}\n\n© 2026 Harbor Times. All rights reserved."
    assert clean_text(base).outlet == "Harbor Times"
    assert clean_text(base, TextHints(outlet="The Ledger")).outlet == "The Ledger"
    assert clean_text(base + "\nPort strike enters day two - Harbor Gazette").outlet == (
        "Harbor Gazette")
    wire = f"HARBOR CITY, Nov 4 (Meridian Wire) - {BODY}"
    assert clean_text(wire).outlet == "Meridian Wire"
    appeal = (f"{BODY}\n\nBy Ana Li, Meridian Wire\n\nThe Valley Post is funded by readers. "
              "Become a member at valleypost.example/join.")
    result = clean_text(appeal)
    assert (result.outlet, result.removed_reasons) == ("The Valley Post", ["credit", "newsletter"])
    follow = f"{BODY}\n\nFollow TrendPulse Now on Google News for the latest updates!"
    assert clean_text(follow).outlet == "TrendPulse Now"
    assert clean_text(f"{BODY}\n\nFollow Lena Park on Twitter @lenapark").outlet is None
    # structured input (detect_title off) has its host: weak evidence is not used there
    assert clean_text(wire, options=CleanOptions(detect_title=False)).outlet is None
    assert clean_text(appeal, options=CleanOptions(detect_title=False)).outlet is None


def test_split_trailer_and_agreement():
    assert split_trailer("Port strike enters day two - Harbor Times") == (
        "Port strike enters day two", "Harbor Times")
    assert split_trailer("Prices rose - for now") is None  # "for now" is no outlet
    assert split_trailer("Talks resume | harbortimes.example") == (
        "Talks resume", "harbortimes.example")
    assert headlines_agree("Port Strike Enters Day Two!", "port strike enters day two")
    assert headlines_agree("Port strike enters day two at Harbor City", "Port strike enters d…")
    assert not headlines_agree("Port strike", "Port strike talks resumed on Monday")


# -- authors and dates ------------------------------------------------------------------------


def test_authors_merge_with_hints_in_order_without_repeats():
    text = f"By Ana Li and Bo Sun\n\n{BODY}\n\n— Cy Wu contributed to this article."
    result = clean_text(text, TextHints(authors=("bo sun", "Dee Park")),
                        CleanOptions(detect_title=False))
    assert result.authors == ["bo sun", "Dee Park", "Ana Li", "Cy Wu"]
    assert result.removed_reasons == ["credit", "credit"]
    result = clean_text(text, TextHints(authors=("bo sun",)),
                        CleanOptions(detect_title=False, contributors_as_authors=False))
    assert result.authors == ["bo sun", "Ana Li"]


def test_relative_time_needs_now_and_hint_date_wins():
    text = f"3 hours ago\n\n{BODY}"
    options = CleanOptions(detect_title=False)
    assert clean_text(text, TextHints(now=NOW), options).published == datetime(
        2026, 11, 4, 9, 0, tzinfo=UTC)
    assert clean_text(text, TextHints(), options).published is None
    given = datetime(2026, 11, 1, tzinfo=UTC)
    result = clean_text(text, TextHints(published=given, now=NOW), options)
    assert result.published == given
    assert result.removed_reasons == ["timestamp"]


def test_first_parsable_stamp_wins():
    text = f"Updated 10:32 GMT\nNov 4, 2026, 10:42 AM\n\n{BODY}"
    result = clean_text(text, options=CleanOptions(detect_title=False))
    assert result.published == datetime(2026, 11, 4, 10, 42, tzinfo=UTC)  # time-only needs now
    result = clean_text(text, TextHints(now=NOW), CleanOptions(detect_title=False))
    assert result.published == datetime(2026, 11, 4, 10, 32, tzinfo=UTC)


# -- learned junk ------------------------------------------------------------------------------


def test_learned_junk_is_removed_with_reason_learned():
    text = f"{BODY}\n\nThe Valley Post is funded by 1,204 readers like you\nSupport us"
    learned = frozenset({normalize_line("The Valley Post is funded by 987 readers like you")})
    result = clean_text(text, options=CleanOptions(detect_title=False, learned_junk=learned))
    assert result.removed == ["The Valley Post is funded by 1,204 readers like you"]
    assert result.removed_reasons == ["learned"]
    assert result.paragraphs == [BODY, "Support us"]


def test_learned_byline_still_names_the_author():
    learned = frozenset({normalize_line("By Jane Doe")})
    result = clean_text(f"By Jane Doe\n\n{BODY}",
                        options=CleanOptions(detect_title=False, learned_junk=learned))
    assert result.removed_reasons == ["learned"]
    assert result.authors == ["Jane Doe"]


def test_normalize_line():
    assert normalize_line("  12 Comments:  ") == "0 comments"
    assert normalize_line("© 2026\u00a0Outlet.\tAll rights reserved.") == (
        "0 outlet. all rights reserved")
    assert normalize_line("— Share this —") == "share this"
    assert normalize_line("Share\u200b this") == "share this"


# -- paragraphs and whitespace ------------------------------------------------------------------


def test_hard_wrapped_lines_are_joined_and_junk_between_them_removed():
    text = ("Dockworkers at the Harbor City container terminal walked off the job\n"
            "on Tuesday, halting the loading of more than 40 vessels and leaving\n"
            "Advertisement\n"
            "trucks queued for miles along the coastal high-\n"
            "way, officials said.\n\n"
            "Second paragraph.")
    result = clean_text(text, options=CleanOptions(detect_title=False))
    assert result.paragraphs == [
        "Dockworkers at the Harbor City container terminal walked off the job on Tuesday, "
        "halting the loading of more than 40 vessels and leaving trucks queued for miles "
        "along the coastal high-way, officials said.", "Second paragraph."]
    assert result.removed == ["Advertisement"]


def test_short_paragraphs_wrapped_at_the_texts_width_are_joined():
    # PolNeAR paragraphs hard-wrapped at 72 columns: a two-line paragraph shows its
    # wrapping only through the width the rest of the text was wrapped at.
    original = [
        "Pressure is building on McAuliffe, who was greeted with chants of \"Bobby!\" at a "
        "labor conference in Williamsburg last month, according to Virginia AFL-CIO "
        "President Doris Crouse-Mays.",
        "\"I don't think it's going anywhere, and I take comfort in that fact,\" Lynch said.",
        "The first African American to serve in Congress from Virginia since the 1890s, "
        "Scott would again break the color barrier if Gov. Terry McAuliffe (D) appoints him "
        "as the first black senator from the commonwealth.",
        "We don't care. Everything Trump says is a lie unless proven otherwise. We aren't "
        "blind.",
    ]
    text = "\n\n".join(textwrap.fill(p, width=72) for p in original)
    assert "\nLynch said." in text and "\nWe aren't blind." in text
    assert clean_text(text, options=CleanOptions(detect_title=False)).paragraphs == original


def test_short_lines_in_a_wrapped_text_stay_apart_when_not_broken_at_its_width():
    text = ("Dockworkers at the Harbor City container terminal walked off the job\n"
            "on Tuesday, halting the loading of more than 40 vessels and leaving\n"
            "trucks queued for miles along the coastal highway, officials said.\n\n"
            "The union said the strike would last at least three days, and that\n"
            "talks with the terminal operator had broken down on Monday night.\n\n"
            "Key dates:\n"
            "Nov 3: walkout begins.\n"
            "Nov 6: talks resume.")
    paragraphs = clean_text(text, options=CleanOptions(detect_title=False)).paragraphs
    assert paragraphs[-3:] == ["Key dates:", "Nov 3: walkout begins.", "Nov 6: talks resume."]


def test_unwrapped_lines_stay_separate_paragraphs():
    text = "First short paragraph.\nSecond short paragraph.\nThird one."
    assert clean_text(text, options=CleanOptions(detect_title=False)).paragraphs == [
        "First short paragraph.", "Second short paragraph.", "Third one."]


def test_whitespace_is_normalised():
    text = ("Port\u00a0strike\tenters day two\r\n\r\nShare\u200b this:\r\n"
            "The\u00a0strike  entered its second day.\u2028Share prices fell.")
    result = clean_text(text)
    assert result.title == "Port strike enters day two"
    assert result.removed == ["Port strike enters day two", "Share this:"]
    assert result.paragraphs == ["The strike entered its second day.", "Share prices fell."]


def test_empty_text():
    result = clean_text("  \n\n \t\n")
    assert result.paragraphs == [] and result.removed == [] and result.title is None


def test_a_junk_label_said_twice_is_junk_and_a_doubled_phrase_of_the_article_stays():
    body = ("Dockworkers at the Harbor City terminal walked off the job on Tuesday, and the "
            "union said the stoppage would last at least three days.")
    text = "\n\n".join(["Port strike halts shipments", body, "New York, New York",
                        "Go go go go", body, "Share this Share this", "Read more Read more"])
    result = clean_text(text)
    assert "Read more Read more" in result.removed
    assert "Share this Share this" in result.removed
    assert "New York, New York" in result.paragraphs
    assert "Go go go go" in result.paragraphs


_PAGE_HEAD = ["Home", "News", "Sport", "Weather", "Local", "Search", "Sign in",
              "Millbrook man guilty of warehouse fire"]
_PAGE_FIRST = ("A man from Millbrook was found guilty on Thursday of setting fire to a "
               "warehouse on the edge of the town in March, a jury at the county court "
               "decided after two days.")
_PAGE_FOOT = ["Share this article", "Facebook", "Twitter", "Email", "More from News",
              "Council approves the budget", "Local team wins the cup", "About us",
              "Contact", "Careers", "Advertise", "Privacy policy", "Terms of use"]


def _wire_page(closing: list[str]) -> str:
    return "\n\n".join([*_PAGE_HEAD, _PAGE_FIRST, *closing, *_PAGE_FOOT])


def test_a_list_a_sentence_announces_among_the_closing_sentences_stays_with_them():
    # a wire story whose dense run ends at its first paragraph: its short sentences
    # under it, with the list one of them announces, end right above the share bar
    closing = ["Daniel Harker, 41, had denied the charge of arson.",
               "The court heard the warehouse held stock worth:",
               "Timber 120,000", "Paint 45,000", "Machinery 300,000",
               "Harker will be sentenced in the county court next month."]
    result = clean_text(_wire_page(closing))
    assert all(line in result.paragraphs for line in [_PAGE_FIRST, *closing])
    assert "Privacy policy" not in result.paragraphs
    assert "Council approves the budget" not in result.paragraphs


def test_a_table_among_the_closing_sentences_stays_when_the_sentences_under_it_go_on():
    # the sentences under the set table speak of the man and the warehouse again
    closing = ["Daniel Harker of Millbrook had denied the charge of arson at the warehouse.",
               "Stock Value Insured", "Timber 120,000 yes", "Paint 45,000 no",
               "Harker faces up to ten years in prison.",
               "He will be sentenced next month."]
    result = clean_text(_wire_page(closing))
    assert all(line in result.paragraphs for line in [_PAGE_FIRST, *closing])
    assert "About us" not in result.paragraphs
    # under the same lines, sentences of another story are the page's, not the article's
    teasers = [*closing[:4], "Children queued in the rain to borrow the first books on "
               "Saturday.", "The new library opens every day of the week."]
    result = clean_text(_wire_page(teasers))
    assert _PAGE_FIRST in result.paragraphs
    assert not any(line in result.paragraphs for line in teasers[1:])


def test_a_reply_count_past_the_middle_steps_over_the_storys_own_long_list():
    # under the byline box, past the story's middle, a first paragraph on the topic and
    # then the story's own list of ten stations before it goes on: the list is longer
    # than a box, no longer than a list among an article's closing sentences
    stations = [f"{name}, {count} passengers a day" for name, count in (
        ("Alton North", 41), ("Brierley", 38), ("Castleford Road", 35), ("Denholme", 30),
        ("Eastwood Halt", 27), ("Farnley", 22), ("Greetland", 19), ("Holme Bridge", 15),
        ("Ilford Lane", 12), ("Jackson Street", 9))]
    story = [
        "The regional rail operator will close ten of its smallest stations to passengers "
        "from March, the company said on Wednesday.",
        "The operator said fewer than fifty passengers a day used each of the stations "
        "and that the platforms needed repairs it could not pay for.",
        "Commuters who use the stations said the operator had not asked them before "
        "deciding, and that buses would take far longer than the trains.",
        "The mayor of Alton said she would ask the transport ministry to keep the "
        "stations open until a study of the line is finished.",
        "The operator said trains would still pass through the closed stations without "
        "stopping, and listed the ten stations that will close:",
        *stations,
        "Passengers at the closed stations will be offered a bus to the nearest open "
        "station, the operator said.",
        "The ministry said it would look at the operator's plan before the stations "
        "close in March.",
    ]
    box = "Daniel Brooks\n\nMay 14, 2026\n\n2 responses"
    result = _paragraphs_cleaned(*story[:4], box, "\n".join(story[4:5] + stations),
                                 *story[-2:])
    assert all(paragraph in result.paragraphs for paragraph in story[:5] + story[-2:])
    assert "2 responses" in result.removed
    # the page's tail under the story's last paragraph is longer than any own list:
    # a reply on the topic under it still goes with the cut
    tail = "\n".join([
        "Most read", "Council approves new parking rules for the old town",
        "Two schools to merge after years of falling numbers",
        "Bakery wins national prize for its rye bread", "Storm brings down trees in the park",
        "New cycle lane opens on the river road", "Library extends its opening hours",
        "Football club names a new coach", "Hospital car park fees to rise in April",
        "Newsletter", "Sign up", "About us", "Contact", "Careers", "Advertise",
        "Terms of use", "Privacy"])
    reply = ("The operator never asks the passengers before it closes stations on the "
             "line, and the ministry always lets it.")
    result = _paragraphs_cleaned(*story[:4], box, story[4], story[-2], tail, reply)
    assert reply not in result.paragraphs
