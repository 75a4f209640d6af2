"""The stress harness that frames one page's article with other pages' junk: how it cuts
a page in three, which ECB+ topics it reads, that its combinations are fixed by the seed
and never frame an article with its own page, and how it scores a combination."""

from __future__ import annotations

import json
from collections import Counter

from storywire.evaluation.clean import Page
from storywire.evaluation.clean_stress import (
    Combination,
    Outcome,
    Parts,
    combinations,
    combine,
    ecb_articles,
    own_lists,
    page_parts,
    prose_block,
    score,
    summary,
)

ARTICLE = (
    "The harbour authority said on Tuesday that the new container berth would open in "
    "the spring, two years later than first planned.",
    "",
    "Officials blamed the delay on a shortage of steel and on a dispute with the "
    "contractor over the cost of dredging the approach channel.",
    "",
    "Shipping lines have been told to keep routing their larger vessels through the "
    "northern terminal until the work is finished, a spokeswoman said.",
)


def _page(name: str, lines: list[str], labels: list[bool | None]) -> Page:
    return Page(name, "dev", {}, {"page": lines}, {"page": labels})


def test_a_page_is_cut_into_its_junk_head_its_article_lines_and_its_junk_foot():
    lines = ["Home", "World", "", "A paragraph of the article.", "Photo: agency",
             "Another paragraph of it.", "", "Share", "Contact us"]
    labels = [False, False, None, True, False, True, None, False, False]
    parts = page_parts(_page("p", lines, labels))
    assert parts.head == ("Home", "World")
    # the caption among the article lines is left out, a blank line where it stood
    assert parts.article == ("A paragraph of the article.", "", "Another paragraph of it.")
    assert parts.foot == ("Share", "Contact us")
    assert page_parts(_page("q", ["Home"], [False])) is None


def test_only_the_odd_ecb_topics_above_eight_are_read(tmp_path):
    rows = [{"id": f"{t}_1ecb", "topic": t, "text": "One.\n\nTwo."} for t in (3, 9, 10, 11)]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert [p.source for p in ecb_articles(path)] == ["ecb:9_1ecb", "ecb:11_1ecb"]
    assert ecb_articles(path)[0].article == ("One.", "", "Two.")


def _parts(name: str) -> Parts:
    return Parts(name, (f"{name} menu", "Sections"), ARTICLE, (f"{name} footer", "Terms"))


def test_combinations_are_fixed_by_the_seed_and_frame_an_article_with_other_pages():
    pages = [_parts(n) for n in ("a", "b", "c")]
    first = combinations(pages, [], 60, seed=3)
    again = combinations(pages, [], 60, seed=3)
    assert [(c.article, c.head, c.foot) for c in first] == [
        (c.article, c.head, c.foot) for c in again]
    assert all(c.article not in (c.head, c.foot) for c in first)
    assert {c.frame for c in first} == {"head+foot", "head", "foot"}
    assert all(not c.head for c in first if c.frame == "foot")


def test_a_combination_labels_the_article_true_and_the_frame_false():
    combination = combine(_parts("a"), _parts("b"), _parts("c"), "head+foot")
    assert combination.lines[:2] == ["b menu", "Sections"]
    assert combination.lines[-2:] == ["c footer", "Terms"]
    assert Counter(combination.labels) == Counter({True: 3, False: 4, None: 4})


def test_a_kept_article_scores_whole_and_a_lost_line_names_the_pass_that_took_it():
    combination = combine(_parts("a"), _parts("b"), _parts("c"), "head+foot")
    outcome = score(combination)
    assert outcome.article_lines == 3
    assert outcome.kept_share == 1.0 and not outcome.lost_whole
    lost = Outcome(Combination("a", "b", "c", "head+foot", [], []), 4, 1,
                   lost_by=Counter({"page-frame/": 2, "rules/share-bar": 1}))
    assert lost.lost_whole and lost.culprit == "page-frame"
    figures = summary([outcome, lost])
    assert figures["articles_lost_whole"] == 1
    assert figures["lost_whole_by_pass"] == {"page-frame": 1}


def test_the_junk_set_between_a_pages_article_lines_is_kept_as_its_inline_boxes():
    lines = ["Home", "", "First paragraph.", "Advertisement", "", "Second paragraph.",
             "\u200b", "Third paragraph.", "Contact us"]
    labels = [False, None, True, False, None, True, False, True, False]
    parts = page_parts(_page("p", lines, labels))
    # the zero-width space between two paragraphs is no box
    assert parts.inside == (("Advertisement",),)
    sidebar = ["Home", "Headline", *[f"Teaser {k}" for k in range(25)], "Body.", "Footer"]
    marks = [False, True, *[False] * 25, True, False]
    assert page_parts(_page("q", sidebar, marks)).inside == ()


def _boxed(name: str) -> Parts:
    return Parts(name, (f"{name} menu", "Sections"), ARTICLE, (f"{name} footer", "Terms"),
                 ((f"{name} box", "Read more"),))


def test_the_inside_mode_sets_other_pages_boxes_between_the_articles_paragraphs():
    pages = [_boxed(n) for n in ("a", "b", "c")]
    for combination in combinations(pages, [], 20, seed=5, mode="inside"):
        article_at = [i for i, label in enumerate(combination.labels) if label]
        boxes = [i for i, x in enumerate(combination.lines) if x.endswith(" box")]
        assert 1 <= len(boxes) <= 2  # three paragraphs: two places between them
        assert all(article_at[0] < i < article_at[-1] for i in boxes)
        assert all(not x.startswith(combination.article) for x in combination.lines
                   if x.endswith(" box"))
        assert combination.variant.startswith("inside:")


def test_the_headline_mode_drops_the_first_line_or_sets_a_run_under_it():
    pages = [_boxed(n) for n in ("a", "b", "c")]
    found = combinations(pages, [], 40, seed=5, mode="headline")
    dropped = [c for c in found if c.variant == "no-headline"]
    gapped = [c for c in found if c.variant.startswith("gap:")]
    assert dropped and gapped
    assert all(ARTICLE[0] not in c.lines for c in dropped)
    for c in gapped:
        at = c.lines.index(ARTICLE[0])
        assert c.labels[at] is True and c.labels[at + 2] is False  # a blank line between


def test_the_short_mode_keeps_three_to_five_paragraphs_under_a_long_head():
    long_head = tuple(f"Menu item {k}" for k in range(45))
    said = "of the story says what the council decided on Monday."
    article = tuple(x for k in range(8) for x in (f"Paragraph {k} {said}", ""))[:-1]
    pages = [Parts(n, long_head, article, ("Terms",)) for n in ("a", "b")]
    for c in combinations(pages, [], 10, seed=2, mode="short"):
        assert c.head and 3 <= sum(1 for label in c.labels if label) <= 5
        assert c.frame != "foot"


def test_a_prose_block_ends_a_sentence_and_its_lines_are_long():
    assert prose_block(("The council voted to close the library on Sundays.",))
    # a hard-wrapped paragraph: its lines end no sentence but the last
    assert prose_block(("The council voted on Monday to close the branch library on",
                        "Sundays from next month, citing a shortfall in its budget."))
    assert not prose_block(("Ticker Company Last Change Change %",))  # a table's header
    assert not prose_block(("Simpson faces life.",))  # shorter than a sentence's worth
    # a list of short items, each ending a sentence
    assert not prose_block(("Preheat the oven.", "Butter the tin.", "Sift the flour."))
    assert prose_block(("市议会周一投票决定，从下个月起图书馆周日闭馆，理由是预算不足。",))


def test_the_short_mode_builds_its_article_from_prose_paragraphs_only():
    long_head = tuple(f"Menu item {k}" for k in range(45))
    said = "of the story says what the council decided on Monday."
    article = ("Council closes library", "", "Column A Column B Column C", "",
               *(x for k in range(8) for x in (f"Paragraph {k} {said}", "")))[:-1]
    pages = [Parts(n, long_head, article, ("Terms",)) for n in ("a", "b")]
    for c in combinations(pages, [], 10, seed=2, mode="short"):
        kept = [x for x, label in zip(c.lines, c.labels, strict=True) if label]
        assert all(x.startswith("Paragraph ") for x in kept)
        assert kept[0].startswith("Paragraph 0 ")


def test_the_frame_mode_is_the_frame_alone():
    pages = [_boxed(n) for n in ("a", "b", "c")]
    assert all(not any(x.endswith(" box") for x in c.lines)
               for c in combinations(pages, [], 20, seed=5))


def test_an_articles_own_lists_are_its_runs_of_short_lines_with_their_lead_in():
    article = ("Council closes library", "",
               "The council listed the branches that will close on Sundays:",
               "North Road", "Elm Park", "", "Castle Street", "",
               "The decision was taken on Monday after a long debate in the chamber "
               "over the cost of heating the buildings through the winter months.")
    assert own_lists(article) == (
        ("The council listed the branches that will close on Sundays:",
         "North Road", "Elm Park", "Castle Street"),)
    # two short lines are no list, and a hard-wrapped paragraph's lines are none
    assert own_lists(("Title", "", "North Road", "Elm Park", "", article[-1])) == ()
    wrapped = ("Title", "Wrapped lines of a paragraph", "that go on in lowercase",
               "and end here.")
    assert own_lists(wrapped) == ()


def test_the_lists_mode_sets_other_articles_lists_as_article_and_boxes_as_junk():
    listed = ("Harbour berths to reopen:", "North Quay", "Salt Dock", "Pier Nine")
    pages = [Parts(n, (f"{n} menu",), ARTICLE, (f"{n} footer",),
                   ((f"{n} box", "Read more"),), (listed,)) for n in ("a", "b", "c")]
    found = combinations(pages, [], 20, seed=5, mode="lists")
    for c in found:
        assert c.variant.startswith("lists:") and "list:" in c.variant
        labels = dict(zip(c.lines, c.labels, strict=True))
        assert all(labels[x] is True for x in listed)
        assert c.listed == frozenset(listed)
        assert all(labels[x] is False for x in c.lines if x.endswith(" box"))
    assert any(x.endswith(" box") for c in found for x in c.lines)
    outcome = score(found[0])
    assert outcome.list_lines == sum(x in listed for x in found[0].lines)
    assert "list_lines_kept" in summary([outcome])
