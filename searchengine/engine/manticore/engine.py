"""The Manticore engine: the Whoosh engine's interface over a cluster of searchd nodes.

Writes (``writes.Batch``) go to the node that a stable hash of the article's key picks.
Reads go to the distributed indexes ``news`` and ``docs`` of the first node that answers;
when another node does not answer, the results say ``partial``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from whoosh import query as wq

from searchengine.articles import url_key
from searchengine.engine.facets import DATE_FACETS
from searchengine.engine.manticore.client import Cluster, ClusterQueryError, Node, meta_of
from searchengine.engine.manticore.compile import Compiled, compile_query
from searchengine.engine.manticore.config import EngineConfig
from searchengine.engine.manticore.errors import ClusterUnavailable, UnsupportedQuery
from searchengine.engine.manticore.highlight import Highlighter
from searchengine.engine.manticore.schema import (
    DATE_ATTRS,
    DISTRIBUTED_INDEX,
    DOCS_INDEX,
    DOCS_RT_INDEX,
    EPOCH,
    FACET_ATTRS,
    INDEXES,
    NAMES_INDEX,
    RT_INDEX,
    value_id,
)
from searchengine.engine.manticore.writes import Batch
from searchengine.engine.parsing import QueryParser
from searchengine.engine.records import stored_hit, stored_record
from searchengine.engine.schema import FACET_FIELDS, build_schema
from searchengine.engine.whoosh_engine import SORTS, IndexNotFound, WaitCallback, _run_lock, _Waiter
from searchengine.results import (
    ArticleRecord,
    FacetCount,
    IndexStats,
    SearchResults,
)

# Sphinx keeps the top ``max_matches`` rows, and groups, per node: facets count exactly
# while a facet has at most this many distinct values among one node's matches (and date
# facets list at most this many days, months or years).
FACET_MATCHES = 20_000
FIRST_GROUPS = 1_000  # groups kept in the first pass; a facet with more is counted again
MAX_WINDOW = 100_000  # deepest result a page may reach (offset + limit)
FIELD_WEIGHTS = "title=2, title_exact=2, body=1, body_exact=1"


class ClusterNotFound(IndexNotFound):
    """No node answers at the configured addresses, or they serve no news index."""


class ManticoreEngine:
    """A cluster of searchd nodes; ``location`` keeps the config, manifest and caches."""

    def __init__(self, location: str | Path, config: EngineConfig, create: bool = False) -> None:
        self.location = Path(location)
        self.config = config
        self.cluster = Cluster(config.nodes)
        self._parser = QueryParser(build_schema())
        self._names: dict[int, str] = {}
        try:
            tables = self.cluster.query("SHOW TABLES", meta=False)
        except ClusterUnavailable as exc:
            raise ClusterNotFound(f"{exc} (start local nodes with: search cluster up)") from None
        missing = set(INDEXES) - {row[0] for row in tables.sets[0]}
        if missing:
            raise ClusterNotFound(
                f"node {_name(tables.node)} has no {', '.join(sorted(missing))} index "
                "(see README: a real Manticore cluster)"
            )
        if create:
            self.location.mkdir(parents=True, exist_ok=True)
            config.save(self.location)

    @staticmethod
    def exists(location: str | Path) -> bool:
        saved = EngineConfig.read(location)
        return saved is not None and saved.engine == "manticore"

    # Writing

    @contextmanager
    def writer(self, on_wait: WaitCallback | None = None) -> Iterator[Batch]:
        """A batch of writes and deletes, sent when it ends (or on ``commit()``); one
        writer per index folder at a time, as with Whoosh."""
        self.location.mkdir(parents=True, exist_ok=True)
        waiter = _Waiter(self.location, on_wait)
        with _run_lock(self.location, waiter):
            batch = Batch(self.cluster, self._names)
            try:
                yield batch
            except BaseException:
                batch.cancel()
                raise
            else:
                if not batch.closed:
                    batch.commit(reopen=False)

    # Reading

    def refresh(self) -> None:
        """Nothing to reopen: every query sees what the nodes hold."""

    def parse(self, text: str) -> wq.Query:
        """Check and parse a query string exactly as the Whoosh engine does."""
        return self._parser.parse(text)

    def search(
        self,
        text: str,
        *,
        filters: Iterable[str] = (),
        facets: Iterable[str] = (),
        sort: str = "relevance",
        page: int = 1,
        limit: int = 10,
        facet_limit: int | None = 10,
    ) -> SearchResults:
        """Run a query; filters narrow (on this engine they also weigh in the score: one
        MATCH per query); facets count all matches."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r} (use {' or '.join(SORTS)})")
        filters = [f for f in filters if f.strip()]
        facets = list(dict.fromkeys(facets))
        q = self.parse(text)
        parsed = [q, *(self.parse(f) for f in filters)]
        compiled = compile_query(wq.And(parsed) if filters else q)
        page, limit = max(1, page), max(1, limit)
        results = SearchResults(
            query=text, total=0, hits=[], page=page, limit=limit, filters=filters, sort=sort
        )
        if compiled.nothing:
            results.facets = {name: [] for name in facets}
            return results
        offset = (page - 1) * limit
        if offset + limit > MAX_WINDOW:
            total, partial = self._count(compiled)
            if offset < total:
                raise ValueError(
                    f"the manticore engine pages through the first {MAX_WINDOW:,} matches only"
                )
            results.total, results.partial = total, partial
            results.facets = self._facets(compiled, facets, facet_limit)[0] if facets else {}
            return results
        order = "published DESC, id ASC" if sort == "date" else "score DESC, id ASC"
        answer, counts = self._select(
            compiled, "id, WEIGHT() AS score", order, offset, limit, facets, facet_limit
        )
        highlighter = Highlighter(q)
        docs = self._docs([row[0] for row in answer.sets[0]])
        results.hits = [
            stored_hit(_fields(docs[row[0]]), row[1], highlighter)
            for row in answer.sets[0]
            if row[0] in docs
        ]
        results.total = int(answer.meta.get("total_found", 0))
        results.facets = counts
        results.partial = answer.partial
        return results

    def facets(
        self, text: str | None, names: Iterable[str], limit: int | None = 10
    ) -> dict[str, list[FacetCount]]:
        """Facet counts over the matches of ``text`` (over everything when ``text`` is None)."""
        compiled = compile_query(self.parse(text)) if text else Compiled()
        if compiled.nothing:
            return {name: [] for name in names}
        return self._facets(compiled, list(dict.fromkeys(names)), limit)[0]

    def get(self, article_id: str) -> ArticleRecord | None:
        """One article by its id, or by its URL."""
        answer = self.cluster.query(
            f"SELECT id FROM {DISTRIBUTED_INDEX} WHERE public_id = %s LIMIT 5",
            (value_id(article_id),),
        )
        ids = [row[0] for row in answer.sets[0]] + [value_id(url_key(article_id))]
        for doc in self._docs(ids).values():
            if doc.get("id") == article_id or doc.get("key") == url_key(article_id):
                return stored_record(_fields(doc))
        return None

    def _docs(self, ids: list[int]) -> dict[int, dict]:
        """Stored articles by document id (those that exist)."""
        if not ids:
            return {}
        answer = self.cluster.query(
            f"SELECT id, doc FROM {DOCS_INDEX} WHERE id IN ({','.join(map(str, ids))}) "
            f"LIMIT {len(ids)} OPTION max_matches={max(len(ids), 1000)}",
            meta=False,
        )
        return {row[0]: _doc(row[1]) for row in answer.sets[0]}

    def keys(self) -> set[str]:
        """Every article key on every node."""
        keys: set[str] = set()
        for node in self.cluster.nodes:
            last = 0
            while True:
                rows = self.cluster.run(
                    node,
                    f"SELECT id, key FROM {DOCS_RT_INDEX} WHERE id > %s ORDER BY id ASC "
                    "LIMIT 1000 OPTION max_matches=1000",
                    (last,),
                ).sets[0]
                keys.update(key for _, key in rows)
                if len(rows) < 1000:
                    break
                last = rows[-1][0]
        return keys

    def count(self) -> int:
        return self._count(Compiled())[0]

    def stats(self, top: int = 10) -> IndexStats:
        answer = self.cluster.query(
            f"SELECT MIN(published) AS first, MAX(published) AS last FROM {DISTRIBUTED_INDEX} "
            "WHERE pub_day > 0"
        )
        first = last = None
        rows = answer.sets[0]
        if rows and int(answer.meta.get("total_found", 0)):
            first, last = (_from_timestamp(int(v)) for v in rows[0][:2])
        size = 0
        for node in self.cluster.nodes:
            try:
                status = dict(self.cluster.run(node, f"SHOW INDEX {RT_INDEX} STATUS").sets[0])
            except ClusterUnavailable:
                continue
            size += int(status.get("ram_bytes", 0)) + int(status.get("disk_bytes", 0))
        return IndexStats(
            location="manticore " + self.config.node_list,
            articles=self.count(),
            size_bytes=size,
            first_date=first,
            last_date=last,
            top=self.facets(None, FACET_FIELDS, top),
        )

    def close(self) -> None:
        self.cluster.close()

    # SphinxQL

    def _select(
        self,
        compiled: Compiled,
        columns: str,
        order: str,
        offset: int,
        limit: int,
        facets: list[str],
        facet_limit: int | None,
        at_least: dict[str, int] | None = None,
        max_groups: int = FIRST_GROUPS,
    ):
        """One SELECT, after one GROUP BY per facet, sent together (SHOW META then tells
        about the last): (answer of the SELECT, facet name -> counts). Not FACET: on a
        distributed index Sphinx 2.2 miscounts it under an expression filter (dates) and
        cannot select WEIGHT() beside it."""
        where, args = [], []
        if compiled.where:
            columns += f", ({compiled.where}) AS matched"
            where.append("matched = 1")
        if compiled.match:
            where.insert(0, "MATCH(%s)")
            args.append(compiled.match)
        clause = " WHERE " + " AND ".join(where) if where else ""
        matched = f", ({compiled.where}) AS matched" if compiled.where else ""
        statements = []
        at_least, statements = at_least or {}, []
        fetch = {n: FACET_MATCHES if n in at_least else _fetch(n, facet_limit) for n in facets}
        for name in facets:
            statements.append(
                self._group(name, matched, clause, fetch[name], at_least.get(name), max_groups)
            )
            statements.append("SHOW META")
        ranker = "proximity_bm25" if "WEIGHT()" in columns else "none"  # none: no scores
        statements.append(
            f"SELECT {columns} FROM {DISTRIBUTED_INDEX}{clause} ORDER BY {order}"
            f" LIMIT {offset}, {limit} OPTION max_matches={max(offset + limit, 1000)},"
            f" ranker={ranker}, field_weights=({FIELD_WEIGHTS})"
        )
        try:
            answer = self.cluster.query("; ".join(statements), args * len(facets) + args or None)
        except ClusterQueryError as exc:
            raise UnsupportedQuery(f"the manticore engine cannot run this query: {exc}") from None
        counts = {}
        for number, name in enumerate(facets):
            rows, groups = (
                answer.sets[2 * number],
                int(meta_of(answer.sets[2 * number + 1]).get("total_found", 0)),
            )
            if groups > max_groups and max_groups < FACET_MATCHES:
                # more values than the first pass keeps per node: count again, exactly
                _, again = self._select(
                    compiled,
                    "id",
                    "id ASC",
                    0,
                    1,
                    [name],
                    facet_limit,
                    at_least,
                    min(groups, FACET_MATCHES),
                )
                counts[name] = again[name]
                continue
            complete = name in at_least or len(rows) >= groups  # every value of the cut's count
            counts[name] = self._facet_counts(name, rows, facet_limit, complete, compiled)
        answer.sets = answer.sets[-1:]
        return answer, counts

    @staticmethod
    def _group(name, matched, clause, fetch, at_least, max_groups) -> str:
        """The GROUP BY statement that counts one facet."""
        attr = DATE_ATTRS.get(name) or FACET_ATTRS[name]
        by = "value ASC" if name in DATE_FACETS else "n DESC"
        having = f" HAVING n >= {at_least}" if at_least else ""
        return (
            f"SELECT GROUPBY() AS value, COUNT(*) AS n{matched} FROM {DISTRIBUTED_INDEX}"
            f"{clause} GROUP BY {attr}{having} ORDER BY {by} LIMIT {min(fetch, max_groups)}"
            f" OPTION max_matches={max_groups}, ranker=none"
        )

    def _facets(self, compiled: Compiled, names: list[str], limit: int | None):
        answer, counts = self._select(compiled, "id", "id ASC", 0, 1, names, limit)
        return counts, answer.partial

    def _facet_counts(self, name, rows, limit, complete, compiled) -> list[FacetCount]:
        if name in DATE_FACETS:
            width = {"year": 4, "month": 6, "day": 8}[name]
            return [FacetCount(_date_value(int(r[0]), width), int(r[1])) for r in rows if int(r[0])]
        pairs = [(int(r[0]), int(r[1])) for r in rows]
        if limit and not complete and pairs[-1][1] == pairs[limit - 1][1]:
            # the cut may fall inside a run of equal counts: fetch every value of that count
            _, again = self._select(
                compiled, "id", "id ASC", 0, 1, [name], limit, {name: pairs[limit - 1][1]}
            )
            return again[name]
        names = self._value_names([v for v, _ in pairs])
        counts = [FacetCount(names.get(v, f"#{v}"), n) for v, n in pairs]
        counts.sort(key=lambda fc: (-fc.count, fc.value.lower()))
        return counts[:limit] if limit else counts

    def _value_names(self, ids: list[int]) -> dict[int, str]:
        missing = [i for i in ids if i not in self._names]
        for start in range(0, len(missing), 1000):
            chunk = missing[start : start + 1000]
            answer = self.cluster.query(
                f"SELECT id, value FROM {NAMES_INDEX} WHERE id IN ({','.join(map(str, chunk))}) "
                f"LIMIT {len(chunk)} OPTION max_matches={len(chunk)}"
            )
            self._names.update((int(i), v) for i, v in answer.sets[0])
        return {i: self._names[i] for i in ids if i in self._names}

    def _count(self, compiled: Compiled) -> tuple[int, bool]:
        answer, _ = self._select(compiled, "id", "id ASC", 0, 1, [], None)
        return int(answer.meta.get("total_found", 0)), answer.partial


def _fetch(name: str, limit: int | None) -> int:
    if name in DATE_FACETS or not limit:
        return FACET_MATCHES
    return limit * 2 + 20


def _doc(raw) -> dict:
    import json

    return json.loads(raw)


def _date(doc: dict) -> datetime | None:
    return datetime.fromisoformat(doc["date"]) if doc.get("date") else None


def _fields(doc: dict) -> dict:
    """A docs_rt document as stored fields (the date parsed back from ISO text)."""
    return {**doc, "date": _date(doc)}


def _from_timestamp(seconds: int) -> datetime:
    return EPOCH + timedelta(seconds=seconds)


def _date_value(number: int, width: int) -> str:
    text = f"{number:0{width}d}"
    return "-".join(p for p in (text[:4], text[4:6], text[6:8]) if p)


def _name(node: Node | None) -> str:
    return f"{node[0]}:{node[1]}" if node else "?"
