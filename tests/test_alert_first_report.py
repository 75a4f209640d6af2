"""One "new story" alert per (watch, story), and its first report: the earliest original,
with its own headline and link, a date without a time never ahead of a timed report."""

from __future__ import annotations

from datetime import UTC, datetime

from storywire.model import Article, Capture
from storywire.monitor import CycleReport, Monitor
from storywire.pipeline import Pipeline
from storywire.store import open_store
from storywire.watch import observe, report_order


def article(id_: str, outlet: str, title: str, when: datetime | None,
            copy_of: str | None = None) -> Article:
    return Article(id=id_, capture_sha256=id_ * 4, origin=f"{id_}.html", paragraphs=["…"],
                   url=f"https://{outlet.lower().replace(' ', '')}.example/{id_}",
                   outlet=outlet, title=title, published=when, copy_of=copy_of,
                   story_id="quake")


NOW = datetime(2026, 11, 5, 12, tzinfo=UTC)


def test_an_original_takes_the_first_report_from_a_copy_that_came_before_it():
    copy = article("c1", "Daily Aggregator", "Quake hits coast (via Meridian Wire)",
                   datetime(2026, 11, 5, 6, 0, tzinfo=UTC), copy_of="o1")
    original = article("o1", "Meridian Wire", "Strong earthquake shakes the coast",
                       datetime(2026, 11, 5, 7, 40, tzinfo=UTC))
    state, first = observe(None, copy, 1, NOW)
    assert first and state.first_outlet == "Daily Aggregator"
    state, first = observe(state, original, 1, NOW)
    assert not first
    assert (state.first_outlet, state.headline, state.link) == (
        "Meridian Wire", "Strong earthquake shakes the coast", original.url)
    # A later, earlier-dated copy does not take it back.
    later_copy = article("c2", "Pasteboard", "Quake", datetime(2026, 11, 5, 5, tzinfo=UTC),
                         copy_of="o1")
    state, _ = observe(state, later_copy, 1, NOW)
    assert state.first_outlet == "Meridian Wire"


def test_a_date_without_a_time_sorts_after_a_timed_report_of_the_same_day():
    undated_time = article("b1", "Harbour Notes", "The ground shook here this morning",
                           datetime(2026, 11, 5, tzinfo=UTC))
    wire = article("w1", "Meridian Wire", "Strong earthquake shakes the coast",
                   datetime(2026, 11, 5, 7, 40, tzinfo=UTC))
    state, _ = observe(None, undated_time, 1, NOW)
    state, _ = observe(state, wire, 1, NOW)
    assert state.first_outlet == "Meridian Wire" and state.headline == wire.title
    # ... but a date-only report of the day before still comes first.
    day_before = article("b0", "Harbour Notes", "Tremors felt", datetime(2026, 11, 4,
                                                                        tzinfo=UTC))
    state, _ = observe(state, day_before, 1, NOW)
    assert state.first_outlet == "Harbour Notes" and state.headline == "Tremors felt"
    assert report_order(None, False) > report_order(wire.published, False)


QUAKE_TEXT = (
    "Strong earthquake shakes the coast\n\n"
    "A strong earthquake shook the northern coast early on Thursday, cracking walls in "
    "Saltmere and cutting power to thousands of homes, the regional authority said.\n\n"
    "The quake struck at 07:40 local time at a depth of ten kilometres. Rescue teams were "
    "checking older buildings in the harbour district.")
SECOND_TEXT = (
    "Quake damage counted in Saltmere\n\n"
    "Engineers inspected the harbour wall on Friday after the earthquake that shook the "
    "northern coast, and said the old lighthouse would stay closed for repairs.\n\n"
    "Power was restored to most homes overnight, the regional authority said.")


def test_a_story_regrouped_under_a_new_id_is_not_alerted_as_new_again(db_location):
    """A report alerted on, then its story merged under another id: the next report of
    that story is an update, not a second "new story" alert."""
    with open_store(db_location) as store:
        pipeline = Pipeline(store)
        store.add_watch("quakes", "quake OR earthquake", [])
        monitor = Monitor(store, pipeline)
        pipeline.ingest_stream([Capture(raw=QUAKE_TEXT.encode(), kind="text", origin="a.txt")])
        report = CycleReport()
        monitor.evaluate_watches(report)
        assert report.alerts == 1
        first = store.list_articles()[0]
        pipeline.ingest_stream([Capture(raw=SECOND_TEXT.encode(), kind="text", origin="b.txt")])
        with store.transaction():
            for member in store.list_articles():
                store.set_story(member.id, "merged-story")
        again = CycleReport()
        monitor.evaluate_watches(again)
        assert again.alerts == 0
        alerted = store.watch_stories_with_articles(store.get_watch("quakes").id, [first.id])
        assert len(alerted) == 1
        (state,) = alerted.values()
        assert len(state.articles) == 2
