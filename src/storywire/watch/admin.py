"""Watches as the faces manage them: the CLI and the web add, test and list watches here.

Both faces call these functions, so a watch added from the command line and one added from
the web page are checked and stored the same way; the monitor only evaluates them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from urllib.parse import urlsplit

from storywire.model import WatchStory
from storywire.store.protocols import ArticleStore, WatchStore
from storywire.store.records import AlertRecord, WatchRecord
from storywire.watch.alerts import simulate
from storywire.watch.deliver import Alert
from storywire.watch.query import QueryError, parse_query


class WatchAdmin(ArticleStore, WatchStore):
    """What managing watches needs from a store."""


def watch_alert(record: AlertRecord, watch: str) -> Alert:
    """An alert as the senders (and a watch's Atom feed) see it."""
    return Alert(id=record.id, watch=watch, kind=record.kind, created_at=record.created_at,
                 payload=record.payload)


def watch_targets(atoms: Sequence[str] = (), webhooks: Sequence[str] = (),
                  emails: Sequence[str] = ()) -> list[str]:
    """Delivery targets as stored ("atom:/abs/path", "webhook:URL", "email:ADDRESS");
    a webhook that is not an http(s) URL, or an address without "@", is a ValueError."""
    for url in webhooks:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise ValueError(f"webhook {url}: not an http(s) URL")
    for address in emails:
        if "@" not in address or any(c.isspace() for c in address):
            raise ValueError(f"email {address}: not an e-mail address")
    return ([f"atom:{os.path.abspath(p)}" for p in atoms]
            + [f"webhook:{u}" for u in webhooks] + [f"email:{a}" for a in emails])


def add_watch(store: WatchAdmin, name: str, query: str, targets: Sequence[str]) -> WatchRecord:
    """Check the query (QueryError says what is wrong) and save the watch (StoreError when
    the name is taken)."""
    if not name.strip():
        raise QueryError("a watch needs a name")
    parse_query(query)
    return store.add_watch(name.strip(), query, targets)


def test_watch(store: WatchAdmin, record: WatchRecord) -> list[WatchStory]:
    """What the watch would have alerted on over every stored article (nothing recorded)."""
    query = parse_query(record.query)
    return simulate([a for a in store.iter_articles() if query.matches(a)])


def watch_alerts(store: WatchAdmin, record: WatchRecord, limit: int) -> list[Alert]:
    """The watch's newest alerts as the senders (and its Atom feed) see them."""
    return [watch_alert(a, record.name) for a in store.recent_alerts(record.id, limit)]
