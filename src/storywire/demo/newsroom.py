"""A small newsroom on 127.0.0.1: the demo corpus served as outlets with feeds and pages.

Each outlet of ``truth.json`` gets a home page announcing its feed (``<link rel=
"alternate">``), a feed (RSS 2.0 and Atom alternately, with ETag and Last-Modified so
conditional GETs get 304) and its article pages; the site has a robots.txt and a news
sitemap. Articles are released in publication order over ``duration`` real seconds, so a
monitor polling it sees the news arrive as it would over a few days. Used by
``storywire demo --live``, the tests and ``benchmarks/bench_monitor.py``.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from storywire.demo import corpus_path, truth_path
from storywire.ingest import discover, read_file
from storywire.model import Capture


@dataclass(frozen=True)
class Page:
    """One article page of the newsroom: its outlet, where it is served, its bytes."""

    slug: str             # outlet slug
    number: int
    outlet: str
    title: str
    published: datetime | None
    body: bytes

    @property
    def path(self) -> str:
        return f"/{self.slug}/a/{self.number}.html"


def slugify(name: str) -> str:
    """"L'Écho du Lac" -> "l-echo-du-lac"."""
    folded = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "outlet"


def load_pages(corpus: Path | None = None, truth: Path | None = None) -> list[Page]:
    """The corpus's articles as pages, in publication order (undated ones first)."""
    corpus = corpus or corpus_path()
    data = json.loads((truth or truth_path()).read_text("utf-8"))
    captures = _captures(corpus)
    pages = []
    for number, entry in enumerate(data["articles"]):
        page = _page(entry, corpus, captures)
        if page is None:
            continue
        published = datetime.fromisoformat(entry["published"]) if entry["published"] else None
        if published and published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        pages.append(Page(slugify(entry["outlet"]), number, entry["outlet"],
                             entry["title"], published, page))
    pages.sort(key=lambda s: (s.published is not None, s.published or _EPOCH, s.number))
    return pages


def _captures(corpus: Path) -> dict[str, Capture]:
    """Records by id and WARC pages by URL, read with storywire's own readers."""
    found: dict[str, Capture] = {}
    files, _ = discover([corpus])
    for item in files:
        if item.format not in ("jsonl", "warc"):
            continue
        for capture in read_file(item, 10_000_000):
            if not isinstance(capture, Capture):
                continue
            if capture.kind == "record":
                found["records.jsonl#" + str(json.loads(capture.raw).get("id"))] = capture
            elif capture.url:
                found[f"{item.path.name}#{capture.url}"] = capture
    return found


def _page(entry: dict[str, Any], corpus: Path, captures: dict[str, Capture]) -> bytes | None:
    key = entry["key"]
    if entry["format"] == "html":
        return (corpus / entry["file"]).read_bytes()
    if entry["format"] == "warc":
        capture = captures.get(key)
        return capture.raw if capture else None
    if entry["format"] == "text":
        body = (corpus / entry["file"]).read_text("utf-8")
    else:
        capture = captures.get(key)
        if capture is None:
            return None
        body = json.loads(capture.raw).get("text") or ""
    return _render(entry, body).encode("utf-8")


def _render(entry: dict[str, Any], body: str) -> str:
    """An article page for a plain-text or record article, stating its metadata."""
    paragraphs = "\n".join(f"<p>{escape(p.strip())}</p>" for p in body.split("\n\n")
                           if p.strip())
    published = entry.get("published") or ""
    authors = ", ".join(entry.get("authors") or [])
    return (
        "<!doctype html><html><head><meta charset=\"utf-8\">"
        f"<title>{escape(entry['title'])}</title>"
        f"<meta property=\"og:site_name\" content=\"{escape(entry['outlet'])}\">"
        f"<meta property=\"og:title\" content=\"{escape(entry['title'])}\">"
        + (f"<meta name=\"author\" content=\"{escape(authors)}\">" if authors else "")
        + (f"<meta property=\"article:published_time\" content=\"{published}\">"
           if published else "")
        + f"<link rel=\"canonical\" href=\"{escape(entry['url'] or '')}\">"
        f"</head><body><article><h1>{escape(entry['title'])}</h1>{paragraphs}</article>"
        "</body></html>")


class Newsroom:
    """The server; ``with Newsroom(duration=60) as room:`` then poll ``room.feed_urls()``."""

    def __init__(self, duration: float = 0.0, pages: list[Page] | None = None,
                 port: int = 0) -> None:
        self.pages = pages if pages is not None else load_pages()
        self.duration = duration
        self.limit: int | None = None  # set to release only the first N (tests)
        self.outlets = sorted({(s.slug, s.outlet) for s in self.pages})
        self.requests: list[tuple[str, str, int]] = []  # (method, path, status)
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)  # a short poll: a quick shutdown

    # -- lifecycle ---------------------------------------------------------------------
    def __enter__(self) -> Newsroom:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._started = time.monotonic()
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def home_urls(self) -> list[str]:
        return [f"{self.base_url}/{slug}/" for slug, _ in self.outlets]

    def feed_urls(self) -> list[str]:
        return [self.base_url + self._feed_path(i, slug)
                for i, (slug, _) in enumerate(self.outlets)]

    @staticmethod
    def _feed_path(index: int, slug: str) -> str:
        return f"/{slug}/atom.xml" if index % 2 else f"/{slug}/rss.xml"

    # -- time ----------------------------------------------------------------------------
    def released(self) -> list[Page]:
        """The pages out by now: all of them once ``duration`` has passed."""
        if self.limit is not None:
            return self.pages[:self.limit]
        if self.duration <= 0:
            return list(self.pages)
        share = (time.monotonic() - self._started) / self.duration
        return self.pages[:max(1, int(len(self.pages) * min(1.0, share)) )]

    def finished(self) -> bool:
        return len(self.released()) == len(self.pages)

    # -- documents -----------------------------------------------------------------------
    def home(self, slug: str) -> bytes | None:
        for index, (s, name) in enumerate(self.outlets):
            if s == slug:
                kind = "atom+xml" if index % 2 else "rss+xml"
                return (f"<!doctype html><html><head><title>{escape(name)}</title>"
                        f"<link rel=\"alternate\" type=\"application/{kind}\" "
                        f"href=\"{self._feed_path(index, slug)}\"></head>"
                        f"<body><h1>{escape(name)}</h1></body></html>").encode()
        return None

    def feed(self, slug: str, atom: bool) -> bytes:
        items = [s for s in reversed(self.released()) if s.slug == slug][:30]
        name = next(n for s, n in self.outlets if s == slug)
        if atom:
            entries = "".join(
                f"<entry><id>{self.base_url}{s.path}</id><title>{escape(s.title)}</title>"
                f"<link rel=\"alternate\" href=\"{self.base_url}{s.path}\"/>"
                f"<updated>{_iso(s)}</updated></entry>" for s in items)
            return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                    f"<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>{self.base_url}/{slug}/"
                    f"</id><title>{escape(name)}</title><updated>"
                    f"{_iso(items[0]) if items else '2026-11-01T00:00:00Z'}</updated>"
                    f"{entries}</feed>").encode()
        entries = "".join(
            f"<item><title>{escape(s.title)}</title><link>{self.base_url}{s.path}</link>"
            f"<guid>{self.base_url}{s.path}</guid>"
            + (f"<pubDate>{format_datetime(s.published)}</pubDate>" if s.published else "")
            + "</item>" for s in items)
        return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
                f"<title>{escape(name)}</title><link>{self.base_url}/{slug}/</link>"
                f"<description>{escape(name)}</description>{entries}</channel></rss>").encode()

    def sitemap(self) -> bytes:
        urls = "".join(
            f"<url><loc>{self.base_url}{s.path}</loc><news:news><news:publication>"
            f"<news:name>{escape(s.outlet)}</news:name><news:language>en</news:language>"
            f"</news:publication><news:publication_date>{_iso(s)}</news:publication_date>"
            f"<news:title>{escape(s.title)}</news:title></news:news></url>"
            for s in self.released())
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
                f"{urls}</urlset>").encode()

    def page(self, path: str) -> bytes | None:
        for page in self.released():
            if page.path == path:
                return page.body
        return None

    def log(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.requests.append((method, path, status))


def _iso(page: Page) -> str:
    return page.published.isoformat() if page.published else "2026-11-01T00:00:00+00:00"


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def _handler(room: Newsroom) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            parts = path.strip("/").split("/")
            body, kind = None, "text/html; charset=utf-8"
            if path == "/robots.txt":
                body, kind = ROBOTS, "text/plain"
            elif path == "/sitemap_news.xml":
                body, kind = room.sitemap(), "application/xml"
            elif len(parts) == 2 and parts[1] in ("rss.xml", "atom.xml"):
                if any(slug == parts[0] for slug, _ in room.outlets):
                    atom = parts[1] == "atom.xml"
                    body = room.feed(parts[0], atom)
                    kind = "application/atom+xml" if atom else "application/rss+xml"
            elif len(parts) == 1 and path.endswith("/"):
                body = room.home(parts[0])
            else:
                body = room.page(path)
            if body is None:
                return self._send(404, b"not found", "text/plain")
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", kind, etag)
            return self._send(200, body, kind, etag)

        def _send(self, status: int, body: bytes, kind: str, etag: str | None = None) -> None:
            room.log("GET", self.path, status)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    return Handler
