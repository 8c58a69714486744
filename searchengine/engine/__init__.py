"""The search engine behind a narrow interface: write, delete, search with facets."""

from searchengine.engine.lean import import_whoosh

import_whoosh()

from searchengine.engine.whoosh_engine import (  # noqa: E402
    IndexBusy,
    IndexNotFound,
    WhooshEngine,
)

Engine = WhooshEngine

__all__ = ["Engine", "IndexBusy", "IndexNotFound", "WhooshEngine"]
