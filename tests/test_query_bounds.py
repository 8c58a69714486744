"""Expensive queries are bounded: each gets a clear error or a capped answer, quickly."""

from __future__ import annotations

import itertools
import string
import time

import pytest
from click.testing import CliRunner

from searchengine.articles import Article
from searchengine.cli import main
from searchengine.engine import Engine
from searchengine.engine.parsing import MAX_EXPANSION, MAX_QUERY_CHARS
from searchengine.query.syntax import QuerySyntaxError

ARTICLES = 400
TIME_BOUND = 2.0  # seconds for any one query on this small index


def _words():
    """More than MAX_EXPANSION distinct words starting with "a" (aaa, aab, ...)."""
    for letters in itertools.product(string.ascii_lowercase, repeat=2):
        yield "a" + "".join(letters) + "x"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    eng = Engine(tmp_path_factory.mktemp("bounds") / "ix", create=True)
    words = list(_words())
    with eng.writer() as batch:
        for n in range(ARTICLES):
            own = [f"{w}{n % 7}" for w in words[n % 4 :: 4][:60]]  # > MAX_EXPANSION overall
            batch.write(
                Article(
                    text=" ".join(own) + " extradition court",
                    title=f"Article {n} extradition",
                    url=f"https://x.org/{n}",
                )
            )
    yield eng
    eng.close()


def timed(fn, *args, **kwargs):
    started = time.monotonic()
    try:
        return fn(*args, **kwargs)
    finally:
        assert time.monotonic() - started < TIME_BOUND


def test_the_index_holds_more_words_than_a_wildcard_may_expand_to(engine):
    reader = engine.searcher().reader()
    assert sum(1 for _ in reader.expand_prefix("body_exact", "a")) > MAX_EXPANSION


@pytest.mark.parametrize("query", ["a*", "a*x*", "*x?", "title:a* OR a*", "body:a?*"])
def test_a_wildcard_matching_too_many_words_is_refused_clearly(engine, query):
    with pytest.raises(QuerySyntaxError, match="too many words match"):
        timed(engine.search, query)


def test_a_too_broad_wildcard_in_a_filter_is_refused_too(engine):
    with pytest.raises(QuerySyntaxError, match="too many words match 'a\\*'"):
        timed(engine.search, "extradition", filters=["a*"])
    with pytest.raises(QuerySyntaxError, match="too many words match"):
        timed(engine.facets, "a*", ["source"])


def test_a_specific_wildcard_still_answers(engine):
    results = timed(engine.search, "aaax*")
    assert results.total > 0
    assert timed(engine.search, "extra*").total == ARTICLES


def test_star_alone_matches_every_article_quickly(engine):
    for query in ("*", "title:*", "* AND extradition", "body:*"):
        results = timed(engine.search, query, limit=5)
        assert results.total == ARTICLES, query
        assert len(results.hits) == 5


def test_a_very_long_query_is_refused_with_its_length(engine):
    with pytest.raises(QuerySyntaxError, match="too long"):
        timed(engine.search, "extradition " * 1000)
    with pytest.raises(QuerySyntaxError, match="too long"):
        timed(engine.search, "(" * 5000 + "a" + ")" * 5000)
    # just under the bound: answers (or a syntax error), in time
    query = " OR ".join(["extradition"] * (MAX_QUERY_CHARS // 16))
    assert len(query) <= MAX_QUERY_CHARS
    assert timed(engine.search, query).total == ARTICLES


def test_deep_nesting_within_the_length_bound_answers_or_is_refused(engine):
    query = "(" * 900 + "extradition" + ")" * 900
    try:
        results = timed(engine.search, query)
    except QuerySyntaxError:
        return
    assert results.total == ARTICLES


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_an_enormous_page_is_an_empty_page_at_once(engine, sort):
    results = timed(engine.search, "extradition", page=10**9, limit=1000, sort=sort)
    assert results.total == ARTICLES
    assert results.hits == []
    results = timed(engine.search, "a?ax*", page=10**12, limit=10**6, sort=sort)
    assert results.hits == []


def test_cli_bounds(engine):
    runner = CliRunner()
    ix = str(engine.location)
    started = time.monotonic()
    out = runner.invoke(main, ["query", "extradition", "--index", ix, "--page", str(10**9)])
    assert out.exit_code == 0, out.output  # matches exist, this page is just empty
    out = runner.invoke(main, ["query", "a*", "--index", ix])
    assert out.exit_code == 2
    assert "too many words match 'a*'" in out.output
    out = runner.invoke(main, ["query", "x" * (MAX_QUERY_CHARS + 1), "--index", ix])
    assert out.exit_code == 2 and "too long" in out.output
    out = runner.invoke(main, ["query", "extradition", "--index", ix, "--limit", "100000"])
    assert out.exit_code == 2  # --limit is capped at 1000 by the CLI
    assert time.monotonic() - started < 4 * TIME_BOUND
