"""HTML to text: whole fragments (feed items, stored bodies) and the main text of a page.

Main-text extraction is a readability-style heuristic: drop boilerplate elements (scripts,
navigation, share widgets, comments, ...), score the containers of paragraph text by how much
non-link text they hold, take the best one (plus sibling blocks that score nearly as well) and
return its paragraphs, each on its own line and separated by blank lines.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

from .invisible import without_stray_invisibles

# Never text: removed before anything else.
_SKIP_TAGS = frozenset(
    "script style noscript template iframe svg canvas object embed video audio source "
    "picture img input select option textarea button head title meta link map".split()
)
# Page furniture: removed before main-text extraction (kept in fragments).
_FURNITURE_TAGS = frozenset("nav aside footer header form menu dialog figure figcaption".split())
_BLOCK_TAGS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre table tr "
    "td th tbody thead tfoot caption figure figcaption header footer aside nav address center "
    "hr form fieldset details summary body html".split()
)
_TEXT_BLOCKS = frozenset("p pre blockquote h2 h3 h4 h5 h6 li dd dt td th div section".split())
# Class/id tokens that mark boilerplate (matched per token between -/_ separators).
_BOILERPLATE = re.compile(
    r"(?:^|[-_])(?:nav|navbar|navigation|menu|menus|footer|header|masthead|comments?|"
    r"share|sharing|social|related|promo|promos|ad|ads|advert\w*|sponsor\w*|cookies?|"
    r"consent|gdpr|newsletter|subscribe|subscription|paywall|sidebar|breadcrumbs?|popup|"
    r"modal|outbrain|taboola|recirc|recommend\w*|most-?read|trending|toolbar|"
    r"skip|visually-hidden|sr-only|tags|keywords|byline|author-bio|disclaimer|"
    r"captions?|slideshow|carousel|lightbox)(?:[-_]|$)",
    re.IGNORECASE,
)
_POSITIVE = re.compile(
    r"article|story|entry|post|body|content|text|main|blog|news|permalink", re.IGNORECASE
)
_PROTECTED_TAGS = frozenset(("html", "body", "article", "main"))
_SPACES = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_BOILERPLATE_LINE = re.compile(
    r"^(advertisement|advertising|sponsored|read more|read next|related|share|share this|"
    r"share this article|continue reading|sign up|subscribe|click here|follow us|loading|"
    r"skip to (main )?content|all rights reserved|copyright|©)\b",
    re.IGNORECASE,
)
_MIN_PARAGRAPH = 25
_WIDEN_RATIO = 1.5
_WIDEN_LEVELS = 4


@dataclass
class Block:
    """One paragraph of text, with how much of it is link text and the tag that holds it."""

    text: str
    link_chars: int
    tag: str

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def parse_soup(html: str) -> BeautifulSoup:
    """Parse an HTML string with lxml (fast and forgiving)."""
    return BeautifulSoup(html, "lxml")


def clean_text(value: str) -> str:
    """Unescape stray entities, drop invisible characters that join nothing and collapse
    whitespace runs (HTML-derived text only)."""
    if "&" in value and ";" in value:
        value = htmllib.unescape(value)
    return _SPACES.sub(" ", without_stray_invisibles(value)).strip()


def blocks(root: Tag, skip: frozenset[str] = _SKIP_TAGS) -> list[Block]:
    """The text of ``root`` split at block-level elements and ``<br>``, in document order."""
    out: list[Block] = []
    buf: list[str] = []
    link_chars = 0
    link_depth = 0
    block_stack = [root.name or "div"]

    def flush() -> None:
        nonlocal link_chars
        text = clean_text("".join(buf))
        if text:
            out.append(Block(text, min(link_chars, len(text)), block_stack[-1]))
        buf.clear()
        link_chars = 0

    stack: list[object] = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):  # leaving a tag
            name = node[0]
            if name == "a":
                link_depth -= 1
            elif name in _BLOCK_TAGS:
                flush()
                block_stack.pop()
            continue
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not a comment, CDATA, doctype, ...
                buf.append(str(node))
                if link_depth:
                    link_chars += len(node.strip())
            continue
        if not isinstance(node, Tag) or node.name in skip:
            continue
        name = node.name
        if name == "br":
            flush()
            continue
        if name in _BLOCK_TAGS:
            flush()
            block_stack.append(name)
        elif name == "a":
            link_depth += 1
        stack.append((name,))
        stack.extend(reversed(node.contents))
    flush()
    return out


def join_blocks(items: list[Block]) -> str:
    """Paragraphs separated by blank lines."""
    return "\n\n".join(b.text for b in items)


def html_to_text(fragment: str) -> str:
    """All the text of an HTML fragment (a feed item, a stored body) as paragraphs."""
    if "<" not in fragment:
        return "\n\n".join(p for p in (clean_text(part) for part in fragment.split("\n\n")) if p)
    soup = parse_soup(fragment)
    root = soup.body or soup
    return join_blocks(blocks(root))


# --- main text of a full page -------------------------------------------------------------


def _attrs_text(tag: Tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    ident = tag.get("id") or ""
    return " ".join([*classes, ident]) if ident else " ".join(classes)


def _is_boilerplate(tag: Tag) -> bool:
    if tag.name in _PROTECTED_TAGS or tag.get("itemprop") == "articleBody":
        return False
    attrs = _attrs_text(tag)
    if attrs and any(_BOILERPLATE.search(token) for token in attrs.split()):
        return True
    role = tag.get("role")
    if role in ("navigation", "banner", "contentinfo", "complementary", "dialog", "alert"):
        return True
    if tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return bool(style and "display:none" in style.replace(" ", "").lower())


def _paragraph_chars(tag: Tag) -> int:
    return sum(len(p.get_text()) for p in tag.find_all("p"))


def remove_boilerplate(soup: BeautifulSoup) -> None:
    """Delete scripts, furniture tags and elements whose class/id/role marks them as boilerplate.

    An element holding most of the page's paragraph text is kept whatever its class says
    (a body wrapper called ``has-sidebar`` is not a sidebar).
    """
    for tag in soup.find_all(_SKIP_TAGS):
        tag.decompose()
    total = _paragraph_chars(soup) or 1
    doomed: list[Tag] = []
    stack = [child for child in soup.contents if isinstance(child, Tag)]
    while stack:  # outermost matches only: no need to look inside what goes anyway
        tag = stack.pop()
        if (tag.name in _FURNITURE_TAGS or _is_boilerplate(tag)) and (
            _paragraph_chars(tag) <= 0.5 * total
        ):
            doomed.append(tag)
            continue
        stack.extend(child for child in tag.contents if isinstance(child, Tag))
    for tag in doomed:
        tag.decompose()


def _own_text_len(tag: Tag) -> int:
    return sum(len(s.strip()) for s in tag.find_all(string=True, recursive=False))


def _link_chars(tag: Tag) -> int:
    return sum(len(a.get_text(strip=True)) for a in tag.find_all("a"))


def _score_containers(root: Tag) -> tuple[dict[int, float], dict[int, float], list[Tag]]:
    """Score containers by the non-link paragraph text of their children and grandchildren.

    Returns (decayed score by node id, total paragraph text below each ancestor by node id,
    the scored nodes).
    """
    scores: dict[int, float] = {}
    totals: dict[int, float] = {}
    nodes: list[Tag] = []
    for el in root.find_all(("p", "pre", "div", "td", "section", "blockquote")):
        if el.name in ("p", "pre"):
            length = len(el.get_text(strip=True))
        else:
            length = _own_text_len(el)  # text written straight into a div (with <br>s)
        if length < _MIN_PARAGRAPH:
            continue
        links = _link_chars(el) if el.name in ("p", "pre") else 0
        value = max(0.0, length - 2 * links) * (1 + min(el.get_text().count(","), 5) * 0.05)
        if not value:
            continue
        node = el.parent if el.name in ("p", "pre") else el
        depth = 0
        while isinstance(node, Tag):
            key = id(node)
            if depth < 2:
                if key not in scores:
                    nodes.append(node)
                scores[key] = scores.get(key, 0.0) + value / (1 + depth)
            totals[key] = totals.get(key, 0.0) + value
            if node is root:
                break
            node = node.parent
            depth += 1
    return scores, totals, nodes


def _bonus(tag: Tag) -> float:
    if tag.get("itemprop") == "articleBody":
        return 1.5
    if tag.name in ("article", "main"):
        return 1.25
    attrs = _attrs_text(tag)
    return 1.15 if attrs and _POSITIVE.search(attrs) else 1.0


def _best_container(root: Tag) -> Tag | None:
    """The best-scoring container, widened to ancestors that hold much more paragraph text."""
    scores, totals, nodes = _score_containers(root)
    best, best_score = None, 0.0
    for node in nodes:
        score = scores[id(node)] * _bonus(node)
        if score > best_score:
            best, best_score = node, score
    if best is None:
        return None
    # An article split into several sibling containers (ads between chunks): climb up while
    # the parent holds substantially more paragraph text than the current container.
    widened = True
    while widened:
        widened = False
        node, own = best, totals.get(id(best), 0.0)
        for _ in range(_WIDEN_LEVELS):
            if node is root or not isinstance(node.parent, Tag):
                break
            node = node.parent
            if totals.get(id(node), 0.0) >= _WIDEN_RATIO * own:
                best, widened = node, True
                break
    return best


def _keep(block: Block) -> bool:
    if block.tag == "h1":
        return False
    if block.link_density > 0.5:
        return False
    if len(block.text) < 80 and _BOILERPLATE_LINE.match(block.text):
        return False
    return True


def main_text(soup: BeautifulSoup) -> str:
    """The main article text of a parsed page ("" when none is found). Modifies ``soup``."""
    remove_boilerplate(soup)
    root = soup.body or soup
    best = _best_container(root)
    if best is None:
        return ""
    return join_blocks([b for b in blocks(best) if _keep(b)])
