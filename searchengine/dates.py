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
# Month names (and common abbreviations) of the other languages news pages are written in:
# German, French, Spanish, Italian, Dutch, Portuguese; lower-case, spellings with and without
# accents both listed; each to its English abbreviation.
_LOCAL_MONTHS = {
    "januar": "Jan", "jänner": "Jan", "janvier": "Jan", "janv": "Jan", "enero": "Jan",
    "gennaio": "Jan", "januari": "Jan", "janeiro": "Jan",
    "februar": "Feb", "février": "Feb", "fevrier": "Feb", "févr": "Feb", "febrero": "Feb",
    "febbraio": "Feb", "februari": "Feb", "fevereiro": "Feb",
    "märz": "Mar", "maerz": "Mar", "mär": "Mar", "mars": "Mar", "marzo": "Mar",
    "maart": "Mar", "março": "Mar",
    "avril": "Apr", "avr": "Apr", "abril": "Apr", "aprile": "Apr",
    "mai": "May", "mayo": "May", "maggio": "May", "mei": "May", "maio": "May",
    "juni": "Jun", "juin": "Jun", "junio": "Jun", "giugno": "Jun", "junho": "Jun",
    "juli": "Jul", "juillet": "Jul", "juil": "Jul", "julio": "Jul", "luglio": "Jul",
    "julho": "Jul",
    "août": "Aug", "aout": "Aug", "agosto": "Aug", "augustus": "Aug",
    "septembre": "Sep", "septiembre": "Sep", "setiembre": "Sep", "settembre": "Sep",
    "setembro": "Sep",
    "oktober": "Oct", "okt": "Oct", "octobre": "Oct", "octubre": "Oct", "ottobre": "Oct",
    "outubro": "Oct",
    "novembre": "Nov", "noviembre": "Nov", "novembro": "Nov",
    "dezember": "Dec", "dez": "Dec", "décembre": "Dec", "decembre": "Dec", "déc": "Dec",
    "diciembre": "Dec", "dicembre": "Dec", "dezembro": "Dec",
}
_ENGLISH_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
#: A month name, English or one of ``_LOCAL_MONTHS``, with an optional abbreviation dot.
MONTH_NAME = (
    "(?:"
    + "|".join([_ENGLISH_MONTHS, *sorted(_LOCAL_MONTHS, key=len, reverse=True)])
    + r")\.?"
)
_LOCAL_MONTH = re.compile(
    r"(?<![^\W\d_])(" + "|".join(sorted(_LOCAL_MONTHS, key=len, reverse=True)) + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_DAY_DOT = re.compile(r"(?<!\d)(\d{1,2})\.\s+(?=[^\W\d_])")  # "10. September 2017"
_DE = re.compile(r"(?<=\d) de (?=\S)|(?<=[^\W\d_]) de (?=\d)")  # "15 de enero de 2020"
_LEADING_WORD = re.compile(r"^[^\W\d_]{2,}\.?,\s*")  # a weekday: "Di, 21. April 2020"
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


def _english(value: str) -> str:
    """``value`` with a day written "10." and a month named in another language (with its
    "de" connectors) rewritten the English way: "10. März 2020" -> "10 Mar 2020"."""
    text = _DAY_DOT.sub(r"\1 ", value)
    text = _LOCAL_MONTH.sub(lambda m: _LOCAL_MONTHS[m.group(1).lower()], text)
    return _DE.sub(" ", text)


def _strptime(value: str) -> datetime | None:
    text = _ORDINAL.sub("", _WORD_DOT.sub("", value.replace(",", " ")))
    text = _SPACES.sub(" ", text).strip().rstrip(".")
    text = _SEPT.sub("Sep", text)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _parse_formats(value: str) -> datetime | None:
    text = _english(value)
    return _strptime(text) or (
        _strptime(_LEADING_WORD.sub("", text)) if _LEADING_WORD.match(text) else None
    )


def parse_date(value: str) -> datetime | None:
    """A date/time string as a naive datetime, or ``None`` when it cannot be parsed.

    Accepts ISO 8601 (dates, datetimes, ``Z`` and offsets), RFC 822 (RSS ``pubDate``),
    ``YYYY/MM/DD``, day-first ``DD.MM.YYYY`` and written dates such as ``February 15, 2025``,
    ``15 Feb 2025``, ``Monday, 6 January 2020``, or with a German, French, Spanish, Italian,
    Dutch or Portuguese month: ``10. September 2017``, ``15 de enero de 2020``.
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
