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
    fmt = reader.schema[q.fieldname].format
    docs = sorted(candidates)
    words = []
    for ids, _, values in postings:
        row = dict(zip(ids, values, strict=True))
        words.append(positions_of([row[d] for d in docs], fmt))
    slop = q.slop
    for i, doc in enumerate(docs):
        if _occurs([word[i] for word in words], slop):
            out.add(doc)
    return out


_PICKLE2 = b"\x80\x02"


def positions_of(values: list[bytes], fmt) -> list[list[int]]:
    """``fmt.decode_positions`` of each value. Whoosh's ``Positions`` values are a count
    and a protocol-2 pickle of the position deltas; their pickle bodies are joined into
    one pickle of a list of lists and unpickled in one call (each body pushes one list),
    and the deltas are summed in C."""
    if type(fmt) is not Positions:
        return [fmt.decode_positions(v) for v in values]
    bodies = [v[6:-1] for v in values if v[4:6] == _PICKLE2 and v[-1:] == b"."]
    if len(bodies) != len(values):  # not what Positions.encode writes: the plain way
        return [fmt.decode_positions(v) for v in values]
    deltas = loads(b"\x80\x02(" + b"".join(bodies) + b"l.")
    return [list(accumulate(d)) for d in deltas]


def _occurs(positions: list[list[int]], slop: int) -> bool:
    """Whoosh's ordered SpanNear2 rule over single-position spans, as (start, end) pairs."""
    if slop == 1:  # the common case: word i at start + i, for some start
        starts = set(positions[0])
        for i, later in enumerate(positions[1:], 1):
            starts.intersection_update([p - i for p in later])
            if not starts:
                return False
        return True
    spans = {(p, p) for p in positions[0]}
    for later in positions[1:]:
        spans = {(s, b) for s, e in spans for b in later if e + 1 <= b <= e + slop}
        if not spans:
            return False
    return True


def tree_sum(values: list[float]) -> float:
    """Sum in the order of Whoosh's binary tree of intersection matchers (same floats)."""
    if len(values) <= 2:
        return values[0] + values[1] if len(values) == 2 else values[0]
    half = len(values) // 2
    return tree_sum(values[:half]) + tree_sum(values[half:])
