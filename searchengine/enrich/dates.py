"""Datelines: the publication date stated at the very start of an article's text.

Recognises e.g. "Friday, January 4, 2019" (Wikinews), "WASHINGTON, Feb. 3, 2019 (Reuters) -",
"15 February 2025", "2025-02-15". A dateline without a year ("WASHINGTON, Feb. 3 -") gives
None: guessing the year would put the article in the wrong place on the timeline.
"""

from __future__ import annotations

import re
from datetime import datetime

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+"
# An optional place ("WASHINGTON", "SAN FRANCISCO, Calif.") and agency before the date.
_PLACE = r"(?:[A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*){0,3}(?:,\s*[A-Z][A-Za-z.]{1,12})?" \
         r"\s*(?:\([^()\n]{1,30}\))?\s*[,:—–-]+\s*)?"
_DATELINE = re.compile(
    rf"^\s*{_PLACE}(?:{_WEEKDAY})?(?:"
    rf"(?P<mon>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH}),?\s+(?P<year2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf")\b"
)
_HEAD_CHARS = 120


def dateline_date(text: str) -> datetime | None:
    """The date of a dateline at the start of ``text`` (naive, midnight), else None."""
    m = _DATELINE.match(text[:_HEAD_CHARS])
    if not m:
        return None
    try:
        if m["iso"]:
            return datetime.strptime(m["iso"], "%Y-%m-%d")
        mon, day, year = (m["mon"], m["day"], m["year"]) if m["mon"] else (
            m["mon2"], m["day2"], m["year2"])
        if not year:
            return None
        return datetime(int(year), _MONTHS[mon[:3].lower()], int(day))
    except ValueError:
        return None
