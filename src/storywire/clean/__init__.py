"""The junk-line cleaner: pasted article text in, the article's paragraphs out.

Text pasted from alert e-mails, aggregator blogs and content farms (or left by an HTML
extractor) carries lines that are not the article: share and comment prompts, related-post
lists, bylines, time stamps, copyright and newsletter lines, a "Headline - Outlet" trailer.
``clean_text`` removes them (saying why), turns credit lines into authors, a trailer into
title and outlet, a time-stamp line into the publication date, and keeps every sentence
of the article itself. docs/cleaning.md describes the rules and why each one is safe.
"""

from __future__ import annotations

from storywire.clean.rules import LONG_LINE_RULES, RULES, LineMatch, Rule, classify_line
from storywire.clean.text import (
    CleanOptions,
    CleanResult,
    TextHints,
    clean_text,
    headlines_agree,
    normalize_line,
    split_trailer,
)

__all__ = [
    "LONG_LINE_RULES",
    "RULES",
    "CleanOptions",
    "CleanResult",
    "LineMatch",
    "Rule",
    "TextHints",
    "classify_line",
    "clean_text",
    "headlines_agree",
    "normalize_line",
    "split_trailer",
]
