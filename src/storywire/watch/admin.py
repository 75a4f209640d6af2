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
from storywire.watch.digest import DIGEST_PERIODS
from storywire.watch.query import QueryError, parse_query


class WatchAdmin(ArticleStore, WatchStore):
    """What managing watches needs from a store."""


def watch_alert(record: AlertRecord, watch: str) -> Alert:
    """An alert as the senders (and a watch's Atom feed) see it."""
    return Alert(id=record.id, watch=watch, kind=record.kind, created_at=record.created_at,
                 payload=record.payload)


def watch_targets(atoms: Sequence[str] = (), webhooks: Sequence[str] = (),
                  emails: Sequence[str] = (), notify: Sequence[str] = ()) -> list[str]:
    """Delivery targets as stored ("atom:/abs/path", "webhook:URL", "email:ADDRESS",
    "apprise:URL"); a webhook that is not an http(s) URL, an address without "@", or a URL
    Apprise does not know is a ValueError."""
    for url in webhooks:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise ValueError(f"webhook {url}: not an http(s) URL")
    for address in emails:
        if "@" not in address or any(c.isspace() for c in address):
            raise ValueError(f"email {address}: not an e-mail address")
    if notify:
        from storywire.watch import check_apprise_url
        for url in notify:
            check_apprise_url(url)
    return ([f"atom:{os.path.abspath(p)}" for p in atoms]
            + [f"webhook:{u}" for u in webhooks] + [f"email:{a}" for a in emails]
            + [f"apprise:{u}" for u in notify])


def add_watch(store: WatchAdmin, name: str, query: str, targets: Sequence[str],
              digest: str | None = None) -> WatchRecord:
    """Check the query (QueryError says what is wrong) and save the watch (StoreError when
    the name is taken); ``digest`` (hourly | daily) sends one message per period."""
    if not name.strip():
        raise QueryError("a watch needs a name")
    if "\x00" in name or "\x00" in query:
        # Stored as text, which PostgreSQL refuses to hold a NUL in: refused on both stores.
        raise QueryError("a watch's name and query cannot contain a NUL character")
    if digest is not None and digest not in DIGEST_PERIODS:
        raise QueryError(f"digest {digest!r}: not one of {', '.join(DIGEST_PERIODS)}")
    parse_query(query)
    return store.add_watch(name.strip(), query, targets, digest)


def test_watch(store: WatchAdmin, record: WatchRecord) -> list[WatchStory]:
    """What the watch would have alerted on over every stored article (nothing recorded)."""
    query = parse_query(record.query)
    return simulate([a for a in store.iter_articles() if query.matches(a)])


def watch_alerts(store: WatchAdmin, record: WatchRecord, limit: int) -> list[Alert]:
    """The watch's newest alerts as the senders (and its Atom feed) see them."""
    return [watch_alert(a, record.name) for a in store.recent_alerts(record.id, limit)]
