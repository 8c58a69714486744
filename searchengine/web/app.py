"""The FastAPI application: HTML pages, the JSON API, static files and error handling."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from searchengine.api import NewsIndex
from searchengine.web import jsonapi, pages
from searchengine.web.errors import install_error_handlers
from searchengine.web.service import SearchService

STATIC = Path(__file__).parent / "static"


class StaticFolder(StaticFiles):
    """The static files; a path the system cannot resolve (a symlink loop, say) is a 404,
    where Starlette answers 500 (or 401 for an unreadable file)."""

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        try:
            return super().lookup_path(path)
        except OSError:
            return "", None


def create_app(index: NewsIndex) -> FastAPI:
    """The web view and JSON API over one open index (the OpenAPI document is /openapi.json)."""
    app = FastAPI(
        title="searchengine",
        summary="Search a news archive: the same queries as the `search` command.",
        version="0.1.0",
        docs_url=None, redoc_url=None,  # both load scripts from a CDN; /openapi.json stays
    )
    app.state.service = SearchService(index)
    app.mount("/static", StaticFolder(directory=str(STATIC)), name="static")
    app.include_router(jsonapi.router)
    app.include_router(pages.router)
    install_error_handlers(app)
    return app
