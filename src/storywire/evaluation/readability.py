"""How well extraction matches Mozilla Readability's expected output on its test pages.

Each page folder holds ``source.html.gz``, ``expected.html.gz`` (the article as Readability
extracts it) and ``expected-metadata.json`` (title, byline, publishedTime, lang). Readability
is the reference, not the truth: its expected text sometimes keeps captions or drops a list,
so text agreement is reported as word-level recall and precision, not as a pass/fail.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html

from storywire.extract.dates import parse_date
from storywire.model import Capture

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class PageResult:
    name: str
    title_match: bool | None  # None: the reference has no value to compare with
    byline_match: bool | None
    date_match: bool | None
    lang_match: bool | None
    text_recall: float
    text_precision: float


def _norm(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").casefold()))


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


def expected_text(folder: Path) -> str:
    raw = gzip.decompress((folder / "expected.html.gz").read_bytes())
    # The fragments carry no charset; lxml would guess Latin-1 and garble accents.
    return lxml_html.fromstring(raw.decode("utf-8", "replace")).text_content()


def title_matches(found: str | None, expected: str | None) -> bool | None:
    if not expected:
        return None
    a, b = _norm(found), _norm(expected)
    return bool(a) and (a == b or a in b or b in a)


def byline_matches(authors: list[str], expected: str | None) -> bool | None:
    if not expected or not _norm(expected):
        return None
    wanted = _norm(expected)
    return any(_norm(name) and _norm(name) in wanted for name in authors)


def date_matches(found, expected: str | None) -> bool | None:
    expected_date = parse_date(expected) if expected else None
    if expected_date is None:
        return None
    return found is not None and found.date() == expected_date.date()


def page_folders(root: Path) -> list[Path]:
    """The page folders under ``root``, by name."""
    return sorted(p for p in root.iterdir() if (p / "source.html.gz").exists())


def read_page(folder: Path) -> tuple[bytes, dict]:
    """A page's source HTML bytes and its expected metadata."""
    meta = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
    return gzip.decompress((folder / "source.html.gz").read_bytes()), meta


def evaluate_pages(root: Path, pipeline) -> list[PageResult]:
    """Run ``pipeline.build_article`` on every page under ``root`` and compare."""
    results = []
    for folder in page_folders(root):
        raw, meta = read_page(folder)
        capture = Capture(raw=raw, kind="html", origin=str(folder))
        try:
            article = pipeline.build_article(capture)
        except ValueError:
            article = None
        reference = _words(expected_text(folder))
        got = _words(article.text) if article else Counter()
        overlap = sum((reference & got).values())
        lang = (meta.get("lang") or "").split("-")[0].lower() or None
        results.append(PageResult(
            name=folder.name,
            title_match=title_matches(article.title if article else None, meta.get("title")),
            byline_match=byline_matches(article.authors if article else [], meta.get("byline")),
            date_match=date_matches(article.published if article else None,
                                    meta.get("publishedTime")),
            lang_match=(article is not None and article.language == lang) if lang else None,
            text_recall=overlap / max(1, sum(reference.values())),
            text_precision=overlap / max(1, sum(got.values())) if got else 0.0,
        ))
    return results


def rate(results: list[PageResult], attribute: str) -> tuple[float, int]:
    """Share of pages that match, over the pages whose reference has a value; and that count."""
    judged = [getattr(r, attribute) for r in results if getattr(r, attribute) is not None]
    return (sum(judged) / len(judged) if judged else 0.0), len(judged)


def summarise(results: list[PageResult]) -> dict[str, object]:
    summary: dict[str, object] = {"pages": len(results)}
    for attribute in ("title_match", "byline_match", "date_match", "lang_match"):
        share, judged = rate(results, attribute)
        summary[attribute] = {"rate": round(share, 3), "judged": judged}
    summary["text_recall_median"] = round(statistics.median(r.text_recall for r in results), 3)
    summary["text_precision_median"] = round(
        statistics.median(r.text_precision for r in results), 3)
    return summary


def main() -> None:  # pragma: no cover - exercised through `make eval-extract`
    import argparse

    from storywire.pipeline import Pipeline
    from storywire.store import open_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    with open_store(":memory:") as store:
        results = evaluate_pages(args.root, Pipeline(store))
    if args.verbose:
        for r in results:
            print(f"{r.name:40} title={r.title_match} byline={r.byline_match} "
                  f"date={r.date_match} lang={r.lang_match} recall={r.text_recall:.2f} "
                  f"precision={r.text_precision:.2f}")
    print(json.dumps(summarise(results), indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
