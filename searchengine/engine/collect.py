"""Collection: the top hits, the exact total and every matching document of a query.

Two cheap passes instead of one expensive one. The set of matching documents (for the total
and the facets) is computed per segment without scoring: term postings are read a block of
ids at a time and combined with set operations for AND, OR and NOT; other query kinds
(phrases, ranges, wildcards) fall back to their Whoosh matcher's ids. The top ``limit`` are
then found by Whoosh's scorer with block-max skipping (relevance), or read from the date
column over the matching documents (newest first), so a query matching 50,000 articles
scores only the blocks that can reach the top.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from whoosh import collectors
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import FilterMatcher

Segments = list[tuple[object, list[int]]]  # (segment searcher, sorted docnums in it)


@dataclass
class Collected:
    """The best hits as (global docnum, score or None), the exact total, the matches."""

    hits: list[tuple[int, float | None]]
    total: int
    segments: Segments


def collect(
    searcher, q: wq.Query, filter_q: wq.Query | None, *, newest_first: bool, limit: int
) -> Collected:
    """Run ``q`` (narrowed by ``filter_q``) and return its best ``limit`` and all matches."""
    segments: Segments = []
    allowed: set[int] = set()
    for sub, offset in _subsearchers(searcher):
        docs = matching_docs(sub, q)
        if filter_q is not None and docs:
            docs &= matching_docs(sub, filter_q)
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
    top = collectors.TopCollector(limit=limit, usequality=True, replace=0)
    outer = collectors.FilterCollector(top, allow=allowed) if filter_q is not None else top
    searcher.search_with_collector(q, outer)
    results = outer.results()
    hits = [(docnum, score) for score, docnum in results.top_n]
    return Collected(hits, total, segments)


def matching_docs(sub, q: wq.Query) -> set[int]:
    """The live documents of one segment searcher that ``q`` matches."""
    reader = sub.reader()
    deleted = _deleted(reader)
    docs = _docs(sub, q)
    return docs - deleted if deleted else docs


def _deleted(reader) -> frozenset[int]:
    if not reader.has_deletions():
        return frozenset()
    known = getattr(reader, "deleted_docs_set", None)  # a cached property on segment readers
    if isinstance(known, frozenset):
        return known
    return frozenset(range(reader.doc_count_all())) - frozenset(reader.all_doc_ids())


def _docs(sub, q: wq.Query) -> set[int]:
    if isinstance(q, wq.Term):
        return _term_docs(sub, q)
    if isinstance(q, (wq.Or, wq.DisjunctionMax)) and getattr(q, "minmatch", 0) <= 1:
        out: set[int] = set()
        for child in q.subqueries:
            out |= _docs(sub, child)
        return out
    if isinstance(q, wq.And):
        positive = [c for c in q.subqueries if not isinstance(c, wq.Not)]
        negative = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
        if not positive:
            return _fallback(sub, q)
        sets = sorted((_docs(sub, c) for c in positive), key=len)
        out = sets[0].intersection(*sets[1:])
        for child in negative:
            if out:
                out -= _docs(sub, child)
        return out
    if isinstance(q, wq.AndNot):
        out = _docs(sub, q.a)
        return out - _docs(sub, q.b) if out else out
    if isinstance(q, wq.AndMaybe):
        return _docs(sub, q.a)
    return _fallback(sub, q)


def _term_docs(sub, q: wq.Term) -> set[int]:
    reader = sub.reader()
    fieldname = q.fieldname
    if fieldname not in reader.schema:
        return set()
    text = reader.schema[fieldname].to_bytes(q.text)
    if (fieldname, text) not in reader:
        return set()
    m = reader.postings(fieldname, text)
    if isinstance(m, FilterMatcher):  # deletions: removed by the caller
        m = m.child
    if not isinstance(m, W3LeafMatcher):
        return set(m.all_ids())
    out: set[int] = set()
    while m.is_active():
        m._read_ids()
        out.update(m._ids)
        if m._lastblock:
            break
        m._goto(m._nextoffset)
    return out


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
