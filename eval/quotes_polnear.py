"""Direct-quotation and speaker figures of the enrich quote step on PolNeAR.

Usage: .venv/bin/python -m eval.quotes_polnear [dev|train|test]   (test is measure only)

Gold direct quotations are the Content spans that open with a double quotation mark. A
predicted quote matches a gold one (one to one) when they overlap by at least half the longer
span; precision is over all predicted quotes, recall over gold ones. Speaker accuracy: over
matched quotes with a gold Source, share whose speaker shares a word (ignoring determiners)
with the Source or, for a he/she Source, with the last person named before it.
Articles annotated by several annotators are counted once (the first annotation file).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.common import DATA as ALL_DATA  # noqa: E402
from eval.common import Row, f1  # noqa: E402
from searchengine.enrich import Enricher  # noqa: E402
from searchengine.enrich.quotes import extract_quotes  # noqa: E402

DATA = ALL_DATA / "polnear"
_REGEX_QUOTE = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")
_PARA = re.compile(r"[^\n]+")
Pred = tuple[int, int, str | None]  # start, end, speaker
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


def load(split: str) -> list[tuple[str, Path]]:
    """(text, first annotation file) of each article of a split."""
    folder = DATA / split
    docs: dict[str, tuple[str, Path]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        base = ann.stem.rsplit("_", 1)[0]
        txt = folder / "text" / f"{base}.txt"
        if base not in docs and txt.exists():
            docs[base] = (txt.read_text(encoding="utf-8"), ann)
    return list(docs.values())


def ours(texts: list[str]) -> tuple[list[list[Pred]], list]:
    mentions = Enricher(batch_size=64).mentions(texts)
    preds = [[(q.start, q.end, q.speaker) for q in extract_quotes(t, m)]
             for t, m in zip(texts, mentions, strict=True)]
    return preds, mentions


def regex_peer(texts: list[str]) -> list[list[Pred]]:
    """Double-quoted text of three words or more; no speaker."""
    return [[(m.start(), m.end(), None) for m in _REGEX_QUOTE.finditer(t)
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
            content = q.content
            start = off + content[0].idx
            end = off + content[-1].idx + len(content[-1].text)
            speaker = " ".join(t.text for t in q.speaker) if q.speaker else None
            out[i].append((start, end, speaker))
    return out


def is_direct(text: str, start: int, end: int) -> bool:
    """A Content in double quotation marks: it opens with one."""
    return text[start:end].lstrip()[:1] in ("\"", "“")


def _match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlap of at least half the longer span."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * max(a[1] - a[0], b[1] - b[0])


def score(docs: list[tuple[str, Path]], preds: list[list[Pred]], mentions=None) -> dict:
    """Quote precision, recall, F1 and speaker accuracy over matched quotes."""
    n_gold = n_pred = n_match = n_spk_ok = 0
    for k, ((text, ann), pred) in enumerate(zip(docs, preds, strict=True)):
        _, attributions = read_ann(ann)
        gold = [(s, e, src) for s, e, src in attributions if is_direct(text, s, e)]
        n_gold += len(gold)
        n_pred += len(pred)
        used: set[int] = set()
        for ps, pe, speaker in pred:
            hit = next((j for j, (s, e, _) in enumerate(gold)
                        if j not in used and _match((s, e), (ps, pe))), None)
            if hit is None:
                continue
            used.add(hit)
            n_match += 1
            src = gold[hit][2]
            if src[0] < 0 or not speaker:
                continue
            source = text[src[0]:src[1]]
            names = {source}
            if mentions is not None and source.strip().lower() in PRONOUNS:
                before = [m for m in mentions[k] if m.type == "person" and m.start < src[0]]
                names |= {before[-1].name} if before else set()
            elif mentions is None and source.strip().lower() in PRONOUNS:
                names |= _last_person_named(text, src[0])
            n_spk_ok += any(words(speaker) & words(n) for n in names)
    p = n_match / n_pred if n_pred else 0.0
    r = n_match / n_gold if n_gold else 0.0
    return {"P": p, "R": r, "F1": f1(p, r), "speaker": n_spk_ok / n_match if n_match else 0.0,
            "gold": n_gold}


_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")


def _last_person_named(text: str, pos: int) -> set[str]:
    """For a peer without our entities: the last capitalised multi-word name before ``pos``."""
    found = _NAME.findall(text, max(0, pos - 2000), pos)
    return {found[-1]} if found else set()


def measure_split(split: str, peers: bool = True) -> dict[str, dict | None]:
    docs = load(split)
    texts = [t for t, _ in docs]
    preds, mentions = ours(texts)
    out: dict[str, dict | None] = {"ours": score(docs, preds, mentions)}
    if peers:
        out["regex"] = score(docs, regex_peer(texts))
        try:
            out["textacy"] = score(docs, textacy_peer(texts))
        except ImportError:
            out["textacy"] = None
    return out


def measure() -> list[Row]:
    dev = measure_split("dev", peers=False)["ours"]
    test = measure_split("test")
    o, rx, tx = test["ours"], test["regex"], test["textacy"]
    data = f"polnear test (measure only), {o['gold']} double-quoted contents"
    return [
        Row("quotes", data, "quote F1 (overlap >= 50% of the longer span)", o["F1"],
            {"regex >= 3 words": rx["F1"],
             "textacy direct_quotations": tx["F1"] if tx else None}, 0.85,
            f"ours P {o['P']:.3f} R {o['R']:.3f}; dev F1 {dev['F1']:.3f}"),
        Row("speakers", data, "speaker accuracy on matched quotes", o["speaker"],
            {"textacy direct_quotations": tx["speaker"] if tx else None}, 0.93,
            f"dev {dev['speaker']:.3f}"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", nargs="?", default="dev")
    ap.add_argument("--peers", action="store_true")
    args = ap.parse_args()
    for name, sc in measure_split(args.split, args.peers).items():
        if sc:
            print(f"{name:8} P {sc['P']:.3f} R {sc['R']:.3f} F1 {sc['F1']:.3f} "
                  f"speaker {sc['speaker']:.3f} (gold {sc['gold']})")


if __name__ == "__main__":
    main()
