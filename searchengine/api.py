"""The public Python API: open or create an index, add articles, search, read, count.

>>> from searchengine import NewsIndex
>>> with NewsIndex.create("my-index") as index:           # doctest: +SKIP
...     index.add_files(["corpus/"])
...     results = index.search('extradition', facets=["person"])
...     [hit.title for hit in results.hits]

The CLI, the web view and the HTTP API are thin layers over this module.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from searchengine.articles import Article
from searchengine.engine import IndexBusy, IndexNotFound, index_exists, open_engine
from searchengine.engine.facets import FACET_NAMES
from searchengine.indexing import (
    MANIFEST,
    Indexer,
    IndexReport,
    Manifest,
    ProgressCallback,
    enrichment_version,
)
from searchengine.query.filters import facet_filter
from searchengine.query.syntax import QuerySyntaxError
from searchengine.results import ArticleRecord, IndexStats, SearchResults

DEFAULT_INDEX = "index"
DEFAULT_CORPUS = "corpus"
INDEX_ENV = "SEARCHENGINE_INDEX"
MAX_LIMIT = 1000

__all__ = [
    "NewsIndex",
    "IndexReport",
    "SearchResults",
    "ArticleRecord",
    "IndexStats",
    "QuerySyntaxError",
    "IndexNotFound",
    "IndexBusy",
    "FACET_NAMES",
    "default_index_path",
    "facet_filter",
]


def default_index_path() -> Path:
    """``$SEARCHENGINE_INDEX`` if set, else ``./index``."""
    return Path(os.environ.get(INDEX_ENV) or DEFAULT_INDEX)


class NewsIndex:
    """A news index on disk: the one object the CLI, the web view and your code use."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        create: bool = False,
        engine: str | None = None,
        nodes: str | None = None,
    ) -> None:
        """``engine``/``nodes`` choose the engine (``"manticore"``, ``"host:port,..."``);
        by default the index folder's ``engine.json`` does, else it is Whoosh."""
        self.path = Path(path) if path is not None else default_index_path()
        self._engine = open_engine(self.path, create=create, engine=engine, nodes=nodes)
        self._indexer = Indexer(self._engine)

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, engine: str | None = None, nodes: str | None = None
    ) -> NewsIndex:
        """Open an existing index (raises IndexNotFound)."""
        return cls(path, engine=engine, nodes=nodes)

    @classmethod
    def create(
        cls, path: str | Path | None = None, *, engine: str | None = None, nodes: str | None = None
    ) -> NewsIndex:
        """Open the index at ``path``, creating an empty one when there is none."""
        return cls(path, create=True, engine=engine, nodes=nodes)

    # Adding

    def add_files(
        self,
        paths: Iterable[str | Path],
        *,
        prune: bool = False,
        progress: ProgressCallback | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> IndexReport:
        """Index files and folders (txt, HTML, JSON/JSONL, RSS/Atom, CSV/TSV, optionally .gz).

        Unchanged files are skipped; with ``prune``, articles whose file is gone are removed.
        While another run writes this index, waits for it (``on_wait`` gets one message).
        """
        return self._indexer.index_files(paths, prune=prune, progress=progress, on_wait=on_wait)

    def add_articles(self, items: Iterable[dict | Article]) -> IndexReport:
        """Index articles given as dicts (``title``, ``text``/``body``/``html``, ``date``,
        ``url``, ``source``, ``author``, ``id``) or Article records."""
        from searchengine.readers import ReadError, article_from_dict

        articles, report = [], IndexReport()
        for number, item in enumerate(items, 1):
            try:
                articles.append(item if isinstance(item, Article) else article_from_dict(item))
            except ReadError as exc:
                report.skip(f"item {number}", str(exc))
        done = self._indexer.index_articles(articles)
        done.skipped, done.problems = report.skipped, report.problems
        return done

    # Reading

    def search(
        self,
        query: str,
        *,
        filters: Iterable[str] = (),
        facets: Iterable[str] = (),
        sort: str = "relevance",
        page: int = 1,
        limit: int = 10,
        facet_limit: int | None = 10,
    ) -> SearchResults:
        """Search with the query language; ``filters`` narrow without changing scores;
        ``facets`` (person, org, place, entity, speaker, source, year, month, day) are counted
        over all matching articles. Raises QuerySyntaxError for a malformed query."""
        facets = list(facets)
        unknown = [f for f in facets if f not in FACET_NAMES]
        if unknown:
            raise ValueError(f"unknown facet {unknown[0]!r} (facets are {', '.join(FACET_NAMES)})")
        if not 1 <= limit <= MAX_LIMIT:
            raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
        if page < 1:
            raise ValueError("page must be 1 or more")
        return self._engine.search(
            query,
            filters=filters,
            facets=facets,
            sort=sort,
            page=page,
            limit=limit,
            facet_limit=facet_limit,
        )

    def article(self, article_id: str) -> ArticleRecord | None:
        """One whole article by id (or URL), or None."""
        return self._engine.get(article_id)

    def stats(self, top: int = 10) -> IndexStats:
        """Article count, date range, top entities, speakers and sources, size on disk."""
        return self._engine.stats(top)

    def __len__(self) -> int:
        return self._engine.count()

    def close(self) -> None:
        self._indexer.close()
        self._engine.close()

    def __enter__(self) -> NewsIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def index_is_stale(index_path: Path, corpus: Path) -> bool:
    """Whether the index is missing, older than any file in the corpus folder, or holds
    corpus files another version of the enrichment read (an upgrade re-enriches them)."""
    if not index_exists(index_path):
        return True
    marker = index_path / MANIFEST
    if not marker.exists():
        return True
    built = marker.stat().st_mtime_ns
    for root, dirs, files in os.walk(corpus):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and (Path(root) / name).stat().st_mtime_ns > built:
                return True
    current, root = enrichment_version(), str(corpus.resolve()) + os.sep
    return any(  # only the corpus's files: the rebuild reads those, not other files indexed
        entry.get("enriched") != current
        for name, entry in Manifest(index_path).files.items()
        if name.startswith(root)
    )
