"""SQLite beside PostgreSQL in one run: ingest articles/s and web latency (median, p95)
under 20 concurrent clients, each store on the same data and the same machine.

For each store: the pipeline ingests Mozilla Readability's 130 real pages (../shared/data,
else the demo pages; --pages takes fewer) with one worker; then N generated articles are
written straight into the store (bench_web.py's generator: the store's own write rate);
then `storywire serve` answers 20 clients (bench_web.py's load generator, in its own
process) on the front page, a filtered page, a search, an article page, a story page and
the JSON API. PostgreSQL is a throwaway server in a temporary folder (initdb, pg_ctl, unix
socket; fsync off as in the tests), unless --url names an empty database.

    python benchmarks/bench_postgres.py --output benchmarks/postgres-report.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_ingest import html_pages
from bench_web import CLIENTS, build_store, free_port

ROOT = Path(__file__).resolve().parent.parent
BENCH_WEB = ROOT / "benchmarks" / "bench_web.py"


def ingest(location: str, folder: Path, count: int) -> dict[str, float]:
    """The whole pipeline (one worker) over the first ``count`` real pages; articles/s."""
    from storywire.pipeline import Pipeline, PipelineOptions
    from storywire.store import open_store

    pages = html_pages()[:count]
    for n, page in enumerate(pages):
        (folder / f"page-{n:03d}.html").write_bytes(page)
    with open_store(location) as store:
        t0 = time.perf_counter()
        report = Pipeline(store, PipelineOptions(workers=1)).ingest([str(folder)])
        seconds = time.perf_counter() - t0
    return {"pages": len(pages), "articles": report.added, "seconds": seconds,
            "rate": report.added / seconds}


def write(location: str, count: int) -> dict[str, float]:
    """``count`` generated articles written straight into the store; articles per second."""
    t0 = time.perf_counter()
    build_store(location, count)
    seconds = time.perf_counter() - t0
    return {"articles": count, "seconds": seconds, "rate": count / seconds}


def scenarios(location: str, requests: int) -> dict[str, list[str]]:
    from storywire.store import ArticleFilter, open_store

    with open_store(location) as store:
        page = store.article_page(ArticleFilter(originals=True, limit=500)).articles
    rng = random.Random(3)
    ids = [a.id for a in page]
    stories = sorted({a.story_id for a in page if a.story_id})
    words = ["harbour", "strike", "minister", "earthquake", "council", "\"port authority\""]
    return {
        "front page `/`": ["/"] * requests,
        "front page, filtered by outlet": [f"/?outlet=Outlet+{rng.randrange(20):02d}"
                                           for _ in range(requests)],
        "search `/?q=…`": [f"/?q={rng.choice(words)}" for _ in range(requests)],
        "article page `/articles/ID`": [f"/articles/{rng.choice(ids)}" for _ in range(requests)],
        "story page `/stories/ID`": [f"/stories/{rng.choice(stories)}" for _ in range(requests)],
        "JSON `/api/articles`": ["/api/articles?limit=20"] * requests,
    }


def serve_and_load(location: str, paths: dict[str, list[str]]) -> dict[str, dict]:
    """`storywire serve` on the store in its own process, each scenario loaded by 20
    clients in another; latencies in ms."""
    import httpx

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "storywire.cli", "--db", location, "serve",
                               "--port", str(port)], stdout=subprocess.DEVNULL)
    results = {}
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/static/style.css", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        for name, wanted in paths.items():
            for sample in (wanted[:40], wanted):  # a warm-up, then the measure
                spec = json.dumps({"base": base, "paths": sample, "clients": CLIENTS})
                out = subprocess.run([sys.executable, str(BENCH_WEB), "--load", spec],
                                     check=True, capture_output=True, text=True).stdout
            results[name] = json.loads(out.strip().splitlines()[-1])
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def throwaway_database() -> tuple[object, str]:
    """A PostgreSQL server in a temporary folder (the tests' one) and an empty database."""
    sys.path.insert(0, str(ROOT / "tests"))
    from pgserver import PostgresServer, find_binaries

    bindir = find_binaries()
    if bindir is None:
        sys.exit("PostgreSQL server binaries are absent: apt-get install postgresql, "
                 "set PG_BINDIR, or pass --url")
    server = PostgresServer(bindir)
    server.start()
    return server, server.create_database()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5_000,
                        help="generated articles written into each store (default 5000)")
    parser.add_argument("--requests", type=int, default=200, help="per scenario")
    parser.add_argument("--pages", type=int, default=40,
                        help="real pages the pipeline ingests into each store (default 40 of"
                             " Readability's 130; the pipeline's cost is the same on both)")
    parser.add_argument("--url", help="an empty PostgreSQL database to use instead of a "
                                      "throwaway server")
    parser.add_argument("--output", type=Path,
                        default=ROOT / "benchmarks" / "postgres-report.md")
    args = parser.parse_args()
    server, url = (None, args.url) if args.url else throwaway_database()
    results: dict[str, dict] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="storywire-bench-") as tmp:
            warm = Path(tmp) / "warm-up"
            warm.mkdir()
            ingest(str(warm / "warm.db"), warm, 1)  # the models load here, outside the measure
            for name, location in (("SQLite", str(Path(tmp) / "bench.db")),
                                   ("PostgreSQL", url)):
                pages = Path(tmp) / f"pages-{name}"
                pages.mkdir()
                results[name] = {"ingest": ingest(location, pages, args.pages),
                                 "write": write(location, args.articles)}
                results[name]["web"] = serve_and_load(location,
                                                      scenarios(location, args.requests))
                print(name, json.dumps(results[name]), flush=True)
    finally:
        if server is not None:
            server.stop()
    text = report(results, args)
    args.output.write_text(text, encoding="utf-8")
    print(text)


def report(results: dict[str, dict], args: argparse.Namespace) -> str:
    sqlite, postgres = results["SQLite"], results["PostgreSQL"]
    lines = [
        "# PostgreSQL beside SQLite", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores shared by the server(s), the "
        f"load generator and other work; Python {platform.python_version()}. PostgreSQL: "
        + ("the database given by --url" if args.url else
           "a throwaway server on a unix socket (fsync off, as in the tests)") + ".", "",
        "## Ingest", "",
        "| store | pipeline: real pages, articles/s | straight writes, articles/s |",
        "| --- | ---: | ---: |",
    ]
    for name, r in results.items():
        lines.append(f"| {name} | {r['ingest']['rate']:.1f} ({r['ingest']['articles']} of "
                     f"{r['ingest']['pages']} pages) | {r['write']['rate']:.0f} "
                     f"({r['write']['articles']} articles) |")
    lines += ["", f"## Web under {CLIENTS} concurrent clients", "",
              f"{args.requests} requests per scenario after a 40-request warm-up; one "
              "`storywire serve` process (uvicorn, one worker) per store.", "",
              "| scenario | SQLite median ms | SQLite p95 ms | PostgreSQL median ms "
              "| PostgreSQL p95 ms | p95 PostgreSQL / SQLite |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for scenario, s in sqlite["web"].items():
        p = postgres["web"][scenario]
        lines.append(f"| {scenario} | {s['median']:.1f} | {s['p95']:.1f} | {p['median']:.1f} "
                     f"| {p['p95']:.1f} | {p['p95'] / s['p95']:.2f}× |")
    lines += ["", "Reproduce: `make bench` (writes this file), or "
              "`python benchmarks/bench_postgres.py --output benchmarks/postgres-report.md`.",
              ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
