"""Entity typing and normalisation: spaCy spans -> one canonical Entity per real entity.

Per mention: map the spaCy label to our type, clean the surface form (apostrophes, whitespace,
possessive, leading "the", surrounding punctuation), drop junk, apply the alias table, spell
out state abbreviations ("Calif." -> "California"). Per article: give each name its majority
type and resolve short person names ("Modi", or "Rana" tagged ORG) to the one longer person
they belong to ("Narendra Modi", "Tahawwur Rana").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..articles import Entity
from .addressed import complete_addressed
from .gazetteer import lookup
from .layout import LAYOUT_ID, cut_at_line_break, drop_caps_guesses, layout_spans, merge
from .noise import is_noise, is_office, is_time_zone, untitled
from .places import is_known_place, region
from .teams import retype_teams, split_scores

LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "other",
    "EVENT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
    "PRODUCT": "other",
    "LANGUAGE": "other",
}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "\u00a0": " "})
_WS = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^(?:(?i:the)|an?)\s+")  # "The", and a lower-case "a"/"an"
_HONORIFIC = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Sir|Dame|H\.\s?E)\.?\s+(?=[A-Z])"  # H.E.: Excellency
    r"|Lady\s+(?=[A-Z][\w.-]*\s+[A-Z]))"  # "(First) Lady Jill Biden"; "Lady Gaga" stays
)
_LEAD_PUNCT = "\"'“”«»()[]{}<>,;:!?*#|/\\-–—•·. "
_TRAIL_PUNCT = "\"'“”«»()[]{}<>,;:!?*#|/\\-–—•· "
_ABBREV_END = re.compile(r"(?:\b[A-Za-z]\.)+$|\b(?:Inc|Jr|Sr|Co|Corp|Ltd|St|Bros)\.$")
_HAS_UPPER = re.compile(r"[A-Z]")
_CLOSED_FIRST = re.compile(r"^[^(]*\)")
_TRIM_HEAD = re.compile(r"^(?:[\W_]+|(?i:the)\s+|an?\s+)+")
_TRIM_TAIL = re.compile(r"(?:['’]s|[^\w.]+)+$", re.IGNORECASE)
_HAS_ALPHA = re.compile(r"[^\W\d_]")
# A company's legal suffix ends its name: "Daniels Pharmaceuticals Inc of St. Petersburg",
# "Computer Systems Inc Q2" are cut after "Inc".
_UP_TO_SUFFIX = re.compile(r"^.*\s(?:Inc|Corp|Co|Ltd|Plc|PLC|AG|SA|NV|SpA|GmbH|LLC|Bhd)\b\.?(?=\s)")
# "Kurdistan" + "Democratic Party", "Indonesian" + "Democratic Party": one party.
_PARTY_LIKE = re.compile(r"^(?:[A-Z][\w'-]*\s+)*(?:Party|Front|Movement|League|Congress)$")
# "Blinken's Meeting" (a headline's "Secretary Blinken's Meeting with ...") is Blinken.
_INNER_POSSESSIVE = re.compile(r"'s\s")
# An organisation span the model cut after a joining word ("the U.S. Agency for" +
# "International Development"): the capitalised words after it on the line finish the name.
_CUT_AFTER = re.compile(r"\s(?:for|of|on|and|the)$")
_NAME_GOES_ON = re.compile(r"(?:[ \t]+(?:(?:(?:of|for|on)(?:[ \t]+the)?|and)[ \t]+)?[A-Z][\w&-]*)+")
# A person name that ends in the kind of building it names is a place: "Thomas Jefferson Room"
_FACILITY = re.compile(r"\s(?:Room|Building|Airport|Stadium|Bridge|Square|Memorial|Museum|"
                       r"Palace|Cathedral|Mosque|Church|Hotel)$")
_REGION = re.compile(r"\s[Rr]egion$")
_REGION_AFTER = re.compile(r"[ \t]+region\b")
_INITIAL = re.compile(r"^[A-Z]\.\s")
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")  # a middle name given as initials: "J.", "H.W."
_FIRST_NAME_BEFORE = re.compile(r"(?<![\w.])[A-Z][a-z]+ $")


@dataclass
class Mention:
    """One entity mention: character span in the processed text, canonical name, type."""

    start: int
    end: int
    name: str
    type: str
    locked: bool = False  # from the alias table or the layout: never re-typed
    facet: bool = True  # False: a given name only ever used to address someone ("Thanks, Ned.")


def clean_name(text: str) -> str:
    """Surface form -> display form: unify apostrophes, collapse whitespace, drop possessive,
    leading "the" and surrounding punctuation (a trailing abbreviation dot is kept)."""
    s = _WS.sub(" ", text.translate(_APOSTROPHES)).lstrip(_LEAD_PUNCT).rstrip(_TRAIL_PUNCT)
    prev = None
    while s != prev:
        prev = s
        s = _POSSESSIVE.sub("", s).strip(_TRAIL_PUNCT)
        s = _LEADING_THE.sub("", s).lstrip(_LEAD_PUNCT)
        if s.endswith(".") and not _ABBREV_END.search(s):
            s = s[:-1]
    return _closed(s)


def _closed(name: str) -> str:
    """A name the model cut inside a parenthesis: an abbreviation after a space is dropped
    ("Office of Foreign Assets Control (OFAC" -> "Office of Foreign Assets Control"), a
    citation is closed ("Section 7031(c" -> "Section 7031(c)")."""
    if name.count("(") <= name.count(")"):
        return name
    at = name.rfind("(")
    if at > 0 and name[at - 1] == " ":
        return name[:at].rstrip()
    return name + ")"


def is_junk(name: str) -> bool:
    """Digits/punctuation only, a single character, lowercase only, a parenthesis closed
    before any opens (a page's language menu, "es))Spanish"), or a web address."""
    return (len(name) < 2 or not _HAS_ALPHA.search(name) or not _HAS_UPPER.search(name)
            or _CLOSED_FIRST.search(name) is not None
            or "://" in name or name.startswith("www."))  # fmt: skip


def make_mention(start: int, end: int, text: str, label: str, ent_id: str = "") -> Mention | None:
    """A typed, cleaned, alias-resolved mention, or None for dropped labels and junk."""
    etype = LABEL_TYPES.get(label)
    if etype is None:
        return None
    name = clean_name(text)
    if etype == "person" and _FACILITY.search(name):
        etype = "place"
    if etype == "person":
        name = _HONORIFIC.sub("", name)
        if inner := _INNER_POSSESSIVE.search(name):
            cut = len(name) - inner.start()
            name, text, end = name[: inner.start()], text[:-cut], end - cut
    if is_junk(name) or is_noise(name):
        return None
    if etype in ("person", "org") and (person := untitled(name)):
        start += max(text.find(person), 0)
        text, name, etype = person, person, "person"
    head, tail = _TRIM_HEAD.match(text), _TRIM_TAIL.search(text)
    start += head.end() if head else 0
    end -= len(tail.group()) if tail else 0
    known = lookup(ent_id) if ent_id and ent_id != LAYOUT_ID else None
    # the text too when cleaning changed it: "Moody's" before the possessive went
    known = known or lookup(name) or (text != name and lookup(text)) or None
    if known:
        return Mention(start, end, known[0], known[1], locked=True)
    if etype == "place" and (r := region(name)):
        name = r[0]  # "Calif." -> "California"
    return Mention(start, end, name, etype, locked=ent_id == LAYOUT_ID)


def resolve(mentions: list[Mention]) -> list[Mention]:
    """Within one article: majority type per name, then short person names -> full names.

    Mentions are updated in place (and returned) so that offsets stay usable for quotes.
    """
    _unshout(mentions)
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if not m.locked:
            votes[m.name][m.type] += 1
    majority = {name: c.most_common(1)[0][0] for name, c in votes.items()}
    for m in mentions:
        if not m.locked:
            m.type = majority[m.name]

    _lengthen_initials(mentions)
    _merge_initials_variants(mentions)
    full: dict[str, list[int]] = defaultdict(list)  # full person name -> mention positions
    for i, m in enumerate(mentions):
        if m.type == "person" and " " in m.name:
            full[m.name].append(i)
    if not full:
        return mentions
    by_last: dict[str, list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    by_tail: dict[str, list[str]] = defaultdict(list)
    for name in full:
        words = name.split()
        by_last[words[-1]].append(name)
        by_first[words[0]].append(name)
        for k in range(1, len(words) - 1):
            by_tail[" ".join(words[k:])].append(name)
    for i, m in enumerate(mentions):
        if m.locked or m.name in full:
            continue
        if " " not in m.name:
            cands = by_last.get(m.name, []) if m.type in ("person", "org") else []
            if not cands and m.type == "person":
                cands = by_first.get(m.name, [])
        else:
            cands = by_tail.get(m.name, []) if m.type == "person" else []
        if cands:
            m.name = cands[0] if len(cands) == 1 else _nearest(cands, full, i)
            m.type = "person"
    return mentions


def _lengthen_initials(mentions: list[Mention]) -> None:
    """A person named from a middle initial ("J. Blinken", when "Antony" was left out of
    the span) takes the one longer name of the article that ends with it."""
    people = {m.name for m in mentions if m.type == "person" and " " in m.name}
    for m in mentions:
        if m.type == "person" and _INITIAL.match(m.name):
            longer = [n for n in people if n.endswith(" " + m.name)]
            if len(longer) == 1:
                m.name = longer[0]


def _merge_initials_variants(mentions: list[Mention]) -> None:
    """Full names of one article that differ only by middle initials are one person: "John
    Bolton" takes "John R. Bolton" when the article also writes that (State Department pages
    write "Antony J. Blinken" in the header and "Antony Blinken" in the text). Two different
    initials ("George W. Bush", "George H.W. Bush") are two people: such names stay apart."""
    variants: dict[str, set[str]] = defaultdict(set)  # "First Last" -> the names written
    for m in mentions:
        if m.type == "person" and " " in m.name:
            variants[_without_initials(m.name)].add(m.name)
    rename = {}
    for bare, names in variants.items():
        initialled = names - {bare}
        if len(names) > 1 and " " in bare and len(initialled) == 1:
            (full,) = initialled
            rename.update(dict.fromkeys(names - initialled, full))
    for m in mentions:
        if m.type == "person" and m.name in rename:
            m.name = rename[m.name]


def _without_initials(name: str) -> str:
    return " ".join(w for w in name.split() if not _INITIALS.match(w))


def _unshout(mentions: list[Mention]) -> None:
    """All-caps names ("HOUSTON" in a dateline, "IRAQ" in a headline, "SECRETARY BLINKEN:"
    in a transcript) take the article's own mixed-case spelling, or title case for a known
    city or state and for people, so a facet shows one value. Acronyms stay: an alias-table
    name or a word with no mixed-case form is left as it is."""
    spelled = {m.name.casefold(): m.name for m in mentions if not m.name.isupper()}
    words = {
        w.casefold(): w
        for m in mentions
        if m.type == "person" and not m.name.isupper()
        for w in m.name.split()
    }
    for m in mentions:
        if len(m.name) < 4 or not m.name.isupper() or lookup(m.name):
            continue
        if mixed := spelled.get(m.name.casefold()):
            m.name = mixed
        elif m.type == "place" and is_known_place(m.name):
            m.name = m.name.title()
        elif m.type == "person":
            m.name = " ".join(words.get(w.casefold()) or w.title() for w in m.name.split())


def _nearest(cands: list[str], full: dict[str, list[int]], i: int) -> str:
    """The candidate mentioned most recently before position i (else the first one after)."""
    def score(name: str) -> tuple[int, int]:
        before = [j for j in full[name] if j < i]
        return (1, max(before)) if before else (0, -min(full[name]))

    return max(cands, key=score)


def repair_orgs(spans: list[tuple[int, int, str, str, str]], text: str
                ) -> list[tuple[int, int, str, str, str]]:
    """Organisation spans cut after a legal suffix, and a place or nationality word joined to
    the party-like organisation right after it; a person span that starts at a middle
    initial takes the first name the model left out ("Antony" + "J. Blinken"); one cut after
    a joining word takes the capitalised words after it ("the U.S. Agency for" + "International
    Development"), and the spans inside them are dropped."""
    out: list[tuple[int, int, str, str, str]] = []
    spans = sorted(spans)
    for k, span in enumerate(spans):
        start, end, name, label, ent_id = span
        if out and start < out[-1][1]:
            continue  # inside the name of the span before, finished over it
        if label == "PERSON" and _INITIAL.match(name) and (
            first := _FIRST_NAME_BEFORE.search(text, max(0, start - 30), start)
        ) and (not out or out[-1][1] <= first.start()):
            start, name = first.start(), text[first.start():end]
        if label == "ORG" and (m := _UP_TO_SUFFIX.match(name)):
            end, name = start + m.end(), m.group()
        if label == "ORG" and _CUT_AFTER.search(name) and (rest := _NAME_GOES_ON.match(text, end)):
            # up to the next name of another kind ("... Security Assistance Mira Resnick")
            stop = next((s[0] for s in spans[k + 1:] if s[0] >= rest.end() or s[3] != "ORG"),
                        rest.end())
            end = len(text[:min(stop, rest.end())].rstrip())
            name = text[start:end]
        prev = out[-1] if out else None
        if (label == "ORG" and prev and prev[3] in ("GPE", "NORP") and prev[1] + 1 == start
                and text[prev[1]] == " " and _PARTY_LIKE.match(name)):
            out[-1] = (prev[0], end, text[prev[0]:end], "ORG", ent_id)
            continue
        out.append((start, end, name, label, ent_id))
    return out


def mentions_from_spans(spans: Iterable[tuple[int, int, str, str, str]], text: str = ""
                        ) -> list[Mention]:
    """(start, end, text, label, ent_id) spans -> resolved mentions, in text order. With the
    ``text`` the spans are offsets into, spans read from its layout (datelines, sports tables,
    all-caps headlines) replace spaCy's where they overlap, and teams are typed ``org``."""
    if text:
        spans = [cut_at_line_break(s) for s in spans]
        spans = merge(drop_caps_guesses(spans, text), layout_spans(text), text)
        spans = repair_orgs(spans, text)
    out = [m for s in split_scores(spans) if (m := make_mention(*s)) is not None]
    if text:
        out = [m for m in out if not is_office(
            m.name, m.type, text[max(0, m.start - 40):m.start], text[m.end:m.end + 20])
            and not is_time_zone(m.name, text[max(0, m.start - 12):m.start])]
    out.sort(key=lambda m: m.start)
    if text:
        _type_regions(out, text)
    out = resolve(out)
    if text:
        complete_addressed(out, text)
        retype_teams(out, text)
    return out


def _type_regions(mentions: list[Mention], text: str) -> None:
    """A person or organisation mention that names a region ("the *Tigray* region", "the
    *Indo-Pacific region*") is a place, named without the word "region": its vote in the
    article's majority type."""
    for m in mentions:
        if m.locked or m.type not in ("person", "org"):
            continue
        if region := _REGION.search(m.name):
            m.name, m.type = m.name[:region.start()], "place"
        elif _REGION_AFTER.match(text, m.end):
            m.type = "place"


def unique_entities(mentions: Iterable[Mention]) -> list[Entity]:
    """One Entity per distinct (name, type), in first-seen order; names that are no facet
    value (a given name used only to address someone) are left out."""
    seen: dict[tuple[str, str], None] = {}
    for m in mentions:
        if m.facet:
            seen.setdefault((m.name, m.type), None)
    return [Entity(name, etype) for name, etype in seen]
