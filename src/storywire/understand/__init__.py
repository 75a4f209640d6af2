"""Understanding an article: who is named, who said what, and which figures it reports.

A pure stage: text in, three lists out (``entities``, ``quotes``, ``figures``, the field
contract of ``docs/export.md``), all offsets into ``Article.text``. The spaCy pipeline is
loaded once per ``Understander`` and never downloaded (see ``nlp``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from storywire.understand.entities import Mention, entity_records, find_mentions
from storywire.understand.figures import find_figures, french_figures
from storywire.understand.marks import find_marked
from storywire.understand.nlp import MODEL_CANDIDATES, ModelMissing, load_pipeline
from storywire.understand.quotes import Quote, find_quotes
from storywire.understand.speakers import SpeakerFinder

__all__ = ["ModelMissing", "UnderstandOptions", "Understander", "Understanding"]


@dataclass(frozen=True)
class UnderstandOptions:
    """Settings of the understand stage."""

    enabled: bool = True
    models: tuple[str, ...] = MODEL_CANDIDATES  # spaCy pipelines to try, in order
    languages: tuple[str, ...] = ("en",)  # parsed fully; others get marked quotes only
    max_chars: int = 50_000  # longer texts are cut here: spaCy takes ~1 GB per 100k chars


@dataclass
class Understanding:
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    figures: list[dict[str, Any]]


class Understander:
    """Holds the loaded pipeline; ``understand`` is then a pure function of the text."""

    def __init__(self, options: UnderstandOptions | None = None, nlp: Any = None) -> None:
        self.options = options or UnderstandOptions()
        self._nlp = nlp

    @property
    def nlp(self) -> Any:
        if self._nlp is None:  # raises ModelMissing with the install command
            self._nlp = load_pipeline(self.options.models)
        return self._nlp

    def understand(self, text: str, language: str | None = "en",
                   year: int | None = None) -> Understanding:
        """Entities, quotes and figures of an article's text; ``year``, the publication
        year when known, tells which paragraphs are history (their figures are left out)."""
        text = text[:self.options.max_chars]
        if not text.strip():
            return Understanding([], [], [])
        if language and language not in self.options.languages:
            return _unparsed(text, language, year)
        doc = self.nlp(text)
        return analyse(doc, year)

    def understand_many(self, items: Sequence[tuple[str, str | None]],
                        batch_size: int = 32,
                        years: Sequence[int | None] | None = None) -> list[Understanding]:
        """``understand`` for many (text, language) pairs at once, results in order
        (``years``: each one's publication year, when known).

        Texts the pipeline parses go through spaCy's ``nlp.pipe`` in batches (one model
        call per batch instead of per article); empty texts and languages the English
        pipeline cannot read are never sent to it. Each result equals ``understand``'s."""
        years = list(years) if years is not None else [None] * len(items)
        out: list[Understanding | None] = [None] * len(items)
        to_parse: list[tuple[int, str]] = []
        for index, (text, language) in enumerate(items):
            text = text[:self.options.max_chars]
            if not text.strip():
                out[index] = Understanding([], [], [])
            elif language and language not in self.options.languages:
                out[index] = _unparsed(text, language, years[index])
            else:
                to_parse.append((index, text))
        if to_parse:
            docs = self.nlp.pipe((text for _, text in to_parse), batch_size=batch_size)
            for (index, _), doc in zip(to_parse, docs, strict=True):
                out[index] = analyse(doc, years[index])
        return [u for u in out if u is not None]


def _unparsed(text: str, language: str, year: int | None = None) -> Understanding:
    """A language the pipeline cannot parse: quotes in marks, and French figures (none
    from paragraphs about a time before ``year``, the publication year)."""
    figures = french_figures(text, year) if language == "fr" else []
    return Understanding([], _marked_only(text), [f.to_dict() for f in figures])


def analyse(doc: Any, year: int | None = None) -> Understanding:
    """The three lists from a spaCy ``Doc`` (parsed with tagger, parser and NER); ``year``
    is the publication year, against which history paragraphs are told."""
    mentions: list[Mention] = find_mentions(doc)
    quotes: list[Quote] = find_quotes(doc, partial(SpeakerFinder, doc, mentions))
    return Understanding(entity_records(mentions), [q.to_dict() for q in quotes],
                         [f.to_dict() for f in find_figures(doc, year)])


# "…», a déclaré la maire, Élodie Ferrand" / "…», estime Marc Delorme": the French cue
# and name right after a quote, for languages the English pipeline cannot parse.
_FRENCH_CUE = re.compile(
    r"^[\s,»”\"]*(?P<cue>a déclaré|a dit|a affirmé|a expliqué|a ajouté|a précisé|a raconté|"
    r"déclare|affirme|explique|ajoute|précise|raconte|estime|souligne|assure|confie)"
    r"(?P<description>(?:\s+(?:le|la|l'|un|une)\s+[a-zé\-\s]+?,)?)\s+"
    r"(?P<name>(?:[A-ZÉÈ][\w’'\-]+\s?){1,3})")


def _marked_only(text: str) -> list[dict[str, Any]]:
    """Quotes of a language the pipeline cannot parse: passages in marks, long enough to
    be speech; the speaker only where a French cue and a name follow the quote."""
    out = []
    for passage in find_marked(text):
        content = passage.content(text)
        if len(content.split()) >= 3:
            after = text[passage.end:passage.end + 120]
            cue = _FRENCH_CUE.match(after)
            description = cue.group("description").strip(" ,") if cue else ""
            out.append({"text": content, "speaker": cue.group("name").strip() if cue else None,
                        "speaker_description": description or None,
                        "cue": cue.group("cue") if cue else None, "kind": "direct",
                        # As printed, marks included, like the quotes of a parse.
                        "start": passage.open_at,
                        "end": passage.close_at + 1 if passage.close_at is not None
                        else passage.start + len(text[passage.start:passage.end].rstrip(
                            " ,\n"))})
    return out
