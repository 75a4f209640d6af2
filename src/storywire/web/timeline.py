"""A timeline of when each outlet reported, laid out for an SVG drawn by the server.

Pure geometry: articles in, positions out; ``templates/_timeline.svg`` draws them (escaped
like any other text). No charting service, no script.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storywire.model import Article

WIDTH, ROW, LABEL, PAD = 640, 26, 170, 16


@dataclass
class Mark:
    x: float
    y: float
    label: str
    when: str
    kind: str          # original | exact | near | excerpt | rewrite …
    article_id: str


@dataclass
class Timeline:
    width: int
    height: int
    marks: list[Mark]
    start: str
    end: str
    axis_y: float
    undated: list[str]


def _naive(when: datetime) -> datetime:
    return when.replace(tzinfo=None) if when.tzinfo is None else \
        when.astimezone().replace(tzinfo=None)


def layout(original: Article, copies: list[Article]) -> Timeline:
    """A copy tree's timeline: the original first, then its copies."""
    return layout_members([(original, "original"),
                           *((c, c.copy_kind or "copy") for c in copies)])


def layout_members(members: list[tuple[Article, str]]) -> Timeline:
    """One row per (article, kind), x by publication time; undated ones listed."""
    dated = [(a, k) for a, k in members if a.published]
    undated = [f"{a.outlet or '(unknown outlet)'}" for a, _ in members if not a.published]
    times = [_naive(a.published) for a, _ in dated]
    first, last = (min(times), max(times)) if times else (None, None)
    span = (last - first).total_seconds() if first and last else 0.0
    inner = WIDTH - LABEL - 2 * PAD
    marks = []
    for row, ((article, kind), when) in enumerate(zip(dated, times, strict=True)):
        fraction = (when - first).total_seconds() / span if span else 0.5
        marks.append(Mark(x=LABEL + PAD + fraction * inner, y=PAD + row * ROW + ROW / 2,
                          label=article.outlet or "(unknown outlet)",
                          when=when.strftime("%Y-%m-%d %H:%M"), kind=kind,
                          article_id=article.id))
    axis_y = PAD + len(marks) * ROW + 4
    return Timeline(width=WIDTH, height=int(axis_y + 2 * PAD), marks=marks,
                    start=first.strftime("%Y-%m-%d %H:%M") if first else "",
                    end=last.strftime("%Y-%m-%d %H:%M") if last else "", axis_y=axis_y,
                    undated=undated)
