"""Enrichment: each article's date (from its dateline), named entities and quotations.

spaCy is loaded lazily on first use, never at import time: importing this package is cheap and
the query path never touches it.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator

from ..articles import Article, Entity
from .dates import dateline_date
from .entities import Mention, mentions_from_spans, unique_entities
from .gazetteer import alias_key, lookup
from .layout import is_headline_phrase
from .places import inferred_countries
from .quotes import quotes_of

__all__ = ["Enricher"]

CHUNK_CHARS = 20_000  # longer bodies go to spaCy in paragraph chunks of about this size
_PARA_BREAK = re.compile(r"\n[ \t\xa0]*\n")
_Span = tuple[int, int, str, str, str]


def _chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces of ``text`` cut at paragraph breaks, each about ``limit`` chars
    at most (a single longer paragraph is cut at a space)."""
    if len(text) <= limit:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = start + limit
        if end >= len(text):
            yield start, text[start:]
            return
        cut = None
        for m in _PARA_BREAK.finditer(text, start + limit // 4, end):
            cut = m.end()
        if cut is None:
            space = text.rfind(" ", start + 1, end)
            cut = space + 1 if space > start else end
        yield start, text[start:cut]
        start = cut


class Enricher:
    """Loads spaCy lazily on first use; reusable across batches.

    ``batch_size`` texts (chunks of up to CHUNK_CHARS) go through the model at a time: 8
    instead of spaCy's 32 holds a worker at 460 MB instead of 763 MB peak on 300 long White
    House briefings, and indexing the whole real set at 1,222 MB PSS instead of 1,773, at
    the same words/s (`bench/bench_ingest.py` reports the whole job's memory)."""

    def __init__(self, batch_size: int = 8, n_process: int = 1) -> None:
        self.batch_size = batch_size
        self.n_process = n_process
        self._nlp = None

    @property
    def nlp(self):
        """The spaCy pipeline (loaded on first access)."""
        if self._nlp is None:
            from .nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    def spans(self, texts: list[str]) -> list[list[_Span]]:
        """Raw entity spans (start, end, text, label, ent_id) of each text, via batched nlp.pipe."""
        out: list[list[_Span]] = [[] for _ in texts]
        jobs = ((chunk, (i, off)) for i, t in enumerate(texts) for off, chunk in _chunks(t))
        docs = self.nlp.pipe(
            jobs, as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
        )
        for doc, (i, off) in docs:
            out[i].extend(
                (off + e.start_char, off + e.end_char, e.text, e.label_, e.ent_id_)
                for e in doc.ents
            )
        return out

    def mentions(self, texts: list[str]) -> list[list[Mention]]:
        """Resolved entity mentions of each text (one text = one article)."""
        return [mentions_from_spans(s, t) for s, t in zip(self.spans(texts), texts, strict=True)]

    def enrich(self, articles: list[Article]) -> list[Article]:
        """Fill in date (only when None), entities and quotes, in place; return the articles."""
        for _ in self.enrich_stream(articles):
            pass
        return articles

    def enrich_stream(
        self, articles: Iterable[Article], n_process: int | None = None
    ) -> Iterator[Article]:
        """Enrich articles as they stream by, in order, through one ``nlp.pipe`` run.

        One run for a whole indexing job lets spaCy keep ``n_process`` workers busy instead of
        starting them again for every batch.
        """
        pending: deque[tuple[Article, str, list[_Span], int]] = deque()

        def jobs() -> Iterator[tuple[str, int]]:
            for article in articles:
                head = f"{article.title}\n\n" if article.title else ""
                # the headline is a text of its own: read with the body, a title-case
                # headline ran into the first line ("... Sanctions Regime\n\nAntony J.
                # Blinken, Secretary of State" lost its person)
                body = [(len(head) + off, chunk) for off, chunk in _chunks(article.text)]
                pieces = [(0, article.title), *body] if head else body
                pending.append((article, head, [], len(pieces)))
                for offset, chunk in pieces:
                    yield chunk, offset

        docs = self.nlp.pipe(
            jobs(),
            as_tuples=True,
            batch_size=self.batch_size,
            n_process=n_process or self.n_process,
        )
        done_chunks = 0
        for doc, offset in docs:
            article, head, spans, count = pending[0]
            spans.extend(
                (offset + e.start_char, offset + e.end_char, e.text, e.label_, e.ent_id_)
                for e in doc.ents
            )
            done_chunks += 1
            if done_chunks == count:
                pending.popleft()
                done_chunks = 0
                _finish(article, head, spans)
                yield article


def _finish(article: Article, head: str, spans: list[_Span]) -> None:
    """Set the article's date (when missing), entities and quotes from its entity spans."""
    mentions = [
        m for m in mentions_from_spans(spans, head + article.text)
        if not is_headline_phrase(m, head, article.text)
    ]
    if article.date is None:
        article.date = dateline_date(article.text)
    article.entities = with_inferred_places(article.text, unique_entities(mentions))
    shift = len(head)
    for m in mentions:
        m.start -= shift
        m.end -= shift
    article.quotes = quotes_of(article.text, mentions)


def with_inferred_places(text: str, entities: list[Entity]) -> list[Entity]:
    """``entities`` plus, as places, the countries inferred from the dateline and the cities
    and states named (see :mod:`.places`) that are not already among them."""
    places = [e.name for e in entities if e.type == "place"]
    seen = {alias_key(p) for p in places}
    out = list(entities)
    for country in inferred_countries(text, places):
        known = lookup(country)
        name = known[0] if known else country
        if alias_key(name) not in seen:
            seen.add(alias_key(name))
            out.append(Entity(name, "place"))
    return out
