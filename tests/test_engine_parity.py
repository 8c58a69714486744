"""The same queries on the same real articles, on Whoosh and on two Manticore/Sphinx nodes:
the same matches, the same facet counts, the same snippets for plain words.

The Manticore side holds the enriched articles of the session's Whoosh news index (read
back from it, so enrichment is identical), spread over two local searchd nodes. The
documented differences (README, "Scale-out") have their own tests in test_manticore.py.
"""

from __future__ import annotations

import pytest

from searchengine.engine.manticore import cluster
from searchengine.engine.manticore.config import EngineConfig
from searchengine.engine.manticore.engine import ManticoreEngine
from tests.manticore_nodes import need_searchd, stored_articles

FACETS = ["person", "org", "place", "other", "entity", "speaker", "source", "year", "month", "day"]
QUERIES = [
    "president",
    "vaccine OR vaccines",
    "sanctions Russia",
    "(Iran OR Iraq) NOT nuclear",
    "NOT president",
    "*",
    '"human rights"',
    '"prime minister"',
    '"secretary blinken"',
    "elect*",
    "vaccin*",
    "earthq?ake*",
    "title:election",
    'person:"Antony Blinken"',
    "person:Biden",
    "org:NATO",
    'place:"United States"',
    "entity:China",
    "quote:democracy",
    'speaker:"Vladimir Putin"',
    "source:wikinews",
    'url:"en.wikinews.org"',
    "author:office",
    "date:2020",
    "date:2021-07",
    "date:2022-03-15",
    "date:[2019-06-01 TO 2019-12-31]",
    "date:>2022-06",
    "date:<=2019",
    "climate date:2021",
    "NOT date:2021",
    "date:2019 OR date:2022",
    "trade NOT date:[2020-01-01 TO 2021-12-31]",
    'person:"Donald Trump" place:China',
    "title:covid* OR body:pandemic",
    'person:="Biden"',
    'entity:="China"',
    'speaker:="Antony J. Blinken"',
    'source:="Wikinews"',
    'place:="United States" -place:="Ukraine"',
    'org:="NATO" OR person:="Vladimir Putin"',
    'sanctions person:="Antony J. Blinken"',
    "U.S. policy",
]


@pytest.fixture(scope="module")
def manticore(tmp_path_factory, news_index):
    """The news index's articles on two fresh local nodes."""
    need_searchd()
    folder = tmp_path_factory.mktemp("parity-cluster")
    nodes = cluster.up(folder, 2)
    try:
        config = EngineConfig.resolve(folder / "ix", "manticore", cluster.node_list(nodes))
        engine = ManticoreEngine(folder / "ix", config, create=True)
        with engine.writer() as batch:
            for article in stored_articles(news_index._engine):
                batch.write(article)
        yield engine
        engine.close()
    finally:
        cluster.down(folder)


@pytest.fixture(scope="module")
def whoosh(news_index):
    return news_index._engine


def _everything(engine, query: str, **options):
    return engine.search(query, facets=FACETS, limit=1000, facet_limit=None, **options)


def _counts(results) -> dict[str, dict[str, int]]:
    return {name: {fc.value: fc.count for fc in counts} for name, counts in results.facets.items()}


def test_both_engines_hold_every_article(whoosh, manticore):
    assert manticore.count() == whoosh.count() > 2000
    assert manticore.keys() == whoosh.keys()
    per_node = [row["articles"] for row in cluster.status(manticore.config.nodes)]
    assert sum(per_node) == whoosh.count() and min(per_node) > whoosh.count() // 4


@pytest.mark.parametrize("query", QUERIES)
def test_same_matches_and_facet_counts(whoosh, manticore, query):
    expected, got = _everything(whoosh, query), _everything(manticore, query)
    assert got.total == expected.total
    assert got.total > 0, "a query that matches nothing tests nothing"
    if expected.total <= 1000:
        assert {h.id for h in got.hits} == {h.id for h in expected.hits}
    assert _counts(got) == _counts(expected)
    assert not got.partial


def test_proximity_matches_a_superset(whoosh, manticore):
    """Documented difference: Sphinx's "a b"~N ignores word order, Whoosh keeps it."""
    expected = {h.id for h in whoosh.search('"secretary blinken"~3', limit=5000).hits}
    got = {h.id for h in manticore.search('"secretary blinken"~3', limit=5000).hits}
    assert expected and expected < got  # a strict superset: reversed pairs match too
    reversed_order = {h.id for h in whoosh.search('"blinken secretary"~3', limit=5000).hits}
    assert got - expected <= reversed_order


@pytest.mark.parametrize("query", ["sanctions", '"human rights" date:2021', "person:Blinken"])
def test_same_order_by_date(whoosh, manticore, query):
    expected = whoosh.search(query, sort="date", limit=50)
    got = manticore.search(query, sort="date", limit=50)
    assert [h.date for h in got.hits] == [h.date for h in expected.hits]


@pytest.mark.parametrize(
    "query, filters",
    [
        ("sanctions", ['person:"Antony Blinken"']),
        ("climate", ["date:2021", "place:China"]),
        ("vaccin*", ['place:="United States"', 'org:="World Health Organization"']),
    ],
)
def test_filters_narrow_the_same_way(whoosh, manticore, query, filters):
    expected = whoosh.search(query, filters=filters, facets=["org"], limit=1000)
    got = manticore.search(query, filters=filters, facets=["org"], limit=1000)
    assert got.total == expected.total > 0
    assert {h.id for h in got.hits} == {h.id for h in expected.hits}
    assert _counts(got) == _counts(expected)


def test_top_facet_values_and_ties_match(whoosh, manticore):
    for limit in (1, 3, 10):
        expected = whoosh.search("president", facets=FACETS[:7], facet_limit=limit)
        got = manticore.search("president", facets=FACETS[:7], facet_limit=limit)
        assert got.facets == expected.facets


@pytest.mark.parametrize("query", ["vaccine", '"human rights"', 'person:"Antony Blinken"'])
def test_same_snippets_and_matching_quotes(whoosh, manticore, query):
    expected = {h.id: h for h in whoosh.search(query, limit=1000).hits}
    got = manticore.search(query, limit=20).hits
    assert got
    for hit in got:
        assert hit.snippet == expected[hit.id].snippet
        assert hit.quotes == expected[hit.id].quotes
        assert (hit.title, hit.date, hit.url, hit.entities) == (
            expected[hit.id].title,
            expected[hit.id].date,
            expected[hit.id].url,
            expected[hit.id].entities,
        )


def test_same_articles_and_stats(whoosh, manticore):
    hit = whoosh.search('"human rights"').hits[0]
    assert manticore.get(hit.id) == whoosh.get(hit.id)
    assert manticore.get(hit.url) == whoosh.get(hit.url)
    assert manticore.get("no-such-article") is None
    expected, got = whoosh.stats(), manticore.stats()
    assert (got.articles, got.first_date, got.last_date) == (
        expected.articles,
        expected.first_date,
        expected.last_date,
    )
    assert got.top == expected.top
    assert got.size_bytes > 0 and got.location.startswith("manticore 127.0.0.1:")
    assert manticore.facets(None, ["source"]) == whoosh.facets(None, ["source"])
    assert manticore.facets("vaccine", ["person"]) == whoosh.facets("vaccine", ["person"])


def test_pages_cover_the_same_matches(whoosh, manticore):
    total = whoosh.search("president").total
    seen = []
    for page in range(1, total // 50 + 2):
        seen += [h.id for h in manticore.search("president", limit=50, page=page).hits]
    assert len(seen) == len(set(seen)) == total
    assert manticore.search("president", limit=50, page=10_000).hits == []
