"""The clean stage: a draft becomes an article's text, title, outlet, authors and date.

Its pure half cleans by the general rules (in a worker). Its stateful half, in the writer,
adds what only the store knows: the outlet's name learned for its host, the outlet's
learned junk (short lines that recur across its articles, ``clean.learned``), and, for
plain text, how many of the outlet's articles carry each line (the line classifier's
recurrence features, ``TextHints.line_counts``). The learned
counts grow with every article, so an article cleaned early may carry a line that later
turns out to be junk (or the other way round): the stage remembers what it decided during
a run, and ``finish`` names exactly the articles to rebuild. What it decided is kept in
the store (deferred "learned" and "host" rows, written with the batch), so a run killed
before its end leaves the next run (or ``storywire repair``) able to name them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from storywire.clean.learned import (
    LearnedOptions,
    is_learned_junk,
    line_keys,
    recurring_counts,
)
from storywire.clean.rules import classify_line
from storywire.clean.text import CleanOptions, CleanResult, TextHints, clean_text
from storywire.extract import Draft
from storywire.extract.dates import date_from_url
from storywire.extract.names import host_of, merge_names, people_only
from storywire.model import Article, Capture
from storywire.stage import Stage, Work
from storywire.store.protocols import DeferredStore, LearnedStore
from storywire.store.records import ArticleFilter

# Deferred rows (store/migrations/0009_deferred.sql): an outlet's learned state during runs
# not yet settled, and hosts whose outlet name was learned.
_LEARNED = "learned"
_HOST = "host"


class LearnedIndex(LearnedStore, DeferredStore, Protocol):
    """What the clean stage needs from a store: line statistics, host names, an outlet's
    articles (to name the ones to rebuild), and where to keep what a run owes."""

    def list_articles(self, flt: ArticleFilter | None = None) -> list[Article]: ...


@dataclass
class _LearnedRun:
    """An outlet's learned junk when a run first met it, and every key judged junk since."""

    before: frozenset[str]
    used: set[str] = field(default_factory=set)


@dataclass
class _RunState:
    """What the batch under way changed in the learned state (read from and written back
    to the store's deferred rows within the batch's transaction)."""

    outlets: dict[str, _LearnedRun] = field(default_factory=dict)
    named_hosts: set[str] = field(default_factory=set)
    owed: dict[str, dict[str, Any]] = field(default_factory=dict)


def _payload(run: _LearnedRun) -> dict[str, Any]:
    return {"before": sorted(run.before), "used": sorted(run.used)}


def _from_payload(payload: dict[str, Any]) -> _LearnedRun:
    return _LearnedRun(frozenset(payload.get("before", ())), set(payload.get("used", ())))


class CleanStage(Stage):
    name = "clean"
    prepares_early = True

    def __init__(self, store: LearnedIndex | None, options: CleanOptions | None = None,
                 learned: LearnedOptions | None = None) -> None:
        self.store = store  # None in a worker process: only the pure half runs there
        self.options = options or CleanOptions()
        self.learned = learned or LearnedOptions()
        self._run = _RunState()

    # -- the pure half -----------------------------------------------------------------
    def prepare(self, work: Work) -> None:
        if work.live and work.draft is not None and work.cleaned is None:
            work.cleaned = clean_text(work.draft.text, _hints(work.draft, work.capture),
                                      self._options(work.draft))

    # -- the stateful half -------------------------------------------------------------
    def process(self, batch: list[Work]) -> int:
        if self.learned.enabled:
            self._run = _RunState(owed=dict(self.store.owed(_LEARNED)))
        for work in batch:
            if work.live and work.draft is not None and work.capture is not None:
                work.article = self._article(work.capture, work.draft, work.cleaned, learn=True)
        self._record_run()
        return 0

    def _record_run(self) -> None:
        """Write what this batch learned into the deferred rows, in its transaction."""
        run, self._run = self._run, _RunState()
        changed = [(outlet, _payload(learned)) for outlet, learned in run.outlets.items()
                   if run.owed.get(outlet) != _payload(learned)]
        if changed:
            self.store.owe(_LEARNED, changed)
        if run.named_hosts:
            self.store.owe(_HOST, [(host, {}) for host in sorted(run.named_hosts)])

    def build(self, capture: Capture, draft: Draft) -> Article:
        """The article for a stored capture, with the learned junk as it stands now."""
        return self._article(capture, draft, None, learn=False)

    def _article(self, capture: Capture, draft: Draft, cleaned: CleanResult | None,
                 learn: bool) -> Article:
        hints = _hints(draft, capture)
        options = self._options(draft)
        if cleaned is None:
            cleaned = clean_text(draft.text, hints, options)
        outlet = self._outlet(draft, cleaned.outlet, learn)
        if outlet and self.learned.enabled:
            keys = line_keys(draft.text, self.learned)
            if learn:
                if outlet not in self._run.outlets:
                    owed = self._run.owed.get(outlet)
                    self._run.outlets[outlet] = (
                        _from_payload(owed) if owed is not None
                        else _LearnedRun(before=self._learned_junk(outlet)))
                self.store.observe_lines(outlet, keys)
            total = self.store.outlet_article_count(outlet) if keys else 0
            counts = self.store.line_counts(outlet, keys) if keys else {}
            junk = frozenset(k for k, n in counts.items()
                             if is_learned_junk(n, total, self.learned))
            if learn:
                self._run.outlets[outlet].used |= junk
            # The line classifier (plain text only) weighs how often the outlet's other
            # articles carry a line: a menu item or a teaser headline recurs. A sentence
            # recurs too when the outlet carries copies of one story, so it is not counted.
            recurring = (recurring_counts(counts, keys)
                         if options.classifier and options.detect_title else {})
            if junk or recurring:
                cleaned = clean_text(
                    draft.text,
                    replace(hints, line_counts=recurring, outlet_articles=total),
                    replace(options, learned_junk=options.learned_junk | junk))
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
            published=publication_date(capture, draft, cleaned),
            language=draft.language,
            removed=cleaned.removed,
            removed_reasons=cleaned.removed_reasons,
        )

    def _outlet(self, draft: Draft, named: str | None, learn: bool) -> str | None:
        """The outlet's name: as stated, else as its host's other articles state it, else
        the bare host. A newly stated name is remembered for the host."""
        host = draft.host
        if named:
            if learn and host:
                self.store.observe_outlet_host(host, named)
                self._run.named_hosts.add(host)
            return named
        if host:
            return self.store.outlet_for_host(host) or host
        return host_of(draft.canonical_url)

    def _options(self, draft: Draft) -> CleanOptions:
        if self.options.detect_title == draft.plain_text:
            return self.options
        return replace(self.options, detect_title=draft.plain_text)

    # -- learned junk ------------------------------------------------------------------
    def _learned(self, outlet: str) -> tuple[list[tuple[str, int, str]], int]:
        """The outlet's learned junk as (key, articles, sample), and its article count."""
        total = self.store.outlet_article_count(outlet)
        return [row for row in self.store.frequent_lines(outlet, self.learned.min_articles)
                if is_learned_junk(row[1], total, self.learned)], total

    def _learned_junk(self, outlet: str) -> frozenset[str]:
        return frozenset(key for key, _, _ in self._learned(outlet)[0])

    def learned_lines(self, outlet: str) -> list[tuple[str, int, int]]:
        """(line, articles carrying it, articles of the outlet) for each line that only the
        learned layer removes (no general rule matches it)."""
        rows, total = self._learned(outlet)
        return [(sample, count, total) for _, count, sample in rows
                if classify_line(sample) is None]

    def finish(self) -> list[str]:
        """The captures whose articles no longer carry the learned junk they should.

        While an outlet's statistics grow, a line can become junk (earlier articles kept it)
        or stop being junk (its share fell as the outlet's other articles arrived). Only
        articles carrying such a line are named, and only when the set changed at all; so
        are the articles stored under a bare host before the host's outlet name was known.
        Reads and settles the deferred rows: call it inside the transaction that records
        the captures it names as owed.
        """
        if self.store is None:
            return []
        outlets = {outlet: _from_payload(payload)
                   for outlet, payload in self.store.owed(_LEARNED)}
        hosts = [host for host, _ in self.store.owed(_HOST)]
        self.store.settle(_LEARNED, list(outlets))
        self.store.settle(_HOST, hosts)
        owed: dict[str, None] = {}
        for host in sorted(hosts):
            owed.update(dict.fromkeys(a.capture_sha256 for a in self._articles_of(host)))
        for outlet, learned in outlets.items():
            final = self._learned_junk(outlet)
            new = (final ^ learned.before) | (learned.used - final)
            if not new:
                continue
            for article in self._articles_of(outlet):
                keys = line_keys("\n".join(article.paragraphs + article.removed), self.learned)
                if new.intersection(keys):
                    owed[article.capture_sha256] = None
        return list(owed)

    def _articles_of(self, outlet: str) -> list[Article]:
        return self.store.list_articles(ArticleFilter(outlet=outlet, limit=None))

    def forget_run(self) -> None:
        """Drop what runs decided (after a rebuild of every article, nothing is owed)."""
        self._run = _RunState()
        self.store.settle(_LEARNED, [outlet for outlet, _ in self.store.owed(_LEARNED)])
        self.store.settle(_HOST, [host for host, _ in self.store.owed(_HOST)])

    def reset(self) -> None:
        self.store.reset_line_stats()
        self.store.reset_outlet_hosts()
        self.forget_run()


def _hints(draft: Draft, capture: Capture | None) -> TextHints:
    return TextHints(title=draft.title, outlet=draft.outlet, authors=tuple(draft.authors),
                     published=draft.published, now=capture.fetched_at if capture else None,
                     language=draft.language)


def publication_date(capture: Capture, draft: Draft, cleaned: CleanResult) -> datetime | None:
    """The article's date: as the page states it, else as its feed gave it, else as its URL
    spells it, else when an archive (WARC) captured it."""
    return (cleaned.published or _meta_date(capture, "feed_published")
            or date_from_url(draft.url or draft.canonical_url)
            or _meta_date(capture, "warc_date"))


def _meta_date(capture: Capture, key: str) -> datetime | None:
    """A date the capture's source gave it (a feed's entry date, an archive's record date)."""
    value = capture.meta.get(key)
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
