"""What the query budget buys: the full-text cost of raw prefix floods against the most
expensive queries the budget accepts, over the ECB+ articles (shared data, not tuned on).

    .venv/bin/python benchmarks/bench_query_cost.py

The FTS5 table is built in memory with the store's tokenizer; each query runs once as the
store's search runs it (bm25 order, 21 rows). A figure of this machine, not a test.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

from storywire.search import plan
from storywire.watch import QueryError, parse_query

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "articles.jsonl"


def main() -> None:
    if not DATA.exists():
        sys.exit(f"needs {DATA}")
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE f USING fts5(title, text,"
               " tokenize='unicode61 remove_diacritics 2')")
    with DATA.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    db.executemany("INSERT INTO f VALUES (?, ?)",
                   [(r.get("title") or "", r.get("text") or "") for r in rows])

    def seconds(match: str) -> float:
        started = time.perf_counter()
        db.execute("SELECT rowid, bm25(f, 5.0, 1.0) AS s FROM f WHERE f MATCH ?"
                   " ORDER BY s LIMIT 21", (match,)).fetchall()
        return time.perf_counter() - started

    print(f"{len(rows)} ECB+ articles")
    for count in (10, 20, 40):
        raw = " ".join(["a*"] * count)
        try:
            parse_query(raw)
            verdict = "accepted"
        except QueryError as exc:
            verdict = f"refused: {exc}"
        print(f"raw FTS5 'a*' x{count}: {seconds(raw):.3f} s; the budget: {verdict}")
    for text in ("a* b* c* s* " + " ".join(["the"] * 28),
                 " OR ".join(["a*", "b*", "c*", "s*"] + ["the", "of", "and", "to"] * 7),
                 "(" * 15 + "a* b* c* s* the" + ")" * 15):
        query = parse_query(text)
        words = sum(len(t.words) for t in query.terms())
        print(f"in budget ({words} words): {seconds(plan(query).match):.3f} s  {text[:50]}")


if __name__ == "__main__":
    main()
