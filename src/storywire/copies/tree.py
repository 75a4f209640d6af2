"""Copy trees: an original with the copies that point at it, and their text rendering.

Pure: articles in, trees out. ``storywire copies ID`` prints one tree; the demo prints
every tree of its corpus with ``copy_trees(store.iter_articles())`` and ``render``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from storywire.extract.dates import is_bare_date
from storywire.model import Article


@dataclass
class CopyTree:
    original: Article
    copies: list[Article] = field(default_factory=list)

    @property
    def size(self) -> int:
        return 1 + len(self.copies)


def sort_time(article: Article) -> datetime:
    """When an article came out, for ordering: published, else ingested; undated last."""
    published = article.published or article.ingested_at
    return published.replace(tzinfo=None) if published else datetime.max


def build_tree(original: Article, copies: Iterable[Article]) -> CopyTree:
    """One tree; copies in publication order (undated last)."""
    return CopyTree(original, sorted(copies, key=lambda a: (sort_time(a), a.id)))


def copy_trees(articles: Iterable[Article], with_copies_only: bool = True) -> list[CopyTree]:
    """Every tree among ``articles`` (originals with at least one copy, unless told
    otherwise), largest first, then by the original's publication time."""
    by_id: dict[str, Article] = {}
    children: dict[str, list[Article]] = {}
    for article in articles:
        by_id[article.id] = article
        if article.copy_of:
            children.setdefault(article.copy_of, []).append(article)
    trees = []
    for article in by_id.values():
        if article.copy_of:
            continue
        copies = children.get(article.id, [])
        if copies or not with_copies_only:
            trees.append(build_tree(article, copies))
    return sorted(trees, key=lambda t: (-t.size, sort_time(t.original), t.original.id))


def lag(copy: Article, original: Article) -> str:
    """Time between the two publications: "+3h 20m", "-1d 2h", "+1d" or "same day" when
    either is a bare date (midnight), "?" when either is unknown."""
    if not copy.published or not original.published:
        return "?"
    if is_bare_date(copy.published) or is_bare_date(original.published):
        days = (copy.published.date() - original.published.date()).days  # a bare date
        return "same day" if days == 0 else f"{days:+d}d"
    try:
        seconds = (copy.published - original.published).total_seconds()
    except TypeError:  # one naive, one aware
        seconds = (copy.published.replace(tzinfo=None)
                   - original.published.replace(tzinfo=None)).total_seconds()
    sign = "-" if seconds < 0 else "+"
    minutes = int(abs(seconds) // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{sign}{days}d {hours}h"
    if hours:
        return f"{sign}{hours}h {minutes:02d}m"
    return f"{sign}{minutes}m"


def render(tree: CopyTree) -> list[str]:
    """The tree as text lines that read whole at 80 columns: each member's id, outlet and
    time (a copy's as its lag behind the original) on one line, its headline beneath."""
    original = tree.original
    published = original.published.strftime("%Y-%m-%d %H:%M") if original.published \
        else "undated"
    lines = [f"original  {original.id}  {published}  {original.outlet or '(unknown outlet)'}",
             f"          {original.title or '(untitled)'}"]
    claimed = (original.copy_evidence or {}).get("claimed_origin")
    if claimed:
        lines.append(f"          (says it comes from {claimed})")
    for index, copy in enumerate(tree.copies):
        last = index == len(tree.copies) - 1
        evidence = copy.copy_evidence or {}
        similarity = evidence.get("similarity")
        score = f"{similarity:.2f}" if isinstance(similarity, int | float) else "?"
        lines.append(f"  {'└─' if last else '├─'} {copy.copy_kind or '?':<8} {score}  "
                     f"{lag(copy, original):>8}  {copy.id}  "
                     f"{copy.outlet or '(unknown outlet)'}")
        lines.append(f"  {' ' if last else '│'}  {copy.title or '(untitled)'}")
    return lines
