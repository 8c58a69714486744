"""Given names a transcript addresses people by.

Briefings and press availabilities address people by their first name: "QUESTION: Thank you,
Ned.", "Go ahead, Matt.", "SECRETARY BLINKEN: Uzra, thank you so much." The model tags these as
people, and as facet values they were among the most frequent of the State Department's
briefings ("Ned" in 49 of 2,318 articles, "Matt" 47, "Tony" 43, "Said" 27) while naming nobody
a reader could search for. A lone one-word name the article addresses someone by is a given
name: it takes the one full name of the text that begins with it ("Ned" -> "Ned Price", from
the header line "Ned Price, Department Spokesperson" that the model left untagged), else it
stays on its mentions (quotes may use it) but is no facet value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .entities import Mention

# A greeting, thanks or "dear" right before the name: "Thank you so much, Ned", "Yes, Said",
# "Hi Matt", "dear Tony", "good to see you, Tony", "Well, Matt,"
_GREETING = re.compile(
    r"(?:\b(?:[Tt]hank you|[Tt]hanks)(?: (?:so |very )?much)?|\b(?:Hi|Hello|Hey|Yes|Yeah|Okay|OK|"
    r"Sorry|Go ahead|Please|Well|Good (?:morning|afternoon|evening)|you))[,!]?[ \t]+$"
    r"|\b[Dd]ear[ \t]+$")
_AFTER_GREETING = re.compile(r"[ \t]*[.,?!—–]")  # "..., Ned." / "..., Ned, and"
# Set off by a comma inside a clause that speaks to someone: "I think your visit, Tony, is",
# "As you know, Matt, we", "if I may, Tony." (not "the capital, Sanaa, fell")
_CLAUSE_BEFORE = re.compile(r"\b[a-z][\w'’]*,[ \t]+$")
_SECOND_PERSON = re.compile(r"\byou(?:r|['’](?:re|ve|ll|d))?\b", re.IGNORECASE)
# A title before the name makes it a surname: "Mr. Price", "President Putin"
_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Madam|Dame|Sen|Rep|Gov|Gen|President|Minister|Secretary|"
    r"Ambassador|Envoy|Senator|Governor|General|Chancellor|Premier|Mayor|Judge|Justice|Director|"
    r"Chairman|Chairwoman|Administrator|Commissioner|Counselor|Spokesperson|Representative|"
    r"Congressman|Congresswoman|Leader|Speaker)\.?[ \t]+$")
# A speaker's turn that is the name ("MR PRICE: Matt.") or opens with it and a comma
# ("QUESTION: Ned, two questions"); a sentence that is the name and ends its paragraph ("... take
# your questions. Matt."), or opens with it and goes on speaking to its bearer ("Tony, it's
# great to have you"; not "Gillibrand, who made ...")
_TURN_START = re.compile(r"(?:^|\n)[A-Z][A-Z .'’-]*:[ \t]+$")
_SENTENCE_START = re.compile(r"(?:^|\n|[.!?][ \t]+)$")
_ALONE = re.compile(r"[.?][ \t]*(?:\n|$)")
_SPOKEN_TO = re.compile(
    r",[ \t]+(?:I|I['’](?:m|ve|d|ll)|you|your|we|let|thank|thanks|please|welcome|would|could|"
    r"can|do|did|it['’]s|that['’]s|good|great|congratulations)\b")
_REACH = 40  # characters looked at before a mention
# the words completing a given name: " Price", " J. Blinken", " O'Brien" (not " Price's")
_FULL_NAME = r"(?:[ \t]+(?:[A-Z]\.|[A-Z](?:['’][A-Z])?[a-z][\w-]*)){1,2}\b"


def is_address(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start``-``end`` addresses someone ("Thanks, Ned.")."""
    lo = max(0, start - _REACH)
    if _GREETING.search(text, lo, start):
        return bool(_AFTER_GREETING.match(text, end))
    if _CLAUSE_BEFORE.search(text, lo, start):
        return bool(_AFTER_GREETING.match(text, end)) and bool(
            _SECOND_PERSON.search(text, lo, min(len(text), end + _REACH)))
    if _TURN_START.search(text, lo, start):
        return text[end:end + 1] == "," or bool(_ALONE.match(text, end))
    return bool(_SENTENCE_START.search(text, lo, start)) and bool(
        _ALONE.match(text, end) or _SPOKEN_TO.match(text, end))


def complete_addressed(mentions: Iterable[Mention], text: str) -> None:
    """Give each lone one-word person name that ``text`` addresses someone by the one full
    name of the text that begins with it; where there is none, or several, take the name out
    of the facet (``facet = False``). Updates the mentions in place."""
    lone: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.type == "person" and not m.locked and " " not in m.name:
            lone.setdefault(m.name, []).append(m)
    for name, group in lone.items():
        if any(_TITLE.search(text, max(0, m.start - _REACH), m.start) for m in group):
            continue  # a surname
        if not any(is_address(text, m.start, m.end) for m in group):
            continue
        full = {f.group() for f in re.finditer(rf"\b{re.escape(name)}{_FULL_NAME}", text)}
        for m in group:
            if len(full) == 1:
                m.name = next(iter(full))
            else:
                m.facet = False
