"""How well the people an article names are found and merged, against annotations made
for this check (``data/people/``: the articles, the guideline and the annotations).

``python -m storywire.evaluation.people ../shared/data`` prints precision, recall and
name-merge accuracy (see ``data/people/GUIDELINE.md`` for what each counts) on the test
articles, then the same on the first article of each topic alone, on the first four of
each (the test split before it grew, kept comparable with figures from before) and on
those from the fifth on; ``--split dev`` on the articles
marked dev, the ones rules may be tuned on (``--errors`` adds each dev article's names
listed wrongly and people missed, by id).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from storywire.evaluation.intervals import wilson_interval
from storywire.understand import Understander
from storywire.understand.entities import name_tokens


def form_key(text: str) -> str:
    """A name form compared without titles, possessives, case and dots."""
    return " ".join(w.casefold().rstrip(".") for w in name_tokens(text))


@dataclass
class PeopleScore:
    listed: int = 0
    right: int = 0
    annotated: int = 0
    found: int = 0
    several_forms: int = 0
    merged: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.listed if self.listed else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.annotated if self.annotated else 0.0

    @property
    def merge_accuracy(self) -> float:
        return self.merged / self.several_forms if self.several_forms else 0.0

    def add(self, other: PeopleScore) -> None:
        """Count ``other``'s articles in this score too."""
        self.listed += other.listed
        self.right += other.right
        self.annotated += other.annotated
        self.found += other.found
        self.several_forms += other.several_forms
        self.merged += other.merged
        self.wrong.extend(other.wrong)
        self.missed.extend(other.missed)

    def line(self) -> str:
        """The three figures with their counts, as the check prints them; precision with
        its 95% Wilson interval, since a split of a few hundred names is a sample."""
        low, high = wilson_interval(self.right, self.listed)
        return (f"precision {self.precision:.3f} ({self.right}/{self.listed}; 95% interval "
                f"{low:.3f}–{high:.3f}), recall "
                f"{self.recall:.3f} ({self.found}/{self.annotated}), name-merge accuracy "
                f"{self.merge_accuracy:.3f} ({self.merged}/{self.several_forms})")


def form_owners(people: list[list[str]]) -> dict[str, int]:
    """Each annotated name form (``form_key``) -> the index of the person it names."""
    return {form_key(form): index for index, forms in enumerate(people) for form in forms}


def names_one_person(forms: Iterable[str], owners: dict[str, int]) -> bool:
    """Whether a listed name is right as the check counts it: the forms of all its
    mentions name one annotated person (``owners``: ``form_owners``)."""
    named = {owners.get(form_key(form)) for form in forms}
    return len(named) == 1 and None not in named


def score_article(entities: list[dict[str, Any]], people: list[list[str]],
                  into: PeopleScore) -> None:
    """Add one article's listed people (PERSON entities by canonical name) to ``into``."""
    owner = form_owners(people)
    listed: dict[str, list[str]] = {}
    forms_seen: dict[int, set[str]] = {}
    for entity in entities:
        if entity.get("label") != "PERSON":
            continue
        listed.setdefault(entity["canonical"], []).append(entity["text"])
        who = owner.get(form_key(entity["text"]))
        if who is not None:
            forms_seen.setdefault(who, set()).add(entity["canonical"])
    into.listed += len(listed)
    for canonical, forms in listed.items():
        if names_one_person(forms, owner):
            into.right += 1
        else:
            into.wrong.append(canonical)
    into.annotated += len(people)
    for index, forms in enumerate(people):
        if index in forms_seen:
            into.found += 1
        else:
            into.missed.append(forms[0])
        if len(forms) > 1 and index in forms_seen:
            into.several_forms += 1
            into.merged += len(forms_seen[index]) == 1


def annotations() -> dict[str, Any]:
    path = resources.files("storywire.evaluation") / "data" / "people" / "ecbplus.json"
    return json.loads(path.read_text("utf-8"))


SPLITS = ("test", "dev")


def articles(split: str = "test") -> list[dict[str, Any]]:
    """The annotated articles of a split (an article not marked dev is a test article)."""
    return [a for a in annotations()["articles"] if a.get("split", "test") == split]


def topic_of(key: str) -> int:
    """The ECB+ topic of an article id ("9_10ecb" is topic 9)."""
    return int(key.split("_", 1)[0])


def topic_places(data: Path) -> dict[str, int]:
    """Each ECB+ article's place in its topic in file order (1 for the first), the order
    the annotated articles were chosen by."""
    places: dict[str, int] = {}
    seen: dict[int, int] = {}
    with (data / "ecbplus" / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            key = json.loads(line)["id"]
            topic = topic_of(key)
            seen[topic] = seen.get(topic, 0) + 1
            places[key] = seen[topic]
    return places


# The dev articles chosen, beyond the first four of each dev topic, for the kinds of false
# people those lacked (GUIDELINE.md): per round, for each kind in turn, the first three
# articles in file order of topics 9-45, not chosen before, whose text matches its pattern.
KIND_ROUNDS: tuple[tuple[tuple[str, str], ...], ...] = (
    (("award", r"\b[A-Z][a-z]+ (?:[A-Z][a-z]+ )?(?:Award|Prize|Medal|Trophy)s?\b"),
     ("part", r"\b(?:character|role as|portrayed|portrays|starring|stars as|starred as)\b"),
     ("rank", r"\b(?:Trooper|Officer|Deputy|Sgt\.|Sergeant|Detective|Agent|Patrolman|"
              r"Corporal|Cpl\.)\s+[A-Z][a-z]+"),
     ("named thing", r"\b[A-Z][a-z]+ (?:[A-Z][a-z]+ )?(?:Unit|Hall|Center|Centre|Foundation)\b"),
     ("work title", r"\b(?:film|movie|book|novel|show|song|album|series|sitcom)\s+[\"“][A-Z]"),
     ("nickname", r"\b(?:Big Apple|Windy City|Motor City|Sin City|Big Easy|Mile High City|"
                  r"Emerald City|Music City|Beantown|City of Angels)\b")),
    (("part", r"\b(?:character|role as|portrayed|portrays|starring|stars as|starred as)\b"),
     ("work title", r"\b(?:film|movie|book|novel|show|song|album|series|sitcom)\s+[\"“][A-Z]")),
)


def picked_by_kind(data: Path) -> list[str]:
    """The dev articles the pattern rounds of ``KIND_ROUNDS`` choose, in choosing order."""
    places = topic_places(data)
    texts = []
    with (data / "ecbplus" / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if topic_of(article["id"]) >= 9 and places[article["id"]] > 4:
                texts.append((article["id"], article["text"]))
    chosen: list[str] = []
    for kinds in KIND_ROUNDS:
        for _kind, pattern in kinds:
            found = [key for key, text in texts
                     if key not in chosen and re.search(pattern, text)][:3]
            chosen.extend(found)
    return chosen


# How many articles per dev topic ``picked_from_fifth`` adds: one, then one more, then a
# third, a fourth, a fifth, then a sixth.
FIFTH_ROUNDS = 6

# How many articles per test topic (1-8) ``picked_from_fifth`` adds to the test split, the
# first four of each being too few to tell a figure from its noise: six, as for dev.
TEST_FIFTH_ROUNDS = 6

DEV_TOPICS = range(9, 46)
TEST_TOPICS = range(1, 9)


def picked_from_fifth(data: Path, rounds: int = FIFTH_ROUNDS,
                      topics: range = DEV_TOPICS) -> list[str]:
    """The articles added last, more per topic so that a split holds more of the kinds of
    false people at their natural rate: round by round, for each of ``topics``, the first
    article in file order from the fifth on that neither the first four, ``picked_by_kind``
    nor an earlier round took."""
    places = topic_places(data)
    taken = set(picked_by_kind(data))
    chosen: list[str] = []
    for _round in range(rounds):
        this_round: dict[int, str] = {}
        for key, place in places.items():
            topic = topic_of(key)
            if (topic in topics and place >= 5 and key not in taken
                    and topic not in this_round):
                this_round[topic] = key
        chosen.extend(this_round.values())
        taken.update(this_round.values())
    return chosen


def annotated_texts(data: Path, split: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The split's annotated people and the ECB+ texts they were annotated on, by id."""
    wanted = {a["id"]: a["people"] for a in articles(split)}
    texts = {}
    with (data / "ecbplus" / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article["id"] in wanted:
                texts[article["id"]] = article["text"]
    return wanted, texts


def evaluate_articles(data: Path, understander: Understander | None = None,
                      split: str = "test") -> dict[str, PeopleScore]:
    """Each annotated article's score, by id, so a subset can be summed on its own."""
    understander = understander or Understander()
    wanted, texts = annotated_texts(data, split)
    ids = sorted(wanted)
    scores = {}
    for key, understood in zip(ids, understander.understand_many(
            [(texts[k], "en") for k in ids]), strict=True):
        scores[key] = PeopleScore()
        score_article(understood.entities, wanted[key], scores[key])
    return scores


def total(scores: Iterable[PeopleScore]) -> PeopleScore:
    """The articles' scores counted together."""
    result = PeopleScore()
    for score in scores:
        result.add(score)
    return result


def evaluate(data: Path, understander: Understander | None = None,
             split: str = "test") -> PeopleScore:
    """The split's articles scored together: the figure the check reports."""
    return total(evaluate_articles(data, understander, split).values())


def error_lines(scores: dict[str, PeopleScore]) -> list[str]:
    """One line per article with a name listed wrongly or a person missed, by id, so a
    rule can be read against the article it failed on."""
    lines = []
    for key, score in sorted(scores.items()):
        parts = []
        if score.wrong:
            parts.append("listed wrongly: " + "; ".join(score.wrong))
        if score.missed:
            parts.append("missed: " + "; ".join(score.missed))
        if parts:
            lines.append(f"{key}: " + " | ".join(parts))
    return lines


def main() -> None:  # pragma: no cover - exercised through `make eval-quotes`
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=Path("../shared/data"))
    parser.add_argument("--split", choices=SPLITS, default="test",
                        help="test: the articles nothing is tuned on; dev: the articles "
                             "to tune on.")
    parser.add_argument("--errors", action="store_true",
                        help="with --split dev: each article's names listed wrongly and "
                             "people missed, by id (refused on the test split).")
    args = parser.parse_args()
    if args.errors and args.split != "dev":
        raise SystemExit("--errors reads the dev split only: the test split's names stay "
                         "unread")
    if not (args.data / "ecbplus" / "articles.jsonl").is_file():
        raise SystemExit(f"{args.data / 'ecbplus'}: not found")
    scores = evaluate_articles(args.data, split=args.split)
    s = total(scores.values())
    print(f"People on {len(scores)} annotated ECB+ {args.split} articles: {s.line()}")
    places = topic_places(args.data)
    first = [score for key, score in scores.items() if places[key] == 1]
    print(f"  the first article of each topic alone ({len(first)} articles): "
          f"{total(first).line()}")
    first_four = [score for key, score in scores.items() if places[key] <= 4]
    if len(first_four) < len(scores):
        print(f"  the first four articles of each topic alone ({len(first_four)} articles): "
              f"{total(first_four).line()}")
        rest = [score for key, score in scores.items() if places[key] > 4]
        print(f"  the articles from the fifth on alone ({len(rest)} articles): "
              f"{total(rest).line()}")
    if args.split != "dev":
        return  # the test split's names stay unread, so that no rule is made for one
    if args.errors:
        print("\n".join(error_lines(scores)))
        return
    if s.wrong:
        print("listed wrongly: " + "; ".join(s.wrong))
    if s.missed:
        print("missed: " + "; ".join(s.missed))


if __name__ == "__main__":  # pragma: no cover
    main()
