"""Publication date and title from HTML pages, on the English pages of trafilatura-eval.

Usage: .venv/bin/python -m eval.html_metadata [--show]   (--show lists our misses)

The date row's note gives the same on the dated pages of every language.

English pages: py3langid calls the gold title plus the gold ``with`` snippets (the article's
own text) English; that gives the 123 dated pages the issue counted.
Date: exact day against the gold ``date``. Title: exact after case and whitespace folding.
Peers: htmldate ``find_date(original_date=True)``, trafilatura's ``extract_metadata`` title.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.common import DATA, Row, peer  # noqa: E402
from searchengine.enrich.dates import dateline_date  # noqa: E402
from searchengine.readers.detect import decode  # noqa: E402
from searchengine.readers.html import parse_html  # noqa: E402

FOLDER = DATA / "trafilatura-eval"


def is_english(entry: dict) -> bool:
    """Whether the gold article (its title and the ``with`` snippets, the text the page's
    article must contain) is English, by py3langid, the identifier trafilatura uses."""
    import py3langid

    text = " ".join([entry.get("title") or "", *entry.get("with", [])])
    return py3langid.classify(text)[0] == "en"


def load_pages(english_only: bool = True) -> list[tuple[str, dict, str]]:
    """(url, gold entry, decoded HTML) of the pages that have an HTML file: the English
    ones, or every language."""
    gold = json.loads((FOLDER / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, entry in gold.items():
        path = FOLDER / "html" / f"{entry['file']}.gz"
        if path.exists() and (not english_only or is_english(entry)):
            pages.append((url, entry, decode(gzip.decompress(path.read_bytes()))))
    return pages


def fold(title: str | None) -> str:
    return " ".join((title or "").casefold().split())


def htmldate_day(html: str) -> str | None:
    from htmldate import find_date

    return find_date(html, original_date=True)


def trafilatura_title(html: str) -> str | None:
    from trafilatura import extract_metadata

    meta = extract_metadata(html)
    return meta.title if meta else None


def _accuracy(pairs: list[tuple[str, str | None]]) -> float:
    return sum(g == p for g, p in pairs) / len(pairs)


def _peer_dates(pages) -> float:
    return _accuracy([(e["date"], htmldate_day(h)) for _, e, h in pages])


def _peer_titles(pages) -> float:
    return _accuracy([(fold(e["title"]), fold(trafilatura_title(h))) for _, e, h in pages])


def ours(pages) -> dict[str, tuple[str | None, str]]:
    """url -> (our day, our folded title), as indexing sets them (a dateline is the last
    resort for the date)."""
    out = {}
    for url, _, html in pages:
        article = parse_html(html)
        date = article.date or dateline_date(article.text)
        out[url] = (date.strftime("%Y-%m-%d") if date else None, fold(article.title))
    return out


def _every_language_note() -> str:
    """Date accuracy on the dated pages of every language (the set rules are developed on),
    ours beside htmldate's."""
    dated = [p for p in load_pages(english_only=False) if p[1].get("date")]
    got = ours(dated)
    right = sum(e["date"] == got[u][0] for u, e, _ in dated)
    theirs = peer("htmldate", _peer_dates, dated)
    htmldate = "not installed" if theirs is None else f"{theirs:.3f}"
    return (f"all {len(dated)} dated pages, every language: ours {right / len(dated):.3f} "
            f"({right} right), htmldate {htmldate}")


def measure(show: bool = False) -> list[Row]:
    pages = load_pages()
    dated = [p for p in pages if p[1].get("date")]
    titled = [p for p in pages if p[1].get("title")]
    got = ours(pages)
    date_acc = _accuracy([(e["date"], got[u][0]) for u, e, _ in dated])
    title_acc = _accuracy([(fold(e["title"]), got[u][1]) for u, e, _ in titled])
    if show:
        for u, e, _ in dated:
            if e["date"] != got[u][0]:
                print(f"DATE  gold {e['date']} ours {got[u][0]}  {e['file']}")
        for u, e, _ in titled:
            if fold(e["title"]) != got[u][1]:
                print(f"TITLE {e['file']}\n   gold {fold(e['title'])!r}\n   ours {got[u][1]!r}")
    return [
        Row("HTML date", f"trafilatura-eval, English pages with a gold date ({len(dated)})",
            "exact day", date_acc,
            {"htmldate find_date(original_date=True)": peer("htmldate", _peer_dates, dated)},
            0.93, _every_language_note()),
        Row("HTML title", f"trafilatura-eval, English pages with a gold title ({len(titled)})",
            "exact after case/space folding", title_acc,
            {"trafilatura extract_metadata": peer("trafilatura", _peer_titles, titled)},
            0.85),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list our misses")
    args = ap.parse_args()
    for row in measure(show=args.show):
        print(f"{row.stage}: ours {row.ours:.3f}  {row.peers}  ({row.data})  {row.note}")


if __name__ == "__main__":
    main()
