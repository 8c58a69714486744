"""Enrichment with the real spaCy model: dates, entities, quotes and speakers."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from searchengine.articles import Article
from searchengine.enrich import Enricher
from searchengine.enrich.dates import dateline_date
from searchengine.enrich.entities import clean_name

SEED = Path(__file__).resolve().parents[1] / "corpus" / "000_ceaa1a1d18f976f8.txt"


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


@pytest.fixture(scope="module")
def seed(enricher: Enricher) -> Article:
    raw = SEED.read_text(encoding="utf-8")
    head = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s+", raw)
    article = Article(text=raw[head.end():], date=datetime.fromisoformat(head[1]))
    return enricher.enrich([article])[0]


def one(enricher: Enricher, text: str, **kw) -> Article:
    return enricher.enrich([Article(text=text, **kw)])[0]


def speakers(article: Article) -> dict[str, str | None]:
    return {q.text: q.speaker for q in article.quotes}


# --- seed article ------------------------------------------------------------------------------


def test_seed_entities_by_type(seed: Article) -> None:
    ents = seed.entities_by_type()
    assert {"Narendra Modi", "Donald Trump", "Tahawwur Rana", "Shafqat Ali Khan"} <= set(
        ents["person"]
    )
    assert {"India", "Pakistan", "United States", "Mumbai", "Afghanistan", "Canada"} <= set(
        ents["place"]
    )
    assert {"Lashkar-e-Tayyiba", "ISIS", "Al-Qaeda", "Jaish-e-Mohammed"} <= set(ents["org"])


def test_seed_no_bare_surnames_and_pakistan_is_a_place(seed: Article) -> None:
    names = [e.name for e in seed.entities]
    assert not {"Modi", "Khan", "Rana", "Trump", "US", "the United States"} & set(names)
    assert len(names) == len(set(names)), "one entity per name"
    assert all(e.type == "place" for e in seed.entities if e.name == "Pakistan")


def test_seed_quotes_and_speakers(seed: Article) -> None:
    spk = speakers(seed)
    assert spk["surprised"] == "Shafqat Ali Khan"
    assert spk["one-sided, misleading and contrary to diplomatic norms."] == "Pakistan"
    long = [t for t in spk if t.startswith(("The leaders reaffirmed", "The leaders further",
                                             "strengthen law enforcement cooperation"))]
    assert len(long) == 3
    assert all(spk[t] == "joint statement" for t in long)
    assert [q.text for q in seed.quotes][0].startswith("The leaders reaffirmed")
    assert seed.date == datetime(2025, 2, 15)


# --- quote patterns ----------------------------------------------------------------------------


def test_quote_patterns(enricher: Enricher) -> None:
    text = (
        "“This is a scandal.”\n\n"
        'Maria Lopez said, "We will rebuild the bridge."\n\n'
        "“The river is too high,” said John Carter.\n\n"
        "“Nobody expected this,” Anna Berg told reporters.\n\n"
        "The mayor said: “Work starts Monday.”"
    )
    spk = speakers(one(enricher, text))
    assert spk == {
        "We will rebuild the bridge.": "Maria Lopez",
        "The river is too high,": "John Carter",
        "Nobody expected this,": "Anna Berg",
        "Work starts Monday.": "mayor",
        "This is a scandal.": None,
    }


def test_multi_paragraph_quote_and_pronoun(enricher: Enricher) -> None:
    text = (
        "Governor Peter Hall spoke on Monday. He said, “The first part of the plan is ready.\n\n"
        "“The second part will follow in spring.”\n\n"
        "Later he added that the budget was “tight but fair.”"
    )
    quotes = one(enricher, text).quotes
    assert [q.text for q in quotes] == [
        "The first part of the plan is ready. The second part will follow in spring.",
        "tight but fair.",
    ]
    assert [q.speaker for q in quotes] == ["Peter Hall", "Peter Hall"]


def test_appositive_and_noun_phrase_speakers(enricher: Enricher) -> None:
    text = (
        "Sarah Novak, speaking at the press conference, said the plan was “reckless”.\n\n"
        "After the vote, the joint committee noted, “The budget is balanced.”\n\n"
        "In its conclusion, the committee warned of “serious risks”."
    )
    spk = speakers(one(enricher, text))
    assert spk["reckless"] == "Sarah Novak"
    assert spk["The budget is balanced."] == "joint committee"
    assert spk["serious risks"] == "joint committee"


def test_the_speaker_facet_holds_named_speakers_only(enricher: Enricher) -> None:
    article = one(enricher, (
        "Sarah Novak, speaking at the press conference, said the plan was “reckless”.\n\n"
        "After the vote, the joint committee noted, “The budget is balanced.”"
    ))
    assert {q.speaker for q in article.quotes} == {"Sarah Novak", "joint committee"}
    assert article.speakers() == ["Sarah Novak"]


# --- normalisation -----------------------------------------------------------------------------


def test_aliases_give_one_place_across_articles(enricher: Enricher) -> None:
    a, b = enricher.enrich([
        Article(text="Officials in the U.S. announced new tariffs on steel imports on Monday."),
        Article(text="The United States announced new tariffs on steel imports on Monday."),
    ])
    assert "United States" in a.entities_by_type()["place"]
    assert "United States" in b.entities_by_type()["place"]


def test_possessive_leading_the_and_apostrophes() -> None:
    assert clean_name("Pakistan’s") == "Pakistan"
    assert clean_name("Pakistan's") == "Pakistan"
    assert clean_name("the European Commission") == "European Commission"
    assert clean_name("  O’Brien\n Smith ") == "O'Brien Smith"
    assert clean_name("U.S.") == "U.S."


def test_short_names_resolve_to_full_person(enricher: Enricher) -> None:
    text = (
        "Prime Minister Narendra Modi met President Donald Trump in Washington. "
        "Modi praised the talks, and Trump agreed."
    )
    persons = one(enricher, text).entities_by_type()["person"]
    assert "Narendra Modi" in persons and "Donald Trump" in persons
    assert "Modi" not in persons and "Trump" not in persons


def test_names_differing_by_middle_initials_are_one_person(enricher: Enricher) -> None:
    text = (  # Wikinews, 12 September 2019
        "On Tuesday, United States President Donald Trump announced he had asked for national "
        "security advisor John R. Bolton's resignation Monday night, and that Bolton tendered "
        "it the next morning.\n\n\"I informed John Bolton last night that his services are no "
        "longer needed at the White House,\" Trump wrote."
    )
    persons = one(enricher, text).entities_by_type()["person"]
    assert "John R. Bolton" in persons and "John Bolton" not in persons
    two = one(enricher, "Former President George W. Bush spoke at the funeral. His father, "
                        "George H.W. Bush, had served one term. George Bush was remembered.")
    assert {"George W. Bush", "George H.W. Bush"} <= set(two.entities_by_type()["person"])
    excellency = one(enricher, "H.E. Hayashi Yoshimasa, Minister for Foreign Affairs of Japan, "
                               "met Secretary Blinken.")
    assert "Hayashi Yoshimasa" in excellency.entities_by_type()["person"]


# --- dates -------------------------------------------------------------------------------------


def test_wikinews_dateline(enricher: Enricher) -> None:
    art = one(enricher, "Friday, January 4, 2019\xa0\n\nAn apartment building collapsed.")
    assert art.date == datetime(2019, 1, 4)


def test_no_dateline_and_existing_date_kept(enricher: Enricher) -> None:
    assert one(enricher, "An apartment building collapsed on Monday.").date is None
    kept = datetime(2020, 5, 1)
    assert one(enricher, "Friday, January 4, 2019\n\nText.", date=kept).date == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WASHINGTON, Feb. 3, 2019 (Reuters) - The", datetime(2019, 2, 3)),
        ("15 February 2025 The ministry", datetime(2025, 2, 15)),
        ("WASHINGTON, Feb. 3 (Reuters) - no year given", None),
        ("The report of January 4, 2019 was late.", None),
    ],
)
def test_dateline_forms(text: str, expected: datetime | None) -> None:
    assert dateline_date(text) == expected
