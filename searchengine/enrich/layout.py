"""Entity spans read from the layout of lines that spaCy's small model reads badly.

- Datelines in an article's first lines ("BAKU 1996-08-31", "MANCHESTER , England
  1996-08-31", "PORTLAND, Ore., Feb 26 -"): the city and its region are places.
- Sports tables: a standings row ("NEW YORK 74 59 .556 -"), a result row ("Lotte 6 Hyundai 2")
  or a fixture ("KANSAS CITY AT DETROIT", "Leeds v Everton") names teams; the home side after
  "AT" is the ground, a place. A country is a place either way (national teams).
- All-caps lines (headlines): country names in them are places ("ENGLAND V PAKISTAN").

``layout_spans`` gives these as spaCy-like spans; ``merge`` lets them replace the spaCy spans
they overlap (a spaCy span that only runs into one across a line break is cut at the break).
``drop_caps_guesses`` drops spaCy's person and organisation guesses in the all-caps lines of
a mixed-case text ("BASEBALL - MAJOR LEAGUE STANDINGS" as an organisation): on CoNLL dev 3 in
40 were right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .gazetteer import alias_key, lookup
from .places import DATELINE, country_names

_Span = tuple[int, int, str, str, str]
LAYOUT_ID = "layout"  # the ent_id of layout spans: their type is final
HEAD_LINES = 4  # datelines are looked for in this many first lines
_WORD = r"[A-Z][A-Za-z'.&\-]*"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_WORD}|of|de|del|la))*"
_NUM = r"(?:\d{1,3}(?:[ \t]1/2)?|\.\d{3}|-)"
_STANDINGS = re.compile(rf"^[ \t]*(?P<a>{_NAME})(?:[ \t]+{_NUM}){{3,}}[ \t]*$", re.MULTILINE)
_RESULT = re.compile(
    rf"^[ \t]*(?P<a>{_NAME})[ \t]+\d{{1,3}}[ \t]+(?P<b>{_NAME})[ \t]+\d{{1,3}}"
    r"(?:[ \t]*\([^()\n]*\))?[ \t]*$", re.MULTILINE)
_FIXTURE = re.compile(rf"^[ \t]*(?P<a>{_NAME})[ \t]+(?P<sep>AT|at|v|vs\.?)[ \t]+(?P<b>{_NAME})"
                      r"[ \t]*$", re.MULTILINE)
_CAPS_LINE = re.compile(r"^[^a-z\n]*[A-Z]{3}[^a-z\n]*$", re.MULTILINE)
_CAPS_NAME = re.compile(r"\b[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+)*")
_CAPS_WORD = re.compile(r"[A-Z][A-Z.'\-]+")
_NOT_COUNTRY_IN_CAPS = frozenset({"chad", "jordan", "georgia"})  # also given/state names
_HOME_NATIONS = frozenset({"england", "scotland", "wales", "northern ireland"})


def is_country(name: str) -> bool:
    """A country's name or alias ("U.S."), or one of the UK's home nations (national teams)."""
    known = lookup(name.strip())
    key = alias_key(known[0] if known else name.strip())
    return key in country_names() or key in _HOME_NATIONS


def _team(text: str, m: re.Match, group: str, label: str = "ORG") -> _Span:
    start, end = m.start(group), m.end(group)
    name = text[start:end]
    return start, end, name, "GPE" if is_country(name) else label, LAYOUT_ID


def _datelines(text: str) -> Iterator[_Span]:
    pos = 0
    for _ in range(HEAD_LINES):
        m = DATELINE.match(text, pos)
        if m:
            for group in ("city", "region"):
                if m[group]:
                    yield m.start(group), m.end(group), m[group], "GPE", LAYOUT_ID
            return
        nl = text.find("\n", pos)
        if nl < 0:
            return
        pos = nl + 1


def _caps_countries(text: str) -> Iterator[_Span]:
    for line in _CAPS_LINE.finditer(text):
        for run in _CAPS_NAME.finditer(text, line.start(), line.end()):
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
    for m in _STANDINGS.finditer(text):
        out.append(_team(text, m, "a"))
    for m in _RESULT.finditer(text):
        out += [_team(text, m, "a"), _team(text, m, "b")]
    for m in _FIXTURE.finditer(text):
        home = "GPE" if m["sep"].lower() == "at" else "ORG"
        out += [_team(text, m, "a"), _team(text, m, "b", home)]
    out += _caps_countries(text)
    return out


def drop_caps_guesses(spans: list[_Span], text: str) -> list[_Span]:
    """``spans`` less spaCy's PERSON/ORG spans (not the gazetteer's) that start in an all-caps
    line, unless the whole text is mostly capitals (then capitals say nothing)."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.islower() for c in letters) < 0.3 * len(letters):
        return spans
    caps = [(m.start(), m.end()) for m in _CAPS_LINE.finditer(text)]
    if not caps:
        return spans
    return [s for s in spans if s[3] not in ("PERSON", "ORG") or s[4]
            or not any(a <= s[0] < b for a, b in caps)]


def merge(spacy_spans: list[_Span], extra: list[_Span], text: str) -> list[_Span]:
    """``extra`` spans (the first of overlapping ones wins) plus the spaCy spans that do not
    overlap them; a spaCy span that runs into one across a line break keeps its own line
    ("Rolf Soderlind\nLONGYEAR" -> "Rolf Soderlind")."""
    taken: list[_Span] = []
    for s in sorted(set(extra)):
        if not any(s[0] < t[1] and t[0] < s[1] for t in taken):
            taken.append(s)
    out = list(taken)
    for span in spacy_spans:
        start, end = span[0], span[1]
        for b, e, *_ in taken:
            if start < e and b < end:
                if start < b and (nl := text.rfind("\n", start, b)) >= 0:
                    end = nl
                elif end > e and (nl := text.find("\n", e, end)) >= 0:
                    start = nl + 1
                else:
                    start = end
                    break
        if start < end:
            out.append((start, end, text[start:end], *span[3:]))
    return out
