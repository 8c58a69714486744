"""The Whoosh engine: write, delete, search with facets, fetch one article, statistics.

This is the narrow interface the rest of the product talks to; a second engine can sit
behind the same methods. Query strings arrive in our query language and leave as typed
results (``searchengine.results``).
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as windex
from whoosh import query as wq
from whoosh.util.times import long_to_datetime

from searchengine.articles import ENTITY_TYPES, Article, url_key
from searchengine.engine.collect import collect
from searchengine.engine.date_column import DATES
from searchengine.engine.exact import bind
from searchengine.engine.facets import FacetCache, all_documents
from searchengine.engine.highlight import Highlighter
from searchengine.engine.parsing import QueryParser, check_expansions
from searchengine.engine.records import stored_hit, stored_record
from searchengine.engine.schema import (
    FACET_FIELDS,
    FACET_SEPARATOR,
    build_schema,
)
from searchengine.engine.scoring import LengthCache, NewsBM25F
from searchengine.results import (
    ArticleRecord,
    FacetCount,
    IndexStats,
    SearchResults,
)

INDEX_NAME = "news"
SORTS = ("relevance", "date")
RUN_LOCK = "indexing.lock"  # held (flock) by a writer for its whole run
LOCK_TIMEOUT_ENV = "SEARCHENGINE_LOCK_TIMEOUT"
LOCK_TIMEOUT = 3600.0  # seconds a writer waits for another before giving up
LOCK_POLL = 0.2
WRITER_MB = 256  # postings a writer sorts in memory before spilling runs to disk (Whoosh limitmb)

WaitCallback = Callable[[str], None]


class IndexNotFound(FileNotFoundError):
    """There is no index at the given location."""


class IndexBusy(RuntimeError):
    """Another process is writing to the index."""


class WhooshEngine:
    """One Whoosh index on disk."""

    def __init__(self, location: str | Path, create: bool = False) -> None:
        self.location = Path(location)
        if windex.exists_in(str(self.location), indexname=INDEX_NAME):
            self._index = windex.open_dir(str(self.location), indexname=INDEX_NAME)
        elif create:
            self.location.mkdir(parents=True, exist_ok=True)
            self._index = windex.create_in(str(self.location), build_schema(), indexname=INDEX_NAME)
        else:
            raise IndexNotFound(f"no index at {self.location} (build one with: search index PATH)")
        self._parser = QueryParser(self._index.schema)
        self._searcher = None
        self._lock = threading.Lock()
        self._facets = FacetCache()
        self._lengths = LengthCache()

    @staticmethod
    def exists(location: str | Path) -> bool:
        return windex.exists_in(str(location), indexname=INDEX_NAME)

    # Writing

    @contextmanager
    def writer(self, on_wait: WaitCallback | None = None) -> Iterator[_Batch]:
        """A batch of writes and deletes, committed when the block ends (or on ``commit()``).

        One writer at a time: while another process (or thread) writes, this one waits,
        calling ``on_wait`` once with a message, and raises IndexBusy only after
        ``$SEARCHENGINE_LOCK_TIMEOUT`` seconds (default an hour). The locks are ``flock``
        locks, which the kernel releases when their holder dies, so a killed indexer
        leaves nothing that blocks the next one.
        """
        waiter = _Waiter(self.location, on_wait)
        with _run_lock(self.location, waiter):
            batch = _Batch(self._index, self.location, waiter)
            try:
                yield batch
            except BaseException:
                batch.cancel()
                raise
            else:
                if not batch.closed:
                    batch.commit(reopen=False)
        self.refresh()

    # Reading

    def searcher(self):
        """The shared searcher, reopened when the index has changed on disk.

        A fresh searcher rather than Whoosh's ``refresh()``: that one reuses segment readers
        by segment id and so misses deletions made in an existing segment. The old searcher
        is left to the garbage collector, since another thread may still be reading it.
        """
        with self._lock:
            if self._searcher is None or not self._searcher.up_to_date():
                self._searcher = self._index.searcher(weighting=NewsBM25F())
            return self._searcher

    def refresh(self) -> None:
        self.searcher()

    def parse(self, text: str) -> wq.Query:
        """Check and parse a query string (raises QuerySyntaxError); exact names read the
        facet columns this engine keeps."""
        return bind(self._parser.parse(text), self._facets.documents)

    def search(
        self,
        text: str,
        *,
        filters: Iterable[str] = (),
        facets: Iterable[str] = (),
        sort: str = "relevance",
        page: int = 1,
        limit: int = 10,
        facet_limit: int | None = 10,
    ) -> SearchResults:
        """Run a query; filters narrow without changing scores; facets count all matches."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r} (use {' or '.join(SORTS)})")
        filters = [f for f in filters if f.strip()]
        q = self.parse(text)
        filter_q = wq.And([self.parse(f) for f in filters]) if filters else None
        searcher = self.searcher()
        check_expansions(q, searcher.reader())
        if filter_q is not None:
            check_expansions(filter_q, searcher.reader())
        page, limit = max(1, page), max(1, limit)
        found = collect(
            searcher,
            q,
            filter_q,
            newest_first=sort == "date",
            # never more than the index holds: --page 1000000000 is an empty page, not a
            # billion-slot heap
            limit=max(1, min(page * limit, searcher.doc_count_all())),
            lengths=self._lengths,
        )
        highlighter = Highlighter(searcher, q)
        hits = [
            stored_hit(searcher.stored_fields(docnum), score, highlighter)
            for docnum, score in found.hits[(page - 1) * limit : page * limit]
        ]
        counts = self._facets.count(found.segments, facets, facet_limit) if facets else {}
        return SearchResults(
            query=text,
            total=found.total,
            hits=hits,
            facets=counts,
            page=page,
            limit=limit,
            filters=filters,
            sort=sort,
        )

    def facets(
        self, text: str | None, names: Iterable[str], limit: int | None = 10
    ) -> dict[str, list[FacetCount]]:
        """Facet counts over the matches of ``text`` (over everything when ``text`` is None)."""
        searcher = self.searcher()
        if not text:
            return self._facets.count(all_documents(searcher), names, limit)
        q = self.parse(text)
        check_expansions(q, searcher.reader())
        found = collect(searcher, q, None, newest_first=False, limit=1, lengths=self._lengths)
        return self._facets.count(found.segments, names, limit)

    def get(self, article_id: str) -> ArticleRecord | None:
        """One article by its id, or by its URL."""
        searcher = self.searcher()
        fields = searcher.document(id=article_id) or searcher.document(key=url_key(article_id))
        return stored_record(fields) if fields else None

    def keys(self) -> set[str]:
        """Every article key in the index."""
        reader = self.searcher().reader()
        return {k.decode() if isinstance(k, bytes) else k for k in reader.lexicon("key")}

    def count(self) -> int:
        return self.searcher().doc_count()

    def stats(self, top: int = 10) -> IndexStats:
        searcher = self.searcher()
        first = last = None
        everything = all_documents(searcher)
        for segment, docs in everything:
            dates = DATES.get(segment.reader())[docs]
            dates = dates[dates != 0]  # 0: undated
            if len(dates):
                low, high = int(dates.min()), int(dates.max())
                first = low if first is None else min(first, low)
                last = high if last is None else max(last, high)
        counts = self._facets.count(everything, FACET_FIELDS, top)
        size = sum(f.stat().st_size for f in self.location.iterdir() if f.is_file())
        return IndexStats(
            location=str(self.location.resolve()),
            articles=searcher.doc_count(),
            size_bytes=size,
            first_date=long_to_datetime(first) if first else None,
            last_date=long_to_datetime(last) if last else None,
            top=counts,
        )

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
        self._index.close()


class _Batch:
    """Writes and deletes inside one Whoosh writer; ``commit()`` makes them durable."""

    def __init__(self, index, location: Path, waiter: _Waiter | None = None) -> None:
        self._index = index
        self._location = location
        self._waiter = waiter or _Waiter(location, None)
        self._writer = None
        self._searcher = None
        self._written: set[str] = set()
        self._open()

    def _open(self) -> None:
        from whoosh.index import LockError

        while True:
            try:
                self._writer = self._index.writer(limitmb=WRITER_MB, codec=_codec())
                break
            except LockError:
                self._waiter.wait()
        self._searcher = self._index.searcher(weighting=NewsBM25F())
        self._written.clear()

    def exists(self, key: str) -> bool:
        """Whether an article with this key is already indexed (or written in this batch)."""
        return key in self._written or self._searcher.document_number(key=key) is not None

    def write(self, article: Article, new: bool = False) -> None:
        """Add the article, replacing any article with the same key; ``new=True`` says the
        caller checked (``exists``) that the index has none, which skips the key lookup."""
        key = article.key
        if key in self._written:  # Whoosh cannot replace an uncommitted document
            self.commit()
            new = False
        if new:
            self._writer.add_document(**article_document(article))
        else:
            self._writer.update_document(**article_document(article))
        self._written.add(key)

    def delete(self, key: str) -> None:
        if key in self._written:
            self.commit()
        self._writer.delete_by_term("key", key)

    @property
    def closed(self) -> bool:
        return self._writer is None

    def commit(self, reopen: bool = True) -> None:
        """Make the writes durable; ``reopen=False`` ends the batch (still under the run
        lock, so the caller can record what it committed before another writer starts)."""
        self._searcher.close()
        self._writer.commit()
        self._writer = None
        if reopen:
            self._open()

    def cancel(self) -> None:
        if self._writer is None:
            return
        self._searcher.close()
        self._writer.cancel()
        self._writer = None


class _Waiter:
    """Waiting for another writer: one message, polling, IndexBusy after the timeout."""

    def __init__(self, location: Path, on_wait: WaitCallback | None) -> None:
        self.location, self.on_wait = location, on_wait
        self.started: float | None = None
        try:
            self.timeout = float(os.environ.get(LOCK_TIMEOUT_ENV, LOCK_TIMEOUT))
        except ValueError:
            self.timeout = LOCK_TIMEOUT

    def wait(self) -> None:
        now = time.monotonic()
        if self.started is None:
            self.started = now
            if self.on_wait is not None:
                self.on_wait(
                    f"waiting for another indexing run on {self.location} to finish "
                    f"(giving up after {self.timeout:g} s)"
                )
        elif now - self.started >= self.timeout:
            raise IndexBusy(
                f"the index at {self.location} is still being written by another process "
                f"after {self.timeout:g} s; try again later"
            )
        time.sleep(LOCK_POLL)


@contextmanager
def _run_lock(location: Path, waiter: _Waiter) -> Iterator[None]:
    """An exclusive flock on RUN_LOCK for a whole writer block. Whoosh's own lock is let go
    at each commit; this one keeps a second run from slipping in between two commits. The
    file stays; only the lock matters, and the kernel drops it with its process."""
    fd = os.open(location / RUN_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waiter.wait()
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _codec():
    """Whoosh's W3 codec with the cheaper postings writer of ``engine/codec.py``;
    segments record a plain W3Codec."""
    from searchengine.engine.codec import WriterCodec

    return WriterCodec()


def article_document(article: Article) -> dict:
    """The Whoosh document (field -> value) for one enriched article."""
    entities = article.entities_by_type()
    speakers = article.speakers()
    quote_text = "\n".join(q.text for q in article.quotes)
    doc = {
        "key": article.key,
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "body": article.text,
        "title_exact": article.title,
        "body_exact": article.text,
        "quote": quote_text,
        "quote_exact": quote_text,
        "speaker": "\n".join(speakers),
        "source": article.source,
        "url": article.url,
        "author": "\n".join(article.authors),
        "authors": list(article.authors),
        "entities": entities,
        "quotes": [q.row() for q in article.quotes],
    }
    for etype in ENTITY_TYPES:
        doc[etype] = "\n".join(entities[etype])
    values = {**entities, "speaker": speakers, "source": [article.source] if article.source else []}
    for facet in FACET_FIELDS:
        doc["facet_" + facet] = FACET_SEPARATOR.join(values.get(facet, [])).encode("utf-8")
    if article.date is not None:
        doc["date"] = article.date.replace(tzinfo=None)
    if article.title_is_lede:  # matches title: queries, adds nothing to the body's score
        doc["_title_boost"] = doc["_title_exact_boost"] = 0.0
    return doc
