"""Quoted passages found by their quotation marks, in every common convention.

Works on the raw text (no model needed): “…”, "…", ‘…’, '…', «…», „…“ and ‚…‘, and the
newspaper convention for a quote running over several paragraphs, where a paragraph ends
without a closing mark and the next one opens again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> closing marks accepted for it
# (typed text mixes styles: a straight opening mark closed by a curly one, and back)
PAIRS = {"“": "”\"", "«": "»", "„": "“”", "‘": "’", "‚": "‘’", '"': '"”', "'": "'"}
_APOSTROPHES = "'’"


@dataclass
class Marked:
    """A quoted passage: ``start``/``end`` are the content inside the marks (offsets into
    the text); ``open_at`` and ``close_at`` the marks themselves (``close_at`` is None when
    the passage runs to a paragraph's end without closing)."""

    start: int
    end: int
    open_at: int
    close_at: int | None
    paragraphs: int = 1

    def closed_at(self, text: str) -> int | None:
        """Where the closing mark ends (after both apostrophes of a typed '', written for
        one mark); None for a passage that does not close."""
        if self.close_at is None:
            return None
        return self.close_at + (2 if text.startswith("''", self.close_at) else 1)

    def content(self, text: str) -> str:
        """The quoted words, a running quote's re-opening marks and breaks made spaces."""
        inner = text[self.start:self.end]
        inner = re.sub(r"\s*\n\s*\n\s*[“«„‘\"']?", " ", inner)
        return inner.strip().rstrip(",").strip()


def _opens(text: str, i: int) -> bool:
    mark = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() and mark != "«":  # French sets « apart with a (no-break) space
        return False
    if mark in "‘'":
        # An apostrophe is not a quote: "rock 'n' roll", "'90s", O’Malley.
        if not (before.isspace() or before in "([—–-“\""):
            return False
        return after.isalpha() and (mark == "‘" or after.isupper())
    if mark == '"':
        return before.isspace() or before in "([—–-‘'" or i == 0
    return True


def _closes(text: str, i: int, opener: str) -> bool:
    mark = text[i]
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark == "“" == opener:
        # An opening mark typed for the closing one (“It's unusual,“ said Noble): it
        # follows a word and is followed by a space or punctuation, so it opens nothing.
        before = text[i - 1] if i else " "
        return not before.isspace() and (after.isspace() or after in ",.;:!?)—–-")
    if mark not in PAIRS[opener]:
        return False
    return not (mark in _APOSTROPHES and after.isalpha())  # not an apostrophe in a word


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int | None]],
                                                                int | None]:
    """Quoted passages of one paragraph as (open, close) mark offsets; the second value is
    the offset of a mark left open at the paragraph's end."""
    found: list[tuple[int, int | None]] = []
    opened: int | None = None
    i = start
    while i < end:
        ch = text[i]
        if opened is None:
            if ch in PAIRS and _opens(text, i):
                opened = i
        elif _closes(text, i, text[opened]):
            found.append((opened, i))
            opened = None
        i += 1
    return found, opened


_FILLER = "\x02"


def _doubled_apostrophes(text: str) -> str:
    """Two apostrophes typed for a double mark (''…'', the New York Times archive's
    convention) read as one straight double mark and a filler, keeping every offset;
    single marks inside them are then quotes within the quote, not quotes of their own."""
    return text.replace("''", '"' + _FILLER) if "''" in text else text


def find_marked(text: str) -> list[Marked]:
    """Every quoted passage of ``text`` (paragraphs separated by blank lines)."""
    text = _doubled_apostrophes(text)
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*",
                                                           text)]
    out: list[Marked] = []
    running: Marked | None = None
    for index, (p_start, p_end) in enumerate(paragraphs):
        scan_from = p_start
        if running is not None:
            # A running quote continues only where the next paragraph opens again.
            first = text[p_start] if p_start < p_end else ""
            if first in PAIRS and _opens(text, p_start):
                scan_from = p_start + 1
                found, left_open = _scan_paragraph(text, scan_from, p_end)
                close = _first_close(text, scan_from, p_end, first)
                if close is not None:
                    running.end, running.close_at = close, close
                    running.paragraphs += 1
                    out.append(running)
                    running = None
                    scan_from = close + 1
                else:
                    running.end = p_end
                    running.paragraphs += 1
                    if index == len(paragraphs) - 1:
                        out.append(running)
                    continue
            else:
                out.append(running)
                running = None
        found, left_open = _scan_paragraph(text, scan_from, p_end)
        for open_at, close_at in found:
            out.append(Marked(_inside(text, open_at), _before_space(text, close_at), open_at,
                              close_at))
        if left_open is not None and p_end - left_open > 20:
            running = Marked(_inside(text, left_open), p_end, left_open, None)
            if index == len(paragraphs) - 1:
                out.append(running)
                running = None
    if running is not None and running not in out:
        out.append(running)
    return sorted(out, key=lambda m: m.start)


def _inside(text: str, open_at: int) -> int:
    """Where a quote's words start: after its mark and any space (« Comme ceci »)."""
    start = open_at + 1
    while start < len(text) and text[start] in " \u00a0\u202f" + _FILLER:
        start += 1
    return start


def _before_space(text: str, close_at: int) -> int:
    end = close_at
    while end > 0 and text[end - 1] in " \u00a0\u202f":
        end -= 1
    return end


def _first_close(text: str, start: int, end: int, opener: str) -> int | None:
    for i in range(start, end):
        if text[i] in PAIRS[opener] and _closes(text, i, opener):
            return i
    return None
