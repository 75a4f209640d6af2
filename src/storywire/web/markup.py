"""Article text cut into segments marked as entity or quote, for the article page.

Pure: the offsets come from ``article.entities`` and ``article.quotes`` (the shared contract:
character offsets into ``article.text``); a span whose offsets do not fit the text is left
out rather than shown wrong. The template escapes every segment.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from storywire.model import Article


@dataclass
class Segment:
    text: str
    entity: dict[str, Any] | None = None
    quote: dict[str, Any] | None = None


def _valid(span: dict[str, Any], length: int) -> bool:
    start, end = span.get("start"), span.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def marked_paragraphs(article: Article) -> list[list[Segment]]:
    """One list of segments per paragraph; a segment lies inside at most one entity and
    one quote (the first that covers it)."""
    text = article.text
    entities = [e for e in article.entities if _valid(e, len(text))]
    quotes = [q for q in article.quotes if _valid(q, len(text))]
    out: list[list[Segment]] = []
    offset = 0
    for paragraph in article.paragraphs:
        start, end = offset, offset + len(paragraph)
        offset = end + 2  # the blank line between paragraphs
        spans = [s for s in (*entities, *quotes) if s["start"] < end and s["end"] > start]
        cuts = sorted({start, end, *(max(start, min(end, s[k])) for s in spans
                                     for k in ("start", "end"))})
        segments = []
        for left, right in itertools.pairwise(cuts):
            if left == right:
                continue
            entity = next((e for e in entities if e["start"] <= left and e["end"] >= right),
                          None)
            quote = next((q for q in quotes if q["start"] <= left and q["end"] >= right), None)
            segments.append(Segment(text[left:right], entity, quote))
        out.append(segments or [Segment(paragraph)])
    return out
