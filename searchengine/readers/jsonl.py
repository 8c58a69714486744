"""JSON and JSON Lines: one article per object (a JSON file may hold an object or a list)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from ..articles import Article
from ..dates import parse_date, plausible
from .errors import ReadError
from .html import parse_html
from .htmltext import html_to_text
from .invisible import without_stray_invisibles
from .text import title_from_text

_AUTHOR_SEPARATORS = (";", "|")
_FULL_PAGE_MARKERS = ("<html", "<body", "<head", "<!doctype")


def _string(value: object) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def _authors(value: object) -> list[str]:
    """A list as given; a string split only on unambiguous separators (``;`` or ``|``).

    Commas are not split: "Antony J. Blinken, Secretary of State" is one person with a role.
    """
    if isinstance(value, list):
        names = [_string(item.get("name") if isinstance(item, dict) else item) for item in value]
    elif isinstance(value, dict):
        names = [_string(value.get("name"))]
    else:
        names = [_string(value)]
        for sep in _AUTHOR_SEPARATORS:
            names = [part.strip() for name in names for part in name.split(sep)]
    unique: list[str] = []
    for name in names:
        if name and name not in unique:
            unique.append(name)
    return unique


def _date(value: object) -> datetime | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):  # a Unix timestamp
        try:
            stamp = datetime.fromtimestamp(value, tz=timezone.utc).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            return None
        return plausible(stamp)
    return parse_date(value) if isinstance(value, str) else None


def _from_html(markup: str, path: str) -> Article:
    """An article from stored HTML: a whole page gets main-text extraction, a fragment is kept."""
    if any(marker in markup[:2048].lower() for marker in _FULL_PAGE_MARKERS):
        return parse_html(markup, path)
    return Article(text=html_to_text(markup), path=path)


def article_from_dict(obj: dict, path: str = "") -> Article:
    """One article from a JSON object (``text``/``body``, else ``html``; title, date, url, ...).

    The body is kept as given apart from stripping its ends, normalising line breaks and
    dropping invisible characters that join nothing.
    Raises :class:`ReadError` when the object has no article text.
    """
    if not isinstance(obj, dict):
        raise ReadError(f"expected a JSON object, got {type(obj).__name__}")
    body = obj.get("text") or obj.get("body")
    text = ""
    if isinstance(body, str):
        text = without_stray_invisibles(body.replace("\r\n", "\n")).strip()
    page = Article(text="")
    if not text and isinstance(obj.get("html"), str):
        page = _from_html(obj["html"], path)
        text = page.text
    if not text:
        raise ReadError("no article text found")
    authors = _authors(obj["author"] if obj.get("author") else obj.get("authors"))
    headline = " ".join(without_stray_invisibles(_string(obj.get("title"))).split()) or page.title
    return Article(
        text=text,
        title=headline or title_from_text(text),
        title_is_lede=not headline,
        date=_date(obj.get("date")) or page.date,
        url=_string(obj.get("url")) or page.url,
        source=_string(obj.get("source")) or page.source,
        authors=authors or page.authors,
        source_id=_string(obj.get("id")),
        path=path,
    )


def checked_article(obj: object, path: str, where: str, problems: list[str]) -> Article | None:
    """The record's article, or None with the reason it was skipped added to ``problems``.

    An unparseable date is not a problem: the article is indexed without a date.
    """
    try:
        return article_from_dict(obj, path)  # type: ignore[arg-type]
    except ReadError as exc:
        problems.append(f"{exc} {where}")
        return None


def _looks_like_lines(content: str) -> bool:
    lines = [line for line in content.split("\n", 20)[:20] if line.strip()]
    if len(lines) < 2:
        return False
    parsed = 0
    for line in lines:
        try:
            parsed += isinstance(json.loads(line), dict)
        except ValueError:
            continue
    return parsed >= 1


def read_json_lines(content: str, path: str = "") -> tuple[list[Article], list[str]]:
    """Articles from JSONL (one object per line, blank lines ignored) and per-line problems."""
    articles: list[Article] = []
    problems: list[str] = []
    for number, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            problems.append(f"invalid JSON on line {number}: {getattr(exc, 'msg', exc)}")
            continue
        article = checked_article(obj, path, f"on line {number}", problems)
        if article is not None:
            articles.append(article)
    return articles, problems


def read_json(
    content: str, path: str = "", lines: bool | None = None
) -> tuple[list[Article], list[str]]:
    """Articles and per-record problems from JSON or JSONL (``lines=None``: decide from content).

    Raises :class:`ReadError` when no article at all could be read.
    """
    if lines:
        articles, problems = read_json_lines(content, path)
    else:
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            if lines is None and _looks_like_lines(content):
                articles, problems = read_json_lines(content, path)
            else:
                raise ReadError(f"invalid JSON on line {exc.lineno}: {exc.msg}") from exc
        except ValueError as exc:  # e.g. an integer longer than Python will convert
            raise ReadError(f"invalid JSON: {' '.join(str(exc).split())[:200]}") from exc
        else:
            articles, problems = [], []
            if isinstance(data, dict):
                article = checked_article(data, path, "in the JSON object", problems)
                articles = [article] if article else []
            elif isinstance(data, list):
                for number, obj in enumerate(data, 1):
                    article = checked_article(obj, path, f"in item {number}", problems)
                    if article is not None:
                        articles.append(article)
            else:
                raise ReadError("JSON holds neither an object nor a list of objects")
    if not articles:
        raise ReadError(problems[0] if problems else "no articles found")
    return articles, problems
