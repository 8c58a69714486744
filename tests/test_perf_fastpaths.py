"""The fast paths give exactly what the plain ways give: collection (matches, totals, top
hits) against Whoosh's own search, cached facets against column-by-column counting, and a
rebuild from the enrichment cache against the first build."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from whoosh import sorting

from searchengine.articles import Article, Entity, Quote
from searchengine.engine import Engine
from searchengine.engine.collect import collect
from searchengine.engine.facets import FACET_NAMES, FacetCache, all_documents, count_facets
from searchengine.engine.scoring import LengthCache
from searchengine.indexing import Indexer

WORDS = "oil price bank rate trade china india russia ukraine vote court fire storm".split()
PEOPLE = ["Ann Lee", "Bo Chen", "Cy Ode", "Di Ray"]
QUERIES = [
    "oil",
    "oil price",
    "oil price bank^3 (rate OR court OR fire OR storm)",
    "oil AND (china OR india)",
    "(russia OR ukraine) NOT court",
    "NOT storm",
    '"oil price"',
    '"bank rate"~3',
    '"oil price bank"',
    '"oil oil"',
    '"price oil"~2',
    '"vote court fire"~4',
    'title:"storm fire"',
    '"trade china" AND vote',
    'oil NOT "bank rate"',
    '"oil price" OR "court fire"^2',
    'quote:"price rises"',
    '"oil nothingmatches"',
    "tra*",
    "person:\"Ann Lee\" OR org:Acme",
    "date:[2020-01-01 TO 2020-06-30] AND vote",
    "title:storm",
    "nothingmatches",
    'person:="Ann Lee"',
    'person:="Ann Lee" OR org:="Acme"',
    'oil -person:="Bo Chen"',
    'entity:="Acme" AND (price OR "bank rate")',
    "*",
    '* person:="Di Ray"',
    'tra* AND speaker:="Cy Ode"',
]


def _articles(n: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40))) + "."
        out.append(
            Article(
                text=text,
                title=" ".join(rng.sample(WORDS, 2)),
                date=datetime(2020, 1, 1) + timedelta(days=rng.randint(0, 700))
                if i % 9
                else None,
                url=f"https://x.example/{i}",
                source=rng.choice(["Wire", "Blog", ""]),
                entities=[Entity(p, "person") for p in rng.sample(PEOPLE, rng.randint(0, 3))]
                + [Entity("Acme", "org")] * (i % 4 == 0),
                quotes=[Quote("price rises", rng.choice(PEOPLE))] if i % 5 == 0 else [],
            )
        )
    return out


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    eng = Engine(tmp_path_factory.mktemp("fast") / "ix", create=True)
    docs = _articles(400)
    for start in range(0, 400, 150):  # three segments
        with eng.writer() as batch:
            for doc in docs[start : start + 150]:
                batch.write(doc)
    with eng.writer() as batch:  # deletions inside existing segments
        for doc in docs[::11]:
            batch.delete(doc.key)
    yield eng
    eng.close()


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("filter_text", [None, "source:wire", 'person:="Ann Lee"'])
def test_collect_equals_plain_whoosh(engine, text, filter_text):
    searcher = engine.searcher()
    q = engine.parse(text)
    fq = engine.parse(filter_text) if filter_text else None
    found = collect(searcher, q, fq, newest_first=False, limit=10, lengths=LengthCache())
    # the reference reads exact names from the stored columns, not from the facet cache
    plain_q = engine._parser.parse(text)
    plain_fq = engine._parser.parse(filter_text) if filter_text else None
    plain = searcher.search(plain_q, limit=None, filter=plain_fq)
    expected = {hit.docnum for hit in plain}
    got = {offset_doc for offset_doc in _global(searcher, found.segments)}
    assert got == expected and found.total == len(expected)
    top = list(plain)[:10]  # every match scored (Whoosh's own limit=10 with a filter can
    # return documents that limit=None does not: not a reference)
    assert [d for d, _ in found.hits] == [hit.docnum for hit in top]
    assert [s for _, s in found.hits] == pytest.approx([hit.score for hit in top], rel=1e-12)
    unscored = collect(searcher, q, fq, newest_first=False, limit=10)  # Whoosh's scorer
    assert [d for d, _ in unscored.hits] == [d for d, _ in found.hits]
    assert [s for _, s in unscored.hits] == pytest.approx([s for _, s in found.hits], rel=1e-12)
    newest = collect(searcher, q, fq, newest_first=True, limit=15)
    by_date = searcher.search(
        plain_q, limit=15, filter=plain_fq, sortedby=sorting.FieldFacet("date", reverse=True)
    )
    dates = searcher.reader().column_reader("date", translate=False)
    assert [dates[d] for d, _ in newest.hits] == [dates[h.docnum] for h in by_date]


@pytest.mark.parametrize("text", [None, *QUERIES])
def test_cached_facets_equal_plain_counts(engine, text):
    searcher = engine.searcher()
    if text is None:
        matched = all_documents(searcher)
    else:
        matched = collect(searcher, engine.parse(text), None, newest_first=False, limit=1).segments
    cache = FacetCache()
    for _ in range(2):  # cold, then warm
        assert cache.count(matched, FACET_NAMES, None) == count_facets(matched, FACET_NAMES, None)
    assert cache.count(matched, ["person"], 2) == count_facets(matched, ["person"], 2)


def test_engine_search_uses_matching_facets(engine):
    results = engine.search("oil", facets=["person", "month"], limit=3)
    matched = collect(engine.searcher(), engine.parse("oil"), None, newest_first=False, limit=1)
    assert results.facets == count_facets(matched.segments, ["person", "month"], 10)
    assert results.total == matched.total and len(results.hits) == 3


def _global(searcher, segments):
    offsets = {id(s): off for s, off in (searcher.subsearchers or [(searcher, 0)])}
    return [offsets[id(sub)] + d for sub, docs in segments for d in docs]


class _FakeEnricher:
    """Deterministic stand-in for spaCy: entities from capitalised words; counts its calls."""

    def __init__(self, fail: bool = False) -> None:
        self.fail, self.seen = fail, 0

    def enrich_stream(self, articles, n_process=1):
        for article in articles:
            if self.fail:
                raise AssertionError("enrichment ran although everything was cached")
            self.seen += 1
            names = [w for w in article.text.split() if w[:1].isupper()]
            article.entities = [Entity(n.strip("."), "person") for n in names]
            article.quotes = [Quote(article.text[:10], names[0] if names else None)]
            yield article


def _news(n: int) -> list[Article]:
    return [
        Article(text=f"Ann Lee met Bo{i} in Rome. Story {i} oil.", url=f"https://n/{i}")
        for i in range(n)
    ]


def test_rebuild_from_enrichment_cache_is_identical_without_enrichment(tmp_path):
    location = tmp_path / "ix"
    first = Indexer(Engine(location, create=True), enricher=_FakeEnricher(), cache=True)
    first.index_articles(_news(30))
    before = first.engine.search("oil", facets=["person"], limit=50).to_dict()
    first.close()
    first.engine.close()
    for f in location.iterdir():  # a rebuild: only the cache is left
        if f.name != "enrich-cache.sqlite":
            f.unlink()
    engine = Engine(location, create=True)
    again = Indexer(engine, enricher=_FakeEnricher(fail=True), cache=True)
    report = again.index_articles(_news(30))
    assert report.added == 30
    assert engine.search("oil", facets=["person"], limit=50).to_dict() == before
    again.close()
    engine.close()


def test_cache_keeps_order_when_hits_and_misses_interleave(tmp_path):
    from searchengine.enrich_cache import EnrichmentCache

    cache = EnrichmentCache(tmp_path)
    fake = _FakeEnricher()
    list(cache.stream(fake, _news(20)[::3]))  # every third is cached
    fresh = _news(20)
    out = list(cache.stream(fake, fresh))
    assert [a.url for a in out] == [a.url for a in fresh]
    assert fake.seen == 7 + 13 and cache.hits == 7
    reference = list(_FakeEnricher().enrich_stream(_news(20)))
    assert [(a.entities, a.quotes) for a in out] == [(a.entities, a.quotes) for a in reference]
    cache.close()


def test_folding_tokenizer_gives_the_tokens_of_whooshs_chain():
    from whoosh.analysis import StemFilter

    from searchengine.engine.schema import (
        _plain_analyzer,
        _stem_analyzer,
        reference_plain_analyzer,
    )

    texts = [
        "Élections à Paris, U.S. and İstanbul straße; KELVIN \u212a café naïve 3.14 e-mail",
        "Tahawwur Rana was extradited to India. The 2008 Mumbai attacks killed 166 people.",
        "",
    ]
    pairs = [
        (_plain_analyzer(), reference_plain_analyzer()),
        (_stem_analyzer(), reference_plain_analyzer() | StemFilter()),
    ]
    options = [{}, {"positions": True, "chars": True}, {"tokenize": False}, {"mode": "query"}]
    for fast, reference in pairs:
        for text in texts:
            for kw in options:
                got = [(t.text, getattr(t, "pos", None), getattr(t, "endchar", None))
                       for t in fast(text, **kw)]  # fmt: skip
                want = [(t.text, getattr(t, "pos", None), getattr(t, "endchar", None))
                        for t in reference(text, **kw)]  # fmt: skip
                assert got == want


def test_indexed_text_gives_the_postings_of_whooshs_text_field():
    import pickle

    from whoosh import fields

    from searchengine.engine.schema import IndexedText, _plain_analyzer, _stem_analyzer

    texts = [
        "Élections à Paris, U.S. and İstanbul straße; KELVIN \u212a café naïve 3.14 e-mail",
        "The talks, the TALKS and the talk: talking of talks. Talks!\n\nSecond talks paragraph.",
        "a a a b a b b c",
        "",
        "Tahawwur Rana was extradited to India. The 2008 Mumbai attacks killed 166 people.",
    ]
    plain = _plain_analyzer()
    stem = _stem_analyzer(plain)
    for analyzer in (plain, stem, pickle.loads(pickle.dumps(stem))):
        for phrase in (True, False):
            for boost in (1.0, 2.5):
                fast = IndexedText(analyzer=analyzer, phrase=phrase, field_boost=boost)
                plain_field = fields.TEXT(analyzer=analyzer, phrase=phrase, field_boost=boost)
                for text in texts:
                    for _ in range(2):  # the second time from the remembered word list
                        assert sorted(fast.index(text)) == sorted(plain_field.index(text))


def test_writer_codec_writes_the_postings_of_whooshs_codec(tmp_path):
    from whoosh import index as windex

    from searchengine.engine.codec import WriterCodec, plain_codec
    from searchengine.engine.schema import build_schema
    from searchengine.engine.whoosh_engine import article_document

    docs = [article_document(a) for a in _articles(300, seed=3)]
    readers = []
    for name, codec in (("ours", WriterCodec()), ("whoosh", plain_codec())):
        (tmp_path / name).mkdir()
        ix = windex.create_in(str(tmp_path / name), build_schema())
        writer = ix.writer(codec=codec)
        for doc in docs:
            writer.add_document(**doc)
        writer.commit()
        readers.append(ix.reader())
    ours, whoosh = readers
    assert type(ours.segment().codec()) is type(whoosh.segment().codec())
    terms = list(whoosh.all_terms())
    assert list(ours.all_terms()) == terms and len(terms) > 100
    for fieldname, text in terms:
        postings = []
        for reader in readers:
            m = reader.postings(fieldname, text)
            postings.append(list(m.items_as("weight")) if not m.supports("positions")
                            else [(i, m.weight(), m.value()) for i in m.all_ids()])  # fmt: skip
        assert postings[0] == postings[1], (fieldname, text)
    for docnum in range(len(docs)):
        assert ours.stored_fields(docnum) == whoosh.stored_fields(docnum)
    for reader in readers:
        reader.close()


def test_segment_files_are_read_in_place_with_bytesio_semantics(engine):
    import io
    import pickle

    from whoosh.filedb import compound

    from searchengine.engine.mapped import ViewBufferFile, _ViewReader

    assert compound.BufferFile is ViewBufferFile  # what the engine's searchers read through
    data = pickle.dumps([("oil", 1), {"a": b"x\ny"}], 2) + b"line one\nline two\n\nend"
    rng = random.Random(5)
    ours, reference = _ViewReader(memoryview(data)), io.BytesIO(data)
    assert pickle.load(ours) == pickle.load(reference)
    assert ours.tell() == reference.tell()  # pickle prefetches with peek(): nothing consumed
    many = b"".join(pickle.dumps((i, b"v" * i, "w"), 2) for i in range(50))
    ours_many, reference_many = _ViewReader(memoryview(many)), io.BytesIO(many)
    for _ in range(50):
        assert pickle.load(ours_many) == pickle.load(reference_many)
        assert ours_many.tell() == reference_many.tell()
    ours, reference = _ViewReader(memoryview(data)), io.BytesIO(data)
    for _ in range(300):
        op = rng.choice(["read", "readline", "seek", "seek_end"])
        n = rng.choice([-1, 0, 1, 3, 17, 500])
        if op == "read":
            assert ours.read(n) == reference.read(n)
        elif op == "readline":
            assert ours.readline(n) == reference.readline(n)
        elif op == "seek":
            at = rng.randrange(len(data) + 5)
            assert ours.seek(at) == reference.seek(at)
        else:
            assert ours.seek(-min(n, 0) - 3, 2) == reference.seek(-min(n, 0) - 3, 2)
        assert ours.tell() == reference.tell()


def test_positions_decoded_together_equal_whooshs_decoding():
    from whoosh.formats import Positions

    from searchengine.engine.phrases import positions_of

    rng = random.Random(11)
    fmt = Positions()
    sizes = [1, 2, 5, 300, 1500]  # 1500: pickle appends in batches of 1000
    lists = [sorted(rng.sample(range(100_000), rng.choice(sizes))) for _ in range(40)]
    lists += [[0], [255, 256, 65535, 65536, 2**31 - 1]]
    values = [fmt.encode(p) for p in lists]
    assert positions_of(values, fmt) == [fmt.decode_positions(v) for v in values] == lists
    assert positions_of([], fmt) == []
    odd = values[:3] + [values[3][:-1]]  # a value without its pickle's STOP byte
    assert positions_of(odd, fmt) == [fmt.decode_positions(v) for v in odd]
