"""Page furniture and titles are not entities: real lines from the State Department, White
House and Reuters sets through the real spaCy model (see ``enrich/noise.py``)."""

from __future__ import annotations

import pytest

from searchengine.articles import Article
from searchengine.enrich import Enricher
from searchengine.enrich.noise import is_office, untitled


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


def entities(enricher: Enricher, text: str, title: str = "") -> dict[str, str]:
    article = Article(title=title, text=text)
    enricher.enrich([article])
    return {e.name: e.type for e in article.entities}


def test_a_readout_names_the_secretary_and_the_spokesperson(enricher):
    got = entities(
        enricher,
        "The below is attributable to Spokesperson Ned Price:\n\n"
        "Secretary of State Antony J. Blinken spoke today with Bulgarian President Rumen "
        "Radev. Secretary Blinken and President Radev emphasized the importance of the "
        "U.S.-Bulgaria Strategic Partnership.",
        title="Secretary Blinken's Call with Bulgarian President Radev",
    )
    assert got["Ned Price"] == "person" and got["Antony J. Blinken"] == "person"
    assert got["Rumen Radev"] == "person"
    assert not {"State", "J. Blinken", "Blinken", "Spokesperson Ned Price"} & set(got)
    assert not [name for name in got if "'s" in name]


def test_a_transcript_has_no_labels_or_stage_directions(enricher):
    got = entities(
        enricher,
        "Antony J. Blinken, Secretary of State\n\nWashington, D.C.\n\n"
        "SECRETARY BLINKEN: Oh yeah, I'll have this wrapped up by Monday. (Laughter.)\n\n"
        "QUESTION: On COVID, there are several states now that have lifted restrictions.\n\n"
        "SECRETARY BLINKEN: Thanks very much. Good to be with you.",
    )
    assert got["Antony J. Blinken"] == "person"
    assert got.get("COVID-19") == "other"
    assert not {"Laughter", "QUESTION", "Question", "BLINKEN", "Blinken", "State"} & set(got)


def test_reuters_table_rows_are_not_names(enricher):
    got = entities(
        enricher,
        "Shr 89 cts vs 87 cts\n    Net 119.5 mln vs 114.6 mln\n    Revs 872.3 mln vs 917.4 "
        "mln\n    Avg shrs 12.5 mln vs 10.3 mln\n\nQtly div 5.5 cts vs 5.5 cts prior\n    "
        "Pay April 27\n    Record April one.",
        title="Brown-Forman Inc <Bfd> 4Th Qtr Net",
    )
    assert not {"Shr", "Net", "Revs", "Avg", "Pay", "Qtr"} & set(got)


def test_titles_lose_their_office(enricher):
    got = entities(
        enricher,
        "Press Briefing by Press Secretary Jen Psaki and Deputy NSA for International "
        "Economics Daleep Singh. Moody's Investors Service Inc said it may upgrade Ford's "
        "debt. Moody's said it recognizes Ford's recent performance.",
    )
    assert got["Jen Psaki"] == "person" and got["Moody's"] == "org"
    assert not {"Press", "Press Briefing", "Moody"} & set(got)


def test_office_and_title_rules():
    assert is_office("State", "org", "Deputy Secretary of ", " Wendy Sherman")
    assert is_office("Treasury", "org", "the Secretary of the ", " said")
    assert is_office("Press", "org", "Statement by ", " Secretary Jen Psaki")
    assert is_office("National Security Advisor", "org", "", " Jake Sullivan")
    assert not is_office("Treasury", "org", "said the ", " would")
    assert not is_office("State", "person", "Secretary of ", "")
    assert untitled("Spokesperson Ned Price") == "Ned Price"
    assert untitled("Deputy Spokesperson Jalina Porter") == "Jalina Porter"
    assert untitled("Secretary General") is None and untitled("Ned Price") is None


def test_a_transcript_header_names_no_room_or_title_as_a_person(enricher):
    got = entities(
        enricher,
        "Antony J. Blinken, Secretary of State\n\nIoannis Kasoulides, Republic of Cyprus "
        "Foreign Minister\n\nWashington, D.C.\n\nThomas Jefferson Room\n\nSECRETARY BLINKEN: "
        "Well, good afternoon, everyone. It’s a great pleasure to welcome Foreign Minister "
        "Kasoulides here to the State Department – familiar territory.\n\n"
        "Ned Price, Department Spokesperson",
    )
    assert got["Antony J. Blinken"] == "person" and got["Ned Price"] == "person"
    assert got.get("Thomas Jefferson Room") == "place"
    assert "Department Spokesperson" not in got


def test_a_briefing_and_a_time_zone_are_no_organisations(enricher):
    got = entities(
        enricher,
        "BRIEFING SCHEDULE\n\n2:45 p.m. Department Press Briefing with Spokesperson Ned Price."
        "\n\n(POOLED PRESS COVERAGE)\n\nThe Department Press Briefing will be live streamed.\n\n"
        "At 2:49 a.m. local time (7:49 a.m. UTC) on Saturday morning, the Crew Dragon was "
        "launched via a Falcon 9 rocket from the Kennedy Space Center at Cape Canaveral, "
        "Florida. The fire reportedly started at about 19:00 local time (1700 UTC).",
    )
    assert got["Ned Price"] == "person"
    assert not {"Department Press Briefing", "UTC"} & set(got)


def test_an_organisation_cut_after_for_takes_the_rest_of_its_name(enricher):
    got = entities(
        enricher,
        "With this additional funding from the State Department and the U.S. Agency for "
        "International Development (USAID), U.S. humanitarian support for Iraq amounts to more "
        "than $200 million to-date in Fiscal Year (FY) 2021.",
    )
    assert got.get("U.S. Agency for International Development") == "org"
    assert "U.S. Agency for" not in got


def test_a_region_is_a_place(enricher):
    got = entities(
        enricher,
        "This includes those who have conducted wrongful violence or other abuses against "
        "people in the Tigray region of Ethiopia, as well as those who have hindered access of "
        "humanitarian assistance to those in the region. Deputy Secretary Sherman and Vice "
        "Foreign Minister Mori reaffirmed their commitment to the U.S.-Japan Alliance, which "
        "remains the cornerstone of peace, security, and prosperity in a free and open "
        "Indo-Pacific region and the rules-based international order.",
    )
    assert got.get("Tigray") == "place" and got.get("Indo-Pacific") == "place"
    assert "Indo-Pacific region" not in got


def test_a_cut_parenthesis_and_a_leading_article_are_not_part_of_a_name(enricher):
    """Real State Department lines: the model's span ends inside "(OFAC)", or takes "a"."""
    got = entities(
        enricher,
        "All property and interests in property of these individuals must be blocked and "
        "reported to the Department of the Treasury's Office of Foreign Assets Control (OFAC). "
        "The Department of State designated the group as a Foreign Terrorist Organization on "
        "March 27, 2002.",
    )
    assert not [name for name in got if name.count("(") != name.count(")")]
    assert not [name for name in got if name.startswith(("a ", "an "))]
    assert any(name.endswith("Office of Foreign Assets Control") for name in got)


def test_clean_name_closes_citations_and_keeps_capital_a():
    from searchengine.enrich.entities import clean_name, is_junk

    assert clean_name("Section 212(a)(3)(C") == "Section 212(a)(3)(C)"
    assert clean_name("National Hurricane Center (NHC") == "National Hurricane Center"
    assert clean_name("Lashkar-e-Tayyiba (LeT)") == "Lashkar-e-Tayyiba"
    assert clean_name("an Investment Incentive Agreement") == "Investment Incentive Agreement"
    assert clean_name("A Tribe Called Quest") == "A Tribe Called Quest"
    assert is_junk("es))Spanish")  # a page's language menu


def test_a_web_address_is_no_entity(enricher):
    texts = (  # state.gov, 2022: the model tags both addresses as organisations
        "For more information on Minnesota USA Expo 2027, visit www.MinnesotaUSAExpo.com and "
        "follow @USAExpo2027 on Twitter.",
        "For further information about the Foreign Service selection process, contact your "
        "regional Diplomat-in-Residence, which you can find at "
        "https://careers.state.gov/connect/dir/. For press inquiries, contact the Office of "
        "Press Relations.",
    )
    found = [name for text in texts for name in entities(enricher, text)]
    assert "Foreign Service" in found
    assert not [n for n in found if "://" in n or "www." in n]


def test_a_title_is_no_organisation(enricher):
    texts = (  # state.gov, 2021 and 2022
        "Office of the Spokesperson\n\nSpecial Presidential Envoy for Climate John Kerry "
        "traveled to the Middle East and North Africa June 13-17 to discuss collaboration.",
        "The text of the statement was released by the G7 Foreign Ministers of Canada, France, "
        "Germany, Italy, Japan, the United Kingdom and the United States of America and the "
        "High Representative of the European Union.",
    )
    got = {name: kind for text in texts for name, kind in entities(enricher, text).items()}
    assert got.get("John Kerry") == "person" and got.get("European Union") == "org"
    assert not {"Special Presidential Envoy for Climate", "High Representative"} & set(got)


def test_an_envoy_title_before_a_name_leaves_the_person():
    assert untitled("Special Envoy Payton Knopf") == "Payton Knopf"
    assert untitled("Special Presidential Envoy for Climate") is None
