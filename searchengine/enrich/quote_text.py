"""Quote marks and sentence bounds: the balanced quotations of a text, where a sentence starts
and ends around them, and whether a sentence goes on after a quote.

Straight marks pair with straight, curly with curly (a curly quote inside a straight one is
nested in it). A quote still open at a paragraph break continues when the next paragraph opens
with the same kind of mark (news convention); otherwise it is dropped as unbalanced.
"""

from __future__ import annotations

import re

_MARKS = re.compile(r"[\"“”]|\n[ \t\xa0]*\n")
_MISTYPED_CLOSE = re.compile(r"[,.!?]“(?=\s|$)")  # '“It's unusual,“ said X': a closing mark
_OPENS_PARA = re.compile(r"\s*[\"“]")
WS = re.compile(r"\s+")
ALPHA = re.compile(r"[^\W\d_]")
SENT_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z])")
_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Gen|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|Inc|Corp|Co|vs|U\.S|U\.K|U\.N))$"
)
_TITLE_SMALL_WORDS = {"with", "from", "into", "over", "upon", "onto", "than"}
_CONTINUES = {",", "?", "!", "—", "–", "-"}  # quote ends inside its sentence: "...," X said


def find_quote_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every balanced direct quotation, in text order.

    Straight marks pair with straight ones, curly with curly: a curly quote inside a straight
    one is nested in it, and a paragraph continues a quote only with an opening mark of the
    same kind. A closing curly mark that opens a paragraph is taken as a mistyped opening."""
    out: list[tuple[int, int, str]] = []
    pieces: list[str] = []
    start = -1  # start of the whole quote (its first opening mark)
    open_at = -1  # start of the current piece's content, -1 when no quote is open
    kind = ""  # the open quote's opening mark: '"' or '“'
    nested = False  # a curly quote is open inside a straight one
    continuing = False  # a paragraph break was crossed and the next paragraph opens a quote
    for m in _MARKS.finditer(text):
        mark = m.group()
        if mark[0] == "\n":
            opens = _OPENS_PARA.match(text, m.end())
            if open_at >= 0 and opens and opens.group()[-1] == kind:
                pieces.append(text[open_at:m.start()])
                open_at, continuing, nested = -1, True, False
            else:
                pieces, open_at, continuing = [], -1, False
            continue
        if continuing:  # the opening mark of the continuation paragraph
            open_at, continuing = m.end(), False
            continue
        if open_at < 0:
            if mark != "”" or _at_paragraph_start(text, m.start()):
                start, open_at, pieces, kind, nested = m.start(), m.end(), [], mark, False
            continue
        if mark == "“":
            if kind == '"':
                nested = True
                continue
            if not _MISTYPED_CLOSE.match(text, m.start() - 1):  # unbalanced: restart here
                start, open_at, pieces = m.start(), m.end(), []
                continue
        if nested and mark == "”":
            nested = False
            continue
        pieces.append(text[open_at:m.start()])
        quote = WS.sub(" ", " ".join(pieces)).strip()
        if ALPHA.search(quote):
            out.append((start, m.end(), quote))
        pieces, open_at = [], -1
    return out


def _at_paragraph_start(text: str, pos: int) -> bool:
    k = pos
    while k > 0 and text[k - 1] in " \t\xa0":
        k -= 1
    return k == 0 or text[k - 1] == "\n"


def sentence_start(text: str, lo: int, hi: int) -> int:
    """Start of the sentence containing position ``hi``, not before ``lo``."""
    best = lo
    for m in SENT_END.finditer(text, lo, hi + 2):  # + 2: let the lookahead see the quote
        if m.end() <= hi and not _ABBREV.search(text, max(lo, m.start() - 5), m.start()):
            best = m.end()
    return best


def sentence_end(text: str, lo: int, hi: int) -> int:
    for m in SENT_END.finditer(text, lo, hi):
        if not _ABBREV.search(text, max(lo, m.start() - 5), m.start()):
            return m.start() + 1
    return hi


def last_char(text: str, end: int) -> str:
    """The last character inside a quote ending at ``end``, past inner quotes ('...,'")."""
    k = end - 2
    while k > 0 and text[k] in "'’ ":
        k -= 1
    return text[k]


def goes_on(text: str, end: int) -> bool:
    """The sentence goes on after a quote ending at ``end``: '“...,” X said'."""
    return last_char(text, end) in _CONTINUES or text[end : end + 1] in _CONTINUES


def is_title(quote: str) -> bool:
    """A show's, book's or film's title ('This Week With George Stephanopoulos.'): its longer
    words capitalised, but for the prepositions titles write in lower case ('The Lead with
    Jake Tapper')."""
    long = [w for w in quote.split() if len(w) > 3 and w not in _TITLE_SMALL_WORDS]
    return bool(long) and len(quote) <= 60 and all(w[0].isupper() for w in long)
