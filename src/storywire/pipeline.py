"""The pipeline: a loop over an ordered list of stages, batches, and crash safety.

Stages (``storywire.stage``) come in this order: extract, clean, language, store, copies,
understand, stories. Their pure halves run in a pool of worker processes
(``storywire.workers``); their stateful halves run here, in the one writer, in input order,
so the result is the same with one worker or many. Consecutive pure halves travel to the
workers together; a stateful half ends such a run, since later pure work reads its result.

Every capture and the article made from it are written in one transaction per batch,
keyed by the capture's SHA-256, so that a re-run after a crash (or over the same files)
completes the work without storing anything twice. While the writer settles one batch, the
workers already extract the next.

The write lock is held only while the store is written, never while the workers parse:
a batch's later stages (understand, stories) are owed in the store ("settle" rows) by the
transaction that stores its articles, and done in a second short transaction once the
parse is back. The end-of-run learned-junk rebuild is owed the same way. Work a killed run
still owes is done first by the next run, or by ``Pipeline.repair`` (``storywire repair``),
so other processes (a second ingest, ``run``, the web's watch writes) only ever wait for a
short transaction.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial

from storywire.clean import CleanOptions
from storywire.clean.learned import LearnedOptions
from storywire.clean.stage import CleanStage
from storywire.copies import CopyOptions
from storywire.copies.stage import CopyStage
from storywire.extract import Draft, ExtractError, HtmlOptions, LanguageIdentifier
from storywire.extract.language import DEFAULT_LANGUAGES
from storywire.extract.stage import ExtractStage, LanguageStage
from storywire.ingest import DEFAULT_MAX_BYTES, InputError, InputNotice, discover, read_file
from storywire.model import Article, Capture
from storywire.stage import REPROCESS_STAGES, Stage, Work
from storywire.store import Store
from storywire.stories import StoryOptions
from storywire.stories.stage import StoryStage
from storywire.understand import UnderstandOptions
from storywire.understand.stage import UnderstandAheadStage, UnderstandStage
from storywire.workers import Workers

ProgressCallback = Callable[[int, int], None]  # (done, in all)



def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


@dataclass(frozen=True)
class PipelineOptions:
    """Every knob of the pipeline in one place (no twenty keyword arguments)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    # Items per batch: each batch is two short write transactions (store and link, then
    # parse results and stories), so a small batch keeps other writers' waits short.
    # STORYWIRE_BATCH_SIZE overrides it (a re-run after a kill should keep the same size:
    # its batches then line up with the killed run's, and so does the result).
    batch_size: int = field(default_factory=lambda: _env_int("STORYWIRE_BATCH_SIZE", 25))
    workers: int = 1  # processes for the pure halves; 1 runs them in this process
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


# Kinds of deferred work (store/migrations/0009_deferred.sql).
_SETTLE = "settle"
_REBUILD = "rebuild"
_REBUILD_CHUNK = 5

# Which report counter each stage's ``process`` count adds to.
_COUNTERS = {"store": "added", "copies": "copies", "understand": "understood"}


class StoreStage(Stage):
    """Writes each capture (with its extraction error, if any) and its article."""

    name = "store"

    def __init__(self, store: Store) -> None:
        self.store = store

    def process(self, batch: list[Work]) -> int:
        added = 0
        for work in batch:
            if work.known or work.capture is None:
                continue
            self.store.put_capture(work.capture, error=work.error)
            if work.live and work.article is not None:
                self.store.put_article(work.article)
                added += 1
        return added


def build_stages(store: Store | None, options: PipelineOptions) -> list[Stage]:
    """The enabled stages in order; a switched-off stage is simply not in the list."""
    stages: list[Stage] = [
        ExtractStage(options.html),
        CleanStage(store, options.clean, options.learned),
        LanguageStage(options.languages),
    ]
    if store is not None:
        stages.append(StoreStage(store))
    if options.copies.enabled:
        stages.append(CopyStage(store, options.copies))
    if options.understand.enabled and options.workers > 1:  # parsed while copies link
        stages.insert(3, UnderstandAheadStage(options.understand))
    if options.understand.enabled:  # after copies: an exact copy takes its original's
        stages.append(UnderstandStage(store, options.understand))
    if options.stories.enabled:
        stages.append(StoryStage(store, options.stories))
    return stages


def _segments(stages: Sequence[Stage]) -> list[tuple[list[Stage], list[Stage]]]:
    """The stages cut into (pure halves, then stateful halves) runs, in order."""
    segments: list[tuple[list[Stage], list[Stage]]] = []
    pure: list[Stage] = []
    stateful: list[Stage] = []
    for stage in stages:
        if stage.prepares():
            if stateful and not stage.prepares_early:
                segments.append((pure, stateful))
                pure, stateful = [], []
            pure.append(stage)
        if stage.processes():
            stateful.append(stage)
    segments.append((pure, stateful))
    return segments


class Pipeline:
    """One store, one set of options, the stages built once and run in order."""

    def __init__(self, store: Store, options: PipelineOptions | None = None) -> None:
        self.store = store
        self.options = options or PipelineOptions()
        self.stages = build_stages(store, self.options)
        self._by_name = {stage.name: stage for stage in self.stages}
        self._workers: Workers | None = None

    def stage(self, name: str) -> Stage:
        """The stage called ``name`` (KeyError when it is switched off)."""
        return self._by_name[name]

    @property
    def clean(self) -> CleanStage:
        return self._by_name["clean"]  # type: ignore[return-value]

    @property
    def languages(self) -> LanguageIdentifier:
        return self._by_name["language"].identifier  # type: ignore[attr-defined]

    @property
    def workers(self) -> Workers:
        if self._workers is None:
            factory = partial(build_stages, None, self.options)
            self._workers = Workers(self.stages, factory, self.options.workers)
        return self._workers

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._workers is not None:
            self._workers.close()
            self._workers = None

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        return self._ingest(items, report, on_error, prepared=False)

    def ingest_prepared(self, items: Iterable[Work | InputError],
                        report: IngestReport | None = None,
                        on_error: Callable[[InputError], None] | None = None) -> IngestReport:
        """Store items whose first pure halves (extract, clean by rules, language) already
        ran elsewhere, e.g. on a cluster (``storywire.backfill``). Everything else is
        ``ingest_stream``'s: the same batches, stateful halves and order, so the same input
        gives the same store."""
        return self._ingest(items, report, on_error, prepared=True)

    def _ingest(self, items: Iterable[Capture | Work | InputError], report: IngestReport | None,
                on_error: Callable[[InputError], None] | None, prepared: bool) -> IngestReport:
        report = report or IngestReport()
        if "copies" in self._by_name:
            report.not_by_meaning = self._by_name["copies"].note()  # type: ignore[attr-defined]
        segments = _segments(self.stages)
        first = [] if prepared else [stage.name for stage in segments[0][0]]
        self._finish_owed(segments, report)
        ahead: tuple[list[Work], Callable[[], list[Work]]] | None = None
        for batch in self._batches(items, report, on_error):
            job = self.workers.submit(first, batch)  # the workers start on this batch...
            if ahead is not None:
                self._write(*ahead, segments, report, on_error)  # ...while this one settles
            ahead = (batch, job)
        if ahead is not None:
            self._write(*ahead, segments, report, on_error)
        self._end_run(report)
        return report

    def repair(self) -> IngestReport:
        """Finish what an interrupted run left owed: the later stages of its last stored
        batch, the learned-junk rebuild it had not done. Safe to run at any time."""
        report = IngestReport()
        self._finish_owed(_segments(self.stages), report)
        self._end_run(report)
        return report

    def _end_run(self, report: IngestReport) -> None:
        """Name the articles the run's learned junk changed, owe them, rebuild them."""
        self._owe_rebuilds()
        report.relearned += self._rebuild_owed()

    def owed(self) -> dict[str, int]:
        """How much deferred work the store holds, by kind."""
        return self.store.owed_counts()

    def _batches(self, items: Iterable[Capture | Work | InputError], report: IngestReport,
                 on_error: Callable[[InputError], None] | None) -> Iterator[list[Work]]:
        batch: list[Work] = []
        for item in items:
            if isinstance(item, InputError):
                self._fail(report, item, on_error)
                continue
            if isinstance(item, InputNotice):
                report.notices.append(item)
                continue
            report.read += 1
            work = item if isinstance(item, Work) else Work(capture=item)
            # Already stored: skip the extraction (checked again in the batch's transaction).
            work.known = self.store.capture_state(work.capture.sha256) == "article"
            batch.append(work)
            if len(batch) >= self.options.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _write(self, batch: list[Work], job: Callable[[], list[Work]],
               segments: list[tuple[list[Stage], list[Stage]]], report: IngestReport,
               on_error: Callable[[InputError], None] | None) -> None:
        works = job()
        (_, stateful), later = segments[0], segments[1:]
        with self.store.transaction():
            self._claim(works, report)
            self._process(stateful, works, report)
            if later:
                self.store.owe(_SETTLE, [(work.article.id, {}) for work in works
                                         if work.live and work.article is not None])
        works = self._settle(later, works, report)
        # Errors are announced only once their batch is safely committed.
        for work in works:
            if work.error is not None and not work.known and work.capture is not None:
                self._fail(report, InputError(work.capture.origin, work.error), on_error)
            for failure in work.failures:
                self._fail(report, InputError(work.capture.origin, failure), on_error)
            if "understand" in work.notes and not report.not_understood:
                report.not_understood = work.notes["understand"]

    def _settle(self, later: list[tuple[list[Stage], list[Stage]]], works: list[Work],
                report: IngestReport) -> list[Work]:
        """A stored batch's later stages: the pure halves with no lock held, then the
        stateful halves in a short transaction that also settles the batch's owed rows.
        Items another process settled meanwhile are passed over."""
        for index, (pure, stateful) in enumerate(later):
            for stage in pure:
                stage.before_prepare(works)
            works = self.workers.run([stage.name for stage in pure if stage.has_work(works)],
                                     works)
            with self.store.transaction():
                if index == len(later) - 1:
                    ids = [work.article.id for work in works
                           if work.live and work.article is not None]
                    still = self.store.settle(_SETTLE, ids)
                    for work in works:
                        if work.live and work.article is not None \
                                and work.article.id not in still:
                            work.known, work.stored = True, False
                self._process(stateful, works, report)
        return works

    def _process(self, stateful: list[Stage], works: list[Work],
                 report: IngestReport) -> None:
        for stage in stateful:
            count = stage.process(works)
            counter = _COUNTERS.get(stage.name)
            if counter:
                setattr(report, counter, getattr(report, counter) + count)

    def _finish_owed(self, segments: list[tuple[list[Stage], list[Stage]]],
                     report: IngestReport) -> None:
        """The later stages of batches a killed run stored but did not finish, oldest
        first, before anything new is stored (so the order matches an unbroken run)."""
        later = segments[1:]
        if not later:
            return  # its stages are switched off in this run: left for one that runs them
        while True:
            owed = self.store.owed(_SETTLE, self.options.batch_size)
            if not owed:
                return
            works = self._stored([key for key, _ in owed])
            gone = {key for key, _ in owed} - {work.article.id for work in works}
            if gone:  # articles removed since: nothing left to do for them
                with self.store.transaction():
                    self.store.settle(_SETTLE, sorted(gone))
            self._settle(later, works, report)

    def _claim(self, works: list[Work], report: IngestReport) -> None:
        """Inside the batch's transaction: pass over captures stored meanwhile or twice."""
        seen: set[str] = set()
        for work in works:
            sha256 = work.capture.sha256
            if not work.known and (sha256 in seen
                                   or self.store.capture_state(sha256) == "article"):
                work.known = True
            seen.add(sha256)
            report.unchanged += work.known

    @staticmethod
    def _fail(report: IngestReport, error: InputError,
              on_error: Callable[[InputError], None] | None) -> None:
        report.errors.append(error)
        if on_error:
            on_error(error)

    # -- one article -------------------------------------------------------------------
    def build_article(self, capture: Capture) -> Article:
        """The article for a stored capture, using the learned junk as it stands now.
        Raises ExtractError when the capture holds no article."""
        return self._article(capture, self._draft(capture))

    def _draft(self, capture: Capture) -> Draft:
        work = Work(capture=capture)
        self._by_name["extract"].prepare(work)
        if work.error is not None:
            raise ExtractError(work.error)
        return work.draft

    def _article(self, capture: Capture, draft: Draft) -> Article:
        article = self.clean.build(capture, draft)
        self._by_name["language"].fill(article)  # type: ignore[attr-defined]
        return article

    def learned_lines(self, outlet: str) -> list[tuple[str, int, int]]:
        """(line, articles carrying it, articles of the outlet) for each line that only the
        learned layer removes."""
        return self.clean.learned_lines(outlet)

    def _owe_rebuilds(self) -> None:
        """Turn what the clean stage learned this run (and what killed runs left) into the
        articles to rebuild, owed in the store before the first is rebuilt."""
        with self.store.transaction():
            self.store.owe(_REBUILD, [(sha256, {}) for sha256 in self.clean.finish()])

    def _rebuild_owed(self) -> int:
        """Rebuild the owed articles a few at a time, each few in a short transaction that
        settles their rows: a kill loses at most the few under way, never the list."""
        done = 0
        while True:
            owed = [key for key, _ in self.store.owed(_REBUILD, _REBUILD_CHUNK)]
            if not owed:
                return done
            with self.store.transaction():
                for sha256 in sorted(self.store.settle(_REBUILD, owed), key=owed.index):
                    try:
                        done += self._rebuild(sha256) is not None
                    except ExtractError:
                        continue  # recorded on the capture

    def _rebuild(self, sha256: str) -> Article | None:
        """Rebuild a stored capture's article in place, keeping what later stages added, and
        let every stage hear of it (to re-judge copy links, re-parse a changed text, settle
        stories). None if the capture is gone; an ExtractError is recorded on the capture,
        then raised."""
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
        for stage in self.stages:
            stage.rebuild(old, article)
        return article

    # -- reprocess ---------------------------------------------------------------------
    def reprocess(self, progress: ProgressCallback | None = None,
                  on_error: Callable[[InputError], None] | None = None) -> IngestReport:
        """Re-run extraction and cleaning over every kept capture (after an upgrade).

        Two passes: the first relearns the per-outlet line statistics and host names from
        scratch, the second rebuilds every article with that knowledge complete.
        """
        report = IngestReport()
        learning = ["extract", "clean"]
        with self.store.transaction():
            self.clean.reset()
        hashes = self.store.capture_hashes()
        step = self.options.batch_size
        for start in range(0, len(hashes), step):
            works = [Work(capture=self.store.get_capture(sha256))
                     for sha256 in hashes[start:start + step]]
            works = self.workers.run(learning, works)
            with self.store.transaction():
                self.clean.process(works)
        with self.store.transaction():
            self.clean.forget_run()
        for start in range(0, len(hashes), step):
            with self.store.transaction():
                for sha256 in hashes[start:start + step]:
                    report.read += 1
                    try:
                        report.added += self._rebuild(sha256) is not None
                    except ExtractError as exc:
                        origin = self.store.get_capture(sha256).origin
                        self._fail(report, InputError(origin, str(exc)), on_error)
            if progress:
                progress(min(start + step, len(hashes)), len(hashes))
        return report

    def reprocess_stage(self, name: str, progress: ProgressCallback | None = None) -> int:
        """Forget what one stage stored and run it again over every stored article, in
        ingestion order (after an upgrade or a change of its options). Returns the number
        of articles it went over. ``extract`` rebuilds every article from its capture."""
        if name == "extract":
            return self.reprocess(progress).added
        if name not in REPROCESS_STAGES:
            raise KeyError(f"no stage {name!r} to reprocess; choose from "
                           f"{', '.join(REPROCESS_STAGES)}")
        stage = self.stage(name)
        if isinstance(stage, UnderstandStage):
            stage.check()  # fail before the first batch, not inside it
        with self.store.transaction():
            stage.reset()
        ids = self.store.article_ids()
        step = self.options.batch_size
        for start in range(0, len(ids), step):
            chunk = ids[start:start + step]
            if stage.prepares():
                works = self.workers.run([name], self._stored(chunk))
                with self.store.transaction():
                    stage.process(works)
            else:  # each article read just before its turn: earlier ones may have moved it
                with self.store.transaction():
                    for article_id in chunk:
                        stage.process(self._stored([article_id]))
            if progress:
                progress(min(start + step, len(ids)), len(ids))
        if isinstance(stage, StoryStage):
            with self.store.transaction():
                stage.keep_ids()  # unchanged stories keep the ids they had
        return len(ids)

    def _stored(self, ids: Sequence[str]) -> list[Work]:
        return [Work(article=article, stored=True)
                for article in map(self.store.get_article, ids) if article is not None]


def _carry_over(old: Article, new: Article) -> None:
    """What a rebuild must not lose: when it was first ingested, and later stages' results."""
    new.ingested_at = old.ingested_at
    for name in ("copy_of", "copy_kind", "copy_evidence", "story_id", "quotes", "entities",
                 "figures"):
        setattr(new, name, getattr(old, name))
