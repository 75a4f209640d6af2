"""The latest stories for the front page and ``/api/stories``.

A story is the articles sharing ``story_id`` (the stories stage fills it). Until the store
offers a listing of stories, the latest ones are those of the newest ``scan`` articles, in
order of their newest article: one cursor page plus one indexed lookup per story, so the
cost does not grow with the store. With no ``story_id`` filled yet, there are none and the
front page shows articles only. When story grouping lands with its own listing (a stories
table, ordered by last update), this function is the one place to switch to it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from storywire.store import ArticleFilter, Store
from storywire.web import views


def latest_stories(store: Store, limit: int = 10, scan: int = 60) -> list[dict[str, Any]]:
    newest = store.article_page(ArticleFilter(limit=scan)).articles
    keys = list(dict.fromkeys(a.story_id for a in newest if a.story_id))[:limit]
    return [card for card in map(lambda key: story_card(store, key), keys) if card]


def story_card(store: Store, key: str) -> dict[str, Any] | None:
    """A story as a list shows it (the front page, ``/stories``, ``/api/stories``)."""
    view = views.story(store, key)
    if view is None:
        return None
    copies = sum(len(r.rows) for r in view.reports)
    return {
        "id": view.key, "headline": view.headline, "outlets": view.outlets,
        "reports": len(view.reports), "copies": copies, "articles": view.articles,
        "first_seen": view.first_seen.isoformat() if view.first_seen else None,
        "last_seen": view.last_seen.isoformat() if view.last_seen else None,
        "people": view.people}


def story_page(store: Store, *, outlet: str | None = None, language: str | None = None,
               since: date | None = None, until: date | None = None, limit: int = 20,
               offset: int = 0) -> tuple[list[dict[str, Any]], bool]:
    """Every story, latest first, with the front page's filters (a story is listed when
    one of its articles passes them). One page of cards, and whether there are more."""
    keys = store.story_keys(ArticleFilter(outlet=outlet, language=language, since=since,
                                          until=until, limit=limit + 1, offset=offset))
    cards = [card for card in (story_card(store, key) for key in keys[:limit]) if card]
    return cards, len(keys) > limit
