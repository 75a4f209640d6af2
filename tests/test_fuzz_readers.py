"""Fuzzing every reader of outside bytes: feeds, sitemaps, OPML, JSON Lines, WARC and HTML.

Each reader must turn any input into its result or its own error (FeedError, SitemapError,
OpmlError, InputError), never crash, hang or grow without bound. The inputs are built from
the formats' real pieces (elements, fields, headers) mixed with arbitrary text and bytes,
so they reach deep into each parser; inputs that once found a defect are kept as
``@example``s.
"""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import example, given
from hypothesis import strategies as st

from storywire.extract import ExtractError, extract_capture
from storywire.extract.html import extract_html
from storywire.ingest.errors import InputError, InputNotice
from storywire.ingest.records import read_json_document, read_jsonl
from storywire.ingest.warc import _dechunk, read_warc
from storywire.model import Capture
from storywire.sources.discover import feed_links
from storywire.sources.feeds import FeedError, parse_feed
from storywire.sources.opml import OpmlError, read_opml
from storywire.sources.sitemaps import SitemapError, parse_sitemap

from conftest import warc_record
from fuzzing import bounded

TEXT = st.text(max_size=80)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12)


def xml_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text that may or may not be escaped: raw '<' and '&' are part of the attack."""
    return st.one_of(st.text(max_size=max_size),
                     st.sampled_from(["&amp;", "&lt;", "&#0;", "&#x110000;", "&unknown;",
                                      "<![CDATA[x]]>", "2026-11-10T08:00:00Z",
                                      "Tue, 10 Nov 2026 08:00:00 GMT", "99999-99-99",
                                      "http://h.example/a", "javascript:alert(1)", "/rel"]))


@st.composite
def rss(draw) -> bytes:
    items = draw(st.lists(st.tuples(xml_text(), xml_text(), xml_text(), xml_text()),
                          max_size=4))
    body = "".join(f"<item><title>{t}</title><link>{link}</link><guid>{g}</guid>"
                   f"<pubDate>{d}</pubDate></item>" for t, link, g, d in items)
    root = draw(st.sampled_from(["rss version=\"2.0\"", "rss", "feed xmlns="
                                 "\"http://www.w3.org/2005/Atom\"", "rdf:RDF", "html"]))
    prolog = draw(st.sampled_from(["", "<?xml version=\"1.0\"?>",
                                   "<?xml version=\"1.0\" encoding=\"utf-16\"?>",
                                   "<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]>"]))
    name = root.split()[0]
    return f"{prolog}<{root}><channel><title>{draw(xml_text())}</title>{body}</channel>" \
           f"</{name}>".encode("utf-8", "surrogatepass")


@st.composite
def json_feed(draw) -> bytes:
    item = st.fixed_dictionaries({}, optional={
        "id": JSON, "url": JSON, "external_url": JSON, "title": JSON,
        "date_published": JSON})
    doc = draw(st.fixed_dictionaries(
        {"version": st.sampled_from(["https://jsonfeed.org/version/1.1", "1"])},
        optional={"title": JSON, "home_page_url": JSON,
                  "items": st.lists(item | JSON, max_size=4) | JSON}))
    return json.dumps(doc).encode()


@given(st.one_of(rss(), json_feed(), st.binary(max_size=300)),
       st.sampled_from([None, "application/rss+xml", "application/feed+json", "text/html"]))
@example(b'<rss version="2.0"><channel><title>&#x110000;</title></channel></rss>', None)
@example(b'{"version": "https://jsonfeed.org/version/1", "items": 0}', None)
@example(b'{"version": "https://jsonfeed.org/version/1", "items": [{"url": 1}]}', None)
@example(b'{"version": "https://jsonfeed.org/version/1", "items": [{"url": "/a",'
         b' "date_published": 5}]}', None)
@example(b'{"version": "https://jsonfeed.org/version/1", "title": [1],'
         b' "items": [{"url": "/a", "title": {"x": 1}, "id": [2]}]}', None)
@bounded(300)
def test_feeds(body, content_type):
    try:
        feed = parse_feed(body, "http://h.example/feed", content_type)
    except FeedError:
        return
    assert feed.title is None or isinstance(feed.title, str)
    for item in feed.items:
        assert isinstance(item.url, str) and item.url
        assert item.title is None or isinstance(item.title, str)
        assert item.guid is None or isinstance(item.guid, str)


@st.composite
def sitemap(draw) -> bytes:
    urls = draw(st.lists(st.tuples(xml_text(), xml_text(), xml_text()), max_size=4))
    root = draw(st.sampled_from(["urlset", "sitemapindex", "other"]))
    inner = "url" if root == "urlset" else "sitemap"
    body = "".join(f"<{inner}><loc>{loc}</loc><lastmod>{mod}</lastmod>"
                   f"<news:news><news:title>{t}</news:title><news:publication_date>{mod}"
                   "</news:publication_date></news:news>"
                   f"</{inner}>" for loc, mod, t in urls)
    return (f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</{root}>'
            ).encode("utf-8", "surrogatepass")


@given(st.one_of(sitemap(), st.binary(max_size=300)))
@example(b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
         b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><urlset><url><loc>&c;</loc></url></urlset>')
@example(b'<?xml version="1.0"?><!DOCTYPE u SYSTEM "file:///etc/passwd"><urlset/>')
@bounded(300)
def test_sitemaps(body):
    try:
        found = parse_sitemap(body, "http://h.example/sitemap.xml")
    except SitemapError:
        return
    assert all(isinstance(i.url, str) for i in found.items)
    assert all(isinstance(c, str) for c in found.children)


@given(st.one_of(
    st.lists(st.tuples(xml_text(), xml_text(), st.booleans()), max_size=5).map(
        lambda outs: ("<opml version=\"2.0\"><body>" + "".join(
            f'<outline text="{t}" xmlUrl="{u}">' + ("</outline>" if closed else "")
            for t, u, closed in outs) + "</body></opml>").encode("utf-8", "surrogatepass")),
    st.binary(max_size=200)))
@example(b'<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
         b'<opml><body><outline xmlUrl="&x;"/></body></opml>')
@bounded(150)
def test_opml(tmp_path_factory, body):
    path = tmp_path_factory.mktemp("opml") / "feeds.opml"
    path.write_bytes(body)
    try:
        feeds = read_opml(path)
    except OpmlError:
        return
    assert all(isinstance(f.url, str) and f.url for f in feeds)
    assert all("/etc/" not in f.url for f in feeds)


RECORD = st.fixed_dictionaries({}, optional={
    name: JSON for name in ("id", "url", "title", "text", "html", "outlet", "published",
                            "authors", "language")})


@given(st.lists(st.one_of(RECORD.map(json.dumps), TEXT, st.just("")), max_size=6))
@example(['{"text": "Workers walked out.", "authors": [1, {"a": 2}, null]}'])
@example(['{"text": "Workers walked out.", "published": 1e308}'])
@example(['{"text": "Workers walked out.", "published": "9999999999999999999999"}'])
@bounded(200)
def test_json_lines_and_their_records(lines):
    raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    out = list(read_jsonl(io.BytesIO(raw), "feed.jsonl", 10_000))
    out += list(read_json_document(("[" + ",".join(line for line in lines if line) + "]").encode(
        "utf-8", "surrogatepass"), "batch.json"))
    for item in out:
        assert isinstance(item, Capture | InputError | InputNotice)
        if isinstance(item, Capture):
            try:
                draft = extract_capture(item)
            except ExtractError:
                continue
            assert isinstance(draft.text, str) and draft.text.strip()
            assert all(isinstance(a, str) for a in draft.authors)


@st.composite
def warc(draw) -> bytes:
    records = []
    for index in range(draw(st.integers(0, 3))):
        status = draw(st.sampled_from(["200 OK", "301 Moved", "200", "x", "-1 X"]))
        headers = draw(st.lists(st.sampled_from([
            "Content-Type: text/html", "Content-Encoding: gzip", "Content-Encoding: deflate",
            "Content-Encoding: br", "Transfer-Encoding: chunked", "Content-Type: image/png",
        ]), max_size=3))
        body = draw(st.one_of(st.binary(max_size=80), st.just(gzip.compress(b"<p>hi</p>")),
                              st.sampled_from([b"5\r\nhello\r\n0\r\n\r\n", b"-6\r\n",
                                               b"zz\r\n", b"ffffffff\r\nx"])))
        content_type = "".join(["text/html", *("\r\n" + h for h in headers)])
        records.append(warc_record(draw(xml_text()), body, index, status=status,
                                   content_type=content_type))
    data = b"".join(records)
    cut = draw(st.integers(0, len(data)))
    return data[:cut] if draw(st.booleans()) else data


@given(st.one_of(warc(), st.binary(max_size=300)))
@example(b"")
@bounded(200)
def test_warc(data):
    out = list(read_warc(io.BytesIO(data), "crawl.warc", 100_000))
    assert all(isinstance(i, Capture | InputError) for i in out)
    assert all(len(i.raw) <= 100_000 for i in out if isinstance(i, Capture))


CHUNK_PIECES = st.sampled_from([b"5\r\n", b"hello", b"\r\n", b"0\r\n", b"-6\r\n", b"-1",
                                b"ff;ext=1\r\n", b"1_0\r\n", b" a \r\n", b"0x5\r\n"])


@given(st.lists(st.one_of(CHUNK_PIECES, st.binary(max_size=8)), max_size=12).map(b"".join))
@example(b"-6\r\n")  # a negative size sent the reader back to the start: it never ended
@example(b"-6\r\n<p>hello</p>")
@bounded(300)
def test_chunked_transfer_encoding_always_ends(body):
    try:
        out = _dechunk(body)
    except ValueError as exc:
        assert "chunk" in str(exc)
        return
    assert len(out) <= len(body)


HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<article>", "<h1>", "</h1>", "<script>", "</script>",
    "<meta property=\"og:title\" content=\"", "\">", "<meta name=\"author\" content=\"",
    "<time datetime=\"", "<a href=\"", "</a>", "<table><tr><td>", "<!--", "-->", "<![CDATA[",
    "<svg><foreignObject>", "<base href=\"javascript:x\">", "&nbsp;", "&#0;", "\x00", "\u202e",
    "The port authority said the strike would end on Monday after talks. ",
])


@given(st.lists(st.one_of(HTML_PIECES, st.text(max_size=30)), max_size=40).map("".join))
@example("<p>" * 2000)
@example("<div>" * 300 + "<p>Dock workers walked out on Tuesday over shift pay.</p>")
@bounded(40, deadline_ms=10_000)
def test_html_extraction(html):
    found = extract_html(html, "http://h.example/a")
    if found is not None:
        assert isinstance(found.text, str)
        assert all(isinstance(a, str) for a in found.authors)
    links = feed_links(html, "http://h.example/")
    assert all(isinstance(link, str) for link in links)
