"""searchengine: an embedded search engine for news archives.

Read articles (text, HTML, JSON/JSONL, RSS/Atom, CSV/TSV), find their dates, named entities and
quotations, index them with Whoosh, and search with boolean, phrase and field queries,
facets and highlighted snippets. Start with :class:`NewsIndex`.
"""

from searchengine.api import (
    ArticleRecord,
    IndexBusy,
    IndexNotFound,
    IndexReport,
    IndexStats,
    NewsIndex,
    QuerySyntaxError,
    SearchResults,
    default_index_path,
    facet_filter,
)
from searchengine.articles import Article, Entity, Quote
from searchengine.results import FacetCount, Hit, QuoteResult

__all__ = [
    "Article",
    "ArticleRecord",
    "Entity",
    "FacetCount",
    "Hit",
    "IndexBusy",
    "IndexNotFound",
    "IndexReport",
    "IndexStats",
    "NewsIndex",
    "Quote",
    "QuoteResult",
    "QuerySyntaxError",
    "SearchResults",
    "default_index_path",
    "facet_filter",
]
