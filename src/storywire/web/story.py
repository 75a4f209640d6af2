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
from storywire.copies.tree import lag
from storywire.model import Article
from storywire.web.timeline import Timeline, layout_members


def _when(article: Article) -> datetime:
    published = article.published or article.ingested_at
    return published.replace(tzinfo=None) if published else datetime.max


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
    roots.sort(key=lambda a: (_when(a), a.id))
    reports = []
    for root in roots:
        tree = build_tree(root, children.get(root.id, []))
        reports.append(Report(tree, copy_rows(tree)))
    members = [(a, "original" if a in roots else (a.copy_kind or "copy"))
               for a in sorted(articles, key=lambda a: (_when(a), a.id))]
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
    """Quotes grouped by speaker (most quoted first); a quote repeated by copies once."""
    grouped: dict[str, list[dict[str, str]]] = {}
    seen: set[tuple[str, str]] = set()
    for article in sorted(articles, key=lambda a: (a.copy_of is not None, _when(a))):
        for quote in article.quotes:
            speaker = quote.get("speaker") or "unattributed"
            text = " ".join(str(quote.get("text") or "").split())
            if not text or (speaker, text.casefold()) in seen:
                continue
            seen.add((speaker, text.casefold()))
            grouped.setdefault(speaker, []).append(
                {"text": text, "kind": quote.get("kind") or "", "article": article.id,
                 "outlet": article.outlet or "(unknown outlet)",
                 "description": quote.get("speaker_description") or ""})
    return sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0]))


def figures(reports: list[Article]) -> list[Figure]:
    """Each subject's figures across the independent reports; ``disagree`` when the
    reports give different values for it."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for article in reports:
        for figure in article.figures:
            subject = " ".join(str(figure.get("subject") or "").split()).casefold()
            if not subject:
                continue
            grouped.setdefault(subject, []).append(
                {"value": figure.get("value"), "qualifier": figure.get("qualifier"),
                 "low": figure.get("low"), "high": figure.get("high"),
                 "sentence": figure.get("sentence") or "", "article": article.id,
                 "outlet": article.outlet or "(unknown outlet)"})
    return [Figure(subject, values, len({(v["value"], v["low"], v["high"])
                                          for v in values}) > 1)
            for subject, values in sorted(grouped.items())]


def top_people(articles: list[Article], limit: int = 5) -> list[str]:
    counts: dict[str, int] = {}
    for article in articles:
        for entity in article.entities:
            if entity.get("label") == "PERSON":
                name = entity.get("canonical") or entity.get("text")
                if name:
                    counts[name] = counts.get(name, 0) + 1
    return [name for name, _ in sorted(counts.items(), key=lambda i: (-i[1], i[0]))[:limit]]
