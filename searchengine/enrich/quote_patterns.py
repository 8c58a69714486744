"""Speech verbs and the attribution patterns looked for around a quote (regular expressions
and word lists only; ``quote_speakers`` applies them)."""

from __future__ import annotations

import re

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
# A nickname or name given right before a short quote ('the hacker known as “Guccifer,”', 'a
# plan dubbed “Warp Speed”'): the quote names someone or something, nobody is quoted
NICKNAMED = re.compile(
    r"(?:\b(?:known|referred\s+to|identified|billed|styled)(?:\s+[a-z]+)?\s+as|"
    r"\b(?:dubbed|nicknamed|alias|aka|a\.k\.a\.))[ \t\xa0]*$")
LABELS = {"called", "calls", "calling", "described", "describes", "describing", "branded",
         "labeling", "labelling", "referred to"}
_CAPITALISED_VERBS = "|".join(f"[{v[0].upper()}{v[0]}]{v[1:]}" for v in _VERBS.split("|"))
VERB = re.compile(rf"(?<!-)\b(?:{_CAPITALISED_VERBS})\b")  # 'Said Ellis:', 'According to X,'
_AUX = r"(?:(?:has|have|had|would|will|also|later|then|previously|once|again)\s+)*"
# After the quote: ", X said" / ", X, a spokesman, said" / ", said X" / ", according to X".
AFTER_SUBJ = re.compile(
    rf"\s*[,—–-]?\s*(?P<spk>[^,;:!?\"“”]{{1,80}}?)(?P<app>,[^;!?\"“”]{{1,120}},)?\s+"
    rf"{_AUX}(?:{_VERBS})\b"
)
AFTER_DASH = re.compile(r"\s*[―—–]\s*(?P<spk>[A-Z][^,;:!?\"“”()\n]{1,60})")
AFTER_VERB = re.compile(
    rf"\s*[,—–-]?\s*{_AUX}(?P<verb>{_VERBS})\s+(?P<spk>[^,;:!?\"“”()]{{1,80}})"
)
# The quote's paragraph signed in the next one: '“...”' then '- Bernie Sanders.'
SIGNATURE = re.compile(r"[ \t\xa0]*\n\s*[-―—–]\s*(?P<spk>[A-Z][^,;:!?.\"“”\n]{1,60})")
# The questioner of a passive 'X was asked by host Bill Maher, who ..., “...”'
ASKED_BY = re.compile(
    r"(?:(?<=\bwas )|(?<=\bwere ))asked\s+by\s+(?P<spk>[^,;:!?\"“”]{1,60}?)"
    r"(?=\s*,|\s+(?:whether|if|about|to|why|how|what|when)\b)")
# A short sentence of its own after the quote: '“...” Trump said.', '“...” he said Monday.'
SAID_SENTENCE = re.compile(
    rf"[ \t]+(?P<spk>[A-Z][^,;:!?.\"“”\n]{{0,40}}?)\s+{_AUX}(?:said|says|told reporters|"
    rf"added|wrote|tweeted|shot back|fired back)\b[^,;:!?.\"“”\n]{{0,40}}\.")
# A noun a short quote before it qualifies or names: 'a “Stop Trump” movement', 'the “90 to 95
# percent” figure', 'the “top secret” level'
QUALIFIED_NOUN = re.compile(
    r"[ \t\xa0]+(?:movement|tour|campaign|effort|phrase|figure|approach|idea|slogan|label|"
    r"rating|level|status|bags?|shirts?|hats?|signs?|rally|event|forum|debate|issue|period|"
    r"line|comments?|remarks?|tweet|email|pledge|law|policy|plan|program|wing|strategy|"
    r"agenda)\b")
# A name spaCy may have missed ('“...?” Hannity pressed'): one to three capitalised words
NAME = re.compile(r"(?!(?:He|She|It|They|We|I|You|This|That|The|A|An|But|And)\b)"
                  r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}")
DETERMINED = re.compile(r"(?:the|a|an)\s+\S+(?:\s+\S+){0,2}$")
# '“...,” Trump barked', '“...,” the crowd roared': a name, he/she or a determined phrase
AFTER_NAME = re.compile(
    r"\s*[,—–-]?\s*(?P<spk>(?:[A-Z]|(?:he|she|the|a|an)\b)[^,;:!?\"“”]{0,60}?)"
    r"\s+[a-z]+(?:ed|s)\b")
VERB_NAME = re.compile(r"\s*[,—–-]?\s*[a-z]{3,}ed\s+(?P<spk>[^,;:!?.\"“”]{1,60})")
# 'Trump pledged to ...', 'Dr. Muhammad Babar pondered ...': a sentence opening with a name
SUBJECT_VERB = re.compile(
    r"\s*(?P<spk>[A-Z][^\s,;:!?\"“”]*(?:\s+[A-Z][^\s,;:!?\"“”]*){0,3})"
    r"\s+(?:also\s+|then\s+|later\s+)?[a-z]{2,}(?:ed|s)\b"
)
# The subject opening a sentence part: up to six words before its first finite verb
LEAD_SUBJECT = re.compile(
    r"\s*(?P<spk>(?:[A-Z][^\s,;:!?\"“”]*|the|a|an)(?:\s+[^\s,;:!?\"“”]+){0,5}?)"
    r"\s+(?:also\s+|then\s+|later\s+|quickly\s+)?(?P<verb>[a-z]{2,}(?:ed|s)|told|went|took|"
    r"made|gave|sent|shot|spoke|wrote|said)\b")
NOT_SUBJECT = {"amid", "in", "at", "on", "for", "from", "with", "by", "of", "to", "during",
               "despite", "after", "before", "how", "what", "why", "when", "where", "if",
               "two", "three", "four", "five", "several", "many", "some", "but", "and"}
TAIL_ATTRIBUTION = re.compile(
    rf",\s*(?P<spk>[^,;:!?\"“”]{{1,60}}?)\s+{_AUX}(?:{_VERBS})\b[^,;:!?\"“”]{{0,40}}[.!?]?\s*$")
# '“...” if she didn't win by more, said David Wasserman, an analyst.'
TAIL_SAID = re.compile(
    r",\s*(?:said|says|added|wrote|writes)\s+(?P<spk>[^,;:!?\"“”]{1,60}?)\s*(?:,|[.!?]?\s*$)")
AND_END = re.compile(r"\band\s+(?:then\s+|also\s+|later\s+)?$")
PRONOUNS = {"he", "she"}
CONTRACTION = re.compile(r"[’'](?:s|d|ll)$")  # "He’s claiming", "she’d said"
NO_SPEAKER = {"it", "they", "we", "i", "you", "this", "that", "there", "who", "which"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her",
               "their", "our", "and", "but", "so", "then", "also"}
SUBORDINATORS = {"when", "while", "as", "if", "after", "before", "because", "since", "until",
                 "though", "although", "once", "where", "whether", "went", "going"}
FUNCTION_WORDS = {"to", "of", "on", "in", "at", "for", "with", "by", "from", "about", "is",
                  "was", "be", "been", "has", "have", "had", "not", "would", "will", "can"}
ADVERBS = {"now", "then", "later", "also", "again", "previously", "once", "still", "only",
           "just", "even", "first", "finally", "instead", "here", "there", "meanwhile",
           "however", "too", "though"}
OPENING_PHRASE = re.compile(
    r"\s*(?:In|At|On|During|After|Before|Following|From|Under|With|Asked|Speaking|Writing|"
    r"Appearing|Earlier|Later|When|While|As|If|Although|Though|Because|Since|Once|Amid|Despite|"
    r"[A-Z][a-z]+ing|[A-Z][a-z]+ed\s+by)\b[^,;:\"“”]{0,120},")
# A short phrase before a he/she subject: 'Minutes later, she sent', 'Along with it, he'
PRONOUN_AFTER_OPENER = re.compile(r"\s*[^,;:!?\"“”]{1,40},\s+(?=(?:he|she|He|She)\b)")
RELATIVE = re.compile(r"\s(?:who|whom|whose|which|that)\b")
AND_OPENING = re.compile(
    r"\s*(?:And|But|So|Yet)\s+(?:after|before|when|while|as|if|in|on|at|during|since|"
    r"following|despite|amid)\b[^,;:\"“”]{0,120},")
