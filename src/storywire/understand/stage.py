"""The understand stage: the entities, quotes and figures of every article.

The parse is pure (text in, three lists out), so it runs in the worker processes; the
writer stores the lists. It comes after the copy stage: a copy whose text is its
original's, word for word, takes the original's results (the offsets hold), so a wire
story carried by twenty outlets is parsed once, not twenty times.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Protocol

from storywire.model import Article
from storywire.stage import Stage, Work
from storywire.store.protocols import ArticleReads, UnderstandStore
from storywire.understand import ModelMissing, Understander, Understanding, UnderstandOptions

AHEAD = "understand-ahead"


class UnderstandIndex(ArticleReads, UnderstandStore, Protocol):
    """What the understand stage needs from a store: its lists, and an original's."""


class UnderstandStage(Stage):
    name = "understand"

    def __init__(self, store: UnderstandIndex | None,
                 options: UnderstandOptions | None = None) -> None:
        self.store = store  # None in a worker process
        self.options = options or UnderstandOptions()
        self._understander: Understander | None = None
        self._missing: str | None = None

    @property
    def understander(self) -> Understander:
        if self._understander is None:  # the spaCy model is loaded on first use only
            self._understander = Understander(self.options)
        return self._understander

    def use(self, understander: Understander) -> None:
        """Parse with this understander (one that serves parses made elsewhere, e.g. on a
        cluster, and falls back to its own model)."""
        self._understander = understander

    def check(self) -> None:
        """Load the model now; raises ModelMissing (before a reprocess starts, not inside)."""
        self.understander.nlp  # noqa: B018

    def before_prepare(self, batch: list[Work]) -> None:
        in_batch = {work.article.id: work for work in batch
                    if work.article is not None and work.live}
        for work in batch:
            article = work.article
            if not work.live or article is None or not article.copy_of:
                continue
            original = in_batch.get(article.copy_of)
            if original is not None and original is not work:
                if _same_text(original.article, article):  # parsed in this batch: wait
                    work.scratch[self.name] = original.article.id
                continue
            found = self._original_results(article)
            if found is not None:
                _fill(article, found)
                work.done.add(self.name)
        for work in batch:  # the parse made ahead, where the text it read is the article's
            ahead = work.scratch.pop(AHEAD, None)
            if ahead is not None and self._wanted(work) \
                    and (work.article.text, work.article.language,
                         _year(work.article)) == ahead[:3]:
                _fill(work.article, ahead[3])
                work.done.add(self.name)

    def has_work(self, batch: list[Work]) -> bool:
        return any(self._wanted(work) for work in batch)

    def _original_results(self, article: Article) -> Understanding | None:
        original = self.store.get_article(article.copy_of)
        if (original is None or not _same_text(original, article)
                or not (original.entities or original.quotes or original.figures)):
            return None
        return Understanding(deepcopy(original.entities), deepcopy(original.quotes),
                             deepcopy(original.figures))

    def prepare_all(self, batch: list[Work]) -> None:
        """Parse the batch through spaCy's ``nlp.pipe``; should the batch fail, each
        article is parsed alone, so the failure is told against the article it is in."""
        todo = [work for work in batch if self._wanted(work)]
        if not todo or self._missing is not None:
            for work in todo:
                self.prepare(work)
            return
        try:
            found = self.understander.understand_many(
                [(work.article.text, work.article.language) for work in todo],
                years=[_year(work.article) for work in todo])
        except ModelMissing as exc:
            self._missing = str(exc)
            found = None
        except Exception:  # one article's slip: find which, one by one
            found = None
        if found is None:
            for work in todo:
                self.prepare(work)
            return
        for work, understanding in zip(todo, found, strict=True):
            _fill(work.article, understanding)
            work.done.add(self.name)

    def _wanted(self, work: Work) -> bool:
        return (work.article is not None and (work.live or work.stored)
                and self.name not in work.done and self.name not in work.scratch)

    def prepare(self, work: Work) -> None:
        article = work.article
        if (article is None or not (work.live or work.stored) or self.name in work.done
                or self.name in work.scratch):
            return
        if self._missing is not None:
            work.notes[self.name] = self._missing
            return
        try:
            found = self.understander.understand(article.text, article.language,
                                                 _year(article))
        except ModelMissing as exc:  # once per process: the model will not appear later
            self._missing = str(exc)
            work.notes[self.name] = self._missing
            return
        except Exception as exc:  # a stage's slip must not lose the batch: say which article
            work.failures.append(f"understand stage failed: {exc}")
            return
        _fill(article, found)
        work.done.add(self.name)

    def process(self, batch: list[Work]) -> int:
        done = 0
        by_id = {work.article.id: work for work in batch if work.article is not None}
        for work in batch:
            original = by_id.get(work.scratch.pop(self.name, None))
            if original is not None and self.name in original.done:
                source = original.article
                _fill(work.article, Understanding(deepcopy(source.entities),
                                                  deepcopy(source.quotes),
                                                  deepcopy(source.figures)))
                work.done.add(self.name)
            if self.name not in work.done:
                continue
            done += 1
            article = work.article
            self.store.set_understanding(article.id, article.entities, article.quotes,
                                         article.figures)
        return done

    def rebuild(self, old: Article | None, new: Article) -> None:
        """A rebuilt article whose text changed is parsed again: offsets point into it."""
        if old is not None and old.text == new.text:
            return
        try:
            found = self.understander.understand(new.text, new.language, _year(new))
        except ModelMissing:  # stale offsets are worse than none
            found = Understanding([], [], [])
        _fill(new, found)
        self.store.set_understanding(new.id, new.entities, new.quotes, new.figures)


class UnderstandAheadStage(Stage):
    """The parse, started in the first trip to the workers on the text the rules left.

    The understand stage can only send its parse out once the writer has linked the
    batch's copies (an exact copy takes its original's results), and the writer then
    waits for it. Parsed ahead, the batch is parsed while the writer links the one before.
    The understand stage takes an ahead parse only where the article's text, language and
    publication year (which tells history paragraphs) came out the same in the writer (an
    outlet's learned junk can change them) and it would have parsed the article itself;
    the result is the same pure function of the same input. Built only with worker
    processes: with one, the parse of an exact copy that is then passed over would be time
    lost, not time overlapped.
    """

    name = AHEAD
    prepares_early = True
    speculative = True

    def __init__(self, options: UnderstandOptions | None = None) -> None:
        self.understander = Understander(options or UnderstandOptions())

    def prepare(self, work: Work) -> None:
        self.prepare_all([work])

    def prepare_all(self, batch: list[Work]) -> None:
        todo = [(work, key) for work in batch if (key := _ahead_key(work)) is not None]
        keys = list(dict.fromkeys(key for _, key in todo))  # a text twice is parsed once
        if not keys:
            return
        try:
            found = dict(zip(keys, self.understander.understand_many(
                [key[:2] for key in keys], years=[key[2] for key in keys]), strict=True))
        except Exception:  # the understand stage parses again, and says what failed
            return
        for work, key in todo:
            work.scratch[AHEAD] = (*key, deepcopy(found[key]))


def _ahead_key(work: Work) -> tuple[str, str | None, int | None] | None:
    """The (text, language, year) the article will most likely have: the rules'
    paragraphs, the record's language or the language stage's guess, and the year of the
    date the rules found."""
    if not work.live or work.cleaned is None or work.draft is None:
        return None
    language = work.draft.language
    if not language:
        guessed = work.scratch.get("language")
        language = guessed[1] if guessed else None
    published = work.cleaned.published
    return ("\n\n".join(work.cleaned.paragraphs), language,
            published.year if published is not None else None)


def _fill(article: Article, found: Understanding) -> None:
    article.entities, article.quotes, article.figures = (
        found.entities, found.quotes, found.figures)


def _year(article: Article) -> int | None:
    """The publication year, against which the figures' history paragraphs are told."""
    return article.published.year if article.published is not None else None


def _same_text(original: Article, copy: Article) -> bool:
    return (original.text == copy.text and original.language == copy.language
            and _year(original) == _year(copy))

