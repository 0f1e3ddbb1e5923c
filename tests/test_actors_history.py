"""The historical knowledge base (1975-2008): office holders by date, old state and body names."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date

import pytest

import newsgraph
from newsgraph.actors.kb import PEOPLE_HEADER, _people, _rows, data_dir, load_bundled

HISTORY = data_dir() / "people" / "history.csv"


def coded(text: str, published: str) -> dict[str, tuple[str | None, str | None]]:
    """Actor name -> (country, code) for one sentence analysed as of ``published``."""
    return {a.name: (a.country, a.code) for a in newsgraph.analyze(text, published).actors}


# (sentence, article date, person the bare or titled surname must resolve to, country, code)
PEOPLE = [
    # Americas
    ("President Bush met allies in Brussels.", "1989-06-01", "George H. W. Bush", "USA", "USAGOV"),
    ("President Bush met allies in Brussels.", "2003-06-01", "George W. Bush", "USA", "USAGOV"),
    # A full name two people share: the one in office on the date.
    ("George Bush met allies in Brussels.", "1990-06-01", "George H. W. Bush", "USA", "USAGOV"),
    ("George Bush met allies in Brussels.", "2003-06-01", "George W. Bush", "USA", "USAGOV"),
    ("Reagan vetoed the bill.", "1986-10-02", "Ronald Reagan", "USA", "USAGOV"),
    ("Pinochet ordered the arrests.", "1980-01-01", "Augusto Pinochet", "CHL", "CHLGOV"),
    ("Menem announced the privatisation.", "1991-01-01", "Carlos Menem", "ARG", "ARGGOV"),
    ("Fidel Castro spoke for four hours.", "1985-07-26", "Fidel Castro", "CUB", "CUBGOV"),
    ("Marulanda met Pastrana in the jungle.", "1999-01-07", "Manuel Marulanda", "COL", "COLREB"),
    ("Marulanda met Pastrana in the jungle.", "1999-01-07", "Andrés Pastrana", "COL", "COLGOV"),
    ("Daniel Ortega rejected the accord.", "1986-05-01", "Daniel Ortega", "NIC", "NICGOV"),
    ("Mulroney called an election.", "1988-10-01", "Brian Mulroney", "CAN", "CANGOV"),
    # Europe
    ("Yeltsin said the reforms would continue.", "1995-03-01", "Boris Yeltsin", "RUS", "RUSGOV"),
    ("Gorbachev met Reagan in Geneva.", "1985-11-19", "Mikhail Gorbachev", "RUS", "RUSGOV"),
    ("Soviet leader Brezhnev died.", "1982-11-10", "Leonid Brezhnev", "RUS", "RUSGOV"),
    ("Mrs Thatcher spoke in Parliament.", "1982-04-10", "Margaret Thatcher", "GBR", "GBRGOV"),
    ("Mitterrand visited Bonn.", "1984-09-22", "François Mitterrand", "FRA", "FRAGOV"),
    ("Chancellor Schmidt said no.", "1979-05-01", "Helmut Schmidt", "DEU", "DEUGOV"),
    ("Honecker resigned.", "1989-10-18", "Erich Honecker", "DEU", "DEUGOV"),
    ("Jaruzelski imposed martial law.", "1981-12-13", "Wojciech Jaruzelski", "POL", "POLGOV"),
    ("Milosevic rejected the ultimatum.", "1999-03-20", "Slobodan Milošević", "SRB", "SRBGOV"),
    ("Tudjman visited Zagreb.", "1995-08-10", "Franjo Tuđman", "HRV", "HRVGOV"),
    ("Kuchma signed the decree.", "1996-06-28", "Leonid Kuchma", "UKR", "UKRGOV"),
    ("Karadzic's forces shelled the city.", "1994-02-05", "Radovan Karadžić", "BIH", "BIHREB"),
    (
        "Foreign Minister Shevardnadze resigned.",
        "1990-12-20",
        "Eduard Shevardnadze",
        "RUS",
        "RUSGOV",
    ),
    # Middle East and South Asia
    ("President Assad received the envoy.", "1990-02-01", "Hafez al-Assad", "SYR", "SYRGOV"),
    ("President Assad received the envoy.", "2005-02-01", "Bashar al-Assad", "SYR", "SYRGOV"),
    ("Rabin and Arafat shook hands.", "1993-09-13", "Yitzhak Rabin", "ISR", "ISRGOV"),
    ("Rabin and Arafat shook hands.", "1993-09-13", "Yasser Arafat", "PSE", "PSEGOV"),
    ("Khomeini issued a fatwa.", "1989-02-14", "Ruhollah Khomeini", "IRN", "IRNGOV"),
    ("Saddam Hussein invaded Kuwait.", "1990-08-02", "Saddam Hussein", "IRQ", "IRQGOV"),
    ("King Hussein met King Fahd.", "1985-01-01", "King Fahd", "SAU", "SAUGOV"),
    ("Sadat flew to Jerusalem.", "1977-11-19", "Anwar Sadat", "EGY", "EGYGOV"),
    ("Ozal met Bush in Ankara.", "1991-07-21", "Turgut Özal", "TUR", "TURGOV"),
    ("Prime Minister Gandhi addressed the nation.", "1983-01-10", "Indira Gandhi", "IND", "INDGOV"),
    ("Prime Minister Gandhi addressed the nation.", "1987-01-10", "Rajiv Gandhi", "IND", "INDGOV"),
    (
        "Prime Minister Bhutto flew to Beijing.",
        "1976-02-01",
        "Zulfikar Ali Bhutto",
        "PAK",
        "PAKGOV",
    ),
    ("Prime Minister Bhutto flew to Beijing.", "1989-02-01", "Benazir Bhutto", "PAK", "PAKGOV"),
    ("Prabhakaran vowed to fight on.", "1995-01-01", "Velupillai Prabhakaran", "LKA", "LKAREB"),
    ("Najibullah addressed the troops.", "1989-02-16", "Mohammad Najibullah", "AFG", "AFGGOV"),
    # Africa
    ("Mobutu fled Kinshasa.", "1997-05-16", "Mobutu Sese Seko", "COD", "CODGOV"),
    ("Mandela opened parliament.", "1995-02-17", "Nelson Mandela", "ZAF", "ZAFGOV"),
    ("Nyerere sent troops into Uganda.", "1979-01-20", "Julius Nyerere", "TZA", "TZAGOV"),
    ("General Obasanjo handed over power.", "1979-09-30", "Olusegun Obasanjo", "NGA", "NGAGOV"),
    ("President Obasanjo visited Lagos.", "2003-01-01", "Olusegun Obasanjo", "NGA", "NGAGOV"),
    ("Mengistu fled to Zimbabwe.", "1991-05-21", "Mengistu Haile Mariam", "ETH", "ETHGOV"),
    ("Savimbi's fighters attacked the town.", "1993-01-01", "Jonas Savimbi", "AGO", "AGOREB"),
    ("Garang's rebels captured the town.", "1997-03-01", "John Garang", "SSD", "SSDREB"),
    ("Kabila's rebels took Kisangani.", "1997-03-15", "Laurent-Désiré Kabila", "COD", "CODREB"),
    ("Sankoh signed the accord in Lome.", "1999-07-07", "Foday Sankoh", "SLE", "SLEREB"),
    # Asia and Oceania
    ("Deng Xiaoping toured the south.", "1992-01-20", "Deng Xiaoping", "CHN", "CHNGOV"),
    ("Suharto resigned.", "1998-05-21", "Suharto", "IDN", "IDNGOV"),
    ("Marcos declared martial law.", "1981-01-01", "Ferdinand Marcos", "PHL", "PHLGOV"),
    (
        "Prime Minister Nakasone visited Washington.",
        "1983-01-18",
        "Yasuhiro Nakasone",
        "JPN",
        "JPNGOV",
    ),
    ("President Kim Il Sung died.", "1994-07-08", "Kim Il Sung", "PRK", "PRKGOV"),
    ("President Kim Dae-jung went to Pyongyang.", "2000-06-13", "Kim Dae-jung", "KOR", "KORGOV"),
    ("Pol Pot's guerrillas attacked.", "1985-03-01", "Pol Pot", "KHM", "KHMREB"),
    ("Hawke called an election.", "1990-02-01", "Bob Hawke", "AUS", "AUSGOV"),
    ("Lange banned nuclear ships.", "1985-02-01", "David Lange", "NZL", "NZLGOV"),
    ("Somare formed a government.", "1982-08-02", "Michael Somare", "PNG", "PNGGOV"),
    # International organisations
    ("Perez de Cuellar urged restraint.", "1988-01-01", "Javier Pérez de Cuéllar", None, "IGOUNO"),
    ("Delors presented the plan.", "1989-04-17", "Jacques Delors", None, "IGOEUEC"),
    ("Salim Ahmed Salim appealed for calm.", "1994-05-01", "Salim Ahmed Salim", None, "IGOAU"),
]


@pytest.mark.parametrize(("text", "when", "name", "country", "code"), PEOPLE)
def test_office_holders_by_date(
    text: str, when: str, name: str, country: str | None, code: str
) -> None:
    found = coded(text, when)
    assert name in found, found
    assert found[name] == (country, code)


# A person is only an office holder while the office lasts: afterwards a former one (ELI).
FORMER = [
    ("Mikhail Gorbachev spoke at the university.", "1995-05-01", "Mikhail Gorbachev", "RUSELI"),
    ("Jimmy Carter monitored the election.", "1990-02-25", "Jimmy Carter", "USAELI"),
    ("Augusto Pinochet was arrested in London.", "1998-10-17", "Augusto Pinochet", "CHLELI"),
    ("Kenneth Kaunda campaigned in Lusaka.", "1996-11-01", "Kenneth Kaunda", "ZMBELI"),
]


@pytest.mark.parametrize(("text", "when", "name", "code"), FORMER)
def test_former_office_holders(text: str, when: str, name: str, code: str) -> None:
    found = coded(text, when)
    assert name in found, found
    assert found[name][1] == code


# Old names of states are coded as the state that continues them (the CAMEO convention).
STATES = [
    ("The Soviet Union deployed new missiles.", "1985-05-01", "RUS"),
    ("The USSR protested.", "1983-09-02", "RUS"),
    ("Soviet troops entered Kabul.", "1979-12-27", "RUS"),
    ("Zaire closed its border.", "1990-04-01", "COD"),
    ("Yugoslavia's army shelled Vukovar.", "1991-10-01", "SRB"),
    ("West Germany signed the treaty.", "1990-05-18", "DEU"),
    ("East Germany opened the border.", "1989-11-09", "DEU"),
    ("Czechoslovakia held elections.", "1990-06-08", "CZE"),
    ("Rhodesia declared independence.", "1975-01-01", "ZWE"),
    ("Ceylon's government fell.", "1975-01-01", "LKA"),
    ("Dahomey's army seized power.", "1972-10-26", "BEN"),
    ("Upper Volta's president spoke.", "1980-01-01", "BFA"),
    ("Kampuchea's forces retreated.", "1979-01-07", "KHM"),
    ("South Yemen and North Yemen merged.", "1990-05-22", "YEM"),
    ("Swaziland's king spoke.", "1990-01-01", "SWZ"),
]


@pytest.mark.parametrize(("text", "when", "country"), STATES)
def test_historical_state_names(text: str, when: str, country: str) -> None:
    countries = {c for c, _code in coded(text, when).values()}
    assert country in countries


# Bodies that no longer exist, coded as their continuing organisation or state sector.
BODIES = [
    ("The OAU condemned the coup.", "1995-04-01", "Organisation of African Unity", "IGOAU"),
    ("The European Community imposed sanctions.", "1986-09-01", "European Community", "IGOEU"),
    ("The EEC raised tariffs.", "1980-01-01", "European Community", "IGOEU"),
    ("GATT talks stalled.", "1990-12-01", "General Agreement on Tariffs and Trade", "IGOWTO"),
    ("The Warsaw Pact was dissolved.", "1991-07-01", "Warsaw Pact", "IGOWARSAWPACT"),
    ("The KGB arrested a diplomat.", "1983-01-01", "KGB", "RUSSPY"),
    ("The Red Army withdrew from Afghanistan.", "1989-02-15", "Soviet Armed Forces", "RUSMIL"),
    ("The Stasi kept files on him.", "1985-01-01", "Ministry for State Security", "DEUSPY"),
    ("The Khmer Rouge attacked.", "1990-01-01", "Khmer Rouge", "KHMREB"),
    ("The Contras signed a truce.", "1988-03-23", "Contras", "NICREB"),
    (
        "The FMLN launched an offensive.",
        "1989-11-11",
        "Farabundo Martí National Liberation Front",
        "SLVREB",
    ),
    ("UNITA shelled the city.", "1993-01-01", "UNITA", "AGOREB"),
]


@pytest.mark.parametrize(("text", "when", "name", "code"), BODIES)
def test_historical_bodies(text: str, when: str, name: str, code: str) -> None:
    found = coded(text, when)
    assert name in found, found
    assert found[name][1] == code


def test_every_history_row_loads() -> None:
    rows = list(_rows(HISTORY, PEOPLE_HEADER))
    people = list(_people(HISTORY))  # raises KBError on a malformed row
    assert len(rows) >= 1500
    assert sum(len(p.offices) for p in people) == len(rows)
    kb = load_bundled()
    for person in people:
        assert kb.get(person.id) is not None, person.id


def test_no_person_holds_one_office_twice_at_once() -> None:
    for person in _people(HISTORY):  # the history file alone: its own rows, merged by name
        held: dict[tuple[str, str], list[tuple[date, date]]] = defaultdict(list)
        for office in person.offices:
            key = (office.role, office.country or office.org or "")
            held[key].append((office.start or date.min, office.end or date.max))
        for key, spans in held.items():
            spans.sort()
            for (_s1, e1), (s2, _e2) in itertools.pairwise(spans):
                assert e1 < s2, (person.name, key)


def test_rows_cover_every_region() -> None:
    kb = load_bundled()
    regions = {
        "Africa": {"NGA", "ZAF", "COD", "ETH", "KEN", "SEN", "AGO", "DZA"},
        "Americas": {"USA", "BRA", "ARG", "MEX", "CHL", "CUB", "COL", "CAN"},
        "Asia": {"CHN", "JPN", "KOR", "PRK", "IDN", "VNM", "THA", "PHL"},
        "Europe": {"GBR", "FRA", "DEU", "RUS", "POL", "SRB", "ITA", "UKR"},
        "Middle East": {"ISR", "EGY", "IRN", "IRQ", "SYR", "SAU", "TUR", "JOR"},
        "Oceania": {"AUS", "NZL", "PNG", "FJI"},
        "South Asia": {"IND", "PAK", "BGD", "LKA", "AFG", "NPL"},
    }
    early = date(1995, 1, 1)
    for region, countries in regions.items():
        for iso in countries:
            holders = [
                p
                for p in kb.by_kind("person")
                for o in p.offices
                if o.country == iso and o.sector == "GOV" and o.start and o.start < early
            ]
            assert holders, (region, iso)
