"""Columnar postings and the array path, on real articles: every posting of a segment
round-trips through the columnar file, and queries over it give exactly what Whoosh's own
scorer gives, and what an index written by plain W3Codec (no columnar file, the arrays
decoded from Whoosh's blocks) gives: the same ids, totals, order, and scores within 1e-9,
with deleted documents, filters, and after a merge."""

from __future__ import annotations

import pytest
from whoosh import index as windex

from searchengine.engine import Engine
from searchengine.engine import columnar as columnar_file
from searchengine.engine.codec import plain_codec
from searchengine.engine.collect import collect
from searchengine.engine.scoring import LengthCache
from searchengine.engine.whoosh_engine import INDEX_NAME, article_document
from searchengine.readers import read_file

from .conftest import NEWS_FILES, need_shared

ARTICLES = 900
SEGMENT = 300  # three segments
QUERIES = [
    "president",
    "government",
    "police said",
    "minister election",
    '"prime minister"',
    '"united states"',
    '"human rights"~3',
    '"said the"~2',
    '"secretary of state"',
    "title:election",
    'body:"white house"',
    "police OR army",
    "(china OR russia) trade",
    "election NOT president",
    "(china OR russia) NOT trade",
    "NOT president",
    "president^3 government",
    '"prime minister" AND election',
    'government NOT "prime minister"',
    "elect*",
    "nothingmatchesthis",
]
FILTERS = [None, "title:president OR body:covid"]


def _articles() -> list:
    need_shared(*NEWS_FILES)
    out = [a for path in NEWS_FILES for a in read_file(path)][:ARTICLES]
    assert len(out) == ARTICLES
    return out


def _write_segments(ix, docs, codec_of) -> None:
    for start in range(0, len(docs), SEGMENT):
        writer = ix.writer(codec=codec_of())
        for doc in docs[start : start + SEGMENT]:
            writer.add_document(**doc)
        writer.commit(merge=False)
    writer = ix.writer(codec=codec_of())  # deletions inside every segment
    for doc in docs[::13]:
        writer.delete_by_term("key", doc["key"])
    writer.commit(merge=False)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    """The same articles, segments and deletions: written by the engine's codec (with
    columnar postings) and by plain W3Codec (without)."""
    from searchengine.engine.codec import WriterCodec
    from searchengine.engine.schema import build_schema

    docs = [article_document(a) for a in _articles()]
    engines = {}
    for name, codec_of in (("columnar", WriterCodec), ("w3", plain_codec)):
        location = tmp_path_factory.mktemp(name)
        ix = windex.create_in(str(location), build_schema(), indexname=INDEX_NAME)
        _write_segments(ix, docs, codec_of)
        ix.close()
        engines[name] = Engine(location)
    yield engines
    for engine in engines.values():
        engine.close()


def _readers(engine):
    searcher = engine.searcher()
    return [s.reader() for s, _ in searcher.subsearchers or [(searcher, 0)]]


def test_only_the_engines_codec_writes_columnar_postings(indexes):
    columnar = _readers(indexes["columnar"])
    assert len(columnar) == 3 and all(r.has_deletions() for r in columnar)
    assert all(columnar_file.open_reader(r) for r in columnar)
    assert not any(columnar_file.open_reader(r) for r in _readers(indexes["w3"]))


def test_columnar_file_round_trips_every_posting(indexes):
    checked = 0
    for reader in _readers(indexes["columnar"]):
        columns = columnar_file.open_reader(reader)
        assert {"title", "body", "url"} <= columns.fields
        assert "body_exact" not in columns.fields  # no positions: Whoosh's blocks serve it
        for fieldname, btext in reader.all_terms():
            if fieldname not in columns.fields:
                continue
            ids, weights, positions = _whoosh_postings(reader, fieldname, btext)
            arrays = columns.term(fieldname, btext)
            assert arrays.ids.tolist() == ids, (fieldname, btext)
            assert arrays.weights.tolist() == weights, (fieldname, btext)
            assert arrays.counts.tolist() == [len(p) for p in positions]
            assert arrays.positions.tolist() == [p for ps in positions for p in ps]
            checked += 1
        assert columns.term("body", b"nothingmatchesthis") is None
    assert checked > 30_000


def _whoosh_postings(reader, fieldname: str, btext: bytes) -> tuple[list, list, list]:
    """Every posting of a term as Whoosh's own matcher reads it, deleted documents too."""
    fmt = reader.schema[fieldname].format
    m = reader._terms.matcher(fieldname, btext, fmt)  # without the deletions filter
    ids, weights, positions = [], [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        positions.append(fmt.decode_positions(m.value()))
        m.next()
    return ids, weights, positions


def _found(engine, text, filter_text, **kw):
    searcher = engine.searcher()
    q = engine.parse(text)
    fq = engine.parse(filter_text) if filter_text else None
    return searcher, q, fq, collect(searcher, q, fq, newest_first=False, limit=10, **kw)


def _matches(searcher, found) -> set[int]:
    offsets = {id(s): off for s, off in (searcher.subsearchers or [(searcher, 0)])}
    return {offsets[id(sub)] + d for sub, docs in found.segments for d in docs}


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("filter_text", FILTERS)
def test_array_path_equals_whooshs_scorer(indexes, text, filter_text):
    engine = indexes["columnar"]
    searcher, q, fq, found = _found(engine, text, filter_text, lengths=LengthCache())
    plain = searcher.search(q, limit=None, filter=fq)
    assert _matches(searcher, found) == {hit.docnum for hit in plain}
    assert found.total == len(plain)
    top = list(plain)[:10]
    assert [d for d, _ in found.hits] == [hit.docnum for hit in top]
    assert [s for _, s in found.hits] == pytest.approx([hit.score for hit in top], rel=1e-9)
    if text != "nothingmatchesthis" and filter_text is None:
        assert found.total > 0, text  # the queries are meant to match real articles


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("filter_text", FILTERS)
def test_columnar_and_w3_segments_give_the_same_results(indexes, text, filter_text):
    lengths = LengthCache()
    got = [_found(indexes[n], text, filter_text, lengths=lengths)[3] for n in ("columnar", "w3")]
    assert got[0].hits == got[1].hits  # the same floats: the same arrays, however read
    assert got[0].total == got[1].total
    assert [docs for _, docs in got[0].segments] == [docs for _, docs in got[1].segments]
    newest = [
        collect(e.searcher(), e.parse(text), None, newest_first=True, limit=10).hits
        for e in (indexes["columnar"], indexes["w3"])
    ]
    assert newest[0] == newest[1]


def test_a_merge_writes_columnar_postings_and_cleans_up(tmp_path):
    docs = [article_document(a) for a in _articles()[:600]]
    engine = Engine(tmp_path / "ix", create=True)
    with engine.writer() as batch:
        for i, doc in enumerate(docs):
            batch._writer.add_document(**doc)
            if i % 200 == 199:
                batch.commit()
    before = {f.name for f in (tmp_path / "ix").glob("*.seg")}
    assert len(before) == 3
    writer = engine._index.writer(codec=_engine_codec())
    for doc in docs[::7]:
        writer.delete_by_term("key", doc["key"])
    writer.commit(optimize=True)  # one segment, rewritten by the merge
    engine.refresh()
    (reader,) = _readers(engine)
    assert columnar_file.open_reader(reader) is not None
    after = {f.name for f in (tmp_path / "ix").glob("*.seg")}
    assert len(after) == 1 and not after & before  # the dead segments' files are gone
    assert not [f for f in (tmp_path / "ix").iterdir() if f.suffix == columnar_file.EXT]
    _assert_whooshs_results(engine, QUERIES)
    engine.close()


def _assert_whooshs_results(engine, texts: list[str]) -> None:
    """The array path's total and top 10 equal Whoosh's scorer's for each query."""
    for text in texts:
        searcher, q, _, found = _found(engine, text, None, lengths=LengthCache())
        plain = list(searcher.search(q, limit=None))
        assert found.total == len(plain), text
        assert [d for d, _ in found.hits] == [h.docnum for h in plain[:10]], text
        assert [s for _, s in found.hits] == pytest.approx([h.score for h in plain[:10]], rel=1e-9)


def _engine_codec():
    from searchengine.engine.codec import WriterCodec

    return WriterCodec()


def test_weights_that_differ_from_counts_are_kept(tmp_path):
    """A lede used as the title weighs 0 in the title (``_title_boost``): there the title's
    weights are not its counts; the columnar file keeps them and scores as Whoosh does."""
    from searchengine.articles import Article

    engine = Engine(tmp_path / "ix", create=True)
    with engine.writer() as batch:
        batch.write(Article(text="Storm hits the coast. More storm.", title="Storm warning"))
        lede = Article(text="Storm damage grows.", title="Storm damage grows", title_is_lede=True)
        batch.write(lede)
        batch.write(Article(text="Calm seas today.", title="Calm"))
    (reader,) = _readers(engine)
    arrays = columnar_file.open_reader(reader).term("title", b"storm")
    assert arrays.counts.tolist() == [1, 1] and arrays.weights.tolist() == [1.0, 0.0]
    _assert_whooshs_results(engine, ["storm", "title:storm", '"storm damage"', "storm OR calm"])
    engine.close()


def test_an_index_of_old_and_new_segments(tmp_path):
    """Segments from before the columnar file (plain W3Codec) and new ones in one index:
    each segment is read its own way, and the results are Whoosh's."""
    from searchengine.engine.codec import WriterCodec
    from searchengine.engine.schema import build_schema

    docs = [article_document(a) for a in _articles()[:600]]
    ix = windex.create_in(str(tmp_path), build_schema(), indexname=INDEX_NAME)
    for start, codec_of in ((0, plain_codec), (200, plain_codec), (400, WriterCodec)):
        writer = ix.writer(codec=codec_of())
        for doc in docs[start : start + 200]:
            writer.add_document(**doc)
        writer.commit(merge=False)
    ix.close()
    engine = Engine(tmp_path)
    assert [columnar_file.open_reader(r) is not None for r in _readers(engine)] == [
        False,
        False,
        True,
    ]
    _assert_whooshs_results(engine, QUERIES)
    engine.close()
