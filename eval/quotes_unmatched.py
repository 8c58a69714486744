"""Our PolNeAR quote predictions that match no gold Content, counted by kind (dev and train).

Usage: .venv/bin/python -m eval.quotes_unmatched [--splits dev train] [--work DIR] [--show KIND]

Each unmatched prediction of ``eval.quotes_polnear`` (a statement, with the literal quotes it
holds) gets the first kind that fits: its relation to the gold Content it overlaps (inside a
longer one, holding a shorter one, under half of one), else what the quoted words are by their
form and the words around them. The kinds are read off the text with a few patterns, to size
what to work on: a row is a place to look, not a verdict. ``--work`` keeps the spaCy mentions
of each split there (a pickle) and reuses them, so a run after the first takes seconds;
``--show KIND`` prints the cases of the kinds whose name starts with KIND. Never run on test
(measure only).
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.quotes_polnear import _match, _overlap, load  # noqa: E402
from searchengine.enrich import Enricher  # noqa: E402
from searchengine.enrich.entities import Mention  # noqa: E402
from searchengine.enrich.quote_patterns import QUALIFIED_NOUN  # noqa: E402
from searchengine.enrich.quote_text import is_title, last_char  # noqa: E402
from searchengine.enrich.quotes import QuoteSpan, extract_quotes  # noqa: E402

_TERM = re.compile(
    r"(?:\b(?:the|a|an|his|her|its|their)\s+(?:[\w-]+\s+)?(?:words?|phrases?|terms?|slogans?|"
    r"labels?|hashtags?|motto|nicknames?)|\b(?:known|billed|referred to|described)\s+as"
    r"(?:\s+the|\s+an?)?|\b(?:dubbed|nicknamed|so-called|titled|entitled|called|calls|calling|"
    r"branded))\s*[,:]?\s*$", re.I)
_GOES_ON = re.compile(r"[ \t\xa0]+[a-z]")
_LONG = 8  # words of a quotation counted as long


def kind(text: str, statement: tuple[int, int], quotes: list[QuoteSpan], gold: list) -> str:
    """The kind of an unmatched prediction (see the module docstring)."""
    s, e = statement
    near = [g for g in gold if _overlap((g.start, g.end), (s, e))]
    if any(g.start <= s and e <= g.end for g in near):
        return "segmentation: inside a longer gold Content"
    if any(s <= g.start and g.end <= e for g in near):
        return "segmentation: holds a shorter gold Content"
    if near:
        return "segmentation: under half of a gold Content"
    q = quotes[0]
    words = sum(len(x.text.split()) for x in quotes)
    alone = len(quotes) == 1
    if alone and is_title(q.text) and words < _LONG:
        return "title or name (capitalised words)"
    if alone and _TERM.search(text, max(0, q.start - 40), q.start):
        return "term after 'the word', 'known as', 'called' ..."
    if alone and words < _LONG and last_char(text, q.end).isalnum() and QUALIFIED_NOUN.match(
            text, q.end):
        return "term qualifying the noun after it"
    if q.speaker is None:
        return "no speaker"
    if words < _LONG:
        goes_on = _GOES_ON.match(text, q.end) and last_char(text, q.end) not in ".!?"
        return ("short phrase, its sentence goes on" if goes_on
                else "short quote closing its clause")
    return f"quotation of {_LONG}+ words, not annotated"


def unmatched(docs: list, mentions: list[list[Mention]]) -> list[tuple[str, str, str]]:
    """(kind, statement text, context) of each prediction that matches no gold Content."""
    out = []
    for (text, gold), ments in zip(docs, mentions, strict=True):
        quotes = extract_quotes(text, ments)
        statements = sorted({q.statement for q in quotes})
        used: set[int] = set()
        for span in statements:
            hit = next((j for j, g in enumerate(gold)
                        if j not in used and _match((g.start, g.end), span)), None)
            if hit is not None:
                used.add(hit)
                continue
            pieces = [q for q in quotes if q.statement == span]
            context = text[max(0, span[0] - 150):span[1] + 80].replace("\n", " ¶ ")
            out.append((kind(text, span, pieces, gold), text[span[0]:span[1]], context))
    return out


def split_mentions(split: str, docs: list, work: Path | None) -> list[list[Mention]]:
    cache = work / f"{split}-mentions.pkl" if work else None
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    mentions = Enricher(batch_size=64).mentions([t for t, _ in docs])
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(mentions))
    return mentions


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", nargs="+", default=["dev", "train"], choices=("dev", "train"))
    ap.add_argument("--work", type=Path, help="keep the spaCy mentions here and reuse them")
    ap.add_argument("--show", metavar="KIND", help="print the cases of these kinds")
    args = ap.parse_args()
    counts: dict[str, Counter] = {}
    for split in args.splits:
        docs = load(split)
        rows = unmatched(docs, split_mentions(split, docs, args.work))
        counts[split] = Counter(k for k, _, _ in rows)
        for k, statement, context in rows:
            if args.show and k.startswith(args.show):
                print(f"[{split}] {k}: {statement[:200]!r}\n    {context!r}")
    kinds = sorted({k for c in counts.values() for k in c},
                   key=lambda k: -sum(c[k] for c in counts.values()))
    print(f"{'kind':48}" + "".join(f"{s:>7}" for s in args.splits))
    for k in kinds:
        print(f"{k:48}" + "".join(f"{counts[s][k]:7}" for s in args.splits))
    print(f"{'all unmatched predictions':48}"
          + "".join(f"{sum(counts[s].values()):7}" for s in args.splits))


if __name__ == "__main__":
    main()
