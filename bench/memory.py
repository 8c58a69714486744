"""Peak memory of a process tree, sampled from /proc: the sum of proportional set sizes.

RSS counts a page once in every process that maps it, so forked workers that still share
pages with their parent make the sum of RSS overstate what the machine gives the job. PSS
splits each shared page between the processes that share it: the sum of PSS over the tree
is the job's real footprint.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo.extend(int(c) for c in (task / "children").read_text().split())
            except OSError:
                pass
    return out


def _rollup(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB (0, 0 when it is gone)."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


class TreeMemory:
    """Context manager sampling this process and its children every ``every`` seconds."""

    def __init__(self, every: float = 0.5) -> None:
        self.every = every
        self.peak_pss_mb = self.peak_rss_mb = 0.0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self) -> None:
        pids = _tree(os.getpid())
        sizes = [_rollup(p) for p in pids]
        pss = sum(s[0] for s in sizes) / 1024
        if pss > self.peak_pss_mb:
            self.peak_pss_mb, self.peak_processes = pss, len(pids)
        self.peak_rss_mb = max(self.peak_rss_mb, sum(s[1] for s in sizes) / 1024)

    def __enter__(self) -> TreeMemory:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
