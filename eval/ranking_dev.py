"""Ranking development sets (not measure only): Reuters-21578 ad hoc, long requests, known item.

    .venv/bin/python -m eval.ranking_dev [--stories 4000] [--work DIR]

Four sets judged by others, on which ranking changes are developed (TIME is measure only):

- **reuters**: ad-hoc retrieval over the first ``--stories`` Reuters-21578 stories that have a
  body (title and body indexed, in file order). Queries are Hayes's category descriptions in
  ``cat-descriptions_120396.txt``: the subject, economic-indicator, corporate and energy codes'
  descriptions ("Money/Foreign Exchange", "Consumer Price Index"), and the commodity codes whose
  name is one word ("COFFEE", "SOYBEAN"; not "CASTOR-MEAL"). A story is relevant to a query
  when Reuters' editors tagged it with the code (``TOPICS``). Codes no indexed story carries
  are left out.
- **reuters-long**: the same stories, and long topical requests in TIME's shape
  (``eval.reuters_requests``: 62 information needs of 6-12 content words, written from the
  codes' meanings before any story was read), one per code that 2-30 of the stories carry;
  relevant as above.
- **reuters-long2**: the same stories and codes, and a second engineer's requests
  (``eval.reuters_requests2``: 6-12 content words, none written twice, so they do not reward
  counting a repeated word as reuters-long's mostly do); relevant as above.
- **known-item**: the articles of Wikinews 2019-2020, PolNeAR ``train`` and ``dev`` (its
  ``test`` part is measure only and left out) and the first 1,000 State Department releases,
  indexed without their titles; each article's title is a query whose one relevant article is
  that one, so the title's words must be found in the body. The titles are the publishers'.

Every query's words, minus Whoosh's English stop words, are joined with OR and run through the
product's one query path (``NewsIndex``'s engine, BM25F, a word the query repeats counted as
often as it is written: "ours"); the peer
is rank-bm25 (BM25Okapi over Porter-stemmed words minus the same stop words, title and body as
one text). Printed: MAP (for known-item search, the mean reciprocal rank) and nDCG@10 over the
best 1,000, and ours' mean ms a query (parse and rank, on a warm index; no snippets). The
indexes are built through ``NewsIndex.add_articles`` (spaCy included: about 8,000 articles);
with ``--work DIR`` they are kept there and reused by the next run.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.common import DATA  # noqa: E402
from eval.ranking_time import metrics, or_query, rank_bm25_run  # noqa: E402
from eval.reuters_requests import REQUESTS  # noqa: E402
from eval.reuters_requests2 import REQUESTS as REQUESTS2  # noqa: E402
from searchengine import NewsIndex  # noqa: E402

REUTERS = DATA / "reuters21578"
POLNEAR = DATA / "polnear"
NEWS = DATA / "news"
DEPTH = 1000
STATE_DEPT_ARTICLES = 1000
_STORY = re.compile(r"<REUTERS.*?</REUTERS>", re.DOTALL)
_TAG = {k: re.compile(rf"<{k}>(.*?)</{k}>", re.DOTALL) for k in ("TOPICS", "TITLE", "BODY")}
_D = re.compile(r"<D>(.*?)</D>")
_DESCRIBED = re.compile(r"^(.+?)\s+\(([A-Z-]+)\)\s*$")
# Commodity codes that are run-together words, not one word of English.
_NOT_WORDS = {"ALUM", "CASTORSEED", "CITRUSPULP", "CORNGLUTENFEED", "PALMKERNEL", "SUNSEED"}

Doc = dict  # {"id", "title", "text"} as given to NewsIndex.add_articles
Query = tuple[str, set[str]]  # (query text, ids of the relevant articles)


def stop_words() -> frozenset[str]:
    from whoosh.analysis import STOP_WORDS

    return STOP_WORDS


def _clean(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"&#\d+;", " ", text)).split())


def reuters_stories(limit: int) -> tuple[list[Doc], dict[str, set[str]]]:
    """The first ``limit`` stories with a body, and the ids of the stories of each code."""
    docs: list[Doc] = []
    tags: dict[str, set[str]] = {}
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        for raw in _STORY.findall(path.read_text("latin-1")):
            body = _TAG["BODY"].search(raw)
            if not body or len(docs) >= limit:
                continue
            title = _TAG["TITLE"].search(raw)
            topics = _TAG["TOPICS"].search(raw)
            doc_id = f"reuters-{len(docs)}"
            docs.append({"id": doc_id, "title": _clean(title.group(1)) if title else "",
                         "text": _clean(body.group(1))})
            for code in _D.findall(topics.group(1)) if topics else []:
                tags.setdefault(code.lower(), set()).add(doc_id)
    return docs, tags


def reuters_set(limit: int) -> tuple[list[Doc], list[Query]]:
    """The stories of :func:`reuters_stories`, and the described and one-word codes' queries
    (those that some of the stories are tagged with)."""
    docs, tags = reuters_stories(limit)
    return docs, [(text, tags[code]) for text, code in reuters_codes() if code in tags]


def reuters_long_set(limit: int, requests: list[tuple[str, str]] = REQUESTS
                     ) -> tuple[list[Doc], list[Query]]:
    """The same stories, and the long ``requests`` (code, text) of the codes that 2-30 of
    them carry."""
    docs, tags = reuters_stories(limit)
    return docs, [(text, tags[code]) for code, text in requests
                  if 2 <= len(tags.get(code, ())) <= 30]


def reuters_long2_set(limit: int) -> tuple[list[Doc], list[Query]]:
    """The same stories, and the second long set's requests (no word written twice)."""
    return reuters_long_set(limit, REQUESTS2)


def reuters_codes() -> list[tuple[str, str]]:
    """(description, topics code) of the subject, economic-indicator, corporate, energy and
    one-word commodity codes."""
    raw = (REUTERS / "cat-descriptions_120396.txt").read_text("latin-1")
    out, section = [], ""
    for line in raw.splitlines():
        line = line.strip()
        if line.startswith("*") or line.startswith("@"):
            section = line.strip("*@ ").lower()
            continue
        if not line or section.startswith(("currency", "heading", "begin")):
            continue
        if section.startswith(("subject", "economic", "corporate", "energy")):
            m = _DESCRIBED.match(line)
            if m:
                out.append((m.group(1), m.group(2).lower()))
        elif section.startswith("commodity") and re.fullmatch(r"[A-Z]+", line):
            if line not in _NOT_WORDS:
                out.append((line.lower(), line.lower()))
    return out


def known_item_set() -> tuple[list[Doc], list[Query]]:
    """Articles without their titles, and each title as a query for its own article."""
    items: list[tuple[str, str]] = []  # (title, text)
    with open(NEWS / "wikinews-2019-2020" / "wikinews-vanatteveldt-2019-2021.jsonl") as f:
        items += [(d["title"], d["text"]) for d in map(json.loads, f)]
    with open(NEWS / "state-dept-press-2021-2022" / "us-state-dept-press-2021-2022.jsonl") as f:
        for n, line in enumerate(f):
            if n >= STATE_DEPT_ARTICLES:
                break
            d = json.loads(line)
            items.append((d["title"], d["text"]))
    with open(POLNEAR / "metadata.tsv", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["compartment"] not in ("train", "dev"):
                continue
            path = POLNEAR / row["compartment"] / "text" / (row["filename"] + ".txt")
            if path.exists():
                items.append((row["title"], path.read_text("utf-8")))
    docs, queries = [], []
    for n, (title, text) in enumerate(items):
        title, text = " ".join(title.split()), text.strip()
        if title and text:
            docs.append({"id": f"item-{n}", "title": "", "text": text})
            queries.append((title, {f"item-{n}"}))
    return docs, queries


def open_index(path: Path, docs: list[Doc]) -> NewsIndex:
    """The index at ``path``, built from ``docs`` unless it already holds them."""
    index = NewsIndex.create(path)
    if len(index) != len(docs):
        index.close()
        for f in path.iterdir():
            f.unlink()
        index = NewsIndex.create(path)
        index.add_articles(docs)
    return index


def ours_run(index: NewsIndex, queries: list[list[str]]) -> tuple[list[list[str]], float]:
    """Ranked article ids per query through the engine's query path (the best DEPTH, without
    the snippets and stored records a search would also build), and the mean ms a query."""
    from searchengine.engine.collect import collect

    engine = index._engine
    out, elapsed = [], 0.0
    for words in queries:
        if not words:
            out.append([])
            continue
        start = time.perf_counter()
        searcher = engine.searcher()
        q = engine.parse(" OR ".join(words))
        found = collect(searcher, q, None, newest_first=False, limit=DEPTH,
                        lengths=engine._lengths)
        elapsed += time.perf_counter() - start
        out.append([searcher.stored_fields(d)["id"] for d, _ in found.hits])
    return out, 1000 * elapsed / max(1, len(queries))


def rank_bm25_ids(docs: list[Doc], queries: list[list[str]], stop) -> list[list[str]]:
    """rank-bm25's ranking (``ranking_time``'s peer) over title and body, as article ids."""
    ids = [d["id"] for d in docs]
    ranked = rank_bm25_run([d["title"] + " " + d["text"] for d in docs], queries, stop)
    return [[ids[i] for i in run[:DEPTH]] for run in ranked]



def evaluate(index_name: str, docs: list[Doc], queries: list[Query], work: Path) -> dict:
    """{system: (MAP, nDCG@10, ms a query or None)} on one set, over ``work / index_name``."""
    stop = stop_words()
    words = [or_query(text, stop) for text, _ in queries]
    runs, ms = {}, {}
    with open_index(work / index_name, docs) as index:
        ours_run(index, words[:50])  # warm the caches before anything is timed
        runs["ours"], ms["ours"] = ours_run(index, words)
    try:
        runs["rank-bm25"] = rank_bm25_ids(docs, words, stop)
    except ImportError:
        pass
    out = {}
    for system, ranked in runs.items():
        rows = [metrics(r, rel) for r, (_, rel) in zip(ranked, queries, strict=True)]
        means = tuple(sum(r[k] for r in rows) / len(rows) for k in range(2))
        out[system] = (*means, ms.get(system))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=4000, help="Reuters stories indexed")
    ap.add_argument("--work", type=Path, help="keep the indexes here and reuse them")
    args = ap.parse_args()
    if not REUTERS.exists() or not POLNEAR.exists():
        sys.exit(f"needs {DATA} (reuters21578, polnear, news)")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        sets = {  # name: (index, (articles, queries))
            "reuters": ("reuters-ix", reuters_set(args.stories)),
            "reuters-long": ("reuters-ix", reuters_long_set(args.stories)),
            "reuters-long2": ("reuters-ix", reuters_long2_set(args.stories)),
            "known-item": ("known-item-ix", known_item_set()),
        }
        for name, (index_name, (docs, queries)) in sets.items():
            print(f"{name}: {len(queries)} queries, {len(docs):,} articles")
            for system, (ap_, ndcg, ms) in evaluate(index_name, docs, queries, work).items():
                timing = f"  {ms:.1f} ms/query" if ms is not None else ""
                print(f"  {system:14} MAP {ap_:.3f}  nDCG@10 {ndcg:.3f}{timing}")


if __name__ == "__main__":
    main()
