"""The search engine behind a narrow interface: write, delete, search with facets."""

from searchengine.engine.whoosh_engine import IndexBusy, IndexNotFound, WhooshEngine

Engine = WhooshEngine

__all__ = ["Engine", "IndexBusy", "IndexNotFound", "WhooshEngine"]
