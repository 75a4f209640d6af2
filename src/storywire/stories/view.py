"""What the faces show of a story: a summary line, and the coverage side by side.

Pure functions over a story and its member articles (reports and their copies). The CLI's
`story` command, the web's story page and the JSON API all start from ``story_view``, so
they say the same thing: the same reports in the same order, the same headline, who said
what, and the figures the reports agree and differ on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storywire.model import Article, Story
from storywire.stories.names import KIND_OF_LABEL, capitalised_phrases, fold
from storywire.stories.vectors import numbers
from storywire.understand.views import (
    FigureComparison,
    SpeakerQuotes,
    figures_side_by_side,
    person_folds,
    who_said_what,
)


@dataclass
class Report:
    """One independent report, the copies folded under it, and what only it says."""

    article: Article
    copies: list[Article] = field(default_factory=list)
    new_names: list[str] = field(default_factory=list)
    new_figures: list[str] = field(default_factory=list)


@dataclass
class StoryView:
    story: Story
    reports: list[Report]
    outlets: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    top: dict[str, list[tuple[str, int]]]  # "people"/"organisations"/"places" -> (name, reports)
    # Quotes from every member, each once with every outlet carrying it; figures from the
    # independent reports only (copies repeat their original's numbers), agreeing or not.
    said: list[SpeakerQuotes] = field(default_factory=list)
    figures: list[FigureComparison] = field(default_factory=list)
    members: int = 0

    @property
    def headline(self) -> str | None:
        """The earliest report's title in the language most reports are in."""
        languages = Counter(r.article.language for r in self.reports)
        main = languages.most_common(1)[0][0] if languages else None
        for report in self.reports:
            if report.article.title and report.article.language == main:
                return report.article.title
        return self.story.headline

    @property
    def copies(self) -> int:
        return sum(len(r.copies) for r in self.reports)

    def to_json(self, members: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.story.id,
            "headline": self.headline,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "outlets": self.outlets,
            "reports": len(self.reports),
            "copies": self.copies,
            "top": {kind: [name for name, _ in names] for kind, names in self.top.items()},
        }
        if members:
            data["members"] = [
                {**_member(r.article), "adds": {"names": r.new_names,
                                                "figures": r.new_figures},
                 "copies": [_member(c) for c in r.copies]}
                for r in self.reports]
        return data


def story_view(story: Story, members: list[Article], top: int = 5) -> StoryView:
    """Group a story's members into reports with their copies, and say what each adds."""
    ids = {m.id for m in members}
    originals = [m for m in members if not m.copy_of or m.copy_of not in ids]
    reports = {m.id: Report(m) for m in originals}
    for member in members:
        if member.id not in reports and member.copy_of in reports:
            reports[member.copy_of].copies.append(member)
    ordered = sorted(reports.values(), key=lambda r: _order(r.article))
    outlets = sorted({m.outlet for m in members if m.outlet})
    press = press_names(outlets)
    _additions(ordered, press)
    dated = [m.published for m in members if m.published]
    originals_only = [r.article for r in ordered]
    return StoryView(story=story, reports=ordered, outlets=outlets,
                     first_seen=min(dated, default=story.first_seen, key=_naive),
                     last_seen=max(dated, default=story.last_seen, key=_naive),
                     top=top_entities(originals_only, top, press),
                     said=who_said_what(members),
                     figures=sorted(figures_side_by_side(originals_only, differing_only=False),
                                    key=lambda c: c.subject),
                     members=len(members))


def press_names(outlets: list[str]) -> frozenset[str]:
    """The story's outlets as reports name them (folded): "The Northern Ledger" is "northern
    ledger" and "ledger" ("seen by the Ledger"). The press a report cites is not a name in
    its news."""
    found: set[str] = set()
    for outlet in outlets:
        name = _without_the(fold(outlet))
        if name:
            found.update((name, name.split()[-1]))
    return frozenset(found)


def _without_the(key: str) -> str:
    """A folded name without its leading article: "the northern ledger" -> "northern ledger"."""
    words = key.split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _news_name(key: str, press: frozenset[str]) -> bool:
    """A folded name that names something in the news: it has a letter ("7–2" of a vote
    read as a place does not) and is not the press (``press_names``)."""
    return any(c.isalpha() for c in key) and key not in press \
        and _without_the(key) not in press


def top_entities(reports: list[Article], top: int = 5,
                 press: frozenset[str] = frozenset()) -> dict[str, list[tuple[str, int]]]:
    """The people, organisations and places most reports name (from ``entities``; empty
    until the understanding stage fills them), the press (``press_names``) left out.

    One name is counted once, whatever its case ("DRAYMOOR" in a dateline, "Draymoor" in
    the text) and under the kind most reports give it (a dateline's place is often read as
    an organisation); it is shown as written in running text where it is."""
    naming: dict[str, set[int]] = {}
    kinds: dict[str, Counter[str]] = {}
    forms: dict[str, Counter[str]] = {}
    for index, article in enumerate(reports):
        for entity in article.entities:
            kind = KIND_OF_LABEL.get(str(entity.get("label") or "").upper())
            name = str(entity.get("canonical") or entity.get("text") or "")
            key = fold(name)
            if not kind or not key or not _news_name(key, press):
                continue
            kinds.setdefault(key, Counter())[kind] += 1
            forms.setdefault(key, Counter())[name] += 1
            naming.setdefault(key, set()).add(index)
    # One person per story: "Kulazhanka" in one report is "Pavel Kulazhanka" of another.
    people = [k for k in naming if kinds[k].most_common(1)[0][0] == "people"]
    for key, fuller in person_folds(people).items():
        naming[fuller] |= naming.pop(key)
        kinds[fuller].update(kinds.pop(key))
        forms.pop(key)
    reports_naming = {key: len(indexes) for key, indexes in naming.items()}
    by_kind: dict[str, list[tuple[str, int]]] = {}
    for key, count in reports_naming.items():
        kind = kinds[key].most_common(1)[0][0]
        written = [f for f, _ in forms[key].most_common() if not f.isupper()]
        shown = written[0] if written else forms[key].most_common(1)[0][0]
        by_kind.setdefault(kind, []).append((shown, count))
    return {kind: sorted(names, key=lambda kv: (-kv[1], kv[0]))[:top]
            for kind, names in sorted(by_kind.items())}


def _additions(reports: list[Report], press: frozenset[str] = frozenset()) -> None:
    """Names and figures each report has that no other report of the story has (the
    press left out of the names)."""
    names = [{key: shown for key, shown in _names(r.article).items()
              if _news_name(key, press)} for r in reports]
    figures = [_figures(r.article) for r in reports]
    for index, report in enumerate(reports):
        other_names = set().union(*(set(n) for i, n in enumerate(names) if i != index))
        other_figures = set().union(*(set(f) for i, f in enumerate(figures) if i != index))
        report.new_names = [shown for key, shown in names[index].items()
                            if key not in other_names and not _part_of(key, other_names)]
        report.new_figures = [shown for key, shown in figures[index].items()
                              if key not in other_figures]


def _names(article: Article) -> dict[str, str]:
    """Folded name -> name as shown: people first from ``entities``, else capitalised
    phrases of two or more words (single capitalised words are mostly not names)."""
    found: dict[str, str] = {}
    if article.entities:
        for entity in article.entities:
            if str(entity.get("label") or "").upper() in KIND_OF_LABEL:
                name = str(entity.get("canonical") or entity.get("text") or "")
                if name:
                    found.setdefault(fold(name), name)
        return found
    for phrase in capitalised_phrases([article.text]):
        if " " in phrase:
            found.setdefault(fold(phrase), phrase)
    return found


def _part_of(key: str, others: set[str]) -> bool:
    """"hart" is said when "lena hart" is, and "ruth calloway" when "mayor ruth calloway"."""
    padded = f" {key} "
    return any(padded in f" {other} " or f" {other} " in padded for other in others)


def _figures(article: Article) -> dict[str, str]:
    """Figure -> as shown: from ``figures`` when filled, else the numbers of the text."""
    if article.figures:
        found = {}
        for figure in article.figures:
            value = figure.get("value")
            if value is None:
                continue
            number = figure.get("shown") or f"{figure.get('qualifier') or ''} {value:,}"
            subject = figure.get("subject") or ""
            if subject.casefold() in number.casefold():
                subject = ""  # "60 kilometres", not "60 kilometres kilometres"
            shown = _in_written_order(number, subject, figure.get("sentence") or "")
            found.setdefault(f"{float(value):g}", " ".join(shown.split()))
        return found
    return {value: value for value in numbers(article.text)}


def _in_written_order(number: str, subject: str, sentence: str) -> str:
    """A figure and its subject as the sentence writes them: "magnitude 4", "a working
    majority of 11" and "250-seat" where the subject comes first or is joined on, "dozens
    of people treated" where "of" joins them, else "12 people killed"."""
    if not subject:
        return number
    figure, words = re.escape(number), re.escape(subject)
    written = re.search(rf"(?i)(?<!\w){words}\s+(?:of\s+)?{figure}(?!\w)"
                        rf"|(?<!\w){figure}-{words}(?!\w)", sentence)
    if written:
        return written.group(0)
    head = re.escape(subject.split()[0])
    if re.search(rf"(?i)(?<!\w){figure}\s+of\s+{head}(?!\w)", sentence):
        return f"{number} of {subject}"
    return f"{number} {subject}"


def _order(article: Article) -> tuple[bool, str, str]:
    return (article.published is None, _iso(article.published) or "", article.id)


def _member(article: Article) -> dict[str, Any]:
    return {"id": article.id, "outlet": article.outlet, "title": article.title,
            "published": _iso(article.published), "authors": list(article.authors),
            "url": article.url, "language": article.language, "copy_of": article.copy_of,
            "copy_kind": article.copy_kind}


def _naive(value: datetime) -> datetime:
    """Dates with and without a zone compare (the zone-less ones read as UTC)."""
    return value.replace(tzinfo=None)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
