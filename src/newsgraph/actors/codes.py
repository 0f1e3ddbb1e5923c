"""Codes of actors (CAMEO/PLOVER style): a country, plus a sector, as of the article's date."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from newsgraph.actors.kb import Entry

if TYPE_CHECKING:
    from newsgraph.actors.index import ActorIndex


@dataclass(frozen=True)
class Coded:
    """What an actor is, as the contract records it."""

    name: str
    kind: str
    code: str | None
    country: str | None
    sector: str | None
    role: str = ""


def _join(country: str | None, sector: str | None) -> str | None:
    if country and sector:
        return country + sector
    return country or None


def _iso(index: ActorIndex, code: str | None) -> str | None:
    """The ISO country of a country code: an area's code (SML) gives the country it is filed
    under (SOM); any other code is its own."""
    place = index.kb.get(f"country:{code}") if code else None
    return place.country if place is not None else code


def code_person(entry: Entry, when: date | None, index: ActorIndex) -> Coded:
    """A person coded by the office held on ``when``; ELI after the last office ended."""
    coded = _code_person(entry, when, index)
    return replace(coded, country=_iso(index, coded.country))


def _code_person(entry: Entry, when: date | None, index: ActorIndex) -> Coded:
    office = entry.office_at(when)
    if office is None and entry.offices:
        ended = [o for o in entry.offices if o.end is not None and when and o.end < when]
        if ended:
            last = max(ended, key=lambda o: o.end or date.min)
            return Coded(
                entry.name,
                "person",
                _join(last.country, "ELI"),
                last.country,
                "ELI",
                f"former {last.role}",
            )
        first = min(entry.offices, key=lambda o: o.start or date.min)
        return Coded(entry.name, "person", first.country, first.country, None, "")
    if office is None:
        return Coded(entry.name, "person", None, None, None)
    if office.org:
        org = index.kb.get(f"org:{office.org}")
        code = org.code if org and org.code else f"IGO{office.org}"
        return Coded(entry.name, "person", code, None, office.sector, office.role)
    return Coded(
        entry.name,
        "person",
        _join(office.country, office.sector),
        office.country,
        office.sector,
        office.role,
    )


def code_entry(
    entry: Entry,
    form: str,
    when: date | None,
    index: ActorIndex,
    modifier: Entry | None = None,
    title_sector: str | None = None,
) -> Coded:
    """A named entity, coded by how the text names it ("Tehran" stands for Iran's government)."""
    if entry.kind == "person":
        return code_person(entry, when, index)
    if entry.kind == "country":
        # An area's code is its own (PSG), its country the ISO one it is filed under (PSE).
        iso, own = entry.country, entry.code or entry.country
        if form in ("capital", "metonym"):
            return Coded(f"Government of {entry.name}", "country", _join(own, "GOV"), iso, "GOV")
        if form == "demonym":
            return Coded(f"{entry.name} (people)", "country", _join(own, "CVL"), iso, "CVL")
        return Coded(entry.name, "country", own, iso, None)
    return Coded(entry.name, entry.kind, entry.code, entry.country, entry.sector)


def code_role(
    entry: Entry | None,
    modifier: Entry | None,
    text: str,
    sector: str | None = None,
    kind: str = "role",
) -> Coded:
    """A role noun or an unknown name, placed in a country or organisation by its modifier."""
    sector = sector or (entry.sector if entry else None)
    country = modifier.country if modifier else None
    if modifier is not None and modifier.kind in ("organization", "group") and modifier.code:
        code = modifier.code if kind != "role" or not sector else _join(modifier.country, sector)
        code = code or modifier.code
    else:
        code = _join(country, sector) if country else None
    return Coded(text, kind, code, country, sector)
