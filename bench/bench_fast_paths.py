"""The query shapes that used to fall back to Whoosh's collector: NOT, ``*``, exact names
(facet clicks) and newest first, on our array evaluator against plain Whoosh in the same run.

Both sides get the same parsed query and return the top 10 and the exact total (no snippets:
this is matching and ranking only): ours through ``collect`` (the engine's path), Whoosh
through ``searcher.search`` with its own filter, sort and collector. Prints warm CPU ms,
median / p95 of ``--repeat`` runs, the totals (which must agree) and the ratio.

    .venv/bin/python bench/bench_fast_paths.py --index /tmp/postings/scale-ix
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_facets import cpu_ms, spread  # noqa: E402

CASES = [  # (query, filter or None, newest first)
    ("NOT government", None, False),
    ("oil NOT prices", None, False),
    ("(iran OR iraq) NOT nuclear", None, False),
    ("*", None, False),
    ("*", 'person:="Biden"', False),
    ('person:="Biden"', None, False),
    ('government person:="Biden"', None, False),
    ("*", None, True),
    ("government", None, True),
    ("NOT government", None, True),
    ('place:="United States"', None, True),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    from whoosh import collectors, sorting

    from searchengine.engine.collect import collect
    from searchengine.engine.whoosh_engine import WhooshEngine

    engine = WhooshEngine(args.index)
    searcher = engine.searcher()
    print(f"{searcher.doc_count():,} articles in {args.index}")
    print(f"{'query':30} {'filter':18} {'sort':9} {'total':>8} {'ours ms':>15} "
          f"{'Whoosh ms':>17} {'ratio':>6}")  # fmt: skip
    for text, filter_text, newest in CASES:
        q = engine.parse(text)
        fq = engine.parse(filter_text) if filter_text else None

        def ours(q=q, fq=fq, newest=newest):
            found = collect(searcher, q, fq, newest_first=newest, limit=10,
                            lengths=engine._lengths)  # fmt: skip
            return found.total

        def whoosh(q=q, fq=fq, newest=newest):
            if newest:
                by = sorting.FieldFacet("date", reverse=True)
                return len(searcher.search(q, limit=10, filter=fq, sortedby=by))
            # every match scored and counted (Whoosh's matcher replacement needs a quality
            # our BM25F matcher does not give, and would drop real top hits)
            top = collectors.TopCollector(limit=10, usequality=False, replace=0)
            outer = collectors.FilterCollector(top, allow=fq) if fq is not None else top
            searcher.search_with_collector(q, outer)
            return len(outer.results())

        totals, timings = [], []
        for run in (ours, whoosh):
            run()  # warm: facet columns, date arrays, postings
            samples = []
            for _ in range(args.repeat):
                ms, total = cpu_ms(run)
                samples.append(ms)
            totals.append(total)
            timings.append(samples)
        assert totals[0] == totals[1], (text, totals)
        ratio = sorted(timings[0])[len(timings[0]) // 2] / sorted(timings[1])[len(timings[1]) // 2]
        print(f"{text:30} {filter_text or '':18} {'newest' if newest else 'relevance':9} "
              f"{totals[0]:8,} {spread(timings[0]):>15} {spread(timings[1]):>17} "
              f"{ratio:6.2f}")  # fmt: skip
    engine.close()


if __name__ == "__main__":
    main()
