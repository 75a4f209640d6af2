"""When a watch alerts: once per story when it first matches, then at most one update per
period while the story gains outlets. Pure functions over a story's state (WatchStory).

A story is ``article.story_id`` (the stories stage's grouping); before grouping has run,
a copy counts under its original (``copy_of``, which copies inherit anyway) and any other
article is its own story.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from storywire.links import safe_link
from storywire.model import Article, WatchStory


@dataclass(frozen=True)
class AlertOptions:
    update_period: float = 3600.0  # seconds: at most one update per story per watch per period
    # A story that starts within this many seconds of a "new" alert of the same watch and
    # whose first matching report would join that alert's story and the report that
    # started it, publication dates aside, is told as an update of it (0: never). Dates
    # keep stories apart (a quiet period closes them), but a reader told about an event
    # an hour ago is not told it again because one outlet's page carries an odd date.
    retell_window: float = 86400.0
    # ... how far above the story stage's join threshold it must score against the story.
    retell_margin: float = 0.2
    # Seconds a story with one independent report waits before its "new" alert goes out
    # (at the first cycle after; 0: at once). Meanwhile a second report may join it, the
    # story stage may fold it into another story, or it may turn out to retell a story
    # the watch told about: then no second "new" alert is sent for one event. Off: on the
    # development replay an hour's or two hours' wait removed no duplicate, and it delays
    # every first alert (docs/monitor.md).
    settle: float = 0.0


def story_key(article: Article) -> str:
    return article.story_id or article.copy_of or article.id


def _outlet(article: Article) -> str:
    return article.outlet or "(unknown outlet)"


def _when(article: Article) -> datetime | None:
    return article.published or article.ingested_at


def report_order(when: datetime | None, copy: bool) -> tuple[bool, bool, datetime, bool]:
    """How reports sort for "first report": any original before any copy, then earlier
    before later (undated last). A date without a time of day (midnight exactly) sorts at
    the end of its day, so it never comes before a timed report of the same day."""
    if when is None:
        return copy, True, datetime.max.replace(tzinfo=UTC), True
    day_only = (when.hour, when.minute, when.second, when.microsecond) == (0, 0, 0, 0)
    at = when + timedelta(days=1) - timedelta(microseconds=1) if day_only else when
    return copy, False, at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC), day_only


def _first_report(state: WatchStory, article: Article) -> None:
    """Make ``article`` the story's first report: its outlet, date, headline and link."""
    state.first_seen, state.first_outlet = _when(article), _outlet(article)
    state.first_article, state.first_copy = article.id, article.copy_of is not None
    state.headline = article.title or state.headline
    state.link = article.url or state.link


def observe(state: WatchStory | None, article: Article, watch_id: int,
            now: datetime) -> tuple[WatchStory, bool]:
    """Fold a matching article into its story's state; True when this is the story's first
    match, so a "new" alert is due now (its outlets count as alerted).

    The first report is the earliest independent report: an original, never a copy while
    an original is known, with its own headline and link (``report_order``)."""
    outlet = _outlet(article)
    if state is None:
        state = WatchStory(
            watch_id=watch_id, story_key=story_key(article), outlets=[outlet],
            alerted_outlets=[outlet], articles=[article.id], headline=None,
            first_outlet=None, first_seen=None, link=None, last_alert_at=now)
        _first_report(state, article)
        return state, True
    if article.id in state.articles:
        return state, False
    state = replace(state, outlets=list(state.outlets), articles=[*state.articles, article.id])
    if outlet not in state.outlets:
        state.outlets.append(outlet)
    if report_order(_when(article), article.copy_of is not None) < report_order(
            state.first_seen, state.first_copy):
        _first_report(state, article)
    if not state.headline:
        state.headline = article.title
    return state, False


def update_due(state: WatchStory, now: datetime, options: AlertOptions) -> bool:
    """New outlets since the last alert, and the period since it has passed."""
    fresh = set(state.outlets) - set(state.alerted_outlets)
    return not state.held and bool(fresh) and \
        now - state.last_alert_at >= timedelta(seconds=options.update_period)


def mark_alerted(state: WatchStory, now: datetime) -> tuple[WatchStory, list[str]]:
    """The state after an update alert, and the outlets that update announces."""
    fresh = [o for o in state.outlets if o not in state.alerted_outlets]
    return replace(state, alerted_outlets=list(state.outlets), last_alert_at=now), fresh


def alert_payload(state: WatchStory, kind: str, watch_name: str, query: str,
                  new_outlets: list[str] | None = None) -> dict[str, Any]:
    """What every delivery shows: the story's headline, outlets, first report and link."""
    return {
        "watch": watch_name,
        "query": query,
        "kind": kind,
        "story": state.story_key,
        "headline": state.headline or "(untitled)",
        "outlets": list(state.outlets),
        "new_outlets": list(new_outlets or state.outlets),
        "first_report": {"outlet": state.first_outlet,
                         "published": state.first_seen.isoformat() if state.first_seen
                         else None},
        "link": safe_link(state.link),
        "articles": len(state.articles),
    }


def simulate(matching: list[Article], watch_id: int = 0) -> list[WatchStory]:
    """The stories a watch would have alerted on over ``matching`` (its matching articles,
    in storage order): what ``storywire watch test`` shows, nothing recorded."""
    stories: dict[str, WatchStory] = {}
    for article in matching:
        key = story_key(article)
        state, _ = observe(stories.get(key), article, watch_id,
                           article.ingested_at or datetime.min)
        stories[key] = state
    return list(stories.values())
