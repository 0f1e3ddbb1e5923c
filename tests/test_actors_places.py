"""Places: cities after a locative word, disambiguated by the countries an article names."""

from __future__ import annotations

import pytest

from actors_kb import small_index
from newsgraph.actors.places import gazetteer, nearest

GAZ = gazetteer(small_index())


@pytest.mark.parametrize(
    ("text", "countries", "expected"),
    [
        ("A strike on its consulate in Damascus killed seven.", set(), [("Damascus", "SYR")]),
        ("Talks in Paris ended.", set(), [("Paris", "FRA")]),
        ("Talks in Paris ended.", {"USA"}, [("Paris", "USA")]),
        ("Fighting near the northern city of Kharkiv went on.", set(), [("Kharkiv", "UKR")]),
        ("Troops withdrew from Iran.", set(), [("Iran", "IRN")]),
        ("Paris said no.", set(), []),
        ("Damascus rejected the claim.", set(), []),
        ("Protesters marched in Tehran and in Kyiv.", set(), [("Tehran", "IRN"), ("Kyiv", "UKR")]),
    ],
)
def test_places(text: str, countries: set[str], expected: list[tuple[str, str]]) -> None:
    places = GAZ.find(text, countries)
    assert [(p.name, p.country) for p in places] == expected
    for p in places:
        assert text[p.start : p.end] == p.name or p.name in text[p.start : p.end]


def test_cities_have_coordinates_and_nearest_picks_the_span() -> None:
    text = "Talks in Doha stalled. Shelling hit homes in Kharkiv."
    places = GAZ.find(text, set())
    second = nearest(places, text.index("Shelling"), len(text))
    assert second is not None and second.name == "Kharkiv"
    assert second.lat is not None and 49 < second.lat < 51
    loc = second.location()
    assert (loc.name, loc.country) == ("Kharkiv", "UKR")
