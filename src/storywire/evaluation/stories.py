"""How well story grouping puts reports of one event together and keeps events apart.

ECB+ (``ecbplus/articles.jsonl``): 43 topics, each holding two different real events of
the same kind (two rehab stays, two earthquakes); the gold label is ``event``. The 502
``ecbplus`` articles carry url, outlet, title and (299 of them) a publication time; the
480 ``ecb`` ones carry text only. Articles are streamed in a seeded shuffled order through
the real pipeline (cleaner, language, copies, stories), and the predicted stories are
scored with BCubed precision/recall/F1 and pairwise F1, over all articles and over the
``ecbplus`` ones.

Tuning stays honest with halves of the topics: ``--topics odd`` is where parameters were
chosen, ``--topics even`` is held out, ``--topics all`` is the figure asked for.
``--no-dates`` drops every publication time, so that only the text separates events (the
``ecb`` half is undated while the ``ecbplus`` half is dated years apart, which otherwise
helps keep a topic's two events apart).

Run ``python -m storywire.evaluation.stories ../shared/data`` (``make eval-stories``).
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sklearn.metrics.cluster import pair_confusion_matrix

from storywire.model import Capture

TOPIC_SETS = {"all": lambda t: True, "odd": lambda t: t % 2 == 1, "even": lambda t: t % 2 == 0}


@dataclass
class Scores:
    articles: int
    events: int
    stories: int
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float


@dataclass
class Result:
    topics: str
    dates: bool
    scores: dict[str, Scores] = field(default_factory=dict)
    seconds: float = 0.0
    options: dict[str, object] = field(default_factory=dict)


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (Bagga & Baldwin, 1998) of two labelings."""
    both = Counter(zip(gold, predicted, strict=True))
    in_gold, in_predicted = Counter(gold), Counter(predicted)
    n = len(gold)
    precision = sum(k * k / in_predicted[p] for (_, p), k in both.items()) / n
    recall = sum(k * k / in_gold[g] for (g, _), k in both.items()) / n
    return precision, recall, _f1(precision, recall)


def pairwise(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of articles put together (scikit-learn's counts)."""
    (_, fp), (fn, tp) = pair_confusion_matrix(gold, predicted)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return float(precision), float(recall), _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: Sequence[str], predicted: Sequence[str]) -> Scores:
    bp, br, bf = bcubed(gold, predicted)
    pp, pr, pf = pairwise(gold, predicted)
    return Scores(len(gold), len(set(gold)), len(set(predicted)), *(round(v, 4) for v in
                  (bp, br, bf, pp, pr, pf)))


# -- data and stream ---------------------------------------------------------------------------
def load(path: Path, topics: str = "all") -> list[dict[str, object]]:
    keep = TOPIC_SETS[topics]
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [row for row in rows if keep(int(row["topic"]))]


def stream(rows: Iterable[dict[str, object]], seed: int = 20261125, dates: bool = True
           ) -> list[Capture]:
    """The records as captures, shuffled with a fixed seed."""
    captures = []
    for row in rows:
        record = {"id": row["id"], "text": row["text"], "language": "en"}
        for name in ("url", "outlet", "title") + (("published",) if dates else ()):
            if row.get(name):
                record[name] = row[name]
        captures.append(Capture(raw=json.dumps(record, ensure_ascii=False).encode("utf-8"),
                                kind="record", origin=f"ecbplus:{row['id']}"))
    random.Random(seed).shuffle(captures)
    return captures


def ingest(rows: list[dict[str, object]], db: Path, seed: int, dates: bool,
           options: object | None = None) -> None:
    """Stream the records through the pipeline; records without text fail and are left
    out of the scores (ECB+ holds a few empty texts)."""
    from storywire.pipeline import Pipeline
    from storywire.store import open_store

    with open_store(db) as store:
        Pipeline(store, options).ingest_stream(stream(rows, seed, dates))


def regroup(db: Path, options: object | None = None) -> None:
    """Assign stories again over an ingested store (what tuning varies)."""
    from storywire.pipeline import Pipeline
    from storywire.store import open_store

    with open_store(db) as store:
        Pipeline(store, options).reprocess_stage("stories")


def predicted(db: Path) -> dict[str, str]:
    from storywire.store import open_store

    with open_store(db) as store:
        return {a.source_id: a.story_id or a.id for a in store.iter_articles() if a.source_id}


def measure(rows: list[dict[str, object]], found: dict[str, str]) -> dict[str, Scores]:
    rows = [r for r in rows if str(r["id"]) in found]
    subsets = {"all": rows, "ecbplus": [r for r in rows if str(r["event"]).endswith("ecbplus")]}
    return {name: score([str(r["event"]) for r in subset], [found[str(r["id"])] for r in subset])
            for name, subset in subsets.items() if subset}


def evaluate(data: Path, topics: str = "all", seed: int = 20261125, dates: bool = True,
             options: object | None = None, db: Path | None = None) -> Result:
    rows = load(data / "ecbplus" / "articles.jsonl", topics)
    result = Result(topics=topics, dates=dates)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        path = _store_path(db, dates) if db else Path(folder) / "ecbplus.db"
        if db is not None and path.exists():
            regroup(path, options)
        else:
            ingest(rows, path, seed, dates, options)
        result.scores = measure(rows, predicted(path))
    result.seconds = round(time.perf_counter() - started, 1)
    return result


def _store_path(db: Path, dates: bool) -> Path:
    """The kept store for one mode: the undated run streams other records (no times),
    so it keeps its own store beside the dated one rather than regrouping that."""
    return db if dates else db.with_name(f"{db.stem}-undated{db.suffix}")


def markdown(results: list[Result]) -> str:
    lines = ["| topics | dates | articles | events | stories | BCubed P | BCubed R | BCubed F1 |"
             " pairwise P | pairwise R | pairwise F1 |",
             "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for result in results:
        for name, s in result.scores.items():
            lines.append(
                f"| {result.topics} | {'yes' if result.dates else 'no'} | {name} ({s.articles})"
                f" | {s.events} | {s.stories} | {s.bcubed_precision:.3f} |"
                f" {s.bcubed_recall:.3f} | {s.bcubed_f1:.3f} | {s.pairwise_precision:.3f} |"
                f" {s.pairwise_recall:.3f} | {s.pairwise_f1:.3f} |")
    return "\n".join(lines)


def _options(pairs: list[str]) -> object:
    """PipelineOptions with ``name=value`` story options set (for tuning runs)."""
    from storywire.pipeline import PipelineOptions
    from storywire.stories import StoryOptions

    values: dict[str, object] = {}
    vectors: dict[str, object] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name.startswith("vectors."):
            name = name.removeprefix("vectors.")
            kind = type(getattr(StoryOptions().vectors, name))
            vectors[name] = value.lower() in ("1", "true", "yes") if kind is bool else kind(value)
        else:
            kind = type(getattr(StoryOptions(), name))
            values[name] = value.lower() in ("1", "true", "yes") if kind is bool else kind(value)
    options = replace(StoryOptions(), **values)
    return PipelineOptions(stories=replace(options, vectors=replace(options.vectors, **vectors)))


def main() -> None:  # pragma: no cover - exercised through `make eval-stories`
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=Path("../shared/data"))
    parser.add_argument("--topics", choices=sorted(TOPIC_SETS), action="append",
                        help="Which topics (default: all, odd, even).")
    parser.add_argument("--no-dates", action="store_true",
                        help="Also run with every publication time dropped.")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="Set a story option (tuning).")
    parser.add_argument("--db", type=Path, help="Keep the ingested store here and, when it "
                        "exists, only regroup its stories (fast tuning).")
    parser.add_argument("--no-understand", action="store_true",
                        help="Skip the understand stage (spaCy, ~2/3 of the run time): story "
                        "scores read no entities, so the groupings are the same.")
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    args = parser.parse_args()
    options = _options(args.set)
    if args.no_understand:
        from storywire.understand import UnderstandOptions

        options = replace(options, understand=UnderstandOptions(enabled=False))
    results = []
    for topics in args.topics or ["all", "odd", "even"]:
        for dates in (True, False) if args.no_dates else (True,):
            results.append(evaluate(args.data, topics, args.seed, dates, options, args.db))
    if args.json:
        print(json.dumps([r.__dict__ | {"scores": {k: v.__dict__ for k, v in r.scores.items()}}
                          for r in results], indent=2))
    else:
        print(markdown(results))
        print(f"\nRun time: {sum(r.seconds for r in results):.0f} s")


if __name__ == "__main__":  # pragma: no cover
    main()


