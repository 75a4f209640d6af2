"""The fetcher against a real HTTP server on 127.0.0.1: politeness, limits and safety."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import tracemalloc
import zlib

import pytest

from storywire.sources import (
    AddressPolicy,
    Fetcher,
    FetchError,
    FetchOptions,
    RobotsDisallowed,
)
from storywire.sources.guard import AddressRefused, address_problem, check_url, pin

from servers import LocalServer, Reply

LOOPBACK = AddressPolicy(allow_loopback=True)


def options(**changes) -> FetchOptions:
    base = {"addresses": LOOPBACK, "per_host_interval": 0.0, "deadline": 10.0}
    return FetchOptions(**{**base, **changes})


def fetch(url: str, opts: FetchOptions | None = None, **kwargs):
    async def go():
        async with Fetcher(opts or options()) as fetcher:
            return await fetcher.fetch(url, **kwargs)
    return asyncio.run(go())


def fetch_many(urls: list[str], opts: FetchOptions):
    async def go():
        async with Fetcher(opts) as fetcher:
            return await asyncio.gather(*(fetcher.fetch(u) for u in urls),
                                        return_exceptions=True)
    return asyncio.run(go())


ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: badbot\nDisallow: /\n"


def test_user_agent_robots_and_disallowed_paths():
    routes = {"/robots.txt": lambda r: Reply(200, ROBOTS, {"Content-Type": "text/plain"}),
              "/news/1": lambda r: Reply(200, b"<html>one</html>"),
              "/news/2": lambda r: Reply(200, b"<html>two</html>"),
              "/private/x": lambda r: Reply(200, b"secret")}
    with LocalServer(routes) as server:
        results = fetch_many([server.url("/news/1"), server.url("/news/2"),
                              server.url("/private/x")], options(user_agent="testbot/1.0"))
        assert [r.body for r in results[:2]] == [b"<html>one</html>", b"<html>two</html>"]
        assert isinstance(results[2], RobotsDisallowed)
        assert "disallowed by robots.txt" in str(results[2])
        assert server.paths().count("/robots.txt") == 1          # cached per origin
        assert "/private/x" not in server.paths()                 # never asked
        assert {r.headers["user-agent"] for r in server.requests} == {"testbot/1.0"}
        # The robots.txt group for our User-Agent is the one obeyed.
        with pytest.raises(RobotsDisallowed):
            fetch(server.url("/news/1"), options(user_agent="badbot"))


def test_robots_txt_missing_allows_and_failing_disallows():
    with LocalServer({"/a": lambda r: Reply(200, b"ok")}) as server:  # robots.txt: 404
        assert fetch(server.url("/a")).body == b"ok"
    routes = {"/robots.txt": lambda r: Reply(503, b"busy"), "/a": lambda r: Reply(200, b"ok")}
    with LocalServer(routes) as server:
        with pytest.raises(RobotsDisallowed, match=r"robots.txt could not be read \(HTTP 503"):
            fetch(server.url("/a"))
        assert "/a" not in server.paths()


def test_conditional_get_gets_304_with_the_etag_or_the_date():
    def feed(request):
        if request.headers.get("if-none-match") == '"v1"' or \
                request.headers.get("if-modified-since") == "Tue, 03 Nov 2026 10:00:00 GMT":
            return Reply(304)
        return Reply(200, b"<rss/>", {"ETag": '"v1"',
                                      "Last-Modified": "Tue, 03 Nov 2026 10:00:00 GMT"})
    with LocalServer({"/feed": feed}) as server:
        first = fetch(server.url("/feed"))
        assert first.status == 200 and first.headers["etag"] == '"v1"'
        again = fetch(server.url("/feed"), etag=first.headers["etag"])
        assert again.not_modified and again.body == b""
        by_date = fetch(server.url("/feed"), last_modified=first.headers["last-modified"])
        assert by_date.not_modified


def test_redirects_are_followed_up_to_the_cap():
    routes = {"/old": lambda r: Reply(301, headers={"Location": "/new"}),
              "/new": lambda r: Reply(200, b"moved here"),
              "/loop": lambda r: Reply(302, headers={"Location": "/loop"})}
    with LocalServer(routes) as server:
        result = fetch(server.url("/old"))
        assert (result.body, result.final_url) == (b"moved here", server.url("/new"))
        with pytest.raises(FetchError, match="more than 3 redirects"):
            fetch(server.url("/loop"), options(max_redirects=3))
        assert server.paths().count("/loop") == 4


def test_a_redirect_to_a_private_address_is_refused_before_connecting():
    routes = {"/go": lambda r: Reply(302, headers={"Location": "http://10.1.2.3/admin"}),
              "/meta": lambda r: Reply(302, headers={
                  "Location": "http://169.254.169.254/latest/meta-data/"})}
    with LocalServer(routes) as server:
        with pytest.raises(FetchError, match=r"10\.1\.2\.3.*private"):
            fetch(server.url("/go"))
        with pytest.raises(FetchError, match="link-local"):
            fetch(server.url("/meta"))


def test_loopback_is_refused_unless_allowed():
    with LocalServer({"/a": lambda r: Reply(200, b"ok")}) as server:
        with pytest.raises(FetchError, match="loopback address"):
            fetch(server.url("/a"), options(addresses=AddressPolicy()))
        host_named = server.url("/a").replace("127.0.0.1", "localhost")
        with pytest.raises(FetchError, match=r"localhost resolves to .*loopback"):
            fetch(host_named, options(addresses=AddressPolicy()))
        assert server.requests == []
        # Allowed, a name is resolved and checked once, then the checked address is the
        # one connected to (no second DNS answer); the name stays in the Host header.
        allowed = fetch(host_named)
        assert allowed.body == b"ok" and allowed.final_url == host_named
        assert server.requests[-1].headers["host"] == host_named.split("/")[2]
    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/passwd")


@pytest.mark.parametrize(("address", "problem"), [
    ("8.8.8.8", None), ("2001:4860:4860::8888", None),
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"),
    ("10.0.0.1", "private"), ("192.168.1.20", "private"), ("172.16.5.4", "private"),
    ("fd00::1", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("100.64.0.1", "private"), ("fec0::1", "site-local"),
    # 6to4 and NAT64 forms are judged by the IPv4 address inside them.
    ("2002:a9fe:a9fe::", "link-local"), ("2002:7f00:1::1", "loopback"),
    ("2002:0a00:0001::", "private"), ("64:ff9b::a9fe:a9fe", "link-local"),
    ("64:ff9b::127.0.0.1", "loopback"), ("64:ff9b::808:808", None),
    ("2002:808:808::1", None), ("::127.0.0.1", "loopback"),
])
def test_address_policy(address, problem):
    found = address_problem(address, AddressPolicy())
    assert (found is None) if problem is None else (problem in found)
    assert address_problem(address, AddressPolicy(allow_loopback=True,
                                                  allow_private=True)) is None


@pytest.mark.parametrize("address", ["0.0.0.0", "::", "::ffff:0.0.0.0", "0.1.2.3",
                                     "64:ff9b::", "2002::"])
def test_the_unspecified_address_is_refused_whatever_is_allowed(address):
    # Linux connects 0.0.0.0 and :: to the machine itself: no flag makes them a fetch target.
    everything = AddressPolicy(allow_loopback=True, allow_private=True)
    assert "unspecified" in address_problem(address, everything)


@pytest.mark.parametrize("url", [
    "http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/", "http://127.1/",
    "http://0x7f000001/", "http://017700000001/", "http://[::ffff:7f00:1]/",
    "http://[0:0:0:0:0:ffff:127.0.0.1]/", "http://LOCALHOST/",
])
def test_every_spelling_of_loopback_is_refused(url):
    """Decimal, hex, octal and short IPv4 forms resolve (as the C library reads them) to
    127.0.0.1, and the resolved address is what is judged."""
    with pytest.raises(AddressRefused, match="loopback address"):
        asyncio.run(check_url(url, AddressPolicy()))


def test_refused_forms_are_refused_through_the_fetcher_too():
    for url in ("http://[2002:a9fe:a9fe::]/latest/meta-data/", "http://[fec0::1]/",
                "http://[64:ff9b::7f00:1]/", "http://0.0.0.0/"):
        with pytest.raises(FetchError, match=r"refused|never allowed"):
            fetch(url, options(addresses=AddressPolicy(allow_private=True)
                               if "0.0.0.0" in url else AddressPolicy()))


def test_bodies_above_the_cap_are_cut_off():
    endless = (b"x" * 65536 for _ in itertools.count())  # ~an endless 200 MB+ body
    routes = {"/declared": lambda r: Reply(200, b"y" * 5000),
              "/endless": lambda r: Reply(200, stream=endless)}
    with LocalServer(routes) as server:
        with pytest.raises(FetchError, match="5,000 bytes is above the 1,000-byte limit"):
            fetch(server.url("/declared"), options(max_bytes=1000))
        with pytest.raises(FetchError, match="above the 1,000,000-byte limit"):
            fetch(server.url("/endless"), options(max_bytes=1_000_000))


def _bomb(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    block = bytes(1 << 20)
    return b"".join([*(compressor.compress(block) for _ in range(size >> 20)),
                     compressor.flush()])


def test_a_gzip_bomb_is_cut_off_without_inflating_it():
    bomb = _bomb(100 << 20)  # 100 MB of zeros in ~100 KB
    page = gzip.compress(b"<html><p>small and fine</p></html>")
    routes = {"/bomb": lambda r: Reply(200, bomb, {"Content-Encoding": "gzip"}),
              "/page": lambda r: Reply(200, page, {"Content-Encoding": "gzip"})}
    with LocalServer(routes) as server:
        assert fetch(server.url("/page")).body == b"<html><p>small and fine</p></html>"
        tracemalloc.start()
        try:
            with pytest.raises(FetchError, match="inflated body is above the size limit"):
                fetch(server.url("/bomb"), options(max_bytes=2_000_000))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 20_000_000  # bounded by the cap, not by the 100 MB inside


def test_a_slow_drip_hits_the_overall_deadline():
    routes = {"/drip": lambda r: Reply(200, b"<html>" + b"." * 2000, chunk=1, pause=0.05)}
    with LocalServer(routes) as server, \
            pytest.raises(FetchError, match="overall deadline"):
        # The read time-out (per byte) never fires: only the overall deadline does.
        fetch(server.url("/drip"), options(deadline=0.5, read_timeout=5))


def test_per_host_concurrency_is_capped():
    routes = {f"/p{i}": (lambda r: Reply(200, b"ok" * 50, chunk=20, pause=0.02))
              for i in range(6)}
    with LocalServer(routes) as server:
        results = fetch_many([server.url(f"/p{i}") for i in range(6)],
                             options(per_host_concurrency=2))
        assert all(r.status == 200 for r in results)
        assert server.max_active <= 2
        pages = [p for p in server.paths() if p.startswith("/p")]
        assert len(pages) == 6


def test_server_errors_and_refused_connections_are_fetch_errors():
    with LocalServer({"/boom": lambda r: Reply(500, b"oops")}) as server:
        assert fetch(server.url("/boom")).status == 500  # a status, for the caller to judge
        closed = server.url("/x")
    # robots.txt cannot be read either: as RFC 9309 says, nothing is fetched; the reason
    # names the connection error.
    with pytest.raises(FetchError, match=r"robots.txt could not be read \(ConnectError"):
        fetch(closed)
    with pytest.raises(FetchError, match="ConnectError"):
        fetch(closed, robots=False)


def test_requests_are_pinned_to_the_checked_address():
    assert pin("https://news.example:8443/a?b=1", "203.0.113.7") == (
        "https://203.0.113.7:8443/a?b=1", {"Host": "news.example:8443"},
        {"sni_hostname": "news.example"})
    assert pin("http://news.example/a", "2001:db8::1") == (
        "http://[2001:db8::1]:80/a", {"Host": "news.example"}, {})
    assert pin("http://127.0.0.1:8080/a", "127.0.0.1") == ("http://127.0.0.1:8080/a", {}, {})


def test_robots_crawl_delay_widens_the_gap_for_that_host():
    robots = b"User-agent: *\nCrawl-delay: 7\nDisallow: /private/\n"
    routes = {"/robots.txt": lambda r: Reply(200, robots), "/a": lambda r: Reply(200, b"ok")}
    with LocalServer(routes) as server:
        async def go():
            async with Fetcher(options(per_host_interval=0.0)) as fetcher:
                assert await fetcher.allowed(server.url("/a"))
                return fetcher.gate._intervals
        assert asyncio.run(go()) == {"127.0.0.1": 7.0}


def test_robots_txt_follows_rfc_9309_wildcards_longest_match_and_product_token():
    # The kind of file news sites publish: wildcards for search and tracking URLs, an end
    # anchor, an Allow carved out of a Disallow, and a group for a named crawler.
    robots = (b"User-agent: *\nDisallow: /*?s=\nDisallow: /*.pdf$\nDisallow: /live/\n"
              b"Allow: /live/blog-\n\nUser-agent: storywire\nDisallow: /archive/\n"
              b"Crawl-delay: 3\n")
    routes = {"/robots.txt": lambda r: Reply(200, robots)}
    with LocalServer(routes) as server:
        async def go(agent: str) -> dict[str, bool]:
            async with Fetcher(options(user_agent=agent)) as fetcher:
                paths = ["/search?s=quake", "/report.pdf", "/report.pdf?page=2", "/live/",
                         "/live/blog-quake", "/archive/2020", "/news/quake"]
                return {p: await fetcher.allowed(server.url(p)) for p in paths}, \
                    dict(fetcher.gate._intervals)
        anyone, gaps = asyncio.run(go("testbot/1.0"))
        assert anyone == {"/search?s=quake": False, "/report.pdf": False,
                          "/report.pdf?page=2": True, "/live/": False,
                          "/live/blog-quake": True, "/archive/2020": True,
                          "/news/quake": True}
        assert gaps == {}
        # Our own group, found by the product token of the User-Agent, replaces the * one.
        ours, gaps = asyncio.run(go("storywire/0.1.0 (self-hosted news monitor)"))
        assert not ours["/archive/2020"] and ours["/search?s=quake"]
        assert gaps == {"127.0.0.1": 3.0}
