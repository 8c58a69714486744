"""Typed results of the public API: what a search, a lookup and the statistics return.

Every class has ``to_dict()`` giving the stable JSON shape that ``search --json`` prints
and the HTTP API serves.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.hour == value.minute == value.second == value.microsecond == 0:
        return value.date().isoformat()
    return value.isoformat()


@dataclass(frozen=True)
class QuoteResult:
    """A quotation and its speaker (``None`` when the article does not say); the statement
    it closes when that is longer than the quote (see :class:`searchengine.Quote`)."""

    text: str
    speaker: str | None
    statement: str | None = None


@dataclass(frozen=True)
class FacetCount:
    """One facet value and how many matching articles carry it."""

    value: str
    count: int


@dataclass
class Hit:
    """One matching article. ``snippet`` is HTML-escaped text with matches in ``<mark>``."""

    id: str
    title: str
    date: datetime | None
    url: str
    source: str
    score: float
    snippet: str
    entities: dict[str, list[str]]
    quotes: list[QuoteResult]  # the article's quotes that match the query

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = _iso(self.date)
        return data


@dataclass
class SearchResults:
    """A page of hits, the total number of matches and the requested facet counts."""

    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    page: int = 1
    limit: int = 10
    filters: list[str] = field(default_factory=list)
    sort: str = "relevance"
    # True when a node of a distributed engine did not answer: the counts miss its articles
    partial: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit)) if self.limit else 1

    def to_dict(self) -> dict:
        """The stable ``--json`` object: query, total, hits, facets (and ``partial``: true
        when a node did not answer)."""
        data = {
            "query": self.query,
            "total": self.total,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": {name: _facet_dicts(name, counts) for name, counts in self.facets.items()},
        }
        if self.partial:
            data["partial"] = True
        return data


@dataclass
class ArticleRecord:
    """One whole stored article, as ``search show`` prints it."""

    id: str
    title: str
    date: datetime | None
    url: str
    source: str
    authors: list[str]
    text: str
    entities: dict[str, list[str]]
    quotes: list[QuoteResult]
    path: str = ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = _iso(self.date)
        return data


@dataclass
class IndexStats:
    """What an index holds: size, date span, top entities and speakers."""

    location: str
    articles: int
    size_bytes: int
    first_date: datetime | None
    last_date: datetime | None
    top: dict[str, list[FacetCount]]  # person, org, place, other, speaker, source

    def to_dict(self) -> dict:
        return {
            "location": self.location,
            "articles": self.articles,
            "size_bytes": self.size_bytes,
            "first_date": _iso(self.first_date),
            "last_date": _iso(self.last_date),
            "top": {name: _facet_dicts(name, counts) for name, counts in self.top.items()},
        }


def _facet_dicts(name: str, counts: list[FacetCount]) -> list[dict]:
    """Facet values as JSON, each with the filter that narrows to it."""
    from searchengine.query.filters import facet_filter

    return [{"value": fc.value, "count": fc.count, "filter": facet_filter(name, fc.value)}
            for fc in counts]  # fmt: skip
