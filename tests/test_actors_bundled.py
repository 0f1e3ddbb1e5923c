"""The bundled knowledge base as a user meets it: its size, its facts, the commands over it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.actors.index import default_index
from newsgraph.actors.kb import load_bundled
from newsgraph.actors.recognize import find_actors
from newsgraph.cli import main
from newsgraph.text.segment import segment

KB = load_bundled()
INDEX = default_index()


def test_the_base_is_as_large_as_promised() -> None:
    kinds = [e.kind for e in KB.entries.values()]
    assert kinds.count("country") >= 250
    assert kinds.count("person") >= 1500
    assert kinds.count("organization") + kinds.count("group") >= 600


def test_every_entry_is_well_formed() -> None:
    for entry in KB.entries.values():
        assert entry.name.strip() == entry.name and entry.name, entry.id
        if entry.kind == "person":
            assert entry.offices, entry.id
            for office in entry.offices:
                assert office.country or office.org, entry.id
                assert office.start is None or office.end is None or office.start <= office.end
        if entry.kind in ("organization", "group"):
            assert entry.code, entry.id


def test_offices_point_at_known_countries_and_organisations() -> None:
    countries = {e.code for e in KB.by_kind("country")}
    orgs = {e.id.removeprefix("org:") for e in KB.entries.values() if e.id.startswith("org:")}
    for entry in KB.by_kind("person"):
        for office in entry.offices:
            assert office.country is None or office.country in countries, (entry.id, office)
            assert office.org is None or office.org in orgs, (entry.id, office)


@pytest.mark.parametrize(
    ("text", "when", "name", "code"),
    [
        ("Iran's Supreme Leader Ali Khamenei spoke.", date(2024, 4, 15), "Ali Khamenei", "IRNGOV"),
        (
            "EU foreign policy chief Josep Borrell spoke.",
            date(2024, 4, 15),
            "Josep Borrell",
            "IGOEU",
        ),
        ("Volodymyr Zelensky spoke.", date(2024, 4, 15), "Volodymyr Zelensky", "UKRGOV"),
        ("Hamas fired rockets.", date(2024, 4, 15), "Hamas", None),
        ("Israeli troops moved in.", date(2024, 4, 15), "Israeli troops", "ISRMIL"),
        ("The Kremlin said no.", date(2024, 4, 15), "Government of Russia", "RUSGOV"),
    ],
)
def test_well_known_actors(text: str, when: date, name: str, code: str | None) -> None:
    found = {a.name: a.code for a in find_actors(text, INDEX, when, segment(text))}
    assert name in found
    if code:
        assert found[name] == code


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_lookup_codes_as_of_a_date() -> None:
    code, out, _ = run("actors", "lookup", "Joe Biden", "--date", "2022-06-01")
    assert code == 0 and "code USAGOV on 2022-06-01" in out and "president" in out
    code, out, _ = run("actors", "lookup", "Joe Biden", "--date", "2018-06-01")
    assert "code USAELI" in out


def test_lookup_unknown_name() -> None:
    code, _, err = run("actors", "lookup", "Zzyzx Qwertyuiop")
    assert code == 1 and "no actor of that name" in err


def test_stats() -> None:
    code, out, _ = run("actors", "stats")
    assert code == 0 and "countries and territories" in out and "people" in out


def test_a_user_layer_adds_an_actor_and_a_broken_one_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "mine.yaml"
    good.write_text(
        "actors:\n  - id: org:NORTH_VALLEY_COOP\n    name: North Valley Cooperative\n"
        "    kind: organization\n    code: XYZBUS\n    sector: BUS\n",
        encoding="utf-8",
    )
    code, out, _ = run("actors", "lookup", "North Valley Cooperative", "--actors", str(good))
    assert code == 0 and "XYZBUS" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - id: x\n    name: X\n    kind: wizard\n", encoding="utf-8")
    code, _, err = run("actors", "stats", "--actors", str(bad))
    assert code == 2 and f"{bad}:4: actors.0.kind" in err
    code, out, _ = run("actors", "lookup", "Iran")
    assert code == 0 and "IRN" in out  # the bundled base is untouched by the broken layer


def test_actors_in_an_analysis_and_in_the_store(tmp_path: Path) -> None:
    import newsgraph
    from newsgraph.store import Store
    from newsgraph.store.writer import Stored

    text = (
        "EU to widen sanctions\n\nEU foreign policy chief Josep Borrell said on Monday that "
        "Iranian drone makers would face new sanctions. He spoke in Luxembourg."
    )
    an = newsgraph.analyze(text, published="2024-04-22")
    borrell = next(a for a in an.actors if a.name == "Josep Borrell")
    assert borrell.code == "IGOEU" and [m.text for m in borrell.mentions] == [
        "EU foreign policy chief Josep Borrell",
        "He",
    ]
    with Store(tmp_path / "s.duckdb") as store:
        store.write([Stored(an, "x")])
        rows = store.con.execute(
            "SELECT a.code, count(*) FROM actors a JOIN mentions m USING (article_id, actor_id) "
            "WHERE a.name = 'Josep Borrell' GROUP BY 1"
        ).fetchall()
    assert rows == [("IGOEU", 2)]


@pytest.mark.parametrize(
    ("text", "role", "country"),
    [
        ("Police in Kenya arrested dozens of protesters.", "police", "KEN"),
        ("Rebels from Chad crossed into Sudan and attacked Darfur.", "rebels", "TCD"),
        # Members of these roles come from elsewhere: the place does not give their country.
        ("Peacekeepers in Lebanon came under fire from Israel.", "peacekeepers", None),
    ],
)
def test_the_country_after_a_role(text: str, role: str, country: str | None) -> None:
    import newsgraph

    an = newsgraph.analyze("Story\n\n" + text, published="2024-04-15")
    actor = next(a for a in an.actors if a.name.lower() == role)
    assert actor.country == country


@pytest.mark.parametrize(
    ("text", "code", "country"),
    [
        # A place without an ISO 3166-1 code keeps ours and is filed under its ISO country,
        # whichever side of a dispute the article is on.
        ("Rockets were fired from the Gaza Strip.", "PSG", "PSE"),
        ("Settlers moved into the West Bank.", "PSW", "PSE"),
        ("Abkhazia held a vote.", "ABK", "GEO"),
        ("Northern Cyprus opened a crossing.", "NCY", "CYP"),
        ("Somaliland signed a port deal.", "SML", "SOM"),
        # An ISO territory is its own country.
        ("Greenland held a vote.", "GRL", "GRL"),
    ],
)
def test_areas_are_filed_under_their_iso_country(text: str, code: str, country: str) -> None:
    found = find_actors(text, INDEX, date(2024, 1, 1), segment(text))
    assert [(a.code, a.country) for a in found if a.kind == "country"] == [(code, country)]


def test_a_country_row_of_unknown_kind_or_an_area_without_parent_is_refused(
    tmp_path: Path,
) -> None:
    from newsgraph.actors.kb import COUNTRY_HEADER, KBError, _countries

    for row, problem in [
        ("XAA,Aa,province,,,,,,", "kind must be one of"),
        ("XAB,Ab,area,,,,,,", "needs the ISO country"),
    ]:
        path = tmp_path / "countries.csv"
        path.write_text(",".join(COUNTRY_HEADER) + "\n" + row + "\n", encoding="utf-8")
        with pytest.raises(KBError, match=problem) as err:
            list(_countries(path))
        assert "countries.csv:2" in str(err.value)
