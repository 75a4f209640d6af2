"""How long a fetched document stays fresh, from its HTTP caching headers (RFC 9111).

Used for robots.txt: RFC 9309 lets a crawler keep it for its HTTP lifetime, but not more
than a day. ``Cache-Control: max-age`` (or ``s-maxage``) wins over ``Expires``; without
either, the caller's default applies.
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime

_MAX_AGE = re.compile(r"(?:^|,)\s*(s-maxage|max-age)\s*=\s*\"?(\d+)\"?", re.I)


def http_lifetime(headers: dict[str, str], default: float, floor: float = 60.0,
                  ceiling: float = 86400.0) -> float:
    """Seconds the response may be reused: its stated lifetime between ``floor`` and
    ``ceiling``, else ``default``. ``no-store``/``no-cache`` count as the floor."""
    control = headers.get("cache-control", "")
    if re.search(r"\b(no-store|no-cache)\b", control, re.I):
        return floor
    ages = {name.lower(): int(value) for name, value in _MAX_AGE.findall(control)}
    seconds: float | None = ages.get("s-maxage", ages.get("max-age"))
    if seconds is None and headers.get("expires"):
        try:
            expires = parsedate_to_datetime(headers["expires"])
            date = parsedate_to_datetime(headers["date"]) if headers.get("date") else None
        except (TypeError, ValueError):
            expires = date = None
        if expires is not None and date is not None and expires.tzinfo and date.tzinfo:
            seconds = (expires - date).total_seconds()
    if seconds is None:
        return default
    return min(ceiling, max(floor, seconds))
