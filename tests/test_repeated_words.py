"""A word a query repeats counts as often as it is written (``bm25f.weigh_repeated_words``),
on both scoring paths of a real on-disk index; the matches do not change, only the order."""

from __future__ import annotations

import pytest

from searchengine.articles import Article
from searchengine.engine import Engine
from searchengine.engine.bm25f import plain_word_counts, weigh_repeated_words
from searchengine.engine.collect import collect
from searchengine.engine.parsing import FIELD_BOOSTS
from searchengine.engine.scoring import LengthCache
from tests.test_ranking import DOCS, bm25f


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    eng = Engine(tmp_path_factory.mktemp("repeats") / "ix", create=True)
    with eng.writer() as batch:
        for i, (title, body) in enumerate(DOCS):
            batch.write(Article(text=body, title=title, source_id=f"d{i}"))
    yield eng
    eng.close()


def counts(engine, text: str) -> dict[str, int]:
    return dict(plain_word_counts(engine._parser._parser.parse(text, normalize=False),
                                  FIELD_BOOSTS))


def parse_counting_repeats(engine, text: str):
    """What the parser's hook does: the parse, with the repeats of its plain words weighed."""
    raw = engine._parser._parser.parse(text, normalize=False)
    return weigh_repeated_words(engine.parse(text), plain_word_counts(raw, FIELD_BOOSTS))


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
    plain, fast = scores(engine, parse_counting_repeats(engine, text))
    assert plain == pytest.approx(expected, rel=1e-9)
    assert fast == pytest.approx(expected, rel=1e-9)


def test_it_changes_the_order_not_the_matches(engine):
    """Asked once each, the storm article (d1: headline and twice in the body) outranks the
    short coast article (d3); asked for coast twice, d3 comes first."""
    text = "coast OR storm OR coast"
    before = engine.search(text, limit=10).hits
    searcher = engine.searcher()
    q = parse_counting_repeats(engine, text)
    found = collect(searcher, q, None, newest_first=False, limit=10, lengths=LengthCache())
    after = [searcher.stored_fields(d)["id"] for d, _ in found.hits]
    assert [h.id for h in before] == ["d0", "d1", "d3"]
    assert after == ["d0", "d3", "d1"]
    assert found.total == len(before)
