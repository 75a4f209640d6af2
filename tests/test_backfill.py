"""The backfill on a two-worker Dask cluster leaves the store a sequential ingest leaves.

Two archives, both written here in CC-NEWS layout: demo pages (which hold wire copies and
stories), and a few dozen of Mozilla Readability's real pages with three of them re-posted
on other hosts. Articles, copy links and stories are compared whole: ids are derived from
the content, so the two stores compare directly. By default the backfill writes in
publication order, so its reference is a sequential ingest of the same records rewritten
in publication order; with ``order="input"`` it is an ingest of the archive as it is.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import replace
from datetime import UTC
from pathlib import Path

import pytest
from click.testing import CliRunner

from storywire.ingest.warc_write import Exchange, write_warc
from storywire.pipeline import Pipeline, PipelineOptions
from storywire.store import open_store

from conftest import shared_data

pytest.importorskip("distributed", reason="the archive extra (dask[distributed]) is absent")
pytest.importorskip("pyarrow", reason="the archive extra (pyarrow) is absent")

from storywire.backfill import BackfillOptions, Filters, run_backfill, settings

DEMO_PAGES = ("wire-port-strike", "ledger-port-strike-wire", "lakeside-port-strike",
              "trendpulse-port-strike", "harbour-strike-deal", "courier-kessel-quake",
              "ledger-kessel-quake", "nhub-kessel-quake-excerpt", "echo-seisme-orrin",
              "wire-millbrook-barrier", "ledger-millbrook-barrier")


@pytest.fixture(scope="module")
def scheduler():
    """A local cluster of two worker processes for the module, closed after it."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def demo_pages() -> list[Exchange]:
    from storywire.demo import corpus_path

    pages = []
    for hour, name in enumerate(DEMO_PAGES):
        body = (corpus_path() / "html" / f"{name}.html").read_bytes()
        url = re.search(rb'property="og:url" content="([^"]+)"', body).group(1).decode()
        pages.append(Exchange(url, body, date=f"2026-11-0{3 + hour % 5}T{hour:02d}:30:00Z"))
    return pages


def demo_warc(path: Path) -> Path:
    write_warc(path, demo_pages())
    return path


def in_publication_order(pages: list[Exchange], folder: Path) -> list[Exchange]:
    """``pages`` sorted by the publication time a sequential ingest reads from each (the
    page's own date, else its WARC-Date), undated last, ties in their given order."""
    warc = folder / "unsorted.warc.gz"
    write_warc(warc, pages)
    with open_store(folder / "dates.db") as store:
        Pipeline(store, PipelineOptions()).ingest([str(warc)])
        published = {a.url: a.published for a in store.iter_articles()}

    def when(item: tuple[int, Exchange]) -> tuple[float, int]:
        moment = published.get(item[1].url)
        if moment is None:
            return float("inf"), item[0]
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.timestamp(), item[0]

    return [page for _, page in sorted(enumerate(pages), key=when)]


# News pages among Readability's tests (six languages), and three of them re-posted.
NEWS_PAGES = ("bbc-1", "cnn", "nytimes-1", "nytimes-2", "wapo-1", "wapo-2", "lemonde-1",
              "telegraph", "yahoo-4", "aktualne", "folha", "buzzfeed-1", "engadget", "cnet",
              "ars-1", "citylab-1", "herald-sun-1", "heise", "liberation-1", "seattletimes-1",
              "salon-1", "tmz-1", "theverge", "qq")


def shared_warc(path: Path) -> Path:
    folder = shared_data("readability-pages")
    pages = []
    for number, name in enumerate(NEWS_PAGES):
        body = gzip.decompress((folder / name / "source.html.gz").read_bytes())
        pages.append(Exchange(f"https://www.{name}.example/news/{name}", body,
                              date=f"2026-10-{1 + number:02d}T08:00:00Z"))
    for number, page in enumerate(pages[:3]):  # re-posted elsewhere: copy links to find
        pages.append(replace(page, url=f"https://aggregator.example/story/{number}",
                             body=page.body + b"\n<!-- reposted -->",
                             date="2026-10-29T08:00:00Z"))
    write_warc(path, pages)
    return path


def snapshot(db: Path, origin: bool = True) -> tuple[list[dict], list[tuple]]:
    """Every article's export and every story, in id order; without each article's
    ``origin`` (file and record number) when the two sides read different files."""
    with open_store(db) as store:
        articles = sorted(({k: v for k, v in a.to_export().items() if origin or k != "origin"}
                           for a in store.iter_articles()), key=lambda a: a["id"])
        stories = sorted((s.id, s.headline, s.language, s.first_seen, s.last_seen, s.reports,
                          s.terms, s.names) for s in store.list_stories(limit=None))
    return articles, stories


def sequential(warc: Path, db: Path, origin: bool = True) -> tuple[list[dict], list[tuple]]:
    with open_store(db) as store:
        report = Pipeline(store, PipelineOptions()).ingest([str(warc)])
    assert report.ok, report.errors
    return snapshot(db, origin)


def backfilled(warc: Path, db: Path, scheduler: str, work_dir: Path, origin: bool = False,
               **changes):
    options = BackfillOptions(work_dir=work_dir, scheduler=scheduler, shard_records=4,
                              **changes)
    with open_store(db) as store:
        report = run_backfill(store, [str(warc)], PipelineOptions(), options)
    return snapshot(db, origin), report


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo archive (not in publication order), and what a sequential ingest of the
    same pages in publication order stores."""
    folder = tmp_path_factory.mktemp("demo")
    pages = demo_pages()
    warc, reference = folder / "demo.warc.gz", folder / "ordered.warc.gz"
    write_warc(warc, pages)
    ordered = in_publication_order(pages, folder)
    assert [p.url for p in ordered] != [p.url for p in pages]  # the order is tested
    write_warc(reference, ordered)
    return warc, sequential(reference, folder / "sequential.db", origin=False)


def test_a_backfill_loads_into_postgresql_what_a_sequential_ingest_stores(
        tmp_path, scheduler, demo, postgres_server):
    """The writer speaks only the store's protocols: a backfill into PostgreSQL stores the
    same articles, copy links and stories as a sequential ingest into SQLite."""
    warc, expected = demo
    url = postgres_server.create_database()
    try:
        got, report = backfilled(warc, url, scheduler, tmp_path / "work")
    finally:
        postgres_server.drop_database(url)
    assert got == expected
    assert report.parses_served > 0


def test_demo_archive_backfill_equals_sequential_ingest(tmp_path, scheduler, demo):
    warc, expected = demo
    got, report = backfilled(warc, tmp_path / "backfill.db", scheduler, tmp_path / "work")
    articles, stories = expected
    assert got == expected
    assert len(articles) == len(DEMO_PAGES)
    assert sum(a["copy_of"] is not None for a in articles) >= 3  # the wire's copies
    assert len(stories) < len(articles)  # reports grouped
    assert report.shards == 3 and report.resumed == 0
    assert report.parses_served > 0  # the writer took the cluster's parses
    # The join found the stored links too, judged by the copy stage.
    assert report.links == sum(a["copy_of"] is not None for a in articles)
    assert report.links_joined == report.links
    days = {p.parent.name for p in (tmp_path / "work" / "articles").glob("day=*/*.parquet")}
    assert "day=2026-11-03" in days


def test_shared_pages_backfill_in_input_order_equals_sequential_ingest(tmp_path, scheduler):
    """``order="input"``: the archive as it is, origins (file, record) included."""
    warc = shared_warc(tmp_path / "pages.warc.gz")
    expected = sequential(warc, tmp_path / "sequential.db")
    got, report = backfilled(warc, tmp_path / "backfill.db", scheduler, tmp_path / "work",
                             origin=True, order="input")
    assert got == expected
    articles = expected[0]
    assert len(articles) >= 20
    assert len({a["language"] for a in articles}) >= 4
    copies = {a["url"] for a in articles if a["copy_of"]}
    assert {f"https://aggregator.example/story/{n}" for n in range(3)} <= copies
    assert report.ingest.added == len(articles)


def test_a_killed_backfill_resumes_from_its_finished_shards(tmp_path, scheduler, demo):
    from storywire.backfill.prepare import prepare_shard
    from storywire.backfill.shards import number_shards, plan_file
    from storywire.backfill.workdir import WorkDir
    from storywire.cli import main

    warc, expected = demo
    # A first run finished shard 0, was killed while writing shard 1's manifest line and
    # left a temporary file of shard 2 behind.
    work = WorkDir(tmp_path / "work")
    options = replace(PipelineOptions(), workers=1)
    work.claim(settings(options, BackfillOptions(shard_records=4)))
    shards = number_shards([(str(warc), plan_file(str(warc), 4))])
    done = prepare_shard(shards[0], options, Filters(), str(work.path))
    work.finish(done)
    with open(work.manifest, "a", encoding="utf-8") as handle:
        handle.write('{"shard": "' + shards[1].id + '", "ind')
    stray = work.path / "articles" / "day=2026-11-05" / ".shard-x.parquet.1.tmp"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"PAR1 cut short")
    first_file = work.path / done.files[0]
    written = first_file.stat().st_mtime_ns

    db = tmp_path / "backfill.db"
    result = CliRunner().invoke(main, [
        "--db", str(db), "backfill", str(warc), "--scheduler", scheduler,
        "--work-dir", str(work.path), "--shard-records", "4", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "3 shards (1 resumed)" in result.output
    assert f"{len(DEMO_PAGES)} new articles" in result.output
    assert first_file.stat().st_mtime_ns == written  # not prepared again
    assert snapshot(db, origin=False) == expected


def test_a_work_dir_refuses_other_settings(tmp_path, demo):
    from storywire.backfill import WorkDirError
    from storywire.backfill.workdir import WorkDir

    WorkDir(tmp_path / "work").claim(settings(PipelineOptions(),
                                              BackfillOptions(shard_records=4)))
    with pytest.raises(WorkDirError, match="other settings"):
        backfilled(demo[0], tmp_path / "b.db", None, tmp_path / "work",
                   filters=Filters(language="fr"))


def test_filters_keep_a_language_a_host_and_a_date_range(tmp_path, scheduler, demo):
    from datetime import date

    warc, (everything, _) = demo
    (french, _), _ = backfilled(warc, tmp_path / "fr.db", scheduler, tmp_path / "fr",
                                filters=Filters(language="fr"), join=False)
    assert [a["language"] for a in french] == ["fr"]
    since, until = date(2026, 11, 4), date(2026, 11, 8)
    (kept, _), _ = backfilled(warc, tmp_path / "ledger.db", scheduler, tmp_path / "ledger",
                              filters=Filters(since=since, until=until,
                                              host="ledger.example"), join=False)
    expected = [a["url"] for a in everything if "//www.ledger.example/" in a["url"]
                and since.isoformat() <= a["published"][:10] <= until.isoformat()]
    assert kept and sorted(a["url"] for a in kept) == sorted(expected)
    assert len(kept) < sum("//www.ledger.example/" in a["url"] for a in everything)
