"""The time penalty against a story is weighed by the share of dated reports among the
story's reports that tell the new report's news.

A story known from undated archive pages and one dated report has a span that says little
about when its coverage ran: a dated report days later that retells the undated pages pays
only a part of the penalty and joins. But when the undated pages are a look-alike event's
(an earlier vote in the same province) and only the story's dated reports tell the new
report's news, their dates are what is known of it, and it pays the whole penalty: it
does not join a story the other event's reports fill. Reports written for these tests."""

from __future__ import annotations

import pytest

from storywire.model import Capture
from storywire.pipeline import Pipeline, PipelineOptions
from storywire.stories import StoryOptions
from written_reports import background, record

# an earlier assembly vote in Kessland, known from undated archive pages
EARLIER = {
    "earlier-1": ("Kessland votes in provincial assembly election",
                  "Voters in Kessland province chose a new provincial assembly on Sunday, "
                  "with Governor Aldo Ferrant's Unity Party expected to keep every seat. The "
                  "Kessland electoral commission said turnout passed 90 percent, a figure "
                  "observers doubted."),
    "earlier-2": ("Unity Party sweeps Kessland assembly vote",
                  "Governor Aldo Ferrant's Unity Party won all 125 seats in the Kessland "
                  "provincial assembly election, the electoral commission said, after a vote "
                  "in which no opposition candidate stood."),
    "earlier-3": ("Observers criticise Kessland assembly election",
                  "Election observers said Sunday's Kessland provincial assembly vote offered "
                  "no real choice, as every candidate backed Governor Aldo Ferrant and the "
                  "Unity Party. The electoral commission rejected the criticism."),
    "earlier-4": ("Kessland assembly vote turnout above 90 percent",
                  "The Kessland electoral commission put turnout in the provincial assembly "
                  "election at 93 percent and said the Unity Party of Governor Aldo Ferrant "
                  "had taken every seat in the new assembly."),
}

# the next assembly vote, the first with two parties: dated reports
NEXT = {
    "next-1": ("Kessland to hold first two-party assembly election",
               "Kessland will elect its provincial assembly on December 15 with two parties "
               "on the ballot for the first time, the electoral commission said on Monday, "
               "as the new Farmers Party registered its candidates against Governor Aldo "
               "Ferrant's Unity Party."),
    "next-2": ("Farmers Party joins Kessland assembly race",
               "The Farmers Party registered 60 candidates for the Kessland provincial "
               "assembly election on December 15, the electoral commission said, the first "
               "time a second party will challenge Governor Aldo Ferrant's Unity Party."),
    "campaign": ("Farmers Party opens campaign",
                 "The 60 candidates of the Farmers Party began campaigning on Sunday ahead "
                 "of the December 15 poll, holding rallies in the market towns where the new "
                 "party registered them."),
}

# a dated report of the earlier vote, and one more days later that retells the archive
RESULT = {
    "result": ("Kessland commission certifies assembly result",
               "The Kessland electoral commission certified the provincial assembly "
               "election on Monday, confirming that Governor Aldo Ferrant's Unity Party "
               "holds all 125 seats after a turnout of 93 percent."),
    "sworn-in": ("New Kessland assembly sworn in",
                 "The 125 members of the new Kessland provincial assembly, all of Governor "
                 "Aldo Ferrant's Unity Party, were sworn in on Friday after an election the "
                 "electoral commission said drew a turnout of 93 percent."),
}


def _stories(store, records: list[Capture], dated_share: bool) -> dict[str, str]:
    undated = [record(key, *EARLIER[key], None) for key in EARLIER]
    pipeline = Pipeline(store, PipelineOptions(stories=StoryOptions(dated_share=dated_share)))
    pipeline.ingest_stream(background("2026-11-01T09:00:00Z") + undated + records)
    return {a.source_id: a.story_id for a in store.iter_articles()}


def _next_vote() -> list[Capture]:
    return [record("next-1", *NEXT["next-1"], "2026-11-02T08:00:00Z"),
            record("next-2", *NEXT["next-2"], "2026-11-02T09:00:00Z"),
            record("campaign", *NEXT["campaign"], "2026-11-06T20:00:00Z")]


def test_the_next_votes_first_reports_join_the_earlier_votes_undated_story(store):
    # what the penalty cannot part: no date on the archive's side
    found = _stories(store, _next_vote(), dated_share=True)
    assert found["next-1"] == found["next-2"] == found["earlier-1"]


@pytest.mark.parametrize("dated_share", [True, False])
def test_a_later_report_only_the_dated_reports_tell_pays_the_whole_penalty(store,
                                                                           dated_share):
    found = _stories(store, _next_vote(), dated_share=dated_share)
    assert found["campaign"] != found["next-1"]


def test_a_later_report_the_undated_reports_tell_pays_their_share(store):
    records = [record("result", *RESULT["result"], "2026-11-02T08:00:00Z"),
               record("sworn-in", *RESULT["sworn-in"], "2026-11-08T20:00:00Z")]
    assert len({_stories(store, records, dated_share=True)[key]
                for key in ("result", "sworn-in", "earlier-1")}) == 1


def test_without_the_weighing_the_same_report_stays_apart(store):
    records = [record("result", *RESULT["result"], "2026-11-02T08:00:00Z"),
               record("sworn-in", *RESULT["sworn-in"], "2026-11-08T20:00:00Z")]
    found = _stories(store, records, dated_share=False)
    assert found["result"] == found["earlier-1"]
    assert found["sworn-in"] != found["result"]
