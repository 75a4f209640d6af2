"""How well quotes and their speakers are found, against PolNeAR's annotated attributions.

PolNeAR (BRAT standoff) marks every attribution in US election news: a ``Source`` (who),
a ``Cue`` and a ``Content`` (what was said), linked by an ``Attribution`` event. Scored:

* content spans: a predicted quote matches a gold ``Content`` when they overlap by at
  least half of the gold span (one prediction per gold, greedy by overlap), giving
  precision, recall and F1 — for *direct* quotes (at least half of the span inside
  quotation marks, the same rule applied to gold and predictions) and for *all*
  attributions;
* speaker accuracy over matched quotes: the predicted speaker's mention overlaps a gold
  ``Source``, or names the same person (shares a name word with the gold source).

Beside them, as a diagnostic only (the scores above are the reported ones), direct
quotes are scored again without the short verbless gold spans (``short_verbless``):
PolNeAR counts titles, chants, signs and slogans in quotation marks as direct quotes,
which storywire means to skip; the diagnostic says how much of the gap that is.

Develop on ``train`` (the speaker model is trained there, and cross-validated there with
``--cross-validate``); ``dev`` is kept for choosing between models and is never trained on:
``python -m storywire.evaluation.quotes ../shared/data/polnear --split dev
--cross-validate``.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from storywire.evaluation.intervals import wilson_interval
from storywire.understand import Understander
from storywire.understand.entities import TITLES, find_mentions
from storywire.understand.marks import find_marked
from storywire.understand.quotes import SHIPPED_MODEL, Quote, find_quotes
from storywire.understand.speakers import SpeakerFinder


@dataclass
class Gold:
    start: int
    end: int
    sources: list[tuple[int, int, str]]


def read_ann(path: Path) -> list[Gold]:
    """The attributions of one BRAT file: content span and source spans."""
    spans: dict[str, tuple[str, int, int, str]] = {}
    events = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("T") and "\t" in line:  # a few train files hold broken lines
            tid, info, *rest = line.split("\t")
            label, _, ranges = info.partition(" ")
            pieces = [tuple(map(int, r.split())) for r in ranges.split(";")]
            spans[tid] = (label, min(p[0] for p in pieces), max(p[1] for p in pieces),
                          rest[0] if rest else "")
        elif line.startswith("E") and "\t" in line:
            events.append(line.split("\t")[1].split())
    out = []
    for args in events:
        contents, sources = [], []
        for arg in args:
            role, _, tid = arg.partition(":")
            if tid not in spans:
                continue
            _, start, end, text = spans[tid]
            if role.startswith("Content"):
                contents.append((start, end))
            elif role.startswith("Source"):
                sources.append((start, end, text))
        if contents:
            out.append(Gold(min(s for s, _ in contents), max(e for _, e in contents),
                            sources))
    return out


def quoted_share(intervals: list[tuple[int, int]], start: int, end: int) -> float:
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in intervals)
    return inside / max(1, end - start)


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_right: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0


@dataclass
class Result:
    split: str
    texts: int
    words: int
    seconds: float
    direct: Score = field(default_factory=Score)
    all: Score = field(default_factory=Score)
    # Diagnostic: direct quotes with the short verbless gold spans (and the predictions
    # matched to them) left out; ``short_direct_gold`` counts those spans.
    direct_without_short: Score = field(default_factory=Score)
    short_direct_gold: int = 0


SHORT_WORDS = 5  # looked at on train only: 2, 3, 5 and 8 words tell the same story


def short_verbless(doc: Any, gold: Gold, words: int = SHORT_WORDS) -> bool:
    """Whether a gold span is at most ``words`` words with no verb (no token the tagger
    marks VERB or AUX): a title, chant, sign, slogan or label more than a quote ("Modern
    Family.", "Ted! Ted! Ted! Ted", "Self-Determination Initiative"). A test that uses
    none of storywire's quote rules, for the diagnostic only."""
    span = doc.char_span(gold.start, gold.end, alignment_mode="expand")
    if span is None:
        return False
    tokens = [t for t in span if not (t.is_punct or t.is_space)]
    return len(tokens) <= words and not any(t.pos_ in ("VERB", "AUX") for t in tokens)


# Capitalised words that name nobody: a sentence's or an outlet's "The", "His", "But".
# "May" and "Will" stay: they are also names.
NOT_NAME_WORDS = frozenset(STOP_WORDS) - {"may", "will"}


def _name_words(text: str) -> set[str]:
    """The words of a source's capitalised words that can name a person: two sources
    that share one name the same person ("Mr. Sanders", "Bernie Sanders")."""
    return {w.lower().strip(".,’'s") for w in re.findall(r"[A-Z][\w’'.-]+", text)
            if w.lower().strip(".") not in TITLES and len(w) > 2
            and w.lower().strip(".,’'") not in NOT_NAME_WORDS}


def speaker_right(quote: Quote, gold: Gold) -> bool:
    speaker = quote.speaker
    if speaker is None or not gold.sources:
        return False
    for start, end, text in gold.sources:
        if speaker.start < end and start < speaker.end:
            return True
        if speaker.name and _name_words(speaker.name) & _name_words(text):
            return True
    return False


def score(quotes: list[Quote], golds: list[Gold], into: Score) -> None:
    into.gold += len(golds)
    into.predicted += len(quotes)
    for qi, gi in match(quotes, golds):
        into.matched += 1
        into.speaker_right += speaker_right(quotes[qi], golds[gi])


def match(quotes: list[Quote], golds: list[Gold]) -> list[tuple[int, int]]:
    """(quote index, gold index) of the matched pairs: one prediction per gold, greedy by
    overlap, an overlap of at least half the gold span."""
    pairs = []
    for gi, gold in enumerate(golds):
        for qi, quote in enumerate(quotes):
            overlap = min(gold.end, quote.end) - max(gold.start, quote.start)
            if overlap >= (gold.end - gold.start) / 2 and overlap > 0:
                pairs.append((overlap, gi, qi))
    used_g, used_q = set(), set()
    out = []
    for _, gi, qi in sorted(pairs, reverse=True):
        if gi in used_g or qi in used_q:
            continue
        used_g.add(gi)
        used_q.add(qi)
        out.append((qi, gi))
    return out


DATE_RUNS = 5


def date_runs(names: list[str], runs: int = DATE_RUNS) -> list[int]:
    """Each article's run of consecutive publication dates: the articles (named
    ``<publisher>_<yyyy-mm-dd>_<slug>``) in date order cut into ``runs`` runs of near-equal
    size, 0 the earliest. PolNeAR's dev split is the month after train's last article, so
    a rule written on train's earlier runs can be checked on its latest one, which it was
    not written on."""
    order = sorted(range(len(names)), key=lambda i: (names[i].split("_")[1], names[i]))
    run_of = [0] * len(names)
    for rank, i in enumerate(order):
        run_of[i] = rank * runs // max(1, len(names))
    return run_of


def documents(root: Path, split: str) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs; a text annotated twice is scored on its first file."""
    texts = root / split / "text"
    out = []
    for text in sorted(texts.glob("*.txt")):
        anns = sorted((root / split / "attributions").glob(text.stem + "_*.ann"))
        if anns:
            out.append((text, anns[0]))
    return out


def parsed(paths: list[Path], split: str, cache: Path | None = None,
           understander: Understander | None = None) -> Iterator[Any]:
    """The texts parsed by the stage's pipeline (``nlp.pipe``), read from and kept in
    ``cache``/<split>-<number of texts>.spacy when a cache folder is given (a speed-up
    for development runs: parsing PolNeAR train takes minutes)."""
    from spacy.tokens import DocBin

    nlp = (understander or Understander()).nlp
    texts = [p.read_text("utf-8") for p in paths]
    stored = cache / f"{split}-{len(texts)}.spacy" if cache is not None else None
    if stored is not None and stored.exists():
        docs = list(DocBin().from_bytes(stored.read_bytes()).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts,
                                                                       strict=True)):
            yield from docs
            return
    bin_ = DocBin()
    for doc in nlp.pipe(texts, batch_size=16):
        bin_.add(doc)
        yield doc
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(bin_.to_bytes())


def evaluate(root: Path, split: str = "dev", limit: int | None = None,
             understander: Understander | None = None, cache: Path | None = None,
             model: Any = SHIPPED_MODEL, runs: set[int] | None = None) -> Result:
    """Scores of the stage on a split (speakers chosen by ``model``, see ``find_quotes``);
    with ``runs``, of the texts of those runs of dates alone (``date_runs``)."""
    docs = documents(root, split)[:limit]
    run_of = date_runs([text.stem for text, _ in docs])
    result = Result(split, len(docs) if runs is None else sum(r in runs for r in run_of),
                    0, 0.0)
    understander = understander or Understander()
    _ = understander.nlp  # loaded before the clock starts
    started = time.perf_counter()
    for index, ((text_path, ann_path), doc) in enumerate(zip(
            docs, parsed([t for t, _ in docs], split, cache, understander), strict=True)):
        if runs is not None and run_of[index] not in runs:
            continue
        text = text_path.read_text("utf-8")
        golds = read_ann(ann_path)
        mentions = find_mentions(doc)
        quotes = find_quotes(doc, partial(SpeakerFinder, doc, mentions), model)
        result.words += len(text.split())
        marks = [(m.open_at, (m.close_at + 1) if m.close_at is not None else m.end)
                 for m in find_marked(text)]
        score(quotes, golds, result.all)
        direct = [q for q in quotes if quoted_share(marks, q.start, q.end) >= 0.5]
        direct_golds = [g for g in golds if quoted_share(marks, g.start, g.end) >= 0.5]
        score(direct, direct_golds, result.direct)
        short = {gi for gi, g in enumerate(direct_golds) if short_verbless(doc, g)}
        result.short_direct_gold += len(short)
        taken = {qi for qi, gi in match(direct, direct_golds) if gi in short}
        score([q for qi, q in enumerate(direct) if qi not in taken],
              [g for gi, g in enumerate(direct_golds) if gi not in short],
              result.direct_without_short)
    result.seconds = time.perf_counter() - started
    return result


def markdown(result: Result) -> str:
    lines = [f"PolNeAR {result.split}: {result.texts} texts, {result.words:,} words, "
             f"{result.words / max(result.seconds, 1e-9):,.0f} words/s (parse + quotes)", "",
             "| attributions | gold | predicted | precision | recall | F1 | speaker accuracy |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, s in (("direct (in quotation marks)", result.direct), ("all", result.all)):
        lines.append(f"| {name} | {s.gold} | {s.predicted} | {s.precision:.3f} | "
                     f"{s.recall:.3f} | {s.f1:.3f} | {s.speaker_accuracy:.3f} |")
    s = result.direct
    low, high = wilson_interval(s.speaker_right, s.matched)
    lines += ["", f"Speakers of matched direct quotes: {s.speaker_right} of {s.matched}, 95% "
                  f"interval {low:.3f}–{high:.3f} (the split is a sample)."]
    d = result.direct_without_short
    lines += ["", f"Diagnostic, not the score: direct quotes without the "
                  f"{result.short_direct_gold} gold spans of {SHORT_WORDS} words or fewer "
                  f"with no verb (titles, chants, slogans): P {d.precision:.3f}, R "
                  f"{d.recall:.3f}, F1 {d.f1:.3f}"]
    return "\n".join(lines)


def main() -> None:  # pragma: no cover - exercised through `make eval-quotes`
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=Path("../shared/data/polnear"))
    parser.add_argument("--split", choices=("train", "dev"), default="dev")
    parser.add_argument("--limit", type=int, help="Score only this many texts.")
    parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
    parser.add_argument("--cache", type=Path,
                        help="Keep parsed texts in this folder (outside the repository).")
    parser.add_argument("--cross-validate", action="store_true",
                        help="Also report the speaker model's 5-fold cross-validation on "
                             "train (the model retrained on four fifths of its documents, "
                             "scored on the fifth; rules alone beside it).")
    parser.add_argument("--date-run", type=int, nargs="+", choices=range(DATE_RUNS),
                        help=f"Score only the texts of these runs of dates (the split's "
                             f"articles in date order cut into {DATE_RUNS}, 0 the earliest): "
                             "write rules on train's earlier runs, check them on its "
                             "latest.")
    args = parser.parse_args()
    if not (args.data / args.split / "text").is_dir():
        raise SystemExit(f"{args.data / args.split / 'text'}: not found (PolNeAR is read "
                         "from ../shared/data/polnear)")
    result = evaluate(args.data, args.split, args.limit, cache=args.cache,
                      runs=set(args.date_run) if args.date_run else None)
    cv = None
    if args.cross_validate:
        from storywire.evaluation.speaker_training import cross_validate, describe, examples

        cv = cross_validate(examples(args.data, "train", args.cache, args.limit))
    if args.json:
        print(json.dumps({**asdict(result),
                          "train_cross_validation": asdict(cv) if cv else None}, indent=2))
        return
    print(markdown(result))
    if cv is not None:
        print(f"\n{describe(cv)[0].upper()}{describe(cv)[1:]}")


if __name__ == "__main__":  # pragma: no cover
    main()
