"""A fetched page's headline, outlet, authors and date from the page and its feed item,
polled from a real server on 127.0.0.1 (the blog cases a new user met)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from storywire.monitor import Monitor
from storywire.store import open_store
from test_monitor import monitor_options

from servers import LocalServer, Reply

PARAGRAPHS = (
    "<p>The dock workers walked out at dawn on Thursday, leaving ships idle in the harbour "
    "for the first time in a decade.</p>"
    "<p>Union leaders said the strike would last until the port authority agreed to talks. "
    "Several hundred workers gathered at the gates, carrying banners.</p>"
    "<p>Shipping companies warned of delays across the region, with cargo diverted to other "
    "ports along the coast while the dispute continues.</p>")


def blog_page(head: str) -> bytes:
    """A plain blog post: no Open Graph, no JSON-LD, the blog's name in the header."""
    return (f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>"
            "<header><a href='/'>Harbour Notes</a></header><main><article>"
            f"{PARAGRAPHS}</article></main><footer>Powered by WordPress</footer>"
            "</body></html>").encode()


def rss(items: list[tuple[str, str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<author>{author}</author></item>" for link, title, date, author in items)
    return ("<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Notes</title>"
            f"<link>/</link><description>A port town's blog</description>{entries}"
            "</channel></rss>").encode()


def poll_articles(location: str, routes: dict, feed_items) -> dict:
    with LocalServer(routes) as server:
        server.routes["/feed.xml"] = lambda r: Reply(200, rss(
            [(server.url(path), *rest) for path, *rest in feed_items]),
            {"Content-Type": "application/rss+xml"})
        with open_store(location) as store:
            store.add_source(server.url("/feed.xml"), "feed", None, None, 60)
            report = asyncio.run(Monitor(store, options=monitor_options()).cycle())
            assert report.errors == []
            return {a.url.split(":", 2)[2].split("/", 1)[1]: a for a in store.list_articles()}


def test_a_blog_page_takes_its_feed_items_title_date_and_the_channels_name(db_location):
    routes = {
        # <title> is the blog's name only; the URL has a partial date (day 1, no zero).
        "/2022/04/1/dock-strike/": lambda r: Reply(200, blog_page(
            "<title>Harbour Notes</title>"), {"Content-Type": "text/html"}),
        # No <title> at all.
        "/2022/04/2/strike-ends/": lambda r: Reply(200, blog_page(""),
                                                   {"Content-Type": "text/html"}),
    }
    articles = poll_articles(db_location, routes, [
        ("/2022/04/1/dock-strike/", "Dock workers walk out at dawn",
         "Thu, 07 Apr 2022 16:54:00 +0000", "mara@harbour.example (Mara Quist)"),
        ("/2022/04/2/strike-ends/", "The strike ends after a week",
         "Thu, 14 Apr 2022 09:10:00 +0000", "Mara Quist")])
    first = articles["2022/04/1/dock-strike/"]
    assert first.title == "Dock workers walk out at dawn"
    assert first.outlet == "Harbour Notes"  # the channel's title, not 127.0.0.1:PORT
    assert first.published == datetime(2022, 4, 7, 16, 54, tzinfo=UTC)  # not 1 April
    assert first.authors == ["Mara Quist"]
    assert first.paragraphs[0].startswith("The dock workers walked out")
    second = articles["2022/04/2/strike-ends/"]
    assert second.title == "The strike ends after a week"
    assert second.outlet == "Harbour Notes"
    assert second.published == datetime(2022, 4, 14, 9, 10, tzinfo=UTC)


def test_the_pages_own_metadata_wins_over_its_feed_item(db_location):
    head = ("<title>Strike at the docks | The Saltmere Gazette</title>"
            "<meta property='og:title' content='Dockers strike in Saltmere'>"
            "<meta property='og:site_name' content='The Saltmere Gazette'>"
            "<meta property='article:published_time' content='2022-04-07T07:40:00Z'>")
    articles = poll_articles(db_location, {"/news/strike.html": lambda r: Reply(
        200, blog_page(head), {"Content-Type": "text/html"})}, [
        ("/news/strike.html", "Latest: strike", "Thu, 07 Apr 2022 16:54:00 +0000", "")])
    article = articles["news/strike.html"]
    assert article.title == "Dockers strike in Saltmere"
    assert article.outlet == "The Saltmere Gazette"
    assert article.published == datetime(2022, 4, 7, 7, 40, tzinfo=UTC)


def test_without_feed_facts_the_title_suffix_names_the_outlet_and_a_whole_url_date_counts(
        db_location):
    """A page whose feed says nothing: <title> minus the site name is the headline, its
    site-name part the outlet; /2022/04/07/ in the URL is a whole date, so it is used."""
    head = "<title>Dock workers walk out at dawn | Harbour Notes</title>"
    articles = poll_articles(db_location, {"/2022/04/07/dock-strike/": lambda r: Reply(
        200, blog_page(head), {"Content-Type": "text/html"})}, [
        ("/2022/04/07/dock-strike/", "", "", "")])
    article = articles["2022/04/07/dock-strike/"]
    assert article.title == "Dock workers walk out at dawn"
    assert article.outlet == "Harbour Notes"
    assert article.published == datetime(2022, 4, 7, tzinfo=UTC)


def test_a_partial_url_date_is_not_a_date(db_location):
    articles = poll_articles(db_location, {"/2022/04/dock-strike/": lambda r: Reply(
        200, blog_page("<title>Harbour Notes</title>"), {"Content-Type": "text/html"})}, [
        ("/2022/04/dock-strike/", "", "", "")])
    article = articles["2022/04/dock-strike/"]
    assert article.published is None
    assert article.title == "Dock strike"  # from the URL, the last resort


def file_article(location: str, page: bytes, url: str):
    """The article the pipeline makes of ``page`` read as a file: no feed says anything."""
    from storywire.model import Capture
    from storywire.pipeline import Pipeline

    with open_store(location) as store:
        Pipeline(store).ingest_stream([Capture(raw=page, kind="html", origin=url, url=url)])
        [article] = store.list_articles()
    return article


def test_a_blogger_page_read_as_a_file_is_titled_and_dated_as_its_feed_would(db_location):
    """Blogger's layout: "Blog: Headline" as <title>, the blog's name (a domain, as many
    are) linked home, the post's date in a header above it, the URL naming only the year
    and month. Read from a file, with no feed to say anything, the page alone gives the
    headline, outlet and day the feed would, so the same page from a file and from its
    feed is titled and dated alike (and so grouped alike)."""
    page = blog_page("<title>harbournotes.net: Dock workers walk out at dawn</title>").replace(
        b"<main><article>", b"<main><h2 class='date-header'><span>Thursday, April 7, 2022"
        b"</span></h2><article>").replace(b">Harbour Notes<", b">harbournotes.net<")
    article = file_article(db_location, page,
                           "https://harbournotes.example/2022/04/dock-strike.html")
    assert article.title == "Dock workers walk out at dawn"
    assert article.outlet == "harbournotes.net"
    assert article.published is not None
    assert article.published.date().isoformat() == "2022-04-07"


def test_a_pages_stated_date_and_time_win_over_its_urls_date(db_location):
    """A news site files a story under the day it went to print (/2022/04/08/) while the
    page's metadata states when it was published (7 April, 16:54): htmldate returns the
    URL's date first, the page's own is the publisher's word."""
    news = blog_page("<title>Dock workers walk out at dawn | Harbour Notes</title><meta "
                     "property='article:published_time' content='2022-04-07T16:54:00+00:00'>")
    article = file_article(db_location, news,
                           "https://harbournotes.example/2022/04/08/dock-strike/")
    assert article.published == datetime(2022, 4, 7, 16, 54, tzinfo=UTC)


def test_a_wordpress_time_element_gives_the_time_of_day(db_location):
    """A WordPress post's <time> states the minute, as its feed does; htmldate reads the
    day alone, which would put the file's copy of the post at midnight."""
    post = blog_page("<title>Dock workers walk out at dawn &#8211; Harbour Notes</title>").replace(
        b"<article>", b"<article><header><h1 class='entry-title'>Dock workers walk out at dawn"
        b"</h1><div class='entry-meta'><time class='entry-date published' datetime="
        b"'2022-04-07T16:54:00+00:00'>April 07, 2022</time></div></header>")
    article = file_article(db_location, post,
                           "https://harbournotes.example/2022/04/07/dock-strike/")
    assert article.published == datetime(2022, 4, 7, 16, 54, tzinfo=UTC)


def test_a_date_line_in_the_headlines_place_is_neither_headline_nor_outlet(db_location):
    """Some templates put the post's time stamp where the headline goes ("Blog: Sunday,
    March 17, 2013 | 5: 00 PM", as ECB+ pages do), and the feed item repeats it: the
    headline then comes from the next source (here the URL), and the outlet is the name
    before the stamp, never the stamp."""
    stamp = "Thursday, April 7, 2022 | 4: 54 PM"
    head = f"<title>Harbour Notes: {stamp}</title>"
    articles = poll_articles(db_location, {"/2022/04/07/dock-workers-walk-out/": lambda r: Reply(
        200, blog_page(head), {"Content-Type": "text/html"})}, [
        ("/2022/04/07/dock-workers-walk-out/", stamp, "", "")])
    article = articles["2022/04/07/dock-workers-walk-out/"]
    assert article.title == "Dock workers walk out"
    assert article.outlet == "Harbour Notes"
    assert article.published is not None and article.published.date().isoformat() == \
        "2022-04-07"


def test_date_only_lines():
    from storywire.extract.dates import is_date_only

    for stamp in ("Sunday, March 17, 2013 | 5: 00 PM", "APR 28", "27 NOVEMBER, 2005",
                  "Posted September 26, 2013-3: 47pm Updated September 27, 2013-6: 56am",
                  "Lundi 3 mars 2014", "8: 24am:"):
        assert is_date_only(stamp), stamp
    for headline in ("Riots Erupt Following Death of Brooklyn Teen", "May 4 election results",
                     "2 killed in 4.5 quake", "Version 2.10"):
        assert not is_date_only(headline), headline


def test_a_time_stamp_in_the_headlines_place_dates_the_page(db_location):
    """A template that puts the post's stamp where the headline goes states the post's
    date there, where htmldate, reading the page alone, takes "2013-3" of "September 26,
    2013-3: 47pm" for March 2013 (an ECB+ page, rendered with its stamp as its title)."""
    stamp = "Posted September 26, 2013-3: 47pm Updated September 27, 2013-6: 56am"
    page = blog_page(f"<title>{stamp} | swtimes.com</title>"
                     f"<meta property='og:title' content='{stamp}'>").replace(
        b"<main><article>", f"<main><article><h1>{stamp}</h1>".encode())
    articles = poll_articles(db_location, {"/news/leflore-jury-verdict": lambda r: Reply(
        200, page, {"Content-Type": "text/html"})}, [("/news/leflore-jury-verdict", "", "", "")])
    article = articles["news/leflore-jury-verdict"]
    assert article.published == datetime(2013, 9, 26, 15, 47, tzinfo=UTC)
    assert article.title == "Leflore jury verdict"


def test_a_slug_headline_is_taken_as_the_first_line_writes_it():
    """When only the URL names the headline, a first line holding every word of the slug
    is that headline written out, with the short words and capitals a slug drops (an ECB+
    development page whose title is its time stamp); a lead sentence is not."""
    from storywire.extract.precedence import spelled_out, url_title

    slug = url_title("https://www.essence.com/2013/03/17/"
                     "riots-erupt-following-death-brooklyn-teen-killed-police/")
    first = "Riots Erupt Following Death of Brooklyn Teen Killed By Police"
    assert spelled_out(slug, f"{first}\nIn the week following the fatal shooting …") == first
    assert spelled_out(slug, "Riots erupted following the death of a Brooklyn teen killed "
                             "by police.\nIn the week …") == slug
    assert spelled_out("Dock strike", "Dock workers walked out.\n") == "Dock strike"


def test_time_stamps_read_as_whole_dates():
    """ECB+ pages' stamps, with the corpus's spacing ("5: 00 PM"): the posting, not the
    update; a stamp without a year dates nothing."""
    from storywire.extract.dates import stamp_date

    def read(stamp: str) -> str | None:
        found = stamp_date(stamp)
        return found.strftime("%Y-%m-%d %H:%M") if found else None

    assert read("Sunday, March 17, 2013 | 5: 00 PM") == "2013-03-17 17:00"
    assert read("PUBLISHED FRIDAY, MARCH 8, 2013 AT 12: 46 PM / UPDATED AT 12: 48 PM") == \
        "2013-03-08 12:46"
    assert read("12 January 2010 @ 09: 29 pm") == "2010-01-12 21:29"
    assert read("3 / 27 / 2012 @ 10: 05AM") == "2012-03-27 10:05"
    assert read("Tuesday, May 24, 2005") == "2005-05-24 00:00"
    assert read("17. März 2013 um 17:05 Uhr") == "2013-03-17 17:05"
    assert read("APR 28") is None
    assert read("Riots Erupt Following Death of Brooklyn Teen") is None


def test_a_post_without_a_title_has_no_site_name_or_share_heading_for_headline(db_location):
    """A WordPress post with an empty title renders "<title> – Site</title>" and an empty
    <h1>: the headline part is empty, so the headline comes from the next source (here the
    URL), never "– Harbour Notes" nor the "Share this:" heading below the post, and the
    part after the dash names the outlet."""
    page = blog_page("<title> &#8211; Harbour Notes</title>").replace(
        b"</article>", b"<h3 class='sd-title'>Share this:</h3></article>")
    articles = poll_articles(db_location, {"/2022/04/07/dock-workers-walk-out/": lambda r: Reply(
        200, page, {"Content-Type": "text/html"})}, [
        ("/2022/04/07/dock-workers-walk-out/", "", "", "")])
    article = articles["2022/04/07/dock-workers-walk-out/"]
    assert article.title == "Dock workers walk out"
    assert article.outlet == "Harbour Notes"


def test_a_headline_that_starts_or_ends_with_the_sites_name_keeps_it():
    """Only a separator sets a site name off a headline: "The Guardian view on …" on The
    Guardian's own page is a headline, "The Guardian: …" is not."""
    from storywire.extract.html import HtmlExtract
    from storywire.extract.precedence import FeedFacts, page_facts

    def headline(document: str) -> str | None:
        found = HtmlExtract(text="…", document_title=document, stated_site="The Guardian")
        return page_facts(found, FeedFacts(), None).title

    assert headline("The Guardian view on the port strike") == \
        "The Guardian view on the port strike"
    assert headline("Inside The Guardian") == "Inside The Guardian"
    assert headline("The Guardian: Port strike ends") == "Port strike ends"
    assert headline("The Guardian") is None
