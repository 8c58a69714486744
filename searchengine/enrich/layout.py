"""Entity spans read from the layout of lines that spaCy's small model reads badly.

- Datelines in an article's first lines ("BAKU 1996-08-31", "MANCHESTER , England
  1996-08-31", "PORTLAND, Ore., Feb 26 -"): the city and its region are places.
- Sports tables: a standings row ("NEW YORK 74 59 .556 -"), a result row ("Lotte 6 Hyundai 2")
  or a fixture ("KANSAS CITY AT DETROIT", "Leeds v Everton"; a capital "AT" only, so that a
  title "Floods at Jakarta" is none) names teams; the home side after "AT" is the ground, a
  place. A country is a place either way (national teams).
- All-caps lines (headlines): country names in them are places ("ENGLAND V PAKISTAN").

``layout_spans`` gives these as spaCy-like spans; ``merge`` lets them replace the spaCy spans
they overlap (a spaCy span that only runs into one across a line break is cut at the break).
``drop_caps_guesses`` drops spaCy's person and organisation guesses in the all-caps lines of
a mixed-case text ("BASEBALL - MAJOR LEAGUE STANDINGS" as an organisation): on CoNLL dev 3 in
40 were right. ``is_headline_phrase`` tells a title-case headline read as one name, and
``cut_at_line_break`` keeps one paragraph of a span that runs over a paragraph break.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from .gazetteer import alias_key, lookup
from .places import DATELINE, country_names

_Span = tuple[int, int, str, str, str]
LAYOUT_ID = "layout"  # the ent_id of layout spans: their type is final
HEAD_LINES = 4  # datelines are looked for in this many first lines
_WORD = r"[A-Z][A-Za-z'.&\-]*"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_WORD}|of|de|del|la))*"
_NUM = r"(?:\d{1,3}(?:[ \t]1/2)?|\.\d{3}|-)"
# Matched against one short line at a time (tables and headlines are short lines; long ones
# are never tried, which also keeps the backtracking of these patterns bounded).
MAX_LINE = 160
_STANDINGS = re.compile(rf"[ \t]*(?P<a>{_NAME})(?:[ \t]+{_NUM}){{3,}}[ \t]*")
_RESULT = re.compile(
    rf"[ \t]*(?P<a>{_NAME})[ \t]+\d{{1,3}}[ \t]+(?P<b>{_NAME})[ \t]+\d{{1,3}}"
    r"(?:[ \t]*\([^()\n]*\))?[ \t]*")
_FIXTURE = re.compile(rf"[ \t]*(?P<a>{_NAME})[ \t]+(?P<sep>AT|v|vs\.?)[ \t]+(?P<b>{_NAME})"
                      r"[ \t]*")
_CAPS3 = re.compile(r"[A-Z]{3}")
_CAPS_NAME = re.compile(r"\b[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+)*")
_LOWER, _LETTER = re.compile(r"[a-z]"), re.compile(r"[A-Za-z]")
_CAPS_WORD = re.compile(r"[A-Z][A-Z.'\-]+")
_NOT_COUNTRY_IN_CAPS = frozenset({"chad", "jordan", "georgia"})  # also given/state names
_HOME_NATIONS = frozenset({"england", "scotland", "wales", "northern ireland"})


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def cut_at_line_break(span: _Span) -> _Span:
    """A span that runs over a paragraph break keeps its paragraph of most words (the first
    of equals): "Office of the Spokesperson\n\nThe" is the office. A single line break is
    no cut: wrapped text (Reuters) breaks lines inside names."""
    start, end, name, label, ent_id = span
    if not _PARAGRAPH_BREAK.search(name.strip()):
        return span
    at, best = 0, (0, "")
    for piece in _PARAGRAPH_BREAK.split(name):
        offset = name.index(piece, at)
        at = offset + len(piece)
        if len(piece.split()) > len(best[1].split()):
            best = (offset, piece)
    offset, piece = best
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    return start + offset + lead, start + offset + lead + len(piece), piece, label, ent_id


HEADLINE_PHRASE_WORDS = 4
_QUOTE_MARKS = str.maketrans({"’": "'", "‘": "'", "\u00a0": " "})


def is_headline_phrase(mention, head: str, body: str) -> bool:
    """Whether ``mention`` (offsets in ``head + body``) is a run of the headline the model
    read as one name: inside ``head``, of four words or more (or the whole headline, of three
    or more), and never written in the body ("Commending New Zealand's New Sanctions Regime",
    "DFC Announces Financing to Support COVID-19 Vaccine Manufacturing" as organisations)."""
    if mention.end > len(head):
        return False
    words = len(mention.name.split())
    whole = mention.name.casefold() == head.strip().translate(_QUOTE_MARKS).casefold()
    if words < HEADLINE_PHRASE_WORDS and not (whole and words >= 3):
        return False
    return mention.name.casefold() not in body.translate(_QUOTE_MARKS).casefold()


@lru_cache(maxsize=8192)
def is_country(name: str) -> bool:
    """A country's name or alias ("U.S."), or one of the UK's home nations (national teams)."""
    known = lookup(name.strip())
    key = alias_key(known[0] if known else name.strip())
    return key in country_names() or key in _HOME_NATIONS


def _lines(text: str, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, line) of the lines of ``text`` up to ``MAX_LINE`` characters long (of the
    first ``limit`` lines only, if given)."""
    pos = 0
    for n, line in enumerate(text.split("\n")):
        if limit is not None and n >= limit:
            return
        if len(line) <= MAX_LINE:
            yield pos, line
        pos += len(line) + 1


def _caps_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the short lines with capitals and no lowercase letter (headlines)."""
    return [(pos, pos + len(line)) for pos, line in _lines(text)
            if not _LOWER.search(line) and _CAPS3.search(line)]


def _team(m: re.Match, offset: int, group: str, label: str = "ORG") -> _Span:
    name = m[group]
    return (offset + m.start(group), offset + m.end(group), name,
            "GPE" if is_country(name) else label, LAYOUT_ID)


def _datelines(text: str) -> Iterator[_Span]:
    for pos, line in _lines(text, HEAD_LINES):
        if m := DATELINE.match(line):
            for group in ("city", "region"):
                if m[group]:
                    yield pos + m.start(group), pos + m.end(group), m[group], "GPE", LAYOUT_ID
            return


def _caps_countries(text: str) -> Iterator[_Span]:
    for line_start, line_end in _caps_lines(text):
        for run in _CAPS_NAME.finditer(text, line_start, line_end):
            words = list(_CAPS_WORD.finditer(run.group()))
            i = 0
            while i < len(words):  # the longest run of words naming a country, left to right
                for j in range(min(len(words), i + 4), i, -1):
                    start, end = run.start() + words[i].start(), run.start() + words[j - 1].end()
                    name = text[start:end]
                    if alias_key(name) not in _NOT_COUNTRY_IN_CAPS and is_country(name):
                        yield start, end, name, "GPE", LAYOUT_ID
                        i = j
                        break
                else:
                    i += 1


def layout_spans(text: str) -> list[_Span]:
    """Spans for datelines, sports tables and countries in all-caps lines of ``text``."""
    out = list(_datelines(text))
    for pos, line in _lines(text):
        if m := _STANDINGS.fullmatch(line):
            out.append(_team(m, pos, "a"))
        elif m := _RESULT.fullmatch(line):
            out += [_team(m, pos, "a"), _team(m, pos, "b")]
        elif m := _FIXTURE.fullmatch(line):
            home = "GPE" if m["sep"] == "AT" else "ORG"
            out += [_team(m, pos, "a"), _team(m, pos, "b", home)]
    out += _caps_countries(text)
    return out


def drop_caps_guesses(spans: list[_Span], text: str) -> list[_Span]:
    """``spans`` less spaCy's PERSON/ORG spans (not the gazetteer's) that start in an all-caps
    line, unless the text (its first 5,000 characters) is mostly capitals: then they say
    nothing."""
    caps = _caps_lines(text)
    sample = text[:5000]
    if not caps or len(_LOWER.findall(sample)) < 0.3 * len(_LETTER.findall(sample)):
        return spans
    return [s for s in spans if s[3] not in ("PERSON", "ORG") or s[4]
            or not any(a <= s[0] < b for a, b in caps)]


def merge(spacy_spans: list[_Span], extra: list[_Span], text: str) -> list[_Span]:
    """``extra`` spans (the first of overlapping ones wins) plus the spaCy spans that do not
    overlap them; a spaCy span that runs into one across a line break keeps its own line
    ("Rolf Soderlind\nLONGYEAR" -> "Rolf Soderlind")."""
    taken: list[_Span] = []
    for s in sorted(set(extra)):
        if not taken or s[0] >= taken[-1][1]:
            taken.append(s)
    starts = [t[0] for t in taken]
    out = list(taken)
    for span in spacy_spans:
        start, end = span[0], span[1]
        i = max(bisect_right(starts, start) - 1, 0)
        while i < len(taken) and taken[i][0] < end and start < end:
            b, e = taken[i][0], taken[i][1]
            if start < e and b < end:
                if start < b and (nl := text.rfind("\n", start, b)) >= 0:
                    end = nl
                elif end > e and (nl := text.find("\n", e, end)) >= 0:
                    start = nl + 1
                else:
                    start = end
            i += 1
        if start < end:
            out.append((start, end, text[start:end], *span[3:]))
    return out
