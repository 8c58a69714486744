"""Direct-quotation and speaker figures of the enrich quote step on PolNeAR.

Usage: .venv/bin/python -m eval.quotes_polnear [dev|train|test] [--peers]   (test: measure only)

Gold direct quotations: attribution relations whose Content is in double quotation marks, i.e.
a straight or curly double mark opens or closes it (see ``is_direct``); the first annotation
file of each article. A predicted quote matches a gold one (one to one, in text order) when
they overlap by at least half the longer span. A prediction is one of our statements (a quote,
or for a quoted tail closing a reported clause the clause from after the speech verb, and the
quotes of one such clause together: PolNeAR's Content is that clause), with the speaker of its
first quote. Precision and recall are taken per article (an
article with no prediction has precision 1, one with no gold quote recall 1), averaged over
articles, and F1 is computed from the two averages; pooled (micro) figures are given too.
Speaker accuracy, pooled over matched quotes whose relation has a Source: the predicted
speaker's span overlaps the Source, or the predicted name is its full name (holds every word of
the Source; for a he/she Source, of the last person named before it, outside the quote).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.common import DATA as ALL_DATA  # noqa: E402
from eval.common import Row, f1  # noqa: E402
from searchengine.enrich import Enricher  # noqa: E402
from searchengine.enrich.entities import Mention  # noqa: E402
from searchengine.enrich.quotes import extract_quotes  # noqa: E402

DATA = ALL_DATA / "polnear"
_REGEX_QUOTE = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")
_PARA = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W_]+")
_STOP = {"the", "a", "an", "of", "his", "her", "its", "their", "s", "mr", "mrs", "ms", "dr"}
_OPEN, _CLOSE = ('"', "“"), ('"', "”")
PERSONAL = {"he", "she", "him", "her"}
Span = tuple[int, int]


@dataclass
class Pred:
    """One predicted quote: its span, the speaker's name and where that name stands."""

    start: int
    end: int
    speaker: str | None = None
    speaker_span: Span | None = None


@dataclass
class Gold:
    start: int
    end: int
    source: Span | None


def read_ann(path: Path) -> list[tuple[int, int, Span | None]]:
    """(content start, content end, source span or None) of each attribution relation."""
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
    out = []
    for rel in relations:
        content, source = spans.get(rel.get("Content", "")), spans.get(rel.get("Source", ""))
        if content:
            out.append((content[1], content[2], (source[1], source[2]) if source else None))
    return out


def is_direct(text: str, start: int, end: int) -> bool:
    """A Content in double quotation marks: a mark opens it or closes it, inside the annotated
    span or right outside it on the same line (annotators differ on including the marks and
    the final stop)."""
    inner = text[start:end].strip()
    if not inner:
        return False
    left = text[max(0, start - 3):start].rpartition("\n")[2].rstrip(" \xa0")[-1:]
    right = text[end:end + 3].partition("\n")[0].lstrip(" \xa0")[:1]
    opens = inner[0] in _OPEN or left in _OPEN
    closes = inner[-1] in _CLOSE or inner[-2:-1] in _CLOSE or right in _CLOSE
    return opens or closes


def load(split: str) -> list[tuple[str, list[Gold]]]:
    """(text, gold direct quotations from its first annotation file) of each article."""
    folder = DATA / split
    docs: dict[str, tuple[str, list[Gold]]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        base = ann.stem.rsplit("_", 1)[0]
        txt = folder / "text" / f"{base}.txt"
        if base in docs or not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        gold = [Gold(s, e, src) for s, e, src in read_ann(ann) if is_direct(text, s, e)]
        docs[base] = (text, sorted(gold, key=lambda g: g.start))
    return list(docs.values())


def ours(texts: list[str], mentions: list[list[Mention]]) -> list[list[Pred]]:
    """One prediction per statement: quotes that are pieces of one statement count once."""
    out = []
    for text, ments in zip(texts, mentions, strict=True):
        statements = {q.statement: q for q in reversed(extract_quotes(text, ments))}
        out.append([Pred(*span, q.speaker, q.speaker_span)
                    for span, q in sorted(statements.items())])
    return out


def ours_literal(texts: list[str], mentions: list[list[Mention]]) -> list[list[Pred]]:
    """One prediction per literal quote, as the product shows quotes (the quoted words)."""
    return [[Pred(q.start, q.end, q.speaker, q.speaker_span) for q in extract_quotes(t, m)]
            for t, m in zip(texts, mentions, strict=True)]


def regex_peer(texts: list[str]) -> list[list[Pred]]:
    """Double-quoted text of three words or more; no speaker."""
    return [[Pred(m.start(), m.end()) for m in _REGEX_QUOTE.finditer(t)
             if len(m.group(1).split()) >= 3] for t in texts]


def textacy_peer(texts: list[str]) -> list[list[Pred]]:
    """textacy ``direct_quotations`` run on each paragraph (full en_core_web_sm pipeline)."""
    import spacy
    from textacy.extract.triples import direct_quotations

    from searchengine.enrich.nlp import MODEL_NAMES

    nlp = spacy.load(next(n for n in MODEL_NAMES if spacy.util.is_package(n)))
    paras = [(i, m.start(), m.group()) for i, t in enumerate(texts) for m in _PARA.finditer(t)]
    out: list[list[Pred]] = [[] for _ in texts]
    docs = nlp.pipe((p for _, _, p in paras), batch_size=64)
    for (i, off, _), doc in zip(paras, docs, strict=True):
        try:
            found = list(direct_quotations(doc))
        except ValueError:  # it bails out on a paragraph with an unclosed quotation
            continue
        for q in found:
            content, who = q.content, q.speaker
            start = off + content[0].idx
            end = off + content[-1].idx + len(content[-1].text)
            pred = Pred(start, end)
            if who:
                pred.speaker = " ".join(t.text for t in who)
                pred.speaker_span = (off + who[0].idx, off + who[-1].idx + len(who[-1].text))
            out[i].append(pred)
    return out


def words(s: str) -> set[str]:
    return {w for w in _WORD.findall(s.lower()) if w not in _STOP}


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(a: Span, b: Span) -> bool:
    """Overlap of at least half the longer span."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * max(a[1] - a[0], b[1] - b[0])


def speaker_ok(pred: Pred, gold: Gold, text: str, persons: list[Mention]) -> bool:
    """The predicted speaker overlaps the gold Source or is its full name."""
    source = gold.source
    if not pred.speaker or not source:
        return False
    if pred.speaker_span and _overlap(pred.speaker_span, source):
        return True
    named = text[source[0]:source[1]]
    if named.strip().lower() in PERSONAL:  # its antecedent: named before it, outside the quote
        before = [m for m in persons if m.start < source[0]
                  and not gold.start <= m.start < gold.end]
        named = before[-1].name if before else ""
    need = words(named)
    return bool(need) and need <= words(pred.speaker)


def score(docs: list[tuple[str, list[Gold]]], preds: list[list[Pred]],
          mentions: list[list[Mention]]) -> dict:
    """Per-article averaged P, R and their F1; pooled P, R, F1; speaker accuracy."""
    ps, rs = [], []
    n_gold = n_pred = n_match = n_spk = n_spk_ok = 0
    for (text, gold), pred, ments in zip(docs, preds, mentions, strict=True):
        persons = [m for m in ments if m.type == "person"]
        used: set[int] = set()
        for p in pred:
            hit = next((j for j, g in enumerate(gold)
                        if j not in used and _match((g.start, g.end), (p.start, p.end))), None)
            if hit is None:
                continue
            used.add(hit)
            if gold[hit].source:
                n_spk += 1
                n_spk_ok += speaker_ok(p, gold[hit], text, persons)
        ps.append(len(used) / len(pred) if pred else 1.0)
        rs.append(len(used) / len(gold) if gold else 1.0)
        n_gold, n_pred, n_match = n_gold + len(gold), n_pred + len(pred), n_match + len(used)
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    mp, mr = (n_match / n_pred if n_pred else 0.0), (n_match / n_gold if n_gold else 0.0)
    return {"P": p, "R": r, "F1": f1(p, r), "microP": mp, "microR": mr, "microF1": f1(mp, mr),
            "speaker": n_spk_ok / n_spk if n_spk else 0.0, "gold": n_gold}


def measure_split(split: str, peers: bool = True) -> dict[str, dict | None]:
    docs = load(split)
    texts = [t for t, _ in docs]
    mentions = Enricher(batch_size=64).mentions(texts)
    t0 = time.perf_counter()
    preds = ours(texts, mentions)
    ms = (time.perf_counter() - t0) * 1000 / len(texts)
    out: dict[str, dict | None] = {"ours": score(docs, preds, mentions) | {"ms": ms}}
    out["literal"] = score(docs, ours_literal(texts, mentions), mentions)
    if peers:
        out["regex"] = score(docs, regex_peer(texts), mentions)
        try:
            out["textacy"] = score(docs, textacy_peer(texts), mentions)
        except ImportError:
            out["textacy"] = None
    return out


def measure() -> list[Row]:
    dev = measure_split("dev", peers=False)["ours"]
    test = measure_split("test")
    o, rx, tx = test["ours"], test["regex"], test["textacy"]
    data = f"polnear test (measure only), {o['gold']} double-quoted contents"
    return [
        Row("quotes", data, "quote F1 (overlap >= 50% of the longer span, per-article P/R)",
            o["F1"], {"regex >= 3 words": rx["F1"],
                      "textacy direct_quotations": tx["F1"] if tx else None}, 0.85,
            f"ours P {o['P']:.3f} R {o['R']:.3f}, pooled F1 {o['microF1']:.3f} (regex "
            f"{rx['microF1']:.3f}, textacy {tx['microF1'] if tx else float('nan'):.3f}); "
            f"dev F1 {dev['F1']:.3f}, pooled {dev['microF1']:.3f}; {o['ms']:.1f} ms/article; "
            f"the literal quotes the product shows, without statement spans: F1 "
            f"{test['literal']['F1']:.3f}"),
        Row("speakers", data, "speaker accuracy on matched quotes", o["speaker"],
            {"textacy direct_quotations": tx["speaker"] if tx else None}, 0.93,
            f"dev {dev['speaker']:.3f}"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", nargs="?", default="dev", choices=("train", "dev", "test"))
    ap.add_argument("--peers", action="store_true")
    args = ap.parse_args()
    for name, sc in measure_split(args.split, args.peers).items():
        if sc:
            extra = f" ({sc['ms']:.2f} ms/article)" if "ms" in sc else ""
            print(f"{name:8} P {sc['P']:.3f} R {sc['R']:.3f} F1 {sc['F1']:.3f} | pooled P "
                  f"{sc['microP']:.3f} R {sc['microR']:.3f} F1 {sc['microF1']:.3f} | speaker "
                  f"{sc['speaker']:.3f} (gold {sc['gold']}){extra}")


if __name__ == "__main__":
    main()
