"""Views over several articles: who said what, and figures the outlets report differently.

Pure functions of a list of ``Article`` (with ``outlet``, ``quotes`` and ``figures``
filled), for the CLI and the story view. A quote carried by several outlets (a wire story
and its copies) is shown once with all its sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from storywire.model import Article

_WORD = re.compile(r"\w+")


def quote_key(text: str) -> str:
    """Quotes are the same when their words are, whatever the marks, case and spacing."""
    return " ".join(_WORD.findall(text.lower()))


@dataclass
class Source:
    article_id: str
    outlet: str | None
    title: str | None = None


@dataclass
class SaidQuote:
    text: str
    kind: str
    cue: str | None
    speaker: str | None
    speaker_description: str | None
    sources: list[Source] = field(default_factory=list)


@dataclass
class SpeakerQuotes:
    speaker: str | None  # None: unnamed speakers, each kept with its description
    quotes: list[SaidQuote] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return sorted({s.outlet or "(unknown)" for q in self.quotes for s in q.sources})


def grouped_quotes(articles: list[Article], speaker: str | None = None) -> list[SaidQuote]:
    """Every quote once, with each article carrying it as a source, in first-seen order.
    ``speaker`` keeps only quotes whose speaker's name contains it (case folded)."""
    found: dict[str, SaidQuote] = {}
    for article in articles:
        for quote in article.quotes:
            name = quote.get("speaker")
            if speaker and (not name or speaker.lower() not in name.lower()):
                continue
            key = quote_key(quote.get("text", ""))
            if not key:
                continue
            said = found.get(key)
            if said is None:
                said = found[key] = SaidQuote(quote["text"], quote.get("kind", "direct"),
                                              quote.get("cue"), name,
                                              quote.get("speaker_description"))
            elif said.speaker is None and name:
                said.speaker = name  # one outlet named the speaker another left unnamed
            if all(s.article_id != article.id for s in said.sources):
                said.sources.append(Source(article.id, article.outlet, article.title))
    return list(found.values())


def speaker_key(name: str | None) -> str | None:
    """One key for "The Technology Workers Union" and "the Technology Workers Union"."""
    if not name:
        return None
    return re.sub(r"^the\s+", "", " ".join(name.split()).casefold())


def person_folds(keys: list[str]) -> dict[str, str]:
    """Folded person names that are a shorter form of exactly one fuller name among
    ``keys`` (its last name, or first and last name of a longer one) -> that name."""
    out = {}
    for key in keys:
        words = key.split()
        fuller = [other for other in keys if other != key and len(other.split()) > len(words)
                  and other.split()[-1] == words[-1] and set(words) <= set(other.split())]
        if len(fuller) == 1 or (fuller and all(
                set(f.split()) <= set(max(fuller, key=len).split()) for f in fuller)):
            out[key] = max(fuller, key=len)
    return out



def who_said_what(articles: list[Article]) -> list[SpeakerQuotes]:
    """Quotes grouped by speaker (case and a leading "the" aside, a surname under the one
    fuller name it is short for), most quoted first; unnamed speakers last. A group is
    named as its fullest, first capitalised spelling."""
    by_speaker: dict[str | None, SpeakerQuotes] = {}
    said_all = grouped_quotes(articles)
    keys = {speaker_key(s.speaker) for s in said_all} - {None}
    fuller = person_folds(sorted(k for k in keys if k))
    named = {speaker_key(s.speaker): s.speaker for s in said_all if s.speaker}
    for said in said_all:
        key = speaker_key(said.speaker)
        if key in fuller:
            key = fuller[key]
            said.speaker = named[key]
        group = by_speaker.setdefault(key, SpeakerQuotes(said.speaker))
        if group.speaker and said.speaker and group.speaker[:1].islower() \
                and said.speaker[:1].isupper():
            group.speaker = said.speaker
        group.quotes.append(said)
    return sorted(by_speaker.values(),
                  key=lambda g: (g.speaker is None, -len(g.quotes), g.speaker or ""))


@dataclass
class Report:
    outlet: str | None
    article_id: str
    value: float
    qualifier: str | None
    low: float | None
    high: float | None
    sentence: str
    shown: str = ""  # as written and normalised ("$3.1 million", "about 200")


# Qualifiers that bound a figure from below or above; the others ("about", "some") say
# it is rounded, which does not make "about 15,000" and "some 15,000" disagree.
_AT_LEAST = frozenset(("more than", "at least", "over", "above", "upwards of", "in excess of",
                       "just over", "as many as", "as much as"))
_AT_MOST = frozenset(("up to", "fewer than", "less than", "nearly", "almost", "under",
                      "below", "just under", "at most", "no more than", "close to"))


def _bound(qualifier: str | None) -> str:
    return "min" if qualifier in _AT_LEAST else "max" if qualifier in _AT_MOST else "="


@dataclass
class FigureComparison:
    subject: str
    reports: list[Report]

    @property
    def agree(self) -> bool:
        return len({(r.value, _bound(r.qualifier)) for r in self.reports}) == 1


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# What happened to what a figure counts, as the understand stage writes it after the noun
# ("people killed"); the dead and the injured are people killed and injured.
_EVENTS = frozenset(("killed", "died", "injured", "wounded", "hurt", "treated",
                     "hospitalised", "hospitalized", "arrested", "detained", "evacuated",
                     "displaced", "rescued", "stranded", "trapped", "affected", "cut",
                     "lost", "hired", "recruited", "employed", "shed", "eliminated",
                     "infected", "vaccinated", "shot", "charged", "convicted", "deported",
                     "saved", "created", "added", "destroyed", "damaged", "flooded",
                     "missing", "sold", "voted", "signed", "protested", "marched",
                     "striking", "cancelled", "delayed", "grounded", "closed"))
_SAME_AS = {"dead": ("people", "killed"), "death": ("people", "killed"),
            "fatality": ("people", "killed"), "toll": ("people", "killed"),
            "injury": ("people", "injured"), "casualty": ("people", "injured")}
# Units measure, they are not what is measured: "8 kilometres" and "60 kilometres" from
# two places are not one subject counted differently.
_UNITS = frozenset(("kilometre", "kilometer", "km", "metre", "meter", "mile", "foot",
                    "feet", "inch", "hour", "minute", "second", "day", "week", "month",
                    "year", "time", "percent", "point", "degree", "kilogram", "kg",
                    "tonne", "ton", "litre", "liter", "magnitude", "am", "pm"))
# An earlier year the sentence is set in ("in 1987", "the memory of 1987, when …"), not
# one it only measures from ("the first ban since 1984").
_YEAR = re.compile(r"(?<!since )(?<!from )(?<!until )(?<!before )(?<!after )"
                   r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class _Counted:
    """What a figure counts, taken apart: its kind of number (count, percent, money; "a
    day" for a rate), head noun, the event it took part in, and the words narrowing it."""

    kind: str | None
    head: str
    event: str | None
    modifiers: frozenset[str]


_PERIODS = frozenset(("day", "week", "month", "year", "hour", "night", "shift"))


def _counted(subject: str, phrase: str | None) -> _Counted | None:
    words = [w for w in _WORD.findall(subject.lower()) if not w.isdigit()]
    rate = None
    if len(words) > 2 and words[-2] == "a" and words[-1] in _PERIODS:
        rate, words = words[-1], words[:-2]  # "passengers a day" is a rate, not a count
    event = words.pop() if len(words) > 1 and words[-1] in _EVENTS else None
    if words == [] or (len(words) == 1 and words[0] in _EVENTS):
        words, event = ["people"], event or (words[0] if words else None)
    if not words:
        return None
    head = _singular(words[-1])
    if head in _SAME_AS and event is None:
        head, event = _SAME_AS[head]
    if head in _UNITS:
        return None
    kind = None
    if phrase is not None:
        lowered = phrase.lower()
        kind = "percent" if "%" in lowered or "percent" in lowered or "per cent" in lowered \
            else "money" if any(c in lowered for c in "$€£¥") else "count"
    if rate:
        kind = f"{kind} a {rate}"
    return _Counted(kind, head, event, frozenset(_singular(w) for w in words[:-1]))


def _historical(sentence: str, article: Article) -> bool:
    """A figure from a sentence about an earlier year ("a larger quake killed 31 people in
    1987") is history, not the outlet's count of this story."""
    if article.published is None:
        return False
    return any(int(year) < article.published.year for year in _YEAR.findall(sentence))


def figures_side_by_side(articles: list[Article], differing_only: bool = True
                         ) -> list[FigureComparison]:
    """Figures of the same subject reported by at least two outlets, side by side; with
    ``differing_only`` (the default) only where the outlets' numbers differ.

    Two figures are of one subject when they count the same kind of number (a count, a
    percentage, an amount of money), the same thing ("dockworkers" and "workers" are one,
    as are "container ships" and "ships", but not "Belarusian" and "Ukrainian volunteers")
    and what happened to it ("people killed" is not "people injured"); figures in a
    sentence about an earlier year are left out."""
    found: list[tuple[_Counted, str, Report]] = []
    for article in articles:
        text = article.text or ""
        for figure in article.figures:
            subject = figure.get("subject")
            if not subject or _historical(figure.get("sentence", ""), article):
                continue
            start, end = figure.get("start"), figure.get("end")
            phrase = text[start:end] if text and start is not None and end else None
            counted = _counted(subject, phrase)
            if counted is None:
                continue
            found.append((counted, subject, Report(
                article.outlet, article.id, figure["value"], figure.get("qualifier"),
                figure.get("low"), figure.get("high"), figure.get("sentence", ""),
                figure.get("shown") or "")))
    out = []
    for group in _group(found):
        # An article giving one subject two values ("twelve patients" a nurse looks after,
        # a limit of "eight patients") says two things: its subject is too vague to
        # compare, so that article is left out of this line.
        values: dict[str, set[float]] = {}
        for _, _, report in group:
            values.setdefault(report.article_id, set()).add(report.value)
        group = [item for item in group if len(values[item[2].article_id]) == 1]
        # One line per outlet and figure: a wire story and the outlets carrying it, or one
        # article repeating a number, count once.
        unique: dict[tuple[str | None, float, str | None], Report] = {}
        for _, _, report in group:
            unique.setdefault((report.outlet, report.value, report.qualifier), report)
        if not group:
            continue
        reports = list(unique.values())
        if len({r.outlet for r in reports}) < 2:
            continue
        name = min(group, key=lambda item: (len(item[0].modifiers),
                                            item[0].event is not None
                                            and item[1].split()[-1] != item[0].event,
                                            len(item[1])))[1]
        comparison = FigureComparison(" ".join(name.split()), reports)
        if differing_only and comparison.agree:
            continue
        out.append(comparison)
    return sorted(out, key=lambda c: (-len({r.outlet for r in c.reports}), c.subject))


def _group(found: list[tuple[_Counted, str, Report]]) -> list[list[tuple[_Counted, str,
                                                                         Report]]]:
    """Figures grouped by what they count (see ``figures_side_by_side``)."""
    # "dockworkers" and "workers" count the same people: a head that ends with a shorter
    # head of the same kind and event is that head.
    heads = {(c.kind, c.event, c.head) for c, _, _ in found}
    fold: dict[tuple[str | None, str | None, str], str] = {}
    for kind, event, head in heads:
        shorter = [h for k, e, h in heads if (k, e) == (kind, event) and h != head
                   and len(h) > 3 and head.endswith(h)]
        fold[(kind, event, head)] = min(shorter, key=len) if shorter else head
    by_key: dict[tuple[str | None, str | None, str], list[tuple[_Counted, str, Report]]] = {}
    for item in found:
        counted = item[0]
        key = (counted.kind, counted.event, fold[(counted.kind, counted.event, counted.head)])
        by_key.setdefault(key, []).append(item)
    groups: list[list[tuple[_Counted, str, Report]]] = []
    for items in by_key.values():
        # Narrowing words must agree: one set within the other ("ships", "container
        # ships"); a figure that fits several narrower groups stays on its own.
        clusters: list[tuple[set[str], list[tuple[_Counted, str, Report]]]] = []
        for item in sorted(items, key=lambda i: -len(i[0].modifiers)):
            mods = set(item[0].modifiers)
            fits = [c for c in clusters if mods <= c[0] or c[0] <= mods]
            if len(fits) == 1:
                fits[0][0].update(mods)
                fits[0][1].append(item)
            else:
                clusters.append((mods, [item]))
        groups.extend(members for _, members in clusters)
    return groups


def as_dict(item: Any) -> dict[str, Any]:
    """A view item as plain JSON-ready data."""
    from dataclasses import asdict

    return asdict(item)
