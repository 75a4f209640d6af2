"""A few seconds' memory for the pages that read many articles (people, the story feed).

Twenty clients asking for `/people` at once would each read and gather thousands of
articles; with this, one request computes and the others wait for it and reuse its
answer. An answer is kept for ``FLOOR`` seconds whatever happens (while an ingest adds
articles every moment, the page is computed at most once a second), then while the store
holds the same number of articles, for at most ``TTL`` seconds (articles are also changed
in place: parsed, re-grouped).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from storywire.store import Store

TTL = 5.0
FLOOR = 1.0
T = TypeVar("T")

_locks: dict[tuple[str, str], threading.Lock] = {}
_answers: dict[tuple[str, str], tuple[Any, float, Any]] = {}
_guard = threading.Lock()


def remembered(store: Store, name: str, compute: Callable[[], T]) -> T:
    """``compute()``'s answer for this store, reused while it is fresh."""
    slot = (str(getattr(store, "path", id(store))), name)
    with _guard:
        lock = _locks.setdefault(slot, threading.Lock())
    with lock:
        kept = _answers.get(slot)
        age = time.monotonic() - kept[1] if kept is not None else TTL
        if kept is not None and age < FLOOR:
            return kept[2]
        fingerprint = store.count_articles()
        if kept is not None and kept[0] == fingerprint and age < TTL:
            return kept[2]
        value = compute()
        _answers[slot] = (fingerprint, time.monotonic(), value)
        return value
