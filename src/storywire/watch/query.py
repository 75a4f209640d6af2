"""The watch query language, parsed once and evaluated against an Article (a pure function).

    port strike                      both words (AND is implied)
    "port strike"                    the exact phrase
    strike AND (port OR harbour)     boolean operators, parentheses
    NOT sport    -sport              negation
    outlet:ledger  lang:fr  title:quake
    person:"Mara Quillon"  speaker:quillon  entity:"Port Aldane"
    strik*                           a word prefix

Words are matched case- and accent-insensitively against whole words. ``person:`` and
``entity:`` read ``article.entities`` (``person:`` only those labelled PERSON), ``speaker:``
reads ``article.quotes``; an article without them simply does not match those fields.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from storywire.model import Article

FIELDS = ("outlet", "lang", "person", "speaker", "entity", "title")
_TOKEN = re.compile(r'\s*(?:(\()|(\))|"([^"]*)"?|([^\s()"]+))')
_WORD = re.compile(r"\w+\*?", re.UNICODE)


class QueryError(ValueError):
    """The query cannot be parsed; the message says where."""


def words(text: str) -> list[str]:
    """Lower-cased, accent-free words: how both queries and articles are compared."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(folded)


# -- the tree ------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """A word or phrase, optionally within a field."""

    words: tuple[str, ...]
    field: str | None = None

    def matches(self, view: ArticleView) -> bool:
        if self.field is None:
            return _contains(view.body, self.words) or _contains(view.title, self.words)
        if self.field == "lang":
            return view.article.language is not None and \
                view.article.language.lower() == "".join(self.words)
        return any(_contains(candidate, self.words) for candidate in view.field(self.field))

    def __str__(self) -> str:
        text = " ".join(self.words)
        text = f'"{text}"' if len(self.words) > 1 else text
        return f"{self.field}:{text}" if self.field else text


@dataclass(frozen=True)
class Not:
    inner: Node

    def matches(self, view: ArticleView) -> bool:
        return not self.inner.matches(view)

    def __str__(self) -> str:
        return f"NOT {self.inner}"


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]

    def matches(self, view: ArticleView) -> bool:
        return all(part.matches(view) for part in self.parts)

    def __str__(self) -> str:
        return "(" + " AND ".join(map(str, self.parts)) + ")"


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]

    def matches(self, view: ArticleView) -> bool:
        return any(part.matches(view) for part in self.parts)

    def __str__(self) -> str:
        return "(" + " OR ".join(map(str, self.parts)) + ")"


Node = Term | Not | And | Or


def _contains(haystack: list[str], needle: tuple[str, ...]) -> bool:
    """Whether the word sequence ``needle`` occurs in ``haystack`` (last word may end in *)."""
    n = len(needle)
    if not n or len(haystack) < n:
        return False
    last = needle[-1]
    prefix = last.endswith("*")
    head, tail = needle[:-1], last.rstrip("*")
    for i in range(len(haystack) - n + 1):
        if tuple(haystack[i:i + n - 1]) != head:
            continue
        word = haystack[i + n - 1]
        if word.startswith(tail) if prefix else word == tail:
            return True
    return False


class ArticleView:
    """An article's words, computed once however many terms and watches read them."""

    def __init__(self, article: Article) -> None:
        self.article = article

    @cached_property
    def title(self) -> list[str]:
        return words(self.article.title or "")

    @cached_property
    def body(self) -> list[str]:
        return words(self.article.text)

    def field(self, name: str) -> list[list[str]]:
        a = self.article
        if name == "title":
            return [self.title]
        if name == "outlet":
            return [words(a.outlet or "")]
        if name == "person":
            return _entity_names(a, person_only=True)
        if name == "entity":
            return _entity_names(a, person_only=False)
        if name == "speaker":
            return [words(q.get("speaker") or "") for q in a.quotes if q.get("speaker")]
        raise QueryError(f"unknown field {name!r}")


def _entity_names(article: Article, person_only: bool) -> list[list[str]]:
    names = []
    for entity in article.entities:
        if person_only and (entity.get("label") or "").upper() != "PERSON":
            continue
        for key in ("canonical", "text"):
            if entity.get(key):
                names.append(words(entity[key]))
    return names


# -- parsing ------------------------------------------------------------------------
@dataclass(frozen=True)
class Query:
    """A parsed query; ``str(query)`` shows how it was understood."""

    source: str
    root: Node

    def matches(self, article: Article | ArticleView) -> bool:
        view = article if isinstance(article, ArticleView) else ArticleView(article)
        return self.root.matches(view)

    def __str__(self) -> str:
        return str(self.root)


def parse_query(text: str) -> Query:
    """Parse ``text``; QueryError names the problem and its position."""
    tokens = _tokenize(text)
    parser = _Parser(tokens, text)
    root = parser.expression()
    if parser.position < len(tokens):
        _kind, value, at = tokens[parser.position]
        raise QueryError(f"unexpected {value!r} at character {at + 1} of {text!r}")
    return Query(text, root)


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    """(kind, value, offset): kinds are '(', ')', 'phrase', 'word'."""
    tokens = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise QueryError(f"cannot read {text[position:]!r} in {text!r}")
        at = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
        if match.group(1):
            tokens.append(("(", "(", at))
        elif match.group(2):
            tokens.append((")", ")", at))
        elif match.group(3) is not None:
            if not match.group(0).rstrip().endswith('"'):
                raise QueryError(f'unclosed quote at character {at + 1} of {text!r}')
            tokens.append(("phrase", match.group(3), at))
        else:
            tokens.append(("word", match.group(4), at))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent: or := and (OR and)*; and := not ([AND] not)*; not := NOT not | atom."""

    def __init__(self, tokens: list[tuple[str, str, int]], text: str) -> None:
        self.tokens = tokens
        self.text = text
        self.position = 0

    def _peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _is_operator(self, name: str) -> bool:
        token = self._peek()
        return token is not None and token[0] == "word" and token[1] == name

    def expression(self) -> Node:
        parts = [self._and()]
        while self._is_operator("OR"):
            self.position += 1
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def _and(self) -> Node:
        parts = [self._not()]
        while True:
            token = self._peek()
            if token is None or token[0] == ")" or self._is_operator("OR"):
                break
            if self._is_operator("AND"):
                self.position += 1
            parts.append(self._not())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def _not(self) -> Node:
        if self._is_operator("NOT"):
            self.position += 1
            return Not(self._not())
        token = self._peek()
        if token and token[0] == "word" and token[1].startswith("-") and len(token[1]) > 1:
            self.tokens[self.position] = ("word", token[1][1:], token[2] + 1)
            return Not(self._atom())
        return self._atom()

    def _atom(self) -> Node:
        token = self._peek()
        if token is None:
            raise QueryError(f"the query {self.text!r} ends where a term was expected")
        kind, value, at = token
        self.position += 1
        if kind == "(":
            inner = self.expression()
            closing = self._peek()
            if closing is None or closing[0] != ")":
                raise QueryError(f"unclosed parenthesis at character {at + 1} of {self.text!r}")
            self.position += 1
            return inner
        if kind == ")":
            raise QueryError(f"unexpected ')' at character {at + 1} of {self.text!r}")
        if kind == "phrase":
            return self._term(value, None, at)
        if value in ("AND", "OR"):
            raise QueryError(f"{value} at character {at + 1} of {self.text!r} needs a term "
                             "before it")
        name, colon, rest = value.partition(":")
        if colon and name.lower() in FIELDS:
            if rest:
                return self._term(rest, name.lower(), at)
            following = self._peek()
            if following and following[0] == "phrase":
                self.position += 1
                return self._term(following[1], name.lower(), at)
            raise QueryError(f"{name}: at character {at + 1} of {self.text!r} needs a value")
        return self._term(value, None, at)

    def _term(self, text: str, field: str | None, at: int) -> Term:
        found = tuple(words(text))
        if text.endswith("*") and found and not found[-1].endswith("*"):
            found = (*found[:-1], found[-1] + "*")
        if not found:
            raise QueryError(f"no word to match in {text!r} at character {at + 1} of "
                             f"{self.text!r}")
        return Term(found, field)
