"""Which engine an index uses: ``--engine``/``--nodes`` or ``engine.json`` in the index folder.

Standard library only: the Whoosh query path reads this (one ``stat``) and nothing more.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from searchengine.engine.manticore.errors import EngineConfigError

CONFIG_FILE = "engine.json"
ENGINES = ("whoosh", "manticore")
DEFAULT_ENGINE = "whoosh"


@dataclass(frozen=True)
class EngineConfig:
    """An engine name and, for Manticore, the SphinxQL (MySQL protocol) address of each node."""

    engine: str = DEFAULT_ENGINE
    nodes: tuple[tuple[str, int], ...] = field(default_factory=tuple)

    @classmethod
    def resolve(
        cls, location: str | Path, engine: str | None = None, nodes: str | None = None
    ) -> EngineConfig:
        """Explicit choices win; else the index folder's ``engine.json``; else Whoosh.
        ``nodes`` alone implies Manticore."""
        if engine is None and nodes is None:
            return cls.read(location) or cls()
        engine = (engine or "manticore").lower()
        if engine not in ENGINES:
            raise EngineConfigError(f"unknown engine {engine!r} (use {' or '.join(ENGINES)})")
        if engine == "whoosh":
            if nodes:
                raise EngineConfigError("--nodes is for --engine manticore")
            return cls()
        if not nodes:
            saved = cls.read(location)
            if saved is not None and saved.engine == "manticore":
                return saved
            raise EngineConfigError(
                "--engine manticore needs --nodes HOST:PORT[,HOST:PORT...] "
                "(the SphinxQL ports; `search cluster up` starts local nodes)"
            )
        return cls("manticore", parse_nodes(nodes))

    @classmethod
    def read(cls, location: str | Path) -> EngineConfig | None:
        """The config saved in an index folder, or None when there is none."""
        path = Path(location) / CONFIG_FILE
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise EngineConfigError(f"cannot read {path}: {exc}") from None
        if not isinstance(data, dict) or data.get("engine") not in ENGINES:
            raise EngineConfigError(f"{path} does not name an engine ({' or '.join(ENGINES)})")
        if data["engine"] == "whoosh":
            return cls()
        return cls("manticore", parse_nodes(",".join(map(str, data.get("nodes") or []))))

    def save(self, location: str | Path) -> None:
        """Record the choice in the index folder, so later commands need no flags."""
        path = Path(location) / CONFIG_FILE
        data = {"engine": self.engine, "nodes": [f"{h}:{p}" for h, p in self.nodes]}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
        tmp.replace(path)

    @property
    def node_list(self) -> str:
        return ",".join(f"{h}:{p}" for h, p in self.nodes)


def parse_nodes(text: str) -> tuple[tuple[str, int], ...]:
    """``"127.0.0.1:9306,127.0.0.1:9307"`` -> ((host, port), ...); raises EngineConfigError."""
    nodes = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        host, sep, port = part.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise EngineConfigError(f"node {part!r} is not HOST:PORT (as in 127.0.0.1:9306)")
        nodes.append((host, int(port)))
    if not nodes:
        raise EngineConfigError("no nodes given (use HOST:PORT[,HOST:PORT...])")
    if len(set(nodes)) != len(nodes):
        raise EngineConfigError("the same node is named twice")
    return tuple(nodes)
