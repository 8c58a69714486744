"""Safe HTML for text that comes from articles: snippets, article bodies, outbound links.

Everything here escapes first and only then adds the few tags we own (``<mark>``, entity
links, quote spans), so nothing an article says can become markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from searchengine.query.filters import facet_filter
from searchengine.results import QuoteResult
from searchengine.web.urls import search_url

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
_PARAGRAPHS = re.compile(r"\n\s*\n")
_OPENING_MARKS = "\"“«‘'„"
_CLOSING_MARKS = "\"”»’'“"


def safe_snippet(snippet: str) -> Markup:
    """A snippet (escaped text with ``<mark>``) as markup holding only text and ``<mark>``.

    Every part is unescaped to plain text and escaped again, so whatever the snippet holds,
    the only tags that survive are the ``<mark>`` pairs we put back.
    """
    parts, last = [], 0
    for m in _MARK.finditer(snippet):
        parts.append(escape(html.unescape(snippet[last:m.start()])))
        parts.append(Markup("<mark>%s</mark>") % html.unescape(m.group(1)))
        last = m.end()
    parts.append(escape(html.unescape(snippet[last:])))
    return Markup("").join(parts)


def http_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link, else None (never link javascript: etc.)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str  # "quote" or an entity type
    label: str  # the entity name, or the quote's speaker


def article_paragraphs(text: str, entities: dict[str, list[str]],
                       quotes: list[QuoteResult]) -> list[Markup]:
    """The article text as paragraphs of markup: entity names linked to a filtered search,
    quotations wrapped in ``<q>`` with their speaker."""
    pattern = _entity_pattern(entities)
    names = {n.casefold(): (etype, n) for etype, ns in entities.items() for n in ns}
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(text) if p.strip()]
    if len(paragraphs) == 1 and "\n" in paragraphs[0]:
        paragraphs = [p.strip() for p in paragraphs[0].splitlines() if p.strip()]
    return [_render(p, pattern, names, quotes) for p in paragraphs]


def _entity_pattern(entities: dict[str, list[str]]) -> re.Pattern | None:
    names = sorted({n for names in entities.values() for n in names if n.strip()},
                   key=len, reverse=True)  # longest first: "Narendra Modi" before "Modi"
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _render(paragraph: str, pattern: re.Pattern | None, names: dict[str, tuple[str, str]],
            quotes: list[QuoteResult]) -> Markup:
    quote_spans = _quote_spans(paragraph, quotes)
    entity_spans = []
    if pattern is not None:
        for m in pattern.finditer(paragraph):
            inside = [q for q in quote_spans if q.start <= m.start() < q.end]
            if inside and m.end() > inside[0].end:
                continue  # an entity crossing a quote's edge stays plain text
            etype, name = names.get(m.group(0).casefold(), ("other", m.group(0)))
            entity_spans.append(_Span(m.start(), m.end(), etype, name))
    out, pos = [], 0
    for quote in quote_spans:
        out.append(_entities_html(paragraph, pos, quote.start, entity_spans))
        said = f"said by {quote.label}" if quote.label else "unattributed quote"
        out.append(Markup('<q class="quote" title="%s">') % said)
        out.append(_entities_html(paragraph, quote.start, quote.end, entity_spans))
        out.append(Markup("</q>"))
        if quote.label:
            out.append(Markup('<span class="speaker">— %s</span>') % quote.label)
        pos = quote.end
    out.append(_entities_html(paragraph, pos, len(paragraph), entity_spans))
    return Markup("").join(out)


def _quote_spans(paragraph: str, quotes: list[QuoteResult]) -> list[_Span]:
    spans: list[_Span] = []
    for quote in quotes:
        text = quote.text.strip()
        start = paragraph.find(text) if len(text) >= 3 else -1
        if start < 0:
            continue
        end = start + len(text)
        if 0 < start and end < len(paragraph) and paragraph[start - 1] in _OPENING_MARKS and (
                paragraph[end] in _CLOSING_MARKS):
            start, end = start - 1, end + 1  # keep the article's own quotation marks inside
        span = _Span(start, end, "quote", quote.speaker or "")
        if not any(s.start < span.end and span.start < s.end for s in spans):
            spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def _entities_html(text: str, start: int, end: int, spans: list[_Span]) -> Markup:
    out, pos = [], start
    for span in spans:
        if span.start < start or span.end > end:
            continue
        out.append(escape(text[pos:span.start]))
        href = search_url(filters=[facet_filter(span.kind, span.label)])
        out.append(Markup('<a class="entity %s" href="%s" title="%s: %s">%s</a>') % (
            span.kind, href, span.kind, span.label, text[span.start:span.end]))
        pos = span.end
    out.append(escape(text[pos:end]))
    return Markup("").join(out)
