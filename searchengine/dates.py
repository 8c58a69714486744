"""Parse the date strings found in article metadata into naive datetimes (stdlib only).

A value with a UTC offset keeps its own wall-clock time (the offset is dropped, not applied):
an article stamped ``2023-11-08T21:24-05:00`` was published on the 8th where it was written,
which is the day its page and its readers give it; converting to UTC would move it to the 9th.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

# Formats tried after ISO 8601 and RFC 822, on the value with commas and extra spaces removed.
_FORMATS = (
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y.%m.%d",
    "%d.%m.%Y",  # day first, as Europe writes dotted dates
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%Y%m%d",
    "%B %d %Y",
    "%b %d %Y",
    "%B %d %Y %H:%M",
    "%b %d %Y %H:%M",
    "%B %d %Y %I:%M %p",
    "%b %d %Y %I:%M %p",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B %Y %H:%M",
    "%d %b %Y %H:%M",
    "%A %B %d %Y",
    "%A %d %B %Y",
    "%a %b %d %Y",
    "%B %Y",
    "%b %Y",
)
_SPACES = re.compile(r"\s+")
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b", re.IGNORECASE)
_ISO_LIKE = re.compile(
    r"^\d{4}-\d{2}(-\d{2})?([T ]\d{1,2}(:\d{2}){0,2}(\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$"
)
_COMPACT_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")
_SEPT = re.compile(r"\bSept\b")
_WORD_DOT = re.compile(r"(?<=[A-Za-z])\.")
_MIN_YEAR, _MAX_YEAR = 1800, 2200


def _to_naive(value: datetime) -> datetime:
    """The local wall-clock time of ``value``, without its offset."""
    return value.replace(tzinfo=None)


def plausible(value: datetime | None) -> datetime | None:
    """``value`` when its year is one a news article can have (1800-2200), else ``None``."""
    if value is None or not _MIN_YEAR <= value.year <= _MAX_YEAR:
        return None
    return value


def _parse_iso(value: str) -> datetime | None:
    if not _ISO_LIKE.match(value):
        return None
    text = value.replace(" ", "T", 1) if len(value) > 10 else value
    if text.endswith(("UTC", "GMT")):
        text = text[:-3].rstrip() + "+00:00"
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    if len(text) == 7:  # YYYY-MM
        text += "-01"
    if "T" in text:  # +0530 -> +05:30
        text = _COMPACT_OFFSET.sub(r"\1:\2", text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_rfc822(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _parse_formats(value: str) -> datetime | None:
    text = _ORDINAL.sub("", _WORD_DOT.sub("", value.replace(",", " ")))
    text = _SPACES.sub(" ", text).strip().rstrip(".")
    text = _SEPT.sub("Sep", text)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def parse_date(value: str) -> datetime | None:
    """A date/time string as a naive datetime, or ``None`` when it cannot be parsed.

    Accepts ISO 8601 (dates, datetimes, ``Z`` and offsets), RFC 822 (RSS ``pubDate``),
    ``YYYY/MM/DD``, day-first ``DD.MM.YYYY`` and written dates such as ``February 15, 2025``
    or ``15 Feb 2025``.
    Values with a time zone keep their local time (the publisher's day); see the module doc.
    """
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", value).strip()
    if not text or len(text) > 80:
        return None
    for parse in (_parse_iso, _parse_formats, _parse_rfc822):
        parsed = parse(text)
        if parsed is not None:
            return plausible(_to_naive(parsed))
    return None
