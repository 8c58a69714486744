"""Count facet values over every document a query matches.

Each facet reads a per-document column (doc values), so counting costs one column lookup
per matching document and never loads stored fields.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

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
    fields = (
        [f"facet_{t}" for t in ("person", "org", "place", "other")]
        if (name == ENTITY_FACET)
        else [f"facet_{name}"]
    )
    for fieldname in fields:
        if not reader.has_column(fieldname):
            continue
        column = reader.column_reader(fieldname, translate=False)
        for doc in docs:
            raw = column[doc]
            if raw:
                counter.update(raw.decode("utf-8").split(FACET_SEPARATOR))


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
