"""A full disk, a read-only store, a damaged file and a store from a newer storywire: one
clear line each, never a traceback, never half a batch; ingest resumes once space is back.

The full and read-only file systems are small tmpfs mounts the test makes, which needs
root (or CAP_SYS_ADMIN); elsewhere those tests skip and say so.

SQLite only: these are faults of the store's file (a disk, a mount, the bytes)."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from faults import INGEST, cli, ecbplus_rows, write_jsonl
from storywire.evaluation.state import differences, read_state
from storywire.store import SCHEMA_VERSION, open_store


def _mount(folder: Path, options: str) -> None:
    folder.mkdir(exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip() or 'no mount'})")


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "disk"
    _mount(folder, "size=640k")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def _one_line_error(done: subprocess.CompletedProcess, words: str) -> None:
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert words in done.stderr, done.stderr[-2000:]


def test_a_full_disk_stops_ingest_cleanly_and_it_resumes_once_space_is_back(tmp_path,
                                                                           small_disk):
    articles = write_jsonl(tmp_path / "articles.jsonl", ecbplus_rows()[:60])
    reference = tmp_path / "reference.db"
    cli(reference, *INGEST, str(articles))

    db = small_disk / "store.db"
    full = cli(db, *INGEST, str(articles), check=False)
    _one_line_error(full, "the disk is full")
    assert "nothing of this write was kept" in full.stderr

    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        captures = raw.execute("SELECT count(*) FROM capture").fetchone()[0]
        articles_stored = raw.execute("SELECT count(*) FROM article").fetchone()[0]
    assert 0 < captures < 60
    assert captures % 5 == 0  # whole batches of five (STORYWIRE_BATCH_SIZE), no part of one
    assert articles_stored == captures

    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    cli(db, *INGEST, str(articles))
    assert differences(read_state(db), read_state(reference)) == []


def test_a_read_only_store_says_so(tmp_path):
    folder = tmp_path / "ro"
    _mount(folder, "size=8m")
    try:
        articles = write_jsonl(tmp_path / "articles.jsonl", ecbplus_rows()[:5])
        db = folder / "store.db"
        cli(db, *INGEST, str(articles))
        before = read_state(db)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        more = write_jsonl(tmp_path / "more.jsonl", ecbplus_rows()[5:10])
        done = cli(db, *INGEST, str(more), check=False)
        _one_line_error(done, "read-only")
        subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
        assert read_state(db).articles == before.articles
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_file_that_is_not_a_store_says_so(tmp_path):
    db = tmp_path / "store.db"
    db.write_bytes(b"this is a text file, not a database\n" * 200)
    done = cli(db, "articles", check=False)
    _one_line_error(done, "the file is damaged or not a storywire database")


def test_a_damaged_store_says_so_and_writes_nothing(tmp_path):
    articles = write_jsonl(tmp_path / "articles.jsonl", ecbplus_rows()[:10])
    db = tmp_path / "store.db"
    cli(db, *INGEST, str(articles))
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = raw.execute("PRAGMA page_size").fetchone()[0]
        root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'article'"
                           ).fetchone()[0]
    data = bytearray(db.read_bytes())
    start = (root - 1) * page
    data[start:start + page] = b"\xa5" * page  # the article table's first page
    db.write_bytes(bytes(data))
    more = write_jsonl(tmp_path / "more.jsonl", ecbplus_rows()[10:15])
    done = cli(db, *INGEST, str(more), check=False)
    _one_line_error(done, "damaged")


def test_a_store_from_a_newer_storywire_is_refused_untouched(tmp_path):
    db = tmp_path / "store.db"
    open_store(db).close()
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    articles = write_jsonl(tmp_path / "articles.jsonl", ecbplus_rows()[:3])
    done = cli(db, *INGEST, str(articles), check=False)
    _one_line_error(done, f"schema version {SCHEMA_VERSION + 1} is newer than this storywire")
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT count(*) FROM capture").fetchone()[0] == 0
