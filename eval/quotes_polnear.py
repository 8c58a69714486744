"""Direct-quotation and speaker figures of the enrich quote step on PolNeAR.

Usage: python eval/quotes_polnear.py [dev|train|test]   (test is measure only)

Gold direct quotations are the Content spans that open with a quotation mark. Figures:
- quote recall: share of gold direct quotations overlapped by one of our quotes;
- quote precision: share of our quotes that overlap any gold Content span (direct or not);
- speaker accuracy: over our quotes matched to a gold direct quotation with a Source, share whose
  speaker matches the gold Source text or its resolved name (case-insensitive word overlap,
  ignoring determiners; a gold he/she is resolved to the last person named before it); also
  given excluding gold pronoun sources, whose resolution is itself a guess.
Articles annotated by several annotators are counted once (the first annotation file).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from searchengine.enrich import Enricher  # noqa: E402
from searchengine.enrich.quotes import extract_quotes  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
_WORD = re.compile(r"[^\W_]+")
_STOP = {"the", "a", "an", "of", "his", "her", "its", "their", "s", "mr", "mrs", "ms"}
PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "him", "them"}


def read_ann(path: Path) -> tuple[list[tuple[int, int]], list[tuple[int, int, tuple[int, int]]]]:
    """All Content spans, and (content start, end, source span) for each attribution."""
    spans: dict[str, tuple[str, int, int]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans[parts[0]] = (kind, pieces[0][0], pieces[-1][1])
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
    contents = [(s, e) for kind, s, e in spans.values() if kind == "Content"]
    attributions = []
    for rel in relations:
        content, source = spans.get(rel.get("Content", "")), spans.get(rel.get("Source", ""))
        if content:
            src = (source[1], source[2]) if source else (-1, -1)
            attributions.append((content[1], content[2], src))
    return contents, attributions


def words(s: str) -> set[str]:
    return {w for w in _WORD.findall(s.lower()) if w not in _STOP}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", nargs="?", default="dev")
    args = ap.parse_args()
    folder = DATA / args.split
    docs = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        base = ann.stem.rsplit("_", 1)[0]
        txt = folder / "text" / f"{base}.txt"
        if base not in docs and txt.exists():
            docs[base] = (txt.read_text(encoding="utf-8"), ann)
    texts = [t for t, _ in docs.values()]
    t0 = time.perf_counter()
    all_mentions = Enricher(batch_size=64).mentions(texts)
    ours_all = [extract_quotes(t, m) for t, m in zip(texts, all_mentions, strict=True)]
    elapsed = time.perf_counter() - t0

    n_gold = n_gold_found = n_ours = n_ours_ok = 0
    n_spk = n_spk_ok = n_spk_np = n_spk_np_ok = n_none = 0
    for (text, ann), ours, mentions in zip(docs.values(), ours_all, all_mentions, strict=True):
        contents, attributions = read_ann(ann)
        direct = [(s, e, src) for s, e, src in attributions if text[s:e].lstrip()[:1] in "\"“"]
        n_gold += len(direct)
        n_gold_found += sum(any(overlaps((s, e), (q.start, q.end)) for q in ours)
                            for s, e, _ in direct)
        n_ours += len(ours)
        n_ours_ok += sum(any(overlaps(c, (q.start, q.end)) for c in contents) for q in ours)
        for q in ours:
            span = (q.start, q.end)
            gold = [src for s, e, src in direct if src[0] >= 0 and overlaps((s, e), span)]
            if not gold:
                continue
            source = text[gold[0][0]:gold[0][1]]
            names = {source}
            if source.strip().lower() in ("he", "she"):
                before = [m for m in mentions if m.type == "person" and m.start < gold[0][0]]
                names |= {before[-1].name} if before else set()
            ok = bool(q.speaker) and any(words(q.speaker) & words(n) for n in names)
            n_spk += 1
            n_spk_ok += ok
            n_none += q.speaker is None
            if source.strip().lower() not in PRONOUNS:
                n_spk_np += 1
                n_spk_np_ok += ok
    pct = lambda a, b: f"{a / b:.3f} ({a}/{b})" if b else "n/a"  # noqa: E731
    print(f"polnear/{args.split}: {len(docs)} articles, {elapsed:.1f}s")
    print(f"direct-quote recall      {pct(n_gold_found, n_gold)}")
    print(f"quote precision          {pct(n_ours_ok, n_ours)}")
    print(f"speaker accuracy         {pct(n_spk_ok, n_spk)}  (speaker None: {n_none})")
    print(f"  excl. pronoun sources  {pct(n_spk_np_ok, n_spk_np)}")


if __name__ == "__main__":
    main()
