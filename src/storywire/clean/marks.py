"""The marks that end a sentence, in one place for the whole cleaner.

Every pass asks whether a line ends a sentence, and each needs a slightly different
answer: a colon ends a heading that introduces what follows, a semicolon a line of a
list, and CJK full stops end lines of scripts without word spaces. The sets below are
built from one base so that their differences are stated, not copied.
"""

from __future__ import annotations

# a sentence's final mark, or the quote or bracket that closes it
CLOSING_MARKS = (".", "!", "?", "…", '"', "”", "’", "»", ")")
CJK_STOPS = ("。", "！", "？")
CJK_CLOSING = ("」", "』")

# the marks that end a sentence without the closing quotes: a list's heading may end in a
# colon, and a quoted phrase may close a headline
FULL_STOPS = (".", "!", "?", *CJK_STOPS)
# a line of prose in a run of lines (`runs`)
PROSE_END = CLOSING_MARKS
# the classifier's "ends a sentence" feature: a lead-in before a colon ends too
LEAD_IN_END = (*CLOSING_MARKS, ":")
# jusText-style line classes (`region`): also in the CJK scripts
REGION_END = (*LEAD_IN_END, *CJK_STOPS)
# a line rule's "this line ends a sentence" (`rules`, `text`): also a list line's semicolon
SENTENCE_END = (*REGION_END, ";", *CJK_CLOSING)
