"""The extract and language stages: both pure, so both run in the worker processes."""

from __future__ import annotations

from storywire.extract import ExtractError, HtmlOptions, LanguageIdentifier, extract_capture
from storywire.extract.language import DEFAULT_LANGUAGES, SAMPLE_CHARS
from storywire.model import Article
from storywire.stage import Stage, Work


class ExtractStage(Stage):
    """A capture becomes a draft: body text and the metadata its format states."""

    name = "extract"
    prepares_early = True

    def __init__(self, options: HtmlOptions | None = None) -> None:
        self.options = options or HtmlOptions()

    def prepare(self, work: Work) -> None:
        if work.live and work.capture is not None and work.draft is None:
            try:
                work.draft = extract_capture(work.capture, self.options)
            except ExtractError as exc:
                work.error = str(exc)


class LanguageStage(Stage):
    """The article's language, when its record did not state one (lingua, offline).

    Identified in the workers on the text the rules left; the writer identifies again only
    when the outlet's learned junk changed the sample read (the first 1,000 characters).
    """

    name = "language"
    prepares_early = True

    def __init__(self, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> None:
        self.options = languages
        self._identifier: LanguageIdentifier | None = None

    @property
    def identifier(self) -> LanguageIdentifier:
        if self._identifier is None:  # built on first use: listing commands never need it
            self._identifier = LanguageIdentifier(self.options)
        return self._identifier

    def prepare(self, work: Work) -> None:
        cleaned = work.cleaned
        if not work.live or cleaned is None or (work.draft and work.draft.language):
            return
        sample = _sample(cleaned.title, "\n\n".join(cleaned.paragraphs))
        work.scratch[self.name] = (sample, self.identifier.identify(sample))

    def process(self, batch: list[Work]) -> int:
        for work in batch:
            article = work.article
            if not work.live or article is None or article.language:
                continue
            sample = _sample(article.title, article.text)
            guessed = work.scratch.get(self.name)
            article.language = (guessed[1] if guessed and guessed[0] == sample
                                else self.identifier.identify(sample))
        return 0

    def fill(self, article: Article) -> None:
        """Identify an article's language in place, unless it is known."""
        if not article.language:
            article.language = self.identifier.identify(_sample(article.title, article.text))


def _sample(title: str | None, text: str) -> str:
    return f"{title or ''}\n{text}"[:SAMPLE_CHARS]
