"""Publication dates from the many ways inputs spell them."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from functools import cache
from typing import Any

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


# -- date lines in any language, by dateparser ----------------------------------------------

# The languages storywire identifies (extract/language.py), as dateparser's locale codes.
DATE_LANGUAGES = (
    "en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "sk", "sv", "da", "nb",
    "fi", "tr", "ar", "fa", "he", "hi", "zh", "ja", "ko", "el", "ro", "hu", "hr", "bg", "ca",
    "id", "vi")
_NAME_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "monday", "tuesday",
              "wednesday", "thursday", "friday", "saturday", "sunday")
_GLUE_KEYS = ("skip", "am", "pm")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_CLOCK_OR_YEAR = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b(?:1[89]|2[01])\d{2}\b")
MAX_DATE_WORDS = 10


@cache
def date_vocabulary() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Month and weekday names -> the languages that use them; and every language's glue
    words ("at", "um", "à", "AM"), all from dateparser's locale data."""
    from dateparser.languages.loader import default_loader

    names: dict[str, set[str]] = {}
    glue: set[str] = set()
    for code in DATE_LANGUAGES:
        info = default_loader.get_locale(code).info
        for key in _NAME_KEYS:
            for word in info.get(key, ()):
                for token in _TOKEN.findall(word.casefold()):
                    names.setdefault(token, set()).add(code)
        for key in _GLUE_KEYS:
            for word in info.get(key, ()):
                glue.update(_TOKEN.findall(word.casefold()))
    glue |= {"updated", "published", "posted", "on", "at", "gmt", "utc", "est", "edt",
             "cet", "cest", "bst", "pst", "pdt", "et", "pt"}
    return {w: frozenset(c) for w, c in names.items()}, frozenset(glue)


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


@cache
def month_and_weekday_names(languages: tuple[str, ...]
                            ) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """Twelve month-name groups and seven weekday-name groups (Monday first) in
    ``languages``, from dateparser's locale data, for dateutil's parser.

    A word that names a month in one language and a weekday in another ("mar") is left
    out of both, and so is a word shared by weekdays ("feira"); weekdays keep only full
    names (five letters or more), because short ones collide with months. Accent-free
    spellings are added ("fevrier", "aout").
    """
    from dateparser.languages.loader import default_loader

    infos = [default_loader.get_locale(code).info for code in languages]

    def tokens(key: str) -> list[str]:
        found: list[str] = []
        for info in infos:
            for word in info.get(key, ()):
                word = word.casefold().strip(".")
                for token in {word, *word.split("-"), _unaccented(word)}:
                    if token and token not in found and (token.isalpha() or "-" in token):
                        found.append(token)
        return found

    months = [tokens(key) for key in _NAME_KEYS[:12]]
    weekdays = [tokens(key) for key in _NAME_KEYS[12:]]
    month_words = {w for group in months for w in group}
    weekday_words = {w for group in weekdays for w in group}
    shared = Counter(w for group in weekdays for w in group)  # "feira" is every weekday's
    weekday_words |= {w for w, n in shared.items() if n > 1}
    weekdays = [[w for w in group if shared[w] == 1] for group in weekdays]
    return (tuple(tuple(w for w in g if w not in weekday_words) for g in months),
            tuple(tuple(w for w in g if w not in month_words and len(w) >= 5)
                  for g in weekdays))


@cache
def weekday_words(languages: tuple[str, ...]) -> frozenset[str]:
    """Every weekday name and abbreviation of ``languages`` ("mar", "mié", "do"), for telling
    a date line from text; too ambiguous to parse with, fine to recognise a date line by."""
    from dateparser.languages.loader import default_loader

    return frozenset(
        token for code in languages for key in _NAME_KEYS[12:]
        for word in default_loader.get_locale(code).info.get(key, ())
        for token in {word.casefold().strip("."), _unaccented(word.casefold().strip("."))}
        if token)


def date_line(text: str, now: datetime | None = None) -> datetime | None:
    """The date and time a short date line states, in any of ``DATE_LANGUAGES``.

    A cheap test comes first, so dateparser only sees lines made of a month or weekday name,
    numbers and glue words, with a year or a clock time: "December 12, 2018 at 10:05 AM",
    "4 listopadu 2026 14:05", "Ср, 12 дек 2018 10:05". Then dateparser reads it in the
    languages whose names it holds. None for anything else.
    """
    words = text.split()
    if not words or len(words) > MAX_DATE_WORDS or not any(c.isdigit() for c in text):
        return None
    if not _CLOCK_OR_YEAR.search(text) or len(re.findall(r"\d+", text)) < 2:
        return None  # "May 2014" is a month, not a publication date
    names, glue = date_vocabulary()
    languages: set[str] | None = None
    for token in _TOKEN.findall(text.casefold()):
        if token in names:
            languages = set(names[token]) if languages is None else languages | names[token]
        elif token not in glue:
            return None
    if languages is None:
        return None
    return _read(text, sorted(languages), now)


def _read(text: str, languages: list[str], now: datetime | None = None,
          whole: bool = False) -> datetime | None:
    """dateparser's reading of a date line in ``languages``, in UTC, past dates preferred
    (``whole``: only a date with its day, month and year)."""
    import dateparser

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC",
                                "PREFER_DATES_FROM": "past"}
    if now is not None:
        settings["RELATIVE_BASE"] = now.replace(tzinfo=None)
    if whole:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    try:
        parsed = dateparser.parse(text, languages=languages, settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parse_date(parsed)


_DIGIT_CLOCK = re.compile(r"\b\d{1,2}\s?[:.h]\s?\d{2}(?!\d)")


def is_date_only(text: str) -> bool:
    """Whether ``text`` says nothing but a date or time: month and weekday names (any of
    ``DATE_LANGUAGES``), numbers and glue ("Sunday, March 17, 2013 | 5: 00 PM", "Posted
    September 26, 2013-3: 47pm Updated September 27, 2013-6: 56am", "APR 28"). Such a
    line in a headline's or a site name's place is a time stamp a template put there."""
    if not any(c.isdigit() for c in text) or len(text.split()) > 2 * MAX_DATE_WORDS:
        return False
    names, glue = date_vocabulary()
    named = False
    for token in _TOKEN.findall(text.casefold()):
        if token in names:
            named = True
        elif token not in glue:
            return False
    return named or bool(_DIGIT_CLOCK.search(text))


_STAMP_LABEL = re.compile(r"^\W*(?:posted|published|updated)(?:\s+(?:at|on))?\b", re.I)
_SECOND_STAMP = re.compile(r"\s*[/|]?\s*\b(?:updated|modified)\b.*$", re.I)
_SPACED_DIGITS = re.compile(r"(\d)\s*([:/])\s*(?=\d)")  # "5: 00 PM", "01 / 5 / 2011"
_DOTTED_MERIDIEM = re.compile(r"\b([ap])\.\s?m\.", re.I)  # "7: 32 p. m."


def stamp_date(text: str) -> datetime | None:
    """The publication date a time-stamp line states, when it is a whole date (day, month
    and year): "Posted September 26, 2013-3: 47pm Updated September 27, 2013-6: 56am" is
    26 September 2013, 15:47. The first stamp of two is the posting; a label ("Posted",
    "PUBLISHED … AT") is no part of the date. None for a line that is not only a date
    (``is_date_only``) or names no whole date ("APR 28")."""
    if not is_date_only(text):
        return None
    line = _DOTTED_MERIDIEM.sub(r"\1m", _SPACED_DIGITS.sub(r"\1\2", text))
    line = _SECOND_STAMP.sub("", _STAMP_LABEL.sub("", line))
    line = line.replace("@", " ").replace("|", " ").strip(" ,-")
    names, _ = date_vocabulary()
    languages = sorted({code for token in _TOKEN.findall(line.casefold())
                        for code in names.get(token, ())}) or ["en"]  # "3/27/2012"
    return _read(line, languages, whole=True)


MAX_RELATIVE_WORDS = 5  # "Aktualizováno před 21 minutami", "Updated 3 hours ago"


@cache
def _relative_patterns() -> tuple[tuple[str, Any], ...]:
    """Per language, one pattern of dateparser's relative stamps with a number in them
    ("před 2 hodinami", "3 時間前", "il y a 5 minutes"), from its locale data."""
    import regex
    from dateparser.languages.loader import default_loader

    out = []
    for code in DATE_LANGUAGES:
        found = default_loader.get_locale(code).info.get("relative-type-regex", {})
        patterns = [p for group in found.values() for p in group]
        if patterns:
            joined = "|".join(patterns)
            out.append((code, regex.compile(f"(?:{joined})", regex.IGNORECASE)))
    return tuple(out)


def relative_stamp(text: str) -> str | None:
    """The language of a short line that is a relative time stamp, in any of
    ``DATE_LANGUAGES``: the whole line, or all of it but one leading word ("Updated",
    "Aktualizováno"), is one of dateparser's relative expressions with a number."""
    words = text.split()
    if not words or len(words) > MAX_RELATIVE_WORDS or not any(c.isdigit() for c in text):
        return None
    for rest in (words, words[1:]):
        candidate = " ".join(rest).casefold()
        if not candidate or not any(c.isdigit() for c in candidate):
            continue
        for code, pattern in _relative_patterns():
            if pattern.fullmatch(candidate):
                return code
    return None


def relative_date(text: str, language: str, now: datetime | None) -> datetime | None:
    """When a relative stamp (``relative_stamp``) points to, counted back from ``now``."""
    if now is None:
        return None
    import dateparser

    words = text.split()
    for rest in (words, words[1:]):
        try:
            parsed = dateparser.parse(" ".join(rest), languages=[language], settings={
                "RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC",
                "RELATIVE_BASE": now.replace(tzinfo=None)})
        except (ValueError, OverflowError, TypeError):
            continue
        if parsed is not None:
            return parse_date(parsed)
    return None
