"""Import Whoosh without the heavy modules it imports but never uses on our paths.

``whoosh.compat`` imports ``urllib.request`` (pulling in http.client, email and ssl) for one
download helper, and ``whoosh.reading`` takes ``cached_property`` from a package that imports
asyncio; ``whoosh.query`` loads English morphology tables for a query type we never build.
Stand-ins are placed while Whoosh is imported and removed afterwards, so later
imports get the real modules; this halves Whoosh's import time on the query path.
"""

from __future__ import annotations

import functools
import sys
import types


def _urlretrieve(*args, **kwargs):
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _variations(word):
    from whoosh.lang.morph_en import variations

    return variations(word)


def import_whoosh() -> None:
    """Import the Whoosh modules the engine uses, once."""
    if "whoosh.reading" in sys.modules:
        return
    stubs = {}
    if "urllib.request" not in sys.modules:
        stubs["urllib.request"] = types.ModuleType("urllib.request")
        stubs["urllib.request"].urlretrieve = _urlretrieve
    if "cached_property" not in sys.modules:
        stubs["cached_property"] = types.ModuleType("cached_property")
        stubs["cached_property"].cached_property = functools.cached_property
    if "whoosh.lang.morph_en" not in sys.modules:
        stubs["whoosh.lang.morph_en"] = types.ModuleType("whoosh.lang.morph_en")
        stubs["whoosh.lang.morph_en"].variations = _variations
    sys.modules.update(stubs)
    try:
        import whoosh.index  # noqa: F401
        import whoosh.qparser  # noqa: F401
        import whoosh.query  # noqa: F401
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
