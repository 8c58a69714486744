"""TIME's overall figure (MEASURE ONLY) for the repeated-words candidate, until the parser has it.

    .venv/bin/python -m eval.ranking_time_repeats

``eval.ranking_time`` with its queries also run the way ``eval.ranking_dev`` runs them: the
engine's parse and ranking, once as it is (which must give ``ranking_time``'s figure, as a check
that the two paths rank alike) and once with each repeated word counted as often as it is
written (``ranking_dev.with_repeats``). Prints the means only, never a query's result. Run once,
for the one candidate chosen on the development sets; once ``engine.parse`` counts repeats,
``eval.ranking_time`` gives this figure and this module goes.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.ranking_dev import DEPTH, with_repeats  # noqa: E402
from eval.ranking_time import (  # noqa: E402
    DATA,
    metrics,
    or_query,
    read_docs,
    read_judgments,
    read_queries,
)
from searchengine import NewsIndex  # noqa: E402


def main() -> None:
    if not DATA.exists():
        sys.exit(f"needs {DATA}")
    from searchengine.engine.collect import collect

    docs, queries = read_docs(), read_queries()
    rels = read_judgments(len(docs))
    stop = {w.lower() for w in (DATA / "TIME.STP").read_text("latin-1").split()}
    judged = [(n, " OR ".join(or_query(q, stop))) for n, q in enumerate(queries, 1) if n in rels]
    runs: dict[str, list[list[int]]] = {"ours (search)": [], "ours (engine)": [],
                                        "ours, repeats": []}
    with tempfile.TemporaryDirectory() as tmp:
        with NewsIndex.create(Path(tmp) / "ix") as index:
            index.add_articles({"id": f"time-{i}", "text": text, "date": date}
                               for i, (date, text) in enumerate(docs))
            engine = index._engine
            for _, text in judged:
                runs["ours (search)"].append(
                    [int(h.id.split("-")[1]) for h in index.search(text, limit=DEPTH).hits])
                searcher = engine.searcher()
                for name, repeats in (("ours (engine)", False), ("ours, repeats", True)):
                    q = engine.parse(text)
                    q = with_repeats(engine, text, q) if repeats else q
                    found = collect(searcher, q, None, newest_first=False, limit=DEPTH,
                                    lengths=engine._lengths)
                    runs[name].append([int(searcher.stored_fields(d)["id"].split("-")[1])
                                       for d, _ in found.hits])
    for name, ranked in runs.items():
        rows = [metrics(r, rels[n]) for r, (n, _) in zip(ranked, judged, strict=True)]
        m = [sum(r[k] for r in rows) / len(rows) for k in range(3)]
        print(f"{name:14} MAP {m[0]:.3f}  nDCG@10 {m[1]:.3f}  P@10 {m[2]:.3f}")


if __name__ == "__main__":
    main()
