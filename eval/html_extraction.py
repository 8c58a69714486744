"""Score the HTML main-text extractor on the Zyte article-extraction benchmark.

Usage: .venv/bin/python eval/html_extraction.py [--data DIR] [--ngram N] [--worst K]

Reads ``html/*.html.gz`` and ``ground-truth.json`` from the benchmark folder (default
``../shared/data/zyte-article-extraction-benchmark`` beside the repo) and prints precision,
recall and F1 averaged over pages the way the benchmark's own ``evaluate.py`` does: counts of
matching token shingles (``--ngram 4``, its default; ``--ngram 1`` is a plain bag of tokens),
normalised per page so long pages do not weigh more.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from searchengine.readers.detect import decode  # noqa: E402
from searchengine.readers.html import parse_html  # noqa: E402

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "zyte-article-extraction-benchmark"
)
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int) -> Counter:
    """Counts of the n-grams of word tokens in ``text`` (one short gram for very short texts)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def match_counts(true: str, pred: str, n: int) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Macro precision, recall and F1 as the benchmark computes them."""

    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return p, r, 2 * p * r / (p + r)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--ngram", type=int, default=4)
    parser.add_argument("--worst", type=int, default=0, help="list the K lowest-F1 pages")
    args = parser.parse_args()
    truth_file = args.data / "ground-truth.json"
    if not truth_file.exists():
        print(f"benchmark not found: {args.data}", file=sys.stderr)
        return 2
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    per_page: dict[str, tuple[float, float, float]] = {}
    start = time.perf_counter()
    for key, gold in sorted(truth.items()):
        raw = gzip.decompress((args.data / "html" / f"{key}.html.gz").read_bytes())
        page = parse_html(decode(raw))
        per_page[key] = match_counts(gold.get("articleBody", ""), page.text, args.ngram)
    elapsed = time.perf_counter() - start
    p, r, f1 = scores(list(per_page.values()))
    print(
        f"pages={len(per_page)} ngram={args.ngram} precision={p:.3f} recall={r:.3f} "
        f"F1={f1:.3f} ({elapsed / len(per_page) * 1000:.0f} ms/page)"
    )
    if args.worst:
        ranked = sorted(per_page.items(), key=lambda kv: kv[1][0] - kv[1][1] - kv[1][2])
        for key, (tp, fp, fn) in ranked[: args.worst]:
            print(f"  {key[:16]} tp={tp:.2f} fp={fp:.2f} fn={fn:.2f}  {truth[key].get('url')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
