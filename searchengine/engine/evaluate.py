"""Terms, phrases, AND, OR and NOT evaluated per segment over posting arrays with numpy.

A query node gives, per segment, the sorted document numbers it matches and (when it can be
ranked here) their scores, both as arrays: AND intersects, OR unites, NOT subtracts, a
phrase matches positions (``doc << 32 | position`` keys, each next word 1 to ``slop``
positions after the last), and the scores are the BM25 / BM25F of :mod:`.scoring` and
:mod:`.bm25f` with the same statistics and the same operations in the same order as the
per-document code they replace, so the floats are the same. The arrays come from the
segment's columnar postings file (``columnar.py``) or, for segments written without one,
from Whoosh's own blocks (``postings.py``). Nodes of other kinds (wildcards, ranges) are
matched by Whoosh's matchers and leave the query unscored here (Whoosh ranks it).
"""

from __future__ import annotations

import os
import sys
import threading
import weakref

if "numpy" not in sys.modules:
    # The query path only slices, sorts and adds; numpy's OpenBLAS would start a thread
    # per core at import, a third of a cold `search`'s CPU. Processes that load numpy
    # first (spaCy) keep their setting.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from whoosh import query as wq  # noqa: E402
from whoosh.util.numeric import byte_to_length  # noqa: E402

from searchengine.engine import columnar, phrases  # noqa: E402
from searchengine.engine.bm25f import K1, B, FieldsTerm, length_norm  # noqa: E402
from searchengine.engine.exact import ExactName  # noqa: E402
from searchengine.engine.postings import decoded  # noqa: E402

_EMPTY = np.zeros(0, dtype=np.int64)
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_LENGTHS[0] = 0.0


class Scored:
    """Matched document numbers (sorted int64) and their scores (float64, or None)."""

    __slots__ = ("ids", "scores")

    def __init__(self, ids, scores) -> None:
        self.ids, self.scores = ids, scores


_NONE = Scored(_EMPTY, np.zeros(0))


class _PerReader:
    """What is read once per segment reader: its columnar file and its deletions."""

    def __init__(self) -> None:
        self._known: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, reader) -> tuple:
        with self._lock:
            known = self._known.get(reader)
            if known is None:
                known = (columnar.open_reader(reader), _deleted_mask(reader))
                self._known[reader] = known
            return known


_READERS = _PerReader()


def _deleted_mask(reader):
    if not reader.has_deletions():
        return None
    mask = np.zeros(reader.doc_count_all(), dtype=bool)
    deleted = getattr(reader, "deleted_docs_set", None)
    if not isinstance(deleted, frozenset):
        deleted = frozenset(range(reader.doc_count_all())) - frozenset(reader.all_doc_ids())
    mask[list(deleted)] = True
    return mask


class Segment:
    """One segment's postings as arrays, for one query."""

    def __init__(self, sub, lengths) -> None:
        self.sub, self.reader = sub, sub.reader()
        self.columns, self.deleted = _READERS.get(self.reader)
        self._lengths = lengths
        self.size = self.reader.doc_count_all()
        self._read: dict = {}
        self._terms: dict = {}

    def term(self, fieldname: str, text, positions: bool = False):
        """The term's ``columnar.TermArrays`` (ids as int64), or None without postings."""
        key = (fieldname, text)
        known = self._terms.get(key)
        if known is False:
            return None
        if known is not None and (not positions or known.positions is not None):
            return known
        schema = self.reader.schema
        if fieldname not in schema:
            return None
        btext = schema[fieldname].to_bytes(text)
        if self.columns is not None and fieldname in self.columns.fields:
            arrays = self.columns.term(fieldname, btext)
        else:
            arrays = self._decoded(fieldname, text, positions)
        if arrays is not None:
            arrays.ids = arrays.ids.astype(np.int64)
        self._terms[key] = arrays if arrays is not None else False
        return arrays

    def _decoded(self, fieldname: str, text, positions: bool):
        ids, weights, values = decoded(self.reader, fieldname, text, self._read, positions)
        if not ids:
            return None
        counts = flat = None
        if positions:
            fmt = self.reader.schema[fieldname].format
            lists = phrases.positions_of(values, fmt)
            counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
            flat = np.fromiter((p for ps in lists for p in ps), np.int64, int(counts.sum()))
        weights = np.array(weights, dtype=np.float64)
        return columnar.TermArrays(np.array(ids, dtype=np.int64), counts, weights, flat)

    def lengths(self, fieldname: str):
        """Every document's stored length of the field (float64, as Whoosh decodes it)."""
        return self._lengths.array(self.reader, fieldname)


class Evaluator:
    """Evaluates one query tree in the segments of one searcher; ``score=False`` matches
    only."""

    def __init__(self, searcher, score: bool) -> None:
        self.parent = searcher.get_parent()
        self.score = score
        weighting = searcher.weighting
        self._b, self._k1 = getattr(weighting, "B", B), getattr(weighting, "K1", K1)
        self._stats: dict = {}  # idf and average lengths: whole-index figures, once a query

    def _stat(self, key, compute):
        known = self._stats.get(key)
        if known is None:
            known = self._stats[key] = compute()
        return known

    def run(self, seg: Segment, q: wq.Query) -> Scored:
        """The live documents of ``seg`` that ``q`` matches, with scores when ranked."""
        out = self._node(seg, q)
        if seg.deleted is not None and len(out.ids):
            live = ~seg.deleted[out.ids]
            out = Scored(out.ids[live], out.scores[live] if out.scores is not None else None)
        return out

    def _node(self, seg: Segment, q: wq.Query) -> Scored:
        if isinstance(q, FieldsTerm):
            return self._fields_term(seg, q)
        if isinstance(q, wq.Term):
            return self._term(seg, q)
        if isinstance(q, wq.Phrase) and phrases.supported(seg.reader.schema, q):
            return self._phrase(seg, q)
        if type(q) is wq.Every and q.fieldname is None:  # `*`: every article, as Whoosh scores it
            ids = np.arange(seg.size, dtype=np.int64)
            return Scored(ids, np.full(seg.size, float(q.boost)) if self.score else None)
        if isinstance(q, ExactName):  # a constant score, the boost (as its matcher gives)
            ids = q.segment_docs(seg.reader)
            return Scored(ids, np.full(len(ids), float(q.boost)) if self.score else None)
        kind = type(q)
        if kind in (wq.Or, wq.DisjunctionMax) and not getattr(q, "minmatch", 0):
            return self._or(seg, q, scored=kind is wq.Or and not getattr(q, "scale", None))
        if kind is wq.And:
            return self._and(seg, q)
        if kind is wq.AndNot:
            a = self._node(seg, q.a)
            return _minus(a, self._node(seg, q.b).ids) if len(a.ids) else a
        if kind is wq.Not:
            return self._not(seg, q)
        return self._whoosh(seg, q)

    def _term(self, seg: Segment, q: wq.Term, only=None) -> Scored:
        """The term's documents and BM25 scores (of the ``only`` documents, all of which
        hold the term, when given)."""
        arrays = seg.term(q.fieldname, q.text)
        if arrays is None:
            return _NONE
        ids, tf = arrays.ids, arrays.weights
        if only is not None:
            ids, tf = only, tf[ids.searchsorted(only)]
        if not self.score:
            return Scored(ids, None)
        schema = seg.reader.schema
        if not schema[q.fieldname].scorable:
            return Scored(ids, None)
        text = schema[q.fieldname].to_bytes(q.text)
        idf = self._stat(("idf", q.fieldname, text), lambda: self.parent.idf(q.fieldname, text))
        avgfl = self._avgfl(q.fieldname)
        fl = seg.lengths(q.fieldname)[ids]
        b, k1 = self._b, self._k1
        # whoosh.scoring.bm25, operation for operation
        scores = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
        if q.boost != 1.0:
            scores = scores * q.boost
        return Scored(ids, scores)

    def _fields_term(self, seg: Segment, q: FieldsTerm) -> Scored:
        parts = []
        for t in q.subqueries:
            arrays = seg.term(t.fieldname, t.text)
            if arrays is not None:
                parts.append((t, arrays))
        if not parts:
            return _NONE
        ids = _union([arrays.ids for _, arrays in parts], seg.size)
        if not self.score:
            return Scored(ids, None)
        tf = None
        for t, arrays in parts:  # bm25f.field_tf per field, added in the matcher's order
            a, b = length_norm(self._avgfl(t.fieldname))
            fl = seg.lengths(t.fieldname)[arrays.ids]
            share = t.boost * arrays.weights / (a + b * fl)
            if len(parts) == 1:
                tf = share
            else:
                tf = _add_at(tf, ids, arrays.ids, share, seg.size)
        idf, k1 = self._stat(("fields", id(q)), lambda: q.idf(self.parent)), K1
        scores = idf * tf * (k1 + 1) / (k1 + tf)  # bm25f.bm25f
        if q.boost != 1.0:
            scores = scores * q.boost
        return Scored(ids, scores)

    def _avgfl(self, fieldname: str) -> float:
        return self._stat(
            ("avgfl", fieldname), lambda: self.parent.avg_field_length(fieldname) or 1
        )

    def _phrase(self, seg: Segment, q: wq.Phrase) -> Scored:
        words = [seg.term(q.fieldname, w, positions=True) for w in q.words]
        if any(w is None for w in words):
            return _NONE
        candidates = words[0].ids
        for w in words[1:]:
            candidates = _intersect(candidates, w.ids)
            if not len(candidates):
                return _NONE
        ends = _keys(words[0], candidates)
        for w in words[1:]:
            ends = _follow(ends, _keys(w, candidates), q.slop)
            if not len(ends):
                return _NONE
        docs = ends >> 32  # sorted
        ids = docs[np.concatenate(([True], docs[1:] != docs[:-1]))]
        if not self.score:
            return Scored(ids, None)
        if not seg.reader.schema[q.fieldname].scorable:
            return Scored(ids, None)
        per_word = [self._term(seg, wq.Term(q.fieldname, w), ids).scores for w in q.words]
        scores = phrases.tree_sum(per_word)
        if q.boost != 1.0:
            scores = scores * q.boost
        return Scored(ids, scores)

    def _or(self, seg: Segment, q: wq.Query, scored: bool) -> Scored:
        parts = [self._node(seg, c) for c in q.subqueries]
        parts = [p for p in parts if len(p.ids)]
        if not parts:
            return _NONE
        ids = _union([p.ids for p in parts], seg.size)
        if not scored or any(p.scores is None for p in parts):
            return Scored(ids, None)
        scores = None
        for p in parts:  # added in the order of the subqueries
            scores = _add_at(scores, ids, p.ids, p.scores, seg.size)
        if q.boost != 1.0:
            scores = scores * q.boost
        return Scored(ids, scores)

    def _and(self, seg: Segment, q: wq.And) -> Scored:
        positive = [c for c in q.subqueries if not isinstance(c, wq.Not)]
        negative = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
        if not positive:
            return self._whoosh(seg, q)
        parts = [self._node(seg, c) for c in positive]
        ids = None
        for p in sorted(parts, key=lambda p: len(p.ids)):
            ids = p.ids if ids is None else _intersect(ids, p.ids)
            if not len(ids):
                return _NONE
        for child in negative:
            if len(ids):
                ids = ids[~_member(ids, self._node(seg, child).ids)]
        if not len(ids) or any(p.scores is None for p in parts):
            return Scored(ids, None)
        scores = np.zeros(len(ids))
        for p in parts:  # summed in the order of the subqueries
            scores += p.scores[p.ids.searchsorted(ids)]
        if negative:  # Whoosh intersects with each NOT's inverse, which scores 1
            scores += float(len(negative))
        if q.boost != 1.0:
            scores = scores * q.boost
        return Scored(ids, scores)

    def _not(self, seg: Segment, q: wq.Not) -> Scored:
        outside = np.ones(seg.size, dtype=bool)
        outside[self._node(seg, q.query).ids] = False
        ids = np.flatnonzero(outside)
        return Scored(ids, np.ones(len(ids)) if self.score else None)  # Whoosh's InverseMatcher

    def _whoosh(self, seg: Segment, q: wq.Query) -> Scored:
        m = q.matcher(seg.sub, seg.sub.context())
        if not m.is_active():
            return _NONE
        return Scored(np.fromiter(m.all_ids(), dtype=np.int64), None)


def _intersect(a, b):
    """The ids in both sorted arrays (each of the shorter looked up in the longer)."""
    if len(a) > len(b):
        a, b = b, a
    return a[_member(a, b)]


def _union(arrays: list, size: int):
    """The ids in any of the sorted arrays: a bitmap over the segment when they are many."""
    if len(arrays) == 1:
        return arrays[0]
    if sum(map(len, arrays)) * 16 < size:
        return np.unique(np.concatenate(arrays))
    seen = np.zeros(size, dtype=bool)
    for ids in arrays:
        seen[ids] = True
    return np.flatnonzero(seen)


def _add_at(total, ids, part_ids, values, size: int):
    """``total`` (float per id of ``ids``, None at first: zeros) plus ``values`` at the
    ``part_ids`` (a subset of ``ids``): 0.0 + x for the first addend, as a dict would."""
    if total is None:
        total = np.zeros(len(ids))
    total[ids.searchsorted(part_ids)] += values
    return total


def _member(ids, among):
    """For each of the sorted ``ids``, whether the sorted ``among`` holds it."""
    if not len(among):
        return np.zeros(len(ids), dtype=bool)
    at = among.searchsorted(ids)
    at[at == len(among)] = 0
    return among[at] == ids


def _minus(a: Scored, ids) -> Scored:
    keep = ~_member(a.ids, ids)
    return Scored(a.ids[keep], a.scores[keep] if a.scores is not None else None)


def _keys(word, candidates):
    """``doc << 32 | position`` of every position of ``word`` in the candidate documents
    (sorted: postings by document, positions ascending in each)."""
    inside = np.zeros(len(word.ids), dtype=bool)
    inside[word.ids.searchsorted(candidates)] = True  # every candidate holds the word
    counts = word.counts
    docs = np.repeat(word.ids[inside], counts[inside])
    positions = word.positions[np.repeat(inside, counts)]
    return docs << 32 | positions.astype(np.int64)


def _follow(ends, later, slop: int):
    """The keys of ``later`` that start 1 to ``slop`` positions after one of ``ends``, in
    the same document (Whoosh's ordered ``SpanNear2`` with ``mindist=1``, by span ends)."""
    at = np.searchsorted(ends, later, side="left") - 1  # the last end before each
    ok = at >= 0
    before = ends[np.maximum(at, 0)]
    ok &= (before >> 32) == (later >> 32)
    ok &= before >= later - slop
    return later[ok]


def narrowed(out: Scored, allowed) -> Scored:
    """``out`` limited to the documents in ``allowed`` (sorted ids)."""
    keep = _member(out.ids, allowed)
    return Scored(out.ids[keep], out.scores[keep] if out.scores is not None else None)


def best(found, limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best of (segment offset, Scored) as (global docnum, score), ordered as
    Whoosh's TopCollector orders them: score descending, then docnum."""
    docs = np.concatenate([out.ids + offset for offset, out in found])
    scores = np.concatenate([out.scores for _, out in found])
    if len(scores) > limit:
        kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= kth  # every tie of the last place, ordered below
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:limit]
    return list(zip(docs[order].tolist(), scores[order].tolist(), strict=True))
