"""Facet labels on Reuters-21578: are the story's tagged places and people among its entities?

Usage: .venv/bin/python -m eval.reuters_facets [--stories N] [--skip S] [--show K]

Each story with a body and a ``PLACES`` or ``PEOPLE`` tag (the first N of each, in file order,
after skipping S of each) is enriched as indexing does (dateline + body through
:class:`Enricher`; the all-caps title is left out). A tagged place counts as found when a
``place`` entity (named, or inferred from the dateline and the cities and states named) has the
same alias key as the tag (``west-germany`` = "West Germany"; codes such as ``usa`` and old
names such as ``burma`` go through the product's own alias table, so "U.S." finds ``usa``); a
tagged person when the tag's words are all words of a ``person`` entity (``reagan`` in
"Ronald Reagan"). Figures are recall over tags. Stories 0-1,000 were used to tune the place
inference; stories 1,000-2,000 (``--skip 1000``) are held out and reported beside them.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.common import DATA, Row  # noqa: E402
from searchengine.articles import Article  # noqa: E402
from searchengine.enrich import Enricher  # noqa: E402
from searchengine.enrich.gazetteer import alias_key, lookup  # noqa: E402

FOLDER = DATA / "reuters21578"
_STORY = re.compile(r"<REUTERS.*?</REUTERS>", re.DOTALL)
_FIELD = {k: re.compile(rf"<{k}>(.*?)</{k}>", re.DOTALL) for k in ("PLACES", "PEOPLE", "BODY",
                                                                     "DATELINE")}
_D = re.compile(r"<D>(.*?)</D>")
# Reuters codes that are not a name of the place; the rest are names with "-" for spaces.
CODES = {"usa": "United States", "uk": "United Kingdom", "ussr": "Soviet Union",
         "uae": "United Arab Emirates", "yemen-arab-republic": "North Yemen",
         "yemen-demo-republic": "South Yemen", "trinidad-tobago": "Trinidad and Tobago"}


def stories(limit: int, skip: int = 0) -> list[tuple[Article, list[str], list[str]]]:
    """(article, places, people) of the first ``limit`` stories with each kind of tag, after
    the first ``skip`` of each kind."""
    out, n_places, n_people = [], 0, 0
    for path in sorted(FOLDER.glob("reut2-*.sgm")):
        for raw in _STORY.findall(path.read_text("latin-1")):
            body = _FIELD["BODY"].search(raw)
            if not body:
                continue
            tags = {k: _D.findall(m.group(1)) if (m := _FIELD[k].search(raw)) else []
                    for k in ("PLACES", "PEOPLE")}
            has_places, has_people = bool(tags["PLACES"]), bool(tags["PEOPLE"])
            want_places = has_places and skip <= n_places < skip + limit
            want_people = has_people and skip <= n_people < skip + limit
            n_places += has_places
            n_people += has_people
            if not (want_places or want_people):
                continue
            dateline = _FIELD["DATELINE"].search(raw)
            text = (dateline.group(1).strip() + " " if dateline else "") + body.group(1)
            text = html.unescape(re.sub(r"&#\d+;", " ", text)).strip()
            article = Article(text=text)  # the all-caps TITLE would only add spaCy noise
            out.append((article, tags["PLACES"] if want_places else [],
                        tags["PEOPLE"] if want_people else []))
    return out


def place_found(code: str, places: set[str]) -> bool:
    name = CODES.get(code, code.replace("-", " "))
    known = lookup(name)
    return alias_key(known[0] if known else name) in places


def person_found(code: str, people: list[set[str]]) -> bool:
    words = set(alias_key(code).split())
    return any(words <= p for p in people)


def recall(limit: int = 1000, skip: int = 0, show: int = 0) -> dict[str, tuple[int, int]]:
    """(found, total) tags per kind ("places", "people") over one slice of stories."""
    data = stories(limit, skip)
    Enricher(batch_size=64).enrich([a for a, _, _ in data])
    found = {"places": [0, 0], "people": [0, 0]}
    missed: list[str] = []
    for article, places, people in data:
        ents_place = {alias_key(e.name) for e in article.entities if e.type == "place"}
        ents_person = [set(alias_key(e.name).split()) for e in article.entities
                       if e.type == "person"]
        for code in places:
            ok = place_found(code, ents_place)
            found["places"][0] += ok
            found["places"][1] += 1
            if not ok:
                missed.append(f"place {code}: {sorted(ents_place)[:10]} | {article.text[:60]!r}")
        for code in people:
            ok = person_found(code, ents_person)
            found["people"][0] += ok
            found["people"][1] += 1
            if not ok:
                missed.append(f"person {code}: {sorted(e.name for e in article.entities)[:12]}")
    for line in missed[:show]:
        print("  missed", line)
    return {k: (hit, total) for k, (hit, total) in found.items()}


def measure(limit: int = 1000, show: int = 0) -> list[Row]:
    tuned, held_out = recall(limit, 0, show), recall(limit, limit)
    rows = []
    for kind, target in (("places", 0.85), ("people", 0.80)):
        hit, total = tuned[kind]
        h_hit, h_total = held_out[kind]
        rows.append(Row(f"facet labels: {kind}",
                        f"reuters21578 {kind.upper()} tags ({total} tags)",
                        "recall among the story's entities", hit / total, {}, target,
                        f"held-out stories {limit:,}-{2 * limit:,} ({h_total} tags): "
                        f"{h_hit / h_total:.3f}"))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=1000)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    for kind, (hit, total) in recall(args.stories, args.skip, args.show).items():
        print(f"facet labels: {kind}: {hit / total:.3f}  ({hit}/{total} tags, stories "
              f"{args.skip}-{args.skip + args.stories} of each kind)")


if __name__ == "__main__":
    main()
