"""Speakers of quotations.

An attribution after the quote ('“...,” X said', '“...,” said X', '“...” ― X', '“...,” Trump
barked'), else before it in its sentence ('X said, “...”', 'X said that Y was “...”', 'According
to X,', 'X attacked Y, saying, “...”', 'X boomed: “...”', 'X pledged to make Y “...”'), else one
closing the sentence ('“...” after the vote, X said.'), else the name or phrase that is the
sentence's subject ('The ad targets a “...”'). The subject region is matched against the
article's entity mentions, else taken as a short noun phrase; he/she resolve to the most recent
person before the pronoun (and before the quote, past the quote right before the region). A
quote with no attribution continues the previous quote's speaker in its sentence or paragraph,
or when it is a paragraph of its own right after it; titles and asides bound no context. Every
window looked at is bounded, so the whole pass stays linear in the text length.
"""

from __future__ import annotations

import bisect
import re

from . import quote_patterns as pat
from .entities import Mention
from .quote_text import ALPHA, WS, goes_on, sentence_end, sentence_start

INHERIT = "\0"  # a quote that opens its sentence with no attribution: same speaker as before
WINDOW = 400  # characters of context looked at on either side of a quote
_SPEAKER_TYPES = ("person", "org", "place", "other")
_MAX_NP_WORDS = 5
_SUBJECT_WORDS = 6  # a sentence's subject is named within its first words
_PRONOUN_REACH = 2000  # he/she resolve only to a person named this close before the quote
Speaker = tuple[str, tuple[int, int]]  # name, and the span of the text it was taken from


class Speakers:
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
        if len(self.text[lo:hi].split()) > 1 and tail and tail[0].lower() in pat.PRONOUNS:
            # '... with Russia's network RT he blasted': the pronoun is the subject
            return self._recent_person(min(hi - len(tail[0]) - 1, quote_start))
        inside = self._mentions_in(lo, hi)
        for etype in _SPEAKER_TYPES:
            named = [m for m in inside if m.type == etype]
            if named:
                return named[-1].name, (named[-1].start, named[-1].end)
        if not phrases:
            words = self.text[lo:hi].split()
            if len(words) == 1 and words[0].lower() in pat.PRONOUNS:
                return self._recent_person(min(lo, quote_start))
            return None
        words = WS.sub(" ", self.text[lo:hi]).strip(" ,:;—–-").split()
        while words and words[0].lower() in pat.DETERMINERS:
            words = words[1:]
        while len(words) > 1 and words[-1].lower() in pat.ADVERBS:  # 'the mayor also'
            words = words[:-1]
        if not words or len(words) > _MAX_NP_WORDS:
            return None
        phrase = " ".join(words).rstrip(".")
        last = pat.CONTRACTION.sub("", words[-1].lower())  # "Later he", "He’s": the pronoun
        if last in pat.PRONOUNS:
            return self._recent_person(min(lo, quote_start))
        if last in pat.NO_SPEAKER or not ALPHA.search(phrase) or not _is_noun_phrase(words):
            return None
        at = self.text.find(words[0], lo, hi)
        return self._phrase(phrase), (at, at + len(phrase))

    def subject(self, lo: int, hi: int, quote_start: int) -> Speaker | None:
        """The subject of the sentence part [lo, hi) ('Trump leaned in and boomed:', 'X ...,
        calling it'): he/she opening it, its first person or organisation, else the words
        before its first speech verb."""
        opener = pat.OPENING_PHRASE.match(self.text, lo, hi) or pat.PRONOUN_AFTER_OPENER.match(
            self.text, lo, hi)  # 'In a Fox interview, Trump ...', 'Minutes later, she ...'
        if opener:
            lo = opener.end()
        first = self.text[lo:hi].split()[:1]
        if first and first[0].lower() in pat.PRONOUNS:
            return self._recent_person(min(lo, quote_start))
        lead = pat.LEAD_SUBJECT.match(self.text, lo, hi)  # 'His chief aide doubled down on ...'
        if lead and lead.group("spk").split()[0].lower() not in pat.NOT_SUBJECT:
            # a plural noun passes for a verb in '-s' ('The final results aren't in'): a
            # phrase needs a past tense after it, a name does not
            found = self.from_region(*lead.span("spk"), quote_start,
                                     phrases=not lead.group("verb").endswith("s"))
            if found:
                return found
        for m in self._mentions_in(lo, hi):
            if m.type in ("person", "org"):
                return m.name, (m.start, m.end)
        verb = pat.VERB.search(self.text, lo, hi)
        end = verb.start() if verb else hi
        comma = self.text.find(",", lo, end)  # 'The mayor, who was off stage, ...'
        return self.from_region(lo, comma if comma >= 0 else end, quote_start)

    def lead_name(self, lo: int, hi: int, phrases: bool = True) -> Speaker | None:
        """The first person or organisation named in [lo, hi), when it stands in its first
        words, where a subject stands; else (with ``phrases``) its subject phrase."""
        opener = (pat.OPENING_PHRASE.match(self.text, lo, hi) or pat.AND_OPENING.match(
            self.text, lo, hi) or pat.PRONOUN_AFTER_OPENER.match(self.text, lo, hi))
        if opener:  # 'In 1991, X ...', 'And after X refused ..., Y ...', 'Minutes later, she'
            lo = opener.end()
        first = self.text[lo:hi].split()[:1]
        if first and first[0].lower() in pat.PRONOUNS:
            return self._recent_person(lo)
        for m in self._mentions_in(lo, hi):
            if len(self.text[lo:m.start].split()) > _SUBJECT_WORDS:
                break
            if m.type in ("person", "org"):
                return m.name, (m.start, m.end)
        lead = phrases and pat.LEAD_SUBJECT.match(self.text, lo, hi)  # 'The ad targets a “...”'
        if lead and lead.group("spk").split()[0].lower() not in pat.NOT_SUBJECT:
            return self.from_region(*lead.span("spk"), hi)
        return None

    def _mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """The mentions starting in [lo, hi), in text order."""
        i, j = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return self.mentions[i:j]

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
    return not (first in pat.SUBORDINATORS or last in pat.FUNCTION_WORDS or last in pat.DETERMINERS
                or last.endswith(("ly", "ing")) or (len(words) == 1 and first in pat.ADVERBS))


def _subject_verb(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """A name opening the sentence part [lo, hi) with a verb after it, past an opening phrase
    ('In a speech, Trump attacked')."""
    opener = pat.OPENING_PHRASE.match(text, lo, hi)
    return pat.SUBJECT_VERB.match(text, opener.end() if opener else lo, hi)


def _region_before_verb(text: str, lo: int, verb_start: int) -> tuple[int, int]:
    """The subject region before a speech verb: drop a trailing appositive (", speaking at X,")
    and any leading clause ("Following the announcement, ")."""
    hi = verb_start
    seg = text[lo:hi].rstrip()
    if seg.endswith(",") and seg.count(",") >= 2:  # "Khan, speaking at the conference,"
        hi = lo + seg[:-1].rfind(",")
    comma = text.rfind(",", lo, hi)
    return (comma + 1 if comma >= 0 else lo), hi


def find_speaker(text: str, q: tuple[int, int], lo: int, hi: int, spk: Speakers,
                 after_quote: bool, short: bool) -> Speaker | str | None:
    """The speaker of the quote spanning ``q``, looked for in [lo, hi) (``after_quote``: the
    previous quote ends at ``lo``); INHERIT for the previous quote's speaker. A ``short``
    quote after 'called' or 'described as' is a label, and one after 'known as' or 'dubbed' a
    nickname, not something said: no speaker."""
    qs, qe = q
    if short and pat.NICKNAMED.search(text, max(0, qs - 40), qs):
        return None  # 'the hacker known as “Guccifer,” stated that ...': no speaker after it
    right = sentence_end(text, qe, hi)
    found = _speaker_after(text, qs, qe, right, spk)
    if found:
        return found
    found = _speaker_before(text, qs, lo, spk, after_quote, short)
    if found is None or found == INHERIT:  # '“...” before the vote, he said.'
        m = (pat.TAIL_ATTRIBUTION.search(text, qe, right) or pat.TAIL_SAID.search(text, qe, right)
             or pat.SIGNATURE.match(text, qe))  # a paragraph '- Bernie Sanders.' after it
        return (m and spk.from_region(*m.span("spk"), qs)) or found
    return found


def _speaker_after(text: str, qs: int, qe: int, right: int, spk: Speakers) -> Speaker | None:
    """An attribution right after the quote: '“...,” X said', '“...,” said X', '“...” ― X',
    '“...,” Trump barked'."""
    m = None
    if goes_on(text, qe):
        m = pat.AFTER_VERB.match(text, qe, right)
        if m and m.group("verb").endswith("ing"):  # '“...,” adding that ...': no attribution
            m = None
        m = m or pat.AFTER_SUBJ.match(text, qe, right)
    m = m or pat.AFTER_DASH.match(text, qe, right)  # '“...” ― Pamela Padilla'
    if m:
        lo, hi = m.span("spk")
        rel = pat.RELATIVE.search(text, lo, hi)  # '“...,” said one source who named X'
        name = spk.from_region(lo, rel.start() if rel else hi, qs)
        if name:
            return name
    if goes_on(text, qe):  # '“...,” Trump barked': a name, he/she or 'the crowd', any verb
        m = pat.VERB_NAME.match(text, qe, right)  # '“...?” reacted Trump.'
        found = m and spk.from_region(*m.span("spk"), qs, phrases=False)
        if found:
            return found
        m = pat.AFTER_NAME.match(text, qe, right)
        phrase = m and (pat.DETERMINED.match(m.group("spk")) or pat.NAME.fullmatch(m.group("spk")))
        return m and spk.from_region(*m.span("spk"), qs, phrases=bool(phrase))
    m = pat.SAID_SENTENCE.match(text, qe, min(len(text), qe + 120))  # '“...!” Trump said.'
    return m and spk.from_region(*m.span("spk"), qs,
                                 phrases=bool(pat.NAME.fullmatch(m.group("spk"))))


def _speaker_before(text: str, qs: int, lo: int, spk: Speakers, after_quote: bool,
                    short: bool) -> Speaker | str | None:
    """An attribution before the quote in its sentence: 'X said, “...”', 'X said that Y was
    “...”', 'According to X, “...”', 'X attacked Y, saying, “...”', 'X boomed: “...”'."""
    left = sentence_start(text, lo, qs)
    colon = text[left:qs].rstrip().endswith(":")
    opener = colon and pat.OPENING_PHRASE.match(text, left, qs)  # 'When X said ..., Y added:'
    verbs = [v for v in pat.VERB.finditer(text, opener.end() if opener else left, qs)
             if not (short and v.group().lower() in pat.LABELS)]
    if not verbs:
        if colon:  # 'Trump leaned in and boomed: “...”'
            return spk.subject(left, qs, qs)
        # '“A.” “B.”' or 'X said “A” because “B”' (one sentence): the previous speaker
        if not text[left:qs].strip() or (after_quote and left == lo):
            return INHERIT
        if not short:  # 'Trump pledged to make Apple “build ...”'
            m = _subject_verb(text, left, qs)  # 'In a speech, Trump attacked'
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
    by = pat.ASKED_BY.match(text, v.start(), qs)  # 'Rubio was asked by moderator X whether'
    if by:
        return spk.from_region(*by.span("spk"), qs)
    a, b = _region_before_verb(text, left, v.start())
    if not text[a:b].strip():  # 'Said Anna Berg: “...”'
        return spk.from_region(v.end(), qs, qs)
    if pat.AND_END.search(text, a, b):  # 'X said the move was made by Y and said, “...”'
        if after_quote and left == lo and not text[lo:a].strip():
            return INHERIT  # 'X said that Y is “A,” and said that Z “B”'
        return spk.subject(left, v.start(), qs)
    return spk.from_region(a, b, qs) or spk.subject(left, v.start(), qs)


def previous_paragraph_speaker(text: str, para_start: int, prev_end: int,
                               spk: Speakers) -> Speaker | None:
    """The speaker of a quote opening the paragraph at ``para_start`` with no attribution of
    its own, from the last sentence of the paragraph before when that sentence reports speech
    and holds no quote ('Carter said that the U.S. would not leave.' then '“That's because
    ...”'); ``prev_end`` is where the previous quote ends."""
    hi = len(text[:para_start].rstrip())
    lo = max(prev_end, hi - WINDOW, text.rfind("\n", 0, hi) + 1)
    return previous_sentence_speaker(text, lo, hi, spk)


def previous_sentence_speaker(text: str, lo: int, hi: int, spk: Speakers) -> Speaker | None:
    """The speaker reported by the last sentence of [lo, hi), which holds no quote: its
    attribution, else a name opening it with a verb ('Iowa State's Dianne Bystrom agreed.')."""
    hi = len(text[:hi].rstrip())
    left = sentence_start(text, lo, hi)
    if hi <= left:
        return None
    if not any(v.group().lower() not in pat.LABELS for v in pat.VERB.finditer(text, left, hi)):
        m = _subject_verb(text, left, hi)  # 'Iowa State's Dianne Bystrom agreed.'
        return (m and spk.from_region(*m.span("spk"), hi, phrases=False)) or spk.lead_name(
            left, hi, phrases=False)
    found = _speaker_before(text, hi, left, spk, False, False)
    return None if found == INHERIT else found
