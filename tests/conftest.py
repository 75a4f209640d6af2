"""Shared fixtures: a fresh store per test, the shared data sets, small input builders."""

from __future__ import annotations

import atexit
import gzip
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from storywire.pipeline import Pipeline
from storywire.store import open_store

# CLI commands run their pure stages in this process: worker pools (one per core by
# default) are started only by the tests about them.
os.environ["STORYWIRE_WORKERS"] = "1"


def _remember_parses() -> None:
    """Many tests ingest the same texts, here and in CLI child processes, and spaCy's parse
    is most of each ingest's time: each text is parsed by the real code once per test run
    and then served from a memo (``parse_memo``). The first test process makes the memo's
    directory and removes it at exit; the workers and every Python child inherit it, the
    children through ``child_site/sitecustomize.py`` on PYTHONPATH.
    ``STORYWIRE_TEST_PARSE_MEMO=0`` parses every time."""
    if os.environ.get("STORYWIRE_TEST_PARSE_MEMO") == "0":
        return
    import parse_memo

    directory = os.environ.get(parse_memo.DIRECTORY_VARIABLE)
    if not directory:
        directory = tempfile.mkdtemp(prefix="storywire-test-parses-")
        os.environ[parse_memo.DIRECTORY_VARIABLE] = directory
        atexit.register(shutil.rmtree, directory, True)
    child_site = str(Path(__file__).resolve().parent / "child_site")
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if child_site not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([child_site, *paths])
    parse_memo.install(Path(directory))


_remember_parses()
# pytest-xdist gives its workers the controller's terminal size as COLUMNS and LINES;
# Rich fixes a console's size at creation when both are set, so the CLI's console would
# keep 80 columns although a test asks CliRunner for a wider screen.
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
BACKENDS = ["sqlite", "postgres"]


def demo_key(article) -> str:
    """The key truth.json gives a demo article: its file, record or WARC page."""
    from storywire.demo import corpus_path

    if article.source_id is not None:
        return f"records.jsonl#{article.source_id}"
    if " @ record " in article.origin:
        return f"archive.warc.gz#{article.url}"
    return article.origin.removeprefix(str(corpus_path()) + "/")


def shared_data(name: str) -> Path:
    """A data set from ../shared/data, or skip the test with the reason."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"{path} is absent (tests read ../shared/data beside the repo)")
    return path


def people_named(found) -> set[str]:
    """The canonical names of the people an understanding lists."""
    return {e["canonical"] for e in found.entities if e["label"] == "PERSON"}


def ecb_rows(*topics: int) -> dict[str, dict]:
    """The ECB+ articles of these topics, by id."""
    from storywire.evaluation.stories import load

    rows = load(shared_data("ecbplus") / "articles.jsonl")
    return {r["id"]: r for r in rows if r["topic"] in topics}


def ecb_record(row: dict, outlet: str, published: str):
    """An ECB+ article as a JSON record from ``outlet``, published when given (the corpus
    dates few of its texts), titled by the corpus or by its opening words."""
    from storywire.model import Capture

    data = {"id": row["id"], "text": row["text"], "outlet": outlet, "published": published,
            "title": row.get("title") or row["text"][:60], "language": "en"}
    return Capture(raw=json.dumps(data).encode(), kind="record", origin=f"test:{row['id']}")


@pytest.fixture(scope="session")
def demo_stores(tmp_path_factory) -> dict[str, str]:
    """The demo stores made so far this session, by backend (see ``demo_db``)."""
    return {}


@pytest.fixture(scope="module", params=BACKENDS)
def demo_db(request, demo_stores, tmp_path_factory) -> str:
    """A store of the bundled demo corpus as the default pipeline stores it, for the tests
    that only read it (a test that changes a store, or ingests in another order, makes its
    own): a SQLite file, then a PostgreSQL database, each ingested once per session. Module
    scope keeps a module's tests together on one backend."""
    from storywire.demo import corpus_path

    backend = request.param
    server = request.getfixturevalue("postgres_server") if backend == "postgres" else None
    if backend not in demo_stores:
        if server is None:
            location = str(tmp_path_factory.mktemp("demo") / "demo.db")
        else:
            location = server.create_database()
        with open_store(location) as store:
            Pipeline(store).ingest([str(corpus_path())])
        demo_stores[backend] = location
    return demo_stores[backend]


@pytest.fixture(scope="module")
def demo_articles(demo_db) -> list:
    """Every article of the demo store (see ``demo_db``), on each backend."""
    with open_store(demo_db) as store:
        return list(store.iter_articles())


@pytest.fixture(scope="session")
def understander():
    """One spaCy-backed understander for the session; skips, with the reason, without the
    model."""
    from storywire.understand import ModelMissing, Understander
    from storywire.understand.nlp import load_pipeline

    try:
        load_pipeline()
    except ModelMissing as exc:
        pytest.skip(str(exc))
    return Understander()


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for the session (tests/pgserver.py); skips, with the
    reason, where the server binaries or psycopg are absent (CI installs both)."""
    from pgserver import PostgresServer, find_binaries

    bindir = find_binaries()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are absent: "
                    "apt-get install postgresql, or set PG_BINDIR")
    pytest.importorskip("psycopg", reason="psycopg is absent: pip install 'storywire[postgres]'")
    server = PostgresServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()



def new_location(request, folder: Path, name: str = "test.db") -> Iterator[str]:
    """Where a fresh store lives on ``request.param``'s backend: a SQLite file in
    ``folder``, or a new PostgreSQL database on the session's server, dropped afterwards.
    For fixtures parametrised over ``BACKENDS``."""
    if request.param == "sqlite":
        yield str(folder / name)
        return
    server = request.getfixturevalue("postgres_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture(params=BACKENDS)
def db_location(request, tmp_path):
    """A fresh store's location: every test that takes ``store`` (or this) runs once on
    SQLite and once on PostgreSQL."""
    yield from new_location(request, tmp_path)


def more_locations(request, like: str, folder: Path) -> Iterator:
    """Yields a maker of fresh store locations on the backend of ``like`` (a SQLite file in
    ``folder``, or a new PostgreSQL database, dropped afterwards)."""
    postgres = like.startswith("postgresql://")
    server = request.getfixturevalue("postgres_server") if postgres else None
    made: list[str] = []

    def make(name: str = "other.db") -> str:
        if server is None:
            return str(folder / name)
        made.append(server.create_database())
        return made[-1]

    yield make
    for url in made:
        server.drop_database(url)


@pytest.fixture
def other_location(request, db_location, tmp_path):
    """Makes more fresh store locations on ``db_location``'s backend, for a test that uses
    several stores: ``other_location("name.db")``."""
    yield from more_locations(request, db_location, tmp_path)


@pytest.fixture
def store(db_location):
    with open_store(db_location) as opened:
        yield opened


@pytest.fixture
def pipeline(store):
    return Pipeline(store)


ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Harbor Gazette</title>
<meta property="og:site_name" content="The Harbor Gazette">
<meta name="author" content="{author}">
<meta property="article:published_time" content="2026-11-04T09:30:00+00:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<article><h1>{title}</h1><p class="byline">By {author}</p>
{paragraphs}
</article>
<footer><p>© 2026 The Harbor Gazette. All rights reserved.</p></footer>
</body></html>"""

BODY = [
    "Dock workers at the port of Saltmere walked off the job on Tuesday morning, halting the "
    "loading of container ships for the first time in eleven years.",
    "The union said about 1,200 members joined the stoppage after talks over shift pay broke "
    "down late on Monday night.",
    "\u201cWe did not want this, but the company left us no choice,\u201d said Mara Quillon, "
    "the union's regional secretary, speaking outside the main gate.",
    "The port authority said it expected the strike to cost local businesses more than "
    "$3 million a day and urged both sides to return to the table.",
]


def make_html(title: str = "Saltmere dock workers walk out over shift pay",
              author: str = "Ines Calder", paragraphs: list[str] | None = None) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or BODY))
    return ARTICLE_HTML.format(title=title, author=author, paragraphs=body)


def write(path: Path, data: bytes | str, gz: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.write_bytes(gzip.compress(raw, mtime=0) if gz else raw)
    return path


def jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def warc_record(uri: str, body: bytes, index: int, status: str = "200 OK",
                content_type: str = "text/html; charset=utf-8") -> bytes:
    """One gzipped WARC/1.0 response record, as crawlers write them."""
    http = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{index:012d}>\r\n"
        "WARC-Date: 2026-11-04T10:00:00Z\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", mtime=0)
