"""The rule tables: each category on its own, the word cap, names and time stamps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from storywire.clean.rules import (
    ALL_RULES,
    LONG_LINE_RULES,
    RULES,
    SUFFIX_ANCHORED_RULES,
    classify_line,
    core_text,
    rule_by_name,
)
from storywire.extract.dates import looks_like_stamp, parse_stamp
from storywire.extract.names import parse_names

NOW = datetime(2026, 11, 4, 12, 0, tzinfo=UTC)
EXAMPLES = [(rule.name, example) for rule in ALL_RULES for example in rule.examples]


def _category(line: str, max_junk_words: int = 12) -> str | None:
    found = classify_line(line, max_junk_words)
    return found.category if found else None


# -- the tables themselves -------------------------------------------------------------------


def test_rule_names_are_unique_and_every_rule_has_examples():
    names = [rule.name for rule in ALL_RULES]
    assert len(names) == len(set(names))
    assert all(rule.examples for rule in ALL_RULES)


@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_every_example_is_caught_by_its_own_rule(name, example):
    found = classify_line(example)
    assert found is not None, example
    assert found.rule.name == name


def test_long_line_rules_are_an_explicit_known_list():
    known = {rule.name for rule in RULES}
    assert known >= LONG_LINE_RULES
    assert {rule.name for rule in RULES if rule.long_line} == LONG_LINE_RULES
    assert {
        "nav-inline", "comment-heading-quoted", "alert-footer", "copyright-notice",
        "republish-notice", "write-to", "contributed", "reporting-by", "provenance-notice",
        "tag-list", "disclaimer", "read-more-label", "support-appeal",
        "breadcrumb", "wiki-footer", "byline-role", "tweetable", "channel-call",
        "caption-credit", "affiliate-disclosure", "enjoyed-appeal"} == LONG_LINE_RULES


@pytest.mark.parametrize("max_junk_words", [3, 6, 12, 20])
def test_short_line_rules_never_exceed_max_junk_words(max_junk_words):
    for rule in RULES:
        if not rule.long_line:
            assert rule.word_cap(max_junk_words) <= max_junk_words, rule.name


@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_no_rule_removes_a_longer_line_unless_listed(name, example):
    """The same example, with the cap set just below its length, is left alone."""
    words = len(core_text(example).split())
    found = classify_line(example, max_junk_words=words - 1)
    if found is not None and found.category != "separator":  # "* * *", "…": no words
        assert found.rule.name in LONG_LINE_RULES, (example, found.rule.name)
    padded = example + " and the port authority said it would respond to the union on Friday"
    found = classify_line(padded)
    if found is not None:
        assert found.rule.name in LONG_LINE_RULES, (padded, found.rule.name)


@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_no_rule_matches_inside_a_sentence(name, example):
    """Junk after the start of a short sentence is not junk (except the suffix rules)."""
    found = classify_line("Harbor City officials said " + example.lower())
    if found is not None:
        assert found.rule.name in LONG_LINE_RULES | SUFFIX_ANCHORED_RULES, found.rule.name


LONG_SENTENCES = [
    "Share prices of the three largest terminal operators fell on Tuesday as the strike "
    "entered its second day.",
    "Readers were invited to leave a comment on the port authority's website before the "
    "hearing next week.",
    "By the end of the day more than 40 ships were waiting outside the breakwater for a berth.",
    "The union posted a statement on its website, https://union.example/statement, calling "
    "the offer an insult.",
    "Copyright of the port's logo, which strikers printed on their placards, belongs to "
    "the city council.",
    "This story first appeared on a union message board, where members shared it widely "
    "over the weekend.",
    "Reporting by the Harbor Times showed that the authority had planned the automation "
    "for years.",
    "All rights reserved under the old contract will be honoured, the mediator told the "
    "two sides.",
    "Posted in 2019, a video of the last strike has been viewed more than a million times "
    "since then.",
    "Next week the city council will vote on the port budget, which includes money for "
    "the cranes.",
    "Follow the money, the investigators said on Twitter after the hearing on Tuesday.",
    "Joining the strike, dock workers in Westport posted videos on YouTube and TikTok.",
    "The cranes stood idle in the rain as the union and the port authority met in Harbor "
    "City. Reuters reported the talks had stalled.",
    "The operator said its offer (photo identification for every driver) was final. Credit "
    "unions backed the strikers.",
    "If you buy a house near the terminal, the council said, you may get a noise grant of "
    "up to 5,000 euros.",
]


@pytest.mark.parametrize("sentence", LONG_SENTENCES)
def test_long_article_sentences_are_never_junk(sentence):
    assert classify_line(sentence) is None


# -- one test per category -----------------------------------------------------------------


@pytest.mark.parametrize(("line", "category"), [
    ("« Previous post", "prev-next"), ("Next Post »", "prev-next"),
    ("Previous post: Harbor City budget vote delayed", "prev-next"),
    ("Newer Post Older Post Home", "prev-next"), ("Article précédent", "prev-next"),
    ("Nächster Artikel", "prev-next"), ("Nächste »", "prev-next"), ("« Vorige", "prev-next"),
    ("Entrada siguiente", "prev-next"),
    ("Share this:", "share-prompt"), ("Share on X", "share-prompt"),
    ("Facebook | Twitter | WhatsApp | Email", "share-prompt"), ("Compartir", "share-prompt"),
    ("Click to share on Facebook (Opens in new window)", "share-prompt"),
    ("Like this:", "like-widget"), ("Like Loading...", "like-widget"),
    ("3 bloggers like this.", "like-widget"), ("Gefällt mir Wird geladen …", "like-widget"),
    ("Post a Comment", "comments"), ("Leave a Reply", "comments"), ("12 Comments", "comments"),
    ("Join the conversation below", "comments"),
    ('0 Response to "Port strike halts shipments"', "comments"),
    ("Lascia un commento", "comments"), ("Deixe um comentário", "comments"),
    ("Related posts", "related"), ("You may also like", "related"), ("Read more", "related"),
    ("More from The Ledger", "related"), ("Lire aussi", "related"),
    ("Das könnte Sie auch interessieren", "related"), ("Leggi anche", "related"),
    ("Read more: Why the strike matters", "read-more"), ("Weiterlesen", "read-more"),
    ("Continue reading →", "read-more"),
    ("Short link: https://bit.ly/x", "link"), ("https://harbortimes.example/a/1", "link"),
    ('"port strike" - Google News', "alert"), ("Google Alert - port strike", "alert"),
    ("Flag as irrelevant", "alert"), ("See more results", "alert"),
    ("You have received this email because you have subscribed to Google Alerts.", "alert"),
    ("3 hours ago", "timestamp"), ("Nov 4, 2026, 10:42 AM", "timestamp"),
    ("Updated 10:32 GMT", "timestamp"), ("Published: 2026-11-04", "timestamp"),
    ("il y a 2 jours", "timestamp"), ("hace 5 minutos", "timestamp"),
    ("5 min read", "reading-time"),
    ("Write to Jane Doe at jane.doe@ledger.example", "credit"),
    ("— Tomas Rivera contributed to this article.", "credit"),
    ("Reporting by Ana Li; Editing by Bo Sun", "credit"),
    ("Additional reporting by Cy Wu", "credit"), ("By Jane Doe", "credit"),
    ("Follow her on Twitter @jdoe", "social-follow"),
    ("© 2026 Harbor Times. All rights reserved.", "copyright"),
    ("Tous droits réservés", "copyright"),
    ("Sign up for our newsletter", "newsletter"), ("Newsletter abonnieren", "newsletter"),
    ("Advertisement", "advertisement"), ("Publicidad", "advertisement"),
    ("Photo: Jane Doe/Agency", "photo-credit"), ("Jane Doe/Meridian Wire", "photo-credit"),
    ("Show more sharing options", "share-prompt"), ("Copy Link URLCopied!", "share-prompt"),
    ("Getty", "photo-credit"), ("Image via Getty Images", "photo-credit"),
    ("(Jane Doe / Meridian Wire)", "photo-credit"), ("(AP Photo/Jane Doe)", "photo-credit"),
    ("Cranes at the quay on Tuesday. © Meridian Wire / Jane Doe", "photo-credit"),
    ("Cranes at the quay on Tuesday. | Foto: Meridian Wire", "photo-credit"),
    ("Originally published at harborwatch.example", "provenance"),
    ("This article first appeared on Harbor Times", "provenance"),
    ("Read the full story at Harbor Times", "provenance"),
    ("Tags: port strike, shipping", "tags"), ("Filed under: Business", "tags"),
    ("Posted in News, Port Strike", "tags"), ("Labels: Business", "tags"),
    ("Skip to content", "ui"), ("Subscribe to: Post Comments (Atom)", "ui"),
    ("Video", "ui"), ("Audio", "ui"),  # a player's label over its embed
    ("By Jane Doe | November 4, 2026 | 5 min read", "meta"),
    ("* * *", "separator"),
])
def test_category(line, category):
    assert _category(line) == category


@pytest.mark.parametrize("line", [
    "Share prices fell.", "Comments from shipping lines have been muted.",
    "Related disputes were settled last year.", "By the end of the day, it was over.",
    "By contrast", "By Tuesday Morning", "Previous attempts collapsed in 2019.",
    "Next week, the council votes.", "Like this year, talks stalled.",
    "Posted in haste, the note said little.", "Photos by drone show the quay empty.",
    "Sources close to the talks said little.", "Home owners complained.",
    "Follow the money.", "Print media coverage has been limited.", "Top officials met.",
    "The vessel docked 3 hours ago, officials said.", "Subscribers were told to wait.",
    "Advertisement revenue fell.", "What happens next", "Apollo 11", "Chapter 3",
    "Harbor City, the port said", "Port strike halts shipments - Harbor Times",
    "Video shows the quay empty.", "Video evidence",
    "Getty Museum reopens its harbor wing", "Images via drone showed the quay empty.",
    "More sharing options for the quay were discussed.", "Copy the link to the union's notice",
    "The union wrote to the operator. © marks on its crates were painted over.",
    "The operator sold the cranes (for parts / Harbor City) last year.",
])
def test_body_lines_are_not_junk(line):
    assert classify_line(line) is None, line


def test_credit_extracts_names():
    assert classify_line("By Ana Li, Meridian Wire").authors == ("Ana Li",)
    assert classify_line("BY JANE DOE AND JOHN ROE").authors == ("Jane Doe", "John Roe")
    assert classify_line(
        "Reporting by Ana Li and Bo Sun; Editing by Cy Wu").authors == ("Ana Li", "Bo Sun")
    helped = classify_line("Ana Li in Lagos and Bo Sun contributed reporting.")
    assert (helped.authors, helped.contributors) == ((), ("Ana Li", "Bo Sun"))
    wire = classify_line("(Reporting by Ana Li; Additional reporting by Bo Sun; Editing by Cy Wu)")
    assert (wire.authors, wire.contributors) == (("Ana Li",), ("Bo Sun",))
    # a wire's credit with its roles listed by commas: the names between them stay whole
    commas = classify_line("(Reporting by Ana Li, Bo Sun, Cy Wu, with reporting by Dee Park "
                           "and Ed Roe, editing by Fay Lin.)")
    assert commas is not None and commas.rule.name == "reporting-by"
    assert commas.authors == ("Ana Li", "Bo Sun", "Cy Wu", "Dee Park", "Ed Roe")
    assert classify_line("By Ana Li, Meridian Wire").outlet == "Meridian Wire"
    assert classify_line("By Ana Li, Staff Writer").outlet is None
    assert classify_line("TrendPulse Staff").authors == ()
    assert classify_line("Posted by Admin at 10:42 AM").authors == ()
    assert classify_line("Posted by Admin at 10:42 AM").stamp == "10:42 AM"


def test_a_published_and_an_updated_stamp_on_one_line_are_a_meta_line():
    for line in ("Published Nov 4, 2026 at 4:07 PM | Updated at 5:36 PM CST on Nov 4, 2026",
                 "Nov. 4, 2026Updated: Nov. 4, 2026 1:35 a.m.",
                 "Published Wed, Nov 4 20267:05 AM ESTUpdated Wed, Nov 4 20267:16 AM EST"):
        found = classify_line(line)
        assert found is not None and found.category == "meta", line
        assert found.stamp is not None and "Nov" in found.stamp
    # an article's sentence about updates holds no two whole stamps
    assert classify_line("The tariff schedule was updated on Nov 4, 2026.") is None
    assert classify_line("Harbor City, Nov 4, 2026 updated its port rules") is None


def test_a_date_line_ending_in_its_byline_names_the_author():
    found = classify_line("Wednesday November 4, 2026 7:45 am PST by Jane Doe")
    assert (found.category, found.authors) == ("meta", ("Jane Doe",))
    assert "2026" in found.stamp
    assert classify_line("On 11/4/2026 by @jdoe").category == "meta"
    assert classify_line("On Tuesday the port was closed by Jane Doe") is None
    assert classify_line("In November 2026 by most counts the strike ended") is None


def test_meta_line_collects_names_and_stamp():
    found = classify_line("By Jane Doe | November 4, 2026 | 5 min read")
    assert found.authors == ("Jane Doe",)
    assert found.stamp == "November 4, 2026"
    found = classify_line("Simon Achebe | The National Courier | Thursday 5 November 2026")
    assert (found.category, found.authors, found.outlet) == (
        "meta", ("Simon Achebe",), "The National Courier")
    # without a date among the parts, bare names are not enough
    assert classify_line("Simon Achebe | The National Courier") is None
    assert classify_line("Share | Port strike enters day two") is None
    assert classify_line("By Jane Doe | Opinion").authors == ("Jane Doe",)


def test_word_cap_is_applied():
    assert _category("Share this article", max_junk_words=2) is None
    assert _category("Share this article", max_junk_words=3) == "share-prompt"


def test_rule_by_name():
    assert rule_by_name("byline").category == "credit"
    with pytest.raises(KeyError):
        rule_by_name("no-such-rule")


# -- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "names"), [
    ("Ana Li, Meridian Wire", ["Ana Li"]),
    ("Ana Li, Bo Sun and Cy Wu, Meridian Wire", ["Ana Li", "Bo Sun", "Cy Wu"]),
    ("Jane Doe, Staff Writer", ["Jane Doe"]),
    ("Ana Li in Harbor City and Bo Sun in Westport", ["Ana Li", "Bo Sun"]),
    ("Jane Doe (jane@ledger.example)", ["Jane Doe"]),
    ("María José de la Vega", ["María José de la Vega"]),
    ("JEAN-PIERRE DUPONT", ["Jean-Pierre Dupont"]),
    ("the end of the day", None), ("Reuters", None), ("Tuesday Morning", None),
])
def test_parse_names(text, names):
    assert parse_names(text) == names


# -- time stamps ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Nov 4, 2026, 10:42 AM", datetime(2026, 11, 4, 10, 42, tzinfo=UTC)),
    ("Nov. 11, 2026 6:15 pm ET", datetime(2026, 11, 11, 23, 15, tzinfo=UTC)),
    ("2026-11-04T10:42:00+01:00", datetime(2026, 11, 4, 9, 42, tzinfo=UTC)),
    ("Tuesday, November 4, 2026", datetime(2026, 11, 4, tzinfo=UTC)),
    ("4 novembre 2026 à 10h42", datetime(2026, 11, 4, 10, 42, tzinfo=UTC)),
    ("Dienstag, 4. November 2026", datetime(2026, 11, 4, tzinfo=UTC)),
    ("04.11.2026, 10:42 Uhr", datetime(2026, 11, 4, 10, 42, tzinfo=UTC)),
    ("martes, 4 de noviembre de 2026", datetime(2026, 11, 4, tzinfo=UTC)),
    ("4 novembre 2026", datetime(2026, 11, 4, tzinfo=UTC)),
    ("4 de novembro de 2026", datetime(2026, 11, 4, tzinfo=UTC)),
    ("4 november 2026 om 10:42", datetime(2026, 11, 4, 10, 42, tzinfo=UTC)),
    ("11/25/2026", datetime(2026, 11, 25, tzinfo=UTC)),
    ("25/11/2026", datetime(2026, 11, 25, tzinfo=UTC)),
    ("2026/11/04", datetime(2026, 11, 4, tzinfo=UTC)),
])
def test_parse_absolute_stamps(text, expected):
    assert looks_like_stamp(text)
    assert parse_stamp(text) == expected


def test_stamps_that_need_now():
    assert parse_stamp("10:32 GMT") is None
    assert parse_stamp("10:32 GMT", NOW) == datetime(2026, 11, 4, 10, 32, tzinfo=UTC)
    assert parse_stamp("3 hours ago") is None
    assert parse_stamp("3 hours ago", NOW) == NOW - timedelta(hours=3)
    assert parse_stamp("vor 2 Tagen", NOW) == NOW - timedelta(days=2)
    assert parse_stamp("il y a une heure", NOW) == NOW - timedelta(hours=1)
    assert parse_stamp("Yesterday at 9:15 PM", NOW) == datetime(2026, 11, 3, 21, 15,
                                                                tzinfo=UTC)
    january = datetime(2027, 1, 2, tzinfo=UTC)
    assert parse_stamp("Dec 30, 10:00", january) == datetime(2026, 12, 30, 10, tzinfo=UTC)


def test_ambiguous_slash_dates():
    """06/11/2026: day-first without `now`; with `now`, the reading nearest before it."""
    assert parse_stamp("06/11/2026") == datetime(2026, 11, 6, tzinfo=UTC)
    assert parse_stamp("06/11/2026", NOW) == datetime(2026, 6, 11, tzinfo=UTC)
    later = datetime(2026, 11, 10, tzinfo=UTC)
    assert parse_stamp("06/11/2026 15:30", later) == datetime(2026, 11, 6, 15, 30, tzinfo=UTC)
    assert parse_stamp("11/04/2026", later) == datetime(2026, 11, 4, tzinfo=UTC)


def test_dayfirst_option():
    assert parse_stamp("04/11/2026", dayfirst=True) == datetime(2026, 11, 4, tzinfo=UTC)
    assert parse_stamp("04/11/2026", NOW, dayfirst=False) == datetime(2026, 4, 11, tzinfo=UTC)
    cet = timezone(timedelta(hours=1))
    assert parse_stamp("2026-11-04 10:42+01:00") == datetime(2026, 11, 4, 10, 42, tzinfo=cet)


@pytest.mark.parametrize("text", [
    "the 2026 budget", "Apollo 11", "1 of 3", "Route 66 reopened", "March on Washington",
    "on 3", "Class of 2026",
])
def test_not_stamps(text):
    assert not looks_like_stamp(text)


@pytest.mark.parametrize("row", [
    "200 │ 2020-08-01 17:56:00+00 │ 1.6427718293547886",
    "Carrow North | 2026-11-08 22:00 | 14,302 votes | 41.2%",
])
def test_a_table_row_holding_a_time_is_not_a_time_stamp(row):
    assert classify_line(row) is None


@pytest.mark.parametrize("stamp", ["2 novembre 2026 à 16 h 00", "Nov 4, 2026, 10:42 AM",
                                   "08.04.2015 12:46", "- 24 July 2015"])
def test_time_stamps_with_days_years_and_clock_times_are_still_found(stamp):
    assert classify_line(stamp).rule.category == "timestamp"


def test_a_wrapped_sentence_tail_with_a_date_is_article_text():
    assert classify_line("and September 18.") is None
    assert classify_line("on Monday, November 4.") is None


@pytest.mark.parametrize("line", ["Home is where the strikers gathered on Tuesday.",
                                  "Home prices rose 4% in October, the ministry said."])
def test_sentences_starting_with_home_are_not_breadcrumbs(line):
    assert classify_line(line) is None


def test_a_label_behind_code_comment_slashes_is_a_label_and_a_comment_is_not():
    assert classify_line("// Copy link") is not None
    assert classify_line("// Tags") is not None
    assert classify_line("// set the counter to zero") is None
    assert classify_line("//cdn.example/tags") is None


def test_link_alone_is_an_anchor_not_a_share_button():
    # a page's anchors ("see the spec: link") copy as the bare word; a share bar names more
    assert classify_line("link") is None
    assert classify_line("Facebook Twitter Link") is not None
    assert classify_line("Copy link") is not None


def test_an_author_box_heading_with_the_writers_name_is_a_credit():
    for line in ("About Jane Doe", "Über Hans Meier", "Sobre Maria Souza"):
        found = classify_line(line)
        assert found is not None and found.rule.name == "author-box", line
    for line in ("About Town hall meetings", "About the Author", "About 40 people came.",
                 "Sobre o porto"):
        found = classify_line(line)
        assert found is None or found.rule.name != "author-box", line


def test_a_footers_legal_links_are_site_chrome():
    for line in ("Updated Privacy Policy", "Privacy Policy, Terms of Use", "Ad Choices",
                 "Closed Captioning Policy", "New Privacy Policy(What's Changed)",
                 "Cookie Policy | Terms & Conditions | User Agreement"):
        found = classify_line(line)
        assert found is not None and found.category == "ui", line
    for line in ("The privacy policy was updated in March.",
                 "Its new privacy policy lets the port keep records for a year."):
        assert classify_line(line) is None, line


def test_no_rule_example_opens_a_run_on_updated():
    # the run cutter starts pieces at the first words of the rules' examples: "Updated"
    # would make a date line "UPDATED: <date>" of an article-only text a junk run
    from storywire.clean.runs import openers
    assert "updated" not in openers()


def test_more_from_headers_under_the_article_head_a_list():
    for line in ("Weitere Beiträge zum Thema", "Next Up In", "Next Up In Harbor News",
                 "Read more from this author"):
        found = classify_line(line)
        assert found is not None and found.rule.name == "related-header", line
    assert classify_line("Next up, the council votes on the harbor plan.") is None
