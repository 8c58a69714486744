"""The Whoosh schema: every indexed field, its analyzer and its facet column, in one place.

Plain words search ``title`` and ``body`` (stemmed, BM25F). Wildcards, prefixes and fuzzy
terms are answered from unstemmed twins (``*_exact``) so that ``election*`` matches the
words as written in the article, whatever stemming did to them. Facets read per-document
value lists from columns (``facet_*``), which makes counting over all matches one column
lookup per matching document.
"""

from __future__ import annotations

from whoosh import columns, fields
from whoosh.analysis import (
    CharsetFilter,
    CompositeAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    Token,
)
from whoosh.support.charset import accent_map
from whoosh.util.times import adatetime, fix, is_void

from searchengine.articles import ENTITY_TYPES

SCHEMA_VERSION = 1

# Facets the engine can count, and the column each one reads.
FACET_FIELDS = ("person", "org", "place", "other", "speaker", "source")
FACET_SEPARATOR = "\x1f"

# Text fields with an unstemmed twin used for wildcard, prefix and fuzzy terms.
EXACT_TWINS = {"title": "title_exact", "body": "body_exact", "quote": "quote_exact"}

# Query fields that stand for several indexed fields.
FIELD_ALIASES = {"entity": ENTITY_TYPES}


class FoldingTokenizer(RegexTokenizer):
    """``RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)`` in one pass:
    the same tokens, with one generator instead of three and no accent folding for ASCII
    tokens (the accent map leaves lowercase ASCII as it is). Analysis was most of the
    writer's time."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):  # fmt: skip
        if not tokenize or self.gaps:
            for t in super().__call__(value, positions, chars, keeporiginal, removestops,
                                      start_pos, start_char, tokenize, mode, **kwargs):  # fmt: skip
                t.text = _fold(t.text)
                yield t
            return
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, match in enumerate(self.expression.finditer(value)):
            text = match.group(0).lower()
            t.text = text if text.isascii() else text.translate(accent_map)
            t.boost = 1.0
            if keeporiginal:
                t.original = match.group(0)
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t


def _fold(text: str) -> str:
    text = text.lower()
    return text if text.isascii() else text.translate(accent_map)


def reference_plain_analyzer():
    """The plain analyzer as a chain of Whoosh's own parts (indexes made before v2 use it)."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def _plain_analyzer():
    return CompositeAnalyzer(FoldingTokenizer())


def _stem_analyzer():
    return FoldingTokenizer() | StemFilter(cachesize=100_000)


class DateField(fields.DATETIME):
    """DATETIME whose query forms honour exclusive bounds (``date:>2024-06`` starts in July)."""

    def _parse_datestring(self, qstring):  # noqa: D401 - whoosh hook
        text = qstring.strip()
        digits = text.replace("-", "").replace("/", "").replace(".", "")
        if not digits.isdigit() or len(digits) not in (4, 6, 8):
            raise ValueError(f"{qstring!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = int(digits[:4]), None, None
        if len(digits) >= 6:
            month = int(digits[4:6])
        if len(digits) == 8:
            day = int(digits[6:8])
        try:
            at = fix(adatetime(year, month, day))
        except ValueError as exc:
            raise ValueError(f"{qstring!r} is not a valid date: {exc}") from None
        if is_void(at):
            raise ValueError(f"{qstring!r} is not a date")
        return at

    def parse_range(self, fieldname, start, end, startexcl, endexcl, boost=1.0):
        from datetime import timedelta

        from whoosh import query
        from whoosh.util.times import datetime_to_long

        if start is None and end is None:
            return query.Every(fieldname, boost=boost)
        lo = hi = None
        if start is not None:
            at = self._parse_datestring(start)
            lo = at.ceil() + timedelta(microseconds=1) if startexcl else at.floor()
            lo = datetime_to_long(lo)
        if end is not None:
            at = self._parse_datestring(end)
            hi = at.floor() - timedelta(microseconds=1) if endexcl else at.ceil()
            hi = datetime_to_long(hi)
        return query.NumericRange(fieldname, lo, hi, boost=boost)


def build_schema() -> fields.Schema:
    """Return a fresh schema object (Whoosh schemas must not be shared between indexes)."""
    plain, stem = _plain_analyzer(), _stem_analyzer()
    spec: dict[str, fields.FieldType] = {
        "key": fields.ID(unique=True, stored=True),
        "id": fields.ID(stored=True),
        "path": fields.ID(stored=True),
        "title": fields.TEXT(analyzer=stem, stored=True),
        "body": fields.TEXT(analyzer=stem, stored=True),
        "title_exact": fields.TEXT(analyzer=plain, phrase=False),
        "body_exact": fields.TEXT(analyzer=plain, phrase=False),
        "quote": fields.TEXT(analyzer=stem),
        "quote_exact": fields.TEXT(analyzer=plain, phrase=False),
        "speaker": fields.TEXT(analyzer=plain),
        "source": fields.TEXT(analyzer=plain, stored=True),
        "url": fields.TEXT(analyzer=plain, stored=True),
        "author": fields.TEXT(analyzer=plain),
        # Missing dates read 0 from the column, so they sort last when newest come first.
        "date": DateField(stored=True, sortable=columns.NumericColumn("Q", default=0)),
        "entity": fields.TEXT(analyzer=plain),  # query alias only; never written
        "authors": fields.STORED(),
        "entities": fields.STORED(),
        "quotes": fields.STORED(),
    }
    for etype in ENTITY_TYPES:
        spec[etype] = fields.TEXT(analyzer=plain)
    for facet in FACET_FIELDS:
        spec["facet_" + facet] = fields.COLUMN(columns.VarBytesColumn())
    return fields.Schema(**spec)
