"""Ranking: scores on a tiny real index equal BM25 computed by hand, on both scoring paths
(Whoosh's matchers and the fast path of ``searchengine.engine.scoring``)."""

from __future__ import annotations

import math

import pytest

from searchengine.articles import Article
from searchengine.engine import Engine
from searchengine.engine.collect import collect
from searchengine.engine.scoring import LengthCache

# title, body; the lengths below are in analysed tokens (stop words count).
DOCS = [
    ("Harbour news", "storm hits the coast"),  # body 4 tokens
    ("Storm warning", "the storm and the storm surge"),  # body 6
    ("Council", "the council met"),  # body 3
    ("Weather", "sunny coast today"),  # body 3
]
N = len(DOCS)
AVG_BODY = (4 + 6 + 3 + 3) / N
AVG_TITLE = (2 + 2 + 1 + 1) / N
K1, B = 1.2, 0.75  # Robertson & Zaragoza (2009); Lucene's defaults
TITLE_WEIGHT = 2.0


def idf(n: int) -> float:
    """Robertson-Sparck Jones, as Lucene writes it to stay positive."""
    return math.log(1 + (N - n + 0.5) / (n + 0.5))


def bm25(tf: int, length: int, avg: float, n: int) -> float:
    return idf(n) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avg))


# storm: in the bodies of docs 0 and 1, in the title of doc 1; coast: in the bodies of 0 and 3.
EXPECTED = {
    "storm": {
        0: bm25(1, 4, AVG_BODY, 2),
        1: bm25(2, 6, AVG_BODY, 2) + TITLE_WEIGHT * bm25(1, 2, AVG_TITLE, 1),
    },
    "storm OR coast": {
        0: bm25(1, 4, AVG_BODY, 2) + bm25(1, 4, AVG_BODY, 2),
        1: bm25(2, 6, AVG_BODY, 2) + TITLE_WEIGHT * bm25(1, 2, AVG_TITLE, 1),
        3: bm25(1, 3, AVG_BODY, 2),
    },
    "storm coast": {0: 2 * bm25(1, 4, AVG_BODY, 2)},  # AND: both words
    "council": {2: bm25(1, 3, AVG_BODY, 1) + TITLE_WEIGHT * bm25(1, 1, AVG_TITLE, 1)},
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
def test_scores_equal_hand_computed_bm25(engine, text):
    searcher = engine.searcher()
    q = engine.parse(text)
    plain = {_doc_index(searcher, h.docnum): h.score for h in searcher.search(q, limit=None)}
    fast = collect(searcher, q, None, newest_first=False, limit=10, lengths=LengthCache())
    fast_scores = {_doc_index(searcher, d): s for d, s in fast.hits}
    assert plain == pytest.approx(EXPECTED[text], rel=1e-9)
    assert fast_scores == pytest.approx(EXPECTED[text], rel=1e-9)


def test_a_word_in_every_document_weighs_little_but_stays_positive(engine):
    """Whoosh's own idf, log(N / (n + 1)) + 1, gives "the" (in 3 of 4 bodies) 1.0 against
    1.69 for a word in one body (this test then fails); Robertson's gives 0.36 against 1.20."""
    scores = [h.score for h in engine.searcher().search(engine.parse("the"), limit=None)]
    assert len(scores) == 3 and all(s > 0 for s in scores)
    rare = engine.searcher().search(engine.parse("sunny"), limit=None)[0].score
    assert max(scores) < 0.4 * rare


def test_search_ranks_by_these_scores(engine):
    hits = engine.search("storm OR coast", limit=10).hits
    assert [h.id for h in hits] == ["d1", "d0", "d3"]
    assert [h.score for h in hits] == pytest.approx(
        [EXPECTED["storm OR coast"][i] for i in (1, 0, 3)], abs=1e-4
    )
