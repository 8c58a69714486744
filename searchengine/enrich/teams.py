"""Sports results and standings: a city or county named as a team is an organisation.

"TEXAS 5 Cleveland 3", "NEW YORK 74 59 .556 -", "Somerset 83 and 174", "CLEVELAND AT TEXAS":
spaCy reads these names as places, or swallows the scores into one span ("Millwall 2 Burnley
1"). Rules, in order:

1. a span with score numbers inside is cut at them ("Millwall 2 Burnley 1" -> "Millwall",
   "Burnley", same label), unless numbers belong in its kind of name ("Interstate 5");
2. a place that is not a country and is followed by a score ("Surrey 429-7"; not a year or a
   date: "LONDON 1996-08-30" stays a dateline) is a team; so is a one-word person followed by a
   run of standings numbers ("Wigan 4 3 1 0 9 4 10"), and an organisation followed by either;
3. every other place (or one-word person) mention of a team's name in the same article is that
   team too (the tables themselves are read in :mod:`.layout`).

Countries stay places: national teams are reported under their country's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .gazetteer import alias_key
from .layout import is_country

_Span = tuple[int, int, str, str, str]
_UNSCORED_LABELS = frozenset({"FAC", "LAW", "EVENT", "PRODUCT"})  # "Interstate 5", "Euro 96"
# A score or figure inside a span: "Millwall 2 Burnley 1", "Colin Montgomerie 442,201",
# "Gordon Durie 75th", "288 Jose Coceres" (not "20th Century Fox", "3M", "7-Eleven").
_SCORE_INSIDE = re.compile(
    r"(?:^|(?<!\s)\s+)\d[\d\-./:,]*(?:\s+|$)|(?<!\s)\s+\d+(?:st|nd|rd|th)(?:\s+|$)")
_AFTER_SCORE = re.compile(r"[ \t]+\d{1,3}(?:-\d{1,3})?\b(?![:.]\d)")  # not 1996, 3.5, 1:34
_STANDINGS = re.compile(r"(?:[ \t]+\d{1,3}\b(?![:.]\d)){2,}")
# A dateline ("LONDON 1996-08-30", "MANCHESTER , England 1996-08-31", "LONDON, Feb 26 -").
_DATELINE_AFTER = re.compile(
    r"(?:[ \t]*,[ \t]*[A-Z][\w.]*)*[ \t]*,?[ \t]+(?:\d{4}-\d\d-\d\d\b"
    r"|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d)")


def split_scores(spans: Iterable[_Span]) -> Iterator[_Span]:
    """Spans with the score numbers inside them cut out, one span per named piece."""
    for start, end, text, label, ent_id in spans:
        if label in _UNSCORED_LABELS or not _SCORE_INSIDE.search(text):
            yield start, end, text, label, ent_id
            continue
        pos = 0
        for m in (*_SCORE_INSIDE.finditer(text), None):
            stop = m.start() if m else len(text)
            piece = text[pos:stop]
            if any(c.isalpha() for c in piece):
                yield start + pos, start + stop, piece, "GPE" if is_country(piece) else label, \
                    ent_id
            pos = m.end() if m else len(text)


def retype_teams(mentions: list, text: str) -> None:
    """Retype the place (and standings-row person) mentions that name teams as ``org``, in
    place. ``mentions`` have ``start``/``end`` offsets into ``text``, ``name``, ``type`` and
    ``locked`` (alias-table and layout mentions keep their type)."""
    teams: set[str] = set()
    fixed = [m.locked or is_country(m.name)
             or bool(_DATELINE_AFTER.match(text[m.end:m.end + 80])) for m in mentions]
    for m, keep in zip(mentions, fixed, strict=True):
        after = text[m.end:m.end + 40]
        scored = bool(_AFTER_SCORE.match(after))
        if m.type == "org" and (scored or _STANDINGS.match(after)) and not is_country(m.name):
            teams.add(alias_key(m.name))
        elif not keep and ((m.type == "place" and scored) or (
                m.type == "person" and " " not in m.name and _STANDINGS.match(after))):
            m.type = "org"
            teams.add(alias_key(m.name))
    if teams:
        for m, keep in zip(mentions, fixed, strict=True):
            if (m.type == "place" or (m.type == "person" and " " not in m.name)) and not keep \
                    and alias_key(m.name) in teams:
                m.type = "org"
