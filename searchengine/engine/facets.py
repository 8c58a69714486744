"""Count facet values over every document a query matches.

Each facet reads a per-document column (doc values) and never loads stored fields.
``count_facets`` decodes the columns on every call; ``FacetCache`` decodes each segment's
columns once into per-document tuples of value numbers and counts those with C-speed
``Counter`` updates (over the complement when a query matches most of a segment). Both give
the same counts; the engine uses the cache.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from itertools import chain

from searchengine.engine.schema import FACET_FIELDS, FACET_SEPARATOR
from searchengine.results import FacetCount

ENTITY_FACET = "entity"
DATE_FACETS = ("year", "month", "day")
FACET_NAMES = (*FACET_FIELDS, ENTITY_FACET, *DATE_FACETS)


def count_facets(
    matched: Iterable[tuple[object, list[int]]], names: Iterable[str], limit: int | None = 10
) -> dict[str, list[FacetCount]]:
    """For each facet name, its values over the ``matched`` documents ((segment searcher,
    docnums) pairs) by descending count, ties by value; date facets in time order."""
    names = list(dict.fromkeys(names))
    counters: dict[str, Counter] = {name: Counter() for name in names}
    for segment, docs in matched:
        if not docs:
            continue
        reader = segment.reader()
        for name in names:
            _count_segment(reader, name, docs, counters[name])
    return {name: _top(counters[name], name, limit) for name in names}


def all_documents(searcher) -> list[tuple[object, list[int]]]:
    """Every live document, as (segment searcher, docnums) pairs for ``count_facets``."""
    segments = [s for s, _ in searcher.subsearchers] if searcher.subsearchers else [searcher]
    return [(s, list(s.reader().all_doc_ids())) for s in segments]


def _count_segment(reader, name: str, docs: list[int], counter: Counter) -> None:
    if name in DATE_FACETS:
        if not reader.has_column("date"):
            return
        column = reader.column_reader("date", translate=False)
        width = {"year": 4, "month": 7, "day": 10}[name]
        for doc in docs:
            raw = column[doc]
            if is_date(raw):
                counter[_date_key(raw)[:width]] += 1
        return
    for values in _doc_values(reader, name, docs):
        counter.update(values)


def _doc_values(reader, name: str, docs: Iterable[int]) -> Iterable[tuple[str, ...]]:
    """Each document's values of a (non-date) facet. ``entity`` joins the four entity
    columns, each name once per document (a name typed two ways counts one article)."""
    fields = _ENTITY_FIELDS if name == ENTITY_FACET else [name]
    columns = [reader.column_reader(f"facet_{f}", translate=False)
               for f in fields if reader.has_column(f"facet_{f}")]  # fmt: skip
    for doc in docs:
        raws = [raw for column in columns if (raw := column[doc])]
        if not raws:
            yield _EMPTY
        elif len(raws) == 1:
            yield tuple(raws[0].decode("utf-8").split(FACET_SEPARATOR))
        else:
            joined = FACET_SEPARATOR.encode().join(raws).decode("utf-8")
            yield tuple(dict.fromkeys(joined.split(FACET_SEPARATOR)))


def is_date(raw: int | None) -> bool:
    """Whether a raw date column value holds a date (missing dates read as 0)."""
    return bool(raw)


def _date_key(raw: int) -> str:
    from whoosh.util.times import long_to_datetime

    return long_to_datetime(raw).strftime("%Y-%m-%d")


def _top(counter: Counter, name: str, limit: int | None) -> list[FacetCount]:
    if name in DATE_FACETS:  # a timeline reads in time order
        items = sorted(counter.items())
    else:
        items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].lower()))
        if limit:
            items = items[:limit]
    return [FacetCount(value, count) for value, count in items]


class FacetCache:
    """Decoded facet columns per segment (by segment id: they never change once written)."""

    def __init__(self) -> None:
        self._segments: dict[str, dict[str, tuple]] = {}
        self._lock = threading.Lock()

    def count(
        self, matched: Iterable[tuple[object, list[int]]], names: Iterable[str], limit: int | None
    ) -> dict[str, list[FacetCount]]:
        """What ``count_facets`` returns, from the cache."""
        matched, names = list(matched), list(dict.fromkeys(names))
        counters: dict[str, Counter] = {name: Counter() for name in names}
        live = set()
        for segment, docs in matched:
            reader = segment.reader()
            segid = _segment_id(reader)
            if segid is None:  # not a plain segment reader: no cache
                for name in names:
                    _count_segment(reader, name, docs, counters[name])
                continue
            live.add(segid)
            if not docs:
                continue
            for name in names:
                kind = "date" if name in DATE_FACETS else name
                values, per_doc, totals = self._column(segid, reader, kind)
                ids = _count_ids(per_doc, totals, docs, date=kind == "date")
                _add(counters[name], ids, values, name)
        with self._lock:
            for segid in set(self._segments) - live if live else ():
                if len(self._segments) > 2 * len(live):
                    del self._segments[segid]
        return {name: _top(counters[name], name, limit) for name in names}

    def _column(self, segid: str, reader, fieldname: str) -> tuple:
        with self._lock:
            cached = self._segments.setdefault(segid, {}).get(fieldname)
            if cached is None:
                cached = _decode(reader, fieldname)
                self._segments[segid][fieldname] = cached
            return cached


_ENTITY_FIELDS = ["person", "org", "place", "other"]
_EMPTY: tuple = ()


def _segment_id(reader) -> str | None:
    segment = getattr(reader, "segment", None)
    return segment().segment_id() if callable(segment) else None


def _decode(reader, fieldname: str) -> tuple:
    """(values, per-document value numbers or day strings, counts over the whole segment)."""
    ndocs = reader.doc_count_all()
    if fieldname == "date":
        if not reader.has_column("date"):
            return [], [None] * ndocs, Counter()
        column = reader.column_reader("date", translate=False)
        days = {}
        per_doc = []
        for doc in range(ndocs):
            raw = column[doc]
            per_doc.append(days.setdefault(raw, _date_key(raw)) if is_date(raw) else None)
        return [], per_doc, Counter(per_doc)
    numbers: dict[str, int] = {}
    per_doc = [
        tuple(numbers.setdefault(v, len(numbers)) for v in values) if values else _EMPTY
        for values in _doc_values(reader, fieldname, range(ndocs))
    ]
    return list(numbers), per_doc, Counter(chain.from_iterable(per_doc))


def _count_ids(per_doc: list, totals: Counter, docs: list[int], date: bool) -> Counter:
    """Counts of value numbers (or days) over ``docs``; via the complement when shorter."""
    if len(docs) * 2 <= len(per_doc):
        picked = map(per_doc.__getitem__, docs)
        return Counter(picked) if date else Counter(chain.from_iterable(picked))
    inside = set(docs)
    rest = (v for d, v in enumerate(per_doc) if d not in inside)
    counts = totals - (Counter(rest) if date else Counter(chain.from_iterable(rest)))
    return counts


def _add(counter: Counter, ids: Counter, values: list[str], name: str) -> None:
    if name in DATE_FACETS:
        width = {"year": 4, "month": 7, "day": 10}[name]
        for day, n in ids.items():
            if day is not None:
                counter[day[:width]] += n
        return
    for number, n in ids.items():
        counter[values[number]] += n
