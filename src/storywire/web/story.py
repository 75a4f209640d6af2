"""A story's coverage side by side: its independent reports (each with the copies folded
under it), a timeline, who said what grouped by speaker, and the figures each report gives
with disagreements flagged.

Pure: the story's articles in, a view out. A story is the articles sharing ``story_id``
(issue 4's grouping); before grouping has run, it is an original and its copies — the
same rule as ``watch.story_key``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storywire.copies import CopyTree, build_tree
from storywire.copies.tree import lag, sort_time
from storywire.model import Article
from storywire.stories.view import top_entities
from storywire.understand.views import figures_side_by_side, who_said_what
from storywire.web.timeline import Timeline, layout_members


@dataclass
class Report:
    tree: CopyTree
    rows: list[dict[str, Any]]


@dataclass
class Figure:
    subject: str
    values: list[dict[str, Any]]  # value, qualifier, outlet, article, sentence
    disagree: bool


@dataclass
class StoryView:
    key: str
    headline: str
    reports: list[Report]
    timeline: Timeline
    speakers: list[tuple[str, list[dict[str, str]]]]
    figures: list[Figure]
    outlets: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    articles: int = 0
    people: list[str] = field(default_factory=list)


def copy_rows(tree: CopyTree) -> list[dict[str, Any]]:
    """Each copy of the tree with its kind, similarity and lag behind the original."""
    rows = []
    for copy in tree.copies:
        similarity = (copy.copy_evidence or {}).get("similarity")
        rows.append({"article": copy, "kind": copy.copy_kind,
                     "similarity": round(similarity, 3)
                     if isinstance(similarity, int | float) else None,
                     "lag": lag(copy, tree.original)})
    return rows


def build(key: str, articles: list[Article]) -> StoryView:
    by_id = {a.id: a for a in articles}
    children: dict[str, list[Article]] = {}
    roots = []
    for article in articles:
        if article.copy_of and article.copy_of in by_id:
            children.setdefault(article.copy_of, []).append(article)
        else:
            roots.append(article)
    roots.sort(key=lambda a: (sort_time(a), a.id))
    reports = []
    for root in roots:
        tree = build_tree(root, children.get(root.id, []))
        reports.append(Report(tree, copy_rows(tree)))
    members = [(a, "original" if a in roots else (a.copy_kind or "copy"))
               for a in sorted(articles, key=lambda a: (sort_time(a), a.id))]
    dated = [a.published for a in articles if a.published]
    outlets = list(dict.fromkeys(a.outlet or "(unknown outlet)" for a, _ in members))
    return StoryView(
        key=key, headline=(roots[0].title if roots else None) or "(untitled)",
        reports=reports, timeline=layout_members(members), speakers=speakers(articles),
        figures=figures(roots), outlets=outlets,
        first_seen=min(dated, key=lambda d: d.replace(tzinfo=None)) if dated else None,
        last_seen=max(dated, key=lambda d: d.replace(tzinfo=None)) if dated else None,
        articles=len(articles), people=top_people(articles))


def speakers(articles: list[Article]) -> list[tuple[str, list[dict[str, str]]]]:
    """Quotes grouped by speaker, most quoted first, each once (``understand.views``,
    as the CLI's story view), shaped for the page: one row per quote with its first
    source and every outlet carrying it."""
    grouped = []
    for group in who_said_what(articles):
        rows = []
        for quote in group.quotes:
            first = quote.sources[0]
            rows.append({"text": " ".join(quote.text.split()), "kind": quote.kind,
                         "article": first.article_id,
                         "outlet": ", ".join(dict.fromkeys(
                             s.outlet or "(unknown outlet)" for s in quote.sources)),
                         "description": quote.speaker_description or ""})
        grouped.append((group.speaker or "unattributed", rows))
    return grouped


def figures(reports: list[Article]) -> list[Figure]:
    """Each subject that two or more independent reports count, with ``disagree`` when
    they give different values (``understand.views.figures_side_by_side``)."""
    return [Figure(" ".join(comparison.subject.split()),
                   [{"value": r.value, "qualifier": r.qualifier, "low": r.low, "high": r.high,
                     "sentence": r.sentence, "article": r.article_id,
                     "outlet": r.outlet or "(unknown outlet)"} for r in comparison.reports],
                   not comparison.agree)
            for comparison in sorted(figures_side_by_side(reports, differing_only=False),
                                     key=lambda c: c.subject)]


def top_people(articles: list[Article], limit: int = 5) -> list[str]:
    """The people most of the story's reports name (``stories.view.top_entities``)."""
    return [name for name, _ in top_entities(articles, limit).get("people", [])]
