"""The search page's state lives in its URL: ``/?q=...&filter=...&sort=date&page=2``.

Filters are query-language strings (``query/filters.py``: ``person:="Narendra Modi"``,
``date:2025-02``); adding a filter is the same URL with one more ``filter=``, removing one is
the URL without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from searchengine.query.filters import filter_value

DEFAULT_SORT = "relevance"


def name_query(fieldname: str, value: str) -> str:
    """A name as people type it in a query, e.g. ``person:"Narendra Modi"`` (the words, in
    any name that holds them)."""
    return f'{fieldname}:"{" ".join(value.replace(chr(34), " ").split())}"'


def search_url(q: str = "", filters: Iterable[str] = (), sort: str = DEFAULT_SORT,
               page: int = 1) -> str:
    """The search page URL for this state (defaults are left out to keep links short)."""
    params: list[tuple[str, str | int]] = []
    if q:
        params.append(("q", q))
    params.extend(("filter", f) for f in filters)
    if sort != DEFAULT_SORT:
        params.append(("sort", sort))
    if page > 1:
        params.append(("page", page))
    return "/?" + urlencode(params) if params else "/"


@dataclass(frozen=True)
class SearchState:
    """What the user asked for; every link on the page is this state with one change."""

    q: str = ""
    filters: tuple[str, ...] = field(default_factory=tuple)
    sort: str = DEFAULT_SORT
    page: int = 1

    @property
    def url(self) -> str:
        return search_url(self.q, self.filters, self.sort, self.page)

    def with_filter(self, f: str) -> str:
        """This search narrowed by one more filter (back on page 1)."""
        filters = self.filters if f in self.filters else (*self.filters, f)
        return replace(self, filters=filters, page=1).url

    def without_filter(self, f: str) -> str:
        return replace(self, filters=tuple(x for x in self.filters if x != f), page=1).url

    def with_sort(self, sort: str) -> str:
        return replace(self, sort=sort, page=1).url

    def with_page(self, page: int) -> str:
        return replace(self, page=page).url


@dataclass(frozen=True)
class Chip:
    """An active filter as shown above the results, with the link that removes it."""

    field: str
    value: str
    remove_url: str


def chips(state: SearchState) -> list[Chip]:
    """One removable chip per active filter."""
    result = []
    for f in state.filters:
        fieldname, value = filter_value(f) or ("", f)
        result.append(Chip(fieldname, value, state.without_filter(f)))
    return result
