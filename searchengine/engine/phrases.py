"""Phrases: which ones the array path matches, and the helpers it shares with Whoosh's rule.

Whoosh checks a phrase document by document through a tree of span matchers. The array
path (``evaluate.py``) matches it per segment from the words' posting ids and positions
instead, with Whoosh's own rule for ``Phrase`` (``SpanNear2`` ordered, ``mindist=1``): each
next word must start 1 to ``slop`` positions after the end of the span matched so far, so
the matches are the same, slop included. For segments without columnar postings the
positions come from Whoosh's pickled values (``positions_of``).
"""

from __future__ import annotations

from itertools import accumulate
from pickle import loads

from whoosh import query as wq
from whoosh.formats import Positions


def supported(schema, q: wq.Phrase) -> bool:
    """Whether ``q`` can be matched here: a field with positions and every word given."""
    if q.fieldname not in schema or not q.words or any(w is None for w in q.words):
        return False
    fmt = schema[q.fieldname].format
    return bool(fmt) and fmt.supports("positions")


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


def tree_sum(values: list):
    """Sum (of floats or arrays) in the order of Whoosh's binary tree of intersection
    matchers (same floats)."""
    if len(values) <= 2:
        return values[0] + values[1] if len(values) == 2 else values[0]
    half = len(values) // 2
    return tree_sum(values[:half]) + tree_sum(values[half:])
