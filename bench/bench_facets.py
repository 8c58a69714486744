"""Facet benchmark: where the "5 facets + timeline" query of bench_query.py spends its time.

Times, warm and in CPU ms of this process, the two parts separately: matching (``collect``:
the matches, the total and the top 10) and counting (``FacetCache.count`` over the matches),
against the plain way of counting (``count_facets``: the columns decoded document by
document) in the same run, and checks that both count the same. Before that, the cache's
build per facet, cold: CPU time of the first count over every document and the growth of
the process's heap.

    .venv/bin/python bench/bench_facets.py --index /tmp/perf/scale-ix
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_query import FACETS, QUERIES, TIMELINE  # noqa: E402

NAMES = [*FACETS, TIMELINE]


def heap_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_ms(fn) -> tuple[float, object]:
    start = time.process_time()
    out = fn()
    return (time.process_time() - start) * 1000, out


def spread(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"{statistics.median(ordered):7.1f} / {p95:7.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    import numpy  # noqa: F401  (imported by the first count anyway: not part of the build)

    from searchengine.engine.collect import collect
    from searchengine.engine.facets import FacetCache, all_documents, count_facets
    from searchengine.engine.whoosh_engine import WhooshEngine

    engine = WhooshEngine(args.index)
    searcher = engine.searcher()
    everything = all_documents(searcher)
    cache = FacetCache()
    print(f"{searcher.doc_count():,} articles, {len(everything)} segments")
    print("cache build, cold (first count over every document): CPU ms, heap growth MB")
    base = heap_mb()
    for name in [*NAMES, "entity"]:
        ms, _ = cpu_ms(lambda n=name: cache.count(everything, [n], 10))
        print(f"  {name:8} {ms:7.0f} ms  heap +{heap_mb() - base:6.1f} MB (all so far)")

    def match(q: str):
        return collect(searcher, engine.parse(q), None, newest_first=False, limit=10,
                       lengths=engine._lengths)  # fmt: skip

    queries = QUERIES["facets"]
    found = {q: match(q) for q in queries}  # warm
    matching, counting, plain = [], [], []
    for _ in range(args.repeat):
        for q in queries:
            ms, found[q] = cpu_ms(lambda q=q: match(q))
            matching.append(ms)
            counting.append(cpu_ms(lambda q=q: cache.count(found[q].segments, NAMES, 10))[0])
    same = True
    for q in queries:
        ms, expected = cpu_ms(lambda q=q: count_facets(found[q].segments, NAMES, 10))
        plain.append(ms)
        same &= expected == cache.count(found[q].segments, NAMES, 10)
    hits = ", ".join(f"{q} {found[q].total:,}" for q in queries)
    print(f"\nwarm, CPU ms median / p95 ({args.repeat} runs x {len(queries)} queries: {hits})")
    print(f"  matching (collect)              {spread(matching)}")
    print(f"  counting (FacetCache)           {spread(counting)}")
    print(f"  counting, plain (count_facets)  {spread(plain)}   (1 run x {len(queries)})")
    print(f"  same counts: {same}")


if __name__ == "__main__":
    main()
