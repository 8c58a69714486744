"""What a node stores: the real-time index definition and one article as a row of it.

Text fields hold our own analysis (the Whoosh engine's analyzers, token texts joined by
spaces), so both engines stem, fold accents and split words identically and a query
compiled from the same parse matches the same articles. ``title``/``body``/``quote`` are
stemmed; their ``*_exact`` twins and the entity, speaker, source, url and author fields
are not. Facets are 64-bit MVA ids, a stable hash of each value, so every node gives a
value the same id without coordination; ``names_rt`` (written to every node) maps ids
back to values. Dates are signed 64-bit Unix timestamps (the dataset goes back to 1963)
plus year, month and day numbers to count by.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from searchengine.articles import ENTITY_TYPES, Article

RT_INDEX = "news_rt"  # each node's own articles: text and numbers, no strings
DISTRIBUTED_INDEX = "news"  # every node's articles: the local index plus agents
DOCS_RT_INDEX = "docs_rt"  # each node's stored articles (key, JSON), beside news_rt
DOCS_INDEX = "docs"  # every node's stored articles
NAMES_INDEX = "names_rt"  # facet value id -> value, the same on every node
INDEXES = (RT_INDEX, DISTRIBUTED_INDEX, DOCS_RT_INDEX, DOCS_INDEX, NAMES_INDEX)

STEMMED_FIELDS = ("title", "body", "quote")
PLAIN_FIELDS = (
    "title_exact",
    "body_exact",
    "quote_exact",
    "speaker",
    "source",
    "url",
    "author",
    *ENTITY_TYPES,
)
EVERY_FIELD, EVERY_TOKEN = "every", "all"  # one token in every article: pure NOT queries
TEXT_FIELDS = (*STEMMED_FIELDS, *PLAIN_FIELDS, EVERY_FIELD)

# facet name -> MVA attribute
FACET_ATTRS = {
    **{etype: f"{etype}_ids" for etype in ENTITY_TYPES},
    "entity": "entity_ids",
    "speaker": "speaker_ids",
    "source": "source_ids",
}
DATE_ATTRS = {"year": "pub_year", "month": "pub_month", "day": "pub_day"}
UNDATED = -(2**62)  # the timestamp of an article without a date: last when newest first
EPOCH = datetime(1970, 1, 1)

# Sphinx splits words on characters outside the table; tokens arrive lower-cased and
# accent-folded, so the table keeps what our tokenizer's \w and "." can produce.
CHARSET_TABLE = (
    "0..9, A..Z->a..z, a..z, _, U+2E, U+C0..U+24F, U+370..U+52F, U+590..U+6FF, "
    "U+900..U+E7F, U+1E00..U+1FFF, U+3040..U+30FF, U+3400..U+4DBF, U+4E00..U+9FFF, "
    "U+AC00..U+D7AF"
)


def value_id(value: str) -> int:
    """A stable 63-bit id for a string (document keys, public ids, facet values)."""
    number = int.from_bytes(hashlib.sha1(value.encode("utf-8")).digest()[:8], "big")
    return (number & (2**63 - 1)) or 1


def rt_index_config(path: str) -> str:
    """The ``news_rt``, ``docs_rt`` and ``names_rt`` blocks of a node's configuration."""
    lines = ["index " + RT_INDEX, "{", "    type = rt", f"    path = {path}/{RT_INDEX}"]
    lines += [f"    rt_field = {name}" for name in TEXT_FIELDS]
    lines += ["    rt_attr_bigint = public_id", "    rt_attr_bigint = published"]
    lines += [f"    rt_attr_uint = {attr}" for attr in DATE_ATTRS.values()]
    lines += [f"    rt_attr_multi_64 = {attr}" for attr in FACET_ATTRS.values()]
    lines += [
        "    dict = keywords",
        "    min_infix_len = 2",  # wildcards anywhere in a word, as Whoosh answers them
        f"    charset_table = {CHARSET_TABLE}",
        "    rt_mem_limit = 256M",
        "}",
        "",
        "index " + DOCS_RT_INDEX,
        "{",
        "    type = rt",
        f"    path = {path}/{DOCS_RT_INDEX}",
        "    rt_field = none",
        "    rt_attr_string = key",
        "    rt_attr_string = doc",
        "}",
        "",
        "index " + NAMES_INDEX,
        "{",
        "    type = rt",
        f"    path = {path}/{NAMES_INDEX}",
        "    rt_field = name",
        "    rt_attr_string = value",
        "}",
    ]
    return "\n".join(lines) + "\n"


def distributed_config(agents: list[str]) -> str:
    """The ``news`` and ``docs`` blocks: the local index and one agent per other node
    (host:port of its binary API listener)."""
    lines = []
    for name, local in ((DISTRIBUTED_INDEX, RT_INDEX), (DOCS_INDEX, DOCS_RT_INDEX)):
        lines += ["index " + name, "{", "    type = distributed", f"    local = {local}"]
        lines += [f"    agent = {agent}:{local}" for agent in agents]
        lines += ["    agent_connect_timeout = 500", "    agent_query_timeout = 10000", "}", ""]
    return "\n".join(lines)


class RowBuilder:
    """Turns enriched articles into rows, with the analyzers of the Whoosh schema."""

    def __init__(self) -> None:
        from searchengine.engine.schema import build_schema

        schema = build_schema()
        self._stem = schema["body"].analyzer
        self._plain = schema["body_exact"].analyzer

    def tokens(self, text: str, stemmed: bool) -> str:
        analyzer = self._stem if stemmed else self._plain
        return " ".join(t.text for t in analyzer(text))

    def row(self, article: Article) -> tuple[dict, dict, dict[int, str]]:
        """(news_rt column -> value, docs_rt column -> value, facet value id -> value)."""
        entities = article.entities_by_type()
        speakers = article.speakers()
        quote_text = "\n".join(q.text for q in article.quotes)
        texts = {
            "title": article.title,
            "body": article.text,
            "quote": quote_text,
            "title_exact": article.title,
            "body_exact": article.text,
            "quote_exact": quote_text,
            "speaker": "\n".join(speakers),
            "source": article.source,
            "url": article.url,
            "author": "\n".join(article.authors),
            **{etype: "\n".join(entities[etype]) for etype in ENTITY_TYPES},
        }
        row: dict = {"id": value_id(article.key)}
        for name, text in texts.items():
            row[name] = self.tokens(text, name in STEMMED_FIELDS) if text else ""
        row[EVERY_FIELD] = EVERY_TOKEN
        stored = {
            "id": row["id"],
            "none": "",
            "key": article.key,
            "doc": json.dumps(stored_fields(article, entities), ensure_ascii=False),
        }
        row["public_id"] = value_id(article.id)
        names: dict[int, str] = {}
        values = {
            **entities,
            "speaker": speakers,
            "source": [article.source] if article.source else [],
            "entity": list(dict.fromkeys(n for t in ENTITY_TYPES for n in entities[t])),
        }
        for facet, attr in FACET_ATTRS.items():
            ids = []
            for value in values[facet]:
                vid = value_id(value)
                names[vid] = value
                ids.append(vid)
            row[attr] = tuple(sorted(set(ids)))
        row.update(date_columns(article.date))
        return row, stored, names


def date_columns(date: datetime | None) -> dict[str, int]:
    """``published`` (Unix seconds, UNDATED when missing) and year/month/day numbers (0)."""
    if date is None:
        return {"published": UNDATED, **{attr: 0 for attr in DATE_ATTRS.values()}}
    naive = date.replace(tzinfo=None)  # as the Whoosh engine stores it: wall-clock time
    return {
        "published": timestamp(naive),
        "pub_year": naive.year,
        "pub_month": naive.year * 100 + naive.month,
        "pub_day": naive.year * 10000 + naive.month * 100 + naive.day,
    }


def timestamp(naive: datetime) -> int:
    """Whole seconds since 1970-01-01 (negative before), rounded down."""
    delta = naive - EPOCH
    return delta.days * 86400 + delta.seconds


def stored_fields(article: Article, entities: dict[str, list[str]]) -> dict:
    """What a hit or ``search show`` needs back, as the ``doc`` string attribute's JSON."""
    return {
        "key": article.key,
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "body": article.text,
        "date": article.date.replace(tzinfo=None).isoformat() if article.date else None,
        "url": article.url,
        "source": article.source,
        "authors": list(article.authors),
        "entities": entities,
        "quotes": [q.row() for q in article.quotes],
    }
