"""The manticore engine on its own: local nodes, writes, a node killed mid-query, what
SphinxQL cannot say, and the CLI. Real searchd nodes on free 127.0.0.1 ports in a temp
folder; skipped with a reason where searchd is not installed."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import datetime

import pytest
from click.testing import CliRunner

from searchengine.api import NewsIndex
from searchengine.articles import Article, Entity, Quote
from searchengine.cli import main
from searchengine.engine import open_engine
from searchengine.engine.manticore import cluster
from searchengine.engine.manticore.errors import ClusterUnavailable, UnsupportedQuery
from searchengine.engine.whoosh_engine import WhooshEngine
from searchengine.query.syntax import QuerySyntaxError
from tests.manticore_nodes import kill, local_cluster, need_searchd

DOCS = [
    Article(
        "Elections were held in the capital. Turnout was high. We won the elections, Biden said.",
        "Vote count",
        datetime(2020, 3, 1),
        "https://a.example/1",
        source="Wire",
        entities=[Entity("Joe Biden", "person"), Entity("United States", "place")],
        quotes=[Quote("We won the elections", "Joe Biden")],
    ),
    Article(
        "Two earthquakes struck the coast; the election was postponed.",
        "Quake",
        datetime(2021, 5, 2),
        "https://a.example/2",
        source="Wire",
        entities=[Entity("Chile", "place")],
    ),
    Article(
        "An article about elections without a date <b>bold</b> & more.",
        "Undated",
        None,
        "https://b.example/3",
        source="Blog",
        entities=[Entity("Joe Biden", "person"), Entity("NATO", "org")],
    ),
]


@pytest.fixture()
def nodes(tmp_path):
    with local_cluster(tmp_path / "cluster", 2) as started:
        yield started


def _engines(tmp_path, nodes, docs=DOCS):
    """The same articles in a Whoosh index and on the nodes."""
    whoosh = WhooshEngine(tmp_path / "whoosh", create=True)
    manticore = open_engine(
        tmp_path / "ix", create=True, engine="manticore", nodes=cluster.node_list(nodes)
    )
    for engine in (whoosh, manticore):
        with engine.writer() as batch:
            for doc in docs:
                batch.write(doc)
    return whoosh, manticore


def test_cluster_up_status_down(tmp_path):
    need_searchd()
    folder = tmp_path / "c"
    started = cluster.up(folder, 2)
    try:
        assert len({n.port for n in started} | {n.api_port for n in started}) == 4
        assert all(n.running() for n in started)
        assert cluster.read(folder) == started
        with pytest.raises(ValueError, match="already has running nodes"):
            cluster.up(folder, 2)
        rows = cluster.status(tuple(("127.0.0.1", n.port) for n in started))
        assert [(r["up"], r["articles"], r["total"]) for r in rows] == [(True, 0, 0)] * 2
    finally:
        stopped = cluster.down(folder)
    assert stopped == started and not any(n.running() for n in started)
    assert cluster.down(folder) == []


def test_writes_spread_by_key_and_replace_never_duplicate(tmp_path, nodes):
    whoosh, manticore = _engines(tmp_path, nodes)
    many = [Article(f"filler text number {i}", f"doc {i}", url=f"u{i}") for i in range(200)]
    with manticore.writer() as batch:
        for doc in many:
            batch.write(doc)
    with manticore.writer() as batch:  # again, plus a changed version of the first article
        for doc in many:
            assert batch.exists(doc.key)
            batch.write(doc)
        batch.write(Article("Elections rerun.", "Vote count v2", datetime(2020, 3, 2), DOCS[0].url))
    assert manticore.count() == 203
    per_node = [r["articles"] for r in cluster.status(manticore.config.nodes)]
    assert sum(per_node) == 203 and min(per_node) > 60  # a stable hash spreads them
    assert manticore.search("rerun").hits[0].title == "Vote count v2"
    assert manticore.search("turnout").total == 0
    with manticore.writer() as batch:
        batch.delete("url:https://a.example/2")
    assert manticore.get("https://a.example/2") is None and manticore.count() == 202


def test_a_changed_node_list_leaves_no_duplicates(tmp_path):
    """Re-indexing with three nodes instead of two moves articles, never copies them."""
    need_searchd()
    with local_cluster(tmp_path / "c", 3) as three:
        first_two = cluster.node_list(three[:2])
        engine = open_engine(tmp_path / "a", create=True, engine="manticore", nodes=first_two)
        docs = [Article(f"text {i}", url=f"v{i}") for i in range(60)]
        with engine.writer() as batch:
            for doc in docs:
                batch.write(doc)
        engine = open_engine(
            tmp_path / "b", create=True, engine="manticore", nodes=cluster.node_list(three)
        )
        with engine.writer() as batch:
            for doc in docs:
                batch.write(doc)
        counts = [r["articles"] for r in cluster.status(engine.config.nodes)]
        assert sum(counts) == 60 and counts[2] > 0


def test_a_node_killed_mid_query_gives_partial_results(tmp_path, nodes):
    docs = [Article(f"common word {i}", f"doc {i}", url=f"k{i}") for i in range(100)]
    _, manticore = _engines(tmp_path, nodes, docs)
    assert manticore.search("common").total == 100
    answers, errors, stop = [], [], threading.Event()

    def keep_querying():
        while not stop.is_set():
            try:
                answers.append(manticore.search("common", facets=["source"]))
            except Exception as exc:  # noqa: BLE001 - any failure fails the test
                errors.append(exc)

    reader = threading.Thread(target=keep_querying)
    reader.start()
    try:
        while len(answers) < 5:
            pass
        kill(nodes[1])
        before = len(answers)
        while len(answers) < before + 5 and reader.is_alive():
            pass
    finally:
        stop.set()
        reader.join()
    assert errors == []
    complete = [a for a in answers if not a.partial]
    partial = [a for a in answers if a.partial]
    assert complete and all(a.total == 100 for a in complete)
    survivors = manticore.search("common").total
    assert partial and all(a.total == survivors for a in partial) and 0 < survivors < 100
    assert manticore.search("common").to_dict()["partial"] is True
    assert "partial" not in complete[0].to_dict()
    with pytest.raises(ClusterUnavailable), manticore.writer() as batch:
        for doc in docs:
            batch.write(doc)  # writes need every node


def test_the_first_node_down_answers_from_the_next(tmp_path, nodes):
    docs = [Article(f"common word {i}", url=f"f{i}") for i in range(50)]
    _, manticore = _engines(tmp_path, nodes, docs)
    kill(nodes[0])
    results = manticore.search("common")
    assert results.partial and 0 < results.total < 50
    kill(nodes[1])
    with pytest.raises(ClusterUnavailable, match="no node answers"):
        manticore.search("common")


def test_what_sphinxql_cannot_say_is_refused_clearly(tmp_path, nodes):
    whoosh, manticore = _engines(tmp_path, nodes)
    assert whoosh.search("eathquakes~").total == 1
    with pytest.raises(UnsupportedQuery, match="fuzzy terms .* not supported"):
        manticore.search("eathquakes~")
    assert whoosh.search("date:2020 OR quake").total == 2
    with pytest.raises(UnsupportedQuery, match="cannot combine date: with words under OR"):
        manticore.search("date:2020 OR quake")
    with pytest.raises(UnsupportedQuery, match="two letters"):
        manticore.search("e?rthquakes")
    assert issubclass(UnsupportedQuery, QuerySyntaxError)  # reported as a bad query
    with pytest.raises(QuerySyntaxError):
        manticore.search('person:"Joe')  # the same syntax check as Whoosh


def test_documented_differences(tmp_path, nodes):
    whoosh, manticore = _engines(tmp_path, nodes)
    # proximity: Whoosh keeps the order of the words, Sphinx does not
    assert whoosh.search('"coast earthquakes"~3').total == 0
    assert manticore.search('"coast earthquakes"~3').total == 1
    assert manticore.search('"earthquakes coast"~3').total == 1
    # filters narrow on both; on Manticore they take part in the score (one MATCH)
    assert manticore.search("election", filters=['person:"Joe Biden"']).total == 2


def test_a_wildcard_over_too_many_words(tmp_path, nodes):
    """Whoosh refuses a wildcard standing for over 1,000 words; each Sphinx node expands it
    to its own 1,000 most frequent words (expansion_limit) and answers."""
    docs = [Article(f"word{i:04d} filler", url=f"w{i}") for i in range(2400)]
    whoosh, manticore = _engines(tmp_path, nodes, docs)
    with pytest.raises(QuerySyntaxError, match="too many words"):
        whoosh.search("word*")
    per_node = [r["articles"] for r in cluster.status(manticore.config.nodes)]
    assert min(per_node) > 1000  # every node has more words than it expands
    assert manticore.search("word*").total == 2000
    assert manticore.search("word00*").total == whoosh.search("word00*").total == 100


def test_cli_cluster_index_query_status_down(tmp_path, seed_corpus):
    need_searchd()
    runner = CliRunner()
    folder, index = tmp_path / "c", tmp_path / "ix"
    up = runner.invoke(main, ["cluster", "up", "--nodes", "2", "--dir", str(folder)])
    assert up.exit_code == 0, up.output
    try:
        addresses = cluster.node_list(cluster.read(folder))
        assert addresses in up.output
        done = runner.invoke(
            main,
            ["index", "--engine", "manticore", "--nodes", addresses, "--index", str(index)]
            + [str(seed_corpus)],
        )
        assert done.exit_code == 0, done.output
        assert json.loads((index / "engine.json").read_text())["engine"] == "manticore"
        whoosh = tmp_path / "whoosh"
        assert (
            runner.invoke(main, ["index", "--index", str(whoosh), str(seed_corpus)]).exit_code == 0
        )
        query = ["extradition", "--facet", "person", "--json"]
        ours = runner.invoke(main, ["query", "--index", str(index), *query])  # engine.json
        flags = runner.invoke(main, ["--engine", "manticore", "--nodes", addresses, *query])
        theirs = runner.invoke(main, ["query", "--index", str(whoosh), *query])
        assert ours.exit_code == flags.exit_code == theirs.exit_code == 0, ours.output
        mine, expected = json.loads(ours.output), json.loads(theirs.output)
        assert json.loads(flags.output)["total"] == mine["total"] == expected["total"] > 0
        assert [h["id"] for h in mine["hits"]] == [h["id"] for h in expected["hits"]]
        assert mine["facets"] == expected["facets"]
        assert set(mine) == set(expected)
        status = runner.invoke(main, ["cluster", "status", "--dir", str(folder)])
        assert status.exit_code == 0 and status.output.count(" up ") == 2
        fuzzy = runner.invoke(main, ["query", "--index", str(index), "Tahawur~"])
        assert fuzzy.exit_code == 2 and "not supported by the manticore engine" in fuzzy.output
    finally:
        down = runner.invoke(main, ["cluster", "down", "--dir", str(folder)])
    assert down.exit_code == 0 and "2 nodes stopped" in down.output
    gone = runner.invoke(main, ["query", "--index", str(index), "extradition"])
    assert gone.exit_code == 2 and "no node answers" in gone.output
    status = runner.invoke(main, ["cluster", "status", "--dir", str(folder)])
    assert status.exit_code == 1 and status.output.count(" down ") == 2


def test_cli_bad_engine_choices_are_one_line_errors(tmp_path):
    runner = CliRunner()
    index = ["--index", str(tmp_path / "ix")]
    for args, message in [
        (["query", *index, "--engine", "manticore", "x"], "needs --nodes"),
        (["query", *index, "--nodes", "localhost", "x"], "is not HOST:PORT"),
        (["query", *index, "--nodes", "127.0.0.1:1", "x"], "no node answers"),
        (["index", *index, "--nodes", "127.0.0.1:1", str(tmp_path)], "no node answers"),
        (["cluster", "down", "--dir", str(tmp_path)], "no nodes recorded"),
        (["cluster", "status"], "give --dir DIR"),
    ]:
        result = runner.invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output


def test_the_whoosh_query_path_never_imports_pymysql(seed_index):
    code = (
        "import sys; from searchengine import NewsIndex; "
        f"ix = NewsIndex.open({str(seed_index.path)!r}); "
        "ix.search('extradition', facets=['person']); "
        "print('pymysql' in sys.modules, 'searchengine.engine.manticore.engine' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_python_api_chooses_the_engine(tmp_path, nodes):
    addresses = cluster.node_list(nodes)
    with NewsIndex.create(tmp_path / "ix", engine="manticore", nodes=addresses) as index:
        index.add_articles(
            [
                {
                    "title": "Rana extradited",
                    "text": "Tahawwur Rana was extradited.",
                    "date": "2025-04-10",
                    "url": "https://example.org/rana",
                }
            ]
        )
    with NewsIndex.open(tmp_path / "ix") as index:  # engine.json names the engine
        assert len(index) == 1 and index.search("extradited").hits[0].title == "Rana extradited"


def test_the_web_view_and_json_api_run_on_the_cluster(tmp_path, nodes):
    from fastapi.testclient import TestClient

    from searchengine.web import create_app

    addresses = cluster.node_list(nodes)
    with NewsIndex.create(tmp_path / "ix", engine="manticore", nodes=addresses) as index:
        index.add_articles([{"title": a.title, "text": a.text, "url": a.url} for a in DOCS])
        with TestClient(create_app(index)) as client:
            api = client.get("/api/search", params={"q": "election", "facet": "year"}).json()
            assert api == index.search("election", facets=["year"]).to_dict()
            assert api["total"] == 3
            page = client.get("/", params={"q": "election"})
            assert page.status_code == 200 and "Vote count" in page.text
            assert client.get("/api/stats").json()["articles"] == 3
            bad = client.get("/api/search", params={"q": "Tahawur~"})
            assert bad.status_code == 400 and "not supported" in bad.json()["error"]
            assert "partial" not in page.text
            kill(nodes[1])
            page = client.get("/", params={"q": "election"})
            assert page.status_code == 200 and "results and counts are partial" in page.text
            assert client.get("/api/search", params={"q": "election"}).json()["partial"] is True
