"""The HTML pages: server-rendered Jinja templates over the same views as the API."""

from __future__ import annotations

import os
import re
from html import escape
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from storywire.model import Article
from storywire.store import Store, StoreBusy, StoreError
from storywire.watch import QueryError
from storywire.watch.admin import add_watch, watch_targets
from storywire.web import views
from storywire.web.deps import check_write, parse_day, store
from storywire.web.markup import marked_paragraphs

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(store)]
PAGE = 20


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("needs_token", bool(request.app.state.policy.token))
    return request.app.state.templates.TemplateResponse(request, name, context,
                                                        status_code=status)


def _article(store: Store, article_id: str) -> Article:
    found = store.get_article(article_id)
    if found is None:
        raise HTTPException(404, f"no article with id (or unique prefix) {article_id!r}")
    return found


@router.get("/")
def front(request: Request, store: StoreDep,
          q: Annotated[str, Query(max_length=500)] = "",
          outlet: str = "", language: str = "", since: str = "", until: str = "",
          after: Annotated[str, Query(max_length=200)] = "",
          offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> Response:
    filters = {"outlet": outlet, "language": language, "since": since, "until": until}
    context: dict[str, Any] = {"q": q, "filters": filters,
                               "facets": request.app.state.facets.get(store)}
    if q.strip():
        try:
            hits = views.search(store, q, PAGE + 1, offset)
        except QueryError as exc:
            return render(request, "index.html", status=400, q=q, hits=[], error=str(exc))
        context["hits"] = [(f.hit.article, Markup(f.hit.marked("<mark>", "</mark>", escape)),
                            f.copies) for f in views.fold_copies(hits[:PAGE])]
        if len(hits) > PAGE:
            context["next_url"] = "/?" + urlencode({"q": q, "offset": offset + PAGE})
    else:
        listing = views.latest(store, outlet=outlet or None, language=language or None,
                               since=parse_day(since, "since"), until=parse_day(until, "until"),
                               limit=PAGE, after=after or None)
        context.update(articles=listing.articles, copies=listing.copies,
                       stories=None if after or any(filters.values())
                       else request.app.state.stories.get(store))
        if listing.next_cursor:
            context["next_url"] = "/?" + urlencode(
                {**{k: v for k, v in filters.items() if v}, "after": listing.next_cursor})
    return render(request, "index.html", **context)


@router.get("/articles/{article_id}")
def article(request: Request, store: StoreDep, article_id: str) -> Response:
    found = _article(store, article_id)
    view = views.copy_tree(store, found)
    return render(request, "article.html", article=found, paragraphs=marked_paragraphs(found),
                  removed=list(zip(found.removed, found.removed_reasons, strict=False)),
                  view=view)


@router.get("/articles/{article_id}/copies")
def copies(request: Request, store: StoreDep, article_id: str) -> Response:
    return render(request, "copies.html", view=views.copy_tree(store, _article(store, article_id)))


@router.get("/stories")
def stories(request: Request, store: StoreDep,
            outlet: str = "", language: str = "", since: str = "", until: str = "",
            offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
            limit: Annotated[int, Query(ge=1, le=100)] = PAGE) -> Response:
    """Every story, latest first, a page at a time, with the front page's filters."""
    from storywire.web.stories import story_page
    filters = {"outlet": outlet, "language": language, "since": since, "until": until}
    cards, more = story_page(store, outlet=outlet or None, language=language or None,
                             since=parse_day(since, "since"), until=parse_day(until, "until"),
                             limit=limit, offset=offset)
    chosen: dict[str, Any] = {k: v for k, v in filters.items() if v}
    if limit != PAGE:
        chosen["limit"] = limit
    return render(request, "stories.html", stories=cards, filters=filters,
                  facets=request.app.state.facets.get(store), offset=offset,
                  next_url="/stories?" + urlencode({**chosen, "offset": offset + limit})
                  if more else None,
                  previous_url="/stories?" + urlencode(
                      {**chosen, "offset": max(0, offset - limit)}) if offset else None)


@router.get("/stories/{key}")
def story(request: Request, store: StoreDep, key: str) -> Response:
    view = views.story(store, key)
    if view is None:
        raise HTTPException(404, f"no story or article {key!r}")
    return render(request, "story.html", story=view)


@router.get("/people")
def people(request: Request, store: StoreDep,
           offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> Response:
    found = views.people(store, PAGE + 1, offset)
    return render(request, "people.html", people=found[:PAGE],
                  next_url=f"/people?offset={offset + PAGE}" if len(found) > PAGE else None)


@router.get("/watches")
def watches(request: Request, store: StoreDep) -> Response:
    found = [(w, views.recent_alerts(store, w, 5)) for w in store.list_watches()]
    return render(request, "watches.html", watches=found)


@router.post("/watches")
def watch_add(request: Request, store: StoreDep, name: Annotated[str, Form(max_length=100)],
              query: Annotated[str, Form(max_length=1000)],
              webhook: Annotated[str, Form(max_length=2000)] = "",
              email: Annotated[str, Form(max_length=320)] = "",
              atom: Annotated[bool, Form()] = False,
              token: Annotated[str, Form(max_length=500)] = "") -> Response:
    check_write(request, token or None)
    try:
        targets = watch_targets(atoms=[atom_file(request, name)] if atom else [],
                                webhooks=[webhook] if webhook.strip() else [],
                                emails=[email] if email.strip() else [])
        add_watch(store, name, query, targets)
    except StoreBusy:
        raise  # 503 with Retry-After: the same form can be sent again later
    except (QueryError, ValueError, StoreError) as exc:
        found = [(w, views.recent_alerts(store, w, 5)) for w in store.list_watches()]
        return render(request, "watches.html", status=422, watches=found, error=str(exc),
                      form={"name": name, "query": query, "webhook": webhook, "email": email,
                            "atom": atom})
    return RedirectResponse(f"/watches/{quote(name.strip(), safe='')}", status_code=303)


def atom_file(request: Request, name: str) -> str:
    """Where the form's Atom target is written: a file named after the watch in the
    folder beside the database (``news.db`` → ``news-feeds/``), or ``storywire-feeds/`` in
    the server's working directory for a PostgreSQL store; a form never names a path on
    the server."""
    from storywire.store import is_postgres_url

    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80] or "watch"
    db = request.app.state.pool.db
    folder = (os.path.abspath("storywire-feeds") if is_postgres_url(db)
              else os.path.splitext(os.path.abspath(db))[0] + "-feeds")
    return os.path.join(folder, f"{slug}.atom")


@router.get("/watches/{name}")
def watch(request: Request, store: StoreDep, name: str) -> Response:
    record = store.get_watch(name)
    if record is None:
        raise HTTPException(404, f"no watch named {name!r}")
    return render(request, "watch.html", watch=record,
                  alerts=views.recent_alerts(store, record, 20),
                  matches=views.watch_test(store, record)[:PAGE])


@router.post("/watches/{name}/remove")
def watch_remove(request: Request, store: StoreDep, name: str,
                 token: Annotated[str, Form(max_length=500)] = "") -> Response:
    check_write(request, token or None)
    if not store.remove_watch(name):
        raise HTTPException(404, f"no watch named {name!r}")
    return RedirectResponse("/watches", status_code=303)
