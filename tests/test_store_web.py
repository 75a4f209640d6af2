"""The store's web methods: pages by cursor (dated and undated articles, filters), copy
counts, facets, delivery states."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from storywire.model import Article, Capture
from storywire.store import ArticleFilter, StoreError


def _put(store, n: int, published: datetime | None, outlet: str, copy_of: str | None = None):
    capture = Capture(raw=f"article {n}".encode(), kind="text", origin=f"test:{n}")
    store.put_capture(capture)
    article = Article(id=capture.article_id, capture_sha256=capture.sha256,
                      origin=capture.origin, paragraphs=[f"Body of article {n}."],
                      outlet=outlet, title=f"Article {n}", published=published,
                      language="fr" if n % 5 == 0 else "en", copy_of=copy_of,
                      copy_kind="near" if copy_of else None)
    store.put_article(article)
    return article


@pytest.fixture
def filled(store):
    start = datetime(2026, 11, 1, 8, tzinfo=UTC)
    made = []
    for n in range(23):
        published = None if n % 7 == 3 else start + timedelta(hours=5 * (n // 2))  # ties too
        made.append(_put(store, n, published, "Ledger" if n % 2 else "Courier"))
    made.append(_put(store, 99, start, "Ledger", copy_of=made[0].id))
    made.append(_put(store, 98, start, "Courier", copy_of=made[0].id))
    return made


def _walk(store, flt):
    ids, after = [], None
    while True:
        page = store.article_page(flt, after)
        ids += [a.id for a in page.articles]
        if not page.next_cursor:
            return ids
        after = page.next_cursor


def test_pages_by_cursor_cover_every_article_once_newest_first_undated_last(store, filled):
    ids = _walk(store, ArticleFilter(limit=4))
    assert sorted(ids) == sorted(a.id for a in filled)
    by_id = {a.id: a for a in filled}
    dates = [by_id[i].published for i in ids]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert all(d is None for d in dates[len(dated):])  # the undated come last
    assert len(dates) - len(dated) == 3


def test_pages_by_cursor_follow_the_filters(store, filled):
    originals = _walk(store, ArticleFilter(limit=3, originals=True, outlet="Ledger"))
    assert originals and {a.id for a in filled if a.outlet == "Ledger" and not a.copy_of} \
        == set(originals)
    day = _walk(store, ArticleFilter(limit=2, since=date(2026, 11, 2), until=date(2026, 11, 2)))
    assert day and all(a.published.date() == date(2026, 11, 2)
                       for a in filled if a.id in day)
    assert len(day) == sum(1 for a in filled if a.published
                           and a.published.date() == date(2026, 11, 2))
    french = _walk(store, ArticleFilter(limit=50, language="fr"))
    assert set(french) == {a.id for a in filled if a.language == "fr"}


def test_a_malformed_cursor_is_a_store_error(store, filled):
    with pytest.raises(StoreError, match="not a page cursor"):
        store.article_page(ArticleFilter(), "bm90IGpzb24")


def test_copy_counts_facets_and_people(store, filled):
    assert store.copy_counts([a.id for a in filled]) == {filled[0].id: 2}
    facets = store.facets()
    assert dict(facets["outlets"]) == {"Ledger": 12, "Courier": 13}
    assert facets["outlets"][0] == ("Courier", 13)  # most articles first
    assert dict(facets["languages"])["fr"] == 5
    assert store.articles_with_people(10) == []
    filled[4].quotes = [{"text": "We will not move", "speaker": "Ana Ruiz", "start": 0,
                         "end": 4, "kind": "direct", "cue": "said",
                         "speaker_description": None}]
    store.put_article(filled[4])
    assert [a.id for a in store.articles_with_people(10)] == [filled[4].id]


def test_deliveries_by_alert(store, filled):
    from storywire.store.records import NewAlert

    watch = store.add_watch("w", "article", ["webhook:http://example.org/h", "email:a@b.c"])
    now = datetime(2026, 11, 5, tzinfo=UTC)
    [alert_id] = store.save_watch_progress(watch.id, 1, [], [NewAlert(
        "k", "new", {"headline": "h"}, watch.targets)], now)
    store.delivery_done(alert_id, "email:a@b.c", "550 no such user", None)
    states = {d.target: d for d in store.deliveries([alert_id])[alert_id]}
    assert states["email:a@b.c"].state == "dead"
    assert states["email:a@b.c"].last_error == "550 no such user"
    assert states["webhook:http://example.org/h"].state == "pending"
