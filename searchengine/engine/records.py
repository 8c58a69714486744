"""Hits and article records from an article's stored fields, the same for every engine.

``fields`` holds what ``article_document`` stores (id, title, date as a datetime, url, source,
authors, body, entities by type, quotes as [text, speaker(, statement)] rows, path).
"""

from __future__ import annotations

from searchengine.articles import ENTITY_TYPES
from searchengine.results import ArticleRecord, Hit, QuoteResult


def stored_entities(fields: dict) -> dict[str, list[str]]:
    """Entity names by type, every type present."""
    stored = fields.get("entities") or {}
    return {etype: list(stored.get(etype, [])) for etype in ENTITY_TYPES}


def stored_quotes(fields: dict) -> list[QuoteResult]:
    """The article's quotes, from their stored [text, speaker(, statement)] rows."""
    return [QuoteResult(*row) for row in fields.get("quotes") or []]


def stored_hit(fields: dict, score: float | None, highlighter) -> Hit:
    """One search hit: the snippet and the quotes that match come from ``highlighter``."""
    matching = [
        q
        for q in stored_quotes(fields)
        if highlighter.matches(q.text) or (q.speaker and highlighter.matches(q.speaker))
    ]
    return Hit(
        id=fields.get("id", ""),
        title=fields.get("title", ""),
        date=fields.get("date"),
        url=fields.get("url", ""),
        source=fields.get("source", ""),
        score=round(float(score or 0.0), 4),
        snippet=highlighter.snippet(fields.get("body", "")),
        entities=stored_entities(fields),
        quotes=matching,
    )


def stored_record(fields: dict) -> ArticleRecord:
    """One whole article, as `search show` prints it."""
    return ArticleRecord(
        id=fields.get("id", ""),
        title=fields.get("title", ""),
        date=fields.get("date"),
        url=fields.get("url", ""),
        source=fields.get("source", ""),
        authors=list(fields.get("authors") or []),
        text=fields.get("body", ""),
        entities=stored_entities(fields),
        quotes=stored_quotes(fields),
        path=fields.get("path", ""),
    )
