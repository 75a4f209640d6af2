"""Cross-validating a learned check on the names the people rules leave as persons.

Firms, products and teams named once and marked by nothing a rule reads stay listed as
people ("Mweb announced …"). This module asks whether a logistic regression (scikit-learn)
over features that need no word lists of names tells them apart: the spaCy word vectors of
the name's words, the recogniser's labels of its mentions, the words around them (a title,
"the", "'s", "his"/"her", a verb of saying), what its mentions do in the parse and the
rules' own readings (``Mention.use``). Each listed person of the people check's dev
articles is one example, labelled a person when the check counts it right; folds are
whole ECB+ topics (leave one topic out), and each held-out name the model doubts (its
probability of being a person under a threshold) is taken off the article's list before
the article is scored as the check scores it.

``python -m storywire.evaluation.people_training ../shared/data`` prints the rules' figures
and the held-out figures per strength and threshold. It found no setting worth shipping
(docs/understand.md), so the stage has no such check.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from storywire.evaluation.people import (
    PeopleScore,
    annotated_texts,
    form_owners,
    names_one_person,
    score_article,
)
from storywire.understand import Understander
from storywire.understand.cues import cue_lemma, word_list
from storywire.understand.entities import Mention, find_mentions

# Verbs whose subject is a person, seldom a firm, a team or a product, as written (the
# stage's pipeline has no lemmatizer); verbs of saying are read by ``cue_lemma``.
_PERSON_VERBS = frozenset(word_list("""
die dies died dying marry marries married plead pleads pleaded pled resign resigns
resigned testify testifies testified smile smiles smiled laugh laughs laughed cry cries
cried weep weeps wept confess confesses confessed recall recalls recalled believe
believes believed want wants wanted hope hopes hoped insist insists insisted live lives
lived kill kills killed shoot shoots shot stab stabs stabbed murder murders murdered sue
sues sued retire retires retired vow vows vowed apologise apologised apologize
apologizes apologized deny denies denied graduate graduated think thinks thought feel
feels felt write writes wrote sing sings sang speak speaks spoke born
"""))
_HIS_HER = frozenset(("his", "her", "he", "she", "him", "himself", "herself"))
_ITS = frozenset(("its", "it", "itself"))
# Features that carry the recogniser's or the rules' reading: left out when names of other
# kinds are examples too, since for those the reading is what made them no person.
READING_FEATURES = ("ner=", "use=")
THRESHOLDS = (0.05, 0.1, 0.2, 0.3, 0.5)


@dataclass
class Named:
    """One name of an article as the stage lists it, with its features and its label."""

    article: int
    topic: str
    name: str
    label: str  # the stage's label: PERSON, or ORG, PRODUCT, WORK for the other kinds
    features: dict[str, float]
    vector: np.ndarray
    person: bool  # the check counts it as one annotated person


def name_vector(vocab: Any, words: list[str]) -> np.ndarray:
    """The mean of the unit vectors of a name's words that have one (zeros if none)."""
    width = vocab.vectors.shape[1]
    rows = [vocab[w].vector / vocab[w].vector_norm for w in words if vocab[w].has_vector]
    return np.mean(rows, axis=0) if rows else np.zeros(width, dtype=np.float32)


def name_features(doc: Any, spans: list[Any], words: list[str],
                  uses: list[frozenset[str]]) -> dict[str, float]:
    """The named features of one listed name: ``spans`` are its mentions' token spans,
    ``words`` its canonical name's words, ``uses`` its mentions' uses read by the rules."""
    features: dict[str, float] = {"bias": 1.0, f"words={min(len(words), 3)}": 1.0}
    if sum(w[:1].isupper() for w in words) >= 2:
        features["capitalised2"] = 1.0
    count = len(spans)
    features["mentions=1" if count == 1 else "mentions<=3" if count <= 3 else
             "mentions>3"] = 1.0
    if not any(doc.vocab[w].has_vector for w in words):
        features["novector"] = 1.0
    forms = {span.text.casefold() for span in spans}
    ner: dict[str, int] = {}
    for ent in doc.ents:
        if ent.text.casefold().removesuffix("'s") in forms:
            ner[ent.label_] = ner.get(ent.label_, 0) + 1
    seen = sum(ner.values())
    for label in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "GPE", "NORP", "FAC"):
        if seen:
            features[f"ner={label}"] = ner.get(label, 0) / seen
    if not seen:
        features["ner=none"] = 1.0
    for use in set().union(*uses):
        features[f"use={use}"] = 1.0
    for span in spans:
        features.update(dict.fromkeys(_context(doc, span), 1.0))
    return features


def _context(doc: Any, span: Any) -> set[str]:
    """What the words around one mention say of it."""
    found = set()
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None:
        if before.lower_ == "the":
            found.add("before=the")
        elif before.tag_ == "IN":
            found.add("before=preposition")
        elif before.tag_ in ("PRP$", "POS"):
            found.add("before=possessive")
    if after is not None:
        if after.tag_ == "POS":
            found.add("after='s")
        elif after.text == ",":
            found.add("after=comma")
        elif after.pos_ == "VERB":
            found.add("after=verb")
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        found.add("subject")
        if cue_lemma(root.head.text) or root.head.lower_ in _PERSON_VERBS:
            found.add("subject=person_verb")
    elif root.dep_ == "pobj":
        found.add("object_of=" + ("of" if root.head.lower_ == "of" else "preposition"))
    elif root.dep_ in ("compound", "poss"):
        found.add(root.dep_)
    later = {t.lower_ for t in doc[span.end:span.sent.end]}
    if later & _HIS_HER:
        found.add("later=his_her")
    if later & _ITS:
        found.add("later=its")
    return found


def named_in(doc: Any, mentions: list[Mention], people: list[list[str]], article: int,
             topic: str, labels: tuple[str, ...] = ("PERSON",)) -> list[Named]:
    """One example per name the stage lists with one of ``labels`` (PERSON: the people),
    labelled as the check counts it."""
    owners = form_owners(people)
    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        if mention.label in labels:
            groups.setdefault((mention.label, mention.canonical), []).append(mention)
    out = []
    for (label, name), group in groups.items():
        spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in group]
        words = name.split()
        out.append(Named(article, topic, name, label,
                         name_features(doc, spans, words, [m.use for m in group]),
                         name_vector(doc.vocab, words),
                         names_one_person((m.text for m in group), owners)))
    return out


@dataclass
class Split:
    """A split's articles as the stage reads them: each one's entity records and
    annotated people, and the names it lists (people, and names of other kinds)."""

    records: list[list[dict[str, Any]]]
    people: list[list[list[str]]]
    named: list[Named]


def read_split(data: Path, split: str = "dev", understander: Understander | None = None,
               limit: int | None = None) -> Split:
    """Parse the split's articles and list their names (``limit``: the first articles by
    id only)."""
    wanted, texts = annotated_texts(data, split)
    ids = sorted(wanted)[:limit]
    nlp = (understander or Understander()).nlp
    result = Split([], [], [])
    for index, (key, doc) in enumerate(zip(ids, nlp.pipe(texts[k] for k in ids),
                                           strict=True)):
        mentions = find_mentions(doc)
        result.records.append([m.to_dict() for m in mentions])
        result.people.append(wanted[key])
        result.named.extend(named_in(doc, mentions, wanted[key], index, key.split("_")[0],
                                     ("PERSON", "ORG", "PRODUCT", "WORK")))
    return result


def _row(named: Named, other_names: bool) -> dict[str, float]:
    if not other_names:
        return named.features
    return {k: v for k, v in named.features.items() if not k.startswith(READING_FEATURES)}


def fit_predict(train: list[Named], test: list[Named], c: float = 1.0,
                balanced: bool = False, other_names: bool = False) -> np.ndarray:
    """Train on ``train`` and give each of ``test`` its probability of being a person."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer()

    def matrix(names: list[Named], fitting: bool) -> np.ndarray:
        rows = [_row(n, other_names) for n in names]
        sparse = vectoriser.fit_transform(rows) if fitting else vectoriser.transform(rows)
        return np.hstack([sparse.toarray(), np.array([n.vector for n in names])])

    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000,
                               class_weight="balanced" if balanced else None)
    model.fit(matrix(train, fitting=True), [n.person for n in train])
    return model.predict_proba(matrix(test, fitting=False))[:, 1]


def held_out_probabilities(named: list[Named], c: float = 1.0, balanced: bool = False,
                           other_names: bool = False,
                           folds: list[list[str]] | None = None) -> np.ndarray:
    """Each listed person's probability of being one, from a model trained on the other
    folds of topics (``folds``: one topic each unless given). ``other_names``: the names
    listed as organisations, products and works are examples too (without the reading
    features). A person of no fold keeps probability 1."""
    people = [n for n in named if n.label == "PERSON"]
    pool = named if other_names else people
    folds = folds or [[topic] for topic in sorted({n.topic for n in people})]
    within = {topic for fold in folds for topic in fold}
    probabilities = np.ones(len(people))
    for fold in folds:
        held = [i for i, n in enumerate(people) if n.topic in fold]
        train = [n for n in pool if n.topic in within and n.topic not in fold]
        if held:
            probabilities[held] = fit_predict(train, [people[i] for i in held], c,
                                              balanced, other_names)
    return probabilities


def nested_score(split: Split, strengths: tuple[float, ...] = (0.3, 1.0, 3.0),
                 thresholds: tuple[float, ...] = (0.02, 0.03, 0.05, 0.08, 0.1, 0.2),
                 outer: int = 7, inner: int = 6) -> PeopleScore:
    """The check's score when the strength and threshold are chosen inside each outer
    fold of topics, by inner folds of the other topics alone (the setting that takes the
    most non-people off without losing a found person; none if none does), so the choice
    itself is held out: what shipping the learned check would give."""
    people = [n for n in split.named if n.label == "PERSON"]
    topics = sorted({n.topic for n in people})
    base = score_without(split, np.ones(len(people)), 0.0)
    final = np.ones(len(people))
    for k in range(outer):
        held = topics[k::outer]
        rest = [t for t in topics if t not in held]
        best: tuple[int, float, float] | None = None
        for c in strengths:
            chosen = held_out_probabilities(split.named, c, balanced=True,
                                            folds=[rest[i::inner] for i in range(inner)])
            for threshold in thresholds:
                score = score_without(split, chosen, threshold)
                off = (base.listed - base.right) - (score.listed - score.right)
                if score.found == base.found and off > 0 and (best is None or off > best[0]):
                    best = (off, c, threshold)
        if best is not None:
            held_people = [i for i, n in enumerate(people) if n.topic in held]
            train = [n for n in people if n.topic in rest]
            doubt = fit_predict(train, [people[i] for i in held_people], best[1], True)
            final[held_people] = np.where(doubt < best[2], 0.0, 1.0)
    return score_without(split, final, 0.5)


def score_without(split: Split, probabilities: np.ndarray, threshold: float) -> PeopleScore:
    """The check's score when every listed person under ``threshold`` is taken off."""
    people = [n for n in split.named if n.label == "PERSON"]
    doubted: dict[int, set[str]] = {}
    for named, probability in zip(people, probabilities, strict=True):
        if probability < threshold:
            doubted.setdefault(named.article, set()).add(named.name)
    score = PeopleScore()
    for index, records in enumerate(split.records):
        off = doubted.get(index, set())
        kept = [r for r in records if not (r["label"] == "PERSON" and r["canonical"] in off)]
        score_article(kept, split.people[index], score)
    return score


def main() -> None:  # pragma: no cover - a study, run by hand
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=Path("../shared/data"))
    parser.add_argument("--c", type=float, nargs="*", default=[1.0],
                        help="Regularisation strengths to cross-validate.")
    parser.add_argument("--balanced", action="store_true",
                        help="Weigh the few non-people as much as the people.")
    parser.add_argument("--other-names", action="store_true",
                        help="Train on the names listed as organisations, products and "
                             "works too, without the recogniser's and the rules' readings.")
    parser.add_argument("--nested", action="store_true",
                        help="Also choose the strength and threshold inside each fold.")
    parser.add_argument("--thresholds", type=float, nargs="*", default=list(THRESHOLDS),
                        help="Take off each listed person whose probability is under one.")
    args = parser.parse_args()
    split = read_split(args.data, "dev")
    listed = sum(n.label == "PERSON" for n in split.named)
    print(f"rules alone: {score_without(split, np.ones(listed), 0.0).line()}")
    for c in args.c:
        probabilities = held_out_probabilities(split.named, c, args.balanced,
                                               args.other_names)
        for threshold in args.thresholds:
            print(f"C={c:g} under {threshold:g} off: "
                  f"{score_without(split, probabilities, threshold).line()}")
    if args.nested:
        print(f"strength and threshold chosen inside each fold: "
              f"{nested_score(split).line()}")


if __name__ == "__main__":  # pragma: no cover
    main()
