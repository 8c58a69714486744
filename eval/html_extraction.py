"""Score the HTML main-text extractor on the Zyte article-extraction benchmark.

Usage: .venv/bin/python -m eval.html_extraction [--data DIR] [--ngram N] [--worst K]

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

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.common import DATA, Row, peer  # noqa: E402
from searchengine.readers.detect import decode  # noqa: E402
from searchengine.readers.html import parse_html  # noqa: E402

DEFAULT_DATA = DATA / "zyte-article-extraction-benchmark"
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


def load(data: Path = DEFAULT_DATA) -> list[tuple[str, str, str]]:
    """(key, gold articleBody, decoded HTML) of every benchmark page."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, gold in sorted(truth.items()):
        raw = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        pages.append((key, gold.get("articleBody", ""), decode(raw)))
    return pages


def ours(html: str) -> str:
    return parse_html(html).text


def trafilatura_precision(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, favor_precision=True) or ""


def readability_lxml(html: str) -> str:
    from bs4 import BeautifulSoup
    from readability import Document

    return BeautifulSoup(Document(html).summary(), "lxml").get_text(" ")


def bs4_paragraphs(html: str) -> str:
    from bs4 import BeautifulSoup

    return "\n".join(p.get_text(" ") for p in BeautifulSoup(html, "lxml").find_all("p"))


def f1_of(extract, pages: list[tuple[str, str, str]], n: int = 4) -> tuple[float, float, float]:
    """(precision, recall, F1) of ``extract`` over the pages."""
    return scores([match_counts(gold, extract(html), n) for _, gold, html in pages])


def measure() -> list[Row]:
    """The quality-table row of this stage."""
    pages = load()
    peers = {
        "trafilatura favor_precision": peer("trafilatura", f1_of, trafilatura_precision, pages),
        "readability-lxml": peer("readability-lxml", f1_of, readability_lxml, pages),
        "BeautifulSoup <p> text": f1_of(bs4_paragraphs, pages),
    }
    p, r, f = f1_of(ours, pages)
    return [
        Row(
            "HTML main text",
            f"zyte-article-extraction-benchmark ({len(pages)} pages)",
            "F1 of 4-word shingles (per-page P, R averaged)",
            f,
            {k: (v[2] if v else None) for k, v in peers.items()},
            0.965,
            f"ours P {p:.3f} R {r:.3f}",
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--ngram", type=int, default=4)
    parser.add_argument("--worst", type=int, default=0, help="list the K lowest-F1 pages")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").exists():
        print(f"benchmark not found: {args.data}", file=sys.stderr)
        return 2
    pages = load(args.data)
    start = time.perf_counter()
    per_page = {key: match_counts(gold, ours(html), args.ngram) for key, gold, html in pages}
    elapsed = time.perf_counter() - start
    p, r, f1 = scores(list(per_page.values()))
    print(
        f"pages={len(per_page)} ngram={args.ngram} precision={p:.3f} recall={r:.3f} "
        f"F1={f1:.3f} ({elapsed / len(per_page) * 1000:.0f} ms/page)"
    )
    if args.worst:
        ranked = sorted(per_page.items(), key=lambda kv: kv[1][0] - kv[1][1] - kv[1][2])
        for key, (tp, fp, fn) in ranked[: args.worst]:
            print(f"  {key[:16]} tp={tp:.2f} fp={fp:.2f} fn={fn:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
