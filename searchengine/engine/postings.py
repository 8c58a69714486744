"""One term's postings in one segment, decoded a block at a time and once per query."""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import FilterMatcher


def decoded(reader, fieldname: str, text, read: dict, values: bool = False) -> tuple:
    """(docnums, weights, encoded values or None) of one term in one segment, deleted
    documents included (callers remove them). ``read`` keeps what this query decoded, so
    the matching pass and the ranking pass share it; ``values=True`` also keeps the
    posting values (positions, for phrases)."""
    key = (id(reader), fieldname, text)
    known = read.get(key)
    if known is not None and (not values or known[2] is not None):
        return known
    ids: list = []
    weights: list = []
    kept: list | None = [] if values else None
    read[key] = (ids, weights, kept)
    if fieldname not in reader.schema:
        return read[key]
    btext = reader.schema[fieldname].to_bytes(text)
    if (fieldname, btext) not in reader:
        return read[key]
    m = reader.postings(fieldname, btext)
    if isinstance(m, FilterMatcher):  # deletions
        m = m.child
    if isinstance(m, W3LeafMatcher):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids.extend(m._ids)
            weights.extend(m._weights)
            if values:
                m._read_values()
                kept.extend(m._values)
            if m._lastblock:
                break
            m._goto(m._nextoffset)
    else:
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            if values:
                kept.append(m.value())
            m.next()
    return read[key]
