"""RSS (2.0 and 1.0/RDF) and Atom feeds: one article per item or entry."""

from __future__ import annotations

import re

from lxml import etree

from ..articles import Article
from ..dates import parse_date
from .errors import ReadError
from .htmltext import clean_text, html_to_text
from .text import title_from_text

# Hostile feeds: entities are never expanded (no billion laughs, no external entities), nothing
# is fetched, and libxml2 keeps its limits on depth and text size (huge_tree off).
_PARSER = etree.XMLParser(
    recover=True,
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    remove_comments=True,
)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_EMAIL_NAME = re.compile(r"^\S+@\S+\s*\((.+)\)$")  # RSS author: "jdoe@example.com (Jane Doe)"
_DATE_FIELDS = ("pubDate", "published", "date", "issued", "updated", "modified")
_BODY_FIELDS = ("encoded", "content", "description", "summary")


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in el if _local(child.tag) == name]


def _child_text(el: etree._Element, name: str) -> str:
    for child in _children(el, name):
        text = clean_text("".join(child.itertext()))
        if text:
            return text
    return ""


def _body(el: etree._Element) -> str:
    """The item's content as text paragraphs (its markup is HTML, escaped or inline XHTML)."""
    for name in _BODY_FIELDS:
        for child in _children(el, name):
            if child.get("type") == "xhtml" or len(child):
                markup = "".join(etree.tostring(c, encoding="unicode") for c in child)
                markup = (child.text or "") + markup
            else:
                markup = child.text or ""
            text = html_to_text(markup) if markup.strip() else ""
            if text:
                return text
    return ""


def _link(el: etree._Element) -> str:
    links = _children(el, "link")
    for link in links:  # Atom: rel="alternate" (or no rel) first
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return link.get("href").strip()
    for link in links:
        href = link.get("href") or (link.text or "")
        if href.strip():
            return href.strip()
    return ""


def _authors(el: etree._Element) -> list[str]:
    names: list[str] = []
    for child in _children(el, "author") + _children(el, "creator"):
        name = _child_text(child, "name") if len(child) else clean_text(child.text or "")
        match = _EMAIL_NAME.match(name)
        name = match.group(1).strip() if match else name
        if name and name not in names:
            names.append(name)
    return names


def _drop_entities(root: etree._Element) -> None:
    """Remove the (never expanded) entity references: a billion laughs or an external file
    counts as nothing; the text around it is kept."""
    for entity in list(root.iter(etree.Entity)):
        parent = entity.getparent()
        if parent is None:
            continue
        previous = entity.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + (entity.tail or "")
        else:
            parent.text = (parent.text or "") + (entity.tail or "")
        parent.remove(entity)


def _item(el: etree._Element, source: str, path: str) -> Article:
    text = _body(el)
    if not text:
        raise ReadError("no article text found")
    date = None
    for name in _DATE_FIELDS:
        date = parse_date(_child_text(el, name))
        if date is not None:
            break
    guid = _child_text(el, "guid") or _child_text(el, "id")
    title = html_to_text(_child_text(el, "title")).replace("\n\n", " ")
    return Article(
        text=text,
        title=title or title_from_text(text),
        title_is_lede=not title,
        date=date,
        url=_link(el),
        source=source,
        authors=_authors(el),
        source_id=guid,
        path=path,
    )


def read_feed(content: str, path: str = "") -> tuple[list[Article], list[str]]:
    """Articles (one per item/entry) and per-item problems; :class:`ReadError` if none."""
    try:
        root = etree.fromstring(_XML_DECLARATION.sub("", content, count=1), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"invalid XML feed: {exc}") from exc
    if root is None:
        raise ReadError("invalid XML feed: no root element")
    _drop_entities(root)
    channel = next((c for c in root if _local(c.tag) == "channel"), root)
    source = _child_text(channel, "title")
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    if not items:
        raise ReadError("feed has no items")
    articles: list[Article] = []
    problems: list[str] = []
    for number, el in enumerate(items, 1):
        try:
            articles.append(_item(el, source, path))
        except ReadError as exc:
            problems.append(f"{exc} in item {number}")
    if not articles:
        raise ReadError(problems[0])
    return articles, problems
