"""Whole-article losses on browser copies, provoked by recombining real development pages.

The page input of ``evaluation.clean`` loses an article whole only on a few pages, too
few to learn from, and the test half's must not be read. So failures are made out of
real material of the development halves only: the article lines of one page (the lines
the harness labels article, with the page's blank lines between blocks) are framed by
the junk head (the lines above its first article line) and the junk foot (below its
last) of OTHER pages, of both sets (Readability's and the article-extraction-benchmark's
development halves), or with one side missing; and ECB+ texts, which are article and
nothing else, are framed the same way (odd topics above 8 only: the even topics are the
live harness's test part, topics 1 to 8 the people check's). A fixed seed picks a few
thousand combinations.

Each combination is cleaned as a pasted page (no hints) and scored by its article lines'
kept share; a combination that keeps less than ``LOST_SHARE`` of its article lost it
whole, and is listed with the passes (``CleanResult.removed_by``) that took its lines, so
the failures group by the mechanism that misread the page. The junk the frames bring is
scored too: a guard that keeps the article by keeping the page would show there.

Real pages also set junk inside the article and around its headline, which a frame
alone never does; ``--mode`` picks a variant (``frame``, the default, is the frame
alone and gives the same combinations as before for the same seed):

- ``inside``: one to three junk runs that development pages set between their own
  article lines (a caption and credit, a "Read more" box, an ad label, a share bar, a
  related-stories box) inserted between the article's paragraphs at random points;
- ``headline``: the article without its first line (its headline), or with it but a
  junk run of another page (one of its inside runs, or the top of its foot: a teaser
  feed, a comment thread) between it and the first paragraph;
- ``short``: the article's first three to five paragraphs under a long junk head (its
  prose blocks only: a table's column headers or a list of one-line codes is no
  paragraph, and an article that opens with them is no short article);
- ``lists``: as ``inside``, and also one or two lists another development article sets
  among its paragraphs (three or more short lines in a row: items, names, prices, a
  table's rows; with the line that introduces it when that line ends in a colon), set
  between the article's paragraphs as its own: they speak of another topic, as an
  article's own list of names or places may share no word with its prose, and the
  share of their lines kept is reported apart (``list_lines_kept``).
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from storywire.clean import CleanOptions, clean_text
from storywire.clean.region import prose_words
from storywire.evaluation.clean import Kept, Page, load_pages, norm

LOST_SHARE = 0.5  # an article keeping less than this share of its lines was lost whole
MIN_ARTICLE_LINES = 3  # an article of fewer lines is a fixture, not an article
MIN_ARTICLE_WORDS = 60
PLACEHOLDER = "dolor sit amet"  # a fixture's placeholder text, not an article
ECB_FIRST_TOPIC = 9  # topics 1-8 are the people check's test part; even ones the live one's
FRAMES = ("head+foot", "head", "foot")
FRAME_WEIGHTS = (3, 1, 1)
ECB_SHARE = 0.25  # of the combinations whose article is an ECB+ text
MODES = ("frame", "inside", "headline", "short", "lists")
INSERTS = (1, 3)  # junk runs set inside the article (mode "inside")
GAP_FOOT_LINES = (5, 30)  # lines of a foot's top set under the headline (mode "headline")
SHORT_PARAGRAPHS = (3, 5)  # paragraphs of a short article (mode "short")
LONG_HEAD_LINES = 40  # lines of a long junk head (mode "short")
INSIDE_RUN_LINES = 20  # lines of an inline box at most: a longer run is a sidebar's flow
PARAGRAPH_WORDS = 6  # words of a prose paragraph at least (mode "short"): a short sentence
PARAGRAPH_LINE_WORDS = 6  # words a line of a prose paragraph holds on average at least
LIST_ITEMS = (3, 15)  # lines of an article's own list (mode "lists"): more is a table
LIST_ITEM_WORDS = 15  # words of a list's line at most: a longer line is a paragraph
LISTS = (1, 2)  # article lists set inside the article (mode "lists")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")


@dataclass(frozen=True)
class Parts:
    """A development page cut in three: junk head, article lines, junk foot."""

    source: str
    head: tuple[str, ...]
    article: tuple[str, ...]
    foot: tuple[str, ...]
    inside: tuple[tuple[str, ...], ...] = ()  # junk runs set between its article lines
    lists: tuple[tuple[str, ...], ...] = ()  # its article's own lists (``own_lists``)


@dataclass
class Combination:
    article: str  # where each part came from ("" for a missing side)
    head: str
    foot: str
    frame: str
    lines: list[str]
    labels: list[bool | None]  # True article, False junk, None blank
    variant: str = ""  # what the mode did: "inside:<sources>", "no-headline", ...
    listed: frozenset[str] = frozenset()  # the lines of other articles' lists set in it

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Outcome:
    combination: Combination
    article_lines: int = 0
    article_kept: int = 0
    junk: int = 0
    junk_removed: int = 0
    list_lines: int = 0  # lines of other articles' lists set in it, and those kept
    list_kept: int = 0
    lost_by: Counter[str] = field(default_factory=Counter)  # pass/rule -> article lines

    @property
    def kept_share(self) -> float:
        return self.article_kept / self.article_lines if self.article_lines else 1.0

    @property
    def lost_whole(self) -> bool:
        return self.kept_share < LOST_SHARE

    @property
    def culprit(self) -> str:
        """The pass that took most of the lost article lines ("-" when none was lost)."""
        passes: Counter[str] = Counter()
        for step, n in self.lost_by.items():
            passes[step.split("/", 1)[0]] += n
        return passes.most_common(1)[0][0] if passes else "-"


def _trim(lines: list[str]) -> tuple[str, ...]:
    """The lines without blank lines at either end."""
    filled = [i for i, x in enumerate(lines) if x.strip()]
    return tuple(lines[filled[0]:filled[-1] + 1]) if filled else ()


def page_parts(page: Page, kind: str = "page") -> Parts | None:
    """A page's junk head, article lines and junk foot; None when it has no article. The
    junk lines set among the article's (captions, ads) are left out, a blank line kept
    where they stood, so the article is the reference's and nothing else."""
    lines, labels = page.lines[kind], page.labels[kind]
    marked = [i for i, label in enumerate(labels) if label]
    if not marked:
        return None
    first, last = marked[0], marked[-1]
    article: list[str] = []
    for line, label in zip(lines[first:last + 1], labels[first:last + 1], strict=True):
        if label:
            article.append(line)
        elif article and article[-1]:
            article.append("")
    return Parts(page.name, _trim(lines[:first]), _trim(article), _trim(lines[last + 1:]),
                 _inside_runs(lines[first:last + 1], labels[first:last + 1]),
                 own_lists(_trim(article)))


def _list_item(line: str) -> bool:
    """A line that may be a list's item: a letter or a figure in it, at most
    ``LIST_ITEM_WORDS`` words, opening in no lowercase letter (which goes on with a
    hard-wrapped paragraph's line above) and no placeholder text."""
    first = next((ch for ch in line if ch.isalnum()), "")
    return (bool(first) and not first.islower() and PLACEHOLDER not in line.casefold()
            and prose_words(line) <= LIST_ITEM_WORDS)


def own_lists(article: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The article's own lists: ``LIST_ITEMS`` short lines (``_list_item``) in a row,
    blank lines between them aside, never from its first line (a headline, a byline);
    each with the line right above it when that line ends in a colon, which introduces
    it."""
    filled = [x for x in article if x.strip()]
    found: list[tuple[str, ...]] = []
    start = 1
    while start < len(filled):
        end = start
        while end < len(filled) and _list_item(filled[end]):
            end += 1
        if LIST_ITEMS[0] <= end - start <= LIST_ITEMS[1]:
            intro = filled[start - 1].rstrip().endswith((":", "："))
            found.append(tuple(filled[start - intro:end]))
        start = end + 1
    return tuple(found)


_LETTER = re.compile(r"[^\W\d_]")


def _inside_runs(lines: list[str], labels: list[bool | None]) -> tuple[tuple[str, ...], ...]:
    """The runs of junk lines between a page's article lines (blank lines inside a run
    kept) that are an inline box: with a letter in it (a stray rule line or a zero-width
    space is no box) and at most ``INSIDE_RUN_LINES`` lines (a page whose headline the
    reference keeps above a whole sidebar shows the sidebar's flow there, not a box)."""
    runs: list[tuple[str, ...]] = []
    current: list[str] = []
    for line, label in zip(lines, labels, strict=True):
        if label is False or (label is None and current):
            current.append(line)
        elif label:
            run = _trim(current)
            if (run and sum(1 for x in run if x.strip()) <= INSIDE_RUN_LINES
                    and any(_LETTER.search(x) for x in run)):
                runs.append(run)
            current = []
    return tuple(runs)


def ecb_articles(path: Path) -> list[Parts]:
    """ECB+ texts of the odd topics above 8, as article lines without a frame."""
    found = []
    with path.open(encoding="utf-8") as rows:
        for raw in rows:
            row = json.loads(raw)
            if row["topic"] < ECB_FIRST_TOPIC or row["topic"] % 2 == 0:
                continue
            lines = [x.strip() for x in row["text"].splitlines()]
            found.append(Parts(f"ecb:{row['id']}", (), _trim(lines), ()))
    return found


def _substantial(parts: Parts) -> bool:
    """An article to frame: a few lines of real text. Readability's fixture pages of
    placeholder Latin ("Lorem ipsum dolor sit amet") are no article in any language: a
    cleaner that reads a text's language cannot be asked to keep them whatever frames
    them."""
    filled = [x for x in parts.article if x.strip()]
    return (len(filled) >= MIN_ARTICLE_LINES
            and sum(len(x.split()) for x in filled) >= MIN_ARTICLE_WORDS
            and not any(PLACEHOLDER in x.casefold() for x in filled))


Segment = tuple[tuple[str, ...], bool]  # lines, and whether they are the article's


def combine(article: Parts, head: Parts | None, foot: Parts | None, frame: str,
            body: list[Segment] | None = None, variant: str = "") -> Combination:
    """The article's lines under one page's head and over another's foot; ``body``, when
    given, stands for the article's lines (the article cut or with junk set inside)."""
    lines: list[str] = []
    labels: list[bool | None] = []

    def add(part: tuple[str, ...], label: bool) -> None:
        if not part:
            return
        if lines:
            lines.append("")
            labels.append(None)
        lines.extend(part)
        labels.extend(label if x.strip() else None for x in part)

    add(head.head if head else (), False)
    for part, label in body if body is not None else [(article.article, True)]:
        add(part, label)
    add(foot.foot if foot else (), False)
    return Combination(article.source, head.source if head else "",
                       foot.source if foot else "", frame, lines, labels, variant)


def paragraphs(article: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The article's blocks, split at its blank lines."""
    blocks: list[list[str]] = [[]]
    for line in article:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [tuple(b) for b in blocks if b]


def with_inserts(rng: random.Random, article: Parts, runs: list[Parts]) -> tuple[
        list[Segment], str]:
    """The article with one to three other pages' inside junk runs set between its
    paragraphs (one line apart when it has a single block), at random points."""
    blocks = paragraphs(article.article)
    if len(blocks) == 1:
        blocks = [(x,) for x in blocks[0]]
    points = rng.sample(range(1, len(blocks)), min(rng.randint(*INSERTS), len(blocks) - 1))
    body: list[Segment] = []
    sources = []
    for k, block in enumerate(blocks):
        if k in points:
            page = _other(rng, runs, article)
            body.append((rng.choice(page.inside), False))
            sources.append(page.source)
        body.append((block, True))
    return body, "inside:" + ",".join(sources)


def with_lists(rng: random.Random, article: Parts, runs: list[Parts],
               listing: list[Parts]) -> tuple[list[Segment], str, frozenset[str]]:
    """The article with other articles' lists (one or two) and other pages' inside junk
    runs (one or two) set between its paragraphs, at random points, and the lines of
    the lists set."""
    blocks = paragraphs(article.article)
    if len(blocks) == 1:
        blocks = [(x,) for x in blocks[0]]
    lists, boxes = rng.randint(*LISTS), rng.randint(*LISTS)
    points = rng.sample(range(1, len(blocks)), min(lists + boxes, len(blocks) - 1))
    listed_at = set(points[:lists])
    body: list[Segment] = []
    sources, listed = [], set()
    for k, block in enumerate(blocks):
        if k in listed_at:
            page = _other(rng, listing, article)
            run = rng.choice(page.lists)
            body.append((run, True))
            listed.update(" ".join(x.split()) for x in run)
            sources.append(f"list:{page.source}")
        elif k in points:
            page = _other(rng, runs, article)
            body.append((rng.choice(page.inside), False))
            sources.append(page.source)
        body.append((block, True))
    return body, "lists:" + ",".join(sources), frozenset(listed)


def with_headline_variant(rng: random.Random, article: Parts, pages: list[Parts]
                          ) -> tuple[list[Segment], str]:
    """The article without its first line (its headline), or with a junk run of another
    page between that line and the rest: one of its inside runs, or its foot's top lines
    (a teaser feed, a comment thread)."""
    first, rest = article.article[0], _trim(list(article.article[1:]))
    if rng.random() < 0.5:
        return [(rest, True)], "no-headline"
    page = _other(rng, pages, article)
    if page.inside and (not page.foot or rng.random() < 0.5):
        run, kind = rng.choice(page.inside), "inside"
    else:
        run, kind = _trim(list(page.foot[:rng.randint(*GAP_FOOT_LINES)])), "foot"
    return [((first,), True), (run, False), (rest, True)], f"gap:{kind}:{page.source}"


def prose_block(block: tuple[str, ...]) -> bool:
    """A block that is a paragraph of prose: it ends a sentence, holds ``PARAGRAPH_WORDS``
    words or more, and its lines hold ``PARAGRAPH_LINE_WORDS`` on average (a
    hard-wrapped paragraph's lines are long, a list's items and a table's cells short)."""
    words = sum(prose_words(line) for line in block)
    return (bool(_SENTENCE_END.search(block[-1].strip())) and words >= PARAGRAPH_WORDS
            and words >= PARAGRAPH_LINE_WORDS * len(block))


def prose_paragraphs(article: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The article's blocks that are paragraphs of prose (``prose_block``)."""
    return [block for block in paragraphs(article) if prose_block(block)]


def short_article(rng: random.Random, article: Parts) -> tuple[list[Segment], str]:
    """The article's first three to five paragraphs of prose, the blocks that are none
    (a headline, a table, a list) left out: a short article is a few paragraphs."""
    count = rng.randint(*SHORT_PARAGRAPHS)
    body: list[str] = []
    for block in prose_paragraphs(article.article)[:count]:
        body.extend([*([""] if body else []), *block])
    return [(tuple(body), True)], f"short:{count}"


def combinations(pages: list[Parts], ecb: list[Parts], count: int, seed: int,
                 mode: str = "frame") -> list[Combination]:
    """``count`` combinations, the same ones for the same seed and mode: an article (an
    ECB+ text for ``ECB_SHARE`` of them) and a frame kind, then a head and a foot from
    other pages, and what the mode does to the article (``MODES``)."""
    rng = random.Random(seed)
    articles = [p for p in pages if _substantial(p)]
    heads = [p for p in pages if p.head]
    if mode == "short":  # a long head over a short article: never the foot alone
        heads = [p for p in heads if sum(1 for x in p.head if x.strip()) >= LONG_HEAD_LINES]
    feet = [p for p in pages if p.foot]
    runs = [p for p in pages if p.inside]
    listing = [p for p in pages if p.lists]
    texts = [p for p in ecb if _substantial(p)]
    if mode == "short":  # articles that a cut to five paragraphs of prose shortens
        articles, texts = ([p for p in group
                            if len(prose_paragraphs(p.article)) > SHORT_PARAGRAPHS[1]]
                           for group in (articles, texts))
    out = []
    for _ in range(count):
        article = rng.choice(texts if texts and rng.random() < ECB_SHARE else articles)
        frame = rng.choices(FRAMES, FRAME_WEIGHTS)[0]
        if mode == "short" and frame == "foot":
            frame = "head"
        head = _other(rng, heads, article) if "head" in frame else None
        foot = _other(rng, feet, article) if "foot" in frame else None
        body, variant, listed = None, "", frozenset()
        if mode == "lists":
            body, variant, listed = with_lists(rng, article, runs, listing)
        elif mode == "inside":
            body, variant = with_inserts(rng, article, runs)
        elif mode == "headline":
            body, variant = with_headline_variant(rng, article, pages)
        elif mode == "short":
            body, variant = short_article(rng, article)
        combination = combine(article, head, foot, frame, body, variant)
        combination.listed = listed
        out.append(combination)
    return out


def _other(rng: random.Random, pool: list[Parts], article: Parts) -> Parts:
    while True:
        found = rng.choice(pool)
        if found.source != article.source:
            return found


def score(combination: Combination, options: CleanOptions | None = None) -> Outcome:
    """The article lines kept and the frame's junk removed, as ``evaluation.clean``
    scores a page (a line is kept when it, or its text inside a kept paragraph, stays),
    and the pass/rule that took each lost article line."""
    kept = Kept.of(clean_text(combination.text, None, options))
    outcome = Outcome(combination)
    for line, label in zip(combination.lines, combination.labels, strict=True):
        if label is None:
            continue
        key = norm(line)
        if label:
            outcome.article_lines += 1
            listed = " ".join(line.split()) in combination.listed
            outcome.list_lines += listed
            if kept.article_line(key):
                outcome.article_kept += 1
                outcome.list_kept += listed
            else:
                outcome.lost_by[kept.by.get(" ".join(line.split()), "part")] += 1
            continue
        outcome.junk += 1
        if not kept.junk_line(key):
            outcome.junk_removed += 1
    return outcome


def summary(outcomes: list[Outcome]) -> dict[str, object]:
    """The figures: whole-article losses, article lines kept (over all lines and the
    mean per combination), junk removed; the losses by frame kind and by culprit pass."""
    def share(part: int, whole: int) -> float:
        return round(part / whole, 4) if whole else 0.0

    lost = [o for o in outcomes if o.lost_whole]
    return {
        "combinations": len(outcomes),
        "articles_lost_whole": len(lost),
        "article_lines_kept": share(sum(o.article_kept for o in outcomes),
                                    sum(o.article_lines for o in outcomes)),
        "article_kept_mean": round(sum(o.kept_share for o in outcomes)
                                   / max(1, len(outcomes)), 4),
        "junk_lines_removed": share(sum(o.junk_removed for o in outcomes),
                                    sum(o.junk for o in outcomes)),
        **({"list_lines_kept": share(sum(o.list_kept for o in outcomes),
                                     sum(o.list_lines for o in outcomes))}
           if any(o.list_lines for o in outcomes) else {}),
        "lost_whole_by_frame": dict(Counter(o.combination.frame for o in lost).most_common()),
        "lost_whole_by_pass": dict(Counter(o.culprit for o in lost).most_common()),
    }


def describe(outcome: Outcome) -> str:
    """One line per failure: its kept share, its parts' sources and the passes."""
    c = outcome.combination
    steps = ", ".join(f"{step} {n}" for step, n in outcome.lost_by.most_common())
    variant = f" {c.variant}" if c.variant else ""
    return (f"{outcome.kept_share:.2f} {c.frame:9} article={c.article} head={c.head or '-'} "
            f"foot={c.foot or '-'}{variant}: {steps}")


def load_parts(roots: list[Path]) -> list[Parts]:
    """The development pages of the sets under ``roots``, cut in three."""
    found = []
    for root in roots:
        for page in load_pages(root, ("page",), splits=("dev",)):
            if (parts := page_parts(page)) is not None:
                found.append(parts)
    return found


def main() -> None:  # pragma: no cover - a development tool
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", type=Path, nargs="+",
                        help="page sets (Readability's pages, the article-extraction-"
                        "benchmark): their development halves are read")
    parser.add_argument("--ecbplus", type=Path, default=None,
                        help="ECB+'s articles.jsonl: its odd topics above 8 as articles")
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mode", choices=MODES, default="frame",
                        help="frame the article only (the default), or also set junk "
                        "inside it, cut or separate its headline, or shorten it")
    parser.add_argument("--failures", action="store_true",
                        help="list each combination that lost its article whole")
    parser.add_argument("--show", type=int, default=None, metavar="N",
                        help="print the text of the N-th failure with each line's fate")
    args = parser.parse_args()
    for root in [*args.roots, *([args.ecbplus] if args.ecbplus else [])]:
        if not root.exists():
            parser.error(f"{root}: no such file or folder")
    pages = load_parts(args.roots)
    ecb = ecb_articles(args.ecbplus) if args.ecbplus else []
    outcomes = [score(c) for c in combinations(pages, ecb, args.count, args.seed, args.mode)]
    print(json.dumps(summary(outcomes), indent=2))
    lost = [o for o in outcomes if o.lost_whole]
    if args.failures:
        for outcome in sorted(lost, key=lambda o: (o.culprit, o.kept_share)):
            print(f"[{outcome.culprit}] {describe(outcome)}")
    if args.show is not None and args.show < len(lost):
        _show(lost[args.show])


def _show(outcome: Outcome) -> None:  # pragma: no cover - a development tool
    result = clean_text(outcome.combination.text)
    removed = dict(zip(result.removed, result.removed_by, strict=True))
    print(describe(outcome))
    print(f"title: {result.title}")
    for line, label in zip(outcome.combination.lines, outcome.combination.labels,
                           strict=True):
        if label is None:
            continue
        mark = "A" if label else "J"
        step = removed.get(" ".join(line.split()), "+")
        print(f"{mark} {step:28} {line[:110]}")


if __name__ == "__main__":  # pragma: no cover
    main()
