"""A compact alias table: frequent entities under one canonical name and type.

``lookup`` maps any spelling variant (case, dots, hyphens and apostrophes ignored) to its
canonical ``(name, type)``. ``ruler_patterns`` turns the organisation entries into
``entity_ruler`` patterns so the small model's mislabellings (e.g. militant groups tagged
PERSON) never reach the index.
"""

from __future__ import annotations

import re
from functools import lru_cache

# (canonical name, variants); the canonical name is a variant too.
_ORGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Al-Qaeda", ("Al Qaeda", "al-Qaeda", "Al-Qaida", "Al Qaida", "Al-Qa'ida", "Al Qa'ida",
                  "Al-Qa’ida", "Al Qa’ida", "Al-Qa'eda", "AQAP")),
    ("Lashkar-e-Tayyiba", ("Lashkar-e-Taiba", "Lashkar-e-Toiba", "Lashkar-e-Tayyaba",
                           "Lashkar-e-Tayiba", "Lashkar-i-Taiba", "Lashkar-e Taiba", "LeT")),
    ("Jaish-e-Mohammed", ("Jaish-e-Mohammad", "Jaish-e-Muhammad", "Jaish-e Mohammad",
                          "Jaish-e Mohammed", "Jaish-i-Mohammed", "Jaish-e-Mohammad", "JeM")),
    ("ISIS", ("ISIL", "Islamic State", "Islamic State group", "Daesh", "Daish",
              "Islamic State of Iraq and Syria", "Islamic State of Iraq and the Levant",
              "Islamic State of Iraq and al-Sham")),
    ("Taliban", ("Afghan Taliban",)),
    ("Tehrik-i-Taliban Pakistan", ("Tehreek-e-Taliban Pakistan", "Tehrik-e-Taliban Pakistan",
                                   "Pakistani Taliban", "TTP")),
    ("Hamas", ("HAMAS",)),
    ("Hezbollah", ("Hizbollah", "Hizballah", "Hizbullah")),
    ("Boko Haram", ()),
    ("Al-Shabaab", ("Al-Shabab", "al Shabaab", "Al Shabab", "Shabaab")),
    ("Muslim Brotherhood", ()),
    ("PKK", ("Kurdistan Workers' Party", "Kurdistan Workers Party")),
    ("FARC", ("Revolutionary Armed Forces of Colombia",)),
    ("United Nations", ("UN", "U.N.", "United Nations Organization")),
    ("UN Security Council", ("U.N. Security Council", "United Nations Security Council",
                             "UNSC")),
    ("European Union", ("EU", "E.U.")),
    ("European Commission", ()),
    ("NATO", ("Nato", "N.A.T.O.", "North Atlantic Treaty Organization",
              "North Atlantic Treaty Organisation")),
    ("World Health Organization", ("World Health Organisation",)),
    ("World Bank", ()),
    ("International Monetary Fund", ("IMF",)),
    ("World Trade Organization", ("WTO", "World Trade Organisation")),
    ("OPEC", ("Organization of the Petroleum Exporting Countries",)),
    ("ASEAN", ("Association of Southeast Asian Nations",)),
    ("African Union", ()),
    ("FBI", ("F.B.I.", "Federal Bureau of Investigation")),
    ("CIA", ("C.I.A.", "Central Intelligence Agency")),
    ("National Security Agency", ("NSA",)),
    ("Department of Homeland Security", ("DHS", "Homeland Security Department")),
    ("Department of Justice", ("DOJ", "Justice Department", "U.S. Justice Department",
                               "US Justice Department")),
    ("State Department", ("U.S. State Department", "US State Department",
                          "Department of State", "U.S. Department of State")),
    ("Department of Defense", ("DOD", "DoD", "Defense Department", "U.S. Defense Department")),
    ("NASA", ("National Aeronautics and Space Administration",)),
    ("Federal Reserve", ("Federal Reserve Board", "U.S. Federal Reserve", "US Federal Reserve")),
    ("Securities and Exchange Commission", ("SEC",)),
    ("Environmental Protection Agency", ("EPA",)),
    ("Centers for Disease Control and Prevention", ("CDC", "Centers for Disease Control")),
    ("Food and Drug Administration", ("FDA",)),
    ("Internal Revenue Service", ("IRS",)),
    ("Immigration and Customs Enforcement", ("ICE", "U.S. Immigration and Customs Enforcement")),
    ("Republican Party", ("GOP", "Republican National Committee")),
    ("Democratic Party", ("Democratic National Committee",)),
    ("Bharatiya Janata Party", ("BJP",)),
    ("G7", ("G-7", "Group of Seven")),
    ("G20", ("G-20", "Group of Twenty", "Group of 20")),
    ("Twitter", ()),
    ("Facebook", ()),
    ("Pfizer", ("Pfizer Inc",)),
    ("Moderna", ("Moderna Inc",)),
    ("Moody's", ("Moody's Investors Service", "Moody's Investors Service Inc")),
    ("Standard & Poor's", ("Standard and Poor's", "Standard and Poor's Corp",
                           "Standard & Poor's Corp", "S&P")),
)
_PLACES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("United States", ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America")),
    ("United Kingdom", ("UK", "U.K.", "Britain", "Great Britain",
                        "United Kingdom of Great Britain and Northern Ireland")),
    ("United Arab Emirates", ("UAE", "U.A.E.")),
    ("Soviet Union", ("USSR", "U.S.S.R.")),
    ("Russia", ("Russian Federation",)),
    ("China", ("People's Republic of China", "PRC", "Mainland China")),
    ("South Korea", ("Republic of Korea", "ROK")),
    ("North Korea", ("DPRK", "Democratic People's Republic of Korea")),
    ("Washington, D.C.", ("Washington DC", "Washington D.C.", "D.C.")),
    ("Kyiv", ("Kiev",)),
    ("Indo-Pacific", ("Indo Pacific",)),
    # Countries renamed since (same state, new name): one facet value for both.
    ("Myanmar", ("Burma",)),
    ("Cambodia", ("Kampuchea",)),
    ("Democratic Republic of the Congo", ("Zaire", "DR Congo", "DRC")),
    ("Eswatini", ("Swaziland",)),
    ("Samoa", ("Western Samoa",)),
    ("Czech Republic", ("Czechia",)),
    ("Cape Verde", ("Cabo Verde",)),
    ("Ivory Coast", ("Côte d'Ivoire", "Cote d'Ivoire")),
    ("East Timor", ("Timor-Leste", "Timor Leste")),
)
_OTHER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("COVID-19", ("COVID", "Covid", "Covid-19", "COVID19", "coronavirus disease 2019")),
)
# All-caps or common-word variants that must not be matched as raw phrases.
_NOT_IN_RULER = frozenset({"ICE", "SEC", "IS", "WHO", "ROK", "PRC"})

_DROP_CHARS = re.compile(r"[.'’‘`]")
_SPACE_CHARS = re.compile(r"[\s\-‐–]+")


def alias_key(name: str) -> str:
    """Comparison key: lowercase, dots and apostrophes dropped, hyphens as spaces."""
    return _SPACE_CHARS.sub(" ", _DROP_CHARS.sub("", name.lower())).strip()


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for entries, etype in ((_ORGS, "org"), (_PLACES, "place"), (_OTHER, "other")):
        for canonical, variants in entries:
            for v in (canonical, *variants):
                table[alias_key(v)] = (canonical, etype)
    return table


def lookup(name: str) -> tuple[str, str] | None:
    """Canonical ``(name, type)`` for a known alias, else None."""
    return _table().get(alias_key(name))


def _surface_variants(name: str) -> set[str]:
    out = {name, name.replace("’", "'"), name.replace("'", "’")}
    out |= {v.replace("-", " ") for v in out}
    out |= {v[0].lower() + v[1:] for v in out if v.lower().startswith("al")}
    return out


def ruler_patterns() -> list[dict]:
    """``entity_ruler`` phrase patterns (label ORG, id = canonical name) for the organisations."""
    patterns = []
    for canonical, variants in _ORGS:
        for v in (canonical, *variants):
            if v in _NOT_IN_RULER:
                continue
            for s in sorted(_surface_variants(v)):
                patterns.append({"label": "ORG", "pattern": s, "id": canonical})
    return patterns
