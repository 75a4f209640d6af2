"""Reads under load, on real articles: web latency at 20 clients while an ingest writes the
same store, as a ratio to the same pages idle; and `/people` and the story feed against the
front page.

The store holds ECB+ articles (``../shared/data/ecbplus/articles.jsonl``, the first
``--articles`` in file order) ingested by the real pipeline once, under benchmarks/work/.
`storywire serve` runs in its own process, the load generator (bench_web's, httpx and
asyncio, 20 clients) in another; for the "while an ingest runs" rows a third process
ingests the next ``--ingest`` ECB+ articles into the same store, batch after batch, for as
long as the load lasts. Targets: p95 under ingest at most 3x idle; `/people` and
`/feeds/stories.atom` p95 at most 3x the front page's.

    python benchmarks/bench_load.py --output benchmarks/load-report.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
DATA = ROOT.parent / "shared" / "data" / "ecbplus" / "articles.jsonl"
CLIENTS = 20
PAGES = {"front page `/`": "/", "`/people`": "/people",
         "story feed `/feeds/stories.atom`": "/feeds/stories.atom"}
ENV = {**os.environ, "STORYWIRE_WORKERS": "1"}


def cli(db: Path, *args: str, wait: bool = True) -> subprocess.Popen | None:
    command = [sys.executable, "-m", "storywire.cli", "--db", str(db), *args]
    if wait:
        subprocess.run(command, check=True, env=ENV, capture_output=True)
        return None
    return subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def measure(base: str, path: str, requests: int) -> dict[str, float]:
    script = str(ROOT / "benchmarks" / "bench_web.py")
    warm = json.dumps({"base": base, "paths": [path] * 20, "clients": CLIENTS})
    subprocess.run([sys.executable, script, "--load", warm], check=True, capture_output=True)
    spec = json.dumps({"base": base, "paths": [path] * requests, "clients": CLIENTS})
    out = subprocess.run([sys.executable, script, "--load", spec], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600, help="ECB+ articles stored")
    parser.add_argument("--ingest", type=int, default=300,
                        help="ECB+ articles ingested meanwhile (the next ones in the file)")
    parser.add_argument("--requests", type=int, default=200, help="per measurement")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "load-report.md")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_web import free_port

    if not DATA.exists():
        raise SystemExit(f"{DATA} is absent")
    rows = DATA.read_text("utf-8").splitlines()
    WORK.mkdir(parents=True, exist_ok=True)
    stored = WORK / f"load-ecbplus-{args.articles}.db"
    if not stored.exists():
        first = WORK / f"load-ecbplus-{args.articles}.jsonl"
        first.write_text("\n".join(rows[:args.articles]) + "\n", "utf-8")
        tmp = stored.with_suffix(".tmp")
        cli(tmp, "ingest", "--no-progress", "--no-semantic-rewrites", str(first))
        tmp.rename(stored)
    more = WORK / f"load-ecbplus-next-{args.ingest}.jsonl"
    more.write_text("\n".join(rows[args.articles:args.articles + args.ingest]) + "\n",
                    "utf-8")
    db = WORK / "load-run.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(stored.read_bytes())

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "storywire.cli", "--db", str(db),
                               "serve", "--port", str(port)], stdout=subprocess.DEVNULL)
    idle: dict[str, dict[str, float]] = {}
    busy: dict[str, dict[str, float]] = {}
    ingested = 0.0
    try:
        import httpx

        for _ in range(300):
            try:
                httpx.get(base + "/static/style.css", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        for name, path in PAGES.items():
            idle[name] = measure(base, path, args.requests)
        writer = cli(db, "ingest", "--no-progress", "--no-semantic-rewrites", str(more),
                     wait=False)
        began = time.perf_counter()
        try:
            time.sleep(3)  # past its start-up: batches are being written
            for name, path in PAGES.items():
                busy[name] = measure(base, path, args.requests)
            still = writer.poll() is None
        finally:
            writer.kill()
            writer.wait()
        ingested = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=20)
    text = report(idle, busy, still, ingested, args)
    args.output.write_text(text, encoding="utf-8")
    print(text)


def report(idle: dict, busy: dict, still: bool, ingested: float,
           args: argparse.Namespace) -> str:
    front = idle["front page `/`"]["p95"]
    lines = [
        "# Reads under load",
        "",
        f"Generated by `python benchmarks/bench_load.py --articles {args.articles} --ingest "
        f"{args.ingest} --requests {args.requests}` on {platform.platform()} "
        f"(Python {platform.python_version()}, {os.cpu_count()} cores). {CLIENTS} clients; "
        f"store: the first {args.articles} ECB+ articles; meanwhile an ingest of the next "
        f"{args.ingest} ({'still running at the end' if still else 'ended before the load'}"
        f", {ingested:.0f} s).",
        "",
        "| page | idle median ms | idle p95 ms | under ingest median ms | under ingest p95 ms "
        "| p95 ratio (target ≤ 3×) | idle p95 / front page p95 (target ≤ 3×) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in PAGES:
        a, b = idle[name], busy[name]
        lines.append(f"| {name} | {a['median']:.0f} | {a['p95']:.0f} | {b['median']:.0f} | "
                     f"{b['p95']:.0f} | {b['p95'] / a['p95']:.1f}× | "
                     f"{a['p95'] / front:.1f}× |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
