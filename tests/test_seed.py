"""The seed article through the whole pipeline: what its users ask of it."""

import pytest

FOUND = [
    "extradition",
    'person:"Tahawwur Rana"',
    'org:"Lashkar-e-Tayyiba"',
    "place:Pakistan",
    'speaker:"Shafqat Ali Khan"',
    'quote:"diplomatic norms"',
    "date:2025-02",
    "date:2025-02-15",
    "date:[2025-01-01 TO 2025-03-31]",
    "date:>2024-06",
    "Tahawur~",
    "counterterror*",
    '"joint statement"',
    '"Modi Trump"~6',
    'person:"Narendra Modi" AND quote:terrorism',
    "entity:ISIS",
    "title:cooperation",
]
NOT_FOUND = ["extradition NOT Pakistan", "date:2024", "person:Pakistan", "date:>2025-02"]


@pytest.mark.parametrize("query", FOUND)
def test_seed_is_found(seed_index, query):
    results = seed_index.search(query)
    assert results.total == 1, query
    assert results.hits[0].date.date().isoformat() == "2025-02-15"


@pytest.mark.parametrize("query", NOT_FOUND)
def test_seed_is_not_found(seed_index, query):
    assert seed_index.search(query).total == 0


def test_facets_on_pakistan(seed_index):
    facets = seed_index.search("Pakistan", facets=["person", "place", "org"]).facets
    values = {name: {fc.value for fc in counts} for name, counts in facets.items()}
    assert {"Narendra Modi", "Donald Trump", "Tahawwur Rana", "Shafqat Ali Khan"} <= values[
        "person"
    ]
    assert {"India", "Pakistan"} <= values["place"]
    assert {"Lashkar-e-Tayyiba", "ISIS"} <= values["org"]
    assert not {"Modi", "Khan", "Rana", "Pakistan"} & values["person"]


def test_quotes_with_speakers(seed_index):
    hit = seed_index.search('speaker:"Shafqat Ali Khan"').hits[0]
    assert ("surprised", "Shafqat Ali Khan") in [(q.text, q.speaker) for q in hit.quotes]
    record = seed_index.article(hit.id)
    speakers = {q.text.rstrip('.”"'): q.speaker for q in record.quotes}
    assert speakers["one-sided, misleading and contrary to diplomatic norms"] == "Pakistan"
    long_ones = [q for q in record.quotes if len(q.text) > 150]
    assert len(long_ones) == 3
    assert all("joint statement" in (q.speaker or "") for q in long_ones)


def test_snippet_highlights_the_match(seed_index):
    hit = seed_index.search("extradition").hits[0]
    assert "<mark>extradition</mark>" in hit.snippet
    assert hit.title.startswith("Counter-terrorism cooperation between India and the US")


def test_matching_quotes_come_with_the_hit(seed_index):
    hit = seed_index.search('quote:"diplomatic norms"').hits[0]
    assert [q.speaker for q in hit.quotes] == ["Pakistan"]


def test_whole_article(seed_index):
    hit = seed_index.search("extradition").hits[0]
    record = seed_index.article(hit.id)
    assert record.text.startswith("Counter-terrorism cooperation")
    assert record.text.endswith("PTI reported.")
    assert "Narendra Modi" in record.entities["person"]
    assert "United States" in record.entities["place"]
