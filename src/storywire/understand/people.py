"""Who is named and quoted: people gathered from ``article.entities`` and ``article.quotes``.

Pure: articles in, one row per person (by canonical name) out. The CLI's `people` command
and the web's people page and API both list these rows, so they count alike. Empty until
the understand stage fills those fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from storywire.model import Article

SCAN = 5000  # the newest articles naming or quoting anyone that a listing reads


class PeopleReads(Protocol):
    """What listing people needs from a store."""

    def articles_with_people(self, limit: int, offset: int = 0) -> list[Article]: ...


@dataclass
class Person:
    name: str
    mentions: int = 0
    quotes: int = 0
    articles: set[str] = field(default_factory=set)
    outlets: dict[str, int] = field(default_factory=dict)  # articles naming or quoting them
    outlet_quotes: dict[str, int] = field(default_factory=dict)  # quotes, per outlet
    first_seen: str | None = None
    last_seen: str | None = None
    said: list[dict[str, str]] = field(default_factory=list)  # a few quotes: text, article
    by_day: dict[str, int] = field(default_factory=dict)  # articles naming them, per day

    def bars(self, days: int = 30, width: int = 120, height: int = 24) -> list[dict[str, Any]]:
        """The last ``days`` days up to the last day seen, as bars of a small SVG chart
        (x, y, w, h, day, count), so "over time" reads at a glance."""
        if not self.last_seen:
            return []
        end = date.fromisoformat(self.last_seen)
        top = max(self.by_day.values())
        step = width / days
        out = []
        for index in range(days):
            day = (end - timedelta(days=days - 1 - index)).isoformat()
            count = self.by_day.get(day, 0)
            if count:
                h = max(2.0, height * count / top)
                out.append({"x": round(index * step, 1), "y": round(height - h, 1),
                            "w": round(max(1.0, step - 1), 1), "h": round(h, 1),
                            "day": day, "count": count})
        return out

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "mentions": self.mentions, "quotes": self.quotes,
                "articles": len(self.articles), "outlets": self.outlets,
                "first_seen": self.first_seen, "last_seen": self.last_seen,
                "by_day": self.by_day, "said": self.said, "bars": self.bars()}


def _see(person: Person, article: Article) -> None:
    if article.id not in person.articles:
        person.articles.add(article.id)
        outlet = article.outlet or "(unknown outlet)"
        person.outlets[outlet] = person.outlets.get(outlet, 0) + 1
        if article.published:
            day = article.published.date().isoformat()
            person.by_day[day] = person.by_day.get(day, 0) + 1
            person.first_seen = min(person.first_seen or day, day)
            person.last_seen = max(person.last_seen or day, day)


def most_quoted(people: list[Person]) -> list[Person]:
    """The same people, most quoted first (then most named)."""
    return sorted(people, key=lambda p: (-p.quotes, -len(p.articles), p.name))


def gather(articles: Iterable[Article], samples: int = 3) -> list[Person]:
    """One row per person, most mentioned first (mentions and quotes together)."""
    people: dict[str, Person] = {}
    for article in articles:
        for entity in article.entities:
            if entity.get("label") != "PERSON":
                continue
            name = entity.get("canonical") or entity.get("text")
            if not name:
                continue
            person = people.setdefault(name, Person(name))
            person.mentions += 1
            _see(person, article)
        for quote in article.quotes:
            name = quote.get("speaker")
            if not name:
                continue
            person = people.setdefault(name, Person(name))
            person.quotes += 1
            _see(person, article)
            outlet = article.outlet or "(unknown outlet)"
            person.outlet_quotes[outlet] = person.outlet_quotes.get(outlet, 0) + 1
            if len(person.said) < samples and quote.get("text"):
                person.said.append({"text": quote["text"], "article": article.id,
                                    "outlet": article.outlet or ""})
    return sorted(people.values(), key=lambda p: (-(p.mentions + p.quotes), p.name))


def list_people(store: PeopleReads, since: date | None = None, outlet: str | None = None,
                scan: int = SCAN) -> list[Person]:
    """The people of the newest ``scan`` articles that name or quote anyone, optionally
    only those published on or after ``since`` or from ``outlet``: the one listing the CLI
    and the web show."""
    articles = [a for a in store.articles_with_people(scan)
                if (outlet is None or a.outlet == outlet)
                and (since is None or (a.published is not None and a.published.date() >= since))]
    return gather(articles)
