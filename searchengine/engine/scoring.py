"""Ranking: the weighting model, and a fast path that scores known matches.

Plain words are BM25F terms over title and body (:mod:`.bm25f`); a word asked for in one
field (``title:storm``) is scored by :class:`NewsBM25F`, plain BM25 of that field:

    idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average length))

Both use the Robertson-Sparck Jones idf in Lucene's non-negative form,
``ln(1 + (N - n + 0.5) / (n + 0.5))``, instead of Whoosh's ``log(N / (n + 1)) + 1``, which
adds 1 to every word's weight so that a document matching many common words of a long OR
query outscores one matching its rare words; and K1 = 1.2, B = 0.75, the literature's defaults
(Robertson & Zaragoza 2009, Lucene). Field lengths are counted in analysed tokens (stop words
included) as Whoosh stores them, in one byte (within 3%).

Whoosh scores one document at a time through a tree of Python matcher objects, which made
ranking most of a query's cost at scale. When the matches are already known (``collect``),
terms, BM25F terms and phrases joined by AND and OR are scored here by walking each term's posting
blocks once: the same formulas, the same statistics (idf and average field length from the
whole index, field lengths as Whoosh stores them) and the same sums in the same order, so
the scores equal Whoosh's up to the order of floating-point additions.
"""

from __future__ import annotations

import heapq
import threading

from whoosh import query as wq
from whoosh.scoring import BM25F, bm25

from searchengine.engine import phrases
from searchengine.engine.bm25f import K1, B, FieldsTerm, length_norm, robertson_idf


class NewsBM25F(BM25F):
    """Whoosh's per-field BM25 (its "BM25F") with the Robertson-Sparck Jones idf, K1 and B.

    N and n count every document in the segments, deleted ones too until a merge drops
    them, as Whoosh's own statistics do."""

    def __init__(self) -> None:
        super().__init__(B=B, K1=K1)

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        return robertson_idf(parent.doc_frequency(fieldname, text), parent.doc_count_all())


class LengthCache:
    """Per segment and field, every document's stored field length (segments never change)."""

    def __init__(self) -> None:
        self._lengths: dict[tuple[str, str], list] = {}
        self._lock = threading.Lock()

    def get(self, segid: str, reader, fieldname: str) -> list:
        key = (segid, fieldname)
        with self._lock:
            lengths = self._lengths.get(key)
            if lengths is None:
                dfl = reader.doc_field_length
                lengths = [dfl(d, fieldname, 1) for d in range(reader.doc_count_all())]
                self._lengths[key] = lengths
                if len(self._lengths) > 400:  # old segments: drop the oldest entries
                    for old in list(self._lengths)[:100]:
                        del self._lengths[old]
            return lengths


def supported(searcher, q: wq.Query) -> bool:
    """Whether ``q`` (terms on scored fields joined by AND/OR) can be scored here."""
    weighting = searcher.weighting
    if type(weighting) is not NewsBM25F or weighting._field_B:
        return False
    return _shape_ok(searcher.schema, q)


def _shape_ok(schema, q: wq.Query) -> bool:
    if isinstance(q, FieldsTerm):
        return all(_shape_ok(schema, c) for c in q.subqueries)
    if isinstance(q, wq.Term):
        return q.fieldname in schema and schema[q.fieldname].scorable
    if isinstance(q, wq.Phrase):
        return phrases.supported(schema, q) and schema[q.fieldname].scorable
    if type(q) is wq.And or (type(q) is wq.Or and not q.minmatch and not q.scale):
        return bool(q.subqueries) and all(_shape_ok(schema, c) for c in q.subqueries)
    return False


def top_hits(searcher, q: wq.Query, segments, limit: int, lengths: LengthCache, read: dict):
    """The best ``limit`` of the matched (segment, docnums) as (global docnum, score), ordered
    as Whoosh's TopCollector orders them (score descending, then docnum)."""
    from searchengine.engine.facets import _segment_id

    offsets = {id(s): off for s, off in (searcher.subsearchers or [(searcher, 0)])}
    scored: list[tuple[float, int]] = []
    for sub, docs in segments:
        if not docs:
            continue
        keep = set(docs)
        segid = _segment_id(sub.reader()) or ""
        scores = _scores(searcher, sub, segid, q, keep, lengths, read)
        offset = offsets[id(sub)]
        scored.extend((s, -(offset + d)) for d, s in scores.items() if d in keep)
    best = heapq.nlargest(limit, scored)
    return [(-neg, score) for score, neg in best]


def _scores(searcher, sub, segid: str, q: wq.Query, keep: set[int], lengths, read) -> dict:
    if isinstance(q, FieldsTerm):
        return _fields_term_scores(searcher, sub, segid, q, keep, lengths, read)
    if isinstance(q, wq.Term):
        return _term_scores(searcher, sub, segid, q, keep, lengths, read)
    if isinstance(q, wq.Phrase):
        return _phrase_scores(searcher, sub, segid, q, keep, lengths, read)
    parts = [_scores(searcher, sub, segid, c, keep, lengths, read) for c in q.subqueries]
    if type(q) is wq.And:
        common = set(parts[0]).intersection(*parts[1:])
        out = {d: sum(p[d] for p in parts) for d in common}
    else:
        out = {}
        for part in parts:
            for d, s in part.items():
                out[d] = out[d] + s if d in out else s
    if q.boost != 1.0:
        out = {d: s * q.boost for d, s in out.items()}
    return out


def _term_scores(searcher, sub, segid, q: wq.Term, keep: set[int], lengths, read) -> dict:
    from searchengine.engine.collect import term_postings

    reader = sub.reader()
    ids, weights = term_postings(reader, q.fieldname, q.text, read)
    if not ids:
        return {}
    text = reader.schema[q.fieldname].to_bytes(q.text)
    parent = searcher.get_parent()
    idf = parent.idf(q.fieldname, text)
    avgfl = parent.avg_field_length(q.fieldname) or 1
    weighting = searcher.weighting
    b, k1, boost = weighting.B, weighting.K1, q.boost
    fl = lengths.get(segid, reader, q.fieldname)
    pairs = zip(ids, weights, strict=True)
    out = {d: bm25(idf, w, fl[d], avgfl, b, k1) for d, w in pairs if d in keep}
    if boost != 1.0:
        out = {d: s * boost for d, s in out.items()}
    return out


def _fields_term_scores(searcher, sub, segid, q: FieldsTerm, keep: set[int], lengths, read):
    """BM25F of one word over its fields: :func:`.bm25f.field_tf` per field, summed in the
    matcher's order, then :func:`.bm25f.bm25f`, written out inline (most of a query's time)."""
    from searchengine.engine.collect import term_postings

    reader = sub.reader()
    parent = searcher.get_parent()
    tf: dict[int, float] = {}
    for t in q.subqueries:
        ids, weights = term_postings(reader, t.fieldname, t.text, read)
        if not ids:
            continue
        a, b = length_norm(parent.avg_field_length(t.fieldname) or 1)
        fl = lengths.get(segid, reader, t.fieldname)
        weight = t.boost
        pairs = zip(ids, weights, strict=True)
        if not tf:
            tf = {d: weight * w / (a + b * fl[d]) for d, w in pairs if d in keep}
            continue
        for d, w in pairs:
            if d in keep:
                share = weight * w / (a + b * fl[d])
                tf[d] = tf[d] + share if d in tf else share
    if not tf:
        return {}
    idf, k1 = q.idf(searcher), K1
    if q.boost != 1.0:
        boost = q.boost
        return {d: idf * f * (k1 + 1) / (k1 + f) * boost for d, f in tf.items()}
    return {d: idf * f * (k1 + 1) / (k1 + f) for d, f in tf.items()}


def _phrase_scores(searcher, sub, segid, q: wq.Phrase, keep: set[int], lengths, read) -> dict:
    """As Whoosh scores a phrase: the sum of its words' scores where it occurs, boosted."""
    matched = phrases.phrase_docs(sub.reader(), q, read) & keep
    if not matched:
        return {}
    words = [
        _term_scores(searcher, sub, segid, wq.Term(q.fieldname, w), matched, lengths, read)
        for w in q.words
    ]
    out = {d: phrases.tree_sum([w[d] for w in words]) for d in matched}
    if q.boost != 1.0:
        out = {d: s * q.boost for d, s in out.items()}
    return out
