"""Query benchmark: our engine against SQLite FTS5, tantivy and plain Whoosh, same articles.

Reads the articles (with their entities, quotes and dates) from the JSONL that
``build_scale.py --jsonl`` wrote beside our index, builds the peers from it, and times the
same queries on each, warm: the top 10 with the exact total (and a snippet where the engine
makes one), and for the facet kind also 5 facets (person, org, place, speaker, source) and a
monthly timeline over all matches. Prints median/p95 per query kind and engine, the ratio
ours/peer, index sizes per 1,000 articles and our serving RSS.

    .venv/bin/python bench/bench_query.py --index /tmp/scale-ix --jsonl /tmp/scale.jsonl
    .venv/bin/python bench/bench_query.py ... --plain-whoosh   # also Whoosh as its tutorial
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FACETS = ["person", "org", "place", "speaker", "source"]
TIMELINE = "month"
# kind -> our queries; peers get the same words in their own syntax (see _fts, _tantivy)
QUERIES = {
    "term": ["oil", "sanctions", "vaccine", "earthquake"],
    "and": ["oil prices", "ukraine russia", "trade deficit", "interest rates"],
    "phrase": ['"prime minister"', '"human rights"', '"interest rates"', '"white house"'],
    "facets": ["oil", "sanctions", "vaccine", "president"],
    "not": ["oil NOT prices", "sanctions NOT russia", "vaccine NOT covid", "president NOT trump"],
}


def timings(fn, queries: list[str], repeat: int) -> list[tuple[float, float]]:
    """(wall ms, CPU ms of this process) per query run; CPU time is what a query costs
    whatever else the machine runs (all engines here run in this process)."""
    for q in queries:  # warm
        fn(q)
    samples = []
    for _ in range(repeat):
        for q in queries:
            start, cpu = time.perf_counter(), time.process_time()
            fn(q)
            samples.append(
                ((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)
            )
    return samples


def summary(samples: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """Median and p95 of wall time, then median and p95 of CPU time (ms)."""
    out: list[float] = []
    for column in (0, 1):
        ordered = sorted(s[column] for s in samples)
        out += [statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]]
    return out[0], out[1], out[2], out[3]


LIMIT = [0]  # only the first N records: as many as our index holds


def records(path: Path):
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if LIMIT[0] and i >= LIMIT[0]:
                return
            yield json.loads(line)


def values(rec: dict, facet: str) -> list[str]:
    if facet == "source":
        return [rec["source"]] if rec.get("source") else []
    if facet == "speaker":  # as Article.speakers(): speakers that are a named entity
        named = {n for n, t in rec["entities"] if t in ("person", "org", "place")}
        return list(dict.fromkeys(row[1] for row in rec["quotes"] if row[1] in named))
    return list(dict.fromkeys(n for n, t in rec["entities"] if t == facet))


def memory_now() -> dict[str, float]:
    """This process's resident memory now, MB: all of it, private (heap) and file pages
    (the index's memory-mapped files, which the kernel can drop and reread)."""
    out = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# Ours


def ours(index: Path, repeat: int) -> dict:
    from searchengine import NewsIndex

    ix = NewsIndex.open(index)
    out = {"articles": len(ix)}
    for kind, queries in QUERIES.items():
        facets = [*FACETS, TIMELINE] if kind == "facets" else []
        out[kind] = timings(lambda q, f=facets: ix.search(q, facets=f), queries, repeat)
    out["totals"] = {q: ix.search(q).total for qs in QUERIES.values() for q in qs}
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["rss_now"] = memory_now()
    size = sum(f.stat().st_size for f in index.iterdir() if f.suffix in (".seg", ".toc"))
    out["size"] = size
    ix.close()
    return out


# SQLite FTS5


def build_fts(jsonl: Path, path: Path) -> tuple[sqlite3.Connection, float]:
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter unicode61')")
    db.execute("CREATE TABLE meta (doc INTEGER PRIMARY KEY, month TEXT)")
    db.execute("CREATE TABLE ents (doc INTEGER, facet TEXT, value TEXT)")
    start = time.perf_counter()
    for i, rec in enumerate(records(jsonl), 1):
        db.execute(
            "INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)", (i, rec["title"], rec["text"])
        )
        db.execute("INSERT INTO meta VALUES (?, ?)", (i, (rec.get("date") or "")[:7] or None))
        db.executemany(
            "INSERT INTO ents VALUES (?, ?, ?)",
            [(i, f, v) for f in FACETS for v in values(rec, f)],
        )
    db.execute("CREATE INDEX ents_doc ON ents(doc, facet)")
    db.commit()
    return db, time.perf_counter() - start


def _fts(q: str) -> str:
    return q  # FTS5 reads bare words as AND and "..." as a phrase, as we do


def fts_search(db: sqlite3.Connection, q: str, facets: bool) -> None:
    match = _fts(q)
    db.execute(
        "SELECT rowid, title, snippet(docs, 1, '<mark>', '</mark>', '…', 20) FROM docs "
        "WHERE docs MATCH ? ORDER BY bm25(docs, 2.0, 1.0) LIMIT 10",
        (match,),
    ).fetchall()
    db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (match,)).fetchone()
    if not facets:
        return
    db.execute("CREATE TEMP TABLE IF NOT EXISTS hits (doc INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM hits")
    db.execute("INSERT INTO hits SELECT rowid FROM docs WHERE docs MATCH ?", (match,))
    for facet in FACETS:
        db.execute(
            "SELECT value, count(*) c FROM hits JOIN ents ON ents.doc = hits.doc AND facet = ? "
            "GROUP BY value ORDER BY c DESC LIMIT 10",
            (facet,),
        ).fetchall()
    db.execute("SELECT month, count(*) FROM hits JOIN meta USING (doc) GROUP BY month").fetchall()


# tantivy


def build_tantivy(jsonl: Path, path: Path):
    import datetime as dt

    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("title", stored=True, tokenizer_name="en_stem")
    sb.add_text_field("body", stored=True, tokenizer_name="en_stem")
    for facet in FACETS:
        sb.add_text_field(facet, stored=False, tokenizer_name="raw", fast=True)
    sb.add_date_field("date", stored=False, fast=True)
    path.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(sb.build(), path=str(path))
    writer = index.writer(heap_size=200_000_000, num_threads=2)
    start = time.perf_counter()
    for rec in records(jsonl):
        doc = {"title": rec["title"], "body": rec["text"]}
        for facet in FACETS:
            doc[facet] = values(rec, facet)
        if rec.get("date"):
            day = dt.date.fromisoformat(rec["date"][:10])
            doc["date"] = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
        writer.add_document(tantivy.Document(**doc))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, time.perf_counter() - start


def _tantivy(q: str) -> str:
    if q.startswith('"'):
        return q
    if " NOT " in q:  # "a NOT b": +a -b
        keep, drop = q.split(" NOT ", 1)
        return " ".join(["+" + w for w in keep.split()] + ["-" + w for w in drop.split()])
    return " ".join("+" + w for w in q.split())  # tantivy's parser ORs bare words


def tantivy_search(index, q: str, facets: bool) -> None:
    searcher = index.searcher()
    query = index.parse_query(_tantivy(q), ["title", "body"], field_boosts={"title": 2.0})
    result = searcher.search(query, 10, count=True)
    for _, address in result.hits:
        searcher.doc(address)
    if facets:
        aggs = {f: {"terms": {"field": f, "size": 10}} for f in FACETS}
        aggs[TIMELINE] = {"date_histogram": {"field": "date", "fixed_interval": "30d"}}
        searcher.aggregate(query, aggs)


# plain Whoosh, as its tutorial shows


def build_plain_whoosh(jsonl: Path, path: Path):
    from whoosh import fields, index

    schema = fields.Schema(
        title=fields.TEXT(stored=True),
        body=fields.TEXT(stored=True),
        month=fields.ID(stored=True),
        **{f: fields.KEYWORD(stored=True, commas=True) for f in FACETS},
    )
    path.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(path), schema)
    start = time.perf_counter()
    writer = ix.writer()
    for rec in records(jsonl):
        extra = {f: ",".join(v.replace(",", " ") for v in values(rec, f)) for f in FACETS}
        writer.add_document(
            title=rec["title"], body=rec["text"], month=(rec.get("date") or "")[:7], **extra
        )
    writer.commit()
    return ix, time.perf_counter() - start


def plain_whoosh_search(ix, searcher, parser, q: str, facets: bool) -> None:
    from whoosh import sorting

    query = parser.parse(q)
    if facets:
        groups = [sorting.FieldFacet(f, allow_overlap=True) for f in FACETS]
        groups.append(sorting.FieldFacet("month"))
        results = searcher.search(query, limit=10, groupedby=groups)
        for f in [*FACETS, "month"]:
            results.groups(f)
    else:
        results = searcher.search(query, limit=10, terms=True)
    len(results)  # the exact total
    for hit in results[:10]:
        hit.highlights("body")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="our index (build_scale.py)")
    parser.add_argument("--jsonl", type=Path, required=True, help="the same articles as JSONL")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-peers"))
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--plain-whoosh", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    mine = ours(args.index, args.repeat)
    n = LIMIT[0] = mine["articles"]
    now = ", ".join(f"{k} {v:,.0f}" for k, v in mine["rss_now"].items())
    print(
        f"articles: {n:,}; our serving peak RSS {mine['rss_mb']:,.0f} MB (after the queries, MB: "
        f"{now})",
        flush=True,
    )
    engines = {"ours": {k: summary(v) for k, v in mine.items() if k in QUERIES}}
    sizes = {"ours": mine["size"]}
    builds = {}

    fts_path = args.work / "fts.db"
    fts_path.unlink(missing_ok=True)
    db, builds["FTS5"] = build_fts(args.jsonl, fts_path)
    sizes["FTS5"] = fts_path.stat().st_size
    engines["FTS5"] = {
        k: summary(timings(lambda q, f=k == "facets": fts_search(db, q, f), qs, args.repeat))
        for k, qs in QUERIES.items()
    }
    print("FTS5 done", flush=True)
    try:
        import shutil

        shutil.rmtree(args.work / "tantivy", ignore_errors=True)
        tix, builds["tantivy"] = build_tantivy(args.jsonl, args.work / "tantivy")
        sizes["tantivy"] = folder_size(args.work / "tantivy")
        engines["tantivy"] = {
            k: summary(
                timings(lambda q, f=k == "facets": tantivy_search(tix, q, f), qs, args.repeat)
            )
            for k, qs in QUERIES.items()
        }
        print("tantivy done", flush=True)
    except ImportError:
        print("tantivy not installed (pip install -e '.[bench]'): skipped")
    if args.plain_whoosh:
        import shutil

        from whoosh.qparser import MultifieldParser

        shutil.rmtree(args.work / "whoosh", ignore_errors=True)
        wix, builds["plain Whoosh"] = build_plain_whoosh(args.jsonl, args.work / "whoosh")
        sizes["plain Whoosh"] = folder_size(args.work / "whoosh")
        with wix.searcher() as s:
            qp = MultifieldParser(["title", "body"], wix.schema)
            engines["plain Whoosh"] = {
                k: summary(
                    timings(
                        lambda q, f=k == "facets": plain_whoosh_search(wix, s, qp, q, f),
                        qs,
                        args.repeat,
                    )
                )
                for k, qs in QUERIES.items()
            }

    peers = [e for e in engines if e != "ours"]
    for label, col in (("wall", 0), ("CPU", 2)):
        print(
            f"\nwarm latency, {label} ms median / p95 ({n:,} articles, {args.repeat} runs x 4 "
            f"queries; load average {os.getloadavg()[0]:.1f})"
        )
        print(
            f"{'kind':8}"
            + "".join(f"{e:>18}" for e in engines)
            + "".join(f"{'ours/' + p + ' p95':>24}" for p in peers)
        )
        for kind in QUERIES:
            row = f"{kind:8}" + "".join(
                f"{engines[e][kind][col]:8.1f} /{engines[e][kind][col + 1]:7.1f}" for e in engines
            )
            row += "".join(
                f"{engines['ours'][kind][col + 1] / engines[p][kind][col + 1]:24.2f}" for p in peers
            )
            print(row)
    print(
        "\nindex size per 1,000 articles (MB): "
        + ", ".join(f"{e} {s / n * 1000 / 1e6:.2f}" for e, s in sizes.items())
    )
    print("peer build seconds: " + ", ".join(f"{e} {s:.0f}" for e, s in builds.items()))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "articles": n,
                    "rss_mb": mine["rss_mb"],
                    "rss_now": mine["rss_now"],
                    "latency": engines,
                    "sizes": sizes,
                    "builds": builds,
                    "totals": mine["totals"],
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
