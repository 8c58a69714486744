"""Plain-text articles: an optional ``date YYYY-MM-DD`` line, then paragraphs of text."""

from __future__ import annotations

import re

from ..articles import Article
from ..dates import parse_date
from .errors import ReadError
from .invisible import without_stray_invisibles

# The seed format: optional whitespace, "date YYYY-MM-DD", then the text (often on the same line).
_DATE_LINE = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{1,2}-\d{1,2})(?=\s|\Z)[ \t]*", re.IGNORECASE)
# A sentence end: . ! or ? (optionally followed by closing quotes/brackets), then space or end.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|\Z)")
_LAST_WORD = re.compile(r"(\S+)$")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")  # U.S, U.N, e.g, J (initial)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt
    insp det atty inc co corp ltd llc bros no nos vs etc approx dept est fig vol
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd rd""".split()
)
_NEXT_STARTS_LOWER = re.compile(r"\s+[a-z]")
TITLE_MAX_CHARS = 200


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the period at ``text[end]`` closes an abbreviation rather than a sentence."""
    match = _LAST_WORD.search(text, 0, end)
    if not match:
        return False
    word = match.group(1).lstrip("\"'“‘(")
    if word.lower() in _ABBREVIATIONS or _INITIALISM.match(word):
        # "U.S." ends a sentence only if a capitalised word does not simply continue it;
        # we cannot tell reliably, so keep going unless the next word starts a new paragraph.
        return True
    return bool(_NEXT_STARTS_LOWER.match(text, end + 1))


def first_sentence(text: str) -> str:
    """The first sentence of the first paragraph (without a final period)."""
    paragraph = text.strip().split("\n", 1)[0].strip()
    for match in _SENTENCE_END.finditer(paragraph):
        if paragraph[match.start()] == "." and _is_abbreviation(paragraph, match.start()):
            continue
        sentence = paragraph[: match.end()]
        return sentence[:-1] if sentence.endswith(".") else sentence
    return paragraph


def title_from_text(text: str, max_chars: int = TITLE_MAX_CHARS) -> str:
    """A title for untitled text: its first sentence, cut on a word boundary at ``max_chars``."""
    sentence = " ".join(first_sentence(text).split())
    if len(sentence) <= max_chars:
        return sentence
    cut = sentence[: max_chars + 1].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


def parse_text(content: str, path: str = "") -> Article:
    """One article from plain text; the ``date`` line, if present, gives its date."""
    content = content.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    date = None
    match = _DATE_LINE.match(content)
    if match:
        date = parse_date(match.group(1))
        content = content[match.end() :]
    text = without_stray_invisibles(content).strip()
    if not text:
        raise ReadError("no article text found")
    return Article(
        text=text, title=title_from_text(text), title_is_lede=True, date=date, path=path
    )
