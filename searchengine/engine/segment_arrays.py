"""Arrays worked out once per segment: every document's field length, every document's date.

Segments never change once written, so an array is kept by segment id (readers of the same
segment share it after a searcher is reopened); past ``KEEP`` entries the oldest quarter is
dropped, as merged-away segments leave theirs behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

KEEP = 400


class SegmentArrays:
    """``compute(reader, *args)``, remembered per (segment, args)."""

    def __init__(self, compute: Callable) -> None:
        self._compute = compute
        self._arrays: dict[tuple, object] = {}
        self._lock = threading.Lock()

    def get(self, reader, *args):
        from searchengine.engine.facets import _segment_id

        key = (_segment_id(reader) or str(id(reader)), *args)
        with self._lock:
            known = self._arrays.get(key)
            if known is None:
                known = self._arrays[key] = self._compute(reader, *args)
                if len(self._arrays) > KEEP:
                    for old in list(self._arrays)[: KEEP // 4]:
                        del self._arrays[old]
            return known
