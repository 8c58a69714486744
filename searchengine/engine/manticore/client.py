"""SphinxQL over the MySQL protocol (pymysql): statements to one node, queries to any.

A query goes to the first node that answers (each serves the distributed index), so a
dead node only costs a refused connection; the node that answers reports agents that did
not (``SHOW META`` warnings), which makes the answer partial. Connections are kept per
thread (pymysql connections are not thread-safe; the web view serves from a pool).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from searchengine.engine.manticore.errors import ClusterUnavailable

try:
    import pymysql
    import pymysql.constants
except ImportError:  # pragma: no cover - depends on the installed extras
    pymysql = None

Node = tuple[str, int]
CONNECT_TIMEOUT = 2.0  # seconds
READ_TIMEOUT = 60.0
_LOST = (2003, 2006, 2013, 2055)  # cannot connect, gone away, lost, lost at handshake


class ClusterQueryError(ValueError):
    """A node refused a statement (a query the engine cannot run)."""


@dataclass
class Answer:
    """The result sets of one statement, its ``SHOW META`` and the agents that failed."""

    sets: list[tuple]
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    node: Node | None = None

    @property
    def partial(self) -> bool:
        return bool(self.warnings)


def require_pymysql() -> None:
    if pymysql is None:
        raise ClusterUnavailable(
            "the manticore engine needs pymysql: pip install 'searchengine[manticore]'"
        )


class Cluster:
    """The nodes of one cluster, in the order given."""

    def __init__(self, nodes: tuple[Node, ...]) -> None:
        require_pymysql()
        self.nodes = tuple(nodes)
        self._local = threading.local()

    # Connections

    def _connections(self) -> dict[Node, object]:
        conns = getattr(self._local, "conns", None)
        if conns is None:
            conns = self._local.conns = {}
        return conns

    def _connect(self, node: Node):
        conns = self._connections()
        conn = conns.get(node)
        if conn is None:
            try:
                conn = pymysql.connect(
                    host=node[0],
                    port=node[1],
                    charset="utf8",
                    autocommit=True,
                    client_flag=pymysql.constants.CLIENT.MULTI_STATEMENTS,
                    connect_timeout=CONNECT_TIMEOUT,
                    read_timeout=READ_TIMEOUT,
                    write_timeout=READ_TIMEOUT,
                )
            except pymysql.err.OperationalError as exc:
                raise ClusterUnavailable(
                    f"node {_name(node)} does not answer ({_reason(exc)})"
                ) from None
            conns[node] = conn
        return conn

    def _drop(self, node: Node) -> None:
        conn = self._connections().pop(node, None)
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - the connection is already broken
                pass

    def close(self) -> None:
        for node in list(self._connections()):
            self._drop(node)

    # Statements

    def run(self, node: Node, sql: str, args=None, meta: bool = False) -> Answer:
        """Run a statement (or several, ``;``-separated) on one node, with ``SHOW META`` in
        the same round trip when ``meta``; reconnects once when the connection was lost."""
        for attempt in (1, 2):
            conn = self._connect(node)
            try:
                return _execute(conn, sql, args, meta, node)
            except pymysql.err.OperationalError as exc:
                self._drop(node)
                if exc.args and exc.args[0] in _LOST and attempt == 1:
                    continue
                if exc.args and exc.args[0] in _LOST:
                    raise ClusterUnavailable(
                        f"node {_name(node)} does not answer ({_reason(exc)})"
                    ) from None
                raise ClusterQueryError(f"node {_name(node)}: {_reason(exc)}") from None
            except (pymysql.err.ProgrammingError, pymysql.err.InternalError) as exc:
                raise ClusterQueryError(_reason(exc)) from None
        raise AssertionError("unreachable")

    def query(self, sql: str, args=None, meta: bool = True) -> Answer:
        """Run a read on the first node that answers; ``Answer.partial`` when it could not
        reach every other node (or when nodes before it were down)."""
        down = []
        for node in self.nodes:
            try:
                answer = self.run(node, sql, args, meta=meta)
            except ClusterUnavailable as exc:
                down.append(str(exc))
                continue
            answer.warnings = down + answer.warnings
            return answer
        raise ClusterUnavailable("no node answers: " + "; ".join(down))

    def each(self, sql: str, args=None) -> list[Answer]:
        """Run a statement on every node (writes that every node must take)."""
        return [self.run(node, sql, args) for node in self.nodes]


def _execute(conn, sql: str, args, meta: bool, node: Node) -> Answer:
    with conn.cursor() as cur:
        cur.execute(sql + "; SHOW META" if meta else sql, args)
        sets = [cur.fetchall()]
        while cur.nextset():
            sets.append(cur.fetchall())
    answer = Answer(sets, node=node)
    if meta:
        answer.meta = meta_of(sets.pop())
        answer.warnings = [v for k, v in answer.meta.items() if k.startswith("warning")]
    return answer


def meta_of(rows) -> dict[str, str]:
    """A ``SHOW META`` result as a dict (repeated warnings numbered)."""
    meta: dict[str, str] = {}
    for key, value in rows:
        key = str(key)
        if key in meta:
            key = f"{key}{len(meta)}"
        meta[key] = str(value)
    return meta


def _reason(exc: Exception) -> str:
    args = getattr(exc, "args", ())
    text = str(args[1] if len(args) > 1 else exc)
    return text.replace("\x00", "").strip().splitlines()[0] if text.strip() else type(exc).__name__


def _name(node: Node) -> str:
    return f"{node[0]}:{node[1]}"
