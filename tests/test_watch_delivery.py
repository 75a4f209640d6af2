"""Apprise targets and digests, end to end: the demo newsroom on 127.0.0.1, the monitor,
and loopback receivers that Apprise's own ``json://`` and ``ntfy://`` services post to."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta

import feedparser
import pytest

from storywire.demo.newsroom import Newsroom, load_pages
from storywire.monitor import Monitor
from storywire.sources.retry import retry_after_seconds
from storywire.store import open_store
from storywire.watch.admin import watch_targets
from storywire.watch.digest import period_start
from test_monitor import QUAKE, Clock, cycle, monitor_options

from servers import LocalServer, Reply


@pytest.fixture(scope="module")
def pages():
    return load_pages()


def receiver() -> LocalServer:
    return LocalServer({"/": lambda r: Reply(200, b'{"ok": true}',
                                             {"Content-Type": "application/json"}),
                        "/hook": lambda r: Reply(200, b"ok")})


def posts(server: LocalServer, path: str) -> list[dict]:
    return [json.loads(r.body) for r in server.requests if r.path == path]


def kessel_pages(pages):
    return [s for s in pages if s.published and ("Kessel" in s.title or "Kessel" in s.body.decode(
        "utf-8", "replace")[:5000])]


def test_an_apprise_json_target_gets_one_notification_per_story(tmp_path, pages,
                                                              db_location):
    atom = tmp_path / "alerts.atom"
    with Newsroom(pages=pages) as room, receiver() as hook, \
            open_store(db_location) as store:
        for url in room.feed_urls():
            store.add_source(url, "feed", None, None, 60)
        port = hook.url().split(":")[-1].strip("/")
        targets = watch_targets(atoms=[str(atom)], notify=[f"json://127.0.0.1:{port}/hook"])
        store.add_watch("quakes", QUAKE, targets)
        report = cycle(Monitor(store, options=monitor_options(), clock=Clock()))
        assert report.errors == []
        notes = posts(hook, "/hook")
        assert len(notes) == report.alerts >= 2
        feed = feedparser.parse(atom.read_bytes())
        # The notification's title is the headline the Atom entry shows, with no prefix.
        assert sorted(n["title"] for n in notes) == sorted(e.title for e in feed.entries)
        assert not any(e.title.startswith("[") for e in feed.entries)
        assert all(e.link.startswith("http") for e in feed.entries)
        for note in notes:
            assert "Outlets (" in note["message"] and "First report:" in note["message"]
            assert " UTC" in note["message"]  # a readable time, not an ISO stamp
        # Readable by a feed reader running as another user.
        assert stat.S_IMODE(os.stat(atom).st_mode) == 0o644


def test_an_apprise_url_on_a_refused_address_is_not_called(db_location, pages):
    from storywire.monitor import DeliveryOptions
    with Newsroom(pages=pages[:3]) as room, receiver() as hook, \
            open_store(db_location) as store:
        for url in room.feed_urls():
            store.add_source(url, "feed", None, None, 60)
        port = hook.url().split(":")[-1].strip("/")
        store.add_watch("all", "the", [f"apprise:json://127.0.0.1:{port}/hook"])
        # Pages may be fetched from loopback here, but notifications may not go there.
        options = monitor_options(delivery=DeliveryOptions(attempts=1))
        report = cycle(Monitor(store, options=options, clock=Clock()))
        assert report.alerts >= 1 and posts(hook, "/hook") == []
        assert "loopback address" in report.errors[-1]
        assert store.watch_counts()["deliveries_dead"] == report.alerts


def test_watch_targets_refuse_a_url_apprise_does_not_know():
    with pytest.raises(ValueError, match="Apprise"):
        watch_targets(notify=["nosuchservice://token"])
    assert watch_targets(notify=["ntfy://ntfy.sh/storywire-desk"]) == [
        "apprise:ntfy://ntfy.sh/storywire-desk"]


def test_an_hourly_digest_sends_one_ntfy_message_per_hour_with_new_and_grown_stories(
        db_location, pages):
    kessel = kessel_pages(pages)
    with Newsroom(pages=kessel) as room, receiver() as ntfy, \
            open_store(db_location) as store:
        for url in room.feed_urls():
            store.add_source(url, "feed", None, None, 60)
        port = ntfy.url().split(":")[-1].strip("/")
        store.add_watch("kessel", '"Kessel Highlands"',
                        [f"apprise:ntfy://127.0.0.1:{port}/desk"], digest="hourly")
        clock = Clock()  # five past the next hour: sources are due, the hour just begun
        clock.now = clock.now.replace(minute=5, second=0, microsecond=0) + timedelta(hours=1)
        start = clock.now.replace(minute=0)
        monitor = Monitor(store, options=monitor_options(), clock=clock)

        room.limit = 2
        first = cycle(monitor)
        assert first.alerts >= 1 and posts(ntfy, "/") == []  # recorded, held for the hour
        clock.advance(minutes=50)                            # :55, the hour is not over
        assert cycle(monitor).alerts == 0 and posts(ntfy, "/") == []

        clock.advance(minutes=10)                            # the next hour: one digest
        cycle(monitor)
        digests = posts(ntfy, "/")
        assert len(digests) == 1
        message = digests[0]
        assert message["topic"] == "desk" and message["title"].startswith("kessel: ")
        assert "new stor" in message["title"]
        assert (f"From {start:%Y-%m-%d %H:%M} UTC to "
                f"{start + timedelta(hours=1):%Y-%m-%d %H:%M} UTC") in message["message"]
        assert message["message"].count("New: ") == first.alerts

        room.limit = len(kessel)                             # more outlets come
        clock.advance(minutes=20)
        cycle(monitor)
        clock.advance(hours=1, minutes=10)                   # an update is due
        cycle(monitor)
        clock.advance(hours=1)
        cycle(monitor)
        clock.advance(hours=3)
        cycle(monitor)
        sent = posts(ntfy, "/")
        periods = [m["message"].splitlines()[1] for m in sent]
        assert len(set(periods)) == len(periods)             # at most one per hour
        grown = [m for m in sent if "Grown: " in m["message"]]
        assert grown and all("new: " in m["message"] for m in grown)
        clock.advance(hours=3)
        cycle(monitor)
        assert len(posts(ntfy, "/")) == len(sent)            # nothing new: no empty digest


def test_a_daily_digest_period_starts_at_midnight_utc():
    when = datetime(2026, 11, 4, 23, 30, tzinfo=UTC)
    assert period_start(when, "daily") == datetime(2026, 11, 4, tzinfo=UTC)
    assert period_start(when, "hourly") == datetime(2026, 11, 4, 23, tzinfo=UTC)
    with pytest.raises(ValueError):
        period_start(when, "weekly")


def test_retry_after_is_read_in_both_forms():
    now = datetime(2026, 10, 21, 7, 27, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Wed, 21 Oct 2026 07:28:00 GMT", now) == 60
    assert retry_after_seconds("Wed, 21 Oct 2026 07:00:00 GMT", now) == 0  # past
    assert retry_after_seconds("soon", now) == 0 and retry_after_seconds(None, now) == 0
    assert retry_after_seconds("999999999", now) == 86400
