"""The monitor's commands as a user runs them: sources, poll, run, watches, demo --live."""

from __future__ import annotations

import json

import feedparser
import pytest
from click.testing import CliRunner

from storywire.cli import main
from storywire.demo.newsroom import Newsroom, load_pages

from servers import LocalServer, Reply

LOOPBACK = {"STORYWIRE_ALLOW_LOOPBACK": "1", "STORYWIRE_HOST_INTERVAL": "0"}


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env or {})


@pytest.fixture(scope="module")
def quake_room():
    stories = [s for s in load_pages() if "quake" in s.title.lower()]
    with Newsroom(pages=stories) as room:
        yield room


def test_sources_add_discovers_feeds_and_refuses_loopback_by_default(db_location, quake_room):
    db = db_location
    home = quake_room.home_urls()[0]
    refused = run("--db", db, "sources", "add", home)
    assert refused.exit_code == 1 and "loopback address" in refused.output
    added = run("--db", db, "sources", "add", home, env=LOOPBACK)
    assert added.exit_code == 0, added.output
    assert "added: [1] feed " + quake_room.feed_urls()[0] in added.output
    again = run("--db", db, "sources", "add", quake_room.feed_urls()[0], env=LOOPBACK)
    assert "already there" in again.output
    sitemap = run("--db", db, "sources", "add", quake_room.base_url + "/sitemap_news.xml",
                  env=LOOPBACK)
    assert "added: [2] sitemap" in sitemap.output
    listed = [json.loads(line) for line in
              run("--db", db, "sources", "list", "--json").output.splitlines()]
    assert [s["kind"] for s in listed] == ["feed", "sitemap"]
    assert listed[0]["last_poll"] is None
    removed = run("--db", db, "sources", "remove", "2")
    assert removed.exit_code == 0 and "removed [2]" in removed.output
    assert run("--db", db, "sources", "remove", "2").exit_code == 1


def test_sources_add_without_a_feed_says_so(db_location):
    with LocalServer({"/": lambda r: Reply(200, b"<html><head></head><body>hi</body></html>",
                                           {"Content-Type": "text/html"})}) as server:
        result = run("--db", db_location, "sources", "add", server.url("/"), env=LOOPBACK)
    assert result.exit_code == 1 and "no feed or sitemap found" in result.output


def test_opml_import(tmp_path, db_location):
    opml = tmp_path / "subs.opml"
    opml.write_text('<opml version="2.0"><body><outline text="x">'
                    '<outline text="Ledger" xmlUrl="https://www.ledger.example/rss.xml"/>'
                    '<outline text="Wire" xmlUrl="https://www.meridianwire.example/atom"/>'
                    "</outline></body></opml>")
    db = db_location
    assert "2 feeds added, 0 already there" in run("--db", db, "sources", "import",
                                                   opml).output
    assert "0 feeds added, 2 already there" in run("--db", db, "sources", "import",
                                                   opml).output
    assert "never" in run("--db", db, "sources", "list").output
    listed = [json.loads(line) for line in
              run("--db", db, "sources", "list", "--json").output.splitlines()]
    assert [(s["url"], s["title"]) for s in listed] == [
        ("https://www.ledger.example/rss.xml", "Ledger"),
        ("https://www.meridianwire.example/atom", "Wire")]
    bad = tmp_path / "bad.opml"
    bad.write_text("not xml")
    result = run("--db", db, "sources", "import", bad)
    assert result.exit_code == 1 and "bad.opml: not readable OPML" in result.output


def test_watch_commands_then_poll_delivers_to_an_atom_file(tmp_path, db_location,
                                                          quake_room):
    db = db_location
    atom = tmp_path / "quakes.atom"
    bad = run("--db", db, "watch", "add", "broken", "(quake")
    assert bad.exit_code == 1 and "unclosed parenthesis" in bad.output
    added = run("--db", db, "watch", "add", "quakes", "quake OR earthquake", "--atom", atom)
    assert added.exit_code == 0 and "(quake OR earthquake)" in added.output
    assert run("--db", db, "watch", "add", "quakes", "x").exit_code == 1  # name taken
    wrong = run("--db", db, "watch", "add", "w2", "x", "--webhook", "ftp://h.example/x")
    assert wrong.exit_code == 1 and "not an http(s) URL" in wrong.output
    for url in quake_room.feed_urls():
        run("--db", db, "sources", "add", url, env=LOOPBACK)
    polled = run("--db", db, "poll", env=LOOPBACK)
    assert polled.exit_code == 0, polled.output
    assert f"{len(quake_room.pages)} articles" in polled.output
    feed = feedparser.parse(atom.read_bytes())
    assert feed.version == "atom10" and feed.entries
    listing = run("--db", db, "watch", "list").output
    assert "quakes" in listing and f"atom:{atom}" in listing
    tested = run("--db", db, "watch", "test", "quakes").output
    assert f"{len(feed.entries)} stories match" in tested and "first report:" in tested
    assert run("--db", db, "watch", "remove", "quakes").exit_code == 0
    assert run("--db", db, "watch", "test", "quakes").exit_code == 1
    sources = [json.loads(line) for line in
               run("--db", db, "sources", "list", "--json").output.splitlines()]
    assert sum(s["items_seen"] for s in sources) == len(quake_room.pages)
    assert all(s["last_status"] == 200 for s in sources)


def test_run_stops_after_its_cycles_and_a_restart_adds_nothing(db_location, quake_room):
    db = db_location
    for url in quake_room.feed_urls():
        run("--db", db, "sources", "add", url, env=LOOPBACK)
    first = run("--db", db, "run", "--max-cycles", "1", env=LOOPBACK)
    assert first.exit_code == 0, first.output
    assert f"{len(quake_room.pages)} articles" in first.output and "stopped" in first.output
    second = run("--db", db, "run", "--max-cycles", "1", env=LOOPBACK)
    assert "0 new items, 0 pages, 0 articles" in second.output


def test_demo_live_shows_alerts_arriving_and_stops_by_itself(tmp_path, db_location,
                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)  # where a PostgreSQL database's Atom file goes
    db = db_location
    result = run("--db", db, "demo", "--live", "--duration", "2")
    assert result.exit_code == 0, result.output
    assert "ALERT" in result.output and "done:" in result.output
    atoms = list(tmp_path.glob("*-alerts.atom"))  # beside the file, or named for the database
    assert len(atoms) == 1, result.output
    feed = feedparser.parse(atoms[0].read_bytes())
    # One alert per story: the demo's two earthquakes, reported by several outlets each,
    # alert far fewer times than they have reports (updates depend on the live timing).
    titles = [entry.title for entry in feed.entries]
    assert not any(t.startswith("[") for t in titles)   # headlines, no "[watch] New story:"
    new = [t for t in titles if " (+" not in t]          # an update adds "(+N outlets)"
    assert 2 <= len(new) <= 5 and len(set(new)) == len(new), titles
    again = run("--db", db, "demo", "--live", "--duration", "2")
    assert again.exit_code == 1 and "already holds articles" in again.output


def test_sources_add_finds_a_feed_at_a_common_path(db_location):
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet Gazette</title>'
           b"<link>/</link><description>d</description></channel></rss>")
    routes = {"/": lambda r: Reply(200, b"<html><head></head><body>hi</body></html>",
                                   {"Content-Type": "text/html"}),
              "/rss.xml": lambda r: Reply(200, rss, {"Content-Type": "text/html"})}
    with LocalServer(routes) as server:
        result = run("--db", db_location, "sources", "add", server.url("/"),
                     env=LOOPBACK)
    assert result.exit_code == 0, result.output
    assert f"added: [1] feed {server.url('/rss.xml')} (Quiet Gazette)" in result.output


def test_a_loopback_webhook_is_warned_about_and_a_failed_delivery_fails_poll(db_location,
                                                                            quake_room):
    db = db_location
    added = run("--db", db, "watch", "add", "quakes", "quake OR earthquake",
                "--webhook", "http://127.0.0.1:9/hook")
    assert added.exit_code == 0
    assert "warning: webhook http://127.0.0.1:9/hook" in added.output
    assert "loopback address" in added.output and "--allow-loopback" in added.output
    quiet = run("--db", db, "watch", "add", "quakes2", "quake",
                "--webhook", "http://[2001:4860:4860::8888]/hook")
    assert quiet.exit_code == 0 and "warning" not in quiet.output
    run("--db", db, "watch", "remove", "quakes2")
    for url in quake_room.feed_urls():
        run("--db", db, "sources", "add", url, env=LOOPBACK)
    polled = run("--db", db, "poll", env=LOOPBACK)  # nothing listens on port 9
    assert polled.exit_code == 1, polled.output
    assert "deliveries failed" in polled.output and "127.0.0.1:9/hook" in polled.output
