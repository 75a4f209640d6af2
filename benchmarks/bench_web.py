"""The web face under load: front-page, story, article and copy-tree latency with 100k stored
articles under 20 concurrent clients, and the server's peak memory.

A store of generated articles (sentences of the demo corpus, 20 outlets, a year of dates,
one in ten a copy of an earlier one, grouped into stories) is built once under
benchmarks/work/. `storywire serve`
runs in its own process; the load generator (httpx, asyncio, 20 clients) in another. The
named peer is the same server answering a static file (its floor: routing, middleware and
HTTP, no store). A second table compares a deep page by cursor (what the web uses) with the
same page by OFFSET (what `storywire articles --offset` does), in-process.

    python benchmarks/bench_web.py --output benchmarks/web-report.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
CLIENTS = 20
OUTLETS = [f"Outlet {i:02d}" for i in range(20)]


def sentence_pool() -> list[str]:
    from storywire.demo import corpus_path

    text = " ".join(p.read_text("utf-8") for p in sorted((corpus_path() / "text").glob("*.txt")))
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if 40 < len(s) < 300]


def build_store(path: Path, count: int, seed: int = 7) -> None:
    """``count`` articles straight into the store (the pipeline would take an hour)."""
    from storywire.model import Article, Capture
    from storywire.store import open_store

    rng = random.Random(seed)
    pool = sentence_pool()
    start = datetime(2025, 11, 1, tzinfo=UTC)
    ids: list[str] = []
    stories: dict[str, str] = {}
    open_stories: list[str] = []
    with open_store(path) as store:
        for base in range(0, count, 5000):
            with store.transaction():
                for n in range(base, min(count, base + 5000)):
                    paragraphs = [" ".join(rng.sample(pool, 3)) for _ in range(rng.randint(4, 9))]
                    capture = Capture(raw=f"bench {n}".encode(), kind="text", origin=f"gen:{n}")
                    store.put_capture(capture)
                    copy_of = rng.choice(ids[-2000:]) if ids and rng.random() < 0.1 else None
                    if copy_of:  # copies inherit their original's story
                        story = stories[copy_of]
                    elif not open_stories or rng.random() < 0.3:
                        story = f"S{n}"
                        open_stories = [*open_stories[-200:], story]
                    else:
                        story = rng.choice(open_stories)
                    article = Article(
                        id=capture.article_id, capture_sha256=capture.sha256, origin=f"gen:{n}",
                        paragraphs=paragraphs, outlet=rng.choice(OUTLETS),
                        title=paragraphs[0][:90], authors=["Staff"], language="en",
                        published=start + timedelta(minutes=rng.randint(0, 525_600)),
                        removed=["Share this article"], removed_reasons=["boilerplate"],
                        copy_of=copy_of, copy_kind="near" if copy_of else None,
                        copy_evidence={"similarity": round(rng.uniform(0.8, 1), 3)}
                        if copy_of else None, story_id=story)
                    store.put_article(article)
                    ids.append(article.id)
                    stories[article.id] = story


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(base: str, paths: list[str], clients: int) -> dict[str, float]:
    """Child process: fetch ``paths`` with ``clients`` concurrent clients; latencies in ms."""
    import asyncio

    import httpx

    async def run() -> list[float]:
        queue: asyncio.Queue[str] = asyncio.Queue()
        for p in paths:
            queue.put_nowait(p)
        times: list[float] = []

        async def client() -> None:
            async with httpx.AsyncClient(base_url=base, timeout=60) as http:
                while not queue.empty():
                    path = queue.get_nowait()
                    t0 = time.perf_counter()
                    response = await http.get(path)
                    times.append((time.perf_counter() - t0) * 1000)
                    if response.status_code != 200:
                        raise RuntimeError(f"{path}: {response.status_code}")

        t0 = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        times.append(-(time.perf_counter() - t0))  # wall time, negative: set apart below
        return times

    times = asyncio.run(run())
    wall = -times.pop()
    times.sort()
    return {"median": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))],
            "rps": len(times) / wall, "requests": len(times)}


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def deep_page(db: Path, depth: int, repeats: int = 5) -> dict[str, float]:
    """Page ``depth`` (20 per page) by cursor and by OFFSET, median ms of ``repeats``."""
    from storywire.store import ArticleFilter, open_store

    with open_store(db) as store:
        flt = ArticleFilter(originals=True, limit=20)
        cursor = None
        for _ in range(depth):
            cursor = store.article_page(flt, cursor).next_cursor
        keyset, offset = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            by_cursor = store.article_page(flt, cursor).articles
            keyset.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            by_offset = store.list_articles(ArticleFilter(originals=True, limit=20,
                                                          offset=depth * 20))
            offset.append((time.perf_counter() - t0) * 1000)
        same = [a.id for a in by_cursor] == [a.id for a in by_offset]
    return {"keyset": statistics.median(keyset), "offset": statistics.median(offset),
            "same": same}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400, help="per scenario")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "web-report.md")
    parser.add_argument("--load", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        spec = json.loads(args.load)
        print(json.dumps(load(spec["base"], spec["paths"], spec["clients"])))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    db = WORK / f"web-stories-{args.articles}.db"
    built = 0.0
    if not db.exists():
        t0 = time.perf_counter()
        build_store(db.with_suffix(".tmp"), args.articles)
        db.with_suffix(".tmp").rename(db)
        built = time.perf_counter() - t0
    from storywire.store import open_store

    with open_store(db) as store:
        total = store.count_articles()
        page = store.article_page(__import__("storywire.store", fromlist=["ArticleFilter"])
                                  .ArticleFilter(originals=True, limit=2000)).articles
        counts = store.copy_counts([a.id for a in page])
        story_keys = sorted({a.story_id for a in page if a.story_id})
    rng = random.Random(3)
    with_copies = [i for i in counts] or [a.id for a in page]
    scenarios = {
        "static file (peer: the server's floor)": ["/static/style.css"] * args.requests,
        "front page `/`": ["/"] * args.requests,
        "front page, filtered by outlet": [f"/?outlet=Outlet+{rng.randrange(20):02d}"
                                           for _ in range(args.requests)],
        "article page `/articles/ID`": [f"/articles/{rng.choice(with_copies)}"
                                        for _ in range(args.requests)],
        "copy tree `/articles/ID/copies`": [f"/articles/{rng.choice(with_copies)}/copies"
                                            for _ in range(args.requests)],
        "story page `/stories/ID`": [f"/stories/{rng.choice(story_keys)}"
                                     for _ in range(args.requests)],
        "JSON `/api/articles`": ["/api/articles?limit=20"] * args.requests,
    }
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "storywire.cli", "--db", str(db), "serve",
                               "--port", str(port)], stdout=subprocess.DEVNULL)
    results = {}
    try:
        import httpx

        for _ in range(200):
            try:
                httpx.get(base + "/static/style.css", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        for name, paths in scenarios.items():
            spec = json.dumps({"base": base, "paths": paths[:40], "clients": CLIENTS})
            subprocess.run([sys.executable, __file__, "--load", spec], check=True,
                           capture_output=True)  # warm-up
            spec = json.dumps({"base": base, "paths": paths, "clients": CLIENTS})
            out = subprocess.run([sys.executable, __file__, "--load", spec], check=True,
                                 capture_output=True, text=True).stdout
            results[name] = json.loads(out.strip().splitlines()[-1])
        peak = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    deep = {depth: deep_page(db, depth) for depth in (1, 100, 1000)}
    text = report(results, deep, total, peak, built, args)
    args.output.write_text(text, encoding="utf-8")
    print(text)


def report(results: dict, deep: dict, total: int, peak: float, built: float,
           args: argparse.Namespace) -> str:
    peer = results["static file (peer: the server's floor)"]["median"]
    lines = [
        "# Web benchmark", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores shared by the server, the "
        f"load generator and other work; Python {platform.python_version()}.",
        f"Store: {total} generated articles (20 outlets, one year, one in ten a copy, "
        "stories of about three independent reports and their copies)"
        + (f", built in {built:.0f} s" if built else " (reused from benchmarks/work/)") + ".",
        f"Load: {CLIENTS} concurrent clients (httpx, asyncio, own process), "
        f"{args.requests} requests per scenario after a 40-request warm-up; one "
        "`storywire serve` process (uvicorn, one worker).", "",
        "| scenario | median ms | p95 ms | requests/s | median vs peer |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        lines.append(f"| {name} | {r['median']:.1f} | {r['p95']:.1f} | {r['rps']:.0f} | "
                     f"{r['median'] / peer:.1f}× |")
    lines += ["", f"Peak server memory (VmHWM): {peak:.0f} MB.", "",
              "A deep page of the front-page listing (20 originals per page), in-process, "
              "median of 5:", "",
              "| page | by cursor (web) ms | by OFFSET (`storywire articles`) ms | same rows |",
              "| ---: | ---: | ---: | --- |"]
    for depth, r in deep.items():
        lines.append(f"| {depth} | {r['keyset']:.2f} | {r['offset']:.2f} | "
                     f"{'yes' if r['same'] else 'no'} |")
    lines += ["", "\"same rows\" is no where articles published at the same minute are "
              "ordered differently: the web breaks ties by id, `list_articles` by "
              "ingestion time.", "",
              "Latency under 20 concurrent clients is mostly queueing: one process "
              "answers them in turn, so the median is about 20 × the service time. The "
              "peer goes through the same middleware and thread pool (Starlette reads the "
              "file in it) but never opens the store.", "",
              "Reproduce: `make bench` (writes this file), or "
              "`python benchmarks/bench_web.py --output benchmarks/web-report.md`.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
