"""The filter that narrows a search to one facet value, and the name a filter gives.

A name facet's value filters by the exact name (``person:="Joe Biden"``: the articles the
facet counted, not those of every longer name holding the words); a date facet's value by
its period (``date:2025-02``). The CLI's ``--json``, the JSON API and the web view's links
all write filters here.
"""

from __future__ import annotations

import re

DATE_FACETS = ("year", "month", "day")  # the facets of a date (the engine counts them)
_NAMED = re.compile(r'^(\w+):=?"((?:[^"\\]|\\.)*)"$')
_BARE = re.compile(r"^(\w+):=?(\S+)$")
_ESCAPED = re.compile(r"\\(.)")


def facet_filter(facet: str, value: str) -> str:
    """The filter for one facet value: ``person:="Narendra Modi"``, ``date:2025-02``."""
    if facet in DATE_FACETS:
        return f"date:{value}"
    escaped = " ".join(value.split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'{facet}:="{escaped}"'


def filter_value(text: str) -> tuple[str, str] | None:
    """(field, value) of a one-value filter (``person:="Joe Biden"``, ``place:"Paris"``,
    ``date:2025``), else None."""
    named = _NAMED.match(text)
    if named:
        return named.group(1), unescape(named.group(2))
    bare = _BARE.match(text)
    return (bare.group(1), bare.group(2)) if bare else None


def unescape(quoted: str) -> str:
    """The name inside ``:="..."``: ``\\"`` is a quote, ``\\\\`` a backslash."""
    return _ESCAPED.sub(r"\1", quoted)
