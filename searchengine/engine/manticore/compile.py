"""Our query language compiled to SphinxQL: a ``MATCH`` text and an attribute expression.

The query is parsed exactly as the Whoosh engine parses it (``engine.parsing``), so field
aliases, stemming, folding and date bounds agree; the parsed tree is then written out in
Sphinx's extended syntax. Words, phrases, proximity, prefixes and wildcards become field-
limited ``MATCH`` terms; dates become a boolean expression over the ``published``
timestamp and exact names (``person:="Joe Biden"``) one over a facet's ids, ANDed with the
match. What SphinxQL cannot say is refused with
``UnsupportedQuery`` (a ``QuerySyntaxError``, so every caller already reports it):

- fuzzy terms (``Tahawur~``): Sphinx has no edit-distance matching;
- a date under OR together with words (``date:2020 OR election``): the match and the
  attribute filter can only be ANDed;
- wildcards whose text before the first ``*``/``?`` is one letter (``e?ection``):
  Sphinx's infix dictionary needs two (``min_infix_len = 2``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from whoosh import query as wq
from whoosh.util.times import long_to_datetime

from searchengine.engine.bm25f import FieldsTerm
from searchengine.engine.exact import ExactName
from searchengine.engine.manticore.errors import UnsupportedQuery
from searchengine.engine.manticore.schema import (
    EVERY_FIELD,
    EVERY_TOKEN,
    FACET_ATTRS,
    TEXT_FIELDS,
    timestamp,
    value_id,
)

_SPECIAL = re.compile(r'([\\()|\-!@~"&/^$=<>*?%\[\]{}:])')
_WILD_SPECIAL = re.compile(r'([\\()|\-!@~"&/^$=<>%\[\]{}:])')  # keeps * and ?
_EVERY = f"(@{EVERY_FIELD} {EVERY_TOKEN})"


@dataclass(frozen=True)
class Compiled:
    """``match``: extended-syntax text or None (no words: every article); ``where``: an
    expression over attributes that must be 1, or None; ``nothing``: matches no article."""

    match: str | None = None
    where: str | None = None
    nothing: bool = False


@dataclass(frozen=True)
class _Part:
    kind: str  # text, attr, all, none
    text: str = ""
    negative: bool = False  # a text part that only excludes (-x)


_ALL, _NONE = _Part("all"), _Part("none")


def compile_query(q: wq.Query) -> Compiled:
    """SphinxQL parts for a parsed query (raises UnsupportedQuery)."""
    part = _compile(q)
    if part.kind == "none":
        return Compiled(nothing=True)
    if part.kind == "all":
        return Compiled()
    if part.kind == "attr":
        return Compiled(where=part.text)
    if part.kind == "text":
        return Compiled(match=_positive(part).text)
    match, where = part.text.split("\0")
    return Compiled(match=match, where=where)


def _compile(q: wq.Query) -> _Part:
    if isinstance(q, type(wq.NullQuery)):
        return _NONE
    if isinstance(q, wq.And):
        return _and([_compile(c) for c in q.subqueries])
    if isinstance(q, wq.AndNot):
        return _and([_compile(q.a), _not(_compile(q.b))])
    if isinstance(q, (wq.Or, FieldsTerm)):  # a word in title or body matches either
        return _or([_compile(c) for c in q.subqueries])
    if isinstance(q, wq.Not):
        return _not(_compile(q.query))
    if isinstance(q, wq.Every):
        if q.fieldname not in (None, "title", "body", "title_exact", "body_exact"):
            raise UnsupportedQuery(f"{q.fieldname}:* is not supported by the manticore engine")
        return _ALL
    if isinstance(q, wq.NumericRange):
        return _date_range(q)
    if isinstance(q, ExactName):  # the facet's MVA holds the value's id
        return _Part("attr", f"IN({FACET_ATTRS[q.fieldname]}, {value_id(q.value)})")
    if isinstance(q, wq.FuzzyTerm):
        raise UnsupportedQuery(
            f"fuzzy terms ({q.text}~) are not supported by the manticore engine; "
            f"use a wildcard such as {q.text[: max(2, len(q.text) - 2)]}*"
        )
    if isinstance(q, (wq.Prefix, wq.Wildcard)):
        pattern = q.text + "*" if isinstance(q, wq.Prefix) else q.text
        return _Part("text", f"(@{_field(q)} {_wildcard(pattern)})")
    if isinstance(q, wq.Phrase):
        words = " ".join(_escape(w) for w in q.words)
        slop = f"~{q.slop}" if q.slop > 1 else ""
        return _Part("text", f'(@{_field(q)} "{words}"{slop})')
    if isinstance(q, wq.Term):
        return _Part("text", f"(@{_field(q)} {_escape(_word(q.text))})")
    raise UnsupportedQuery(f"{type(q).__name__} queries are not supported by the manticore engine")


def _and(parts: list[_Part]) -> _Part:
    if any(p.kind == "none" for p in parts):
        return _NONE
    parts = [p for p in parts if p.kind != "all"]
    if not parts:
        return _ALL
    texts, attrs = [], []
    for p in parts:
        if p.kind == "mixed":
            text, attr = p.text.split("\0")
            texts.append(_Part("text", text))
            attrs.append(attr)
        elif p.kind == "text":
            texts.append(p)
        else:
            attrs.append(p.text)
    attr = " AND ".join(f"({a})" for a in attrs) if attrs else ""
    if not texts:
        return _Part("attr", attr)
    negative = all(t.negative for t in texts)
    text = " ".join(t.text for t in texts)
    if len(texts) > 1 and not negative:
        text = f"({text})"
    if not attrs:
        return _Part("text", text, negative)
    return _Part("mixed", _positive(_Part("text", text, negative)).text + "\0" + attr)


def _or(parts: list[_Part]) -> _Part:
    parts = [p for p in parts if p.kind != "none"]
    if not parts:
        return _NONE
    if any(p.kind == "all" for p in parts):
        return _ALL
    if all(p.kind == "attr" for p in parts):
        return _Part("attr", " OR ".join(f"({p.text})" for p in parts))
    if all(p.kind == "text" for p in parts):
        if len(parts) == 1:
            return parts[0]
        return _Part("text", "(" + " | ".join(_positive(p).text for p in parts) + ")")
    raise UnsupportedQuery(
        "the manticore engine cannot combine date: with words under OR; "
        "AND the date (or give it with --filter)"
    )


def _not(part: _Part) -> _Part:
    if part.kind == "none":
        return _ALL
    if part.kind == "all":
        return _NONE
    if part.kind == "attr":
        return _Part("attr", f"NOT ({part.text})")
    if part.kind == "text":
        return _Part("text", f"-{_positive(part).text}", negative=True)
    raise UnsupportedQuery("the manticore engine cannot negate words and a date together")


def _positive(part: _Part) -> _Part:
    """A text part that can stand alone: ``-x`` becomes ``(every -x)``."""
    if not part.negative:
        return part
    return _Part("text", f"({_EVERY} {part.text})")


def _field(q: wq.Query) -> str:
    if q.fieldname not in TEXT_FIELDS:
        raise UnsupportedQuery(f"the manticore engine has no field {q.fieldname!r}")
    return q.fieldname


def _word(text) -> str:
    return text.decode("utf-8") if isinstance(text, bytes) else str(text)


def _escape(word: str) -> str:
    return _SPECIAL.sub(r"\\\1", word)


def _wildcard(pattern: str) -> str:
    pattern = pattern.lower()
    literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
    if len(literal) == 1:
        raise UnsupportedQuery(
            f"the manticore engine needs two letters (or none) before the first * or ? "
            f"of {pattern!r}"
        )
    if not re.sub(r"[*?]", "", pattern):
        raise UnsupportedQuery(f"{pattern!r} has no letters")
    return _WILD_SPECIAL.sub(r"\\\1", pattern)


def _date_range(q: wq.NumericRange) -> _Part:
    if q.fieldname != "date":
        raise UnsupportedQuery(f"ranges on {q.fieldname!r} are not supported")
    bounds = ["pub_day > 0"]  # an undated article is in no date range, as with Whoosh
    if q.start is not None:
        start = long_to_datetime(q.start) + (_US if q.startexcl else _NO_TIME)
        bounds.append(f"published >= {_ceil_seconds(start)}")
    if q.end is not None:
        end = long_to_datetime(q.end) - (_US if q.endexcl else _NO_TIME)
        bounds.append(f"published <= {timestamp(end)}")
    return _Part("attr", " AND ".join(bounds))


_US, _NO_TIME = timedelta(microseconds=1), timedelta(0)


def _ceil_seconds(at) -> int:
    """The first whole second at or after ``at`` (timestamps are whole seconds)."""
    return timestamp(at) + (1 if at.microsecond else 0)
