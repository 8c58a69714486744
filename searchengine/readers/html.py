"""HTML pages: the main article text plus title, date, authors, URL and site name.

Metadata comes from JSON-LD (``NewsArticle``/``Article``/..., also inside ``@graph`` and lists),
then OpenGraph / ``article:*`` / other ``<meta>`` tags, then the page itself (``<h1>``,
``<title>``). The date is looked for in that order too (where JSON-LD and the ``<meta>`` tags
declare different publication days, the one the page's text shows wins), then in the page's
marked-up dates (``itemprop="datePublished"``, ``<abbr class="published">``, ``<time>``, a
video's ``uploadDate``), then in its URL (``/2024/03/04/``, ``/2020/oct/02/``), then in short
date-classed elements ("Published on May 10, 2022"), next to the ``<h1>`` (the byline after
it, a date heading before it), after a label ("Datum: 03.11.2021"), the headline's
``rel=bookmark`` permalink, and ``datePublished`` in JSON data scripts; modification dates
come last ("last edited ...", "Updated ..." notes at the very end), then a signature line
that ends the text. Written dates may use German, French, Spanish, Italian, Dutch or
Portuguese month names. Where a page gives both, the publication date is kept, not the
update date. The text comes from :mod:`.htmltext`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from itertools import islice

from bs4 import BeautifulSoup, Comment, NavigableString

from ..articles import Article
from ..dates import MONTH_NAME, parse_date
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
    "og:pubdate",
    "article:published",
    "datecreated",
)
_MODIFIED_METAS = ("article:modified_time", "og:updated_time", "datemodified", "lastmod")
_URL_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2]|" + "|".join(_URL_MONTHS) + r")[/-]"
    r"(0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)",
    re.IGNORECASE,
)
# Written dates: "May 10, 2022", "10th May 2022", "10. Mai 2022", "15 de enero de 2020".
_DATE_FORMS = (
    rf"{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?{MONTH_NAME},?\s+(?:de\s+)?\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{4}/\d{2}/\d{2}|\d{1,2}\.\d{1,2}\.\d{4}"
)
_TEXT_DATE = re.compile(rf"(?<![^\W_])(?:{_DATE_FORMS})(?![^\W_])", re.IGNORECASE)
# "last edited 2019-11-10 13:28" (wikis), "This page was last modified on 4 November 2020",
# "Updated May 06, 2019", "Aktualisiert am 17.01.2021".
_LAST_EDITED = re.compile(
    r"\b(?:last\s+(?:edited|modified|updated)|updated|aktualisiert)(?:\s+on|\s+am)?"
    rf":?\s+({_DATE_FORMS})(?![^\W_])",
    re.IGNORECASE,
)
# "Datum: 03.11.2021", "Stand: 25.01.2022", "Pressemitteilung vom 20.01.2022", "Posted on ...".
_LABELLED_DATE = re.compile(
    r"\b(?:Datum|Stand|Veröffentlicht(?:\s+am)?|Erstellt(?:\s+am)?|Published(?:\s+on)?"
    r"|Posted(?:\s+on)?|Date|Publié\s+le|Publicado(?:\s+el)?|Pressemitteilung\s+vom)"
    rf"\s*:?\s*({_DATE_FORMS})(?![^\W_])",
    re.IGNORECASE,
)
_RDFA_DATE = re.compile(r"^(?:schema:datePublished|schema:dateCreated|dc:date|dcterms:created)$")
_PUBLISHED_KEYS = ("datePublished", "publishedDate")
_TITLE_WORD = re.compile(r"[^\W_]+")
_HEADLINE_CLASS = re.compile(r"headline|entry-title|post-title|article-title|blog_post_title")
_UTC_SUFFIX = re.compile(r"(?:Z|[+-]00:?00|UTC|GMT)$")
_MACHINE_DATE = re.compile(r"\d{4}\D")
_OFFSET_SUFFIX = re.compile(r"\d\s?([+-])(\d\d):?(\d\d)$")
_DATE_CLASS = re.compile(r"date|time|publish|posted|byline|meta|dateline", re.IGNORECASE)
_AUTHOR_METAS = ("author", "article:author", "dc.creator", "byl", "sailthru.author")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")
_BY_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)
_JSON_COMMENT = re.compile(r"^\s*(?:<!--|//<!\[CDATA\[)|(?:-->|//\]\]>)\s*$")


def _script_data(soup: BeautifulSoup, kind: str) -> Iterator[object]:
    """The parsed JSON of each ``<script type=kind>`` (unparseable ones skipped)."""
    for script in soup.find_all("script", type=kind):
        raw = _JSON_COMMENT.sub("", script.string or script.get_text() or "")
        try:
            yield json.loads(raw, strict=False)
        except ValueError:
            continue


def _objects(data: object, deep: bool) -> Iterator[dict]:
    """The dicts of ``data``, lists and ``@graph`` flattened; every nested dict when ``deep``."""
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict):
            graph = item.get("@graph")
            if deep:
                stack[:0] = list(item.values())
            elif isinstance(graph, list):
                stack[:0] = graph
            yield item


def _json_ld_objects(soup: BeautifulSoup) -> Iterator[dict]:
    """Every JSON object in the page's ``application/ld+json`` scripts, ``@graph`` flattened."""
    for data in _script_data(soup, "application/ld+json"):
        yield from _objects(data, deep=False)


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


def _words(text: str) -> list[str]:
    return _TITLE_WORD.findall(text.casefold())


def _title(soup: BeautifulSoup, ld: dict, meta: dict[str, str]) -> str:
    """The headline as the page shows it: the ``<h1>`` (or first headline-classed heading) when
    the page's own metadata title agrees with it (contains it, was cut short from it, or
    shares most of its words), else JSON-LD ``headline``, ``og:title``, ``<h1>``, ``<title>``."""
    title_tag = soup.find("title")
    declared = [
        _text_of(ld.get("headline")),
        clean_text(meta.get("og:title", "")),
        clean_text(meta.get("twitter:title", "")),
        clean_text(title_tag.get_text()) if title_tag else "",
    ]
    declared = [t for t in declared if t]
    headings = [clean_text(h.get_text(" ")) for h in soup.find_all("h1", limit=3)]
    headings += [
        clean_text(h.get_text(" "))
        for h in soup.find_all(["h2", "h1"], class_=_HEADLINE_CLASS, limit=3)
    ]
    for heading in (h for h in headings if 0 < len(h) <= 300):
        head_words = _words(heading)
        if not head_words:
            continue
        for title in declared:
            folded, head = title.casefold(), heading.casefold()
            if folded in head and len(_words(title)) >= 3:  # "Politics | <headline>"
                return title
            if head in folded and 2 * len(head_words) >= len(_words(title)):
                return heading
            if title.endswith(("...", "…")) and head.startswith(folded.rstrip(".… ")):
                return heading
            shared = len(set(head_words) & set(_words(title)))
            if len(head_words) >= 4 and shared >= 0.6 * len(set(head_words)):
                return heading
    return declared[0] if declared else (headings[0] if headings else "")


def _json_ld_values(objects: list[dict], key: str) -> Iterator[object]:
    """``key`` (``datePublished``, ``uploadDate``) of any JSON-LD object (a ``WebPage`` or
    ``BlogPosting`` too)."""
    for obj in objects:
        if obj.get(key):
            yield obj[key]


def _marked_dates(soup: BeautifulSoup) -> Iterator[str]:
    """Dates the page marks up as such: microdata ``datePublished``, hAtom ``published``,
    ``<time>`` (its ``datetime``, else its text), RDFa ``schema:datePublished`` /
    ``schema:dateCreated`` (Drupal's node date)."""
    tags = [
        *soup.find_all(attrs={"itemprop": "datePublished"}),
        *soup.find_all(["abbr", "time", "span"], class_="published"),
        *soup.find_all("time"),
        *soup.find_all(attrs={"property": _RDFA_DATE}, content=True, limit=1),
    ]
    for tag in tags:
        value = tag.get("content") or tag.get("datetime") or tag.get("title")
        if isinstance(value, str) and value.strip():
            yield value
        else:
            found = _TEXT_DATE.search(tag.get_text(" "))
            if found:
                yield found.group()


def _local_day(values: list[object], urls: list[datetime | None], marked: list[str]) -> (
    datetime | None
):
    """The first date of ``values``; when it is stated in UTC, moved to the publisher's clock:
    the URL's day or the first day the page's marked-up dates show when that is a day apart,
    else by the offset the page writes its other dates with. UTC stamps move evening
    articles to the next day."""
    strings = [v for v in values if isinstance(v, str)]
    for value in values:
        if isinstance(value, list):
            value = value[0] if value else None
        parsed = parse_date(value) if isinstance(value, str) else None
        if parsed is None:
            continue
        if _UTC_SUFFIX.search(value.strip()):
            shown = next(filter(None, map(_shown_day, marked)), None)
            for day in [*urls, shown]:
                if day is not None and abs((day.date() - parsed.date()).days) == 1:
                    return day
            offset = next(filter(None, map(_offset, [*marked, *strings])), None)
            if offset is not None:
                return parsed + offset
        return parsed
    return None


def _shown_day(value: str) -> datetime | None:
    """The day of a date written for readers, without a time ("3 de mayo de 2022", not the
    machine form "2019-10-18"), else None."""
    if _MACHINE_DATE.match(value.strip()):
        return None
    parsed = parse_date(value)
    if parsed is None or parsed.time() != datetime.min.time():
        return None
    return parsed


def _offset(value: str) -> timedelta | None:
    """The non-zero UTC offset a date string is written with, else None."""
    found = _OFFSET_SUFFIX.search(value.strip())
    if not found or _UTC_SUFFIX.search(value.strip()):
        return None
    sign = -1 if found.group(1) == "-" else 1
    return sign * timedelta(hours=int(found.group(2)), minutes=int(found.group(3)))


def _url_date(url: str) -> datetime | None:
    """The date in a URL path such as ``/2024/03/04/slug``."""
    found = _URL_DATE.search(url or "")
    if not found:
        return None
    year, month, day = found.groups()
    month = month.lower()
    number = _URL_MONTHS.index(month) + 1 if month in _URL_MONTHS else int(month)
    try:
        return datetime(int(year), number, int(day))
    except ValueError:
        return None


def _permalink(soup: BeautifulSoup) -> str:
    """The headline's own permalink (``<h1|h2><a rel="bookmark" href>``, as blog engines
    write it), else "". Only a headline's: themes also mark related posts ``rel=bookmark``."""
    for heading in soup.find_all(["h1", "h2"], limit=5):
        link = heading.find("a", rel="bookmark", href=True)
        if link:
            return link["href"]
    return ""


def _script_json_published(soup: BeautifulSoup) -> str | None:
    """A ``datePublished``/``publishedDate`` value in the page's ``application/json`` data
    scripts (state that single-page apps render the visible date from)."""
    for data in _script_data(soup, "application/json"):
        for item in _objects(data, deep=True):
            for key in _PUBLISHED_KEYS:
                if isinstance(item.get(key), str) and parse_date(item[key]):
                    return item[key]
    return None


def _last_edited(text: str) -> datetime | None:
    """The date of a "last edited/modified ..." note in the page's ``text`` (a wiki page's
    only date)."""
    found = _LAST_EDITED.search(text)
    return parse_date(found.group(1)) if found else None


def _visible_date(soup: BeautifulSoup, limit: int = 40) -> datetime | None:
    """The first written date in a short element whose class or id says it holds a date."""
    seen = 0
    for tag in soup.find_all(["span", "div", "p", "time", "small", "li", "abbr"]):
        names = " ".join([*tag.get("class", []), tag.get("id") or ""])
        if not names or not _DATE_CLASS.search(names):
            continue
        text = tag.get_text(" ")
        if len(text) > 120:
            continue
        found = _TEXT_DATE.search(text)
        if found:
            parsed = parse_date(found.group())
            if parsed:
                return parsed
        seen += 1
        if seen >= limit:
            break
    return None


def _headline_date(soup: BeautifulSoup, after: int = 200, before: int = 60) -> datetime | None:
    """The first written date next to the headline: in the text that follows the ``<h1>``
    (the byline: "Handball Schweiz • 02.02.2022"), else just before it (a kicker)."""
    heading = next((h for h in soup.find_all("h1", limit=3) if h.get_text(strip=True)), None)
    if heading is None:
        return None
    for elements, limit in ((heading.next_elements, after), (heading.previous_elements, before)):
        seen = ""
        for piece in elements:
            if not isinstance(piece, NavigableString) or isinstance(piece, Comment) or (
                piece.parent.name in ("script", "style", "noscript")
            ):
                continue
            seen = f"{seen} {piece}"
            found = _TEXT_DATE.search(seen)
            if found:
                parsed = parse_date(found.group())
                if parsed:
                    return parsed
            if len(seen) > limit:
                break
    return None


def _labelled_date(text: str) -> datetime | None:
    """The first date the page's ``text`` labels as its date ("Datum: 03.11.2021")."""
    found = _LABELLED_DATE.search(text)
    return parse_date(found.group(1)) if found else None


def _signature_date(text: str) -> datetime | None:
    """The date a letter or blog post is signed with: a line of its own among the last three
    of the text ("Benni / 10. September 2017")."""
    for line in text.rstrip().splitlines()[-3:]:
        found = _TEXT_DATE.fullmatch(line.strip())
        if found:
            return parse_date(found.group())
    return None


def _declared_order(text: Callable[[], str], ld_value: object, metas: list[object]) -> (
    list[object]
):
    """JSON-LD ``datePublished`` then the ``<meta>`` publication dates; the metas first when
    their day is one the page's text shows and JSON-LD's is not (sites that republish an
    article update the metas and the visible date, not the JSON-LD)."""
    ld_day, meta_day = _first_date(ld_value), _first_date(*metas)
    if ld_day is None or meta_day is None or ld_day.date() == meta_day.date():
        return [ld_value, *metas]
    shown = {d.date() for d in map(parse_date, _shown_dates(text())) if d}
    if meta_day.date() in shown and ld_day.date() not in shown:
        return [*metas, ld_value]
    return [ld_value, *metas]


def _shown_dates(text: str, limit: int = 30) -> list[str]:
    """The first written dates of the page's visible ``text``."""
    return [m.group() for m in islice(_TEXT_DATE.finditer(text), limit)]


def _page_metadata(soup: BeautifulSoup, ld: dict, meta: dict[str, str]) -> dict:
    publisher = ld.get("publisher")
    source = meta.get("og:site_name") or _text_of(publisher)
    title = _title(soup, ld, meta)
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
    marked = list(_marked_dates(soup))
    objects = list(_json_ld_objects(soup))
    texts: list[str] = []  # the body's text, got once and only when a rule needs it

    def text() -> str:
        if not texts:
            texts.append((soup.body or soup).get_text(" "))
        return texts[0]

    declared = _declared_order(text, ld.get("datePublished"), [meta.get(n) for n in _DATE_METAS])
    date = (
        _local_day(
            [*declared, *_json_ld_values(objects, "datePublished"), *marked,
             *_json_ld_values(objects, "uploadDate")],
            [_url_date(url), _url_date(meta.get("og:url", ""))],
            marked,
        )
        or _url_date(url)
        or _url_date(meta.get("og:url", ""))
        or _visible_date(soup)
        or _headline_date(soup)
        or _labelled_date(text())
        or _url_date(_permalink(soup))
        or _first_date(_script_json_published(soup))
        or _first_date(ld.get("dateCreated"), ld.get("dateModified"),
                       *(meta.get(name) for name in _MODIFIED_METAS))
        or _last_edited(text())
    )
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
    fields["date"] = fields["date"] or _signature_date(text)
    return Article(text=text, path=path, **fields)


def read_html(html: str, path: str = "") -> Article:
    """Like :func:`parse_html`, but raise :class:`ReadError` when there is no article text."""
    article = parse_html(html, path)
    if not article.text:
        raise ReadError("no article text found in HTML")
    return article
