"""Whole-article enrichment in worker processes, results in input order.

spaCy's own ``nlp.pipe(n_process=2)`` tokenises every text in the calling process and sends
whole ``Doc`` objects back, so on two cores the parent is busy with spaCy work and the index
writer competes with it. Here each worker runs the complete enrichment (NER, entity
resolution, quotes) with one spaCy process of its own and sends back only the small results;
the parent reads files and writes the index while the workers run NER.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from searchengine.articles import Article

CHUNK = 16  # articles per task
IN_FLIGHT = 4  # tasks queued per worker: bounds memory, keeps workers busy

_worker_enricher = None


def _start_worker(factory) -> None:
    global _worker_enricher
    _worker_enricher = factory()


def _enrich_chunk(articles: list[Article]) -> list[tuple]:
    """Enrich in the worker; return only what enrichment sets (date, entities, quotes)."""
    done = list(_worker_enricher.enrich_stream(articles, n_process=1))
    return [(a.date, a.entities, a.quotes) for a in done]


def _default_enricher():
    from searchengine.enrich import Enricher

    enricher = Enricher()
    enricher.nlp  # noqa: B018 - load the model once, when the worker starts
    return enricher


def enrich_parallel(
    articles: Iterable[Article], processes: int, factory=_default_enricher
) -> Iterator[Article]:
    """Yield ``articles`` enriched by ``processes`` workers, in input order."""
    context = multiprocessing.get_context("fork")
    source = iter(articles)
    with context.Pool(processes, initializer=_start_worker, initargs=(factory,)) as pool:
        pending: deque[tuple[list[Article], object]] = deque()
        while True:
            while len(pending) < processes * IN_FLIGHT:
                chunk = list(islice(source, CHUNK))
                if not chunk:
                    break
                pending.append((chunk, pool.apply_async(_enrich_chunk, (chunk,))))
            if not pending:
                return
            chunk, result = pending.popleft()
            for article, (date, entities, quotes) in zip(chunk, result.get(), strict=True):
                article.date, article.entities, article.quotes = date, entities, quotes
                yield article
