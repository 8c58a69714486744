"""The Whoosh engine on a real index in a temp folder, fed with hand-made Article records."""

from datetime import datetime

import pytest

from searchengine.articles import Article, Entity, Quote
from searchengine.engine import Engine, IndexNotFound
from searchengine.query.syntax import QuerySyntaxError


def article(text, title="", date=None, url="", **extra):
    return Article(text=text, title=title, date=date, url=url, **extra)


@pytest.fixture()
def engine(tmp_path):
    eng = Engine(tmp_path / "ix", create=True)
    docs = [
        article(
            "Elections were held in the capital. Turnout was high. We won the elections, "
            "Biden said.",
            "Vote count",
            datetime(2020, 3, 1),
            "https://a.example/1",
            source="Wire",
            entities=[Entity("Joe Biden", "person"), Entity("United States", "place")],
            quotes=[Quote("We won the elections", "Joe Biden")],
        ),
        article(
            "Two earthquakes struck the coast; the election was postponed.",
            "Quake",
            datetime(2021, 5, 2),
            "https://a.example/2",
            source="Wire",
            entities=[Entity("Chile", "place")],
        ),
        article(
            "An article about elections without a date <b>bold</b> & more.",
            "Undated",
            None,
            "https://b.example/3",
            source="Blog",
            entities=[Entity("Joe Biden", "person"), Entity("NATO", "org")],
        ),
    ]
    with eng.writer() as batch:  # two commits: facets must add up across segments
        batch.write(docs[0])
    with eng.writer() as batch:
        for doc in docs[1:]:
            batch.write(doc)
    yield eng
    eng.close()


def test_missing_index_is_reported(tmp_path):
    with pytest.raises(IndexNotFound):
        Engine(tmp_path / "nothing")


def test_minus_excludes_and_hyphens_stay_words(engine):
    assert engine.search("election -earthquakes").total == 2
    assert engine.search("election -(earthquakes OR bold)").total == 1
    assert engine.search('person:"Joe Biden" -place:"United States"').total == 1
    assert engine.search('elections -"capital turnout"~3').total == 2
    assert engine.search("-earthquakes").total == 2
    assert engine.search('"capital. Turnout"').total == 1
    # a hyphen inside a word joins its parts; it excludes nothing
    assert engine.search("earthquakes-coast").total == 1


def test_stemmed_words_and_exact_wildcards(engine):
    assert engine.search("election").total == 3  # "elections" and "election" share a stem
    assert engine.search("election*").total == 3
    assert engine.search("elections*").total == 2  # as written: "elections" only
    assert engine.search("earthquake*").total == 1
    assert engine.search("eathquakes~").total == 1  # fuzzy on the unstemmed words


def test_fields_booleans_and_phrases(engine):
    assert engine.search('person:"Joe Biden"').total == 2
    assert engine.search('person:"Joe Biden" NOT place:"United States"').total == 1
    assert engine.search("entity:NATO").total == 1
    assert engine.search("speaker:Biden quote:won").total == 1
    assert engine.search('"earthquakes struck"').total == 1
    assert engine.search('"earthquakes coast"~3').total == 1
    assert engine.search('"earthquakes coast"').total == 0
    assert engine.search("source:blog").total == 1
    assert engine.search('url:"b.example"').total == 1
    assert engine.search("(quake OR count) AND title:vote").total == 1


def test_dates(engine):
    assert engine.search("date:2020").total == 1
    assert engine.search("date:2021-05").total == 1
    assert engine.search("date:2021-05-02").total == 1
    assert engine.search("date:[2020-01-01 TO 2021-12-31]").total == 2
    assert engine.search("date:>2020-03").total == 1  # after March 2020
    assert engine.search("date:>=2020-03").total == 2
    assert engine.search("date:<2021").total == 1
    assert engine.search("undated").total == 1  # an article without a date is searchable


def test_replacing_not_duplicating(engine):
    with engine.writer() as batch:
        batch.write(
            article(
                "Elections rerun.", "Vote count v2", datetime(2020, 3, 2), "https://a.example/1"
            )
        )
    assert engine.count() == 3
    assert engine.search("rerun").hits[0].title == "Vote count v2"
    assert engine.search("turnout").total == 0


def test_facets_count_all_matches_across_segments(engine):
    results = engine.search(
        "election", facets=["person", "place", "source", "year", "entity"], limit=1
    )
    assert len(results.hits) == 1 and results.total == 3
    facets = {
        name: {fc.value: fc.count for fc in counts} for name, counts in results.facets.items()
    }
    assert facets["person"] == {"Joe Biden": 2}
    assert facets["place"] == {"United States": 1, "Chile": 1}
    assert facets["source"] == {"Wire": 2, "Blog": 1}
    assert facets["year"] == {"2020": 1, "2021": 1}
    assert facets["entity"]["Joe Biden"] == 2 and facets["entity"]["NATO"] == 1


def test_filters_narrow_without_changing_scores(engine):
    plain = {h.id: h.score for h in engine.search("election").hits}
    filtered = engine.search("election", filters=['person:"Joe Biden"'])
    assert filtered.total == 2
    for hit in filtered.hits:
        assert hit.score == plain[hit.id]


def test_sort_by_date_and_pages(engine):
    newest = engine.search("election", sort="date")
    assert [h.date.year if h.date else None for h in newest.hits] == [2021, 2020, None]
    page2 = engine.search("election", limit=2, page=2)
    assert page2.total == 3 and len(page2.hits) == 1


def test_snippets_are_escaped_and_marked(engine):
    hit = engine.search("bold").hits[0]
    assert "&lt;b&gt;<mark>bold</mark>&lt;/b&gt; &amp; more" in hit.snippet
    assert "<b>" not in hit.snippet
    hit = engine.search("election*").hits[0]
    assert "<mark>" in hit.snippet


def test_matching_quotes_are_returned(engine):
    hit = engine.search("won").hits[0]
    assert [(q.text, q.speaker) for q in hit.quotes] == [("We won the elections", "Joe Biden")]
    assert engine.search("turnout").hits[0].quotes == []


def test_get_by_id_or_url_and_delete(engine):
    hit = engine.search("quake").hits[0]
    assert engine.get(hit.id).title == "Quake"
    assert engine.get("https://a.example/2").id == hit.id
    with engine.writer() as batch:
        batch.delete("url:https://a.example/2")
    assert engine.get(hit.id) is None and engine.count() == 2


def test_stats(engine):
    stats = engine.stats()
    assert stats.articles == 3
    assert (stats.first_date.year, stats.last_date.year) == (2020, 2021)
    assert stats.top["person"][0].value == "Joe Biden" and stats.size_bytes > 0


def test_malformed_query_raises(engine):
    with pytest.raises(QuerySyntaxError):
        engine.search('person:"Joe')
    with pytest.raises(QuerySyntaxError):
        engine.search("x", filters=["date:tomorrow"])


def test_totals_and_facets_count_every_match_in_a_larger_index(tmp_path):
    """Whoosh's top-N search drops matches that cannot reach the top; totals must not."""
    eng = Engine(tmp_path / "big", create=True)
    filler = " ".join(f"filler{j}" for j in range(60))
    with eng.writer() as batch:
        for i in range(600):  # strong matches first, then many weak ones in later blocks
            text = "alpha " * 10 if i < 100 else f"alpha {filler}"
            batch.write(
                article(
                    text + (" beta" if i % 3 == 0 else ""),
                    f"doc {i}",
                    url=f"u{i}",
                    source="even" if i % 2 == 0 else "odd",
                )
            )
    results = eng.search("alpha", facets=["source"], limit=5)
    assert results.total == 600
    assert {fc.value: fc.count for fc in results.facets["source"]} == {"even": 300, "odd": 300}
    assert eng.search("alpha OR beta", limit=3).total == 600
    assert eng.search("beta", limit=3).total == 200
    assert eng.search("alpha", limit=10, page=60).hits[-1].title.startswith("doc")
    eng.close()


def test_a_title_taken_from_the_lede_does_not_weigh_in_ranking(tmp_path):
    eng = Engine(tmp_path / "lede", create=True)
    body = "Floods hit the valley. Rescue teams arrived in the valley at dawn."
    with eng.writer() as batch:
        batch.write(article(body, "Floods hit the valley.", url="a", title_is_lede=True))
        batch.write(article(body, "Floods hit the valley.", url="b"))
    hits = {h.url: h.score for h in eng.search("valley").hits}
    assert hits["b"] > hits["a"] > 0  # a headline counts, a repeated lede does not
    assert eng.search("title:floods").total == 2  # still searchable as a title
    eng.close()


def test_entity_facet_counts_a_name_typed_two_ways_once(tmp_path):
    """'Georgia' as a place and as an organisation in one article is one article for the
    entity facet, on the cached path and on the plain column path."""
    from searchengine.engine.facets import all_documents, count_facets

    eng = Engine(tmp_path / "ix", create=True)
    with eng.writer() as batch:
        batch.write(article("Georgia voted.", "One", entities=[
            Entity("Georgia", "place"), Entity("Georgia", "org"), Entity("Tbilisi", "place")]))
        batch.write(article("Georgia again.", "Two", entities=[Entity("Georgia", "place")]))
    cached = eng.search("georgia", facets=["entity"], facet_limit=None).facets["entity"]
    assert {fc.value: fc.count for fc in cached} == {"Georgia": 2, "Tbilisi": 1}
    plain = count_facets(all_documents(eng.searcher()), ["entity"], None)["entity"]
    assert {fc.value: fc.count for fc in plain} == {"Georgia": 2, "Tbilisi": 1}
    eng.close()
