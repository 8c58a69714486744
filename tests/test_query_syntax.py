"""The query checker: malformed queries are refused with what is wrong and where."""

import pytest

from searchengine.query.syntax import QuerySyntaxError, check_query, minus_as_not


@pytest.mark.parametrize(
    "query",
    [
        "extradition",
        'person:"Narendra Modi" AND quote:terrorism',
        "(India OR Pakistan) NOT cricket",
        '"joint statement"~3',
        "election* Tahawur~ Tahawur~2",
        "date:2025 date:2025-02 date:2025-02-15 date:>2024-06 date:<=2025",
        "date:[2025-01-01 TO 2025-03-31] date:[2025 TO] date:[TO 2025-03]",
        "url:https://www.state.gov/x",
        "NOT Pakistan extradition",
        "oil -prices -place:Iran -(OPEC OR cartel) counter-terrorism",
        "India AND -cricket",
        "entity:Pakistan speaker:Khan source:wikinews title:Rana author:Blinken",
    ],
)
def test_valid_queries_pass(query):
    check_query(query)


@pytest.mark.parametrize(
    "query, message, column",
    [
        ("", "empty", None),
        ('"diplomatic norms', "unclosed quote", 1),
        ("(India OR Pakistan", "never closed", 1),
        ("India)", "no matching (", 6),
        ("persn:Modi", 'unknown field "persn:"', 1),
        ("person:", "has no value", 1),
        ("person: Modi", "has no value", 1),
        ("India AND", "needs something after", 7),
        ("OR India", "needs something before", 1),
        ("India AND OR Pakistan", "followed by OR", 7),
        ("date:2025-13", "no month 13", 6),
        ("date:yesterday", "not a date", 6),
        ("date:[2025-01 2025-03]", "needs TO", 6),
        ("date:[2025-01 TO 2025-03", "unclosed range", 6),
        ('"a b"~x', "needs a number", 6),
        ("()", "empty parentheses", 1),
        ("AND", "needs something after", 1),
        ("NOT", "needs something after", 1),
        ("oil -NOT prices", "- is followed by NOT", 5),
    ],
)
def test_malformed_queries_say_what_and_where(query, message, column):
    with pytest.raises(QuerySyntaxError) as err:
        check_query(query)
    assert message in str(err.value)
    assert err.value.column == column
    assert "\n" not in str(err.value)


def test_an_excluding_minus_is_written_as_not_for_the_engine():
    assert minus_as_not("oil -prices") == "oil NOT prices"
    assert minus_as_not('(a -"b c") -d:e') == '(a NOT "b c") NOT d:e'
    assert minus_as_not('counter-terrorism "a -b" oil - x') == 'counter-terrorism "a -b" oil - x'


def test_a_parsed_query_prints_as_the_engine_reads_it():
    from searchengine.engine.parsing import QueryParser
    from searchengine.engine.schema import build_schema

    parsed = QueryParser(build_schema()).parse("oil -prices")
    assert str(parsed) == "((title:oil^2.0 OR body:oil) AND NOT (title:price^2.0 OR body:price))"
