"""The one exception readers raise."""

from __future__ import annotations


class ReadError(Exception):
    """A file or record could not be read as articles; ``str(e)`` is a one-line reason."""
