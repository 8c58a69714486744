"""Exact names (``person:="Joe Biden"``): a facet value's filter finds exactly the articles
the facet counted for it.

``person:"Biden"`` is a phrase inside the names, so on the real news index it also finds
articles that name only "Joe Biden" or "Hunter Biden": before ``:=``, 37 of the 75 top facet
values of that index gave more results when clicked than their facet showed.
"""

from __future__ import annotations

import pytest

from searchengine import NewsIndex, QuerySyntaxError
from searchengine.query.filters import facet_filter

NAME_FACETS = ["person", "org", "place", "other", "entity", "speaker", "source"]


@pytest.mark.parametrize("query", ["*", "sanctions", "vaccine OR vaccines", "elect*"])
def test_every_top_facet_value_filters_to_its_count(news_index, query):
    """The filter each facet value carries in the JSON (``--json``, the JSON API)."""
    facets = news_index.search(query, facets=NAME_FACETS, facet_limit=25).to_dict()["facets"]
    checked = 0
    for name in NAME_FACETS:
        for entry in facets[name]:
            narrowed = news_index.search(query, filters=[entry["filter"]])
            assert narrowed.total == entry["count"], (name, entry)
            checked += 1
    assert checked > 100


def test_the_phrase_form_finds_more_than_the_facet_counts(news_index):
    """Why facet links use := : the phrase matches every longer name holding the words."""
    people = news_index.search("*", facets=["person"], facet_limit=25).facets["person"]
    wider = [
        fc for fc in people
        if news_index.search(f'person:"{fc.value}"').total > fc.count
    ]  # fmt: skip
    assert len(wider) >= 3
    value = wider[0].value
    exact = news_index.search(f'person:="{value}"', limit=1000)
    phrase = news_index.search(f'person:"{value}"', limit=1000)
    assert {h.id for h in exact.hits} < {h.id for h in phrase.hits}


def test_exact_names_combine_with_words_sorts_and_negation(news_index):
    people = news_index.search("*", facets=["person"], facet_limit=1).facets["person"]
    top = people[0]
    exact = f'person:="{top.value}"'
    assert news_index.search(exact).total == top.count
    by_date = news_index.search(exact, sort="date", limit=5)
    assert by_date.total == top.count and len(by_date.hits) == 5
    everything = news_index.search("*").total
    assert news_index.search(f"NOT {exact}").total == everything - top.count
    assert news_index.search(f"-{exact}").total == everything - top.count
    both = news_index.search(f"sanctions {exact}", limit=1000)
    assert 0 < both.total < top.count
    assert all(top.value in h.entities["person"] for h in both.hits)


def test_seed_names(seed_index):
    assert seed_index.search('person:="Tahawwur Rana"').total == 1
    assert seed_index.search('person:=Rana').total == 0  # the article names him in full
    assert seed_index.search("person:Rana").total == 1
    assert seed_index.search('org:="lashkar-e-tayyiba"').total == 0  # case counts
    assert seed_index.search('entity:="Tahawwur Rana"').total == 1


def test_replaced_articles_are_not_matched(tmp_path):
    """An article written again leaves a deleted copy in its old segment: exact names read
    the facet columns, which hold deleted documents too, and must skip them."""
    first = {"id": "a1", "title": "Talks", "date": "2025-01-02",
             "text": "Joe Biden met Narendra Modi in Washington on Tuesday."}
    with NewsIndex.create(tmp_path / "ix") as index:
        index.add_articles([first, {"id": "a2", "title": "Visit", "date": "2025-01-03",
                                    "text": "Narendra Modi visited Paris on Friday."}])
        assert index.search('person:="Narendra Modi"').total == 2
        index.add_articles([{**first, "text": "Emmanuel Macron met Olaf Scholz in Berlin."}])
        for query in ('person:="Narendra Modi"', 'person:="Narendra Modi" AND vis*'):
            found = index.search(query)
            assert (found.total, [h.id for h in found.hits]) == (1, ["a2"]), query
        assert index.search("Berlin", filters=['person:="Narendra Modi"']).total == 0


@pytest.mark.parametrize(
    "query, message",
    [
        ('title:="x"', '"title:=" is not a field of names'),
        ("person:=", '"person:=" needs a name'),
        ('person:=""', '"person:=" needs a name'),
        ('person:="Joe Biden', "unclosed quote"),
    ],
)
def test_malformed_exact_names_are_refused(seed_index, query, message):
    with pytest.raises(QuerySyntaxError, match=message):
        seed_index.search(query)


def test_quotes_inside_a_name_are_escaped(seed_index):
    engine = seed_index._engine
    assert str(engine.parse(r'person:="Jeremy \"Spike\" Cohen"')) == (
        r'person:="Jeremy \"Spike\" Cohen"')
    assert facet_filter("person", 'Jeremy "Spike" Cohen') == r'person:="Jeremy \"Spike\" Cohen"'
    assert str(engine.parse("date:=>2025")) == str(engine.parse("date:>=2025"))  # still dates
