"""The live path measured end to end: labelled articles fetched from feeds, beside the same
pages read as files.

Data no one here wrote: ECB+ (``ecbplus/articles.jsonl``: text, title, outlet, date and
the event label), PolNeAR (``polnear/dev``: text, publisher, date, author, title) and Mozilla
Readability's test pages (real pages with the expected text and metadata). ECB+ and PolNeAR
articles are rendered into the pages of realistic site templates (``evaluation.sites``);
Readability pages are served as they are. Every outlet is its own site on 127.0.0.1 with
an RSS, Atom or sitemap feed.

The split is fixed before anything is tuned: ECB+ odd topics are *dev*, even topics *test*
(as ``evaluation.stories`` splits them); PolNeAR texts and Readability pages go to dev or
test by the parity of the CRC-32 of their file name. Report the test part.

Files: every page is ingested in one batch (shuffled, fixed seed) as an HTML capture at
the URL it is served under; ``--listings N`` scores the files path under N shuffles, since
story placement follows input order and one listing is one draw among many. Live: the
pages are released over simulated hours in publication order with jitter (undated ones
at random places); each simulated hour the real monitor polls every feed, fetches the new
pages, runs the pipeline and the watches.
Several arrival orders (seeds) give the spread of the story figures.

Reported: headline, outlet and date accuracy and text F1 (live and files); story BCubed F1
against the ECB+ events (live and files) and of the live grouping against the file
grouping, over the orders; for labelled watches, per (watch, event): duplicate "new story"
alerts, missed events and false alerts (an alert whose story is about no event the watch's
query matches in the labelled text). Run ``make eval-live``.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import math
import random
import re
import statistics
import tempfile
import time
import warnings
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dateutil import parser as dateparser

from storywire.evaluation.readability import expected_text, title_matches
from storywire.evaluation.sites import Item, Site, feed_kind, item_path
from storywire.evaluation.stories import bcubed
from storywire.extract.dates import is_date_only
from storywire.model import Article, Capture

SPLITS = ("dev", "test")

# Watches a news desk would keep; written as general news queries, not from any item.
WATCHES = {
    "quakes": "earthquake OR quake",
    "rehab": "rehab OR rehabilitation",
    "shootings": "shooting OR gunman",
    "arrests": "arrested",
    "fires": "fire OR blaze",
    "storms": "hurricane OR storm OR flood",
    "hires": "appointed OR fired OR resigned",
    "elections": "election",
}


# -- data ---------------------------------------------------------------------------------
def _half(name: str) -> str:
    return SPLITS[zlib.crc32(name.encode()) % 2]


def _when(text: object) -> datetime | None:
    """A free-text date ("May 2, 2013 | 5: 03pm") as an aware datetime, or None."""
    if not text:
        return None
    cleaned = re.sub(r"(\d)\s*:\s*(\d)", r"\1:\2", str(text)).replace("|", " ")
    cleaned = re.sub(r"\b(?:UPDATED|First Published|Published|at)\b:?", " ", cleaned,
                     flags=re.I)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            when = dateparser.parse(cleaned, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if not 1990 <= when.year <= 2030:
        return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def ecbplus_items(path: Path, split: str) -> list[Item]:
    items = []
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if not row or not str(row.get("text") or "").strip():
            continue
        if SPLITS[int(row["topic"]) % 2 == 0] != split:
            continue
        outlet = row.get("outlet") or None
        site = outlet or f"desk-{zlib.crc32(str(row['id']).encode()) % 12}"
        item = Item(key=f"ecbplus:{row['id']}", corpus="ecbplus", outlet=outlet,
                    title=row.get("title") or None, published=_when(row.get("published")),
                    text=row["text"], event=str(row["event"]), site=site)
        item.path = item_path(item, row.get("url"))
        items.append(item)
    return items


def polnear_items(folder: Path, split: str) -> list[Item]:
    meta: dict[str, dict[str, str]] = {}
    lines = (folder / "metadata.tsv").read_text("utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=False))
        meta[row.get("filename", "")] = row
    items = []
    for text_file in sorted((folder / "dev" / "text").glob("*.txt")):
        if _half(text_file.name) != split:
            continue
        row = meta.get(text_file.stem, {})
        head, _, body = text_file.read_text("utf-8").strip().partition("\n")
        author = row.get("author") or ""
        item = Item(key=f"polnear:{text_file.stem}", corpus="polnear",
                    outlet=row.get("publisher") or None,
                    title=(row.get("title") or head).strip() or None,
                    published=_when(row.get("publication_date")), text=body.strip(),
                    authors=[author] if author and author != "None" else [],
                    site=row.get("publisher") or "polnear")
        item.path = item_path(item, None)
        items.append(item)
    return items


def readability_items(root: Path, split: str) -> list[Item]:
    items = []
    for folder in sorted(p for p in root.iterdir() if (p / "source.html.gz").exists()):
        if _half(folder.name) != split:
            continue
        meta = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
        items.append(Item(key=f"readability:{folder.name}", corpus="readability",
                          outlet=meta.get("siteName") or None, title=meta.get("title"),
                          published=_when(meta.get("publishedTime")),
                          text=expected_text(folder), path=f"/{folder.name}/article.html",
                          raw=gzip.decompress((folder / "source.html.gz").read_bytes()),
                          site=f"readability:{folder.name}"))
    return items


def load_items(data: Path, split: str) -> list[Item]:
    items = ecbplus_items(data / "ecbplus" / "articles.jsonl", split)
    if (data / "polnear").exists():
        items += polnear_items(data / "polnear", split)
    if (data / "readability-pages").exists():
        items += readability_items(data / "readability-pages", split)
    seen: set[tuple[str, str]] = set()
    for item in items:  # one page per path on a site
        while (item.site, item.path) in seen:
            item.path = item.path.rstrip("/") + "-2" + ("/" if item.path.endswith("/") else "")
        seen.add((item.site, item.path))
    return items


def build_sites(items: list[Item]) -> dict[str, Site]:
    by_site: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_site[item.site].append(item)
    sites = {}
    for key, members in sorted(by_site.items()):
        real = members[0].raw is not None
        name = key if not key.startswith("desk-") else f"Desk {key.removeprefix('desk-')}"
        site = Site(key, name, members, real=real)
        site.build()
        sites[key] = site
    return sites


# -- scores -------------------------------------------------------------------------------
_WORD = re.compile(r"\w+", re.UNICODE)


def text_f1(found: str, gold: str) -> float:
    a, b = Counter(_WORD.findall(found.casefold())), Counter(_WORD.findall(gold.casefold()))
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def _norm(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").casefold()))


@dataclass
class Metadata:
    pages: int = 0
    missing: int = 0
    headline: list[bool] = field(default_factory=list)
    outlet: list[bool] = field(default_factory=list)
    date: list[bool] = field(default_factory=list)
    text: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, float | int]:
        def share(values: list[bool]) -> float:
            return round(sum(values) / len(values), 3) if values else 0.0

        return {"pages": self.pages, "missing": self.missing,
                "headline": share(self.headline), "headline_n": len(self.headline),
                "outlet": share(self.outlet), "outlet_n": len(self.outlet),
                "date": share(self.date), "date_n": len(self.date),
                "text_f1": round(statistics.fmean(self.text), 3) if self.text else 0.0}


def metadata_scores(items: list[Item], found: dict[str, Article]) -> dict[str, Metadata]:
    """Headline, outlet and date accuracy where the corpus states them, and text F1.

    About one ECB+ title in twenty is the page's date line ("Sunday, March 17, 2013 | 5: 00
    PM"), not a headline: those pages are not judged on their headline."""
    scores: dict[str, Metadata] = defaultdict(Metadata)
    for item in items:
        for name in (item.corpus, "all"):
            m = scores[name]
            m.pages += 1
            article = found.get(item.key)
            if article is None:
                m.missing += 1
            if item.title and not is_date_only(item.title):
                m.headline.append(bool(article) and bool(
                    title_matches(article.title, item.title)))
            if item.outlet:
                m.outlet.append(bool(article) and _norm(article.outlet) == _norm(item.outlet))
            if item.published:
                m.date.append(bool(article and article.published)
                              and article.published.date() == item.published.date())
            m.text.append(text_f1(article.text, item.text) if article else 0.0)
    return scores


def story_scores(items: list[Item], found: dict[str, Article]) -> dict[str, float]:
    labelled = [i for i in items if i.event and i.key in found]
    gold = [i.event or "" for i in labelled]
    predicted = [found[i.key].story_id or found[i.key].id for i in labelled]
    return {"bcubed_f1": round(bcubed(gold, predicted)[2], 4), "articles": len(labelled),
            "events": len(set(gold)), "stories": len(set(predicted))}


def agreement(found: dict[str, Article], reference: dict[str, Article],
              items: list[Item]) -> float:
    """BCubed F1 of one grouping against another (the file grouping as the reference)."""
    keys = [i.key for i in items if i.event and i.key in found and i.key in reference]
    return round(bcubed([reference[k].story_id or reference[k].id for k in keys],
                        [found[k].story_id or found[k].id for k in keys])[2], 4)


@dataclass
class AlertScores:
    expected: int = 0    # (watch, event) pairs the watch should alert on once
    alerted: int = 0     # of those, alerted at least once
    duplicates: int = 0  # extra "new story" alerts for an event already alerted
    later: int = 0       # of those, alerts on a later development (``LATER_DAYS``)
    misses: int = 0
    false: int = 0       # alerts whose story is about no expected event
    unlabelled: int = 0  # alerts on articles without an event label (PolNeAR, Readability)
    alerts: int = 0


def expected_events(items: list[Item]) -> dict[str, set[str]]:
    """Per watch, the ECB+ events whose labelled text (title and body) its query matches."""
    from storywire.watch import parse_query

    out: dict[str, set[str]] = {}
    for name, text in WATCHES.items():
        query = parse_query(text)
        out[name] = {i.event for i in items if i.event and query.matches(Article(
            id=i.key, capture_sha256="", origin=i.key, paragraphs=i.text.split("\n\n"),
            title=i.title))}
    return out


LATER_DAYS = 7  # a duplicate whose reports all lie this far from the event's alerted ones


def _later(dates: list[datetime], before: list[datetime]) -> bool:
    """Whether a duplicate alert's labelled report dates all lie more than ``LATER_DAYS``
    from every labelled date of the event's earlier alerts (False when either side has no
    date: then it counts as a split of one news cycle)."""
    return bool(dates and before) and all(
        abs((d - b).total_seconds()) > LATER_DAYS * 86400 for d in dates for b in before)


def alert_scores(alerted: dict[str, list[list[str]]], items: list[Item],
                 by_article: dict[str, str]) -> AlertScores:
    """``alerted``: per watch, each "new story" alert's article ids, in the order sent.

    ECB+ labels every report that tells of an event's seminal happening with it, so an
    event's reports can be weeks or years apart (an arrest and the trial 18 months later;
    a coach's hiring and, two months on, the club's next signing). A duplicate whose
    reports were all published more than ``LATER_DAYS`` from those of the event's earlier
    alerts is also counted apart, as ``later``."""
    events = {i.key: i.event for i in items}
    published = {i.key: i.published for i in items}
    expected = expected_events(items)
    scores = AlertScores()
    for watch, stories in alerted.items():
        counts: Counter[str] = Counter()
        seen: defaultdict[str, list[datetime]] = defaultdict(list)
        for articles in stories:
            scores.alerts += 1
            keys = [by_article.get(a, "") for a in articles]
            labels = Counter(events.get(k) for k in keys)
            labels.pop(None, None)
            if not labels:
                scores.unlabelled += 1
                continue
            event = labels.most_common(1)[0][0]
            if event in expected[watch]:
                counts[event] += 1
                dates = [d for k in keys if events.get(k) == event
                         and (d := published.get(k)) is not None]
                if counts[event] > 1 and _later(dates, seen[event]):
                    scores.later += 1
                seen[event].extend(dates)
            else:
                scores.false += 1
        scores.expected += len(expected[watch])
        scores.alerted += sum(1 for e in expected[watch] if counts[e])
        scores.misses += sum(1 for e in expected[watch] if not counts[e])
        scores.duplicates += sum(n - 1 for n in counts.values() if n > 1)
    return scores


@dataclass
class Duplicate:
    """A (watch, event) pair the watch told as new more than once: the articles of each of
    its "new" alerts on the event, in the order sent."""

    watch: str
    event: str
    alerts: list[list[str]]


def duplicates(alerted: dict[str, list[list[str]]], items: list[Item],
               by_article: dict[str, str]) -> list[Duplicate]:
    """The pairs ``alert_scores`` counts as duplicates, each with its alerts (an alert is
    about the event most of its labelled articles report, as there)."""
    events = {i.key: i.event for i in items}
    expected = expected_events(items)
    found = []
    for watch, stories in alerted.items():
        by_event: defaultdict[str, list[list[str]]] = defaultdict(list)
        for articles in stories:
            labels = Counter(events.get(by_article.get(a, "")) for a in articles)
            labels.pop(None, None)
            if labels and (event := labels.most_common(1)[0][0]) in expected[watch]:
                by_event[event].append(articles)
        found += [Duplicate(watch, event, told) for event, told in sorted(by_event.items())
                  if len(told) > 1]
    return found


def describe_duplicates(store: Any, found: list[Duplicate], stories: Any) -> list[str]:
    """One line per alert of each duplicate, for reading what split an event: the first
    report (an original before any copy, then the earliest, as the watch takes it), its
    date and outlet, the story it is in now, and how far above the join threshold it
    scores against the stories of the event's earlier alerts, with publication dates
    aside and with them (``StoryAssigner.affinity``)."""
    from storywire.stories import StoryAssigner
    from storywire.watch.alerts import report_order

    assigner = StoryAssigner(store, stories)
    lines = []
    for duplicate in found:
        lines.append(f"{duplicate.watch} / {duplicate.event}: {len(duplicate.alerts)} alerts")
        earlier: list[str] = []
        for n, articles in enumerate(duplicate.alerts, 1):
            members = [a for a in map(store.get_article, articles) if a is not None]
            if not members:
                continue
            first = min(members, key=lambda a: report_order(a.published or a.ingested_at,
                                                            a.copy_of is not None))
            now = sorted({a.story_id for a in members if a.story_id})
            line = (f"  {n}. {(first.title or '(untitled)')[:70]!r} {first.outlet},"
                    f" published {first.published.date() if first.published else 'undated'};"
                    f" {len(members)} articles, now in {', '.join(s[:8] for s in now)}")
            if earlier:
                aside = assigner.affinity(first, earlier)
                timed = assigner.affinity(first, earlier, timed=True)
                line += "; against the earlier alerts' stories: " + ", ".join(
                    f"{story[:8]} {aside[story][0]:+.3f} dates aside"
                    f" (first report {_signed(aside[story][1])}),"
                    f" {timed[story][0]:+.3f} with dates" for story in sorted(aside))
            lines.append(line)
            earlier = sorted(set(earlier) | set(now))
    return lines


def _signed(value: float | None) -> str:
    return "none" if value is None else f"{value:+.3f}"


# -- the two paths ------------------------------------------------------------------------
def _pipeline_options(monitor: Any = None) -> Any:
    """The pipeline's options for files (the story stage's defaults), or for the monitor
    with these ``MonitorOptions`` (the story stage's gather pass as the monitor sets it)."""
    from storywire.pipeline import PipelineOptions
    from storywire.stories import StoryOptions
    from storywire.understand import UnderstandOptions

    # Stories and watches read no entities: the understand stage only costs time here.
    return PipelineOptions(workers=1, understand=UnderstandOptions(enabled=False),
                           stories=StoryOptions() if monitor is None
                           else StoryOptions(gather=monitor.gather))


def _articles(store: Any, urls: dict[str, str]) -> tuple[dict[str, Article], dict[str, str]]:
    """(item key -> article, article id -> item key) of a store."""
    found, by_article = {}, {}
    for article in store.iter_articles():
        key = urls.get(article.url or "") or urls.get(article.origin)
        if key:
            found[key] = article
            by_article[article.id] = key
    return found, by_article


def run_files(items: list[Item], sites: dict[str, Site], db: str | Path, seed: int) -> dict:
    from storywire.pipeline import Pipeline
    from storywire.store import open_store
    from storywire.watch import parse_query, simulate

    captures, urls = [], {}
    for item in items:
        site = sites[item.site]
        url = site.base + item.path
        urls[url] = item.key
        captures.append(Capture(raw=site.pages[item.path], kind="html", origin=url, url=url))
    random.Random(seed).shuffle(captures)
    with open_store(db) as store:
        Pipeline(store, _pipeline_options()).ingest_stream(captures)
        found, by_article = _articles(store, urls)
        articles = list(store.iter_articles())
    alerted = {}
    for name, text in WATCHES.items():
        query = parse_query(text)
        alerted[name] = [s.articles for s in simulate([a for a in articles
                                                       if query.matches(a)])]
    return {"found": found, "alerts": alert_scores(alerted, items, by_article)}


def listing_seeds(seed: int, listings: int) -> list[int]:
    """The shuffle seeds of the file path's listings; the first is ``seed`` itself."""
    return [seed + 1000 * n for n in range(listings)]


def listing_scores(items: list[Item], sites: dict[str, Site], folder: Path, seeds: list[int],
                   lives: list[dict[str, Article]]) -> list[dict[str, Any]]:
    """The file path under each listing (shuffle seed): its story figures, and its grouping
    against each live order's. Story placement follows input order, so one listing's files
    figure is one draw among many, as each live order is."""
    scores = []
    for seed in seeds:
        found = run_files(items, sites, folder / f"files-{seed}.db", seed)["found"]
        scores.append({"seed": seed, "stories": story_scores(items, found),
                       "against_live": [agreement(live, found, items) for live in lives]})
    return scores


class _Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def release_schedule(items: list[Item], seed: int, hours: int, jitter: float
                     ) -> list[list[str]]:
    """Item keys released in each simulated hour: publication order, each item moved by a
    random number of places (normal, ``jitter`` places), undated ones anywhere."""
    rng = random.Random(seed)
    dated = sorted((i for i in items if i.published), key=lambda i: (i.published, i.key))
    ranks = {i.key: n + rng.gauss(0, jitter) for n, i in enumerate(dated)}
    for item in items:
        if not item.published:
            ranks[item.key] = rng.uniform(0, max(1, len(dated)))
    order = sorted(ranks, key=lambda k: (ranks[k], k))
    per_hour = max(1, -(-len(order) // hours))
    return [order[i:i + per_hour] for i in range(0, len(order), per_hour)]


def _settling(options: Any) -> list[list[str]]:
    """The empty hours after the last release: one, and as many more as a held "new"
    alert waits (``AlertOptions.settle``), so the last hour's alerts go out too."""
    return [[] for _ in range(max(1, math.ceil(options.alerts.settle / 3600)))]


def run_live(items: list[Item], sites: dict[str, Site], db: str | Path, seed: int, hours: int,
             jitter: float, alerts: Any = None, gather: bool = True) -> dict:
    from storywire.monitor import Monitor, MonitorOptions
    from storywire.pipeline import Pipeline
    from storywire.sources import AddressPolicy, Fetcher, FetchOptions, PollOptions
    from storywire.store import open_store

    urls = {sites[i.site].base + i.path: i.key for i in items}
    schedule = release_schedule(items, seed, hours, jitter)
    for site in sites.values():
        site.released = []
    options = MonitorOptions(
        fetch=FetchOptions(addresses=AddressPolicy(allow_loopback=True), per_host_interval=0.0,
                           per_host_concurrency=4),
        poll=PollOptions(first_interval=3600, min_interval=3600, max_interval=3600),
        sitemap_max_age=100 * 365 * 86400.0, items_per_cycle=500, gather=gather,
        **({"alerts": alerts} if alerts else {}))
    clock = _Clock(datetime(2026, 1, 5, 6, tzinfo=UTC))
    errors: list[str] = []
    with open_store(db) as store:
        for site in sites.values():
            store.add_source(site.feed_url, "sitemap" if feed_kind(site) == "sitemap" else "feed",
                             None, None, 3600)
        for name, query in WATCHES.items():
            store.add_watch(name, query, [])
        monitor = Monitor(store, Pipeline(store, _pipeline_options(options)), options,
                          clock=clock)

        async def hours_pass() -> None:
            async with Fetcher(options.fetch) as fetcher:
                for released in [*schedule, *_settling(options)]:
                    for site in sites.values():
                        site.release(released)
                    report = await monitor.cycle(fetcher, every_source=True)
                    errors.extend(report.errors)
                    clock.now += timedelta(hours=1)

        asyncio.run(hours_pass())
        found, by_article = _articles(store, urls)
        alerted = _new_alerts(store)
        listed = describe_duplicates(store, duplicates(alerted, items, by_article),
                                     monitor.pipeline.options.stories)
    return {"found": found, "alerts": alert_scores(alerted, items, by_article),
            "errors": errors, "duplicates": listed}


def run_offline(items: list[Item], sites: dict[str, Site], db: str | Path, seed: int,
                hours: int, jitter: float, alerts: Any = None, gather: bool = True) -> dict:
    """The live schedule without HTTP, for tuning the alert decision quickly: each hour's
    pages enter the pipeline as the monitor hands them over (in their feed's publication
    order, with what the feed says of them), then the watches run on the same clock."""
    from storywire.monitor import CycleReport, Monitor, MonitorOptions, publication_order
    from storywire.pipeline import Pipeline
    from storywire.store import open_store

    by_key = {i.key: i for i in items}
    urls = {sites[i.site].base + i.path: i.key for i in items}
    clock = _Clock(datetime(2026, 1, 5, 6, tzinfo=UTC))
    with open_store(db) as store:
        for name, query in WATCHES.items():
            store.add_watch(name, query, [])
        options = MonitorOptions(gather=gather, **({"alerts": alerts} if alerts else {}))
        pipeline = Pipeline(store, _pipeline_options(options))
        monitor = Monitor(store, pipeline, options, clock=clock)
        for released in [*release_schedule(items, seed, hours, jitter),
                         *_settling(monitor.options)]:
            captures = []
            for item in (by_key[k] for k in released):
                site = sites[item.site]
                url = site.base + item.path
                meta = {"item_url": url, "feed_title": item.title, "feed_channel": site.name,
                        "feed_published": item.published.isoformat() if item.published
                        else None} if not site.real else {"item_url": url}
                captures.append(Capture(raw=site.pages[item.path], kind="html", origin=url,
                                        url=url, meta=meta))
            pipeline.ingest_stream(sorted(captures, key=publication_order))
            monitor.evaluate_watches(CycleReport())
            clock.now += timedelta(hours=1)
        found, by_article = _articles(store, urls)
        alerted = _new_alerts(store)
        listed = describe_duplicates(store, duplicates(alerted, items, by_article),
                                     pipeline.options.stories)
    return {"found": found, "alerts": alert_scores(alerted, items, by_article), "errors": [],
            "duplicates": listed}


def _new_alerts(store: Any) -> dict[str, list[list[str]]]:
    """Per watch, the articles of each story it sent a "new" alert on."""
    alerted = {}
    for watch in store.list_watches():
        records = [a for a in store.recent_alerts(watch.id, 100_000) if a.kind == "new"]
        states = store.watch_stories(watch.id, sorted({a.story_key for a in records}))
        alerted[watch.name] = [states[a.story_key].articles for a in reversed(records)
                               if a.story_key in states]
    return alerted


# -- the whole measurement ----------------------------------------------------------------
def evaluate(data: Path, split: str = "test", orders: int = 3, hours: int = 12,
             jitter: float = 3.0, seed: int = 20261202, offline: bool = False,
             events_only: bool = False, settle: float | None = None, gather: bool = True,
             listings: int = 1) -> dict[str, Any]:
    """The whole measurement. ``events_only``: the ECB+ pages alone (a quicker replay
    for the alert decision); ``settle``, ``gather``: the monitor's settle window and
    gather pass, for comparing variants (the defaults are the monitor's); ``listings``:
    the file path's story figures under this many listings (the first is the report's)."""
    from storywire.watch import AlertOptions

    started = time.perf_counter()
    items = load_items(data, split)
    if events_only:
        items = [i for i in items if i.event]
    alerts = AlertOptions(settle=settle) if settle is not None else None
    sites = build_sites(items)
    for site in sites.values():
        site.start()
    result: dict[str, Any] = {"split": split, "items": len(items), "sites": len(sites),
                              "orders": orders, "hours": hours, "jitter": jitter,
                              "offline": offline, "settle": settle, "gather": gather}
    try:
        with tempfile.TemporaryDirectory() as folder:
            files = run_files(items, sites, Path(folder) / "files.db", seed)
            result["files"] = {
                "metadata": {k: v.summary() for k, v in
                             metadata_scores(items, files["found"]).items()},
                "stories": story_scores(items, files["found"]),
                "alerts": files["alerts"].__dict__}
            lives, live_found = [], []
            for n in range(orders):
                live = (run_offline if offline else run_live)(
                    items, sites, Path(folder) / f"live-{n}.db", seed + n, hours, jitter,
                    alerts, gather)
                live_found.append(live["found"])
                lives.append({
                    "seed": seed + n,
                    "metadata": {k: v.summary() for k, v in
                                 metadata_scores(items, live["found"]).items()},
                    "stories": story_scores(items, live["found"]),
                    "against_files": agreement(live["found"], files["found"], items),
                    "alerts": live["alerts"].__dict__,
                    "duplicate_alerts": live["duplicates"],
                    "fetch_errors": len(live["errors"]),
                    "first_errors": live["errors"][:5]})
            result["live"] = lives
            if listings > 1:
                first = {"seed": seed, "stories": result["files"]["stories"],
                         "against_live": [x["against_files"] for x in lives]}
                result["listings"] = [first, *listing_scores(
                    items, sites, Path(folder), listing_seeds(seed, listings)[1:],
                    live_found)]
    finally:
        for site in sites.values():
            site.stop()
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def markdown(result: dict[str, Any], listed: bool = False) -> str:
    """The report; ``listed``: with every duplicate alert's first report and scores."""
    files, lives = result["files"], result["live"]
    first = lives[0]
    path = "offline (no HTTP)" if result.get("offline") else "live"
    lines = [f"Split: **{result['split']}** — {result['items']} pages on {result['sites']} "
             f"sites; {path}: {result['orders']} arrival orders over {result['hours']} "
             f"simulated hours (jitter {result['jitter']} places).", "",
             "| corpus | pages | headline files | headline live | outlet files | outlet live |"
             " date files | date live | text F1 files | text F1 live |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for corpus, f in files["metadata"].items():
        live = first["metadata"].get(corpus, {})
        lines.append(
            f"| {corpus} | {f['pages']} | {f['headline']:.3f} ({f['headline_n']}) |"
            f" {live.get('headline', 0):.3f} | {f['outlet']:.3f} ({f['outlet_n']}) |"
            f" {live.get('outlet', 0):.3f} | {f['date']:.3f} ({f['date_n']}) |"
            f" {live.get('date', 0):.3f} | {f['text_f1']:.3f} | {live.get('text_f1', 0):.3f} |")
    live_f1 = [x["stories"]["bcubed_f1"] for x in lives]
    agree = [x["against_files"] for x in lives]
    lines += ["", "| stories (ECB+) | BCubed F1 vs events | stories |", "| --- | ---: | ---: |",
              f"| files | {files['stories']['bcubed_f1']:.3f} | {files['stories']['stories']} |"]
    for x in lives:
        lines.append(f"| live, seed {x['seed']} | {x['stories']['bcubed_f1']:.3f} |"
                     f" {x['stories']['stories']} |")
    lines += ["", f"Live vs events: mean {statistics.fmean(live_f1):.3f}, spread "
              f"{max(live_f1) - min(live_f1):.3f}. Live grouping vs file grouping (BCubed F1):"
              f" mean {statistics.fmean(agree):.3f}, min {min(agree):.3f}, max {max(agree):.3f}.",
              *_listings_lines(result.get("listings", [])),
              "", "| alerts | (watch, event) expected | alerted | duplicates | of which"
              f" later (> {LATER_DAYS} days) | misses | false | unlabelled | alerts |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, a in [("files (simulated)", files["alerts"])] + [
            (f"live, seed {x['seed']}", x["alerts"]) for x in lives]:
        lines.append(f"| {name} | {a['expected']} | {a['alerted']} | {a['duplicates']} |"
                     f" {a.get('later', 0)} | {a['misses']} | {a['false']} |"
                     f" {a['unlabelled']} | {a['alerts']} |")
    errors = sum(x["fetch_errors"] for x in lives)
    lines += ["", f"Fetch errors: {errors}. Run time: {result['seconds']:.0f} s."]
    if listed:
        for x in lives:
            lines += ["", f"Duplicate alerts, live, seed {x['seed']}:", "", "```",
                      *x.get("duplicate_alerts", []), "```"]
    return "\n".join(lines)


def _listings_lines(listings: list[dict[str, Any]]) -> list[str]:
    """The file path under several listings: each one's story F1, and the spread."""
    if len(listings) < 2:
        return []
    f1 = [x["stories"]["bcubed_f1"] for x in listings]
    agree = [a for x in listings for a in x["against_live"]]
    return ["", "| files, listing seed | BCubed F1 vs events | stories | live vs files |",
            "| --- | ---: | ---: | --- |",
            *(f"| {x['seed']} | {x['stories']['bcubed_f1']:.3f} | {x['stories']['stories']} |"
              f" {' / '.join(f'{a:.3f}' for a in x['against_live'])} |" for x in listings),
            "", f"Files over {len(listings)} listings: mean {statistics.fmean(f1):.3f}, spread "
            f"{max(f1) - min(f1):.3f}. Live vs files over every listing and order: mean "
            f"{statistics.fmean(agree):.3f}, min {min(agree):.3f}, max {max(agree):.3f}."]


def main() -> None:  # pragma: no cover - exercised through `make eval-live`
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=Path("../shared/data"))
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--orders", type=int, default=3)
    parser.add_argument("--hours", type=int, default=12)
    parser.add_argument("--jitter", type=float, default=3.0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--offline", action="store_true",
                        help="the live schedule without HTTP (pipeline and watches only)")
    parser.add_argument("--events-only", action="store_true",
                        help="the ECB+ pages alone (a quicker replay of the alert decision)")
    parser.add_argument("--settle-window", type=float, default=None,
                        help="seconds a one-report story's alert is held (default: the "
                             "monitor's)")
    parser.add_argument("--no-gather", dest="gather", action="store_false",
                        help="the monitor's story stage without the gather pass")
    parser.add_argument("--listings", type=int, default=1,
                        help="score the file path under this many listings (shuffle seeds)")
    parser.add_argument("--duplicates", action="store_true",
                        help="list each duplicate alert: first report, date, story, scores")
    args = parser.parse_args()
    result = evaluate(args.data, args.split, args.orders, args.hours, args.jitter,
                      offline=args.offline, events_only=args.events_only,
                      settle=args.settle_window, gather=args.gather,
                      listings=args.listings)
    print(json.dumps(result, indent=2, default=str) if args.json
          else markdown(result, args.duplicates))


if __name__ == "__main__":  # pragma: no cover
    main()

