"""Exact-name filters: what a facet click costs, ``person:="X"`` against the phrase
``person:"X"`` that facet links used before, in the same run.

For facet values taken at several frequencies (the most frequent person, organisation and
place, and values counted about 1,000, 100, 10 and once), prints each one's facet count, the
totals the two filters give (the exact one must equal the count) and the warm CPU ms of the
whole search (matches, total, top 10 and the person facet), median / p95 of ``--repeat``
runs, under ``*`` and under a word. The first exact filter of a facet in a segment builds
that facet's column (the same build as the first facet count), so one cold search per facet
is run and reported before the warm ones.

    .venv/bin/python bench/bench_exact_names.py --index /tmp/postings/scale-ix
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_facets import cpu_ms, spread  # noqa: E402

LEVELS = (None, 1000, 100, 10, 1)  # None: the most frequent value


def pick(counts, level):
    """The value whose count is nearest ``level`` (the first one for None)."""
    if level is None:
        return counts[0]
    return min(counts, key=lambda fc: (abs(fc.count - level), fc.value))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--word", default="government")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from searchengine import NewsIndex
    from searchengine.query.filters import facet_filter
    from searchengine.web.urls import name_query

    index = NewsIndex.open(args.index)
    print(f"{len(index):,} articles in {args.index}")
    for facet in ("person", "org", "place"):
        ms, _ = cpu_ms(lambda f=facet: index.search("*", filters=[f'{f}:="none such"']))
        print(f"cold: first exact {facet} filter {ms:.0f} ms CPU (builds the {facet} column)")
    every = index._engine.facets(None, ["person", "org", "place"], None)
    print(f"\n{'facet value':44} {'count':>7} {'exact':>7} {'phrase':>7}   "
          f"{'query':10} {'exact ms':>15} {'phrase ms':>15}")  # fmt: skip
    mismatched, seen = 0, set()
    for facet in ("person", "org", "place"):
        for level in LEVELS if facet == "person" else (None,):
            fc = pick(every[facet], level)
            if (facet, fc.value) in seen:
                continue
            seen.add((facet, fc.value))
            exact, phrase = facet_filter(facet, fc.value), name_query(facet, fc.value)
            for query in ("*", args.word):
                timings = {}
                totals = {}
                for label, f in (("exact", exact), ("phrase", phrase)):
                    samples = []
                    for _ in range(args.repeat):
                        ms, found = cpu_ms(
                            lambda f=f, q=query: index.search(q, filters=[f], facets=["person"])
                        )
                        samples.append(ms)
                    timings[label], totals[label] = spread(samples), found.total
                if query == "*":
                    mismatched += totals["exact"] != fc.count
                    shown = f"{totals['exact']:7,} {totals['phrase']:7,}"
                    head = f"{facet}:{fc.value}"[:44]
                    print(f"{head:44} {fc.count:7,} {shown}   {query:10} "
                          f"{timings['exact']:>15} {timings['phrase']:>15}")  # fmt: skip
                else:
                    print(f"{'':44} {'':7} {totals['exact']:7,} {totals['phrase']:7,}   "
                          f"{query:10} {timings['exact']:>15} {timings['phrase']:>15}")  # fmt: skip
    print(f"\nexact totals that differ from the facet count: {mismatched}")
    index.close()


if __name__ == "__main__":
    main()
