"""Reading a duplicate "new" alert: the harness lists each alert of an event a watch told
twice, with the score that kept the two stories apart. Real reports (ECB+ topic 41: Sudan's
bombing of a refugee camp in South Sudan; topic 12 as the store's other news)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storywire.evaluation import live
from storywire.monitor import CycleReport, Monitor, MonitorOptions
from storywire.pipeline import Pipeline
from storywire.watch import AlertOptions

from conftest import ecb_record, ecb_rows, shared_data


def test_a_duplicate_is_listed_with_its_first_reports_and_the_dates_that_split_it(store):
    """Without the retelling check, a report of the camp bombing dated a month after the
    first two is a story of its own and a second "new" alert. The listing names both
    first reports and shows why: dates aside it would join the first story, with its
    date it is far below the join threshold."""
    rows = ecb_rows(12, 41)
    now = datetime(2026, 12, 5, 9, tzinfo=UTC)
    pipeline = Pipeline(store)
    monitor = Monitor(store, pipeline, MonitorOptions(alerts=AlertOptions(retell_window=0)),
                      clock=lambda: now)
    store.add_watch("bombings", "bombed OR bombing OR bombs OR bombardment", [])
    pipeline.ingest_stream([ecb_record(row, "Archive", "2026-10-01T08:00:00Z")
                            for key, row in sorted(rows.items()) if key.startswith("12_")])
    pipeline.ingest_stream([ecb_record(rows["41_10ecbplus"], "Wire One", "2026-11-01T08:00:00Z"),
                            ecb_record(rows["41_5ecbplus"], "Wire Two", "2026-11-01T10:00:00Z")])
    monitor.evaluate_watches(CycleReport())
    now += timedelta(hours=1)
    pipeline.ingest_stream([ecb_record(rows["41_11ecbplus"], "Paper", "2026-12-05T08:00:00Z")])
    monitor.evaluate_watches(CycleReport())

    told = live._new_alerts(store)["bombings"]
    assert len(told) == 2
    lines = live.describe_duplicates(
        store, [live.Duplicate("bombings", "41ecbplus", told)], pipeline.options.stories)
    assert lines[0] == "bombings / 41ecbplus: 2 alerts"
    assert "Wire One, published 2026-11-01; 2 articles" in lines[1]
    assert "Paper, published 2026-12-05; 1 articles" in lines[2]
    late = store.get_article(told[1][0])
    first_story = store.get_article(told[0][0]).story_id
    aside, _ = _affinity(store, pipeline, late, first_story, timed=False)
    timed, _ = _affinity(store, pipeline, late, first_story, timed=True)
    assert aside >= 0 > timed  # the month between them, not the words, kept them apart
    assert f"{aside:+.3f} dates aside" in lines[2] and f"{timed:+.3f} with dates" in lines[2]


def _affinity(store, pipeline, article, story_id, timed):
    from storywire.stories import StoryAssigner

    return StoryAssigner(store, pipeline.options.stories).affinity(
        article, [story_id], timed=timed)[story_id]


def test_only_events_a_watch_told_more_than_once_are_listed():
    """The pairs the alert figures count as duplicates, each with its alerts in order; an
    event told once, or an alert about an event the watch's query does not match, is not
    listed."""
    dev = live.ecbplus_items(shared_data("ecbplus") / "articles.jsonl", "dev")
    expected = live.expected_events(dev)
    watch = "quakes"
    events = sorted(expected[watch])
    first, second = (next(i for i in dev if i.event == e) for e in events[:2])
    again = next(i for i in dev if i.event == first.event and i.key != first.key)
    by_article = {i.key: i.key for i in dev}
    found = live.duplicates({watch: [[first.key], [second.key], [again.key]]}, dev,
                            by_article)
    assert found == [live.Duplicate(watch, first.event, [[first.key], [again.key]])]
    assert live.alert_scores({watch: [[first.key], [second.key], [again.key]]}, dev,
                             by_article).duplicates == len(found)
