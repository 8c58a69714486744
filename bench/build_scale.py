"""Build a large index without NER: real enriched articles repeated with variations.

Reads every article of an enriched index (``--from``, e.g. one built by ``search index`` or
kept by ``bench_ingest.py --keep``) with its entities, quotes and date, then writes ``--size``
articles into ``--out``: copy 0 is the article itself, copy k has a new id and URL, its date
moved k*3 weeks, and the sentences of each paragraph shuffled (seeded, reproducible); entities
and quotes are carried over, so no spaCy runs. Also writes the same articles as JSONL
(``--jsonl``) for the peers.

    .venv/bin/python bench/build_scale.py --from /tmp/real-ix --out /tmp/scale-ix --size 200000 \
        --jsonl /tmp/scale.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import corpus  # noqa: E402
from searchengine.articles import Article, Entity, Quote  # noqa: E402
from searchengine.engine import Engine, whoosh_engine  # noqa: E402
from searchengine.readers import article_from_dict  # noqa: E402


def enriched_records(index: Path) -> list[dict]:
    """Every stored article of an index as a record with ``entities`` and ``quotes``."""
    engine = Engine(index)
    reader = engine.searcher().reader()
    out = []
    for _, f in reader.iter_docs():
        out.append(
            {
                "id": f.get("id", ""),
                "source": f.get("source", ""),
                "url": f.get("url", ""),
                "title": f.get("title", ""),
                "date": f["date"].date().isoformat() if f.get("date") else None,
                "text": f.get("body", ""),
                "entities": [
                    [n, t] for t, names in (f.get("entities") or {}).items() for n in names
                ],
                "quotes": [list(q) for q in f.get("quotes") or []],
            }
        )
    engine.close()
    out.sort(key=lambda r: r["id"])
    return out


def scaled(records: list[dict], size: int, seed: int = 5):
    """``size`` records: the originals, then varied copies, round-robin."""
    rng = random.Random(seed)
    for i in range(size):
        copy, rec = divmod(i, len(records))
        yield records[rec] if copy == 0 else corpus.vary(records[rec], copy, rng)


def to_article(rec: dict) -> Article:
    article = article_from_dict({k: v for k, v in rec.items() if k not in ("entities", "quotes")})
    article.entities = [Entity(n, t) for n, t in rec["entities"]]
    article.quotes = [Quote(*row) for row in rec["quotes"]]
    return article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--jsonl", type=Path, help="also write the records here (for peers)")
    parser.add_argument("--commit-every", type=int, default=20_000)
    parser.add_argument(
        "--writer-mb", type=int, default=3000, help="postings sorted in memory per commit"
    )
    args = parser.parse_args()
    # A segment's postings sorted in memory instead of spilled to disk in runs and merged:
    # a third less CPU per article (20,000 articles take about 2 GB); fewer, larger
    # segments also keep per-segment query costs down.
    whoosh_engine.WRITER_MB = args.writer_mb
    records = enriched_records(args.source)
    print(f"{len(records):,} enriched articles read from {args.source}", flush=True)
    engine = Engine(args.out, create=True)
    jsonl = args.jsonl.open("w", encoding="utf-8") if args.jsonl else None
    start, done = time.perf_counter(), 0
    with engine.writer() as batch:
        for rec in scaled(records, args.size):
            batch.write(to_article(rec), new=True)
            if jsonl:
                jsonl.write(json.dumps(rec, ensure_ascii=False) + "\n")
            done += 1
            if done % args.commit_every == 0:
                batch.commit()
                if jsonl:
                    jsonl.flush()
                rate = done / (time.perf_counter() - start)
                print(f"{done:,} articles, {rate:,.0f}/s", flush=True)
    if jsonl:
        jsonl.close()
    print(f"{done:,} articles in {time.perf_counter() - start:,.0f} s", flush=True)
    engine.close()


if __name__ == "__main__":
    main()
