"""Request helpers shared by the pages and the API: a store, paging limits, the write check."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from fastapi import HTTPException, Request

from storywire.store import Store
from storywire.web.security import TOKEN_HEADER, cross_site


def store(request: Request) -> Iterator[Store]:
    with request.app.state.pool.store() as opened:
        yield opened


def check_write(request: Request, token: str | None = None) -> None:
    """Refuse a write from another site, or without the token the configuration asks for."""
    headers = request.headers
    if cross_site(headers.get("origin"), headers.get("sec-fetch-site"), headers.get("host")):
        raise HTTPException(403, "refused: this write comes from another site's page")
    refusal = request.app.state.policy.refusal(headers.get(TOKEN_HEADER) or token)
    if refusal:
        raise HTTPException(403, refusal)


def parse_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None
