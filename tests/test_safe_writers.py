"""Several processes write one store: two ingests at once, a watch added during an
ingest, `run`'s and the web's small writes while another process holds the write lock.
Each waits its turn (bounded, then one clear line), and two ingests at once end with the
store a sequential run gives.

SQLite only: it is about SQLite's file lock and busy timeout, and reads the files directly."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from faults import ENV, INGEST, cli, ecbplus_rows, start, write_jsonl
from storywire.evaluation.state import differences, read_state
from storywire.store import StoreError, open_store
from storywire.store.records import PollRecord
from storywire.web import create_app


def test_two_ingests_and_a_watch_added_meanwhile_end_as_a_sequential_run(tmp_path):
    rows = ecbplus_rows()
    first = write_jsonl(tmp_path / "first.jsonl", rows[:20])
    second = write_jsonl(tmp_path / "second.jsonl", rows[12:32])  # 8 articles in both

    sequential = tmp_path / "sequential.db"
    cli(sequential, *INGEST, str(first))
    cli(sequential, *INGEST, str(second))

    together = tmp_path / "together.db"
    cli(together, "watch", "list")  # the store exists before both open it
    ingests = [start(together, *INGEST, str(path)) for path in (first, second)]
    time.sleep(3)
    assert all(p.poll() is None for p in ingests), "an ingest ended before the watch add"
    added = cli(together, "watch", "add", "quakes", "earthquake OR quake")
    for process in ingests:
        _, err = process.communicate(timeout=900)
        assert process.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    assert "quakes" in added.stdout

    got, want = read_state(together), read_state(sequential)
    assert len(got.articles) == 32
    # Story grouping is incremental: it follows the order in which the two writers'
    # batches interleaved, so story membership is checked for presence, not equality.
    # Likewise two undated copies of one text that nothing else tells apart (ECB+'s two
    # Lindsay Lohan rehab reports) have as original the one stored first, so their copy
    # tree is compared by its members.
    found = [line for line in differences(got, want, arrival_free=True)
             if "story differs" not in line]
    assert found == []
    assert all(fields["story"] for fields in got.articles.values())


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "store.db"
    open_store(path).close()
    return path


def _hold_lock(path, seconds: float) -> threading.Thread:
    """Another writer: takes the write lock now and keeps it for ``seconds``."""
    other = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")

    def release() -> None:
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=release)
    holder.start()
    return holder


@contextmanager
def _lock_kept(path) -> Iterator[None]:
    """Another writer that takes the write lock and keeps it until the block ends, then
    writes nothing."""
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_the_monitors_writes_wait_for_another_writer(store_path):
    with open_store(store_path) as store:
        source, _ = store.add_source("https://news.example.org/feed.xml", "feed", None, None,
                                     900)
        now = datetime.now(UTC)
        poll = PollRecord(polled_at=now, status=200, next_due=now + timedelta(minutes=15),
                          interval=900,
                          items=[("https://news.example.org/a", None, "A", None, None)])
        holder = _hold_lock(store_path, 2.5)
        began = time.monotonic()
        assert store.record_poll(source.id, poll) == 1  # once the other writer is done
        assert time.monotonic() - began >= 2
        store.item_fetched("https://news.example.org/a", None)
        holder.join()
        assert store.watch_counts()["items_fetched"] == 1


def test_a_write_gives_up_with_one_line_when_the_lock_is_held_too_long(store_path,
                                                                       monkeypatch):
    monkeypatch.setenv("STORYWIRE_LOCK_WAIT", "1")
    with _lock_kept(store_path):  # until both attempts gave up
        with open_store(store_path) as store, pytest.raises(StoreError) as raised:
            store.add_watch("quakes", "earthquake", [])
        assert "kept the store locked for 1 s" in str(raised.value)
        done = cli(store_path, "watch", "add", "quakes", "earthquake", check=False,
                   env={**ENV, "STORYWIRE_LOCK_WAIT": "1"})
        assert done.returncode == 1
        assert "kept the store locked" in done.stderr and "Traceback" not in done.stderr
    with open_store(store_path) as store:
        assert store.list_watches() == []  # nothing half-written


def test_the_web_adds_a_watch_once_another_writer_lets_go(store_path):
    with TestClient(create_app(str(store_path)), base_url="http://127.0.0.1") as client:
        holder = _hold_lock(store_path, 2.5)
        answer = client.post("/api/watches", json={"name": "quakes", "query": "earthquake"})
        holder.join()
    assert answer.status_code == 201, answer.text
    with open_store(store_path) as store:
        assert [w.name for w in store.list_watches()] == ["quakes"]


def test_the_web_answers_503_with_retry_after_when_the_lock_is_held_too_long(store_path,
                                                                             monkeypatch):
    monkeypatch.setenv("STORYWIRE_LOCK_WAIT", "1")
    with _lock_kept(store_path), \
            TestClient(create_app(str(store_path)), base_url="http://127.0.0.1") as client:
        answer = client.post("/api/watches", json={"name": "quakes", "query": "quake"})
        form = client.post("/watches", data={"name": "quakes", "query": "quake"})
    assert answer.status_code == 503, answer.text
    assert answer.headers["Retry-After"] == "5"
    assert "kept the store locked" in answer.json()["error"]["message"]
    assert form.status_code == 503 and "kept the store locked" in form.text
    with open_store(store_path) as store:
        assert store.list_watches() == []
