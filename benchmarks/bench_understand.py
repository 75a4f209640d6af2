"""Understand-stage speed (entities, quotes and figures together) and peak memory, with
spaCy's own full pipeline as the named peer.

Cases, each in its own child process pinned to one core, several times, taking turns:

* storywire: ``Understander.understand`` — the trimmed pipeline (lemmatizer and senter
  left out) plus quotes, speakers, figures and canonical names;
* spaCy full: ``nlp(text)`` with every default component of the same model, nothing else;
* spaCy trimmed: ``nlp(text)`` of the pipeline storywire loads, nothing else (what
  storywire's own code costs on top);
* spaCy entities only: ``nlp(text)`` with the entity recogniser alone (it embeds the
  words itself). No people list can cost less with this model, so its rate is the
  ceiling of any understand stage that lists people, whatever else it skips.

Texts: PolNeAR's dev articles (../shared/data/polnear), else the demo corpus.

    python benchmarks/bench_understand.py --output benchmarks/understand-report.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from child import peak_rss_mb, pin_one_core, round_robin, run_child

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"

CASES = {
    "storywire": "storywire understand: entities + quotes + speakers + figures",
    "spacy-full": "spaCy alone, every default component (peer)",
    "spacy-trimmed": "spaCy alone, the components storywire keeps",
    "spacy-ner-only": "spaCy alone, the entity recogniser only (ceiling)",
}


def texts() -> list[str]:
    folder = SHARED / "polnear" / "dev" / "text"
    if folder.exists():
        return [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    from storywire.demo import corpus_path

    return [p.read_text("utf-8") for p in sorted((corpus_path() / "text").glob("*.txt"))]


def run_case(case: str) -> dict[str, float]:
    pin_one_core()
    from storywire.understand import Understander
    from storywire.understand.nlp import MODEL_CANDIDATES, model_path

    corpus = texts()
    words = sum(len(t.split()) for t in corpus)
    if case == "spacy-full":
        import spacy

        where = next(p for p in map(model_path, MODEL_CANDIDATES) if p is not None)
        nlp = spacy.load(where)
        run = nlp
    else:
        understander = Understander()
        nlp = understander.nlp
        run = understander.understand if case == "storywire" else nlp
        if case == "spacy-ner-only":
            nlp.select_pipes(enable=["ner"])
    run(corpus[0])  # warm-up: first-call allocations are not the steady state
    # The CPU time of a process pinned to one core: the work done, which other jobs on the
    # machine stretch far less than they stretch the wall clock.
    start = time.process_time()
    for text in corpus:
        run(text)
    seconds = time.process_time() - start
    return {"texts": len(corpus), "words": words, "seconds": seconds, "peak_mb": peak_rss_mb(),
            "components": ",".join(nlp.pipe_names), "model": nlp.meta.get("name", "")}


def measure_all(repeats: int) -> dict[str, dict]:
    runs = round_robin(CASES, repeats, lambda case: run_child(__file__, "--case", case))
    out = {}
    for case, case_runs in runs.items():
        rates = [r["words"] / r["seconds"] for r in case_runs]
        out[case] = {**case_runs[0], "rate_median": statistics.median(rates),
                     "rate_min": min(rates), "rate_max": max(rates),
                     "peak_mb": statistics.median(r["peak_mb"] for r in case_runs),
                     "repeats": repeats}
    return out


def report(results: dict[str, dict]) -> str:
    peer = results["spacy-full"]["rate_median"]
    first = next(iter(results.values()))
    lines = [
        "# Understand benchmark", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores (each case pinned to one), "
        f"Python {platform.python_version()}, model en_{first['model']}.",
        f"Texts: {first['texts']} articles, {first['words']:,} words (PolNeAR dev when "
        "../shared/data is there). Each case runs in a fresh process "
        f"{first['repeats']} times, the cases taking turns; rates are words per second of "
        "the process's CPU time, medians (min–max).", "",
        "| case | components | words/s (median) | min–max | peak RSS MB | vs spaCy full |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for case, r in results.items():
        lines.append(
            f"| {CASES[case]} | {r['components']} | {r['rate_median']:,.0f} | "
            f"{r['rate_min']:,.0f}–{r['rate_max']:,.0f} | {r['peak_mb']:.0f} | "
            f"{r['rate_median'] / peer:.2f}× |")
    ceiling = results.get("spacy-ner-only")
    if ceiling:
        rate = ceiling["rate_median"]
        lines += ["", f"The ceiling: no understand stage that lists people runs faster, with "
                  f"this model, than its entity recogniser alone, {rate:,.0f} words/s a core "
                  f"({rate / peer:.2f}× spaCy full). Two cores at that rate, and nothing else "
                  f"running, read {2 * rate:,.0f} words/s" + _articles_per_second(2 * rate)
                  + ". What storywire adds on top of the recogniser (tagger and parser for "
                  "quotes and figures, its own code) is the rest of the gap."]
    lines += ["", "Reproduce: `make bench` (writes this file).", ""]
    return "\n".join(lines)


def _articles_per_second(words_per_second: float) -> str:
    """The rate in ECB+ articles (their mean length), when ../shared is there."""
    path = SHARED / "ecbplus" / "articles.jsonl"
    if not path.exists():
        return ""
    lengths = [len(json.loads(line)["text"].split())
               for line in path.read_text("utf-8").splitlines()]
    mean = sum(lengths) / len(lengths)
    return (f": {words_per_second / mean:.0f} ECB+ articles/s at their mean of {mean:.0f} "
            "words")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--output", type=Path,
                        default=ROOT / "benchmarks" / "understand-report.md")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case)))
        return
    text = report(measure_all(args.repeats))
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
