"""Schemathesis (its CLI, every check) against the OpenAPI document served by a live server
over a real index, plus regression tests for what it found."""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchengine import NewsIndex
from searchengine.web import create_app
from tests.web_articles import ARTICLES, build_index, live_server

SEED = 1  # fixed so that CI runs the same cases; change it locally to explore
MAX_EXAMPLES = 100  # per operation and phase; the whole run takes about 20 s
QUERIES = ["extradition", 'person:"Tahawwur Rana"', "London AND date:>2020", "extrad*",
           '"extradition treaty"', "*", "payload OR script"]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    with NewsIndex.open(build_index(tmp_path_factory.mktemp("schema"))) as opened:
        yield opened


def _config(ids: list[str]) -> str:
    """schemathesis.toml: half the article ids and queries are real ones, so lookups and
    searches reach the code that answers them; 400 is a valid answer to a schema-valid
    search, since a query string can be malformed in ways no JSON schema can say."""
    return "\n".join([
        f"[dictionaries.articles]\nvalues = {json.dumps(ids)}",
        f"[dictionaries.queries]\nvalues = {json.dumps(QUERIES)}",
        '[[operations]]\ninclude-path = "/api/articles/{article_id}"',
        'parameters = { "path.article_id" = { dictionary = "articles", probability = 0.5 } }',
        '[[operations]]\ninclude-path = "/api/search"',
        'parameters = { "query.q" = { dictionary = "queries", probability = 0.5 } }',
        'checks.positive_data_acceptance.expected-statuses = ["2xx", "400"]',
    ]) + "\n"


def test_schemathesis_finds_nothing(index, tmp_path):
    with live_server(index) as url:
        operations = {f"{method.upper()} {path}"
                      for path, methods in httpx.get(f"{url}/openapi.json").json()["paths"].items()
                      for method in methods}
        hits = httpx.get(f"{url}/api/search", params={"q": "*", "limit": 100}).json()["hits"]
        ids = [hit["id"] for hit in hits] + [a["url"] for a in ARTICLES]
        (tmp_path / "schemathesis.toml").write_text(_config(ids))
        report = tmp_path / "report.json"
        run = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli",
             "--config-file", str(tmp_path / "schemathesis.toml"), "run",
             f"{url}/openapi.json", "--checks", "all", "--continue-on-failure",
             "--max-examples", str(MAX_EXAMPLES), "--seed", str(SEED),
             "--generation-database", "none", "--no-color",
             "--report", "json", "--report-json-path", str(report)],
            capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
    data = json.loads(report.read_text())
    assert data["operations"]["tested"] == len(operations) == 3
    assert set(data["valid_rates"]) == operations
    assert data["test_cases"]["errored"] == 0 and not data["failures"]
    # The real ids reached the lookups: some answered 200, not only 404.
    assert data["valid_rates"]["GET /api/articles/{article_id}"]["fuzzing"]["accepted"] > 0
    print(f"schemathesis: {len(operations)} operations, "
          f"{data['test_cases']['generated']} cases, no failure")


# What schemathesis found, each fixed in searchengine/web/.


@pytest.fixture(scope="module")
def client(index):
    with TestClient(create_app(index), raise_server_exceptions=False) as test_client:
        yield test_client


def test_a_405_keeps_its_allow_header(client):
    """ST204: the error handler rebuilt every HTTPException's response and dropped the
    Allow header that a 405 must carry."""
    for url in ("/api/stats", "/api/search?q=x", "/api/articles/x", "/"):
        response = client.request("TRACE", url)
        assert response.status_code == 405
        assert "GET" in response.headers["allow"]


def test_openapi_documents_the_answers_the_api_gives(client):
    """ST103/ST202: refusals are 400 {"error": ...}, not the 422 FastAPI documented; the
    parameters' ranges and choices are in the schema; 200 answers have their real shape."""
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for path, ok_model in (("/api/search", "SearchResponse"),
                           ("/api/articles/{article_id}", "ArticleResponse"),
                           ("/api/stats", "StatsResponse")):
        responses = spec["paths"][path]["get"]["responses"]
        assert "422" not in responses
        assert responses["4XX"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorResponse"}
        ok = responses["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": f"#/components/schemas/{ok_model}"}
        assert schemas[ok_model]["additionalProperties"] is False
    params = {p["name"]: p["schema"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert (params["limit"]["minimum"], params["limit"]["maximum"]) == (1, 100)
    assert params["page"]["minimum"] == 1
    assert params["sort"]["enum"] == ["relevance", "date"]
    assert "person" in params["facet"]["items"]["enum"]
    assert client.get("/api/search", params={"q": "x", "sort": "size"}).status_code == 400


# The HTML pages are not in the OpenAPI document: the same property, with hypothesis.

PAGE_PARAMS = st.fixed_dictionaries({}, optional={
    "q": st.one_of(st.sampled_from(QUERIES), st.text(max_size=60)),
    "filter": st.lists(st.one_of(st.sampled_from(QUERIES), st.text(max_size=30)), max_size=3),
    "sort": st.one_of(st.sampled_from(["relevance", "date"]), st.text(max_size=10)),
    "page": st.one_of(st.integers(-5, 10**30).map(str), st.text(max_size=10)),
})


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=PAGE_PARAMS, article_id=st.one_of(st.sampled_from(QUERIES), st.text(max_size=40)))
def test_html_pages_never_fail(client, params, article_id):
    for response in (client.get("/", params=params, follow_redirects=False),
                     client.get(f"/articles/{quote(article_id, safe='')}")):
        assert response.status_code < 500, (params, article_id, response.status_code)
        assert "Traceback" not in response.text
