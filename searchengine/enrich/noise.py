"""Mentions that are not entities, and titles that are not part of a name.

The small model tags words of a page's furniture as names: transcript labels and stage
directions ("QUESTION:", "(Laughter.)"), the row labels of Reuters' earnings and dividend
tables ("Revs 111.5 mln vs 94.3 mln", "Pay April 27"), generic capitalised nouns ("the
Administration", "the Nation") and the office in a title ("Secretary of State" -> "State",
"Press Secretary" -> "Press"). In the facets of a news archive these were among the most
frequent "people" and "organisations" (Revs in 950 of 23,701 real articles, Laughter in 360,
State in 1,728). Of the same kind: the name of a document or event ("Department Press
Briefing", 76 of 2,318 Wikinews + State Department articles), a time zone after a clock time
("7:49 a.m. UTC", 39) and a title alone tagged as a person ("Ned Price, Department
Spokesperson", 19). These are dropped, and "Spokesperson Ned Price" (tagged as an
organisation) becomes the person it names.
"""

from __future__ import annotations

import re

# Names that are never an entity, compared case-folded.
NOT_ENTITIES = frozenset(
    name.casefold()
    for name in (
        # transcripts: stage directions and speaker labels
        "Laughter", "Laughs", "Applause", "Inaudible", "Crosstalk", "Cross-talk", "Cheers",
        "Booing", "Audio Gap", "Technical Difficulty", "Question", "Q", "Moderator",
        "Operator", "Participant", "Audience Member", "Interpreter", "Staff",
        # Reuters table row labels and abbreviations
        "Shr", "Shrs", "Avg", "Avg Shrs", "Revs", "Qtr", "Qtly", "Mths", "Oper", "Div",
        "Dlrs", "U.S. Dlrs", "Pay", "Net", "Co", "Co Inc", "Inc", "Corp", "Ltd",
        # generic capitalised nouns
        "Administration", "Nation", "Department", "Bank", "Press", "Alliance", "Agency",
        "Government", "Federal Government", "Ministry", "Embassy", "Bureau", "Tribal",
        "Tribes", "Principal", "Nominee", "Madam", "Joint Statement", "Press Briefing",
        "Bill Signed", "Independence of the United States of America", "State",
        "Extraordinary",
    )
)
# The name of a document or an event, not of an organisation: "Department Press Briefing".
_DOCUMENT = re.compile(r"\b(?:Briefing|Briefings|Readout|Remarks|Press Availability|"
                       r"Press Conference)$")
# A time zone after a clock time: "7:49 a.m. UTC", "(0040 UTC)", "2:32 p.m. EDT".
_CLOCK_BEFORE = re.compile(r"(?:\b\d{1,2}:\d{2}|\b[ap]\.?m\.?|\(\d{4})[ \t]*$")
_ZONE = re.compile(r"[A-Z]{2,5}")
# An office named inside a title: "Secretary of State", "Secretary of the Treasury".
_BEFORE_OFFICE = re.compile(r"\bSecretar(?:y|ies)(?:-General)? of (?:the )?$")
# A word of a title right after the office: "Press Secretary", "Defense Minister".
_AFTER_OFFICE = re.compile(
    r"^ (?:Secretary|Minister|Spokesperson|Spokesman|Spokeswoman|Council+or)\b"
)
# Names that are a title: "National Security Advisor", "Deputy Spokesperson", "High
# Representative", "Special Presidential Envoy for Climate" (as organisations, 25 and 17 of
# 2,322 Wikinews + State Department articles); "Office of the U.S. Trade Representative" is one.
_TITLE_ONLY = re.compile(
    r"^(?!Office of\b).*(?:Advis[eo]r|Secretary|Spokes(?:person|man|woman)|Envoy|Representative)$"
    r"|^(?:(?:Special|Senior|Deputy|Assistant|Acting|Principal|Chief|High)\s+)+"
    r"(?:[A-Z][a-z]+\s+)?(?:Envoy|Representative|Official|Coordinator)\b"
)
# A title before a name: "Spokesperson Ned Price", "Secretary Antony Blinken".
_TITLED = re.compile(
    r"^(?:(?:Deputy|Principal|Assistant|Under|Press|Acting|Chief|Senior|Special|Personal|"
    r"Presidential)\s+)*"
    r"(?:Spokes(?:person|man|woman)|Secretary|Ambassador|Senator|Minister|Director|"
    r"Administrator|Chairman|Chairwoman|Envoy|Representative|Coordinator)\s+(?=[A-Z][a-z])"
)


def is_noise(name: str) -> bool:
    """Whether the cleaned name is page furniture, a generic noun or the name of a document
    ("Department Press Briefing"), not an entity."""
    return name.casefold() in NOT_ENTITIES or bool(_DOCUMENT.search(name))


def is_time_zone(name: str, before: str) -> bool:
    """Whether the mention is the time zone of a clock time ("7:49 a.m. *UTC*"); ``before``
    is the text just before it."""
    return bool(_ZONE.fullmatch(name) and _CLOCK_BEFORE.search(before))


def is_office(name: str, etype: str, before: str, after: str) -> bool:
    """Whether an organisation mention is the office inside a title ("Secretary of
    *State*", "*Press* Secretary") or a title itself ("National Security Advisor"), or a
    person mention a title alone ("Department Spokesperson"); ``before``/``after`` are the
    text just around the mention."""
    if etype == "person":  # "Ned Price, Department Spokesperson": the title alone
        return bool(_TITLE_ONLY.search(name))
    if etype != "org":
        return False
    return bool(
        _BEFORE_OFFICE.search(before) or _AFTER_OFFICE.match(after) or _TITLE_ONLY.search(name)
    )


def untitled(name: str) -> str | None:
    """The person's name in "Spokesperson Ned Price" (None when there is no title)."""
    m = _TITLED.match(name)
    if not m:
        return None
    rest = name[m.end():]
    return rest if " " in rest else None
