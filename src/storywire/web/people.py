"""Who is named and quoted: people gathered from ``article.entities`` and ``article.quotes``.

Pure: articles in, one row per person (by canonical name) out, most mentioned first. Empty
until the understanding stage (issue 5) fills those fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from storywire.model import Article


@dataclass
class Person:
    name: str
    mentions: int = 0
    quotes: int = 0
    articles: set[str] = field(default_factory=set)
    outlets: dict[str, int] = field(default_factory=dict)
    first_seen: str | None = None
    last_seen: str | None = None
    said: list[dict[str, str]] = field(default_factory=list)  # a few quotes: text, article

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "mentions": self.mentions, "quotes": self.quotes,
                "articles": len(self.articles), "outlets": self.outlets,
                "first_seen": self.first_seen, "last_seen": self.last_seen,
                "said": self.said}


def _see(person: Person, article: Article) -> None:
    if article.id not in person.articles:
        person.articles.add(article.id)
        outlet = article.outlet or "(unknown outlet)"
        person.outlets[outlet] = person.outlets.get(outlet, 0) + 1
    if article.published:
        day = article.published.date().isoformat()
        person.first_seen = min(person.first_seen or day, day)
        person.last_seen = max(person.last_seen or day, day)


def gather(articles: Iterable[Article], samples: int = 3) -> list[Person]:
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
            if len(person.said) < samples and quote.get("text"):
                person.said.append({"text": quote["text"], "article": article.id,
                                    "outlet": article.outlet or ""})
    return sorted(people.values(), key=lambda p: (-(p.mentions + p.quotes), p.name))
