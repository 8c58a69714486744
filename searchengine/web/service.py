"""The one path from a web request to the index: both the pages and the JSON API use it.

It is a thin layer over :class:`NewsIndex`: it only decides what an empty query with filters
means (the filters themselves become the query) and serialises access to the shared
searcher, which the engine reopens by itself when the index changes on disk.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from searchengine.api import NewsIndex, QuerySyntaxError
from searchengine.results import ArticleRecord, IndexStats, SearchResults


def effective_query(q: str, filters: Iterable[str]) -> tuple[str, list[str]]:
    """The query and filters to run: with no words, the filters' AND is the query."""
    filters = [f for f in filters if f.strip()]
    if q.strip():
        return q, filters
    if not filters:
        raise QuerySyntaxError("the query is empty")
    if len(filters) == 1:
        return filters[0], []
    return " AND ".join(f"({f})" for f in filters), []


class SearchService:
    """Searches, article lookups and statistics over one open index."""

    def __init__(self, index: NewsIndex) -> None:
        self.index = index
        self._lock = threading.Lock()  # one shared searcher: one request at a time uses it

    def search(self, q: str, *, filters: Iterable[str] = (), facets: Iterable[str] = (),
               sort: str = "relevance", page: int = 1, limit: int = 10) -> SearchResults:
        """Run a search (raises QuerySyntaxError or ValueError for bad input)."""
        query, filters = effective_query(q, filters)
        with self._lock:
            return self.index.search(query, filters=filters, facets=facets, sort=sort,
                                     page=page, limit=limit)

    def article(self, article_id: str) -> ArticleRecord | None:
        with self._lock:
            return self.index.article(article_id)

    def stats(self, top: int = 10) -> IndexStats:
        with self._lock:
            return self.index.stats(top)
