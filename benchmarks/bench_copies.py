"""Copy detection at 1k, 10k and 100k stored articles, rensa against datasketch.

Stored articles are generated: each is 12-24 sentences drawn at random from a pool of real
news sentences (PolNeAR and ECB+ when ../shared/data is there, else the demo corpus), so
the vocabulary and the sentence lengths are those of news. The store is filled up to each
size with the articles' rows and band keys (full-text indexing triggers are dropped: this
measures the copy stage, not FTS). Then, at each size, 160 new articles go through the
real ``CopyLinker.link`` one by one (fingerprint, band lookups, judging, writing): for 40
stored articles an exact copy, a near copy, an excerpt and a rewrite, plus 40 unrelated
new articles. Reported: median and 95th-percentile time per article, whether each copy
found its original, peak RSS, and bytes of copy index per stored article.

Each library runs in its own child process (its peak RSS is its own); the two run side
by side, one per core.

    python benchmarks/bench_copies.py --output benchmarks/copies-report.md
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from child import peak_rss_mb

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SIZES = (1_000, 10_000, 100_000)
LIBRARIES = ("rensa", "datasketch")


def sentence_pool() -> list[str]:
    from storywire.copies.normalize import sentences

    texts: list[str] = []
    if SHARED.exists():
        for path in sorted((SHARED / "polnear").glob("*/text/*.txt")):
            texts.append(path.read_text("utf-8"))
        for line in (SHARED / "ecbplus" / "articles.jsonl").read_text("utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    else:
        from storywire.demo import corpus_path

        texts = [p.read_text("utf-8") for p in sorted((corpus_path() / "text").glob("*.txt"))]
    pool = [s for text in texts for s in sentences(text) if 8 <= len(s.split()) <= 60]
    return sorted(set(pool))


def make_article(rng: random.Random, pool: list[str]) -> str:
    chosen = rng.sample(pool, rng.randint(12, 24))
    return "\n\n".join(" ".join(chosen[i:i + 3]) for i in range(0, len(chosen), 3))


def run_library(library: str, sizes: tuple[int, ...], queries_per_kind: int,
                semantic: bool = True) -> list[dict]:
    """Body of one child process."""
    from storywire.copies import (
        CopyLinker,
        CopyOptions,
        DetectOptions,
        FingerprintOptions,
        fingerprint,
    )
    from storywire.copies.fingerprint import minhasher
    from storywire.evaluation.copygen import rewrite
    from storywire.model import Article, Capture
    from storywire.store import open_store

    pool = sentence_pool()
    options = CopyOptions(fingerprint=FingerprintOptions(library=library),
                          detect=DetectOptions(semantic=semantic))
    hasher = minhasher(library)
    rows = []
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "b.db") as store:
        db = store._db  # the bench drops FTS triggers: it measures copies, not search
        for trigger in ("article_fts_insert", "article_fts_update", "article_fts_delete"):
            db.execute(f"DROP TRIGGER {trigger}")
        store.set_copy_scheme(options.fingerprint.scheme())
        linker = CopyLinker(store, options, hasher)
        rng = random.Random(42)  # the same articles for both libraries
        stored: list[str] = []  # ids only: texts are read back from the store
        sketch_seconds = 0.0

        def add(ident: str, text: str) -> Article:
            capture = Capture(raw=ident.encode(), kind="text", origin=ident, sha256=ident)
            article = Article(id=ident, capture_sha256=ident, origin=ident,
                              paragraphs=text.split("\n\n"), outlet="Bench")
            store.put_capture(capture)
            store.put_article(article)
            return article

        for size in sizes:
            with store.transaction():
                while len(stored) < size:
                    ident = f"s{len(stored):07d}"
                    text = make_article(rng, pool)
                    add(ident, text)
                    started = time.perf_counter()
                    fp = fingerprint(text, options.fingerprint, hasher)
                    sketch_seconds += time.perf_counter() - started
                    store.put_copy_keys(ident, fp.exact, fp.all_keys(), fp.term_signature)
                    stored.append(ident)
            qrng = random.Random(size)
            targets = qrng.sample(stored, queries_per_kind)
            queries = []
            for index, ident in enumerate(targets):
                text = store.get_article(ident).text
                paragraphs = text.split("\n\n")
                words = text.split()
                queries += [
                    ("exact", ident, text),
                    ("near", ident, "\n\n".join(paragraphs[:-1]) if len(paragraphs) > 4
                     else text + "\n\nThis story has been updated."),
                    ("excerpt", ident, " ".join(words[: max(40, len(words) // 3)])),
                    ("reworded", ident, rewrite(text, random.Random(index))),
                    ("unrelated", None, make_article(qrng, pool)),
                ]
            timings: dict[str, list[float]] = {}
            found: dict[str, int] = {}
            with store.transaction():
                for number, (kind, target, text) in enumerate(queries):
                    article = add(f"q{size}-{number:05d}", text)
                    started = time.perf_counter()
                    linker.link(article)
                    timings.setdefault(kind, []).append(time.perf_counter() - started)
                    hit = (article.copy_of == target) if target else (article.copy_of is None)
                    found[kind] = found.get(kind, 0) + hit
            everything = [t for values in timings.values() for t in values]
            index_size = store.copy_index_size()
            rows.append({
                "library": library, "stored": size,
                "median_ms": round(1000 * statistics.median(everything), 2),
                "p95_ms": round(1000 * sorted(everything)[int(0.95 * (len(everything) - 1))], 2),
                "found": {k: f"{found[k]}/{len(v)}" for k, v in timings.items()},
                "sketch_ms": round(1000 * sketch_seconds / len(stored), 3),
                "index_bytes_per_article": round(index_size.get("bytes", 0) / len(stored)),
                "band_keys_per_article": round(index_size["band_keys"] / len(stored), 1),
                "peak_rss_mb": round(peak_rss_mb()),
            })
            # The queries stay stored; they are 0.2% of the next size.
    return rows


def report(rows: list[dict], seconds: float) -> str:
    lines = [
        "# Copy detection benchmark", "",
        f"Machine: {platform.machine()}, {platform.system()}, Python "
        f"{platform.python_version()}; {len(rows)} measurements in {seconds:.0f} s.", "",
        "Reproduce: `make bench` (or `python benchmarks/bench_copies.py --output "
        "benchmarks/copies-report.md`).", "",
        "| library | stored articles | median ms per new article | p95 ms | exact | near "
        "| excerpt | reworded | unrelated left alone | fingerprint ms per article "
        "| index bytes per article | band keys per article | peak RSS MB |",
        "| --- | ---: | ---: | ---: | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        f = r["found"]
        lines.append(
            f"| {r['library']} | {r['stored']:,} | {r['median_ms']} | {r['p95_ms']} | "
            f"{f['exact']} | {f['near']} | {f['excerpt']} | {f['reworded']} | "
            f"{f['unrelated']} | {r['sketch_ms']} | {r['index_bytes_per_article']} | "
            f"{r['band_keys_per_article']} | {r['peak_rss_mb']} |")
    lines += ["", "Time per new article covers everything `CopyLinker.link` does: the "
              "fingerprint, one indexed query per route over the band keys, the signature "
              "check of term-only candidates, reading and judging the candidates (containment, "
              "sentence alignment), and writing its keys and link. `fingerprint ms` is the "
              "fingerprint alone (words, shingles, the three MinHash signatures, band keys), "
              "measured while filling the store. Peak RSS is the child process's, the whole "
              "store's build included.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--queries", type=int, default=40, help="Stored articles copied per size.")
    parser.add_argument("--child", choices=LIBRARIES)
    parser.add_argument("--no-semantic", action="store_true",
                        help="Align rewrites by content terms only (no sentence encoder).")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    if args.child:
        print(json.dumps(run_library(args.child, sizes, args.queries, not args.no_semantic)))
        return
    started = time.perf_counter()
    children = [subprocess.Popen(
        [sys.executable, __file__, "--child", library, "--sizes", args.sizes,
         "--queries", str(args.queries), *(["--no-semantic"] if args.no_semantic else [])],
        stdout=subprocess.PIPE, text=True,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})
        for library in LIBRARIES]
    rows = []
    for child in children:
        out, _ = child.communicate()
        if child.returncode:
            raise SystemExit(f"benchmark child failed ({child.args[3]})")
        rows += json.loads(out)
    rows.sort(key=lambda r: (r["stored"], r["library"]))
    text = report(rows, time.perf_counter() - started)
    if args.output:
        args.output.write_text(text, "utf-8")
    print(text)


if __name__ == "__main__":
    main()
