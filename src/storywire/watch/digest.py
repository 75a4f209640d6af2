"""Digests: a watch that gathers its alerts sends one message per period (an hour or a
day, in UTC) listing the stories that were new and the ones that grew in it.

The per-story alerts are still recorded as they happen (so ``watch test``, the web page and
the Atom feed of a watch's alerts stay the same); only the message sent is the digest. Pure
functions: the monitor decides when to call them and records the digest as an alert.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from storywire.store.records import AlertRecord

DIGEST_PERIODS = {"hourly": timedelta(hours=1), "daily": timedelta(days=1)}


def period_start(when: datetime, digest: str) -> datetime:
    """The start (UTC) of the hour or day that ``when`` falls in."""
    if digest not in DIGEST_PERIODS:
        raise ValueError(f"digest {digest!r}: not one of {', '.join(DIGEST_PERIODS)}")
    utc = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    start = utc.replace(minute=0, second=0, microsecond=0)
    return start.replace(hour=0) if digest == "daily" else start


def closed_alerts(alerts: Sequence[AlertRecord], digest: str,
                  now: datetime) -> list[AlertRecord]:
    """The story alerts of the periods that are over by ``now``: what is due in a digest
    (the current period's alerts wait for its end)."""
    current = period_start(now, digest)
    return [a for a in alerts if a.kind in ("new", "update")
            and period_start(a.created_at, digest) < current]


def digest_payload(watch: str, query: str, digest: str,
                   alerts: Sequence[AlertRecord]) -> dict[str, Any]:
    """One message for these alerts: each story once (new, or grown when it was alerted
    before the period), with every outlet it has and those it gained."""
    stories: dict[str, dict[str, Any]] = {}
    for alert in alerts:
        p = alert.payload
        entry = stories.get(alert.story_key)
        if entry is None:
            stories[alert.story_key] = {
                "story": alert.story_key, "kind": "new" if alert.kind == "new" else "grown",
                "headline": p.get("headline") or "(untitled)", "outlets": list(p["outlets"]),
                "new_outlets": list(p.get("new_outlets") or p["outlets"]),
                "link": p.get("link"), "first_report": p.get("first_report")}
            continue
        entry["outlets"] = list(p["outlets"])
        entry["new_outlets"] += [o for o in p.get("new_outlets") or []
                                 if o not in entry["new_outlets"]]
    listed = list(stories.values())
    new = sum(s["kind"] == "new" for s in listed)
    grown = len(listed) - new
    start = period_start(alerts[0].created_at, digest)
    end = period_start(alerts[-1].created_at, digest) + DIGEST_PERIODS[digest]
    return {
        "watch": watch, "query": query, "kind": "digest", "digest": digest,
        "headline": f"{plural(new, 'new story', 'new stories')}, "
                    f"{plural(grown, 'grown story', 'grown stories')}",
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "covers": alerts[-1].id, "stories": listed,
        "outlets": sorted({o for s in listed for o in s["outlets"]}),
        "new_outlets": [], "link": listed[0]["link"] if len(listed) == 1 else None,
        "articles": sum(a.payload.get("articles", 0) for a in alerts if a.kind == "new"),
    }


def plural(n: int, one: str, many: str) -> str:
    """``1 new story``, ``3 new stories``."""
    return f"{n} {one if n == 1 else many}"
