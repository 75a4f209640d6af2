"""Which URLs may become links: only ``http`` and ``https`` ones.

An article's URL comes from a feed, a record or a page, so it is outside input. Shown as a
link in a page, an Atom entry, an e-mail or a webhook's payload, a ``javascript:`` or
``data:`` URL would run in the reader's browser, feed reader or mail client. Every face asks
this module before it makes a link, and shows any other URL as text (or not at all).
"""

from __future__ import annotations

from urllib.parse import urlsplit

LINK_SCHEMES = ("http", "https")


def safe_link(url: object) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host and no control character or
    white space a parser could read differently, else None."""
    if not isinstance(url, str) or not url or len(url) > 8192:
        return None
    if any(c.isspace() or not c.isprintable() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # an unbalanced IPv6 bracket
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return url
