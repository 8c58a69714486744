"""Articles read back from a Whoosh index, enrichment included: move an index to a
cluster (or compare the engines) without running spaCy again."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from searchengine.articles import Article, Entity, Quote


def whoosh_articles(whoosh_engine) -> Iterator[Article]:
    """Every article of a Whoosh engine, rebuilt from its stored fields with the same key,
    id, entities and quotes (not ``title_is_lede``, which is not stored)."""
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
            quotes=[Quote(*row) for row in f.get("quotes") or []],
        )
        if article.key != key:  # an id-keyed article whose id is its key's hash: rare
            article.source_id = key.removeprefix("id:")
        yield article
