"""The monitor's throughput: poll -> fetch -> pipeline -> watches against a local newsroom,
with peak memory and the share of time per stage; the named peer is `Pipeline.ingest` of
the same pages read from files (no network, no feeds, no watches).

The newsroom runs in this (parent) process; each case runs in its own child process
pinned to one core, several times, the cases taking turns; the report gives medians.

    python benchmarks/bench_monitor.py --output benchmarks/monitor-report.md
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from child import peak_rss_mb, pin_one_core, round_robin, run_child

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUTLETS = 10
WATCHES = {
    "quakes": 'quake OR earthquake OR séisme',
    "strikes": '"port strike" OR (strike AND (nurses OR dock*))',
    "business": "jobs OR (shares AND NOT sport)",
    "french": "lang:fr",
    "ledger": "outlet:ledger AND title:quake",
}
CASES = {
    "monitor": "storywire monitor: poll feeds, fetch pages over HTTP, pipeline, 5 watches, "
               "Atom delivery",
    "ingest-files": "peer: Pipeline.ingest of the same pages from files",
}


def newsroom_pages():
    """The demo corpus, plus Mozilla Readability's 130 real pages when ../shared is there."""
    from storywire.demo.newsroom import Page, load_pages

    pages = load_pages()
    folder = SHARED / "readability-pages"
    if folder.exists():
        for number, path in enumerate(sorted(folder.glob("*/source.html.gz")), start=1000):
            slot = number % OUTLETS
            pages.append(Page(f"site-{slot}", number, f"Site {slot}",
                                 path.parent.name, None, gzip.decompress(path.read_bytes())))
    return pages


def run_monitor(feeds: list[str], workdir: Path) -> dict[str, float]:
    import asyncio

    from storywire.monitor import Monitor, MonitorOptions
    from storywire.pipeline import Pipeline
    from storywire.sources import AddressPolicy, FetchOptions
    from storywire.store import open_store

    options = MonitorOptions(
        fetch=FetchOptions(addresses=AddressPolicy(allow_loopback=True),
                           per_host_interval=0.0, per_host_concurrency=8),
        items_per_cycle=100)
    with open_store(workdir / "m.db") as store:
        for url in feeds:
            store.add_source(url, "feed", None, None, 900)
        for name, query in WATCHES.items():
            store.add_watch(name, query, [f"atom:{workdir / name}.atom"])
        pipeline = Pipeline(store)
        pipeline.languages  # built before timing, as in the peer  # noqa: B018
        monitor = Monitor(store, pipeline, options)
        start = time.perf_counter()
        report = asyncio.run(monitor.cycle())
        seconds = time.perf_counter() - start
        assert not report.errors, report.errors[:3]
    return {"items": report.added, "seconds": seconds, "alerts": report.alerts,
            **{f"stage_{k}": v for k, v in report.seconds.items()}}


def run_files(pages: Path, workdir: Path) -> dict[str, float]:
    from storywire.pipeline import Pipeline
    from storywire.store import open_store

    with open_store(workdir / "f.db") as store:
        pipeline = Pipeline(store)
        pipeline.languages  # noqa: B018
        start = time.perf_counter()
        report = pipeline.ingest([str(pages)])
        seconds = time.perf_counter() - start
    return {"items": report.added, "seconds": seconds}


def run_case(case: str, feeds: list[str], pages: Path) -> dict[str, float]:
    pin_one_core()
    with tempfile.TemporaryDirectory() as tmp:
        result = run_monitor(feeds, Path(tmp)) if case == "monitor" else \
            run_files(pages, Path(tmp))
    result["peak_mb"] = peak_rss_mb()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), help=argparse.SUPPRESS)
    parser.add_argument("--feeds", help=argparse.SUPPRESS)
    parser.add_argument("--pages", help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--output", type=Path,
                        default=ROOT / "benchmarks" / "monitor-report.md")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, json.loads(args.feeds), Path(args.pages))))
        return

    from storywire.demo.newsroom import Newsroom

    pages_served = newsroom_pages()
    with tempfile.TemporaryDirectory() as tmp, Newsroom(pages=pages_served) as room:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        for page in pages_served:
            (pages / f"{page.slug}-{page.number}.html").write_bytes(page.body)
        feeds = json.dumps(room.feed_urls())
        runs = round_robin(CASES, args.repeats, lambda case: run_child(
            __file__, "--case", case, "--feeds", feeds, "--pages", str(pages)))
    text = report(runs, len(pages_served), args.repeats)
    args.output.write_text(text, encoding="utf-8")
    print(text)


def report(runs: dict[str, list[dict[str, float]]], pages: int, repeats: int) -> str:
    def rate(r: dict[str, float]) -> float:
        return r["items"] / r["seconds"]

    medians = {case: statistics.median(rate(r) for r in case_runs)
               for case, case_runs in runs.items()}
    peer = medians["ingest-files"]
    lines = [
        "# Monitor benchmark", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores (each case pinned to one; "
        f"the newsroom server runs in the parent process), Python "
        f"{platform.python_version()}.",
        f"Pages: {pages} (the demo corpus"
        + (" and Mozilla Readability's test pages" if pages > 66 else "")
        + f") served by `storywire.demo.newsroom` on 127.0.0.1 as {OUTLETS}+ outlets' RSS "
        "and Atom feeds. Each case runs in a fresh process on a fresh database, "
        f"{repeats} times, the cases taking turns; figures are medians (min–max).", "",
        "| case | articles | articles/s (median) | min–max | peak RSS MB | vs peer |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for case, case_runs in runs.items():
        rates = [rate(r) for r in case_runs]
        lines.append(
            f"| {CASES[case]} | {int(case_runs[0]['items'])} | {medians[case]:.1f} | "
            f"{min(rates):.1f}–{max(rates):.1f} | "
            f"{statistics.median(r['peak_mb'] for r in case_runs):.0f} | "
            f"{medians[case] / peer:.2f}× |")
    monitor = runs["monitor"]
    stages = [k for k in monitor[0] if k.startswith("stage_")]
    total = {k: statistics.median(r[k] for r in monitor) for k in stages}
    whole = sum(total.values())
    lines += ["", "Where the monitor's time goes (median seconds per stage, share of the "
                  "cycle):", "", "| stage | seconds | share |", "| --- | ---: | ---: |"]
    for key, seconds in total.items():
        lines.append(f"| {key.removeprefix('stage_')} | {seconds:.2f} | "
                     f"{seconds / whole:.0%} |")
    lines += [
        "",
        f"Alerts made per run: {int(monitor[0]['alerts'])} (5 watches, each delivered to "
        "an Atom file). Politeness delays are off for the measurement (the newsroom is one "
        "host, 127.0.0.1: a 1 s gap per request would measure sleeping); robots.txt, the "
        "address guard, conditional GET and the size cap are on. The peer reads the same "
        "HTML bytes from files through the same pipeline, so the difference is what "
        "polling, HTTP, feeds, item bookkeeping and watches cost.",
        "",
        "Reproduce: `make bench` (writes this file), or "
        "`python benchmarks/bench_monitor.py --output benchmarks/monitor-report.md`.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
