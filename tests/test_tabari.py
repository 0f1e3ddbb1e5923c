"""Importing TABARI/PETRARCH dictionaries: snippets written for these tests, then the real files.

Every name and code in the snippets is invented (Freedonia = XYZ, Sylvania = QRS). The real
dictionaries are read at test time when present, and only aggregate facts are checked.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.actors.kb import KBError, load_user_layer, write_user_layer
from newsgraph.actors.tabari import (
    OFFICE_ROLE,
    default_out,
    import_dictionary,
    read_actors,
    read_agents,
    read_dictionary,
)
from newsgraph.cli import main


def write(tmp_path: Path, text: str, name: str = "test.actors.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def dumped(path: Path, reader: Any = read_actors) -> list[dict[str, Any]]:
    return [e.model_dump(exclude_defaults=True, exclude={"source"}) for e in reader(path)]


def office(sector: str, country: str | None = None, **kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"role": OFFICE_ROLE, "sector": sector, **kw}
    if country:
        out["country"] = country
    return out


# --- actors snippets -------------------------------------------------------------------------

ACTORS: list[tuple[str, list[dict[str, Any]]]] = [
    (
        "# a country and its names\nFREEDONIA_  [XYZ]\n+FREEDONIAN_\n+FREEDONIANS\n+FREEDONIA\n",
        [
            {
                "id": "tabari:freedonia",
                "name": "Freedonia",
                "kind": "country",
                "aliases": [{"text": "Freedonian"}, {"text": "Freedonians"}],
                "code": "XYZ",
                "country": "XYZ",
            }
        ],
    ),
    (
        "ARSENE_LUPIN_  # a comment after the name\n"
        "\t[XYZELI 19800101-19991231]\n\t[XYZGOV 000101-051231]\n\t[XYZELI]\n",
        [
            {
                "id": "tabari:arsene_lupin",
                "name": "Arsene Lupin",
                "kind": "person",
                "code": "XYZELI",
                "country": "XYZ",
                "sector": "ELI",
                "offices": [
                    office("ELI", "XYZ", start=date(1980, 1, 1), end=date(1999, 12, 31)),
                    office("GOV", "XYZ", start=date(2000, 1, 1), end=date(2005, 12, 31)),
                    office("ELI", "XYZ"),
                ],
            }
        ],
    ),
    (
        "ISADORA_QUILL_ [QRSLEG <150601] [QRSGOV >150601]\n+SENATOR_QUILL\n",
        [
            {
                "id": "tabari:isadora_quill",
                "name": "Isadora Quill",
                "kind": "person",
                "aliases": [{"text": "Senator Quill"}],
                "code": "QRSGOV",
                "country": "QRS",
                "sector": "GOV",
                "offices": [
                    office("LEG", "QRS", end=date(2015, 6, 1)),
                    office("GOV", "QRS", start=date(2015, 6, 1)),
                ],
            }
        ],
    ),
    (
        "FREE_MARSH_MILITIA_(FMM)_ [XYZREB]\n+MARSH_FIGHTERS_\n\n"
        "SILVER_VALLEY_FRONT_(SVF)_ [QRSREB]\n+VALLEY_FIGHTERS_\n",
        [
            {
                "id": "tabari:free_marsh_militia_fmm",
                "name": "Free Marsh Militia",
                "kind": "group",
                "aliases": [{"text": "FMM"}, {"text": "Marsh Fighters"}],
                "code": "XYZREB",
                "country": "XYZ",
                "sector": "REB",
            },
            {
                "id": "tabari:silver_valley_front_svf",
                "name": "Silver Valley Front",
                "kind": "group",
                "aliases": [{"text": "SVF"}, {"text": "Valley Fighters"}],
                "code": "QRSREB",
                "country": "QRS",
                "sector": "REB",
            },
        ],
    ),
    (
        "FREEDONIAN_NAVY [XYZMIL]\nSYLVANIAN_HOME_GUARD\n+SHG\n\t[QRSMIL]\n",
        [
            {
                "id": "tabari:freedonian_navy",
                "name": "Freedonian Navy",
                "kind": "organization",
                "code": "XYZMIL",
                "country": "XYZ",
                "sector": "MIL",
            },
            {
                "id": "tabari:sylvanian_home_guard",
                "name": "Sylvanian Home Guard",
                "kind": "organization",
                "aliases": [{"text": "SHG"}],
                "code": "QRSMIL",
                "country": "QRS",
                "sector": "MIL",
            },
        ],
    ),
    (
        "ORDER_OF_THE_GLASS_HERON {a fictional party} [QRSPTY]\n+OGH\n+O.G.H.\n",
        [
            {
                "id": "tabari:order_of_the_glass_heron",
                "name": "Order of the Glass Heron",
                "kind": "organization",
                "aliases": [{"text": "OGH"}, {"text": "O.G.H."}],
                "code": "QRSPTY",
                "country": "QRS",
                "sector": "PTY",
            }
        ],
    ),
    (
        "LEAGUE_OF_LANTERNS_ [IGOLNT]\n",
        [
            {
                "id": "tabari:league_of_lanterns",
                "name": "League of Lanterns",
                "kind": "organization",
                "code": "IGOLNT",
                "sector": "IGO",
            }
        ],
    ),
    (
        "BROKEN_OAR_BRIGADE [QRSREB 19900101-20031231]\n",
        [
            {
                "id": "tabari:broken_oar_brigade",
                "name": "Broken Oar Brigade",
                "kind": "group",
                "code": "QRSREB",
                "country": "QRS",
                "sector": "REB",
                "start": date(1990, 1, 1),
                "end": date(2003, 12, 31),
            }
        ],
    ),
    (
        "MARGOT_VELLACOURT_ [IGOLNT 010101-091231] [---]\n",
        [
            {
                "id": "tabari:margot_vellacourt",
                "name": "Margot Vellacourt",
                "kind": "person",
                "code": "IGOLNT",
                "sector": "IGO",
                "offices": [
                    office("IGO", org="LNT", start=date(2001, 1, 1), end=date(2009, 12, 31))
                ],
            }
        ],
    ),
    (
        "<!-- an XML comment\nspanning lines -->\nTOMAS_BRENNIK_ [ELI]\n; a TABARI comment\n",
        [
            {
                "id": "tabari:tomas_brennik",
                "name": "Tomas Brennik",
                "kind": "person",
                "code": "ELI",
                "sector": "ELI",
                "offices": [office("ELI")],
            }
        ],
    ),
    (
        # the same headword twice with the same code: one entry with both sets of names
        "GREY_LAKE_PORT_AUTHORITY [XYZBUS]\n+GLPA\n"
        "GREY_LAKE_PORT_AUTHORITY [XYZBUS]\n+PORT_BOARD\n",
        [
            {
                "id": "tabari:grey_lake_port_authority",
                "name": "Grey Lake Port Authority",
                "kind": "organization",
                "aliases": [{"text": "GLPA"}, {"text": "Port Board"}],
                "code": "XYZBUS",
                "country": "XYZ",
                "sector": "BUS",
            }
        ],
    ),
    (
        # a person listed in two sections: one entry with both offices
        "ODA_KESTREL_ [QRSGOV 010101-031231]\nODA_KESTREL_ [QRSJUD >040101]\n",
        [
            {
                "id": "tabari:oda_kestrel",
                "name": "Oda Kestrel",
                "kind": "person",
                "code": "QRSJUD",
                "country": "QRS",
                "sector": "JUD",
                "offices": [
                    office("GOV", "QRS", start=date(2001, 1, 1), end=date(2003, 12, 31)),
                    office("JUD", "QRS", start=date(2004, 1, 1)),
                ],
            }
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ACTORS)
def test_actors(tmp_path: Path, text: str, expected: list[dict[str, Any]]) -> None:
    assert dumped(write(tmp_path, text)) == expected


# Each snippet: enough good lines to stay a dictionary, and the (line, warning) it must give.
WARNED: list[tuple[str, int, str, list[str]]] = [
    ("+EARLY_SYNONYM\nGOOD_HERON [XYZGOV]\n", 1, "synonym before any headword", ["good_heron"]),
    ("GOOD_HERON [XYZGOV]\n\t[XYZGOV 2004017-20061201]\n", 2, "not a date", ["good_heron"]),
    (
        "GOOD_HERON [XYZGOV]\nBAD[HERON\nNEXT_HERON [QRSGOV]\n",
        2,
        "cannot read",
        ["good_heron", "next_heron"],
    ),
    ("GOOD_HERON [XYZGOV]\n\t[xyzgov]\n", 2, "is not a CAMEO code", ["good_heron"]),
    ("GOOD_HERON [XYZGOV]\n\t[XYZGOV] EXTRA\n", 2, "cannot read", ["good_heron"]),
    (
        "GOOD_HERON [XYZGOV]\nLOST_HERON\nTHIRD_HERON [QRSMIL]\n",
        2,
        "no code",
        ["good_heron", "third_heron"],
    ),
    ("GOOD_HERON [XYZ 900101-950101] [XYZGOV]\n", 1, "names no sector", ["good_heron"]),
    ("GOOD_HERON [XYZGOV]\nGOOD_HERON [QRSMIL]\n", 2, "redefined", ["good_heron", "good_heron_2"]),
    ("GOOD_HERON [XYZGOV]\n\t[XYZGOV 20121204]\n", 2, "dates must be", ["good_heron"]),
]


@pytest.mark.parametrize(("text", "line", "message", "ids"), WARNED)
def test_actor_warnings(tmp_path: Path, text: str, line: int, message: str, ids: list[str]) -> None:
    path = write(tmp_path, text)
    entries, warnings = read_dictionary(path)
    assert [e.id for e in entries] == [f"tabari:{i}" for i in ids]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}:{line}: ")
    assert message in warnings[0]


def test_read_actors_logs_warnings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, "GOOD_HERON [XYZGOV]\n\t[XYZGOV 20121204]\n")
    with caplog.at_level(logging.WARNING, logger="newsgraph.actors.tabari"):
        assert [e.id for e in read_actors(path)] == ["tabari:good_heron"]
    assert f"{path}:2: " in caplog.text


def test_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "old.actors"
    path.write_bytes("JOSÉ_MARTEL_ [XYZGOV >990101]\n".encode("latin-1"))
    assert [(e.id, e.name) for e in read_actors(path)] == [("tabari:jose_martel", "José Martel")]


# --- agents snippets -------------------------------------------------------------------------

AGENTS: list[tuple[str, list[dict[str, Any]]]] = [
    (
        "LIGHTHOUSE_KEEPER [~CVL]\n",
        [
            {
                "id": "tabari:lighthouse_keeper",
                "name": "lighthouse keeper",
                "kind": "role",
                "aliases": [{"text": "lighthouse keepers", "form": "role"}],
                "sector": "CVL",
            }
        ],
    ),
    (
        "SEA_CAPTAIN {SEA_CAPTAINS_OF_OLD} [~BUS]  # an irregular plural\n"
        "HARBOUR_POLICE {} [~COP]\n",
        [
            {
                "id": "tabari:sea_captain",
                "name": "sea captain",
                "kind": "role",
                "aliases": [{"text": "sea captains of old", "form": "role"}],
                "sector": "BUS",
            },
            {
                "id": "tabari:harbour_police",
                "name": "harbour police",
                "kind": "role",
                "sector": "COP",
            },
        ],
    ),
    (
        "!SMITH! = SMITH, SMITHS, WRIGHT, WRIGHTS\nCART!SMITH! [~LAB]\n",
        [
            {
                "id": "tabari:cart_smith",
                "name": "cartsmith",
                "kind": "role",
                "aliases": [
                    {"text": "cartsmiths", "form": "role"},
                    {"text": "cartwright", "form": "role"},
                    {"text": "cartwrights", "form": "role"},
                ],
                "sector": "LAB",
            }
        ],
    ),
    (
        "NAVAL_CADET [~MILEDU]\nMARSH_RAIDER [~REB]\nRELIEF_SOCIETY [NGO~]\n",
        [
            {
                "id": "tabari:naval_cadet",
                "name": "naval cadet",
                "kind": "role",
                "aliases": [{"text": "naval cadets", "form": "role"}],
                "sector": "MIL",
            },
            {
                "id": "tabari:marsh_raider",
                "name": "marsh raider",
                "kind": "role",
                "aliases": [{"text": "marsh raiders", "form": "role"}],
                "sector": "REB",
            },
            {
                "id": "tabari:relief_society",
                "name": "relief society",
                "kind": "role",
                "aliases": [{"text": "relief societies", "form": "role"}],
                "sector": "NGO",
            },
        ],
    ),
    (
        "COAST_GUARDSMAN [~MIL]\nPKLS_DELEGATE {} [~GOV]\n",
        [
            {
                "id": "tabari:coast_guardsman",
                "name": "coast guardsman",
                "kind": "role",
                "aliases": [{"text": "coast guardsmen", "form": "role"}],
                "sector": "MIL",
            },
            {
                "id": "tabari:pkls_delegate",
                "name": "PKLS delegate",
                "kind": "role",
                "sector": "GOV",
            },
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), AGENTS)
def test_agents(tmp_path: Path, text: str, expected: list[dict[str, Any]]) -> None:
    assert dumped(write(tmp_path, text, "test.agents.txt"), read_agents) == expected


AGENT_WARNED: list[tuple[str, int, str]] = [
    ("FERRY_HAND [~ZZZ]\nDOCK_HAND [~LAB]\n", 1, "ZZZ is not a newsgraph sector"),
    ("FERRY_HAND\nDOCK_HAND [~LAB]\n", 1, "needs one [~CODE]"),
    ("FERRY_HAND [~LAB}\nDOCK_HAND [~LAB]\n", 1, "needs one [~CODE]"),
    ("FERRY_HAND [LAB]\nDOCK_HAND [~LAB]\n", 1, "is not an agent code"),
    ("FERRY!HAND! [~LAB]\nDOCK_HAND [~LAB]\n", 1, "!HAND! is not defined"),
    ("FERRY_HAND {FERRY_HANDS [~LAB]\nDOCK_HAND [~LAB]\n", 1, "cannot read"),
]


@pytest.mark.parametrize(("text", "line", "message"), AGENT_WARNED)
def test_agent_warnings(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text + "NET_HAND [~LAB]\n", "test.agents.txt")
    entries, warnings = read_dictionary(path)
    assert [e.id for e in entries] == ["tabari:dock_hand", "tabari:net_hand"]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}:{line}: ")
    assert message in warnings[0]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("FREEDONIA_ [XYZ]\nDOCK_HAND [~LAB]\nFERRY_HAND [~LAB]\n", {"role"}),
        ("FREEDONIA_ [XYZ]\nSYLVANIA_ [QRS]\nDOCK_HAND [~LAB]\n", {"country"}),
        ("!SMITH! = SMITH, WRIGHT\nCART!SMITH! [~LAB]\nFREEDONIA_ [XYZ]\n", {"role"}),
    ],
)
def test_read_dictionary_tells_the_kind_apart(tmp_path: Path, text: str, kinds: set[str]) -> None:
    entries, _warnings = read_dictionary(write(tmp_path, text, "mixed.txt"))
    assert {e.kind for e in entries} == kinds


# --- not a dictionary ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only comments\n# and more comments\n",
        "The harbour master of Freedonia said on Monday that the ferries would run again.\n"
        "Talks with Sylvania resume next week, officials said.\n",
        "actors:\n  - id: x\n    name: Freedonia\n",
        "term,sector\nferry hand,LAB\ndock hand,LAB\n",
        "--- HARBOUR [030]\n- * TALKS [031]\n- * FERRIES [032]\n",
    ],
)
def test_not_a_dictionary(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text, "notes.txt")
    with pytest.raises(KBError) as err:
        read_dictionary(path)
    assert str(err.value) == f"{path}: not a TABARI/PETRARCH dictionary"


def test_binary_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(b"\x00\x01FREEDONIA_ [XYZ]\n")
    with pytest.raises(KBError, match="not a TABARI/PETRARCH dictionary"):
        read_dictionary(path)
    with pytest.raises(KBError, match="cannot read"):
        read_dictionary(tmp_path / "missing.txt")


def test_wrong_reader(tmp_path: Path) -> None:
    agents = write(tmp_path, "DOCK_HAND [~LAB]\nFERRY_HAND [~LAB]\n", "x.agents.txt")
    with pytest.raises(KBError, match=r"x\.agents\.txt: not a TABARI/PETRARCH dictionary"):
        read_actors(agents)


# --- round trip ------------------------------------------------------------------------------


def test_round_trip(tmp_path: Path) -> None:
    actors = write(tmp_path, "\n".join(text for text, _ in ACTORS))
    agents = write(tmp_path, "\n".join(text for text, _ in AGENTS), "test.agents.txt")
    entries = read_actors(actors) + read_agents(agents)
    assert len(entries) == sum(len(exp) for _, exp in ACTORS + AGENTS)
    out = tmp_path / "layer.yaml"
    assert write_user_layer(entries, out) == len(entries)
    back = load_user_layer(out)
    assert [e.model_dump(exclude={"source"}) for e in back] == [
        e.model_dump(exclude={"source"}) for e in entries
    ]


def test_import_dictionary(tmp_path: Path) -> None:
    path = write(tmp_path, "FREEDONIA_ [XYZ]\nSYLVANIA_ [QRS]\nLOST_HERON\n")
    report = import_dictionary(path, tmp_path / "out.yaml")
    assert (report.actors, report.roles, len(report.warnings)) == (2, 0, 1)
    assert report.summary() == f"2 actors, 0 roles written to {tmp_path / 'out.yaml'} (1 warnings)"
    assert [e.id for e in load_user_layer(tmp_path / "out.yaml")] == [
        "tabari:freedonia",
        "tabari:sylvania",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("freedonia.actors.txt", "freedonia.actors.yaml"),
        ("harbour.agents.txt", "harbour.agents.actors.yaml"),
        ("plain", "plain.actors.yaml"),
    ],
)
def test_default_out(name: str, expected: str) -> None:
    assert default_out(Path("/somewhere") / name) == Path.cwd() / expected


# --- the CLI ---------------------------------------------------------------------------------


def test_cli_import(tmp_path: Path) -> None:
    path = write(tmp_path, "\n".join(text for text, _ in ACTORS) + "\nLOST_HERON\n")
    out = tmp_path / "layer.yaml"
    result = CliRunner().invoke(main, ["actors", "import", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    n = sum(len(exp) for _, exp in ACTORS)
    assert result.stdout.strip() == f"{n} actors, 0 roles written to {out} (1 warnings)"
    assert result.stderr.startswith(f"{path}:")
    assert len(load_user_layer(out)) == n


def test_cli_default_out_and_many_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    good = "".join(f"DOCK_HAND_{i} [~LAB]\n" for i in range(40))
    bad = "".join(f"FERRY_HAND_{i} [~ZZZ]\n" for i in range(25))
    path = write(tmp_path, good + bad, "harbour.agents.txt")
    result = CliRunner().invoke(main, ["actors", "import", str(path)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "harbour.agents.actors.yaml"
    assert result.stdout.strip() == f"0 actors, 40 roles written to {out} (25 warnings)"
    lines = result.stderr.splitlines()
    assert len(lines) == 21 and lines[-1] == "... and 5 more warnings"
    assert out.exists()


def test_cli_refuses_a_non_dictionary(tmp_path: Path) -> None:
    path = write(tmp_path, "Ferries run again, the harbour master said.\n", "notes.txt")
    result = CliRunner().invoke(main, ["actors", "import", str(path)])
    assert result.exit_code == 2
    assert f"error: {path}: not a TABARI/PETRARCH dictionary" in result.stderr
