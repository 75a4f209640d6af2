"""The figure veto: a report does not join a story whose figures its own conflict with.

Two by-elections in one district, years apart, share every name (the district, the
electoral board, the party leaders); their reports carry no date. What tells them apart
is their figures: each election's reports retell its day, its count of candidates and its
turnout, and name none of the other's. A report of the later election names figures none
of the earlier story's reports name and misses those most of them name: with the veto it
starts its own story. A later report of one flood, whose toll rose, retells some of its
story's figures and joins it. Reports written for these tests, in the style of wire copy."""

from __future__ import annotations

import json
from dataclasses import replace

from storywire.model import Article, Capture
from storywire.pipeline import Pipeline, PipelineOptions
from storywire.stories import StoryOptions
from storywire.stories.assign import FIGURE_ROUTE
from storywire.stories.vectors import Vectorizer

BACKGROUND = {
    "bg-bridge": ("Repairs close Eastgate bridge for six months",
                  "Eastgate's only road bridge will close for six months from Monday while "
                  "engineers replace its deck, the county said. Buses will divert through "
                  "Millford, adding twenty minutes to the journey into the city centre."),
    "bg-match": ("Rovers edge Athletic in cup replay",
                 "A late header from captain Dele Okafor gave Rovers a 2-1 win over "
                 "Athletic in Tuesday's cup replay, sending them into the quarter-finals "
                 "for the first time in a decade."),
    "bg-budget": ("City council approves leaner budget",
                  "Councillors approved a budget that cuts library hours and raises parking "
                  "fees by 5 percent, after a three-hour debate in which opposition members "
                  "accused the mayor of hiding the cost of the new tram line."),
}

ELECTIONS = {
    "first-1": ("Voters in Marrowdale choose a new member in by-election",
                "Voters in Marrowdale went to the polls on 12 March to choose a member "
                "of the regional assembly, the Marrowdale Electoral Board said. Fourteen "
                "candidates, 14 in all, stood for the seat left empty by the death of "
                "Agnes Tolliver. Turnout reached 61.4 percent, and 327 polling stations "
                "stayed open until the evening, the board's chair Rashid Fenwick said."),
    "first-2": ("Marrowdale by-election draws 61.4 percent turnout",
                "The Marrowdale Electoral Board put turnout in the 12 March by-election "
                "at 61.4 percent across 327 polling stations. Chair Rashid Fenwick said 14 "
                "candidates had contested the seat of the late Agnes Tolliver in the "
                "regional assembly, and the count would finish overnight."),
    "first-3": ("Count under way in Marrowdale by-election",
                "Officials of the Marrowdale Electoral Board began counting ballots from "
                "327 polling stations after the by-election of 12 March. Chair Rashid "
                "Fenwick said the 14 candidates would hear the result by morning; "
                "turnout was 61.4 percent in the race for the regional assembly seat."),
    "second": ("Marrowdale votes again in regional assembly by-election",
               "Voters in Marrowdale went to the polls on 27 September to choose a "
               "member of the regional assembly, the Marrowdale Electoral Board said. "
               "Nine candidates, 9 in all, stood after the resignation of the seat's "
               "holder. Turnout was 48.2 percent at 295 polling stations, chair Rashid "
               "Fenwick said, and results are due overnight."),
}

FLOOD = {
    "flood-1": ("Floods in Tarrow valley kill 12, leave 3,400 homeless",
                "Flash floods in the Tarrow valley killed 12 people and left 3,400 homeless "
                "after the river burst its banks at Caddon Ford, the regional governor "
                "Ilse Marquand said. Rescuers searched 46 flooded villages."),
    "flood-2": ("Tarrow valley floods: 12 dead, 46 villages under water",
                "At least 12 people died and 3,400 were left homeless in the Tarrow valley "
                "floods, governor Ilse Marquand said at Caddon Ford, where the river "
                "broke its banks. Rescue teams reached 46 villages by boat."),
    "flood-3": ("Tarrow floods: rescuers reach cut-off villages",
                "Rescuers reached the last of the 46 villages cut off by the Tarrow valley "
                "floods, governor Ilse Marquand said, with 12 people confirmed dead and "
                "3,400 homeless around Caddon Ford."),
    "flood-later": ("Tarrow valley flood toll rises to 19",
                    "The toll of the Tarrow valley floods rose to 19 on Thursday as "
                    "rescuers found seven more bodies near Caddon Ford, governor Ilse "
                    "Marquand said. Some 4,100 people are homeless in the 46 villages "
                    "the river flooded, up from 3,400."),
}


def _record(ident: str, title: str, text: str) -> Capture:
    data = {"id": ident, "title": title, "text": text, "outlet": f"Outlet {ident}",
            "language": "en"}
    return Capture(raw=json.dumps(data).encode(), kind="record", origin=f"test:{ident}")


def _stories(store, reports: dict[str, tuple[str, str]], veto: int) -> dict[str, str]:
    records = [_record(key, *BACKGROUND[key]) for key in BACKGROUND]
    records += [_record(key, *value) for key, value in reports.items()]
    options = PipelineOptions(stories=StoryOptions(figure_veto=veto))
    Pipeline(store, options).ingest_stream(records)
    return {a.source_id: a.story_id for a in store.iter_articles()}


def test_a_report_of_the_other_election_starts_its_own_story(store):
    found = _stories(store, ELECTIONS, veto=2)
    assert found["first-1"] == found["first-2"] == found["first-3"]
    assert found["second"] != found["first-1"]


def test_without_the_veto_the_other_election_joins(store):
    found = _stories(store, ELECTIONS, veto=0)
    assert found["second"] == found["first-1"]


def test_a_rising_toll_still_joins_its_story(store):
    found = _stories(store, FLOOD, veto=2)
    assert len({found[key] for key in FLOOD}) == 1


def test_figures_are_kept_with_the_report_and_never_as_index_keys(store):
    _stories(store, FLOOD, veto=2)
    articles = {a.source_id: a for a in store.iter_articles()}
    [report] = store.get_story_reports([articles["flood-1"].id])
    kept = {k - FIGURE_ROUTE for k in report.keys if k >= FIGURE_ROUTE}
    assert kept and kept == set(Vectorizer().vectors(articles["flood-1"]).figures)
    assert store.story_candidates(sorted(FIGURE_ROUTE + f for f in kept), None, 32) == []


def test_years_are_no_figures_of_the_veto():
    article = Article(id="a", capture_sha256="a", origin="test",
                      title="Marrowdale elects a member for the first time since 2019",
                      paragraphs=["The seat, held since 2019, drew 14 candidates and 61.4 "
                                  "percent."])
    vectors = Vectorizer()
    figures = vectors.vectors(article).figures
    years_aside = replace(article, paragraphs=["The seat drew 14 candidates and 61.4 "
                                                "percent."],
                          title="Marrowdale elects a member for the first time")
    assert len(figures) == 2
    assert figures == vectors.vectors(years_aside).figures
