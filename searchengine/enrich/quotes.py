"""Direct quotations: their spans, statements and speakers.

One linear scan over the quote marks (straight and curly) and paragraph breaks finds the quotes
(``quote_text``). A quote interrupted by its attribution ('“A,” X said, “B.”', also over a
show's title in it) is one quotation. Not kept: an unattributed quote of under four words (a
scare quote or a title), a short one after 'called' (a label), a title used as a name (after a
preposition, 'on CBS's “Face the Nation”', or inside a sentence that goes on with no
attribution, 'promoting a “Stop Trump” movement'), a short quote naming or qualifying the noun
after it ('the “90 to 95 percent” figure') and a short phrase quoted inside a sentence that goes
on after it with no clause of its own. Each quote also carries its statement span: the quote
itself, or, when a quoted tail closes a clause reported after a speech verb ('X said the plan
was “dead on arrival.”'), the clause from after the verb (and 'that'), or, for a quote closing a
clause its attribution follows ('Clinton would have to “go more to center,” Cuban said'), that
clause. The quote's text stays the literal quoted words: the paraphrase around them is the
reporter's, not the speaker's. Speakers are found by ``quote_speakers``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..articles import Quote
from . import quote_patterns as pat
from .entities import Mention
from .quote_speakers import (
    INHERIT,
    WINDOW,
    Speakers,
    find_speaker,
    previous_paragraph_speaker,
    previous_sentence_speaker,
)
from .quote_text import (
    SENT_END,
    find_quote_spans,
    goes_on,
    is_title,
    last_char,
    sentence_end,
    sentence_start,
)

_CLAUSE_START = re.compile(r"[\s,:]*(?:(?:\S+\s+){0,4}?that\s+)?")  # told them that ...
_CLAUSE_WORDS = 3  # fewest words of a clause taken into the statement of the quote closing it
_CLAUSE_REACH = 300  # longest paraphrase before a quoted tail taken as the statement
_LEAD_CLAUSE_REACH = 120  # longest clause taken with a quote its attribution follows
_THAT = re.compile(r"\b(?:that|adding|saying)\b")  # the second piece is part of a clause
_OPENS_SENTENCE = {"", ".", "!", "?", ":", "\n", '"', "”"}  # what may stand before a quote
_BEFORE_TITLE = re.compile(
    r"(?:\b(?:on|in|of|at|from|for|with|about|titled|entitled|told|movie|film|show|podcast|book|"
    r"song|play|series|program|programme|album|documentary|novel|memoir|musical|column|episode|"
    r"sitcom|magazine|newspaper|blog),?|['’]s)\s*$")
_MID_CLAUSE = re.compile(
    r"[ \t\xa0]+(?!(?:and|but|or|nor|while|as|because|before|after|when|if|since|though|"
    r"although|whereas|which|who|so|then|until|unless)\b)[a-z(]")
# the byline after a piece's headline: '“Met accused of ...,” by Post's Kathianne Boniello'
_BYLINE = re.compile(
    r"[ \t\xa0]+by[ \t\xa0]+(?:the[ \t\xa0]+)?[A-Z][^,.;:!?\"“”\n]{0,40}?['’]s?[ \t\xa0]+[A-Z]")
_WORD_BEFORE = re.compile(r"([\w'’.-]+)[ \t\xa0]*$")  # the word right before a quote
_ATTRIBUTIONS_AFTER = (pat.AFTER_VERB, pat.AFTER_SUBJ, pat.AFTER_NAME, pat.VERB_NAME)
_JOIN_GAP = 250  # longest attribution ('X said of ..., in which ...') between two pieces
_TERM_WORDS = 6  # a quote naming or qualifying the noun after it is shorter than this
_ASIDE_WORDS = 4  # an unattributed quote shorter than this is a scare quote or a title


@dataclass
class QuoteSpan:
    """A quotation with its character span in the text (marks included) and speaker."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None  # where the speaker is named
    statement: tuple[int, int] | None = None  # what the speaker is reported to have said

    def __post_init__(self) -> None:
        if self.statement is None:
            self.statement = (self.start, self.end)


def extract_quotes(text: str, mentions: list[Mention]) -> list[QuoteSpan]:
    """Quotations of ``text`` with speakers; ``mentions`` are its resolved entity mentions
    (offsets relative to ``text``, sorted by start)."""
    spans = find_quote_spans(text)
    spk = Speakers(text, mentions)
    out: list[QuoteSpan] = []
    sentence_starts: dict[int, int] = {}  # of the quotes with no attribution found
    spoken = (0, 0)  # the last quote that is no title or aside
    for k, (qs, qe, quote) in enumerate(spans):
        prev_end = spoken[1]
        next_start = spans[k + 1][0] if k + 1 < len(spans) else len(text)
        lo = max(prev_end, qs - WINDOW)
        para_start = text.rfind("\n", lo, qs) + 1
        if text[para_start:qs].strip() or not text[lo:para_start].rstrip().endswith(":"):
            lo = max(lo, para_start)  # else 'X continued:' ends the paragraph before the quote
        para_end = text.find("\n", qe, qe + WINDOW)
        hi = min(next_start, qe + WINDOW, para_end if para_end >= 0 else len(text))
        short = _is_aside(quote)
        after_quote = prev_end > 0 and lo == prev_end
        spk.skip = spoken if after_quote else (0, 0)
        speaker = find_speaker(text, (qs, qe), lo, hi, spk, after_quote, short)
        if speaker == INHERIT:
            speaker = (out[-1].speaker, out[-1].speaker_span) if out and out[-1].speaker and (
                _goes_on_speaking(text, out[-1].end, qs, qe)) else None
        if speaker is None and not short and not text[sentence_start(text, lo, qs):qs].strip():
            if para_start == lo and not text[lo:qs].strip():
                speaker = previous_paragraph_speaker(text, lo, prev_end, spk)
            elif para_start <= lo < qs:  # 'X tweeted a warning. “...”'
                speaker = previous_sentence_speaker(text, lo, qs, spk)
        if speaker is None and not short:
            sentence_starts[qs] = sentence_start(text, lo, qs)
        name, span = speaker or (None, None)
        out.append(QuoteSpan(qs, qe, quote, name, span, _statement(text, qs, qe, lo)))
        # titles and asides bound no context: 'X called Obama a “petulant child” who's “...”'
        if not (is_title(quote) or (short and not name)):
            spoken = (qs, qe)
    kept = [q for q in _join_interrupted(text, out) if q.speaker or not _is_aside(q.text)]
    _share_statements(text, kept)
    kept = [q for q in kept if not (_is_fragment(text, q) or _names_a_work(text, q)
                                    or _qualifies_a_noun(text, q))]
    for q in kept:  # 'Gov. Pat McCrory (R) blamed the court's “...”': the sentence's first name
        if q.speaker is None and q.start in sentence_starts:
            q.speaker, q.speaker_span = spk.lead_name(sentence_starts[q.start], q.start) or (
                None, None)
    return kept


def _share_statements(text: str, quotes: list[QuoteSpan]) -> None:
    """Quotes of one sentence with no attribution between them ('X said Y was “a
    lightweight” while Z is “a basket case.”') are pieces of one statement: give each the
    statement that runs from the first piece's to the last one's."""
    k = 0
    while k < len(quotes):
        j = k
        while j + 1 < len(quotes) and _same_statement(text, quotes[j], quotes[j + 1]):
            j += 1
        if j > k:
            first, last = quotes[k], quotes[j]
            lo = max(first.start - WINDOW, text.rfind("\n", 0, first.start) + 1,
                     quotes[k - 1].end if k else 0)
            start, end = _statement(text, first.start, last.end, lo)
            span = (min(start, first.statement[0]), max(end, last.statement[1]))
            for q in quotes[k:j + 1]:
                q.statement = span
        k = j + 1


def _same_statement(text: str, a: QuoteSpan, b: QuoteSpan) -> bool:
    """``b`` goes on ``a``'s statement: same sentence, close by, no attribution between."""
    gap = text[a.end:b.start]
    return (len(gap) <= _JOIN_GAP and "\n" not in gap and b.speaker in (None, a.speaker)
            and not pat.VERB.search(gap) and not SENT_END.search(text, a.end - 3, b.start + 2))


def _statement(text: str, qs: int, qe: int, lo: int) -> tuple[int, int]:
    """The span of what is reported as said: the quote itself, or, for a quoted tail that
    closes a clause reported after a speech verb ('X said the plan was “dead on arrival.”'),
    the clause from after the verb (and 'that') to the end of the quote."""
    left = sentence_start(text, lo, qs)
    verbs = list(pat.VERB.finditer(text, left, qs))
    if goes_on(text, qe) and last_char(text, qe) not in ".!?":
        # '“...,” X said': the quote is the statement, with the clause it closes when no
        # speech verb comes before it ('Clinton would have to “go more to center,” Cuban said')
        if (verbs or len(text[left:qs].split()) < _CLAUSE_WORDS or "\n" in text[left:qs]
                or qs - left > _LEAD_CLAUSE_REACH):
            return qs, qe
        return left, qe
    if not verbs:
        return qs, qe
    cue = verbs[-1].end()
    if verbs[-1].group().lower() == "according to":  # 'According to X, the move ...'
        comma = text.find(",", cue, qs)
        if comma < 0:
            return qs, qe
        cue = comma + 1
    m = _CLAUSE_START.match(text, cue, qs)
    start = m.end() if m else cue
    if qs - start < 3 or qs - start > _CLAUSE_REACH:
        return qs, qe
    return start, qe


def _goes_on_speaking(text: str, prev_end: int, start: int, end: int) -> bool:
    """A quote at ``start``-``end`` with no attribution of its own continues the speech of the
    quote ending at ``prev_end``: in the same paragraph, or as the whole of the next one
    (news stories let a speaker's quotes run on over paragraphs)."""
    between = text[prev_end:start]
    if "\n" not in between:
        return True
    if between[between.find("\n"):].strip():  # a paragraph stands between them
        return False
    line_end = text.find("\n", end)
    return not text[end : line_end if line_end >= 0 else len(text)].strip()


def _join_interrupted(text: str, quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """'“A,” X said, “B.”' is one quotation interrupted by its attribution: join the pieces
    when the second has no speaker of its own."""
    out: list[QuoteSpan] = []
    for k, q in enumerate(quotes):
        prev = out[-1] if out else None
        after = quotes[k + 1] if k + 1 < len(quotes) else None
        if (prev and after and is_title(q.text) and prev.speaker
                and after.speaker in (None, prev.speaker) and _interrupts(
                    text, prev.end, after.start)):
            continue  # a title in the attribution: '“A,” X said on ABC's “This Week.” “B.”'
        if prev and prev.speaker and q.speaker in (None, prev.speaker) and _interrupts(
            text, prev.end, q.start
        ):
            out[-1] = QuoteSpan(prev.start, q.end, f"{prev.text} {q.text}", prev.speaker,
                                prev.speaker_span, (prev.statement[0], q.end))
        else:
            out.append(q)
    return out


def _interrupts(text: str, end: int, start: int) -> bool:
    """Between a quote ending at ``end`` and one starting at ``start`` stands only an
    attribution: same paragraph, a speech verb, the first piece's sentence going on
    ('“A,” X said') and punctuation right before the second piece ('X said, “B.”', 'X said.
    “B.”'), not a clause it is part of ('X said, adding that “B.”')."""
    mid = text[end:start]
    if len(mid) > _JOIN_GAP or "\n" in mid or not pat.VERB.search(mid):
        return False
    last = mid.rstrip().rstrip("\"”")[-1:]
    if last not in (",", ".", ":") or (last != "." and _THAT.search(mid)):
        return False  # 'X told a crowd that spilled out onto the street. “B.”' is joined
    return goes_on(text, end)


def _is_fragment(text: str, q: QuoteSpan) -> bool:
    """A short phrase quoted inside a sentence that goes on after it, with no clause of its
    own ('Trump blamed the problem on “sickos” in a speech'): a borrowed phrase, not a
    quotation. One that opens its sentence ('“We're extremely happy” about it, said X') or
    closes a reported clause ('X said Pakistan was “surprised” that ...') stays."""
    before = text[max(0, q.start - 3):q.start].rstrip(" \t\xa0")[-1:]
    return (_is_aside(q.text) and q.statement == (q.start, q.end)
            and before not in _OPENS_SENTENCE
            and last_char(text, q.end).isalnum() and bool(_MID_CLAUSE.match(text, q.end)))


def _names_a_work(text: str, q: QuoteSpan) -> bool:
    """The title of a show, book, event or group used as a name, no quotation: after a
    preposition, a possessive, 'told' or the kind of work it names ('on CBS's “Face the
    Nation,”', 'told “Fox and Friends”', 'the podcast “Here’s the Thing.”'), or after any word
    but a speech verb in a sentence that goes on with no attribution ('under the pseudonym
    “Carlos Danger,” but', 'promoting a “Stop Trump” movement'). A title closing its sentence
    ('tweeted that she was “Disgraceful!”') or followed by a speaker ('“Absolutely,” he said')
    stays. No quotation either: the headline of a piece with its byline ('“Met accused of
    ...,” by Post's Kathianne Boniello')."""
    if last_char(text, q.end) == "," and _BYLINE.match(text, q.end):
        return True
    if not is_title(q.text):
        return False
    if _BEFORE_TITLE.search(text, max(0, q.start - 14), q.start):
        return True
    before = _WORD_BEFORE.search(text, max(0, q.start - 30), q.start)
    if not before or pat.VERB.fullmatch(before.group(1)) or last_char(text, q.end) in ".!?":
        return False
    right = sentence_end(text, q.end, min(len(text), q.end + WINDOW))
    return not any(p.match(text, q.end, right) for p in _ATTRIBUTIONS_AFTER)


def _qualifies_a_noun(text: str, q: QuoteSpan) -> bool:
    """A short quote right before a noun it names or qualifies ('chaired the “let’s get
    Monica” effort', 'bring a “common-sense” approach'): a quoted term, not a statement."""
    return (len(q.text.split()) < _TERM_WORDS and last_char(text, q.end).isalnum()
            and bool(pat.QUALIFIED_NOUN.match(text, q.end)))


def _is_aside(quote: str) -> bool:
    """A scare quote, title or nickname: too short to be something someone said."""
    return len(quote.split()) < _ASIDE_WORDS


def quotes_of(text: str, mentions: list[Mention]) -> list[Quote]:
    """The public Quote records of ``text`` (with the statement when it is more than the
    quote)."""
    out = []
    for q in extract_quotes(text, mentions):
        start, end = q.statement
        statement = None
        if (start, end) != (q.start, q.end):
            statement = " ".join(text[start:end].split())
        out.append(Quote(q.text, q.speaker, statement))
    return out
