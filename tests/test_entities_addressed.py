"""Given names a transcript addresses people by are no facet values unless the article
completes them: real lines of the State Department set and Wikinews through the real spaCy
model (see ``enrich/addressed.py``)."""

from __future__ import annotations

import pytest

from searchengine.articles import Article
from searchengine.enrich import Enricher
from searchengine.enrich.addressed import is_address

# Lines of "Department Press Briefing – May 2, 2022", trimmed
BRIEFING = (
    "Ned Price, Department Spokesperson\n\nWashington, D.C.\n\n2:32 p.m. EDT\n\n"
    "AMBASSADOR CARPENTER: Great. Thank you so much, Ned, and good to be with you all.\n\n"
    "MR PRICE: Matt.\n\n"
    "QUESTION: Yeah. Sorry for being late and forgetting my phone, having to leave.\n\n"
    "MR PRICE: You’re right, Matt, we don’t. As you know, visa records are confidential, so "
    "we’re not in a position to comment on any individual visa holders.\n\n"
    "Yes, Said.\n\n"
    "QUESTION: Ned, to follow up on the answer I got regarding the strategic defeat.\n\n"
    "MR PRICE: Said, final question.\n\n"
    "QUESTION: Sorry, Ned. Final question."
)


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


def people(enricher: Enricher, text: str, title: str = "") -> set[str]:
    article = enricher.enrich([Article(title=title, text=text)])[0]
    return {e.name for e in article.entities if e.type == "person"}


def test_a_briefing_names_its_spokesperson_not_the_first_names_it_calls(enricher):
    got = people(enricher, BRIEFING, title="Department Press Briefing – May 2, 2022")
    assert "Ned Price" in got  # "Thank you, Ned." takes the name of the header line
    assert not {"Ned", "Matt", "Said"} & got
    mentions = enricher.mentions([BRIEFING])[0]  # the mentions stay, out of the facet
    assert {m.name for m in mentions if m.type == "person" and not m.facet} == {"Matt", "Said"}


def test_a_surname_with_a_title_stays_where_a_guest_is_addressed(enricher):
    text = (
        "FOREIGN MINISTER RAU: Thank you very much. Tony, I am very happy that we can continue "
        "our dialogue.\n\n"
        "QUESTION: Has he changed at all, Putin, since last time you met him, do you think?\n\n"
        "MR PRICE: And that is precisely why before President Biden met with President Putin "
        "yesterday in Geneva the administration demonstrated once again its resolve."
    )
    got = people(enricher, text)
    assert "Putin" in got and "Tony" not in got


@pytest.mark.parametrize(("text", "name"), [
    ("AMBASSADOR CARPENTER: Great. Thank you so much, Ned, and good to be with you all.", "Ned"),
    ("MR PRICE: Matt.\n\nQUESTION: Yeah.", "Matt"),
    ("QUESTION: Ned, to follow up on the answer I got", "Ned"),
    ("Will. Or – yes. Yes, please. Go ahead, Will.\n\nQUESTION: On Iran.", "Will"),
    ("Let’s take a couple more questions. Jenny.\n\nQUESTION: Okay.", "Jenny"),
    ("I’ll just share a story with you, if I may, Tony. From the very first", "Tony"),
    ("FOREIGN MINISTER RAU: Thank you very much. Tony, I am very happy", "Tony"),
    ("As you know, Matt, we’re not in a position to speak", "Matt"),
])
def test_addresses(text: str, name: str) -> None:
    start = text.rindex(name)
    assert is_address(text, start, start + len(name))


@pytest.mark.parametrize(("text", "name"), [
    ("Gillibrand, who made women's issues a key focus of her campaign, is", "Gillibrand"),
    ("Yemen has been experiencing civil war since the capital, Sanaa, fell under", "Sanaa"),
    ("before President Biden met with President Putin yesterday in Geneva", "Putin"),
    ("Lazar admitted in his plea that he often turned over", "Lazar"),
])
def test_not_addresses(text: str, name: str) -> None:
    start = text.index(name)
    assert not is_address(text, start, start + len(name))
