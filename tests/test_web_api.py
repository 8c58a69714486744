"""The web view and JSON API through FastAPI's test client, over a real index in tmp_path."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from searchengine import NewsIndex
from searchengine.cli import main as cli
from searchengine.query.filters import facet_filter
from searchengine.results import QuoteResult
from searchengine.web import create_app
from searchengine.web.markup import article_paragraphs, http_url, safe_snippet
from searchengine.web.service import effective_query
from searchengine.web.timeline import build_timeline
from searchengine.web.urls import SearchState, chips
from tests.web_articles import build_index

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def index(index_dir):
    with NewsIndex.open(index_dir) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(index):
    with TestClient(create_app(index), raise_server_exceptions=False) as test_client:
        yield test_client


def _seed_id(client) -> str:
    hits = client.get("/api/search", params={"q": "Khalistani"}).json()["hits"]
    assert hits, "the seed article should be indexed"
    return hits[0]["id"]


# JSON API


def test_api_search_is_the_cli_json(client, index_dir):
    params = [("q", "extradition"), ("facet", "person"), ("facet", "year"),
              ("filter", "date:>2020"), ("sort", "date"), ("limit", "3"), ("page", "1")]
    response = client.get("/api/search", params=params)
    assert response.status_code == 200
    run = CliRunner().invoke(cli, ["query", "extradition", "--index", str(index_dir),
                                   "--facet", "person", "--facet", "year",
                                   "--filter", "date:>2020", "--sort", "date", "--limit", "3",
                                   "--json"])
    assert run.exit_code == 0, run.output
    assert response.json() == json.loads(run.output)
    assert set(response.json()) == {"query", "total", "hits", "facets"}


def test_api_search_repeated_filters_combine(client):
    everything = client.get("/api/search", params={"q": "extradition"}).json()["total"]
    one = client.get("/api/search", params=[("q", "extradition"), ("filter", "date:>2022")])
    two = client.get("/api/search", params=[("q", "extradition"), ("filter", "date:>2022"),
                                            ("filter", "date:<2025")])
    assert everything > one.json()["total"] > two.json()["total"] > 0


def test_api_search_with_only_filters(client):
    data = client.get("/api/search", params={"filter": "date:2023"}).json()
    assert [hit["title"] for hit in data["hits"]] == ["Extradition treaty talks in London"]


@pytest.mark.parametrize("params, fragment", [
    ({"q": "(extradition"}, "malformed query"),
    ({"q": 'person:"Modi'}, "unclosed quote"),
    ({"q": ""}, "empty"),
    ({"q": "extradition", "limit": "101"}, "limit"),
    ({"q": "extradition", "limit": "0"}, "limit"),
    ({"q": "extradition", "limit": "many"}, "limit"),
    ({"q": "extradition", "page": "0"}, "page"),
    ({"q": "extradition", "facet": "colour"}, "facet"),
    ({"q": "extradition", "sort": "size"}, "sort"),
])
def test_api_bad_requests_are_400_json(client, params, fragment):
    response = client.get("/api/search", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert fragment in response.json()["error"]


def test_api_limit_caps_page_size(client):
    data = client.get("/api/search", params={"q": "extradition", "limit": 100}).json()
    assert len(data["hits"]) == data["total"]
    assert len(client.get("/api/search", params={"q": "extradition", "limit": 1}).json()[
        "hits"]) == 1


def test_api_article_and_missing_article(client):
    seed = _seed_id(client)
    data = client.get(f"/api/articles/{seed}").json()
    assert data["id"] == seed and "extradition" in data["text"]
    assert set(data["entities"]) == {"person", "org", "place", "other"}
    fields = {"text", "speaker", "statement"}
    assert data["quotes"] and all(set(q) == fields for q in data["quotes"])
    missing = client.get("/api/articles/no-such-article")
    assert missing.status_code == 404 and "no article" in missing.json()["error"]


def test_api_stats(client):
    data = client.get("/api/stats").json()
    assert data["articles"] == 5
    assert data["first_date"] == "2021-09-20" and data["last_date"] == "2025-04-10"


def test_openapi_served_without_cdn_docs(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/search", "/api/articles/{article_id}", "/api/stats"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 404


def test_index_changes_show_up_without_restart(tmp_path):
    with NewsIndex.create(tmp_path / "index") as index:
        index.add_articles([{"title": "First", "text": "An aardvark story.", "date": "2024-01-01"}])
        with TestClient(create_app(index)) as test_client:
            assert test_client.get("/api/search", params={"q": "zebrafish"}).json()["total"] == 0
            with NewsIndex.open(tmp_path / "index") as writer:  # e.g. `search index` meanwhile
                writer.add_articles([{"title": "Zebrafish", "text": "A zebrafish study.",
                                      "date": "2024-02-01"}])
            data = test_client.get("/api/search", params={"q": "zebrafish"}).json()
            assert data["total"] == 1 and data["hits"][0]["title"] == "Zebrafish"
            assert test_client.get("/api/stats").json()["articles"] == 2


# HTML pages


def test_landing_page_shows_stats_and_examples(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "5 articles" in page.text and "2021-09-20" in page.text
    assert "/?q=person%3A%22Tahawwur+Rana%22" in page.text and "date:2025-04" in page.text


def test_search_page_results_facets_timeline(client):
    page = client.get("/", params={"q": "extradition"})
    assert page.status_code == 200
    assert "Tahawwur Rana extradited to India" in page.text
    assert "<mark>" in page.text and 'class="timeline"' in page.text
    assert "filter=date%3A2025" in page.text  # a timeline bar (years: the span is 4 years)
    assert "filter=person%3A" in page.text  # a person facet link
    assert 'href="https://example.org/rana"' in page.text


def test_search_page_filter_chip_and_removal(client):
    page = client.get("/", params=[("q", "extradition"), ("filter", "date:2023")])
    assert "Extradition treaty talks in London" in page.text
    assert "Tahawwur Rana extradited" not in page.text
    assert 'class="chip" href="/?q=extradition"' in page.text


def test_search_page_past_the_last_page_redirects(client):
    page = client.get("/", params={"q": "extradition", "page": 99}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/?q=extradition"


def test_malformed_query_page_explains_in_one_line(client):
    page = client.get("/", params={"q": 'person:"Modi'})
    assert page.status_code == 400
    assert "Malformed query: unclosed quote" in page.text
    assert "Traceback" not in page.text


def test_article_page(client):
    page = client.get(f"/articles/{_seed_id(client)}")
    assert page.status_code == 200
    assert 'class="entity person"' in page.text and 'class="quote"' in page.text
    assert "Shafqat Ali Khan" in page.text
    assert '<span class="statement">(in: Pakistan was “surprised”)</span>' in page.text


def test_a_name_filter_lists_who_appears_with_it(client):
    page = client.get("/", params={"q": "extradition",
                                   "filter": facet_filter("person", "Tahawwur Rana")}).text
    assert "Appearing with <strong>Tahawwur Rana</strong>" in page


def test_every_name_link_on_an_article_page_finds_that_article(client):
    """Entity and speaker links filter by the exact name (person:="..."), which the facets
    count; each one, followed, lists the article it was on."""
    article_id = _seed_id(client)
    page = client.get(f"/articles/{article_id}").text
    links = {html.unescape(h) for h in re.findall(r'href="(/\?filter=[^"]+)"', page)}
    assert len(links) >= 10 and any("speaker%3A%3D" in h for h in links)
    for link in links:
        found = client.get(link.replace("/?", "/api/search?", 1) + "&limit=100").json()
        assert article_id in {hit["id"] for hit in found["hits"]}, link


def test_missing_pages_and_bad_parameters_show_messages(client):
    missing = client.get("/articles/no-such-article")
    assert missing.status_code == 404 and "No article with id" in missing.text
    assert client.get("/nowhere").status_code == 404
    bad = client.get("/", params={"q": "extradition", "page": "two"})
    assert bad.status_code == 400 and "page" in bad.text and "Traceback" not in bad.text


def test_unexpected_errors_never_show_a_traceback(index):
    app = create_app(index)

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    app.state.service.search = broken
    with TestClient(app, raise_server_exceptions=False) as test_client:
        for url in ("/?q=extradition", "/api/search?q=extradition"):
            response = test_client.get(url)
            assert response.status_code == 500
            assert "secret internals" not in response.text and "Traceback" not in response.text


def test_article_text_is_escaped_everywhere(client):
    search = client.get("/", params={"q": "extradition"}).text
    xss_id = client.get("/api/search", params={"q": "payload"}).json()["hits"][0]["id"]
    article = client.get(f"/articles/{xss_id}").text
    for page in (search, article):
        assert "<script>window" not in page and "<img src=x" not in page
        assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    assert "<b>Evil Source</b>" not in search and "&lt;b&gt;Evil Source&lt;/b&gt;" in search
    assert 'href="javascript:' not in search


# Building blocks


def test_safe_snippet_keeps_only_marks():
    snippet = "a &lt;b&gt; <mark>word</mark> <script>x</script> &amp; <mark>m</mark>"
    assert str(safe_snippet(snippet)) == (
        "a &lt;b&gt; <mark>word</mark> &lt;script&gt;x&lt;/script&gt; &amp; <mark>m</mark>")


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a", "https://example.org/a"), ("http://x.org", "http://x.org"),
    ("javascript:alert(1)", None), ("JAVASCRIPT://x.org", None), ("data:text/html,x", None),
    ("//evil.org", None), ("", None), ("ftp://x.org", None),
])
def test_http_url(url, expected):
    assert http_url(url) == expected


def test_article_paragraphs_link_entities_longest_first_and_mark_quotes():
    text = "Narendra Modi met Modi fans.\n\nKhan said “all is well” to <b>reporters</b>."
    entities = {"person": ["Modi", "Narendra Modi", "Khan"], "org": [], "place": [],
                "other": []}
    first, second = article_paragraphs(text, entities, [QuoteResult("all is well", "Khan")])
    assert str(first).count('class="entity person"') == 2
    assert 'person%3A%3D%22Narendra+Modi%22" title="person: Narendra Modi">Narendra Modi</a>' in (
        str(first))
    assert '<q class="quote" title="said by Khan">“all is well”</q>' in str(second)
    assert "&lt;b&gt;reporters&lt;/b&gt;" in str(second)


def test_timeline_granularity_follows_the_span():
    from searchengine.results import FacetCount

    days = [FacetCount("2021-03-01", 2), FacetCount("2025-01-01", 1)]
    timeline = build_timeline(days)
    assert timeline.granularity == "year"
    assert [(b.period, b.count) for b in timeline.bars] == [
        ("2021", 2), ("2022", 0), ("2023", 0), ("2024", 0), ("2025", 1)]
    assert build_timeline([FacetCount("2025-01-01", 1), FacetCount("2025-06-30", 1)]
                          ).granularity == "month"
    assert len(build_timeline([FacetCount("2025-01-01", 1), FacetCount("2025-01-10", 3)]
                              ).bars) == 10
    assert build_timeline([]) is None


def test_url_state_adds_and_removes_filters():
    state = SearchState("extradition", (facet_filter("person", 'Nar"endra  Modi'),), "date", 3)
    assert state.filters == ('person:="Nar\\"endra Modi"',)
    assert state.with_filter("date:2025") == (
        "/?q=extradition&filter=person%3A%3D%22Nar%5C%22endra+Modi%22&filter=date%3A2025"
        "&sort=date")
    chip, = chips(state)
    assert (chip.field, chip.value, chip.remove_url) == (
        "person", 'Nar"endra Modi', "/?q=extradition&sort=date")


def test_empty_query_uses_the_filters():
    assert effective_query("", ["date:2025"]) == ("date:2025", [])
    assert effective_query(" ", ["a:1", "b:2"]) == ("(a:1) AND (b:2)", [])
    assert effective_query("x", ["a:1", " "]) == ("x", ["a:1"])
