"""Helpers for the manticore engine tests: local searchd nodes, and articles read back
from an enriched Whoosh index (so both engines hold the very same enriched articles)."""

from __future__ import annotations

import hashlib
import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from searchengine.articles import Article, Entity, Quote
from searchengine.engine.manticore import cluster


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
    """Every article of a Whoosh index rebuilt from its stored fields, enrichment included."""
    out = []
    for _, f in whoosh_engine.searcher().reader().iter_docs():
        key, public = f["key"], f.get("id", "")
        hashed = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        article = Article(
            text=f.get("body", ""),
            title=f.get("title", ""),
            date=f.get("date"),
            url=f.get("url", ""),
            source=f.get("source", ""),
            authors=list(f.get("authors") or []),
            source_id="" if public == hashed else public,
            path=f.get("path", ""),
            entities=[
                Entity(name, etype)
                for etype, names in (f.get("entities") or {}).items()
                for name in names
            ],
            quotes=[Quote(text, speaker) for text, speaker in f.get("quotes") or []],
        )
        assert article.key == key and article.id == public, (key, public)
        out.append(article)
    return out
