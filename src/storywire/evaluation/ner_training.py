"""Fine-tuning the recogniser (the ``ner`` of ``en_core_web_md``) on the people check's dev
annotations, and whether it generalises to topics it never saw.

The false people the stage lists are the recogniser's (places, firms, products, parts,
titles of works, ranks, pieces of names), so this study retrains its ``ner`` component on
gold documents made from the dev articles: every word-bounded occurrence of an annotated
person's form that aligns with the tokens is a PERSON span (longest forms first); the base
model's other entities that overlap none are kept as they are (silver labels, so the other
types are not forgotten); the base model's PERSON entities that overlap no annotated
occurrence are outside (``O``), or, with ``missing=True``, left without a label.

``ner`` in ``en_core_web_md`` has its own tok2vec (it listens to none), so training it
alone changes nothing the tagger and the parser see. Validation is by topic halves (names
recur within a topic, so a topic is never split): train on dev topics 9-27, score the
people check on 28-45 with the tuned pipeline, and the reverse, each against the base
pipeline on the same articles.

``python -m storywire.evaluation.ner_training ../shared/data --epochs 1 2 3 --dropout 0.3``
prints, for each half held out, the base and the tuned figures after each listed epoch:
the people check's, the recogniser's PERSON readings alone, and how many of the base
model's other entities the tuned one reads differently (``--missing``, ``--learn-rate``,
``--keep-things``, ``--averages`` and ``--errors`` for the variants). Every setting tried
lowered precision on both halves (docs/understand.md), so the stage keeps the official
``ner``.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storywire.evaluation.people import (
    PeopleScore,
    annotated_texts,
    evaluate_articles,
    form_key,
    topic_of,
    total,
)
from storywire.understand import Understander
from storywire.understand.nlp import new_pipeline

# The two halves of the dev topics (9-45); names recur within a topic, so folds are topics.
FOLDS: dict[str, range] = {"A": range(9, 28), "B": range(28, 46)}


def form_occurrences(text: str, forms: Iterable[str]) -> list[tuple[int, int]]:
    """Every word-bounded occurrence of each form in ``text``, as character offsets,
    longest forms first, an occurrence inside or across one taken before left out."""
    taken: list[tuple[int, int]] = []
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        if not form.strip():
            continue
        for match in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
            start, end = match.span()
            if not any(start < e and s < end for s, e in taken):
                taken.append((start, end))
    return sorted(taken)


@dataclass
class GoldSpans:
    """What one article's reference document says, as character offsets and labels."""

    entities: list[tuple[int, int, str]]  # PERSON from the annotations, others silver
    dropped: list[tuple[int, int]]  # the base model's PERSON entities no annotation backs
    unaligned: int  # occurrences of annotated forms that cut through a token


def gold_spans(doc: Any, people: list[list[str]], keep_things: bool = False) -> GoldSpans:
    """The reference entities of a document the base pipeline parsed (``doc``), given the
    article's annotated people (each a list of forms). With ``keep_things``, an
    occurrence inside a longer non-PERSON entity of the base model ("Dean Smith" in "the
    Dean Smith Center") is left to that entity rather than made a person."""
    things = [(e.start_char, e.end_char) for e in doc.ents if e.label_ != "PERSON"]
    persons = []
    unaligned = 0
    for start, end in form_occurrences(doc.text, (f for forms in people for f in forms)):
        if doc.char_span(start, end, alignment_mode="strict") is None:
            unaligned += 1
            continue
        if keep_things and any(s <= start and end <= e and e - s > end - start
                               for s, e in things):
            continue
        persons.append((start, end, "PERSON"))

    def overlaps(ent: Any) -> bool:
        return any(ent.start_char < e and s < ent.end_char for s, e, _ in persons)

    silver = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents
              if ent.label_ != "PERSON" and not overlaps(ent)]
    dropped = [(ent.start_char, ent.end_char) for ent in doc.ents
               if ent.label_ == "PERSON" and not overlaps(ent)]
    return GoldSpans(sorted(persons + silver), dropped, unaligned)


def reference_doc(doc: Any, gold: GoldSpans, missing: bool = False) -> Any:
    """A copy of ``doc``'s tokens with the gold entities set: every other token outside,
    or, with ``missing``, the dropped PERSON entities' tokens without a label."""
    from spacy.tokens import Doc

    ref = Doc(doc.vocab, words=[t.text for t in doc],
              spaces=[bool(t.whitespace_) for t in doc])
    ents = [ref.char_span(s, e, label=label, alignment_mode="strict")
            for s, e, label in gold.entities]
    blank = ([ref.char_span(s, e, alignment_mode="strict") for s, e in gold.dropped]
             if missing else [])
    ref.set_ents([span for span in ents if span is not None],
                 missing=[span for span in blank if span is not None], default="outside")
    return ref


@dataclass
class Article:
    key: str
    text: str
    people: list[list[str]]
    gold: GoldSpans


def read_dev(data: Path, nlp: Any, keep_things: bool = False) -> list[Article]:
    """The dev articles with their gold spans, read with the base pipeline ``nlp``."""
    wanted, texts = annotated_texts(data, "dev")
    keys = sorted(wanted)
    docs = nlp.pipe((texts[k] for k in keys), batch_size=32)
    return [Article(key, texts[key], wanted[key],
                    gold_spans(doc, wanted[key], keep_things))
            for key, doc in zip(keys, docs, strict=True)]


def examples(nlp: Any, articles: Iterable[Article], missing: bool = False) -> list[Any]:
    """Training examples: the tokenizer's document against its reference."""
    from spacy.training import Example

    out = []
    for article in articles:
        predicted = nlp.make_doc(article.text)
        out.append(Example(predicted, reference_doc(predicted, article.gold, missing)))
    return out


def train_ner(nlp: Any, train: list[Any], epochs: int = 3, dropout: float = 0.3,
              seed: int = 0, batch: tuple[float, float] = (4.0, 32.0),
              learn_rate: float | None = None, averages: bool = False,
              log: Any = None) -> Iterator[float]:
    """Update ``nlp``'s ``ner`` alone on ``train`` from its trained weights (the other
    pipes neither run nor change), yielding after each epoch its CPU seconds, so the
    caller can score the pipeline between epochs (with ``averages``, with the optimizer's
    running averages of the weights in place while it does, as spaCy's own training
    scores and saves a model)."""
    from spacy.util import compounding, fix_random_seed, minibatch

    fix_random_seed(seed)
    shuffle = random.Random(seed)
    order = list(train)
    frozen = [name for name in nlp.pipe_names if name != "ner"]
    optimizer = nlp.resume_training()
    if learn_rate is not None:
        optimizer.learn_rate = learn_rate
    for epoch in range(epochs):
        began = time.process_time()
        shuffle.shuffle(order)
        losses: dict[str, float] = {}
        for part in minibatch(order, size=compounding(batch[0], batch[1], 1.001)):
            nlp.update(part, sgd=optimizer, drop=dropout, losses=losses, exclude=frozen)
        seconds = time.process_time() - began
        if log:
            log(f"  epoch {epoch + 1}: ner loss {losses.get('ner', 0.0):.1f}, "
                f"{seconds:.0f} s CPU")
        if averages:
            with nlp.use_params(optimizer.averages):
                yield seconds
        else:
            yield seconds


def other_entities(nlp: Any, texts: Iterable[str]) -> list[set[tuple[int, int, str]]]:
    """Each text's non-PERSON entities as ``nlp``'s ``ner`` reads them."""
    with nlp.select_pipes(enable=["ner"]):
        return [{(e.start_char, e.end_char, e.label_) for e in doc.ents
                 if e.label_ != "PERSON"} for doc in nlp.pipe(texts, batch_size=32)]


def forgetting(base: list[set[Any]], tuned: list[set[Any]]) -> tuple[int, int, int]:
    """(base's non-PERSON entities, of them not read the same way by the tuned model, the
    tuned model's non-PERSON entities base did not have)."""
    return (sum(len(b) for b in base), sum(len(b - t) for b, t in zip(base, tuned, strict=True)),
            sum(len(t - b) for b, t in zip(base, tuned, strict=True)))


def recogniser_alone(nlp: Any, articles: list[Article]) -> str:
    """The recogniser's PERSON readings without the stage's rules: each article's distinct
    PERSON texts (compared as the check compares forms) right when an annotated form,
    and the annotated people with a form so read."""
    right = listed = found = annotated = 0
    with nlp.select_pipes(enable=["ner"]):
        docs = nlp.pipe((a.text for a in articles), batch_size=32)
        for article, doc in zip(articles, docs, strict=True):
            names = {form_key(e.text) for e in doc.ents if e.label_ == "PERSON"}
            names.discard("")
            owners = [{form_key(f) for f in forms} for forms in article.people]
            known = set().union(*owners) if owners else set()
            listed += len(names)
            right += len(names & known)
            annotated += len(owners)
            found += sum(bool(forms & names) for forms in owners)
    return (f"recogniser alone: PERSON names {right / max(listed, 1):.3f} right "
            f"({right}/{listed}), people read {found / max(annotated, 1):.3f} "
            f"({found}/{annotated})")


def held_out(scores: dict[str, PeopleScore], topics: range) -> PeopleScore:
    """The people check summed over the articles of ``topics``."""
    return total(s for key, s in scores.items() if topic_of(key) in topics)


def main() -> None:  # pragma: no cover - a study, run by hand
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=Path("../shared/data"))
    parser.add_argument("--epochs", type=int, nargs="*", default=[3],
                        help="scores after each of these epochs (one run to the largest)")
    parser.add_argument("--dropout", type=float, default=0.3)
    parser.add_argument("--missing", action="store_true",
                        help="the base model's unbacked PERSON entities left without a "
                             "label instead of outside")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--learn-rate", type=float, default=None,
                        help="Adam's learning rate (default: the model's training config)")
    parser.add_argument("--keep-things", action="store_true",
                        help="an annotated form inside a longer non-PERSON entity of the "
                             "base model is left to that entity")
    parser.add_argument("--averages", action="store_true",
                        help="score with the optimizer's averaged weights")
    parser.add_argument("--errors", action="store_true",
                        help="the held-out half's names listed wrongly that tuning added "
                             "and took off (dev only)")
    parser.add_argument("--folds", nargs="*", default=list(FOLDS))
    args = parser.parse_args()

    base = new_pipeline()
    articles = read_dev(args.data, base, args.keep_things)
    print(f"{len(articles)} dev articles, "
          f"{sum(len(a.gold.entities) for a in articles)} reference entities "
          f"({sum(e[2] == 'PERSON' for a in articles for e in a.gold.entities)} PERSON), "
          f"{sum(len(a.gold.dropped) for a in articles)} base PERSON entities unbacked, "
          f"{sum(a.gold.unaligned for a in articles)} occurrences not token-aligned")
    base_scores = evaluate_articles(args.data, Understander(nlp=base), split="dev")
    for fold in args.folds:
        test_topics = FOLDS[fold]
        train = [a for a in articles if topic_of(a.key) not in test_topics]
        test = [a for a in articles if topic_of(a.key) in test_topics]
        base_other = other_entities(base, (a.text for a in test))
        print(f"fold {fold}: train on {len(train)} articles, held out {len(test)} "
              f"(topics {test_topics.start}-{test_topics.stop - 1}); dropout "
              f"{args.dropout}, {'missing' if args.missing else 'outside'}, learning rate "
              f"{args.learn_rate or 'as trained'}{', averaged weights' if args.averages else ''}"
              f"{', forms inside things left to them' if args.keep_things else ''}")
        print(f"  base:  {held_out(base_scores, test_topics).line()}")
        print(f"    {recogniser_alone(base, test)}")
        tuned = new_pipeline()
        train_examples = examples(tuned, train, args.missing)
        for epoch, _seconds in enumerate(train_ner(
                tuned, train_examples, max(args.epochs), args.dropout, args.seed,
                learn_rate=args.learn_rate, averages=args.averages, log=print), start=1):
            if epoch not in args.epochs:
                continue
            scores = evaluate_articles(args.data, Understander(nlp=tuned), split="dev")
            changed = forgetting(base_other, other_entities(tuned, (a.text for a in test)))
            print(f"  tuned, {epoch} epochs: {held_out(scores, test_topics).line()}; "
                  f"non-PERSON entities: {changed[1]} of {changed[0]} changed or lost, "
                  f"{changed[2]} new", flush=True)
            print(f"    {recogniser_alone(tuned, test)}")
            if args.errors:
                was = held_out(base_scores, test_topics)
                now = held_out(scores, test_topics)
                print("    listed wrongly, new: " + "; ".join(sorted(
                    set(now.wrong) - set(was.wrong))))
                print("    listed wrongly, gone: " + "; ".join(sorted(
                    set(was.wrong) - set(now.wrong))))

if __name__ == "__main__":  # pragma: no cover
    main()
