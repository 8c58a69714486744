"""The manticore engine's errors, importable without pymysql (the CLI catches them)."""

from __future__ import annotations

from searchengine.query.syntax import QuerySyntaxError


class EngineConfigError(ValueError):
    """An engine choice that cannot work: unknown engine, bad or missing node addresses."""


class ClusterUnavailable(RuntimeError):
    """No node answers, or a node that must take a write does not."""


class UnsupportedQuery(QuerySyntaxError):
    """A valid query that the manticore engine cannot run; the message says why."""
