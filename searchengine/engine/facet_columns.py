"""A segment's facet columns as numpy arrays, and their counts over a set of documents.

Each facet of a segment is a ``Column`` in CSR form: document ``d``'s values are
``ids[offsets[d]:offsets[d + 1]]``, numbers in the facet's ``Vocabulary``, which every
segment shares, so one ``np.bincount`` counts the matches of all segments. A date facet has
the same shape: a dated document has one value, its year, month or day. Built once per
segment (segments never change once written); numpy is imported here only, when a query
first asks for facets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice

import numpy as np

from searchengine.engine.schema import FACET_SEPARATOR

_SEPARATOR = FACET_SEPARATOR.encode("utf-8")
_DAY = 86_400_000_000  # Whoosh stores a date as microseconds since datetime.min
DATE_WIDTHS = {"year": 4, "month": 7, "day": 10}


class Vocabulary:
    """One facet's values numbered in first-seen order over all segments, and each value's
    rank in the order ties are shown (lower case, then as written)."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._numbers: dict[str, int] = {}
        self._rank: np.ndarray | None = None

    def numbers(self, values: list[str]) -> list[int]:
        """The number of each of ``values``, adding the new ones."""
        numbers, known = self._numbers, self.values
        out = [numbers.setdefault(v, len(numbers)) for v in values]
        if len(numbers) > len(known):
            known.extend(islice(numbers, len(known), None))  # dicts keep insertion order
            self._rank = None
        return out

    def number(self, value: str) -> int | None:
        """The number of ``value``, or None when no segment read so far holds it."""
        return self._numbers.get(value)

    def rank(self) -> np.ndarray:
        """Position of every value in (lower case, as written) order."""
        if self._rank is None or len(self._rank) < len(self.values):
            order = sorted(range(len(self.values)), key=lambda i: _tie_key(self.values[i]))
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            self._rank = rank
        return self._rank


def _tie_key(value: str) -> tuple[str, str]:
    return value.lower(), value


@dataclass(frozen=True)
class Column:
    """One facet of one segment: per-document value numbers, and their counts over every
    document of the segment (deleted ones too)."""

    offsets: np.ndarray
    ids: np.ndarray
    totals: np.ndarray
    _by_value: list = field(default_factory=list, compare=False, repr=False)

    def by_value(self) -> tuple[np.ndarray, np.ndarray]:
        """(positions of ``ids`` in value order, ``ids`` in that order), built once."""
        if not self._by_value:
            order = np.argsort(self.ids, kind="stable").astype(np.int32)
            self._by_value.append((order, self.ids[order]))
        return self._by_value[0]

    def gather(self, docs: np.ndarray) -> np.ndarray:
        """The value numbers of ``docs``, all in one array (a value once per document)."""
        starts = self.offsets[docs]
        lengths = self.offsets[docs + 1] - starts
        size = int(lengths.sum())
        if not size:
            return self.ids[:0]
        # position k of the output is doc i's value k - (values before doc i)
        shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return self.ids[shift + np.arange(size)]


def text_column(reader, fields: list[str], vocabulary: Vocabulary) -> Column:
    """The values of the ``facet_*`` columns of ``fields``; with several fields (the entity
    facet) a value a document has in two of them counts once."""
    ndocs = reader.doc_count_all()
    parts = [_split(reader, f, ndocs, vocabulary) for f in fields]
    if len(parts) == 1:
        per_doc, ids = parts[0]
    else:
        owners = np.concatenate([np.repeat(np.arange(ndocs, dtype=np.int64), n) for n, _ in parts])
        keys = np.sort((owners << 32) | np.concatenate([i for _, i in parts]).astype(np.int64))
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]  # np.unique hashes: slower
        ids = (keys & 0xFFFFFFFF).astype(np.int32)
        per_doc = np.bincount(keys >> 32, minlength=ndocs)
    return _column(per_doc, ids, vocabulary)


def _split(reader, field: str, ndocs: int, vocabulary: Vocabulary):
    """(values per document, their numbers in document order) of one column."""
    name = f"facet_{field}"
    if not reader.has_column(name):
        return np.zeros(ndocs, dtype=np.int64), np.zeros(0, dtype=np.int32)
    column = reader.column_reader(name, translate=False)
    raws = [column[doc] for doc in range(ndocs)]
    per_doc = np.fromiter((r.count(_SEPARATOR) + 1 if r else 0 for r in raws), np.int64, ndocs)
    filled = [r for r in raws if r]
    words = _SEPARATOR.join(filled).decode("utf-8").split(FACET_SEPARATOR) if filled else []
    return per_doc, np.array(vocabulary.numbers(words), dtype=np.int32)


def date_column(reader, width: int, vocabulary: Vocabulary) -> Column:
    """Each dated document's year, month or day (the first ``width`` characters of
    YYYY-MM-DD); undated documents (0 in the column) have none."""
    from searchengine.engine.date_column import DATES

    raw = DATES.get(reader)
    dated = raw != 0
    days, which = np.unique(raw[dated] // _DAY, return_inverse=True)
    labels = [(datetime.min + timedelta(days=int(d))).strftime("%Y-%m-%d")[:width] for d in days]
    numbers = np.array(vocabulary.numbers(labels), dtype=np.int32)
    return _column(dated.astype(np.int64), numbers[which.reshape(-1)], vocabulary)


def _column(per_doc: np.ndarray, ids: np.ndarray, vocabulary: Vocabulary) -> Column:
    offsets = np.zeros(len(per_doc) + 1, dtype=np.int64)
    np.cumsum(per_doc, out=offsets[1:])
    totals = np.bincount(ids, minlength=len(vocabulary.values))
    return Column(offsets, ids, totals)


def holding(column: Column, number: int | None) -> np.ndarray:
    """The sorted documents of ``column`` that hold value ``number`` (none for None, a value
    no segment holds): a binary search in the column's values sorted once (built at the
    first such question, as an inverted list)."""
    if number is None:
        return np.zeros(0, dtype=np.int64)
    order, ordered = column.by_value()
    lo, hi = np.searchsorted(ordered, [number, number + 1])
    docs = np.searchsorted(column.offsets, order[lo:hi], side="right") - 1  # sorted: stable
    if len(docs) > 1:
        docs = docs[np.concatenate(([True], docs[1:] != docs[:-1]))]
    return docs


def documents(docs, ndocs: int) -> tuple[np.ndarray, bool]:
    """``docs`` (a sorted list or array of docnums) as an array, or its complement in the
    segment when that is shorter; True when it is the complement."""
    docs = np.asarray(docs, dtype=np.int64)
    if 2 * len(docs) <= ndocs:
        return docs, False
    inside = np.ones(ndocs, dtype=bool)
    inside[docs] = False
    return np.flatnonzero(inside), True


def count(parts: list[tuple[Column, tuple[np.ndarray, bool]]], size: int) -> np.ndarray:
    """Counts of value numbers ``0..size-1`` over (column, ``documents()``) of each segment:
    one ``bincount`` over the values of the matches, less one over the values of the
    complements, plus the complements' segment totals."""
    counts = np.zeros(size, dtype=np.int64)
    inside, outside = [], []
    for column, (docs, complement) in parts:
        if complement:
            counts[: len(column.totals)] += column.totals
            outside.append(column.gather(docs))
        else:
            inside.append(column.gather(docs))
    if inside:
        counts += np.bincount(np.concatenate(inside), minlength=size)
    if outside:
        counts -= np.bincount(np.concatenate(outside), minlength=size)
    return counts


def top(counts: np.ndarray, values: list[str], rank: np.ndarray, limit: int | None,
        timeline: bool) -> list[tuple[str, int]]:  # fmt: skip
    """(value, count) of the counted values (``rank``: ``Vocabulary.rank()``) by descending
    count, ties in (lower case, as written) order, the first ``limit``; a timeline in time
    order, all of it."""
    counted = np.flatnonzero(counts)
    if timeline:
        counted = counted[np.argsort(rank[counted])]
    else:
        if limit and len(counted) > limit:
            found = counts[counted]
            least = np.partition(found, len(found) - limit)[len(found) - limit]
            counted = counted[found >= least]  # the top ``limit`` and their ties
        counted = counted[np.lexsort((rank[counted], -counts[counted]))][: limit or None]
    return [(values[i], int(counts[i])) for i in counted]
