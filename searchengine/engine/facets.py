"""Count facet values over every document a query matches.

Each facet reads a per-document column (doc values) and never loads stored fields.
``FacetCache`` turns each segment's columns, once, into numpy arrays of value numbers
(``facet_columns.py``) and counts a query's matches with one ``np.bincount`` per facet over
the gathered numbers of all segments (over a segment's complement when the query matches
most of it). ``count_facets`` is the plain way, decoding the columns document by document on
every call; both give the same counts in the same order.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable

from searchengine.engine.schema import FACET_FIELDS, FACET_SEPARATOR
from searchengine.query.filters import DATE_FACETS
from searchengine.results import FacetCount

ENTITY_FACET = "entity"
FACET_NAMES = (*FACET_FIELDS, ENTITY_FACET, *DATE_FACETS)
_ENTITY_FIELDS = ["person", "org", "place", "other"]


def count_facets(
    matched: Iterable[tuple[object, list[int]]], names: Iterable[str], limit: int | None = 10
) -> dict[str, list[FacetCount]]:
    """For each facet name, its values over the ``matched`` documents ((segment searcher,
    docnums) pairs) by descending count, ties by value in lower case (then as written);
    date facets in time order."""
    names = list(dict.fromkeys(names))
    counters: dict[str, Counter] = {name: Counter() for name in names}
    for segment, docs in matched:
        reader = segment.reader()
        for name in names:
            _count_segment(reader, name, [int(d) for d in docs], counters[name])
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
    fields = _ENTITY_FIELDS if name == ENTITY_FACET else [name]
    columns = [reader.column_reader(f"facet_{f}", translate=False)
               for f in fields if reader.has_column(f"facet_{f}")]  # fmt: skip
    for doc in docs:
        raws = [raw for column in columns if (raw := column[doc])]
        if len(raws) == 1:
            counter.update(raws[0].decode("utf-8").split(FACET_SEPARATOR))
        elif raws:  # the entity facet: a name typed two ways counts one article
            joined = FACET_SEPARATOR.encode().join(raws).decode("utf-8")
            counter.update(list(dict.fromkeys(joined.split(FACET_SEPARATOR))))


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
        items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].lower(), kv[0]))
        if limit:
            items = items[:limit]
    return [FacetCount(value, count) for value, count in items]


class FacetCache:
    """Facet columns per segment as numpy arrays (by segment id: segments never change once
    written), built when a query first asks for that facet in that segment."""

    def __init__(self) -> None:
        self._segments: dict[str, dict[str, object]] = {}
        self._vocabularies: dict[str, object] = {}
        self._lock = threading.Lock()

    def count(
        self, matched: Iterable[tuple[object, list[int]]], names: Iterable[str], limit: int | None
    ) -> dict[str, list[FacetCount]]:
        """What ``count_facets`` returns, from the cache; ``matched`` holds (segment searcher,
        sorted docnums as a list or numpy array) pairs."""
        from searchengine.engine import facet_columns as fc

        names = list(dict.fromkeys(names))
        segments, live = [], set()
        with self._lock:
            for segment, docs in matched:
                reader = segment.reader()
                segid = _segment_id(reader)
                if segid is not None:
                    live.add(segid)
                if len(docs):
                    columns = [self._column(segid, reader, name) for name in names]
                    segments.append((columns, fc.documents(docs, reader.doc_count_all())))
            vocabularies = [self._vocabulary(name) for name in names]
            # every value number read below is under these sizes
            sizes_ranks = [(len(v.values), v.rank()) for v in vocabularies]
            self._forget(live)
        out = {}
        for i, name in enumerate(names):
            (size, rank), values = sizes_ranks[i], vocabularies[i].values
            counts = fc.count([(columns[i], docs) for columns, docs in segments], size)
            top = fc.top(counts, values, rank, limit, timeline=name in DATE_FACETS)
            out[name] = [FacetCount(value, n) for value, n in top]
        return out

    def documents(self, reader, name: str, value: str):
        """The sorted docnums of the segment ``reader`` whose facet ``name`` holds ``value``
        exactly (an ``ExactName`` filter's matches, deleted documents included)."""
        from searchengine.engine import facet_columns as fc

        with self._lock:
            column = self._column(_segment_id(reader), reader, name)
            number = self._vocabulary(name).number(value)
        return fc.holding(column, number)

    def _vocabulary(self, name: str):
        from searchengine.engine.facet_columns import Vocabulary

        return self._vocabularies.setdefault(name, Vocabulary())

    def _column(self, segid: str | None, reader, name: str):
        """A segment's column of facet ``name`` (the caller holds the lock); a reader that
        is not a plain segment (no id) is decoded and not kept."""
        from searchengine.engine import facet_columns as fc

        cached = self._segments.get(segid, {}).get(name) if segid is not None else None
        if cached is not None:
            return cached
        vocabulary = self._vocabulary(name)
        if name in DATE_FACETS:
            column = fc.date_column(reader, fc.DATE_WIDTHS[name], vocabulary)
        else:
            fields = _ENTITY_FIELDS if name == ENTITY_FACET else [name]
            column = fc.text_column(reader, fields, vocabulary)
        if segid is not None:
            self._segments.setdefault(segid, {})[name] = column
        return column

    def _forget(self, live: set[str]) -> None:
        """Drop segments gone from the index (merged away) once they outnumber the live ones.
        Vocabularies keep their values: a merged segment holds the same ones."""
        if live and len(self._segments) > 2 * len(live):
            for segid in set(self._segments) - live:
                del self._segments[segid]


def _segment_id(reader) -> str | None:
    segment = getattr(reader, "segment", None)
    return segment().segment_id() if callable(segment) else None
