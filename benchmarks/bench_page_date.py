"""What reading a page's own date costs: the extractor calls htmldate a second time,
without the URL, when the date it found is one the URL's path spells. Timed on the news
pages of Zyte's article-extraction-benchmark (with their URLs; fetched by
benchmarks/data/README.md), with the check and with it switched off, in turn.

    .venv/bin/python benchmarks/bench_page_date.py

CPU time of `extract_html` over every page, three runs each, medians. A figure of this
machine, not a test.
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import storywire.extract.html as html_extract

DATA = Path(__file__).resolve().parent / "data" / "article-extraction-benchmark"


def pages() -> list[tuple[str, str]]:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    found = []
    for key, entry in sorted(truth.items()):
        page = DATA / "html" / f"{key}.html.gz"
        if page.exists():
            found.append((gzip.decompress(page.read_bytes()).decode("utf-8", "replace"),
                          entry["url"]))
    return found


def cpu_seconds(items: list[tuple[str, str]],
                url_spells: Callable[[datetime, str | None], bool]) -> float:
    html_extract._url_spells = url_spells
    start = time.process_time()
    for html, url in items:
        html_extract.extract_html(html, url)
    return time.process_time() - start


def main() -> None:
    if not (DATA / "ground-truth.json").exists():
        sys.exit(f"needs {DATA} (benchmarks/data/README.md)")
    items = pages()
    check = html_extract._url_spells
    calls = 0

    def counted(when: datetime, url: str | None) -> bool:
        nonlocal calls
        spelled = check(when, url)
        calls += spelled
        return spelled

    cpu_seconds(items, counted)
    with_check, without = [], []
    for _ in range(3):
        with_check.append(cpu_seconds(items, check))
        without.append(cpu_seconds(items, lambda when, url: False))
    html_extract._url_spells = check
    print(f"{len(items)} pages; ratio with / without the page-date check: "
          f"{statistics.median(with_check) / statistics.median(without):.3f} "
          f"({statistics.median(with_check):.2f} s / {statistics.median(without):.2f} s CPU)")
    print(f"(htmldate called a second time on {calls} of them)")


if __name__ == "__main__":
    main()
