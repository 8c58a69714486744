"""Check a query against the query language before any engine sees it.

Whoosh's parser accepts anything and quietly guesses; our users get told instead. The
check reports the first problem with its 1-based column: an unclosed quote or range,
unbalanced parentheses, an unknown field, a dangling operator or an invalid date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUERY_FIELDS = (
    "title",
    "body",
    "person",
    "org",
    "place",
    "other",
    "entity",
    "quote",
    "speaker",
    "source",
    "url",
    "author",
    "date",
)
OPERATORS = ("AND", "OR", "NOT")

_DATE_VALUE = re.compile(r"^\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?$")
_FIELD = re.compile(r"([A-Za-z_]+):(?!//)")
_WORD = re.compile(r"[^\s()\"\[\]{}]+")
_EXACT = re.compile(
    r'=(?![<>])(?:(?P<open>")(?:(?P<quoted>(?:[^"\\]|\\.)*)")?|(?P<word>[^\s()"]+))?'
)
# fields whose values a facet lists: ``field:="value"`` matches that value exactly
EXACT_FIELDS = ("person", "org", "place", "other", "entity", "speaker", "source")


class QuerySyntaxError(ValueError):
    """A malformed query: ``str(err)`` is one line saying what is wrong and where."""

    def __init__(self, message: str, column: int | None = None) -> None:
        self.message = message
        self.column = column
        where = f" (at column {column})" if column is not None else ""
        super().__init__(message + where)


@dataclass
class _Token:
    kind: str  # word, phrase, range, open, close, op, field
    text: str
    column: int


def check_query(text: str) -> None:
    """Raise QuerySyntaxError when ``text`` is not a valid query."""
    if not text.strip():
        raise QuerySyntaxError("the query is empty")
    _check_sequence(_tokenize(text))


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        col = i + 1
        if ch.isspace():
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QuerySyntaxError('unclosed quote "', col)
            j = end + 1
            proximity = re.match(r"~(\S*)", text[j:])
            if proximity:
                if not proximity.group(1).isdigit():
                    raise QuerySyntaxError(
                        f'proximity after a phrase needs a number, as in "a b"~3, '
                        f"not ~{proximity.group(1)}",
                        j + 1,
                    )
                j += proximity.end()
            if not text[i + 1 : end].strip():
                raise QuerySyntaxError("empty phrase", col)
            tokens.append(_Token("phrase", text[i:j], col))
            i = j
        elif ch in "[{":
            close = re.search(r"[\]}]", text[i + 1 :])
            if not close:
                raise QuerySyntaxError(f"unclosed range {ch}", col)
            j = i + 1 + close.end()
            inner = text[i + 1 : j - 1]
            if not re.search(r"\sTO\s|^TO\s|\sTO$", inner):
                raise QuerySyntaxError("a range needs TO, as in [2025-01 TO 2025-03]", col)
            tokens.append(_Token("range", text[i:j], col))
            i = j
        elif ch in "]}":
            raise QuerySyntaxError(f"{ch} closes a range that was never opened", col)
        elif ch == "-" and _starts_term(text, i):
            tokens.append(_Token("op", "-", col))  # -word excludes, as NOT word
            i += 1
        elif ch == "(":
            tokens.append(_Token("open", ch, col))
            i += 1
        elif ch == ")":
            tokens.append(_Token("close", ch, col))
            i += 1
        else:
            field = _FIELD.match(text, i)
            if field:
                tokens.append(_Token("field", field.group(1), col))
                i = field.end()
                exact = _EXACT.match(text, i)
                if exact:  # person:="Joe Biden": the name exactly, as a facet lists it
                    if exact.group("open") and exact.group("quoted") is None:
                        raise QuerySyntaxError('unclosed quote "', i + 2)
                    if not (exact.group("quoted") or exact.group("word") or "").strip():
                        raise QuerySyntaxError(
                            f'"{field.group(1)}:=" needs a name, as in person:="Joe Biden"',
                            col,
                        )
                    tokens.append(_Token("exact", exact.group(0), i + 1))
                    i = exact.end()
                continue
            word = _WORD.match(text, i)
            assert word is not None
            kind = "op" if word.group() in OPERATORS else "word"
            tokens.append(_Token(kind, word.group(), col))
            i = word.end()
    return tokens


def _starts_term(text: str, i: int) -> bool:
    """A minus at ``i`` begins a term (``oil -prices``), not a hyphen (``counter-terrorism``)."""
    before_ok = i == 0 or text[i - 1].isspace() or text[i - 1] == "("
    return before_ok and i + 1 < len(text) and text[i + 1] not in " \t\r\n-)"


def minus_as_not(text: str) -> str:
    """``text`` with each excluding minus written as NOT, for Whoosh's parser."""
    out, last = [], 0
    for tok in _tokenize(text):
        if tok.kind == "op" and tok.text == "-":
            out.append(text[last : tok.column - 1] + "NOT ")
            last = tok.column
    return "".join(out) + text[last:]


def _check_sequence(tokens: list[_Token]) -> None:
    depth_stack: list[_Token] = []
    previous: _Token | None = None
    for pos, tok in enumerate(tokens):
        following = tokens[pos + 1] if pos + 1 < len(tokens) else None
        if tok.kind == "field":
            _check_field(tok, following)
        elif tok.kind == "open":
            depth_stack.append(tok)
        elif tok.kind == "close":
            if not depth_stack:
                raise QuerySyntaxError(") has no matching (", tok.column)
            if previous is not None and previous.kind == "open":
                raise QuerySyntaxError("empty parentheses", previous.column)
            depth_stack.pop()
        elif tok.kind == "op":
            _check_operator(tok, previous, following)
        previous = tok
    if depth_stack:
        raise QuerySyntaxError("( is never closed", depth_stack[-1].column)


def _check_field(tok: _Token, following: _Token | None) -> None:
    name = tok.text.lower()
    if name not in QUERY_FIELDS:
        raise QuerySyntaxError(
            f'unknown field "{tok.text}:" (fields are {", ".join(QUERY_FIELDS)})', tok.column
        )
    if (
        following is None
        or following.kind in ("close", "op", "field")
        or (following.column != tok.column + len(tok.text) + 1)
    ):
        raise QuerySyntaxError(f'field "{tok.text}:" has no value', tok.column)
    if following.kind == "exact" and name not in EXACT_FIELDS:
        raise QuerySyntaxError(
            f'"{tok.text}:=" is not a field of names (:= is for {", ".join(EXACT_FIELDS)})',
            tok.column,
        )
    if name == "date":
        _check_date_value(following)


def _check_date_value(tok: _Token) -> None:
    if tok.kind == "range":
        inner = tok.text[1:-1]
        for part in re.split(r"\s+TO\s+|^TO\s+|\s+TO$", inner.strip()):
            part = part.strip()
            if part and not _DATE_VALUE.match(part):
                raise QuerySyntaxError(
                    f'"{part}" is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)', tok.column
                )
        return
    value = re.sub(r"^(<=|>=|=<|=>|<|>)", "", tok.text)
    if tok.kind != "word" or not _DATE_VALUE.match(value):
        raise QuerySyntaxError(
            f'"{tok.text}" is not a date (use YYYY, YYYY-MM, YYYY-MM-DD, >YYYY-MM '
            "or [YYYY-MM-DD TO YYYY-MM-DD])",
            tok.column,
        )
    parts = [int(p) for p in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise QuerySyntaxError(f'"{tok.text}" has no month {parts[1]}', tok.column)
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        raise QuerySyntaxError(f'"{tok.text}" has no day {parts[2]}', tok.column)


def _check_operator(tok: _Token, previous: _Token | None, following: _Token | None) -> None:
    if following is None or following.kind == "close":
        raise QuerySyntaxError(f"{tok.text} needs something after it", tok.column)
    if tok.text in ("AND", "OR"):
        if previous is None or previous.kind in ("open", "op"):
            raise QuerySyntaxError(f"{tok.text} needs something before it", tok.column)
        if following.kind == "op" and following.text not in ("NOT", "-"):
            raise QuerySyntaxError(f"{tok.text} is followed by {following.text}", tok.column)
    elif following.kind == "op":
        raise QuerySyntaxError(f"{tok.text} is followed by {following.text}", tok.column)
