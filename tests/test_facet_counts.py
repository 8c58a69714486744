"""Facet counts from the numpy facet cache equal counts made from each matching article's
stored fields, read one by one, on the real Wikinews and State Department articles (fully
enriched), spread over several segments with deletions; with filters, limits and ties.

The plain counts here read what ``article_document`` stores (entities by type, quotes,
source, date), not the facet columns the cache reads, and take the matches from Whoosh's
own search.
"""

from __future__ import annotations

import shutil
from collections import Counter

import numpy as np
import pytest

from searchengine.articles import Article, Entity, Quote
from searchengine.engine import Engine
from searchengine.engine.facets import FACET_NAMES, FacetCache, all_documents
from searchengine.engine.records import stored_record
from searchengine.results import FacetCount

TYPES = ("person", "org", "place", "other")
WIDTHS = {"year": 4, "month": 7, "day": 10}
QUERIES = ["president", "said", "vaccine OR covid", '"human rights"', "sanctions AND russia",
           "biden NOT china", "earthquake", "nothingmatchesthis"]  # fmt: skip
FILTERS = [None, "date:[2021-01-01 TO 2021-12-31]", "source:wikinews"]


def plain_counts(searcher, docnums) -> dict[str, list[FacetCount]]:
    """Every facet over ``docnums`` (global), from stored fields, document by document."""
    counters = {name: Counter() for name in FACET_NAMES}
    for docnum in docnums:
        fields = searcher.stored_fields(docnum)
        entities = fields.get("entities") or {}
        values = {t: list(entities.get(t, [])) for t in TYPES}
        values["entity"] = list(dict.fromkeys(n for t in TYPES for n in values[t]))
        named = {n for t in ("person", "org", "place") for n in values.get(t, [])}
        speakers = (row[1] for row in fields.get("quotes") or [])
        values["speaker"] = list(dict.fromkeys(s for s in speakers if s in named))
        values["source"] = [fields["source"]] if fields.get("source") else []
        date = fields.get("date")
        for name, width in WIDTHS.items():
            values[name] = [date.strftime("%Y-%m-%d")[:width]] if date else []
        for name, counter in counters.items():
            counter.update(values[name])
    out = {}
    for name, counter in counters.items():
        if name in WIDTHS:
            items = sorted(counter.items())
        else:
            items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].lower(), kv[0]))
        out[name] = [FacetCount(v, n) for v, n in items]
    return out


def limited(counts: dict[str, list[FacetCount]], limit: int) -> dict[str, list[FacetCount]]:
    return {name: v if name in WIDTHS else v[:limit] for name, v in counts.items()}


def copy_article(record, url: str, extra: list[Entity] = ()) -> Article:
    """A real article as stored, under a new URL (a new key)."""
    return Article(
        text=record.text,
        title=record.title,
        date=record.date,
        url=url,
        source=record.source,
        authors=record.authors,
        entities=[Entity(n, t) for t, names in record.entities.items() for n in names]
        + list(extra),
        quotes=[Quote(q.text, q.speaker) for q in record.quotes],
    )


def spread(engine) -> None:
    """Two more segments of copies of real articles (some with a name typed two ways, some
    with case variants of one name), then deletions in the old and new segments."""
    searcher = engine.searcher()
    records = [stored_record(searcher.stored_fields(d)) for d in range(0, 600)]
    for batch_no, part in enumerate((records[:300], records[300:])):
        with engine.writer() as batch:
            for i, record in enumerate(part):
                extra = []
                if i % 10 == 0 and record.entities["place"]:  # a place also typed org
                    extra = [Entity(record.entities["place"][0], "org")]
                if i % 25 == 0:  # ties between case variants
                    extra.append(Entity("Acme Tie" if i % 50 else "ACME TIE", "org"))
                batch.write(copy_article(record, f"copy{batch_no}://{i}", extra))
    keys = [searcher.stored_fields(d)["key"] for d in range(0, searcher.doc_count_all(), 7)]
    with engine.writer() as batch:
        for key in keys:
            batch.delete(key)
        batch.delete("url:copy0://3")
        batch.delete("url:copy1://8")


@pytest.fixture(scope="module")
def engine(news_index, tmp_path_factory):
    """A copy of the real news index, spread over several segments with deletions."""
    path = tmp_path_factory.mktemp("facets") / "ix"
    shutil.copytree(news_index.path, path)
    eng = Engine(path)
    spread(eng)
    yield eng
    eng.close()


def test_the_index_has_what_the_counts_must_cover(engine):
    searcher = engine.searcher()
    assert len(searcher.subsearchers) >= 3
    assert any(s.reader().has_deletions() for s, _ in searcher.subsearchers)
    facets = engine.facets(None, ["entity", "org", "month"], None)
    ties = [fc for fc in facets["org"] if fc.value.lower() == "acme tie"]
    assert [fc.value for fc in ties] == ["ACME TIE", "Acme Tie"] and ties[0].count == ties[1].count
    assert len(facets["month"]) > 12


@pytest.mark.parametrize("filter_text", FILTERS)
@pytest.mark.parametrize("text", QUERIES)
def test_cached_counts_equal_stored_fields(engine, text, filter_text):
    searcher = engine.searcher()
    fq = engine.parse(filter_text) if filter_text else None
    matches = [hit.docnum for hit in searcher.search(engine.parse(text), limit=None, filter=fq)]
    expected = plain_counts(searcher, matches)
    filters = [filter_text] if filter_text else []
    for limit in (None, 1, 3, 10):
        got = engine.search(text, filters=filters, facets=FACET_NAMES, facet_limit=limit)
        assert got.total == len(matches)
        assert got.facets == (expected if limit is None else limited(expected, limit)), limit


def test_cached_counts_over_everything(engine):
    searcher = engine.searcher()
    expected = plain_counts(searcher, searcher.reader().all_doc_ids())
    entity = {fc.value: fc.count for fc in expected["entity"]}
    org, place = ({fc.value: fc.count for fc in expected[t]} for t in ("org", "place"))
    both = [v for v in org if v in place]
    assert both and any(entity[v] < org[v] + place[v] for v in both)  # typed two ways: once
    assert engine.facets(None, FACET_NAMES, None) == expected
    assert engine.facets(None, FACET_NAMES, 5) == limited(expected, 5)
    assert engine.stats(top=4).top == limited(
        {name: expected[name] for name in ("person", "org", "place", "other", "speaker",
                                           "source")}, 4)  # fmt: skip


def test_docnums_as_lists_or_arrays(engine):
    matched = all_documents(engine.searcher())
    as_arrays = [(s, np.asarray(docs, dtype=np.int32)) for s, docs in matched]
    empty = [(s, docs[:0]) for s, docs in as_arrays]
    cache = FacetCache()
    assert cache.count(as_arrays, FACET_NAMES, 10) == cache.count(matched, FACET_NAMES, 10)
    assert cache.count(empty, FACET_NAMES, 10) == {name: [] for name in FACET_NAMES}


def test_a_new_segment_after_the_cache_is_built(news_index, tmp_path):
    """New values from a later segment join the numbering of the ones already counted."""
    path = tmp_path / "ix"
    shutil.copytree(news_index.path, path)
    eng = Engine(path)
    searcher = eng.searcher()
    before = plain_counts(searcher, searcher.reader().all_doc_ids())
    assert eng.facets(None, FACET_NAMES, None) == before
    record = stored_record(searcher.stored_fields(0))
    with eng.writer() as batch:
        batch.write(copy_article(record, "new://1", [Entity("Zed Newname", "person")]))
        batch.write(copy_article(record, "new://2", [Entity("aardvark newname", "person")]))
    searcher = eng.searcher()
    after = plain_counts(searcher, searcher.reader().all_doc_ids())
    assert after != before
    assert eng.facets(None, FACET_NAMES, None) == after
    matches = [hit.docnum for hit in searcher.search(eng.parse("person:newname"), limit=None)]
    assert len(matches) == 2
    expected = plain_counts(searcher, matches)["person"][:3]
    assert eng.facets("person:newname", ["person"], 3) == {"person": expected}
    eng.close()
