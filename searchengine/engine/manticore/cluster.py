"""Local searchd nodes for trying the engine out: write configs, start, stop, report.

``up`` picks free 127.0.0.1 ports (one SphinxQL port for clients, one binary-API port for
the other nodes' agents), writes ``DIR/nodeN/searchd.conf``, starts each ``searchd`` and
records the nodes in ``DIR/cluster.json``. ``down`` stops the recorded nodes; ``status``
tells which answer and how many articles each holds.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from searchengine.engine.manticore.errors import ClusterUnavailable, EngineConfigError
from searchengine.engine.manticore.schema import (
    DISTRIBUTED_INDEX,
    RT_INDEX,
    distributed_config,
    rt_index_config,
)

RECORD = "cluster.json"
SEARCHD = "searchd"
START_TIMEOUT = 15.0  # seconds for a node to accept connections
STOP_TIMEOUT = 15.0


@dataclass(frozen=True)
class LocalNode:
    """One searchd on this machine."""

    folder: Path
    port: int  # SphinxQL (MySQL protocol): what --nodes names
    api_port: int  # binary API: what other nodes' agents call

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def config(self) -> Path:
        return self.folder / "searchd.conf"

    @property
    def pid_file(self) -> Path:
        return self.folder / "searchd.pid"

    def pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def running(self) -> bool:
        pid = self.pid()
        return pid is not None and _alive(pid) and _answers(self.port)


def searchd_path() -> str | None:
    """The searchd binary, or None (Debian: apt-get install sphinxsearch)."""
    return shutil.which(SEARCHD)


def node_config(node: LocalNode, others: list[LocalNode]) -> str:
    """The whole searchd.conf of one local node."""
    folder = node.folder.resolve()
    searchd = "\n".join(
        [
            "searchd",
            "{",
            f"    listen = 127.0.0.1:{node.port}:mysql41",
            f"    listen = 127.0.0.1:{node.api_port}",
            f"    pid_file = {folder}/searchd.pid",
            f"    log = {folder}/searchd.log",
            f"    query_log = {folder}/query.log",
            f"    binlog_path = {folder}/binlog",
            "    workers = threads",
            "    max_packet_size = 128M",
            "    expansion_limit = 1000",  # words one wildcard stands for, at most
            "    seamless_rotate = 0",
            "    watchdog = 0",
            "    shutdown_timeout = 1",  # seconds to wait for open client connections
            "}",
        ]
    )
    agents = [f"127.0.0.1:{o.api_port}" for o in others]
    return (
        rt_index_config(f"{folder}/data")
        + "\n"
        + distributed_config(agents)
        + "\n"
        + searchd
        + "\n"
    )


def up(folder: Path, count: int) -> list[LocalNode]:
    """Start ``count`` local nodes under ``folder`` (raises ClusterUnavailable)."""
    binary = searchd_path()
    if binary is None:
        raise ClusterUnavailable(
            "searchd is not installed (Debian/Ubuntu: apt-get install sphinxsearch; "
            "or install Manticore Search)"
        )
    if count < 1:
        raise EngineConfigError("--nodes must be 1 or more")
    folder = Path(folder)
    running = [n for n in read(folder) if n.running()]
    if running:
        raise EngineConfigError(
            f"{folder} already has running nodes ({', '.join(n.address for n in running)}); "
            "stop them first with: search cluster down --dir " + str(folder)
        )
    ports = free_ports(2 * count)
    nodes = [
        LocalNode(folder / f"node{i + 1}", ports[2 * i], ports[2 * i + 1]) for i in range(count)
    ]
    for node in nodes:
        for sub in ("data", "binlog"):
            (node.folder / sub).mkdir(parents=True, exist_ok=True)
        node.config.write_text(node_config(node, [o for o in nodes if o is not node]), "utf-8")
    _record(folder, nodes)
    for node in nodes:
        start(node, binary)
    return nodes


def start(node: LocalNode, binary: str | None = None) -> None:
    """Start one node from its config and wait until it accepts connections."""
    binary = binary or searchd_path()
    if binary is None:
        raise ClusterUnavailable("searchd is not installed")
    log = node.folder / "start.log"
    with open(log, "wb") as out:
        code = subprocess.call(
            [binary, "--config", str(node.config.resolve())],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=node.folder,
        )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if _answers(node.port):
            return
        time.sleep(0.05)
    tail = log.read_text("utf-8", "replace").strip().splitlines()[-1:] if log.exists() else []
    raise ClusterUnavailable(
        f"searchd did not start on {node.address} (exit {code}): {' '.join(tail)}"
    )


def down(folder: Path) -> list[LocalNode]:
    """Stop the recorded nodes of ``folder``; returns those that were running."""
    stopped = {}
    for node in read(folder):  # all at once: each may wait for its clients to leave
        pid = node.pid()
        if pid is not None and _alive(pid):
            os.kill(pid, signal.SIGTERM)
            stopped[pid] = node
    deadline = time.monotonic() + STOP_TIMEOUT
    while any(_alive(pid) for pid in stopped) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in stopped:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    return list(stopped.values())


def read(folder: Path) -> list[LocalNode]:
    """The nodes recorded in ``folder`` (none when it has no record)."""
    try:
        data = json.loads((Path(folder) / RECORD).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    return [
        LocalNode(Path(folder) / n["folder"], int(n["port"]), int(n["api_port"]))
        for n in data.get("nodes", [])
    ]


def node_list(nodes: list[LocalNode]) -> str:
    """What ``--nodes`` takes: ``127.0.0.1:P1,127.0.0.1:P2``."""
    return ",".join(n.address for n in nodes)


def status(addresses: tuple[tuple[str, int], ...]) -> list[dict]:
    """For each node: whether it answers, its own article count and the cluster's."""
    from searchengine.engine.manticore.client import Cluster

    rows = []
    cluster = Cluster(addresses)
    for node in addresses:
        row = {"node": f"{node[0]}:{node[1]}", "up": False, "articles": None, "total": None}
        try:
            own = cluster.run(node, f"SELECT id FROM {RT_INDEX} LIMIT 1", meta=True)
            total = cluster.run(node, f"SELECT id FROM {DISTRIBUTED_INDEX} LIMIT 1", meta=True)
        except (ClusterUnavailable, ValueError) as exc:
            row["error"] = str(exc)
        else:
            row.update(
                up=True,
                articles=int(own.meta.get("total_found", 0)),
                total=int(total.meta.get("total_found", 0)),
                partial=total.partial,
            )
        rows.append(row)
    cluster.close()
    return rows


def free_ports(count: int) -> list[int]:
    """``count`` distinct ports that are free on 127.0.0.1 right now."""
    sockets, ports = [], []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
            ports.append(s.getsockname()[1])
    finally:
        for s in sockets:
            s.close()
    return ports


def _record(folder: Path, nodes: list[LocalNode]) -> None:
    data = {
        "nodes": [{"folder": n.folder.name, "port": n.port, "api_port": n.api_port} for n in nodes]
    }
    (folder / RECORD).write_text(json.dumps(data, indent=2) + "\n", "utf-8")


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of this process: reap it
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done == 0
    except ChildProcessError:
        return True
