"""A story with a single report waits before its "new" alert goes out (the settle window),
so that a report arriving in the next poll cycle makes it one alert naming both outlets,
not an alert and an update; the wait is stored, so a restart neither loses nor repeats the
alert. Real reports (ECB+ topic 41: Sudan's bombing of a refugee camp in South Sudan)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storywire.monitor import CycleReport, Monitor, MonitorOptions
from storywire.pipeline import Pipeline
from storywire.store import open_store
from storywire.watch import AlertOptions

from conftest import ecb_record, ecb_rows

QUERY = "bombed OR bombing OR bombs OR bombardment"
START = datetime(2026, 12, 5, 9, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def _monitor(store, clock: Clock, settle: float) -> Monitor:
    return Monitor(store, options=MonitorOptions(alerts=AlertOptions(settle=settle)),
                   clock=clock)


def _prepared(store, rows: dict[str, dict]) -> None:
    """Another topic first, as any store holds more than one, then the watch."""
    Pipeline(store).ingest_stream([ecb_record(row, "Archive", "2026-10-01T08:00:00Z")
                                   for key, row in sorted(rows.items())
                                   if key.startswith("12_")])
    store.add_watch("bombings", QUERY, [])


def _alerts(store) -> list[tuple[str, list[str], str | None]]:
    """(kind, outlets, first report's outlet) of the watch's alerts, oldest first."""
    watch = store.get_watch("bombings")
    return [(a.kind, a.payload["outlets"], a.payload["first_report"]["outlet"])
            for a in reversed(store.recent_alerts(watch.id, 100))]


def test_a_second_report_in_the_next_cycle_makes_one_alert_naming_both(store):
    rows = ecb_rows(12, 41)
    clock = Clock()
    _prepared(store, rows)
    monitor = _monitor(store, clock, settle=3600)
    monitor.pipeline.ingest_stream([ecb_record(rows["41_5ecbplus"], "Wire Two",
                                            "2026-11-01T10:00:00Z")])
    monitor.evaluate_watches(CycleReport())
    assert _alerts(store) == [], "a story with one report waits"
    clock.now += timedelta(minutes=20)  # the next poll: an earlier report of the bombing
    monitor.pipeline.ingest_stream([ecb_record(rows["41_10ecbplus"], "Wire One",
                                            "2026-11-01T08:00:00Z")])
    monitor.evaluate_watches(CycleReport())
    # Two independent reports: it goes out at once, with the earlier one as first report.
    assert _alerts(store) == [("new", ["Wire Two", "Wire One"], "Wire One")]
    clock.now += timedelta(hours=2)
    monitor.evaluate_watches(CycleReport())
    assert len(_alerts(store)) == 1, "nothing is left to tell: no update, no second alert"


def test_without_a_settle_window_the_same_reports_make_an_alert_and_an_update(store):
    rows = ecb_rows(12, 41)
    clock = Clock()
    _prepared(store, rows)
    monitor = _monitor(store, clock, settle=0)
    monitor.pipeline.ingest_stream([ecb_record(rows["41_5ecbplus"], "Wire Two",
                                            "2026-11-01T10:00:00Z")])
    monitor.evaluate_watches(CycleReport())
    clock.now += timedelta(minutes=20)
    monitor.pipeline.ingest_stream([ecb_record(rows["41_10ecbplus"], "Wire One",
                                            "2026-11-01T08:00:00Z")])
    monitor.evaluate_watches(CycleReport())
    clock.now += timedelta(hours=2)
    monitor.evaluate_watches(CycleReport())
    assert [kind for kind, _, _ in _alerts(store)] == ["new", "update"]


def test_a_held_alert_survives_a_restart_and_goes_out_once(db_location):
    rows = ecb_rows(12, 41)
    clock = Clock()
    with open_store(db_location) as store:
        _prepared(store, rows)
        monitor = _monitor(store, clock, settle=3600)
        monitor.pipeline.ingest_stream([ecb_record(rows["41_10ecbplus"], "Wire One",
                                                "2026-11-01T08:00:00Z")])
        monitor.evaluate_watches(CycleReport())
        assert _alerts(store) == []
    clock.now += timedelta(minutes=30)
    with open_store(db_location) as store:  # restarted before the window is over
        _monitor(store, clock, settle=3600).evaluate_watches(CycleReport())
        assert _alerts(store) == []
    clock.now += timedelta(minutes=31)
    with open_store(db_location) as store:  # and again once it is over
        monitor = _monitor(store, clock, settle=3600)
        monitor.evaluate_watches(CycleReport())
        monitor.evaluate_watches(CycleReport())
        assert _alerts(store) == [("new", ["Wire One"], "Wire One")]
        watch = store.get_watch("bombings")
        story = next(iter(store.watch_stories(
            watch.id, [a.story_key for a in store.recent_alerts(watch.id, 10)]).values()))
        assert not story.held and story.alerted_outlets == ["Wire One"]


def _late_report_first(store, settle: float) -> list[tuple[str, set[str]]]:
    """Cycle 1: a report of the camp bombing whose page is dated a month after it, alone.
    Cycle 2, an hour later: two reports dated on the day, a story of their own (the dates
    lie too far apart for the story stage to join them). Each alert's kind and the source
    ids of its story's articles."""
    rows = ecb_rows(12, 41)
    clock = Clock()
    _prepared(store, rows)
    monitor = _monitor(store, clock, settle)
    monitor.pipeline.ingest_stream([ecb_record(rows["41_11ecbplus"], "Paper",
                                            "2026-12-05T08:00:00Z")])
    monitor.evaluate_watches(CycleReport())
    clock.now += timedelta(hours=1)
    monitor.pipeline.ingest_stream([ecb_record(rows["41_10ecbplus"], "Wire One",
                                            "2026-11-01T08:00:00Z"),
                                    ecb_record(rows["41_5ecbplus"], "Wire Two",
                                            "2026-11-01T10:00:00Z")])
    monitor.evaluate_watches(CycleReport())
    clock.now += timedelta(hours=1)
    monitor.evaluate_watches(CycleReport())
    by_id = {a.id: a.source_id for a in store.iter_articles()}
    assert len({a.story_id for a in store.iter_articles()
                if a.source_id.startswith("41_")}) == 2, \
        "the late-dated report must be a story of its own for this test to mean anything"
    watch = store.get_watch("bombings")
    alerts = list(reversed(store.recent_alerts(watch.id, 100)))
    states = store.watch_stories(watch.id, [a.story_key for a in alerts])
    return [(a.kind, {by_id[i] for i in states[a.story_key].articles}) for a in alerts]


def test_a_lone_report_that_retells_a_story_alerted_while_it_waited_is_no_new_alert(store):
    """Its story stays apart, but when its wait is over the lone report retells the story
    alerted meanwhile: one "new" alert for the event, and the late report as an update."""
    assert _late_report_first(store, settle=3600) == [
        ("new", {"41_10ecbplus", "41_5ecbplus", "41_11ecbplus"}),
        ("update", {"41_10ecbplus", "41_5ecbplus", "41_11ecbplus"})]


def test_without_the_wait_the_lone_report_is_an_alert_of_its_own(store):
    assert [kind for kind, _ in _late_report_first(store, settle=0)] == ["new", "new"]
