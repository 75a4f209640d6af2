"""The web face's pure parts: marking entities and quotes, the timeline layout, people,
and a story's reports, quotes and figures."""

from __future__ import annotations

from datetime import UTC, datetime

from storywire.model import Article
from storywire.understand.people import gather
from storywire.web.markup import marked_paragraphs
from storywire.web.story import build
from storywire.web.timeline import layout

TEXT = ["Mayor Ana Ruiz said the bridge would reopen.",
        "“We will not wait another winter,” Ruiz told reporters on Friday."]


def _article(n: int, paragraphs=TEXT, **fields) -> Article:
    return Article(id=f"a{n}", capture_sha256=f"{n}", origin=f"t:{n}", paragraphs=paragraphs,
                   outlet=fields.pop("outlet", f"Outlet {n}"), **fields)


def _span(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def test_entities_and_quotes_become_segments_per_paragraph():
    article = _article(1)
    text = article.text
    ana = _span(text, "Ana Ruiz")
    ruiz = _span(text, "Ruiz", 1)
    quote = _span(text, "We will not wait another winter,")
    article.entities = [{"text": "Ana Ruiz", "label": "PERSON", "start": ana[0], "end": ana[1],
                         "canonical": "Ana Ruiz"},
                        {"text": "Ruiz", "label": "PERSON", "start": ruiz[0], "end": ruiz[1],
                         "canonical": "Ana Ruiz"},
                        {"text": "bad", "label": "ORG", "start": 5, "end": 10_000}]
    article.quotes = [{"text": "We will not wait another winter,", "speaker": "Ana Ruiz",
                       "kind": "direct", "start": quote[0], "end": quote[1]}]
    first, second = marked_paragraphs(article)
    assert "".join(s.text for s in first) == TEXT[0]
    assert "".join(s.text for s in second) == TEXT[1]  # offsets span the blank line
    assert [s.text for s in first if s.entity] == ["Ana Ruiz"]
    assert [s.text for s in second if s.quote] == ["We will not wait another winter,"]
    assert [s.entity["canonical"] for s in second if s.entity] == ["Ana Ruiz"]
    assert not any(s.entity and s.entity["label"] == "ORG" for s in first)  # out of range


def test_timeline_places_outlets_by_time_and_lists_the_undated():
    original = _article(1, published=datetime(2026, 11, 2, 9, tzinfo=UTC))
    later = _article(2, published=datetime(2026, 11, 2, 15, tzinfo=UTC), copy_kind="near")
    undated = _article(3, copy_kind="excerpt", outlet="Blog")
    t = layout(original, [later, undated])
    assert [m.kind for m in t.marks] == ["original", "near"]
    assert t.marks[0].x < t.marks[1].x and t.undated == ["Blog"]
    assert (t.start, t.end) == ("2026-11-02 09:00", "2026-11-02 15:00")


def test_people_gather_mentions_quotes_and_outlets():
    a, b = _article(1), _article(2, published=datetime(2026, 11, 3, tzinfo=UTC))
    for article in (a, b):
        article.entities = [{"text": "Ruiz", "label": "PERSON", "canonical": "Ana Ruiz"},
                            {"text": "Bridgeworks", "label": "ORG", "canonical": "Bridgeworks"}]
    b.quotes = [{"text": "We will not wait", "speaker": "Ana Ruiz"}]
    [ruiz] = gather([a, b])
    assert (ruiz.name, ruiz.mentions, ruiz.quotes, len(ruiz.articles)) == ("Ana Ruiz", 2, 1, 2)
    assert ruiz.outlets == {"Outlet 1": 1, "Outlet 2": 1} and ruiz.first_seen == "2026-11-03"
    assert ruiz.by_day == {"2026-11-03": 1}  # the undated article counts, but on no day
    [bar] = ruiz.bars(days=7, width=70, height=20)
    assert (bar["day"], bar["x"], bar["h"]) == ("2026-11-03", 60.0, 20.0)


def test_story_reports_copies_repeated_quotes_and_differing_figures():
    quote = {"text": "We will not wait", "speaker": "Ana Ruiz", "kind": "direct"}
    one = _article(1, published=datetime(2026, 11, 2, 9, tzinfo=UTC), quotes=[quote],
                   figures=[{"value": 12, "subject": "people killed", "qualifier": "at least"}])
    two = _article(2, published=datetime(2026, 11, 2, 8, tzinfo=UTC),
                   figures=[{"value": 14, "subject": "People  killed"},
                            {"value": 3, "subject": "bridges"}])
    copy = _article(3, published=datetime(2026, 11, 2, 10, tzinfo=UTC), copy_of="a1",
                    copy_kind="exact", quotes=[quote])
    view = build("s1", [one, two, copy])
    assert [r.tree.original.id for r in view.reports] == ["a2", "a1"]  # earliest first
    assert [row["article"].id for row in view.reports[1].rows] == ["a3"]
    # The quote once, with both outlets carrying it (the report and its copy).
    assert view.speakers == [("Ana Ruiz", [{"text": "We will not wait", "kind": "direct",
                                            "article": "a1", "outlet": "Outlet 1, Outlet 3",
                                            "description": ""}])]
    # Subjects two reports count are compared; one report's bridges are not.
    figures = {f.subject.casefold(): f for f in view.figures}
    assert figures["people killed"].disagree and "bridges" not in figures
    assert view.outlets[0] == "Outlet 2" and view.articles == 3
