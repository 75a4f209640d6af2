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


def who_said_what(articles: list[Article]) -> list[SpeakerQuotes]:
    """Quotes grouped by speaker (case and a leading "the" aside), most quoted first;
    unnamed speakers last. A group is named as its first capitalised spelling."""
    by_speaker: dict[str | None, SpeakerQuotes] = {}
    for said in grouped_quotes(articles):
        group = by_speaker.setdefault(speaker_key(said.speaker), SpeakerQuotes(said.speaker))
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


@dataclass
class FigureComparison:
    subject: str
    reports: list[Report]

    @property
    def agree(self) -> bool:
        return len({(r.value, r.qualifier) for r in self.reports}) == 1


def subject_key(subject: str | None) -> str | None:
    """A subject's head word, singular and lower case ("dock workers" -> "worker")."""
    if not subject:
        return None
    words = _WORD.findall(subject.lower())
    if not words:
        return None
    head = words[-1]
    if head.endswith("ies") and len(head) > 4:
        head = head[:-3] + "y"
    elif head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        head = head[:-1]
    return head


def figures_side_by_side(articles: list[Article], differing_only: bool = True
                         ) -> list[FigureComparison]:
    """Figures of the same subject reported by at least two outlets, side by side; with
    ``differing_only`` (the default) only where the outlets' numbers differ."""
    by_subject: dict[str, list[Report]] = {}
    names: dict[str, str] = {}
    for article in articles:
        for figure in article.figures:
            key = subject_key(figure.get("subject"))
            if key is None:
                continue
            names.setdefault(key, figure["subject"])
            by_subject.setdefault(key, []).append(Report(
                article.outlet, article.id, figure["value"], figure.get("qualifier"),
                figure.get("low"), figure.get("high"), figure.get("sentence", "")))
    # "dockworkers" and "workers" count the same people: fold a key into a shorter one it
    # ends with.
    for key in sorted(by_subject, key=len, reverse=True):
        shorter = next((k for k in by_subject if k != key and len(k) > 3 and key.endswith(k)),
                       None)
        if shorter is not None:
            by_subject[shorter].extend(by_subject.pop(key))
    out = []
    for key, reports in by_subject.items():
        # One line per outlet and figure: a wire story and the outlets carrying it, or one
        # article repeating a number, count once.
        unique: dict[tuple[str | None, float, str | None], Report] = {}
        for report in reports:
            unique.setdefault((report.outlet, report.value, report.qualifier), report)
        reports = list(unique.values())
        if len({r.outlet for r in reports}) < 2:
            continue
        comparison = FigureComparison(names[key], reports)
        if differing_only and comparison.agree:
            continue
        out.append(comparison)
    return sorted(out, key=lambda c: (-len({r.outlet for r in c.reports}), c.subject))


def as_dict(item: Any) -> dict[str, Any]:
    """A view item as plain JSON-ready data."""
    from dataclasses import asdict

    return asdict(item)
