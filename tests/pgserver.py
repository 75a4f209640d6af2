"""A throwaway PostgreSQL server for the tests: initdb and pg_ctl in a temporary folder,
listening only on a unix socket there, stopped (and the folder removed) at the end.

The server runs as the ``postgres`` user when the tests run as root (PostgreSQL refuses
to run as root). Each test gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SEARCHED = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/usr/pgsql-*/bin")


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: $PG_BINDIR, PATH, or Debian's layout."""
    explicit = os.environ.get("PG_BINDIR")
    if explicit and (Path(explicit) / "initdb").exists():
        return Path(explicit)
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    for pattern in SEARCHED:
        found = sorted(Path("/").glob(pattern.lstrip("/")), reverse=True)
        for folder in found:
            if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
                return folder
    return None


class PostgresServer:
    """One server for a test session."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="storywire-pg-"))
        self.data = self.root / "data"
        self.socket = self.root
        self._as_root = os.geteuid() == 0
        self._names = itertools.count(1)
        self._started = False

    def _run(self, *args: str) -> None:
        command = list(args)
        if self._as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        if self._as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust",
                  "-U", "postgres", "-E", "UTF8", "--locale=C")
        options = (f"-k {self.socket} -c listen_addresses='' -c fsync=off"
                   " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60",
                  "-l", str(self.root / "server.log"), "-o", options, "start")
        self._started = True
        atexit.register(self.stop)

    def stop(self) -> None:
        if self._started:
            self._started = False
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                          "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str) -> str:
        return f"postgresql://postgres@/{dbname}?host={self.socket}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self) -> str:
        """A new empty database; its URL."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name} TEMPLATE template0 STRATEGY file_copy")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        from psycopg import conninfo

        name = conninfo.conninfo_to_dict(url)["dbname"]
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
