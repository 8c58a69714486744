"""Entities read from the layout of lines: datelines, sports tables, all-caps headlines, and
teams named after places. Rules on hand-made spans, then the real spaCy model end to end."""

from __future__ import annotations

import pytest

from searchengine.articles import Article
from searchengine.enrich import Enricher
from searchengine.enrich.entities import mentions_from_spans
from searchengine.enrich.layout import drop_caps_guesses, layout_spans, merge
from searchengine.enrich.teams import split_scores


def found(text: str, spans=()) -> dict[str, str]:
    """Surface text -> type of each mention of ``text`` (given spaCy-like ``spans``)."""
    return {text[m.start:m.end]: m.type for m in mentions_from_spans(list(spans), text)}


def span(text: str, name: str, label: str, nth: int = 0) -> tuple[int, int, str, str, str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return start, start + len(name), name, label, ""


def test_dateline_lines_are_places():
    text = "SOCCER - LATE GOAL\nBAKU 1996-08-31\nAzerbaijan beat Switzerland."
    assert found(text)["BAKU"] == "place"
    text = "CYCLING RESULTS\nMANCHESTER , England 1996-08-31\nResults of the championship."
    got = found(text)
    assert got["MANCHESTER"] == "place" and got["England"] == "place"
    assert found("PORTLAND, Ore., Feb 26 - Red Lion Inns said")["PORTLAND"] == "place"


def test_a_dateline_is_only_looked_for_at_the_top():
    text = "Line one.\nLine two.\nLine three.\nLine four.\nLONDON 1996-08-31\n"
    assert "LONDON" not in found(text)


def test_standings_results_and_fixtures_name_teams():
    text = ("AMERICAN LEAGUE\nW L PCT GB\nNEW YORK 74 59 .556 -\nBALTIMORE 70 63 .526 4\n"
            "Lotte 6 Hyundai 2\nKANSAS CITY AT DETROIT\nLeeds v Everton\n")
    got = found(text)
    assert got["NEW YORK"] == got["BALTIMORE"] == "org"
    assert got["Lotte"] == got["Hyundai"] == "org"
    assert got["KANSAS CITY"] == "org" and got["DETROIT"] == "place"  # the home ground
    assert got["Leeds"] == got["Everton"] == "org"


def test_countries_stay_places_in_tables():
    text = "Group one\nEngland 2 Moldova 0\nScotland v Austria\n"
    got = found(text)
    assert set(got.values()) == {"place"} and len(got) == 4


def test_a_place_with_a_score_is_a_team_and_so_are_its_other_mentions():
    text = ("Result at Leicester:\nSomerset 83 and 174 , Leicestershire 296 .\n"
            "Somerset had been bowled out on the opening morning.")
    spans = [span(text, "Leicester", "GPE"), span(text, "Somerset", "GPE"),
             span(text, "Leicestershire", "GPE"), span(text, "Somerset", "GPE", 1)]
    got = [m.type for m in mentions_from_spans(spans, text)]
    assert got == ["place", "org", "org", "org"]  # Leicester is the ground


def test_dates_and_decimals_are_not_scores():
    text = "LONDON 1996-08-30\nPrices in Chicago 3.5 percent higher; Paris 1998 was cold."
    spans = [span(text, "Chicago", "GPE"), span(text, "Paris", "GPE")]
    got = found(text, spans)
    assert got["LONDON"] == got["Chicago"] == got["Paris"] == "place"


def test_scores_are_cut_out_of_spans():
    text = "Millwall 2 Burnley 1 and Interstate 5"
    spans = [span(text, "Millwall 2 Burnley 1", "ORG"), span(text, "Interstate 5", "FAC")]
    assert [s[2] for s in split_scores(spans)] == ["Millwall", "Burnley", "Interstate 5"]


def test_merge_cuts_a_span_at_the_line_break_into_a_layout_span():
    text = "By Rolf Soderlind\nLONGYEAR , Norway 1996-08-30\nThe wind blew."
    spacy = [(3, 26, "Rolf Soderlind\nLONGYEAR", "PERSON", "")]
    merged = merge(spacy, layout_spans(text), text)
    names = {s[2]: s[3] for s in merged}
    assert names == {"LONGYEAR": "GPE", "Norway": "GPE", "Rolf Soderlind": "PERSON"}


def test_caps_guesses_dropped_only_in_mixed_case_text():
    text = "BASEBALL - MAJOR LEAGUE STANDINGS\nThe Yankees won again on Friday night."
    guess = (0, 33, text[:33], "ORG", "")
    assert drop_caps_guesses([guess], text) == []
    ruled = (0, 8, "BASEBALL", "ORG", "Some Org")  # from the gazetteer ruler: kept
    assert drop_caps_guesses([ruled], text) == [ruled]
    shouting = "BASEBALL - MAJOR LEAGUE STANDINGS\nTHE YANKEES WON AGAIN ON FRIDAY NIGHT."
    assert drop_caps_guesses([guess], shouting) == [guess]


def test_countries_in_caps_headlines():
    got = found("SOCCER - SOUTH AFRICA BEAT LATVIA IN FRIENDLY\nCAPE TOWN 1996-08-31\n")
    assert got["SOUTH AFRICA"] == got["LATVIA"] == "place"


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


def test_real_model_on_a_results_table(enricher):
    text = ("SOCCER - ENGLISH LEAGUE RESULTS .\nLONDON 1996-08-31\n"
            "Results of English league matches on Saturday :\n"
            "Division three\nBrighton 1 Scunthorpe 1\nCambridge United 0 Cardiff 2\n"
            "Colchester 1 Hereford 1\n")
    mentions = enricher.mentions([text])[0]
    types = {text[m.start:m.end]: m.type for m in mentions}
    assert types["LONDON"] == "place"
    for team in ("Brighton", "Scunthorpe", "Cambridge United", "Cardiff", "Colchester",
                 "Hereford"):
        assert types.get(team) == "org", (team, types)


def test_org_names_end_at_their_legal_suffix():
    text = "Daniels Pharmaceuticals Inc of St. Petersburg and Computer Systems Inc Q2 results"
    spans = [span(text, "Daniels Pharmaceuticals Inc of St. Petersburg", "ORG"),
             span(text, "Computer Systems Inc Q2", "ORG")]
    assert set(found(text, spans)) == {"Daniels Pharmaceuticals Inc", "Computer Systems Inc"}


def test_a_place_joins_the_party_after_it():
    text = "the Kurdistan Democratic Party said; Indonesian Democratic Party leaders met"
    spans = [span(text, "Kurdistan", "GPE"), span(text, "Democratic Party", "ORG"),
             span(text, "Indonesian", "NORP"), span(text, "Democratic Party", "ORG", 1)]
    got = found(text, spans)
    assert got == {"Kurdistan Democratic Party": "org", "Indonesian Democratic Party": "org"}
    text = "U.S. Federal Reserve"  # not party-like: stays two entities
    got = found(text, [span(text, "U.S.", "GPE"), span(text, "Federal Reserve", "ORG")])
    assert got == {"U.S.": "place", "Federal Reserve": "org"}


def test_a_team_read_as_a_person_in_prose_follows_its_table_row():
    text = "Surrey 429-7 at the close.\nSurrey closed on 429 for seven."
    spans = [span(text, "Surrey", "GPE"), span(text, "Surrey", "PERSON", 1)]
    assert [m.type for m in mentions_from_spans(spans, text)] == ["org", "org"]


def test_a_title_with_at_is_no_fixture():
    text = "Floods at Jakarta\n\nHeavy rain fell."
    assert found(text, [span(text, "Jakarta", "GPE")]) == {"Jakarta": "place"}


def test_a_leading_suffix_word_is_no_cut():
    text = "AG Edwards Inc said"
    assert set(found(text, [span(text, "AG Edwards Inc", "ORG")])) == {"AG Edwards Inc"}


def test_headline_is_read_apart_from_the_first_line(enricher):
    # state.gov, 15 March 2022: read with the body, the title-case headline was one
    # organisation that swallowed the signature line's person
    article = Article(
        title="Commending New Zealand’s New Sanctions Regime",
        text="Antony J. Blinken, Secretary of State\n\nThe United States welcomes the passage of "
        "New Zealand’s new sanctions regime, which allows the imposition of sanctions on those "
        "responsible for, or associated with, Russia’s invasion of Ukraine.",
    )
    got = enricher.enrich([article])[0].entities_by_type()
    assert "Antony J. Blinken" in got["person"]
    assert not [n for n in got.get("org", []) if "Sanctions Regime" in n]
    assert "New Zealand" in got["place"]


def test_a_name_does_not_run_over_a_paragraph_break(enricher):
    # state.gov: "Office of the Spokesperson" heads the text, a paragraph before "The ..."
    article = Article(
        title="Secretary Blinken’s Meeting with Ukrainian Foreign Minister Kuleba and Head of "
        "the Presidential Office Yermak",
        text="Office of the Spokesperson\n\nThe following is attributable to Spokesperson Ned "
        "Price:\n\nSecretary of State Antony J. Blinken met today with Ukrainian Foreign "
        "Minister Dmytro Kuleba and Head of the Presidential Office Andriy Yermak.",
    )
    names = {e.name for e in enricher.enrich([article])[0].entities}
    assert not [n for n in names if "Spokesperson The" in n or n.startswith("Kuleba Office")]
    assert {"Ned Price", "Antony J. Blinken", "Dmytro Kuleba"} <= names


def test_cut_at_paragraph_break_keeps_the_longer_paragraph_and_wrapped_names():
    from searchengine.enrich.layout import cut_at_line_break

    text = "Wong\n\nOffice of the Spokesperson\n \nThe"
    start, end, name, _, _ = cut_at_line_break((0, len(text), text, "ORG", ""))
    assert name == "Office of the Spokesperson" == text[start:end]
    wrapped = (0, 11, "James\nBaker", "PERSON", "")  # Reuters wraps lines inside names
    assert cut_at_line_break(wrapped) == wrapped
