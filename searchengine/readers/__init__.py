"""Readers: turn files (plain text, HTML, JSON/JSONL, RSS/Atom, CSV/TSV, optionally gzipped)
into Articles.

``read_file`` detects the format from the content (then the extension); ``read_file_report``
also returns the problems with individual records that were skipped (bad JSONL lines, feed
items without text). ``article_from_dict`` builds one Article from a JSON-like dict.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

from ..articles import Article
from ..dates import parse_date
from . import detect
from .errors import ReadError, Truncated
from .feeds import read_feed
from .html import read_html
from .jsonl import article_from_dict, read_json
from .table import read_table
from .text import parse_text

__all__ = [
    "MAX_ARTICLE_CHARS",
    "ReadError",
    "Truncated",
    "article_from_dict",
    "find_files",
    "parse_date",
    "read_file",
    "read_file_report",
]


# A single article's text is cut to this many characters (with a warning), so that one huge
# input cannot blow up enrichment and the index. A one-article file (text, HTML) is cut to
# MAX_PAGE_CHARS before it is parsed at all.
MAX_ARTICLE_CHARS = 2_000_000
MAX_PAGE_CHARS = 16_000_000
# An HTML page is parsed into a Python tree (about a kilobyte per element): one with more
# elements than this (a real page has a few thousand) is cut after the last one allowed.
MAX_HTML_ELEMENTS = 30_000
_START_TAG = re.compile(r"<[A-Za-z]")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _walk(root: Path) -> list[Path]:
    """Every entry under ``root`` that is not a real folder, sorted; folders are entered once
    each and symbolic links to folders are listed, not followed (no loops, no escapes)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder)
        for name in dirs:
            if (base / name).is_symlink():
                found.append(base / name)  # reported by the reader as "not followed"
        found.extend(base / name for name in files)
    return sorted(p for p in found if not _hidden(p, root))


def _key(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, RuntimeError, ValueError):
        return os.path.abspath(path)


def find_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named in ``paths`` as given, and the entries under folders (recursively, sorted).

    Hidden files and folders (``.name``) inside folders are skipped; each file comes once.
    Symbolic links to folders are not followed, and entries that are not regular files
    (broken or looping links, pipes) are listed so that reading them reports why they were
    skipped. Raises :class:`ReadError` for a path that does not exist.
    """
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise ReadError(f"no such file or directory: {path}")
        found = _walk(path) if path.is_dir() else [path]
        for file in found:
            key = _key(file)
            if key not in seen:
                seen.add(key)
                yield file


def _truncate(text: str, limit: int) -> str:
    cut = text[:limit]
    space = cut.rfind(" ", limit - 1000)
    return cut[:space] if space > 0 else cut


def _bounded(articles: list[Article], problems: list[str]) -> list[Article]:
    """The articles with any text over ``MAX_ARTICLE_CHARS`` cut, a warning for each."""
    out = []
    for number, article in enumerate(articles, 1):
        size = len(article.text)
        if size > MAX_ARTICLE_CHARS:
            article = dataclasses.replace(article, text=_truncate(article.text, MAX_ARTICLE_CHARS))
            where = f" (article {number})" if len(articles) > 1 else ""
            problems.append(Truncated(
                f"article text truncated to {len(article.text):,} characters "
                f"(it had {size:,}; limit {MAX_ARTICLE_CHARS:,}){where}", number))
        out.append(article)
    return out


def _read(path: Path) -> tuple[list[Article], list[str]]:
    kind, content = detect.load(path)
    name = str(path)
    problems: list[str] = []
    limit = MAX_PAGE_CHARS
    if kind in (detect.TEXT, detect.HTML) and len(content) > limit:
        # One article per file: what lies past the limit could not be kept anyway.
        problems.append(Truncated(f"file cut to its first {limit:,} characters "
                                  f"(it has {len(content):,})"))
        content = content[:limit]
    if kind == detect.HTML:
        nth = next(itertools.islice(_START_TAG.finditer(content), MAX_HTML_ELEMENTS, None), None)
        if nth is not None:
            problems.append(Truncated(f"page cut after its first {MAX_HTML_ELEMENTS:,} elements"))
            content = content[: nth.start()]
    if kind == detect.JSON:
        lines = True if detect.inner_suffix(path) in detect.JSON_LINES_EXTENSIONS else None
        articles, problems = read_json(content, name, lines=lines)
    elif kind == detect.FEED:
        articles, problems = read_feed(content, name)
    elif kind == detect.TABLE:
        articles, problems = read_table(content, name, tsv=detect.inner_suffix(path) == ".tsv")
    elif kind == detect.HTML:
        articles = [read_html(content, name)]
    else:
        articles = [parse_text(content, name)]
    return _bounded(articles, problems), problems


def read_file_report(path: str | Path) -> tuple[list[Article], list[str]]:
    """The articles in one file and the problems with records that had to be skipped
    (and :class:`Truncated` warnings: an article longer than ``MAX_ARTICLE_CHARS`` is cut).

    Raises :class:`ReadError` when the file is missing, unreadable, not a regular file, too
    large, empty, binary, or holds no readable article at all.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise ReadError("no such file")
    try:
        return _read(path)
    except RecursionError as exc:
        raise ReadError("too deeply nested to read") from exc
    except etree.LxmlError as exc:
        raise ReadError(f"unreadable markup: {' '.join(str(exc).split())[:200]}") from exc


def read_file(path: str | Path) -> list[Article]:
    """The articles in one file (see :func:`read_file_report` for skipped records)."""
    return read_file_report(path)[0]
