"""Snippets and matching quotes for Manticore hits, as the Whoosh engine makes them.

The Whoosh highlighter expands wildcards against the index's word list; here there is no
local word list, so a wildcard is expanded against the words of the hit itself (its body
and quotes), which marks the words that made it match.
"""

from __future__ import annotations

import fnmatch
import re

from whoosh import query as wq

from searchengine.engine.highlight import (
    _STEMMED_FIELDS,
    _UNSTEMMED_FIELDS,
    SNIPPET_CHARS,
    _index_forms,
    _positive_leaves,
    has_needle,
    opening,
)
from searchengine.engine.passages import TOKEN, index_form, marked_passages, prefixes_of
from searchengine.engine.schema import _fold

_FIELDS = _STEMMED_FIELDS | _UNSTEMMED_FIELDS


class Highlighter:
    """Builds snippets for the hits of one parsed query, without an index reader."""

    def __init__(self, q: wq.Query) -> None:
        self._needles: list[tuple[str, ...]] = []
        self._patterns: list[re.Pattern] = []
        for leaf in _positive_leaves(q):
            fieldname = getattr(leaf, "fieldname", None)
            if fieldname not in _FIELDS:
                continue
            if isinstance(leaf, (wq.Prefix, wq.Wildcard)):
                pattern = leaf.text + "*" if isinstance(leaf, wq.Prefix) else leaf.text
                self._patterns.append(re.compile(fnmatch.translate(pattern.lower())))
            elif isinstance(leaf, wq.Phrase):
                self._needles.append(
                    tuple(w for word in leaf.words for w in _stem(word, fieldname))
                )
            elif isinstance(leaf, wq.Term):
                text = leaf.text.decode() if isinstance(leaf.text, bytes) else str(leaf.text)
                self._needles.extend((w,) for w in _stem(text, fieldname))
        self._needles = [n for n in self._needles if n and (len(n) > 1 or len(n[0]) > 1)]
        self._terms = frozenset(w for n in self._needles for w in n if len(w) > 1)

    def _expanded(self, text: str) -> set[str]:
        """Index forms of the words of ``text`` that a wildcard of the query matches."""
        if not self._patterns:
            return set()
        return {
            index_form(word)
            for word in {_fold(m.group()) for m in TOKEN.finditer(text)}
            if any(p.match(word) for p in self._patterns)
        }

    def snippet(self, body: str) -> str:
        terms = frozenset(t for t in self._terms | self._expanded(body) if len(t) > 1)
        marked = marked_passages(body, terms, prefixes_of(terms), SNIPPET_CHARS)
        return marked or opening(body)

    def matches(self, text: str) -> bool:
        """Whether ``text`` contains a word or a whole phrase of the query."""
        return has_needle(text, self._needles) or bool(self._expanded(text))


def _stem(word: str, fieldname: str) -> list[str]:
    return [word] if fieldname in _STEMMED_FIELDS else _index_forms(word)
