"""Exact names: ``person:="Biden"`` matches the articles whose person facet lists exactly
"Biden", the articles that facet value counts.

``person:"Biden"`` is a phrase inside the names, so it also matches "Joe Biden" and
"Hunter Biden": a facet value's filter written that way found more articles than the
facet said. Facet links therefore filter with ``:=``. The documents come from the facet
columns (``FacetCache.documents``: a binary search in each segment's values, sorted once);
without a cache bound to the query, from the column read document by document.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from whoosh import matching
from whoosh import query as wq
from whoosh.qparser import syntax
from whoosh.qparser.common import attach
from whoosh.qparser.plugins import TaggingPlugin

from searchengine.articles import ENTITY_TYPES
from searchengine.engine.schema import FACET_SEPARATOR
from searchengine.query.filters import facet_filter, unescape

# (segment reader, facet name, value) -> sorted docnums of the segment holding the value
Lookup = Callable[[object, str, str], np.ndarray]


class ExactName(wq.Query):
    """The articles whose facet ``fieldname`` holds ``value`` exactly (case and all),
    each scored its boost, as ``*`` is: under AND it moves no article above another."""

    def __init__(self, fieldname: str, value: str, boost: float = 1.0) -> None:
        self.fieldname = fieldname
        self.value = value
        self.boost = boost
        self.lookup: Lookup | None = None

    def __eq__(self, other) -> bool:
        return (
            type(other) is type(self)
            and other.fieldname == self.fieldname
            and other.value == self.value
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.fieldname, self.value))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.fieldname!r}, {self.value!r})"

    def __unicode__(self) -> str:
        return facet_filter(self.fieldname, self.value)

    __str__ = __unicode__

    def segment_docs(self, reader) -> np.ndarray:
        """Sorted docnums of the segment ``reader`` whose facet holds the value (deleted
        documents included, as in postings)."""
        if self.lookup is not None:
            return self.lookup(reader, self.fieldname, self.value)
        return _read_docs(reader, self.fieldname, self.value)

    def estimate_size(self, ixreader) -> int:
        return ixreader.doc_count_all()

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        ids = self.segment_docs(reader).tolist()
        if reader.has_deletions():
            ids = [d for d in ids if not reader.is_deleted(d)]
        if not ids:
            return matching.NullMatcher()
        return matching.ListMatcher(ids, all_weights=float(self.boost))


def _read_docs(reader, facet: str, value: str) -> np.ndarray:
    fields = ENTITY_TYPES if facet == "entity" else (facet,)  # the entity facet joins them
    wanted = value.encode("utf-8")
    sep = FACET_SEPARATOR.encode("utf-8")
    found: set[int] = set()
    for field in fields:
        name = f"facet_{field}"
        if not reader.has_column(name):
            continue
        column = reader.column_reader(name, translate=False)
        for doc in range(reader.doc_count_all()):
            raw = column[doc]
            if raw and wanted in raw and wanted in raw.split(sep):
                found.add(doc)
    return np.array(sorted(found), dtype=np.int64)


def bind(q: wq.Query, lookup: Lookup) -> wq.Query:
    """Give every ExactName of ``q`` the engine's facet lookup; returns ``q``."""
    if isinstance(q, ExactName):
        q.lookup = lookup
    for child in q.children():
        bind(child, lookup)
    return q


class ExactPlugin(TaggingPlugin):
    """Parses ``field:="a name"`` (and ``field:=word``) into an ExactName."""

    priority = -10  # before words and phrases: ``="...`` is one node
    # right after a field; inside the quotes \" is a quote and \\ a backslash
    expr = r'(?<=:)=(?![<>])(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<word>[^\s()"]+))'

    class ExactNode(syntax.TextNode):
        def __init__(self, text: str) -> None:
            syntax.TextNode.__init__(self, text)

        def r(self) -> str:
            return f"{type(self).__name__} {self.text!r}"

        def query(self, parser) -> wq.Query:
            fieldname = self.fieldname or parser.fieldname
            return attach(ExactName(fieldname, " ".join(self.text.split())), self)

    def create(self, parser, match):
        quoted = match.group("quoted")
        if quoted is None:
            return self.ExactNode(match.group("word"))
        return self.ExactNode(unescape(quoted))
