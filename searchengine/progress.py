"""A one-line progress bar with rate and ETA for long indexing runs (stderr, terminals only)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Tracks work measured in bytes read and articles done; redraws at most 10 times a second."""

    def __init__(
        self, label: str = "Indexing", stream: TextIO | None = None, width: int = 28
    ) -> None:
        self.total = 1
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = self.stream.isatty()
        self.start = time.monotonic()
        self._last_draw = 0.0
        self.done_bytes = 0
        self.articles = 0

    def __call__(self, done_bytes: int, total_bytes: int, articles: int) -> None:
        """Record progress: ``done_bytes`` of ``total_bytes`` read, ``articles`` written."""
        self.total = max(1, total_bytes)
        self.done_bytes, self.articles = min(done_bytes, self.total), articles
        now = time.monotonic()
        if self.enabled and (now - self._last_draw >= 0.1 or self.done_bytes >= self.total):
            self._last_draw = now
            self.stream.write("\r" + self.render(now) + "\x1b[K")
            self.stream.flush()

    def render(self, now: float | None = None) -> str:
        elapsed = max(1e-6, (now or time.monotonic()) - self.start)
        fraction = self.done_bytes / self.total
        filled = int(self.width * fraction)
        rate = self.articles / elapsed
        eta = elapsed * (1 - fraction) / fraction if fraction > 0 else None
        return (
            f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {fraction:4.0%} "
            f"{self.articles:,} articles {rate:,.1f}/s ETA {_clock(eta)}"
        )

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
