"""The monitor: poll sources, fetch new pages, run the pipeline, evaluate watches, deliver.

Like the pipeline, it wires stages to the store and nothing else does I/O on the store.
Every step is recorded before the next one acts on it:

1. a poll's new items are stored as *pending* with the feed's new ETag/Last-Modified, in one
   transaction;
2. a page becomes a capture, stored by the pipeline (idempotent by SHA-256); only then is the
   item marked *fetched*;
3. a watch's alerts, their pending deliveries (the outbox) and the watch's cursor over the
   articles are written in one transaction (a "new" alert held until its story settles is
   a stored watch story, so it too outlives a restart);
4. a delivery is marked sent (or retried, or dead) after the attempt.

Killed anywhere, a restart redoes at most the step that was interrupted: no alert is lost
or created twice, and the only repeat possible is a delivery that was sent but not yet
recorded (receivers can drop it by the alert's stable id).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from storywire.extract.dates import parse_date
from storywire.ingest import InputError
from storywire.model import Article, Capture, WatchStory, utcnow
from storywire.pipeline import Pipeline, PipelineOptions
from storywire.sources import (
    FeedError,
    FeedItem,
    Fetcher,
    FetchError,
    FetchOptions,
    PollOptions,
    RobotsDisallowed,
    SitemapError,
    next_interval,
    parse_feed,
    parse_sitemap,
)
from storywire.sources.retry import retry_after_seconds
from storywire.store import Store
from storywire.store.records import (
    NewAlert,
    PollRecord,
    SeenItem,
    SourceRecord,
    WatchRecord,
)
from storywire.stories.assign import StoryAssigner, StoryOptions
from storywire.watch import (
    AlertOptions,
    DeliveryError,
    QueryError,
    SmtpOptions,
    WebhookOptions,
    alert_payload,
    mark_alerted,
    observe,
    parse_query,
    post_webhook,
    send_apprise,
    send_email,
    story_key,
    update_due,
    write_atom,
)
from storywire.watch.admin import watch_alert
from storywire.watch.digest import closed_alerts, digest_payload

STAGES = ("poll", "fetch", "pipeline", "watches", "deliver")
_RETELL_ALERTS = 200   # a watch's latest alerts read for a story it may have told already
_RETELL_ARTICLES = 20  # the latest articles of each whose stories are compared


@dataclass(frozen=True)
class DeliveryOptions:
    attempts: int = 5              # then the delivery is dead-lettered
    backoff: float = 30.0          # seconds before the 2nd attempt, x4 after each failure
    factor: float = 4.0
    webhook: WebhookOptions = field(default_factory=WebhookOptions)
    smtp: SmtpOptions = field(default_factory=SmtpOptions)
    atom_entries: int = 50


@dataclass(frozen=True)
class MonitorOptions:
    fetch: FetchOptions = field(default_factory=FetchOptions)
    poll: PollOptions = field(default_factory=PollOptions)
    alerts: AlertOptions = field(default_factory=AlertOptions)
    delivery: DeliveryOptions = field(default_factory=DeliveryOptions)
    fetch_concurrency: int = 8     # pages in flight in all (per host: FetchOptions)
    items_per_cycle: int = 200
    item_attempts: int = 3
    item_retry: float = 300.0      # seconds before the 2nd attempt, doubled after each
    sitemap_max_age: float = 2 * 86400.0  # older sitemap URLs are not fetched
    sitemap_children: int = 20
    # The story stage's gather pass (``StoryOptions.gather``) in the pipeline the monitor
    # makes for itself (a pipeline handed to ``Monitor`` is used as it is). On, as for
    # files: arriving a few at a time, one event's first reports often start stories of
    # their own before a story grows that would take them (docs/monitor.md).
    gather: bool = True


@dataclass
class CycleReport:
    polled: int = 0
    not_modified: int = 0
    new_items: int = 0
    fetched: int = 0
    added: int = 0
    alerts: int = 0
    delivered: int = 0
    failed_deliveries: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def merge(self, other: CycleReport) -> None:
        for name in ("polled", "not_modified", "new_items", "fetched", "added", "alerts",
                     "delivered", "failed_deliveries"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors
        for stage, seconds in other.seconds.items():
            self.seconds[stage] += seconds


class _Timer:
    def __init__(self, report: CycleReport, stage: str) -> None:
        self.report, self.stage = report, stage

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.report.seconds[self.stage] += time.perf_counter() - self.started


class Monitor:
    """One store, one pipeline, one set of options; ``cycle()`` once or ``run()`` forever."""

    def __init__(self, store: Store, pipeline: Pipeline | None = None,
                 options: MonitorOptions | None = None,
                 clock: Callable[[], datetime] = utcnow,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.store = store
        self.options = options or MonitorOptions()
        self.pipeline = pipeline or Pipeline(store, PipelineOptions(
            stories=StoryOptions(gather=self.options.gather)))
        self.clock = clock
        self.transport = transport
        self.on_error: Callable[[str], None] | None = None
        self._retries: list[datetime] = []  # delivery retries this process scheduled
        self._assigner: StoryAssigner | None = None
        # One line per poll and per alert (``storywire run`` without a terminal logs them).
        self.on_event: Callable[[str], None] | None = None

    # -- one cycle ---------------------------------------------------------------------
    async def cycle(self, fetcher: Fetcher | None = None, every_source: bool = False
                    ) -> CycleReport:
        """Poll the due sources (or all of them), fetch their new pages, ingest them,
        evaluate the watches, send the due deliveries."""
        report = CycleReport()
        own = fetcher is None
        fetcher = fetcher or Fetcher(self.options.fetch, self.transport)
        try:
            with _Timer(report, "poll"):
                await self.poll_sources(fetcher, report, every_source)
            while True:  # pages: a bounded batch at a time, until none is due
                with _Timer(report, "fetch"):
                    tried, captures = await self.fetch_pages(fetcher, report)
                if captures:
                    with _Timer(report, "pipeline"):
                        self.ingest(captures, report)
                if tried < self.options.items_per_cycle:
                    break
            with _Timer(report, "watches"):
                self.evaluate_watches(report)
            with _Timer(report, "deliver"):
                await self.deliver(report)
        finally:
            if own:
                await fetcher.aclose()
        return report

    def _error(self, report: CycleReport, message: str) -> None:
        report.errors.append(message)
        if self.on_error:
            self.on_error(message)

    def _event(self, message: str) -> None:
        if self.on_event:
            self.on_event(message)

    # -- 1. poll -----------------------------------------------------------------------
    async def poll_sources(self, fetcher: Fetcher, report: CycleReport,
                           every_source: bool = False) -> None:
        """Poll every due source, or every source whatever its schedule (as many at once
        as pages are fetched), recording each poll as soon as it is done."""
        gate = asyncio.Semaphore(self.options.fetch_concurrency)

        async def one(source: SourceRecord) -> None:
            async with gate:
                poll, error = await self._poll(fetcher, source)
            report.polled += 1
            report.not_modified += poll.status == 304
            new = self.store.record_poll(source.id, poll)
            report.new_items += new
            if error:
                self._error(report, error)
            else:
                self._event(f"poll {source.url}: HTTP {poll.status}, {len(poll.items)} items, "
                            f"{new} new; next in {poll.interval:.0f} s")

        sources = (self.store.list_sources() if every_source
                   else self.store.due_sources(self.clock()))
        await asyncio.gather(*(one(s) for s in sources))

    async def _poll(self, fetcher: Fetcher, source: SourceRecord) -> tuple[PollRecord, str | None]:
        items: list[FeedItem] = []
        status = etag = last_modified = error = channel = None
        retry_after = 0.0
        try:
            result = await fetcher.fetch(source.url, source.etag, source.last_modified)
            status = result.status
            if result.status == 200:
                items, channel = await self._items(fetcher, source, result.body,
                                                   result.content_type)
                # Kept only once the body was read: a broken feed is not answered by 304s.
                etag = result.headers.get("etag")
                last_modified = result.headers.get("last-modified")
            elif result.status != 304:
                error = f"{source.url}: HTTP {result.status}"
                retry_after = _retry_after(result.headers.get("retry-after"))
        except (FetchError, FeedError, SitemapError) as exc:
            error = str(exc)
        now = self.clock()
        urls = [item.url for item in items]
        unseen = self.store.unseen_urls(urls) if urls else set()
        interval = max(retry_after, next_interval(source.interval, len(unseen),
                                                  self.options.poll, error is not None))
        poll = PollRecord(polled_at=now, next_due=now + timedelta(seconds=interval),
                          interval=interval, status=status, etag=etag,
                          last_modified=last_modified, error=error,
                          items=[(i.url, i.guid, i.title, i.published, i.author)
                                 for i in items], title=channel)
        return poll, error

    async def _items(self, fetcher: Fetcher, source: SourceRecord, body: bytes,
                     content_type: str | None) -> tuple[list[FeedItem], str | None]:
        """The items a feed or sitemap names, and the feed's title."""
        if source.kind != "sitemap":
            feed = parse_feed(body, source.url, content_type)
            return feed.items, " ".join((feed.title or "").split()) or None
        sitemap = parse_sitemap(body, source.url)
        items = list(sitemap.items)
        for child in sitemap.children[:self.options.sitemap_children]:
            result = await fetcher.fetch(child)
            if result.status == 200:
                items += parse_sitemap(result.body, child).items
        oldest = self.clock() - timedelta(seconds=self.options.sitemap_max_age)
        dated = [i for i in items if i.published is None or i.published >= oldest]
        return dated[:self.options.items_per_cycle * 5], None

    # -- 2. fetch ----------------------------------------------------------------------
    async def fetch_pages(self, fetcher: Fetcher,
                          report: CycleReport) -> tuple[int, list[Capture]]:
        """(items tried, captures of the pages fetched) for one batch of due items."""
        items = self.store.pending_items(self.clock(), self.options.items_per_cycle)
        gate = asyncio.Semaphore(self.options.fetch_concurrency)

        async def one(item: SeenItem) -> Capture | None:
            async with gate:
                return await self._fetch_page(fetcher, item, report)

        found = await asyncio.gather(*(one(item) for item in items))
        return len(items), [capture for capture in found if capture is not None]

    async def _fetch_page(self, fetcher: Fetcher, item: SeenItem,
                          report: CycleReport) -> Capture | None:
        try:
            result = await fetcher.fetch(item.url)
            if result.status != 200:
                raise FetchError(item.url, f"HTTP {result.status}")
            kind = (result.content_type or "text/html").split(";")[0].strip().lower()
            if kind not in ("text/html", "application/xhtml+xml"):
                raise FetchError(item.url, f"not an HTML page ({kind})")
        except FetchError as exc:
            final = isinstance(exc, RobotsDisallowed) or \
                item.attempts + 1 >= self.options.item_attempts
            retry = None if final else self.clock() + timedelta(
                seconds=self.options.item_retry * 2 ** item.attempts)
            self.store.item_failed(item.url, str(exc), retry)
            self._error(report, str(exc))
            return None
        report.fetched += 1
        # What the feed said about the page: the extractor weighs it against the page's
        # own metadata (storywire.extract.precedence).
        meta = result.meta() | {"source": item.source_url, "item_url": item.url,
                                "feed_title": item.title, "feed_author": item.author,
                                "feed_channel": item.source_title,
                                "feed_published": item.published.isoformat()
                                if item.published else None}
        return Capture(raw=result.body, kind="html", origin=result.final_url,
                       url=result.final_url, fetched_at=result.fetched_at, meta=meta)

    # -- 3. pipeline -------------------------------------------------------------------
    def ingest(self, captures: list[Capture], report: CycleReport) -> None:
        """Store the pages' articles, in the order their feeds say they were published;
        then mark each item fetched (or failed, with why).

        The stateful stages (copies, stories) depend on the order they see articles in. The
        order in which polls and fetches complete is a matter of network timing, so a batch
        is put in publication order first: the same pages give the same stories however
        they arrived, and a run killed and restarted ends as an uninterrupted one."""
        failed: dict[str, str] = {}

        def note(error: InputError) -> None:
            failed[error.origin] = error.reason

        captures = sorted(captures, key=publication_order)
        result = self.pipeline.ingest_stream(captures, on_error=note)
        report.added += result.added
        for capture in captures:
            item_url = capture.meta["item_url"]
            if capture.origin in failed:
                self.store.item_failed(item_url, f"{capture.origin}: {failed[capture.origin]}",
                                       None)
                self._error(report, f"{capture.origin}: {failed[capture.origin]}")
            else:
                self.store.item_fetched(item_url, capture.sha256)

    # -- 4. watches --------------------------------------------------------------------
    def evaluate_watches(self, report: CycleReport, batch: int = 500) -> None:
        """New alerts for stories that first match; updates for stories that grew. Each
        watch is held while it is evaluated (``Store.evaluating``): a second monitor on
        the same database skips it rather than alerting twice."""
        now = self.clock()
        for listed in self.store.list_watches():
            with self.store.evaluating(listed.id) as watch:
                if watch is not None:
                    self._evaluate(watch, report, now, batch)
                    self._updates(watch, report, now)
                    self._digest(watch, report, now)

    def _evaluate(self, watch: WatchRecord, report: CycleReport, now: datetime,
                  batch: int) -> None:
        try:
            query = parse_query(watch.query)
        except QueryError as exc:
            self._error(report, f"watch {watch.name}: {exc}")
            return
        cursor = watch.cursor
        settle = self.options.alerts.settle
        while rows := self.store.articles_after(cursor, batch):
            cursor = rows[-1][0]
            matched = [article for _, article in rows if query.matches(article)]
            states = self.store.watch_stories(watch.id, sorted({story_key(a)
                                                                for a in matched}))
            changed: dict[str, WatchStory] = {}
            due: dict[str, None] = {}  # stories whose "new" alert goes out now, in order
            for article in matched:
                key = self._known_key(watch.id, article, states)
                if key not in states:
                    key = self._retold_key(watch.id, article, states, now) or key
                before = states.get(key)
                state, first = observe(before, article, watch.id, now)
                states[key] = changed[key] = state
                if first and settle > 0:
                    state.alerted_outlets = []  # held until it settles
                elif first or (state.held and _second_report(before, article)):
                    due[key] = None
            alerts = [NewAlert(key, "new", {}, _targets_now(watch)) for key in due]
            for alert in alerts:  # the payload shows every outlet of this batch
                alert.payload = alert_payload(changed[alert.story_key], "new", watch.name,
                                              watch.query)
                changed[alert.story_key].alerted_outlets = list(
                    changed[alert.story_key].outlets)
            self.store.save_watch_progress(watch.id, cursor, list(changed.values()), alerts,
                                           now)
            report.alerts += len(alerts)
            for alert in alerts:
                self._alert_event(alert)
        watch.cursor = cursor
        self._settle(watch, report, now)

    def _settle(self, watch: WatchRecord, report: CycleReport, now: datetime) -> None:
        """Send the held "new" alerts whose settle time is over, each for the story it now
        belongs to: a held story that a later report, the story stage (a merge, a gather)
        or the retelling check has tied to another story of the watch is folded into that
        one (its outlets then come as that story's update), else its alert goes out now."""
        settle = timedelta(seconds=self.options.alerts.settle)
        waiting = sorted((s for s in self.store.stories_awaiting_update(now - settle)
                          if s.watch_id == watch.id and s.held),
                         key=lambda s: (s.last_alert_at, s.story_key))
        for listed in waiting:
            state = self.store.watch_stories(watch.id, [listed.story_key]).get(
                listed.story_key)
            if state is None or not state.held:  # folded into another meanwhile
                continue
            articles = [a for a in map(self.store.get_article, state.articles) if a]
            target = self._settled_into(watch.id, state, articles, now)
            if target is not None:
                for article in articles:
                    target, _ = observe(target, article, watch.id, now)
                self.store.save_watch_progress(watch.id, watch.cursor, [target], [], now,
                                               removed=[state.story_key])
                continue
            state.alerted_outlets, state.last_alert_at = list(state.outlets), now
            alert = NewAlert(state.story_key, "new",
                             alert_payload(state, "new", watch.name, watch.query),
                             _targets_now(watch))
            self.store.save_watch_progress(watch.id, watch.cursor, [state], [alert], now)
            report.alerts += 1
            self._alert_event(alert)

    def _settled_into(self, watch_id: int, state: WatchStory, articles: list[Article],
                      now: datetime) -> WatchStory | None:
        """Another story of the watch that a held story now belongs to: one holding an
        article of its articles' present stories (one already alerted on first), else one
        its first report retells. None: the held story is a story of its own."""
        related = set().union(*map(self._tied_ids, articles))
        known = self.store.watch_stories_with_articles(watch_id, sorted(related))
        known.pop(state.story_key, None)
        if known:
            return min(known.values(), key=lambda s: (s.held, s.last_alert_at, s.story_key))
        first = next((a for a in articles if a.id == state.first_article), None)
        if first is None:
            return None
        candidates: dict[str, WatchStory] = {}
        key = self._retold_key(watch_id, first, candidates, now)
        return candidates.get(key) if key else None

    def _tied_ids(self, article: Article) -> set[str]:
        """The article, its original and the members of its present story: the articles a
        watch story holding any of them tells the same story as."""
        tied = {a for a in (article.id, article.copy_of) if a}
        if article.story_id:
            tied |= {m.id for m in self.store.story_members(article.story_id)}
        return tied

    def _known_key(self, watch_id: int, article: Article,
                   states: dict[str, WatchStory]) -> str:
        """The article's story key, unless the watch already told about this story under
        another key: another copy of the same original was alerted on under its own key
        (it arrived before the original was known), or an article of the story was alerted
        on before the grouping gave the story its present id. Then the article joins that
        story: one "new" alert per story, later reports are updates."""
        key = story_key(article)
        if key in states:
            return key
        related = {c.id for c in self.store.copies_of(article.copy_of or article.id)}
        related |= self._tied_ids(article)
        for other, state in states.items():  # this batch's, not saved yet
            if related.intersection(state.articles):
                return other
        known = self.store.watch_stories_with_articles(watch_id, sorted(related))
        known.pop(key, None)
        if known:
            earliest = min(known.values(), key=lambda s: (s.last_alert_at, s.story_key))
            states[earliest.story_key] = states.get(earliest.story_key, earliest)
            return earliest.story_key
        copies = [c for c in related if c != article.id]
        if copies:
            states.update(self.store.watch_stories(watch_id, copies))
            for copy in sorted(copies):
                if copy in states:
                    return copy
        return key

    def _retold_key(self, watch_id: int, article: Article, states: dict[str, WatchStory],
                    now: datetime) -> str | None:
        """The key of a story the watch alerted on within the retell window that this
        article's story retells: its report would join that story, and the report that
        started it, if publication dates did not count (``StoryAssigner.affinity``).
        None: a new story.

        The story stage keeps reports apart by their dates (a report far from a story's
        dates pays a penalty; a quiet week closes it), so one event reported by pages that
        carry far-apart dates becomes two stories; a "new" alert cannot be taken back, so
        each such split would reach the reader as a second alert about the same event."""
        options = self.options.alerts
        stories = self.pipeline.options.stories
        if options.retell_window <= 0 or not stories.enabled or article.story_id is None:
            return None
        since = now - timedelta(seconds=options.retell_window)
        recent = [a.story_key for a in self.store.recent_alerts(watch_id, _RETELL_ALERTS)
                  if a.kind == "new" and a.created_at >= since and a.story_key not in states]
        candidates = {k: s for k, s in states.items()
                      if s.last_alert_at >= since and not s.held}
        candidates.update(self.store.watch_stories(watch_id, sorted(set(recent))))
        groups: dict[str, str] = {}  # story id -> the watch story holding its articles
        abroad: dict[str, str] = {}  # article id in another language -> its watch story
        others: list[Article] = []
        for key in sorted(candidates, key=lambda k: (candidates[k].last_alert_at, k)):
            for article_id in candidates[key].articles[-_RETELL_ARTICLES:]:
                member = self.store.get_article(article_id)
                if member is not None and member.story_id and member.story_id != \
                        article.story_id:
                    groups.setdefault(member.story_id, key)
                    if member.language and article.language and \
                            member.language != article.language and member.id not in abroad:
                        abroad[member.id] = key
                        others.append(member)
        if not groups:
            return None
        if self._assigner is None:
            self._assigner = StoryAssigner(self.store, stories)
        fits = {groups[story]: whole for story, (whole, first) in
                self._assigner.affinity(article, sorted(groups)).items()
                if whole >= options.retell_margin and (first is None or first >= 0)}
        if not fits and others:
            # Across languages the centroid is the other language's words; a report that
            # would join one of the story's reports in another language on the names and
            # figures they share tells the same event.
            for member_id, score in self._assigner.report_affinity(article, others).items():
                if score >= 0:
                    fits[abroad[member_id]] = max(score, fits.get(abroad[member_id], score))
        key = max(sorted(fits), key=lambda k: fits[k], default=None)
        if key is None:
            return None
        states[key] = states.get(key, candidates[key])
        return key

    def _updates(self, watch: WatchRecord, report: CycleReport, now: datetime) -> None:
        period = timedelta(seconds=self.options.alerts.update_period)
        for state in self.store.stories_awaiting_update(now - period):
            if state.watch_id != watch.id or not update_due(state, now, self.options.alerts):
                continue
            state, fresh = mark_alerted(state, now)
            alert = NewAlert(state.story_key, "update",
                             alert_payload(state, "update", watch.name, watch.query, fresh),
                             _targets_now(watch))
            self.store.save_watch_progress(watch.id, watch.cursor, [state], [alert], now)
            report.alerts += 1
            self._alert_event(alert)

    def _digest(self, watch: WatchRecord, report: CycleReport, now: datetime) -> None:
        """For a watch that gathers its alerts: one digest alert, delivered to its targets,
        for the story alerts of the periods that are over."""
        if not watch.digest:
            return
        last = self.store.last_alert(watch.id, "digest")
        after = last.payload.get("covers", last.id) if last else 0
        due = closed_alerts(self.store.alerts_after(watch.id, after), watch.digest, now)
        if not due:
            return
        payload = digest_payload(watch.name, watch.query, watch.digest, due)
        self.store.save_watch_progress(
            watch.id, watch.cursor, [],
            [NewAlert(f"digest:{payload['period']['start']}", "digest", payload,
                      watch.targets)], now)
        report.alerts += 1

    def _alert_event(self, alert: NewAlert) -> None:
        payload = alert.payload
        outlets = len(payload["outlets"])
        self._event(f"alert [{payload['watch']}] {payload['kind']}: {payload['headline']} "
                    f"({outlets} outlet{'' if outlets == 1 else 's'}) "
                    f"{payload['link'] or ''}".rstrip())

    # -- 5. deliver --------------------------------------------------------------------
    async def deliver(self, report: CycleReport) -> None:
        """Send every due delivery; failures back off, the last one is dead-lettered."""
        options = self.options.delivery
        atoms_written: set[tuple[str, str]] = set()
        for delivery in self.store.due_deliveries(self.clock()):
            alert = watch_alert(delivery.alert, delivery.watch_name)
            kind, _, to = delivery.target.partition(":")
            try:
                if kind == "atom":
                    if (delivery.watch_name, to) not in atoms_written:
                        recent = self.store.recent_alerts(delivery.alert.watch_id,
                                                          options.atom_entries)
                        if delivery.alert.kind == "digest":  # a digest feed lists digests
                            recent = [a for a in recent if a.kind == "digest"]
                        write_atom(to, delivery.watch_name,
                                   [watch_alert(a, delivery.watch_name) for a in recent])
                        atoms_written.add((delivery.watch_name, to))
                elif kind == "webhook":
                    await post_webhook(to, alert, options.webhook)
                elif kind == "email":
                    await asyncio.to_thread(send_email, alert, to, options.smtp)
                elif kind == "apprise":
                    await send_apprise(to, alert, options.webhook.addresses)
                else:
                    raise DeliveryError(f"unknown target kind {kind!r}")
            except (DeliveryError, OSError) as exc:
                attempts = delivery.attempts + 1
                retry = None if attempts >= options.attempts else self.clock() + timedelta(
                    seconds=options.backoff * options.factor ** (attempts - 1))
                self.store.delivery_done(alert.id, delivery.target, str(exc), retry)
                if retry:
                    self._retries.append(retry)
                report.failed_deliveries += 1
                self._error(report, f"alert {alert.id} to {delivery.target}: {exc}"
                            + ("" if retry else " (gave up: dead letter)"))
                continue
            self.store.delivery_done(alert.id, delivery.target, None, None)
            report.delivered += 1

    # -- forever -----------------------------------------------------------------------
    def next_source(self) -> tuple[float, SourceRecord] | None:
        """(seconds until it is due, never below 0; the source) for the next source to
        poll, or None when there is no source."""
        sources = self.store.list_sources()
        if not sources:
            return None
        now = self.clock()
        source = min(sources, key=lambda s: (s.next_due, s.id))
        return max(0.0, (source.next_due - now).total_seconds()), source

    def next_wake(self) -> float:
        """Seconds until something is due (a source, a page retry or a delivery), 1–60: a
        delivery retry scheduled 30 s out is made 30 s out, not at the next minute."""
        now = self.clock()
        due = self.next_source()
        self._retries = [r for r in self._retries if r > now]
        waits = ([due[0]] if due else []) + [(r - now).total_seconds() for r in self._retries]
        wait = min(waits, default=60.0)
        if self.store.due_deliveries(now) or self.store.pending_items(now, 1):
            wait = 0
        return min(60.0, max(1.0, wait))

    async def run(self, stop: asyncio.Event,
                  on_cycle: Callable[[CycleReport], None] | None = None,
                  max_cycles: int | None = None,
                  on_tick: Callable[[float], None] | None = None) -> CycleReport:
        """Cycle until ``stop`` is set (a signal handler sets it). A cycle cut short is safe:
        whatever it had not recorded is simply done again. Between cycles ``on_tick`` is
        called about once a second with the seconds left before the next one (a status
        line counts down with it)."""
        total = CycleReport()
        cycles = 0
        async with Fetcher(self.options.fetch, self.transport) as fetcher:
            while not stop.is_set():
                task = asyncio.ensure_future(self.cycle(fetcher))
                stopper = asyncio.ensure_future(stop.wait())
                await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
                if not task.done():
                    task.cancel()
                    await asyncio.gather(task, return_exceptions=True)
                    stopper.cancel()
                    break
                stopper.cancel()
                report = task.result()
                total.merge(report)
                cycles += 1
                if on_cycle:
                    on_cycle(report)
                if max_cycles is not None and cycles >= max_cycles:
                    break
                await self._wait(stop, self.next_wake(), on_tick)
        return total

    @staticmethod
    async def _wait(stop: asyncio.Event, seconds: float,
                    on_tick: Callable[[float], None] | None) -> None:
        deadline = time.monotonic() + seconds
        while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
            if on_tick:
                on_tick(left)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), min(1.0, left) if on_tick else left)


def publication_order(capture: Capture) -> tuple[bool, float, str, str]:
    """A fetched page's place in its batch: by its feed item's publication time (naive
    times as UTC), undated last, then by the page's content hash, then by the item's URL.

    Pages published at the same time (or undated) are ordered by what they contain, not by
    where they were found: the same pages at another address (a site moved, another port)
    enter in the same order and so give the same copies and stories."""
    moment = parse_date(capture.meta.get("feed_published"))
    item_url = str(capture.meta.get("item_url") or capture.url or capture.origin)
    return (moment is None, moment.timestamp() if moment else 0.0, capture.sha256,
            item_url)


def _second_report(before: WatchStory | None, article: Article) -> bool:
    """Whether ``article`` gives a story an independent report beside an earlier one (an
    original, and the story held an original already): such a story need not settle."""
    return before is not None and not before.first_copy and article.copy_of is None \
        and article.id not in before.articles


def _targets_now(watch: WatchRecord) -> list[str]:
    """Where a story alert goes at once: nowhere for a watch that sends digests (its
    alerts are recorded, and the digest carries them at the end of the period)."""
    return [] if watch.digest else list(watch.targets)


def _retry_after(value: str | None) -> float:
    """Seconds a 429/503 asks us to wait: ``Retry-After`` in either form (RFC 9110)."""
    return retry_after_seconds(value, utcnow())
