"""Hit counts on real news equal independent counts made with regular expressions.

All 2,318 Wikinews and State Department articles are indexed through the whole pipeline
(readers, spaCy enrichment, Whoosh). For each query, the expected count comes from regular
expressions over the raw JSONL (title and text), written by hand with the word forms the
query's stemming admits; wildcards are counted on the words as written.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import NEWS_FILES, need_shared


def word(pattern: str) -> str:
    """A regex for whole tokens as the index's tokenizer (\\w+(\\.?\\w+)*) cuts them."""
    return rf"(?<!\w)(?<!\w\.)(?:{pattern})(?!\w)(?!\.\w)"


def phrase(*patterns: str) -> str:
    return r"\W+".join(word(p) for p in patterns)


# query -> predicate over (title, text) built from regexes
def has(pattern: str, field: str = "all"):
    regex = re.compile(pattern, re.IGNORECASE)

    def test(title: str, text: str) -> bool:
        if field == "title":
            return bool(regex.search(title))
        return bool(regex.search(title) or regex.search(text))

    return test


def all_of(*preds):
    return lambda t, x: all(p(t, x) for p in preds)


def any_of(*preds):
    return lambda t, x: any(p(t, x) for p in preds)


def none_of(pred):
    return lambda t, x: not pred(t, x)


QUERIES = {
    # wildcards and prefixes: words as written
    "earthquake*": has(word(r"earthquake\w*")),
    "vaccin*": has(word(r"vaccin\w*")),
    "extradit*": has(word(r"extradit\w*")),
    "sanction*": has(word(r"sanction\w*")),
    "refuge* AND border*": all_of(has(word(r"refuge\w*")), has(word(r"border\w*"))),
    "cyber*": has(word(r"cyber\w*")),
    # boolean: words with the forms their stem admits
    "ukraine AND russia": all_of(has(word("ukraine")), has(word("russia"))),
    "pandemic OR epidemic": has(word("(?:pandemic|epidemic)s?")),
    "taliban NOT afghanistan": all_of(has(word("taliban")), none_of(has(word("afghanistan")))),
    "(hurricane OR typhoon) AND flood": all_of(
        has(word("(?:hurricane|typhoon)s?")), has(word("flood(?:s|ed|ing)?"))
    ),
    "iran AND nuclear": all_of(has(word("iran")), has(word("nuclear"))),
    "title:ukraine": has(word("ukraine"), field="title"),
    "venezuela OR cuba": has(word("(?:venezuela|cuba)")),
    # phrases
    '"human rights"': has(phrase("humans?", "rights?")),
    '"prime minister"': has(phrase("prime", "ministers?")),
    '"white house"': has(phrase("white", "houses?")),
    '"united nations"': has(phrase("united", "nations?")),
    '"secretary blinken"': has(phrase("secretary", "blinken")),
    '"foreign minister" AND china': all_of(
        has(phrase("foreign", "ministers?")), has(word("china"))
    ),
    '"north korea" NOT japan': all_of(has(phrase("north", "korea")), none_of(has(word("japan")))),
}


@pytest.fixture(scope="module")
def raw_articles():
    need_shared(*NEWS_FILES)
    rows = []
    for path in NEWS_FILES:
        with open(path, encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return [(r.get("title") or "", r.get("text") or "") for r in rows]


def test_all_news_articles_are_indexed(news_index, raw_articles):
    assert len(raw_articles) == 2318
    assert len(news_index) == 2318
    stats = news_index.stats()
    assert stats.first_date.year == 2019 and stats.last_date.year == 2022


@pytest.mark.parametrize("query", list(QUERIES))
def test_hit_count_equals_regex_count(news_index, raw_articles, query):
    expected = sum(1 for title, text in raw_articles if QUERIES[query](title, text))
    assert expected > 0, "a query the corpus does not answer proves nothing"
    assert news_index.search(query).total == expected
