"""Countries a story is about, inferred from the places it names.

News rarely names the country of its dateline city ("HOUSTON, Feb 26 - ...") or of the cities
and states it mentions, yet a place facet should find that story under "United States". Three
sources, each giving a country name that is added to the article's places:

- the dateline city, always when it is known (the most populous city of that name), or the
  state or province the dateline gives ("PORTLAND, Ore., Feb 26 -": a dateline that names
  its state also says which Portland, and which Birmingham the body means);
- a US state, Canadian province or Australian state named as a place;
- a city named as a place with at least ``BODY_MIN_POPULATION`` people and no same-named city
  in another country of a third of its size or more (so "Richmond" gives nothing).

Cities and countries come from the tables in ``data/`` (GeoNames via ``eval/build_places.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .gazetteer import alias_key

DATA = Path(__file__).resolve().parent / "data"
BODY_MIN_POPULATION = 200_000
BODY_DOMINANCE = 3.0  # a named city must be this many times its namesakes abroad
DATELINE_DOMINANCE = 1.0  # the dateline city: the most populous of its name

# Regions named in datelines and text, with their country; AP-style abbreviations included.
_US_STATES = {
    "Alabama": "Ala", "Alaska": "", "Arizona": "Ariz", "Arkansas": "Ark", "California": "Calif",
    "Colorado": "Colo", "Connecticut": "Conn", "Delaware": "Del", "Florida": "Fla",
    "Georgia": "Ga", "Hawaii": "", "Idaho": "", "Illinois": "Ill", "Indiana": "Ind",
    "Iowa": "", "Kansas": "Kan Kans", "Kentucky": "Ky", "Louisiana": "", "Maine": "",
    "Maryland": "Md", "Massachusetts": "Mass", "Michigan": "Mich", "Minnesota": "Minn",
    "Mississippi": "Miss", "Missouri": "Mo", "Montana": "Mont", "Nebraska": "Neb Nebr",
    "Nevada": "Nev", "New Hampshire": "N.H.", "New Jersey": "N.J.", "New Mexico": "N.M.",
    "New York": "N.Y.", "North Carolina": "N.C.", "North Dakota": "N.D.", "Ohio": "",
    "Oklahoma": "Okla", "Oregon": "Ore Oreg", "Pennsylvania": "Pa Penn Penna",
    "Rhode Island": "R.I.", "South Carolina": "S.C.", "South Dakota": "S.D.",
    "Tennessee": "Tenn", "Texas": "Tex", "Utah": "", "Vermont": "Vt", "Virginia": "Va",
    "Washington": "Wash", "West Virginia": "W.Va.", "Wisconsin": "Wis Wisc", "Wyoming": "Wyo",
}
_CA_PROVINCES = {
    "Alberta": "Alta", "British Columbia": "B.C.", "Manitoba": "Man", "New Brunswick": "N.B.",
    "Newfoundland": "Nfld", "Nova Scotia": "N.S.", "Ontario": "Ont", "Quebec": "Que",
    "Saskatchewan": "Sask", "Prince Edward Island": "P.E.I.",
}
_AU_STATES = {
    "New South Wales": "N.S.W.", "Queensland": "Qld", "Victoria": "Vic", "Tasmania": "",
    "Western Australia": "", "South Australia": "",
}
# Names that are also a country's: the country is meant ("Georgia"), never the state.
_REGION_COUNTRIES = (("United States", _US_STATES), ("Canada", _CA_PROVINCES),
                     ("Australia", _AU_STATES))
_MONTH = r"(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?"
# "HOUSTON, Feb 26 -", "PORTLAND, Ore., Feb 26", "AMSTERDAM, 2 March", "BAKU 1996-08-31": one line.
DATELINE = re.compile(
    r"[^\w\n]{0,6}\d{0,4}[^\w\n]{0,6}"
    r"(?P<city>[A-Z][A-Za-z.'\-]*(?:[ \t]+[A-Za-z][A-Za-z.'\-]*){0,3})"
    r"(?:/[A-Za-z. ]+)?[ \t]*,?[ \t]*"
    r"(?:(?P<region>[A-Z][A-Za-z.]{1,14}(?:[ \t][A-Z][A-Za-z.]{1,12})?)(?:[ \t]*[.,])?[ \t]*)?"
    rf"(?:\([^()\n]{{1,30}}\)[ \t]*)?(?:{_MONTH}[ \t]+\d{{1,2}}|\d{{1,2}}[ \t]+{_MONTH}"
    r"|\d{4}-\d\d-\d\d)\b"
)


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """ISO code -> country name."""
    return dict(_rows(DATA / "countries.tsv"))


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Alias keys of every country name (so a country is never read as a city or state)."""
    return frozenset(alias_key(n) for n in _countries().values())


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[str, int, int]]:
    """City name key -> (country code, population, largest namesake elsewhere)."""
    return {k: (cc, int(pop), int(other)) for k, cc, pop, other in _rows(DATA / "cities.tsv")}


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[str, str]]:
    """Region name or abbreviation key -> (region name, country name)."""
    out: dict[str, tuple[str, str]] = {}
    for country, regions in _REGION_COUNTRIES:
        for name, abbrevs in regions.items():
            for variant in (name, *abbrevs.split()):
                out[alias_key(variant)] = (name, country)
    return out


def _rows(path: Path) -> Iterable[list[str]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def region(name: str) -> tuple[str, str] | None:
    """(region, country) of a US state, Canadian province or Australian state, by any of its
    names or abbreviations ("Calif." -> ("California", "United States")); None for countries."""
    key = alias_key(name)
    if key in country_names():
        return None
    return _regions().get(key)


def is_known_place(name: str) -> bool:
    """Whether ``name`` is a city of the tables or a state/province (any case)."""
    key = alias_key(name)
    return key in _cities() or key in _regions()


def city_country(name: str, min_population: int = 0, dominance: float = BODY_DOMINANCE
                 ) -> str | None:
    """Country of the city called ``name`` when it is big enough and unambiguous, else None."""
    key = alias_key(name)
    if key in country_names() or key in _regions():
        return None
    row = _cities().get(key)
    if row is None:
        return None
    cc, pop, other = row
    if pop < min_population or pop < dominance * other:
        return None
    return _countries().get(cc)


def dateline_countries(text: str) -> tuple[str, list[str]]:
    """The dateline's city and the countries of it and its state or province ("", [] when the
    text has no dateline)."""
    m = DATELINE.match(text[:120])
    if not m:
        return "", []
    out = []
    if m["region"] and (r := region(m["region"])):
        out.append(r[1])
    elif m["region"] and alias_key(m["region"]) in country_names():
        out.append(_country_name(m["region"]))
    city = m["city"].strip()
    if alias_key(city) in country_names():
        out.append(_country_name(city))
    elif (r := region(city)) is not None:
        out.append(r[1])
    elif not out and (c := city_country(city.title(), 0, DATELINE_DOMINANCE)):
        out.append(c)
    return city, out


def _country_name(name: str) -> str:
    key = alias_key(name)
    return next(n for n in _countries().values() if alias_key(n) == key)


def inferred_countries(text: str, places: Iterable[str]) -> list[str]:
    """Countries the story is about beyond those it names, in order: from its dateline and
    the regions and big unambiguous cities among ``places`` (canonical place names)."""
    city, out = dateline_countries(text)
    for name in places:
        if alias_key(name) == alias_key(city):
            continue  # "BIRMINGHAM, Ala.": the dateline said which Birmingham
        r = region(name)
        country = r[1] if r else city_country(name, BODY_MIN_POPULATION)
        if country:
            out.append(country)
    return list(dict.fromkeys(out))
