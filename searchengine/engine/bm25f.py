"""BM25F: one query word over several fields (title and body), scored as one term.

Robertson, Zaragoza & Taylor (2004); Robertson & Zaragoza (2009), "The Probabilistic
Relevance Framework: BM25 and Beyond", section 3.5. The word's frequencies in the fields are
weighted and length-normalised field by field, summed, and saturated once:

    tf~   = sum over fields f of  w_f * tf_f / (1 - B + B * length_f / average length_f)
    score = idf * tf~ * (K1 + 1) / (K1 + tf~)

so a headline word that the body repeats does not count twice as a word found once in each
would (which adding two per-field BM25 scores did). With one field of weight 1 this is plain
BM25. The idf is Robertson-Sparck Jones over the documents holding the word in any field,
taken as the largest of the fields' document frequencies (as Lucene's CombinedFieldQuery
does); the headline's words are nearly always in the body too.

:class:`FieldsTerm` is the query node: it matches like an OR of its terms, and Whoosh's
matchers (:class:`BM25FMatcher`) and the fast path of :mod:`.scoring` score it with the same
function, :func:`bm25f`, adding the fields in the same order.

A word a query repeats counts as often as it is written (BM25's query-term frequency with
k3 -> infinity, Robertson & Zaragoza 2009 section 3.1, as rank-bm25 counts it): Whoosh's
parser keeps one of each, so :func:`plain_word_counts` counts them in the parsed query before
Whoosh normalises it and :func:`weigh_repeated_words` multiplies the word's weight by that
count. A long request names what it is about more than once ("palm oil production ..., palm
oil exports"); the matches and their count do not change, only the order.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from whoosh import query as wq
from whoosh.matching import Matcher, NullMatcher
from whoosh.query.compound import CompoundQuery

K1 = 1.2
B = 0.75


def robertson_idf(doc_frequency: int, doc_count: int) -> float:
    """``ln(1 + (N - n + 0.5) / (n + 0.5))``: positive, and near 0 for a word in every doc."""
    return math.log(1 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))


def length_norm(avg_length: float) -> tuple[float, float]:
    """(1 - B, B / average length): a field's length norm is ``a + b * length``."""
    return 1 - B, B / avg_length


def field_tf(weight: float, tf: float, length: float, norm: tuple[float, float]) -> float:
    """One field's share of tf~: ``w_f * tf_f / (1 - B + B * length_f / avg_f)``. The fast
    path of :mod:`.scoring` writes this expression out as it is, for the same floats."""
    return weight * tf / (norm[0] + norm[1] * length)


def bm25f(idf: float, tf: float) -> float:
    """The saturated score of a combined frequency ``tf`` (tf~ above)."""
    return idf * tf * (K1 + 1) / (K1 + tf)


class FieldsTerm(CompoundQuery):
    """One word in several fields (``Term`` subqueries, the same text, each field once; a
    term's boost is its field's weight), scored by BM25F; ``boost`` weighs the word."""

    JOINT = " OR "  # how str() joins the fields: one word, any of them

    def __unicode__(self) -> str:
        joined = "(" + self.JOINT.join(str(t) for t in self.subqueries) + ")"
        return joined if self.boost == 1 else f"{joined}^{self.boost:g}"  # a repeated word: ^2

    __str__ = __unicode__

    def _texts(self, reader) -> list[bytes]:
        return [reader.schema[t.fieldname].to_bytes(t.text) for t in self.subqueries]

    def idf(self, searcher) -> float:
        """Robertson-Sparck Jones idf from the whole index (the top-level searcher)."""
        parent = searcher.get_parent()
        texts = self._texts(parent.reader())
        n = max(parent.doc_frequency(t.fieldname, text)
                for t, text in zip(self.subqueries, texts, strict=True))  # fmt: skip
        return robertson_idf(n, parent.doc_count_all())

    def matcher(self, searcher, context=None):
        parent = searcher.get_parent()
        reader = searcher.reader()
        parts = []
        for t, text in zip(self.subqueries, self._texts(reader), strict=True):
            if (t.fieldname, text) not in reader:
                continue
            parts.append((
                searcher.postings(t.fieldname, text),
                t.boost,
                length_norm(parent.avg_field_length(t.fieldname) or 1),
                _lengths(reader, t.fieldname),
            ))  # fmt: skip
        if not parts:
            return NullMatcher()
        return BM25FMatcher(parts, self.idf(searcher), self.boost)


def _lengths(reader, fieldname: str):
    return lambda docnum: reader.doc_field_length(docnum, fieldname, 1)


class BM25FMatcher(Matcher):
    """The union of one word's postings in several fields, scored by :func:`bm25f`.

    ``parts`` are (postings matcher, field weight, :func:`length_norm`, length of a doc).
    No block-max skipping: a combined bound would need every field's block bounds."""

    def __init__(self, parts, idf: float, boost: float) -> None:
        self._parts = parts
        self._idf = idf
        self._boost = boost

    def _active(self):
        return [p for p in self._parts if p[0].is_active()]

    def is_active(self):
        return any(p[0].is_active() for p in self._parts)

    def id(self):
        return min(p[0].id() for p in self._active())

    def next(self):
        current = self.id()
        for m, *_ in self._active():
            if m.id() == current:
                m.next()

    def skip_to(self, id):
        for m, *_ in self._active():
            if m.id() < id:
                m.skip_to(id)

    def reset(self):
        for m, *_ in self._parts:
            m.reset()

    def copy(self):
        parts = [(m.copy(), *rest) for m, *rest in self._parts]
        return BM25FMatcher(parts, self._idf, self._boost)

    def children(self):
        return [p[0] for p in self._parts]

    def supports_block_quality(self):
        return False

    def supports(self, astype):
        return all(p[0].supports(astype) for p in self._parts)

    def _here(self):
        current = self.id()
        return current, [p for p in self._active() if p[0].id() == current]

    def value(self):
        return self._here()[1][0][0].value()

    def value_as(self, astype):
        return self._here()[1][0][0].value_as(astype)

    def spans(self):
        return sorted(s for m, *_ in self._here()[1] for s in m.spans())

    def weight(self):
        return sum(m.weight() for m, *_ in self._here()[1])

    def score(self):
        docnum, here = self._here()
        tf = 0.0
        for m, weight, norm, length in here:
            tf += field_tf(weight, m.weight(), length(docnum), norm)
        score = bm25f(self._idf, tf)
        return score * self._boost if self._boost != 1.0 else score


def group_fields(q: wq.Or, field_weights: dict[str, float]) -> wq.Query:
    """``q`` with each word that it ORs over every field of ``field_weights`` (one Term per
    field, boosts in the weights' ratio: the parser's expansion of a plain word) joined into
    one :class:`FieldsTerm`; other subqueries stay as they are."""
    by_text: dict[str, list[wq.Term]] = {}
    for child in q.subqueries:
        if type(child) is wq.Term and child.fieldname in field_weights:
            by_text.setdefault(child.text, []).append(child)
    grouped: dict[str, FieldsTerm] = {}
    for text, terms in by_text.items():
        fields = [t.fieldname for t in terms]
        if sorted(fields) != sorted(field_weights):
            continue
        boosts = {t.boost / field_weights[t.fieldname] for t in terms}
        if max(boosts) - min(boosts) > 1e-9 * max(boosts):
            continue
        ordered = [next(t for t in terms if t.fieldname == f) for f in field_weights]
        grouped[text] = FieldsTerm(
            [wq.Term(t.fieldname, t.text, boost=field_weights[t.fieldname]) for t in ordered],
            boost=boosts.pop(),
        )
    if not grouped:
        return q
    out: list[wq.Query] = []
    for child in q.subqueries:
        if type(child) is wq.Term and child.text in grouped:
            if grouped[child.text] not in out:
                out.append(grouped[child.text])
        else:
            out.append(child)
    if len(out) == 1:
        only = out[0]
        return FieldsTerm(only.subqueries, boost=only.boost * q.boost)
    return wq.Or(out, boost=q.boost)


def plain_word_counts(raw: wq.Query, fields: Iterable[str]) -> Counter:
    """The words that ``raw`` (a parsed query before ``normalize()``, which drops repeats)
    asks for more than once in each of ``fields`` (a plain word is a term in every field),
    with that count; words under a NOT do not count."""
    per_field = {name: Counter() for name in fields}

    def walk(node: wq.Query) -> None:
        if isinstance(node, wq.Not):
            return
        if type(node) is wq.Term and node.fieldname in per_field:
            per_field[node.fieldname][node.text] += 1
        for child in node.children():
            walk(child)

    walk(raw)
    counts = None
    for field_counts in per_field.values():
        counts = field_counts if counts is None else counts & field_counts
    return Counter({w: n for w, n in (counts or {}).items() if n > 1})


def weigh_repeated_words(q: wq.Query, counts: Counter) -> wq.Query:
    """``q`` with the weight of each :class:`FieldsTerm` whose word ``counts`` holds (see
    :func:`plain_word_counts`) multiplied by its count."""
    if not counts:
        return q
    if isinstance(q, FieldsTerm):
        n = counts.get(q.subqueries[0].text, 1)
        return q if n == 1 else FieldsTerm(q.subqueries, boost=q.boost * n)
    if q.is_leaf():
        return q
    return q.apply(lambda child: weigh_repeated_words(child, counts))
