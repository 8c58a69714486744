"""Writes to the cluster: buffered REPLACEs and DELETEs, sent per node.

Each article goes to the real-time indexes (``news_rt``, ``docs_rt``) of the node that a
stable hash of its key picks (REPLACE, so indexing again replaces) and is deleted from
every other node, so a changed node list never leaves duplicates. Facet value names go to
every node's ``names_rt``.
"""

from __future__ import annotations

from searchengine.articles import Article
from searchengine.engine.manticore.client import Cluster, Node
from searchengine.engine.manticore.schema import (
    DOCS_RT_INDEX,
    NAMES_INDEX,
    RT_INDEX,
    RowBuilder,
    value_id,
)

FLUSH_BYTES = 2_000_000  # buffered row bytes sent per REPLACE statement


class Batch:
    """Buffered REPLACEs and DELETEs; sent per node on ``commit()`` (or when large)."""

    def __init__(self, cluster: Cluster, names: dict[int, str]) -> None:
        self._cluster = cluster
        self._known_names = names  # shared with the engine: names already on every node
        self._rows = RowBuilder()
        self._pending: dict[int, tuple[dict, dict]] = {}  # doc id -> (news row, docs row)
        self._new_names: dict[int, str] = {}
        self._deletes: set[int] = set()
        self._bytes = 0
        self.closed = False

    def exists(self, key: str) -> bool:
        """Whether an article with this key is indexed (on its node) or in this batch."""
        doc_id = value_id(key)
        if doc_id in self._pending:
            return True
        node = self._node(doc_id)
        answer = self._cluster.run(node, f"SELECT id FROM {RT_INDEX} WHERE id = %s", (doc_id,))
        return bool(answer.sets[0])

    def write(self, article: Article, new: bool = False) -> None:
        """Add the article, replacing any article with the same key."""
        row, stored, names = self._rows.row(article)
        if row["id"] in self._deletes:
            self.flush()
        self._pending[row["id"]] = (row, stored)
        for vid, value in names.items():
            if vid not in self._known_names:
                self._new_names[vid] = value
        self._bytes += _size(row) + _size(stored)
        if self._bytes >= FLUSH_BYTES:
            self.flush()

    def delete(self, key: str) -> None:
        doc_id = value_id(key)
        if doc_id in self._pending:
            self.flush()
        self._deletes.add(doc_id)

    def flush(self) -> None:
        """Send what is buffered: names to every node, rows to their nodes, deletes."""
        if self._new_names:
            for chunk in _chunks(list(self._new_names.items()), 500):
                values = ",".join(f"({vid}, '', {_quote(value)})" for vid, value in chunk)
                self._cluster.each(f"REPLACE INTO {NAMES_INDEX} (id, name, value) VALUES {values}")
            self._known_names.update(self._new_names)
            self._new_names.clear()
        by_node: dict[Node, list[tuple[dict, dict]]] = {}
        for doc_id, rows in self._pending.items():
            by_node.setdefault(self._node(doc_id), []).append(rows)
        for node, rows in by_node.items():
            for chunk in _chunks_by_size(rows, FLUSH_BYTES):
                self._cluster.run(node, _replace(RT_INDEX, [r for r, _ in chunk]))
                self._cluster.run(node, _replace(DOCS_RT_INDEX, [d for _, d in chunk]))
        for node in self._cluster.nodes:  # a row written elsewhere before (other node list)
            elsewhere = [r["id"] for n, rows in by_node.items() if n != node for r, _ in rows]
            for chunk in _chunks(elsewhere + list(self._deletes), 1000):
                ids = ",".join(map(str, chunk))
                for index in (RT_INDEX, DOCS_RT_INDEX):
                    self._cluster.run(node, f"DELETE FROM {index} WHERE id IN ({ids})")
        self._pending.clear()
        self._deletes.clear()
        self._bytes = 0

    def commit(self, reopen: bool = True) -> None:
        """Send everything buffered; the nodes' binlogs make it durable."""
        self.flush()
        if not reopen:
            self.closed = True

    def cancel(self) -> None:
        """Drop what is buffered (what was already sent stays: nodes have no shared
        transaction)."""
        self._pending.clear()
        self._deletes.clear()
        self._new_names.clear()
        self.closed = True

    def _node(self, doc_id: int) -> Node:
        nodes = self._cluster.nodes
        return nodes[doc_id % len(nodes)]


def _replace(index: str, rows: list[dict]) -> str:
    columns = list(rows[0])
    values = ",".join("(" + ", ".join(_literal(row[c]) for c in columns) + ")" for row in rows)
    return f"REPLACE INTO {index} ({', '.join(columns)}) VALUES {values}"


def _size(row: dict) -> int:
    return sum(len(v) for v in row.values() if isinstance(v, str))


def _literal(value) -> str:
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(map(str, value)) + ")"
    return str(int(value))


def _quote(text: str) -> str:
    from pymysql.converters import escape_string

    return "'" + escape_string(text) + "'"


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _chunks_by_size(rows: list[tuple[dict, dict]], limit: int):
    chunk, size = [], 0
    for row in rows:
        row_size = _size(row[0]) + _size(row[1])
        if chunk and size + row_size > limit:
            yield chunk
            chunk, size = [], 0
        chunk.append(row)
        size += row_size
    if chunk:
        yield chunk
