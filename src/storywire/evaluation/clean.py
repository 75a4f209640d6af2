"""How well the junk cleaner separates article from junk on real pages no one here wrote.

Mozilla Readability's test pages (``source.html.gz`` with the expected article
``expected.html.gz`` and ``expected-metadata.json``) become two plain-text inputs each:

* ``page``: the page's whole visible text, one line per block, as a person copying from a
  browser gets it (navigation, footers, share bars, comments, related links included);
* ``extracted``: trafilatura's own text output of the page, which is what a feed-to-blog
  robot republishes.

Each line is labelled article (it is one of the expected article's blocks, or a run of at
least five words inside it) or junk. The cleaner runs on the text alone (no hints), and
the harness reports the share of the article lines' sentences it kept, the share of junk
lines it removed, and how often its title, authors and date agree with the metadata.

A second set, Zyte's article-extraction-benchmark (``html/<id>.html.gz`` with
``ground-truth.json`` giving each page's ``articleBody`` and URL), is read the same way when
its folder is given: the same two inputs, labelled from the article body as from
Readability's expected text. It holds the news junk (captions, credits, related-story
headings, newsletter prompts) the Readability pages hold little of; it has no expected
metadata, so its title, authors and date figures are reported absent.

Beside the two inputs, each half reports the pipeline's own path for a fetched page
(trafilatura reading the HTML, then the cleaner) and two published extractors (jusText,
readability-lxml: ``clean_peers``), scored on the same browser-copy lines: peers that see
the markup, which a copy from a browser has lost. Every figure is also
averaged over pages (``pages_mean_*``), where a page with a long comment thread weighs
as much as one with a short footer.

The pages are split once into a development half and a test half by a hash of the page
name (docs/cleaning.md). Rules and the line classifier are tuned on the development half;
the test half is the reported one. ``--train`` re-fits the line classifier on the
development half and writes ``storywire/clean/line_model.json``; ``--train-with`` adds
the other set's development half to its rows, so what the model learns on one set can be
checked on the other, or fitted on both.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import pairwise
from pathlib import Path

from storywire.clean import CleanOptions, CleanResult, TextHints, clean_text, normalize_line
from storywire.clean.learned import recurring_counts
from storywire.evaluation.browser_text import page_lines
from storywire.evaluation.clean_peers import EXTRACTORS, PEERS
from storywire.evaluation.readability import (
    byline_matches,
    date_matches,
    page_folders,
    read_page,
    title_matches,
)
from storywire.extract.dates import parse_date

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(]?[A-ZÀ-Þ0-9])")
MIN_RUN_WORDS = 5  # a line this long found inside the expected text is article text
BROKEN_RUN_LINES = 6  # the most consecutive lines joined to find a run the page broke
COVERED_WORDS = 12  # a line this long whose words are nearly all in runs of the expected
COVERED_SHARE = 0.9  # text is an article paragraph the reference trimmed a span out of
SPLITS = ("dev", "test")
METADATA_FIGURES = ("title", "authors", "date", "title_in_text", "authors_in_text",
                    "date_in_text")
INPUTS = ("page", "extracted")


def split_of(name: str) -> str:
    """The fixed half of a page: the parity of the first byte of SHA-256(name)."""
    return "dev" if hashlib.sha256(name.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def site_of(name: str) -> str:
    """Pages of one site share a name before a trailing number: nytimes-1 .. nytimes-5."""
    return re.sub(r"-\d+$", "", name)


# characters a reader does not see and the cleaner drops (soft hyphens, zero-width marks,
# direction marks): "Not\u00adfall\u00adsatz" in a page is the word "Notfallsatz" the
# cleaner keeps, not four words
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f"))


def norm(text: str) -> str:
    return " ".join(_WORD.findall(text.translate(_INVISIBLE).casefold()))


def sentences(text: str) -> list[str]:
    return [s for s in (norm(p) for p in _SENTENCE.split(text)) if s]


# -- the pages ------------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    split: str
    meta: dict
    lines: dict[str, list[str]]            # input -> its lines ("" between blocks)
    labels: dict[str, list[bool | None]]   # input -> True article, False junk, None blank
    host: str = ""                         # the site, when the set names it by URL
    html: str = field(default="", repr=False)  # the page itself, for the fetched path

    @property
    def site(self) -> str:
        return self.host or site_of(self.name)

    def text(self, kind: str) -> str:
        return "\n".join(self.lines[kind])


def _table_row(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) > 2 and stripped.startswith("|") and stripped.endswith("|")


def _label(lines: list[str], blocks: set[str], whole: str) -> list[bool | None]:
    labels: list[bool | None] = []
    for line in lines:
        key = norm(line)
        if not _has_alnum(key):
            labels.append(None if not line.strip() else False)
        elif key in blocks:
            labels.append(True)
        elif _table_row(line):
            # an extractor's table row ("| a | b |"): the expected article has its cells
            # one per line, so the row is article when its cells run on there in order
            labels.append(len([c for c in line.strip("|").split("|") if c.strip()]) >= 2
                          and f" {key} " in whole)
        else:
            labels.append(len(key.split()) >= MIN_RUN_WORDS and f" {key} " in whole)
        if labels[-1] is False and _covered(key, whole):
            labels[-1] = True
    return _label_broken_runs(lines, labels, blocks, whole)


def _has_alnum(key: str) -> bool:
    """Whether a line holds a letter or a digit: a rule of underscores (`___`, the wires'
    section break, which an article body may keep) is as much a line of symbols as `* * *`,
    though ``\\w`` counts the underscore as a word character."""
    return any(ch.isalnum() for ch in key)


def _covered(key: str, whole: str) -> bool:
    """A long line whose words nearly all lie in runs of five or more words of the expected
    text is an article paragraph from which the reference dropped a span: a wiki
    paragraph's pronunciation (`Aotearoa (pronounced /ˌaʊtɛəˈroʊ.ə/; …)`), its `[update]`
    marks, a layout table's cell holding the whole paragraph. Counted as junk, it would
    reward a cleaner for removing article paragraphs."""
    words = key.split()
    if len(words) < COVERED_WORDS:
        return False
    covered = [False] * len(words)
    for i in range(len(words) - MIN_RUN_WORDS + 1):
        if f" {' '.join(words[i:i + MIN_RUN_WORDS])} " in whole:
            covered[i:i + MIN_RUN_WORDS] = [True] * MIN_RUN_WORDS
    return sum(covered) >= COVERED_SHARE * len(words)


def _label_broken_runs(lines: list[str], labels: list[bool | None], blocks: set[str],
                       whole: str) -> list[bool | None]:
    """A line break the page puts inside one of the expected article's runs does not make
    its pieces junk: the end of a sentence wrapped onto a line of its own (`over.[8][9]`),
    a film's title split over two lines of a table cell (`Run` / `Lola Run`) or a
    definition's term on a line above its definition is what a reader calls article text,
    and Readability keeps it in place. So a junk line is article when it lies in a stretch
    of up to ``BROKEN_RUN_LINES`` consecutive lines (blank lines skipped) that, joined, is
    one of the expected blocks or a run of at least five words inside the expected text:
    the test the harness applies to one line, applied to the lines the page broke it into.
    Lines of symbols only stay junk."""
    out = list(labels)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    keys = [norm(lines[i]) for i in filled]
    for n, k in enumerate(filled):
        if labels[k] is not False or not _has_alnum(keys[n]) or _table_row(lines[k]):
            continue
        lo, hi = max(0, n - BROKEN_RUN_LINES + 1), min(len(filled), n + BROKEN_RUN_LINES)
        out[k] = any(_in_expected(" ".join(x for x in keys[i:j + 1] if x), blocks, whole)
                     for i in range(lo, n + 1) for j in range(max(n, i + 1), hi)
                     if j - i < BROKEN_RUN_LINES)
    return out


def _in_expected(key: str, blocks: set[str], whole: str) -> bool:
    return key in blocks or (len(key.split()) >= MIN_RUN_WORDS and f" {key} " in whole)


def _extracted_lines(html: str) -> list[str]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    return [line.strip() for line in text.splitlines()]


GROUND_TRUTH = "ground-truth.json"  # the article-extraction-benchmark's answers


def has_metadata(root: Path) -> bool:
    """Readability's pages come with expected title, byline and date; the
    article-extraction-benchmark annotates the article body only."""
    return not (root / GROUND_TRUTH).is_file()


def load_pages(root: Path, kinds: Iterable[str] = INPUTS, limit: int | None = None,
               splits: Iterable[str] = SPLITS) -> list[Page]:
    """The pages of either set under ``root`` (the first ``limit`` in name order, if
    given), each input built and labelled from the page's expected article. Only the
    halves in ``splits`` are read: a tool that tunes on the development half never
    builds a test page."""
    splits = frozenset(splits)
    if not has_metadata(root):
        return _load_benchmark_pages(root, kinds, limit, splits)
    pages = []
    for folder in page_folders(root)[:limit]:
        if split_of(folder.name) not in splits:
            continue
        raw, meta = read_page(folder)
        expected = page_lines(_expected_html(folder))
        pages.append(_page(folder.name, _decode(raw), meta, expected, kinds))
    return pages


def load_page_sets(roots: Iterable[Path], kinds: Iterable[str] = INPUTS) -> list[Page]:
    """The pages of several sets, one after the other. The line classifier's folds are
    grouped by site, so a site name two sets share would put pages of unrelated sites in
    one group: refused."""
    pages: list[Page] = []
    seen: set[str] = set()
    for root in roots:
        found = load_pages(root, kinds)
        sites = {page.site for page in found}
        if shared := sorted(sites & seen):
            raise ValueError(f"{root} names sites another set names too: {shared[:5]}")
        seen |= sites
        pages.extend(found)
    return pages


def _load_benchmark_pages(root: Path, kinds: Iterable[str], limit: int | None,
                          splits: frozenset[str] = frozenset(SPLITS)) -> list[Page]:
    """Zyte's article-extraction-benchmark: ``html/<id>.html.gz`` and, in
    ``ground-truth.json``, each id's ``articleBody`` (one paragraph a line) and ``url``.
    A page's site is its URL's host, for the outlets' recurring-line counts."""
    import gzip
    from urllib.parse import urlsplit

    truth = json.loads((root / GROUND_TRUTH).read_text(encoding="utf-8"))
    pages = []
    for name in sorted(truth)[:limit]:
        if split_of(name) not in splits:
            continue
        raw = gzip.decompress((root / "html" / f"{name}.html.gz").read_bytes())
        expected = truth[name]["articleBody"].splitlines()
        host = (urlsplit(truth[name].get("url") or "").hostname or "").removeprefix("www.")
        page = _page(name, _decode(raw), {}, expected, kinds)
        page.host = host
        pages.append(page)
    return pages


def _decode(raw: bytes) -> str:
    from storywire.ingest.decode import DecodeError, decode_html

    try:
        return decode_html(raw, None)
    except DecodeError:  # a page whose declared charset lies: what a browser shows
        return raw.decode("utf-8", "replace")


def _page(name: str, html: str, meta: dict, expected: list[str], kinds: Iterable[str]
          ) -> Page:
    blocks = {norm(b) for b in expected if norm(b)}
    whole = f" {' '.join(k for k in (norm(b) for b in expected) if k)} "
    lines: dict[str, list[str]] = {}
    for kind in kinds:
        lines[kind] = page_lines(html) if kind == "page" else _extracted_lines(html)
    labels = {kind: _label(found, blocks, whole) for kind, found in lines.items()}
    return Page(name, split_of(name), meta, lines, labels, html=html)


def _expected_html(folder: Path) -> str:
    import gzip

    return gzip.decompress((folder / "expected.html.gz").read_bytes()).decode("utf-8",
                                                                               "replace")


def site_line_counts(pages: list[Page], kind: str) -> dict[str, tuple[Counter[str], int]]:
    """Per site: how many of its pages carry each line (normalize_line key), and pages."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for page in pages:
        totals[page.site] += 1
        counts[page.site].update({normalize_line(x) for x in page.lines[kind] if x})
    return {site: (counts[site], totals[site]) for site in totals}


def hints_for(page: Page, kind: str, recurrence: dict[str, tuple[Counter[str], int]]
              ) -> TextHints:
    """No metadata (a plain paste); the outlet's line counts as the pipeline's writer gives
    them (``clean.learned.recurring_counts``)."""
    counts, total = recurrence[page.site]
    keys = {normalize_line(x): x for x in page.lines[kind] if x}
    return TextHints(line_counts=recurring_counts({k: counts[k] for k in keys}, keys),
                     outlet_articles=total)


# -- scoring ------------------------------------------------------------------------------


@dataclass
class Score:
    sentences: int = 0
    sentences_kept: int = 0
    junk: int = 0
    junk_removed: int = 0
    article_lines: int = 0
    article_lines_lost: int = 0
    title: list[bool] = field(default_factory=list)
    authors: list[bool] = field(default_factory=list)
    date: list[bool] = field(default_factory=list)
    # the same, over the pages whose input text states the expected value at all
    title_in_text: list[bool] = field(default_factory=list)
    authors_in_text: list[bool] = field(default_factory=list)
    date_in_text: list[bool] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    survived: list[str] = field(default_factory=list)
    # per lost article line: page, reason, pass/rule and its neighbours (``--lost``)
    lost_detail: list[str] = field(default_factory=list)
    # per page: the share of its article sentences kept and of its junk lines removed
    page_kept: list[float] = field(default_factory=list)
    page_removed: list[float] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("sentences", "sentences_kept", "junk", "junk_removed", "article_lines",
                     "article_lines_lost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("title", "authors", "date", "title_in_text", "authors_in_text",
                     "date_in_text", "lost", "survived", "lost_detail", "page_kept",
                     "page_removed"):
            getattr(self, name).extend(getattr(other, name))

    def summary(self) -> dict[str, object]:
        def share(part: int, whole: int) -> float:
            return round(part / whole, 4) if whole else 0.0

        def mean(values: list[float]) -> float:
            return round(sum(values) / len(values), 4) if values else 0.0

        def rate(values: list[bool]) -> dict[str, object]:
            return {"rate": share(sum(values), len(values)), "judged": len(values)}

        return {
            "article_sentences_kept": share(self.sentences_kept, self.sentences),
            "sentences": self.sentences,
            "junk_lines_removed": share(self.junk_removed, self.junk),
            "junk_lines": self.junk,
            "article_lines_lost": self.article_lines_lost,
            "article_lines": self.article_lines,
            # the same shares averaged over pages: a page with a long comment thread weighs
            # as much as one with a short footer
            "pages_mean_kept": mean(self.page_kept),
            "pages_mean_removed": mean(self.page_removed),
            "title": rate(self.title), "authors": rate(self.authors), "date": rate(self.date),
            "title_in_text": rate(self.title_in_text),
            "authors_in_text": rate(self.authors_in_text),
            "date_in_text": rate(self.date_in_text),
        }


@dataclass(frozen=True)
class Kept:
    """What a cleaning kept, read as the harnesses read a labelled line: an article line
    is kept when it stays as a paragraph, inside a kept paragraph (a cut tail aside) or as
    the title; a junk line survives when it stays as a paragraph, or inside one when it is
    long enough (four words) not to match by chance."""

    lines: frozenset[str]
    text: str  # the kept paragraphs, normalised, joined and padded with spaces
    title: str
    why: dict[str, str]  # a removed line's text -> the reason that removed it
    by: dict[str, str]   # a removed line's text -> the pass and rule that removed it

    @classmethod
    def of(cls, result: CleanResult) -> Kept:
        why: dict[str, str] = {}
        by: dict[str, str] = {}
        for text, reason, step in zip(result.removed, result.removed_reasons,
                                      result.removed_by, strict=True):
            why.setdefault(" ".join(text.split()), reason)
            by.setdefault(" ".join(text.split()), step)
        return cls.of_paragraphs(result.paragraphs, result.title, why, by)

    @classmethod
    def of_paragraphs(cls, paragraphs: list[str], title: str | None,
                      why: dict[str, str] | None = None, by: dict[str, str] | None = None
                      ) -> Kept:
        return cls(frozenset(norm(p) for p in paragraphs),
                   f" {' '.join(norm(p) for p in paragraphs)} ", norm(title or ""),
                   why or {}, by or {})

    def article_line(self, key: str) -> bool:
        """Whether an article line (``norm``ed) was kept."""
        return key in self.lines or f" {key} " in self.text or key == self.title

    def junk_line(self, key: str) -> bool:
        """Whether a junk line (``norm``ed) survived."""
        return key in self.lines or (len(key.split()) >= 4 and f" {key} " in self.text)


def score_page(page: Page, kind: str, options: CleanOptions,
               recurrence: dict[str, tuple[Counter[str], int]]) -> Score:
    result = clean_text(page.text(kind), hints_for(page, kind, recurrence), options)
    score = score_kept(page, kind, Kept.of(result))
    _score_metadata(score, page, kind, result.title, result.authors, result.published)
    return score


def score_kept(page: Page, kind: str, kept: Kept) -> Score:
    """How much of one input's labelled lines ``kept`` holds."""
    kept_text, title = kept.text, kept.title
    score = Score()
    junk = removed = 0
    for n, (line, label) in enumerate(zip(page.lines[kind], page.labels[kind], strict=True)):
        if label is None:
            continue
        key = norm(line)
        if label:
            score.article_lines += 1
            if not kept.article_line(key):
                score.article_lines_lost += 1
                joined = " ".join(line.split())
                reason = kept.why.get(joined, "part removed")  # a cut tail
                score.lost.append(f"{page.name}: [{reason}] {line[:120]}")
                score.lost_detail.append(_lost_detail(
                    page, kind, n, f"{reason} {kept.by.get(joined, '-')}", kept_text))
            for sentence in sentences(line):
                score.sentences += 1
                if f" {sentence} " in kept_text or sentence == title:
                    score.sentences_kept += 1
            continue
        junk += 1
        if kept.junk_line(key):
            score.survived.append(f"{page.name}: {line[:120]}")
        else:
            removed += 1
    score.junk += junk
    score.junk_removed += removed
    if score.sentences:
        score.page_kept.append(score.sentences_kept / score.sentences)
    if junk:
        score.page_removed.append(removed / junk)
    return score


def _score_metadata(score: Score, page: Page, kind: str, title: str | None,
                    authors: list[str], published: datetime | None) -> None:
    meta = page.meta
    stated = in_text(page.lines[kind], meta)
    for name, found in (("title", title_matches(title, meta.get("title"))),
                        ("authors", byline_matches(authors, meta.get("byline"))),
                        ("date", date_matches(published, meta.get("publishedTime")))):
        if found is not None:
            getattr(score, name).append(found)
            if stated[name]:
                getattr(score, f"{name}_in_text").append(found)


# The pipeline's own path for a fetched page, read beside the text-only cleaner: what a
# reader of the page's structure keeps of the same browser-copy lines.
FETCHED = ("fetched: extractor", "fetched: extractor + cleaner")


def score_fetched(page: Page, options: CleanOptions) -> dict[str, Score]:
    """The page as the pipeline reads a fetched page, scored on its browser copy's
    labelled lines: trafilatura reading the page's HTML (``extract.html``), then the clean
    stage's general rules on that text with the extractor's metadata as hints and no
    title detection, as for every HTML draft. It is a peer, not a path the text-only
    cleaner could take: it sees the markup (navigation, asides, comment sections) that a
    copy from a browser has lost."""
    from storywire.extract.html import extract_html

    extracted = extract_html(page.html)
    text, title, authors, published = ("", None, [], None) if extracted is None else (
        extracted.text, extracted.title, list(extracted.authors), extracted.published)
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    scores = {FETCHED[0]: score_kept(page, "page", Kept.of_paragraphs(paragraphs, title))}
    _score_metadata(scores[FETCHED[0]], page, "page", title, authors, published)
    result = clean_text(text, TextHints(title=title, authors=tuple(authors),
                                        published=published),
                        replace(options, detect_title=False))
    scores[FETCHED[1]] = score_kept(page, "page", Kept.of(result))
    _score_metadata(scores[FETCHED[1]], page, "page", result.title, result.authors,
                    result.published)
    return scores


NEIGHBOURS = 2  # non-blank lines shown on each side of a lost article line


def _lost_detail(page: Page, kind: str, n: int, why: str, kept_text: str) -> str:
    """A lost article line with its page, why it went (reason, then pass/rule) and its
    neighbours, each marked A (article) or J (junk) and + (kept) or - (removed), so a
    cut that starts too low or ends too high shows where it ran."""
    lines, labels = page.lines[kind], page.labels[kind]
    filled = [i for i, x in enumerate(lines) if x.strip()]
    at = filled.index(n)
    out = [f"{page.name}: [{why}]"]
    for i in filled[max(0, at - NEIGHBOURS):at + NEIGHBOURS + 1]:
        key = norm(lines[i])
        state = "+" if key and f" {key} " in kept_text else "-"
        mark = ">>" if i == n else "  "
        out.append(f"   {mark} {'A' if labels[i] else 'J'}{state} {lines[i][:110]}")
    return "\n".join(out)


def in_text(lines: list[str], meta: dict) -> dict[str, bool]:
    """Whether the input states each expected value at all. Readability takes much of its
    metadata from the page's head (``<title>``, meta tags, JSON-LD), which is not in the
    visible text, and trafilatura's text output carries no title, byline or date line; a
    cleaner of text alone can only find what the text holds.

    Title: a line of two or more words that matches it as the harness compares titles.
    Authors: two consecutive words of the expected byline appear in one line. Date: a line
    of at most 12 words holds the expected year and day of the month."""
    keys = [norm(x) for x in lines if x.strip()]
    title = norm(meta.get("title") or "")
    byline = norm(meta.get("byline") or "").split()
    pairs = {f" {a} {b} " for a, b in pairwise(byline)}
    when = parse_date(meta.get("publishedTime")) if meta.get("publishedTime") else None
    return {
        "title": bool(title) and any(len(k.split()) >= 2 and (k in title or title in k)
                                     for k in keys),
        "authors": any(pair in f" {k} " for k in keys for pair in pairs),
        "date": when is not None and any(
            len(k.split()) <= 12 and str(when.year) in k.split()
            and any(w.lstrip("0") == str(when.day) for w in k.split()) for k in keys),
    }


def evaluate(pages: list[Page], options: CleanOptions, kinds: Iterable[str] = INPUTS,
             splits: Iterable[str] = SPLITS, fetched: bool = False, peers: bool = False
             ) -> dict[str, dict[str, Score]]:
    """split -> input -> the summed score, for the halves in ``splits`` (every page still
    feeds the outlets' line counts, as in the full run). With ``fetched``, each half also
    holds the fetched-page path's scores (``FETCHED``) on its browser copies; with
    ``peers``, those of the published extractors that read the markup
    (``clean_peers.PEERS``)."""
    names = [*kinds, *(FETCHED if fetched else ()), *(PEERS if peers else ())]
    out: dict[str, dict[str, Score]] = {s: {k: Score() for k in names} for s in splits}
    for kind in kinds:
        recurrence = site_line_counts(pages, kind)
        for page in pages:
            if page.split in out:
                out[page.split][kind].add(score_page(page, kind, options, recurrence))
    for page in pages:
        if page.split not in out:
            continue
        if fetched:
            for name, score in score_fetched(page, options).items():
                out[page.split][name].add(score)
        if peers:
            for name, extract in EXTRACTORS.items():
                kept = Kept.of_paragraphs(extract(page.html, page.lines["page"]), None)
                out[page.split][name].add(score_kept(page, "page", kept))
    return out


# -- what the junk a cleaner keeps is, roughly ---------------------------------------------

# Ordered: the first kind whose pattern finds the line names it. Rough on purpose: it sorts
# the kept junk lines for a person deciding what to work on next; it is no figure.
JUNK_KINDS = (
    ("calls to action (subscribe, follow, sign up, share)", re.compile(
        r"\b(subscribe|sign up|newsletter|follow (us|the|our|ap)|join\b|click to tweet|"
        r"tell us|get the|download|on the go|by clicking)\b", re.I)),
    ("publisher boilerplate (copyright, disclosure, about the company or author)", re.compile(
        r"(copyright|©|ⓒ|all rights reserved|headquartered|employs|is committed to|"
        r"if you (buy|enjoyed)|may get a share|curator|@\w+\.\w|twitter\.com/|"
        r"open thread)", re.I)),
    ("credits and captions", re.compile(
        r"(\((reporting|writing|editing) by|\b(photo|image|credit|getty|reuters|ap)\b"
        r"[^.]*$|\.(reuters|ap|getty images)$)", re.I)),
    ("date and update stamps", re.compile(
        r"(^updated\b|기사입력|\b(19|20)\d\d-\d\d-\d\d\b)", re.I)),
    ("related-story links and headlines", re.compile(
        r"(^[-•*] |^\(?(also|read|see|more|related|leggi anche)\b|\[video\]|"
        r"(?-i:^[^a-z]*[A-Z][^a-z]{12,}$))", re.I)),  # or a headline in capitals
    ("short labels (sections, tags, widget names)", re.compile(
        r"^(?=.{1,40}$)\W*(\w+\W+){0,3}\w*\W*$")),
)


def junk_kind(line: str) -> str:
    """The rough kind of a junk line (``JUNK_KINDS``), else "other (deks, teasers,
    prose of another page or language, mixed lines)"."""
    for kind, pattern in JUNK_KINDS:
        if pattern.search(line.strip()):
            return kind
    return "other (deks, teasers, prose of another page or language, mixed lines)"


def kinds_report(survived: list[str]) -> list[str]:
    """The kept junk lines (``Score.survived``: "page: line"), grouped by kind, the largest
    kind first, each headed by its count."""
    groups: dict[str, list[str]] = defaultdict(list)
    for entry in survived:
        groups[junk_kind(entry.split(": ", 1)[1])].append(entry)
    out = []
    for kind, entries in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        out.append(f"-- {len(entries)} {kind}")
        out.extend(entries)
    return out


# -- the mechanisms, one at a time ---------------------------------------------------------

MECHANISMS = {
    "library dates": "library_dates",
    "foreign-language lines": "foreign_lines",
    "placeholders and script residue": "placeholders",
    "split junk runs and trailing calls to action": "split_runs",
    "line classifier": "classifier",
    "section labels above the article": "section_labels",
    "article region (page frame cuts, classifier features)": "region",
    "category and archive lists with post counts": "count_lists",
    "comment threads of dated headers": "comment_threads",
    "what a page keeps after a block of removed lines": "foot_break",
    "ranking widgets with their ranks on lines of their own": "rankings",
    "feeds of teasers stamped with their age, time or date": "stamped_feeds",
    "teaser cards (headline three times over a cut-off dek)": "teaser_cards",
    "side lists of post titles cut off with an ellipsis": "cut_title_lists",
    "bulleted headlines after the last paragraph": "tail_lists",
    "short lines between the headline or byline and the date": "header_wedges",
    "a time stamp's label on the line above it": "split_stamps",
    "headings of other stories or menus under the headline, off the topic": "off_topic_heads",
    "headings of other stories or menus between the article's paragraphs, off the topic":
        "off_topic_between",
    "there, the article's own lists spared (a lead-in, rows of one shape)": "own_lists",
    "the last check: paragraphs a misread cut took given back": "prose_guard",
}


def ablation(pages: list[Page], options: CleanOptions) -> list[tuple[str, dict, dict]]:
    """(mechanism, dev summary without it, dev summary with all) per input."""
    rows = []
    full = evaluate(pages, options)["dev"]  # every page feeds the outlets' line counts
    for label, flag in MECHANISMS.items():
        without = evaluate(pages, replace(options, **{flag: False}))["dev"]
        rows.append((label, {k: s.summary() for k, s in without.items()},
                     {k: s.summary() for k, s in full.items()}))
    return rows


def _bracket_counts(lines: list[str]) -> str:
    """"reason n, …": how many listed lines carry each first bracketed tag, most first
    (a lost line is listed as "… [reason] …")."""
    counts = Counter(line.split("[", 1)[1].split("]", 1)[0] for line in lines)
    return ", ".join(f"{tag} {n}" for tag, n in counts.most_common())


def main() -> None:  # pragma: no cover - exercised through `make eval-clean`
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--train", action="store_true",
                        help="re-fit the line classifier on the development half")
    parser.add_argument("--train-with", type=Path, action="append", default=[],
                        metavar="ROOT", help="with --train: fit on this set's development "
                        "half too (repeatable)")
    parser.add_argument("--train-budget", type=float, default=None, metavar="SHARE",
                        help="with --train: the share of the development article sentences "
                        "the threshold may cost out of fold (default: clean_train's)")
    parser.add_argument("--ablation", action="store_true",
                        help="each mechanism's effect on the development half")
    parser.add_argument("--verbose", action="store_true",
                        help="list the article lines lost and the junk kept (dev half)")
    parser.add_argument("--lost", action="store_true",
                        help="list the dev half's lost article lines with their page, the "
                        "reason and pass/rule that removed them and their neighbours")
    parser.add_argument("--kinds", action="store_true",
                        help="list the junk kept on the dev half, grouped roughly by kind")
    parser.add_argument("--dev-only", action="store_true",
                        help="score and report the development half only (for tuning: the "
                        "test half's figures stay unseen until the end)")
    parser.add_argument("--no-fetched", action="store_true",
                        help="leave out the readers of the markup scored beside the inputs "
                        "as peers: the fetched-page path (trafilatura on the HTML, then the "
                        "cleaner), jusText and readability-lxml")
    args = parser.parse_args()
    options = CleanOptions()
    if args.train:
        from storywire.evaluation.clean_train import MAX_SENTENCE_LOSS, train

        budget = MAX_SENTENCE_LOSS if args.train_budget is None else args.train_budget
        pages = load_page_sets([args.root, *args.train_with])
        print(json.dumps(train(pages, budget), indent=2))
        return
    pages = load_pages(args.root)
    if args.ablation:
        for label, without, full in ablation(pages, options):
            for kind in INPUTS:
                print(f"{label:48} {kind:9} without: kept {without[kind]['article_sentences_kept']}"
                      f" removed {without[kind]['junk_lines_removed']}  with all: kept "
                      f"{full[kind]['article_sentences_kept']} removed "
                      f"{full[kind]['junk_lines_removed']}")
        return
    splits = ("dev",) if args.dev_only else SPLITS
    scores = evaluate(pages, options, splits=splits, fetched=not args.no_fetched,
                      peers=not args.no_fetched)
    if args.verbose:
        for kind in INPUTS:
            lost = scores["dev"][kind].lost
            print(f"== {kind}: dev article lines lost, by the reason that removed them: "
                  + _bracket_counts(lost))
            print("\n".join(lost))
            print(f"== {kind}: dev junk lines kept")
            print("\n".join(scores["dev"][kind].survived))
    if args.lost:
        for kind in INPUTS:
            detail = scores["dev"][kind].lost_detail
            print(f"== {kind}: dev article lines lost, by reason and pass/rule: "
                  + _bracket_counts(detail))
            print("\n".join(detail))
    if args.kinds:
        for kind in INPUTS:
            print(f"== {kind}: dev junk lines kept, roughly by kind")
            print("\n".join(kinds_report(scores["dev"][kind].survived)))
    report = {split: {kind: s.summary() for kind, s in scores[split].items()}
              for split in splits}
    if not has_metadata(args.root):
        for split in splits:
            for summary in report[split].values():
                for name in METADATA_FIGURES:
                    del summary[name]
                summary["title_authors_date"] = "absent: the set has no expected metadata"
    report["pages"] = {s: sum(p.split == s for p in pages) for s in splits}
    report["reported"] = splits[-1]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
