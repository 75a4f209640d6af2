"""Junk run into a paragraph: cut off in plain text and in fetched HTML, and never matched."""

from __future__ import annotations

from storywire.clean import CleanOptions, TextHints, clean_text
from storywire.clean.runs import cut_junk_run
from storywire.model import Capture
from storywire.pipeline import Pipeline
from storywire.store import open_store
from storywire.watch.query import parse_query

BODY = [
    "More than 250 dockworkers walked off the job at Port Aldane's container terminal on "
    "Tuesday, halting most cargo handling in a dispute over plans to automate its cranes.",
    "The union said the stoppage would last at least 72 hours and could be extended if the "
    "operator did not withdraw its proposal.",
]
RUN = ("Originally published at Meridian Wire Share this: Twitter Facebook Like this: Like "
       "Loading... 3 bloggers like this Previous post: Strong earthquake kills at least 12 "
       "in Kessel Highlands Next post: Nurses at Carrow General to announce ballot result "
       "Post a Comment")
TITLE = "Port Aldane dockworkers walk out over automation plan"


def _page(tail: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in [*BODY, tail])
    return ("<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{TITLE}</title><meta property='og:site_name' content='NewsHub Daily'>"
            "<meta property='article:published_time' content='2026-11-03T09:00:00Z'>"
            f"</head><body><article><h1>{TITLE}</h1>{paragraphs}</article></body></html>"
            ).encode()


def test_a_fetched_page_loses_the_junk_run_and_a_quake_watch_does_not_match():
    with open_store(":memory:") as store:
        article = Pipeline(store).build_article(
            Capture(raw=_page(RUN), kind="html", origin="test",
                    url="http://127.0.0.1:8000/newshub-daily/a/1.html"))
    assert article.paragraphs == BODY
    assert any("Strong earthquake" in line for line in article.removed)
    assert not parse_query("earthquake").matches(article)
    assert parse_query("dockworkers").matches(article)


def test_plain_text_trailing_call_to_action_is_split_off():
    text = "\n\n".join([TITLE, BODY[0], BODY[1] + " Click here to subscribe to our newsletter."])
    result = clean_text(text)
    assert result.paragraphs == BODY
    assert result.removed[-1] == "Click here to subscribe to our newsletter."


def test_a_site_name_run_into_the_headline_goes_with_the_byline_line():
    line = f"NewsHub Daily {TITLE} Posted by nhub_editor on November 3, 2026"
    result = clean_text("\n\n".join([line, *BODY]), TextHints(title=TITLE),
                        CleanOptions(detect_title=False))
    assert result.paragraphs == BODY
    assert result.published is not None and result.published.day == 3


def test_sentences_that_mention_sharing_or_comments_are_not_cut():
    for sentence in (
        "He said. Share prices fell 3 percent on Tuesday, and Facebook shares rose.",
        "The union said it would vote next week. Next steps are unclear, officials said.",
        "Officials did not answer. Comments from the minister are expected on Friday.",
        "The vote was close. Previous strikes at the port lasted two days, the union said.",
    ):
        assert cut_junk_run(sentence) is None, sentence


def test_a_long_call_to_subscribe_run_into_the_last_sentence_is_cut_off():
    last = "That is the whole story for this week."
    call = ("Sign up for the Harbor Brief today to get the free daily newsletter delivered "
            "to your inbox every morning.")
    cut = cut_junk_run(f"{last} {call}")
    assert cut is not None and (cut.keep, cut.removed) == (last, call)
    # a long sentence of the article that merely starts like a call stays whole
    story = ("Sign up for the buyout closed on Friday, and more than 300 crane drivers "
             "accepted the operator's offer before the deadline passed.")
    assert cut_junk_run(f"{last} {story}") is None
