"""The search engine behind a narrow interface: write, delete, search with facets.

Whoosh (an index folder on this machine) is the default; ``open_engine`` picks Manticore
when asked (``engine="manticore", nodes="host:port,..."``) or when the index folder's
``engine.json`` says so. The Manticore modules, and pymysql, load only then.
"""

from pathlib import Path

from searchengine.engine.lean import import_whoosh

import_whoosh()

from searchengine.engine.mapped import install as _read_segments_in_place  # noqa: E402

_read_segments_in_place()

from searchengine.engine.manticore.config import EngineConfig  # noqa: E402
from searchengine.engine.whoosh_engine import (  # noqa: E402
    IndexBusy,
    IndexNotFound,
    WhooshEngine,
)

Engine = WhooshEngine


def open_engine(
    location: str | Path,
    *,
    create: bool = False,
    engine: str | None = None,
    nodes: str | None = None,
):
    """The engine for an index folder: explicit choice, else its engine.json, else Whoosh."""
    config = EngineConfig.resolve(location, engine, nodes)
    if config.engine == "whoosh":
        return WhooshEngine(location, create=create)
    from searchengine.engine.manticore.engine import ManticoreEngine

    return ManticoreEngine(location, config, create=create)


def index_exists(location: str | Path) -> bool:
    """Whether the folder holds an index (or the config of a Manticore one)."""
    saved = EngineConfig.read(location)
    if saved is not None and saved.engine == "manticore":
        return True
    return WhooshEngine.exists(location)


__all__ = ["Engine", "IndexBusy", "IndexNotFound", "WhooshEngine", "index_exists", "open_engine"]
