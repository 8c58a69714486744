"""Phrase matches from posting ids and positions, without Whoosh's span matchers.

Whoosh checks a phrase document by document through a tree of matcher objects. Here, per
segment, the documents holding every word come from intersecting the words' posting ids
(decoded once per query and shared with the ranking pass), and only those candidates have
their positions unpickled and checked. The check is Whoosh's own rule for ``Phrase``
(``SpanNear2`` ordered, ``mindist=1``): each next word must start 1 to ``slop`` positions
after the end of the span matched so far, so the matches are the same, slop included.
"""

from __future__ import annotations

from itertools import accumulate
from pickle import loads

from whoosh import query as wq
from whoosh.formats import Positions

from searchengine.engine.postings import decoded


def supported(schema, q: wq.Phrase) -> bool:
    """Whether ``q`` can be matched here: a field with positions and every word given."""
    if q.fieldname not in schema or not q.words or any(w is None for w in q.words):
        return False
    fmt = schema[q.fieldname].format
    return bool(fmt) and fmt.supports("positions")


def phrase_docs(reader, q: wq.Phrase, read: dict) -> set[int]:
    """The documents of one segment (deleted ones included) where phrase ``q`` occurs;
    remembered in ``read`` for the ranking pass."""
    key = ("phrase", id(reader), q.fieldname, tuple(q.words), q.slop)
    if key in read:
        return read[key]
    read[key] = out = set()
    postings = [decoded(reader, q.fieldname, w, read, values=True) for w in q.words]
    if any(not ids for ids, _, _ in postings):
        return out
    candidates = set(postings[0][0]).intersection(*(p[0] for p in postings[1:]))
    if not candidates:
        return out
    decode = _positions if type(reader.schema[q.fieldname].format) is Positions else None
    decode = decode or reader.schema[q.fieldname].format.decode_positions
    rows = [dict(zip(ids, values, strict=True)) for ids, _, values in postings]
    slop = q.slop
    for doc in candidates:
        if _occurs([decode(row[doc]) for row in rows], slop):
            out.add(doc)
    return out


def _positions(value: bytes) -> list[int]:
    """``Positions.decode_positions`` with the deltas summed in C."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(loads(value[4:])))


def _occurs(positions: list[list[int]], slop: int) -> bool:
    """Whoosh's ordered SpanNear2 rule over single-position spans, as (start, end) pairs."""
    if slop == 1:  # the common case: the words at consecutive positions
        first, rest = positions[0], [set(p) for p in positions[1:]]
        return any(all(start + i in later for i, later in enumerate(rest, 1)) for start in first)
    spans = {(p, p) for p in positions[0]}
    for later in positions[1:]:
        spans = {(s, b) for s, e in spans for b in later if e + 1 <= b <= e + slop}
        if not spans:
            return False
    return True


def tree_sum(values: list[float]) -> float:
    """Sum in the order of Whoosh's binary tree of intersection matchers (same floats)."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return tree_sum(values[:half]) + tree_sum(values[half:])
