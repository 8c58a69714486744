"""The HTML pages: search (with its landing page), article, and their shared templates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from searchengine.api import IndexStats, QuerySyntaxError
from searchengine.articles import SPEAKER_TYPES
from searchengine.query.filters import facet_filter
from searchengine.web.markup import article_paragraphs, http_url
from searchengine.web.service import SearchService
from searchengine.web.urls import SearchState, chips, name_query, search_url
from searchengine.web.views import PAGE_FACETS, PAGE_SIZE, search_context

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.trim_blocks = TEMPLATES.env.lstrip_blocks = True
TEMPLATES.env.globals.update(search_url=search_url, facet_filter=facet_filter)
SYNTAX_EXAMPLES = ('"joint statement"', "(India OR Pakistan) NOT cricket", "election*")

router = APIRouter(include_in_schema=False)


def _service(request: Request) -> SearchService:
    return request.app.state.service


def examples(stats: IndexStats) -> list[str]:
    """Example queries for the landing page, built from what this index holds."""
    top = {name: counts[0].value for name, counts in stats.top.items() if counts}
    found = []
    if "person" in top:
        found.append(name_query("person", top["person"]))
    if "org" in top and "place" in top:
        found.append(" AND ".join([name_query("org", top["org"]),
                                   name_query("place", top["place"])]))
    if "speaker" in top:
        found.append(name_query("speaker", top["speaker"]))
    if stats.last_date:
        found.append(f"date:{stats.last_date:%Y-%m}")
    return found + list(SYNTAX_EXAMPLES)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: str = "",
                filters: Annotated[list[str], Query(alias="filter")] = (),
                sort: str = "relevance", page: int = 1) -> Response:
    """The search page; with no query and no filter, the landing page."""
    state = SearchState(q.strip(), tuple(f for f in filters if f.strip()), sort, max(1, page))
    service = _service(request)
    context = {"state": state, "chips": chips(state)}
    if not state.q and not state.filters:
        stats = service.stats()
        context.update(stats=stats, examples=examples(stats))
        return TEMPLATES.TemplateResponse(request, "home.html", context)
    try:
        results = service.search(state.q, filters=state.filters, facets=PAGE_FACETS,
                                 sort=state.sort, page=state.page, limit=PAGE_SIZE)
    except (QuerySyntaxError, ValueError) as exc:
        kind = "Malformed query" if isinstance(exc, QuerySyntaxError) else "Bad request"
        context["error"] = f"{kind}: {exc}"
        return TEMPLATES.TemplateResponse(request, "search.html", context, status_code=400)
    if results.total and state.page > results.pages:  # past the end: show the last page
        return RedirectResponse(state.with_page(results.pages), status_code=303)
    context.update(search_context(state, results))
    return TEMPLATES.TemplateResponse(request, "search.html", context)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    """One whole article with its entities linked and its quotations marked."""
    record = _service(request).article(article_id)
    if record is None:
        raise HTTPException(404, f"No article with id {article_id!r}.")
    context = {
        "state": SearchState(),
        "article": record,
        "url": http_url(record.url),
        "paragraphs": article_paragraphs(record.text, record.entities, record.quotes),
        # the speaker facet's values (Article.speakers): only they have a filter to link to
        "named": {n for t in SPEAKER_TYPES for n in record.entities.get(t, [])},
    }
    return TEMPLATES.TemplateResponse(request, "article.html", context)
