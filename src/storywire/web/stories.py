"""The latest stories for the front page and ``/api/stories``.

A story is the articles sharing ``story_id`` (issue 4's grouping fills it). Until the store
offers a listing of stories, the latest ones are those of the newest ``scan`` articles, in
order of their newest article: one cursor page plus one indexed lookup per story, so the
cost does not grow with the store. With no ``story_id`` filled yet, there are none and the
front page shows articles only. When story grouping lands with its own listing (a stories
table, ordered by last update), this function is the one place to switch to it.
"""

from __future__ import annotations

from typing import Any

from storywire.store import ArticleFilter, Store
from storywire.web import views


def latest_stories(store: Store, limit: int = 10, scan: int = 60) -> list[dict[str, Any]]:
    newest = store.article_page(ArticleFilter(limit=scan)).articles
    keys = list(dict.fromkeys(a.story_id for a in newest if a.story_id))[:limit]
    found = []
    for key in keys:
        view = views.story(store, key)
        if view is None:
            continue
        copies = sum(len(r.rows) for r in view.reports)
        found.append({
            "id": view.key, "headline": view.headline, "outlets": view.outlets,
            "reports": len(view.reports), "copies": copies, "articles": view.articles,
            "first_seen": view.first_seen.isoformat() if view.first_seen else None,
            "last_seen": view.last_seen.isoformat() if view.last_seen else None,
            "people": view.people})
    return found
