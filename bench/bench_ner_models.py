"""The installed small spaCy model against another English model folder: CoNLL F1 and NER
speed, in one run.

    .venv/bin/python bench/bench_ner_models.py MODEL_DIR [--split eng.testa] [--rounds 3]

MODEL_DIR is an unpacked spaCy model (the folder with ``meta.json``, e.g. ``en_core_web_md``
from a wheel). Both models run as indexing runs them (NER only, with the gazetteer ruler and
our entity step) on the CoNLL split (eng.testa is dev; eng.testb is measure only), then on an
even sample of the real articles (``bench/corpus.py``) for words per second of NER alone. The
project keeps the small model unless both figures argue otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402
from eval.ner_conll import DATA, THREE, detokenise, predicted_spans, read_docs, score  # noqa: E402
from searchengine.enrich import Enricher  # noqa: E402
from searchengine.enrich.nlp import MODEL_NAMES, ner_pipeline  # noqa: E402


def _pipelines(model_dir: Path) -> dict[str, object]:
    from spacy.util import get_package_path, is_package, load_meta

    name = next(n for n in MODEL_NAMES if is_package(n))
    other = load_meta(model_dir / "meta.json")
    label = f"{other['lang']}_{other['name']} {other['version']}"
    return {name: ner_pipeline(name, get_package_path(name)),
            label: ner_pipeline(model_dir, model_dir)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model_dir", type=Path)
    ap.add_argument("--split", default="eng.testa")
    ap.add_argument("--limit", type=int, default=1000, help="real articles for the speed run")
    ap.add_argument("--rounds", type=int, default=3, help="speed runs per model, alternated")
    args = ap.parse_args()
    if not (args.model_dir / "meta.json").exists():
        sys.exit(f"bench_ner_models: no spaCy model in {args.model_dir} (no meta.json)")
    docs = [detokenise(d) for d in read_docs(DATA / args.split)]
    texts = [t for t, *_ in docs]
    records = corpus.real_records(args.limit) if corpus.available() else []
    articles = [r["text"] for r in records]
    words = sum(len(t.split()) for t in articles)
    print(f"{args.split}: {len(docs)} documents; speed: {len(articles)} articles, {words:,} words")
    pipelines = _pipelines(args.model_dir)
    f1s, rates = {}, {name: 0.0 for name in pipelines}
    for name, nlp in pipelines.items():
        enricher = Enricher(batch_size=64)
        enricher._nlp = nlp
        predicted = [predicted_spans(m, st, en) for m, (_, st, en, _) in
                     zip(enricher.mentions(texts), docs, strict=True)]
        f1s[name] = score(docs, predicted)
        list(nlp.pipe(articles[:20]))  # warm up
    for _ in range(args.rounds):  # alternate the models: the machine's load changes
        for name, nlp in pipelines.items():
            t0 = time.perf_counter()
            for _ in nlp.pipe(articles, batch_size=64):
                pass
            if articles:
                rates[name] = max(rates[name], words / (time.perf_counter() - t0))
    print(f"{'model':28} {'micro':>6} " + " ".join(f"{k:>6}" for k in THREE)
          + f" {'words/s (best of ' + str(args.rounds) + ')':>20}")
    for name, f1 in f1s.items():
        print(f"{name:28} {f1['micro']:6.3f} " + " ".join(f"{f1[k]:6.3f}" for k in THREE)
              + f" {rates[name]:20,.0f}")


if __name__ == "__main__":
    main()
