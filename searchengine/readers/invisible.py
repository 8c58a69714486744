"""Stray invisible characters in article text.

Zero-width spaces, word joiners and byte-order marks are never part of a word, and a
zero-width (non-)joiner next to a space, an ASCII character or the text's edge joins
nothing ('— \u200dAparna Garg' in a Wikinews pull quote): left in, they glue themselves to
the next word and hide it from the entity recogniser and the quote patterns. Joiners between
two other characters (Indic and Persian scripts, emoji sequences) are kept.
"""

from __future__ import annotations

import re

_STRAY = re.compile(
    "[\u200b\u2060\ufeff]"
    "|(?<![^\x00-\x7f])[\u200c\u200d]"
    "|[\u200c\u200d](?![^\x00-\x7f])"
)


def without_stray_invisibles(text: str) -> str:
    """``text`` without the invisible characters that join nothing."""
    return text if text.isascii() else _STRAY.sub("", text)
