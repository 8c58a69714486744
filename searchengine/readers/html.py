"""HTML pages: the main article text plus title, date, authors, URL and site name.

Metadata comes from JSON-LD (``NewsArticle``/``Article``/..., also inside ``@graph`` and lists),
then OpenGraph / ``article:*`` / other ``<meta>`` tags, then the page itself (``<h1>``,
``<title>``, ``<time datetime>``). The text comes from :mod:`.htmltext`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime

from bs4 import BeautifulSoup

from ..articles import Article
from ..dates import parse_date
from .errors import ReadError
from .htmltext import clean_text, html_to_text, main_text, parse_soup

_ARTICLE_TYPES = frozenset(
    "NewsArticle Article ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle "
    "BackgroundNewsArticle ReviewNewsArticle BlogPosting LiveBlogPosting Report".split()
)
_DATE_METAS = (
    "article:published_time",
    "og:article:published_time",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "og:updated_time",
    "article:modified_time",
)
_AUTHOR_METAS = ("author", "article:author", "dc.creator", "byl", "sailthru.author")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")
_BY_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)
_JSON_COMMENT = re.compile(r"^\s*(?:<!--|//<!\[CDATA\[)|(?:-->|//\]\]>)\s*$")


def _json_ld_objects(soup: BeautifulSoup) -> Iterator[dict]:
    """Every JSON object in the page's ``application/ld+json`` scripts, ``@graph`` flattened."""
    for script in soup.find_all("script", type="application/ld+json"):
        raw = _JSON_COMMENT.sub("", script.string or script.get_text() or "")
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack[:0] = graph
                yield item


def _is_article(obj: dict) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k in _ARTICLE_TYPES for k in kinds)


def _json_ld_article(soup: BeautifulSoup) -> dict:
    """The page's JSON-LD article object, or ``{}``."""
    for obj in _json_ld_objects(soup):
        if _is_article(obj):
            return obj
    return {}


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    """``<meta>`` contents by lower-cased name/property/itemprop (first occurrence wins)."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if key and key.lower() not in found:
                found[key.lower()] = content.strip()
    return found


def _names(value: object) -> list[str]:
    """Author names from a JSON-LD ``author`` (string, object or list of either)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, list):  # {"name": [...]}
            names.extend(n for n in _names(item) if n not in names)
            continue
        if isinstance(item, str):
            name = clean_text(_BY_PREFIX.sub("", item))
            if name and not name.startswith("http") and name not in names:
                names.append(name)
    return names


def _text_of(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or ""
    return clean_text(value) if isinstance(value, str) else ""


def _strip_site_suffix(title: str, site: str) -> str:
    """Remove " | Site" / " - Site" (or a "Site | " prefix) when it names the site."""
    if not site:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_key = site.casefold()
    if parts[-1].strip().casefold() == site_key:
        return title[: title.rfind(parts[-1])].rstrip(" |-–—:·•»")
    if parts[0].strip().casefold() == site_key:
        return title[len(parts[0]) :].lstrip(" |-–—:·•»")
    return title


def _first_date(*values: object) -> datetime | None:
    for value in values:
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str):
            parsed = parse_date(value)
            if parsed is not None:
                return parsed
    return None


def _page_metadata(soup: BeautifulSoup, ld: dict, meta: dict[str, str]) -> dict:
    h1 = soup.find("h1")
    title_tag = soup.find("title")
    publisher = ld.get("publisher")
    source = meta.get("og:site_name") or _text_of(publisher)
    title = (
        _text_of(ld.get("headline"))
        or clean_text(meta.get("og:title", ""))
        or (clean_text(h1.get_text()) if h1 else "")
        or (clean_text(title_tag.get_text()) if title_tag else "")
    )
    time_tag = soup.find("time", datetime=True)
    date = _first_date(
        ld.get("datePublished"),
        *(meta.get(name) for name in _DATE_METAS),
        time_tag.get("datetime") if time_tag else None,
        ld.get("dateCreated"),
        ld.get("dateModified"),
    )
    authors = _names(ld.get("author"))
    if not authors:
        for name in _AUTHOR_METAS:
            authors = _names(meta.get(name))
            if authors:
                break
    canonical = soup.find("link", rel="canonical", href=True)
    url = (canonical["href"].strip() if canonical else "") or meta.get("og:url", "")
    if not url.startswith(("http://", "https://")):
        url = meta.get("og:url", "") if meta.get("og:url", "").startswith("http") else ""
    return {
        "title": _strip_site_suffix(title, clean_text(source)),
        "date": date,
        "authors": authors,
        "url": url,
        "source": clean_text(source),
    }


def _body_from_json_ld(ld: dict) -> str:
    body = ld.get("articleBody")
    if not isinstance(body, str) or not body.strip():
        return ""
    if "<" in body and ">" in body:
        return html_to_text(body)
    paragraphs = body.replace("\r\n", "\n").split("\n")
    return "\n\n".join(p for p in (clean_text(x) for x in paragraphs) if p)


def parse_html(html: str, path: str = "") -> Article:
    """An Article from a whole HTML page; ``text`` is "" when the page has no article text."""
    soup = parse_soup(html)
    ld = _json_ld_article(soup)
    fields = _page_metadata(soup, ld, _meta(soup))
    text = main_text(soup)
    ld_body = _body_from_json_ld(ld)
    # JSON-LD articleBody is the publisher's own text: prefer it unless it is a teaser.
    if ld_body and len(ld_body) >= 0.6 * len(text):
        text = ld_body
    return Article(text=text, path=path, **fields)


def read_html(html: str, path: str = "") -> Article:
    """Like :func:`parse_html`, but raise :class:`ReadError` when there is no article text."""
    article = parse_html(html, path)
    if not article.text:
        raise ReadError("no article text found in HTML")
    return article
