"""The time penalty keeps apart reports of look-alike news days apart.

A dated report five days after a story whose reports are all dated loses the penalty for
four days beyond the grace, and starts its own story even when it shares the event's
names; the start of a dock strike and its end four days later share every name and most
words, and stay two stories. Reports written for these tests, in the style of wire copy."""

from __future__ import annotations

from storywire.model import Capture
from storywire.pipeline import Pipeline
from written_reports import background, record

INQUIRY = {
    "preview": ("Renner Dam inquiry to publish findings on Friday",
                "The public inquiry into the collapse of the Renner Dam spillway will "
                "publish its findings on Friday, chair Judge Miriam Oyelaran said. The "
                "inquiry heard from forty witnesses on the inspections of the spillway "
                "before the collapse that flooded Harlow village in March."),
    "paste-1": ("Renner Dam inquiry blames missed inspections",
                "The inquiry into the Renner Dam spillway collapse found that inspectors "
                "missed cracks in the spillway for years, Judge Miriam Oyelaran said as "
                "she published the findings. The collapse flooded Harlow village in March."),
    "paste-2": ("Inspectors missed Renner Dam cracks, inquiry finds",
                "Cracks in the Renner Dam spillway went unreported for years before the "
                "collapse that flooded Harlow village, the public inquiry chaired by Judge "
                "Miriam Oyelaran found, calling the inspections of the dam a failure."),
    "report": ("Harlow families call for charges after dam findings",
               "Families in Harlow whose homes were flooded in March called for criminal "
               "charges on Sunday, two days after the Renner Dam inquiry found the "
               "spillway's cracks went unreported. Residents marched to the town hall and "
               "the water company apologised again."),
}

STRIKE = {
    "start-1": ("Port Velden dockers walk out over automation plan",
                "Dockworkers at Port Velden walked out on Monday over the operator's plan "
                "to bring in automated cranes, union leader Tomas Reyna said. Ships queued "
                "outside the Port Velden harbour as the dock strike halted cargo."),
    "start-2": ("Dock strike halts cargo at Port Velden",
                "Cargo stopped moving at Port Velden on Monday as dockworkers began a strike "
                "against the automated cranes plan, union leader Tomas Reyna said, with "
                "ships waiting outside the harbour."),
    "end-1": ("Port Velden strike over as operator agrees job guarantee",
              "The four-day stoppage at Port Velden ended on Friday evening when the "
              "operator agreed to guarantee every job until 2031 and to pay a 3 percent "
              "rise. A backlog of 40 vessels will take a week to clear, the port said."),
    "end-2": ("Velden dockers accept deal, backlog of vessels to clear",
              "Members voted by 412 to 96 to accept the operator's offer of a job "
              "guarantee until 2031 and a 3 percent rise, ending the stoppage at Port "
              "Velden. The port expects to clear the backlog of 40 vessels within a week."),
}


def _stories(store, records: list[Capture]) -> dict[str, str]:
    Pipeline(store).ingest_stream(background("2026-10-20T09:00:00Z") + records)
    return {a.source_id: a.story_id for a in store.iter_articles()}


def test_a_report_five_days_after_a_dated_story_starts_its_own(store):
    found = _stories(store, [
        record("preview", *INQUIRY["preview"], "2026-11-02T08:00:00Z"),
        record("paste-1", *INQUIRY["paste-1"], "2026-11-02T09:00:00Z"),
        record("paste-2", *INQUIRY["paste-2"], "2026-11-02T10:00:00Z"),
        record("report", *INQUIRY["report"], "2026-11-07T20:00:00Z")])
    assert found["report"] != found["preview"]


def test_a_strikes_start_and_end_days_apart_stay_two_stories(store):
    found = _stories(store, [
        record("start-1", *STRIKE["start-1"], "2026-11-02T07:00:00Z"),
        record("start-2", *STRIKE["start-2"], "2026-11-02T09:30:00Z"),
        record("end-1", *STRIKE["end-1"], "2026-11-06T18:00:00Z"),
        record("end-2", *STRIKE["end-2"], "2026-11-06T20:00:00Z")])
    assert found["start-1"] == found["start-2"]
    assert found["end-1"] == found["end-2"]
    assert found["start-1"] != found["end-1"]
