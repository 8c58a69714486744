"""The one exception readers raise, and the one warning they give."""

from __future__ import annotations


class ReadError(Exception):
    """A file or record could not be read as articles; ``str(e)`` is a one-line reason."""


class Truncated(str):
    """A problem that is only a warning: article number ``article`` (1-based) of the file was
    cut to fit a limit and is indexed all the same."""

    article: int

    def __new__(cls, message: str, article: int = 1) -> Truncated:
        warning = super().__new__(cls, message)
        warning.article = article
        return warning
