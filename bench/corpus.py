"""The benchmark corpora, built from ``../shared/data`` (read-only) into a temporary folder.

``real_records()`` gives the news sets (Wikinews, State Department, White House) and the
Reuters-21578 stories that have a body, as plain dicts; Reuters SGML is parsed here (bench
only: latin-1, ``&#N;`` control entities dropped). ``scaled_records(n)`` repeats them to ``n``
articles with distinct ids, shifted dates and the sentences of each paragraph in a varied
order (see docs/performance.md). ``write_jsonl`` lays records out as files to index.
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
NEWS = [
    DATA / "news" / "wikinews-2019-2020" / "wikinews-vanatteveldt-2019-2021.jsonl",
    DATA / "news" / "state-dept-press-2021-2022" / "us-state-dept-press-2021-2022.jsonl",
    DATA
    / "news"
    / "whitehouse-briefing-2021-2022"
    / "us-whitehouse-briefing-room-2021-2022.jsonl.gz",
]
REUTERS = DATA / "reuters21578"
_STORY = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()


def available() -> bool:
    return all(p.exists() for p in NEWS) and REUTERS.exists()


def _tag(story: str, name: str) -> str:
    m = re.search(rf"<{name}>(.*?)</{name}>", story, re.S)
    return m.group(1) if m else ""


def _clean(text: str) -> str:
    text = re.sub(r"&#\d+;", "", text)
    return html.unescape(text).replace("\r", "").strip()


def reuters_records() -> Iterator[dict]:
    """Reuters-21578 stories with a body: id, source, title, date (ISO day), text."""
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        for m in _STORY.finditer(path.read_text("latin-1")):
            story = m.group(2)
            body = _clean(_tag(story, "BODY"))
            if not body:
                continue
            body = re.sub(r"\s*\bReuter\s*$", "", body)
            day, mon, year = _tag(story, "DATE").strip().split()[0].split("-")[:3]
            iso = f"{year}-{_MONTHS.index(mon.upper()) + 1:02d}-{int(day):02d}"
            yield {
                "id": "reuters-" + m.group(1),
                "source": "Reuters",
                "title": _clean(_tag(story, "TITLE")).title(),
                "date": iso,
                "text": body,
            }


def news_records() -> Iterator[dict]:
    """The three news sets, as the project's readers read them."""
    from searchengine.readers import read_file

    for path in NEWS:
        for a in read_file(path):
            yield {
                "id": a.source_id or a.key,
                "source": a.source,
                "url": a.url,
                "title": a.title,
                "date": a.date.date().isoformat() if a.date else None,
                "text": a.text,
            }


def real_records(limit: int = 0) -> list[dict]:
    """All real articles (about 24k); with ``limit``, an even sample of that many."""
    records = list(news_records()) + list(reuters_records())
    if limit and limit < len(records):
        step = len(records) / limit
        records = [records[int(i * step)] for i in range(limit)]
    return records


def write_jsonl(records: list[dict], folder: Path, per_file: int = 1000) -> list[Path]:
    """Write records as JSONL files of ``per_file`` lines each; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, len(records), per_file):
        path = folder / f"part-{start // per_file:04d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for rec in records[start : start + per_file]:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def words(records: list[dict]) -> int:
    return sum(len((r.get("title") or "").split()) + len(r["text"].split()) for r in records)


def vary(record: dict, copy: int, rng: random.Random) -> dict:
    """Copy ``copy`` of a record: new id and URL, date moved by whole weeks, and the
    sentences of each paragraph shuffled (same words, different order and positions)."""
    paragraphs = []
    for para in record["text"].split("\n\n"):
        sentences = re.split(r"(?<=[.!?])\s+", para)
        rng.shuffle(sentences)
        paragraphs.append(" ".join(sentences))
    out = dict(record, text="\n\n".join(paragraphs), id=f"{record['id']}~{copy}")
    if record.get("url"):
        out["url"] = f"{record['url']}#copy{copy}"
    if record.get("date"):
        shifted = date.fromisoformat(record["date"][:10]) + timedelta(weeks=copy * 3)
        out["date"] = shifted.isoformat()
    return out
