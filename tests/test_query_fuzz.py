"""Random query strings: the API answers or raises the documented QuerySyntaxError, nothing else."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchengine.articles import Article, Entity, Quote
from searchengine.engine import Engine
from searchengine.query.syntax import QuerySyntaxError

PIECES = st.sampled_from(
    [
        "extradition",
        "Pakistan",
        "AND",
        "OR",
        "NOT",
        "(",
        ")",
        '"',
        "*",
        "?",
        "~",
        "~2",
        ":",
        "person:",
        "date:",
        "quote:",
        "entity:",
        "date:2025",
        "date:>2024-06",
        "[",
        "]",
        "{",
        "}",
        " TO ",
        "date:[2025 TO 2026]",
        "élection",
        "\x00",
        "\t",
        "99999999999999999999",
        "-",
        "+",
        "^",
        "\\",
        "/",
        "'",
        "“",
        "”",
        "url:https://x.org/a",
        "title:",
        "Tahawur~",
        "elect*",
    ]
)
QUERIES = st.one_of(
    st.lists(PIECES, max_size=8).map(" ".join),
    st.lists(PIECES, max_size=8).map("".join),
    st.text(max_size=40),
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    eng = Engine(tmp_path_factory.mktemp("fuzz") / "ix", create=True)
    with eng.writer() as batch:
        batch.write(
            Article(
                text="The extradition of Tahawwur Rana was approved. Pakistan was “surprised”.",
                title="Extradition approved",
                date=datetime(2025, 2, 15),
                url="https://x.org/a",
                entities=[Entity("Tahawwur Rana", "person"), Entity("Pakistan", "place")],
                quotes=[Quote("surprised", "Pakistan")],
            )
        )
    yield eng
    eng.close()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERIES)
def test_random_queries_answer_or_raise_the_documented_error(engine, query):
    try:
        results = engine.search(query, facets=["person", "month"])
    except QuerySyntaxError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert results.total >= 0
