"""Junk that an HTML extractor or a paste ran into a paragraph, cut at its first piece.

A page whose share bar, "Previous post / Next post" links and comment prompt sit inside
one block comes out of the extractor as one run-on paragraph ("Originally published at X
Share this: Twitter Facebook Like this: … Previous post: <headline> … Post a Comment"),
and a paragraph can end in a call to action ("… on Tuesday. Click here to subscribe.").
No whole-line rule sees those pieces. Here each paragraph is read as a sequence of pieces,
each starting at a capitalised word that opens some rule's example (derived from the rule
tables, not listed by hand) and tried against the same whole-line rules. When the pieces
from one point to the end are mostly junk, that tail is cut off; when they cover the whole
paragraph, the paragraph goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from storywire.clean.classifier import STOP_WORDS
from storywire.clean.marks import PROSE_END
from storywire.clean.rules import LONG_LINE_CAP, RULES, LineMatch, classify_line

MIN_COVER = 0.6     # share of the tail's words the junk pieces must cover
MAX_PIECE_WORDS = 12


_PUNCTUATION = "".join(chr(c) for c in range(0x2070) if not chr(c).isalnum()
                       and not chr(c).isspace())


def _opener(word: str) -> str:
    word = word.casefold().strip(_PUNCTUATION)
    return "0" if word[:1].isdigit() else word


# Rules whose examples open with a name or a date, not with a word of their own.
_NAMED_RULES = frozenset({"name-slash-agency", "staff-credit", "support-appeal", "contributed",
                          "alert-title", "absolute-date", "relative-time", "day-word",
                          "bare-url", "hashtags", "agency", "write-to"})


@cache
def openers() -> frozenset[str]:
    """First words of the rules' own examples: "share", "previous", "originally", "0"…"""
    found = {_opener(example.split()[0]) for rule in RULES if rule.name not in _NAMED_RULES
             for example in rule.examples if example.split()}
    return frozenset(w for w in found if w and w not in STOP_WORDS and "/" not in w) | {"©"}


def _starts_piece(word: str) -> bool:
    first = word.lstrip("«‹([\"“'‘-–—•·|")[:1]
    return first.isupper() or first.isdigit() or word.startswith("©")


@dataclass
class Cut:
    keep: str                 # the paragraph's head ("" when all of it is junk)
    removed: str              # the junk tail
    matches: list[LineMatch]  # the pieces' matches, in order


def _piece_at(words: list[str], start: int) -> tuple[int, LineMatch] | None:
    """The longest junk piece starting at ``start`` that ends before a new piece. A piece
    longer than ``MAX_PIECE_WORDS`` is tried only as the paragraph's whole rest, and only
    the long-line rules may take it: a closing call to action or credit run into the last
    sentence ("… from. Sign up for X today to get the free daily newsletter …")."""
    if MAX_PIECE_WORDS < len(words) - start <= LONG_LINE_CAP:
        found = classify_line(" ".join(words[start:]))
        if found is not None and found.rule.long_line:
            return len(words), found
    best: tuple[int, LineMatch] | None = None
    for end in range(start + 1, min(len(words), start + MAX_PIECE_WORDS) + 1):
        if end < len(words) and not _starts_piece(words[end]):
            continue
        found = classify_line(" ".join(words[start:end]))
        if found is not None and found.category != "separator":
            best = (end, found)
        elif best is None and end - start >= 4:
            return None  # no piece opens here: stop before trying every length
    return best


def _tail_pieces(words: list[str], start: int) -> tuple[int, list[LineMatch]]:
    """Words covered by junk pieces from ``start`` on, and their matches."""
    covered = 0
    matches: list[LineMatch] = []
    i = start
    while i < len(words):
        if _starts_piece(words[i]) and _opener(words[i]) in openers():
            piece = _piece_at(words, i)
            if piece is not None:
                end, found = piece
                matches.append(found)
                if found.rule.effect == "comments":
                    return covered + len(words) - i, matches  # the rest is comments
                covered += end - i
                if found.rule.effect in ("list", "label"):  # the headlines under it
                    nxt = end
                    while nxt < len(words) and not (
                            _starts_piece(words[nxt]) and _opener(words[nxt]) in openers()):
                        nxt += 1
                    covered += min(nxt - end, 20)
                    end = nxt
                i = end
                continue
        i += 1
    return covered, matches


def cut_junk_run(text: str, min_words: int = 6) -> Cut | None:
    """The paragraph's head and its junk tail, or None when nothing is cut."""
    words = text.split()
    if len(words) < min_words:
        return None
    table = openers()
    if not any(_opener(w) in table for w in words if _starts_piece(w)):
        return None
    for start, word in enumerate(words):
        if not (_starts_piece(word) and _opener(word) in table):
            continue
        if (start and word[:1].isdigit()
                and not words[start - 1].endswith((*PROSE_END, ":"))):
            continue  # a number inside a sentence ("… at least 12 in …") opens nothing
        if start and not words[start - 1].endswith(PROSE_END) and start > 20:
            continue  # never cut a sentence of the article in two; a headline may go
        piece = _piece_at(words, start)
        if piece is None or piece[0] - start < 2:
            continue  # one word ("Previous", "More") opens a table row as well as junk
        if start and piece[1].category == "timestamp":
            continue  # "… will expire on 15 December 2014." ends a sentence, not junk
        if (start and not words[start - 1].endswith(PROSE_END)
                and len(words) - start < 3):
            continue  # "… not just Facebook": one word closing a headline
        covered, matches = _tail_pieces(words, start)
        if covered < MIN_COVER * (len(words) - start):
            continue
        return Cut(" ".join(words[:start]), " ".join(words[start:]), matches)
    return None
