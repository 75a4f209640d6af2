"""A story's coverage side by side: its independent reports (each with the copies folded
under it), a timeline, who said what grouped by speaker, and the figures each report gives
with disagreements flagged.

Pure: the story's articles in, a view out, built on the one story view the CLI prints
(``stories.view.story_view``). A story is the articles sharing ``story_id``; before
grouping has run, it is an original and its copies — the same rule as
``watch.story_key``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storywire.copies import CopyTree, build_tree
from storywire.copies.tree import lag, sort_time
from storywire.model import Article, Story
from storywire.stories.view import story_view
from storywire.understand.views import FigureComparison, SpeakerQuotes
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


def build(key: str, articles: list[Article], story: Story | None = None) -> StoryView:
    """The page's view of a story: the shared view (``stories.view.story_view``, which the
    CLI prints too) laid out for the page with copy trees and a timeline. Before grouping
    has run, ``key`` names an original and ``articles`` are it and its copies."""
    shared = story_view(story or Story(id=key), articles)
    reports = []
    for report in shared.reports:
        tree = build_tree(report.article, report.copies)
        reports.append(Report(tree, copy_rows(tree)))
    roots = {report.article.id for report in shared.reports}
    members = [(a, "original" if a.id in roots else (a.copy_kind or "copy"))
               for a in sorted(articles, key=lambda a: (sort_time(a), a.id))]
    return StoryView(
        key=key, headline=shared.headline or "(untitled)", reports=reports,
        timeline=layout_members(members), speakers=speakers(shared.said),
        figures=figures(shared.figures),
        outlets=list(dict.fromkeys(a.outlet or "(unknown outlet)" for a, _ in members)),
        first_seen=shared.first_seen, last_seen=shared.last_seen, articles=shared.members,
        people=[name for name, _ in shared.top.get("people", [])])


def speakers(said: list[SpeakerQuotes]) -> list[tuple[str, list[dict[str, str]]]]:
    """The story's quotes grouped by speaker (as the CLI shows them), shaped for the
    page: one row per quote with its first source and every outlet carrying it."""
    grouped = []
    for group in said:
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


def figures(comparisons: list[FigureComparison]) -> list[Figure]:
    """Each subject that two or more independent reports count, with ``disagree`` when
    they give different values, shaped for the page."""
    return [Figure(" ".join(comparison.subject.split()),
                   [{"value": r.value, "qualifier": r.qualifier, "low": r.low, "high": r.high,
                     "shown": r.shown, "sentence": r.sentence, "article": r.article_id,
                     "outlet": r.outlet or "(unknown outlet)"} for r in comparison.reports],
                   not comparison.agree)
            for comparison in comparisons]
