"""Ranking quality on the TIME collection (MEASURE ONLY: report the figure, never tune on it).

423 TIME magazine articles from 1963, 83 natural-language queries and their relevance
judgments. Each query's words (TIME.STP stop words removed) are joined with OR and run
through `NewsIndex.search` (BM25F over title and body, the whole pipeline); SQLite FTS5's
bm25 answers the same OR query over the same texts as a peer in the same run.

    .venv/bin/python eval/ranking_time.py
"""

from __future__ import annotations

import math
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from searchengine import NewsIndex  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "time"
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


def main() -> None:
    if not DATA.exists():
        sys.exit(f"needs {DATA}")
    docs, queries = read_docs(), read_queries()
    rels = read_judgments(len(docs))
    stop = {w.lower() for w in (DATA / "TIME.STP").read_text("latin-1").split()}
    print(
        f"{len(docs)} documents, {len(queries)} queries, {sum(map(len, rels.values()))} judgments"
    )
    ours, peer = [], []
    with tempfile.TemporaryDirectory() as tmp:
        with NewsIndex.create(Path(tmp) / "ix") as index:
            index.add_articles(
                {"id": f"time-{i}", "text": text, "date": date}
                for i, (date, text) in enumerate(docs)
            )
            db = sqlite3.connect(":memory:")
            db.execute("CREATE VIRTUAL TABLE d USING fts5(body, tokenize='porter unicode61')")
            db.executemany(
                "INSERT INTO d(rowid, body) VALUES (?, ?)",
                ((i, t) for i, (_, t) in enumerate(docs)),
            )
            for number, text in enumerate(queries, 1):
                if number not in rels:
                    continue
                words = or_query(text, stop)
                results = index.search(" OR ".join(words), limit=1000)
                ranked = [int(h.id.split("-")[1]) for h in results.hits]
                ours.append(metrics(ranked, rels[number]))
                fts = db.execute(
                    "SELECT rowid FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT 1000",
                    (" OR ".join(words),),
                ).fetchall()
                peer.append(metrics([r[0] for r in fts], rels[number]))
    for name, rows in (("searchengine (Whoosh BM25F)", ours), ("peer: SQLite FTS5 bm25", peer)):
        n = len(rows)
        print(
            f"{name:30} MAP {sum(r[0] for r in rows) / n:.3f}  "
            f"nDCG@10 {sum(r[1] for r in rows) / n:.3f}  P@10 {sum(r[2] for r in rows) / n:.3f}"
            f"  ({n} queries)"
        )


if __name__ == "__main__":
    main()
