"""Direct quotations and their speakers.

Quotes: one linear scan over the quote marks (straight and curly) and paragraph breaks.
Straight marks pair with straight, curly with curly (a curly quote inside a straight one is
nested in it). A quote still open at a paragraph break continues when the next paragraph opens
with the same kind of mark (news convention); otherwise it is dropped as unbalanced. A quote
interrupted by its attribution ('“A,” X said, “B.”') is one quotation; an unattributed quote of
under four words is a scare quote or a title, and a short one after 'called' a label: neither is
kept. Each quote also carries its statement span: the quote itself, or, when a quoted tail
closes a clause reported after a speech verb ('X said the plan was “dead on arrival.”'), the
clause from after the verb (and 'that'). The quote's text stays the literal quoted words: the
paraphrase around them is the reporter's, not the speaker's.

Speakers: an attribution after the quote ('“...,” X said', '“...,” said X', '“...” ― X', '“...,”
Trump barked'), else before it in its sentence ('X said, “...”', 'X said that Y was “...”',
'According to X,', 'X attacked Y, saying, “...”', 'X boomed: “...”', 'X pledged to make Y
“...”'), else one closing the sentence ('“...” after the vote, X said.'). The subject region
is matched against the article's entity mentions, else taken as a short noun phrase; he/she
resolve to the most recent person before the pronoun (and before the quote). A quote with no
attribution continues the previous quote's speaker in its sentence or paragraph, or when it is
a paragraph of its own right after it. Every window looked at is bounded, so the whole pass
stays linear in the text length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..articles import Quote
from .entities import Mention

_MARKS = re.compile(r"[\"“”]|\n[ \t\xa0]*\n")
_MISTYPED_CLOSE = re.compile(r"[,.!?]“(?=\s|$)")  # '“It's unusual,“ said X': a closing mark
_OPENS_PARA = re.compile(r"\s*[\"“]")
_WS = re.compile(r"\s+")
_ALPHA = re.compile(r"[^\W\d_]")

_VERBS = (
    r"said|says|say|told|tells|added|adds|noted|stated|asked|asks|explained|explains|wrote|"
    r"writes|outlined|warned|warns|argued|argues|insisted|insists|claimed|declared|announced|"
    r"remarked|replied|replies|responded|commented|continued|concluded|acknowledged|admitted|"
    r"tweeted|urged|urges|recalled|recalls|suggested|stressed|emphasized|emphasised|cautioned|"
    r"vowed|promised|observed|reported|quipped|conceded|complained|testified|confirmed|"
    r"maintained|contended|countered|asserted|alleged|lamented|predicted|wondered|joked|"
    r"demanded|demands|shouted|shouts|yelled|yells|sang|sings|reads|reports|described|"
    r"describes|branded|scolded|characterized|characterised|read|pleaded|boasted|bragged|recounted|begged|"
    r"notes|answered|answers|charged|barked|boomed|confessed|proclaimed|reiterated|posted|"
    r"chanted|chanting|chant|shouting|yelling|singing|screamed|screaming|"
    r"retorted|exclaimed|snapped|fired back|shot back|chimed in|agreed|agrees|pledged|pledging|"
    r"vowing|promising|urging|predicting|"
    r"blasted|slammed|criticized|criticised|mocked|praised|thanked|touted|hailed|dismissed|"
    r"denounced|"
    r"saying|adding|asking|telling|calling|tweeting|writing|noting|arguing|warning|"
    r"explaining|labeling|labelling|describing|insisting|declaring|"
    r"called|calls|calling|cited|cites|claims|claiming|accused|accuses|elaborated|jokes|"
    r"according to|pointed out|went on|referred to"
)
_LABELS = {"called", "calls", "calling", "described", "describes", "describing", "branded",
           "labeling", "labelling", "referred to"}
_CAPITALISED_VERBS = "|".join(f"[{v[0].upper()}{v[0]}]{v[1:]}" for v in _VERBS.split("|"))
_VERB = re.compile(rf"(?<!-)\b(?:{_CAPITALISED_VERBS})\b")  # 'Said Ellis:', 'According to X,'

_AUX = r"(?:(?:has|have|had|would|will|also|later|then|previously|once|again)\s+)*"
# After the quote: ", X said" / ", X, a spokesman, said" / ", said X" / ", according to X".
_AFTER_SUBJ = re.compile(
    rf"\s*[,—–-]?\s*(?P<spk>[^,;:!?\"“”]{{1,80}}?)(?P<app>,[^;!?\"“”]{{1,120}},)?\s+"
    rf"{_AUX}(?:{_VERBS})\b"
)
_AFTER_DASH = re.compile(r"\s*[―—–]\s*(?P<spk>[A-Z][^,;:!?\"“”()\n]{1,60})")
_AFTER_VERB = re.compile(
    rf"\s*[,—–-]?\s*{_AUX}(?P<verb>{_VERBS})\s+(?P<spk>[^,;:!?\"“”()]{{1,80}})"
)
# A short sentence of its own after the quote: '“...” Trump said.', '“...” he said Monday.'
_SAID_SENTENCE = re.compile(
    rf"[ \t]+(?P<spk>[A-Z][^,;:!?.\"“”\n]{{0,40}}?)\s+{_AUX}(?:said|says|told reporters|"
    rf"added|wrote|tweeted|shot back|fired back)\b[^,;:!?.\"“”\n]{{0,40}}\.")
# A name spaCy may have missed ('“...?” Hannity pressed'): one to three capitalised words
_NAME = re.compile(r"(?!(?:He|She|It|They|We|I|You|This|That|The|A|An|But|And)\b)"
                   r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}")
_DETERMINED = re.compile(r"(?:the|a|an)\s+\S+(?:\s+\S+){0,2}$")
# '“...,” Trump barked', '“...,” the crowd roared': a name, he/she or a determined phrase
_AFTER_NAME = re.compile(
    r"\s*[,—–-]?\s*(?P<spk>(?:[A-Z]|(?:he|she|the|a|an)\b)[^,;:!?\"“”]{0,60}?)"
    r"\s+[a-z]+(?:ed|s)\b")
_VERB_NAME = re.compile(r"\s*[,—–-]?\s*[a-z]{3,}ed\s+(?P<spk>[^,;:!?.\"“”]{1,60})")
# 'Trump pledged to ...', 'Dr. Muhammad Babar pondered ...': a sentence opening with a name
_SUBJECT_VERB = re.compile(
    r"\s*(?P<spk>[A-Z][^\s,;:!?\"“”]*(?:\s+[A-Z][^\s,;:!?\"“”]*){0,3})"
    r"\s+(?:also\s+|then\s+|later\s+)?[a-z]{2,}(?:ed|s)\b"
)
# The subject opening a sentence part: up to six words before its first finite verb
_LEAD_SUBJECT = re.compile(
    r"\s*(?P<spk>(?:[A-Z][^\s,;:!?\"“”]*|the|a|an)(?:\s+[^\s,;:!?\"“”]+){0,5}?)"
    r"\s+(?:also\s+|then\s+|later\s+|quickly\s+)?(?P<verb>[a-z]{2,}(?:ed|s)|told|went|took|"
    r"made|gave|sent|shot|spoke|wrote|said)\b")
_NOT_SUBJECT = {"amid", "in", "at", "on", "for", "from", "with", "by", "of", "to", "during",
                "despite", "after", "before", "how", "what", "why", "when", "where", "if",
                "two", "three", "four", "five", "several", "many", "some", "but", "and"}
_TAIL_ATTRIBUTION = re.compile(
    rf",\s*(?P<spk>[^,;:!?\"“”]{{1,60}}?)\s+{_AUX}(?:{_VERBS})\b[^,;:!?\"“”]{{0,40}}[.!?]?\s*$")
# '“...” if she didn't win by more, said David Wasserman, an analyst.'
_TAIL_SAID = re.compile(
    r",\s*(?:said|says|added|wrote|writes)\s+(?P<spk>[^,;:!?\"“”]{1,60}?)\s*(?:,|[.!?]?\s*$)")
_AND_END = re.compile(r"\band\s+(?:then\s+|also\s+|later\s+)?$")
_SENT_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z])")
_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Gen|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|Inc|Corp|Co|vs|U\.S|U\.K|U\.N))$"
)
_CONTINUES = {",", "?", "!", "—", "–", "-"}  # quote ends inside its sentence: "...," X said
_CLAUSE_START = re.compile(r"[\s,:]*(?:(?:\S+\s+){0,4}?that\s+)?")  # told them that ...
_CLAUSE_WORDS = 3  # fewest words of a clause taken into the statement of the quote closing it
_CLAUSE_REACH = 300  # longest paraphrase before a quoted tail taken as the statement
_LEAD_CLAUSE_REACH = 120  # longest clause taken with a quote its attribution follows
_THAT = re.compile(r"\b(?:that|adding|saying)\b")  # the second piece is part of a clause
INHERIT = "\0"  # a quote that opens its sentence with no attribution: same speaker as before
_WINDOW = 400  # characters of context looked at on either side of a quote
_PRONOUNS = {"he", "she"}
_CONTRACTION = re.compile(r"[’'](?:s|d|ll)$")  # "He’s claiming", "she’d said"
_NO_SPEAKER = {"it", "they", "we", "i", "you", "this", "that", "there", "who", "which"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her",
                "their", "our", "and", "but", "so", "then", "also"}
_SUBORDINATORS = {"when", "while", "as", "if", "after", "before", "because", "since", "until",
                  "though", "although", "once", "where", "whether", "went", "going"}
_FUNCTION_WORDS = {"to", "of", "on", "in", "at", "for", "with", "by", "from", "about", "is",
                   "was", "be", "been", "has", "have", "had", "not", "would", "will", "can"}
_ADVERBS = {"now", "then", "later", "also", "again", "previously", "once", "still", "only",
            "just", "even", "first", "finally", "instead", "here", "there", "meanwhile",
            "however", "too", "though"}
_OPENING_PHRASE = re.compile(
    r"\s*(?:In|At|On|During|After|Before|Following|From|Under|With|Asked|Speaking|Writing|"
    r"Appearing|Earlier|Later|When|While|As|If|Although|Though|Because|Since|Once|Amid|Despite|"
    r"[A-Z][a-z]+ing)\b[^,;:\"“”]{0,120},")
# A short phrase before a he/she subject: 'Minutes later, she sent', 'Along with it, he'
_PRONOUN_AFTER_OPENER = re.compile(r"\s*[^,;:!?\"“”]{1,40},\s+(?=(?:he|she|He|She)\b)")
_RELATIVE = re.compile(r"\s(?:who|whom|whose|which|that)\b")
_OPENS_SENTENCE = {"", ".", "!", "?", ":", "\n", '"', "”"}  # what may stand before a quote
_BEFORE_TITLE = re.compile(r"(?:\b(?:on|in|of|at|from|for|about|titled|entitled)|['’]s)\s*$")
_MID_CLAUSE = re.compile(
    r"[ \t\xa0]+(?!(?:and|but|or|nor|while|as|because|before|after|when|if|since|though|"
    r"although|whereas|which|who|so|then|until|unless)\b)[a-z(]")
_AND_OPENING = re.compile(
    r"\s*(?:And|But|So|Yet)\s+(?:after|before|when|while|as|if|in|on|at|during|since|"
    r"following|despite|amid)\b[^,;:\"“”]{0,120},")
_SPEAKER_TYPES = ("person", "org", "place", "other")
_MAX_NP_WORDS = 5
_SUBJECT_WORDS = 6  # a sentence's subject is named within its first words
_JOIN_GAP = 250  # longest attribution ('X said of ..., in which ...') between two pieces
_ASIDE_WORDS = 4  # an unattributed quote shorter than this is a scare quote or a title
_PRONOUN_REACH = 2000  # he/she resolve only to a person named this close before the quote
Speaker = tuple[str, tuple[int, int]]  # name, and the span of the text it was taken from


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
        quote = _WS.sub(" ", " ".join(pieces)).strip()
        if _ALPHA.search(quote):
            out.append((start, m.end(), quote))
        pieces, open_at = [], -1
    return out


def _at_paragraph_start(text: str, pos: int) -> bool:
    k = pos
    while k > 0 and text[k - 1] in " \t\xa0":
        k -= 1
    return k == 0 or text[k - 1] == "\n"


def _sentence_start(text: str, lo: int, hi: int) -> int:
    """Start of the sentence containing position ``hi``, not before ``lo``."""
    best = lo
    for m in _SENT_END.finditer(text, lo, hi + 2):  # + 2: let the lookahead see the quote
        if m.end() <= hi and not _ABBREV.search(text, max(lo, m.start() - 5), m.start()):
            best = m.end()
    return best


def _sentence_end(text: str, lo: int, hi: int) -> int:
    for m in _SENT_END.finditer(text, lo, hi):
        if not _ABBREV.search(text, max(lo, m.start() - 5), m.start()):
            return m.start() + 1
    return hi


class _Speakers:
    """Resolves a subject region of the text to a speaker name, with per-article memory."""

    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.mentions = [m for m in mentions if m.start >= 0 and m.type in _SPEAKER_TYPES]
        self.starts = [m.start for m in self.mentions]
        # a name typed as a person anywhere in the article is one wherever it stands
        self.people = {m.name for m in self.mentions if m.type == "person"}
        self.phrases: list[str] = []  # noun-phrase speakers seen so far, longest wins
        # the quote right before the region looked at: he/she in '“A,” he said, “B”' do not
        # refer to a person named in “A”
        self.skip = (0, 0)

    def from_region(self, lo: int, hi: int, quote_start: int,
                    phrases: bool = True) -> Speaker | None:
        """The speaker named in [lo, hi): its last entity mention, else (with ``phrases``)
        he/she or a short noun phrase."""
        tail = self.text[max(lo, hi - 5):hi].split()[-1:]
        if len(self.text[lo:hi].split()) > 1 and tail and tail[0].lower() in _PRONOUNS:
            # '... with Russia's network RT he blasted': the pronoun is the subject
            return self._recent_person(min(hi - len(tail[0]) - 1, quote_start))
        i, j = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        inside = self.mentions[i:j]
        for etype in _SPEAKER_TYPES:
            named = [m for m in inside if m.type == etype]
            if named:
                return named[-1].name, (named[-1].start, named[-1].end)
        if not phrases:
            words = self.text[lo:hi].split()
            if len(words) == 1 and words[0].lower() in _PRONOUNS:
                return self._recent_person(min(lo, quote_start))
            return None
        words = _WS.sub(" ", self.text[lo:hi]).strip(" ,:;—–-").split()
        while words and words[0].lower() in _DETERMINERS:
            words = words[1:]
        while len(words) > 1 and words[-1].lower() in _ADVERBS:  # 'the mayor also'
            words = words[:-1]
        if not words or len(words) > _MAX_NP_WORDS:
            return None
        phrase = " ".join(words).rstrip(".")
        last = _CONTRACTION.sub("", words[-1].lower())  # "Later he", "He’s": the pronoun
        if last in _PRONOUNS:
            return self._recent_person(min(lo, quote_start))
        if last in _NO_SPEAKER or not _ALPHA.search(phrase) or not _is_noun_phrase(words):
            return None
        at = self.text.find(words[0], lo, hi)
        return self._phrase(phrase), (at, at + len(phrase))

    def subject(self, lo: int, hi: int, quote_start: int) -> Speaker | None:
        """The subject of the sentence part [lo, hi) ('Trump leaned in and boomed:', 'X ...,
        calling it'): he/she opening it, its first person or organisation, else the words
        before its first speech verb."""
        opener = _OPENING_PHRASE.match(self.text, lo, hi) or _PRONOUN_AFTER_OPENER.match(
            self.text, lo, hi)  # 'In a Fox interview, Trump ...', 'Minutes later, she ...'
        if opener:
            lo = opener.end()
        first = self.text[lo:hi].split()[:1]
        if first and first[0].lower() in _PRONOUNS:
            return self._recent_person(min(lo, quote_start))
        lead = _LEAD_SUBJECT.match(self.text, lo, hi)  # 'His chief aide doubled down on ...'
        if lead and lead.group("spk").split()[0].lower() not in _NOT_SUBJECT:
            # a plural noun passes for a verb in '-s' ('The final results aren't in'): a
            # phrase needs a past tense after it, a name does not
            found = self.from_region(*lead.span("spk"), quote_start,
                                     phrases=not lead.group("verb").endswith("s"))
            if found:
                return found
        i, j = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        for m in self.mentions[i:j]:
            if m.type in ("person", "org"):
                return m.name, (m.start, m.end)
        verb = _VERB.search(self.text, lo, hi)
        end = verb.start() if verb else hi
        comma = self.text.find(",", lo, end)  # 'The mayor, who was off stage, ...'
        return self.from_region(lo, comma if comma >= 0 else end, quote_start)

    def lead_name(self, lo: int, hi: int, phrases: bool = True) -> Speaker | None:
        """The first person or organisation named in [lo, hi), when it stands in its first
        words, where a subject stands; else (with ``phrases``) its subject phrase."""
        opener = (_OPENING_PHRASE.match(self.text, lo, hi) or _AND_OPENING.match(
            self.text, lo, hi) or _PRONOUN_AFTER_OPENER.match(self.text, lo, hi))
        if opener:  # 'In 1991, X ...', 'And after X refused ..., Y ...', 'Minutes later, she'
            lo = opener.end()
        first = self.text[lo:hi].split()[:1]
        if first and first[0].lower() in _PRONOUNS:
            return self._recent_person(lo)
        i, j = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        for m in self.mentions[i:j]:
            if len(self.text[lo:m.start].split()) > _SUBJECT_WORDS:
                break
            if m.type in ("person", "org"):
                return m.name, (m.start, m.end)
        lead = phrases and _LEAD_SUBJECT.match(self.text, lo, hi)  # 'The ad targets a “...”'
        if lead and lead.group("spk").split()[0].lower() not in _NOT_SUBJECT:
            return self.from_region(*lead.span("spk"), hi)
        return None

    def _recent_person(self, pos: int) -> Speaker | None:
        k = bisect.bisect_left(self.starts, pos) - 1
        while k >= 0 and self.starts[k] >= pos - _PRONOUN_REACH:
            m = self.mentions[k]
            if m.name in self.people and not self.skip[0] <= m.start < self.skip[1]:
                return m.name, (m.start, m.end)
            k -= 1
        return None

    def _phrase(self, phrase: str) -> str:
        low = " " + phrase.lower()
        for earlier in self.phrases:
            if len(earlier) > len(phrase) and (" " + earlier.lower()).endswith(low):
                return earlier
        self.phrases.append(phrase)
        return phrase


def _is_noun_phrase(words: list[str]) -> bool:
    """Could ``words`` name a speaker ('the joint committee', 'a spokesman')? Not an adverb,
    a subordinate clause or a verb phrase ('now', 'when asked', 'went on to')."""
    first, last = words[0].lower(), words[-1].lower()
    return not (first in _SUBORDINATORS or last in _FUNCTION_WORDS or last in _DETERMINERS
                or last.endswith(("ly", "ing")) or (len(words) == 1 and first in _ADVERBS))


def _region_before_verb(text: str, lo: int, verb_start: int) -> tuple[int, int]:
    """The subject region before a speech verb: drop a trailing appositive (", speaking at X,")
    and any leading clause ("Following the announcement, ")."""
    hi = verb_start
    seg = text[lo:hi].rstrip()
    if seg.endswith(",") and seg.count(",") >= 2:  # "Khan, speaking at the conference,"
        hi = lo + seg[:-1].rfind(",")
    comma = text.rfind(",", lo, hi)
    return (comma + 1 if comma >= 0 else lo), hi


def _speaker(text: str, q: tuple[int, int], lo: int, hi: int, spk: _Speakers,
             after_quote: bool, short: bool) -> Speaker | str | None:
    """The speaker of the quote spanning ``q``, looked for in [lo, hi) (``after_quote``: the
    previous quote ends at ``lo``); INHERIT for the previous quote's speaker. A ``short``
    quote after 'called' or 'described as' is a label, not something said: no speaker."""
    qs, qe = q
    right = _sentence_end(text, qe, hi)
    found = _speaker_after(text, qs, qe, right, spk)
    if found:
        return found
    found = _speaker_before(text, qs, lo, spk, after_quote, short)
    if found is None or found == INHERIT:  # '“...” before the vote, he said.'
        m = _TAIL_ATTRIBUTION.search(text, qe, right) or _TAIL_SAID.search(text, qe, right)
        return (m and spk.from_region(*m.span("spk"), qs)) or found
    return found


def _speaker_after(text: str, qs: int, qe: int, right: int, spk: _Speakers) -> Speaker | None:
    """An attribution right after the quote: '“...,” X said', '“...,” said X', '“...” ― X',
    '“...,” Trump barked'."""
    m = None
    if _goes_on(text, qe):
        m = _AFTER_VERB.match(text, qe, right)
        if m and m.group("verb").endswith("ing"):  # '“...,” adding that ...': no attribution
            m = None
        m = m or _AFTER_SUBJ.match(text, qe, right)
    m = m or _AFTER_DASH.match(text, qe, right)  # '“...” ― Pamela Padilla'
    if m:
        lo, hi = m.span("spk")
        rel = _RELATIVE.search(text, lo, hi)  # '“...,” said one source who named X'
        name = spk.from_region(lo, rel.start() if rel else hi, qs)
        if name:
            return name
    if _goes_on(text, qe):  # '“...,” Trump barked': a name, he/she or 'the crowd', any verb
        m = _VERB_NAME.match(text, qe, right)  # '“...?” reacted Trump.'
        found = m and spk.from_region(*m.span("spk"), qs, phrases=False)
        if found:
            return found
        m = _AFTER_NAME.match(text, qe, right)
        phrase = m and (_DETERMINED.match(m.group("spk")) or _NAME.fullmatch(m.group("spk")))
        return m and spk.from_region(*m.span("spk"), qs, phrases=bool(phrase))
    m = _SAID_SENTENCE.match(text, qe, min(len(text), qe + 120))  # '“...!” Trump said.'
    return m and spk.from_region(*m.span("spk"), qs,
                                 phrases=bool(_NAME.fullmatch(m.group("spk"))))


def _speaker_before(text: str, qs: int, lo: int, spk: _Speakers, after_quote: bool,
                    short: bool) -> Speaker | str | None:
    """An attribution before the quote in its sentence: 'X said, “...”', 'X said that Y was
    “...”', 'According to X, “...”', 'X attacked Y, saying, “...”', 'X boomed: “...”'."""
    left = _sentence_start(text, lo, qs)
    colon = text[left:qs].rstrip().endswith(":")
    opener = colon and _OPENING_PHRASE.match(text, left, qs)  # 'When X said ..., Y added:'
    verbs = [v for v in _VERB.finditer(text, opener.end() if opener else left, qs)
             if not (short and v.group().lower() in _LABELS)]
    if not verbs:
        if colon:  # 'Trump leaned in and boomed: “...”'
            return spk.subject(left, qs, qs)
        # '“A.” “B.”' or 'X said “A” because “B”' (one sentence): the previous speaker
        if not text[left:qs].strip() or (after_quote and left == lo):
            return INHERIT
        if not short:  # 'Trump pledged to make Apple “build ...”'
            opener = _OPENING_PHRASE.match(text, left, qs)  # 'In a speech, Trump attacked'
            m = _SUBJECT_VERB.match(text, opener.end() if opener else left, qs)
            if m:
                return spk.from_region(*m.span("spk"), qs, phrases=False)
        return None
    v = verbs[-1]
    if v.group().lower() == "according to":
        end = text.find(",", v.end(), qs)
        return spk.from_region(v.end(), end if end >= 0 else qs, qs)
    if v.group().endswith("ing"):  # 'X attacked Y, saying, “...”': the sentence's subject
        if after_quote and left == lo:  # 'X said “A” before claiming that “B”'
            return INHERIT
        if len(verbs) > 1:  # 'Y, X said, adding, “...”'
            named = spk.from_region(*_region_before_verb(text, left, verbs[-2].start()), qs)
            if named:
                return named
        return spk.subject(left, v.start(), qs)
    a, b = _region_before_verb(text, left, v.start())
    if not text[a:b].strip():  # 'Said Anna Berg: “...”'
        return spk.from_region(v.end(), qs, qs)
    if _AND_END.search(text, a, b):  # 'X said the move was made by Y and said, “...”'
        if after_quote and left == lo and not text[lo:a].strip():
            return INHERIT  # 'X said that Y is “A,” and said that Z “B”'
        return spk.subject(left, v.start(), qs)
    return spk.from_region(a, b, qs) or spk.subject(left, v.start(), qs)


def extract_quotes(text: str, mentions: list[Mention]) -> list[QuoteSpan]:
    """Quotations of ``text`` with speakers; ``mentions`` are its resolved entity mentions
    (offsets relative to ``text``, sorted by start)."""
    spans = find_quote_spans(text)
    spk = _Speakers(text, mentions)
    out: list[QuoteSpan] = []
    sentence_starts: dict[int, int] = {}  # of the quotes with no attribution found
    spoken = (0, 0)  # the last quote that is no title or aside
    for k, (qs, qe, quote) in enumerate(spans):
        prev_end = spoken[1]
        next_start = spans[k + 1][0] if k + 1 < len(spans) else len(text)
        lo = max(prev_end, qs - _WINDOW)
        para_start = text.rfind("\n", lo, qs) + 1
        if text[para_start:qs].strip() or not text[lo:para_start].rstrip().endswith(":"):
            lo = max(lo, para_start)  # else 'X continued:' ends the paragraph before the quote
        para_end = text.find("\n", qe, qe + _WINDOW)
        hi = min(next_start, qe + _WINDOW, para_end if para_end >= 0 else len(text))
        short = len(quote.split()) < _ASIDE_WORDS
        after_quote = prev_end > 0 and lo == prev_end
        spk.skip = spoken if after_quote else (0, 0)
        speaker = _speaker(text, (qs, qe), lo, hi, spk, after_quote, short)
        if speaker == INHERIT:
            speaker = (out[-1].speaker, out[-1].speaker_span) if out and out[-1].speaker and (
                _goes_on_speaking(text, out[-1].end, qs, qe)) else None
        if speaker is None and not short and not text[_sentence_start(text, lo, qs):qs].strip():
            if para_start == lo and not text[lo:qs].strip():
                speaker = _previous_paragraph_speaker(text, lo, prev_end, spk)
            elif para_start <= lo < qs:  # 'X tweeted a warning. “...”'
                speaker = _previous_sentence_speaker(text, lo, qs, spk)
        if speaker is None and not short:
            sentence_starts[qs] = _sentence_start(text, lo, qs)
        name, span = speaker or (None, None)
        out.append(QuoteSpan(qs, qe, quote, name, span, _statement(text, qs, qe, lo)))
        # titles and asides bound no context: 'X called Obama a “petulant child” who's “...”'
        if not (_is_title(quote) or (short and not name)):
            spoken = (qs, qe)
    kept = [q for q in _join_interrupted(text, out) if q.speaker or not _is_aside(q)]
    _share_statements(text, kept)
    kept = [q for q in kept if not (_is_fragment(text, q) or _names_a_work(text, q))]
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
            lo = max(first.start - _WINDOW, text.rfind("\n", 0, first.start) + 1,
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
            and not _VERB.search(gap) and not _SENT_END.search(text, a.end - 3, b.start + 2))


def _previous_paragraph_speaker(text: str, para_start: int, prev_end: int,
                                spk: _Speakers) -> Speaker | None:
    """The speaker of a quote opening the paragraph at ``para_start`` with no attribution of
    its own, from the last sentence of the paragraph before when that sentence reports speech
    and holds no quote ('Carter said that the U.S. would not leave.' then '“That's because
    ...”'); ``prev_end`` is where the previous quote ends."""
    hi = len(text[:para_start].rstrip())
    lo = max(prev_end, hi - _WINDOW, text.rfind("\n", 0, hi) + 1)
    return _previous_sentence_speaker(text, lo, hi, spk)


def _previous_sentence_speaker(text: str, lo: int, hi: int, spk: _Speakers) -> Speaker | None:
    """The speaker reported by the last sentence of [lo, hi), which holds no quote: its
    attribution, else a name opening it with a verb ('Iowa State's Dianne Bystrom agreed.')."""
    hi = len(text[:hi].rstrip())
    left = _sentence_start(text, lo, hi)
    if hi <= left:
        return None
    if not any(v.group().lower() not in _LABELS for v in _VERB.finditer(text, left, hi)):
        opener = _OPENING_PHRASE.match(text, left, hi)  # 'Iowa State's Dianne Bystrom agreed.'
        m = _SUBJECT_VERB.match(text, opener.end() if opener else left, hi)
        return (m and spk.from_region(*m.span("spk"), hi, phrases=False)) or spk.lead_name(
            left, hi, phrases=False)
    found = _speaker_before(text, hi, left, spk, False, False)
    return None if found == INHERIT else found


def _statement(text: str, qs: int, qe: int, lo: int) -> tuple[int, int]:
    """The span of what is reported as said: the quote itself, or, for a quoted tail that
    closes a clause reported after a speech verb ('X said the plan was “dead on arrival.”'),
    the clause from after the verb (and 'that') to the end of the quote."""
    left = _sentence_start(text, lo, qs)
    verbs = list(_VERB.finditer(text, left, qs))
    if _goes_on(text, qe) and _last_char(text, qe) not in ".!?":
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
        if (prev and after and _is_title(q.text) and prev.speaker
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
    if len(mid) > _JOIN_GAP or "\n" in mid or not _VERB.search(mid):
        return False
    last = mid.rstrip().rstrip("\"”")[-1:]
    if last not in (",", ".", ":") or (last != "." and _THAT.search(mid)):
        return False  # 'X told a crowd that spilled out onto the street. “B.”' is joined
    return _goes_on(text, end)


def _last_char(text: str, end: int) -> str:
    """The last character inside a quote ending at ``end``, past inner quotes ('...,'")."""
    k = end - 2
    while k > 0 and text[k] in "'’ ":
        k -= 1
    return text[k]


def _goes_on(text: str, end: int) -> bool:
    """The sentence goes on after a quote ending at ``end``: '“...,” X said'."""
    return _last_char(text, end) in _CONTINUES or text[end : end + 1] in _CONTINUES


def _is_title(quote: str) -> bool:
    """A show's, book's or film's title ('This Week With George Stephanopoulos.'): its longer
    words capitalised."""
    long = [w for w in quote.split() if len(w) > 3]
    return bool(long) and len(quote) <= 60 and all(w[0].isupper() for w in long)


def _is_fragment(text: str, q: QuoteSpan) -> bool:
    """A short phrase quoted inside a sentence that goes on after it, with no clause of its
    own ('Trump blamed the problem on “sickos” in a speech'): a borrowed phrase, not a
    quotation. One that opens its sentence ('“We're extremely happy” about it, said X') or
    closes a reported clause ('X said Pakistan was “surprised” that ...') stays."""
    before = text[max(0, q.start - 3):q.start].rstrip(" \t\xa0")[-1:]
    return (_is_aside(q) and q.statement == (q.start, q.end) and before not in _OPENS_SENTENCE
            and _last_char(text, q.end).isalnum() and bool(_MID_CLAUSE.match(text, q.end)))


def _names_a_work(text: str, q: QuoteSpan) -> bool:
    """The title of a show, book or event after a preposition or possessive ('on CBS's
    “Face the Nation,”', 'an episode of “The Steve Harvey Morning Show”'): no quotation."""
    return _is_title(q.text) and bool(_BEFORE_TITLE.search(text, max(0, q.start - 12), q.start))


def _is_aside(q: QuoteSpan) -> bool:
    """A scare quote, title or nickname: too short to be something someone said."""
    return len(q.text.split()) < _ASIDE_WORDS


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
