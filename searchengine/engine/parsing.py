"""Turn a checked query string into a Whoosh query.

Plain words search title and body (title weighted higher). Wildcards, prefixes and fuzzy
terms go to the unstemmed twins of their fields, and ``entity:`` stands for any entity type.
"""

from __future__ import annotations

from whoosh import qparser
from whoosh import query as wq
from whoosh.qparser import AndGroup, FuzzyTermPlugin, GtLtPlugin, MultifieldPlugin

from searchengine.engine.schema import EXACT_TWINS, FIELD_ALIASES
from searchengine.query.syntax import QuerySyntaxError, check_query

DEFAULT_FIELDS = ("title", "body")
FIELD_BOOSTS = {"title": 2.0, "body": 1.0}

_LOOSE = (wq.Wildcard, wq.Prefix, wq.FuzzyTerm, wq.Regex)


class _TwinAwareParser(qparser.QueryParser):
    """Sends wildcard, prefix and fuzzy terms to unstemmed twins before any analysis,
    so ``elections*`` is not first stemmed to ``elect*``."""

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        if fieldname in EXACT_TWINS and issubclass(termclass, _LOOSE):
            fieldname = EXACT_TWINS[fieldname]
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


class QueryParser:
    """Parses the query language against one schema."""

    def __init__(self, schema) -> None:
        self._parser = _TwinAwareParser(None, schema, group=AndGroup)
        self._parser.add_plugin(MultifieldPlugin(list(DEFAULT_FIELDS), fieldboosts=FIELD_BOOSTS))
        self._parser.add_plugin(GtLtPlugin())
        self._parser.add_plugin(FuzzyTermPlugin())

    def parse(self, text: str) -> wq.Query:
        """Check ``text`` and return its Whoosh query; raises QuerySyntaxError."""
        check_query(text)
        try:
            parsed = self._parser.parse(text)
        except Exception as exc:  # whoosh raises bare exceptions from field parsers
            raise QuerySyntaxError(
                str(exc).splitlines()[0] if str(exc) else "cannot parse"
            ) from None
        _raise_errors(parsed)
        return _rewrite(parsed)


def _raise_errors(q: wq.Query) -> None:
    error = getattr(q, "error", None)
    if error:
        raise QuerySyntaxError(str(error))
    for child in q.children():
        _raise_errors(child)


def _rewrite(q: wq.Query) -> wq.Query:
    fieldname = getattr(q, "fieldname", None)
    if fieldname in FIELD_ALIASES:
        return wq.Or([_rewrite(_with_field(q, name)) for name in FIELD_ALIASES[fieldname]])
    if q.is_leaf():
        return q
    return q.apply(_rewrite)


def _with_field(q: wq.Query, fieldname: str) -> wq.Query:
    copy = q.copy()
    copy.fieldname = fieldname
    return copy
