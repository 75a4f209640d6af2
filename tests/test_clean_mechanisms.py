"""The cleaner's general mechanisms: date lines by library, other-language lines,
placeholders and script residue, bare comment headers, page headlines, the line classifier,
and the eval-clean harness on the Readability pages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storywire.clean import CleanOptions, TextHints, clean_text
from storywire.clean.classifier import FEATURES, shipped_model
from storywire.clean.text import undecided_lines
from storywire.extract.dates import date_line, month_and_weekday_names, relative_stamp
from storywire.extract.names import merge_names, tidy_case
from storywire.sources.feeds import parse_when

from conftest import shared_data

TITLE = "Port strike halts shipments at Harbor City"
B1 = ("Dockworkers at the Harbor City container terminal walked off the job on Tuesday "
      "morning, halting most cargo handling at the port in a dispute over automation plans "
      "and pay.")
B2 = ("The union said the stoppage would last at least three days and could be extended if "
      "the operator did not withdraw its proposal to replace crane drivers with remote "
      "equipment.")


def _reasons(result) -> dict[str, str]:
    return dict(zip(result.removed, result.removed_reasons, strict=True))


@pytest.mark.parametrize(("line", "hour"), [
    ("November 4, 2026 at 3:45 PM", 15),      # month day, year "at" 12-hour clock
    ("4. listopadu 2026 14:05", 14),          # Czech: no rule table knows it
    ("Ср, 4 ноя 2026 10:05", 10),             # Russian weekday and month abbreviations
])
def test_a_date_line_in_any_language_is_junk_and_fills_published(line, hour):
    result = clean_text("\n\n".join([TITLE, line, B1, B2]))
    assert result.paragraphs == [B1, B2]
    assert _reasons(result)[line] == "timestamp"
    assert (result.published.year, result.published.month, result.published.day,
            result.published.hour) == (2026, 11, 4, hour)


@pytest.mark.parametrize(("line", "hours"), [
    ("před 2 hodinami", 2),                   # Czech: "2 hours ago"
    ("Aktualizováno před 3 hodinami", 3),     # with a leading "Updated"
    ("3 時間前", 3),                           # Japanese
    ("an hour ago", 1),                       # the number as a word
    ("vor etwa 3 Stunden", 3),                # a word dateparser skips ("about")
    ("il y a environ 3 heures", 3),
])
def test_a_relative_stamp_in_any_language_is_junk_and_fills_published(line, hours):
    now = parse_when("2026-11-05T12:00:00Z")
    result = clean_text("\n\n".join([TITLE, line, B1, B2]), TextHints(now=now))
    assert result.paragraphs == [B1, B2]
    assert _reasons(result)[line] == "timestamp"
    assert (now - result.published).total_seconds() == hours * 3600


@pytest.mark.parametrize("text", [
    "He left 3 hours ago", "Apollo 11", "2 hours", "In the 3 days before the vote, we met",
    "18 months ago.",                          # the end of a sentence
    "Kim four years ago",                      # a name before a number in words
    "February 28, 1998; 18 years ago",         # a date, then how long ago it was
    "Fishing today",                           # a headline with a day word
    "PDT today and 11 a.m.",
    "Most",                                    # Hungarian "now", English "most"
])
def test_text_that_mentions_a_time_span_is_not_a_relative_stamp(text):
    assert relative_stamp(text) is None


@pytest.mark.parametrize(("line", "when"), [
    ("Yesterday at 10:42 p.m.", datetime(2026, 11, 4, 22, 42, tzinfo=UTC)),
    ("gestern, 18:30 Uhr", datetime(2026, 11, 4, 18, 30, tzinfo=UTC)),
    ("hier à 18h30", datetime(2026, 11, 4, 18, 30, tzinfo=UTC)),
    ("Today", datetime(2026, 11, 5, 12, 0, tzinfo=UTC)),
])
def test_a_day_word_with_a_clock_time_is_a_stamp_in_its_language(line, when):
    """Day words come from dateparser's locale data, so each language's own: "gestern",
    "hier" (French), with the clock time that follows them."""
    now = parse_when("2026-11-05T12:00:00Z")
    result = clean_text("\n\n".join([TITLE, line, B1, B2]), TextHints(now=now))
    assert result.paragraphs == [B1, B2]
    assert _reasons(result)[line] == "timestamp"
    assert result.published == when


def test_a_hint_date_wins_over_a_date_line():
    hint = parse_when("2026-11-05T08:00:00Z")
    result = clean_text("\n\n".join([TITLE, "4. listopadu 2026 14:05", B1]),
                        TextHints(published=hint))
    assert result.published == hint


@pytest.mark.parametrize("sentence", [
    "The vote is on 12 November 2026 at the town hall",
    "12 people were hurt in 2019",
    "May 2014",
])
def test_text_that_holds_a_date_is_not_a_date_line(sentence):
    assert date_line(sentence) is None


def test_month_names_come_from_the_library_for_every_rule_language():
    months, weekdays = month_and_weekday_names(("fr", "de", "es", "it", "pt", "nl"))
    assert {"novembre", "november", "noviembre", "novembro"} <= set(months[10])
    assert "dienstag" in weekdays[1] and "feira" not in weekdays[1]
    assert "mar" not in months[2]  # March in Spanish, Tuesday in French: neither


def test_a_short_line_in_another_language_is_junk_but_names_are_kept():
    byline = "Tomasz Wiśniewski"
    result = clean_text("\n\n".join([TITLE, byline, B1, "Sdílet na Facebooku", B2]))
    assert _reasons(result)["Sdílet na Facebooku"] == "foreign"
    assert byline in result.paragraphs or byline in result.authors


def test_a_short_line_with_the_articles_function_words_is_not_foreign():
    from storywire.clean.region import stoplist_for
    from storywire.clean.text import _speaks

    english = stoplist_for([B1, B2])
    assert _speaks("Get the Harborline Navigator app for Free", english)
    assert not _speaks("Atlas of Harbor Bay", english)  # "of" alone: too short
    assert _speaks("Maps of the Harbor Bay", english)
    assert not _speaks("Sdílet na Facebooku", english)
    assert not _speaks("Mehr in Sport", english)


def test_placeholders_and_a_lone_script_line_are_junk():
    script = 'googletag.cmd.push(function() { googletag.display("ad-slot"); });'
    text = "\n\n".join([TITLE, B1, "{count} comments", B2, "Share on %s", script])
    result = clean_text(text)
    assert result.paragraphs == [B1, B2]
    assert _reasons(result) | {} == {TITLE: "title", "{count} comments": "placeholder",
                                     "Share on %s": "placeholder", script: "script"}
    off = clean_text(text, options=CleanOptions(placeholders=False))
    assert "{count} comments" in off.paragraphs


def test_code_an_article_shows_is_kept():
    code = ["var cow = new Cow();", 'expect(cow.name).to.equal("Anon cow");']
    result = clean_text("\n\n".join([TITLE, B1, *code, B2]))
    assert result.paragraphs == [B1, *code, B2]


def test_a_bare_comment_column_header_does_not_cut_the_article():
    table = ["Status", "Comment", "new", "Pick up new tasks that are ready."]
    last = B1.replace("Tuesday", "Friday")
    result = clean_text("\n\n".join([TITLE, B1, *table, B2, last]))
    assert result.paragraphs[-3:] == ["Pick up new tasks that are ready.", B2, last]


def test_the_headline_of_a_whole_page_copy_is_not_its_menu():
    menu = ["Skip to main content", "The Harbor Times - Back to home", "News", "Opinion",
            "Sport", "Culture", "Lifestyle", "Business", "Environment", "Show More",
            "Ports and shipping"]
    result = clean_text("\n\n".join([*menu, TITLE, "By Ana Li", TITLE, B1, B2]))
    assert result.title == TITLE
    assert result.authors == ["Ana Li"]


def test_one_name_tidier():
    assert tidy_case("ANNE-MARIE D'ARCY") == "Anne-Marie D'Arcy"
    assert tidy_case("Jane McDonald") == "Jane McDonald"
    assert merge_names(["Ana  Li"], ["ana li", "Bo Sun"]) == ["Ana  Li", "Bo Sun"]


def test_feeds_and_records_share_the_date_parser():
    when = parse_when("Tue, 07 Apr 2026 16:54:00 +0200")
    assert when.isoformat() == "2026-04-07T14:54:00+00:00"


# -- the line classifier --------------------------------------------------------------------


def test_the_shipped_classifier_loads_and_is_plain_numbers():
    model = shipped_model()
    assert model is not None
    assert len(model.coef) == len(model.mean) == len(model.scale) == len(FEATURES)
    assert 0.5 <= model.threshold < 1.0


@pytest.fixture(scope="module")
def pages():
    from storywire.evaluation.clean import load_pages

    return load_pages(shared_data("readability-pages"))


def test_the_split_is_fixed_and_covers_every_page(pages):
    from storywire.evaluation.clean import split_of

    assert split_of("guardian-1") == split_of("guardian-1")
    assert {p.split for p in pages} == {"dev", "test"}
    assert sum(p.split == "dev" for p in pages) == 55
    assert sum(p.split == "test" for p in pages) == 75


def test_the_classifier_removes_far_more_junk_than_article_lines_on_real_pages(pages):
    from storywire.evaluation.clean import hints_for, norm, site_line_counts

    counts = site_line_counts(pages, "page")
    junk = article = prose = 0
    for page in [p for p in pages if p.split == "dev"]:
        result = clean_text(page.text("page"), hints_for(page, "page", counts))
        labels = {norm(line): label for line, label in zip(
            page.lines["page"], page.labels["page"], strict=True) if label is not None}
        for line, why in zip(result.removed, result.removed_reasons, strict=True):
            if why != "classifier":
                continue
            label = labels.get(norm(line))
            junk += label is False
            article += bool(label)
            prose += bool(label) and len(line.split()) >= 25
    # the page header and footer cuts take most lines before it (a wiki page's bottom
    # sidebar, the menus above a headline over its byline), and the chart cut its easiest
    # lines, axis ticks: about 10 junk lines to 1 article line is what is left to it
    assert junk >= 8
    assert junk >= 8 * article
    assert prose == 0  # never a line of article prose


def _dev_page_score(pages, options: CleanOptions):
    from storywire.evaluation.clean import Score, score_page, site_line_counts

    counts = site_line_counts(pages, "page")
    total = Score()
    for page in pages:
        if page.split == "dev":
            total.add(score_page(page, "page", options, counts))
    return total


def test_a_pages_leftovers_after_a_block_of_removed_lines_go_on_real_pages(pages):
    without = _dev_page_score(pages, CleanOptions(foot_break=False))
    with_all = _dev_page_score(pages, CleanOptions())
    assert with_all.junk_removed >= without.junk_removed + 30  # bio boxes, footer blurbs
    assert with_all.sentences_kept == without.sentences_kept


def _clean_dev_page(pages, name: str):
    """A development page's browser copy, cleaned with its site's recurring-line counts
    as `make eval-clean` gives them: (page, hints, result)."""
    from storywire.evaluation.clean import hints_for, site_line_counts

    page = next(p for p in pages if p.name == name)
    hints = hints_for(page, "page", site_line_counts(pages, "page"))
    return page, hints, clean_text(page.text("page"), hints)


def _keeps_every_long_article_line(page, result) -> bool:
    """Whether every article line of 25 words or more is in the kept paragraphs."""
    from storywire.evaluation.clean import norm

    kept = f" {' '.join(norm(p) for p in result.paragraphs)} "
    article = [line for line, label in zip(page.lines["page"], page.labels["page"],
                                           strict=True) if label and len(line.split()) >= 25]
    return bool(article) and all(f" {norm(line)} " in kept for line in article)


def test_teasers_after_a_block_of_removed_lines_go_on_a_real_page(pages):
    page, hints, result = _clean_dev_page(pages, "citylab-1")
    # the teasers of other stories under the article, after its share and tag lines
    for teaser in ("Texas High Speed Rail Faces a New Threat: Semantics",
                   "In Switzerland, Everyone’s an Urban Planner"):
        assert teaser not in result.paragraphs
        assert teaser in clean_text(page.text("page"), hints,
                                    CleanOptions(foot_break=False)).paragraphs
    assert _keeps_every_long_article_line(page, result)


def test_the_header_ends_at_the_one_headline_over_a_byline_inside_the_dense_run(pages):
    page, _, result = _clean_dev_page(pages, "aclu")
    # promotions make the dense run start above the headline; the menus between them go
    for menu in ("Speak Freely", "Washington Markup", "Go to About the ACLU"):
        assert menu not in result.paragraphs
    assert "Daniel Kahn Gillmor" in result.authors
    assert _keeps_every_long_article_line(page, result)


def test_a_headline_over_a_bare_author_name_over_a_stamp_ends_the_header(pages):
    page, _, result = _clean_dev_page(pages, "aktualne")
    # "West Ham hrozí gigantům, …" / "Aleš Vávra" / "před 2 hodinami": the section menu
    # above it goes
    for menu in ("FORTUNA:LIGA", "Liga mistrů", "Evropská liga"):
        assert menu not in result.paragraphs
    assert _keeps_every_long_article_line(page, result)


def test_a_footers_short_lines_do_not_carry_the_article_on_on_a_real_page(pages):
    _, _, result = _clean_dev_page(pages, "royal-road")
    # below the chapter: the reader's settings panel and the site's blurb
    for line in ("Settings", "Reader Width", "Font Family", "Dim background", "About"):
        assert line not in result.paragraphs
    assert not any(p.startswith("Royal Road® is the home of web novels")
                   for p in result.paragraphs)


def test_the_new_chrome_rules_match_only_junk_lines_of_the_development_pages(pages):
    from storywire.clean.rules import classify_line

    matched = 0
    for page in [p for p in pages if p.split == "dev"]:
        for line, label in zip(page.lines["page"], page.labels["page"], strict=True):
            found = classify_line(line) if label is not None else None
            if found is not None and found.rule.name in (
                    "share-call", "comment-count", "tag-header"):
                matched += 1
                assert label is False, line
    assert matched >= 8


def test_an_extracted_table_row_is_article_when_its_cells_are():
    from storywire.evaluation.clean import _label, norm

    expected = ["Film", "", "Year", "", "Repeat Performance", "", "1947",
                "A woman relives the year.", "", "Le 15 Mai", "", "1969"]
    blocks = {norm(b) for b in expected if norm(b)}
    whole = f" {' '.join(k for k in (norm(b) for b in expected) if k)} "
    lines = ["| Repeat Performance | 1947 | A woman relives the year. |",
             "| Le 15 Mai | 1969 |", "| Other film | 2001 |", "| 1947 | 1969 |"]
    assert _label(lines, blocks, whole) == [True, True, False, False]


def test_a_line_the_page_broke_off_an_article_run_is_article():
    from storywire.evaluation.clean import _label, norm

    # a wiki list of films: the page wraps a cell's sentence and a title over lines
    expected = ["Urusei Yatsura 2: Beautiful Dreamer", "1984",
                "The students of Tomobiki high school relive the day before the school "
                "festival over and over.[8][9][10]", "Run Lola Run", "1998"]
    blocks = {norm(b) for b in expected if norm(b)}
    whole = f" {' '.join(k for k in (norm(b) for b in expected) if k)} "
    lines = ["The students of Tomobiki high school relive the day before the school "
             "festival over and", "over.[8][9][10]", "", "Run", "Lola Run", "",
             "View", "history", "", "^", "over."]
    assert _label(lines, blocks, whole) == [True, True, None, True, True, None,
                                            False, False, None, False, False]
    # an editor's initials in their own block after the last paragraph, kept in place
    last = "1Password kostet aktuell knapp 50 Euro im Mac App Store."
    expected = [f"{last} (bsc)"]
    blocks = {norm(b) for b in expected}
    whole = f" {norm(expected[0])} "
    assert _label([last, "", "(bsc)", "", "Kommentare lesen"], blocks, whole) == [
        True, None, True, None, False]


def test_an_article_paragraph_the_reference_trimmed_a_span_out_of_is_article():
    from storywire.evaluation.clean import _label, norm

    # the reference drops a wiki paragraph's pronunciation; the page's line still has it
    expected = ["Aotearoa (pronounced ; often translated as \"land of the long white "
                "cloud\")[17] is the current Māori name for New Zealand. It is unknown "
                "whether Māori had a name for the whole country before the arrival of "
                "Europeans, with Aotearoa originally referring to just the North Island."]
    blocks = {norm(b) for b in expected}
    whole = f" {norm(expected[0])} "
    paragraph = ("Aotearoa (pronounced /ˌaʊtɛəˈroʊ.ə/; often translated as \"land of the "
                 "long white cloud\")[17] is the current Māori name for New Zealand. It is "
                 "unknown whether Māori had a name for the whole country before the arrival of "
                 "Europeans, with Aotearoa originally referring to just the North Island.")
    # a teaser that shares a few words with the article is still junk
    teaser = "New Zealand is the current name of a country you should visit this summer"
    assert _label([paragraph, teaser], blocks, whole) == [True, False]


def test_the_harness_names_the_reason_that_removed_each_lost_article_line():
    from collections import Counter

    from storywire.evaluation.clean import Page, score_page

    lines = [TITLE, "", "Share this:", "", B1, "", B2]
    page = Page("harbor-1", "dev", {}, {"page": lines},
                {"page": [True, None, True, None, True, None, True]})
    score = score_page(page, "page", CleanOptions(), {"harbor": (Counter(), 1)})
    assert score.lost == ["harbor-1: [share-prompt] Share this:"]
    # with the pass and rule that removed it and its neighbours, marked article or junk
    # and kept (+) or removed (-)
    detail = score.lost_detail[0].splitlines()
    assert detail[0] == "harbor-1: [share-prompt rules/share-this]"
    assert detail[2] == "   >> A- Share this:"
    assert detail[3].startswith("      A+ Dockworkers")


def test_cleaned_lines_name_the_pass_that_removed_them():
    result = clean_text("\n\n".join([TITLE, "Tomasz Wiśniewski", B1, "Sdílet na Facebooku",
                                      B2, "Share this:"]))
    by = dict(zip(result.removed, result.removed_by, strict=True))
    assert by[TITLE] == "title"
    assert by["Share this:"] == "rules/share-this"
    assert by["Sdílet na Facebooku"] == "foreign"


def test_the_harness_counts_a_rule_of_underscores_as_symbols_and_ignores_soft_hyphens():
    from storywire.evaluation.clean import _label, norm

    # a wire's section break kept in the expected body is no article sentence
    expected = [B1, "___", B2]
    blocks = {norm(b) for b in expected if norm(b)}
    whole = f" {' '.join(k for k in (norm(b) for b in expected) if k)} "
    assert _label([B1, "___", B2], blocks, whole) == [True, False, True]
    # a word the page split with soft hyphens is the word the cleaner keeps
    assert norm("den Not\u00adfall\u00adplan") == norm("den Notfallplan")


def test_the_harness_scores_the_test_half_and_keeps_article_text(pages):
    from storywire.evaluation.clean import evaluate

    scores = evaluate([p for p in pages if p.split == "test"][:10], CleanOptions(), ("extracted",))
    summary = scores["test"]["extracted"].summary()
    assert summary["sentences"] > 100
    assert summary["article_sentences_kept"] >= 0.95
    assert scores["dev"]["extracted"].sentences == 0


def test_section_labels_above_the_article_are_not_its_lead():
    result = clean_text("\n\n".join(["Business", TITLE, "Environment", B1, B2]))
    assert result.title == TITLE
    assert result.paragraphs == [B1, B2]
    assert _reasons(result) | {} == {"Business": "section-label", TITLE: "title",
                                     "Environment": "section-label"}


def test_a_subheading_right_above_the_first_paragraph_is_the_articles():
    # under the byline and its date, a one-word label over the first sentence heads it
    text = "\n\n".join(["Business", TITLE, "By Jane Doe", "November 4, 2026", "Highlights",
                         B1, B2])
    result = clean_text(text)
    assert result.title == TITLE
    assert result.paragraphs == ["Highlights", B1, B2]
    assert _reasons(result)["Business"] == "section-label"


def test_a_label_in_a_run_of_labels_above_the_first_paragraph_is_a_section():
    text = "\n\n".join([TITLE, "By Jane Doe", "Business", "Environment", B1, B2])
    result = clean_text(text)
    assert result.paragraphs == [B1, B2]
    assert _reasons(result)["Environment"] == "section-label"


def test_a_sentence_broken_over_lines_does_not_give_the_headline():
    # a wiki list's entry wraps a film's title ("12:01 PM") over two lines of one block;
    # the second line is headline-like and repeats, but no headline starts mid-sentence
    story = ('PM" by Richard A. Lupoff, which was published in 1973 in The Magazine of\n'
             "Fantasy and Science Fiction.")
    first = f'This short film is the first adaptation of the short story "12:01\n{story}'
    second = f'The second film adaptation of the short story "12:01\n{story}'
    menu = [f"Menu item {n}" for n in range(12)]
    result = clean_text("\n\n".join([*menu, first, second, B1, B2]))
    assert result.title is None or not result.title.startswith("PM")
    assert sum(story.split("\n")[0] in p for p in result.paragraphs) == 2


def test_a_side_list_of_post_titles_cut_off_with_an_ellipsis_is_junk():
    side = ["Day trips", "Ferry day out: the islands, the lighthouse and the old fort in...",
            "Harbor museum reopens", "Where to eat near the docks: ten places the...",
            "Cheap stays", "Camping by the bay with children: what to pack, where to...",
            "A weekend at the lighthouse keeper's cottage, and why we will...",
            "Hotels with a sea view for less than you would think, even in..."]
    result = clean_text("\n\n".join([TITLE, B1, B2, *side]))
    assert result.paragraphs[:2] == [B1, B2]
    assert {_reasons(result)[line] for line in side[1:]} == {"related"}


def test_an_articles_sentences_that_trail_off_are_kept():
    story = ["“Mostly. Those people are going to be terrible no matter what…",
             "But all the rest of it…", B1, "“As a friend, I should tell you to go…",
             "She did not finish the sentence…", B2]
    result = clean_text("\n\n".join([TITLE, *story]))
    assert result.paragraphs == story


def test_a_text_of_one_line_is_its_own_article():
    line = ("AI hasn't changed much in security so far. Deep fake phishing is still rare")
    result = clean_text(line)
    assert result.paragraphs == [line]
    assert result.title is None
    assert clean_text("\n\n".join([TITLE, B1])).title == TITLE


def test_a_short_subheading_inside_the_article_is_kept():
    result = clean_text("\n\n".join([TITLE, B1, "Next steps", B2]))
    assert result.paragraphs == [B1, "Next steps", B2]


def test_a_blogs_category_and_archive_lists_with_post_counts_are_junk():
    widget = ["Categories", "Camping (12)", "Hiking trips (4)", "Food (31)",
              "Archives", "November 2026 (5)", "October 2026 (9)"]
    result = clean_text("\n\n".join([TITLE, B1, B2, *widget]))
    assert result.paragraphs == [B1, B2]
    assert _reasons(result)["Hiking trips (4)"] == "tags"


def test_a_year_in_parentheses_is_not_a_post_count():
    table = ["Population (2018)", "4,900,000", "Gini (2014)", "33.0", "HDI (2017)", "0.917"]
    result = clean_text("\n\n".join([TITLE, B1, *table, B2]))
    assert "Gini (2014)" in result.paragraphs


def test_a_popular_posts_list_with_view_counts_first_is_junk():
    widget = ["(37823)Camping at the lake", "(30026) Palm Cove weekend",
              "(28315)Tea gardens of the east", "(26549)Two nights at the farm"]
    result = clean_text("\n\n".join([TITLE, B1, B2, *widget]))
    assert result.paragraphs == [B1, B2]
    assert _reasons(result)["(30026) Palm Cove weekend"] == "tags"


def test_an_enumeration_in_parentheses_is_not_a_view_count():
    steps = ["(1) Think of a noun", "(2) Search for the noun", "(3) Read the results",
             "(4) Pick the best one"]
    result = clean_text("\n\n".join([TITLE, B1, *steps, B2]))
    assert "(2) Search for the noun" in result.paragraphs


def test_a_most_read_widget_with_its_ranks_on_lines_of_their_own_is_junk():
    widget = ["Most read", "1.", "Harbor pilots vote to extend the strike into next week",
              "on Harbor Times", "2.", "Port authority names a new chief of operations",
              "on Valley Post", "3.", "Container backlog reaches the inland depots",
              "on Harbor Times"]
    result = clean_text("\n\n".join([TITLE, B1, B2, *widget]))
    assert result.paragraphs == [B1, B2]
    assert _reasons(result)["2."] == "related"
    assert _reasons(result)["Most read"] == "related"
    off = clean_text("\n\n".join([TITLE, B1, B2, *widget]),
                     options=CleanOptions(rankings=False))
    assert "Port authority names a new chief of operations" in off.paragraphs


def test_numbered_steps_that_are_sentences_are_kept():
    steps = ["1", "Unplug the router and wait for ten seconds.", "2",
             "Plug it back in and wait for the lights.", "3", "Run the speed test again."]
    result = clean_text("\n\n".join([TITLE, B1, *steps, B2]))
    assert "Plug it back in and wait for the lights." in result.paragraphs


def test_code_between_the_lines_of_a_hard_wrapped_post_is_kept():
    post = ["As an example, let's reuse the silly Cow example we used",
            "in a previous episode, with its constructor and its greeting:",
            "(function(exports) {", '"use strict";', "function Cow(name) {",
            'this.name = name || "Anon cow";', "}", "exports.Cow = Cow;", "})(this);",
            "And its test suite, powered by Mocha and Chai, checks the default",
            "name first, then the greeting, one assertion at a time."]
    result = clean_text("\n".join([TITLE, "", *post]))
    kept = " ".join(result.paragraphs)
    assert "function Cow(name) {" in kept and "(function(exports) {" in kept


def test_addresses_a_sentence_introduces_are_kept_and_a_lone_address_is_not():
    spec = ["To retrieve the contents of the /public/documents/ folder, or the draft",
            "document in that folder, the client would make requests to, respectively:",
            "https://storage.example.com/bob/public/documents/",
            "https://storage.example.com/bob/public/documents/draft.txt"]
    result = clean_text("\n\n".join([TITLE, B1, "\n".join(spec[:2]), *spec[2:], B2,
                                     "https://harbortimes.example/2026/11/port-strike"]))
    kept = " ".join(result.paragraphs)
    assert spec[3] in kept and spec[2] in kept
    assert _reasons(result)["https://harbortimes.example/2026/11/port-strike"] == "link"


def test_a_byline_split_over_two_lines_names_the_author():
    head = ["Facebook CEO says be a friend, but scare them when you have to", "by",
            "Steven Musil"]
    result = clean_text("\n\n".join([*head, B1, B2, "Written on Feb 24 by", "Ana Li"]))
    assert result.paragraphs == [B1, B2]
    assert result.authors == ["Steven Musil"]
    assert _reasons(result)["Written on Feb 24 by"] == "credit"


def test_a_split_byline_whose_name_line_carries_the_outlet_or_a_job_title_is_a_credit():
    for rest, author in (("Marta Ilves | Harbor Times", "Marta Ilves"),
                         ("Tomas Rivera - Harbor Times Contributor", "Tomas Rivera")):
        result = clean_text("\n\n".join([TITLE, "By", rest, B1, B2]))
        assert result.paragraphs == [B1, B2]
        assert _reasons(result)[rest] == "credit"
        assert result.authors == [author]


def test_by_alone_over_a_line_of_the_article_is_not_a_byline():
    line = "Harbor pilots | The vote that ended the strike"
    result = clean_text("\n\n".join([TITLE, B1, "By", line, B2]))
    assert line in result.paragraphs


def test_a_name_over_its_date_line_under_a_dek_is_the_byline():
    dek = ("Crane drivers walked out at dawn, and the operator says the port will stay shut "
           "until Thursday at the earliest.")
    result = clean_text("\n\n".join([TITLE, dek, "Marta Ilves", "Published",
                                      "4 November 2026", B1, B2]))
    assert "Marta Ilves" not in result.paragraphs
    assert _reasons(result)["Marta Ilves"] == "credit"
    assert result.authors == ["Marta Ilves"]


def test_a_name_over_a_line_of_the_article_is_kept():
    result = clean_text("\n\n".join([TITLE, B1, "Marta Ilves", B2]))
    assert "Marta Ilves" in result.paragraphs


def test_by_alone_over_a_sentence_is_not_a_byline():
    result = clean_text("\n\n".join([TITLE, B1, "by", "Thursday the cranes were idle.", B2]))
    assert "Thursday the cranes were idle." in result.paragraphs


FEED = ["Latest news", "12 minutes ago", "Business",
        "Harbor pilots vote to extend the strike into next week",
        "The vote came after a four-hour meeting at the union hall.", "34 minutes ago",
        "City", "Council approves the new tram depot on the east bank", "1 hour ago",
        "Sport", "Valley Rovers sign a goalkeeper from the second division",
        "The club did not say how much it paid.", "2 hours ago"]


def test_a_feed_of_teasers_stamped_with_their_age_is_junk():
    text = "\n\n".join([TITLE, B1, B2, B1.replace("Tuesday", "Monday"), *FEED])
    result = clean_text(text)
    assert "Council approves the new tram depot on the east bank" not in result.paragraphs
    assert _reasons(result)["Valley Rovers sign a goalkeeper from the second division"] \
        == "related"
    off = clean_text(text, options=CleanOptions(stamped_feeds=False))
    assert "Council approves the new tram depot on the east bank" in off.paragraphs


def test_a_live_blogs_stamped_entries_are_its_article():
    entries = ["10 minutes ago", B1, "25 minutes ago", B2, "1 hour ago",
               "Crane drivers gathered at the gate before dawn and were joined by"
               " the first shift an hour later, union officials said.", "2 hours ago",
               "The operator said talks would resume on Thursday at the city's request."]
    result = clean_text("\n\n".join([TITLE, "Port strike: live updates", *entries]))
    assert B2 in result.paragraphs
    assert "The operator said talks would resume on Thursday at the city's request." \
        in result.paragraphs


def _update(n: int) -> str:
    return (f"Update {n}: pickets at the Harbor City container terminal stayed at the gates"
            " through the morning, and the operator said no ship had been loaded or unloaded"
            " since the shift began at six.")


def test_a_live_blogs_timed_tail_under_a_longer_first_part_is_its_article():
    first = ["11:40 a.m.", *[_update(n) for n in range(12)]]
    tail = ["10:15 a.m.", _update(20), _update(21), "9:50 a.m.", _update(22), _update(23),
            "9:20 a.m.", _update(24), _update(25)]
    result = clean_text("\n\n".join([TITLE, *first, *tail]))
    assert _update(22) in result.paragraphs and _update(25) in result.paragraphs
    feed = clean_text("\n\n".join([TITLE, *first, *FEED]))  # teasers: no paragraphs
    assert _reasons(feed)["Council approves the new tram depot on the east bank"] == "related"


def test_a_tables_column_of_dates_is_the_articles_data():
    table = ["Release", "Date", "3.14", "March 2014", "3.15", "June 2014", "3.16",
             "August 2014", "3.17", "October 2014"]
    result = clean_text("\n\n".join([TITLE, B1, "\n".join(table), B2]))
    assert "August 2014" in " ".join(result.paragraphs)
    alone = clean_text("\n\n".join([TITLE, "March 25, 2015", B1, B2]))
    assert alone.paragraphs == [B1, B2]


def test_a_teaser_card_with_its_headline_said_three_times_is_junk():
    card = ["How Stores Manipulate Your Senses So You Spend More Money",
            "How Stores Manipulate Your Senses So You Spend More Money",
            "How Stores Manipulate Your Senses So You Spend Mor",
            "When you walk into almost any store, you're immediately overloaded with…"]
    result = clean_text("\n\n".join([TITLE, B1, *card, B2]))
    assert result.paragraphs == [B1, B2]
    assert _reasons(result)[card[3]] == "related"


def test_a_caption_said_three_times_without_a_cut_off_dek_is_kept():
    caption = ["Cranes stand idle at the Harbor City terminal"] * 3
    result = clean_text("\n\n".join([TITLE, B1, *caption, B2]))
    assert caption[0] in result.paragraphs


def test_a_feed_of_teasers_stamped_with_their_time_is_junk():
    feed = ["Business news", "Harbor pilots vote to extend the strike into next week",
            "Valley Post", "Nov 4, 2026 18:01",
            "Port authority names a new chief of operations", "Harbor Times",
            "Nov 4, 2026 15:47", "Container backlog reaches the inland depots",
            "Valley Post", "Nov 4, 2026 17:20"]
    alone = CleanOptions(comment_threads=False)  # the dated lines would also read as one
    result = clean_text("\n\n".join([TITLE, B1, B2, *feed]), options=alone)
    assert _reasons(result)["Port authority names a new chief of operations"] == "related"
    assert B2 in result.paragraphs


DATED_FEED = ["Editors' Picks",
              "Did the Harbor Council Vote to Sell the Ferry Terminal?", "12 November 2026",
              "Fact Check", "A council member's post was read as a vote.",
              "Harbor City Pilots Union Elects Its First Woman President",
              "8 November 2026", "News",
              "The union's 300 members chose a tug captain with 20 years at sea.",
              "Was the Old Lighthouse Really Built by Smugglers?", "1 November 2026",
              "Fact Check", "Local lore says so; the town's records tell another story.",
              "Valley Rovers Move Their Home Games to the Harbor Ground",
              "28 October 2026", "News",
              "The club's own stadium will be rebuilt over the next two seasons."]


def test_a_feed_of_teasers_stamped_with_their_date_is_junk():
    result = clean_text("\n\n".join([TITLE, B1, B2, B1.replace("Tuesday", "Monday"),
                                      *DATED_FEED]))
    assert "Was the Old Lighthouse Really Built by Smugglers?" not in result.paragraphs
    assert _reasons(result)["The union's 300 members chose a tug captain with 20 years at"
                            " sea."] == "related"
    off = clean_text("\n\n".join([TITLE, B1, B2, B1.replace("Tuesday", "Monday"),
                                   *DATED_FEED]), options=CleanOptions(stamped_feeds=False))
    assert "Was the Old Lighthouse Really Built by Smugglers?" in off.paragraphs


def test_an_articles_timeline_of_dated_paragraphs_is_kept():
    timeline = ["How the strike unfolded", "3 October 2026",
                "Crane drivers walked out after talks on night-shift pay broke down.",
                "10 October 2026",
                "The harbor pilots joined them, and the first ships waited at anchor.",
                "Ships at anchor", "17 October 2026",
                "The port authority asked the city to mediate between the two sides.",
                "24 October 2026",
                "Talks resumed at the city hall, and the cranes were idle for a third week."]
    result = clean_text("\n\n".join([TITLE, B1, B2, *timeline]))
    assert "The port authority asked the city to mediate between the two sides." \
        in result.paragraphs
    assert timeline[-1] in result.paragraphs


def test_a_related_list_under_an_article_without_word_spaces_is_junk():
    paragraphs = ["トレンドマイクロは9日、公衆無線LANを安全に使うためのアプリを発表した。",
                  "アプリは通信を暗号化し、偽のアクセスポイントへの接続を防ぐという。",
                  "価格は年額で2000円程度になる見込みだと同社は説明している。"]
    teasers = ["ビッグローブ、公衆無線LANサービスを2月1日から提供",
               "「Raspberry Pi Zero W」を写真で見る--Wi-Fi機能を搭載した新モデル"]
    headline = "公衆無線LANを安全に使うためのアプリ"
    text = "\n\n".join([headline, *paragraphs, "【関連記事】", *teasers])
    result = clean_text(text)
    assert result.paragraphs[-3:] == paragraphs  # the headline is kept: no capitals to tell
    assert all(_reasons(result)[t] == "related" for t in teasers)


def test_a_citations_date_broken_onto_its_own_line_is_kept():
    text = "\n".join([TITLE, B1, B2, "References", "Harbor Authority report. Retrieved",
                      "22 December 2019.", "Port statistics", ". 24 August 2021."])
    result = clean_text(text)
    assert "22 December 2019." in result.paragraphs
    assert ". 24 August 2021." in result.paragraphs
    stamped = clean_text("\n".join([TITLE, "22 December 2019", B1, B2]))
    assert "22 December 2019" in stamped.removed and stamped.published is not None


def test_a_comment_label_in_a_share_bar_does_not_cut_an_article_without_word_spaces():
    # A bare "Comments" cuts the rest when less prose follows it than came before. Counted
    # in space-separated words, a Chinese paragraph is one word, so an English dek above
    # the share bar outweighed the whole Chinese article under it.
    dek = ("The northern provinces recorded the heaviest rain in decades on Tuesday, and "
           "officials ordered schools and several main roads closed until further notice.")
    body = ["气象部门昨日发布暴雨预警，北部多个省份在过去二十四小时内普遍出现强降雨，"
            "部分地区降雨量创下有记录以来的新高。",
            "总理在记者会上表示，政府已拨出专项应急资金用于救助受灾群众，"
            "并要求有关部门尽快排除居民区的积水。",
            "消防救援部门通报称，目前已有两千多间房屋受损，多条主要道路中断，"
            "至少三十所学校暂时停课。"]
    text = "\n\n".join(["Heavy rain closes schools in the north", dek, "Facebook", "Twitter",
                       "Comments", "Print", "Email", *body])
    result = clean_text(text)
    assert result.paragraphs == [dek, *body]
    assert "Comments" in result.removed


def test_bulleted_headlines_after_the_last_paragraph_are_a_related_list():
    related = ["- Five Ports Where Automation Already Replaced Crane Drivers",
               "- The 11 Biggest Strikes in the History of Harbor City",
               "- How Container Shipping Really Works"]
    result = clean_text("\n\n".join([TITLE, B1, B2, *related]))
    assert result.paragraphs == [B1, B2]
    assert all(_reasons(result)[x] == "related" for x in related)


def test_the_classifier_is_fitted_on_the_lines_it_judges():
    """Its training rows come from the same walk as the cleaner's: a related list that a
    pass just before the classifier removes is no row, the article's paragraphs are."""
    related = ["- Five Ports Where Automation Already Replaced Crane Drivers",
               "- The 11 Biggest Strikes in the History of Harbor City"]
    text = "\n\n".join([TITLE, B1, B2, *related])
    rows = [line for line, _ in undecided_lines(text)]
    assert B1 in rows and B2 in rows
    assert not set(related) & set(rows)
    assert all(len(features) == len(FEATURES) for _, features in undecided_lines(text))


def test_an_article_list_introduced_by_a_colon_or_in_sentence_case_is_kept():
    demands = ["- A 9% Pay Rise Over Three Years", "- No Remote Cranes Before 2028"]
    intro = "The union listed its demands in a letter to the operator on Monday evening:"
    introduced = clean_text("\n\n".join([TITLE, B1, intro, *demands]))
    assert all(x in introduced.paragraphs for x in demands)
    plain = ["- pay rises for the crane drivers", "- a freeze on the remote cranes"]
    lower = clean_text("\n\n".join([TITLE, B1, B2, *plain]))
    assert all(x in lower.paragraphs for x in plain)
    followed = clean_text("\n\n".join([TITLE, B1, *demands, B2]))
    assert all(x in followed.paragraphs for x in demands)


def test_a_labelled_date_and_time_in_any_script_is_a_time_stamp():
    for stamp in ("기사입력 :[ 2018-08-25 15:24 ]", "发布时间：2018-08-25 15:24",
                  "Updated at 1:23 p.m."):
        result = clean_text("\n\n".join([TITLE, stamp, B1, B2]))
        assert result.paragraphs == [B1, B2], stamp
        assert _reasons(result)[stamp] == "timestamp"
    fact = "Deadline: November 4, 2026"  # a date without its time under an unknown label
    assert fact in clean_text("\n\n".join([TITLE, B1, fact, B2])).paragraphs


def test_a_short_line_between_the_headline_and_its_date_is_header_metadata():
    for wedge in ("5 things on ports,port strike HarborTimes",
                  "- Port strike: what the crane drivers want", "harbortimes.example"):
        result = clean_text("\n\n".join([TITLE, wedge, "Nov 4, 2026, 10:42 AM", B1, B2]))
        assert result.paragraphs == [B1, B2], wedge
        assert _reasons(result)[wedge] == "meta"
    byline = clean_text("\n\n".join([TITLE, "By Jane Doe", "harbor desk, 2 of 5", "5 min read",
                                       B1]))
    assert byline.paragraphs == [B1]


def test_a_dek_or_a_line_between_two_dates_stays_in_the_header():
    dek = "Crane drivers fear remote equipment will cost them their jobs within two years"
    result = clean_text("\n\n".join([TITLE, dek, "Nov 4, 2026, 10:42 AM", B1, B2]))
    assert result.paragraphs == [dek, B1, B2]
    said = "The union has had enough."  # a sentence: the lead, not a kicker
    assert said in clean_text("\n\n".join([TITLE, said, "Nov 4, 2026", B1])).paragraphs
    row = "Dominion status"  # a table's row label between two dates
    table = clean_text("\n\n".join([TITLE, B1, "26 September 1907", row,
                                    "25 November 1947", B2]))
    assert row in table.paragraphs
    kicker = "5 things on ports,port strike HarborTimes"
    off = clean_text("\n\n".join([TITLE, kicker, "Nov 4, 2026, 10:42 AM", B1]),
                     options=CleanOptions(header_wedges=False))
    assert kicker in off.paragraphs


def test_a_time_stamp_s_label_on_the_line_above_it_goes_with_the_stamp():
    for label in ("Updated", "Published:", "Mis à jour le"):
        result = clean_text("\n\n".join([TITLE, B1, label, "3:27 am PST, November 4, 2026",
                                         B2]))
        assert result.paragraphs == [B1, B2], label
        assert _reasons(result)[label] == "timestamp"
        assert result.published == datetime(2026, 11, 4, 11, 27, tzinfo=UTC)
    # the word alone, with no stamp under it, is the article's
    alone = clean_text("\n\n".join([TITLE, B1, "Updated", B2]))
    assert "Updated" in alone.paragraphs
    off = clean_text("\n\n".join([TITLE, B1, "Updated", "November 4, 2026", B2]),
                     options=CleanOptions(split_stamps=False))
    assert "Updated" in off.paragraphs


def test_a_sentence_ending_in_a_cjk_full_stop_is_no_heading_of_a_count_list():
    last = "これで設定は元に戻り、いつもの操作ができるようになりました。"
    widget = ["キャンプ (12)", "ハイキング (4)", "料理 (31)"]
    result = clean_text("\n\n".join([TITLE, B1, B2, last, *widget]))
    assert last in result.paragraphs
    assert _reasons(result)["ハイキング (4)"] == "tags"
    heading = clean_text("\n\n".join([TITLE, B1, B2, "カテゴリー", *widget]))
    assert _reasons(heading)["カテゴリー"] == "tags"
