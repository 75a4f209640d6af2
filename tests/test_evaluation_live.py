"""The live harness: its split, its release schedule, its site templates, and a small run
of the real monitor beside the same pages read as files (ECB+ articles)."""

from __future__ import annotations

from storywire.evaluation import live
from storywire.evaluation.sites import TEMPLATES, Item, render, template_of
from storywire.extract import extract_capture
from storywire.model import Capture

from conftest import shared_data


def ecbplus(split: str = "test"):
    return live.ecbplus_items(shared_data("ecbplus") / "articles.jsonl", split)


def test_the_split_is_by_topic_and_fixed():
    dev, test = ecbplus("dev"), ecbplus("test")
    assert {int(i.event.split("ecb")[0]) % 2 for i in dev} == {1}
    assert {int(i.event.split("ecb")[0]) % 2 for i in test} == {0}
    assert not {i.key for i in dev} & {i.key for i in test}


def test_pages_are_released_once_in_publication_order_give_or_take_the_jitter():
    items = [i for i in ecbplus() if i.published][:60]
    schedule = live.release_schedule(items, seed=7, hours=6, jitter=2.0)
    released = [key for hour in schedule for key in hour]
    assert sorted(released) == sorted(i.key for i in items) and len(schedule) <= 6
    rank = {i.key: n for n, i in enumerate(sorted(items, key=lambda i: (i.published, i.key)))}
    moved = [abs(rank[key] - n) for n, key in enumerate(released)]
    assert max(moved) <= 12 and sum(moved) / len(moved) < 4
    assert live.release_schedule(items, seed=7, hours=6, jitter=2.0) == schedule


def test_every_template_hides_the_article_among_junk_the_extractor_leaves_out():
    row = next(i for i in ecbplus() if i.title and i.published and len(i.text) > 800)
    others = [Item(key=f"o{n}", corpus="x", outlet=None, title=f"Other headline number {n}",
                   published=None, text="", path=f"/o{n}.html") for n in range(4)]
    seen = set()
    for n in range(40):  # sites whose names pick each template
        site = f"site-{n}.example"
        kind = template_of(site)
        if kind in seen:
            continue
        seen.add(kind)
        item = Item(**{**row.__dict__, "site": site})
        page = render(item, site, others)
        assert b"Other headline number 1" in page  # related links, widgets, prev/next
        draft = extract_capture(Capture(raw=page, kind="html", origin=site,
                                        url=f"http://{site}/a.html"))
        assert live.text_f1(draft.text, item.text) > 0.9, kind
        assert "Other headline number" not in draft.text, kind
    assert seen == set(TEMPLATES)


def test_a_small_live_run_matches_the_same_pages_read_as_files(db_location, other_location):
    items = [i for i in ecbplus() if i.event in ("2ecbplus", "2ecb", "4ecbplus")]
    sites = live.build_sites(items)
    for site in sites.values():
        site.start()
    try:
        files = live.run_files(items, sites, db_location, seed=1)
        fetched = live.run_live(items, sites, other_location("l.db"), seed=1, hours=3, jitter=2.0)
    finally:
        for site in sites.values():
            site.stop()
    assert fetched["errors"] == []
    assert set(fetched["found"]) == set(files["found"]) == {i.key for i in items}
    on_files = live.metadata_scores(items, files["found"])["all"]
    on_live = live.metadata_scores(items, fetched["found"])["all"]
    for name in ("headline", "outlet", "date"):
        assert sum(getattr(on_live, name)) >= sum(getattr(on_files, name)), name
    assert abs(on_live.summary()["text_f1"] - on_files.summary()["text_f1"]) <= 0.01
    alerts = fetched["alerts"]
    assert alerts.duplicates == 0 and alerts.false == 0 and alerts.misses == 0
    # the same schedule without HTTP (for tuning the alert decision) tells the same
    offline = live.run_offline(items, sites, other_location("o.db"), seed=1, hours=3,
                               jitter=2.0)
    assert live.agreement(offline["found"], fetched["found"], items) == 1.0
    assert offline["alerts"] == alerts
