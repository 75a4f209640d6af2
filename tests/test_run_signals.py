"""`storywire run` as a process: SIGTERM stops it cleanly, and a restart goes on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from storywire.demo.newsroom import Newsroom, load_pages
from storywire.store import open_store


def articles(db: str) -> int:
    with open_store(db) as store:
        return store.count_articles()


def test_sigterm_stops_run_cleanly_and_a_restart_repeats_nothing(tmp_path, db_location):
    pages = [p for p in load_pages() if "quake" in p.title.lower()]
    db = db_location
    env = {**os.environ, "STORYWIRE_DB": str(db), "STORYWIRE_ALLOW_LOOPBACK": "1",
           "STORYWIRE_HOST_INTERVAL": "0"}
    storywire = [sys.executable, "-m", "storywire.cli"]
    with Newsroom(pages=pages) as room:
        with open_store(db) as store:
            for url in room.feed_urls():
                store.add_source(url, "feed", None, None, 900)
            store.add_watch("quakes", "quake", [f"atom:{tmp_path / 'q.atom'}"])
        process = subprocess.Popen([*storywire, "run"], env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        for _ in range(600):  # until the first cycle has stored the pages (or 60 s)
            if articles(db) == len(pages) and (tmp_path / "q.atom").exists():
                break
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        assert "stopped. In all:" in out and "Traceback" not in err
        assert f"{len(pages)} articles" in " ".join(out.split())
        alerts = (tmp_path / "q.atom").read_text().count("<entry>")
        assert articles(db) == len(pages) and alerts > 0

        again = subprocess.run([*storywire, "run", "--max-cycles", "1"], env=env,
                               capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr
        assert "0 articles, 0 alerts" in " ".join(again.stdout.split())
        assert (tmp_path / "q.atom").read_text().count("<entry>") == alerts
