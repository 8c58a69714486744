"""Helpers for the manticore engine tests: local searchd nodes, and articles read back
from an enriched Whoosh index (so both engines hold the very same enriched articles)."""

from __future__ import annotations

import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from searchengine.articles import Article
from searchengine.engine.manticore import cluster
from searchengine.engine.manticore.migrate import whoosh_articles


def need_searchd() -> None:
    """Skip the calling test when searchd or pymysql is not installed."""
    if cluster.searchd_path() is None:
        pytest.skip("searchd is not installed (apt-get install sphinxsearch; .ci/run does)")
    try:
        import pymysql  # noqa: F401
    except ImportError:
        pytest.skip("pymysql is not installed (pip install -e '.[test]')")


@contextmanager
def local_cluster(folder: Path, count: int = 2):
    """``count`` fresh searchd nodes under ``folder``, stopped afterwards."""
    need_searchd()
    nodes = cluster.up(folder, count)
    try:
        yield nodes
    finally:
        cluster.down(folder)


def kill(node: cluster.LocalNode) -> None:
    """SIGKILL one node and wait until it no longer accepts connections."""
    os.kill(node.pid(), signal.SIGKILL)
    deadline = time.monotonic() + 10
    while node.running() and time.monotonic() < deadline:
        time.sleep(0.05)


def stored_articles(whoosh_engine) -> list[Article]:
    """Every article of a Whoosh index with its enrichment, checked to keep key and id."""
    out = list(whoosh_articles(whoosh_engine))
    for article, (_, f) in zip(out, whoosh_engine.searcher().reader().iter_docs(), strict=True):
        assert (article.key, article.id) == (f["key"], f.get("id", "")), f["key"]
    return out
