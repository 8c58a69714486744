"""One pass over the matches: the top hits, the exact total and every matching document.

Whoosh's paged search skips low-scoring blocks and then runs the query a second time to
count; facets would run it a third time. Recording each match as it is collected gives
the total and the facet input from the single pass that ranks the hits.
"""

from __future__ import annotations

from whoosh import collectors, sorting
from whoosh import query as wq


class _Recorder(collectors.WrappingCollector):
    """Passes matches on to its child and keeps, per segment, the ones it was given."""

    def __init__(self, child) -> None:
        super().__init__(child)
        self.segments: list[tuple[object, list[int]]] = []  # (segment searcher, docnums)
        self.total = 0

    def set_subsearcher(self, subsearcher, offset) -> None:
        super().set_subsearcher(subsearcher, offset)
        self._docs: list[int] = []
        self.segments.append((subsearcher, self._docs))

    def collect(self, sub_docnum):
        self._docs.append(sub_docnum)
        self.total += 1
        return self.child.collect(sub_docnum)


def collect(searcher, q: wq.Query, filter_q: wq.Query | None, *, newest_first: bool, limit: int):
    """Run ``q`` once: return (whoosh Results holding the best ``limit``, total, segments)."""
    if newest_first:
        top = collectors.SortingCollector(sorting.FieldFacet("date", reverse=True), limit=limit)
    else:
        # No block skipping and no matcher replacement: both drop documents that cannot
        # reach the top, and every match must be seen to count it and its facets.
        top = collectors.TopCollector(limit=limit, usequality=False, replace=0)
    recorder = _Recorder(top)
    outer = collectors.FilterCollector(recorder, allow=filter_q) if filter_q else recorder
    searcher.search_with_collector(q, outer)
    return outer.results(), recorder.total, recorder.segments
