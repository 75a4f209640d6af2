"""Publication dates from the many ways inputs spell them."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from dateutil import parser as dateparser


def parse_date(value: object) -> datetime | None:
    """ISO 8601, RFC 2822 or free text ("March 3, 2026 10:15 AM") to a datetime.

    Times with an offset are converted to UTC; naive ones are taken as UTC, which is what
    feeds and archives that omit the zone almost always mean.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                parsed = dateparser.parse(text)
            except (ValueError, OverflowError):
                return None
    if parsed.year < 1900 or parsed.year > 2200:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


_URL_DATE = re.compile(
    r"/(20\d\d|19\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def date_from_url(url: str | None) -> datetime | None:
    """The date many sites put in article paths: /2026/11/05/…, /2026-11-05-…, /20261105/."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return datetime(*map(int, match.groups()), tzinfo=UTC)
    except ValueError:
        return None
