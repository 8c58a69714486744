"""Scale-out benchmark: one Whoosh index against two local Manticore/Sphinx nodes.

Reads the enriched articles of an existing Whoosh index (``--from``, e.g. one built by
``search index`` over the real articles), so spaCy does not run: enrichment costs the same
whichever engine stores the result. Then, in the same run and on the same articles:

- ingest: writes them into a fresh Whoosh index and into two fresh searchd nodes (started
  here with ``search cluster up``'s code), as the indexer does (exists + write, a commit
  every 2,000), and prints articles/s for each;
- queries: the same queries on both, warm, ``--repeat`` runs: median and p95 per kind
  (top 10 with the exact total and snippets; the facet kind adds five facets and a monthly
  timeline over all matches), checking that both engines give the same totals;
- sizes and the nodes' resident memory.

``--size N`` (more than the index holds) adds varied copies of the real articles as
``build_scale.py`` makes them (new id and URL, date moved, sentences shuffled, enrichment
carried over) up to N articles.

    .venv/bin/python bench/bench_scaleout.py --from /tmp/real-ix
    .venv/bin/python bench/bench_scaleout.py --from /tmp/real-ix --size 26000
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from searchengine.engine.manticore import cluster  # noqa: E402
from searchengine.engine.manticore.config import EngineConfig  # noqa: E402
from searchengine.engine.manticore.engine import ManticoreEngine  # noqa: E402
from searchengine.engine.manticore.migrate import whoosh_articles  # noqa: E402
from searchengine.engine.whoosh_engine import WhooshEngine  # noqa: E402

COMMIT_EVERY = 2000
FACETS = ["person", "org", "place", "speaker", "source", "month"]
QUERIES = {
    "term": ["oil", "sanctions", "vaccine", "earthquake"],
    "and": ["oil prices", "ukraine russia", "trade deficit", "interest rates"],
    "phrase": ['"prime minister"', '"human rights"', '"interest rates"', '"white house"'],
    "wildcard": ["export*", "vaccin*", "electio*", "bank*"],
    "field": ['place:"United States"', "person:Blinken", "org:OPEC", "speaker:Price"],
    "date": ["oil date:1987-03", "sanctions date:2021", "trade date:>1987-06", "date:2022-01"],
    "sort": ["oil", "sanctions", "vaccine", "president"],  # newest first
    "facets": ["oil", "sanctions", "vaccine", "president"],
}


def ingest(engine, articles) -> float:
    """Articles per second written the way the indexer writes them."""
    start = time.perf_counter()
    with engine.writer() as batch:
        for number, article in enumerate(articles, 1):
            batch.write(article, new=not batch.exists(article.key))
            if number % COMMIT_EVERY == 0:
                batch.commit()
    return len(articles) / (time.perf_counter() - start)


def latencies(engine, kind: str, queries: list[str], repeat: int) -> list[float]:
    options = {"facets": FACETS} if kind == "facets" else {}
    if kind == "sort":
        options = {"sort": "date"}
    for q in queries:  # warm
        engine.search(q, **options)
    samples = []
    for _ in range(repeat):
        for q in queries:
            start = time.perf_counter()
            engine.search(q, **options)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def rss_mb(pid: int | None) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, TypeError):
        pass
    return float("nan")


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--size", type=int, default=0, help="N articles: real + varied copies")
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--work", type=Path, default=None, help="default: a temp folder")
    args = parser.parse_args()
    if cluster.searchd_path() is None:
        sys.exit("searchd is not installed (apt-get install sphinxsearch)")
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-scaleout-"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    source = WhooshEngine(args.source)
    articles = list(whoosh_articles(source))
    source.close()
    real = len(articles)
    if args.size > real:
        import build_scale

        records = build_scale.enriched_records(args.source)
        articles += [
            build_scale.to_article(rec)
            for rec in list(build_scale.scaled(records, args.size))[len(records) :]
        ]
    if args.limit:
        articles = articles[: args.limit]
    print(f"{len(articles):,} enriched articles ({real:,} real) from {args.source}", flush=True)

    whoosh = WhooshEngine(work / "whoosh", create=True)
    rates = {"whoosh": ingest(whoosh, articles)}
    print(f"whoosh ingest: {rates['whoosh']:,.0f} articles/s", flush=True)
    nodes = cluster.up(work / "cluster", args.nodes)
    try:
        config = EngineConfig.resolve(work / "ix", "manticore", cluster.node_list(nodes))
        manticore = ManticoreEngine(work / "ix", config, create=True)
        rates["manticore"] = ingest(manticore, articles)
        print(f"manticore ingest: {rates['manticore']:,.0f} articles/s", flush=True)
        engines = {"whoosh": whoosh, "manticore": manticore}
        same = all(
            whoosh.search(q).total == manticore.search(q).total
            for qs in QUERIES.values()
            for q in qs
        )
        table = {
            kind: {
                name: summary(latencies(engine, kind, queries, args.repeat))
                for name, engine in engines.items()
            }
            for kind, queries in QUERIES.items()
        }
        memory = [rss_mb(n.pid()) for n in nodes]
        sizes = {
            "whoosh": folder_size(work / "whoosh"),
            "manticore": folder_size(work / "cluster"),
        }
    finally:
        cluster.down(work / "cluster")
    n = len(articles)
    print(f"\nsame totals on both engines: {same}")
    print(f"warm latency, ms median / p95 ({n:,} articles, {args.repeat} runs x 4 queries)")
    print(f"{'kind':9}{'whoosh':>18}{f'{args.nodes} nodes':>18}{'nodes/whoosh (p95)':>22}")
    for kind, row in table.items():
        (wm, wp), (mm, mp) = row["whoosh"], row["manticore"]
        print(f"{kind:9}{wm:9.1f} /{wp:7.1f}{mm:9.1f} /{mp:7.1f}{mp / wp:22.2f}")
    print(
        f"\ningest, articles/s: whoosh {rates['whoosh']:,.0f}, "
        f"{args.nodes} nodes {rates['manticore']:,.0f}"
    )
    print(
        "size per 1,000 articles (MB): "
        + ", ".join(f"{e} {s / n * 1000 / 1e6:.2f}" for e, s in sizes.items())
    )
    print("searchd RSS (MB): " + ", ".join(f"{m:.0f}" for m in memory))
    whoosh.close()
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
