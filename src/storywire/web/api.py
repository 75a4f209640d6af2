"""The JSON API under /api/: every list paginated, every error ``{"error": {...}}``.

Article lists page by cursor (``next_cursor`` → ``after``), which stays fast however deep;
ranked search and the small lists page by ``offset``.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from storywire.model import Article
from storywire.store import Store, StoreBusy, StoreError
from storywire.store.records import WatchRecord
from storywire.watch import QueryError, atom_feed
from storywire.watch.admin import add_watch, watch_alerts, watch_targets
from storywire.web import views
from storywire.web.deps import check_write, store
from storywire.web.stories import latest_stories

router = APIRouter()
StoreDep = Annotated[Store, Depends(store)]
Limit = Annotated[int, Query(ge=1, le=views.MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]


class ErrorBody(BaseModel):
    status: int
    message: str


class Error(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Error, "description": "Bad request (e.g. a malformed cursor)"},
    404: {"model": Error, "description": "Not found"},
    422: {"model": Error, "description": "Invalid parameters"},
}


class Page(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None = Field(None, description="Pass as `after` for the next page.")
    next_offset: int | None = Field(None, description="Pass as `offset` for the next page.")


def _article(store: Store, article_id: str) -> Article:
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id (or unique prefix) {article_id!r}")
    return article


@router.get("/api/articles", response_model=Page, responses=ERRORS, tags=["articles"])
def articles(store: StoreDep, limit: Limit = 20,
             after: Annotated[str | None, Query(max_length=200)] = None,
             outlet: str | None = None, language: str | None = None,
             since: Annotated[date | None, Query(description="Published on or after")] = None,
             until: Annotated[date | None, Query(description="Published on or before")] = None,
             originals: bool = True) -> Page:
    """The newest articles (independent reports by default), each with its copies counted."""
    listing = views.latest(store, outlet=outlet, language=language,
                           since=since, until=until, originals=originals, limit=limit, after=after)
    return Page(items=[views.summary(a, listing.copies.get(a.id, 0))
                       for a in listing.articles], next_cursor=listing.next_cursor)


@router.get("/api/stories", response_model=Page, responses=ERRORS, tags=["stories"])
def stories(store: StoreDep, limit: Limit = 10) -> Page:
    """The stories of the newest articles, newest first: headline, outlets, reports,
    copies folded, first and last seen, top people (empty until stories are grouped)."""
    return Page(items=latest_stories(store, limit))


@router.get("/api/stories/{key}", responses=ERRORS, tags=["stories"])
def story(store: StoreDep, key: str) -> dict[str, Any]:
    """A story's coverage: each independent report with its copy tree, the timeline, quotes
    grouped by speaker and figures (``disagree`` when reports differ). Before grouping, the
    key of an original gives it and its copies."""
    view = views.story(store, key)
    if view is None:
        raise HTTPException(404, f"no story or article {key!r}")
    return views.story_json(view)


@router.get("/api/search", response_model=Page, responses=ERRORS, tags=["articles"])
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Limit = 20, offset: Offset = 0) -> Page:
    """Ranked search in the watch query language (words, "phrases", AND, OR, NOT, -word,
    parentheses, prefix*, title:, lang:, outlet:, person:, speaker:, entity:); a query that
    cannot be parsed or is over the cost budget is a 400 saying why. ``snippet_html`` is
    escaped with matches in <mark>."""
    hits = views.search(store, q, limit + 1, offset)
    items = [{**views.summary(h.article), "score": round(h.score, 4),
              "snippet": h.marked("", ""), "snippet_html": h.marked("<mark>", "</mark>", escape)}
             for h in hits[:limit]]
    return Page(items=items, next_offset=offset + limit if len(hits) > limit else None)


@router.get("/api/articles/{article_id}", responses=ERRORS, tags=["articles"])
def article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """One article as ``storywire export`` writes it, with its copies counted."""
    found = _article(store, article_id)
    return {**found.to_export(), "removed_reasons": found.removed_reasons,
            "copies": store.copy_counts([found.id]).get(found.id, 0)}


@router.get("/api/articles/{article_id}/copies", responses=ERRORS, tags=["articles"])
def copies(store: StoreDep, article_id: str) -> dict[str, Any]:
    """The copy tree the article belongs to: its original, each copy's kind, similarity
    and lag, and when each outlet reported."""
    view = views.copy_tree(store, _article(store, article_id))
    return {"original": views.summary(view.tree.original), "copies": view.rows,
            "timeline": [{"outlet": m.label, "published": m.when, "kind": m.kind,
                          "article": m.article_id} for m in view.timeline.marks]}


@router.get("/api/facets", responses=ERRORS, tags=["articles"])
def facets(request: Request, store: StoreDep) -> dict[str, list[dict[str, Any]]]:
    """Outlets and languages with their article counts (for filters; counted at most once a
    minute)."""
    return {name: [{"value": v, "articles": n} for v, n in rows]
            for name, rows in request.app.state.facets.get(store).items()}


@router.get("/api/people", response_model=Page, responses=ERRORS, tags=["people"])
def people(store: StoreDep, limit: Limit = 20, offset: Offset = 0) -> Page:
    """Who is named and quoted, by outlet and over time (empty until entities and quotes
    are extracted)."""
    found = views.people(store, limit + 1, offset)
    return Page(items=found[:limit], next_offset=offset + limit if len(found) > limit else None)


# -- watches ------------------------------------------------------------------------------
class WatchIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    query: str = Field(min_length=1, max_length=1000)
    webhooks: list[str] = Field(default_factory=list, max_length=10)
    emails: list[str] = Field(default_factory=list, max_length=10)


def _watch(store: Store, name: str) -> WatchRecord:
    record = store.get_watch(name)
    if record is None:
        raise HTTPException(404, f"no watch named {name!r}")
    return record


@router.get("/api/watches", response_model=Page, responses=ERRORS, tags=["watches"])
def watches(store: StoreDep, limit: Limit = 20, offset: Offset = 0) -> Page:
    found = store.list_watches()
    return Page(items=[views.watch_json(w) for w in found[offset:offset + limit]],
                next_offset=offset + limit if len(found) > offset + limit else None)


@router.post("/api/watches", status_code=201, responses={**ERRORS, 403: {"model": Error}},
             tags=["watches"])
def create_watch(request: Request, store: StoreDep, body: WatchIn) -> dict[str, Any]:
    """Save a watch (needs the token when the server is configured with one)."""
    check_write(request)
    try:
        targets = watch_targets(webhooks=body.webhooks, emails=body.emails)
        record = add_watch(store, body.name, body.query, targets)
    except StoreBusy:
        raise  # 503 with Retry-After: the same request can succeed later
    except (QueryError, ValueError, StoreError) as exc:
        raise HTTPException(422, str(exc)) from exc
    return views.watch_json(record)


@router.delete("/api/watches/{name}", status_code=204,
               responses={**ERRORS, 403: {"model": Error}}, tags=["watches"])
def delete_watch(request: Request, store: StoreDep, name: str) -> Response:
    check_write(request)
    if not store.remove_watch(name):
        raise HTTPException(404, f"no watch named {name!r}")
    return Response(status_code=204)


@router.get("/api/watches/{name}/test", response_model=Page, responses=ERRORS,
            tags=["watches"])
def test(store: StoreDep, name: str, limit: Limit = 20, offset: Offset = 0) -> Page:
    """What the watch would have alerted on over every stored article (nothing sent)."""
    found = views.watch_test(store, _watch(store, name))
    return Page(items=found[offset:offset + limit],
                next_offset=offset + limit if len(found) > offset + limit else None)


@router.get("/api/watches/{name}/alerts", response_model=Page, responses=ERRORS,
            tags=["watches"])
def alerts(store: StoreDep, name: str, limit: Limit = 20) -> Page:
    """The watch's newest alerts and the state of each delivery."""
    return Page(items=[a.as_json() for a in views.recent_alerts(store, _watch(store, name),
                                                                 limit)])


# -- Atom feeds ---------------------------------------------------------------------------
ATOM = "application/atom+xml"


@router.get("/feeds/watches/{name}.atom", responses={**ERRORS, 200: {"content": {ATOM: {}}}},
            response_class=Response, tags=["feeds"])
def watch_feed(request: Request, store: StoreDep, name: str) -> Response:
    """The watch's alerts as an Atom feed (the same writer as the ``atom:`` target)."""
    record = _watch(store, name)
    body = atom_feed(record.name, watch_alerts(store, record, 50), str(request.url))
    return Response(body, media_type=ATOM)


@router.get("/feeds/articles.atom", responses={200: {"content": {ATOM: {}}}},
            response_class=Response, tags=["feeds"])
def articles_feed(request: Request, store: StoreDep) -> Response:
    """Every new independent report (copies folded in) as an Atom feed."""
    body = atom_feed("all", views.new_article_alerts(store, 50, str(request.base_url)),
                     str(request.url),
                     title="storywire: new articles", entry_urn="urn:storywire:article:")
    return Response(body, media_type=ATOM)


@router.get("/feeds/stories.atom", responses={200: {"content": {ATOM: {}}}},
            response_class=Response, tags=["feeds"])
def stories_feed(request: Request, store: StoreDep) -> Response:
    """The latest stories as an Atom feed, each entry updated when its story grows (empty
    until stories are grouped)."""
    from storywire.web.recent import remembered

    newest = remembered(store, "stories-feed", lambda: latest_stories(store, 50, scan=500))
    body = atom_feed("stories", views.story_alerts(newest, str(request.base_url)),
                     str(request.url), title="storywire: new stories",
                     entry_urn="urn:storywire:story:")
    return Response(body, media_type=ATOM)
