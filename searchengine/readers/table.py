"""Articles from CSV and TSV: a header row, then one article per row.

News datasets are often spread as CSV exports (Wikinews' own is ``url,date,title,text``).
The header names the columns; the usual names are understood (``text``/``body``/``content``/
``article``, ``title``/``headline``, ``date``/``published``, ``url``/``link``, ``source``/
``publication``, ``author``/``authors``, ``id``), case and spacing aside, and each row then
reads as a JSON record would (``jsonl.checked_article``). A row without text is reported and
skipped; a file whose header names no text column is refused.
"""

from __future__ import annotations

import csv
import io

from ..articles import Article
from .errors import ReadError
from .jsonl import checked_article

COLUMNS = {  # header name -> record key
    **dict.fromkeys(("text", "body", "content", "article", "article_text", "full_text"), "text"),
    **dict.fromkeys(("title", "headline", "heading"), "title"),
    **dict.fromkeys(("date", "published", "publish_date", "published_at", "pubdate",
                     "publication_date", "datetime", "time"), "date"),  # fmt: skip
    **dict.fromkeys(("url", "link", "permalink"), "url"),
    **dict.fromkeys(("source", "publication", "publisher", "outlet", "site"), "source"),
    **dict.fromkeys(("author", "authors", "byline", "writer"), "author"),
    **dict.fromkeys(("id", "article_id", "doc_id", "guid"), "id"),
    "html": "html",
}
_DELIMITERS = ",;\t|"
_FIELD_LIMIT = 64 * 1024 * 1024  # a field may hold a whole long article (csv's default: 128 KB)


def read_table(content: str, path: str = "", tsv: bool = False) -> tuple[list[Article], list[str]]:
    """Articles and per-row problems from CSV (or TSV) text with a header row.

    Raises :class:`ReadError` when the header names no text column or no row has text.
    """
    csv.field_size_limit(_FIELD_LIMIT)
    header = content.split("\n", 1)[0]
    delimiter = "\t" if tsv else _delimiter(header)
    rows = csv.reader(io.StringIO(content), delimiter=delimiter)
    try:
        names = next(rows)
    except (StopIteration, csv.Error) as exc:
        raise ReadError(f"unreadable CSV header: {exc}") from exc
    keys = [COLUMNS.get(_normal(name)) for name in names]
    if "text" not in keys and "html" not in keys:
        shown = ", ".join(repr(n) for n in names[:8]) or "none"
        raise ReadError(f"a CSV needs a text column (text, body or content); its columns: {shown}")
    articles: list[Article] = []
    problems: list[str] = []
    number = 1
    try:
        for number, row in enumerate(rows, 2):  # noqa: B007 - the last row number is reported
            if not any(cell.strip() for cell in row):
                continue
            record = {}
            for key, cell in zip(keys, row, strict=False):
                if key and cell.strip() and key not in record:
                    record[key] = cell
            if article := checked_article(record, path, f"on row {number}", problems):
                articles.append(article)
    except csv.Error as exc:
        problems.append(f"unreadable CSV after row {number}: {exc}")
    if not articles:
        raise ReadError(problems[0] if problems else "no article rows")
    return articles, problems


def _normal(name: str) -> str:
    return "_".join(name.strip().lstrip("\ufeff").lower().replace("-", " ").split())


def _delimiter(header: str) -> str:
    """The separator the header row uses most (a comma when it names one column)."""
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
