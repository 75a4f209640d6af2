"""What each page and its API twin show, read through the store and the shared modules.

Both faces of the web app (HTML pages and ``/api/``) call these functions, so a listing,
a copy tree or a watch's state is computed in one place — and the CLI's rules (copy trees,
lags, watch tests) are the same functions the CLI calls.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from storywire.copies import CopyTree, build_tree
from storywire.links import safe_link
from storywire.model import Article, utcnow
from storywire.search import search as run_search
from storywire.store import ArticleFilter, Store
from storywire.store.records import AlertRecord, DeliveryState, SearchHit, WatchRecord
from storywire.understand import people as people_module
from storywire.watch import Alert, alert_payload, observe
from storywire.watch.admin import test_watch
from storywire.web.story import StoryView, copy_rows
from storywire.web.story import build as build_story
from storywire.web.timeline import Timeline, layout

MAX_LIMIT = 100


def published(article: Article) -> str | None:
    return article.published.isoformat() if article.published else None


def summary(article: Article, copies: int = 0) -> dict[str, Any]:
    """An article as a list shows it."""
    return {"id": article.id, "title": article.title, "outlet": article.outlet,
            "authors": list(article.authors), "published": published(article),
            "language": article.language, "url": article.url, "copy_of": article.copy_of,
            "copy_kind": article.copy_kind, "story_id": article.story_id,
            "copies": copies, "lead": article.paragraphs[0] if article.paragraphs else ""}


@dataclass
class Listing:
    articles: list[Article]
    copies: dict[str, int]
    next_cursor: str | None


def latest(store: Store, *, outlet: str | None = None, language: str | None = None,
           since: date | None = None, until: date | None = None, originals: bool = True,
           limit: int = 20, after: str | None = None) -> Listing:
    """The newest articles (originals only by default) with their copies counted."""
    if until == date.max:  # the last day there is bounds nothing (and has no next day)
        until = None
    page = store.article_page(ArticleFilter(outlet=outlet, language=language,
                                            originals=originals, since=since, until=until,
                                            limit=limit), after)
    return Listing(page.articles, store.copy_counts([a.id for a in page.articles]),
                   page.next_cursor)


class Recent:
    """A value recomputed from the store at most every ``ttl`` seconds: what every front
    page shows but no front page should pay for (counting all articles for the filter
    menus, assembling the latest stories)."""

    def __init__(self, compute: Callable[[Store], Any], ttl: float) -> None:
        self.compute, self.ttl = compute, ttl
        self._value: Any = None
        self._at = -math.inf
        self._lock = threading.Lock()

    def get(self, store: Store) -> Any:
        with self._lock:
            if time.monotonic() - self._at > self.ttl:
                self._value, self._at = self.compute(store), time.monotonic()
            return self._value


def search(store: Store, query: str, limit: int, offset: int) -> list[SearchHit]:
    """The query language's matches (QueryError when it cannot be parsed or is over the
    budget: a 400, never a 500)."""
    return run_search(store, query, limit=limit, offset=offset)


@dataclass
class FoldedHit:
    """A search result with the copies of the same original that matched folded under
    it; the lead is the original when it matched, else the best-ranked copy."""

    hit: SearchHit
    copies: list[Article]


def fold_copies(hits: list[SearchHit]) -> list[FoldedHit]:
    """Hits in rank order, one per original: a wire story reprinted by five outlets is one
    result with its reprints under it, not six results in a row."""
    groups: dict[str, list[SearchHit]] = {}
    for hit in hits:
        groups.setdefault(hit.article.copy_of or hit.article.id, []).append(hit)
    folded = []
    for key, members in groups.items():
        lead = next((h for h in members if h.article.id == key), members[0])
        folded.append(FoldedHit(lead, [h.article for h in members if h is not lead]))
    return folded


@dataclass
class TreeView:
    article: Article
    tree: CopyTree
    rows: list[dict[str, Any]]
    timeline: Timeline


def copy_tree(store: Store, article: Article) -> TreeView:
    """The tree the article belongs to (as ``storywire copies`` builds it) with each copy's
    kind, similarity and lag, and the timeline of when each outlet reported."""
    original = (store.get_article(article.copy_of) if article.copy_of else None) or article
    tree = build_tree(original, store.copies_of(original.id))
    rows = [{**row, "article": summary(row["article"])} for row in copy_rows(tree)]
    return TreeView(article, tree, rows, layout(tree.original, tree.copies))


STORY_LIMIT = 500


def story(store: Store, key: str) -> StoryView | None:
    """The articles sharing ``story_id`` = key; before grouping, the original ``key`` and
    its copies (``watch.story_key``'s rule). None when neither exists."""
    articles = store.list_articles(ArticleFilter(story_id=key, limit=STORY_LIMIT))
    if articles:
        return build_story(key, articles, store.get_story(key))
    original = store.get_article(key)
    if original is None:
        return None
    if original.copy_of:
        original = store.get_article(original.copy_of) or original
    if original.story_id:
        return story(store, original.story_id)
    articles = [original, *store.copies_of(original.id)]
    key = original.id
    return build_story(key, articles)


def story_json(view: StoryView) -> dict[str, Any]:
    return {
        "id": view.key, "headline": view.headline, "outlets": view.outlets,
        "articles": view.articles, "people": view.people,
        "first_seen": view.first_seen.isoformat() if view.first_seen else None,
        "last_seen": view.last_seen.isoformat() if view.last_seen else None,
        "reports": [{**summary(r.tree.original),
                     "copies": [{**row, "article": summary(row["article"])}
                                for row in r.rows]} for r in view.reports],
        "timeline": [{"outlet": m.label, "published": m.when, "kind": m.kind,
                      "article": m.article_id} for m in view.timeline.marks],
        "quotes_by_speaker": [{"speaker": name, "quotes": quotes}
                              for name, quotes in view.speakers],
        "figures": [{"subject": f.subject, "disagree": f.disagree, "values": f.values}
                    for f in view.figures],
    }


def people(store: Store, limit: int, offset: int, scan: int = 5000) -> list[dict[str, Any]]:
    """People named or quoted in the newest ``scan`` articles that have any."""
    from storywire.web.recent import remembered

    gathered = remembered(store, f"people:{scan}",
                          lambda: [p.as_json() for p in
                                   people_module.list_people(store, scan=scan)])
    return gathered[offset:offset + limit]


def watch_json(record: WatchRecord) -> dict[str, Any]:
    return {"name": record.name, "query": record.query,
            "targets": [_public_target(t) for t in record.targets if not t.startswith("atom:")],
            "created_at": record.created_at.isoformat()}


@dataclass
class AlertView:
    alert: AlertRecord
    deliveries: list[DeliveryState]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.alert.id, "kind": self.alert.kind,
                "created_at": self.alert.created_at.isoformat(),
                "story": self.alert.story_key, "payload": self.alert.payload,
                "deliveries": [{"target": _public_target(d.target), "state": d.state,
                                "attempts": d.attempts, "last_error": d.last_error,
                                "sent_at": d.sent_at.isoformat() if d.sent_at else None}
                               for d in self.deliveries]}


def _public_target(target: str) -> str:
    """A file target's path stays on the server, and an Apprise URL's tokens with it:
    their kind (and service) is enough."""
    if target.startswith("atom:"):
        return "atom file"
    if target.startswith("apprise:"):
        scheme, sep, _ = target.removeprefix("apprise:").partition("://")
        return f"apprise:{scheme}://…" if sep else "apprise"
    return target


def recent_alerts(store: Store, record: WatchRecord, limit: int) -> list[AlertView]:
    alerts = store.recent_alerts(record.id, limit)
    states = store.deliveries([a.id for a in alerts])
    return [AlertView(a, states.get(a.id, [])) for a in alerts]


def watch_test(store: Store, record: WatchRecord) -> list[dict[str, Any]]:
    return [{"headline": s.headline, "outlets": s.outlets, "first_outlet": s.first_outlet,
             "first_seen": s.first_seen.isoformat() if s.first_seen else None,
             "link": s.link, "articles": s.articles, "story": s.story_key}
            for s in test_watch(store, record)]


def new_article_alerts(store: Store, limit: int, base_url: str = "/") -> list[Alert]:
    """The newest independent reports, each told like a watch's "new story" alert (with
    the outlets of its copies): the entries of the "all new articles" Atom feed. An
    article read from a file (no URL), or whose URL is not http(s), links to its page
    here."""
    found = []
    for article in store.article_page(ArticleFilter(originals=True, limit=limit)).articles:
        when = article.ingested_at or utcnow()
        state, _ = observe(None, article, 0, when)
        for copy in store.copies_of(article.id):
            state, _ = observe(state, copy, 0, when)
        # A URL that is not http(s) never becomes a link: the page here stands in for it.
        state.link = safe_link(state.link) or f"{base_url.rstrip('/')}/articles/{article.id}"
        found.append(Alert(id=article.id, watch="all", kind="new", created_at=when,
                           payload=alert_payload(state, "new", "all", "")))
    return found


def story_alerts(stories: list[dict[str, Any]], base_url: str) -> list[Alert]:
    """The latest stories told like a watch's alerts (updated when the story last grew):
    the entries of the "all new stories" Atom feed, linking to each story's page."""
    found = []
    for story in stories:
        updated = datetime.fromisoformat(story["last_seen"]) if story["last_seen"] \
            else utcnow()
        if updated.tzinfo is None:
            updated = updated.replace(tzinfo=UTC)
        found.append(Alert(id=story["id"], watch="all", kind="new", created_at=updated,
                           payload={"watch": "all", "query": "", "kind": "new",
                                    "story": story["id"], "headline": story["headline"],
                                    "outlets": story["outlets"],
                                    "new_outlets": story["outlets"],
                                    "first_report": {"outlet": (story["outlets"] or [None])[0],
                                                     "published": story["first_seen"]},
                                    "link": f"{base_url.rstrip('/')}/stories/{story['id']}",
                                    "articles": story["articles"]}))
    return found
