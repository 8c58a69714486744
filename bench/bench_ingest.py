"""Ingest benchmark: spaCy NER alone against the whole pipeline, on the same articles.

Three runs over the real articles (news sets + Reuters-21578, see bench/corpus.py) written
as JSONL files: (1) ``search index`` end to end (read, enrich, write, manifest) into a new
index; (2) a rebuild of that index from the enrichment cache (no spaCy); (3) spaCy's
NER-only pipeline with 2 processes over the same texts (title and text, as we send them).
Prints words/s, articles/s, the ratio of (1) to (3), peak RSS per process and the peak
sum of PSS over all processes (bench/memory.py), index size, and with
``--profile`` the main process's top functions.

    .venv/bin/python bench/bench_ingest.py --limit 3000   # an even sample (~3 minutes)
    .venv/bin/python bench/bench_ingest.py                # all ~23,700 articles (~25 min)
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from memory import TreeMemory  # noqa: E402

import corpus  # noqa: E402
from searchengine import NewsIndex  # noqa: E402
from searchengine.indexing import PARALLEL_PROCESSES  # noqa: E402


def ner_only(texts: list[str], processes: int) -> float:
    """Seconds for spaCy's NER-only pipeline (ours, with the gazetteer) over ``texts``."""
    from searchengine.enrich.nlp import load_nlp

    nlp = load_nlp()
    list(nlp.pipe(texts[:4]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=processes):
        pass
    return time.perf_counter() - start


def _read(files: list[Path]) -> list[dict]:
    return [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()]


def index_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.iterdir() if f.suffix in (".seg", ".toc"))


def rebuild(where: Path, files: list[Path], out: dict) -> None:
    """Index ``files`` into ``where``, which holds only an enrichment cache."""
    start, cpu = time.perf_counter(), _cpu_seconds()
    with NewsIndex.create(where) as index:
        again = index.add_files(files)
    rebuild_s, cpu_s = time.perf_counter() - start, _cpu_seconds() - cpu
    out["rebuild_art_s"] = again.added / rebuild_s
    out["rebuild_art_cpu_s"] = again.added / cpu_s
    print(
        f"rebuild (cached enrichment): {again.added / rebuild_s:7,.1f} art/s "
        f"({again.added / cpu_s:,.1f} per CPU second: the rate on an idle core); "
        f"index {index_size(where) / max(1, again.added) * 1000 / 1e6:.2f} MB per 1,000",
        flush=True,
    )


def _cpu_seconds() -> float:
    """User + system CPU time of this process (all its threads) so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="an even sample of N articles")
    parser.add_argument("--profile", action="store_true", help="profile the end-to-end run")
    parser.add_argument("--skip-ner", action="store_true", help="skip the NER-only run")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", type=Path, help="copy the enriched index here")
    parser.add_argument(
        "--rebuild-from", type=Path, help="only the rebuild, with this index's enrichment cache"
    )
    args = parser.parse_args()
    if not corpus.available():
        sys.exit(f"needs {corpus.DATA}")
    records = corpus.real_records(args.limit)
    n, nwords = len(records), corpus.words(records)
    print(f"articles: {n:,}  words: {nwords:,}  spaCy processes: {PARALLEL_PROCESSES}")
    out: dict = {"articles": n, "words": nwords}
    with tempfile.TemporaryDirectory() as tmp:
        files = corpus.write_jsonl(records, Path(tmp) / "in")
        del records  # as `search index` runs: the articles are in the files, not in memory
        where = Path(tmp) / "ix"
        if args.rebuild_from:
            where.mkdir()
            shutil.copy(args.rebuild_from / "enrich-cache.sqlite", where)
            rebuild(where, files, out)
            return
        profiler = cProfile.Profile() if args.profile else None
        start = time.perf_counter()
        with TreeMemory() as memory, NewsIndex.create(where) as index:
            if profiler:
                profiler.enable()
            report = index.add_files(files)
            if profiler:
                profiler.disable()
        e2e_s = time.perf_counter() - start
        out["e2e_words_s"], out["e2e_art_s"] = nwords / e2e_s, report.added / e2e_s
        rate = report.added / e2e_s
        print(
            f"end to end:      {nwords / e2e_s:9,.0f} words/s  {rate:7,.1f} art/s  "
            f"({report.summary()})",
            flush=True,
        )
        out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out["peak_child_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        out["peak_tree_pss_mb"] = memory.peak_pss_mb
        out["peak_tree_rss_mb"] = memory.peak_rss_mb
        print(
            f"peak RSS while indexing: main {out['peak_rss_mb']:,.0f} MB, "
            f"largest worker {out['peak_child_rss_mb']:,.0f} MB; all processes together: "
            f"PSS {memory.peak_pss_mb:,.0f} MB (sum of RSS {memory.peak_rss_mb:,.0f} MB, "
            f"{memory.peak_processes} processes)"
        )
        size = index_size(where)
        out["size_per_1000_mb"] = size / n * 1000 / 1e6
        print(f"index size: {size / 1e6:.1f} MB ({out['size_per_1000_mb']:.2f} MB per 1,000)")
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(where, args.keep)
        for f in where.iterdir():  # keep only the enrichment cache: a rebuild from scratch
            if f.name != "enrich-cache.sqlite":
                f.unlink()
        rebuild(where, files, out)
        if not args.skip_ner:
            texts = [(r.get("title") or "") + "\n\n" + r["text"] for r in _read(files)]
            ner_s = ner_only(texts, PARALLEL_PROCESSES)
            out["ner_words_s"] = nwords / ner_s
            out["ratio"] = out["e2e_words_s"] / out["ner_words_s"]
            print(
                f"spaCy NER only:  {nwords / ner_s:9,.0f} words/s  {n / ner_s:7,.1f} art/s; "
                f"end to end = {out['ratio']:.0%} of it"
            )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
