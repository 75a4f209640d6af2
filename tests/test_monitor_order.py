"""A batch of fetched pages enters the pipeline in its feeds' publication order, so the
same pages give the same stories whatever order the network delivered them in (and a
killed and restarted `run` ends as an uninterrupted one)."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email import message_from_bytes, policy

from storywire.demo.newsroom import load_pages
from storywire.model import Capture
from storywire.monitor import CycleReport, Monitor, publication_order
from storywire.store import open_store
from storywire.watch import Alert, email_message


def _capture(raw: bytes, url: str, published: str | None) -> Capture:
    return Capture(raw=raw, kind="html", origin=url, url=url,
                   meta={"item_url": url, "feed_published": published})


def test_pages_sort_by_feed_time_across_offsets_undated_last_then_by_content():
    pages = [_capture(b"<p>a</p>", "https://b.example/1", None),
             _capture(b"<p>b</p>", "https://a.example/2", "2026-11-03T10:00:00+02:00"),
             _capture(b"<p>c</p>", "https://a.example/3", "2026-11-03T09:00:00"),
             _capture(b"<p>d</p>", "https://a.example/4", None),
             _capture(b"<p>e</p>", "https://a.example/5", "2026-11-03T08:30:00+00:00")]
    ordered = [c.url for c in sorted(pages, key=publication_order)]
    # 10:00+02:00 is 08:00 UTC; a naive 09:00 is taken as UTC.
    assert ordered == ["https://a.example/2", "https://a.example/5", "https://a.example/3",
                       "https://a.example/4", "https://b.example/1"]


def test_pages_without_a_date_keep_their_order_at_another_address():
    """Undated pages (and pages of one time) are ordered by their content: the same pages
    served on other ports, as a test harness or a moved site serves them, enter the
    pipeline in the same order."""
    bodies = [f"<p>page {n}</p>".encode() for n in range(12)]
    orders = []
    for port in (8080, 41999):
        pages = [_capture(body, f"http://127.0.0.1:{port + 7 * n}/p{n}", None)
                 for n, body in enumerate(bodies)]
        orders.append([c.raw for c in sorted(pages, key=publication_order)])
    assert orders[0] == orders[1]
    same_time = [_capture(body, f"http://127.0.0.1:{port}/p", "2026-11-03T08:00:00Z")
                 for port, body in ((9001, bodies[0]), (9000, bodies[1]))]
    assert [c.raw for c in sorted(same_time, key=publication_order)] == \
        [c.raw for c in sorted(same_time, key=lambda c: c.sha256)]


def test_the_same_pages_in_any_arrival_order_give_the_same_stories(db_location,
                                                                   other_location):
    pages = load_pages()
    captures = [_capture(p.body, f"http://127.0.0.1:9{p.path}",
                         p.published.isoformat() if p.published else None) for p in pages]
    assert len(captures) >= 60
    grouped = []
    for seed, location in ((1, db_location), (2, other_location("arrived-2.db"))):
        shuffled = captures[:]
        random.Random(seed).shuffle(shuffled)
        with open_store(location) as store:
            Monitor(store).ingest(shuffled, CycleReport())
            members: dict[str, set[str]] = {}
            for article in store.iter_articles():
                members.setdefault(article.story_id, set()).add(article.id)
            grouped.append(({frozenset(m) for m in members.values()},
                            {a.id: a.copy_of for a in store.iter_articles()}))
    assert grouped[0] == grouped[1]
    stories, _ = grouped[0]
    assert 10 <= len(stories) < len(captures)


def test_a_long_subject_stays_on_its_header_line():
    headline = "Strong earthquake kills at least 12 in Kessel Highlands as rescuers dig"
    payload = {"watch": "quakes", "query": "quake", "kind": "new", "story": "s1",
               "headline": headline, "outlets": ["Meridian Wire"],
               "new_outlets": ["Meridian Wire"],
               "first_report": {"outlet": "Meridian Wire",
                                "published": "2026-11-02T07:40:00+00:00"},
               "link": "https://wire.example/kessel", "articles": 1}
    alert = Alert(3, "quakes", "new", datetime(2026, 11, 2, 8, tzinfo=UTC), payload)
    sent = email_message(alert, "desk@example.org", "storywire@example.org")
    wire = sent.as_bytes(policy=sent.policy.clone(linesep="\r\n"))
    assert b"\r\nSubject: [quakes] New story: Strong earthquake" in b"\r\n" + wire
    received = message_from_bytes(wire, policy=policy.default)
    assert received["Subject"] == f"[quakes] New story: {headline}"
