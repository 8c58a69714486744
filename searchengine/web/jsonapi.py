"""The JSON HTTP API: the same searches as the CLI's ``--json``, one article, statistics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from searchengine.web.service import SearchService

MAX_API_LIMIT = 100

router = APIRouter(prefix="/api", tags=["search"])


class BadRequest(ValueError):
    """A request the API refuses with HTTP 400."""


def _service(request: Request) -> SearchService:
    return request.app.state.service


@router.get("/search")
def api_search(
    request: Request,
    q: Annotated[str, Query(description="Query language; empty: the filters' AND.")] = "",
    facet: Annotated[list[str], Query(description="Facet to count (repeatable).")] = (),
    filters: Annotated[list[str], Query(alias="filter", description="Narrowing query "
                                        "(repeatable); does not change scores.")] = (),
    sort: Annotated[str, Query(description="relevance, or date (newest first).")] = "relevance",
    page: Annotated[int, Query(description="1-based page number.")] = 1,
    limit: Annotated[int, Query(description=f"Hits per page, 1 to {MAX_API_LIMIT}.")] = 10,
) -> dict:
    """Search: exactly the object `search --json` prints (query, total, hits, facets)."""
    if not 1 <= limit <= MAX_API_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAX_API_LIMIT}")
    results = _service(request).search(q, filters=filters, facets=facet, sort=sort, page=page,
                                       limit=limit)
    return results.to_dict()


@router.get("/articles/{article_id:path}", responses={404: {"description": "No such article"}})
def api_article(request: Request, article_id: str):
    """One whole article (by id or URL) with its entities and quotes."""
    record = _service(request).article(article_id)
    if record is None:
        return JSONResponse({"error": f"no article with id {article_id!r}"}, status_code=404)
    return record.to_dict()


@router.get("/stats")
def api_stats(request: Request) -> dict:
    """Article count, date range, top entities, speakers and sources."""
    return _service(request).stats().to_dict()
