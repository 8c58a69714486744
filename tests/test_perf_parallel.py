"""Parallel enrichment (whole articles in worker processes) equals serial enrichment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from searchengine.articles import Article, Entity, Quote
from searchengine.parallel import enrich_parallel

WIKINEWS = (
    Path(__file__).resolve().parents[2]
    / "shared/data/news/wikinews-2019-2020/wikinews-vanatteveldt-2019-2021.jsonl"
)


class _Tagger:
    """Deterministic, spaCy-free enricher: capitalised words become people."""

    def enrich_stream(self, articles, n_process=1):
        for a in articles:
            names = [w.strip(".,") for w in a.text.split() if w[:1].isupper()]
            a.entities = [Entity(n, "person") for n in names]
            a.quotes = [Quote(a.text[:12], names[0] if names else None)]
            yield a


def _tagger():
    return _Tagger()


def test_parallel_keeps_order_and_results_across_many_chunks():
    made = [Article(text=f"Item {i} says Ann{i % 7} met Bo.") for i in range(203)]
    serial = list(_Tagger().enrich_stream([Article(text=a.text) for a in made]))
    parallel = list(enrich_parallel(made, 2, factory=_tagger))
    assert [a.text for a in parallel] == [a.text for a in serial]
    assert [(a.entities, a.quotes) for a in parallel] == [(a.entities, a.quotes) for a in serial]


def test_parallel_spacy_enrichment_equals_serial():
    if not WIKINEWS.exists():
        pytest.skip(f"{WIKINEWS} not present: ../shared/data is needed for this test")
    from searchengine.enrich import Enricher

    rows = [json.loads(line) for line in WIKINEWS.open(encoding="utf-8")][:8]

    def fresh():
        return [Article(text=r["text"], title=r["title"]) for r in rows]

    serial = Enricher().enrich(fresh())
    parallel = list(enrich_parallel(fresh(), 2))
    assert [(a.date, a.entities, a.quotes) for a in parallel] == [
        (a.date, a.entities, a.quotes) for a in serial
    ]
    assert any(a.entities for a in parallel) and any(a.quotes for a in parallel)
