"""Story assignment at 1k, 10k and 100k stored articles, against all-pairs TF-IDF.

Stored articles are generated from real news sentences (ECB+ and PolNeAR when
../shared/data is there, else the demo corpus): an *event* is 10 sentences drawn from the
pool plus a few made-up names; each of its 1-6 reports mixes 5 of the event's sentences
with 6-10 sentences drawn from the whole pool, and is published within hours of the event,
events following each other a few minutes apart. The store is filled in batches (article
rows, each event's story with its centroids and index keys, the term counts), the way
``StoryAssigner`` would leave it, without timing that. Then, at each size, new articles go
through the real ``StoryAssigner.place`` one by one: half are new reports of stored events
(they should join that event's story), half start new events (they should start a story).

The peer is the plain approach: scikit-learn's ``TfidfVectorizer`` over all the stored
articles and the cosine of every pair (``cosine_similarity``, in row blocks, keeping each
article's best match). Its articles per second is the store size divided by that time.
It runs where it finishes in reasonable time (its work grows with the square of the size).

Each measurement runs in its own child process (its peak RSS is its own).

    python benchmarks/bench_stories.py --output benchmarks/stories-report.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from child import peak_rss_mb

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SIZES = (1_000, 10_000, 100_000)
BASELINE_LIMIT = 10_000  # every pair beyond this takes hours on this machine
START = datetime(2026, 1, 1, tzinfo=UTC)
_SYLLABLES = ("ka", "lo", "mir", "den", "sa", "vor", "tel", "ri", "an", "bro", "gal", "us")


def sentence_pool() -> list[str]:
    from storywire.copies.normalize import sentences

    texts: list[str] = []
    if SHARED.exists():
        for line in (SHARED / "ecbplus" / "articles.jsonl").read_text("utf-8").splitlines():
            texts.append(json.loads(line)["text"])
        for path in sorted((SHARED / "polnear").glob("*/text/*.txt")):
            texts.append(path.read_text("utf-8"))
    else:
        from storywire.demo import corpus_path

        texts = [p.read_text("utf-8") for p in sorted((corpus_path() / "text").glob("*.txt"))]
    pool = [s for text in texts for s in sentences(text) if 8 <= len(s.split()) <= 60]
    return sorted(set(pool))


class World:
    """Generated events and their reports, reproducibly."""

    def __init__(self, pool: list[str], seed: int = 42) -> None:
        self.pool = pool
        self.rng = random.Random(seed)
        self.events: list[tuple[list[str], datetime, str]] = []

    def name(self) -> str:
        rng = self.rng
        return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
                        .capitalize() for _ in range(2))

    def new_event(self) -> int:
        names = [self.name() for _ in range(3)]
        core = self.rng.sample(self.pool, 10)
        core = [f"{s} {names[i % 3]} said." if i % 2 else s for i, s in enumerate(core)]
        when = START + timedelta(minutes=7 * len(self.events))
        self.events.append((core, when, f"{names[0]} {self.rng.choice(core).split()[0]}"))
        return len(self.events) - 1

    def report(self, event: int) -> tuple[str, str, datetime]:
        core, when, title = self.events[event]
        sentences = self.rng.sample(core, 5) + self.rng.sample(self.pool, self.rng.randint(6, 10))
        self.rng.shuffle(sentences[1:])
        text = "\n\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))
        return title, text, when + timedelta(minutes=self.rng.randint(0, 600))


def fill(store, world: World, assigner, size: int, stored: list[tuple[str, int]]) -> None:
    """Add generated articles until ``size``, written in batches as stories."""

    from storywire.model import Article, Capture, Story, StoryReport
    from storywire.stories.vectors import pack, tfidf

    options = assigner.options
    n = options.vectors.n_features
    batch: list[tuple[Article, int]] = []
    while len(stored) + len(batch) < size:
        event = world.new_event()
        for _ in range(world.rng.randint(1, 6)):
            if len(stored) + len(batch) >= size:
                break
            title, text, published = world.report(event)
            ident = f"s{len(stored) + len(batch):07d}"
            batch.append((Article(id=ident, capture_sha256=ident, origin=ident,
                                  paragraphs=text.split("\n\n"), outlet=f"Outlet {event % 50}",
                                  title=title, published=published, language="en",
                                  story_id=f"e{event:07d}"), event))
    vectors = [assigner.vectorizer.vectors(article) for article, _ in batch]
    counts: Counter[int] = Counter()
    for v in vectors:
        counts.update(int(f) for f in v.terms.indices)
        counts.update(int(f) for f in v.names.indices)
    with store.transaction():
        store.add_term_documents(list(counts.elements()))
        documents = int(store.story_setting("documents") or 0) + len(batch)
        store.set_story_setting("documents", str(documents))
        known = store.term_documents(list(counts))
        stories: dict[str, Story] = {}
        for (article, _), v in zip(batch, vectors, strict=True):
            store.put_capture(Capture(raw=article.id.encode(), kind="text", origin=article.id,
                                      sha256=article.id))
            store.put_article(article)
            terms, names = tfidf(v.terms, known, documents), tfidf(v.names, known, documents)
            story = stories.get(article.story_id) or store.get_story(article.story_id) or \
                Story(id=article.story_id, headline=article.title, language="en")
            story.terms = pack(assigner_unpack(story.terms, n) + terms,
                               options.centroid_size, n)
            story.names = pack(assigner_unpack(story.names, n) + names, options.centroid_size, n)
            story.reports += 1
            story.first_seen = min(filter(None, (story.first_seen, article.published)))
            story.last_seen = max(filter(None, (story.last_seen, article.published)))
            story.active = story.last_seen
            stories[story.id] = story
            store.put_story(story)
            keys = assigner._keys(terms, names, v.lead_words)
            store.put_story_keys(story.id, keys)
            store.put_story_report(StoryReport(
                article_id=article.id, story_id=story.id,
                terms=pack(terms, options.centroid_size, n),
                names=pack(names, options.centroid_size, n), keys=tuple(keys)))
        store.set_story_setting("clock", max(a.published for a, _ in batch).isoformat())
    stored += [(article.id, event) for article, event in batch]


def assigner_unpack(blob: bytes, n: int):
    from storywire.stories.vectors import unpack

    return unpack(blob, n)


def run_storywire(sizes: tuple[int, ...], queries: int, second_look: bool = True
                  ) -> list[dict]:
    """Body of the storywire child process."""
    from storywire.model import Article, Capture
    from storywire.store import open_store
    from storywire.stories import StoryAssigner, StoryOptions

    world = World(sentence_pool())
    rows = []
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "b.db") as store:
        db = store._db  # the bench drops FTS triggers: it measures stories, not search
        for trigger in ("article_fts_insert", "article_fts_update", "article_fts_delete"):
            db.execute(f"DROP TRIGGER {trigger}")
        options = StoryOptions() if second_look else \
            replace(StoryOptions(), split_ratio=0.0, merge_ratio=0.0)
        assigner = StoryAssigner(store, options)
        assigner.check_scheme()
        stored: list[tuple[str, int]] = []
        for size in sizes:
            started = time.perf_counter()
            while len(stored) < size:
                fill(store, world, assigner, min(size, len(stored) + 5000), stored)
            fill_seconds = time.perf_counter() - started
            qrng = random.Random(size)
            recent = sorted({event for _, event in stored[-2000:]})
            cases = [("join", e) for e in qrng.sample(recent, queries // 2)]
            cases += [("new", world.new_event()) for _ in range(queries - len(cases))]
            qrng.shuffle(cases)
            timings, right = [], Counter()
            with store.transaction():
                for number, (kind, event) in enumerate(cases):
                    title, text, published = world.report(event)
                    if kind == "new":  # a new event happens after everything stored
                        published = world.events[-1][1] + timedelta(minutes=number)
                    ident = f"q{size}-{number:04d}"
                    article = Article(id=ident, capture_sha256=ident, origin=ident,
                                      paragraphs=text.split("\n\n"), outlet="Bench",
                                      title=title, published=published, language="en")
                    store.put_capture(Capture(raw=ident.encode(), kind="text", origin=ident,
                                              sha256=ident))
                    store.put_article(article)
                    began = time.perf_counter()
                    placed = assigner.place(article)
                    timings.append(time.perf_counter() - began)
                    if kind == "join":
                        right[kind] += placed.story_id == f"e{event:07d}"
                    else:
                        right[kind] += not placed.joined
            median = statistics.median(timings)
            rows.append({
                "method": "storywire", "stored": size,
                "median_ms": round(1000 * median, 2),
                "p95_ms": round(1000 * sorted(timings)[int(0.95 * (len(timings) - 1))], 2),
                "articles_per_s": round(1 / median),
                "joined": f"{right['join']}/{queries // 2}",
                "started": f"{right['new']}/{queries - queries // 2}",
                "fill_s": round(fill_seconds),
                "peak_rss_mb": round(peak_rss_mb()),
            })
    return rows


def run_baseline(size: int) -> list[dict]:
    """Body of a baseline child: TF-IDF over ``size`` articles and every pair's cosine."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    world = World(sentence_pool())
    texts: list[str] = []
    while len(texts) < size:
        event = world.new_event()
        for _ in range(world.rng.randint(1, 6)):
            title, text, _ = world.report(event)
            texts.append(f"{title}\n{text}")
    texts = texts[:size]
    started = time.perf_counter()
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)
    seconds = None
    if size <= BASELINE_LIMIT:
        best = np.zeros(size, dtype=np.int64)
        for start in range(0, size, 1000):
            block = cosine_similarity(matrix[start:start + 1000], matrix)
            for row in range(block.shape[0]):
                block[row, start + row] = -1.0
            best[start:start + 1000] = block.argmax(axis=1)
        seconds = time.perf_counter() - started
    timings = []  # a new article in a stream: compared with every stored one
    for _ in range(50):
        title, text, _ = world.report(world.new_event())
        began = time.perf_counter()
        cosine_similarity(vectorizer.transform([f"{title}\n{text}"]), matrix).argmax()
        timings.append(time.perf_counter() - began)
    return [{"method": "all-pairs TF-IDF (scikit-learn)", "stored": size,
             "seconds": round(seconds, 2) if seconds else None,
             "articles_per_s": round(size / seconds) if seconds else None,
             "stream_ms": round(1000 * statistics.median(timings), 2),
             "peak_rss_mb": round(peak_rss_mb())}]


def report(rows: list[dict], seconds: float) -> str:
    ours = {r["stored"]: r for r in rows if r["method"] == "storywire"}
    peer = {r["stored"]: r for r in rows if r["method"] != "storywire"}
    lines = [
        "# Story assignment benchmark", "",
        f"Machine: {platform.machine()}, {platform.system()}, Python "
        f"{platform.python_version()}; {len(rows)} measurements in {seconds:.0f} s.", "",
        "Reproduce: `make bench` (or `python benchmarks/bench_stories.py --output "
        "benchmarks/stories-report.md`).", "",
        "| stored articles | storywire median ms per new article | p95 ms | articles/s "
        "| joined their event's story | new events started a story | peak RSS MB "
        "| all-pairs: ms per new article vs every stored one | all-pairs: whole store, "
        "articles/s | all-pairs peak RSS MB |",
        "| ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for size in sorted(ours):
        r, p = ours[size], peer.get(size)
        lines.append(
            f"| {size:,} | {r['median_ms']} | {r['p95_ms']} | {r['articles_per_s']:,} | "
            f"{r['joined']} | {r['started']} | {r['peak_rss_mb']} | "
            + (f"{p['stream_ms']} | " if p else "not run | ")
            + (f"{p['articles_per_s']:,} | " if p and p["articles_per_s"] else
               "not run (grows with the square of the size) | ")
            + (f"{p['peak_rss_mb']} |" if p else "— |"))
    lines += ["", "storywire's time per new article is everything `StoryAssigner.place` "
              "does: vectorising (hashed words and word pairs, names, figures), reading the "
              "term counts, one bounded index read per key, scoring at most 16 candidate "
              "stories and writing the story, its keys and the counts. The all-pairs peer "
              "is measured two ways: a new article vectorised with the fitted vectoriser and "
              "compared with every stored article (its cost grows with the store), and the "
              "whole store's TF-IDF and every pair compared once (store size over that "
              "time: what a batch regrouping costs). Peak RSS is each child process's, the "
              "store's build included.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--child", choices=("storywire", "baseline"))
    parser.add_argument("--size", type=int)
    parser.add_argument("--no-second-look", action="store_true",
                        help="Assign without splitting or merging stories (what it costs).")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    if args.child == "storywire":
        print(json.dumps(run_storywire(sizes, args.queries, not args.no_second_look)))
        return
    if args.child == "baseline":
        print(json.dumps(run_baseline(args.size)))
        return
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    commands = [[sys.executable, __file__, "--child", "storywire", "--sizes", args.sizes,
                 "--queries", str(args.queries)]
                + (["--no-second-look"] if args.no_second_look else [])]
    commands += [[sys.executable, __file__, "--child", "baseline", "--size", str(size)]
                 for size in sizes]
    rows = []
    for command in commands:  # one after the other: the machine's cores are shared
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=env, check=False)
        if done.returncode:
            raise SystemExit(f"benchmark child failed: {' '.join(command[2:])}")
        rows += json.loads(done.stdout)
    text = report(rows, time.perf_counter() - started)
    if args.output:
        args.output.write_text(text, "utf-8")
    print(text)


if __name__ == "__main__":
    main()
