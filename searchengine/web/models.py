"""The JSON API's response shapes for the OpenAPI document.

They only document: the endpoints return ``to_dict()`` of the API's results unchanged, and
the schemathesis test checks every response against these models, so the two cannot drift
apart unnoticed. Extra fields are forbidden so a new field must be documented here.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorResponse(Strict):
    """Every refused request: a one-line reason."""

    error: str


class Quote(Strict):
    text: str
    speaker: str | None = Field(description="None when the article does not say.")
    statement: str | None = Field(
        default=None,
        description="The reported statement the quote closes, when longer than the quote "
        "('the plan was “dead on arrival”').",
    )


class FacetCount(Strict):
    value: str
    count: int = Field(ge=0)
    filter: str = Field(
        description='The filter that narrows to this value: person:="Joe Biden", date:2025-02.'
    )


Entities = dict[str, list[str]]  # person, org, place, other -> names


class Hit(Strict):
    id: str
    title: str
    date: str | None = Field(description="ISO date, or date and time.")
    url: str
    source: str
    score: float
    snippet: str = Field(description="HTML-escaped text with the matches in <mark>.")
    entities: Entities
    quotes: list[Quote] = Field(description="The article's quotes that match the query.")


class SearchResponse(Strict):
    """Exactly the object ``search --json`` prints."""

    query: str
    total: int = Field(ge=0)
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]


class ArticleResponse(Strict):
    id: str
    title: str
    date: str | None
    url: str
    source: str
    authors: list[str]
    text: str
    entities: Entities
    quotes: list[Quote]
    path: str


class StatsResponse(Strict):
    location: str
    articles: int = Field(ge=0)
    size_bytes: int = Field(ge=0)
    first_date: str | None
    last_date: str | None
    top: dict[str, list[FacetCount]]
