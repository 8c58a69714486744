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
ranking most of a query's cost at scale. Terms, BM25F terms and phrases joined by AND and OR
(``supported``) are scored instead by :mod:`.evaluate`, over arrays: the same formulas, the
same statistics (idf and average field length from the whole index, field lengths as Whoosh
stores them, ``LengthCache``) and the same sums in the same order, so the scores equal
Whoosh's up to the order of floating-point additions.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.scoring import BM25F

from searchengine.engine import phrases
from searchengine.engine.bm25f import K1, B, FieldsTerm, robertson_idf
from searchengine.engine.exact import ExactName
from searchengine.engine.segment_arrays import SegmentArrays


class NewsBM25F(BM25F):
    """Whoosh's per-field BM25 (its "BM25F") with the Robertson-Sparck Jones idf, K1 and B.

    N and n count every document in the segments, deleted ones too until a merge drops
    them, as Whoosh's own statistics do."""

    def __init__(self) -> None:
        super().__init__(B=B, K1=K1)

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        return robertson_idf(parent.doc_frequency(fieldname, text), parent.doc_count_all())


class LengthCache(SegmentArrays):
    """Per segment and field, every document's stored field length as a float64 array."""

    def __init__(self) -> None:
        super().__init__(_field_lengths)

    def array(self, reader, fieldname: str):
        return self.get(reader, fieldname)


def _field_lengths(reader, fieldname: str):
    """``doc_field_length`` of every document, from the length column's bytes at once
    (one byte per document, 0 for none) where the segment has one, else one by one."""
    import numpy as np

    from searchengine.engine.evaluate import _LENGTHS

    ndocs = reader.doc_count_all()
    raw = _length_bytes(reader, fieldname)
    if raw is None:
        dfl = reader.doc_field_length
        return np.array([dfl(d, fieldname, 1) or 0 for d in range(ndocs)], dtype=np.float64)
    codes = np.zeros(ndocs, dtype=np.uint8)
    stored = np.frombuffer(raw, dtype=np.uint8)[:ndocs]
    codes[: len(stored)] = stored
    return _LENGTHS[codes]


def _length_bytes(reader, fieldname: str):
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, _lenfield

    perdoc = getattr(reader, "_perdoc", None)
    if type(perdoc) is not W3PerDocReader or LENGTHS_COLUMN._typecode != "B":
        return None
    name = W3Codec.column_filename(perdoc._segment, _lenfield(fieldname))
    storage = perdoc._storage
    if not storage.file_exists(name):
        return None  # no document has this field: doc_field_length gives the default
    f = storage.open_file(name)
    try:
        return bytes(f.read(storage.file_length(name)))
    finally:
        f.close()


def supported(searcher, q: wq.Query) -> bool:
    """Whether ``q`` (terms on scored fields, exact names and `*`, joined by AND/OR/NOT) can
    be scored here."""
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
    if type(q) is wq.Not:  # every article outside its child scores 1, as in Whoosh
        return True
    if isinstance(q, ExactName) or (type(q) is wq.Every and q.fieldname is None):
        return True  # a constant score, the boost, as their Whoosh matchers give it
    if type(q) is wq.And or (type(q) is wq.Or and not q.minmatch and not q.scale):
        return bool(q.subqueries) and all(_shape_ok(schema, c) for c in q.subqueries)
    return False
