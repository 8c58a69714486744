"""Render snippets (HTML-escaped text with matches in ``<mark>``) for other outputs."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def render_snippet(snippet: str, mark: Callable[[str], str] = lambda s: s) -> str:
    """Plain text of a snippet, each match passed through ``mark`` (e.g. a terminal colour)."""
    parts, last = [], 0
    for m in _MARK.finditer(snippet):
        parts.append(html.unescape(snippet[last : m.start()]))
        parts.append(mark(html.unescape(m.group(1))))
        last = m.end()
    parts.append(html.unescape(snippet[last:]))
    return "".join(parts)
