"""Wires the stages together: capture -> extract -> clean -> language -> store -> copies
-> stories.

The pipeline owns batching and crash safety. Every capture and the article made from it are
written in one transaction per batch, keyed by the capture's SHA-256, so that a re-run after
a crash (or over the same files) completes the work without storing anything twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field, replace
from datetime import datetime

from storywire.clean import CleanOptions, TextHints, classify_line, clean_text
from storywire.clean.learned import LearnedOptions, is_learned_junk, line_keys
from storywire.copies import CopyLinker, CopyOptions, CopySchemeError
from storywire.extract import Draft, ExtractError, HtmlOptions, LanguageIdentifier
from storywire.extract import extract_capture as extract_draft
from storywire.extract.dates import date_from_url
from storywire.extract.language import DEFAULT_LANGUAGES
from storywire.extract.names import host_of, merge_names, people_only
from storywire.ingest import DEFAULT_MAX_BYTES, InputError, InputNotice, discover, read_file
from storywire.model import Article, Capture
from storywire.store import ArticleFilter, Store
from storywire.stories import StoryAssigner, StoryOptions
from storywire.understand import (
    ModelMissing,
    Understander,
    Understanding,
    UnderstandOptions,
)

ProgressCallback = Callable[[int, int], None]  # (bytes done, bytes in all)


@dataclass(frozen=True)
class PipelineOptions:
    """Every knob of the pipeline in one place (no twenty keyword arguments)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 100
    html: HtmlOptions = field(default_factory=HtmlOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    learned: LearnedOptions = field(default_factory=LearnedOptions)
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    copies: CopyOptions = field(default_factory=CopyOptions)
    stories: StoryOptions = field(default_factory=StoryOptions)
    understand: UnderstandOptions = field(default_factory=UnderstandOptions)


@dataclass
class IngestReport:
    files: int = 0
    read: int = 0        # captures read from the inputs
    added: int = 0       # new articles stored
    unchanged: int = 0   # already stored: nothing to do
    relearned: int = 0   # earlier articles re-cleaned because an outlet's junk was learned
    copies: int = 0      # copy links made: a new article copies a stored one, or predates it
    understood: int = 0  # articles whose entities, quotes and figures were found
    not_understood: str | None = None  # why the understand stage did not run (no model)
    not_by_meaning: str | None = None  # why rewrites were not aligned by meaning (no encoder)
    errors: list[InputError] = field(default_factory=list)
    notices: list[InputNotice] = field(default_factory=list)  # stored, but lost a value

    @property
    def ok(self) -> bool:
        return not self.errors


class Pipeline:
    """One store, one set of options, the stages' stateful helpers built once."""

    def __init__(self, store: Store, options: PipelineOptions | None = None) -> None:
        self.store = store
        self.options = options or PipelineOptions()
        self._languages: LanguageIdentifier | None = None
        self._copies: CopyLinker | None = None
        self._stories: StoryAssigner | None = None
        self._understander: Understander | None = None

    @property
    def languages(self) -> LanguageIdentifier:
        if self._languages is None:  # built on first use: listing commands never need it
            self._languages = LanguageIdentifier(self.options.languages)
        return self._languages

    @property
    def copies(self) -> CopyLinker:
        """The copy linker over this store; its band keys must match the store's scheme."""
        if self._copies is None:
            scheme = self.options.copies.fingerprint.scheme()
            stored = self.store.copy_scheme()
            if stored is None:
                self.store.set_copy_scheme(scheme)
            elif stored != scheme:
                raise CopySchemeError(
                    f"the copy index of this store was built as {stored!r}, this storywire "
                    f"builds {scheme!r}: run `storywire reprocess --stage copies` once")
            self._copies = CopyLinker(self.store, self.options.copies)
        return self._copies

    @property
    def stories(self) -> StoryAssigner:
        """The story assigner over this store; its vectors must match the store's scheme."""
        if self._stories is None:
            assigner = StoryAssigner(self.store, self.options.stories)
            assigner.check_scheme()
            self._stories = assigner
        return self._stories

    # -- ingest ------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str], progress: ProgressCallback | None = None,
               on_error: Callable[[InputError], None] | None = None) -> IngestReport:
        """Read files and folders, store what is new, report what could not be read."""
        files, errors = discover(paths)
        report = IngestReport(files=len(files))
        for error in errors:
            self._fail(report, error, on_error)
        total = sum(f.size for f in files) or 1

        def inputs() -> Iterator[Capture | InputError | InputNotice]:
            done = 0
            for item in files:
                def tick(position: int, base: int = done, size: int = item.size) -> None:
                    if progress:
                        progress(base + min(position, size), total)

                yield from read_file(item, self.options.max_bytes, tick)
                done += item.size
                if progress:
                    progress(done, total)

        self.ingest_stream(inputs(), report, on_error)
        return report

    def ingest_stream(self, items: Iterable[Capture | InputError | InputNotice],
                      report: IngestReport | None = None,
                      on_error: Callable[[InputError], None] | None = None) -> IngestReport:
        """Store captures as they come, in batches; errors are reported, not raised."""
        report = report or IngestReport()
        if self.options.copies.enabled:
            report.not_by_meaning = self.copies.encoder_missing()
        run = _RunState()
        batch: list[Capture] = []
        for item in items:
            if isinstance(item, InputError):
                self._fail(report, item, on_error)
                continue
            if isinstance(item, InputNotice):
                report.notices.append(item)
                continue
            report.read += 1
            batch.append(item)
            if len(batch) >= self.options.batch_size:
                self._store_batch(batch, report, run, on_error)
                batch = []
        if batch:
            self._store_batch(batch, report, run, on_error)
        report.relearned += self._relearn(run)
        return report

    def _store_batch(self, batch: list[Capture], report: IngestReport,
                     run: _RunState,
                     on_error: Callable[[InputError], None] | None) -> None:
        failures: list[InputError] = []
        with self.store.transaction():
            for capture in batch:
                state = self.store.capture_state(capture.sha256)
                if state == "article":
                    report.unchanged += 1
                    continue
                try:
                    draft = extract_draft(capture, self.options.html)
                except ExtractError as exc:
                    self.store.put_capture(capture, error=str(exc))
                    failures.append(InputError(capture.origin, str(exc)))
                    continue
                self.store.put_capture(capture)
                article = self._article(capture, draft, run)
                self.store.put_article(article)
                report.added += 1
                if self.options.copies.enabled:
                    # A copy either way: the new article, or the stored one it predates.
                    report.copies += self.copies.link(article) is not None
                # -- understand (issue 5): entities, quotes, figures of every article --
                report.understood += self._understand(article, report, failures)
                # -- end understand --
                # -- stories (issue 4): after the copy link, so a copy takes its original's
                if self.options.stories.enabled:
                    self.stories.place(article)
                # -- end stories
        # Errors are announced only once their batch is safely committed.
        for failure in failures:
            self._fail(report, failure, on_error)

    @staticmethod
    def _fail(report: IngestReport, error: InputError,
              on_error: Callable[[InputError], None] | None) -> None:
        report.errors.append(error)
        if on_error:
            on_error(error)

    # -- one article -------------------------------------------------------------------
    def build_article(self, capture: Capture) -> Article:
        """The article for a stored capture, using the learned junk as it stands now."""
        return self._article(capture, extract_draft(capture, self.options.html))

    def _article(self, capture: Capture, draft: Draft, run: _RunState | None = None) -> Article:
        """Clean and complete a draft. With ``run`` (ingesting a new capture) the article
        also feeds the learned statistics, and ``run`` remembers what they decided."""
        hints = TextHints(title=draft.title, outlet=draft.outlet, authors=tuple(draft.authors),
                          published=draft.published, now=capture.fetched_at)
        options = self._clean_options(draft)
        cleaned = clean_text(draft.text, hints, options)
        outlet = self._outlet(draft, cleaned.outlet, run)
        learned = self.options.learned
        if outlet and learned.enabled:
            keys = line_keys(draft.text, learned)
            if run is not None:
                if outlet not in run.outlets:
                    run.outlets[outlet] = _LearnedRun(before=self._learned_junk(outlet))
                self.store.observe_lines(outlet, keys)
            junk = self._junk_among(outlet, keys)
            if run is not None:
                run.outlets[outlet].used |= junk
            if junk:
                options = _with_learned(options, junk)
                cleaned = clean_text(draft.text, hints, options)
        text = "\n\n".join(cleaned.paragraphs)
        return Article(
            id=capture.article_id,
            capture_sha256=capture.sha256,
            origin=capture.origin,
            paragraphs=cleaned.paragraphs,
            source_id=draft.source_id,
            url=draft.url,
            canonical_url=draft.canonical_url,
            outlet=outlet,
            title=cleaned.title,
            authors=people_only(merge_names(cleaned.authors), (outlet,)),
            published=(cleaned.published or _feed_date(capture)
                       or date_from_url(draft.url or draft.canonical_url)),
            language=draft.language or self.languages.identify(f"{cleaned.title or ''}\n{text}"),
            removed=cleaned.removed,
            removed_reasons=cleaned.removed_reasons,
        )

    def _outlet(self, draft: Draft, named: str | None, run: _RunState | None) -> str | None:
        """The outlet's name: as stated, else as its host's other articles state it, else
        the bare host. A newly stated name is remembered for the host."""
        host = draft.host
        if named:
            if run is not None and host:
                self.store.observe_outlet_host(host, named)
                run.named_hosts.add(host)
            return named
        if host:
            return self.store.outlet_for_host(host) or host
        return host_of(draft.canonical_url)

    def _clean_options(self, draft: Draft) -> CleanOptions:
        base = self.options.clean
        if base.detect_title == draft.plain_text:
            return base
        return replace(base, detect_title=draft.plain_text)

    # -- learned junk ------------------------------------------------------------------
    def _junk_among(self, outlet: str, keys: dict[str, str]) -> frozenset[str]:
        if not keys:
            return frozenset()
        total = self.store.outlet_article_count(outlet)
        counts = self.store.line_counts(outlet, keys)
        return frozenset(k for k, n in counts.items()
                         if is_learned_junk(n, total, self.options.learned))

    def _learned(self, outlet: str) -> tuple[list[tuple[str, int, str]], int]:
        """The outlet's learned junk as (key, articles, sample), and its article count."""
        learned = self.options.learned
        total = self.store.outlet_article_count(outlet)
        return [row for row in self.store.frequent_lines(outlet, learned.min_articles)
                if is_learned_junk(row[1], total, learned)], total

    def learned_lines(self, outlet: str) -> list[tuple[str, int, int]]:
        """(line, articles carrying it, articles of the outlet) for each line that only the
        learned layer removes (no general rule matches it)."""
        rows, total = self._learned(outlet)
        return [(sample, count, total) for _, count, sample in rows
                if classify_line(sample) is None]

    def _learned_junk(self, outlet: str) -> frozenset[str]:
        return frozenset(key for key, _, _ in self._learned(outlet)[0])

    def _relearn(self, run: _RunState) -> int:
        """Re-clean the articles whose learned junk is no longer what it was when cleaned.

        While an outlet's statistics grow, a line can become junk (earlier articles kept it)
        or stop being junk (its share fell as the outlet's other articles arrived). Only
        articles carrying such a line are rebuilt, and only when the set changed at all.
        """
        # Articles stored under a bare host before the host's outlet name was known.
        redone = sum(self._rebuild_all(ArticleFilter(outlet=host, limit=None))
                     for host in sorted(run.named_hosts))
        for outlet, learned in run.outlets.items():
            final = self._learned_junk(outlet)
            new = (final ^ learned.before) | (learned.used - final)
            if not new:
                continue
            affected = [
                article for article in
                self.store.list_articles(ArticleFilter(outlet=outlet, limit=None))
                if new.intersection(line_keys("\n".join(article.paragraphs + article.removed),
                                              self.options.learned))]
            redone += self._rebuild_articles(affected)
        return redone

    def _rebuild_all(self, flt: ArticleFilter) -> int:
        return self._rebuild_articles(self.store.list_articles(flt))

    def _rebuild_articles(self, articles: list[Article]) -> int:
        done = 0
        with self.store.transaction():
            for article in articles:
                try:
                    done += self._rebuild(article.capture_sha256) is not None
                except ExtractError:
                    continue  # recorded on the capture
        return done

    def _rebuild(self, sha256: str) -> Article | None:
        """Rebuild a stored capture's article in place, keeping what later stages added and
        re-judging its copy links if its text changed. None if the capture is gone; an
        ExtractError is recorded on the capture, then raised."""
        capture = self.store.get_capture(sha256)
        if capture is None:
            return None
        try:
            article = self.build_article(capture)
        except ExtractError as exc:
            self.store.put_capture(capture, error=str(exc))
            raise
        self.store.put_capture(capture)  # clears an earlier error
        old = self.store.get_article(article.id)
        if old is not None:
            _carry_over(old, article)
        self.store.put_article(article)
        if old is None or old.text != article.text:  # offsets point into the text
            try:
                self._understand(article)
            except ModelMissing:  # stale offsets are worse than none
                self.store.set_understanding(article.id, [], [], [])
        if old is not None and self.options.copies.enabled:
            self.copies.refresh(old, article)
        if old is not None and self.options.stories.enabled:  # stories (issue 4)
            self.stories.settle(article)
        return article

    # -- understand (issue 5) -----------------------------------------------------------
    @property
    def understander(self) -> Understander:
        if self._understander is None:  # the spaCy model is loaded on first use only
            self._understander = Understander(self.options.understand)
        return self._understander

    def _understand(self, article: Article, report: IngestReport | None = None,
                    failures: list[InputError] | None = None, reuse: bool = True) -> bool:
        """Fill an article's entities, quotes and figures and store them. Without the
        spaCy model, the article is stored without them and the report says why (once)."""
        if not self.options.understand.enabled or (report and report.not_understood):
            return False
        found = self._understood_original(article) if reuse else None
        try:
            found = found or self.understander.understand(article.text, article.language)
        except ModelMissing as exc:
            if report is None:
                raise
            report.not_understood = str(exc)
            return False
        except Exception as exc:  # a stage's slip must not lose the batch: say which article
            if failures is None:
                raise
            failures.append(InputError(article.origin, f"understand stage failed: {exc}"))
            return False
        article.entities, article.quotes, article.figures = (
            found.entities, found.quotes, found.figures)
        self.store.set_understanding(article.id, found.entities, found.quotes, found.figures)
        return True

    def _understood_original(self, article: Article) -> Understanding | None:
        """A copy whose text is its original's, word for word, takes the original's
        entities, quotes and figures (the offsets hold): a wire story carried by twenty
        outlets is parsed once, not twenty times. None when spaCy must read it."""
        if not article.copy_of:
            return None
        original = self.store.get_article(article.copy_of)
        if (original is None or original.text != article.text
                or original.language != article.language
                or not (original.entities or original.quotes or original.figures)):
            return None
        return Understanding(deepcopy(original.entities), deepcopy(original.quotes),
                             deepcopy(original.figures))

    def reprocess_understand(self, progress: ProgressCallback | None = None) -> int:
        """Find the entities, quotes and figures of every stored article again (after an
        upgrade or a change of the options). Raises ModelMissing without the model."""
        self.understander.nlp  # noqa: B018 - fail before the first batch, not inside it
        # Every article is parsed again: a copy must not take its original's old results.
        return self._each_article(lambda article: self._understand(article, reuse=False),
                                  progress)

    def _each_article(self, stage: Callable[[Article], object],
                      progress: ProgressCallback | None) -> int:
        """Run ``stage`` on every stored article in ingestion order, one transaction per
        batch (a crash keeps the batches done). Returns the number of articles."""
        ids = self.store.article_ids()
        step = self.options.batch_size
        for start in range(0, len(ids), step):
            with self.store.transaction():
                for article_id in ids[start:start + step]:
                    article = self.store.get_article(article_id)
                    if article is not None:
                        stage(article)
            if progress:
                progress(min(start + step, len(ids)), len(ids))
        return len(ids)

    # -- reprocess ---------------------------------------------------------------------
    def reprocess(self, progress: ProgressCallback | None = None,
                  on_error: Callable[[InputError], None] | None = None) -> IngestReport:
        """Re-run extraction and cleaning over every kept capture (after an upgrade).

        Two passes: the first relearns the per-outlet line statistics and host names from
        scratch, the second rebuilds every article with that knowledge complete.
        """
        report = IngestReport()
        with self.store.transaction():
            self.store.reset_line_stats()
            self.store.reset_outlet_hosts()
            run = _RunState()
            for capture in self.store.iter_captures():
                try:
                    self._article(capture, extract_draft(capture, self.options.html), run)
                except ExtractError:
                    continue
        hashes = self.store.capture_hashes()
        for start in range(0, len(hashes), self.options.batch_size):
            with self.store.transaction():
                for sha256 in hashes[start:start + self.options.batch_size]:
                    report.read += 1
                    try:
                        report.added += self._rebuild(sha256) is not None
                    except ExtractError as exc:
                        origin = self.store.get_capture(sha256).origin
                        self._fail(report, InputError(origin, str(exc)), on_error)
            if progress:
                progress(min(start + self.options.batch_size, len(hashes)), len(hashes))
        return report

    def reprocess_copies(self, progress: ProgressCallback | None = None) -> int:
        """Recompute every fingerprint and copy link, in ingestion order (after an upgrade
        or a change of the copy options). Returns the number of articles linked."""
        with self.store.transaction():
            self.store.reset_copies()
            self.store.set_copy_scheme(self.options.copies.fingerprint.scheme())
        self._copies = None
        return self._each_article(lambda article: self.copies.link(article), progress)

    # -- stories (issue 4) ---------------------------------------------------------------
    def reprocess_stories(self, progress: ProgressCallback | None = None) -> int:
        """Forget every story and assign every article again, in ingestion order (after an
        upgrade or a change of the story options). Returns the number of articles placed."""
        with self.store.transaction():
            self.store.reset_stories()
        self._stories = None

        def place(article: Article) -> None:
            if article.story_id is None:  # a copy placed with its original already has one
                self.stories.place(article)

        return self._each_article(place, progress)


@dataclass
class _LearnedRun:
    """An outlet's learned junk when a run first met it, and every key judged junk since."""

    before: frozenset[str]
    used: set[str] = field(default_factory=set)


@dataclass
class _RunState:
    """What one ingest run changed in the learned state, to settle at its end."""

    outlets: dict[str, _LearnedRun] = field(default_factory=dict)
    named_hosts: set[str] = field(default_factory=set)


def _carry_over(old: Article, new: Article) -> None:
    """What a rebuild must not lose: when it was first ingested, and later stages' results."""
    new.ingested_at = old.ingested_at
    for name in ("copy_of", "copy_kind", "copy_evidence", "story_id", "quotes", "entities",
                 "figures"):
        setattr(new, name, getattr(old, name))


def _feed_date(capture: Capture) -> datetime | None:
    """The date the feed gave a fetched page (issue 6's monitor), when the page has none."""
    value = capture.meta.get("feed_published")
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _with_learned(options: CleanOptions, junk: frozenset[str]) -> CleanOptions:
    return replace(options, learned_junk=options.learned_junk | junk)
