"""Collection: the top hits, the exact total and every matching document of a query.

For terms and phrases joined by AND, OR and NOT, two cheap passes instead of one expensive
one: the set of matching documents (for the total and the facets) comes per segment from
posting ids read a block at a time and combined with set operations, without scoring
(phrases check positions on the candidates of their words' ids, ``phrases.py``); then the
matches are ranked (``scoring.py``, or Whoosh's scorer), or the date column orders them
(newest first). Other queries (wildcards, ranges) are checked document by document anyway:
one pass scores them and records the matches.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from whoosh import collectors
from whoosh import query as wq

from searchengine.engine import phrases, postings, scoring
from searchengine.engine.bm25f import FieldsTerm

Segments = list[tuple[object, list[int]]]  # (segment searcher, sorted docnums in it)


@dataclass
class Collected:
    """The best hits as (global docnum, score or None), the exact total, the matches."""

    hits: list[tuple[int, float | None]]
    total: int
    segments: Segments


def collect(
    searcher,
    q: wq.Query,
    filter_q: wq.Query | None,
    *,
    newest_first: bool,
    limit: int,
    lengths: scoring.LengthCache | None = None,
) -> Collected:
    """Run ``q`` (narrowed by ``filter_q``) and return its best ``limit`` and all matches."""
    if not newest_first and not _set_shaped(q):
        return _one_pass(searcher, q, filter_q, limit)
    segments: Segments = []
    allowed: set[int] = set()
    read: dict = {}  # postings decoded in this query, reused when ranking
    for sub, offset in _subsearchers(searcher):
        docs = matching_docs(sub, q, read)
        if filter_q is not None and docs:
            docs &= matching_docs(sub, filter_q, read)
        ordered = sorted(docs)
        segments.append((sub, ordered))
        if filter_q is not None:
            allowed.update(offset + d for d in ordered)
    total = sum(len(docs) for _, docs in segments)
    if not total:
        return Collected([], 0, segments)
    if newest_first:
        return Collected(_newest(searcher, segments, limit), total, segments)
    # Block-max skipping is exact; matcher replacement (replace>0) drops real top hits.
    if lengths is not None and scoring.supported(searcher, q):
        hits = scoring.top_hits(searcher, q, segments, limit, lengths, read)
        return Collected(hits, total, segments)
    top = collectors.TopCollector(limit=limit, usequality=True, replace=0)
    outer = collectors.FilterCollector(top, allow=allowed) if filter_q is not None else top
    searcher.search_with_collector(q, outer)
    results = outer.results()
    hits = [(docnum, score) for score, docnum in results.top_n]
    return Collected(hits, total, segments)


def _set_shaped(q: wq.Query) -> bool:
    """Whether ``q`` is terms and phrases joined by AND/OR/NOT: its matches come cheaply from
    posting ids (and positions). Ranges and wildcards must be checked per document anyway,
    so for them one scoring pass that also records the matches is cheaper than two passes."""
    if isinstance(q, (wq.Term, wq.Phrase)):
        return True
    if isinstance(q, (wq.And, wq.Or, wq.DisjunctionMax, wq.Not, wq.AndNot, wq.AndMaybe,
                      FieldsTerm)):  # fmt: skip
        return all(_set_shaped(c) for c in q.children())
    return False


class _Recorder(collectors.WrappingCollector):
    """Passes matches on to its child and keeps, per segment, the ones it was given."""

    def __init__(self, child) -> None:
        super().__init__(child)
        self.segments: Segments = []
        self.total = 0

    def set_subsearcher(self, subsearcher, offset) -> None:
        super().set_subsearcher(subsearcher, offset)
        self._docs: list[int] = []
        self.segments.append((subsearcher, self._docs))

    def collect(self, sub_docnum):
        self._docs.append(sub_docnum)
        self.total += 1
        return self.child.collect(sub_docnum)


def _one_pass(searcher, q: wq.Query, filter_q: wq.Query | None, limit: int) -> Collected:
    # No block skipping and no matcher replacement: every match must be seen to count it.
    top = collectors.TopCollector(limit=limit, usequality=False, replace=0)
    recorder = _Recorder(top)
    outer = collectors.FilterCollector(recorder, allow=filter_q) if filter_q else recorder
    searcher.search_with_collector(q, outer)
    hits = [(docnum, score) for score, docnum in outer.results().top_n]
    return Collected(hits, recorder.total, recorder.segments)


def matching_docs(sub, q: wq.Query, read: dict | None = None) -> set[int]:
    """The live documents of one segment searcher that ``q`` matches."""
    reader = sub.reader()
    deleted = _deleted(reader)
    docs = _docs(sub, q, {} if read is None else read)
    return docs - deleted if deleted else docs


def _deleted(reader) -> frozenset[int]:
    if not reader.has_deletions():
        return frozenset()
    known = getattr(reader, "deleted_docs_set", None)  # a cached property on segment readers
    if isinstance(known, frozenset):
        return known
    return frozenset(range(reader.doc_count_all())) - frozenset(reader.all_doc_ids())


def _docs(sub, q: wq.Query, read: dict) -> set[int]:
    if isinstance(q, wq.Term):
        return _term_docs(sub, q, read)
    if isinstance(q, wq.Phrase) and phrases.supported(sub.schema, q):
        return set(phrases.phrase_docs(sub.reader(), q, read))
    if isinstance(q, (wq.Or, wq.DisjunctionMax, FieldsTerm)) and getattr(q, "minmatch", 0) <= 1:
        out: set[int] = set()
        for child in q.subqueries:
            out |= _docs(sub, child, read)
        return out
    if isinstance(q, wq.And):
        positive = [c for c in q.subqueries if not isinstance(c, wq.Not)]
        negative = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
        if not positive:
            return _fallback(sub, q)
        sets = sorted((_docs(sub, c, read) for c in positive), key=len)
        out = sets[0].intersection(*sets[1:])
        for child in negative:
            if out:
                out -= _docs(sub, child, read)
        return out
    if isinstance(q, wq.AndNot):
        out = _docs(sub, q.a, read)
        return out - _docs(sub, q.b, read) if out else out
    if isinstance(q, wq.AndMaybe):
        return _docs(sub, q.a, read)
    return _fallback(sub, q)


def _term_docs(sub, q: wq.Term, read: dict) -> set[int]:
    return set(term_postings(sub.reader(), q.fieldname, q.text, read)[0])


def term_postings(reader, fieldname: str, text, read: dict) -> tuple[list, list]:
    """(docnums, weights) of one term in one segment, deleted documents included; decoded
    once per query (``read`` holds them for the ranking pass)."""
    ids, weights, _ = postings.decoded(reader, fieldname, text, read)
    return ids, weights


def _fallback(sub, q: wq.Query) -> set[int]:
    m = q.matcher(sub, sub.context())
    return set(m.all_ids()) if m.is_active() else set()


def _subsearchers(searcher) -> list[tuple[object, int]]:
    return list(searcher.subsearchers) if searcher.subsearchers else [(searcher, 0)]


def _newest(searcher, segments: Segments, limit: int) -> list[tuple[int, float | None]]:
    """The ``limit`` newest matches (undated last, ties by docnum) from the date column."""
    keyed = []
    offsets = dict((id(s), off) for s, off in _subsearchers(searcher))
    for sub, docs in segments:
        offset = offsets[id(sub)]
        reader = sub.reader()
        if reader.has_column("date"):
            column = reader.column_reader("date", translate=False)
            keyed.extend((-column[d], offset + d) for d in docs)
        else:
            keyed.extend((0, offset + d) for d in docs)
    return [(docnum, None) for _, docnum in heapq.nsmallest(limit, keyed)]
