"""Entity-level NER precision/recall/F1 of the enrich entity step on CoNLL-2003 English.

Usage: .venv/bin/python -m eval.ner_conll [eng.testa|eng.testb] [--no-ruler]
(eng.testa is dev; eng.testb is measure only). Each CoNLL document is detokenised (tokens
joined by spaces, sentences by newlines) and run through Enricher.mentions, i.e. spaCy plus the
gazetteer, normalisation and per-document type fixes; each mention's final type is compared with
the gold spans (exact token boundaries): person=PER, org=ORG, place=LOC, other=MISC.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.common import DATA as ALL_DATA  # noqa: E402
from eval.common import Row, f1  # noqa: E402
from searchengine.enrich import Enricher  # noqa: E402

DATA = ALL_DATA / "conll2003"
SPACY_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
THREE = ("PER", "ORG", "LOC")
OUR_TO_CONLL = {"person": "PER", "org": "ORG", "place": "LOC", "other": "MISC"}
Span = tuple[int, int, str]  # token start, token end (exclusive), CoNLL type


def read_docs(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (token, IOB1 tag)."""
    docs: list[list[list[tuple[str, str]]]] = [[]]
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sent:
                docs[-1].append(sent)
                sent = []
            continue
        if parts[0] == "-DOCSTART-":
            if docs[-1]:
                docs.append([])
            continue
        sent.append((parts[0], parts[-1]))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def gold_spans(tags: list[str]) -> set[Span]:
    """Entity spans from IOB1 tags (B- only separates two adjacent entities of one type)."""
    spans, start, kind = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        t = tag[2:] if tag != "O" else None
        if start is not None and (t != kind or tag.startswith("B-")):
            spans.add((start, i, kind))
            start, kind = None, None
        if t is not None and start is None:
            start, kind = i, t
    return spans


def detokenise(doc: list[list[tuple[str, str]]]) -> tuple[str, list[int], list[int], list[str]]:
    """Text, token start/end char offsets and tags of one document."""
    parts, starts, ends, tags, pos = [], [], [], [], 0
    for sent in doc:
        for tok, tag in sent:
            starts.append(pos)
            parts.append(tok)
            pos += len(tok)
            ends.append(pos)
            tags.append(tag)
            parts.append(" ")
            pos += 1
        parts[-1] = "\n"
    return "".join(parts), starts, ends, tags


def predicted_spans(mentions, starts: list[int], ends: list[int]) -> set[Span]:
    by_start = {s: i for i, s in enumerate(starts)}
    by_end = {e: i for i, e in enumerate(ends)}
    out = set()
    for m in mentions:
        i, j = by_start.get(m.start), by_end.get(m.end)
        if i is not None and j is not None:
            out.add((i, j + 1, OUR_TO_CONLL[m.type]))
        else:  # a mention not on token boundaries can only be a false positive
            out.add((-m.start - 1, -m.end - 1, OUR_TO_CONLL[m.type]))
    return out


def spacy_plain_spans(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """(start, end, CoNLL type) of en_core_web_sm's own entities, used plainly."""
    import spacy

    from searchengine.enrich.nlp import MODEL_NAMES

    name = next(n for n in MODEL_NAMES if spacy.util.is_package(n))
    nlp = spacy.load(name)
    return [
        [(e.start_char, e.end_char, SPACY_TO_CONLL[e.label_]) for e in doc.ents
         if e.label_ in SPACY_TO_CONLL]
        for doc in nlp.pipe(texts, batch_size=64)
    ]


def _char_spans(spans, starts: list[int], ends: list[int]) -> set[Span]:
    by_start = {s: i for i, s in enumerate(starts)}
    by_end = {e: i for i, e in enumerate(ends)}
    out = set()
    for a, b, kind in spans:
        i, j = by_start.get(a), by_end.get(b)
        out.add((i, j + 1, kind) if i is not None and j is not None else (-a - 1, -b - 1, kind))
    return out


def score(docs, predicted: list[set[Span]], kinds=THREE) -> dict[str, float]:
    """Entity-level exact F1 per type and micro over ``kinds``."""
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    for (_, _, _, tags), pred in zip(docs, predicted, strict=True):
        gold = gold_spans(tags)
        for kind in kinds:
            g = {s for s in gold if s[2] == kind}
            p = {s for s in pred if s[2] == kind}
            tp[kind] += len(g & p)
            n_pred[kind] += len(p)
            n_gold[kind] += len(g)
    out = {}
    for kind in (*kinds, "micro"):
        t, p, g = (
            (sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
            if kind == "micro" else (tp[kind], n_pred[kind], n_gold[kind])
        )
        out[kind] = f1(t / p if p else 0.0, t / g if g else 0.0)
    return out


def measure_split(split: str) -> tuple[dict[str, float], dict[str, float] | None]:
    """(ours, plain spaCy) PER/ORG/LOC scores on one split."""
    docs = [detokenise(d) for d in read_docs(DATA / split)]
    texts = [text for text, *_ in docs]
    ours = [predicted_spans(m, st, en) for m, (_, st, en, _) in
            zip(Enricher(batch_size=64).mentions(texts), docs, strict=True)]
    try:
        plain = [_char_spans(sp, st, en) for sp, (_, st, en, _) in
                 zip(spacy_plain_spans(texts), docs, strict=True)]
    except ImportError:
        plain = None
    return score(docs, ours), (score(docs, plain) if plain else None)


def measure() -> list[Row]:
    dev, _ = measure_split("eng.testa")
    test, plain = measure_split("eng.testb")
    detail = lambda s: " ".join(f"{k} {s[k]:.3f}" for k in THREE)  # noqa: E731
    return [
        Row(
            "entities",
            "conll2003 eng.testb (measure only)",
            "entity-level exact F1, micro PER/ORG/LOC",
            test["micro"],
            {"spaCy en_core_web_sm plainly": plain["micro"] if plain else None},
            0.70,
            f"ours {detail(test)}; spaCy plain {detail(plain) if plain else '-'}; "
            f"ours on dev (eng.testa) micro {dev['micro']:.3f}",
        )
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", nargs="?", default="eng.testa")
    ap.add_argument("--no-ruler", action="store_true", help="measure without the gazetteer")
    args = ap.parse_args()
    docs = [detokenise(d) for d in read_docs(DATA / args.split)]
    enricher = Enricher(batch_size=64)
    if args.no_ruler:
        from searchengine.enrich.nlp import load_nlp

        enricher._nlp = load_nlp(ruler=False)
    t0 = time.perf_counter()
    all_mentions = enricher.mentions([text for text, *_ in docs])
    elapsed = time.perf_counter() - t0
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    for (_, starts, ends, tags), mentions in zip(docs, all_mentions, strict=True):
        gold = gold_spans(tags)
        pred = predicted_spans(mentions, starts, ends)
        for kind in ("PER", "ORG", "LOC", "MISC"):
            g = {s for s in gold if s[2] == kind}
            p = {s for s in pred if s[2] == kind}
            tp[kind] += len(g & p)
            n_pred[kind] += len(p)
            n_gold[kind] += len(g)
    print(f"{args.split}: {len(docs)} documents, {elapsed:.1f}s")
    print(f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for kind in ("PER", "ORG", "LOC", "MISC", "ALL"):
        if kind == "ALL":
            t, p, g = sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())
        else:
            t, p, g = tp[kind], n_pred[kind], n_gold[kind]
        prec, rec = t / p if p else 0.0, t / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{kind:6} {prec:6.3f} {rec:6.3f} {f1:6.3f} {g:6d} {p:6d}")


if __name__ == "__main__":
    main()
