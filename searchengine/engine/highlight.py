"""Snippets: the best passages of an article's body with the query's words marked.

Terms from every text field of the query (plain words, phrases, entity and speaker names,
wildcard expansions) are brought to the body's stemmed form, so ``person:Modi`` or
``election*`` highlight the words they matched in the text.
"""

from __future__ import annotations

import html

from whoosh import query as wq

from searchengine.engine.passages import TOKEN, index_form, marked_passages, prefixes_of
from searchengine.engine.schema import EXACT_TWINS

# Fields whose terms are worth highlighting in the body, and whether they are stemmed there.
_STEMMED_FIELDS = {"title", "body", "quote"}
_UNSTEMMED_FIELDS = {*EXACT_TWINS.values(), "person", "org", "place", "other", "speaker"}

SNIPPET_CHARS = 220


class Highlighter:
    """Builds snippets for the hits of one query."""

    def __init__(self, searcher, q: wq.Query) -> None:
        self.terms = _body_terms(searcher, q)
        self._needles = _needles(searcher, q)
        self._prefixes = prefixes_of(self.terms)

    def snippet(self, body: str) -> str:
        """The best passages with matches marked, or the article's opening when the body
        holds no query word (say, a query on a field only)."""
        marked = marked_passages(body, self.terms, self._prefixes, SNIPPET_CHARS)
        return marked or opening(body)

    def matches(self, text: str) -> bool:
        """Whether ``text`` contains a word or a whole phrase of the query (picks the quotes
        shown with a hit): ``quote:"diplomatic norms"`` needs both words, in order."""
        return has_needle(text, self._needles)


def has_needle(text: str, needles: list[tuple[str, ...]]) -> bool:
    """Whether ``text`` holds one of ``needles`` (index forms): a word, or a phrase's words
    in order."""
    tokens = [index_form(m.group()) for m in TOKEN.finditer(text)]
    present = set(tokens)
    return any(needle[0] in present if len(needle) == 1 else _contains_run(tokens, needle)
               for needle in needles)  # fmt: skip


def opening(body: str, chars: int = SNIPPET_CHARS) -> str:
    """The article's first ``chars`` characters, cut on a word boundary and escaped."""
    text = " ".join(body.split())
    if len(text) > chars:
        text = text[:chars].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


def _body_terms(searcher, q: wq.Query) -> frozenset[str]:
    terms: set[str] = set()
    reader = searcher.reader()
    pairs = [pair for leaf in _positive_leaves(q) for pair in leaf.expanded_terms(reader)]
    for fieldname, value in pairs:
        word = value.decode("utf-8") if isinstance(value, bytes) else str(value)
        if fieldname in _STEMMED_FIELDS:
            terms.add(word)
        elif fieldname in _UNSTEMMED_FIELDS:
            terms.update(_index_forms(word))
    return frozenset(t for t in terms if len(t) > 1)  # "e" of Lashkar-e-Tayyiba marks noise


def _needles(searcher, q: wq.Query) -> list[tuple[str, ...]]:
    """Each positive leaf as the stemmed word sequence a text must contain to match it."""
    reader = searcher.reader()
    needles: list[tuple[str, ...]] = []
    for leaf in _positive_leaves(q):
        fieldname = getattr(leaf, "fieldname", None)
        if fieldname not in _STEMMED_FIELDS and fieldname not in _UNSTEMMED_FIELDS:
            continue
        if isinstance(leaf, wq.Phrase):
            words = [w for word in leaf.words for w in _stems(word, fieldname)]
            needles.append(tuple(words))
            continue
        for _field, value in leaf.expanded_terms(reader):
            word = value.decode("utf-8") if isinstance(value, bytes) else str(value)
            needles.extend((w,) for w in _stems(word, fieldname))
    return [n for n in needles if n and (len(n) > 1 or len(n[0]) > 1)]


def _stems(word: str, fieldname: str) -> list[str]:
    if fieldname in _STEMMED_FIELDS:
        return [word]
    return _index_forms(word)


def _index_forms(text: str) -> list[str]:
    """``text`` as the stemmed fields index it, token by token."""
    return [index_form(m.group()) for m in TOKEN.finditer(text)]


def _contains_run(tokens: list[str], run: tuple[str, ...]) -> bool:
    first, size = run[0], len(run)
    return any(tokens[i : i + size] == list(run) for i, tok in enumerate(tokens) if tok == first)


def _positive_leaves(q: wq.Query):
    """The query's leaves outside any NOT: words the hits are known to contain."""
    if isinstance(q, wq.Not):
        return
    if q.is_leaf():
        yield q
        return
    for child in q.children():
        yield from _positive_leaves(child)
