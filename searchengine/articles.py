"""The Article record every stage passes along, and its identity.

Readers fill in what the source says (title, text, date, url, ...); enrichment adds
entities and quotes; the engine stores the result. An article's identity is its URL,
else the id its source gave it, else a hash of its text: indexing the same article
again replaces it instead of adding a duplicate.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

ENTITY_TYPES = ("person", "org", "place", "other")
SPEAKER_TYPES = ("person", "org", "place")  # the entities a speaker facet value must be


@dataclass(frozen=True)
class Entity:
    """A named entity as found in one article, already normalised to its canonical name."""

    name: str
    type: str  # one of ENTITY_TYPES


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it (``None`` when the text does not say).

    ``statement`` is the reported statement the quote closes, when it is longer than the
    quote: in 'He said the plan was “dead on arrival”' the quote is 'dead on arrival' and
    the statement 'the plan was “dead on arrival”'."""

    text: str
    speaker: str | None = None
    statement: str | None = None

    def row(self) -> list:
        """As stored: [text, speaker] or [text, speaker, statement]; ``Quote(*row)`` reads it."""
        return [self.text, self.speaker, self.statement][: 3 if self.statement else 2]


@dataclass
class Article:
    """One news article, as read from a file and (after enrichment) ready to index."""

    text: str
    title: str = ""
    date: datetime | None = None
    url: str = ""
    source: str = ""
    authors: list[str] = field(default_factory=list)
    source_id: str = ""  # the id the input gave the article, if any
    path: str = ""  # the file it was read from ("" for articles given as dicts)
    # True when no headline was given and the title is the article's first sentence: it is
    # shown, and matches title: queries, but does not weigh in ranking (it repeats the lede).
    title_is_lede: bool = False
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The identity used to replace rather than duplicate: URL, else id, else text hash.
        Repeated slashes in the URL's path are one ("wikinews.org//wiki/X" is the page
        "wikinews.org/wiki/X"; Wikinews' CSV export writes it so)."""
        if self.url:
            return url_key(self.url)
        if self.source_id:
            return "id:" + self.source_id.strip()
        return "sha1:" + hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        """The short public id (`search show ID`): the source's id, else a hash of the key."""
        if self.source_id:
            return self.source_id.strip()
        return hashlib.sha1(self.key.encode("utf-8")).hexdigest()[:16]

    def entities_by_type(self) -> dict[str, list[str]]:
        """Entity names grouped by type, each list in first-seen order without repeats."""
        grouped: dict[str, list[str]] = {t: [] for t in ENTITY_TYPES}
        for ent in self.entities:
            names = grouped.setdefault(ent.type, [])
            if ent.name not in names:
                names.append(ent.name)
        return grouped

    def speakers(self) -> list[str]:
        """The named speakers of the article's quotes (the speaker facet), in first-seen
        order without repeats: a speaker that is one of the article's people, organisations
        or places. A quote keeps a descriptive speaker ("a company spokesman") for reading,
        but "spokesman" or "one dealer" would narrow nothing as a facet value."""
        named = {e.name for e in self.entities if e.type in SPEAKER_TYPES}
        return list(dict.fromkeys(q.speaker for q in self.quotes if q.speaker in named))


_REPEATED_SLASHES = re.compile(r"(?<=[^/:])/{2,}")


def url_key(url: str) -> str:
    """The key of the article at ``url``: each run of slashes in its path (not the one after
    the scheme) as one."""
    path, mark, query = url.strip().partition("?")
    return "url:" + _REPEATED_SLASHES.sub("/", path) + mark + query
