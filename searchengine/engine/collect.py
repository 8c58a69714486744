"""Collection: the top hits, the exact total and every matching document of a query.

For terms and phrases joined by AND, OR and NOT, one pass per segment over posting arrays
(``evaluate.py``, numpy): the matching documents (for the total and the facets) and, where
the query can be ranked there, their scores; the best are picked from the scores, or the
date column orders the matches (newest first), or Whoosh's scorer ranks them (a query that
only matches there, such as one with NOT). Other queries (wildcards, ranges) are checked
document by document anyway: one pass scores them and records the matches.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import collectors
from whoosh import query as wq

from searchengine.engine import scoring
from searchengine.engine.bm25f import FieldsTerm
from searchengine.engine.exact import ExactName

Segments = list[tuple[object, list[int]]]  # (segment searcher, sorted docnums in it)


@dataclass
class Collected:
    """The best hits as (global docnum, score or None), the exact total, the matches."""

    hits: list[tuple[int, float | None]]
    total: int
    segments: Segments


def collect(
    searcher,
    q: wq.Query,
    filter_q: wq.Query | None,
    *,
    newest_first: bool,
    limit: int,
    lengths: scoring.LengthCache | None = None,
) -> Collected:
    """Run ``q`` (narrowed by ``filter_q``) and return its best ``limit`` and all matches;
    without ``lengths``, Whoosh's scorer ranks them."""
    if not newest_first and not _set_shaped(q):
        return _one_pass(searcher, q, filter_q, limit)
    from searchengine.engine import evaluate  # numpy: only when a query runs

    score = not newest_first and lengths is not None and scoring.supported(searcher, q)
    matcher = evaluate.Evaluator(searcher, score=score)
    filters = evaluate.Evaluator(searcher, score=False) if filter_q is not None else None
    segments: Segments = []
    found = []  # (segment offset, evaluate.Scored)
    for sub, offset in _subsearchers(searcher):
        seg = evaluate.Segment(sub, lengths)
        out = matcher.run(seg, q)
        if filters is not None and len(out.ids):
            out = evaluate.narrowed(out, filters.run(seg, filter_q).ids)
        segments.append((sub, out.ids.tolist()))
        found.append((offset, out))
    total = sum(len(docs) for _, docs in segments)
    if not total:
        return Collected([], 0, segments)
    if newest_first:
        return Collected(_newest(searcher, segments, limit), total, segments)
    if score and all(out.scores is not None for _, out in found):
        return Collected(evaluate.best(found, limit), total, segments)
    # Block-max skipping is exact; matcher replacement (replace>0) drops real top hits.
    top = collectors.TopCollector(limit=limit, usequality=True, replace=0)
    outer = top
    if filter_q is not None:
        allowed = {d for offset, out in found for d in (out.ids + offset).tolist()}
        outer = collectors.FilterCollector(top, allow=allowed)
    searcher.search_with_collector(q, outer)
    hits = [(docnum, score) for score, docnum in outer.results().top_n]
    return Collected(hits, total, segments)


def _set_shaped(q: wq.Query) -> bool:
    """Whether ``q`` is terms and phrases joined by AND/OR/NOT: its matches come cheaply from
    posting ids (and positions). Ranges and wildcards must be checked per document anyway,
    so for them one scoring pass that also records the matches is cheaper than two passes."""
    if isinstance(q, (wq.Term, wq.Phrase, ExactName)):
        return True
    if type(q) is wq.Every:  # `*` (every article) is an array; a field's every word is not
        return q.fieldname is None
    if isinstance(q, (wq.And, wq.Or, wq.DisjunctionMax, wq.Not, wq.AndNot, wq.AndMaybe,
                      FieldsTerm)):  # fmt: skip
        return all(_set_shaped(c) for c in q.children())
    return False


class _Recorder(collectors.WrappingCollector):
    """Passes matches on to its child and keeps, per segment, the ones it was given."""

    def __init__(self, child) -> None:
        super().__init__(child)
        self.segments: Segments = []
        self.total = 0

    def set_subsearcher(self, subsearcher, offset) -> None:
        super().set_subsearcher(subsearcher, offset)
        self._docs: list[int] = []
        self.segments.append((subsearcher, self._docs))

    def collect(self, sub_docnum):
        self._docs.append(sub_docnum)
        self.total += 1
        return self.child.collect(sub_docnum)


def _one_pass(searcher, q: wq.Query, filter_q: wq.Query | None, limit: int) -> Collected:
    # No block skipping and no matcher replacement: every match must be seen to count it.
    top = collectors.TopCollector(limit=limit, usequality=False, replace=0)
    recorder = _Recorder(top)
    outer = collectors.FilterCollector(recorder, allow=filter_q) if filter_q else recorder
    searcher.search_with_collector(q, outer)
    hits = [(docnum, score) for score, docnum in outer.results().top_n]
    return Collected(hits, recorder.total, recorder.segments)


def _subsearchers(searcher) -> list[tuple[object, int]]:
    return list(searcher.subsearchers) if searcher.subsearchers else [(searcher, 0)]


def _newest(searcher, segments: Segments, limit: int) -> list[tuple[int, float | None]]:
    """The ``limit`` newest matches (undated last, ties by docnum) from the date column."""
    import numpy as np

    from searchengine.engine.date_column import DATES

    offsets = dict((id(s), off) for s, off in _subsearchers(searcher))
    keys, docnums = [], []
    for sub, docs in segments:
        if docs:
            ids = np.asarray(docs, dtype=np.int64)
            keys.append(-DATES.get(sub.reader())[ids])
            docnums.append(ids + offsets[id(sub)])
    if not keys:
        return []
    key, docnum = np.concatenate(keys), np.concatenate(docnums)
    if len(key) > limit:  # the newest ``limit`` and every tie of the last, ordered below
        kth = np.partition(key, limit - 1)[limit - 1]
        keep = key <= kth
        key, docnum = key[keep], docnum[keep]
    order = np.lexsort((docnum, key))[:limit]
    return [(int(d), None) for d in docnum[order]]
