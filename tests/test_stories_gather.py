"""With `StoryOptions.gather` on, a young one-report story moves into a story of its
event once that story has grown enough to draw its report in. Real reports (ECB+ topic
11: Turkmenistan's 2013 parliamentary election, the first with two parties), behind
another topic's reports, as any store holds more than one (the IDF tells the topic's
words from the event's). A lonely report moves only when it would also join one of the
story's reports alone: a report of the topic's other event reaches the centroid of a grown
story, which holds the whole topic's words, without retelling any one report."""

from __future__ import annotations

import json

from click.testing import CliRunner

from storywire.cli import main
from storywire.pipeline import Pipeline, PipelineOptions
from storywire.store import open_store
from storywire.stories import StoryAssigner, StoryOptions

from conftest import ecb_record, ecb_rows

# in the order they arrive: the UN's consultation on the election starts the story; the
# short wire on the two parties shares too few words with it to join and starts its own;
# the third report, on the elections to be held, joins the first, and the story it grows
# now draws in the second
REPORTS = ("11_5ecbplus", "11_3ecbplus", "11_1ecbplus")


def _stories(store, gather: bool) -> dict[str, str]:
    rows = ecb_rows(11, 13)
    pipeline = Pipeline(store, PipelineOptions(stories=StoryOptions(gather=gather)))
    pipeline.ingest_stream([ecb_record(row, "Archive", "2026-10-01T08:00:00Z")
                            for key, row in sorted(rows.items()) if key.startswith("13_")])
    pipeline.ingest_stream([ecb_record(rows[key], f"Wire {hour}",
                                       f"2026-11-01T{8 + hour:02d}:00:00Z")
                            for hour, key in enumerate(REPORTS)])
    placed = {a.source_id: a.story_id for a in store.iter_articles()}
    return placed


def test_a_lonely_first_report_joins_its_event_once_the_story_has_grown(store):
    placed = _stories(store, gather=True)
    assert len({placed[key] for key in REPORTS}) == 1


def test_without_the_pass_the_arrival_order_keeps_it_apart(store):
    placed = _stories(store, gather=False)
    assert placed[REPORTS[0]] == placed[REPORTS[2]]
    assert placed[REPORTS[1]] != placed[REPORTS[0]]


def _records(rows: dict[str, dict]) -> str:
    """The same reports as JSON Lines, for `storywire ingest` (which reads them in file
    order): the archive a month before, then the three wires an hour apart."""
    lines = [{"id": key, "text": row["text"], "outlet": "Archive", "language": "en",
              "title": row.get("title") or row["text"][:60],
              "published": "2026-10-01T08:00:00Z"}
             for key, row in sorted(rows.items()) if key.startswith("13_")]
    lines += [{"id": key, "text": rows[key]["text"], "outlet": f"Wire {hour}", "language": "en",
               "title": rows[key].get("title") or rows[key]["text"][:60],
               "published": f"2026-11-01T{8 + hour:02d}:00:00Z"}
              for hour, key in enumerate(REPORTS)]
    return "\n".join(json.dumps(line) for line in lines) + "\n"


def _cli_stories(location: str) -> set[str]:
    with open_store(location) as store:
        placed = {a.source_id: a.story_id for a in store.iter_articles()}
    return {placed[key] for key in REPORTS}


def test_files_gather_as_the_monitor_does_and_the_switch_turns_it_off(tmp_path, db_location):
    """`ingest` runs the pass by default, as the monitor does, so a store filled from feeds
    and rebuilt from its captures keeps its stories; `--no-gather` still turns it off."""
    path = tmp_path / "wires.jsonl"
    path.write_text(_records(ecb_rows(11, 13)), "utf-8")

    def run(*args: str) -> None:
        result = CliRunner().invoke(main, ["--db", db_location, *args], env={})
        assert result.exit_code == 0, result.output

    run("ingest", "--no-progress", "--no-understand", "--workers", "1", str(path))
    assert len(_cli_stories(db_location)) == 1
    run("reprocess", "--stage", "stories", "--no-progress", "--workers", "1", "--no-gather")
    assert len(_cli_stories(db_location)) == 2
    run("reprocess", "--stage", "stories", "--no-progress", "--workers", "1")
    assert len(_cli_stories(db_location)) == 1


# ECB+ topic 29: the Colts beat the Jaguars 31-24 and clinch a playoff berth (one event),
# and the Colts beat the Chiefs 20-13 (the other); the Chiefs report comes third
JAGUARS = ("29_10ecb", "29_11ecb", "29_1ecb", "29_2ecb", "29_3ecb", "29_4ecb", "29_5ecb",
           "29_6ecb")
CHIEFS = "29_13ecbplus"


def test_a_lonely_report_of_the_look_alike_event_is_not_gathered(store):
    """The grown story's centroid holds the topic's words (the Colts, Peyton Manning, a
    fourth-quarter win), so the other game's report reaches it; it matches none of the
    story's reports alone, and stays apart."""
    rows = ecb_rows(1, 11, 29)
    pipeline = Pipeline(store, PipelineOptions(stories=StoryOptions(gather=True)))
    pipeline.ingest_stream([ecb_record(row, "Archive", "2026-10-01T08:00:00Z")
                            for key, row in sorted(rows.items()) if not key.startswith("29_")])
    order = [*JAGUARS[:2], CHIEFS, *JAGUARS[2:]]
    pipeline.ingest_stream([ecb_record(rows[key], f"Wire {hour}",
                                       f"2026-11-01T{8 + hour:02d}:00:00Z")
                            for hour, key in enumerate(order)])
    articles = {a.source_id: a for a in store.iter_articles()}
    jaguars = {articles[key].story_id for key in JAGUARS}
    assert len(jaguars) == 1
    assert articles[CHIEFS].story_id not in jaguars
    assigner = StoryAssigner(store)
    [(centroid, _)] = assigner.affinity(articles[CHIEFS], list(jaguars)).values()
    alone = assigner.report_affinity(articles[CHIEFS], [articles[k] for k in JAGUARS])
    assert centroid >= 0 > max(alone.values())
