"""The search engine behind a narrow interface: write, delete, search with facets."""

from searchengine.engine.lean import import_whoosh

import_whoosh()

from searchengine.engine.mapped import install as _read_segments_in_place  # noqa: E402

_read_segments_in_place()

from searchengine.engine.whoosh_engine import (  # noqa: E402
    IndexBusy,
    IndexNotFound,
    WhooshEngine,
)

Engine = WhooshEngine

__all__ = ["Engine", "IndexBusy", "IndexNotFound", "WhooshEngine"]
