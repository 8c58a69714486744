"""Which date does trafilatura-eval's gold take when a page has a publication and an update date?

Usage: .venv/bin/python -m eval.date_convention [--list]

Counts over every dated page (every language; English in brackets):
- declared: the page's JSON-LD ``datePublished``/``dateModified`` (else ``article:published_time``
  / ``article:modified_time``) fall on different days; is the gold the publication day, the
  modification day, or neither?
- shown: the page's text shows an "Updated ..." / "Aktualisiert ..." date on another day than
  the date we give; is the gold ours (the publication date) or the shown update date, split by
  whether the update date is shown before the first shown publication date?
A study of the gold, not a quality row: nothing here is tuned on.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.html_metadata import is_english, load_pages, ours  # noqa: E402
from searchengine.dates import parse_date  # noqa: E402
from searchengine.readers.html import (  # noqa: E402
    _DATE_FORMS,
    _TEXT_DATE,
    _json_ld_objects,
    _meta,
)
from searchengine.readers.htmltext import parse_soup  # noqa: E402

# "Updated May 06, 2019", "Last updated on 20 Feb, 2020", CNN's "Updated 2010 GMT (0410 HKT)
# March 14, 2021", "Aktualisiert am 11.04.2020".
_UPDATED = re.compile(
    r"(?<![^\W_])(?:last\s+updated|updated|aktualisiert)(?:\s+on|\s+am)?:?\s+"
    rf"(?:\d{{4}}\s+GMT\s+\(\d{{4}}\s+HKT\)\s+)?({_DATE_FORMS}|\d{{1,2}}\s+\w{{3,9}},\s+\d{{4}})",
    re.IGNORECASE,
)


def _day(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    parsed = parse_date(value) if isinstance(value, str) else None
    return parsed.strftime("%Y-%m-%d") if parsed else None


def declared(soup) -> tuple[str | None, str | None]:
    """(publication day, modification day) the page's metadata declares."""
    published = modified = None
    for obj in _json_ld_objects(soup):
        published = published or _day(obj.get("datePublished"))
        modified = modified or _day(obj.get("dateModified"))
    meta = _meta(soup)
    published = published or _day(meta.get("article:published_time"))
    modified = modified or _day(meta.get("article:modified_time") or meta.get("og:updated_time"))
    return published, modified


def shown_update(text: str, our_day: str | None) -> tuple[str | None, bool]:
    """(the first "Updated ..." day the text shows, whether it comes before the first shown
    date of ``our_day``)."""
    found = _UPDATED.search(text)
    if not found:
        return None, False
    updated = _day(found.group(1).replace(",", " "))
    first_ours = next(
        (m.start() for m in _TEXT_DATE.finditer(text) if _day(m.group()) == our_day), None
    )
    return updated, first_ours is None or found.start() < first_ours


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="list the pages counted")
    args = ap.parse_args()
    pages = [p for p in load_pages(english_only=False) if p[1].get("date")]
    got = ours(pages)
    counts: Counter = Counter()
    for url, entry, html in pages:
        gold, mine, english = entry["date"], got[url][0], is_english(entry)
        soup = parse_soup(html)
        published, modified = declared(soup)
        rows = []
        if published and modified and published != modified:
            which = {published: "publication", modified: "modification"}.get(gold, "neither")
            rows.append(("declared", which, f"pub {published} mod {modified}"))
        text = " ".join((soup.body or soup).get_text(" ").split())
        updated, first = shown_update(text, mine)
        if updated and updated != mine:
            which = {mine: "ours", updated: "update"}.get(gold, "neither")
            where = "update shown first" if first else "publication shown first"
            rows.append((f"shown, {where}", which, f"ours {mine} updated {updated}"))
        for kind, which, detail in rows:
            counts[(kind, which, "all")] += 1
            counts[(kind, which, "en")] += english
            if args.list:
                language = "en" if english else "  "
                print(f"{kind:32} gold={which:12} {language} {gold} {detail} {url}")
    for kind, which in sorted({(k, w) for k, w, _ in counts}):
        print(f"{kind}: gold = {which}: {counts[(kind, which, 'all')]}"
              f" ({counts[(kind, which, 'en')]} English)")


if __name__ == "__main__":
    main()
