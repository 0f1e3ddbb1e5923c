"""A small hand-written knowledge base for the actor tests (not the bundled one)."""

from __future__ import annotations

from datetime import date

from newsgraph.actors.index import ActorIndex, build_index, load_lexicon
from newsgraph.actors.kb import Alias, Entry, KnowledgeBase, Office


def country(
    iso: str,
    name: str,
    adj: str,
    demonym: str,
    capital: str,
    *short: str,
    metonyms: tuple[str, ...] = (),
) -> Entry:
    aliases = [Alias(text=s) for s in short] + [
        Alias(text=adj, form="adjective"),
        Alias(text=demonym, form="demonym"),
        Alias(text=capital, form="capital"),
    ]
    aliases += [Alias(text=m, form="metonym") for m in metonyms]
    return Entry(
        id=f"country:{iso}", name=name, kind="country", aliases=aliases, code=iso, country=iso
    )


def person(name: str, *offices: Office, aliases: tuple[str, ...] = ()) -> Entry:
    slug = name.lower().replace(" ", "_")
    return Entry(
        id=f"person:{slug}",
        name=name,
        kind="person",
        aliases=[Alias(text=a) for a in aliases],
        offices=list(offices),
    )


def office(
    role: str,
    sector: str,
    start: str,
    end: str | None = None,
    country: str | None = None,
    org: str | None = None,
) -> Office:
    return Office(
        role=role,
        sector=sector,
        country=country,
        org=org,
        start=date.fromisoformat(start),
        end=date.fromisoformat(end) if end else None,
    )


def org(
    oid: str, name: str, kind: str, code: str, country: str | None, sector: str, *aliases: str
) -> Entry:
    return Entry(
        id=f"org:{oid}",
        name=name,
        kind=kind,
        code=code,
        country=country,
        sector=sector,
        aliases=[Alias(text=a) for a in aliases],
    )


def role(term: str, sector: str) -> Entry:
    return Entry(id=f"role:{term.replace(' ', '_')}", name=term, kind="role", sector=sector)


def small_kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    kb.extend(
        [
            country("IRN", "Iran", "Iranian", "Iranians", "Tehran", "Islamic Republic of Iran"),
            country("ISR", "Israel", "Israeli", "Israelis", "Jerusalem"),
            country(
                "USA",
                "United States",
                "American",
                "Americans",
                "Washington",
                "US",
                "U.S.",
                "America",
                metonyms=("the White House",),
            ),
            country("RUS", "Russia", "Russian", "Russians", "Moscow", metonyms=("the Kremlin",)),
            country("UKR", "Ukraine", "Ukrainian", "Ukrainians", "Kyiv"),
            country("TCD", "Chad", "Chadian", "Chadians", "N'Djamena"),
            org("EU", "European Union", "organization", "IGOEU", None, "IGO", "EU"),
            org("HAMAS", "Hamas", "group", "PSEREB", "PSE", "REB", "Islamic Resistance Movement"),
            org("HEZBOLLAH", "Hezbollah", "group", "LBNREB", "LBN", "REB"),
            person(
                "Ali Khamenei",
                office("supreme leader", "GOV", "1989-06-04", country="IRN"),
                aliases=("Ayatollah Ali Khamenei",),
            ),
            person(
                "Josep Borrell",
                office("high representative", "IGO", "2019-12-01", "2024-11-30", org="EU"),
            ),
            person(
                "Joe Biden",
                office("vice president", "GOV", "2009-01-20", "2017-01-20", "USA"),
                office("president", "GOV", "2021-01-20", "2025-01-20", "USA"),
            ),
            person(
                "Volodymyr Zelensky",
                office("president", "GOV", "2019-05-20", country="UKR"),
                aliases=("Volodymyr Zelenskyy",),
            ),
            role("troops", "MIL"),
            role("police", "COP"),
            role("foreign ministry", "GOV"),
            role("ministry", "GOV"),
            role("regime", "GOV"),
            role("protesters", "CVL"),
            role("group", "UNK"),
            role("forces", "MIL"),
            role("militants", "REB"),
        ],
        "test",
    )
    return kb


TITLES = {
    "Supreme Leader": "GOV",
    "President": "GOV",
    "spokesman": "GOV",
    "Gen.": "MIL",
    "General": "MIL",
    "Foreign Minister": "GOV",
    "chief": None,
}


def small_index() -> ActorIndex:
    return build_index(small_kb(), TITLES, load_lexicon())
