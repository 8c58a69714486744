"""Turn a checked query string into a Whoosh query.

Plain words search title and body, each as one BM25F term (title weighted higher), weighed
as often as the query writes them.
Wildcards, prefixes and fuzzy terms go to the unstemmed twins of their fields,
``entity:`` stands for any entity type and ``person:="Joe Biden"`` is an exact name.
"""

from __future__ import annotations

from itertools import islice

from whoosh import qparser
from whoosh import query as wq
from whoosh.qparser import AndGroup, FuzzyTermPlugin, GtLtPlugin, MultifieldPlugin

from searchengine.engine.bm25f import group_fields, plain_word_counts, weigh_repeated_words
from searchengine.engine.exact import ExactName, ExactPlugin
from searchengine.engine.schema import EXACT_TWINS, FIELD_ALIASES
from searchengine.query.syntax import QuerySyntaxError, check_query, minus_as_not

DEFAULT_FIELDS = ("title", "body")
FIELD_BOOSTS = {"title": 2.0, "body": 1.0}

_LOOSE = (wq.Wildcard, wq.Prefix, wq.FuzzyTerm, wq.Regex)
MAX_QUERY_CHARS = 2000  # longer queries are refused (Whoosh's parser is recursive)
MAX_EXPANSION = 1000  # words one wildcard, prefix or fuzzy term may stand for
_EVERY_ARTICLE = {"title", "body", "title_exact", "body_exact"}  # `*` there: every article


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
        self._parser.add_plugin(ExactPlugin())

    def parse(self, text: str) -> wq.Query:
        """Check ``text`` and return its Whoosh query; raises QuerySyntaxError."""
        if len(text) > MAX_QUERY_CHARS:
            raise QuerySyntaxError(
                f"the query is too long ({len(text):,} characters; at most {MAX_QUERY_CHARS:,})"
            )
        check_query(text)
        try:
            raw = self._parser.parse(minus_as_not(text), normalize=False)
            parsed = raw.normalize()  # what Whoosh's parse() ends with; it drops repeats
        except Exception as exc:  # whoosh raises bare exceptions from field parsers
            raise QuerySyntaxError(
                str(exc).splitlines()[0] if str(exc) else "cannot parse"
            ) from None
        _raise_errors(parsed)
        return weigh_repeated_words(_rewrite(parsed), plain_word_counts(raw, FIELD_BOOSTS))


def _raise_errors(q: wq.Query) -> None:
    error = getattr(q, "error", None)
    if error:
        raise QuerySyntaxError(str(error))
    for child in q.children():
        _raise_errors(child)


def check_expansions(q: wq.Query, reader) -> None:
    """Raise QuerySyntaxError when a wildcard, prefix or fuzzy term of ``q`` stands for more
    than MAX_EXPANSION words in the index (``a*``): such a query would run as thousands of
    terms. Counting stops at the first word over the bound."""
    for leaf in q.leaves():
        if isinstance(leaf, _LOOSE) and leaf.fieldname in reader.schema:
            words = sum(1 for _ in islice(leaf._btexts(reader), MAX_EXPANSION + 1))
            if words > MAX_EXPANSION:
                raise QuerySyntaxError(
                    f"too many words match '{_as_written(leaf)}' (more than {MAX_EXPANSION:,});"
                    " make it more specific"
                )


def _as_written(q: wq.Query) -> str:
    if isinstance(q, wq.Prefix):
        return q.text + "*"
    if isinstance(q, wq.FuzzyTerm):
        return f"{q.text}~{q.maxdist}"
    return q.text


def _rewrite(q: wq.Query) -> wq.Query:
    fieldname = getattr(q, "fieldname", None)
    if isinstance(q, wq.Every) and fieldname in _EVERY_ARTICLE:
        # `*` alone: every article has a body, so match all documents directly instead of
        # reading the postings of every word of the field.
        return wq.Every(boost=q.boost)
    if fieldname in FIELD_ALIASES and not isinstance(q, ExactName):  # entity:= has a column
        return wq.Or([_rewrite(_with_field(q, name)) for name in FIELD_ALIASES[fieldname]])
    if q.is_leaf():
        return q
    q = q.apply(_rewrite)
    if type(q) is wq.Or and not q.minmatch and not q.scale:  # a plain word: one BM25F term
        return group_fields(q, FIELD_BOOSTS)
    return q


def _with_field(q: wq.Query, fieldname: str) -> wq.Query:
    copy = q.copy()
    copy.fieldname = fieldname
    return copy
