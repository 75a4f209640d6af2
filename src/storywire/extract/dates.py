"""Publication dates from the many ways inputs spell them."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache, lru_cache
from typing import Any, ClassVar

from dateutil import parser as dateutil_parser


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
                parsed = dateutil_parser.parse(text)
            except (ValueError, OverflowError):
                return None
    if parsed.year < 1900 or parsed.year > 2200:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


_URL_DATE = re.compile(
    r"/(20\d\d|19\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def is_bare_date(when: datetime) -> bool:
    """Whether a moment is a date without a time of day: read as midnight, it says the day
    and nothing of the hour."""
    return (when.hour, when.minute, when.second) == (0, 0, 0)


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
def english_months() -> frozenset[str]:
    """English month names and their short forms ("may", "sept"), from dateparser's
    locale data: a byline's date left after the name ("Joshua Sokol May")."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale("en").info
    return frozenset(word.casefold() for key in _NAME_KEYS[:12] for word in info.get(key, ()))


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
                                "TIMEZONE": "UTC", "PREFER_DATES_FROM": "past"}
    if now is not None:
        settings["RELATIVE_BASE"] = _to_utc(now).replace(tzinfo=None)
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


MAX_RELATIVE_WORDS = 7  # "Aktualizováno před 21 minutami", "il y a environ 3 heures"
_DAY_KEYS = ("0 day ago", "1 day ago", "2 day ago")  # today, yesterday, the day before
_UNIT_KEYS = ("year", "month", "week", "day", "hour", "minute", "second")
_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_ANY_CLOCK = re.compile(rf"{_DIGIT_CLOCK.pattern}|\b\d{{1,2}}\s?[ap]\.?\s?m\b", re.I)


@dataclass(frozen=True)
class _RelativeForms:
    """One language's relative stamps, from dateparser's locale data."""

    pattern: Any              # its "3 hours ago" expressions with a number, as one regex
    words: frozenset[str]     # the words of those expressions: "před", "minutou"
    ago: tuple[str, ...]      # "ago", "vor", "il y a"
    units: frozenset[str]     # "hours", "Stunden", "hodinami"
    numbers: frozenset[str]   # number words: "an", "einer", "une"
    days: frozenset[str]      # today, yesterday, the day before: "gestern", "hier"
    glue: frozenset[str]      # words dateparser skips ("about", "etwa", "at"), am and pm


@cache
def _relative_forms() -> dict[str, _RelativeForms]:
    """Per language of ``DATE_LANGUAGES`` that has them, its relative stamps' forms."""
    import regex
    from dateparser.languages.loader import default_loader

    def folded(words: Any) -> frozenset[str]:
        return frozenset(" ".join(str(w).casefold().split()) for w in words)

    out = {}
    for code in DATE_LANGUAGES:
        info = default_loader.get_locale(code).info
        found = info.get("relative-type-regex", {})
        patterns = [p for group in found.values() for p in group]
        if not patterns:
            continue
        numbers = folded(word for rule in info.get("simplifications", ())
                         for word, digits in rule.items()
                         if _TOKEN.fullmatch(word) and str(digits).isdigit())
        out[code] = _RelativeForms(
            pattern=regex.compile(f"(?:{'|'.join(patterns)})", regex.IGNORECASE),
            words=frozenset(_WORD_TOKEN.findall(re.sub(r"\\[a-zA-Z]", " ",
                                                       " ".join(patterns).casefold()))),
            ago=tuple(sorted(folded(info.get("ago", ())), key=len, reverse=True)),
            units=folded(w for key in _UNIT_KEYS for w in info.get(key, ())),
            numbers=numbers,
            days=folded(p for key in _DAY_KEYS for p in info.get("relative-type", {}).get(key, ())),
            glue=folded([*info.get("skip", ()), *info.get("am", ()), *info.get("pm", ())]))
    return out


def _is_relative(candidate: str, forms: _RelativeForms, clock: bool) -> bool:
    """Whether ``candidate`` (casefolded) is one of ``forms``' relative stamps: a number
    and a unit with the language's "ago", or a day word with at most a clock time, every
    other word one that dateparser skips."""
    if forms.pattern.fullmatch(candidate):  # "3 hours ago", "3 時間前"
        return True
    if clock:
        candidate = _ANY_CLOCK.sub(" ", candidate)
    rest = f" {candidate} "
    for ago in forms.ago:
        rest = rest.replace(f" {ago} ", " \0 ")
    words = [w for w in _WORD_TOKEN.findall(rest) if w not in forms.glue]
    counts = len(re.findall(r"\d+(?:[.,]\d+)?", rest)) + sum(w in forms.numbers for w in words)
    if "\0" in rest and counts == 1 and not clock:
        units = [w for w in words if w in forms.units]
        others = [w for w in words if w not in forms.units and w not in forms.numbers]
        return len(units) == 1 and not others
    return not any(c.isdigit() for c in rest) and " ".join(words) in forms.days


def relative_stamp(text: str) -> str | None:
    """The language of a short line that is a relative time stamp, in any of
    ``DATE_LANGUAGES``, or None. All from dateparser's locale data:

    - a number and a unit with the language's "ago", words dateparser skips aside ("3
      hours ago", "an hour ago", "vor etwa 3 Stunden", "před 2 hodinami", "3 時間前");
      after one leading word when the number is in digits ("Updated 12 minutes ago",
      "Aktualizováno před 21 minutami"). "He left 3 hours ago" is none;
    - a day word, alone or with a clock time ("Today", "Yesterday at 10:42 PM",
      "gestern, 18:30 Uhr"). "Fishing today" is a headline.

    A line that ends a sentence ("18 months ago.") is none. Then dateparser must read it.
    """
    words = text.split()
    if not words or len(words) > MAX_RELATIVE_WORDS:
        return None
    line = _DOTTED_MERIDIEM.sub(r"\1m", text).casefold().strip(" ,:;|")
    if not line or line.endswith("."):
        return None
    languages = _candidate_languages(line)
    if not languages:
        return None
    clock = bool(_ANY_CLOCK.search(line))
    parts = line.split(None, 1)
    lead = parts[1] if len(parts) > 1 else ""
    forms_of = _relative_forms()
    for code in languages:
        if _is_relative(line, forms_of[code], clock) and _readable(line, code):
            return code
    if not any(c.isdigit() for c in lead) or clock:
        return None
    for code in languages:
        forms = forms_of[code]
        if _ago_form(lead, forms) and _is_relative(lead, forms, False) and _readable(lead, code):
            return code
    return None


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # kana, CJK, hangul


def _candidate_languages(line: str) -> tuple[str, ...]:
    """The languages whose relative stamps ``line`` may be: every word after the first is
    one of their stamp words (most lines hold a word no stamp has, and are done here).
    Scripts written without spaces are tried in every language."""
    forms_of = _relative_forms()
    if _UNSPACED.search(line):
        return tuple(forms_of)
    index = _relative_index()
    tokens = _WORD_TOKEN.findall(line)
    if not tokens or any(token not in index for token in tokens[1:]):
        return ()
    found = {code for token in tokens for code in index.get(token, ())}
    return tuple(code for code in forms_of if code in found)


@cache
def _relative_index() -> dict[str, frozenset[str]]:
    """Every word of a relative stamp -> the languages it belongs to."""
    index: dict[str, set[str]] = {}
    for code, forms in _relative_forms().items():
        words = [*forms.words, *forms.ago, *forms.units, *forms.numbers, *forms.days,
                 *forms.glue]
        for token in _WORD_TOKEN.findall(" ".join(words)):
            index.setdefault(token, set()).add(code)
    return {token: frozenset(codes) for token, codes in index.items()}


def _ago_form(candidate: str, forms: _RelativeForms) -> bool:
    return any(f" {ago} " in f" {candidate} " for ago in forms.ago)


@lru_cache(maxsize=4096)
def _readable(candidate: str, language: str) -> bool:
    """Whether dateparser reads ``candidate`` in ``language`` (any base date will do)."""
    import dateparser

    try:
        return dateparser.parse(candidate, languages=[language], settings={
            "RELATIVE_BASE": datetime(2000, 1, 1)}) is not None
    except (ValueError, OverflowError, TypeError):
        return False


def relative_date(text: str, language: str, now: datetime | None) -> datetime | None:
    """When a relative stamp (``relative_stamp``) points to, counted back from ``now``."""
    if now is None:
        return None
    words = text.split()
    for rest in (words, words[1:]):
        if (parsed := _read(" ".join(rest), [language], now)) is not None:
            return parsed
    return None


# -- time-stamp lines: the cleaner's reading of a stamp ------------------------------

STAMP_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl")  # dateutil's readings besides English
_TZ_OFFSETS = {  # hours from UTC; the ambiguous US zones use their standard-time offset
    "utc": 0, "gmt": 0, "z": 0, "bst": 1, "wet": 0, "west": 1, "cet": 1, "cest": 2,
    "mez": 1, "mesz": 2, "eet": 2, "eest": 3, "et": -5, "est": -5, "edt": -4, "ct": -6,
    "cst": -6, "cdt": -5, "mt": -7, "mst": -7, "mdt": -6, "pt": -8, "pst": -8, "pdt": -7,
    "ist": 5.5, "jst": 9, "hkt": 8, "sgt": 8, "aest": 10, "aedt": 11,
}
_TZINFOS: dict[str, tzinfo] = {
    name.upper(): (UTC if not hours else timezone(timedelta(hours=hours)))
    for name, hours in _TZ_OFFSETS.items()
}
_JUMP_WORDS = ("de", "del", "le", "la", "à", "um", "uhr", "el", "em", "às", "as", "alle",
               "ore", "il", "om", "op", "feira", "den", "der", "du", "lo", "h")
_DATE_GLUE = frozenset({
    "at", "on", "of", "the", "de", "del", "le", "la", "à", "a", "um", "uhr", "h", "el", "em",
    "às", "as", "alle", "ore", "il", "om", "op", "am", "pm", "st", "nd", "rd", "th", "er",
    "t", "feira", "den", "der", "du", "lo", "y", "und", "et", "and", "e", "hrs", "hr",
}) | frozenset(_TZ_OFFSETS)


@dataclass(frozen=True)
class _StampTables:
    parserinfo: dateutil_parser.parserinfo  # dateutil's, with the names of ``STAMP_LANGUAGES``
    month_words: frozenset[str]
    vocabulary: frozenset[str]  # every word a time stamp may hold


@cache
def _stamp_tables() -> _StampTables:
    """dateutil's English month and weekday names plus those of ``STAMP_LANGUAGES``, from
    dateparser's locale data (built on first use: loading it costs start-up time). Only
    full weekday names are added to the parser: short ones ("mar", "mer") collide with
    months; they still mark a line as a stamp."""
    months, weekdays = month_and_weekday_names(STAMP_LANGUAGES)
    base = dateutil_parser.parserinfo

    class _ParserInfo(base):
        JUMP: ClassVar[list[str]] = [*base.JUMP, *_JUMP_WORDS]
        MONTHS: ClassVar[list[tuple[str, ...]]] = [
            tuple(en) + extra for en, extra in zip(base.MONTHS, months, strict=True)]
        WEEKDAYS: ClassVar[list[tuple[str, ...]]] = [
            tuple(en) + extra for en, extra in zip(base.WEEKDAYS, weekdays, strict=True)]

    month_words = frozenset(
        w.lower() for group in _ParserInfo.MONTHS for w in group) | {"sep", "sept"}
    weekday_names = frozenset(w.lower() for group in _ParserInfo.WEEKDAYS for w in group) | (
        weekday_words(("en", *STAMP_LANGUAGES)))  # with the short forms: "mar", "mié", "do"
    return _StampTables(_ParserInfo(), month_words,
                        month_words | weekday_names | _DATE_GLUE)


_ISO_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}([./-])\d{1,2}\1\d{2,4}\b")
_CLOCK = re.compile(r"\b\d{1,2}(?::|\s?h\s?)\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b", re.I)
_YEAR = re.compile(r"\b(?:1[89]|2[01])\d{2}\b")


def looks_like_stamp(text: str) -> bool:
    """Only date words, numbers and glue, anchored by a month, a clock time or d/m/y."""
    text = text.strip(" ,.;:|()")
    if not text or not any(ch.isdigit() for ch in text):
        return False
    if _ISO_DATE.fullmatch(text):
        return True
    if len(text.split()) > 10:
        return False
    rest = _ISO_DATE.sub(" ", text)
    rest = re.sub(r"\b([ap])\.m\.", r"\1m", rest, flags=re.I)
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", rest)
    if any(w.lower().rstrip(".") not in _stamp_tables().vocabulary for w in words):
        return False
    # Numbers left over must be a day or a year: "200 | 2020-08-01 17:56 | 1.64" is a
    # table row that happens to hold a time, not a time stamp.
    leftover = _CLOCK.sub(" ", _NUMERIC_DATE.sub(" ", rest))
    numbers = re.findall(r"\d+(?:[.,]\d+)*", leftover)
    if len(numbers) > 2 or not all(n.isdigit() and (int(n) <= 31 or 1900 <= int(n) <= 2100)
                                   for n in numbers):
        return False
    has_month = any(w.lower() in _stamp_tables().month_words for w in words)
    return bool(has_month or _CLOCK.search(rest) or _NUMERIC_DATE.search(rest)
                or _ISO_DATE.search(text))


def is_relative_stamp(text: str) -> bool:
    """Whether ``text`` is a relative time stamp (``relative_stamp``)."""
    return relative_stamp(text) is not None


def _to_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_stamp(text: str, now: datetime | None = None,
                dayfirst: bool | None = None) -> datetime | None:
    """A datetime for a time-stamp line, or None.

    Relative stamps ("3 hours ago", "gestern") and stamps without a year or a date need
    `now`; without it they give None rather than a guess. Absolute stamps without a zone
    are taken as UTC (as storywire.extract.dates does); zoned ones are converted to UTC.
    """
    text = " ".join(re.sub(r"\s+[|•·]\s+", " ", text).split()).strip(" ,;|")
    language = relative_stamp(text)
    if language is not None:
        return relative_date(text, language, now)
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        try:
            return _to_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
        except ValueError:
            return None
    return _parse_absolute(text, now, dayfirst)


def _dateutil(text: str, now: datetime | None, dayfirst: bool | None) -> datetime | None:
    base = datetime(now.year, now.month, now.day) if now else datetime(2000, 1, 1)
    try:
        parsed = dateutil_parser.parse(text, parserinfo=_stamp_tables().parserinfo,
                                       dayfirst=bool(dayfirst), fuzzy=False, default=base,
                                       tzinfos=_TZINFOS)
    except (ValueError, OverflowError):
        return None
    return _to_utc(parsed) if 1900 <= parsed.year <= 2200 else None


def _parse_absolute(text: str, now: datetime | None, dayfirst: bool | None) -> datetime | None:
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    numeric = _NUMERIC_DATE.search(text)
    has_date = bool(words & _stamp_tables().month_words or numeric)
    has_year = bool(_YEAR.search(text) or numeric)
    if (not has_date or not has_year) and now is None:
        return None  # "10:32 GMT" or "Nov 4" alone: the date or the year is unknown
    cleaned = re.sub(r"\b([ap])\.m\.", r"\1m", text, flags=re.I)
    cleaned = re.sub(r"(?<=\d)\.(?=\s+[^\W\d_])", " ", cleaned)  # "4. November"
    readings = [dayfirst]
    if dayfirst is None and numeric:
        first, second = (int(x) for x in re.split(r"[./-]", numeric.group(0))[:2])
        if first > 31 or second > 12 or first == second:
            readings = [False]  # 2026/11/04 (year first), 11/25/2026, 04/04/2026
        elif numeric.group(1) == "." or first > 12:
            readings = [True]  # dotted dates are day-first everywhere; 25/11/2026
        else:
            readings = [True, False]  # 06/11/2026: decided below
    parsed_all = [p for p in (_dateutil(cleaned, now, d) for d in readings) if p is not None]
    if not parsed_all:
        return None
    parsed = parsed_all[0]  # without `now`, day-first: the reading of most of the world
    if now is not None and len(parsed_all) > 1:
        # a page is read soon after it is published: the reading nearest before `now`
        reference = _to_utc(now) + timedelta(days=1)
        parsed = min(parsed_all, key=lambda p: (p > reference, abs(reference - p)))
    if now is not None and not _YEAR.search(text) and has_date:
        reference = _to_utc(now)
        if parsed > reference + timedelta(days=2):  # "Dec 30" read in January
            parsed = parsed.replace(year=parsed.year - 1)
    return parsed
