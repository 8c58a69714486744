"""The Whoosh schema: every indexed field, its analyzer and its facet column, in one place.

Plain words search ``title`` and ``body`` (stemmed, BM25F). Wildcards, prefixes and fuzzy
terms are answered from unstemmed twins (``*_exact``) so that ``election*`` matches the
words as written in the article, whatever stemming did to them. Facets read per-document
value lists from columns (``facet_*``), which makes counting over all matches one column
lookup per matching document.
"""

from __future__ import annotations

from collections import Counter
from pickle import dumps

from whoosh import columns, fields, formats
from whoosh.analysis import (
    CharsetFilter,
    CompositeAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    Token,
)
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint
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


_WORD = r"\w+(?:\.?\w+)*"  # RegexTokenizer's default expression, without its group


class PlainAnalyzer(CompositeAnalyzer):
    """The folding tokenizer alone; ``index_words`` gives the indexed words as a list."""

    def __init__(self) -> None:
        super().__init__(FoldingTokenizer())
        self.__setstate__(self.__dict__)

    def __setstate__(self, state) -> None:
        self.__dict__.update(state)
        import re

        self._findall = re.compile(_WORD, re.UNICODE).findall
        self._last: tuple = (None, [])

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_findall", "_last")}

    def index_words(self, value: str) -> list[str]:
        """The folded words of ``value`` in order, as the analyzer's tokens would give them
        (the last value is remembered: a field and its unstemmed twin share one pass)."""
        last = self._last
        if last[0] is value:
            return last[1]
        words = [_fold(w) for w in self._findall(value)]
        self._last = (value, words)
        return words


class StemAnalyzer(CompositeAnalyzer):
    """Folding tokenizer and Porter stemmer; ``index_words`` as for PlainAnalyzer, with a
    plain dict as the stem cache (Whoosh's LFU cache wrapper cost as much as stemming)."""

    def __init__(self, plain: PlainAnalyzer) -> None:
        super().__init__(FoldingTokenizer(), StemFilter(cachesize=100_000))
        self.plain = plain
        self.__setstate__(self.__dict__)

    def __setstate__(self, state) -> None:
        self.__dict__.update(state)
        self._stems: dict[str, str] = {}

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_stems"}

    def index_words(self, value: str) -> list[str]:
        stems = self._stems
        if len(stems) > 200_000:
            stems.clear()
        out = []
        for word in self.plain.index_words(value):
            stemmed = stems.get(word)
            if stemmed is None:
                stemmed = stems[word] = porter_stem(word)
            out.append(stemmed)
        return out


class IndexedText(fields.TEXT):
    """TEXT whose postings for one string come from the analyzer's ``index_words`` list
    instead of a chain of token generators: the same (word, frequency, weight, value)
    tuples as Whoosh's ``Positions``/``Frequency`` formats make, in a third of the time."""

    def index(self, value, **kwargs):
        words_of = getattr(self.analyzer, "index_words", None)
        fmt = self.format
        if words_of is None or not isinstance(value, str) or set(kwargs) - {"mode"}:
            yield from super().index(value, **kwargs)
            return
        fb = fmt.field_boost
        words = words_of(value)
        if type(fmt) is formats.Positions:
            positions: dict[str, list[int]] = {}
            for pos, word in enumerate(words):
                at = positions.get(word)
                if at is None:
                    positions[word] = [pos]
                else:
                    at.append(pos)
            for word, at in positions.items():
                deltas = [at[0]] + [b - a for a, b in zip(at, at[1:], strict=False)]
                n = len(at)
                yield word.encode("utf-8"), n, float(n) * fb, pack_uint(n) + dumps(deltas, 2)
        elif type(fmt) is formats.Frequency:
            for word, n in Counter(words).items():
                yield word.encode("utf-8"), n, float(n) * fb, pack_uint(n)
        else:
            yield from super().index(value, **kwargs)


def _plain_analyzer():
    return PlainAnalyzer()


def _stem_analyzer(plain: PlainAnalyzer | None = None):
    return StemAnalyzer(plain or PlainAnalyzer())


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
    plain = _plain_analyzer()
    stem = _stem_analyzer(plain)  # one word pass for a field and its unstemmed twin
    spec: dict[str, fields.FieldType] = {
        "key": fields.ID(unique=True, stored=True),
        "id": fields.ID(stored=True),
        "path": fields.ID(stored=True),
        "title": IndexedText(analyzer=stem, stored=True),
        "body": IndexedText(analyzer=stem, stored=True),
        "title_exact": IndexedText(analyzer=plain, phrase=False),
        "body_exact": IndexedText(analyzer=plain, phrase=False),
        "quote": IndexedText(analyzer=stem),
        "quote_exact": IndexedText(analyzer=plain, phrase=False),
        "speaker": IndexedText(analyzer=plain),
        "source": IndexedText(analyzer=plain, stored=True),
        "url": IndexedText(analyzer=plain, stored=True),
        "author": IndexedText(analyzer=plain),
        # Missing dates read 0 from the column, so they sort last when newest come first.
        "date": DateField(stored=True, sortable=columns.NumericColumn("Q", default=0)),
        "entity": IndexedText(analyzer=plain),  # query alias only; never written
        "authors": fields.STORED(),
        "entities": fields.STORED(),
        "quotes": fields.STORED(),
    }
    for etype in ENTITY_TYPES:
        spec[etype] = IndexedText(analyzer=plain)
    for facet in FACET_FIELDS:
        spec["facet_" + facet] = fields.COLUMN(columns.VarBytesColumn())
    return fields.Schema(**spec)
