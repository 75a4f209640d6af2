"""Where story grouping (issue 4) plugs into the web face.

``latest_stories`` returns None while the store offers no stories, and the front page then
shows articles only. When the stories branch lands, this is the one function to fill (from
the store's story listing) — the front page, its API twin and the Atom feed of new stories
already show what it returns: dicts with ``id``, ``headline``, ``outlets``, ``articles``,
``first_seen``, ``last_seen`` and ``people``.
"""

from __future__ import annotations

from typing import Any

from storywire.store import Store


def latest_stories(store: Store, limit: int = 20) -> list[dict[str, Any]] | None:
    listing = getattr(store, "list_stories", None)
    if listing is None:
        return None
    try:
        found = listing(limit=limit)
    except TypeError:  # a signature this face does not know yet: show articles only
        return None
    return [s if isinstance(s, dict) else dict(vars(s)) for s in found]
