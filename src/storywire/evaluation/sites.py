"""Labelled articles rendered as the pages of realistic sites, and served on 127.0.0.1.

Each outlet is its own site (its own port, so its own host): a home page, its articles in
one of four templates — a news site (JSON-LD and Open Graph, navigation, share bar, related
links), a WordPress blog (widgets, "Previous post / Next post", a comment section, no
structured metadata), a Blogger blog (its archive and profile widgets, "Posted by … at …",
``/YYYY/MM/slug.html`` links that carry a partial date) and an aggregator (a trailer naming
where the story first appeared, "Read more" links) — and a feed: RSS 2.0, Atom, or a news
sitemap. Pages already taken from real sites (Mozilla Readability's test pages) are served
as they are, announced by a plain sitemap. The server only shows what the harness released.
"""

from __future__ import annotations

import contextlib
import re
import threading
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote, urlsplit

TEMPLATES = ("news", "wordpress", "blogger", "aggregator")


@dataclass
class Item:
    """One labelled article: what the page shows and what the scores compare with."""

    key: str                        # corpus:id
    corpus: str                     # ecbplus | polnear | readability
    outlet: str | None              # the gold outlet (None: not judged)
    title: str | None
    published: datetime | None
    text: str                       # the gold text
    authors: list[str] = field(default_factory=list)
    event: str | None = None        # ECB+ event label
    path: str = ""                  # where the site serves it
    raw: bytes | None = None        # a real page served as is (Readability)
    site: str = ""                  # the site it is served by (its name, or a key)


def slug(text: str, words: int = 8) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words]) or "story"


def template_of(site: str) -> str:
    """A site's template, fixed by its name (the same on every run)."""
    return TEMPLATES[zlib.crc32(site.encode()) % len(TEMPLATES)]


def item_path(item: Item, original_url: str | None) -> str:
    """The page's path (percent-encoded): the original URL's path when the corpus gives
    one (with its own date segments), a Blogger-style /YYYY/MM/slug.html on a Blogger
    site."""
    if template_of(item.site) == "blogger" and item.published and item.title:
        return f"/{item.published:%Y/%m}/{slug(item.title)}.html"
    if original_url:
        path = urlsplit(original_url).path or "/"
        return canonical_path(path) if path != "/" else f"/story/{slug(item.key)}.html"
    return f"/story/{slug(item.key, 12)}.html"


def canonical_path(path: str) -> str:
    """One spelling of a path, however a client escaped it."""
    return quote(unquote(path), safe="/-._~!$&'()*+,;=:@")


# -- page templates ---------------------------------------------------------------------
def _paragraphs(text: str) -> str:
    return "\n".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def _related(others: list[Item]) -> str:
    return "".join(f"<li><a href='{escape(o.path)}'>{escape(o.title or 'More')}</a></li>"
                   for o in others[:4])


_NAV = ("<nav class='menu'><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a>"
        "</li><li><a href='/politics'>Politics</a></li><li><a href='/business'>Business</a>"
        "</li><li><a href='/sport'>Sport</a></li><li><a href='/contact'>Contact us</a></li>"
        "</ul></nav>")
_SHARE = ("<div class='share-bar'>Share this: <a href='#'>Facebook</a> <a href='#'>Twitter"
          "</a> <a href='#'>Email</a> <a href='#'>Print</a></div>")


def render(item: Item, site_name: str, others: list[Item]) -> bytes:
    """The article page of ``item`` on a site of its template."""
    kind = template_of(item.site)
    title = item.title or ""
    when = item.published.isoformat() if item.published else ""
    byline = ", ".join(item.authors)
    body = _paragraphs(item.text)
    if kind == "news":
        ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", '
              f'"headline": {_json(title)}, "datePublished": {_json(when)}, '
              f'"publisher": {{"@type": "Organization", "name": {_json(site_name)}}}'
              + (f', "author": {{"@type": "Person", "name": {_json(byline)}}}' if byline
                 else "") + "}")
        head = (f"<title>{escape(title)} | {escape(site_name)}</title>"
                f"<meta property='og:title' content='{escape(title)}'>"
                f"<meta property='og:site_name' content='{escape(site_name)}'>"
                + (f"<meta property='article:published_time' content='{when}'>" if when
                   else "")
                + f"<script type='application/ld+json'>{ld}</script>")
        page = (f"<header><a class='logo' href='/'>{escape(site_name)}</a>{_NAV}</header>"
                f"<main><article><h1>{escape(title)}</h1>"
                + (f"<p class='byline'>By {escape(byline)}</p>" if byline else "")
                + f"{_SHARE}<div class='article-body'>{body}</div>{_SHARE}</article>"
                f"<aside class='related'><h2>Related stories</h2><ul>{_related(others)}</ul>"
                f"</aside></main><footer>© {escape(site_name)}. All rights reserved. "
                "<a href='/privacy'>Privacy policy</a> <a href='/terms'>Terms of use</a>"
                "</footer>")
    elif kind == "wordpress":
        head = f"<title>{escape(title)} &#8211; {escape(site_name)}</title>"
        prev_next = "".join(
            f"<div class='nav-{side}'><a href='{escape(o.path)}' rel='{side}'>"
            f"<span class='meta-nav'>{label}</span> {escape(o.title or '')}</a></div>"
            for side, label, o in zip(("previous", "next"), ("Previous post", "Next post"),
                                      others[:2], strict=False))
        page = (f"<div id='page' class='site'><header class='site-header'><p class="
                f"'site-title'><a href='/' rel='home'>{escape(site_name)}</a></p>{_NAV}"
                "</header><div id='content' class='site-content'><main id='main'>"
                f"<article class='post type-post'><header class='entry-header'>"
                f"<h1 class='entry-title'>{escape(title)}</h1><div class='entry-meta'>"
                + (f"<time class='entry-date published' datetime='{when}'>"
                   f"{item.published:%B %d, %Y}</time>" if item.published else "")
                + (f" <span class='byline'>by {escape(byline)}</span>" if byline else "")
                + f"</div></header><div class='entry-content'>{body}"
                "<div class='sharedaddy'><h3 class='sd-title'>Share this:</h3><ul><li>"
                "<a href='#'>Twitter</a></li><li><a href='#'>Facebook</a></li></ul></div>"
                "<div class='jp-relatedposts'><h3>Related</h3></div></div></article>"
                f"<nav class='navigation post-navigation'>{prev_next}</nav>"
                "<div id='comments' class='comments-area'><h2 class='comments-title'>2 "
                f"thoughts on &ldquo;{escape(title)}&rdquo;</h2><ol class='comment-list'>"
                "<li class='comment'><div class='comment-content'><p>Thanks for posting "
                "this.</p></div></li><li class='comment'><div class='comment-content'><p>"
                "Great write-up, shared it with my friends.</p></div></li></ol>"
                "<div id='respond'><h3>Leave a Reply</h3></div></div></main>"
                "<aside id='secondary' class='widget-area'><section class='widget "
                f"widget_recent_entries'><h2>Recent Posts</h2><ul>{_related(others)}</ul>"
                "</section><section class='widget widget_archive'><h2>Archives</h2><ul><li>"
                "<a href='/archive'>Older posts</a></li></ul></section><section class="
                "'widget widget_meta'><h2>Meta</h2><ul><li><a href='/wp-login.php'>Log in"
                "</a></li><li><a href='/feed'>Entries feed</a></li></ul></section></aside>"
                "</div><footer class='site-footer'>Proudly powered by WordPress</footer>"
                "</div>")
    elif kind == "blogger":
        head = f"<title>{escape(site_name)}: {escape(title)}</title>"
        posted = (f"Posted by {escape(byline or 'admin')} at "
                  f"{item.published:%I:%M %p}" if item.published else "")
        page = (f"<div class='header'><h1 class='title'><a href='/'>{escape(site_name)}</a>"
                "</h1></div><div class='main-inner'><div class='blog-posts'>"
                + (f"<h2 class='date-header'><span>{item.published:%A, %B %d, %Y}</span></h2>"
                   if item.published else "")
                + f"<div class='post hentry'><h3 class='post-title entry-title'>"
                f"{escape(title)}</h3><div class='post-body entry-content'>{body}</div>"
                f"<div class='post-footer'>{posted} <span class='post-comment-link'>"
                "No comments:</span> <a class='share-button' href='#'>Email This</a> "
                "<a href='#'>BlogThis!</a> <a href='#'>Share to Twitter</a> <a href='#'>"
                "Share to Facebook</a></div></div><div class='comments'><h4>No comments:"
                "</h4><p>Post a Comment</p></div></div><div class='blog-pager'><a class="
                "'blog-pager-newer-link' href='/'>Newer Post</a> <a href='/'>Home</a></div>"
                "</div><div class='sidebar'><div class='widget BlogArchive'><h2>Blog "
                f"Archive</h2><ul>{_related(others)}</ul></div><div class='widget Profile'>"
                "<h2>About Me</h2><p>View my complete profile</p></div></div>"
                "<div class='footer'>Powered by Blogger.</div>")
    else:  # aggregator
        source = item.outlet or site_name
        head = (f"<title>{escape(title)} - {escape(site_name)}</title>"
                f"<meta name='application-name' content='{escape(site_name)}'>"
                + (f"<meta name='date' content='{when}'>" if when else ""))
        page = (f"<div class='top'><a href='/'>{escape(site_name)}</a> <a href='/latest'>"
                "Latest</a> <a href='/trending'>Trending</a> <a href='/login'>Sign in</a>"
                f"</div><div class='story'><h1>{escape(title)}</h1>{body}"
                f"<p class='trailer'>This story originally appeared on {escape(source)}."
                "</p></div><div class='read-more'><h3>Read more</h3><ul>"
                f"{_related(others)}</ul></div><div class='foot'>{escape(site_name)} "
                "collects the news from around the web.</div>")
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>{head}</head>"
            f"<body>{page}</body></html>").encode()


def _json(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


# -- feeds ------------------------------------------------------------------------------
def feed(site_name: str, base: str, items: list[Item], kind: str) -> tuple[bytes, str]:
    """The site's feed of ``items`` (newest first): (body, content type)."""
    if kind == "sitemap":
        entries = "".join(
            f"<url><loc>{escape(base + i.path)}</loc>"
            + (f"<news:news><news:publication><news:name>{escape(site_name)}</news:name>"
               "<news:language>en</news:language></news:publication>"
               + (f"<news:publication_date>{i.published.isoformat()}"
                  "</news:publication_date>" if i.published else "")
               + (f"<news:title>{escape(i.title)}</news:title>" if i.title else "")
               + "</news:news>" if i.corpus != "readability" else "")
            + "</url>" for i in items)
        return ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/"
                "schemas/sitemap/0.9' xmlns:news='http://www.google.com/schemas/sitemap-news"
                f"/0.9'>{entries}</urlset>").encode(), "application/xml"
    if kind == "atom":
        entries = "".join(
            f"<entry><title>{escape(i.title or '')}</title><link rel='alternate' "
            f"href='{escape(base + i.path)}'/><id>{escape(base + i.path)}</id>"
            + (f"<published>{i.published.isoformat()}</published><updated>"
               f"{i.published.isoformat()}</updated>" if i.published else "")
            + (f"<author><name>{escape(i.authors[0])}</name></author>" if i.authors else "")
            + "</entry>" for i in items)
        return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/"
                f"Atom'><title>{escape(site_name)}</title><link href='{escape(base)}/'/>"
                f"<id>{escape(base)}/</id>{entries}</feed>").encode(), "application/atom+xml"
    entries = "".join(
        f"<item><title>{escape(i.title or '')}</title><link>{escape(base + i.path)}</link>"
        f"<guid>{escape(base + i.path)}</guid>"
        + (f"<pubDate>{format_datetime(i.published)}</pubDate>" if i.published else "")
        + (f"<dc:creator>{escape(i.authors[0])}</dc:creator>" if i.authors else "")
        + "</item>" for i in items)
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' xmlns:dc='http://purl."
            f"org/dc/elements/1.1/'><channel><title>{escape(site_name)}</title><link>"
            f"{escape(base)}/</link><description>{escape(site_name)}</description>{entries}"
            "</channel></rss>").encode(), "application/rss+xml"


def feed_kind(site: Site) -> str:
    if site.real:
        return "sitemap"
    return {"news": "rss", "wordpress": "rss", "blogger": "atom",
            "aggregator": "sitemap"}[template_of(site.key)]


# -- the sites --------------------------------------------------------------------------
class Site:
    """One outlet on its own port: home, feed, pages (only those released)."""

    def __init__(self, key: str, name: str, items: list[Item], real: bool = False) -> None:
        self.key, self.name, self.items, self.real = key, name, items, real
        self.released: list[str] = []  # keys, in the order they were released
        self.pages: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.2,),
                                        daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def feed_url(self) -> str:
        kind = feed_kind(self)
        return self.base + {"rss": "/feed.xml", "atom": "/atom.xml",
                            "sitemap": "/sitemap.xml"}[kind]

    def build(self) -> None:
        for item in self.items:
            others = [o for o in self.items if o is not item and o.title]
            self.pages[item.path] = item.raw if item.raw is not None else render(
                item, self.name, others)

    def release(self, keys: list[str]) -> None:
        mine = {i.key for i in self.items}
        with self._lock:
            self.released += [k for k in keys if k in mine and k not in self.released]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def respond(self, path: str) -> tuple[int, bytes, str]:
        by_key = {i.key: i for i in self.items}
        with self._lock:
            out = [by_key[k] for k in self.released]
        if path.split("?")[0] == urlsplit(self.feed_url).path:
            body, kind = feed(self.name, self.base, out[::-1][:50], feed_kind(self))
            return 200, body, kind
        path = canonical_path(path.split("?")[0])
        for item in out:
            if item.path == path:
                # A real page's charset is left for the reader to find, as in a file.
                return 200, self.pages[item.path], ("text/html" if item.raw is not None
                                                    else "text/html; charset=utf-8")
        if path == "/":
            return 200, (f"<!doctype html><html><head><title>{escape(self.name)}</title>"
                         "</head><body></body></html>").encode(), "text/html"
        return 404, b"not found", "text/plain"


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            status, body, kind = site.respond(self.path)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    return Handler
