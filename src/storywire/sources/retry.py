"""``Retry-After`` (RFC 9110, section 10.2.3): delay-seconds or an HTTP date."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

MAX_RETRY_AFTER = 86400.0  # a server cannot park a source for more than a day


def retry_after_seconds(value: str | None, now: datetime) -> float:
    """Seconds to wait from ``now``: ``120`` or ``Wed, 21 Oct 2026 07:28:00 GMT``; 0 for a
    missing, malformed or past value; capped at a day."""
    if not value or not (text := value.strip()):
        return 0.0
    if text.isdigit():
        return min(float(text), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return min(max(0.0, (when - now).total_seconds()), MAX_RETRY_AFTER)
