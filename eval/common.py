"""Shared pieces of the evaluation stages: data location, result rows, small metrics."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@dataclass
class Row:
    """One line of the quality table: our figure beside each peer's, against a target."""

    stage: str
    data: str
    metric: str
    ours: float
    peers: dict[str, float | None] = field(default_factory=dict)
    target: float | None = None
    note: str = ""

    @property
    def holds(self) -> bool | None:
        return None if self.target is None else self.ours >= self.target


def f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def peer(name: str, func, *args, **kwargs) -> float | None:
    """Run a peer's measurement; ``None`` (reported as "not installed") when its library
    cannot be imported, so the harness still runs without the ``eval`` extra."""
    try:
        return func(*args, **kwargs)
    except ImportError as exc:
        print(f"  peer {name} skipped: {exc}", file=sys.stderr)
        return None
