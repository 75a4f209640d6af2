"""The story commands as a user runs them on the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storywire.cli import main

from conftest import BACKENDS, new_location


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], env={"COLUMNS": "200"})


@pytest.fixture(scope="module", params=BACKENDS)
def demo_db(request, tmp_path_factory):
    """The demo made by `storywire demo`, in a SQLite file and then in a PostgreSQL
    database (the CLI gets its postgresql:// URL as --db)."""
    folder = tmp_path_factory.mktemp("cli-stories")
    for db in new_location(request, folder, "demo.db"):
        result = run("--db", db, "demo", "--no-progress")
        assert result.exit_code == 0, result.output
        assert "Stories: 14" in result.output
        yield db


def test_stories_lists_each_story_with_its_counts(demo_db):
    listed = [json.loads(line) for line in run("--db", demo_db, "stories", "--json")
              .output.splitlines()]
    assert len(listed) == 14
    quake = next(s for s in listed if any("Kessel" in (m["title"] or "")
                                          for m in s["members"]))
    assert (quake["reports"], quake["copies"]) == (3, 4)
    assert {m["outlet"] for m in quake["members"]} >= {"Meridian Wire", "L'Écho du Lac"}
    assert all(c["copy_of"] for m in quake["members"] for c in m["copies"])
    table = run("--db", demo_db, "stories").output
    assert quake["headline"] in table


def test_stories_filters_by_date_and_outlet(demo_db):
    since = [json.loads(line) for line in run("--db", demo_db, "stories", "--json", "--since",
                                              "2026-11-08").output.splitlines()]
    assert {s["last_seen"][:10] for s in since} <= {"2026-11-08", "2026-11-09"}
    assert len(since) == 3
    french = [json.loads(line) for line in run("--db", demo_db, "stories", "--json",
                                               "--outlet", "L'Écho du Lac").output.splitlines()]
    assert len(french) == 4
    assert run("--db", demo_db, "stories", "--since", "soon").exit_code != 0


def test_story_shows_the_coverage_side_by_side(demo_db):
    listed = [json.loads(line) for line in run("--db", demo_db, "stories", "--json")
              .output.splitlines()]
    quake = next(s for s in listed if any("Kessel" in (m["title"] or "")
                                          for m in s["members"]))
    shown = run("--db", demo_db, "story", quake["id"][:8])
    assert shown.exit_code == 0, shown.output
    assert "The Northern Ledger" in shown.output and "Meridian Wire" in shown.output
    assert "L'Écho du Lac" in shown.output
    assert "adds names:" in shown.output and "adds figures:" in shown.output
    assert "copy:" in shown.output
    assert run("--db", demo_db, "story", "ffffffff").exit_code != 0


def test_story_says_who_said_what_and_where_the_figures_differ(demo_db):
    listed = [json.loads(line) for line in run("--db", demo_db, "stories", "--json")
              .output.splitlines()]
    quake = next(s for s in listed if any("Kessel" in (m["title"] or "")
                                          for m in s["members"]))
    shown = run("--db", demo_db, "story", quake["id"])
    text = shown.output
    assert "Who said what" in text and "Figures reported differently" in text
    # The seismologist's quote, carried by the wire and the outlets copying it, shows once
    # with all of them.
    data = json.loads(run("--db", demo_db, "story", quake["id"], "--json").output)
    hart = next(g for g in data["who_said_what"] if g["speaker"] == "Lena Hart")
    carried = max(hart["quotes"], key=lambda q: len(q["sources"]))
    assert len({s["outlet"] for s in carried["sources"]}) >= 3
    assert text.count(carried["text"][:40]) == 1
    # truth.json: the wire says at least 12 dead, the Ledger 14. The 31 killed by the
    # 1987 quake (both outlets' history paragraph) and the Ledger's "nine of the dead" are
    # not this count.
    killed = next(c for c in data["figures"] if c["subject"] == "people killed")
    reported = {(r["outlet"], r["value"]) for r in killed["reports"]}
    assert reported == {("Meridian Wire", 12), ("The Northern Ledger", 14)}
    assert "people killed — " in text


def test_export_carries_the_story(demo_db, tmp_path):
    out = tmp_path / "demo.jsonl"
    assert run("--db", demo_db, "export", "--output", out).exit_code == 0
    exported = [json.loads(line) for line in out.read_text().splitlines()]
    assert all(e["story_id"] for e in exported)


def test_reprocess_stories_says_what_it_rebuilt(demo_db):
    result = run("--db", demo_db, "reprocess", "--stage", "stories", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "66 articles placed in 14 stories" in result.output


def run80(*args):
    return CliRunner().invoke(main, [str(a) for a in args], env={"COLUMNS": "80"})


def test_the_readme_tour_ids_are_what_it_says(demo_db):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    tour = readme.split("## A short tour", 1)[1].split("```", 2)[1]
    commands = {line.split()[3]: line.split()[4] for line in tour.splitlines()
                if line.startswith("storywire --db demo.db ")
                and line.split()[3] in ("show", "copies", "story")}
    assert set(commands) == {"show", "copies", "story"}
    shown = run80("--db", demo_db, "show", commands["show"])
    assert shown.exit_code == 0 and f"id  {commands['show']}" in shown.output
    tree = run80("--db", demo_db, "copies", commands["copies"])
    assert tree.output.startswith(f"original  {commands['copies']}")  # an original...
    assert "├─" in tree.output                                         # ...with copies
    listed = [json.loads(x) for x in run("--db", demo_db, "stories", "--json")
              .output.splitlines()]
    assert sum(s["id"].startswith(commands["story"]) for s in listed) == 1  # a story's id
    assert run80("--db", demo_db, "story", commands["story"]).exit_code == 0


def test_a_unique_prefix_works_in_every_command_that_takes_an_id(demo_db):
    listed = [json.loads(x) for x in run("--db", demo_db, "stories", "--json")
              .output.splitlines()]
    quake = next(s for s in listed if s["reports"] == 3 and s["copies"] == 4)
    article = quake["members"][0]["id"]
    for command in (["show", article[:6]], ["copies", article[:6]],
                    ["story", quake["id"][:6]], ["quotes", "--story", quake["id"][:6]]):
        result = run80("--db", demo_db, *command)
        assert result.exit_code == 0, (command, result.output)
    whole = run("--db", demo_db, "quotes", "--story", quake["id"], "--json").output
    prefixed = run("--db", demo_db, "quotes", "--story", quake["id"][:6], "--json").output
    assert whole == prefixed and whole
    missing = run80("--db", demo_db, "quotes", "--story", "ffffffffff")
    assert missing.exit_code != 0 and "no story with id (or unique prefix)" in missing.output


def test_stories_read_well_at_80_columns_with_plurals_right(demo_db):
    listed = [json.loads(x) for x in run("--db", demo_db, "stories", "--json")
              .output.splitlines()]
    text = run80("--db", demo_db, "stories").output
    lines = text.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    # A headline that fits beside the id is on one line, whole.
    short = [s["headline"] for s in listed if len(s["headline"]) <= 60]
    assert short and all(any(h in line for line in lines) for h in short)
    assert len(lines) < 12 * len(listed)  # was about 25 lines a story
    assert "1 copy" in text and "1 report" in text
    assert "1 copies" not in text and "1 reports" not in text and "1 outlets" not in text


def test_articles_says_when_it_stops_at_its_limit(demo_db):
    limited = run80("--db", demo_db, "articles", "--limit", "5").output
    assert "stopped at --limit 5: more with --offset 5" in limited
    assert len([x for x in run("--db", demo_db, "articles", "--limit", "5", "--json")
                .output.splitlines()]) == 5
    everything = run80("--db", demo_db, "articles", "--limit", "100").output
    assert "stopped at" not in everything
    assert max(len(line.rstrip()) for line in everything.splitlines()) <= 80


def test_copy_trees_and_the_demo_summary_read_whole_at_80_columns(tmp_path):
    summary = run80("--db", tmp_path / "demo.db", "demo", "--no-progress").output
    sections = summary.split("Copies: ", 1)[1]  # the copy trees, then the stories
    lines = sections.splitlines()[1:]
    assert lines and max(len(line.rstrip()) for line in lines) <= 80
    stories = lines.index(next(x for x in lines if x.startswith("Stories: ")))
    body = [line for line in lines[:stories] + lines[stories + 1:stories + 29] if line.strip()]
    assert all(line.startswith("  ") for line in body)  # wrapped under their text
    assert any(line.startswith("    │  ") for line in body)  # a copy's headline under it
    tree = run80("--db", tmp_path / "demo.db", "copies", "102b345f").output.splitlines()
    assert tree[0].startswith("original  102b345f38793949  2026-11-02 07:40  Meridian Wire")
    assert tree[1].strip() == "Strong earthquake kills at least 12 in Kessel Highlands"
    assert max(len(line) for line in tree) <= 80
