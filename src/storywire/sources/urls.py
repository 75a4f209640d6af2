"""Feed items keyed by a normalised URL, so one page reached by several spellings (with
tracking parameters, a fragment, a default port, another case of host) is fetched once.

courlan (trafilatura's URL library) does the work: it lower-cases scheme and host, drops
default ports, sorts the query and removes tracking parameters (``utm_*``, ``fbclid``,
``gclid`` …). The fragment never reaches the server, so it is dropped too.
"""

from __future__ import annotations

from urllib.parse import urldefrag

from courlan import normalize_url


def item_key(url: str) -> str:
    """The URL a feed item is stored, de-duplicated and fetched under."""
    try:
        normal = normalize_url(url)
    except ValueError:
        normal = url
    return urldefrag(normal).url
