"""Error responses: a JSON ``{"error": ...}`` under /api, an HTML page elsewhere.

No stack trace ever reaches a client; unexpected errors are logged on the server.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from searchengine.api import QuerySyntaxError

log = logging.getLogger("searchengine.web")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every failure into a short message."""

    @app.exception_handler(QuerySyntaxError)
    async def malformed_query(request: Request, exc: QuerySyntaxError) -> Response:
        return _error(request, 400, f"malformed query: {exc}")

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 400, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = "There is no such page."
        response = _error(request, exc.status_code, message)
        response.headers.update(exc.headers or {})  # e.g. the Allow header of a 405
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("error while serving %s", request.url.path)
        return _error(request, 500, "Something went wrong on the server; the error was logged.")


def _validation_message(exc: RequestValidationError) -> str:
    problems = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return "bad parameter " + "; ".join(problems)


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return JSONResponse({"error": message}, status_code=status)
    from searchengine.web.pages import TEMPLATES, SearchState

    return TEMPLATES.TemplateResponse(
        request, "error.html", {"state": SearchState(), "status": status, "message": message},
        status_code=status)
