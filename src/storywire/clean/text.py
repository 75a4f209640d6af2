"""The line walk: junk out, title/outlet/authors/date found, the article's paragraphs kept.

Junk is judged one whole line at a time (rules.py) BEFORE hard-wrapped lines are joined,
so that "Advertisement" between two wrapped lines is removed and a junk phrase never
hides inside a joined paragraph. Then a few context rules use the neighbours: after a
comment-section marker the rest is reader comments; after a "Related posts" header the
short headline-like lines are other articles; a "Previous post" label takes the headline
under it. Finally the title (first line or "Headline - Outlet" trailer) is found, its
repeats removed, and the kept lines are put back together as paragraphs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import groupby, pairwise
from typing import TypeVar

from storywire.clean.classifier import PROSE_WORDS, shipped_model, text_features
from storywire.clean.marks import FULL_STOPS, SENTENCE_END
from storywire.clean.region import (
    BAD_COST,
    LENGTH_HIGH,
    Region,
    densest_run,
    find_region,
    menu_flags,
    paragraph_units,
    prose_words,
    short_line,
    stoplist_for,
    topic_words,
    unmarked_sentences,
)
from storywire.clean.residue import is_residue, looks_like_code
from storywire.clean.rules import (
    STAMP_LABEL,
    SUFFIX_ANCHORED_RULES,
    LineMatch,
    classify_line,
    is_outlet_name,
    rule_by_name,
)
from storywire.clean.runs import cut_junk_run
from storywire.extract.dates import (
    date_line,
    date_vocabulary,
    is_relative_stamp,
    looks_like_stamp,
    parse_stamp,
)
from storywire.extract.names import (
    is_person_name,
    merge_names,
    parse_names,
    strip_by,
    tidy_case,
)

# -- public data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanOptions:
    """Knobs of the cleaner; the defaults suit pasted alert/aggregator text."""

    max_junk_words: int = 12      # a short-line rule never removes a longer line
    detect_title: bool = True     # plain text: first line / trailer gives the title
    learned_junk: frozenset[str] = frozenset()  # normalize_line() keys junk for this outlet
    max_title_words: int = 20     # headline-like: title, related items, prev/next targets
    min_title_words: int = 2      # a one-word first line is a section label, not a title
    max_list_items: int = 15      # a "Related posts" list never takes more lines than this
    min_body_words_for_comments: int = 20  # a comment marker before this much body is dropped
    #                                        alone (a counter in the byline area), no cut
    trailer_window: int = 3       # the last N kept lines are searched for "Headline - Outlet"
    dayfirst: bool | None = None  # 06/11/2026: None = decide (see extract.dates.parse_stamp)
    contributors_as_authors: bool = True  # "Additional reporting by", "X contributed …"
    # The general mechanisms (docs/cleaning.md measures each one on real pages):
    library_dates: bool = True    # date lines in any language and format, by dateparser
    foreign_lines: bool = True    # a short line in another language than the article's
    placeholders: bool = True     # unfilled template placeholders and script residue
    split_runs: bool = True       # junk runs inside a paragraph, trailing calls to action
    classifier: bool = True       # the learned line classifier for undecided lines
    section_labels: bool = True   # "Business" above the article: a section, not its lead
    region: bool = True           # the classifier sees the article's dense run (clean.region)
    count_lists: bool = True      # a blog's category and archive lists ("Camping (12)")
    comment_threads: bool = True  # a thread of dated comment headers after the article
    foot_break: bool = True       # what a whole page keeps after a block of removed lines
    rankings: bool = True         # a "most read" widget: "1", headline, "2", headline …
    stamped_feeds: bool = True    # teasers stamped "3 minutes ago", "18:01" or a date
    teaser_cards: bool = True     # a card: its headline said three times over a cut-off dek
    cut_title_lists: bool = True  # a side list of post titles cut off with an ellipsis
    tail_lists: bool = True       # bulleted headlines of other stories after the last paragraph
    header_wedges: bool = True    # a short line between the headline or byline and the date
    split_stamps: bool = True     # "Updated" alone on the line above its time stamp
    off_topic_heads: bool = True  # other stories' headlines, a menu, under the headline
    off_topic_between: bool = True  # the same between two of the article's paragraphs
    own_lists: bool = True        # there, the article's own lists of names, places, items
    prose_guard: bool = True      # a result that lost the text's main run of paragraphs


@dataclass
class TextHints:
    """What is already known from metadata; None = unknown."""

    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    now: datetime | None = None   # reference time for "3 hours ago"
    # How many of the outlet's articles carry each line (normalize_line key; the article
    # itself included), and how many articles the outlet has: the classifier's recurrence.
    line_counts: Mapping[str, int] = field(default_factory=dict)
    outlet_articles: int = 0
    language: str | None = None   # ISO 639-1, when known: spares identifying it again


@dataclass
class CleanResult:
    paragraphs: list[str]         # the article, in order
    removed: list[str]            # lines taken out, in order (whitespace-normalised, stripped)
    title: str | None             # hint title, else detected
    outlet: str | None            # hint outlet, else detected
    authors: list[str]            # hint authors + credit-line names
    published: datetime | None    # hint, else the first time-stamp line that parses
    removed_reasons: list[str] = field(default_factory=list)  # one short rule name per line
    language: str | None = None   # the article's language when the cleaner identified it
    removed_by: list[str] = field(default_factory=list)  # per removed line: "pass/rule"


# -- text normalisation -----------------------------------------------------------------

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f"))
_LINE_BREAK = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_SPACE_RUN = re.compile(r"[^\S\n]+")  # every Unicode space (NBSP, tabs, thin...) but newline
_DIGITS = re.compile(r"\d+(?:[.,:]\d+)*")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def normalize_line(line: str) -> str:
    """The key of a line for learned per-outlet junk.

    Lowercase, whitespace collapsed, every number -> "0" (so "3 Comments", "12 Comments"
    and "1,204 readers" key alike), punctuation and symbols stripped at both ends.
    """
    line = _SPACE_RUN.sub(" ", line.translate(_ZERO_WIDTH)).strip().lower()
    return _EDGE_PUNCT.sub("", _DIGITS.sub("0", line))


def _split_lines(text: str) -> list[str]:
    text = _LINE_BREAK.sub("\n", text.translate(_ZERO_WIDTH))
    return [_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]


# -- the lines --------------------------------------------------------------------------


@dataclass
class _Line:
    text: str
    block: int                    # blank-line separated block number
    words: int
    match: LineMatch | None = None
    reason: str | None = None     # None: kept
    context: bool = False         # removed for its neighbours: names/dates not harvested
    when: datetime | None = None  # the date a library-parsed date line states
    learned: bool = False
    by: str = ""                  # the pass that removed the line (CleanResult.removed_by)

    @property
    def kept(self) -> bool:
        return self.reason is None


def _position(lines: list[_Line], line: _Line) -> int | None:
    """Where ``line`` itself stands in ``lines`` (None: not there, as for a changed copy).
    By identity: ``lines.index`` would find the first equal line, and a page repeats
    lines."""
    return next((i for i, x in enumerate(lines) if x is line), None)


def _lines_of(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    for raw in _split_lines(text):
        if not raw:
            block += 1
            continue
        lines.append(_Line(raw, block, len(raw.split())))
    return lines


# -- line shapes ---------------------------------------------------------------------------


def _first_letter(text: str) -> str:
    for ch in text:
        if ch.isalpha() or ch.isdigit():
            return ch
    return ""


def _headline_like(text: str, max_words: int, need_upper: bool = True) -> bool:
    """Short, no sentence-final period or comma; with need_upper, not a continuation."""
    words = text.split()
    # a Thai paragraph has no full stop and few spaces: only its length tells it apart
    if not words or (prose_words(text) if unmarked_sentences(text) else len(words)) > max_words:
        return False
    if text.endswith((".", ",", ";", ":", "。", "，", "；", "：")) and not text.endswith(
            ("...", "…")):
        return False
    first = _first_letter(text)
    return not need_upper or not first.isalpha() or first.isupper()


def _is_wrapped(texts: list[str]) -> bool:
    """Lines hard-wrapped at a fixed width (mail, terminals): join them into one paragraph.

    Most lines but the last are near a common width of 40-100 characters and do not end a
    sentence; a continuation starting in lowercase (or four or more lines of tightly equal
    length) confirms it, which keeps a list of capitalised headlines from being taken for
    one wrapped paragraph.
    """
    if len(texts) < 2:
        return False
    width = max(len(t) for t in texts)
    if not 40 <= width <= 100:
        return False
    body = texts[:-1]
    full = sum(len(t) >= 0.7 * width for t in body)
    open_ = sum(not t.endswith(SENTENCE_END) for t in body)
    if full < 0.6 * len(body) or open_ < 0.5 * len(body):
        return False
    continued = any(_first_letter(t).islower() for t in texts[1:])
    tight = (len(body) >= 3 and width >= 60
             and sum(len(t) >= 0.85 * width for t in body) >= 0.8 * len(body))
    return continued or tight


def _join_wrapped(texts: list[str]) -> str:
    out = texts[0]
    for nxt in texts[1:]:
        if len(out) > 1 and out.endswith("-") and out[-2].isalpha() and nxt[:1].islower():
            out += nxt  # "ship-" + "ments": keep the hyphen, no space
        else:
            out += " " + nxt
    return out


# -- titles and outlets ------------------------------------------------------------------

_TRAILER = re.compile(r"(?P<head>.+\S)\s+(?:-|–|—|\||·|::)\s+(?P<outlet>\S.*)")
_NON_WORD = re.compile(r"[\W_]+")


def _title_key(text: str) -> list[str]:
    text = text.casefold().rstrip(". …").strip()
    return _NON_WORD.sub(" ", text).split()


def headlines_agree(a: str, b: str) -> bool:
    """Same headline, case/punctuation aside, or one a (truncated) prefix of the other."""
    ka, kb = _title_key(a), _title_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    if len(short) < 4 or 2 * len(short) < len(long):
        return False
    n = len(short)
    return long[:n - 1] == short[:n - 1] and long[n - 1].startswith(short[n - 1])


def _outlet_key(text: str) -> str:
    text = text.casefold().strip()
    text = re.sub(r"^(?:https?://)?(?:www\.)?", "", text)
    text = re.sub(r"^the\s+", "", text)
    return _NON_WORD.sub("", text)


def outlets_agree(a: str, b: str) -> bool:
    ka, kb = _outlet_key(a), _outlet_key(b)
    return bool(ka) and (ka == kb or ka.split(".")[0] == kb.split(".")[0])


def _outlet_like(text: str) -> bool:
    """A publication name: 1-6 capitalised words (or a domain), no clause, no date."""
    return is_outlet_name(text) and not looks_like_stamp(text)


def split_trailer(text: str) -> tuple[str, str] | None:
    """ "Headline - Outlet" (also " | ", " — ") -> (headline, outlet) when it looks so."""
    m = _TRAILER.fullmatch(text)
    if not m or not _outlet_like(m["outlet"]):
        return None
    head = m["head"].strip()
    if len(head.split()) < 2 or not _headline_like(head, 30, need_upper=False):
        return None
    return head, m["outlet"].strip()


# -- the walk ----------------------------------------------------------------------------


def _cut_runs(lines: list[_Line], options: CleanOptions) -> list[_Line]:
    """Junk run into a paragraph: the paragraph keeps its head, the tail is removed."""
    out: list[_Line] = []
    for line in lines:
        out.append(line)
        if not line.kept or line.words < 6:
            continue
        cut = cut_junk_run(line.text)
        if cut is None:
            continue
        stamp = next((m for m in cut.matches if m.stamp), None)
        tail = _Line(cut.removed, line.block, len(cut.removed.split()), reason="junk-run",
                     match=LineMatch(stamp.rule, stamp=stamp.stamp) if stamp else None)
        if cut.keep:
            line.text, line.words = cut.keep, len(cut.keep.split())
            out.append(tail)
        else:
            out[-1] = tail
    return out


def _apply_rules(lines: list[_Line], options: CleanOptions,
                 now: datetime | None = None) -> None:
    """Pass 1: every line judged alone, by the learned keys and the rule tables."""
    for line in lines:
        found = classify_line(line.text, options.max_junk_words)
        if found is None and (half := _doubled(line.text)):
            found = classify_line(half, options.max_junk_words)  # "Read more Read more"
        if options.learned_junk and normalize_line(line.text) in options.learned_junk:
            line.reason, line.learned = "learned", True
            if found is not None and found.authors:
                line.match = found  # a learned byline still names the author
            continue
        if found is not None:
            line.match, line.reason = found, found.category
        elif options.placeholders and (residue := is_residue(line.text)):
            line.reason = residue
        elif options.library_dates and (when := date_line(line.text, now)) is not None:
            line.reason, line.when = "timestamp", when
    if options.placeholders:
        _keep_code_samples(lines)
    _keep_introduced_urls(lines)
    _keep_date_columns(lines)
    _keep_citation_dates(lines)
    _join_wrapped_junk(lines, options)
    if options.split_runs:
        lines[:] = _cut_runs(lines, options)


def _doubled(text: str) -> str | None:
    """The half of a line that says the same words twice ("Read more Read more": a
    widget's visible label and its screen-reader twin run together), else None."""
    words = text.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return None


WRAPPED_PROSE_WORDS = 8  # a hard-wrapped paragraph's last line: a sentence, if short


def _keep_code_samples(lines: list[_Line]) -> None:
    """Code that an article shows is not residue: a run of code lines is a sample, and so
    is code between the article's prose lines. A page's leftover script is a lone line
    outside the prose. A prose line is a long one, or in a hard-wrapped text (no line
    holds a whole paragraph) a line of a few words that ends a sentence."""
    prose = [i for i, x in enumerate(lines) if x.words >= PROSE_WORDS or (
        x.words >= WRAPPED_PROSE_WORDS and x.reason is None
        and x.text.endswith((".", "!", "?", ":")))]
    code = [x.reason == "script" or looks_like_code(x.text) for x in lines]
    for i, line in enumerate(lines):
        if line.reason != "script":
            continue
        inside = bool(prose) and prose[0] <= i <= prose[-1]
        in_run = (i > 0 and code[i - 1]) or (i + 1 < len(lines) and code[i + 1])
        if inside or in_run:
            line.reason = None


INTRO_WORDS = 5  # a sentence, not a label ("Source:"), introduces the addresses under it


def _keep_introduced_urls(lines: list[_Line]) -> None:
    """Bare addresses that a sentence of the article introduces ("… the client would make
    requests to, respectively:") are the article's examples, not a page's link residue:
    a kept line ending in a colon whose paragraph (a hard-wrapped one's lines) holds
    ``INTRO_WORDS`` or more words, then one address a line, stay."""
    intro, block, words = False, -1, 0
    for line in lines:
        if line.match is not None and line.match.rule.name == "bare-url":
            if intro:
                line.match, line.reason = None, None
            continue
        words = (words if line.block == block else 0) + (line.words if line.kept else 0)
        block = line.block
        intro = line.kept and words >= INTRO_WORDS and line.text.endswith(":")


def _chains(found: list[int], gap: int,
            linked: Callable[[int, int], bool] = lambda a, b: True) -> list[list[int]]:
    """Line numbers (ascending) grouped into chains: each within ``gap`` lines of the one
    before it and ``linked`` to it (what lies between them allows it)."""
    chains: list[list[int]] = []
    for i in found:
        if chains and i - chains[-1][-1] <= gap and linked(chains[-1][-1], i):
            chains[-1].append(i)
        else:
            chains.append([i])
    return chains


DATE_COLUMN = 3  # dates, each within DATE_COLUMN_GAP lines of the next, make a column
DATE_COLUMN_GAP = 3
_CLOCK_TIME = re.compile(r"\d:\d\d")


_SENTENCE_PIECE_DATE = re.compile(r"^\.\s|\d\.$")  # ". 24 August 2021.", "Jul 3, 2020."


def _keep_citation_dates(lines: list[_Line]) -> None:
    """A date that ends a sentence ("Retrieved" / "22 December 2019.") or follows the end
    of one (". 24 August 2021.") is a piece of a citation the page broke over lines, not
    the page's time stamp, which stands alone without a period."""
    for line in lines:
        if line.reason == "timestamp" and _SENTENCE_PIECE_DATE.search(line.text):
            line.reason, line.match, line.when = None, None, None


def _keep_date_columns(lines: list[_Line]) -> None:
    """A table's column of dates ("4.1.6" / "May 2014" / "4.2.4" / "June 2014"): three or
    more date lines without a clock time, each within ``DATE_COLUMN_GAP`` lines of the
    next with only kept lines (the other cells) between, are the article's data, not
    the page's time stamps. A page's own date stands alone; a list of teasers or
    comments stamps them with a time of day or has its headlines taken by a rule."""
    dates = [i for i, x in enumerate(lines)
             if x.reason == "timestamp" and not _CLOCK_TIME.search(x.text)]
    for chain in _chains(dates, DATE_COLUMN_GAP,
                         lambda a, b: all(x.kept for x in lines[a + 1:b])):
        if len(chain) >= DATE_COLUMN:
            for i in chain:
                lines[i].reason, lines[i].match, lines[i].when = None, None, None


def _join_wrapped_junk(lines: list[_Line], options: CleanOptions) -> None:
    """A long credit/footer line hard-wrapped over two or three lines is still one line.

    Only the long-line rules are tried on the joined text: each needs an unambiguous
    opening ("(Reporting by", "You have received this email", "©") on the first line, which
    must be a kept line; the wrapped rest may have matched a rule of its own ("reporting by
    Cy Wu; Editing by Dee Park)") and is re-judged as part of the whole. A rule anchored on
    how a line ends has no such opening, so it judges one line alone.
    """
    for i, line in enumerate(lines):
        if not line.kept:
            continue
        for j in (i + 1, i + 2):
            if j >= len(lines) or lines[j].block != line.block or lines[j].learned:
                break
            joined = " ".join(x.text for x in lines[i:j + 1])
            found = classify_line(joined, options.max_junk_words)
            if (found is not None and found.rule.long_line
                    and found.rule.name not in SUFFIX_ANCHORED_RULES):
                line.match, line.reason = found, found.category
                for x in lines[i + 1:j + 1]:
                    x.match, x.reason = LineMatch(found.rule), found.category
                break


def _block_kept(lines: list[_Line]) -> dict[int, list[_Line]]:
    blocks: dict[int, list[_Line]] = {}
    for line in lines:
        if line.kept:
            blocks.setdefault(line.block, []).append(line)
    return blocks


def _is_body(line: _Line, options: CleanOptions, blocks: dict[int, list[_Line]]) -> bool:
    if not _headline_like(line.text, options.max_title_words, need_upper=False):
        return True
    return len(blocks.get(line.block, ())) >= 3


COUNTER_PARAGRAPHS = 3  # paragraphs in a row right under a comment marker: the article
COUNTER_PARAGRAPH_WORDS = 10  # a paragraph: a kept line this long that ends a sentence


def _prose(text: str) -> bool:
    """Prose: a long text, or a sentence of a paragraph's length (a wire story's
    paragraphs are one sentence each, most shorter than ``PROSE_WORDS``)."""
    words = prose_words(text)
    return words >= PROSE_WORDS or (words >= COUNTER_PARAGRAPH_WORDS
                                    and text.endswith(SENTENCE_END))


def _prose_around(lines: list[_Line]) -> tuple[list[int], list[int]]:
    """For each line, the words of the kept prose before it and after it: what a comment
    marker's cut would keep and what it would take. A paragraph hard-wrapped over lines
    is judged whole (``region.paragraph_units``), as the region judges it."""
    words = [0] * len(lines)
    for unit in paragraph_units([x.text for x in lines], [x.block for x in lines]):
        kept = [i for i in unit if lines[i].kept]
        if kept and _prose(" ".join(lines[i].text for i in kept)):
            for i in kept:
                words[i] = prose_words(lines[i].text)
    before, after = [0] * len(lines), [0] * len(lines)
    for i in range(1, len(lines)):
        before[i] = before[i - 1] + words[i - 1]
    for i in range(len(lines) - 2, -1, -1):
        after[i] = after[i + 1] + words[i + 1]
    return before, after


def _paragraph(line: _Line, unmarked: bool = False) -> bool:
    """A kept line of a paragraph's length that ends a sentence. With ``unmarked``, a
    line in a script that ends its sentences with no mark at all (Thai, Lao, Myanmar,
    Khmer) counts as well: the paragraphs that show the article going on under a
    comment marker may be written in one. The topic test under a box
    (``_topic_goes_on``) compares words, which these scripts do not set apart with
    spaces, so it keeps to sentences that end with a mark."""
    return (line.kept and prose_words(line.text) >= COUNTER_PARAGRAPH_WORDS
            and (line.text.endswith(SENTENCE_END)
                 or (unmarked and unmarked_sentences(line.text))))


def _article_follows(lines: list[_Line], index: int) -> bool:
    """Whether the lines right under a comment marker are the article's paragraphs.

    A comment counter sits in the article's head, by its byline and date ("0 Comments"),
    and the article's paragraphs follow it one after another; a comment section opens
    with a form, a sort menu or a commenter's name over each comment, so its first lines
    are never ``COUNTER_PARAGRAPHS`` paragraphs in a row."""
    run = 0
    for line in lines[index + 1:]:
        if not line.text:
            continue
        if not _paragraph(line, unmarked=True):
            return False
        run += 1
        if run >= COUNTER_PARAGRAPHS:
            return True
    return False


INLINE_BOX_LINES = 8  # lines under a comment marker that may be the rest of an inline box


def _article_resumes(lines: list[_Line], index: int, prose_before: int,
                     prose_after: int) -> bool:
    """Whether a comment marker sits in a box set inside the article (a byline box with
    its reply count, a share bar with "reader comments") rather than over the comments.

    The article goes on under such a box: at most ``INLINE_BOX_LINES`` lines that are
    not paragraphs (the box's other buttons, a caption), none a commenter's name or a
    comment's date, then ``COUNTER_PARAGRAPHS`` paragraphs in a row; and at least as much
    prose follows the marker as precedes it. A comment section puts a name and a date
    over each comment: a long comment's paragraphs under them are no article."""
    if prose_after < prose_before:
        return False
    skipped = 0
    for k in range(index + 1, len(lines)):
        if not lines[k].text:
            continue
        if _article_follows(lines, k - 1):
            return True
        skipped += 1
        if skipped > INLINE_BOX_LINES or _comment_header(lines[k]):
            return False
    return False


def _topic_goes_on(lines: list[_Line], index: int, prose_before: int,
                   prose_after: int) -> int | None:
    """Where the article ends under a comment marker set in a box inside it, when its
    paragraphs do not come ``COUNTER_PARAGRAPHS`` in a row (a short article with a box
    between each two): the last paragraph under the marker that goes on speaking of
    what the prose above it speaks of (``TOPIC_SHARED`` topic words in common), found
    from a first such paragraph within ``INLINE_BOX_LINES`` lines and up to the first
    commenter's name or comment's date. None: the marker heads the comments. The cut
    then starts under that paragraph, so a feed or a thread under the article still
    goes. When less prose follows the marker than precedes it (a box past the
    article's middle, or the marker over a thread shorter than the article), the walk
    is stricter, for a thread's comments speak of the article's topic too: it stops at
    the first name or date whatever it found before, and at ``INLINE_BOX_LINES`` lines
    in a row with no paragraph on the topic before the first such paragraph, or
    ``CLOSING_LIST_LINES`` after it (the page's tail; the article's own list may stand
    between its paragraphs), and it needs ``SHORTER_PARAGRAPHS`` such paragraphs."""
    shorter = prose_after < prose_before
    stoplist, above = _topic_above(lines, index)
    last, skipped, found = None, 0, 0
    for k in range(index + 1, len(lines)):
        if (last is None or shorter) and _comment_header(lines[k]):
            break
        if _paragraph(lines[k]) and len(
                above & topic_words(lines[k].text, stoplist)) >= TOPIC_SHARED:
            last, skipped, found = k, 0, found + 1
        elif last is None or (shorter and lines[k].text):
            skipped += 1
            if skipped > (INLINE_BOX_LINES if last is None else CLOSING_LIST_LINES):
                break
    return last if not shorter or found >= SHORTER_PARAGRAPHS else None


SHORTER_PARAGRAPHS = 2  # paragraphs on the topic under a marker past the middle
TOPIC_SHARED = 2  # content words a paragraph under a box shares with the article above it


def _topic_above(lines: list[_Line], index: int) -> tuple[frozenset[str], set[str]]:
    """The text's stop list and the topic words of the kept prose above a comment
    marker: what the article under an inline box goes on speaking of, and a comment
    section's first lines (a form, a sort menu, a name over a date) do not."""
    stoplist = _kept_stoplist(lines)
    return stoplist, _prose_topic(lines[:index], stoplist)


def _kept_stoplist(lines: list[_Line]) -> frozenset[str]:
    """The stop list of the language the kept lines are written in (``stoplist_for``)."""
    return stoplist_for([x.text for x in lines if x.kept])


def _prose_topic(lines: list[_Line], stoplist: frozenset[str]) -> set[str]:
    """The topic words (``region.topic_words``) of the kept prose among ``lines``: what
    an article's paragraphs speak of."""
    return set().union(*(topic_words(x.text, stoplist) for x in lines
                         if x.kept and _prose(x.text)))


def _ends_in_colon(text: str) -> bool:
    """Whether a line ends in a colon, ASCII or full-width: it hands over to the lines
    under it (a list it announces, a comment it introduces)."""
    return text.rstrip().endswith((":", "："))


def _comment_header(line: _Line) -> bool:
    """Whether a line may head a comment: a person's name, or a date or time stamp. A
    sentence of a paragraph's length is no header, whatever time it names ("with 7:41
    to go"): a comment's header is its name and stamp, set apart from its text, or a
    line that hands over to it ("Ann wrote on May 3 at 9:12 am:")."""
    if _prose(line.text) and not _ends_in_colon(line.text):
        return False
    return (is_person_name(line.text) or _CLOCK.search(line.text) is not None
            or (line.match is not None and bool(line.match.stamp)))


def _walk_context(lines: list[_Line], options: CleanOptions) -> None:
    """Pass 2: comment tails, related lists and prev/next labels take their neighbours."""
    blocks = _block_kept(lines)
    wrapped = {b: _is_wrapped([x.text for x in group]) for b, group in blocks.items()}
    body_words = 0
    tail = False
    in_list, list_block, items = False, -1, 0
    list_reason = "related"
    pending: LineMatch | None = None
    prose_before, prose_after = _prose_around(lines)
    cut_after: int | None = None  # the comments start under this article paragraph
    for index, line in enumerate(lines):
        tail = tail or (cut_after is not None and index > cut_after)
        if tail:
            line.reason, line.context = "comments", True
            continue
        label, pending = pending, None
        if label is not None and line.kept and _headline_like(
                line.text, label.rule.takes_next, need_upper=False):
            line.reason, line.context = label.category, True
            continue
        if in_list and body_words == 0 and line.block != list_block:
            in_list = False  # before any body, a list never crosses a blank line
        if not line.kept:
            if in_list:
                line.context = True
            if line.learned or line.match is None:
                continue
            effect = line.match.rule.effect
            if effect == "comments" and body_words >= options.min_body_words_for_comments:
                # A bare "Comment" may be a table's column or a button: it cuts only when
                # less prose follows it than came before it, and junk follows it closely.
                tail = (line.words > 1 and not _article_follows(lines, index)) or (
                    prose_after[index] <= prose_before[index] and any(
                        x.match is not None for x in lines[index + 1:index + 4]))
                tail = tail and not _article_resumes(lines, index, prose_before[index],
                                                     prose_after[index])
                if tail and (end := _topic_goes_on(lines, index, prose_before[index],
                                                   prose_after[index])) is not None:
                    tail, cut_after = False, end
            elif effect == "list":
                in_list, list_block, items = True, line.block, 0
                list_reason = line.match.category  # "related", or "tags" under "Tags"
            elif effect == "label":
                pending = line.match
            continue
        if in_list:
            if (items < options.max_list_items and not wrapped.get(line.block)
                    and _headline_like(line.text, options.max_title_words, need_upper=False)):
                line.reason, line.context = list_reason, True
                items += 1
                continue
            in_list = False
        if _is_body(line, options, blocks):
            body_words += prose_words(line.text)


CLASSIFIER_MAX_WORDS = 30  # the classifier never removes a longer line: that is prose


def _judged(line: _Line) -> bool:
    return line.kept and line.words <= CLASSIFIER_MAX_WORDS


def _region_rows(lines: list[_Line], options: CleanOptions
                 ) -> list[tuple[float, float, float]] | None:
    """Each line's place against the article's dense run of good lines (jusText classes on
    the kept lines, ``clean.region``): outside it, good, log distance in kept lines."""
    if not options.region:
        return None
    kept = [i for i, x in enumerate(lines) if x.kept]
    region = find_region([lines[i].text for i in kept], [lines[i].block for i in kept])
    rows = [(0.0, 0.0, 0.0)] * len(lines)
    first = next((k for k, c in enumerate(region.classes) if c == "good"), None)
    if region.end < region.start or first is None or kept[first] < PAGE_HEAD_LINES:
        return rows  # no page around the article: its own short lines are not outside
    for k, (i, c) in enumerate(zip(kept, region.classes, strict=True)):
        distance = max(region.start - k, k - region.end, 0)
        rows[i] = (float(distance > 0), float(c == "good"), math.log1p(distance))
    return rows


def _features(lines: list[_Line], hints: TextHints, options: CleanOptions
              ) -> list[list[float] | None]:
    return text_features([x.text for x in lines], [x.block for x in lines],
                         [normalize_line(x.text) if _judged(x) else None for x in lines],
                         hints.line_counts, hints.outlet_articles, _region_rows(lines, options))


SECTION_LABEL_WORDS = 4  # "Business", "Climate crisis", "Complaints & corrections"


def _is_label(line: _Line) -> bool:
    return (line.words <= SECTION_LABEL_WORDS and line.text[:1].isupper()
            and not any(ch.isdigit() for ch in line.text) and not is_person_name(line.text))


def _remove_section_labels(lines: list[_Line], options: CleanOptions) -> None:
    """Short labels kept above the article's first sentence ("Business", "Environment")
    name the site's sections; as the first paragraph they would be the article's lead in
    snippets. Below its last sentence the same lines are the footer's links.
    Only plain text: an extractor's first short lines are the article's own subheadings."""
    if not options.section_labels or not options.detect_title:
        return
    for forward, run in ((True, lines), (False, lines[::-1])):
        labels: list[_Line] = []
        for line in run:
            if not line.kept:
                continue
            if line.text.endswith(SENTENCE_END) or line.words > 12:
                if forward and labels and _subheading(lines, labels[-1], line):
                    labels.pop()
                break  # the article has begun (or, from the end, not yet ended)
            if _is_label(line):
                labels.append(line)
        for line in labels:
            line.reason = "section-label"


SUBHEADING_PROSE_WORDS = 5  # the sentence under a subheading, not a one-word "(Top)"


def _subheading(lines: list[_Line], label: _Line, prose: _Line) -> bool:
    """A label right above the first sentence (blank lines aside), under a line that is
    neither a label nor the headline, is the article's first subheading ("Highlights",
    "Conclusion"): a site's section labels come in a run, or right under the headline."""
    at = _position(lines, label)
    if at is None or lines[at + 1] is not prose or prose.words < SUBHEADING_PROSE_WORDS:
        return False
    above = lines[at - 1] if at else None
    return above is None or not (above.reason in ("section-label", "title")
                                 or _is_label(above))


FOREIGN_MAX_WORDS = 8     # only short lines: prose in a second language stays
FOREIGN_ARTICLE = 0.01    # at most this confident that the line is in the article's language
FOREIGN_OTHER = 0.95      # and at least this confident that it is in another one
FOREIGN_MIN_LETTERS = 15  # lingua's guesses on fewer letters are noise


_LETTER = re.compile(r"[^\W\d_]")


def _foreign_candidate(line: _Line) -> bool:
    return (line.kept and 2 <= line.words <= FOREIGN_MAX_WORDS
            and not line.text.endswith(SENTENCE_END)
            and any(w[:1].islower() for w in line.text.split())  # not a name or heading
            and len(_LETTER.findall(line.text)) >= FOREIGN_MIN_LETTERS
            and not is_person_name(line.text))


FOREIGN_OWN_WORD = 3  # letters of a function word that marks the article's language alone
_FUNCTION_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _speaks(text: str, stoplist: frozenset[str]) -> bool:
    """Whether a short line is in the article's language by its function words: one of
    ``FOREIGN_OWN_WORD`` letters or more, or two shorter ones ("for", "of the"). A
    product or a place name fools the language identifier on a few words ("Download
    Dashlane Password Manager for Free" scored as another language), the glue between
    them does not; a short word alone ("a", "in") is shared by too many languages."""
    found = [w for w in _FUNCTION_WORD.findall(text.casefold()) if w in stoplist]
    return any(len(w) >= FOREIGN_OWN_WORD for w in found) or len(found) >= 2


def _remove_foreign(lines: list[_Line], hints: TextHints,
                    options: CleanOptions) -> str | None:
    """A short line in another language than the article's ("Sdílet na Facebooku" under
    an English article) is a widget of the site, not the article's text.

    Lingua runs only when such a line exists: once on the prose (unless the language is
    known) and once per candidate line. Returns the language it identified, if it did."""
    if not options.foreign_lines or not options.detect_title:
        return None  # plain text only: an extractor has already dropped the site's widgets
    candidates = [x for x in lines if _foreign_candidate(x)]
    if not candidates:
        return None
    from storywire.extract.language import shared_identifier

    identifier = shared_identifier()
    language = hints.language
    if language is None:
        prose = " ".join(x.text for x in lines if x.kept and x.words >= PROSE_WORDS)
        if len(prose) < 200:
            return None
        language = identifier.identify(prose)
    if language is None:
        return None
    stoplist = _kept_stoplist(lines)
    for line in candidates:
        if _speaks(line.text, stoplist):
            continue
        scores = identifier.confidences(line.text, FOREIGN_MIN_LETTERS)
        if not scores or scores.get(language, 0.0) > FOREIGN_ARTICLE:
            continue
        if max(v for k, v in scores.items() if k != language) >= FOREIGN_OTHER:
            line.reason = "foreign"
    return language


PAGE_HEAD_LINES = 5  # lines above the article's first good paragraph that make a page
# or menu-run lines below the article's end: a wiki page starts with its article and
# puts its sidebar, tools and language list at the bottom
PAGE_FOOT_MENUS = 20
_CITATION_OR_CODE = re.compile(r"^[.,;:]|[\^\[\]{}()<>=;\"“”«»]|\b\d{4}\b")
FOOT_GOOD_SHARE = 0.1  # good text below the region, against the region's: more, no cut
FOOT_GAP_LINES = 12  # lines between two good lines of one article (a list, a table)
HEAD_GOOD_LINES = 3  # good lines above the headline a header may hold (a promotion)
NOTICE_SHARE = 0.5  # a notice above the page's menus, against the good text below them
FOOT_GOOD_LINES = 3  # good lines below the article a footer may hold (a promo, a notice)


def _article_end(classes: tuple[str, ...], end: int, texts: list[str] | None = None) -> int:
    """The article's last line: the dense run's end, carried on through good paragraphs
    that follow it after at most ``FOOT_GAP_LINES`` other lines (a list or a table inside
    the article ends the run early; a footer's menus are longer). Only a line of a
    paragraph's length carries it: a short line jusText calls good for its neighbours (a
    footer's "Settings" or "About" over a site blurb) is not the article going on."""
    gap = 0
    for k in range(end + 1, len(classes)):
        if classes[k] != "good" or (texts is not None and short_line(texts[k])):
            gap += 1
            continue
        if gap > FOOT_GAP_LINES:
            break
        end, gap = k, 0
    return end


def _stray_good(classes: tuple[str, ...], end: int) -> bool:
    """Whether the good lines below the article are a footer's strays (a promotion, a
    legal notice): at most ``FOOT_GOOD_LINES``, none next to another. Good paragraphs in a
    row there are the article going on past a long table or list."""
    good = [k for k in range(end + 1, len(classes)) if classes[k] == "good"]
    return len(good) <= FOOT_GOOD_LINES and all(b - a > 1 for a, b in pairwise(good))


def _first_good_below_notice(region: Region, good: list[int]) -> int:
    """The first good line that is not a notice at the page's very top.

    A cookie or consent notice, or a network's blurb, is set above a page's menus: good
    lines before any menu line, at most ``HEAD_GOOD_LINES`` of them, holding a paragraph's
    text (``LENGTH_HIGH``) but at most ``NOTICE_SHARE`` of the good text below, with
    ``PAGE_FOOT_MENUS`` menu-run lines or more between them and the next good line: a
    site's menus, longer than the list an article's opening paragraph may introduce. The
    header's menus are cut down to that next good line, and the notice goes with them
    (``_notice_end``)."""
    found = [k for k, c in enumerate(region.classes) if c == "good"]
    menus = [k for k, menu in enumerate(region.menus) if menu]
    if not menus or len(found) < 2:
        return found[0] if found else len(region.classes)
    notice = [k for k in found if k < menus[0]]
    below = next((k for k in found if k > menus[0]), None)
    if (not notice or len(notice) > HEAD_GOOD_LINES or below is None
            or sum(region.menus[:below]) < PAGE_FOOT_MENUS
            or not LENGTH_HIGH <= sum(good[k] for k in notice)
            <= NOTICE_SHARE * sum(good[below:])):
        return found[0]
    return below


def _notice_end(region: Region, good: list[int]) -> int:
    """How many lines at the page's very top are a notice over its menus (0: none): the
    lines before its first menu line, when ``_first_good_below_notice`` finds a notice
    there. A consent notice, a network's blurb and the site's name lines under it are no
    article's: the article is under the menus."""
    first = next((k for k, c in enumerate(region.classes) if c == "good"), None)
    if first is None or _first_good_below_notice(region, good) == first:
        return 0
    return region.menus.index(True)


BYLINE_HEADLINE_WORDS = 3  # a shorter line over a byline is a section label or a name
_BYLINE_REASONS = ("credit", "meta")  # a byline, or a byline with its date


def _over_byline(lines: list[_Line], i: int, options: CleanOptions) -> bool:
    """Whether a kept line is a headline over the article's byline: headline-like, of at
    least ``BYLINE_HEADLINE_WORDS`` words, with a byline the rules took as the next line.
    A page whose title the text does not repeat (the found title is a menu or promo line)
    still sets its headline over its byline; a date alone does not count, since an
    infobox pairs its labels with dates."""
    line = lines[i]
    if (not line.kept or line.words < BYLINE_HEADLINE_WORDS
            or not _headline_like(line.text, options.max_title_words)):
        return False
    below = [x for x in lines[i + 1:i + 3] if x.text]
    if below and below[0].reason in _BYLINE_REASONS:
        return True
    # an author's bare name over the time stamp: "Aleš Vávra" / "před 2 hodinami"
    return (len(below) == 2 and below[0].kept and is_person_name(below[0].text)
            and below[1].reason == "timestamp")


def _over_date(lines: list[_Line], line: _Line) -> bool:
    """Whether the next line that is not blank is a date stamp the rules took."""
    at = _position(lines, line)
    below = next((x for x in lines[at + 1:] if x.text), None) if at is not None else None
    return below is not None and below.reason == "timestamp"


HEADLINE_REACH = 4  # kept lines right above the article's run that may hold its headline


def _headline_over_run(lines: list[_Line], kept: list[_Line], region: Region, head: int,
                       options: CleanOptions) -> int | None:
    """The article's own headline right above its dense run, when the title found higher
    up is a menu's item (a repeated section name, a search box's prompt): a headline-like
    line of ``BYLINE_HEADLINE_WORDS`` words or more among the last ``HEADLINE_REACH`` kept
    lines above the run, in the menus' run or right under it, and no good line between the
    title and it; not a label over a date alone (an infobox's row, as ``_over_byline``
    has it). Its index in ``kept``, or None."""
    for k in range(region.start - 1, max(head, region.start - HEADLINE_REACH) - 1, -1):
        if (kept[k].words >= BYLINE_HEADLINE_WORDS
                and _title_candidate(kept[k], lines, options)
                and (region.menus[k] or (k > 0 and region.menus[k - 1]))
                and "good" not in region.classes[head:k]
                and not _over_date(lines, kept[k])):
            return k
    return None


MENU_TITLE_WORDS = 4  # a found title this short, high in the menus, is a section's name


def _menu_title(lines: list[_Line], headline: _Line) -> bool:
    """Whether the headline the header cut reached, right over the article's run or over
    its byline, is the article's title rather than the title found higher up: that one
    was found in the text (no hint gave it) and is a menu item's length
    (``MENU_TITLE_WORDS``: a section's name, a search prompt), and the headline is
    longer. A whole headline found high in the page (a repeat over a promo) stays the
    title."""
    found = next((x for x in lines if x.reason == "title"), None)
    return (found is not None and found.words <= MENU_TITLE_WORDS
            and headline.words > found.words)


def _remove_page_frame(lines: list[_Line], options: CleanOptions) -> str | None:
    """The page around the article in a whole page's copy (``clean.region``).

    Above: lines jusText calls bad above both the headline and the first good paragraph
    are the page's header and menus (``page-head``); an infobox or a list that opens the
    article sits below its headline. When the cut reaches the headline, the lines above it
    shorter than a paragraph good on its own length (``LENGTH_HIGH``), good only for
    their neighbours, go as well, but the one right above the headline. Below: lines of a
    menu run (short lines in a row that end no sentence) after the article's dense run
    are its footer and link lists (``page-foot``), but only when little good text follows
    the run: when much does, the run ended early at a table or a code sample inside the
    article. Notes, references and code after the article are not menu runs. Only in
    plain text, only on a whole page, not an article's own text: at least
    ``PAGE_HEAD_LINES`` lines before the first good paragraph, or, for the footer alone,
    ``PAGE_FOOT_MENUS`` menu-run lines after the article's end (a wiki page opens with
    its article and ends with its sidebar). Returns the headline the cut reached when it
    is the title in place of a menu item's (``_menu_title``), else None."""
    if not options.region or not options.detect_title:
        return None
    kept = [x for x in lines if x.kept]
    headline = None
    region = find_region([x.text for x in kept], [x.block for x in kept])
    if region.end < region.start:
        return None
    first = region.start
    start = lines.index(kept[first])
    end = _article_end(region.classes, region.end, [x.text for x in kept])
    head_page = start >= PAGE_HEAD_LINES
    # without a header, only a long menu run after the article shows a whole page, and
    # only such runs go: a short list there may be the article's own "See also"
    sidebar = [False] * len(kept) if head_page else menu_flags([x.text for x in kept],
                                                               PAGE_FOOT_MENUS)
    if not head_page and not any(sidebar[end + 1:]):
        return None
    good = [len(x.text) if c == "good" else 0 for x, c in zip(kept, region.classes,
                                                              strict=True)]
    if head_page:
        # the headline nearest above the run: a page repeats it (heading, share text,
        # caption) or sets it over its byline; promotions above the headline can start the
        # run there, so the one headline over a byline inside the run wins (a digest has
        # several, each story's, and then none of them is the page's)
        title = next((i for i in range(start - 1, -1, -1)
                      if lines[i].reason in ("title", "title-repeat")
                      or _over_byline(lines, i, options)), None)
        inner = [i for i in range(start, len(lines)) if _over_byline(lines, i, options)]
        if len(inner) == 1:
            title = inner[0]
        # never across good text: the header ends at the first good line or the headline,
        # unless the good lines above the headline are a header's strays (a promotion;
        # counted when good on their own length, not for their neighbours)
        top = min(first, _first_good_below_notice(region, good))
        if title is not None:
            head = sum(x.kept for x in lines[:title])
            strays = [k for k in range(head) if good[k] >= LENGTH_HIGH]
            if (len(strays) <= HEAD_GOOD_LINES
                    and sum(good[:head]) <= FOOT_GOOD_SHARE * sum(good[head:])):
                top = head
            top = min(top, head)
            if top == head and (below := _headline_over_run(lines, kept, region, head,
                                                            options)) is not None:
                top = below
            reached_line = kept[top] if top < len(kept) and top >= head else None
            if reached_line is not None and reached_line.kept \
                    and _title_candidate(reached_line, lines, options) \
                    and _menu_title(lines, reached_line):
                reached_line.reason = "title"
                headline = reached_line.text
        # once the cut reaches the headline, a line good only for its neighbours above it
        # (a link between the header's promotions) goes too; the promotions stay, and so
        # does the line right above the headline (its kicker, its picture's caption)
        reached = title is not None and top >= head
        for k in range(top):
            if (region.classes[k] == "bad" and (title is not None or region.menus[k])) \
                    or (reached and k < top - 1 and good[k] < LENGTH_HIGH):
                kept[k].reason = "page-head"
        # a notice over the menus goes too, but not below a headline found above it
        notice = _notice_end(region, good)
        for k in range(notice if title is None else min(notice, head)):
            kept[k].reason = "page-head"
    footer = _site_footer(region.menus, region.classes, end)
    little_after = sum(good[end + 1:footer]) <= FOOT_GOOD_SHARE * sum(
        good[region.start:end + 1])
    if not little_after and not _stray_good(region.classes, end):
        return headline
    closing = _closing_lines(lines, kept, region.start, end)
    for k in range(end + 1, len(kept)):
        if region.classes[k] != "bad" or k in closing:
            continue
        if sidebar[k] or (head_page and (region.menus[k] or (
                little_after and not _CITATION_OR_CODE.search(kept[k].text)))):
            kept[k].reason = "page-foot"
    return headline


def _site_footer(menus: tuple[bool, ...], classes: tuple[str, ...], end: int) -> int:
    """Where the site's footer's good text begins below the article's end: the first of
    at most ``FOOT_GOOD_LINES`` good lines there, when ``PAGE_FOOT_MENUS`` menu-run lines
    or more (a sitemap, the site's link lists) come between the end and them and a line
    that is not good ends the page; else the text's end. Those few good lines (a
    customer-service notice, an about blurb) are the footer's, not the article going on
    past a table: a footer ends the page with its links or contacts, an article with a
    paragraph."""
    good = [k for k in range(end + 1, len(classes)) if classes[k] == "good"]
    if (good and len(good) <= FOOT_GOOD_LINES and classes[-1] != "good"
            and sum(menus[end + 1:good[0]]) >= PAGE_FOOT_MENUS):
        return good[0]
    return len(menus)


CLOSING_LINES = 6  # sentences between the article's run and the junk the rules took
CLOSING_WORDS = 5  # a closing line is a sentence: "Officials gave no other details."
CLOSING_LIST_LINES = 15  # lines of the article's own list among its closing sentences
CLOSING_SHARED = 1  # topic words the sentences under such a list share with the article


def _closing_sentence(line: _Line) -> bool:
    """A line that may close an article: ``CLOSING_WORDS`` words or more, ending a
    sentence."""
    return line.words >= CLOSING_WORDS and line.text.endswith(SENTENCE_END)


_STATEMENT_END = re.compile(r"[.。][\"'”’»)\]]*$")


def _statement(text: str) -> bool:
    """A line that ends in a full stop, after any closing quote or bracket: a statement,
    not a question or a call (a teaser's headline asks: "Where do they stand?")."""
    return _STATEMENT_END.search(text) is not None


def _closing_lines(lines: list[_Line], kept: list[_Line], start: int,
                   end: int) -> set[int]:
    """The article's closing sentences under its dense run ``start``..``end`` (indices
    into ``kept``).

    jusText calls a short last paragraph bad for its bad neighbour below, and a wire
    story of one-sentence paragraphs has most of its sentences bad: when the lines right
    under the run, with nothing removed between, are at most ``CLOSING_LINES`` sentences
    (``CLOSING_WORDS`` words or more, ending a sentence) and the next line is one the
    rules removed (a share bar, a tag line, a "Related" header) or the text ends there,
    they are the article's last words, and the page's own junk starts below them. A
    page's footer ends it with links and contacts, not sentences.

    The article's own list may stand among those sentences (a table's rows, names,
    places): a stretch of at most ``CLOSING_LIST_LINES`` lines that are no sentence is
    stepped over when a sentence ending in a colon announces it (``_introduces_list``)
    or the sentences right under it go on with the article's topic (``CLOSING_SHARED``
    topic words in common with the run's prose and the other closing sentences) and the
    first of them is a statement (``_statement``); the closing still ends with a
    sentence. Other stories' teasers under an article speak each of its own topic."""
    if end + 1 >= len(kept):
        return set()
    at = {id(x): i for i, x in enumerate(lines)}
    i = at[id(kept[end])]
    found: list[int] = []
    groups: list[list[int]] = []  # the sentences under each stretch not announced
    stretch: list[int] = []
    sentences = 0
    for k in range(end + 1, len(kept)):
        j = at[id(kept[k])]
        if any(x.text and not x.kept for x in lines[i + 1:j]):
            break
        i = j
        if not _closing_sentence(kept[k]):
            stretch.append(k)
            if len(stretch) > CLOSING_LIST_LINES:
                return set()
            continue
        if stretch:
            announced = _introduces_list(kept[stretch[0] - 1]) or _introduces_list(
                kept[stretch[0]])
            if not announced and not _statement(kept[k].text):
                return set()
            groups.append([] if announced else [k])
            found.extend(stretch)
            stretch = []
        elif groups and groups[-1]:
            groups[-1].append(k)
        found.append(k)
        sentences += 1
        if sentences >= CLOSING_LINES:
            break
    if stretch:
        return set()
    below = next((x for x in lines[i + 1:] if x.text), None)
    if below is not None and (below.kept or below.match is None):
        return set()
    if any(groups):
        stoplist = _kept_stoplist(lines)
        words = {k: topic_words(kept[k].text, stoplist) for k in found
                 if _closing_sentence(kept[k])}
        run = _prose_topic(kept[start:end + 1], stoplist)
        for group in filter(None, groups):
            rest = run.union(*(w for k, w in words.items() if k not in group))
            if len(rest & set().union(*(words[k] for k in group))) < CLOSING_SHARED:
                return set()
    return set(found)


FOOT_BREAK_LINES = 3  # removed lines in a row right after the article: its end
FOOT_BREAK_KEPT = 2  # kept lines after them: one alone may be the article's last paragraph
FOOT_BREAK_SHARE = 0.15  # kept text after a break, against the text before it: leftovers
TAIL_BREAK_LINES = 2  # removed lines in a row over a tail without a sentence of prose


def _breaks(lines: list[_Line], least: int = FOOT_BREAK_LINES) -> list[tuple[int, int]]:
    """The blocks of at least ``least`` removed lines in a row, as (first line, first kept
    line after it), after the first kept line and before the last."""
    found = []
    i = next((k for k, x in enumerate(lines) if x.kept), len(lines))
    while i < len(lines):
        if lines[i].kept:
            i += 1
            continue
        j = i
        while j < len(lines) and not lines[j].kept:
            j += 1
        if j - i >= least and j < len(lines):
            found.append((i, j))
        i = j
    return found


def _remove_after_break(lines: list[_Line], options: CleanOptions) -> None:
    """What a whole page keeps after its article once the rest is judged.

    A share bar, a tag list or a "Related" header that the rules took still marks where
    the article ends: a block of at least ``FOOT_BREAK_LINES`` removed lines. The kept
    lines after such a block (a bio box, teasers, a footer blurb) are the page's leftovers
    (``page-foot``) when the article's run, found again over every line with the removed
    ones costing what a bad line costs (``region.BAD_COST``), ends right before the block
    (no stretch after it holds more good text than its lines cost), or when they hold at
    most ``FOOT_BREAK_SHARE`` of the text before the block; the blocks are taken from the
    bottom up, so leftovers already found do not count as text after an earlier block.
    One kept line alone after a block may be the article's last paragraph after an inline
    "Related" box, and stays. Only on a whole page (``PAGE_HEAD_LINES`` lines above the
    run) of plain text.

    Under a block of ``TAIL_BREAK_LINES`` removed lines or more that closes an article
    (``_marks_the_end``), kept lines that end the text without a sentence of prose among
    them (``_prose_less``: other stories' headlines, menu items, an address) are leftovers
    too, on a whole page or not: a blog's footer links, a wiki's language links."""
    if not options.foot_break or not options.region or not options.detect_title:
        return
    kept = [x for x in lines if x.kept]
    if not kept:
        return
    region = find_region([x.text for x in kept], [x.block for x in kept])
    good = {id(x) for x, c in zip(kept, region.classes, strict=True) if c == "good"}
    start, end = densest_run([len(x.text) if id(x) in good else -BAD_COST for x in lines])
    page = end >= 0 and start >= PAGE_HEAD_LINES
    before = [0]  # kept text before each line
    for line in lines:
        before.append(before[-1] + (len(line.text) if line.kept else 0))
    # the page's tail is peeled off from the bottom
    for i, j in reversed(_breaks(lines, TAIL_BREAK_LINES)):
        after = [x for x in lines[j:] if x.kept]
        if len(after) < FOOT_BREAK_KEPT:
            continue
        closed = _prose_less(after) and _marks_the_end(lines[i:j])
        left = page and j - i >= FOOT_BREAK_LINES and (
            i == end + 1 or sum(len(x.text) for x in after) <= FOOT_BREAK_SHARE * before[i]
            or _teaser_list(after))
        if closed or left:
            for line in after:
                line.reason = "page-foot"


# what a page sets under its article, never inside it: the share bar, follow and
# subscribe prompts, the tags, the related header, the comments, the copyright
_END_CATEGORIES = frozenset({"share-prompt", "social-follow", "newsletter", "tags",
                             "related", "comments", "like-widget", "prev-next",
                             "copyright", "provenance"})


def _marks_the_end(block: list[_Line]) -> bool:
    """Whether a block of removed lines holds one a rule took by its own text for a kind
    that closes an article (``_END_CATEGORIES``), or a paragraph of junk pieces run
    together (a share prompt and a follow prompt in one line); not an advertisement
    label, a photo credit, an address or a line the frame cuts took, which a list that
    closes the article may follow (an injury report's "Did not practice:" over names)."""
    return any(x.reason == "junk-run" or (x.match is not None
                                          and x.match.category in _END_CATEGORIES)
               for x in block)


def _prose_less(tail: list[_Line]) -> bool:
    """Whether the kept lines that end a page hold no sentence of prose (``_prose``):
    headlines, menu items, an address, a sign-off. Under a block of removed lines (a share
    bar and its follow prompt, two labels) they are what the page sets after the
    article; an article's closing part, even after a list, has a paragraph in it."""
    return not any(_prose(x.text) for x in tail)


TEASER_DEKS = 3  # summaries, each under a headline, that make a list of teasers
TEASER_DEK_WORDS = (10, 40)  # a summary is a sentence or two, not an article's section
TEASER_HEADLINE_WORDS = 20
TEASER_HEADLINE_MEAN = 5  # a headline says what happened; a section heading names a topic


def _teaser_list(kept: list[_Line]) -> bool:
    """Kept lines that are only headlines and their summaries: a list of teasers.

    Each summary (a line of 10 to 40 words that ends a sentence) sits under a headline
    (a shorter line, or one that ends no sentence), never under another summary: an
    article's text has paragraphs in a row, a teaser list never does. At least
    ``TEASER_DEKS`` summaries under headlines of ``TEASER_HEADLINE_MEAN`` words on
    average (an article's sections of one paragraph each have shorter headings), and no
    paragraph hard-wrapped over lines (a plain-text document's lines end no sentence
    either)."""
    def dek(line: _Line) -> bool:
        return line.words >= TEASER_DEK_WORDS[0] and line.text.endswith(SENTENCE_END)

    heads: list[int] = []  # the words of each summary's headline
    for above, line in pairwise([None, *kept]):
        if above is not None and above.words >= WRAPPED_PROSE_WORDS \
                and not above.text.endswith(SENTENCE_END) \
                and _first_letter(line.text).islower():
            return False  # a paragraph hard-wrapped over lines, not headlines
        if not dek(line):
            if line.words > TEASER_HEADLINE_WORDS:
                return False
            continue
        if line.words > TEASER_DEK_WORDS[1] or above is None or dek(above):
            return False
        heads.append(above.words)
    return len(heads) >= TEASER_DEKS and sum(heads) >= TEASER_HEADLINE_MEAN * len(heads)


COUNT_LIST_WORDS = 8  # a category or archive entry is a name and its post count
COUNT_LIST_WINDOW = 5  # at least COUNT_LIST_HITS such lines among this many kept lines
COUNT_LIST_HITS = 3
COUNT_LIST_HEADING = 3  # words of the heading line above such a list
# "Camping (12)", "November 2014 (5)", "...台中市營地 (10)": a post count, not a year
_POST_COUNT = re.compile(r"\s?[(（](?!(?:19|20)\d\d[)）])\d{1,5}[)）]$")
# a popular-posts widget puts the count first: "(37823)Camping at the lake"; one digit
# would be an enumeration ("(1) Think of a noun")
_LEADING_COUNT = re.compile(r"^[(（](?!(?:19|20)\d\d[)）])\d{2,7}[)）]")




def _remove_count_lists(lines: list[_Line], options: CleanOptions) -> None:
    """A blog's category and archive widgets list names with their post counts, one per
    line ("Camping (12)", "November 2014 (5)"); three such lines among five in a row are
    such a list (``tags``). An article's lines rarely end in a bare count, and a year in
    parentheses ("Gini (2014)") is not one. A short line just above the list is its heading."""
    if not options.count_lists:
        return
    kept = [x for x in lines if x.kept]
    flags = [x.words <= COUNT_LIST_WORDS and bool(_POST_COUNT.search(x.text)
                                                  or _LEADING_COUNT.search(x.text))
             for x in kept]
    for k, flag in enumerate(flags):
        if not flag:
            continue
        lo = max(0, k - COUNT_LIST_WINDOW + 1)
        if any(sum(flags[s:s + COUNT_LIST_WINDOW]) >= COUNT_LIST_HITS
               for s in range(lo, k + 1)):
            kept[k].reason = "tags"
            head = kept[k - 1] if k else None  # the list's heading ("Categories")
            if (head is not None and head.kept and head.words <= COUNT_LIST_HEADING
                    and not head.text.endswith(FULL_STOPS)):
                head.reason = "tags"


RANK_ITEMS = 3  # numbered entries 1, 2, 3 … in a row that make a ranking widget
RANK_GAP = 4  # the most lines between one rank number and the next (headline, source, date)
RANK_ITEM_WORDS = 20  # an entry's lines are headlines, not paragraphs
RANK_HEADING = 30  # characters of the widget's heading just above its first number
# a rank alone on its line: "1", "2.", "#3", "4)"
_RANK = re.compile(r"[#№]?(\d{1,2})[.)]?")


def _rank(line: _Line) -> int | None:
    m = _RANK.fullmatch(line.text)
    return int(m[1]) if m else None


def _entry_line(line: _Line) -> bool:
    """A line of a ranking's entry: a headline, its source or its date, never a sentence
    (a numbered step of a recipe or a how-to ends in a period)."""
    return not line.kept or (line.words <= RANK_ITEM_WORDS
                             and not line.text.endswith((".", "!", "?", "。", "！", "？")))


def _remove_rankings(lines: list[_Line], options: CleanOptions) -> None:
    """A "most read" widget numbers its headlines with a rank alone on its line ("1",
    headline, source, "2", headline …). Three or more ranks counting up from 1, each within
    ``RANK_GAP`` lines of the last with only headline-like lines between, are such a
    widget (``related``): the ranks, the entries and a short heading just above the first
    rank ("Most popular"). An article's numbered list rarely has its numbers on lines of
    their own (a browser draws a list's numbers, it does not copy them), and a numbered
    step is a sentence."""
    if not options.rankings:
        return
    ranks = [(i, n) for i, x in enumerate(lines) if (n := _rank(x)) is not None]
    k = 0
    while k < len(ranks):
        i, n = ranks[k]
        if n != 1:
            k += 1
            continue
        chain = [i]
        m = k + 1
        while (m < len(ranks) and ranks[m][1] == n + len(chain)
               and ranks[m][0] - chain[-1] <= RANK_GAP
               and all(_entry_line(x) for x in lines[chain[-1] + 1:ranks[m][0]])):
            chain.append(ranks[m][0])
            m += 1
        if len(chain) < RANK_ITEMS:
            k += 1
            continue
        width = min(b - a for a, b in pairwise(chain))
        end = chain[-1] + 1
        while end < min(len(lines), chain[-1] + width) and _entry_line(lines[end]):
            end += 1
        for line in lines[chain[0]:end]:
            if line.kept:
                line.reason = "related"
        if i > 0 and lines[i - 1].kept and len(lines[i - 1].text) <= RANK_HEADING \
                and _entry_line(lines[i - 1]):
            lines[i - 1].reason = "related"
        k = m


FEED_STAMPS = 3  # relative or timed stamps that make a feed of teasers
FEED_GAP = 10  # the most lines from one stamp to the next: an entry's section, headline, dek


def _feed_stamp(line: _Line) -> bool:
    return line.reason == "timestamp" and bool(
        is_relative_stamp(line.text)
        or _CLOCK_TIME.search(line.text))


def _ends_statement(line: _Line) -> bool:
    """Whether a line ends with a full stop (inside closing quotes): a summary's end, which
    a headline, a question or a section name seldom has."""
    return line.text.rstrip("\"”’»)").endswith((".", "…"))


def _teaser_between(lines: list[_Line], above: int, below: int) -> bool:
    """Whether the kept lines between two date lines are one teaser: one summary (the
    one line that ends with a full stop) and headlines, section or author lines of at
    most ``TEASER_HEADLINE_WORDS`` words. An article's dated entries (a timeline) are
    paragraphs, without a headline between."""
    kept = [x for x in lines[above + 1:below] if x.kept]
    summaries = [x for x in kept if _ends_statement(x)]
    return (len(summaries) == 1 < len(kept) and all(
        x.words <= TEASER_HEADLINE_WORDS for x in kept if x is not summaries[0]))


def _stamp_chains(lines: list[_Line]) -> list[list[int]]:
    """The chains of stamps a feed may be: relative or timed stamps each within
    ``FEED_GAP`` lines of the next; and date lines, each within ``FEED_GAP`` lines of
    the next with one teaser between them (a plain date may be an article's own)."""
    timed = [i for i, x in enumerate(lines) if _feed_stamp(x)]
    dated = [i for i, x in enumerate(lines) if x.reason == "timestamp" and not _feed_stamp(x)]
    return [*_chains(timed, FEED_GAP),
            *_chains(dated, FEED_GAP, lambda a, b: _teaser_between(lines, a, b))]


LIVE_PARAGRAPHS = 2  # prose paragraphs per entry, on average, that make a live blog's


def _live_entries(inside: list[_Line], chain: list[int]) -> bool:
    """Whether the lines between the stamps are a live blog's entries, not teasers: a
    teaser is a headline with at most one summary, a live blog's entry is written in
    paragraphs, ``LIVE_PARAGRAPHS`` or more an entry on average (the tail of an agency's
    timed updates, "5:45 p.m." over three paragraphs, under a longer first part)."""
    prose = sum(x.words >= PROSE_WORDS and x.text.endswith(SENTENCE_END) for x in inside)
    return prose >= LIVE_PARAGRAPHS * (len(chain) - 1)


def _remove_stamped_feeds(lines: list[_Line], options: CleanOptions) -> None:
    """A "latest news" feed beside or under the article stamps each teaser with its age,
    its time or its date ("před 3 minutami", "2 hours ago", "3/9(木) 18:01",
    "12 November 2019"): ``FEED_STAMPS`` or more such stamps in a chain
    (``_stamp_chains``) are such a feed, and the kept lines from the first stamp to the
    last are its teasers (``related``). Not when they hold as much text as the kept text
    before the first stamp: a live blog's timed entries are its article. An article's own
    date is a single stamp, and a table's dates carry no time of day and no teaser
    between them."""
    if not options.stamped_feeds:
        return
    for chain in _stamp_chains(lines):
        if len(chain) < FEED_STAMPS:
            continue
        inside = [x for x in lines[chain[0]:chain[-1] + 1] if x.kept]
        before = sum(len(x.text) for x in lines[:chain[0]] if x.kept)
        if sum(len(x.text) for x in inside) < before and not _live_entries(inside, chain):
            for line in inside:
                line.reason = "related"


CARD_COPY_CHARS = 20  # a truncated copy of a card's headline keeps at least this much
_ELLIPSIS_END = ("…", "...")
CUT_TITLES = 4  # headlines cut off with an ellipsis, each within CUT_TITLE_GAP of the next
CUT_TITLE_GAP = 4
CUT_TITLE_SHARE = 0.3  # of the kept lines from the first to the last: a list of them


def _cut_title(line: _Line) -> bool:
    return line.kept and line.text.endswith(_ELLIPSIS_END) \
        and _headline_like(line.text, TEASER_HEADLINE_WORDS, need_upper=False)


def _remove_cut_title_lists(lines: list[_Line], options: CleanOptions) -> None:
    """A side list of other posts cuts each title to the widget's width and ends it with
    an ellipsis ("【新竹親子飯店】煙波大飯店-新竹湖濱館：從入住一直玩到退房的優...").
    ``CUT_TITLES`` or more such lines, each within ``CUT_TITLE_GAP`` lines of the next
    and at least ``CUT_TITLE_SHARE`` of the kept lines from the first to the last, none
    of those a paragraph, are such a list (``related``), unless it holds more text than
    the rest of the page: an article's trailing-off sentences ("But all the rest of
    it…") come one at a time, between paragraphs."""
    if not options.cut_title_lists:
        return
    for chain in _chains([i for i, x in enumerate(lines) if _cut_title(x)], CUT_TITLE_GAP):
        inside = [x for x in lines[chain[0]:chain[-1] + 1] if x.kept]
        if len(chain) < CUT_TITLES or len(chain) < CUT_TITLE_SHARE * len(inside) \
                or any(x.words > TEASER_HEADLINE_WORDS for x in inside):
            continue
        text = sum(len(x.text) for x in inside)
        if text < sum(len(x.text) for x in lines if x.kept) - text:
            for line in inside:
                line.reason = "related"


TAIL_LIST_ITEMS = 2  # bulleted headlines in a row after the last paragraph: a related list
TAIL_ITEM_WORDS = 15
TAIL_PROSE_WORDS = 10  # the article's last paragraph: a sentence of this many words
TAIL_TITLE_CASE = 0.6  # share of an item's longer words that open with a capital
_BULLET = re.compile(r"^[-–•*▪►]\s+(?=\S)")


def _bulleted_headline(line: _Line) -> bool:
    """ "- 11 Fascinating Facts About Our Milky Way Galaxy": a list item in title case that
    ends no sentence. An article's own list items are sentences or lower-case phrases."""
    bullet = _BULLET.match(line.text)
    if bullet is None:
        return False
    item = line.text[bullet.end():]
    if not _headline_like(item, TAIL_ITEM_WORDS) or item.endswith(("!", "?")):
        return False
    long = [w for w in item.split() if len(w) >= 4 and w[0].isalpha()]
    return bool(long) and sum(w[0].isupper() for w in long) >= TAIL_TITLE_CASE * len(long)


def _remove_tail_headline_list(lines: list[_Line], options: CleanOptions) -> None:
    """An extractor keeps a "related" box set as a bulleted list at the article's end
    ("- 15 Amazing Images of Stars") when its header was an image or a class name. Two or
    more bulleted headlines in title case, right after the last paragraph (a sentence of
    ``TAIL_PROSE_WORDS`` or more that does not introduce them with a colon) and with no
    paragraph after them, go (``related``)."""
    if not options.tail_lists:
        return
    kept = [x for x in lines if x.kept]
    last = next((i for i in range(len(kept) - 1, -1, -1)
                 if prose_words(kept[i].text) >= TAIL_PROSE_WORDS
                 and kept[i].text.endswith(SENTENCE_END)), None)
    if last is None or _ends_in_colon(kept[last].text):
        return
    run = []
    for line in kept[last + 1:]:
        if not _bulleted_headline(line):
            break
        run.append(line)
    rest = kept[last + 1 + len(run):]
    if len(run) < TAIL_LIST_ITEMS or any(prose_words(x.text) >= TAIL_PROSE_WORDS for x in rest):
        return
    for line in run:
        line.reason = "related"


HEADER_WEDGE_WORDS = 8  # a kicker, a name or a keyword list; a dek is longer
_HEADLINE_REASONS = frozenset({"title", "title-repeat", "credit", "byline-repeat"})
_HEADER_REASONS = _HEADLINE_REASONS | {"timestamp", "meta", "reading-time", "masthead"}


def _remove_header_wedges(lines: list[_Line], options: CleanOptions) -> None:
    """An article's header is its headline, byline and date; an extractor also keeps what
    the page set between them: a kicker, a section name, the site's name, a keyword list
    from the page's metadata ("tech,apple SAI"). A short line that ends no sentence, right
    between two removed header lines (the headline or a byline on one side, the headline,
    a byline, a date or a reading time on the other), is such a line (``meta``). Between
    two dates alone it is a table's row label, and stays; a dek is longer."""
    if not options.header_wedges:
        return
    for above, line, below in zip(lines, lines[1:], lines[2:], strict=False):
        reasons = {above.reason, below.reason}
        if (line.kept and line.words <= HEADER_WEDGE_WORDS
                and not line.text.endswith(SENTENCE_END)
                and reasons <= _HEADER_REASONS and reasons & _HEADLINE_REASONS):
            line.reason = "meta"


OFF_TOPIC_RUN = 3  # headings in a row under the headline that speak of nothing it does
OFF_TOPIC_BETWEEN_RUN = 4  # the same between paragraphs, where an article lists three things
OFF_TOPIC_WORDS = 2  # a heading of a menu or a feed; one word may be a product or a label


def _heading_shape(line: _Line, options: CleanOptions) -> bool:
    """A kept line shaped as a heading: opening with a capital letter, ending no
    sentence, ``OFF_TOPIC_WORDS`` words or more, headline-like."""
    return (line.kept and line.words >= OFF_TOPIC_WORDS
            and line.text[:1].isalpha() and line.text[:1].isupper()
            and not line.text.endswith(SENTENCE_END)
            and _headline_like(line.text, options.max_title_words))


def _off_topic_heading(line: _Line, topic: set[str], stoplist: frozenset[str],
                       options: CleanOptions) -> bool:
    """A heading (``_heading_shape``) that shares no topic word with the article."""
    return (_heading_shape(line, options)
            and not topic & topic_words(line.text, stoplist))


def _opening_zone(lines: list[_Line]) -> tuple[int, int] | None:
    """(headline, end): the index of the line taken as the title nearest above the first
    kept line of prose, and where the lines under it that may be set between it and the
    article end: above the first paragraph's block (a hard-wrapped paragraph's first
    lines end no sentence) and above the kept line right over it (the article's own
    first heading or its dateline). None without a headline or a paragraph."""
    first = next((i for i, x in enumerate(lines) if x.kept and _prose(x.text)), None)
    if first is None:
        return None
    title = next((i for i in range(first - 1, -1, -1)
                  if lines[i].reason in ("title", "title-repeat")), None)
    if title is None:
        return None
    end = first
    while end > title + 1 and lines[end - 1].block == lines[first].block:
        end -= 1
    over = next((i for i in range(end - 1, title, -1) if lines[i].kept), None)
    return title, end if over is None else over


def _remove_off_topic_heads(lines: list[_Line], options: CleanOptions) -> None:
    """Between the headline and the article's first paragraph a page may set other
    stories' headlines, its menu or a channel's show list; a dek, a kicker, a subhead or
    an infobox there speaks of the story. A run of ``OFF_TOPIC_RUN`` or more headings
    in a row (removed lines between them aside), none sharing a topic word
    (``region.topic_words``) with the article's kept prose or with its headline, is
    such junk (``off-topic``); the last of them stays when a sentence follows it, which
    it heads. A list of one-word names (an infobox's labels, the products a post names)
    is not read: a name need not recur in the text."""
    if not options.off_topic_heads or not options.detect_title:
        return
    zone = _opening_zone(lines)
    if zone is None:
        return
    title, end = zone
    stoplist = _kept_stoplist(lines)
    topic = _prose_topic(lines[end:], stoplist) | topic_words(lines[title].text, stoplist)
    zone = [x for x in lines[title + 1:end] if x.kept]
    _mark_off_topic_runs([*zone, lines[end]], set(), topic, stoplist, options)


def _mark_off_topic_runs(zone: list[_Line], barred: set[int], topic: set[str],
                         stoplist: frozenset[str], options: CleanOptions,
                         spare_lists: bool = False, least: int = OFF_TOPIC_RUN) -> None:
    """Mark each run of ``least`` or more off-topic headings in a row among the kept
    lines of ``zone`` (its last line closes the last run and is never marked; a line
    whose ``id`` is in ``barred`` is no heading and breaks a run). A heading right over
    a sentence heads the text it opens and stays out of its run. With ``spare_lists``
    the article's own lists stay (``_own_list_rows``) and what is left of the run is
    judged in pieces."""
    run: list[_Line] = []
    lead: _Line | None = None  # the last line above that is no heading
    for k, line in enumerate(zone):
        if (k < len(zone) - 1 and id(line) not in barred
                and _off_topic_heading(line, topic, stoplist, options)):
            run.append(line)
            continue
        if run and line.kept and line.text.endswith(SENTENCE_END):
            run.pop()  # a heading right over a sentence heads the text it opens
        spared = _own_list_rows(run, lead, stoplist) if spare_lists else set()
        for piece in _pieces(run, spared):
            if len(piece) >= least:
                for heading in piece:
                    heading.reason = "off-topic"
        run = []
        if not _heading_shape(line, options):
            lead = line


def _pieces(run: list[_Line], spared: set[int]) -> list[list[_Line]]:
    """The run's stretches of lines in a row that are not ``spared``."""
    return [list(group) for keep, group in groupby(run, key=lambda x: id(x) in spared)
            if not keep]


LIST_INTRO_WORDS = 4  # a sentence that introduces a list; "Related:" labels a box
LIST_HEAD_WORDS = 4  # a row's head before its separator: a name, a place, "Step 2"
_LIST_SEPARATORS = (", ", ": ", " – ", " — ")


def _introduces_list(line: _Line | None) -> bool:
    """A line that ends in a colon with ``LIST_INTRO_WORDS`` words or more: a sentence
    that announces the lines under it ("The winners were:"); a box's label is shorter."""
    return (line is not None and _ends_in_colon(line.text)
            and prose_words(line.text) >= LIST_INTRO_WORDS)


def _one_shape(texts: list[str]) -> bool:
    """Rows of one list: each holds a figure (prices, years, scores, numbered steps),
    or each parts at the same separator after a short head, the heads all different
    ("Name, role", "Place: value", "Bug 1234 – ..."). Other stories' headlines differ
    in shape; a video box that labels each of them alike ("Watch: ...") repeats its
    head."""
    if all(any(ch.isdigit() for ch in t) for t in texts):
        return True
    for separator in _LIST_SEPARATORS:
        heads = [t.split(separator, 1)[0] for t in texts if separator in t]
        if (len(heads) == len(texts) and len(set(heads)) == len(heads)
                and all(len(h.split()) <= LIST_HEAD_WORDS for h in heads)):
            return True
    return False


def _sentence_case(text: str, stoplist: frozenset[str]) -> bool:
    """A line written as running text, not set as a title: after its first word it
    holds a word of letters in lowercase that is no function word. A menu's entries
    and other stories' headlines are set in Title Case ("Speak Freely"), an article's
    own list items seldom ("Lifecycle of a task")."""
    return any(w[0].islower() and w.lower() not in stoplist
               for w in _LETTERS.findall(text)[1:])


def _list_rows(texts: list[str], stoplist: frozenset[str]) -> bool:
    """Rows of the article's own list: of one shape (``_one_shape``), or written as
    running text (``_sentence_case``) all but one (a term whose lowercase word the
    stop list holds, "Hermitian form", reads as a title)."""
    return (_one_shape(texts)
            or sum(_sentence_case(t, stoplist) for t in texts) >= len(texts) - 1)


def _own_list_rows(run: list[_Line], lead: _Line | None,
                   stoplist: frozenset[str]) -> set[int]:
    """The lines (by ``id``) of a run of headings off the topic that are the article's
    own list, which may name people, places or items its prose never repeats: the whole
    run when ``lead``, the nearest line above it that is no heading (the list's items on
    the topic may stand between), announces it (``_introduces_list``); else each
    stretch of ``OFF_TOPIC_RUN`` rows in a row or more that read as a list's rows
    (``_list_rows``)."""
    if _introduces_list(lead):
        return {id(x) for x in run}
    spared: set[int] = set()
    start = 0
    while start <= len(run) - OFF_TOPIC_RUN:
        end = start + OFF_TOPIC_RUN
        if not _list_rows([x.text for x in run[start:end]], stoplist):
            start += 1
            continue
        while end < len(run) and _list_rows([x.text for x in run[start:end + 1]], stoplist):
            end += 1
        spared |= {id(x) for x in run[start:end]}
        start = end
    return spared


def _paragraph_block(texts: list[str]) -> bool:
    """Whether a block's lines are one paragraph's broken lines: hard-wrapped
    (``_is_wrapped``) or holding a line that opens in lowercase, which continues the
    line above it (a heading opens with a capital)."""
    return _is_wrapped(texts) or any(t[:1].islower() for t in texts)


def _not_headings(lines: list[_Line], words: dict[int, set[str]]) -> set[int]:
    """The kept lines (by ``id``) that are no heading of another story whatever their
    shape: a line of a paragraph's block (``_paragraph_block``), a line of fewer than
    ``OFF_TOPIC_WORDS`` words of letters (a price, a figure with its label), a line of
    no topic word but words the page's kept lines repeat (``OFF_TOPIC_RUN`` lines or
    more: "See also", a wiki's "[edit]" on each of its section heads; such a line
    heads what follows and speaks of no topic to miss; rows of one list the article
    sets, a map's legend, a code sample's fields, repeat their words). ``words``: each
    kept line's topic words, by ``id``."""
    blocks: dict[int, list[str]] = {}
    for line in lines:
        if line.kept:
            blocks.setdefault(line.block, []).append(line.text)
    paragraphs = {b for b, texts in blocks.items() if _paragraph_block(texts)}
    kept = [x for x in lines if x.kept]
    counts = Counter(w for x in kept for w in words[id(x)])
    return {id(x) for x in kept if x.block in paragraphs
            or len(_LETTERS.findall(x.text)) < OFF_TOPIC_WORDS
            or all(counts[w] >= OFF_TOPIC_RUN for w in words[id(x)])}


def _remove_off_topic_between(lines: list[_Line], options: CleanOptions) -> None:
    """Between the article's first and last kept lines of prose a page may set a box of
    other stories' headlines, its menu or a staff list; the article's own subheads
    there speak of its topic. The run test of ``_remove_off_topic_heads`` applies to
    the kept lines in between, against the topic words of all the kept prose and the
    headline, with ``OFF_TOPIC_BETWEEN_RUN`` headings in a row: an article's own short
    list of three is common there. With ``own_lists`` the article's own lists, whose
    names and items need not recur in its prose, stay (``_own_list_rows``)."""
    if not options.off_topic_between:
        return
    prose = [i for i, x in enumerate(lines) if x.kept and _prose(x.text)]
    if len(prose) < 2:
        return
    zone = [x for x in lines[prose[0]:prose[-1] + 1] if x.kept]
    if len(zone) <= OFF_TOPIC_RUN + 1:
        return
    stoplist = _kept_stoplist(lines)
    words = {id(x): topic_words(x.text, stoplist) for x in lines if x.kept}
    topic = set().union(  # what ``_prose_topic`` reads, from the words read once
        *(words[id(x)] for x in lines if x.kept and _prose(x.text)),
        *(topic_words(x.text, stoplist) for x in lines if x.reason == "title"))
    _mark_off_topic_runs(zone, _not_headings(lines, words), topic, stoplist, options,
                         spare_lists=options.own_lists, least=OFF_TOPIC_BETWEEN_RUN)


def _copy_of(line: _Line, headline: _Line) -> bool:
    return line.text == headline.text or (
        len(line.text) >= CARD_COPY_CHARS and headline.text.startswith(line.text))


def _remove_teaser_cards(lines: list[_Line], options: CleanOptions) -> None:
    """A card that points to another story says its headline two or three times (the
    image's text, the link, the heading, one of them cut short) over a dek cut off with
    an ellipsis ("When you walk into almost any store, you're immediately…"). Such a
    headline, its copies right under it and the dek are junk (``related``): an article
    never repeats a line twice in a row and then trails off."""
    if not options.teaser_cards:
        return
    i = 0
    while i < len(lines) - 3:
        head = lines[i]
        copies = 0
        while copies < 2 and i + copies + 1 < len(lines) and _copy_of(
                lines[i + copies + 1], head):
            copies += 1
        dek = i + copies + 1
        if (head.kept and head.words >= 3 and copies == 2 and dek < len(lines)
                and lines[dek].text.endswith(_ELLIPSIS_END)):
            for line in lines[i:dek + 1]:
                if line.kept:
                    line.reason = "related"
            i = dek + 1
        else:
            i += 1


THREAD_HEADERS = 3  # dated comment headers of one shape that make a thread
THREAD_HEADER_WORDS = 12
THREAD_HEAD_LINES = 2  # short lines above the first header: its name and number
THREAD_TAIL_LINES = 8  # lines after the last header: the last comment's body
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d\d(?!\d)")
_LETTERS = re.compile(r"[^\W\d_]+")


def _dated_header(lines: list[_Line], i: int) -> bool:
    """A short line with a year and a clock time, or a dated line over a bare time."""
    text = lines[i].text
    if lines[i].words > THREAD_HEADER_WORDS or not _YEAR.search(text):
        return False
    if _CLOCK.search(text):
        return True
    after = lines[i + 1].text if i + 1 < len(lines) else ""
    return len(after.split()) <= 3 and bool(_CLOCK.search(after))


def _commenter_above(lines: list[_Line], i: int) -> bool:
    """Whether a dated header sits under a commenter's name ("Ana Li says:")."""
    above = lines[i - 1].text if i else ""
    return (0 < len(above.split()) <= 4 and not _YEAR.search(above)
            and not above.endswith(tuple(set(SENTENCE_END) - {":"})))


def _names_someone(lines: list[_Line], i: int) -> bool:
    """Whether a dated header says more than its date ("Ana Li on …", "於 …", "… reply"),
    or sits under a commenter's name."""
    names, glue = date_vocabulary()
    return _commenter_above(lines, i) or any(
        w not in names and w not in glue for w in _LETTERS.findall(lines[i].text.casefold()))


def _remove_comment_threads(lines: list[_Line], options: CleanOptions) -> None:
    """A comment thread after the article, without a marker the rules know.

    ``THREAD_HEADERS`` or more short lines of one shape (``normalize_line``) that each hold
    a year and a clock time, at least half of them naming more than the date (the
    commenter, a reply word) or under a commenter's name line, make a thread. From its
    first header (and the name and number above it) through at most
    ``THREAD_TAIL_LINES`` lines after the last one, the lines jusText does not call good
    are removed (``comments``); long prose lines stay. Nothing is removed when the thread
    holds more text than what precedes it: on a forum, a bug tracker or a mailing-list
    archive the thread is the page's text, and a live blog's dated entries are most of
    its text (their paragraphs are good lines anyway). Plain text only."""
    if not options.comment_threads or not options.detect_title:
        return
    headers: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if _dated_header(lines, i):
            headers.setdefault(normalize_line(line.text), []).append(i)
    found = sorted(i for key, at in headers.items() if len(at) >= THREAD_HEADERS
                   and 2 * sum(_names_someone(lines, i) for i in at) >= len(at)
                   for i in at)
    if not found:
        return
    first, last = found[0], found[-1]
    for _ in range(THREAD_HEAD_LINES):  # the first commenter's name, a comment number
        first -= _commenter_above(lines, first)
    end = last
    while end + 1 < len(lines) and end - last < THREAD_TAIL_LINES and \
            lines[end + 1].words <= CLASSIFIER_MAX_WORDS:
        end += 1
    kept = [k for k, x in enumerate(lines) if x.kept]
    region = find_region([lines[k].text for k in kept], [lines[k].block for k in kept])
    # an article before the thread: on a forum, a bug tracker or a mailing list's archive
    # the thread starts under the title and is the page's text
    text = [0 if menu else len(lines[k].text) for k, menu in zip(kept, region.menus,
                                                                   strict=True)]
    if sum(t for k, t in zip(kept, text, strict=True) if k < first) < sum(
            t for k, t in zip(kept, text, strict=True) if first <= k <= end):
        return
    for k, c in zip(kept, region.classes, strict=True):
        if first <= k <= end and c != "good" and lines[k].words <= CLASSIFIER_MAX_WORDS:
            lines[k].reason, lines[k].context = "comments", True


CHART_SHARE = 0.5  # this share of a run's lines bare axis ticks: a chart's labels
CHART_STREAK = 4  # and this many ticks in a row (a table's rows start with a label)
# an axis tick: one short number, perhaps with a currency, an elided century or a unit
_TICK = re.compile(r"[$€£¥’'‘+\-−]?\d{1,3}(?:,\d{3})*(?:\.\d+)?[%kKmMbB]?")


def _remove_chart_labels(lines: list[_Line], options: CleanOptions) -> None:
    """A chart or a map copied as text leaves its axis ticks, legend and labels as a run
    of short lines, most of them bare numbers ("$900", "’18", "40"). A run of short lines
    that end no sentence (``region.menu_flags``) in which at least ``CHART_SHARE`` of the
    lines hold no word of three letters is such residue (``chart``); a list or a table of
    the article names things in most of its lines ("1. Finland", "Capital")."""
    if not options.region or not options.detect_title:
        return
    kept = [x for x in lines if x.kept]
    flags = menu_flags([x.text for x in kept])
    k = 0
    while k < len(kept):
        if not flags[k]:
            k += 1
            continue
        run = k
        while k < len(kept) and flags[k]:
            k += 1
        ticks = [bool(_TICK.fullmatch(x.text)) for x in kept[run:k]]
        streak = max(len(list(g)) for tick, g in groupby(ticks) if tick) if any(ticks) else 0
        if sum(ticks) >= CHART_SHARE * (k - run) and streak >= CHART_STREAK:
            for x in kept[run:k]:
                x.reason = "chart"


def _remove_site_chrome(lines: list[_Line], hints: TextHints, options: CleanOptions
                        ) -> None:
    """Below the article on a whole page, lines that other pages of the same outlet carry
    too (``TextHints.line_counts``: lines that end no sentence, counted over the outlet's
    articles), two or more in a row, are the site's own chrome: widget names, teaser
    headlines, footer links, which recur from page to page while an article's lines do
    not (``learned``). A recurring line alone between lines that do not recur is a
    section heading a wiki's pages share (`See also`); above the article a site's tagline
    (`From Wikipedia, the free encyclopedia`) is text Readability keeps, so the header is
    left to the frame cut."""
    if not options.region or not options.detect_title or not hints.line_counts:
        return
    kept = [x for x in lines if x.kept]
    region = find_region([x.text for x in kept], [x.block for x in kept])
    if region.end < region.start:
        return
    if (_position(lines, kept[region.start]) or 0) < PAGE_HEAD_LINES:
        return  # not a whole page
    end = _article_end(region.classes, region.end, [x.text for x in kept])
    recurs = [x.words <= CLASSIFIER_MAX_WORDS
              and hints.line_counts.get(normalize_line(x.text), 0) >= 2 for x in kept]
    for k, x in enumerate(kept):
        if (recurs[k] and k > end
                and any(recurs[j] for j in (k - 1, k + 1) if 0 <= j < len(kept))):
            x.reason = "learned"


PROSE_GAP = 12  # other lines between two paragraphs of one article: a list, a table
PARAGRAPH_WORDS = 15  # a paragraph of the article: this many words that end a sentence
KEPT_SHARE = 0.25  # prose kept, against the prose the cuts removed: they took the article
MIN_LOST_PARAGRAPHS = 3  # fewer lost paragraphs are a cut's ordinary risk, not its failure


def _paragraphs_of(lines: list[_Line]) -> list[list[int]]:
    """The text's paragraphs as far as their own words tell, kept or removed: lines
    joined as the region joins a hard-wrapped paragraph (``region.paragraph_units``),
    holding ``PARAGRAPH_WORDS`` words or more and ending a sentence, with no line a rule
    removed by its own text (a long copyright or disclaimer) or the outlet's recurring
    lines took. Indices into ``lines``."""
    found = []
    for unit in paragraph_units([x.text for x in lines], [x.block for x in lines]):
        text = " ".join(lines[i].text for i in unit)
        if (prose_words(text) >= PARAGRAPH_WORDS
                and (text.endswith(SENTENCE_END) or unmarked_sentences(text))
                and not any(lines[i].match is not None or lines[i].learned for i in unit)):
            found.append(unit)
    return found


def _words(lines: list[_Line], unit: list[int]) -> int:
    """A paragraph's words, a script without word spaces weighed as its translation."""
    return sum(prose_words(lines[i].text) for i in unit)


def _lost_prose(lines: list[_Line], paragraphs: list[list[int]]) -> str | None:
    """The reason of the cut that removed the article, when one did: the paragraphs the
    walk removed whole are at least ``MIN_LOST_PARAGRAPHS`` and hold ``1 / KEPT_SHARE``
    times the words of the paragraphs it kept, and that reason removed most of their
    words. A comment thread or a teaser feed longer than its article is cut while the
    article stays, and that much prose is kept."""
    gone = [not any(lines[i].kept for i in u) for u in paragraphs]
    lost = [u for u, out in zip(paragraphs, gone, strict=True) if out]
    words = sum(_words(lines, u) for u in lost)
    kept = sum(_words(lines, u) for u, out in zip(paragraphs, gone, strict=True) if not out)
    if len(lost) < MIN_LOST_PARAGRAPHS or kept > KEPT_SHARE * words:
        return None
    by_reason: Counter[str] = Counter()
    for unit in lost:
        by_reason[lines[unit[0]].reason or ""] += _words(lines, unit)
    return by_reason.most_common(1)[0][0]


def _prose_runs(paragraphs: list[list[int]]) -> list[tuple[int, int]]:
    """Runs of paragraphs at most ``PROSE_GAP`` other lines apart (a list or a table
    inside one article): (first line, last line)."""
    runs: list[tuple[int, int]] = []
    for unit in paragraphs:
        if runs and unit[0] - runs[-1][1] <= PROSE_GAP + 1:
            runs[-1] = (runs[-1][0], unit[-1])
        else:
            runs.append((unit[0], unit[-1]))
    return runs


def _keep_lost_prose(lines: list[_Line], options: CleanOptions) -> None:
    """Last check: a result that kept far less prose than its text holds gets it back.

    Each cut trusts its own reading of the page (the densest run of good lines, a comment
    marker, a block of removed lines), and one misreading takes the whole article: a
    footer cut under a promotion taken for the article, a comment cut above it. The cut
    that removed most of the lost prose (``_lost_prose``) is undone over each run of
    paragraphs it took (``_prose_runs``), from the run's first paragraph to its last, the
    safer cut being none; a line a rule removed by its own text (a share bar, an
    "Advertisement" label) stays removed."""
    if not options.prose_guard:
        return
    paragraphs = _paragraphs_of(lines)
    reason = _lost_prose(lines, paragraphs)
    if reason is None:
        return
    for first, last in _prose_runs(paragraphs):
        span = lines[first:last + 1]
        if not any(x.reason == reason for x in span):
            continue
        for line in span:
            if line.reason == reason and line.match is None and not line.learned:
                line.reason, line.context = None, False


def _apply_classifier(lines: list[_Line], hints: TextHints, options: CleanOptions) -> None:
    """Last pass: the learned line classifier judges the lines the rules left undecided."""
    # Plain text only: it was trained on pasted pages; an extractor's text is past that.
    model = shipped_model() if options.classifier and options.detect_title else None
    if model is None or not lines:
        return
    for line, row in zip(lines, _features(lines, hints, options), strict=True):
        if row is not None and model.probability(row) >= model.threshold:
            line.reason = "classifier"


def undecided_lines(text: str, hints: TextHints | None = None,
                    options: CleanOptions | None = None) -> list[tuple[str, list[float]]]:
    """(line, features) of each line the rules keep: the classifier's training rows.

    The lines are walked by the same passes as in ``clean_text`` up to the classifier, so
    the rows it is fitted on are the rows it judges."""
    hints = hints or TextHints()
    options = replace(options or CleanOptions(), classifier=False)
    lines = _lines_of(text)
    _walk_rules(lines, hints, options)
    return [(x.text, row) for x, row in zip(lines, _features(lines, hints, options), strict=True)
            if row is not None]


_LIST_MARKS = ("•", "·", "◦", "▪", "■", "►", "–", "- ", "* ")


def _title_candidate(line: _Line, lines: list[_Line], options: CleanOptions) -> bool:
    if line.words < options.min_title_words or is_person_name(line.text):
        return False
    if line.text.startswith(_LIST_MARKS):
        return False  # a list item, not a headline
    if len(_LETTER.findall(line.text)) < 2 * sum(ch.isdigit() for ch in line.text):
        return False  # a figure ("268,021 km2 (75th)"), not a headline
    if not _headline_like(line.text, options.max_title_words, need_upper=True):
        return False
    at = _position(lines, line)
    if at and lines[at - 1].block == line.block \
            and lines[at - 1].words >= WRAPPED_PROSE_WORDS \
            and not lines[at - 1].text.endswith(SENTENCE_END):
        return False  # a sentence broken over lines goes on here: no headline starts so
    block = [x for x in lines if x.kept and x.block == line.block]
    if len(block) > 1 and _is_wrapped([x.text for x in block]):
        width = max(len(x.text) for x in block)
        if len(line.text) >= 0.8 * width:
            return False  # the first line of a wrapped paragraph, not a headline
    return True


def _is_masthead(first: _Line, second: _Line, lines: list[_Line],
                 options: CleanOptions) -> bool:
    """A site name above the headline: "LAKESIDE TRIBUNE", or "NewsHub Daily" on top of a
    longer headline. A short capitalised line over a headline twice its length is a name."""
    if not _title_candidate(second, lines, options) or not is_outlet_name(first.text):
        return False
    if first.text.isupper() and not second.text.isupper() and first.words <= 5:
        return True
    return first.words <= 3 and second.words >= max(4, 2 * first.words)


_SMALL_WORDS = frozenset({"of", "the", "and", "du", "de", "des", "la", "le", "del", "der"})


def _tidy_masthead(text: str) -> str:
    """ "LAKESIDE TRIBUNE" -> "Lakeside Tribune"; a name in normal case is kept."""
    if not text.isupper():
        return text
    words = text.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w.capitalize()
                    for i, w in enumerate(words))


@dataclass
class _Found:
    title: str | None
    outlet: str | None


PAGE_TOP_LINES = 10  # this many kept lines before the first prose line: a whole page's copy
HEADLINE_WINDOW = 8  # its headline is among the last this many candidates before the prose


def _page_headline(lines: list[_Line], options: CleanOptions) -> _Line | None:
    """The headline of a whole page's copy, whose first lines are its navigation.

    A page repeats its headline (heading, share text, breadcrumb, caption), so the
    headline-like line before the first prose line that recurs in the text wins; else
    the longest of the last few headline-like lines before the prose.
    """
    kept = [x for x in lines if x.kept]
    first_prose = next((i for i, x in enumerate(kept) if x.words >= PROSE_WORDS), None)
    if first_prose is None or first_prose < PAGE_TOP_LINES:
        return None
    candidates = [x for x in kept[:first_prose]
                  if x.words >= 3 and _title_candidate(x, lines, options)]
    if not candidates:
        return None
    keys = Counter(" ".join(_title_key(x.text)) for x in lines)
    window = candidates[-HEADLINE_WINDOW:]
    repeated = [x for x in window if keys[" ".join(_title_key(x.text))] > 1]
    return repeated[0] if repeated else max(window, key=lambda x: x.words)


def _detect_title(lines: list[_Line], hints: TextHints, options: CleanOptions) -> _Found:
    found = _Found(hints.title, hints.outlet)
    if found.title or not options.detect_title:
        return found
    headline = _page_headline(lines, options)
    if headline is not None:
        found.title = headline.text
        headline.reason = "title"
        return found
    kept = [x for x in lines if x.kept][:3]
    if options.section_labels and len(kept) > 1 and kept[0].words == 1 \
            and _title_candidate(replace(kept[0], words=2), lines, options):
        kept[0].reason = "section-label"  # "Business" above the headline
        kept = kept[1:]
    kept = kept[:2]
    first = kept[0] if kept else None
    if first is None or not _title_candidate(first, lines, options):
        return found
    if len(kept) == 1:
        return found  # a text of one line is its own article, not a headline over none
    if len(kept) == 2 and _is_masthead(first, kept[1], lines, options):
        first.reason = "masthead"
        if found.outlet is None:
            found.outlet = _tidy_masthead(first.text)
        first = kept[1]
    split = split_trailer(first.text)
    if split and (not hints.outlet or outlets_agree(split[1], hints.outlet)):
        found.title, found.outlet = split[0], found.outlet or split[1]
    else:
        found.title = first.text
    first.reason = "title"
    return found


def _masthead_over_title(text: str, title: str) -> bool:
    """ "NewsHub Daily Port strike halts shipments": a site name run into the headline."""
    line, head = _title_key(text), _title_key(title)
    extra = len(line) - len(head)
    if not 1 <= extra <= 4 or len(head) < 3 or line[extra:] != head:
        return False
    return is_outlet_name(" ".join(text.split()[:extra]))


def _remove_repeats(lines: list[_Line], found: _Found, options: CleanOptions) -> None:
    """Lines that repeat the title ("Headline" or "Headline - Outlet") anywhere."""
    if not found.title:
        return
    for line in lines:
        if not (line.kept or (line.context and line.reason in ("related", "tags", "prev-next"))):
            continue
        if line.words > options.max_title_words + 10:
            continue
        if _title_key(line.text) == _title_key(found.title):
            line.reason, line.context = "title-repeat", True  # same words, any case/punct
            continue
        if _masthead_over_title(line.text, found.title):
            line.reason, line.context = "title-repeat", True  # "Site Name Headline"
            continue
        if not _headline_like(line.text, options.max_title_words + 10, need_upper=False):
            continue
        split = split_trailer(line.text)
        if split and headlines_agree(split[0], found.title):
            line.reason, line.context = "title-repeat", True
            if found.outlet is None:
                found.outlet = split[1]
        elif headlines_agree(line.text, found.title):
            line.reason, line.context = "title-repeat", True


def _remove_trailer(lines: list[_Line], found: _Found, hints: TextHints,
                    options: CleanOptions) -> None:
    """A "Headline - Outlet" line among the last few: the source's credit line."""
    kept = [x for x in lines if x.kept]
    window = kept[-options.trailer_window:] if options.trailer_window > 0 else []
    for line in reversed(window):
        split = split_trailer(line.text)
        if split is None or len(split[0].split()) < 3:
            continue
        head, outlet = split
        if not _headline_like(head, options.max_title_words + 10, need_upper=True):
            continue
        if hints.outlet and outlets_agree(outlet, hints.outlet):
            line.reason = "trailer"
            return
        if not options.detect_title:
            continue
        if found.title is None:
            found.title, found.outlet = head, found.outlet or outlet
            line.reason = "trailer"
            return
        if line is kept[-1] and found.outlet is None:
            found.outlet = outlet
            line.reason = "trailer"
            return


_SIGN_OFF = re.compile(r"[—–-]{1,2}\s*(?P<name>\S.*)")


def _remove_sign_off(lines: list[_Line], options: CleanOptions) -> list[str]:
    """ "— Meridian Wire" or "— Jane Doe" closing the article: a credit, not the body."""
    authors: list[str] = []
    kept = [x for x in lines if x.kept]
    for line in kept[-options.trailer_window:] if options.trailer_window > 0 else []:
        m = _SIGN_OFF.fullmatch(line.text)
        if not m or line.words > 6:
            continue
        name = m["name"].strip()
        if is_person_name(name):
            authors.append(name)
        elif not is_outlet_name(name):
            continue
        line.reason = "credit"
    return authors


_DATELINE = re.compile(
    r"(?-i:[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{1,40})(?:,\s*[^()]{1,30}?)?\s*\((?P<outlet>[^()]{2,40})\)\s*"
    r"[—–-]")


def _dateline_outlet(lines: list[_Line]) -> list[str]:
    """ "HARBOR CITY, Nov 4 (Meridian Wire) - …" opening the body names the wire."""
    first = next((x for x in lines if x.kept), None)
    m = _DATELINE.match(first.text) if first is not None else None
    return [m["outlet"].strip()] if m and is_outlet_name(m["outlet"].strip()) else []


def _remove_alert_source(lines: list[_Line], found: _Found) -> None:
    """In an alert e-mail, the short line under the headline is the outlet's name."""
    if not any(x.match is not None and x.match.category == "alert" for x in lines):
        return
    for i, line in enumerate(lines):
        if line.reason in ("title", "title-repeat") and i + 1 < len(lines):
            nxt = lines[i + 1]
            if nxt.kept and nxt.words <= 5 and _outlet_like(nxt.text):
                nxt.reason = "alert-source"
                if found.outlet is None:
                    found.outlet = nxt.text
            return


def _remove_known(lines: list[_Line], found: _Found, hints: TextHints,
                  options: CleanOptions) -> None:
    """The outlet's name alone on a line; a leading bare byline naming the hint authors."""
    if found.outlet:
        for line in lines:
            if line.kept and line.words <= 8 and outlets_agree(line.text, found.outlet):
                line.reason = "outlet"
    if not hints.authors:
        return
    known = {a.casefold() for a in hints.authors}
    blocks = _block_kept(lines)
    for line in [x for x in lines if x.kept][:8]:
        if _is_body(line, options, blocks) and line.words > 8:
            break
        text = strip_by(line.text)
        names = parse_names(text, strict=True)
        if names and all(n.casefold() in known for n in names):
            line.reason = "byline-repeat"


BARE_BYLINE_WINDOW = 4  # kept lines under the headline searched for a bare byline


def _read_bare_byline(lines: list[_Line], hints: TextHints, options: CleanOptions) -> None:
    """A person's name alone on a line just under the headline, before the first sentence,
    is the byline of a page that dropped the "By" ("Sarah Archer"). Plain text only, and
    only when the headline was found in it and no authors are known."""
    if not options.detect_title or hints.authors:
        return
    title = next((i for i, x in enumerate(lines) if x.reason == "title"), None)
    if title is None:
        return
    for line in [x for x in lines[title + 1:] if x.kept][:BARE_BYLINE_WINDOW]:
        if line.text.endswith(SENTENCE_END) or line.words > 12:
            return  # the article has begun
        if 2 <= line.words <= 4 and is_person_name(line.text):
            line.reason = "credit"
            line.match = LineMatch(rule_by_name("byline"), (tidy_case(line.text),))
            return


# "by" alone, or ending a dated line ("Written on Feb 24 by"), in the rules' languages
_BY_ALONE = re.compile(r"(?:by|von|par|por|door|di|da)", re.IGNORECASE)
_ENDS_IN_BY = re.compile(r"(?P<head>.{1,40}?)\s+by", re.IGNORECASE)


def _split_by(text: str) -> bool:
    """A byline's "by" left alone on its line when a page sets the name apart (a link),
    possibly after the date ("Written on Feb 24 by")."""
    if _BY_ALONE.fullmatch(text):
        return True
    m = _ENDS_IN_BY.fullmatch(text)
    return bool(m) and looks_like_stamp(re.sub(r"^(?:written|posted|published)\s+(?:on\s+)?",
                                               "", m["head"], flags=re.IGNORECASE))


def _read_split_byline(lines: list[_Line], options: CleanOptions) -> None:
    """A byline split over two lines ("by" / "Steven Musil") is a credit: the first one
    names the article's author; later ones (teasers' bylines, the author box) are removed
    without names. Plain text only."""
    if not options.detect_title:
        return
    named = False
    for line, after in pairwise(lines):
        if line.kept and after.reason == "credit" and _split_by(line.text):
            line.reason, named = "credit", True  # its name was read as a bare byline
            continue
        if not (line.kept and after.kept and _split_by(line.text)):
            continue
        names = _names_after_by(after)
        if names is None:
            continue
        line.reason = after.reason = "credit"
        line.match = LineMatch(rule_by_name("byline"))
        after.match = LineMatch(rule_by_name("byline"), () if named else names)
        named = True


def _names_after_by(line: _Line) -> tuple[str, ...] | None:
    """The authors a line under a lone "by" names, or None when it is no byline's rest: a
    bare name ("Steven Musil"), or a name with the outlet or job title the page sets on the
    same link ("Andy Sahadeo | Fox News", "Tim Childers - Live Science Contributor"), which
    the byline rules read once the "By" is put back."""
    if 2 <= line.words <= 4 and is_person_name(line.text):
        return (tidy_case(line.text),)
    if line.words > 12:
        return None
    found = classify_line(f"By {line.text}")
    if found is None or found.category != "credit" or not found.authors:
        return None
    return found.authors


def _read_name_over_stamp(lines: list[_Line], options: CleanOptions) -> None:
    """A person's name alone right over a date line the rules removed ("Zac Hall" / "- Nov.
    18th 2026 12:12 pm PT") is a byline whose "By" the page dropped, wherever a dek or a
    label sets it apart from the headline. The first one names the author when no byline
    did; later ones (a feed's teasers) are removed without names. Plain text only."""
    if not options.detect_title:
        return
    named = any(x.match is not None and x.match.authors and not x.kept and not x.context
                for x in lines)
    for line, after in pairwise(lines):
        if not (line.kept and after.reason == "timestamp" and 2 <= line.words <= 4
                and is_person_name(line.text)):
            continue
        line.reason = "credit"
        line.match = LineMatch(rule_by_name("byline"),
                               () if named else (tidy_case(line.text),))
        named = True


_STAMP_LABEL_LINE = re.compile(rf"(?:{STAMP_LABEL})\s*[:：]?", re.IGNORECASE)


def _join_split_stamps(lines: list[_Line], options: CleanOptions) -> None:
    """A time stamp's label set on a line of its own ("Updated" / "3:27 am PST, Wednesday,
    November 20, 2019") is part of the stamp the rules removed under it (``timestamp``);
    alone it says nothing a reader of the article needs."""
    if not options.split_stamps:
        return
    for line, after in pairwise(lines):
        if (line.kept and after.reason == "timestamp"
                and _STAMP_LABEL_LINE.fullmatch(line.text.strip())):
            line.reason, line.context = "timestamp", True


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The width a text was hard-wrapped at, when several of its paragraphs reach the same
    right margin (within 4 characters) between 40 and 100 columns.

    A short paragraph wrapped into two lines ("... in that fact," / "Lynch said.") does not
    show its wrapping on its own; the margin the rest of the text was wrapped at does. A
    text with one paragraph per line has lines of every length, so no margin emerges."""
    widths = sorted(max(len(t) for t in block) for block in blocks if len(block) >= 2)
    widths = [w for w in widths if 40 <= w <= 100]
    if len(widths) < 2 or widths[-2] < widths[-1] - 4:
        return None
    return widths[-1]


def _broken_at(texts: list[str], width: int) -> bool:
    """Every line but the last was broken where the next word would overflow ``width``
    (what a greedy wrap does), and none is longer than it."""
    if len(texts) < 2 or any(len(t) > width for t in texts):
        return False
    return all(len(line) + 1 + len(nxt.split()[0]) > width and len(line) >= 0.6 * width
               for line, nxt in pairwise(texts))


def _paragraphs(lines: list[_Line]) -> list[str]:
    kept = [x for x in lines if x.kept]
    blocks = [[x.text for x in group] for _, group in groupby(kept, key=lambda x: x.block)]
    width = _wrap_width(blocks)
    paragraphs: list[str] = []
    for texts in blocks:
        if _is_wrapped(texts) or (width and _broken_at(texts, width)):
            paragraphs.append(_join_wrapped(texts))
        else:
            paragraphs.extend(texts)
    return paragraphs


_T = TypeVar("_T")


def _run(lines: list[_Line], name: str, step: Callable[..., _T], *args: object) -> _T:
    """Run one pass of the walk and mark the lines it removed with its name, so a lost
    article line can be traced to the pass that took it (``CleanResult.removed_by``)."""
    out = step(*args)
    for line in lines:
        if line.kept:
            line.by = ""  # a pass may give a line back
        elif not line.by:
            line.by = name
    return out


def _removed_by(line: _Line) -> str:
    """"pass/rule": the pass that removed the line and the rule that matched it, if any."""
    rule = line.match.rule.name if line.match is not None else ""
    return f"{line.by}/{rule}" if rule else line.by


def _walk_rules(lines: list[_Line], hints: TextHints, options: CleanOptions
                ) -> tuple[_Found, list[str], str | None]:
    """The passes before the learned classifier: line rules, then the cuts by context.

    Returns the title and outlet found, the names of a sign-off and the text's language."""
    _run(lines, "rules", _apply_rules, lines, options, hints.now)
    _run(lines, "context", _walk_context, lines, options)
    found = _run(lines, "title", _detect_title, lines, hints, options)
    _run(lines, "repeats", _remove_repeats, lines, found, options)
    _run(lines, "trailer", _remove_trailer, lines, found, hints, options)
    signed = _run(lines, "sign-off", _remove_sign_off, lines, options)
    _run(lines, "alert-source", _remove_alert_source, lines, found)
    _run(lines, "known", _remove_known, lines, found, hints, options)
    _run(lines, "bare-byline", _read_bare_byline, lines, hints, options)
    _run(lines, "split-byline", _read_split_byline, lines, options)
    _run(lines, "split-stamps", _join_split_stamps, lines, options)
    _run(lines, "name-over-stamp", _read_name_over_stamp, lines, options)
    _run(lines, "header-wedges", _remove_header_wedges, lines, options)
    _run(lines, "section-labels", _remove_section_labels, lines, options)
    language = _run(lines, "foreign", _remove_foreign, lines, hints, options)
    _run(lines, "comment-threads", _remove_comment_threads, lines, options)
    headline = _run(lines, "page-frame", _remove_page_frame, lines, options)
    if headline is not None:  # the headline over the article, not a menu item above it
        found.title = headline
        _run(lines, "repeats", _remove_repeats, lines, found, options)
    _run(lines, "chart", _remove_chart_labels, lines, options)
    _run(lines, "count-lists", _remove_count_lists, lines, options)
    _run(lines, "rankings", _remove_rankings, lines, options)
    _run(lines, "teaser-cards", _remove_teaser_cards, lines, options)
    _run(lines, "cut-title-lists", _remove_cut_title_lists, lines, options)
    _run(lines, "tail-lists", _remove_tail_headline_list, lines, options)
    return found, signed, language


def clean_text(text: str, hints: TextHints | None = None,
               options: CleanOptions | None = None) -> CleanResult:
    """Split pasted article text into the article's paragraphs and the junk around it."""
    hints = hints or TextHints()
    options = options or CleanOptions()
    lines = _lines_of(text)
    found, signed, language = _walk_rules(lines, hints, options)
    _run(lines, "classifier", _apply_classifier, lines, hints, options)
    _run(lines, "stamped-feeds", _remove_stamped_feeds, lines, options)
    _run(lines, "after-break", _remove_after_break, lines, options)
    _run(lines, "site-chrome", _remove_site_chrome, lines, hints, options)
    _run(lines, "prose-guard", _keep_lost_prose, lines, options)
    _run(lines, "off-topic", _remove_off_topic_heads, lines, options)
    _run(lines, "off-topic-between", _remove_off_topic_between, lines, options)

    harvested = [x.match for x in lines
                 if x.match is not None and not x.context and not x.kept]
    names = [a for m in harvested for a in m.authors]
    if options.contributors_as_authors:
        names += [c for m in harvested for c in m.contributors]
    authors = merge_names(hints.authors, names, signed)
    if found.outlet is None and options.detect_title:
        # Plain text only (structured input has its host): the weakest evidence last, a
        # "Name | Outlet | Date" line, the copyright holder or a reader-funding appeal (read
        # even in the comments tail: the page footer follows the comments), a byline's
        # affiliation, a wire dateline, a "Follow <Outlet> on …" line.
        metas = [m.outlet for m in harvested if m.outlet and m.category == "meta"]
        holders = [x.match.outlet for x in lines if x.match is not None and x.match.outlet
                   and x.match.category in ("copyright", "newsletter")]
        bylines = [m.outlet for m in harvested if m.outlet and m.category == "credit"]
        follows = [m.outlet for m in harvested if m.outlet and m.category == "social-follow"]
        found.outlet = next(
            iter(metas + holders + bylines + _dateline_outlet(lines) + follows), None)
    published = hints.published
    if published is None:
        for x in lines:
            if x.kept or x.context:
                continue
            if x.when is not None:
                published = x.when
            elif x.match is not None and x.match.stamp:
                published = parse_stamp(x.match.stamp, hints.now, options.dayfirst)
                if published is None and options.library_dates:
                    published = date_line(x.match.stamp, hints.now)
            if published is not None:
                break
    removed = [x for x in lines if not x.kept]
    return CleanResult(
        paragraphs=_paragraphs(lines),
        removed=[x.text for x in removed],
        title=found.title,
        outlet=found.outlet,
        authors=authors,
        published=published,
        removed_reasons=[x.reason or "" for x in removed],
        language=language,
        removed_by=[_removed_by(x) for x in removed],
    )
