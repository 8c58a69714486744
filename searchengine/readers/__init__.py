"""Readers: turn files (plain text, HTML, JSON/JSONL, RSS/Atom, optionally gzipped) into Articles.

``read_file`` detects the format from the content (then the extension); ``read_file_report``
also returns the problems with individual records that were skipped (bad JSONL lines, feed
items without text). ``article_from_dict`` builds one Article from a JSON-like dict.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..articles import Article
from ..dates import parse_date
from . import detect
from .errors import ReadError
from .feeds import read_feed
from .html import read_html
from .jsonl import article_from_dict, read_json
from .text import parse_text

__all__ = [
    "ReadError",
    "article_from_dict",
    "find_files",
    "parse_date",
    "read_file",
    "read_file_report",
]


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def find_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named in ``paths`` as given, and the files under folders (recursively, sorted).

    Hidden files and folders (``.name``) inside folders are skipped; each file comes once.
    Raises :class:`ReadError` for a path that does not exist.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise ReadError(f"no such file or directory: {path}")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        else:
            found = [path]
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file


def read_file_report(path: str | Path) -> tuple[list[Article], list[str]]:
    """The articles in one file and the problems with records that had to be skipped.

    Raises :class:`ReadError` when the file is missing, unreadable, empty, binary, or holds no
    readable article at all.
    """
    path = Path(path)
    if not path.exists():
        raise ReadError("no such file")
    kind, content = detect.load(path)
    name = str(path)
    if kind == detect.JSON:
        lines = True if detect.inner_suffix(path) in detect.JSON_LINES_EXTENSIONS else None
        return read_json(content, name, lines=lines)
    if kind == detect.FEED:
        return read_feed(content, name)
    if kind == detect.HTML:
        return [read_html(content, name)], []
    return [parse_text(content, name)], []


def read_file(path: str | Path) -> list[Article]:
    """The articles in one file (see :func:`read_file_report` for skipped records)."""
    return read_file_report(path)[0]
