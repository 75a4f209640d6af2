"""A coarse, year-level time for reports that carry no publication time.

An undated report (an alert paste, a text with no date line) is matched by its text alone,
so two look-alike events years apart (two elections of one country, two quakes in one
region) can meet in one story through their undated reports. Many reports name a year in
a date-like context ("in March 2008", "on October 21, 2011", "since 2010"); the latest
such year, never later than the report's ingest time, is read as the year the report
speaks from, and the story stage compares it at the resolution of whole years only.
"""

from __future__ import annotations

import re
from datetime import datetime

from storywire.model import Article

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_YEAR = r"((?:19|20)\d\d)\b"
# "March 2008", "October 21, 2011", "21 October 2011", "in 2008", "since mid-2010"
_DATED = (
    re.compile(r"\b" + _MONTH + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+" + _YEAR),
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+" + _YEAR),
    re.compile(r"\b(?:in|of|during|until|since)\s+(?:early\s+|late\s+|mid-?)?" + _YEAR),
)


def named_year(article: Article, now: datetime | None = None) -> int | None:
    """The latest year ``article``'s title and text name in a date-like context, never
    later than its ingest time (``now`` when it has none): a report that names a year to
    come ("a job guarantee until 2031") speaks from an earlier one. None when it names
    no year so."""
    limit = (article.ingested_at or now or datetime.now()).year
    text = "\n".join([article.title or "", *article.paragraphs])
    years = [int(m.group(1)) for pattern in _DATED for m in pattern.finditer(text)]
    return max((y for y in years if y <= limit), default=None)


def report_year(article: Article) -> int | None:
    """The year a report speaks from: its publication year, else the year its text names."""
    if article.published is not None:
        return article.published.year
    return named_year(article)


def year_gap(year: int | None, others: list[int]) -> int:
    """Whole years between ``year`` and the nearest of ``others`` beyond one (0 when
    either is unknown): a year-level time parts reports years apart, never reports of
    the same or adjacent years (one event's coverage across a new year)."""
    if year is None or not others:
        return 0
    return max(0, min(abs(year - other) for other in others) - 1)
