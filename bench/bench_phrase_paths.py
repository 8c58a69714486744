"""Phrase collection: posting ids and positions (ours) against Whoosh's span matchers.

Runs the phrase queries of ``bench_query.py`` on one index both ways in the same process:
``collect`` (the words' posting arrays intersected, positions matched as keys on the
candidates, BM25 over the matches) and Whoosh's matcher tree scoring and recording every
match (what phrases ran through before). Checks both give the same total and top 10
(documents and scores), and prints median / p95 CPU ms per query for each.

    .venv/bin/python bench/bench_phrase_paths.py --index /tmp/scale-ix
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_query import QUERIES  # noqa: E402

from searchengine.engine import Engine  # noqa: E402
from searchengine.engine.collect import _one_pass, collect  # noqa: E402
from searchengine.engine.scoring import LengthCache  # noqa: E402


def cpu_ms(fn, repeat: int) -> list[float]:
    fn()  # warm
    out = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        out.append((time.process_time() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    engine = Engine(args.index)
    searcher, lengths = engine.searcher(), LengthCache()
    samples: dict[str, list[float]] = {"ours": [], "Whoosh spans": []}
    for text in QUERIES["phrase"]:
        q = engine.parse(text)
        ours = collect(searcher, q, None, newest_first=False, limit=10, lengths=lengths)
        spans = _one_pass(searcher, q, None, 10)
        same = ours.total == spans.total and [d for d, _ in ours.hits] == [
            d for d, _ in spans.hits
        ]
        close = all(
            math.isclose(a, b, rel_tol=1e-9)
            for (_, a), (_, b) in zip(ours.hits, spans.hits, strict=True)
        )
        print(f"{text:20} {ours.total:7,} matches; same total and top 10: {same and close}")
        samples["ours"] += cpu_ms(
            lambda q=q: collect(searcher, q, None, newest_first=False, limit=10, lengths=lengths),
            args.repeat,
        )
        samples["Whoosh spans"] += cpu_ms(lambda q=q: _one_pass(searcher, q, None, 10), args.repeat)
    print(f"\nphrase collection, CPU ms median / p95 ({searcher.doc_count():,} articles)")
    for name, values in samples.items():
        values.sort()
        p95 = values[max(0, int(len(values) * 0.95) - 1)]
        print(f"{name:14} {statistics.median(values):8.1f} / {p95:7.1f}")
    engine.close()


if __name__ == "__main__":
    main()
