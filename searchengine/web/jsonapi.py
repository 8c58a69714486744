"""The JSON HTTP API: the same searches as the CLI's ``--json``, one article, statistics."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from searchengine.api import FACET_NAMES
from searchengine.web.models import ArticleResponse, ErrorResponse, SearchResponse, StatsResponse
from searchengine.web.service import SearchService

MAX_API_LIMIT = 100
FacetName = Literal[FACET_NAMES]  # type: ignore[valid-type]
# Every 4xx is an ErrorResponse; declaring "4XX" also keeps FastAPI from documenting a 422
# that never comes (bad parameters are answered 400, see errors.py).
REFUSED = {"4XX": {"model": ErrorResponse, "description": "Refused: bad parameter or "
                   "malformed query (400), no such article (404)."}}

router = APIRouter(prefix="/api", tags=["search"], responses=REFUSED)


def _service(request: Request) -> SearchService:
    return request.app.state.service


@router.get("/search", response_model=None, responses={200: {"model": SearchResponse}})
def api_search(
    request: Request,
    q: Annotated[str, Query(description="Query language; empty: the filters' AND.",
                            examples=['"joint statement" AND date:2021'])] = "",
    facet: Annotated[list[FacetName], Query(description="Facet to count (repeatable).")] = (),
    filters: Annotated[list[str], Query(alias="filter", description="Narrowing query "
                                        "(repeatable); does not change scores.")] = (),
    sort: Annotated[Literal["relevance", "date"],
                    Query(description="relevance, or date (newest first).")] = "relevance",
    page: Annotated[int, Query(ge=1, description="1-based page number.")] = 1,
    limit: Annotated[int, Query(ge=1, le=MAX_API_LIMIT, description="Hits per page.")] = 10,
) -> dict:
    """Search: exactly the object `search --json` prints (query, total, hits, facets)."""
    results = _service(request).search(q, filters=filters, facets=facet, sort=sort, page=page,
                                       limit=limit)
    return results.to_dict()


@router.get("/articles/{article_id:path}", response_model=None,
            responses={200: {"model": ArticleResponse}})
def api_article(request: Request, article_id: str):
    """One whole article (by id or URL) with its entities and quotes."""
    record = _service(request).article(article_id)
    if record is None:
        return JSONResponse({"error": f"no article with id {article_id!r}"}, status_code=404)
    return record.to_dict()


@router.get("/stats", response_model=None, responses={200: {"model": StatsResponse}})
def api_stats(request: Request) -> dict:
    """Article count, date range, top entities, speakers and sources."""
    return _service(request).stats().to_dict()
