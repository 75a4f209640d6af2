"""A comment thread after an article, without any comment marker the rules know, is not
the article; a live blog's dated entries and a forum thread (the page's own text) are."""

from __future__ import annotations

from storywire.clean import CleanOptions, clean_text

TITLE = "Port strike halts shipments at Harbor City"
BODY = [
    "Dockworkers at the Harbor City container terminal walked off the job on Tuesday "
    "morning, halting most cargo handling at the port in a dispute over automation plans "
    "and pay.",
    "The union said the stoppage would last at least three days and could be extended if "
    "the operator did not withdraw its proposal to replace crane drivers with remote "
    "equipment.",
    "Shipping lines have begun diverting vessels to Port Selwyn, about 200 kilometres to "
    "the north, where berths were already busy with the season's grain exports.",
    "The operator said in a statement that it remained open to talks and that the new "
    "cranes would be introduced over five years without compulsory redundancies.",
]
COMMENTS = [
    ("Maria Lopez says:", "November 5, 2026 at 9:14 am", "Good to see the union standing firm."),
    ("Tom Baker says:", "November 5, 2026 at 10:02 am", "Who pays for the delays though?"),
    ("Harborwatcher says:", "November 5, 2026 at 11:40 am", "Same thing happened in 2019."),
    ("Ann Wu says:", "November 6, 2026 at 8:05 am", "Thanks for the clear summary"),
]


def _page(entries: list[str]) -> str:
    return "\n\n".join([TITLE, *entries])


def test_a_comment_thread_of_dated_headers_under_names_is_removed():
    thread = [line for comment in COMMENTS for line in (*comment, "Reply")]
    result = clean_text(_page(BODY + thread))
    assert result.paragraphs == BODY
    assert {"Tom Baker says:", "Who pays for the delays though?", "Reply"} <= set(
        result.removed)
    # a feed of timed teasers has the same stamps, so it is switched off too
    kept = clean_text(_page(BODY + thread),
                      options=CleanOptions(comment_threads=False, stamped_feeds=False))
    assert "Who pays for the delays though?" in kept.paragraphs


def test_a_thread_whose_headers_name_the_commenter_and_reply_is_removed():
    # a Chinese blog host: "#1", the name, "於 <date time>", the comment, the author's reply
    thread = []
    comments = [("小鳳", "露營兼賞楓，好棒的生活"), ("青草", "今天路過,真的很美!"),
                ("阿蒯", "這是一次另人感動的旅程")]
    for n, (name, text) in enumerate(comments, start=1):
        thread += [f"#{n}", name, f"於 2013/12/2{n} 10:2{n}", text,
                   f"史蒂文的家 於 2014/01/01 20:3{n} 回覆"]
    result = clean_text(_page(BODY + thread))
    assert result.paragraphs == BODY


def test_a_live_blogs_dated_entries_are_kept():
    entries = []
    for stamp, para in zip(["Nov 4, 2026 9:05 AM by Ana Li", "Nov 4, 2026 10:40 AM by Ana Li",
                            "Nov 4, 2026 1:15 PM by Ana Li", "Nov 4, 2026 4:30 PM by Ana Li"],
                           BODY, strict=True):
        entries += [stamp, "Key update", para]
    result = clean_text(_page(["Follow the strike as it happens.", *entries]))
    assert [p for p in BODY if p in result.paragraphs] == BODY
    assert "Key update" in result.paragraphs


def test_a_forum_thread_under_its_title_is_the_page_text():
    posts = []
    for comment in COMMENTS:
        posts += [comment[0], comment[1], comment[2], "Reply"]
    result = clean_text(_page(posts + BODY[:1]))
    assert "Who pays for the delays though?" in result.paragraphs
