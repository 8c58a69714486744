"""Selective RM3 feedback on the four development sets of ``eval.ranking_dev``: feedback only
where a predictor says the request is topical, not a known item.

    .venv/bin/python -m eval.ranking_selective --work DIR [--show-predictors]

On ``eval.ranking_variants``' in-memory indexes (run ``eval.ranking_dev --work DIR`` first).
Every query is scored with BM25F as the product does it (repeats counted) and, where it has 6
or more distinct words, with RM3 re-ranking its matches (``ranking_variants.rm3``) at each
setting of SETTINGS (feedback articles, feedback words, original query weight). Predictors,
each from the first ranking (no judgment is read):

- ``gap``: (s1 - s2) / s1 of the two best scores (1 with one match): one article stands out;
- ``sd``: the standard deviation of the best 10 scores over s1 (Perez-Iglesias & Araujo 2010,
  made scale-free);
- ``clarity``: KL divergence (bits) of the best 10's language model, articles weighted by
  score, smoothed 0.6/0.4 with the collection's, from the collection's (Cronen-Townsend et al.
  2002);
- ``coord``: the share of the query's distinct words that the best article contains.

A selective variant takes RM3 where the query has 6+ distinct words and the predictor is
below the threshold, else BM25F. Prints MAP / nDCG@10 per set for BM25F, RM3 on every 6+ word
query, and each predictor at each threshold (and the RM3 settings for the chosen predictor),
then per-query paired AP differences with a 95% interval for the chosen variant against BM25F.
The per-query figures are cached in ``DIR/selective.pkl``. TIME is never read here.
"""

from __future__ import annotations

import argparse
import math
import pickle
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import numpy as np  # noqa: E402

from eval import ranking_variants as rv  # noqa: E402
from eval.ranking_dev import stop_words  # noqa: E402
from eval.ranking_time import metrics, or_query  # noqa: E402

MIN_WORDS = 6
TOP = 10
SETTINGS = [(docs, terms, original) for docs in (3, 5, 10) for terms in (10, 20)
            for original in (0.5, 0.65, 0.8)]
THRESHOLDS = {
    "gap": (0.05, 0.1, 0.15, 0.2, 0.3),
    "sd": (0.1, 0.12, 0.15, 0.2),
    "clarity": (0.8, 0.9, 1.0, 1.1, 1.2),
    "coord": (0.5, 0.6, 0.7, 0.8, 0.9),
}
FEEDBACK_BELOW = {"gap": True, "sd": True, "clarity": False, "coord": True}
PRIOR = (3, 10, 0.8)  # the RM3 setting of the third round (eval/notes.md), not tuned here
CHOSEN = ("coord", 0.7, 7)  # predictor, threshold, least distinct words: chosen on this run


def _word_scores(data: rv.Data, word: str) -> dict[int, float]:
    cache = data.setdefault("_word_scores", {})
    if word not in cache:
        cache[word] = rv.bm25f(data, [word])
    return cache[word]


def _collection(data: rv.Data) -> tuple[Counter, float]:
    if "_collection" not in data:
        if "_vectors" not in data:
            data["_vectors"] = rv._vectors(data)
        counts: Counter = Counter()
        for vector in data["_vectors"].values():
            counts.update(vector)
        data["_collection"] = (counts, float(sum(counts.values())))
    return data["_collection"]


def predictors(data: rv.Data, words: list[str], ranked: list[tuple[int, float]]) -> dict:
    """The four predictors of the module's docstring, from the first ranking."""
    scores = np.array([s for _, s in ranked[:TOP]])
    s1 = scores[0]
    gap = (s1 - scores[1]) / s1 if len(scores) > 1 else 1.0
    counts, total = _collection(data)
    vectors = data["_vectors"]
    top = ranked[0][0]
    unique = set(words)
    coord = sum(1 for w in unique if vectors[top].get(w)) / len(unique)
    weights = scores / scores.sum()
    model: dict[str, float] = defaultdict(float)
    for (d, _), weight in zip(ranked[:TOP], weights, strict=False):
        length = sum(vectors[d].values()) or 1
        for w, c in vectors[d].items():
            model[w] += weight * c / length
    clarity = 0.0
    for w, p in model.items():
        background = counts[w] / total
        p = 0.6 * p + 0.4 * background
        clarity += p * math.log2(p / background)
    return {"gap": float(gap), "sd": float(scores.std() / s1), "clarity": clarity,
            "coord": coord}


def _rm3(data: rv.Data, words: list[str], base: dict[int, float], docs: int, terms: int,
         original: float) -> dict[int, float]:
    """``ranking_variants.rm3`` with each word's BM25F scores cached across queries."""
    mixed = Counter({w: original * c / len(words) for w, c in Counter(words).items()})
    for word, v in rv.rm3_terms(data, base, docs, terms):
        mixed[word] += (1 - original) * v
    out = dict.fromkeys(base, 0.0)
    for word, weight in mixed.items():
        for d, s in _word_scores(data, word).items():
            if d in out:
                out[d] += weight * s
    return out


def _measure(data: rv.Data, scores: dict[int, float], relevant: set[str]) -> tuple:
    ranked = sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:1000]
    return metrics([data["ids"][d] for d, _ in ranked], relevant)[:2]


def per_query(data: rv.Data, queries: list) -> list[dict]:
    """For each query: distinct words, predictors, (AP, nDCG@10) for BM25F and per setting."""
    stop = stop_words()
    rows = []
    for text, relevant in queries:
        words = rv.analysed(or_query(text, stop))
        base = rv.bm25f(data, words, repeats=True) if words else {}
        row = {"n": len(set(words)), "bm25f": _measure(data, base, relevant), "rm3": {}}
        if base and row["n"] >= MIN_WORDS:
            ranked = sorted(base.items(), key=lambda x: (-x[1], x[0]))
            row.update(predictors(data, words, ranked))
            for setting in SETTINGS:
                row["rm3"][setting] = _measure(data, _rm3(data, words, base, *setting),
                                               relevant)
        rows.append(row)
    return rows


def selected(row: dict, rule: tuple | None, setting: tuple | None) -> tuple:
    """The row's (AP, nDCG@10): RM3 at ``setting`` where ``rule`` (predictor, threshold,
    least distinct words) says feedback, BM25F's elsewhere. ``rule`` None: every query of
    MIN_WORDS or more words takes feedback."""
    if setting not in row["rm3"]:
        return row["bm25f"]
    if rule is None:
        return row["rm3"][setting]
    predictor, threshold, least = rule
    below = row[predictor] < threshold
    if row["n"] >= least and below == FEEDBACK_BELOW[predictor]:
        return row["rm3"][setting]
    return row["bm25f"]


def _means(rows: list[dict], rule: tuple | None, setting: tuple | None) -> tuple:
    cells = [selected(r, rule, setting) for r in rows]
    return tuple(sum(c[k] for c in cells) / len(cells) for k in range(2))


def _line(label: str, tables: dict, rule: tuple | None, setting: tuple | None) -> str:
    return f"{label:34}" + "".join(f"{m:>9.3f} /{n:.3f}" for m, n in
                                   (_means(rows, rule, setting) for rows in tables.values()))


def paired(rows: list[dict], rule: tuple, setting: tuple) -> str:
    """Mean per-query AP difference against BM25F, its 95% interval, queries up / down."""
    diff = [selected(r, rule, setting)[0] - r["bm25f"][0] for r in rows]
    half = 1.96 * statistics.stdev(diff) / math.sqrt(len(diff))
    up, down = sum(d > 1e-9 for d in diff), sum(d < -1e-9 for d in diff)
    return f"{statistics.mean(diff):+.4f} +-{half:.4f} ({up} up, {down} down)"


def load_tables(work: Path) -> dict[str, list[dict]]:
    """The per-query rows of the four sets (cached in ``work / 'selective.pkl'``)."""
    cache = work / "selective.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    tables = {}
    for name, (data, queries) in rv.dev_sets(work).items():
        tables[name] = per_query(data, queries)
        print(f"scored {name}", file=sys.stderr, flush=True)
    cache.write_bytes(pickle.dumps(tables))
    return tables


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, required=True, help="eval.ranking_dev's --work")
    ap.add_argument("--show-predictors", action="store_true",
                    help="also print each predictor's quartiles per set (6+ word queries)")
    args = ap.parse_args()
    for name in ("reuters-ix", "known-item-ix"):
        if not (args.work / name).exists():
            sys.exit(f"no {args.work / name}: run eval.ranking_dev --work {args.work} first")
    tables = load_tables(args.work)
    if args.show_predictors:
        for name, rows in tables.items():
            long = [r for r in rows if r["rm3"]]
            print(f"{name}: {len(long)} of {len(rows)} queries have {MIN_WORDS}+ words")
            for p in THRESHOLDS:
                q = np.percentile([r[p] for r in long], [10, 25, 50, 75, 90]) if long else []
                print(f"  {p:8}" + " ".join(f"{x:6.3f}" for x in q))
    print(f"{'MAP / nDCG@10':34}" + "".join(f"{s:>16}" for s in tables))
    print(_line("BM25F (product)", tables, None, None))
    print(f"RM3 on every {MIN_WORDS}+ word query, docs / terms / original weight:")
    for s in SETTINGS:
        print(_line(f"  {s[0]} / {s[1]} / {s[2]}", tables, None, s))
    print(f"Selective RM3 {'/'.join(map(str, PRIOR))} (the third round's), feedback where:")
    for least in (6, 7, 8):
        for p, values in THRESHOLDS.items():
            sign = "<" if FEEDBACK_BELOW[p] else ">"
            for t in values:
                print(_line(f"  {least}+ words, {p} {sign} {t}", tables, (p, t, least), PRIOR))
    for least in (6, 7):
        print(f"Selective RM3, {least}+ words, {CHOSEN[0]} < {CHOSEN[1]}, "
              "docs / terms / original weight:")
        for s in SETTINGS:
            print(_line(f"  {s[0]} / {s[1]} / {s[2]}", tables, (*CHOSEN[:2], least), s))
    print(f"Chosen: RM3 {'/'.join(map(str, PRIOR))} where {CHOSEN[2]}+ words and {CHOSEN[0]} "
          f"< {CHOSEN[1]}; paired AP difference against BM25F (mean, 95% interval, "
          "queries up / down):")
    for name, rows in tables.items():
        print(f"  {name:14} {paired(rows, CHOSEN, PRIOR)}")


if __name__ == "__main__":
    main()
