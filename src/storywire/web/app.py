"""The FastAPI application: HTML pages, the JSON API under /api/, Atom feeds.

One app, built by ``create_app``: a small pool of store connections (SQLite in WAL mode lets
them read while the monitor writes), the security headers and write policy, and errors as
JSON under /api/ and as a page elsewhere.
"""

from __future__ import annotations

import queue
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from storywire._version import __version__
from storywire.links import safe_link
from storywire.store import Store, StoreBusy, StoreError, open_store
from storywire.watch import QueryError
from storywire.web.security import HEADERS, WritePolicy
from storywire.web.stories import latest_stories
from storywire.web.views import Recent

PACKAGE = resources.files("storywire.web")
BUSY_RETRY_AFTER = 5  # seconds a client is asked to wait when another writer holds the store


class StorePool:
    """Store connections handed to one request at a time (a connection is not shared by
    two threads at once)."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        open_store(db).close()  # fail at start, with the reason, if it cannot be opened

    @contextmanager
    def store(self) -> Iterator[Store]:
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = open_store(self.db)
        try:
            yield store
        finally:
            self._idle.put(store)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def create_app(db: str, token: str | None = None, loopback_only: bool = True,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over the store at ``db``. ``loopback_only`` says the server listens on
    127.0.0.1 only (writes need no token then, unless one is given); ``allowed_hosts``
    guards against DNS rebinding (None: any)."""
    from storywire.web import api, pages  # routes import the app's helpers

    pool = StorePool(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(title="storywire", version=__version__,
                  description="Read the stored news, its copies and people; manage watches.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
                  lifespan=lifespan)
    app.state.pool = pool
    app.state.policy = WritePolicy(token=token or None, loopback_only=loopback_only)
    app.state.templates = templates()
    app.state.facets = Recent(lambda store: store.facets(), ttl=60.0)
    app.state.stories = Recent(latest_stories, ttl=5.0)
    app.mount("/static", StaticFiles(directory=str(Path(str(PACKAGE)) / "static")),
              name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        detail = getattr(exc, "detail", None)
        return error_response(request, 404, str(detail) if detail and detail != "Not Found"
                              else f"nothing at {request.url.path}")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors())
        return error_response(request, 422, f"invalid request: {problems}")

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(StoreBusy)
    async def store_busy(request: Request, exc: StoreBusy) -> Response:
        """Another writer held the lock too long: nothing was written; ask to retry."""
        answer = error_response(request, 503, str(exc))
        answer.headers["Retry-After"] = str(BUSY_RETRY_AFTER)
        return answer

    return app


def templates() -> Jinja2Templates:
    """Jinja with autoescape on for every template (article text is untrusted)."""
    found = Jinja2Templates(directory=str(Path(str(PACKAGE)) / "templates"))
    found.env.autoescape = True
    found.env.globals["safe_link"] = safe_link  # only http(s) URLs become links
    return found


def error_response(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith(("/api/", "/feeds/")):
        return JSONResponse({"error": {"status": status, "message": message}},
                            status_code=status)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status)
