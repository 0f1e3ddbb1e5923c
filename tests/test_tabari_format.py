"""The TABARI/PETRARCH text format: CAMEO codes, their dates, display names and plurals.

Every name and code is invented (Freedonia = XYZ, Sylvania = QRS).
"""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.actors.tabari_format import display, parse_code, plural, split_code, tabari_date

# --- codes, dates, names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("XYZ", ("XYZ", None)),
        ("XYZGOV", ("XYZ", "GOV")),
        ("QRSREBFMM", ("QRS", "REB")),
        ("QRSABCMIL", ("QRS", "MIL")),  # a region of the country before the sector
        ("XYZABC", ("XYZ", None)),
        ("IGOLNT", (None, "IGO")),
        ("NGOQRSREF", (None, "NGO")),
        ("ELI", (None, "ELI")),
        ("IMGXYZ", (None, None)),
        ("WSTMIL", (None, "MIL")),  # a region, not a country
    ],
)
def test_split_code(text: str, expected: tuple[str | None, str | None]) -> None:
    assert split_code(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20140101", date(2014, 1, 1)),
        ("140101", date(2014, 1, 1)),
        ("300615", date(2030, 6, 15)),
        ("310615", date(1931, 6, 15)),
        ("991231", date(1999, 12, 31)),
        ("19450508", date(1945, 5, 8)),
    ],
)
def test_tabari_date(text: str, expected: date) -> None:
    assert tabari_date(text) == expected


@pytest.mark.parametrize("text", ["2004017", "20140231", "141301", "1401", "2014010101"])
def test_tabari_date_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        tabari_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("XYZGOV", ("XYZGOV", None, None)),
        ("XYZGOV >20100301", ("XYZGOV", date(2010, 3, 1), None)),
        ("XYZGOV > 100301", ("XYZGOV", date(2010, 3, 1), None)),
        ("QRSLEG <891109", ("QRSLEG", None, date(1989, 11, 9))),
        ("QRSMIL 850101-920630", ("QRSMIL", date(1985, 1, 1), date(1992, 6, 30))),
        (" XYZJUD 19850101 - 19920630 ", ("XYZJUD", date(1985, 1, 1), date(1992, 6, 30))),
    ],
)
def test_parse_code(text: str, expected: tuple[str, date | None, date | None]) -> None:
    code = parse_code(text)
    assert code is not None
    assert (code.raw, code.start, code.end) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("xyzgov", "not a CAMEO code"),
        ("~GOV", "not a CAMEO code"),
        ("XYZGOV 20121204", "dates must be"),
        ("XYZGOV =20121204", "dates must be"),
        ("XYZGOV 20100101-20000101", "ends before it starts"),
        ("XYZGOV >2004017", "not a date"),
    ],
)
def test_parse_code_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_code(text)


def test_null_code() -> None:
    assert parse_code("---") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ARSENE_LUPIN_", "Arsene Lupin"),
        ("ORDER_OF_THE_GLASS_HERON", "Order of the Glass Heron"),
        ("THE_GLASS_HERON", "The Glass Heron"),
        ("HASSAN_AL-MARJANI", "Hassan al-Marjani"),
        ("AL-MARJANI_BRIGADE", "Al-Marjani Brigade"),
        ("PATRICK_O'DOWD", "Patrick O'Dowd"),
        ("SAILORS'_FRIEND_SOCIETY", "Sailors' Friend Society"),
        ("CHILDREN'S_LANTERN_FUND", "Children's Lantern Fund"),
        ("XYZ", "XYZ"),  # three letters alone: an acronym
        ("FMM", "FMM"),
        ("PKLS_CONGRESS", "PKLS Congress"),  # no vowel: an acronym anywhere
        ("U.N.L._OBSERVERS", "U.N.L. Observers"),
        ("ZEMBLA", "Zembla"),  # a word, not an acronym
        ("KOVA", "Kova"),
        ("Glass_Heron_McBride", "Glass Heron McBride"),  # the file's own case is kept
        ("JEAN_DE_LA_FONTAINE_CLUB", "Jean de la Fontaine Club"),
    ],
)
def test_display(text: str, expected: str) -> None:
    assert display(text) == expected


def test_display_keeps_known_acronyms() -> None:
    assert display("GHAO", {"GHAO"}) == "GHAO"
    assert display("GHAO") == "Ghao"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HARBOUR_PILOT", "HARBOUR_PILOTS"),
        ("ferry", "ferries"),
        ("day", "days"),
        ("TAX_BOSS", "TAX_BOSSES"),
        ("bus", "buses"),
        ("match", "matches"),
        ("FERRYMAN", "FERRYMEN"),
        ("human", "humans"),
        ("drones", None),
        ("watchmen", None),
    ],
)
def test_plural(text: str, expected: str | None) -> None:
    assert plural(text) == expected
