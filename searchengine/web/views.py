"""What the search page shows, computed from a SearchResults and the URL state.

Templates only lay this out; every value that came from an article is still plain text
here (Jinja2 escapes it), except snippets, which ``safe_snippet`` has rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from searchengine.query.filters import facet_filter, filter_value
from searchengine.results import FacetCount, QuoteResult, SearchResults
from searchengine.web.markup import http_url, safe_snippet
from searchengine.web.timeline import Timeline, build_timeline
from searchengine.web.urls import SearchState

SIDEBAR_FACETS = (("person", "People"), ("org", "Organisations"), ("place", "Places"),
                  ("speaker", "Speakers"), ("source", "Sources"))
ENTITY_FACETS = ("person", "org", "place")
PAGE_FACETS = (*(name for name, _ in SIDEBAR_FACETS), "day")
PAGE_SIZE = 20


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    url: str  # adds this value as a filter, or removes it when already active
    active: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    values: list[FacetValue]


@dataclass(frozen=True)
class HitView:
    id: str
    title: str
    date: str
    url: str | None  # only http(s)
    source: str
    snippet: Markup
    quotes: list[QuoteResult]


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


def facet_groups(state: SearchState, facets: dict[str, list[FacetCount]]) -> list[FacetGroup]:
    """The sidebar: each facet's values as links adding (or removing) a filter."""
    groups = []
    for name, label in SIDEBAR_FACETS:
        values = []
        for fc in facets.get(name, []):
            f = facet_filter(name, fc.value)
            active = f in state.filters
            url = state.without_filter(f) if active else state.with_filter(f)
            values.append(FacetValue(fc.value, fc.count, url, active))
        groups.append(FacetGroup(name, label, values))
    return groups


def appears_with(state: SearchState) -> list[str]:
    """Entity names the user filtered on: the sidebar then lists who appears with them."""
    named = [filter_value(f) for f in state.filters]
    return [value for fieldname, value in filter(None, named) if fieldname in ENTITY_FACETS]


def hit_views(results: SearchResults) -> list[HitView]:
    return [HitView(hit.id, hit.title or "(untitled)",
                    hit.date.date().isoformat() if hit.date else "", http_url(hit.url),
                    hit.source, safe_snippet(hit.snippet), hit.quotes)
            for hit in results.hits]


def pagination(state: SearchState, results: SearchResults, around: int = 3) -> list[PageLink]:
    """Links to the pages near the current one (plus the first and the last)."""
    if results.pages <= 1:
        return []
    numbers = {1, results.pages, *range(max(1, state.page - around),
                                        min(results.pages, state.page + around) + 1)}
    return [PageLink(n, state.with_page(n), n == state.page) for n in sorted(numbers)]


def timeline(results: SearchResults) -> Timeline | None:
    return build_timeline(results.facets.get("day", []))


def search_context(state: SearchState, results: SearchResults) -> dict:
    """Everything search.html needs besides the request."""
    first = (results.page - 1) * results.limit + 1
    return {
        "results": results,
        "hits": hit_views(results),
        "first": first,
        "last": first + len(results.hits) - 1,
        "facet_groups": facet_groups(state, results.facets),
        "appears_with": appears_with(state),
        "timeline": timeline(results),
        "pages": pagination(state, results),
    }
