"""A store's state as one comparable value, and the differences between two states.

Fault tests (concurrent writers, kills, full disks) end by comparing a store with the one
an uninterrupted, sequential run made. What may differ is left out: when a row was
written, which input file a capture shared by two inputs was first read from, and the
names of story ids (a story is compared by the articles it holds).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

# Export fields that depend on timing or on which of two processes stored a capture first.
_UNSTABLE = {"origin", "story_id"}


@dataclass
class StoreState:
    integrity: str
    captures: dict[str, str | None]  # sha256 -> extraction error
    articles: dict[str, dict[str, Any]]  # id -> export fields, story as its members
    learned: dict[tuple[str, str], int]  # (outlet, line key) -> articles carrying it
    outlets: dict[str, int]  # outlet -> articles counted
    alerts: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    deferred: dict[str, int] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)

    @property
    def items(self) -> int:
        """How many things the state holds: captures, articles, alerts."""
        return len(self.captures) + len(self.articles) + sum(self.alerts.values())


def read_state(path: str | Path) -> StoreState:
    """Everything a run leaves in the store at ``path`` that a fault must not change."""
    from storywire.store import open_store

    db = sqlite3.connect(str(path))
    try:
        integrity = "; ".join(row[0] for row in db.execute("PRAGMA integrity_check"))
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'capture'").fetchone() is None:
            # Killed before its first migration committed (or before it opened the store):
            # a store that holds nothing yet, which the next run migrates.
            return StoreState(integrity, {}, {}, {}, {})
        captures = dict(db.execute("SELECT sha256, error FROM capture"))
        learned = {(outlet, key): n for outlet, key, n in db.execute(
            "SELECT outlet, line_key, articles FROM outlet_line")}
        outlets = dict(db.execute("SELECT outlet, articles FROM outlet_stat"))
        alerts = Counter((name, key, kind) for name, key, kind in db.execute(
            "SELECT w.name, a.story_key, a.kind FROM alert a JOIN watch w ON w.id = a.watch_id"))
        deferred = dict(db.execute("SELECT kind, count(*) FROM deferred GROUP BY kind"))
        duplicates = [f"capture {sha} stored as {n} articles" for sha, n in db.execute(
            "SELECT capture_sha256, count(*) FROM article GROUP BY 1 HAVING count(*) > 1")]
    finally:
        db.close()
    with open_store(path) as store:
        exported = [article.to_export() for article in store.iter_articles()]
    members: dict[str | None, list[str]] = {}
    for row in exported:
        members.setdefault(row["story_id"], []).append(row["id"])
    articles = {}
    for row in exported:
        story = sorted(members[row["story_id"]]) if row["story_id"] else None
        articles[row["id"]] = {**{k: v for k, v in row.items() if k not in _UNSTABLE},
                               "story": story}
    duplicates += [f"alert {key} made {n} times" for key, n in alerts.items() if n > 1]
    return StoreState(integrity, captures, articles, learned, outlets, alerts, deferred,
                      duplicates)


def differences(got: StoreState, want: StoreState, limit: int = 20,
                arrival_free: bool = False) -> list[str]:
    """Field-by-field differences of ``got`` from ``want`` (at most ``limit`` lines).

    ``arrival_free`` is for writers that ran at the same time, whose inputs have no one
    order: a copy tree whose original was chosen only as the one stored first is compared
    by its members, not by which of them became the root.
    """
    if arrival_free:
        got, want = _by_copy_tree(got), _by_copy_tree(want)
    found: list[str] = []
    if got.integrity != "ok":
        found.append(f"integrity check: {got.integrity}")
    found += got.duplicates
    if got.deferred:
        found.append(f"work still owed: {got.deferred}")
    _keys(found, "capture", got.captures, want.captures)
    for sha, error in want.captures.items():
        if sha in got.captures and got.captures[sha] != error:
            found.append(f"capture {sha[:12]}: error {got.captures[sha]!r} != {error!r}")
    _keys(found, "article", got.articles, want.articles)
    for article_id, fields in want.articles.items():
        other = got.articles.get(article_id)
        if other is None:
            continue
        for name, value in fields.items():
            if other.get(name) != value:
                found.append(f"article {article_id}: {name} differs: "
                             f"{_short(other.get(name))} != {_short(value)}")
    if got.learned != want.learned:
        changed = {k for k in got.learned.keys() | want.learned.keys()
                   if got.learned.get(k) != want.learned.get(k)}
        found.append(f"learned line counts differ for {len(changed)} lines, e.g. "
                     f"{sorted(changed)[:3]}")
    if got.outlets != want.outlets:
        found.append("outlet article counts differ")
    if got.alerts != want.alerts:
        found.append(f"alerts differ: {sorted((got.alerts - want.alerts).elements())[:3]} "
                     f"more, {sorted((want.alerts - got.alerts).elements())[:3]} fewer")
    return found[:limit]


_COPY_FIELDS = ("copy_of", "copy_kind", "copy_evidence")


def _by_copy_tree(state: StoreState) -> StoreState:
    """``state`` with the copy fields of arrival-ordered trees replaced by the tree's
    members: which member is the root there depends only on which write came first."""
    trees: dict[str, list[str]] = {}
    for article_id, fields in state.articles.items():
        trees.setdefault(fields.get("copy_of") or article_id, []).append(article_id)
    arrival: set[str] = set()
    for root, members in trees.items():
        evidence = [state.articles[m].get("copy_evidence") or {} for m in members if m != root]
        if any(e.get("original_because") == "stored first" for e in evidence):
            arrival.update(members)
    articles = {}
    for article_id, fields in state.articles.items():
        if article_id in arrival:
            root = fields.get("copy_of") or article_id
            fields = {k: v for k, v in fields.items() if k not in _COPY_FIELDS}
            fields["copy tree"] = sorted(trees[root])
        articles[article_id] = fields
    return replace(state, articles=articles)


def _keys(found: list[str], what: str, got: dict[str, Any], want: dict[str, Any]) -> None:
    for key in sorted(want.keys() - got.keys())[:5]:
        found.append(f"{what} {key[:16]} lost")
    for key in sorted(got.keys() - want.keys())[:5]:
        found.append(f"{what} {key[:16]} not in the reference")


def _short(value: Any, width: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= width else text[:width - 1] + "…"
