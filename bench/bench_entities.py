"""Entity post-processing cost per article, beside the spaCy NER it follows, in one run.

    .venv/bin/python bench/bench_entities.py [--limit 2000] [--repeat 5]

Takes an even sample of the real articles (news sets and Reuters-21578, ``bench/corpus.py``),
runs spaCy NER once on each (title + text, as indexing does) and then times, on those spans,
the entity step that indexing runs after NER: layout rules, typing, normalisation and
per-article resolution (``mentions_from_spans`` + ``unique_entities``) and the place inference
(``with_inferred_places``). Prints milliseconds per article (best of ``--repeat`` passes) and
each step's share of the NER time. Run with ``PYTHONPATH=OTHER_CHECKOUT`` to time another
version of the code on the same sample (steps it lacks are reported as absent).
"""

from __future__ import annotations

import argparse
import inspect
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402


def _best(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if not corpus.available():
        sys.exit("bench_entities: ../shared/data is not here")
    import searchengine
    from searchengine.enrich import Enricher
    from searchengine.enrich.entities import mentions_from_spans, unique_entities

    try:
        from searchengine.enrich import with_inferred_places
    except ImportError:
        with_inferred_places = None

    records = corpus.real_records(args.limit)
    texts = [(f"{r['title']}\n\n" if r.get("title") else "") + r["text"] for r in records]
    enricher = Enricher(batch_size=64)
    enricher.spans(texts[:20])  # load the model outside the timing
    t0 = time.perf_counter()
    spans = enricher.spans(texts)
    ner = time.perf_counter() - t0

    entities: list = []

    takes_text = "text" in inspect.signature(mentions_from_spans).parameters

    def entity_step() -> None:
        entities.clear()
        entities.extend(
            unique_entities(mentions_from_spans(s, t) if takes_text else mentions_from_spans(s))
            for s, t in zip(spans, texts, strict=True)
        )

    def place_step() -> None:
        for r, ents in zip(records, entities, strict=True):
            with_inferred_places(r["text"], ents)

    load = None
    if with_inferred_places:
        from searchengine.enrich import places as place_tables

        t0 = time.perf_counter()
        place_tables.city_country("London")  # reads the tables once per process
        load = time.perf_counter() - t0
    step = _best(entity_step, args.repeat)
    places = _best(place_step, args.repeat) if with_inferred_places else None
    n = len(texts)
    print(f"code: {Path(searchengine.__file__).resolve().parents[1]}")
    print(f"{n} articles, {corpus.words(records):,} words")
    print(f"spaCy NER (sm + ruler)     {1000 * ner / n:8.3f} ms/article")
    print(f"entity step                {1000 * step / n:8.3f} ms/article "
          f"({100 * step / ner:.2f}% of NER)")
    if places is None:
        print("place inference            absent in this code")
    else:
        print(f"place inference            {1000 * places / n:8.3f} ms/article "
              f"({100 * places / ner:.2f}% of NER); tables read once in {1000 * load:.0f} ms")


if __name__ == "__main__":
    main()
