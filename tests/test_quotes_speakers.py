"""Speaker and quote patterns found by counting misses on PolNeAR train/dev (real sentences
from those splits, trimmed), with the real spaCy model. Each case failed before its change."""

from __future__ import annotations

import pytest

from searchengine.articles import Article
from searchengine.enrich import Enricher


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


def speakers(enricher: Enricher, text: str) -> list[str | None]:
    article = enricher.enrich([Article(text=text)])[0]
    return [q.speaker for q in article.quotes]


CASES = [
    pytest.param(
        "Gay rights groups condemned the bill.\n\n"
        "On the other side, Sen. Ted Cruz (R-Tex.), a Republican candidate for president who "
        "has made protecting religious liberties a centerpiece of his campaign, tweeted a "
        "warning. \"Missouri: Remember in November the Democrats who filibustered over 30 hours "
        "to fight against religious liberty.\"",
        ["Ted Cruz"], id="quote_after_an_attribution_sentence_in_its_paragraph"),
    pytest.param(
        "The listing got more than 185,000 views on Thursday. \"Sorry, but the item you have "
        "requested is no longer in the system.\"",
        [None], id="sentence_without_speech_before_a_quote_gives_no_speaker"),
    pytest.param(
        "Mr. Obama dismissed the criticism as the voice of a client, Peabody Energy. "
        "\"You know, I love Larry,\" he said, but \"when it comes to energy issues, Larry has a "
        "history of representing fossil fuel industries in big litigation cases.\"",
        ["Obama", "Obama"], id="pronoun_between_two_quotes_skips_names_in_the_first"),
    pytest.param(
        "And after the Supreme Court refused to reinstate the law, Gov. Pat McCrory blamed the "
        "court's \"four liberal justices [who] blocked North Carolina protections afforded by "
        "our sensible voter laws.\"",
        ["Pat McCrory"], id="quote_with_no_speech_verb_takes_the_subject_name"),
    pytest.param(
        "Many were lured here by tax breaks and cheerleading by state media about Nursultan "
        "Nazarbayev's plans for the \"opportunities on offer in the new free trade zone.\"",
        [None], id="a_name_late_in_the_sentence_is_not_its_subject"),
    pytest.param(
        "\"Many would consider that an embarrassment for Hillary Clinton\" if she didn't win by "
        "a margin larger than that, said David Wasserman, an elections analyst at the "
        "non-partisan Cook Political Report.",
        ["David Wasserman"], id="said_and_name_after_the_clause_a_quote_opens"),
    pytest.param(
        "“Obama said in his speech that Muslims are our sports heroes. What sport is he talking "
        "about, and who? Is Obama profiling?” reacted Donald Trump.",
        ["Donald Trump"], id="any_past_tense_verb_then_a_name_after_a_quote"),
    pytest.param(
        "Speaking to supporters in South Carolina following the state’s Republican primary, Ted "
        "Cruz said that there is “only one strong conservative is in a position to win this "
        "race,” adding that it’s why Donald Trump “relentlessly attacks us and ignores the other "
        "candidates.”",
        ["Ted Cruz", "Ted Cruz"], id="participle_after_a_quote_is_no_inverted_attribution"),
    pytest.param(
        "Sanders often questions Clinton’s ties to super PACs.\n\n"
        "The ad targets a “corrupt political system that keeps in place a rigged economy where "
        "Wall Street buys off elections.”",
        ["ad"], id="quote_with_no_speech_verb_takes_the_subject_phrase"),
    pytest.param(
        "Police confiscated the computer and phones of Ahmed Saleh after he had posted the "
        "image of the dead boy. Along with the photo, he had posted: \"We are not mourning, we "
        "are celebrating!\"",
        ["Ahmed Saleh"], id="pronoun_subject_after_a_short_opening_phrase"),
    pytest.param(
        "On \"Face the Nation,\" Sen. Bernie Sanders (Vt.), who lost the Democratic primaries to "
        "Clinton, identified young voters' exhaustion with bigotry as one of the reasons that "
        "they should get excited about Clinton's candidacy. \"The younger people are ... more "
        "than any generation in American history, are sick and tired of discrimination and "
        "racism.\"",
        ["Bernie Sanders"], id="show_title_before_a_quote_is_no_boundary"),
    pytest.param(
        "New Jersey Gov. Chris Christie, hoping to surge in New Hampshire, called Obama a "
        "\"petulant child\" who's acting \"as if he is a king, as if he is a dictator.\"",
        ["Chris Christie"], id="label_before_a_quote_is_no_boundary"),
    pytest.param(
        "Republican candidate Lindsey Graham said that Carson is a “good, decent man,” and said "
        "that Trump “melted down last night.”",
        ["Lindsey Graham", "Lindsey Graham"], id="and_said_after_a_quote_keeps_its_speaker"),
    pytest.param(
        "“I can only tell you that his email account initiated a number of emails,” said one "
        "source who identified Jake Sullivan by name.",
        ["one source"], id="relative_clause_after_said_and_a_speaker_is_not_the_speaker"),
    pytest.param(
        "As is our practice, we do not award Pinocchios when we review assertions in debates."
        "\n\n\"[Americans are] worried about the future of their kids, and yet almost all new "
        "income and wealth is going to the top 1 percent.\"\n\n- Bernie Sanders.\n\nThe "
        "senator is relying on an outdated statistic.",
        ["Bernie Sanders"], id="quote_signed_in_the_next_paragraph"),
    pytest.param(
        "Marco Rubio was asked by Fox Business moderator Gerard Baker whether his proposed "
        "expansion of child tax credits, which the Tax Foundation estimates would cost as much "
        "as $ 170 billion a year, would risk “adding another expensive entitlement program to "
        "an already overburdened federal budget.”",
        ["Gerard Baker"], id="questioner_of_a_passive_asked_by"),
    pytest.param(
        "Reached by POLITICO, Ben Bennett denied the notion that a campaign shakeup is coming, "
        "explaining that he was unaware of the interview because he was “taking a day off to "
        "rest with his family.”",
        ["Ben Bennett"], id="participle_opening_phrase_before_the_subject"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speakers_of_real_sentences(enricher: Enricher, text: str,
                                    expected: list[str | None]) -> None:
    assert speakers(enricher, text) == expected


def test_name_the_model_missed_after_a_quote(enricher: Enricher) -> None:
    text = (
        "“Building it? Not negotiable.”\n\n"
        "“Would it be negotiable about the 11 million?” Hannity pressed. “Maybe let some people "
        "stay if they register in a period of time?”"
    )
    article = enricher.enrich([Article(text=text)])[0]
    assert [q.speaker for q in article.quotes] == [None, "Hannity", "Hannity"]
    assert "Hannity" not in article.speakers()  # the facet lists entity names only


def test_short_phrase_inside_a_sentence_that_goes_on_is_no_quote(enricher: Enricher) -> None:
    text = (
        "The State Department less than two weeks ago said for the first time that “top "
        "secret” intelligence had passed through Clinton’s server.\n\n"
        "“We’re extremely happy” about the decision, said RoseAnn DeMoro, the union’s executive "
        "director."
    )
    article = enricher.enrich([Article(text=text)])[0]
    assert [(q.text, q.speaker) for q in article.quotes] == [
        ("We’re extremely happy", "RoseAnn DeMoro")]


@pytest.mark.parametrize("text", [
    pytest.param(
        "During an interview with NBC News Senior Investigative Correspondent Cynthia McFadden "
        "for “Dateline on Assignment” broadcast on Wednesday’s “MSNBC Live,” Marcel Lazăr "
        "Lehel, the hacker known as “Guccifer,” stated that he had access to Democratic "
        "presidential candidate former Secretary of State Hillary Clinton’s email server, "
        "which he described as “like an open orchid.”", id="known_as_then_stated_that"),
    pytest.param(
        "Marcel Lehel Lazar, 44, known online as \"Guccifer,\" was extradited in 2014 to the "
        "United States and pleaded guilty in May to one count each of aggravated identity theft "
        "and unauthorized access to a protected computer.", id="known_online_as_then_a_verb"),
])
def test_a_nickname_is_no_quote(enricher: Enricher, text: str) -> None:
    """The words after 'stated' or 'pleaded' are no speaker of “Guccifer,” (they gave it
    'Democratic' and 'United States'): a nickname is nobody's quote."""
    article = enricher.enrich([Article(text=text)])[0]
    assert "Guccifer," not in [q.text for q in article.quotes]
    assert {"Democratic", "United States"}.isdisjoint(article.speakers())
