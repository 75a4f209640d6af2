"""Learning which words attribute what their constructions hold, from PolNeAR train.

PolNeAR annotates every attribution, not only speech: "declined *to comment*", "sought
*to distance himself*", "talked *about the border*", "his criticism *of the plan*". The
parse rules find the verbs of saying; this learns the rest. For every word of every
train article and each of its constructions (``understand.quotes.constructions``) that
the rules left free, it counts how often the construction's span matches an annotated
content the rules missed (the harness's rule: it covers at least half of it; for the
construction that holds a verb's subject, the content must start before the verb, so
that the subject is counted only where PolNeAR's content holds it too). A word and
construction are kept when they matched at least ``min_hits`` times and in at least
``min_precision`` of their uses (a rarer form when it matched in every use and its
stem's forms pass together, see ``lexicon``); both are chosen by 5-fold cross-validation
over whole train documents (the estimate adds each kept construction's hits and uses to
the fold's counts), and the file is then made from all of train. The choice is made on
the stage run over each held-out fold with the words learned from the others
(``run_held_out``): the independent counts of ``estimate`` overrate words whose
constructions compete at run time, and chose a looser threshold than the stage run does.

``python -m storywire.evaluation.cue_training ../shared/data/polnear --cache /tmp/DIR
--output src/storywire/understand/data/cue_lexicon.json``
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from storywire.evaluation.quotes import documents, match, parsed, read_ann
from storywire.understand.entities import doc_text, find_mentions
from storywire.understand.quotes import LEARNED_POS, constructions, find_quotes, quoted_spans
from storywire.understand.speakers import SpeakerFinder

FOLDS = 5
GRID_HITS = (2, 3)
GRID_PRECISION = (0.35, 0.4, 0.45, 0.5)


@dataclass
class DocumentCounts:
    """One train article: gold, predicted and matched attributions of the rules alone,
    and per (construction, word) the matches and uses of the free constructions."""

    gold: int
    predicted: int
    matched: int
    uses: dict[tuple[str, str], list[int]] = field(default_factory=dict)


def count(root: Path, split: str = "train", cache: Path | None = None,
          limit: int | None = None) -> list[DocumentCounts]:
    """The counts of every article of a PolNeAR split, the rules run without learned
    words."""
    docs = documents(root, split)[:limit]
    out = []
    for (_, ann_path), doc in zip(docs, parsed([t for t, _ in docs], split, cache),
                                  strict=True):
        golds = read_ann(ann_path)
        mentions = find_mentions(doc)
        quotes = find_quotes(doc, partial(SpeakerFinder, doc, mentions), model=None,
                             cues={})
        pairs = match(quotes, golds)
        matched = {gi for _, gi in pairs}
        free = [g for gi, g in enumerate(golds) if gi not in matched]
        _, quoted = quoted_spans(doc_text(doc))
        finder = SpeakerFinder(doc, mentions, quoted)
        taken = [(q.start, q.end) for q in quotes]
        uses: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for token in doc:
            if token.pos_ not in LEARNED_POS or finder.inside_quote(token.idx):
                continue
            for key, clause in constructions(token, finder):
                start, end = clause[0].idx, clause[-1].idx + len(clause[-1])
                if any(s < end and start < e for s, e in taken):
                    continue
                hit = any(min(g.end, end) - max(g.start, start) >= (g.end - g.start) / 2
                          and (key != "subject" or g.start < token.idx) for g in free)
                uses[(key, token.lower_)][0] += hit
                uses[(key, token.lower_)][1] += 1
        out.append(DocumentCounts(len(golds), len(quotes), len(pairs), dict(uses)))
    return out


def stem(word: str) -> str:
    """A crude stem that puts a word's forms together ("supports", "supported",
    "supporting" -> "support"; "argues", "argued" -> "argu"): enough to pool the counts
    of forms too rare to be judged alone, with no lemmatizer at run time."""
    word = re.sub(r"(ies|ied)$", "y", word.lower())
    word = re.sub(r"(ing|ed|es|s|e)$", "", word)
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":  # "planned"
        word = word[:-1]
    return word


def lexicon(data: list[DocumentCounts], min_hits: int,
            min_precision: float) -> dict[str, list[str]]:
    """Construction -> the words kept for it: a form that matched ``min_hits`` times in at
    least ``min_precision`` of its uses, or one too rare to be judged alone that matched
    in every use, when all the forms of its stem together pass both thresholds
    ("endorses" matched once in one use, "endorsed" and "endorsing" often). A rare form
    that also missed is left out ("pressed for", once a request, once not)."""
    total: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    pooled: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for document in data:
        for (construction, word), (hits, uses) in document.uses.items():
            for counts in (total[(construction, word)], pooled[(construction, stem(word))]):
                counts[0] += hits
                counts[1] += uses
    out: dict[str, list[str]] = defaultdict(list)
    for (construction, word), (hits, uses) in sorted(total.items()):
        if hits == 0 or hits / uses < min_precision:
            continue
        stem_hits, stem_uses = pooled[(construction, stem(word))]
        if hits >= min_hits or (hits == uses and stem_hits >= min_hits
                                and stem_hits / stem_uses >= min_precision):
            out[construction].append(word)
    return dict(out)


def estimate(data: list[DocumentCounts], min_hits: int, min_precision: float,
             folds: int = FOLDS) -> tuple[float, float, float]:
    """Precision, recall and F1 of all attributions over held-out folds, each fold's
    words learned from the others (document i in fold i mod ``folds``)."""
    gold = predicted = matched = 0
    for fold in range(folds):
        kept = lexicon([d for i, d in enumerate(data) if i % folds != fold], min_hits,
                       min_precision)
        words = {(c, w) for c, ws in kept.items() for w in ws}
        for document in data[fold::folds]:
            gold += document.gold
            predicted += document.predicted
            matched += document.matched
            for key, (hits, uses) in document.uses.items():
                if key in words:
                    predicted += uses
                    matched += hits
    p, r = matched / max(1, predicted), matched / max(1, gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def run_held_out(root: Path, data: list[DocumentCounts], min_hits: int,
                 min_precision: float, cache: Path | None = None,
                 folds: int = FOLDS) -> tuple[float, float, float]:
    """Precision, recall and F1 of all attributions when the whole stage runs on each
    held-out fold with the words learned from the others. Slower than ``estimate``, and
    what the stage does: at run time the constructions compete (a word takes its first
    listed construction; a span another quote took is skipped), which the independent
    counts of ``estimate`` leave out."""
    lexicons = []
    for fold in range(folds):
        kept = lexicon([d for i, d in enumerate(data) if i % folds != fold], min_hits,
                       min_precision)
        lexicons.append({key: frozenset(words) for key, words in kept.items()})
    docs = documents(root, "train")[:len(data)]
    gold = predicted = matched = 0
    for index, ((_, ann_path), doc) in enumerate(zip(
            docs, parsed([t for t, _ in docs], "train", cache), strict=True)):
        golds = read_ann(ann_path)
        quotes = find_quotes(doc, partial(SpeakerFinder, doc, find_mentions(doc)),
                             model=None, cues=lexicons[index % folds])
        gold += len(golds)
        predicted += len(quotes)
        matched += len(match(quotes, golds))
    p, r = matched / max(1, predicted), matched / max(1, gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:  # pragma: no cover - a command, run by hand to re-make the lexicon
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=Path("../shared/data/polnear"))
    parser.add_argument("--output", type=Path, help="Write the lexicon here (JSON).")
    parser.add_argument("--cache", type=Path, help="Keep parsed texts in this folder.")
    args = parser.parse_args()
    data = count(args.data, "train", args.cache)
    g = sum(d.gold for d in data)
    p = sum(d.predicted for d in data)
    m = sum(d.matched for d in data)
    print(f"rules alone on train: all attributions F1 {2 * m / (g + p):.3f}")
    best = None
    for hits in GRID_HITS:
        for precision in GRID_PRECISION:
            p_, r_, f_ = estimate(data, hits, precision)
            print(f"min hits {hits}, min precision {precision:.2f}: held-out P {p_:.3f} "
                  f"R {r_:.3f} F1 {f_:.3f} (counts)", flush=True)
            p_, r_, f_ = run_held_out(args.data, data, hits, precision, args.cache)
            print(f"min hits {hits}, min precision {precision:.2f}: held-out P {p_:.3f} "
                  f"R {r_:.3f} F1 {f_:.3f} (stage run)", flush=True)
            if best is None or f_ > best[0]:
                best = (f_, hits, precision)
    assert best is not None
    _, hits, precision = best
    kept = lexicon(data, hits, precision)
    print(f"chosen: min hits {hits}, min precision {precision:.2f}; "
          f"{sum(len(w) for w in kept.values())} words in {len(kept)} constructions")
    if args.output:
        payload = {"about": "Words whose constructions hold an attribution, learned from "
                            "PolNeAR train's annotations (see storywire.evaluation."
                            "cue_training to re-make this file and docs/understand.md for "
                            "the data's terms).",
                   "trained_on": "PolNeAR train", "min_hits": hits,
                   "min_precision": precision, "cues": kept}
        args.output.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n",
                               "utf-8")
        print(f"wrote {args.output}")


if __name__ == "__main__":  # pragma: no cover
    main()
