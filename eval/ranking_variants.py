"""Ranking variants measured on the four development sets of ``eval.ranking_dev`` (scratch
re-implementations, not the product's query path).

    .venv/bin/python -m eval.ranking_variants [--work DIR]

Reads the indexes ``eval.ranking_dev --work DIR`` built (run it first), analyses every stored
title and body with the index's own analyzer into an in-memory index (cached beside them as
``*.variants.pkl``), and scores each query with: BM25F as the product does it (K1, B, title x2,
Robertson idf, a word the query repeats counted as often as it is written; within 0.002 MAP of
the product's figures on the Reuters sets, 0.009 above on known-item, from small differences in
analysed text) and with each word once (the product before it counted repeats); K1/B
alternatives (repeats counted); LM with Dirichlet smoothing (Zhai & Lafferty 2001); DFR DPH and
PL2 (Amati; as Terrier writes them); term proximity over the best 100 (BM25TP, Rasolofo & Savoy
2003, with its bonus as published, divided by the number of words less one, or the minimum pair
distance of Tao & Zhai 2007); RM3 feedback restricted to queries of 6 or more words (re-ranking
the original matches). Title and body are one text of title x2 for the LM and DFR models, which
count a repeated word as often as it is written (their query likelihood and sums do). TIME is
never read here. Prints MAP / nDCG@10 per set (about 4 minutes).
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import numpy as np  # noqa: E402

from eval.ranking_dev import (  # noqa: E402
    known_item_set,
    reuters_long2_set,
    reuters_long_set,
    reuters_set,
    stop_words,
)
from eval.ranking_time import metrics, or_query  # noqa: E402
from searchengine import NewsIndex  # noqa: E402

FIELDS = ("title", "body")
Data = dict  # ids, tf[field][word][doc], pos[word][doc] (body), length[field] (array), N
Scorer = Callable[[Data, list[str]], dict[int, float]]


def load(path: Path) -> Data:
    """The in-memory index of the index at ``path`` (cached beside it)."""
    cache = path.with_name(path.name + ".variants.pkl")
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    with NewsIndex.create(path) as index:
        searcher = index._engine.searcher()
        analyzer = searcher.schema["body"].analyzer
        n = searcher.doc_count_all()
        tf = {f: defaultdict(dict) for f in FIELDS}
        pos: dict[str, dict[int, list[int]]] = defaultdict(dict)
        length = {f: np.zeros(n) for f in FIELDS}
        ids = []
        for d in range(n):
            stored = searcher.stored_fields(d)
            ids.append(stored["id"])
            for field in FIELDS:
                tokens = [(t.text, t.pos) for t in
                          analyzer(stored.get(field) or "", positions=True, mode="index")]
                length[field][d] = searcher.reader().doc_field_length(d, field, 0) or 0
                for word, count in Counter(w for w, _ in tokens).items():
                    tf[field][word][d] = count
                if field == "body":
                    for word, p in tokens:
                        pos[word].setdefault(d, []).append(p)
    data = {"ids": ids, "tf": {f: dict(v) for f, v in tf.items()}, "pos": dict(pos),
            "length": length, "N": n}
    cache.write_bytes(pickle.dumps(data))
    return data


def analysed(words: list[str], _analyzer: list = []) -> list[str]:  # noqa: B006
    if not _analyzer:
        from searchengine.engine.schema import build_schema

        _analyzer.append(build_schema()["body"].analyzer)
    return [t.text for w in words for t in _analyzer[0](w, mode="query")]


def _idf(data: Data, word: str) -> float:
    n = max(len(data["tf"][f].get(word, {})) for f in FIELDS)
    return math.log(1 + (data["N"] - n + 0.5) / (n + 0.5))


def _weights(words: list[str], repeats: bool) -> Counter:
    return Counter(words) if repeats else Counter(dict.fromkeys(words, 1))


def bm25f(data: Data, words: list[str], k1: float = 1.2, b: float = 0.75,
          repeats: bool = False) -> dict[int, float]:
    """The product's BM25F (title x2), each word once or as often as it is written."""
    length = data["length"]
    avg = {f: length[f].mean() for f in FIELDS}
    scores: dict[int, float] = defaultdict(float)
    for word, times in _weights(words, repeats).items():
        title, body = (data["tf"][f].get(word, {}) for f in FIELDS)
        if not title and not body:
            continue
        idf = _idf(data, word)
        for d in set(title) | set(body):
            x = 0.0
            if d in title:
                x += 2.0 * title[d] / (1 - b + b * length["title"][d] / avg["title"])
            if d in body:
                x += body[d] / (1 - b + b * length["body"][d] / avg["body"])
            scores[d] += times * idf * x * (k1 + 1) / (k1 + x)
    return scores


def _one_text(data: Data, word: str) -> dict[int, float]:
    title, body = (data["tf"][f].get(word, {}) for f in FIELDS)
    return {d: 2.0 * title.get(d, 0) + body.get(d, 0) for d in set(title) | set(body)}


def _one_length(data: Data):
    return 2.0 * data["length"]["title"] + data["length"]["body"]


def lm_dirichlet(data: Data, words: list[str], mu: float = 1000) -> dict[int, float]:
    """Query likelihood, Dirichlet-smoothed, ranked among the documents matching a word."""
    lengths = _one_length(data)
    total = lengths.sum()
    query = Counter(words)
    scores: dict[int, float] = defaultdict(float)
    for word, times in query.items():
        tfs = _one_text(data, word)
        p = sum(tfs.values()) / total if tfs else 0
        for d, tf in tfs.items():
            scores[d] += times * math.log(1 + tf / (mu * p))
    n = sum(query.values())
    return {d: s + n * math.log(mu / (lengths[d] + mu)) for d, s in scores.items()}


def dph(data: Data, words: list[str]) -> dict[int, float]:
    """DFR DPH (parameter-free), as Terrier computes it."""
    lengths = _one_length(data)
    n_docs, avg = data["N"], lengths.mean()
    scores: dict[int, float] = defaultdict(float)
    for word, times in Counter(words).items():
        tfs = _one_text(data, word)
        cf = sum(tfs.values())
        for d, tf in tfs.items():
            dl = lengths[d]
            f = min(tf / dl, 0.999999)
            s = (1 - f) ** 2 / (tf + 1) * (tf * math.log2(tf * avg / dl * n_docs / cf)
                                           + 0.5 * math.log2(2 * math.pi * tf * (1 - f)))
            scores[d] += times * s
    return scores


def pl2(data: Data, words: list[str], c: float = 1.0) -> dict[int, float]:
    """DFR PL2 with normalisation 2."""
    lengths = _one_length(data)
    n_docs, avg = data["N"], lengths.mean()
    scores: dict[int, float] = defaultdict(float)
    for word, times in Counter(words).items():
        tfs = _one_text(data, word)
        lam = sum(tfs.values()) / n_docs
        for d, tf in tfs.items():
            tfn = tf * math.log2(1 + c * avg / lengths[d])
            s = (tfn * math.log2(tfn / lam) + (lam - tfn) * math.log2(math.e)
                 + 0.5 * math.log2(2 * math.pi * tfn)) / (tfn + 1)
            scores[d] += times * s
    return scores


def proximity(data: Data, words: list[str], base: dict[int, float], kind: str,
              top: int = 100, window: int = 5, k1: float = 1.2, b: float = 0.75) -> dict:
    """``base`` with a proximity bonus on its best ``top``: ``bm25tp`` (each pair of words
    within ``window`` adds 1/d^2 to the pair's saturated frequency, weighted by the smaller
    idf), ``bm25tp/n`` (that bonus divided by the number of distinct words less one, so it
    grows with the query's length, not its square), ``mindist`` (log(0.3 + e^-d), d the
    smallest distance between two query words)."""
    unique = [w for w in dict.fromkeys(words) if w in data["pos"]]
    if len(unique) < 2:
        return base
    lengths = data["length"]["body"]
    avg = lengths.mean()
    idf = {w: _idf(data, w) for w in unique}
    out = dict(base)
    for d, score in sorted(base.items(), key=lambda x: (-x[1], x[0]))[:top]:
        where = {w: np.array(data["pos"][w][d]) for w in unique if d in data["pos"][w]}
        found = list(where)
        pairs = [(a, c) for i, a in enumerate(found) for c in found[i + 1:]]
        if kind == "mindist":
            if pairs:
                gap = min(np.abs(where[a][:, None] - where[c][None, :]).min() for a, c in pairs)
                out[d] = score + math.log(0.3 + math.exp(-gap))
            continue
        bonus = 0.0
        for a, c in pairs:
            gaps = np.abs(where[a][:, None] - where[c][None, :])
            gaps = gaps[(gaps > 0) & (gaps <= window)]
            if gaps.size:
                acc = float((1.0 / gaps.astype(float) ** 2).sum())
                norm = k1 * (1 - b + b * lengths[d] / avg)
                bonus += min(idf[a], idf[c]) * acc * (k1 + 1) / (norm + acc)
        out[d] = score + (bonus / (len(unique) - 1) if kind == "bm25tp/n" else bonus)
    return out


def rm3_terms(data: Data, base: dict[int, float], docs: int = 3, terms: int = 10,
              max_df: float = 0.1) -> list[tuple[str, float]]:
    """RM3's feedback words: the ``terms`` heaviest words (in at most ``max_df`` of the
    articles) of ``base``'s best ``docs``, each article's word shares weighted by its score,
    with their weights summing to 1."""
    if "_vectors" not in data:
        data["_vectors"] = _vectors(data)
    vectors = data["_vectors"]
    feedback: Counter = Counter()
    for d, score in sorted(base.items(), key=lambda x: (-x[1], x[0]))[:docs]:
        total = sum(vectors[d].values()) or 1
        for word, count in vectors[d].items():
            common = max(len(data["tf"][f].get(word, {})) for f in FIELDS)
            if word.isalpha() and len(word) > 1 and common <= max_df * data["N"]:
                feedback[word] += count / total * score
    best = feedback.most_common(terms)
    z = sum(v for _, v in best) or 1
    return [(word, v / z) for word, v in best]


def rm3(data: Data, words: list[str], base: dict[int, float], docs: int = 3, terms: int = 10,
        original: float = 0.8, min_words: int = 6, max_df: float = 0.1) -> dict:
    """RM3 as a re-ranking of ``base``'s matches, only for queries of ``min_words`` or more
    distinct words: :func:`rm3_terms` mixed with the query at weight ``original``."""
    if len(set(words)) < min_words or not base:
        return base
    mixed = Counter({w: original * c / len(words) for w, c in Counter(words).items()})
    for word, v in rm3_terms(data, base, docs, terms, max_df):
        mixed[word] += (1 - original) * v
    scores: dict[int, float] = defaultdict(float)
    for word, weight in mixed.items():
        for d, s in bm25f(data, [word]).items():
            scores[d] += weight * s
    return {d: scores.get(d, 0.0) for d in base}


def _vectors(data: Data) -> dict[int, Counter]:
    out: dict[int, Counter] = defaultdict(Counter)
    for field in FIELDS:
        for word, postings in data["tf"][field].items():
            for d, count in postings.items():
                out[d][word] += count
    return out


def mean_metrics(data: Data, queries: list, scorer: Scorer) -> tuple[float, float]:
    stop = stop_words()
    rows = []
    for text, relevant in queries:
        words = analysed(or_query(text, stop))
        scores = scorer(data, words) if words else {}
        ranked = sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:1000]
        rows.append(metrics([data["ids"][d] for d, _ in ranked], relevant))
    return tuple(sum(r[k] for r in rows) / len(rows) for k in range(2))


def _repeats(data: Data, words: list[str]) -> dict[int, float]:
    return bm25f(data, words, repeats=True)


VARIANTS: dict[str, Scorer] = {
    "BM25F (product)": _repeats,
    "BM25F, each word once": bm25f,
    "  K1 0.9": lambda d, w: bm25f(d, w, k1=0.9, repeats=True),
    "  K1 1.5": lambda d, w: bm25f(d, w, k1=1.5, repeats=True),
    "  B 0.6": lambda d, w: bm25f(d, w, b=0.6, repeats=True),
    "  B 0.5": lambda d, w: bm25f(d, w, b=0.5, repeats=True),
    "  K1 0.9, B 0.6": lambda d, w: bm25f(d, w, k1=0.9, b=0.6, repeats=True),
    "  K1 0.9, B 0.4 (Anserini)": lambda d, w: bm25f(d, w, k1=0.9, b=0.4, repeats=True),
    "LM Dirichlet mu 1000": lm_dirichlet,
    "LM Dirichlet mu 2000": lambda d, w: lm_dirichlet(d, w, mu=2000),
    "DFR DPH": dph,
    "DFR PL2 c 1": pl2,
    "repeats + BM25TP": lambda d, w: proximity(d, w, _repeats(d, w), "bm25tp"),
    "repeats + BM25TP / (n - 1)": lambda d, w: proximity(d, w, _repeats(d, w), "bm25tp/n"),
    "repeats + min distance": lambda d, w: proximity(d, w, _repeats(d, w), "mindist"),
    "repeats + RM3 (3 docs, 0.8, 6+ words)": lambda d, w: rm3(d, w, _repeats(d, w)),
}


def dev_sets(work: Path) -> dict[str, tuple[Data, list]]:
    """{set: (in-memory index, queries)} of the four development sets over ``work``."""
    reuters, known = load(work / "reuters-ix"), load(work / "known-item-ix")
    return {"reuters": (reuters, reuters_set(4000)[1]),
            "reuters-long": (reuters, reuters_long_set(4000)[1]),
            "reuters-long2": (reuters, reuters_long2_set(4000)[1]),
            "known-item": (known, known_item_set()[1])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, required=True, help="eval.ranking_dev's --work")
    args = ap.parse_args()
    for name in ("reuters-ix", "known-item-ix"):
        if not (args.work / name).exists():
            sys.exit(f"no {args.work / name}: run eval.ranking_dev --work {args.work} first")
    sets = dev_sets(args.work)
    print(f"{'MAP / nDCG@10':40}" + "".join(f"{s:>16}" for s in sets))
    for label, scorer in VARIANTS.items():
        cells = [mean_metrics(data, queries, scorer) for data, queries in sets.values()]
        print(f"{label:40}" + "".join(f"{m:>9.3f} /{n:.3f}" for m, n in cells), flush=True)


if __name__ == "__main__":
    main()
