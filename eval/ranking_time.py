"""Ranking quality on the TIME collection (MEASURE ONLY: report the figure, never tune on it).

423 TIME magazine articles from 1963, 83 natural-language queries and their relevance
judgments. Each query's words (TIME.STP stop words removed) are joined with OR and run
through `NewsIndex.search` (BM25F over title and body, the whole pipeline). Peers in the same
run: rank-bm25 (Okapi, TIME's stoplist, Porter stemmer from PyStemmer) and SQLite FTS5 bm25.

    .venv/bin/python -m eval.ranking_time
"""

from __future__ import annotations

import math
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.common import DATA as ALL_DATA  # noqa: E402
from eval.common import Row  # noqa: E402
from searchengine import NewsIndex  # noqa: E402

DATA = ALL_DATA / "time"
WORD = re.compile(r"[A-Za-z]+")


def read_docs() -> list[tuple[str, str]]:
    """(date, text) of each *TEXT entry in file order."""
    raw = (DATA / "TIME.ALL").read_text("latin-1")
    docs = []
    for block in raw.split("*TEXT")[1:]:
        header, _, body = block.partition("\n")
        date = re.search(r"(\d\d)/(\d\d)[/ ](\d\d)", header)
        iso = f"19{date.group(3)}-{date.group(1)}-{date.group(2)}" if date else ""
        text = " ".join(body.replace("*STOP", "").split())
        docs.append((iso, text))
    return docs


def read_queries() -> list[str]:
    raw = (DATA / "TIME.QUE").read_text("latin-1")
    return [" ".join(part.partition("\n")[2].split()) for part in raw.split("*FIND")[1:]]


def read_judgments(n_docs: int) -> dict[int, set[int]]:
    """query number -> 0-based doc indices; positions skip two missing documents (README)."""
    rels: dict[int, set[int]] = {}
    for line in (DATA / "TIME.REL").read_text("latin-1").splitlines():
        numbers = [int(x) for x in line.split()]
        if len(numbers) < 2:
            continue
        positions = [p if p <= 370 else p - 2 for p in numbers[1:]]
        rels[numbers[0]] = {p - 1 for p in positions if 0 < p <= n_docs}
    return rels


def or_query(text: str, stop: set[str]) -> list[str]:
    return [w.lower() for w in WORD.findall(text) if w.lower() not in stop and len(w) > 1]


def metrics(ranked: list[int], relevant: set[int]) -> tuple[float, float, float]:
    """(average precision, nDCG@10, precision@10)."""
    hits, precisions = 0, []
    for rank, doc in enumerate(ranked, 1):
        if doc in relevant:
            hits += 1
            precisions.append(hits / rank)
    ap = sum(precisions) / len(relevant) if relevant else 0.0
    dcg = sum(1 / math.log2(r + 1) for r, d in enumerate(ranked[:10], 1) if d in relevant)
    ideal = sum(1 / math.log2(r + 1) for r in range(1, min(10, len(relevant)) + 1))
    p10 = sum(1 for d in ranked[:10] if d in relevant) / 10
    return ap, (dcg / ideal if ideal else 0.0), p10


def rank_bm25_run(docs: list[str], queries: list[list[str]], stop: set[str]) -> list[list[int]]:
    """Ranked doc indices per query from rank-bm25's BM25Okapi over Porter-stemmed words."""
    import Stemmer
    from rank_bm25 import BM25Okapi

    stem = Stemmer.Stemmer("porter").stemWords
    tokens = lambda t: stem([w for w in WORD.findall(t.lower()) if w not in stop])  # noqa: E731
    bm25 = BM25Okapi([tokens(d) for d in docs])
    out = []
    for words in queries:
        scores = bm25.get_scores(stem(words))
        out.append(sorted(range(len(docs)), key=lambda i: -scores[i])[:1000])
    return out


def run() -> dict[str, tuple[float, float, float] | None]:
    """Mean (MAP, nDCG@10, P@10) of ours and each peer."""
    docs, queries = read_docs(), read_queries()
    rels = read_judgments(len(docs))
    stop = {w.lower() for w in (DATA / "TIME.STP").read_text("latin-1").split()}
    judged = [(n, or_query(q, stop)) for n, q in enumerate(queries, 1) if n in rels]
    runs: dict[str, list[list[int]] | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        with NewsIndex.create(Path(tmp) / "ix") as index:
            index.add_articles(
                {"id": f"time-{i}", "text": text, "date": date}
                for i, (date, text) in enumerate(docs)
            )
            runs["ours"] = [
                [int(h.id.split("-")[1]) for h in
                 index.search(" OR ".join(words), limit=1000).hits]
                for _, words in judged
            ]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE d USING fts5(body, tokenize='porter unicode61')")
    db.executemany("INSERT INTO d(rowid, body) VALUES (?, ?)",
                   ((i, t) for i, (_, t) in enumerate(docs)))
    runs["fts5"] = [
        [r[0] for r in db.execute("SELECT rowid FROM d WHERE d MATCH ? ORDER BY bm25(d) "
                                  "LIMIT 1000", (" OR ".join(words),))]
        for _, words in judged
    ]
    try:
        runs["rank-bm25"] = rank_bm25_run([t for _, t in docs], [w for _, w in judged], stop)
    except ImportError:
        runs["rank-bm25"] = None
    out: dict[str, tuple[float, float, float] | None] = {}
    for name, ranked in runs.items():
        if ranked is None:
            out[name] = None
            continue
        rows = [metrics(r, rels[n]) for r, (n, _) in zip(ranked, judged, strict=True)]
        out[name] = tuple(sum(r[k] for r in rows) / len(rows) for k in range(3))
    return out


def measure() -> list[Row]:
    res = run()
    o = res["ours"]
    bm, fts = res["rank-bm25"], res["fts5"]
    return [
        Row("ranking", "time, 83 queries (measure only)", "MAP", o[0],
            {"rank-bm25 (stoplist, Porter)": bm[0] if bm else None, "SQLite FTS5 bm25": fts[0]},
            0.74),
        Row("ranking", "time, 83 queries (measure only)", "nDCG@10", o[1],
            {"rank-bm25 (stoplist, Porter)": bm[1] if bm else None, "SQLite FTS5 bm25": fts[1]},
            None, f"P@10 ours {o[2]:.3f}"),
    ]


def main() -> None:
    if not DATA.exists():
        sys.exit(f"needs {DATA}")
    for name, m in run().items():
        if m:
            print(f"{name:10} MAP {m[0]:.3f}  nDCG@10 {m[1]:.3f}  P@10 {m[2]:.3f}")


if __name__ == "__main__":
    main()
