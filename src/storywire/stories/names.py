"""Names in an article: people, organisations and places, as lower-case keys.

Story scores read capitalised phrases (``article_names`` says why not the understand
stage's entities, which ``entity_names`` reads for a story's top names): runs of
capitalised words, with connectors such as "of" or "de" inside, leaving out a lone
sentence-initial word unless the article also capitalises it mid-sentence ("The", "Le",
"Officials" are not names; "Draymoor" is).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from storywire.model import Article

NAME_LABELS = frozenset({"PERSON", "ORG", "PLACE", "GPE", "LOC", "NORP", "FAC", "EVENT"})
KIND_OF_LABEL = {"PERSON": "people", "ORG": "organisations", "PLACE": "places",
                 "GPE": "places", "LOC": "places", "FAC": "places"}

_CONNECTORS = frozenset({"of", "de", "du", "des", "la", "le", "van", "von", "der", "al",
                         "bin", "y", "del", "di", "da"})
_NOT_NAME_WORDS = """
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december mr mrs ms dr mme m prof sir st
i the a an he she it we they this that these those his her its our their there here
but and or if when while after before as at by for from in into on to with what who how
le la les un une des du de et il elle ils elles nous vous on ce cette ces son sa ses
au aux en dans pour par sur avec selon mais
jan feb mar apr jun jul aug sep sept oct nov dec
mayor governor president minister captain inspector detective councillor senator prime
chief sergeant officer spokesman spokeswoman judge professor general colonel lieutenant
maire gouverneur ministre
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?»”\"])\s+|\n+")


@lru_cache(maxsize=65_536)  # pure, and called for every capitalised word of every article
def fold(text: str) -> str:
    """Lower case without accents or possessive: "Écho" -> "echo", "Hart's" -> "hart"."""
    text = re.sub(r"['’]s$", "", text.strip(" .-'’"))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def entity_names(article: Article) -> list[tuple[str, str]]:
    """(folded canonical name, label) of the article's named entities (understand's)."""
    found = []
    for entity in article.entities:
        label = str(entity.get("label") or "").upper()
        name = entity.get("canonical") or entity.get("text")
        if label in NAME_LABELS and name:
            key = fold(str(name))
            if key:
                found.append((key, label))
    return found


def capitalised_names(texts: Iterable[str]) -> list[str]:
    """Folded capitalised phrases of ``texts``, in order, repeated as often as they occur."""
    return [fold(phrase) for phrase in capitalised_phrases(texts)]


def capitalised_phrases(texts: Iterable[str]) -> list[str]:
    """Capitalised phrases of ``texts`` as written, in order, repeated as they occur."""
    sentences = [s for text in texts if text for s in _SENTENCE_END.split(text) if s]
    runs: list[tuple[list[str], bool]] = []  # (words, starts the sentence)
    inside: set[str] = set()  # words seen capitalised away from a sentence start
    for sentence in sentences:
        matches = list(_WORD.finditer(sentence))
        words = [m.group().strip(".-'’") for m in matches]
        current: list[str] = []
        start = 0
        for position, word in enumerate(words):
            if current and sentence[matches[position - 1].end():matches[position].start()].strip():
                runs.append((current, start == 0))  # punctuation ends a name
                current = []
            capital = word[:1].isupper()
            if capital and fold(word) not in _NOT_NAMES:
                if not current:
                    start = position
                current.append(word)
                if position > 0:
                    inside.add(fold(word))
            elif current and word in _CONNECTORS and position + 1 < len(words) \
                    and words[position + 1][:1].isupper():
                current.append(word)
            else:
                if current:
                    runs.append((current, start == 0))
                current = []
        if current:
            runs.append((current, start == 0))
    names = []
    for words, initial in runs:
        while words and words[-1] in _CONNECTORS:
            words = words[:-1]
        if not words:
            continue
        if initial and len(words) == 1 and fold(words[0]) not in inside:
            continue
        phrase = " ".join(words)
        if len(fold(phrase)) > 1:
            names.append(phrase)
    return names


def article_names(article: Article) -> list[str]:
    """The names an article mentions, as capitalised phrases.

    Not its spaCy entities, although the understand stage fills them: with them the story
    scores (tuned on capitalised phrases) joined the demo's Essendon fire and Vestry Valley
    rail reopening, two events one day apart in one valley that share every place name,
    while leaving places out split the French report of the Lake Orrin quake from its
    story. The entities still name a story's top people, organisations and places."""
    return capitalised_names([article.title or "", article.text])
