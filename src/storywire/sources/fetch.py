"""Polite, bounded HTTP fetching with httpx.

Every request: the address guard (again after each redirect), robots.txt, the per-host gate,
a custom User-Agent, conditional headers, connect/read time-outs and one overall deadline (a
server that drips a byte a second cannot hold a worker for long), a redirect cap, and a size
cap checked while streaming. Compressed bodies are inflated here, with a bound on the output,
so a gzip bomb is cut off after ``max_bytes`` of output rather than expanded in memory.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from storywire._version import DEFAULT_USER_AGENT
from storywire.model import utcnow
from storywire.sources.guard import AddressPolicy, AddressRefused, check_url, pin
from storywire.sources.lifetime import http_lifetime
from storywire.sources.politeness import HostGate

REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A URL could not be fetched; the message names the URL and the reason."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class RobotsDisallowed(FetchError):
    """robots.txt asks us not to fetch this URL."""


@dataclass(frozen=True)
class FetchOptions:
    """Every limit of the fetcher in one place."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0           # whole fetch: redirects, headers and body
    max_bytes: int = 10_000_000      # after decompression
    max_redirects: int = 5
    per_host_concurrency: int = 2
    per_host_interval: float = 1.0   # seconds between request starts to one host
    robots: bool = True
    robots_ttl: float = 3600.0
    addresses: AddressPolicy = field(default_factory=AddressPolicy)


@dataclass
class FetchResult:
    url: str                 # what was asked for
    final_url: str           # after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    seconds: float

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    def meta(self) -> dict[str, Any]:
        """The HTTP facts kept with a capture."""
        keep = ("content-type", "etag", "last-modified", "content-length", "server")
        return {"http_status": self.status, "content_type": self.content_type,
                "requested_url": self.url, "final_url": self.final_url,
                "headers": {k: v for k, v in self.headers.items() if k in keep}}


class Fetcher:
    """One httpx client, one host gate and one robots cache; use ``async with``."""

    def __init__(self, options: FetchOptions | None = None,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.options = options or FetchOptions()
        o = self.options
        self._client = httpx.AsyncClient(
            headers={"User-Agent": o.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(o.read_timeout, connect=o.connect_timeout),
            follow_redirects=False, trust_env=False, transport=transport)
        self.gate = HostGate(o.per_host_concurrency, o.per_host_interval)
        self._robots: dict[str, tuple[float, Protego | None, bool]] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._robots_problems: dict[str, str] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(self, url: str, etag: str | None = None,
                    last_modified: str | None = None, max_bytes: int | None = None,
                    robots: bool = True) -> FetchResult:
        """GET ``url`` within every limit; raises FetchError (RobotsDisallowed for robots)."""
        limit = max_bytes or self.options.max_bytes
        started = time.monotonic()
        try:
            async with asyncio.timeout(self.options.deadline):
                return await self._fetch(url, etag, last_modified, limit, robots, started)
        except TimeoutError:
            raise FetchError(url, f"gave up after {self.options.deadline:g} s "
                                  "(overall deadline)") from None

    async def _fetch(self, url: str, etag: str | None, last_modified: str | None, limit: int,
                     robots: bool, started: float) -> FetchResult:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.options.max_redirects + 1):
            try:
                addresses = await check_url(current, self.options.addresses)
            except AddressRefused as exc:
                raise FetchError(current, str(exc)) from None
            if robots and self.options.robots and not await self.allowed(current):
                raise RobotsDisallowed(current, self._robots_refusal(current))
            host = urlsplit(current).hostname or ""
            try:
                target, pinned, extensions = pin(current, addresses[0])
                async with self.gate.slot(host), \
                        self._client.stream("GET", target, headers={**headers, **pinned},
                                            extensions=extensions) as response:
                    if response.status_code in REDIRECTS and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    body = await _read_capped(response, limit, current)
                    return FetchResult(
                        url=url, final_url=current, status=response.status_code,
                        headers={k.lower(): v for k, v in response.headers.items()},
                        body=body, fetched_at=utcnow(), seconds=time.monotonic() - started)
            except httpx.HTTPError as exc:
                raise FetchError(current, f"{type(exc).__name__}: {exc}".rstrip(": ")) from None
        raise FetchError(url, f"more than {self.options.max_redirects} redirects")

    # -- robots.txt --------------------------------------------------------------------
    async def allowed(self, url: str) -> bool:
        """What robots.txt says about ``url`` for our User-Agent (cached per origin).

        Rules are matched by protego (RFC 9309: wildcards, longest match). As RFC 9309
        says: no robots.txt (4xx) allows everything; an unreachable one (5xx,
        network error) disallows everything until it is asked again (after 10 minutes).
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            cached = self._robots.get(origin)
            if cached is None or cached[0] < time.monotonic():
                cached = await self._load_robots(origin)
                self._robots[origin] = cached
        _, parser, allow_all = cached
        if parser is None:
            return allow_all
        return parser.can_fetch(url, self.options.user_agent)

    def _robots_refusal(self, url: str) -> str:
        parts = urlsplit(url)
        problem = self._robots_problems.get(f"{parts.scheme}://{parts.netloc}")
        if problem:
            return f"robots.txt could not be read ({problem}), so nothing is fetched there"
        return "disallowed by robots.txt"

    async def _load_robots(self, origin: str) -> tuple[float, Protego | None, bool]:
        now = time.monotonic()
        self._robots_problems.pop(origin, None)
        try:
            result = await self.fetch(origin + "/robots.txt", max_bytes=500_000, robots=False)
        except FetchError as exc:
            self._robots_problems[origin] = exc.reason
            return now + 600, None, False
        lifetime = http_lifetime(result.headers, self.options.robots_ttl)
        if 400 <= result.status < 500:
            return now + lifetime, None, True
        if result.status != 200:
            self._robots_problems[origin] = f"HTTP {result.status}"
            return now + 600, None, False
        # Protego follows RFC 9309: the longest matching rule wins, ``*`` and ``$`` in
        # paths, Allow beside Disallow, and it reads Crawl-delay and Request-rate.
        parser = Protego.parse(result.body.decode("utf-8", "replace"))
        delay = parser.crawl_delay(self.options.user_agent)
        if delay:
            self.gate.set_interval(urlsplit(origin).hostname or "", float(delay))
        return now + lifetime, parser, True


async def _read_capped(response: httpx.Response, limit: int, url: str) -> bytes:
    """The body, inflated if compressed, or FetchError as soon as it passes ``limit``."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(url, f"body of {int(declared):,} bytes is above the "
                              f"{limit:,}-byte limit")
    inflate = _inflater(response.headers.get("content-encoding", ""), url)
    parts: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw():
        data = inflate(chunk, limit - size + 1) if inflate else chunk
        size += len(data)
        if size > limit:
            raise FetchError(url, f"body is above the {limit:,}-byte limit (cut off)")
        parts.append(data)
    return b"".join(parts)


def _inflater(encoding: str, url: str) -> Callable[[bytes, int], bytes] | None:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
    # 47 = 32 + 15: zlib or gzip header, detected; raw deflate is tried if that fails.
    state = {"d": zlib.decompressobj(47), "raw_tried": False}

    def inflate(chunk: bytes, room: int) -> bytes:
        d = state["d"]
        try:
            out = d.decompress(chunk, room)
        except zlib.error as exc:
            if encoding == "deflate" and not state["raw_tried"]:
                state["raw_tried"] = True
                state["d"] = zlib.decompressobj(-15)
                return inflate(chunk, room)
            raise FetchError(url, f"bad {encoding} body: {exc}") from None
        if d.unconsumed_tail:  # more output than room: the body is above the limit
            raise FetchError(url, "inflated body is above the size limit (cut off)")
        return out

    return inflate
