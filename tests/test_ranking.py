"""Ranking: scores on a tiny real index equal BM25F computed by hand, on both scoring paths
(Whoosh's matchers and the fast path of ``searchengine.engine.scoring``); a word a query
repeats counts as often as it is written (``bm25f.weigh_repeated_words``)."""

from __future__ import annotations

import math

import pytest

from searchengine.articles import Article
from searchengine.engine import Engine
from searchengine.engine.bm25f import plain_word_counts
from searchengine.engine.collect import collect
from searchengine.engine.parsing import FIELD_BOOSTS
from searchengine.engine.scoring import LengthCache

# title, body; the lengths below are in analysed tokens (stop words count).
DOCS = [
    ("Harbour news", "storm hits the coast"),  # title 2 tokens, body 4
    ("Storm warning", "the storm and the storm surge"),  # 2, 6
    ("Council", "the council met"),  # 1, 3
    ("Weather", "sunny coast today"),  # 1, 3
]
N = len(DOCS)
AVG = {"title": (2 + 2 + 1 + 1) / N, "body": (4 + 6 + 3 + 3) / N}
WEIGHT = {"title": 2.0, "body": 1.0}
K1, B = 1.2, 0.75  # Robertson & Zaragoza (2009); Lucene's defaults


def idf(n: int) -> float:
    """Robertson-Sparck Jones, as Lucene writes it to stay positive."""
    return math.log(1 + (N - n + 0.5) / (n + 0.5))


def bm25f(n: int, **fields: tuple[int, int]) -> float:
    """BM25F of a word found in ``n`` documents; ``fields``: field -> (tf, field length)."""
    tf = sum(
        WEIGHT[f] * count / (1 - B + B * length / AVG[f]) for f, (count, length) in fields.items()
    )
    return idf(n) * tf * (K1 + 1) / (K1 + tf)


# storm: in the bodies of docs 0 and 1 and the title of doc 1; coast: bodies of 0 and 3.
EXPECTED = {
    "storm": {0: bm25f(2, body=(1, 4)), 1: bm25f(2, title=(1, 2), body=(2, 6))},
    "storm OR coast": {
        0: bm25f(2, body=(1, 4)) + bm25f(2, body=(1, 4)),
        1: bm25f(2, title=(1, 2), body=(2, 6)),
        3: bm25f(2, body=(1, 3)),
    },
    "storm coast": {0: 2 * bm25f(2, body=(1, 4))},  # AND: both words
    "council^3": {2: 3 * bm25f(1, title=(1, 1), body=(1, 3))},
    # one field asked for: plain BM25 of that field
    "body:storm": {0: bm25f(2, body=(1, 4)), 1: bm25f(2, body=(2, 6))},
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    eng = Engine(tmp_path_factory.mktemp("rank") / "ix", create=True)
    with eng.writer() as batch:
        for i, (title, body) in enumerate(DOCS):
            batch.write(Article(text=body, title=title, source_id=f"d{i}"))
    yield eng
    eng.close()


def _doc_index(searcher, docnum: int) -> int:
    return int(searcher.stored_fields(docnum)["id"][1:])


@pytest.mark.parametrize("text", list(EXPECTED))
def test_scores_equal_hand_computed_bm25f(engine, text):
    searcher = engine.searcher()
    q = engine.parse(text)
    plain = {_doc_index(searcher, h.docnum): h.score for h in searcher.search(q, limit=None)}
    fast = collect(searcher, q, None, newest_first=False, limit=10, lengths=LengthCache())
    fast_scores = {_doc_index(searcher, d): s for d, s in fast.hits}
    assert plain == pytest.approx(EXPECTED[text], rel=1e-9)
    assert fast_scores == pytest.approx(EXPECTED[text], rel=1e-9)


def test_a_headline_word_the_body_repeats_is_saturated_once(engine):
    """Adding the title's (x2) and the body's BM25 scores, what Whoosh calls BM25F and what
    this index did before, scores doc 1 as the sum; one saturation gives far less."""
    searcher = engine.searcher()

    def score(text: str) -> float:
        hits = searcher.search(engine.parse(text), limit=None)
        return next(h.score for h in hits if _doc_index(searcher, h.docnum) == 1)

    separate = 2 * score("title:storm") + score("body:storm")
    assert score("storm") == pytest.approx(EXPECTED["storm"][1], rel=1e-9)
    assert score("storm") < 0.5 * separate


def test_a_word_in_every_document_weighs_little_but_stays_positive(engine):
    """Whoosh's own idf, log(N / (n + 1)) + 1, gives "the" (in 3 of 4 bodies) 1.0 against
    1.69 for a word in one body (this test then fails); Robertson's gives 0.36 against 1.20."""
    scores = [h.score for h in engine.searcher().search(engine.parse("the"), limit=None)]
    assert len(scores) == 3 and all(s > 0 for s in scores)
    rare = engine.searcher().search(engine.parse("sunny"), limit=None)[0].score
    assert max(scores) < 0.4 * rare


def test_search_ranks_by_these_scores(engine):
    hits = engine.search("storm OR coast", limit=10).hits
    assert [h.id for h in hits] == ["d0", "d1", "d3"]
    assert [h.score for h in hits] == pytest.approx(
        [EXPECTED["storm OR coast"][i] for i in (0, 1, 3)], abs=1e-4
    )


def counts(engine, text: str) -> dict[str, int]:
    return dict(plain_word_counts(engine._parser._parser.parse(text, normalize=False),
                                  FIELD_BOOSTS))


def scores(engine, q) -> tuple[dict[str, float], dict[str, float]]:
    """{article id: score} from Whoosh's matchers and from the fast path."""
    searcher = engine.searcher()
    plain = {searcher.stored_fields(h.docnum)["id"]: h.score
             for h in searcher.search(q, limit=None)}
    fast = collect(searcher, q, None, newest_first=False, limit=10, lengths=LengthCache())
    return plain, {searcher.stored_fields(d)["id"]: s for d, s in fast.hits}


@pytest.mark.parametrize(("text", "expected"), [
    ("coast OR storm OR coast", {"coast": 2}),
    ("coast storm coast coast", {"coast": 3}),  # AND
    ("coast OR storm", {}),
    ("coast NOT coast", {}),  # a NOT takes nothing away from the weight
    ("title:coast coast", {}),  # one field asked for is not the plain word again
    ('"storm surge" storm', {}),  # a phrase is not the word
])
def test_plain_words_are_counted_as_written(engine, text, expected):
    assert counts(engine, text) == expected


def test_a_repeated_word_weighs_its_count_on_both_paths(engine):
    text = "coast OR storm OR coast"
    expected = {
        "d0": 2 * bm25f(2, body=(1, 4)) + bm25f(2, body=(1, 4)),
        "d1": bm25f(2, title=(1, 2), body=(2, 6)),
        "d3": 2 * bm25f(2, body=(1, 3)),
    }
    assert "(title:coast^2.0 OR body:coast)^2 OR" in str(engine.parse(text))  # printed too
    plain, fast = scores(engine, engine.parse(text))
    assert plain == pytest.approx(expected, rel=1e-9)
    assert fast == pytest.approx(expected, rel=1e-9)


def test_it_changes_the_order_not_the_matches(engine):
    """Asked once each, the storm article (d1: headline and twice in the body) outranks the
    short coast article (d3); asked for coast twice, d3 comes first."""
    once = engine.search("coast OR storm", limit=10)
    twice = engine.search("coast OR storm OR coast", limit=10)
    assert [h.id for h in once.hits] == ["d0", "d1", "d3"]
    assert [h.id for h in twice.hits] == ["d0", "d3", "d1"]
    assert twice.total == once.total
