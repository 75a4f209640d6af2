"""The watch query language, parsed once and evaluated against an Article (a pure function).

    port strike                      both words (AND is implied)
    "port strike"                    the exact phrase
    strike AND (port OR harbour)     boolean operators, parentheses
    NOT sport    -sport   -(a b)     negation
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
    # Compatibility forms first: "𝐀" becomes "A" and only then "a" (folding first would
    # leave it upper-case, and a query would never match the article's "a").
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
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

    @cached_property
    def _cheapest_first(self) -> tuple[Node, ...]:
        # lang: and outlet: read one short field; a word reads the whole text.
        return tuple(sorted(self.parts, key=_cost))

    def matches(self, view: ArticleView) -> bool:
        return all(part.matches(view) for part in self._cheapest_first)

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


def _cost(node: Node) -> int:
    """How much of an article a node reads: fields of metadata, then names, then text."""
    if isinstance(node, Not):
        return _cost(node.inner)
    if isinstance(node, Term):
        return {"lang": 0, "outlet": 1, "title": 2}.get(node.field or "", 3 if node.field
                                                      else 4)
    return 5


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
class QueryBudget:
    """What one query may cost, the same for a watch, the search box, the CLI and the API.

    A search's work grows with its words and, much faster, with its prefix terms (each
    ``a*`` reads the index entries of every word it starts); nesting is bounded so no
    parser, matcher or printer recursion can reach Python's limit."""

    max_chars: int = 500
    max_words: int = 32       # words of all terms and phrases together
    max_prefixes: int = 4     # terms ending in *
    max_depth: int = 16       # parentheses and NOTs inside one another


DEFAULT_BUDGET = QueryBudget()


@dataclass(frozen=True)
class Query:
    """A parsed query; ``str(query)`` shows how it was understood."""

    source: str
    root: Node

    def matches(self, article: Article | ArticleView) -> bool:
        view = article if isinstance(article, ArticleView) else ArticleView(article)
        return self.root.matches(view)

    def terms(self) -> list[Term]:
        """Every term of the query, in order."""
        found: list[Term] = []
        stack: list[Node] = [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, Term):
                found.append(node)
            elif isinstance(node, Not):
                stack.append(node.inner)
            else:
                stack.extend(reversed(node.parts))
        return found

    def __str__(self) -> str:
        return str(self.root)


def parse_query(text: str, budget: QueryBudget = DEFAULT_BUDGET) -> Query:
    """Parse ``text``; QueryError names the problem and its position, or the budget
    that the query exceeds."""
    if len(text) > budget.max_chars:
        raise QueryError(f"the query has {len(text):,} characters; at most "
                         f"{budget.max_chars:,} are allowed")
    tokens = _tokenize(text)
    parser = _Parser(tokens, text, budget)
    root = parser.query()
    query = Query(text, root)
    terms = query.terms()
    prefixes = sum(t.words[-1].endswith("*") for t in terms)
    if prefixes > budget.max_prefixes:
        raise QueryError(f"the query has {prefixes} prefix terms (word*); at most "
                         f"{budget.max_prefixes} are allowed")
    count = sum(len(t.words) for t in terms)
    if count > budget.max_words:
        raise QueryError(f"the query has {count} words; at most {budget.max_words} are "
                         "allowed")
    return query


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    """(kind, value, offset): kinds are '(', ')', 'phrase', 'word'."""
    tokens = []
    skipped: list[str] = []
    position = 0
    while True:
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            if text[position:].strip() == "":
                break
            raise QueryError(f"cannot read {_shown(text[position:])} in {_shown(text)}")
        at = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
        if match.group(1):
            tokens.append(("(", "(", at))
        elif match.group(2):
            tokens.append((")", ")", at))
        elif match.group(3) is not None:
            if not match.group(0).rstrip().endswith('"'):
                raise QueryError(f'unclosed quote at character {at + 1} of {_shown(text)}')
            tokens.append(("phrase", match.group(3), at))
        elif match.group(4) == "-" and text[match.end():match.end() + 1] in ('(', '"'):
            tokens.append(("word", "NOT", at))  # -(video game), -"video game"
        elif words(match.group(4)):
            tokens.append(("word", match.group(4), at))
        else:
            skipped.append(match.group(4))  # a dash or other punctuation between words
        position = match.end()
    if skipped and not tokens:
        raise QueryError(f"no word to match in {_shown(text)}")
    return tokens


class _Parser:
    """Recursive descent: or := and (OR and)*; and := not ([AND] not)*; not := NOT not | atom.

    Outside parentheses, a field term (``lang:en``) or a negation (``NOT sport``,
    ``-sport``) written beside other words of one alternative applies to the whole query:
    ``quake OR earthquake lang:en -video`` is ``(quake OR earthquake) AND lang:en AND NOT
    video``. An alternative made only of such terms stays one (``person:x OR speaker:x``),
    and inside parentheses the plain precedence holds (AND before OR), so
    ``(quake lang:en) OR beben`` is one alternative."""

    def __init__(self, tokens: list[tuple[str, str, int]], text: str,
                 budget: QueryBudget) -> None:
        self.tokens = tokens
        self.text = text
        self.budget = budget
        self.position = 0
        self.depth = 0

    def _peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _is_operator(self, name: str) -> bool:
        token = self._peek()
        return token is not None and token[0] == "word" and token[1] == name

    def _deeper(self, at: int) -> None:
        self.depth += 1
        if self.depth > self.budget.max_depth:
            raise QueryError(f"the query nests parentheses and NOTs more than "
                             f"{self.budget.max_depth} deep (at character {at + 1})")

    def query(self) -> Node:
        root = self.expression()
        if self.position < len(self.tokens):
            _kind, value, at = self.tokens[self.position]
            raise QueryError(f"unexpected {value!r} at character {at + 1} of "
                             f"{_shown(self.text)}")
        return root

    def expression(self) -> Node:
        top = self.depth == 0
        groups = [self._and()]
        while self._is_operator("OR"):
            self.position += 1
            groups.append(self._and())
        whole: list[Node] = []
        if top and len(groups) > 1:
            # Outside parentheses, a field term or a NOT beside other words of one
            # alternative narrows the whole query: "quake OR earthquake lang:en".
            for group in groups:
                plain = [p for p in group if not _applies_to_whole(p)]
                if plain and len(plain) < len(group):
                    whole.extend(p for p in group if _applies_to_whole(p))
                    group[:] = plain
        nodes = [group[0] if len(group) == 1 else And(tuple(group)) for group in groups]
        root = nodes[0] if len(nodes) == 1 else Or(tuple(nodes))
        return And((root, *whole)) if whole else root

    def _and(self) -> list[Node]:
        parts: list[Node] = []
        while True:
            token = self._peek()
            if token is None or token[0] == ")" or self._is_operator("OR"):
                break
            if self._is_operator("AND"):
                if not parts:
                    raise QueryError(f"AND at character {token[2] + 1} of "
                                     f"{_shown(self.text)} needs a term before it")
                self.position += 1
            parts.append(self._not())
        if not parts:
            token = self._peek()
            if token is None:
                raise QueryError(f"the query {_shown(self.text)} ends where a term was "
                                 "expected")
            if token[0] == ")":
                raise QueryError(f"unexpected ')' at character {token[2] + 1} of "
                                 f"{_shown(self.text)}")
            raise QueryError(f"OR at character {token[2] + 1} of {_shown(self.text)} needs "
                             "a term before it")
        return parts

    def _not(self) -> Node:
        token = self._peek()
        if self._is_operator("NOT"):
            self.position += 1
            self._deeper(token[2])  # type: ignore[index]
            inner = self._not()
            self.depth -= 1
            return Not(inner)
        if token and token[0] == "word" and token[1].startswith("-") and len(token[1]) > 1:
            self.tokens[self.position] = ("word", token[1][1:], token[2] + 1)
            self._deeper(token[2])
            inner = self._atom()
            self.depth -= 1
            return Not(inner)
        return self._atom()

    def _atom(self) -> Node:
        token = self._peek()
        if token is None:
            raise QueryError(f"the query {_shown(self.text)} ends where a term was expected")
        kind, value, at = token
        self.position += 1
        if kind == "(":
            self._deeper(at)
            inner = self.expression()
            self.depth -= 1
            closing = self._peek()
            if closing is None or closing[0] != ")":
                raise QueryError(f"unclosed parenthesis at character {at + 1} of "
                                 f"{_shown(self.text)}")
            self.position += 1
            return inner
        if kind == ")":
            raise QueryError(f"unexpected ')' at character {at + 1} of {_shown(self.text)}")
        if kind == "phrase":
            return self._term(value, None, at)
        if value in ("AND", "OR"):
            raise QueryError(f"{value} at character {at + 1} of {_shown(self.text)} needs a term "
                             "before it")
        name, colon, rest = value.partition(":")
        if colon and name.lower() in FIELDS:
            if rest:
                return self._term(rest, name.lower(), at)
            following = self._peek()
            if following and following[0] == "phrase":
                self.position += 1
                return self._term(following[1], name.lower(), at)
            raise QueryError(f"{name}: at character {at + 1} of {_shown(self.text)} needs a value")
        return self._term(value, None, at)

    def _term(self, text: str, field: str | None, at: int) -> Term:
        found = tuple(words(text))
        # Only the last word of a term can be a prefix: "0*0*0" is the phrase "0 0 0".
        found = (*(w.rstrip("*") for w in found[:-1]), *found[-1:])
        if text.endswith("*") and found and not found[-1].endswith("*"):
            found = (*found[:-1], found[-1] + "*")
        if not found:
            raise QueryError(f"no word to match in {_shown(text)} at character {at + 1} of "
                             f"{_shown(self.text)}")
        return Term(found, field)


def _applies_to_whole(node: Node) -> bool:
    """A field term or a negation, met outside parentheses."""
    return isinstance(node, Not) or (isinstance(node, Term) and node.field is not None)


def _shown(text: str, width: int = 60) -> str:
    """The query (or its start) for a message: a long query is not echoed whole."""
    return repr(text if len(text) <= width else text[:width] + "…")
